/* nns-daemon.h: netnsd on the system bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-limits.h"

G_BEGIN_DECLS

#include "nns-bus-names.h"

#define NNS_TYPE_DAEMON (nns_daemon_get_type ())
G_DECLARE_FINAL_TYPE (NnsDaemon, nns_daemon, NNS, DAEMON, GObject)

/* How netnsd was told to run; 0 means the default. */
typedef struct {
  gboolean replace;
  guint    auth_timeout;
  NnsLimits limits;
  guint    max_pending_per_uid;
} NnsDaemonOptions;

NnsDaemon *nns_daemon_new             (GMainLoop              *loop,
                                       const NnsDaemonOptions *options);
void       nns_daemon_start           (NnsDaemon  *self);
int        nns_daemon_get_exit_status (NnsDaemon  *self);

G_END_DECLS
