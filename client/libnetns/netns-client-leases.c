/* netns-client-leases.c: NetNsClient's methods for address leases:
 * LeaseAddress, ReleaseLeases and ListLeases.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-leases.h"

/**
 * netns_client_lease_address:
 * @self: a [class@NetNs.Client]
 * @pool: the address pool, such as a CNI network's name
 * @holder: who holds the lease, such as `"ID/eth0"`
 * @options: (nullable): `ranges` (aa{sv}, required: each `subnet` and
 *   optionally `range-start`, `range-end`, `gateway`) and `address` (s)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Leases an address for @holder from @pool, as CNI's host-local IPAM
 * does, recorded by netnsd so that callers running at once never get one
 * address twice; a holder that has a lease gets the same address again.
 * %NETNS_ERROR_BUSY when no address is free.
 *
 * Calls netnsd's `LeaseAddress` (it needs polkit's
 * `org.example.netns.host`); finish with
 * [method@NetNs.Client.lease_address_finish].
 * [method@NetNs.Client.lease_address_sync] is the blocking form.
 */
void
netns_client_lease_address (NetNsClient         *self,
                            const char          *pool,
                            const char          *holder,
                            GVariant            *options,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (pool != NULL);
  g_return_if_fail (holder != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "LeaseAddress",
                       g_variant_new ("(ss@a{sv})", pool, holder, netns_options (options)),
                       "(ss)", cancellable, callback, user_data, netns_client_lease_address);
}

/**
 * netns_client_lease_address_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @gateway: (out) (optional) (transfer full): the gateway of the range the
 *   address came from
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.lease_address].
 *
 * Returns: (transfer full): the leased address with the subnet's prefix
 *   (`10.88.0.2/16`), or %NULL with @error set
 */
char *
netns_client_lease_address_finish (NetNsClient   *self,
                                   GAsyncResult  *result,
                                   char         **gateway,
                                   GError       **error)
{
  g_autoptr(GVariant) reply = netns_client_invoke_finish (self, result, netns_client_lease_address,
                                                          error);
  char *address;

  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(ss)", &address, gateway);   /* a NULL @gateway is skipped */
  return address;
}

/**
 * netns_client_lease_address_sync:
 * @self: a [class@NetNs.Client]
 * @pool: the address pool
 * @holder: who holds the lease
 * @options: (nullable): options, as for [method@NetNs.Client.lease_address]
 * @gateway: (out) (optional) (transfer full): the gateway of the range
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.lease_address].
 *
 * Returns: (transfer full): the leased address, or %NULL with @error set
 */
char *
netns_client_lease_address_sync (NetNsClient   *self,
                                 const char    *pool,
                                 const char    *holder,
                                 GVariant      *options,
                                 char         **gateway,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (pool != NULL, NULL);
  g_return_val_if_fail (holder != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  netns_client_lease_address (self, pool, holder, options, cancellable, netns_sync_done,
                              netns_sync_begin (&sync, NULL));
  return netns_client_lease_address_finish (self, netns_sync_wait (&sync), gateway, error);
}

/**
 * netns_client_release_leases:
 * @self: a [class@NetNs.Client]
 * @pool: the pool
 * @holders: (array zero-terminated=1): the holders whose leases go; one
 *   that holds none is no error
 * @options: (nullable): `keep-only` (b): release instead every lease whose
 *   holder is not in @holders
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Releases leases of a pool.
 *
 * Calls netnsd's `ReleaseLeases` (its D-Bus documentation says what polkit
 * is asked); finish with [method@NetNs.Client.release_leases_finish].
 * [method@NetNs.Client.release_leases_sync] is the blocking form.
 */
void
netns_client_release_leases (NetNsClient         *self,
                             const char          *pool,
                             const char *const   *holders,
                             GVariant            *options,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (pool != NULL);
  g_return_if_fail (holders != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "ReleaseLeases",
                       g_variant_new ("(s^as@a{sv})", pool, holders, netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_release_leases);
}

/**
 * netns_client_release_leases_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.release_leases].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_release_leases_finish (NetNsClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_release_leases, error);
}

/**
 * netns_client_release_leases_sync:
 * @self: a [class@NetNs.Client]
 * @pool: the pool
 * @holders: (array zero-terminated=1): the holders whose leases go; one
 *   that holds none is no error
 * @options: (nullable): `keep-only` (b): release instead every lease whose
 *   holder is not in @holders
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.release_leases].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_release_leases_sync (NetNsClient        *self,
                                  const char         *pool,
                                  const char *const  *holders,
                                  GVariant           *options,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (pool != NULL, FALSE);
  g_return_val_if_fail (holders != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_release_leases (self, pool, holders, options, cancellable, netns_sync_done,
                               netns_sync_begin (&sync, NULL));
  return netns_client_release_leases_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_leases:
 * @self: a [class@NetNs.Client]
 * @pool: the pool
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists the leases of a pool: one dictionary each (`aa{sv}`) with `holder`,
 * `address` and `gateway`, sorted by address.
 *
 * Calls netnsd's `ListLeases` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.list_leases_finish].
 * [method@NetNs.Client.list_leases_sync] is the blocking form.
 */
void
netns_client_list_leases (NetNsClient         *self,
                          const char          *pool,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (pool != NULL);

  netns_client_invoke (self, "ListLeases",
                       g_variant_new ("(s)", pool),
                       "(aa{sv})", cancellable, callback, user_data, netns_client_list_leases);
}

/**
 * netns_client_list_leases_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_leases].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_leases_finish (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_list_leases, error);
}

/**
 * netns_client_list_leases_sync:
 * @self: a [class@NetNs.Client]
 * @pool: the pool
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_leases].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_leases_sync (NetNsClient   *self,
                               const char    *pool,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (pool != NULL, NULL);

  netns_client_list_leases (self, pool, cancellable, netns_sync_done,
                            netns_sync_begin (&sync, NULL));
  return netns_client_list_leases_finish (self, netns_sync_wait (&sync), error);
}
