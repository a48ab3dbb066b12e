/* netns-client-init.c: making a NetNsClient, synchronously (GInitable)
 * or not (GAsyncInitable): the bus, then (unless the client is lazy) the
 * object manager client that fetches netnsd's objects, then following
 * them, or the name's owner, and SpawnExited.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-client-private.h"
#include "netns-error-private.h"
#include "nns-dbus-generated.h"

/* Following netnsd */

static void
on_spawn_exited (GDBusConnection *connection,
                 const char      *sender,
                 const char      *object_path,
                 const char      *interface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         user_data)
{
  NetNsClient *self = user_data;
  guint32 pid;
  gint32 wait_status;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ui)")))
    return;
  g_variant_get (parameters, "(ui)", &pid, &wait_status);
  g_signal_emit (self, netns_client_signals[NETNS_CLIENT_SPAWN_EXITED], 0, pid, wait_status);
}

/* Once the bus is there (and, unless the client is lazy, the object
 * manager): SpawnExited, and the objects or, until they are asked for,
 * the name's owner. */
static void
netns_client_start (NetNsClient *self)
{
  self->spawn_exited_id =
    g_dbus_connection_signal_subscribe (self->connection, NNS_BUS_NAME, NNS_MANAGER_INTERFACE,
                                        "SpawnExited", NNS_MANAGER_OBJECT_PATH, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_spawn_exited, self, NULL);
  if (self->object_manager == NULL)
    netns_client_start_lazy (self);
  else
    netns_client_follow_objects (self, NULL);
}

static gboolean
is_lazy (NetNsClient *self)
{
  return (self->flags & NETNS_CLIENT_FLAGS_LAZY) != 0;
}

static gboolean
netns_client_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  NetNsClient *self = NETNS_CLIENT (initable);
  g_autoptr(GError) local_error = NULL;

  if (self->spawn_exited_id != 0)
    return TRUE;   /* made already */
  self->context = g_main_context_ref_thread_default ();
  if (self->connection == NULL)
    self->connection = g_bus_get_sync (G_BUS_TYPE_SYSTEM, cancellable, &local_error);
  if (self->connection != NULL && is_lazy (self))
    {
      netns_client_start (self);
      return TRUE;
    }
  if (self->connection != NULL)
    self->object_manager =
      nns_dbus_object_manager_client_new_sync (self->connection,
                                               G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE,
                                               NNS_BUS_NAME, NNS_MANAGER_OBJECT_PATH,
                                               cancellable, &local_error);
  if (self->object_manager == NULL)
    {
      netns_error_strip_remote (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  netns_client_start (self);
  return TRUE;
}

void
netns_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = netns_client_initable_init;
}

static void
on_object_manager (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NetNsClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->object_manager = nns_dbus_object_manager_client_new_finish (result, &error);
  if (self->object_manager == NULL)
    {
      netns_error_strip_remote (error);
      g_task_return_error (task, error);
      return;
    }
  netns_client_start (self);
  g_task_return_boolean (task, TRUE);
}

