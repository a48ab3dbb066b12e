/* netns-client-addresses.c: NetNsClient's methods for addresses and
 * routes: AddAddress, RemoveAddress, ListAddresses, AddRoute, RemoveRoute
 * and ListRoutes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-addresses.h"

/**
 * netns_client_add_address:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @link: the link
 * @address: a CIDR address, such as `10.200.0.2/24` or `fd00:200::2/64`
 * @options: (nullable): `peer` (s) and `broadcast` (s)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Adds an address to a link, as `ip addr add ADDRESS dev LINK` does;
 * %NETNS_ERROR_EXISTS when the link has it already.
 *
 * Calls netnsd's `AddAddress` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.add_address_finish].
 * [method@NetNs.Client.add_address_sync] is the blocking form.
 */
void
netns_client_add_address (NetNsClient         *self,
                          const char          *namespace_name,
                          const char          *link,
                          const char          *address,
                          GVariant            *options,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (link != NULL);
  g_return_if_fail (address != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "AddAddress",
                       g_variant_new ("(sss@a{sv})", namespace_name, link, address,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_add_address);
}

/**
 * netns_client_add_address_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.add_address].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_address_finish (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_add_address, error);
}

/**
 * netns_client_add_address_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @link: the link
 * @address: a CIDR address, such as `10.200.0.2/24` or `fd00:200::2/64`
 * @options: (nullable): `peer` (s) and `broadcast` (s)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.add_address].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_address_sync (NetNsClient   *self,
                               const char    *namespace_name,
                               const char    *link,
                               const char    *address,
                               GVariant      *options,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (link != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_add_address (self, namespace_name, link, address, options, cancellable,
                            netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_add_address_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_remove_address:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @link: the link
 * @address: the CIDR address to remove
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Removes an address from a link, as `ip addr del` does.
 *
 * Calls netnsd's `RemoveAddress` (its D-Bus documentation says what polkit
 * is asked); finish with [method@NetNs.Client.remove_address_finish].
 * [method@NetNs.Client.remove_address_sync] is the blocking form.
 */
void
netns_client_remove_address (NetNsClient         *self,
                             const char          *namespace_name,
                             const char          *link,
                             const char          *address,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (link != NULL);
  g_return_if_fail (address != NULL);

  netns_client_invoke (self, "RemoveAddress",
                       g_variant_new ("(sss)", namespace_name, link, address),
                       "()", cancellable, callback, user_data, netns_client_remove_address);
}

/**
 * netns_client_remove_address_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.remove_address].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_address_finish (NetNsClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_remove_address, error);
}

/**
 * netns_client_remove_address_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @link: the link
 * @address: the CIDR address to remove
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.remove_address].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_address_sync (NetNsClient   *self,
                                  const char    *namespace_name,
                                  const char    *link,
                                  const char    *address,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (link != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  netns_client_remove_address (self, namespace_name, link, address, cancellable, netns_sync_done,
                               netns_sync_begin (&sync, NULL));
  return netns_client_remove_address_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_addresses:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @link: the link, or `""` for every link
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists the IPv4 and IPv6 addresses of a link (or of every link), in CIDR
 * form.
 *
 * Calls netnsd's `ListAddresses` (its D-Bus documentation says what polkit
 * is asked); finish with [method@NetNs.Client.list_addresses_finish].
 * [method@NetNs.Client.list_addresses_sync] is the blocking form.
 */
void
netns_client_list_addresses (NetNsClient         *self,
                             const char          *namespace_name,
                             const char          *link,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (link != NULL);

  netns_client_invoke (self, "ListAddresses",
                       g_variant_new ("(ss)", namespace_name, link),
                       "(as)", cancellable, callback, user_data, netns_client_list_addresses);
}

/**
 * netns_client_list_addresses_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_addresses].
 *
 * Returns: (transfer full) (array zero-terminated=1): the addresses, or %NULL with @error set
 */
char **
netns_client_list_addresses_finish (NetNsClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return netns_client_invoke_finish_strv (self, result, netns_client_list_addresses, error);
}

/**
 * netns_client_list_addresses_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @link: the link, or `""` for every link
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_addresses].
 *
 * Returns: (transfer full) (array zero-terminated=1): the addresses, or %NULL with @error set
 */
char **
netns_client_list_addresses_sync (NetNsClient   *self,
                                  const char    *namespace_name,
                                  const char    *link,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (link != NULL, NULL);

  netns_client_list_addresses (self, namespace_name, link, cancellable, netns_sync_done,
                               netns_sync_begin (&sync, NULL));
  return netns_client_list_addresses_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_add_route:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @destination: a CIDR network or `default`
 * @options: (nullable): `via` (s), `dev` (s), `metric` (u), `table` (u) and
 *   `src` (s); at least `via` or `dev`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Adds a route, as `ip route add` does.
 *
 * Calls netnsd's `AddRoute` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.add_route_finish].
 * [method@NetNs.Client.add_route_sync] is the blocking form.
 */
void
netns_client_add_route (NetNsClient         *self,
                        const char          *namespace_name,
                        const char          *destination,
                        GVariant            *options,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (destination != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "AddRoute",
                       g_variant_new ("(ss@a{sv})", namespace_name, destination,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_add_route);
}

/**
 * netns_client_add_route_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.add_route].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_route_finish (NetNsClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_add_route, error);
}

/**
 * netns_client_add_route_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @destination: a CIDR network or `default`
 * @options: (nullable): `via` (s), `dev` (s), `metric` (u), `table` (u) and
 *   `src` (s); at least `via` or `dev`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.add_route].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_route_sync (NetNsClient   *self,
                             const char    *namespace_name,
                             const char    *destination,
                             GVariant      *options,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_add_route (self, namespace_name, destination, options, cancellable,
                          netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_add_route_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_remove_route:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @destination: as for [method@NetNs.Client.add_route]
 * @options: (nullable): as for [method@NetNs.Client.add_route]; those given
 *   must match the route
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Removes a route, as `ip route del` does.
 *
 * Calls netnsd's `RemoveRoute` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.remove_route_finish].
 * [method@NetNs.Client.remove_route_sync] is the blocking form.
 */
void
netns_client_remove_route (NetNsClient         *self,
                           const char          *namespace_name,
                           const char          *destination,
                           GVariant            *options,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (destination != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "RemoveRoute",
                       g_variant_new ("(ss@a{sv})", namespace_name, destination,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_remove_route);
}

/**
 * netns_client_remove_route_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.remove_route].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_route_finish (NetNsClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_remove_route, error);
}

/**
 * netns_client_remove_route_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @destination: as for [method@NetNs.Client.add_route]
 * @options: (nullable): as for [method@NetNs.Client.add_route]; those given
 *   must match the route
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.remove_route].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_route_sync (NetNsClient   *self,
                                const char    *namespace_name,
                                const char    *destination,
                                GVariant      *options,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_remove_route (self, namespace_name, destination, options, cancellable,
                             netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_remove_route_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_routes:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists the routes of every table but `local`: one dictionary each
 * (`aa{sv}`) with `destination`, `family`, `via`, `dev`, `metric`, `table`,
 * `src`, `scope`, `protocol` and `type`.
 *
 * Calls netnsd's `ListRoutes` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.list_routes_finish].
 * [method@NetNs.Client.list_routes_sync] is the blocking form.
 */
void
netns_client_list_routes (NetNsClient         *self,
                          const char          *namespace_name,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);

  netns_client_invoke (self, "ListRoutes",
                       g_variant_new ("(s)", namespace_name),
                       "(aa{sv})", cancellable, callback, user_data, netns_client_list_routes);
}

/**
 * netns_client_list_routes_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_routes].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_routes_finish (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_list_routes, error);
}

/**
 * netns_client_list_routes_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_routes].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_routes_sync (NetNsClient   *self,
                               const char    *namespace_name,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (namespace_name != NULL, NULL);

  netns_client_list_routes (self, namespace_name, cancellable, netns_sync_done,
                            netns_sync_begin (&sync, NULL));
  return netns_client_list_routes_finish (self, netns_sync_wait (&sync), error);
}
