/* netns-operation.h: the operations of NetNsClient's apply() and
 * apply_with_fds().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

GVariant *netns_operation_new (const char  *method,
                               GVariant    *parameters,
                               GError     **error);
GVariant *netns_operation_new_from_arguments (const char  *method,
                                              GVariant    *arguments,
                                              GError     **error);

/* One for each method Apply takes (netns-operation-methods.c). */
GVariant *netns_operation_create_namespace (const char *name,
                                            GVariant   *options);
GVariant *netns_operation_attach_namespace (const char *name,
                                            int         netns_fd_index,
                                            GVariant   *options);
GVariant *netns_operation_delete_namespace (const char *name,
                                            GVariant   *options);
GVariant *netns_operation_create_veth (const char *namespace_name,
                                       const char *name,
                                       const char *peer_namespace,
                                       const char *peer_name,
                                       GVariant   *options);
GVariant *netns_operation_create_link (const char *namespace_name,
                                       const char *name,
                                       const char *kind,
                                       GVariant   *options);
GVariant *netns_operation_move_link (const char *namespace_name,
                                     const char *name,
                                     const char *target_namespace,
                                     GVariant   *options);
GVariant *netns_operation_delete_link (const char *namespace_name,
                                       const char *name);
GVariant *netns_operation_set_link (const char *namespace_name,
                                    const char *name,
                                    GVariant   *changes);
GVariant *netns_operation_add_address (const char *namespace_name,
                                       const char *link,
                                       const char *address,
                                       GVariant   *options);
GVariant *netns_operation_remove_address (const char *namespace_name,
                                          const char *link,
                                          const char *address);
GVariant *netns_operation_add_route (const char *namespace_name,
                                     const char *destination,
                                     GVariant   *options);
GVariant *netns_operation_remove_route (const char *namespace_name,
                                        const char *destination,
                                        GVariant   *options);
GVariant *netns_operation_set_sysctl (const char *namespace_name,
                                      const char *key,
                                      const char *value);
GVariant *netns_operation_set_dns (const char        *namespace_name,
                                   const char *const *nameservers,
                                   const char *const *search);
GVariant *netns_operation_add_masquerade (const char *namespace_name,
                                          const char *source,
                                          GVariant   *options);
GVariant *netns_operation_remove_masquerade (const char *namespace_name,
                                             const char *source,
                                             GVariant   *options);
GVariant *netns_operation_add_port_forward (const char *namespace_name,
                                            const char *protocol,
                                            guint16     port,
                                            const char *target,
                                            GVariant   *options);
GVariant *netns_operation_remove_port_forward (const char *namespace_name,
                                               const char *protocol,
                                               guint16     port,
                                               GVariant   *options);

G_END_DECLS
