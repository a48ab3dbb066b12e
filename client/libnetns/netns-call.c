/* netns-call.c: every method call libnetns makes goes through here, and
 * every _sync function waits here.
 *
 * A trio (_async, _finish, _sync) is a few lines: the asynchronous
 * function builds the arguments and hands them to netns_client_invoke();
 * _finish unpacks the answer with one of the invoke_finish helpers; _sync
 * runs the asynchronous function in a main context of its own and waits
 * (NetNsSync), so that each call is written once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns-error-private.h"
#include "nns-bus-names.h"

/* Arguments */

gboolean
netns_options_valid (GVariant *options)
{
  return options == NULL || g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT);
}

/* @options for an "@a{sv}" argument: NULL means no options. */
GVariant *
netns_options (GVariant *options)
{
  return options != NULL ? options : g_variant_new ("a{sv}", NULL);
}

/* @strv for a "^as" argument: NULL means an empty list. */
const char *const *
netns_strv (const char *const *strv)
{
  static const char *const empty[] = { NULL };

  return strv != NULL ? strv : empty;
}

/* A list of copies of @fds, the handles 0 to @n_fds - 1 of the call's
 * "h" arguments; the caller keeps its own fds. */
GUnixFDList *
netns_fd_list_new (const int *fds,
                   guint      n_fds,
                   GError   **error)
{
  g_autoptr(GUnixFDList) list = g_unix_fd_list_new ();

  for (guint i = 0; i < n_fds; i++)
    {
      if (fds[i] < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%d is not a file descriptor", fds[i]);
          return NULL;
        }
      if (g_unix_fd_list_append (list, fds[i], error) < 0)
        return NULL;
    }
  return g_steal_pointer (&list);
}

/* Calls */

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), NULL,
                                                           result, &error);
  if (reply == NULL)
    {
      netns_error_strip_remote (error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, reply, (GDestroyNotify) g_variant_unref);
}

/* Calls @method of the manager with @parameters (floating references are
 * consumed) and @fd_list; the task's result is the reply, of @reply_type.
 * With [property@NetNs.Client:interactive], polkit may ask the user for a
 * password, and the call waits as long as the user takes to answer:
 * polkit's agent, not a timer of ours, ends the dialog. */
void
netns_client_invoke_with_fds (NetNsClient         *self,
                              const char          *method,
                              GVariant            *parameters,
                              GUnixFDList         *fd_list,
                              const char          *reply_type,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data,
                              gpointer             source_tag)
{
  GDBusCallFlags flags = G_DBUS_CALL_FLAGS_NONE;
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  int timeout = -1;

  g_task_set_source_tag (task, source_tag);
  if (self->interactive)
    {
      flags |= G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION;
      timeout = G_MAXINT;
    }
  g_dbus_connection_call_with_unix_fd_list (self->connection, NNS_BUS_NAME, NNS_MANAGER_OBJECT_PATH,
                                            NNS_MANAGER_INTERFACE, method, parameters,
                                            G_VARIANT_TYPE (reply_type), flags, timeout, fd_list,
                                            cancellable, on_reply, task);
}

void
netns_client_invoke (NetNsClient         *self,
                     const char          *method,
                     GVariant            *parameters,
                     const char          *reply_type,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  netns_client_invoke_with_fds (self, method, parameters, NULL, reply_type, cancellable,
                                callback, user_data, source_tag);
}

