/* nns-spawn-scope.c: a spawned program goes into a transient scope of its
 * caller's user slice, where systemd runs.
 *
 * Without it, every program callers start runs in netnsd's own cgroup:
 * counted as netnsd's, under netnsd's TasksMax, outside the user's. So
 * where systemd is the service manager, each program is moved, before it
 * runs anything, into a scope of its own (netnsd-program-PID.scope) in
 * user-UID.slice (StartTransientUnit, as `systemd-run --scope --slice`
 * does), so that the user's TasksMax, memory limits and accounting apply.
 * The child waits on a pipe until systemd's job that starts the scope has
 * ended (JobRemoved): the scope's processes are moved when the job runs,
 * after StartTransientUnit has answered. A scope that cannot be made fails
 * the Spawn. Without systemd (no /run/systemd/system), nothing is asked.
 *
 * The job mode is "replace", not systemd-run's "fail": a user slice whose
 * last scope has just ended has a stop job queued, and a start in "fail"
 * mode would be refused as destructive; "replace" turns that stop back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <unistd.h>

#include "nns-error.h"
#include "nns-spawn-scope.h"

#define SYSTEMD_NAME "org.freedesktop.systemd1"
#define SYSTEMD_PATH "/org/freedesktop/systemd1"
#define SYSTEMD_MANAGER "org.freedesktop.systemd1.Manager"

/* The jobs started and not yet ended: job path -> GTask. One table for
 * the one system bus connection netnsd has. */
static GHashTable *jobs;
static GDBusConnection *subscribed_bus;

/* sd_booted(): systemd is the service manager. */
gboolean
nns_spawn_scope_available (void)
{
  return access ("/run/systemd/system", F_OK) == 0;
}

static void
on_job_removed (GDBusConnection *bus,
                const char      *sender,
                const char      *path,
                const char      *interface,
                const char      *member,
                GVariant        *parameters,
                gpointer         user_data)
{
  const char *job, *unit, *result;
  guint32 id;
  GTask *task;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(uoss)")))
    return;
  g_variant_get (parameters, "(u&o&s&s)", &id, &job, &unit, &result);
  task = jobs != NULL ? g_hash_table_lookup (jobs, job) : NULL;
  if (task == NULL)
    return;
  g_hash_table_steal (jobs, job);
  if (g_str_equal (result, "done"))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, NNS_ERROR, NNS_ERROR_FAILED,
                             "cannot start %s for the program: systemd's job ended with '%s'",
                             unit, result);
  g_object_unref (task);
}

/* systemd sends JobRemoved only to clients that subscribed. */
static void
subscribe (GDBusConnection *bus)
{
  if (subscribed_bus == bus)
    return;
  subscribed_bus = bus;
  jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_dbus_connection_signal_subscribe (bus, SYSTEMD_NAME, SYSTEMD_MANAGER, "JobRemoved",
                                      SYSTEMD_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                      on_job_removed, NULL, NULL);
  g_dbus_connection_call (bus, SYSTEMD_NAME, SYSTEMD_PATH, SYSTEMD_MANAGER, "Subscribe",
                          NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static void
on_unit_started (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);
  const char *job;

  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_task_return_new_error (task, NNS_ERROR, NNS_ERROR_FAILED,
                               "cannot put the program in a scope of its caller's slice: %s",
                               error->message);
      return;
    }
  g_variant_get (reply, "(&o)", &job);
  g_hash_table_insert (jobs, g_strdup (job), g_steal_pointer (&task));
}

/* Puts @pid into netnsd-program-PID.scope in user-UID.slice; the
 * callback comes once it is there. */
void
nns_spawn_scope_place_async (GDBusConnection    *bus,
                             pid_t               pid,
                             uid_t               uid,
                             const char         *description,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  g_autofree char *unit = g_strdup_printf ("netnsd-program-%d.scope", (int) pid);
  g_autofree char *slice = g_strdup_printf ("user-%u.slice", (guint) uid);
  GVariantBuilder properties;
  guint32 pids[1] = { (guint32) pid };

  g_task_set_source_tag (task, nns_spawn_scope_place_async);
  subscribe (bus);
  g_variant_builder_init (&properties, G_VARIANT_TYPE ("a(sv)"));
  g_variant_builder_add (&properties, "(sv)", "Description", g_variant_new_string (description));
  g_variant_builder_add (&properties, "(sv)", "Slice", g_variant_new_string (slice));
  g_variant_builder_add (&properties, "(sv)", "PIDs",
                         g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, pids, 1,
                                                    sizeof pids[0]));
  g_variant_builder_add (&properties, "(sv)", "CollectMode",
                         g_variant_new_string ("inactive-or-failed"));
  g_dbus_connection_call (bus, SYSTEMD_NAME, SYSTEMD_PATH, SYSTEMD_MANAGER,
                          "StartTransientUnit",
                          g_variant_new ("(ssa(sv)a(sa(sv)))", unit, "replace", &properties,
                                         NULL),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL,
                          on_unit_started, task);
}

gboolean
nns_spawn_scope_place_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
