/* netns-client-spawn.h: NetNsClient's methods for programs inside
 * namespaces: Spawn and Kill.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void     netns_client_spawn        (NetNsClient          *self,
                                    const char           *namespace_name,
                                    const char *const    *argv,
                                    GVariant             *options,
                                    int                   stdin_fd,
                                    int                   stdout_fd,
                                    int                   stderr_fd,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
guint32  netns_client_spawn_finish (NetNsClient          *self,
                                    GAsyncResult         *result,
                                    GError              **error);
guint32  netns_client_spawn_sync   (NetNsClient          *self,
                                    const char           *namespace_name,
                                    const char *const    *argv,
                                    GVariant             *options,
                                    int                   stdin_fd,
                                    int                   stdout_fd,
                                    int                   stderr_fd,
                                    GCancellable         *cancellable,
                                    GError              **error);
void     netns_client_kill        (NetNsClient         *self,
                                   guint32              pid,
                                   int                  signal_number,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean netns_client_kill_finish (NetNsClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error);
gboolean netns_client_kill_sync   (NetNsClient   *self,
                                   guint32        pid,
                                   int            signal_number,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
