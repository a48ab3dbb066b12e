/* netns-client-load.c: netnsd's objects fetched, as a client is made or,
 * for a lazy client (NETNS_CLIENT_FLAGS_LAZY), the first time it is asked
 * for them.
 *
 * Fetching them is one GetManagedObjects, whose answer grows with every
 * namespace and link of the machine: a command-line tool that makes one
 * call should not pay for it. Until a lazy client has them, it follows
 * only the owner of netnsd's name (the bus's NameOwnerChanged, one match
 * rule and no call), so that a program that only calls methods still
 * hears when netnsd goes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-client-private.h"
#include "netns-error-private.h"
#include "nns-dbus-generated.h"

#define DBUS_NAME "org.freedesktop.DBus"
#define DBUS_PATH "/org/freedesktop/DBus"

/* The name's owner, before the objects */

static void
set_name_owner (NetNsClient *self,
                const char  *owner)
{
  if (self->name_owner_known && g_strcmp0 (self->name_owner, owner) == 0)
    return;
  g_free (self->name_owner);
  self->name_owner = g_strdup (owner);
  self->name_owner_known = TRUE;
  netns_client_notify_name_owner (self);
}

static void
on_name_owner_changed (GDBusConnection *connection,
                       const char      *sender,
                       const char      *object_path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  const char *name, *old_owner, *new_owner;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sss)")))
    return;
  g_variant_get (parameters, "(&s&s&s)", &name, &old_owner, &new_owner);
  set_name_owner (user_data, new_owner[0] != '\0' ? new_owner : NULL);
}

void
netns_client_start_lazy (NetNsClient *self)
{
  self->name_owner_id =
    g_dbus_connection_signal_subscribe (self->connection, DBUS_NAME, DBUS_NAME,
                                        "NameOwnerChanged", DBUS_PATH, NNS_BUS_NAME,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_name_owner_changed,
                                        self, NULL);
}

void
netns_client_stop_lazy (NetNsClient *self)
{
  if (self->name_owner_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->name_owner_id);
  self->name_owner_id = 0;
}

/* The owner as NameOwnerChanged last said, or, before it has said
 * anything, as the bus says now: asking costs one call to the bus, never
 * to netnsd, and is not kept, since changes that came before the answer
 * may still wait to be dispatched. */
char *
netns_client_lazy_name_owner (NetNsClient *self)
{
  g_autoptr(GVariant) reply = NULL;
  const char *owner;

  if (self->name_owner_known)
    return g_strdup (self->name_owner);
  if (self->connection == NULL)
    return NULL;
  reply = g_dbus_connection_call_sync (self->connection, DBUS_NAME, DBUS_PATH, DBUS_NAME,
                                       "GetNameOwner", g_variant_new ("(s)", NNS_BUS_NAME),
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply == NULL)
    return NULL;   /* NameHasNoOwner */
  g_variant_get (reply, "(&s)", &owner);
  return g_strdup (owner);
}

/* Following the objects */

static void
on_name_owner_notify (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  NetNsClient *self = user_data;
  g_autofree char *owner = netns_client_dup_name_owner (self);

  if (owner == NULL)
    netns_client_fail_waiters (self, NETNS_ERROR, NETNS_ERROR_FAILED,
                               "netnsd left the bus before its new namespace reached this client");
  netns_client_notify_name_owner (self);
}

/* From now on the client follows @manager's objects (NULL: the one it
 * has), which also says who owns the name. The objects there already come
 * without signals: nobody has seen them go. */
void
netns_client_follow_objects (NetNsClient        *self,
                             GDBusObjectManager *manager)
{
  if (manager != NULL)
    self->object_manager = g_object_ref (manager);
  netns_client_stop_lazy (self);
  g_signal_connect (self->object_manager, "notify::name-owner",
                    G_CALLBACK (on_name_owner_notify), self);
  self->loading = TRUE;
  netns_client_objects_start (self);
  self->loading = FALSE;
}

/* A client with objects that no netnsd owns: none runs, and the bus could
 * not start one (the client still follows the one that starts later). */
static gboolean
check_name_owner (NetNsClient  *self,
                  GError      **error)
{
  g_autofree char *owner = netns_client_dup_name_owner (self);

  if (owner != NULL)
    return TRUE;
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN,
               "netnsd is not running: nothing owns the name %s on the bus, and the bus "
               "could not start it", NNS_BUS_NAME);
  return FALSE;
}

