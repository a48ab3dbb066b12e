/* nns-caller.c: who is calling, from the bus's own credentials.
 *
 * The uid comes from the message bus (GetConnectionCredentials), never from
 * method arguments or from /proc at call time: the bus learnt it from the
 * socket when the caller connected, so it cannot be spoofed or raced.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-caller.h"
#include "nns-error.h"

struct _NnsCaller
{
  GObject parent_instance;

  char   *sender;
  uid_t   uid;
  pid_t   pid;
  GArray *groups;       /* of gid_t: every group the caller's process has */
  char   *description;
};

G_DEFINE_FINAL_TYPE (NnsCaller, nns_caller, G_TYPE_OBJECT)

static void
nns_caller_finalize (GObject *object)
{
  NnsCaller *self = NNS_CALLER (object);

  g_free (self->sender);
  g_free (self->description);
  g_array_unref (self->groups);

  G_OBJECT_CLASS (nns_caller_parent_class)->finalize (object);
}

static void
nns_caller_class_init (NnsCallerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_caller_finalize;
}

static void
nns_caller_init (NnsCaller *self)
{
  self->uid = (uid_t) -1;
  self->pid = 0;
  self->groups = g_array_new (FALSE, FALSE, sizeof (gid_t));
}

static void
on_credentials (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) credentials = NULL;
  g_autoptr(NnsCaller) caller = NULL;
  g_autoptr(GVariant) groups = NULL;
  guint32 uid, pid;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_task_return_new_error (task, NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                               "cannot identify the caller: %s", error->message);
      return;
    }

  credentials = g_variant_get_child_value (reply, 0);
  if (!g_variant_lookup (credentials, "UnixUserID", "u", &uid))
    {
      g_task_return_new_error (task, NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                               "cannot identify the caller: the bus gave no uid");
      return;
    }

  caller = g_object_new (NNS_TYPE_CALLER, NULL);
  caller->sender = g_strdup (g_task_get_task_data (task));
  caller->uid = uid;
  if (g_variant_lookup (credentials, "ProcessID", "u", &pid))
    caller->pid = pid;
  /* The bus reads these from the socket (SO_PEERGROUPS) when the caller
   * connects: the groups its process had, not what /etc/group says now. */
  if (g_variant_lookup (credentials, "UnixGroupIDs", "@au", &groups))
    {
      gsize n_groups;
      const guint32 *gids = g_variant_get_fixed_array (groups, &n_groups, sizeof (guint32));

      for (gsize i = 0; i < n_groups; i++)
        {
          gid_t gid = gids[i];

          g_array_append_val (caller->groups, gid);
        }
    }
  caller->description = g_strdup_printf ("uid %u (pid %d, %s)", (guint) caller->uid,
                                         (int) caller->pid, caller->sender);
  g_task_return_pointer (task, g_steal_pointer (&caller), g_object_unref);
}

/* Looks up the credentials the bus holds for @sender. */
void
nns_caller_new_async (GDBusConnection    *connection,
                      const char         *sender,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, nns_caller_new_async);
  g_task_set_task_data (task, g_strdup (sender), g_free);

  g_dbus_connection_call (connection,
                          "org.freedesktop.DBus",
                          "/org/freedesktop/DBus",
                          "org.freedesktop.DBus",
                          "GetConnectionCredentials",
                          g_variant_new ("(s)", sender),
                          G_VARIANT_TYPE ("(a{sv})"),
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          cancellable,
                          on_credentials,
                          task);
}

NnsCaller *
nns_caller_new_finish (GAsyncResult *result,
                       GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
nns_caller_get_sender (NnsCaller *self)
{
  g_return_val_if_fail (NNS_IS_CALLER (self), NULL);

  return self->sender;
}

uid_t
nns_caller_get_uid (NnsCaller *self)
{
  g_return_val_if_fail (NNS_IS_CALLER (self), (uid_t) -1);

  return self->uid;
}

pid_t
nns_caller_get_pid (NnsCaller *self)
{
  g_return_val_if_fail (NNS_IS_CALLER (self), 0);

  return self->pid;
}

/* The caller's groups, as the bus saw them; @n_groups is set to their
 * number. */
const gid_t *
nns_caller_get_groups (NnsCaller *self,
                       guint     *n_groups)
{
  g_return_val_if_fail (NNS_IS_CALLER (self), NULL);

  *n_groups = self->groups->len;
  return (const gid_t *) self->groups->data;
}

/* "uid 1000 (pid 4242, :1.7)", for log lines about what a caller changed. */
const char *
nns_caller_describe (NnsCaller *self)
{
  g_return_val_if_fail (NNS_IS_CALLER (self), NULL);

  return self->description;
}