/* The reply of a call that netns_client_invoke() began with @source_tag. */
GVariant *
netns_client_invoke_finish (NetNsClient   *self,
                            GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
netns_client_invoke_finish_void (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 gpointer       source_tag,
                                 GError       **error)
{
  g_autoptr(GVariant) reply = netns_client_invoke_finish (self, result, source_tag, error);

  return reply != NULL;
}

/* The one value of a reply "(x)". */
GVariant *
netns_client_invoke_finish_value (NetNsClient   *self,
                                  GAsyncResult  *result,
                                  gpointer       source_tag,
                                  GError       **error)
{
  g_autoptr(GVariant) reply = netns_client_invoke_finish (self, result, source_tag, error);

  return reply != NULL ? g_variant_get_child_value (reply, 0) : NULL;
}

char **
netns_client_invoke_finish_strv (NetNsClient   *self,
                                 GAsyncResult  *result,
                                 gpointer       source_tag,
                                 GError       **error)
{
  g_autoptr(GVariant) strv = netns_client_invoke_finish_value (self, result, source_tag, error);

  return strv != NULL ? g_variant_dup_strv (strv, NULL) : NULL;
}

/* Waiting */

/* Starts a wait: the asynchronous call made next, with netns_sync_done()
 * and the returned pointer as its callback and data, completes in
 * @context (NULL: a new one of the wait's own), which is the thread's
 * default until netns_sync_clear(). */
gpointer
netns_sync_begin (NetNsSync    *sync,
                  GMainContext *context)
{
  sync->context = context != NULL ? g_main_context_ref (context) : g_main_context_new ();
  g_main_context_push_thread_default (sync->context);
  return sync;
}

void
netns_sync_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NetNsSync *sync = user_data;

  sync->result = g_object_ref (result);
  g_main_context_wakeup (sync->context);
}

GAsyncResult *
netns_sync_wait (NetNsSync *sync)
{
  while (sync->result == NULL)
    g_main_context_iteration (sync->context, TRUE);
  return sync->result;
}

void
netns_sync_clear (NetNsSync *sync)
{
  if (sync->context != NULL)
    {
      g_main_context_pop_thread_default (sync->context);
      g_clear_pointer (&sync->context, g_main_context_unref);
    }
  g_clear_object (&sync->result);
}

/* Any method, by name */

/**
 * netns_client_call:
 * @self: a [class@NetNs.Client]
 * @method: the name of a method of the `org.example.NetNs` interface,
 *   such as `"ListLinks"`
 * @parameters: (nullable): its arguments, a tuple (floating references
 *   are consumed), or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Calls any method of netnsd's manager by name, with the same flags,
 * timeout and errors as the calls made for you (the
 * [property@NetNs.Client:interactive] flag, [error@NetNs.Error] codes): for
 * methods that a netnsd newer than this library offers. Methods that take
 * file descriptors have functions of their own
 * ([method@NetNs.Client.spawn], [method@NetNs.Client.attach_namespace]).
 */
void
netns_client_call (NetNsClient         *self,
                   const char          *method,
                   GVariant            *parameters,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (g_dbus_is_member_name (method));
  g_return_if_fail (parameters == NULL || g_variant_is_of_type (parameters, G_VARIANT_TYPE_TUPLE));

  netns_client_invoke (self, method, parameters, "r", cancellable, callback, user_data,
                       netns_client_call);
}

/**
 * netns_client_call_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.call].
 *
 * Returns: (transfer full): the reply, a tuple of the method's out
 *   arguments, or %NULL with @error set
 */
GVariant *
netns_client_call_finish (NetNsClient   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return netns_client_invoke_finish (self, result, netns_client_call, error);
}

/**
 * netns_client_call_sync:
 * @self: a [class@NetNs.Client]
 * @method: the name of a method of the `org.example.NetNs` interface
 * @parameters: (nullable): its arguments, a tuple, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.call].
 *
 * Returns: (transfer full): the reply, a tuple of the method's out
 *   arguments, or %NULL with @error set
 */
GVariant *
netns_client_call_sync (NetNsClient   *self,
                        const char    *method,
                        GVariant      *parameters,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_dbus_is_member_name (method), NULL);

  netns_client_call (self, method, parameters, cancellable, netns_sync_done,
                     netns_sync_begin (&sync, NULL));
  return netns_client_call_finish (self, netns_sync_wait (&sync), error);
}
