/* nns-peers.h: notices callers leaving the bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NNS_TYPE_PEERS (nns_peers_get_type ())
G_DECLARE_FINAL_TYPE (NnsPeers, nns_peers, NNS, PEERS, GObject)

NnsPeers *nns_peers_new (GDBusConnection *connection);

G_END_DECLS