/* A getter of a lazy client: fetches the objects now if it has none;
 * what it returns says whether that worked. */
void
netns_client_ensure_objects (NetNsClient *self)
{
  g_autoptr(GError) error = NULL;

  if (self->object_manager != NULL || self->connection == NULL)
    return;
  if (!netns_client_load_objects_sync (self, NULL, &error))
    g_debug ("netnsd's objects were not fetched: %s", error->message);
}

static void
finish_load (GTask *task)
{
  GError *error = NULL;

  if (check_name_owner (g_task_get_source_object (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(NetNsClient) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusObjectManager) manager = nns_dbus_object_manager_client_new_finish (result,
                                                                                     &error);
  GList *loads = g_steal_pointer (&self->loads);

  netns_error_strip_remote (error);
  /* A blocking load may have come first; a disposed client follows
   * nothing. */
  if (manager != NULL && self->object_manager == NULL && self->connection != NULL)
    netns_client_follow_objects (self, manager);
  for (GList *l = loads; l != NULL; l = l->next)
    {
      if (manager != NULL)
        finish_load (l->data);
      else
        {
          g_task_return_error (l->data, g_error_copy (error));
          g_object_unref (l->data);
        }
    }
  g_list_free (loads);
}

/**
 * netns_client_load_objects:
 * @self: a [class@NetNs.Client]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the client has netnsd's objects
 * @user_data: (closure): data for @callback
 *
 * Fetches netnsd's objects, the namespaces and their links, and follows
 * them from then on: what a lazy client (%NETNS_CLIENT_FLAGS_LAZY) does
 * the first time it is asked for them, without blocking. The objects there
 * already come without [signal@NetNs.Client::namespace-added]: read them
 * with [method@NetNs.Client.get_namespaces] once this has finished. A
 * client that has them already finishes at once.
 *
 * It fails when no netnsd runs and the bus cannot start one
 * (%G_DBUS_ERROR_SERVICE_UNKNOWN); the client then still follows the
 * netnsd that starts later. Finish with
 * [method@NetNs.Client.load_objects_finish];
 * [method@NetNs.Client.load_objects_sync] is the blocking form.
 */
void
netns_client_load_objects (NetNsClient         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (NETNS_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, netns_client_load_objects);
  if (self->object_manager != NULL)
    {
      finish_load (task);
      return;
    }
  self->loads = g_list_append (self->loads, task);
  if (self->loads->next != NULL)
    return;   /* on its way for an earlier call */
  /* In the client's context, where the manager's signals must come; with
   * no caller's cancellable, since every waiting call shares it. */
  g_main_context_push_thread_default (self->context);
  nns_dbus_object_manager_client_new (self->connection, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE,
                                      NNS_BUS_NAME, NNS_MANAGER_OBJECT_PATH, NULL,
                                      on_loaded, g_object_ref (self));
  g_main_context_pop_thread_default (self->context);
}

/**
 * netns_client_load_objects_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.load_objects].
 *
 * Returns: %TRUE if the client has netnsd's objects, %FALSE with @error
 *   set
 */
gboolean
netns_client_load_objects_finish (NetNsClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == netns_client_load_objects,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * netns_client_load_objects_sync:
 * @self: a [class@NetNs.Client]
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.load_objects]. It does not
 * run the client's main context: the objects are there when it returns.
 *
 * Returns: %TRUE if the client has netnsd's objects, %FALSE with @error
 *   set
 */
gboolean
netns_client_load_objects_sync (NetNsClient   *self,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GDBusObjectManager) manager = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);

  if (self->object_manager == NULL)
    {
      g_main_context_push_thread_default (self->context);
      manager = nns_dbus_object_manager_client_new_sync (self->connection,
                                                         G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE,
                                                         NNS_BUS_NAME, NNS_MANAGER_OBJECT_PATH,
                                                         cancellable, &local_error);
      g_main_context_pop_thread_default (self->context);
      if (manager == NULL)
        {
          netns_error_strip_remote (local_error);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      netns_client_follow_objects (self, manager);
    }
  return check_name_owner (self, error);
}
