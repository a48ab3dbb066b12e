/* netns-client-nat.h: NetNsClient's methods for masquerades and port
 * forwards: AddMasquerade, RemoveMasquerade, ListMasquerades,
 * AddPortForward, RemovePortForward and ListPortForwards.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void      netns_client_add_masquerade             (NetNsClient         *self,
                                                   const char          *namespace_name,
                                                   const char          *source,
                                                   GVariant            *options,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean  netns_client_add_masquerade_finish      (NetNsClient   *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
gboolean  netns_client_add_masquerade_sync        (NetNsClient   *self,
                                                   const char    *namespace_name,
                                                   const char    *source,
                                                   GVariant      *options,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
void      netns_client_remove_masquerade          (NetNsClient         *self,
                                                   const char          *namespace_name,
                                                   const char          *source,
                                                   GVariant            *options,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean  netns_client_remove_masquerade_finish   (NetNsClient   *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
gboolean  netns_client_remove_masquerade_sync     (NetNsClient   *self,
                                                   const char    *namespace_name,
                                                   const char    *source,
                                                   GVariant      *options,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
void      netns_client_list_masquerades           (NetNsClient         *self,
                                                   const char          *namespace_name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GVariant *netns_client_list_masquerades_finish    (NetNsClient   *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
GVariant *netns_client_list_masquerades_sync      (NetNsClient   *self,
                                                   const char    *namespace_name,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
void      netns_client_add_port_forward           (NetNsClient         *self,
                                                   const char          *namespace_name,
                                                   const char          *protocol,
                                                   guint16              port,
                                                   const char          *target,
                                                   GVariant            *options,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean  netns_client_add_port_forward_finish    (NetNsClient   *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
gboolean  netns_client_add_port_forward_sync      (NetNsClient   *self,
                                                   const char    *namespace_name,
                                                   const char    *protocol,
                                                   guint16        port,
                                                   const char    *target,
                                                   GVariant      *options,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
void      netns_client_remove_port_forward        (NetNsClient         *self,
                                                   const char          *namespace_name,
                                                   const char          *protocol,
                                                   guint16              port,
                                                   GVariant            *options,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean  netns_client_remove_port_forward_finish (NetNsClient   *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
gboolean  netns_client_remove_port_forward_sync   (NetNsClient   *self,
                                                   const char    *namespace_name,
                                                   const char    *protocol,
                                                   guint16        port,
                                                   GVariant      *options,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
void      netns_client_list_port_forwards         (NetNsClient         *self,
                                                   const char          *namespace_name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GVariant *netns_client_list_port_forwards_finish  (NetNsClient   *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
GVariant *netns_client_list_port_forwards_sync    (NetNsClient   *self,
                                                   const char    *namespace_name,
                                                   GCancellable  *cancellable,
                                                   GError       **error);

G_END_DECLS
