/* netns-client-apply.h: NetNsClient's methods for many changes as one, and
 * declared topologies: Apply, GetTopology and ListTopologies.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <netns/netns-client.h>

G_BEGIN_DECLS

void      netns_client_get_topology        (NetNsClient          *self,
                                            const char           *name,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GVariant *netns_client_get_topology_finish (NetNsClient          *self,
                                            GAsyncResult         *result,
                                            guint                *owner,
                                            GError              **error);
GVariant *netns_client_get_topology_sync   (NetNsClient          *self,
                                            const char           *name,
                                            guint                *owner,
                                            GCancellable         *cancellable,
                                            GError              **error);
void      netns_client_apply                  (NetNsClient         *self,
                                               GVariant            *operations,
                                               GVariant            *options,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GVariant *netns_client_apply_finish           (NetNsClient   *self,
                                               GAsyncResult  *result,
                                               GError       **error);
GVariant *netns_client_apply_sync             (NetNsClient   *self,
                                               GVariant      *operations,
                                               GVariant      *options,
                                               GCancellable  *cancellable,
                                               GError       **error);
void      netns_client_apply_with_fds         (NetNsClient         *self,
                                               GVariant            *operations,
                                               GVariant            *options,
                                               const int           *fds,
                                               guint                n_fds,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GVariant *netns_client_apply_with_fds_finish  (NetNsClient   *self,
                                               GAsyncResult  *result,
                                               GError       **error);
GVariant *netns_client_apply_with_fds_sync    (NetNsClient   *self,
                                               GVariant      *operations,
                                               GVariant      *options,
                                               const int     *fds,
                                               guint          n_fds,
                                               GCancellable  *cancellable,
                                               GError       **error);
void      netns_client_list_topologies        (NetNsClient         *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GVariant *netns_client_list_topologies_finish (NetNsClient   *self,
                                               GAsyncResult  *result,
                                               GError       **error);
GVariant *netns_client_list_topologies_sync   (NetNsClient   *self,
                                               GCancellable  *cancellable,
                                               GError       **error);

G_END_DECLS
