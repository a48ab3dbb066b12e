/* nns-netns-monitor.h: notices namespaces that other tools add or remove.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NNS_TYPE_NETNS_MONITOR (nns_netns_monitor_get_type ())
G_DECLARE_FINAL_TYPE (NnsNetnsMonitor, nns_netns_monitor, NNS, NETNS_MONITOR, GObject)

NnsNetnsMonitor *nns_netns_monitor_new (const char *path,
                                        GError    **error);

G_END_DECLS
