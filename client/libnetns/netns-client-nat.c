/* netns-client-nat.c: NetNsClient's methods for masquerades and port
 * forwards: AddMasquerade, RemoveMasquerade, ListMasquerades,
 * AddPortForward, RemovePortForward and ListPortForwards.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-nat.h"

/**
 * netns_client_add_masquerade:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @source: the network whose packets are masqueraded, in CIDR form with
 *   host bits clear
 * @options: (nullable): `out-link` (s): only packets leaving through that
 *   link
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Packets from @source to addresses outside it, as they leave the
 * namespace, get the address of the link they leave through as their
 * source, in netnsd's own nftables table (`inet netnsd`).
 *
 * Calls netnsd's `AddMasquerade` (its D-Bus documentation says what polkit
 * is asked); finish with [method@NetNs.Client.add_masquerade_finish].
 * [method@NetNs.Client.add_masquerade_sync] is the blocking form.
 */
void
netns_client_add_masquerade (NetNsClient         *self,
                             const char          *namespace_name,
                             const char          *source,
                             GVariant            *options,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (source != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "AddMasquerade",
                       g_variant_new ("(ss@a{sv})", namespace_name, source,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_add_masquerade);
}

/**
 * netns_client_add_masquerade_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.add_masquerade].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_masquerade_finish (NetNsClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_add_masquerade, error);
}

/**
 * netns_client_add_masquerade_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @source: the network whose packets are masqueraded, in CIDR form with
 *   host bits clear
 * @options: (nullable): `out-link` (s): only packets leaving through that
 *   link
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.add_masquerade].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_masquerade_sync (NetNsClient   *self,
                                  const char    *namespace_name,
                                  const char    *source,
                                  GVariant      *options,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_add_masquerade (self, namespace_name, source, options, cancellable,
                               netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_add_masquerade_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_remove_masquerade:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @source: the network, as it was added
 * @options: (nullable): `out-link` (s), as it was added
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Removes a masquerade; %NETNS_ERROR_NOT_FOUND if there is none.
 *
 * Calls netnsd's `RemoveMasquerade` (its D-Bus documentation says what
 * polkit is asked); finish with
 * [method@NetNs.Client.remove_masquerade_finish].
 * [method@NetNs.Client.remove_masquerade_sync] is the blocking form.
 */
void
netns_client_remove_masquerade (NetNsClient         *self,
                                const char          *namespace_name,
                                const char          *source,
                                GVariant            *options,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (source != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "RemoveMasquerade",
                       g_variant_new ("(ss@a{sv})", namespace_name, source,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_remove_masquerade);
}

/**
 * netns_client_remove_masquerade_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.remove_masquerade].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_masquerade_finish (NetNsClient   *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_remove_masquerade, error);
}

/**
 * netns_client_remove_masquerade_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @source: the network, as it was added
 * @options: (nullable): `out-link` (s), as it was added
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.remove_masquerade].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_masquerade_sync (NetNsClient   *self,
                                     const char    *namespace_name,
                                     const char    *source,
                                     GVariant      *options,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_remove_masquerade (self, namespace_name, source, options, cancellable,
                                  netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_remove_masquerade_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_masquerades:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists the masquerades netnsd keeps in the namespace: one dictionary each
 * (`aa{sv}`) with `source` and `out-link`.
 *
 * Calls netnsd's `ListMasquerades` (its D-Bus documentation says what
 * polkit is asked); finish with
 * [method@NetNs.Client.list_masquerades_finish].
 * [method@NetNs.Client.list_masquerades_sync] is the blocking form.
 */
void
netns_client_list_masquerades (NetNsClient         *self,
                               const char          *namespace_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);

  netns_client_invoke (self, "ListMasquerades",
                       g_variant_new ("(s)", namespace_name),
                       "(aa{sv})", cancellable, callback, user_data, netns_client_list_masquerades);
}

/**
 * netns_client_list_masquerades_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_masquerades].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_masquerades_finish (NetNsClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_list_masquerades, error);
}

/**
 * netns_client_list_masquerades_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_masquerades].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_masquerades_sync (NetNsClient   *self,
                                    const char    *namespace_name,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (namespace_name != NULL, NULL);

  netns_client_list_masquerades (self, namespace_name, cancellable, netns_sync_done,
                                 netns_sync_begin (&sync, NULL));
  return netns_client_list_masquerades_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_add_port_forward:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @protocol: `tcp` or `udp`
 * @port: the port connections come to, 1 to 65535
 * @target: where they go: `10.200.0.3:80` or `[fd00::3]:80`
 * @options: (nullable): `address` (s) and `from-local` (b)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Connections to @port on the namespace's addresses go on to @target,
 * keeping the client's own address as their source.
 *
 * Calls netnsd's `AddPortForward` (its D-Bus documentation says what polkit
 * is asked); finish with [method@NetNs.Client.add_port_forward_finish].
 * [method@NetNs.Client.add_port_forward_sync] is the blocking form.
 */
void
netns_client_add_port_forward (NetNsClient         *self,
                               const char          *namespace_name,
                               const char          *protocol,
                               guint16              port,
                               const char          *target,
                               GVariant            *options,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (protocol != NULL);
  g_return_if_fail (target != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "AddPortForward",
                       g_variant_new ("(ssqs@a{sv})", namespace_name, protocol, port, target,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_add_port_forward);
}

/**
 * netns_client_add_port_forward_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.add_port_forward].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_port_forward_finish (NetNsClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_add_port_forward, error);
}

/**
 * netns_client_add_port_forward_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @protocol: `tcp` or `udp`
 * @port: the port connections come to, 1 to 65535
 * @target: where they go: `10.200.0.3:80` or `[fd00::3]:80`
 * @options: (nullable): `address` (s) and `from-local` (b)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.add_port_forward].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_add_port_forward_sync (NetNsClient   *self,
                                    const char    *namespace_name,
                                    const char    *protocol,
                                    guint16        port,
                                    const char    *target,
                                    GVariant      *options,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (protocol != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_add_port_forward (self, namespace_name, protocol, port, target, options,
                                 cancellable, netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_add_port_forward_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_remove_port_forward:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @protocol: `tcp` or `udp`
 * @port: the port
 * @options: (nullable): `address` (s): only the forward of that address
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Removes the forwards of @port; %NETNS_ERROR_NOT_FOUND if there is none.
 *
 * Calls netnsd's `RemovePortForward` (its D-Bus documentation says what
 * polkit is asked); finish with
 * [method@NetNs.Client.remove_port_forward_finish].
 * [method@NetNs.Client.remove_port_forward_sync] is the blocking form.
 */
void
netns_client_remove_port_forward (NetNsClient         *self,
                                  const char          *namespace_name,
                                  const char          *protocol,
                                  guint16              port,
                                  GVariant            *options,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (protocol != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "RemovePortForward",
                       g_variant_new ("(ssq@a{sv})", namespace_name, protocol, port,
                                      netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_remove_port_forward);
}

/**
 * netns_client_remove_port_forward_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.remove_port_forward].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_port_forward_finish (NetNsClient   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_remove_port_forward, error);
}

/**
 * netns_client_remove_port_forward_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @protocol: `tcp` or `udp`
 * @port: the port
 * @options: (nullable): `address` (s): only the forward of that address
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.remove_port_forward].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_remove_port_forward_sync (NetNsClient   *self,
                                       const char    *namespace_name,
                                       const char    *protocol,
                                       guint16        port,
                                       GVariant      *options,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (namespace_name != NULL, FALSE);
  g_return_val_if_fail (protocol != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_remove_port_forward (self, namespace_name, protocol, port, options, cancellable,
                                    netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_remove_port_forward_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_port_forwards:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists the port forwards netnsd keeps in the namespace: one dictionary
 * each (`aa{sv}`) with `protocol`, `port`, `target`, `address` and `from-
 * local`.
 *
 * Calls netnsd's `ListPortForwards` (its D-Bus documentation says what
 * polkit is asked); finish with
 * [method@NetNs.Client.list_port_forwards_finish].
 * [method@NetNs.Client.list_port_forwards_sync] is the blocking form.
 */
void
netns_client_list_port_forwards (NetNsClient         *self,
                                 const char          *namespace_name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);

  netns_client_invoke (self, "ListPortForwards",
                       g_variant_new ("(s)", namespace_name),
                       "(aa{sv})", cancellable, callback, user_data, netns_client_list_port_forwards);
}

/**
 * netns_client_list_port_forwards_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_port_forwards].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_port_forwards_finish (NetNsClient   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_list_port_forwards, error);
}

/**
 * netns_client_list_port_forwards_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` is the host
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_port_forwards].
 *
 * Returns: (transfer full): the answer (`aa{sv}`), or %NULL with @error set
 */
GVariant *
netns_client_list_port_forwards_sync (NetNsClient   *self,
                                      const char    *namespace_name,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (namespace_name != NULL, NULL);

  netns_client_list_port_forwards (self, namespace_name, cancellable, netns_sync_done,
                                   netns_sync_begin (&sync, NULL));
  return netns_client_list_port_forwards_finish (self, netns_sync_wait (&sync), error);
}
