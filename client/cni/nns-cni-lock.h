/* nns-cni-lock.h: one plugin at a time per network, for what a network's
 * containers share on the host (the bridge, its gateway address, the
 * masquerade), which an ADD makes when it is missing and a DEL removes
 * when the last container goes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the locks live: under /run, so they go with a reboot as netnsd's
 * records do. */
#define NNS_CNI_LOCK_DIR "/run/lock/netnsd-cni"

/* Takes the lock of @network, waiting for it; returns its fd, to close to
 * let go, or -1 when no lock could be made (an unprivileged caller), in
 * which case the plugin goes on without: netnsd's own checks (Exists)
 * still stand between two plugins. */
int nns_cni_lock_network (const char *network);

G_END_DECLS
