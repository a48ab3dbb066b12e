/* netns-client-apply.c: NetNsClient's methods for many changes as one, and
 * declared topologies: Apply, GetTopology and ListTopologies.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-apply.h"

/**
 * netns_client_get_topology:
 * @self: a [class@NetNs.Client]
 * @name: a topology's name, as given to Apply's option `topology`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Reads what a declared topology's Applies made and is still there, in
 * the order it was made. Needs no authorization.
 *
 * Calls netnsd's `GetTopology`; finish with
 * [method@NetNs.Client.get_topology_finish].
 * [method@NetNs.Client.get_topology_sync] is the blocking form.
 */
void
netns_client_get_topology (NetNsClient         *self,
                           const char          *name,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  netns_client_invoke (self, "GetTopology", g_variant_new ("(s)", name), "(aa{sv}u)",
                       cancellable, callback, user_data, netns_client_get_topology);
}

/**
 * netns_client_get_topology_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @owner: (out) (optional): the uid that first brought the topology up,
 *   or 4294967295 for a topology netnsd does not know
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.get_topology].
 *
 * Returns: (transfer full): what the topology made (`aa{sv}`: each with
 *   `method`, `arguments` and, for a namespace, `inode`), empty for a
 *   topology netnsd does not know; or %NULL with @error set
 */
GVariant *
netns_client_get_topology_finish (NetNsClient   *self,
                                  GAsyncResult  *result,
                                  guint         *owner,
                                  GError       **error)
{
  g_autoptr(GVariant) reply = netns_client_invoke_finish (self, result, netns_client_get_topology,
                                                          error);
  GVariant *made;
  guint32 uid;

  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(@aa{sv}u)", &made, &uid);
  if (owner != NULL)
    *owner = uid;
  return made;
}

/**
 * netns_client_get_topology_sync:
 * @self: a [class@NetNs.Client]
 * @name: a topology's name
 * @owner: (out) (optional): the uid that first brought it up
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.get_topology].
 *
 * Returns: (transfer full): what the topology made, or %NULL with @error
 *   set
 */
GVariant *
netns_client_get_topology_sync (NetNsClient   *self,
                                const char    *name,
                                guint         *owner,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  netns_client_get_topology (self, name, cancellable, netns_sync_done,
                             netns_sync_begin (&sync, NULL));
  return netns_client_get_topology_finish (self, netns_sync_wait (&sync), owner, error);
}

/**
 * netns_client_apply:
 * @self: a [class@NetNs.Client]
 * @operations: the changes, in order: each a method name and its arguments
 *   by name (`a(sa{sv})`); [func@NetNs.operation_new] makes one from a
 *   method's arguments
 * @options: (nullable): `topology` (s), `topology-namespaces` (as),
 *   `topology-forget` (as)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Makes all the changes or none: every operation is checked and authorized
 * before anything changes; if one fails as it runs, the ones before it are
 * undone and the error starts with `operation N (METHOD):`. The result
 * holds, for each operation, what its method returns (the object path for
 * CreateNamespace) or an empty array (`aav`).
 *
 * Calls netnsd's `Apply` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.apply_finish].
 * [method@NetNs.Client.apply_sync] is the blocking form.
 */
void
netns_client_apply (NetNsClient         *self,
                    GVariant            *operations,
                    GVariant            *options,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (operations != NULL);
  g_return_if_fail (g_variant_is_of_type (operations, G_VARIANT_TYPE ("a(sa{sv})")));
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "Apply",
                       g_variant_new ("(@a(sa{sv})@a{sv})", operations, netns_options (options)),
                       "(aav)", cancellable, callback, user_data, netns_client_apply);
}

/**
 * netns_client_apply_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.apply].
 *
 * Returns: (transfer full): the answer (`aav`), or %NULL with @error set
 */
GVariant *
netns_client_apply_finish (NetNsClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_apply, error);
}

/**
 * netns_client_apply_sync:
 * @self: a [class@NetNs.Client]
 * @operations: the changes, in order: each a method name and its arguments
 *   by name (`a(sa{sv})`); [func@NetNs.operation_new] makes one from a
 *   method's arguments
 * @options: (nullable): `topology` (s), `topology-namespaces` (as),
 *   `topology-forget` (as)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.apply].
 *
 * Returns: (transfer full): the answer (`aav`), or %NULL with @error set
 */
