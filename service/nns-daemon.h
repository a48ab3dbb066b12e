/* nns-daemon.h: netnsd on the system bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NNS_BUS_NAME "org.example.NetNs"

#define NNS_TYPE_DAEMON (nns_daemon_get_type ())
G_DECLARE_FINAL_TYPE (NnsDaemon, nns_daemon, NNS, DAEMON, GObject)

NnsDaemon *nns_daemon_new             (GMainLoop  *loop,
                                       gboolean    replace,
                                       guint       auth_timeout);
void       nns_daemon_start           (NnsDaemon  *self);
int        nns_daemon_get_exit_status (NnsDaemon  *self);

G_END_DECLS
