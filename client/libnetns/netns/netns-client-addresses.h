/* netns-client-addresses.h: NetNsClient's methods for addresses and
 * routes: AddAddress, RemoveAddress, ListAddresses, AddRoute, RemoveRoute
 * and ListRoutes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void      netns_client_add_address           (NetNsClient         *self,
                                              const char          *namespace_name,
                                              const char          *link,
                                              const char          *address,
                                              GVariant            *options,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  netns_client_add_address_finish    (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
gboolean  netns_client_add_address_sync      (NetNsClient   *self,
                                              const char    *namespace_name,
                                              const char    *link,
                                              const char    *address,
                                              GVariant      *options,
                                              GCancellable  *cancellable,
                                              GError       **error);
void      netns_client_remove_address        (NetNsClient         *self,
                                              const char          *namespace_name,
                                              const char          *link,
                                              const char          *address,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  netns_client_remove_address_finish (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
gboolean  netns_client_remove_address_sync   (NetNsClient   *self,
                                              const char    *namespace_name,
                                              const char    *link,
                                              const char    *address,
                                              GCancellable  *cancellable,
                                              GError       **error);
void      netns_client_list_addresses        (NetNsClient         *self,
                                              const char          *namespace_name,
                                              const char          *link,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char **   netns_client_list_addresses_finish (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
char **   netns_client_list_addresses_sync   (NetNsClient   *self,
                                              const char    *namespace_name,
                                              const char    *link,
                                              GCancellable  *cancellable,
                                              GError       **error);
void      netns_client_add_route             (NetNsClient         *self,
                                              const char          *namespace_name,
                                              const char          *destination,
                                              GVariant            *options,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  netns_client_add_route_finish      (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
gboolean  netns_client_add_route_sync        (NetNsClient   *self,
                                              const char    *namespace_name,
                                              const char    *destination,
                                              GVariant      *options,
                                              GCancellable  *cancellable,
                                              GError       **error);
void      netns_client_remove_route          (NetNsClient         *self,
                                              const char          *namespace_name,
                                              const char          *destination,
                                              GVariant            *options,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  netns_client_remove_route_finish   (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
gboolean  netns_client_remove_route_sync     (NetNsClient   *self,
                                              const char    *namespace_name,
                                              const char    *destination,
                                              GVariant      *options,
                                              GCancellable  *cancellable,
                                              GError       **error);
void      netns_client_list_routes           (NetNsClient         *self,
                                              const char          *namespace_name,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GVariant *netns_client_list_routes_finish    (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
GVariant *netns_client_list_routes_sync      (NetNsClient   *self,
                                              const char    *namespace_name,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