GVariant *
netns_client_apply_sync (NetNsClient   *self,
                         GVariant      *operations,
                         GVariant      *options,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (operations != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (operations, G_VARIANT_TYPE ("a(sa{sv})")), NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  netns_client_apply (self, operations, options, cancellable, netns_sync_done,
                      netns_sync_begin (&sync, NULL));
  return netns_client_apply_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_apply_with_fds:
 * @self: a [class@NetNs.Client]
 * @operations: the changes, as for [method@NetNs.Client.apply]; an
 *   argument of type `h` is an index into @fds, as
 *   [func@NetNs.operation_attach_namespace] makes one
 * @options: (nullable): options, as for [method@NetNs.Client.apply]
 * @fds: (array length=n_fds) (nullable): the file descriptors the
 *   operations' handles name; netnsd gets copies, the caller keeps its own
 * @n_fds: how many there are
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * An Apply whose operations pass file descriptors: an AttachNamespace
 * made one with the changes that follow it (its veth, addresses and
 * routes), all or none, as a container runtime's plugin needs. Otherwise
 * as [method@NetNs.Client.apply].
 *
 * Finish with [method@NetNs.Client.apply_with_fds_finish];
 * [method@NetNs.Client.apply_with_fds_sync] is the blocking form.
 */
void
netns_client_apply_with_fds (NetNsClient         *self,
                             GVariant            *operations,
                             GVariant            *options,
                             const int           *fds,
                             guint                n_fds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GUnixFDList) fd_list = NULL;
  GError *error = NULL;

  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (operations != NULL);
  g_return_if_fail (g_variant_is_of_type (operations, G_VARIANT_TYPE ("a(sa{sv})")));
  g_return_if_fail (netns_options_valid (options));
  g_return_if_fail (fds != NULL || n_fds == 0);

  fd_list = netns_fd_list_new (fds, n_fds, &error);
  if (fd_list == NULL)
    {
      /* The floating arguments are the caller's to drop. */
      g_variant_unref (g_variant_ref_sink (operations));
      if (options != NULL)
        g_variant_unref (g_variant_ref_sink (options));
      g_task_report_error (self, callback, user_data, netns_client_apply_with_fds, error);
      return;
    }
  netns_client_invoke_with_fds (self, "Apply",
                                g_variant_new ("(@a(sa{sv})@a{sv})", operations,
                                               netns_options (options)),
                                fd_list, "(aav)", cancellable, callback, user_data,
                                netns_client_apply_with_fds);
}

/**
 * netns_client_apply_with_fds_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.apply_with_fds].
 *
 * Returns: (transfer full): the answer (`aav`), or %NULL with @error set
 */
GVariant *
netns_client_apply_with_fds_finish (NetNsClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_apply_with_fds, error);
}

/**
 * netns_client_apply_with_fds_sync:
 * @self: a [class@NetNs.Client]
 * @operations: the changes, as for [method@NetNs.Client.apply_with_fds]
 * @options: (nullable): options, as for [method@NetNs.Client.apply]
 * @fds: (array length=n_fds) (nullable): the file descriptors the
 *   operations' handles name
 * @n_fds: how many there are
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.apply_with_fds].
 *
 * Returns: (transfer full): the answer (`aav`), or %NULL with @error set
 */
GVariant *
netns_client_apply_with_fds_sync (NetNsClient   *self,
                                  GVariant      *operations,
                                  GVariant      *options,
                                  const int     *fds,
                                  guint          n_fds,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (operations != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (operations, G_VARIANT_TYPE ("a(sa{sv})")), NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);
  g_return_val_if_fail (fds != NULL || n_fds == 0, NULL);

  netns_client_apply_with_fds (self, operations, options, fds, n_fds, cancellable,
                               netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_apply_with_fds_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_topologies:
 * @self: a [class@NetNs.Client]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists the declared topologies that have made something still there: name
 * and owner (`a(su)`), sorted by name.
 *
 * Calls netnsd's `ListTopologies` (its D-Bus documentation says what polkit
 * is asked); finish with [method@NetNs.Client.list_topologies_finish].
 * [method@NetNs.Client.list_topologies_sync] is the blocking form.
 */
void
netns_client_list_topologies (NetNsClient         *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));

  netns_client_invoke (self, "ListTopologies",
                       NULL,
                       "(a(su))", cancellable, callback, user_data, netns_client_list_topologies);
}

/**
 * netns_client_list_topologies_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_topologies].
 *
 * Returns: (transfer full): the answer (`a(su)`), or %NULL with @error set
 */
GVariant *
netns_client_list_topologies_finish (NetNsClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_list_topologies, error);
}

/**
 * netns_client_list_topologies_sync:
 * @self: a [class@NetNs.Client]
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_topologies].
 *
 * Returns: (transfer full): the answer (`a(su)`), or %NULL with @error set
 */
GVariant *
netns_client_list_topologies_sync (NetNsClient   *self,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);

  netns_client_list_topologies (self, cancellable, netns_sync_done,
                                netns_sync_begin (&sync, NULL));
  return netns_client_list_topologies_finish (self, netns_sync_wait (&sync), error);
}
