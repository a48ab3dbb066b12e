/* netns-client-namespaces.c: NetNsClient's methods for namespaces:
 * CreateNamespace, AttachNamespace, DeleteNamespace and ListNamespaces.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-namespaces.h"

/* CreateNamespace and AttachNamespace answer with the new namespace's
 * path; the call then waits for its object, which netnsd exported before
 * answering, so that the caller gets the NetNsNamespace. */
static void
on_namespace_made (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) path = netns_client_invoke_finish_value (NETNS_CLIENT (source), result,
                                                                g_task_get_source_tag (task),
                                                                &error);

  if (path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  netns_client_await_namespace (NETNS_CLIENT (source), g_variant_get_string (path, NULL), task);
}

static void
invoke_for_namespace (NetNsClient         *self,
                      const char          *method,
                      GVariant            *parameters,
                      GUnixFDList         *fd_list,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  netns_client_invoke_with_fds (self, method, parameters, fd_list, "(o)", cancellable,
                                on_namespace_made, task, source_tag);
}

static NetNsNamespace *
finish_for_namespace (NetNsClient   *self,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * netns_client_create_namespace:
 * @self: a [class@NetNs.Client]
 * @name: the new namespace's name: 1 to 64 letters, digits, `_`, `.` and
 *   `-`, not starting with `.` or `-`
 * @options: (nullable): `loopback-up` (b, default true),
 *   `unprivileged-ping` (b, default true) and `lifetime` (s: `persistent`,
 *   the default, or `client`: the namespace goes when this client's bus
 *   connection does)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the namespace is there
 * @user_data: (closure): data for @callback
 *
 * Creates a network namespace exactly as `ip netns add NAME` does, owned
 * by the caller. %NETNS_ERROR_EXISTS when the name is taken,
 * %NETNS_ERROR_INVALID_ARGUMENT for a bad name or option.
 *
 * Calls netnsd's `CreateNamespace` (it needs polkit's
 * `org.example.netns.manage`); finish with
 * [method@NetNs.Client.create_namespace_finish].
 * [method@NetNs.Client.create_namespace_sync] is the blocking form.
 */
void
netns_client_create_namespace (NetNsClient         *self,
                               const char          *name,
                               GVariant            *options,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (netns_options_valid (options));

  invoke_for_namespace (self, "CreateNamespace",
                        g_variant_new ("(s@a{sv})", name, netns_options (options)),
                        NULL, cancellable, callback, user_data, netns_client_create_namespace);
}

/**
 * netns_client_create_namespace_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.create_namespace].
 *
 * A lazy client ([property@NetNs.Client:flags]) that has not fetched
 * netnsd's objects gives a namespace of its own, made for this answer:
 * its properties follow netnsd's, but it knows none of its links, and
 * [method@NetNs.Client.get_namespaces] will not give this object.
 *
 * Returns: (transfer full): the new namespace, or %NULL with @error set
 */
NetNsNamespace *
netns_client_create_namespace_finish (NetNsClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_for_namespace (self, result, netns_client_create_namespace, error);
}

/**
 * netns_client_create_namespace_sync:
 * @self: a [class@NetNs.Client]
 * @name: the new namespace's name
 * @options: (nullable): options, as for [method@NetNs.Client.create_namespace]
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.create_namespace]. It runs
 * the client's main context until the namespace's object has come, so
 * signals that came before netnsd's answer (such as
 * [signal@NetNs.Client::namespace-added]) are emitted before it returns.
 *
 * Returns: (transfer full): the new namespace, or %NULL with @error set
 */
NetNsNamespace *
netns_client_create_namespace_sync (NetNsClient   *self,
                                    const char    *name,
                                    GVariant      *options,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  netns_client_create_namespace (self, name, options, cancellable, netns_sync_done,
                                 netns_sync_begin (&sync, self->context));
  return netns_client_create_namespace_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_attach_namespace:
 * @self: a [class@NetNs.Client]
 * @name: the name to give it, as for [method@NetNs.Client.create_namespace]
 * @netns_fd: a file descriptor of the namespace, such as
 *   `/proc/PID/ns/net` opened by the caller; it stays the caller's
 * @options: (nullable): options; none are defined yet
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the namespace is there
 * @user_data: (closure): data for @callback
 *
 * Pins a network namespace that another program made under @name, as
 * `ip netns attach NAME PID` does; from then on it is a namespace like the
 * others. The host's own namespace is refused. The caller owns it only if
 * its user namespace is owned by the caller's uid.
 *
 * Calls netnsd's `AttachNamespace`; finish with
 * [method@NetNs.Client.attach_namespace_finish].
 * [method@NetNs.Client.attach_namespace_sync] is the blocking form.
 */
void
netns_client_attach_namespace (NetNsClient         *self,
                               const char          *name,
                               int                  netns_fd,
                               GVariant            *options,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GUnixFDList) fd_list = NULL;
  GError *error = NULL;

  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (netns_options_valid (options));

  fd_list = netns_fd_list_new (&netns_fd, 1, &error);
  if (fd_list == NULL)
    {
      g_task_report_error (self, callback, user_data, netns_client_attach_namespace, error);
      return;
    }
  invoke_for_namespace (self, "AttachNamespace",
                        g_variant_new ("(sh@a{sv})", name, 0, netns_options (options)),
                        fd_list, cancellable, callback, user_data, netns_client_attach_namespace);
}

