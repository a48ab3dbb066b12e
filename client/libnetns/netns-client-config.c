/* netns-client-config.c: NetNsClient's methods for a namespace's
 * configuration: SetSysctl and SetDns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-config.h"

/**
 * netns_client_set_sysctl:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @key: a per-namespace key from netnsd's allowlist, such as
 *   `net.ipv4.ip_forward`
 * @value: the value, such as `1` or `0 2147483647`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Sets a sysctl of the namespace, as `ip netns exec NAME sysctl -w
 * KEY=VALUE` does. A key outside the allowlist fails with
 * %NETNS_ERROR_INVALID_ARGUMENT.
 *
 * Calls netnsd's `SetSysctl` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.set_sysctl_finish].
 * [method@NetNs.Client.set_sysctl_sync] is the blocking form.
 */
void
netns_client_set_sysctl (NetNsClient         *self,
                         const char          *namespace_name,
                         const char          *key,
                         const char          *value,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  netns_client_invoke (self, "SetSysctl",
                       g_variant_new ("(sss)", namespace_name, key, value),
                       "()", cancellable, callback, user_data, netns_client_set_sysctl);
}

/**
 * netns_client_set_sysctl_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.set_sysctl].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_set_sysctl_finish (NetNsClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_set_sysctl, error);
}

/**
 * netns_client_set_sysctl_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @key: a per-namespace key from netnsd's allowlist, such as
 *   `net.ipv4.ip_forward`
 * @value: the value, such as `1` or `0 2147483647`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.set_sysctl].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_set_sysctl_sync (NetNsClient   *self,
                              const char    *namespace_name,
                              const char    *key,
                              const char    *value,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  netns_client_set_sysctl (self, namespace_name, key, value, cancellable, netns_sync_done,
                           netns_sync_begin (&sync, NULL));
  return netns_client_set_sysctl_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_set_dns:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace
 * @nameservers: (array zero-terminated=1) (nullable): up to 3 IP addresses
 * @search: (array zero-terminated=1) (nullable): up to 6 search domains
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Writes the namespace's `/etc/netns/NAME/resolv.conf`, the file its
 * programs see as `/etc/resolv.conf`; no nameservers and no search domains
 * remove it.
 *
 * Calls netnsd's `SetDns` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.set_dns_finish].
 * [method@NetNs.Client.set_dns_sync] is the blocking form.
 */
void
netns_client_set_dns (NetNsClient         *self,
                      const char          *namespace_name,
                      const char *const   *nameservers,
                      const char *const   *search,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);

  netns_client_invoke (self, "SetDns",
                       g_variant_new ("(s^as^as)", namespace_name, netns_strv (nameservers),
                                      netns_strv (search)),
                       "()", cancellable, callback, user_data, netns_client_set_dns);
}

/**
 * netns_client_set_dns_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.set_dns].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_set_dns_finish (NetNsClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_set_dns, error);
}

/**
 * netns_client_set_dns_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace
 * @nameservers: (array zero-terminated=1) (nullable): up to 3 IP addresses
 * @search: (array zero-terminated=1) (nullable): up to 6 search domains
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.set_dns].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_set_dns_sync (NetNsClient        *self,
                           const char         *namespace_name,
                           const char *const  *nameservers,
                           const char *const  *search,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);

  netns_client_set_dns (self, namespace_name, nameservers, search, cancellable, netns_sync_done,
                        netns_sync_begin (&sync, NULL));
  return netns_client_set_dns_finish (self, netns_sync_wait (&sync), error);
}