static void
make_object_manager (GTask *task)
{
  NetNsClient *self = g_task_get_source_object (task);

  nns_dbus_object_manager_client_new (self->connection, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE,
                                      NNS_BUS_NAME, NNS_MANAGER_OBJECT_PATH,
                                      g_task_get_cancellable (task), on_object_manager, task);
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  NetNsClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (self->connection == NULL)
    self->connection = g_bus_get_finish (result, &error);
  if (self->connection == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (is_lazy (self))
    {
      netns_client_start (self);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  make_object_manager (task);
}

static void
netns_client_init_async (GAsyncInitable      *initable,
                         int                  io_priority,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  NetNsClient *self = NETNS_CLIENT (initable);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, netns_client_init_async);
  g_task_set_priority (task, io_priority);
  self->context = g_main_context_ref_thread_default ();
  if (self->connection == NULL)
    g_bus_get (G_BUS_TYPE_SYSTEM, cancellable, on_bus, task);
  else
    on_bus (NULL, NULL, task);
}

static gboolean
netns_client_init_finish (GAsyncInitable  *initable,
                          GAsyncResult    *result,
                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, initable), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
netns_client_async_initable_iface_init (GAsyncInitableIface *iface)
{
  iface->init_async = netns_client_init_async;
  iface->init_finish = netns_client_init_finish;
}

/* Making one */

/**
 * netns_client_new:
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the client is ready
 * @user_data: (closure): data for @callback
 *
 * Makes a client of the netnsd on the system bus, asynchronously; get it
 * with [ctor@NetNs.Client.new_finish]. The client is ready when it knows
 * netnsd's objects. If no netnsd runs, the bus is asked to start one;
 * if none can be, the client still comes, without namespaces, and
 * follows the netnsd that starts later
 * ([property@NetNs.Client:name-owner]).
 */
void
netns_client_new (GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_async_initable_new_async (NETNS_TYPE_CLIENT, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data, NULL);
}

/**
 * netns_client_new_for_connection:
 * @connection: the bus connection netnsd is on
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the client is ready
 * @user_data: (closure): data for @callback
 *
 * Makes a client of the netnsd on @connection's bus, as
 * [func@NetNs.Client.new] does for the system bus.
 */
void
netns_client_new_for_connection (GDBusConnection     *connection,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (G_IS_DBUS_CONNECTION (connection));

  g_async_initable_new_async (NETNS_TYPE_CLIENT, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data, "connection", connection, NULL);
}

/**
 * netns_client_new_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@NetNs.Client.new] and [func@NetNs.Client.new_for_connection].
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
NetNsClient *
netns_client_new_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *client = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);

  return client != NULL ? NETNS_CLIENT (client) : NULL;
}

/**
 * netns_client_new_sync:
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes a client of the netnsd on the system bus, and waits until it is
 * ready: the blocking form of [func@NetNs.Client.new].
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
NetNsClient *
netns_client_new_sync (GCancellable  *cancellable,
                       GError       **error)
{
  return g_initable_new (NETNS_TYPE_CLIENT, cancellable, error, NULL);
}

/**
 * netns_client_new_for_connection_sync:
 * @connection: the bus connection netnsd is on
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [func@NetNs.Client.new_for_connection].
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
NetNsClient *
netns_client_new_for_connection_sync (GDBusConnection  *connection,
                                      GCancellable     *cancellable,
                                      GError          **error)
{
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);

  return g_initable_new (NETNS_TYPE_CLIENT, cancellable, error, "connection", connection, NULL);
}

/**
 * netns_client_new_full:
 * @connection: (nullable): the bus connection netnsd is on, or %NULL for
 *   the system bus
 * @flags: how the client comes by netnsd's objects
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the client is ready
 * @user_data: (closure): data for @callback
 *
 * Makes a client as [func@NetNs.Client.new] does, with @flags: with
 * %NETNS_CLIENT_FLAGS_LAZY, the client is ready once it has the bus, and
 * fetches netnsd's objects only when asked for them. Finish with
 * [ctor@NetNs.Client.new_finish].
 */
void
netns_client_new_full (GDBusConnection     *connection,
                       NetNsClientFlags     flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection));

  g_async_initable_new_async (NETNS_TYPE_CLIENT, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data, "connection", connection,
                              "flags", flags, NULL);
}

/**
 * netns_client_new_full_sync:
 * @connection: (nullable): the bus connection netnsd is on, or %NULL for
 *   the system bus
 * @flags: how the client comes by netnsd's objects
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [func@NetNs.Client.new_full]. With
 * %NETNS_CLIENT_FLAGS_LAZY it waits for the bus only, which is what a
 * program that makes a call or two and exits wants:
 *
 * ```c
 * g_autoptr(NetNsClient) client =
 *   netns_client_new_full_sync (NULL, NETNS_CLIENT_FLAGS_LAZY, NULL, &error);
 * ```
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
NetNsClient *
netns_client_new_full_sync (GDBusConnection   *connection,
                            NetNsClientFlags   flags,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_return_val_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection), NULL);

  return g_initable_new (NETNS_TYPE_CLIENT, cancellable, error, "connection", connection,
                         "flags", flags, NULL);
}
