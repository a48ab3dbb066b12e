/* netns-client-config.h: NetNsClient's methods for a namespace's
 * configuration: SetSysctl and SetDns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void     netns_client_set_sysctl        (NetNsClient         *self,
                                         const char          *namespace_name,
                                         const char          *key,
                                         const char          *value,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean netns_client_set_sysctl_finish (NetNsClient   *self,
                                         GAsyncResult  *result,
                                         GError       **error);
gboolean netns_client_set_sysctl_sync   (NetNsClient   *self,
                                         const char    *namespace_name,
                                         const char    *key,
                                         const char    *value,
                                         GCancellable  *cancellable,
                                         GError       **error);
void     netns_client_set_dns           (NetNsClient         *self,
                                         const char          *namespace_name,
                                         const char *const   *nameservers,
                                         const char *const   *search,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean netns_client_set_dns_finish    (NetNsClient   *self,
                                         GAsyncResult  *result,
                                         GError       **error);
gboolean netns_client_set_dns_sync      (NetNsClient        *self,
                                         const char         *namespace_name,
                                         const char *const  *nameservers,
                                         const char *const  *search,
                                         GCancellable       *cancellable,
                                         GError            **error);

G_END_DECLS
