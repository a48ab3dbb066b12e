/* netns-client-namespaces.h: NetNsClient's methods for namespaces:
 * CreateNamespace, AttachNamespace, DeleteNamespace and ListNamespaces.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void            netns_client_create_namespace        (NetNsClient          *self,
                                                      const char           *name,
                                                      GVariant             *options,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
NetNsNamespace *netns_client_create_namespace_finish (NetNsClient          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
NetNsNamespace *netns_client_create_namespace_sync   (NetNsClient          *self,
                                                      const char           *name,
                                                      GVariant             *options,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void            netns_client_attach_namespace        (NetNsClient          *self,
                                                      const char           *name,
                                                      int                   netns_fd,
                                                      GVariant             *options,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
NetNsNamespace *netns_client_attach_namespace_finish (NetNsClient          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
NetNsNamespace *netns_client_attach_namespace_sync   (NetNsClient          *self,
                                                      const char           *name,
                                                      int                   netns_fd,
                                                      GVariant             *options,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void      netns_client_delete_namespace        (NetNsClient         *self,
                                                const char          *name,
                                                GVariant            *options,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean  netns_client_delete_namespace_finish (NetNsClient   *self,
                                                GAsyncResult  *result,
                                                GError       **error);
gboolean  netns_client_delete_namespace_sync   (NetNsClient   *self,
                                                const char    *name,
                                                GVariant      *options,
                                                GCancellable  *cancellable,
                                                GError       **error);
void      netns_client_list_namespaces         (NetNsClient         *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GVariant *netns_client_list_namespaces_finish  (NetNsClient   *self,
                                                GAsyncResult  *result,
                                                GError       **error);
GVariant *netns_client_list_namespaces_sync    (NetNsClient   *self,
                                                GCancellable  *cancellable,
                                                GError       **error);

G_END_DECLS
