/* netns-client-leases.h: NetNsClient's methods for address leases:
 * LeaseAddress, ReleaseLeases and ListLeases.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void      netns_client_lease_address        (NetNsClient          *self,
                                             const char           *pool,
                                             const char           *holder,
                                             GVariant             *options,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char     *netns_client_lease_address_finish (NetNsClient          *self,
                                             GAsyncResult         *result,
                                             char                **gateway,
                                             GError              **error);
char     *netns_client_lease_address_sync   (NetNsClient          *self,
                                             const char           *pool,
                                             const char           *holder,
                                             GVariant             *options,
                                             char                **gateway,
                                             GCancellable         *cancellable,
                                             GError              **error);
void      netns_client_release_leases        (NetNsClient         *self,
                                              const char          *pool,
                                              const char *const   *holders,
                                              GVariant            *options,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  netns_client_release_leases_finish (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
gboolean  netns_client_release_leases_sync   (NetNsClient        *self,
                                              const char         *pool,
                                              const char *const  *holders,
                                              GVariant           *options,
                                              GCancellable       *cancellable,
                                              GError            **error);
void      netns_client_list_leases           (NetNsClient         *self,
                                              const char          *pool,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GVariant *netns_client_list_leases_finish    (NetNsClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error);
GVariant *netns_client_list_leases_sync      (NetNsClient   *self,
                                              const char    *pool,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
