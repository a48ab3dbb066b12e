/* netns-client-links.c: NetNsClient's methods for links: CreateVeth,
 * CreateLink, MoveLink, DeleteLink, SetLink and ListLinks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-links.h"

/**
 * netns_client_create_veth:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace of the first end; `""` is the host
 * @name: the name of the first end
 * @peer_namespace: the namespace of the other end; may be the same
 * @peer_name: the name of the other end
 * @options: (nullable): `mtu` (u), `up` (b), `address` and `peer-address`
 *   (s, MAC)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Creates a veth pair, each end directly in its own namespace, in one
 * request: the kernel makes both ends or neither.
 *
 * Calls netnsd's `CreateVeth` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.create_veth_finish].
 * [method@NetNs.Client.create_veth_sync] is the blocking form.
 */
void
netns_client_create_veth (NetNsClient         *self,
                          const char          *namespace_name,
                          const char          *name,
                          const char          *peer_namespace,
                          const char          *peer_name,
                          GVariant            *options,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (peer_namespace != NULL);
  g_return_if_fail (peer_name != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "CreateVeth",
                       g_variant_new ("(ssss@a{sv})", namespace_name, name, peer_namespace,
                                      peer_name, netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_create_veth);
}

/**
 * netns_client_create_veth_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.create_veth].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_create_veth_finish (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_create_veth, error);
}

/**
 * netns_client_create_veth_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace of the first end; `""` is the host
 * @name: the name of the first end
 * @peer_namespace: the namespace of the other end; may be the same
 * @peer_name: the name of the other end
 * @options: (nullable): `mtu` (u), `up` (b), `address` and `peer-address`
 *   (s, MAC)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.create_veth].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_create_veth_sync (NetNsClient   *self,
                               const char    *namespace_name,
                               const char    *name,
                               const char    *peer_namespace,
                               const char    *peer_name,
                               GVariant      *options,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (peer_namespace != NULL, FALSE);
  g_return_val_if_fail (peer_name != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_create_veth (self, namespace_name, name, peer_namespace, peer_name, options,
                            cancellable, netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_create_veth_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_create_link:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @name: the name of the new link
 * @kind: `bridge`, `macvlan`, `ipvlan`, `vlan`, `vxlan`, `dummy`, `vrf` or
 *   `wireguard`
 * @options: (nullable): `mtu`, `up`, `address`, and the options of the kind
 *   (`parent`, `mode`, `id`, `stp`, ...)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Creates a link of @kind, as `ip link add NAME type KIND` does, in one
 * request. A kind the running kernel lacks fails with
 * %NETNS_ERROR_NOT_SUPPORTED and the kernel's reason.
 *
 * Calls netnsd's `CreateLink` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.create_link_finish].
 * [method@NetNs.Client.create_link_sync] is the blocking form.
 */
void
netns_client_create_link (NetNsClient         *self,
                          const char          *namespace_name,
                          const char          *name,
                          const char          *kind,
                          GVariant            *options,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (kind != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "CreateLink",
                       g_variant_new ("(sss@a{sv})", namespace_name, name, kind,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_create_link);
}

/**
 * netns_client_create_link_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.create_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_create_link_finish (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_create_link, error);
}

/**
 * netns_client_create_link_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @name: the name of the new link
 * @kind: `bridge`, `macvlan`, `ipvlan`, `vlan`, `vxlan`, `dummy`, `vrf` or
 *   `wireguard`
 * @options: (nullable): `mtu`, `up`, `address`, and the options of the kind
 *   (`parent`, `mode`, `id`, `stp`, ...)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.create_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_create_link_sync (NetNsClient   *self,
                               const char    *namespace_name,
                               const char    *name,
                               const char    *kind,
                               GVariant      *options,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_create_link (self, namespace_name, name, kind, options, cancellable,
                            netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_create_link_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_move_link:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace the link is in; `""` is the host
 * @name: the link
 * @target_namespace: where it goes
 * @options: (nullable): `new-name` (s): its name there
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Moves a link to another namespace, as `ip link set NAME netns TARGET`
 * does.
 *
 * Calls netnsd's `MoveLink` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.move_link_finish].
 * [method@NetNs.Client.move_link_sync] is the blocking form.
 */
void
netns_client_move_link (NetNsClient         *self,
                        const char          *namespace_name,
                        const char          *name,
                        const char          *target_namespace,
                        GVariant            *options,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (target_namespace != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "MoveLink",
                       g_variant_new ("(sss@a{sv})", namespace_name, name, target_namespace,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_move_link);
}

/**
 * netns_client_move_link_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.move_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_move_link_finish (NetNsClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_move_link, error);
}

/**
 * netns_client_move_link_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace the link is in; `""` is the host
 * @name: the link
 * @target_namespace: where it goes
 * @options: (nullable): `new-name` (s): its name there
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.move_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_move_link_sync (NetNsClient   *self,
                             const char    *namespace_name,
                             const char    *name,
                             const char    *target_namespace,
                             GVariant      *options,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (target_namespace != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_move_link (self, namespace_name, name, target_namespace, options, cancellable,
                          netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_move_link_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_delete_link:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @name: the link; deleting one end of a veth pair deletes both
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Deletes a link, as `ip link del` does.
 *
 * Calls netnsd's `DeleteLink` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.delete_link_finish].
 * [method@NetNs.Client.delete_link_sync] is the blocking form.
 */
void
netns_client_delete_link (NetNsClient         *self,
                          const char          *namespace_name,
                          const char          *name,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (name != NULL);

  netns_client_invoke (self, "DeleteLink",
                       g_variant_new ("(ss)", namespace_name, name),
                       "()", cancellable, callback, user_data, netns_client_delete_link);
}

/**
 * netns_client_delete_link_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.delete_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_delete_link_finish (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_delete_link, error);
}

/**
 * netns_client_delete_link_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @name: the link; deleting one end of a veth pair deletes both
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.delete_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_delete_link_sync (NetNsClient   *self,
                               const char    *namespace_name,
                               const char    *name,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  netns_client_delete_link (self, namespace_name, name, cancellable, netns_sync_done,
                            netns_sync_begin (&sync, NULL));
  return netns_client_delete_link_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_set_link:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @name: the link
 * @changes: (nullable): any of `up` (b), `mtu` (u), `address` (s, MAC),
 *   `name` (s) and `master` (s, a bridge; `""` takes the link out)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Changes a link, as `ip link set` does: all the changes apply, or none.
 *
 * Calls netnsd's `SetLink` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.set_link_finish].
 * [method@NetNs.Client.set_link_sync] is the blocking form.
 */
void
netns_client_set_link (NetNsClient         *self,
                       const char          *namespace_name,
                       const char          *name,
                       GVariant            *changes,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (netns_options_valid (changes));

  netns_client_invoke (self, "SetLink",
                       g_variant_new ("(ss@a{sv})", namespace_name, name, netns_options (changes)),
                       "()", cancellable, callback, user_data, netns_client_set_link);
}

/**
 * netns_client_set_link_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.set_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_set_link_finish (NetNsClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_set_link, error);
}

/**
 * netns_client_set_link_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @name: the link
 * @changes: (nullable): any of `up` (b), `mtu` (u), `address` (s, MAC),
 *   `name` (s) and `master` (s, a bridge; `""` takes the link out)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.set_link].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_set_link_sync (NetNsClient   *self,
                            const char    *namespace_name,
                            const char    *name,
                            GVariant      *changes,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (changes), FALSE);

  netns_client_set_link (self, namespace_name, name, changes, cancellable, netns_sync_done,
                         netns_sync_begin (&sync, NULL));
  return netns_client_set_link_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_links:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists the links of a namespace as `ip addr` shows them: one dictionary
 * each (`aa{sv}`) with `name`, `index`, `kind`, `up`, `operstate`, `mtu`,
 * `address`, `master` and `addresses`. The namespace's [class@NetNs.Link]
 * objects follow the same links as they change.
 *
 * Calls netnsd's `ListLinks` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.list_links_finish].
 * [method@NetNs.Client.list_links_sync] is the blocking form.
 */
void
netns_client_list_links (NetNsClient         *self,
                         const char          *namespace_name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);

  netns_client_invoke (self, "ListLinks",
                       g_variant_new ("(s)", namespace_name),
                       "(aa{sv})", cancellable, callback, user_data, netns_client_list_links);
}

/**
 * netns_client_list_links_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_links].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_links_finish (NetNsClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_list_links, error);
}

/**
 * netns_client_list_links_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_links].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_links_sync (NetNsClient   *self,
                              const char    *namespace_name,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (namespace_name != NULL, NULL);

  netns_client_list_links (self, namespace_name, cancellable, netns_sync_done,
                           netns_sync_begin (&sync, NULL));
  return netns_client_list_links_finish (self, netns_sync_wait (&sync), error);
}
