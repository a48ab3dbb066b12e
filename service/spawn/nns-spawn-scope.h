/* nns-spawn-scope.h: a spawned program goes into a transient scope of its
 * caller's user slice, where systemd runs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

G_BEGIN_DECLS

gboolean nns_spawn_scope_available    (void);
void     nns_spawn_scope_place_async  (GDBusConnection    *bus,
                                       pid_t               pid,
                                       uid_t               uid,
                                       const char         *description,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean nns_spawn_scope_place_finish (GAsyncResult       *result,
                                       GError            **error);

G_END_DECLS