/**
 * netns_client_attach_namespace_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.attach_namespace]; a lazy client gives
 * a namespace as [method@NetNs.Client.create_namespace_finish] says.
 *
 * Returns: (transfer full): the attached namespace, or %NULL with @error
 *   set
 */
NetNsNamespace *
netns_client_attach_namespace_finish (NetNsClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_for_namespace (self, result, netns_client_attach_namespace, error);
}

/**
 * netns_client_attach_namespace_sync:
 * @self: a [class@NetNs.Client]
 * @name: the name to give it
 * @netns_fd: a file descriptor of the namespace
 * @options: (nullable): options; none are defined yet
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.attach_namespace]; like
 * [method@NetNs.Client.create_namespace_sync], it runs the client's main
 * context until the namespace's object has come.
 *
 * Returns: (transfer full): the attached namespace, or %NULL with @error
 *   set
 */
NetNsNamespace *
netns_client_attach_namespace_sync (NetNsClient   *self,
                                    const char    *name,
                                    int            netns_fd,
                                    GVariant      *options,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  netns_client_attach_namespace (self, name, netns_fd, options, cancellable, netns_sync_done,
                                 netns_sync_begin (&sync, self->context));
  return netns_client_attach_namespace_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_delete_namespace:
 * @self: a [class@NetNs.Client]
 * @name: the namespace
 * @options: (nullable): options; none are defined yet
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Removes the name of the namespace @name, as `ip netns del` does: the
 * kernel frees the namespace when the last process or link that holds it
 * goes. Needs `org.example.netns.manage` for a namespace the caller made,
 * `org.example.netns.manage-any` for any other.
 *
 * Calls netnsd's `DeleteNamespace` (its D-Bus documentation says what
 * polkit is asked); finish with
 * [method@NetNs.Client.delete_namespace_finish].
 * [method@NetNs.Client.delete_namespace_sync] is the blocking form.
 */
void
netns_client_delete_namespace (NetNsClient         *self,
                               const char          *name,
                               GVariant            *options,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (netns_options_valid (options));

  netns_client_invoke (self, "DeleteNamespace",
                       g_variant_new ("(s@a{sv})", name, netns_options (options)),
                       "()", cancellable, callback, user_data, netns_client_delete_namespace);
}

/**
 * netns_client_delete_namespace_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.delete_namespace].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_delete_namespace_finish (NetNsClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_delete_namespace, error);
}

/**
 * netns_client_delete_namespace_sync:
 * @self: a [class@NetNs.Client]
 * @name: the namespace
 * @options: (nullable): options; none are defined yet
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.delete_namespace].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_delete_namespace_sync (NetNsClient   *self,
                                    const char    *name,
                                    GVariant      *options,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (netns_options_valid (options), FALSE);

  netns_client_delete_namespace (self, name, options, cancellable, netns_sync_done,
                                 netns_sync_begin (&sync, NULL));
  return netns_client_delete_namespace_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_list_namespaces:
 * @self: a [class@NetNs.Client]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Lists every named network namespace, those other tools made included, as
 * pairs of name and object path (`a(so)`), sorted by name. Needs no
 * authorization.
 *
 * Calls netnsd's `ListNamespaces` (its D-Bus documentation says what polkit
 * is asked); finish with [method@NetNs.Client.list_namespaces_finish].
 * [method@NetNs.Client.list_namespaces_sync] is the blocking form.
 */
void
netns_client_list_namespaces (NetNsClient         *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));

  netns_client_invoke (self, "ListNamespaces",
                       NULL,
                       "(a(so))", cancellable, callback, user_data, netns_client_list_namespaces);
}

/**
 * netns_client_list_namespaces_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.list_namespaces].
 *
 * Returns: (transfer full): the answer (`a(so)`), or %NULL with @error set
 */
GVariant *
netns_client_list_namespaces_finish (NetNsClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return netns_client_invoke_finish_value (self, result, netns_client_list_namespaces, error);
}

/**
 * netns_client_list_namespaces_sync:
 * @self: a [class@NetNs.Client]
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.list_namespaces].
 *
 * Returns: (transfer full): the answer (`a(so)`), or %NULL with @error set
 */
GVariant *
netns_client_list_namespaces_sync (NetNsClient   *self,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);

  netns_client_list_namespaces (self, cancellable, netns_sync_done,
                                netns_sync_begin (&sync, NULL));
  return netns_client_list_namespaces_finish (self, netns_sync_wait (&sync), error);
}
