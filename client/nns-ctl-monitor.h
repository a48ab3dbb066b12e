/* nns-ctl-monitor.h: what netnsctl monitor's two files share: the events
 * it follows (nns-ctl-monitor.c) and the lines it prints of them
 * (nns-ctl-monitor-print.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-ctl.h"

G_BEGIN_DECLS

/* A link's properties, by the names of NetNsLink's, as JSON values. */
JsonObject *nns_ctl_monitor_link_state      (NetNsLink   *link);

/* A namespace came ("added") or went ("removed"). */
void        nns_ctl_monitor_print_namespace (gboolean     json,
                                             const char  *event,
                                             const char  *name);

/* A link of @namespace ("" the host) came ("added"), went ("removed") or
 * changed ("changed", from @before to @state; other events pass NULL). */
void        nns_ctl_monitor_print_link      (gboolean     json,
                                             const char  *event,
                                             const char  *namespace,
                                             JsonObject  *state,
                                             JsonObject  *before);

G_END_DECLS
