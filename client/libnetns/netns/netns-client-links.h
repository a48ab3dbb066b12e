/* netns-client-links.h: NetNsClient's methods for links: CreateVeth,
 * CreateLink, MoveLink, DeleteLink, SetLink and ListLinks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void      netns_client_create_veth        (NetNsClient         *self,
                                           const char          *namespace_name,
                                           const char          *name,
                                           const char          *peer_namespace,
                                           const char          *peer_name,
                                           GVariant            *options,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  netns_client_create_veth_finish (NetNsClient   *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean  netns_client_create_veth_sync   (NetNsClient   *self,
                                           const char    *namespace_name,
                                           const char    *name,
                                           const char    *peer_namespace,
                                           const char    *peer_name,
                                           GVariant      *options,
                                           GCancellable  *cancellable,
                                           GError       **error);
void      netns_client_create_link        (NetNsClient         *self,
                                           const char          *namespace_name,
                                           const char          *name,
                                           const char          *kind,
                                           GVariant            *options,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  netns_client_create_link_finish (NetNsClient   *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean  netns_client_create_link_sync   (NetNsClient   *self,
                                           const char    *namespace_name,
                                           const char    *name,
                                           const char    *kind,
                                           GVariant      *options,
                                           GCancellable  *cancellable,
                                           GError       **error);
void      netns_client_move_link          (NetNsClient         *self,
                                           const char          *namespace_name,
                                           const char          *name,
                                           const char          *target_namespace,
                                           GVariant            *options,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  netns_client_move_link_finish   (NetNsClient   *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean  netns_client_move_link_sync     (NetNsClient   *self,
                                           const char    *namespace_name,
                                           const char    *name,
                                           const char    *target_namespace,
                                           GVariant      *options,
                                           GCancellable  *cancellable,
                                           GError       **error);
void      netns_client_delete_link        (NetNsClient         *self,
                                           const char          *namespace_name,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  netns_client_delete_link_finish (NetNsClient   *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean  netns_client_delete_link_sync   (NetNsClient   *self,
                                           const char    *namespace_name,
                                           const char    *name,
                                           GCancellable  *cancellable,
                                           GError       **error);
void      netns_client_set_link           (NetNsClient         *self,
                                           const char          *namespace_name,
                                           const char          *name,
                                           GVariant            *changes,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  netns_client_set_link_finish    (NetNsClient   *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean  netns_client_set_link_sync      (NetNsClient   *self,
                                           const char    *namespace_name,
                                           const char    *name,
                                           GVariant      *changes,
                                           GCancellable  *cancellable,
                                           GError       **error);
void      netns_client_list_links         (NetNsClient         *self,
                                           const char          *namespace_name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GVariant *netns_client_list_links_finish  (NetNsClient   *self,
                                           GAsyncResult  *result,
                                           GError       **error);
GVariant *netns_client_list_links_sync    (NetNsClient   *self,
                                           const char    *namespace_name,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
