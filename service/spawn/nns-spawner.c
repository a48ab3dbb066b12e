/* nns-spawner.c: starts programs inside namespaces as their callers, and
 * keeps track of them until they exit.
 *
 * The parent does all the looking up (user database, PATH, /etc/netns,
 * capability count) and hands the child a finished NnsSpawnPlan
 * (nns-spawn-child.c). The child reports a failure before execve() through
 * a close-on-exec pipe, so the caller gets a real error ("program 'x' not
 * found") instead of a pid that dies at once.
 *
 * Every child is reaped through a GLib child watch; its exit goes to the
 * caller that started it, and no one else, as the SpawnExited signal. A
 * caller that leaves the bus takes its programs with it (kill-on-disconnect):
 * SIGTERM to the process group the program leads, SIGKILL a few seconds
 * later. A program that starts a session of its own escapes that, as it
 * would escape its terminal. Such programs also end with netnsd (the
 * parent death signal): netnsd keeps no record of them on disk, so after a
 * restart no one could end them, or tell their callers they ended.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nns-debug.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-names.h"
#include "nns-spawn-child.h"
#include "nns-spawner.h"
#include "nns-bus-names.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define KILL_GRACE_SECONDS 5

typedef struct {
  NnsSpawner *spawner;      /* not a reference: the spawner outlives its table */
  pid_t       pid;
  char       *sender;
  gboolean    kill_on_disconnect;
  guint       watch_id;
  guint       kill_timer;
} Process;

struct _NnsSpawner
{
  GObject          parent_instance;

  GDBusConnection *connection;
  NnsPeers        *peers;
  char            *etc_netns_dir;
  int              last_cap;
  GHashTable      *processes;   /* pid -> Process */
};

G_DEFINE_FINAL_TYPE (NnsSpawner, nns_spawner, G_TYPE_OBJECT)

static void
process_free (gpointer data)
{
  Process *process = data;

  g_clear_handle_id (&process->watch_id, g_source_remove);
  g_clear_handle_id (&process->kill_timer, g_source_remove);
  g_free (process->sender);
  g_free (process);
}

static void
nns_spawner_dispose (GObject *object)
{
  NnsSpawner *self = NNS_SPAWNER (object);

  if (self->peers != NULL)
    g_signal_handlers_disconnect_by_data (self->peers, self);
  g_clear_object (&self->peers);
  g_clear_pointer (&self->processes, g_hash_table_unref);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (nns_spawner_parent_class)->dispose (object);
}

static void
nns_spawner_finalize (GObject *object)
{
  NnsSpawner *self = NNS_SPAWNER (object);

  g_free (self->etc_netns_dir);

  G_OBJECT_CLASS (nns_spawner_parent_class)->finalize (object);
}

static void
nns_spawner_class_init (NnsSpawnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nns_spawner_dispose;
  object_class->finalize = nns_spawner_finalize;
}

static void
nns_spawner_init (NnsSpawner *self)
{
  self->processes = g_hash_table_new_full (NULL, NULL, NULL, process_free);
}

/* Exits and kills */

static void
on_child_exited (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  Process *process = user_data;
  NnsSpawner *self = process->spawner;

  process->watch_id = 0;
  g_debug ("program %d of %s exited with wait status %d", (int) pid, process->sender,
           wait_status);
  /* To the caller that started it only: others have no business knowing. */
  g_dbus_connection_emit_signal (self->connection, process->sender, NNS_MANAGER_OBJECT_PATH,
                                 NNS_MANAGER_INTERFACE, "SpawnExited",
                                 g_variant_new ("(ui)", (guint32) pid, wait_status), NULL);
  g_hash_table_remove (self->processes, GINT_TO_POINTER (pid));
}

static gboolean
on_kill_timeout (gpointer user_data)
{
  Process *process = user_data;

  process->kill_timer = 0;
  g_message ("program %d did not end on SIGTERM; killing it", (int) process->pid);
  kill (-process->pid, SIGKILL);
  return G_SOURCE_REMOVE;
}

static void
on_peer_vanished (NnsPeers   *peers,
                  const char *name,
                  gpointer    user_data)
{
  NnsSpawner *self = user_data;
  GHashTableIter iter;
  Process *process;

  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &process))
    {
      if (!process->kill_on_disconnect || process->kill_timer != 0 ||
          !g_str_equal (process->sender, name))
        continue;
      g_message ("%s left the bus; ending its program %d", name, (int) process->pid);
      kill (-process->pid, SIGTERM);
      process->kill_timer = g_timeout_add_seconds (KILL_GRACE_SECONDS, on_kill_timeout, process);
    }
}

/* Building the plan */

typedef struct {
  NnsSpawnPlan plan;
  GStrv        argv;
  GStrv        envp;
  GPtrArray   *bind_sources;
  GPtrArray   *bind_targets;
  GArray      *groups;
  char        *path;
  char        *cwd;
} PlanStorage;

static void
plan_storage_clear (PlanStorage *storage)
{
  g_strfreev (storage->argv);
  g_strfreev (storage->envp);
  g_clear_pointer (&storage->bind_sources, g_ptr_array_unref);
  g_clear_pointer (&storage->bind_targets, g_ptr_array_unref);
  g_clear_pointer (&storage->groups, g_array_unref);
  g_free (storage->path);
  g_free (storage->cwd);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlanStorage, plan_storage_clear)

/* Checks KEY=VALUE entries for the environment. */
gboolean
nns_spawn_env_validate (const char * const *env,
                        GError            **error)
{
  for (gsize i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *eq = strchr (env[i], '=');
      gboolean valid = eq != NULL && eq != env[i] &&
                       (g_ascii_isalpha (env[i][0]) || env[i][0] == '_');

      for (const char *p = env[i]; valid && p < eq; p++)
        valid = g_ascii_isalnum (*p) || *p == '_';
      if (!valid)
        {
          g_autofree char *quoted = nns_quote (env[i]);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "environment entry %s is not NAME=VALUE", quoted);
          return FALSE;
        }
    }
  return TRUE;
}

/* The caller's identity: uid and groups from the bus, the primary group,
 * home and shell from the user database. */
static GStrv
build_identity (PlanStorage           *storage,
                const NnsSpawnRequest *request)
{
  uid_t uid = nns_caller_get_uid (request->caller);
  guint n_groups;
  const gid_t *groups = nns_caller_get_groups (request->caller, &n_groups);
  struct passwd pwd, *pw = NULL;
  char buffer[4096];
  GStrv env = NULL;
  g_autofree char *uid_text = g_strdup_printf ("%u", (guint) uid);

  getpwuid_r (uid, &pwd, buffer, sizeof buffer, &pw);
  storage->plan.uid = uid;
  storage->plan.gid = pw != NULL ? pw->pw_gid : (n_groups > 0 ? groups[0] : 65534);
  storage->groups = g_array_new (FALSE, FALSE, sizeof (gid_t));
  g_array_append_vals (storage->groups, groups, n_groups);
  storage->plan.groups = (const gid_t *) storage->groups->data;
  storage->plan.n_groups = storage->groups->len;
  storage->plan.drop_privileges = uid != 0;

  env = g_environ_setenv (env, "PATH", DEFAULT_PATH, TRUE);
  env = g_environ_setenv (env, "HOME", pw != NULL ? pw->pw_dir : "/", TRUE);
  env = g_environ_setenv (env, "USER", pw != NULL ? pw->pw_name : uid_text, TRUE);
  env = g_environ_setenv (env, "LOGNAME", pw != NULL ? pw->pw_name : uid_text, TRUE);
  env = g_environ_setenv (env, "SHELL", pw != NULL ? pw->pw_shell : "/bin/sh", TRUE);
  return env;
}

static gboolean
is_executable_file (const char *path)
{
  struct stat st;

  return stat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 0111) != 0;
}

/* argv[0] as execvp() would find it, on the program's own PATH. */
static char *
resolve_program (const char  *program,
                 const char  *path_list,
                 GError     **error)
{
  g_auto(GStrv) dirs = NULL;
  g_autofree char *quoted = nns_quote (program);

  if (strchr (program, '/') != NULL)
    return g_strdup (program);

  dirs = g_strsplit (path_list != NULL ? path_list : DEFAULT_PATH, ":", -1);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (dirs[i][0] != '\0' ? dirs[i] : ".",
                                                     program, NULL);

      if (is_executable_file (candidate))
        return g_steal_pointer (&candidate);
    }
  g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND,
               "program %s not found in PATH (%s)", quoted,
               path_list != NULL ? path_list : DEFAULT_PATH);
  return NULL;
}

/* /etc/netns/NAME/x over /etc/x, for every x, as `ip netns exec` does. */
static void
find_etc_binds (NnsSpawner  *self,
                PlanStorage *storage,
                const char  *namespace)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  storage->bind_sources = g_ptr_array_new_with_free_func (g_free);
  storage->bind_targets = g_ptr_array_new_with_free_func (g_free);
  if (namespace[0] != '\0' && nns_namespace_entry_validate (namespace, NULL))
    {
      dir_path = g_build_filename (self->etc_netns_dir, namespace, NULL);
      dir = g_dir_open (dir_path, 0, NULL);
    }
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_ptr_array_add (storage->bind_sources, g_build_filename (dir_path, entry, NULL));
      g_ptr_array_add (storage->bind_targets, g_build_filename ("/etc", entry, NULL));
    }
  g_ptr_array_add (storage->bind_sources, NULL);
  g_ptr_array_add (storage->bind_targets, NULL);
  storage->plan.bind_sources = (char **) storage->bind_sources->pdata;
  storage->plan.bind_targets = (char **) storage->bind_targets->pdata;
}

static gboolean
build_plan (NnsSpawner            *self,
            const NnsSpawnRequest *request,
            PlanStorage           *storage,
            GError               **error)
{
  NnsSpawnPlan *plan = &storage->plan;
  struct statvfs sys;
  struct rlimit limit;

  storage->envp = build_identity (storage, request);
  for (gsize i = 0; request->env != NULL && request->env[i] != NULL; i++)
    {
      g_autofree char *key = g_strndup (request->env[i], strcspn (request->env[i], "="));

      storage->envp = g_environ_setenv (storage->envp, key,
                                        request->env[i] + strlen (key) + 1, TRUE);
    }
  storage->path = resolve_program (request->argv[0],
                                   g_environ_getenv (storage->envp, "PATH"), error);
  if (storage->path == NULL)
    return FALSE;
  storage->argv = g_strdupv ((char **) request->argv);
  storage->cwd = g_strdup (request->cwd != NULL ? request->cwd : "/");
  find_etc_binds (self, storage, request->namespace);

  plan->netns_fd = request->netns_fd;
  plan->fresh_sys = request->netns_fd >= 0;
  plan->sys_read_only = statvfs ("/sys", &sys) == 0 && (sys.f_flag & ST_RDONLY);
  memcpy (plan->stdio, request->stdio, sizeof plan->stdio);
  plan->last_cap = self->last_cap;
  plan->max_fd = getrlimit (RLIMIT_NOFILE, &limit) == 0 ? (int) MIN (limit.rlim_cur, 65536) : 1024;
  plan->die_with = request->kill_on_disconnect ? getpid () : 0;
  plan->cwd = storage->cwd;
  plan->path = storage->path;
  plan->argv = storage->argv;
  plan->envp = storage->envp;
  return TRUE;
}

/* Starting */

static void
set_error_from_report (GError               **error,
                       const NnsSpawnReport  *report,
                       const NnsSpawnRequest *request)
{
  g_autofree char *program = nns_quote (request->argv[0]);
  NnsError code = nns_error_code_from_errno (report->errsv);

  if (report->step == NNS_SPAWN_STEP_EXEC || report->step == NNS_SPAWN_STEP_CWD)
    code = report->errsv == EACCES || report->errsv == EPERM ? NNS_ERROR_NOT_AUTHORIZED :
           report->errsv == ENOENT ? NNS_ERROR_NOT_FOUND : code;
  g_set_error (error, NNS_ERROR, code, "%s %s: %s", nns_spawn_step_describe (report->step),
               program, g_strerror (report->errsv));
}

/* Starts @request's program. The caller keeps its stdio fds and the
 * namespace fd. */
pid_t
nns_spawner_spawn (NnsSpawner            *self,
                   const NnsSpawnRequest *request,
                   GError               **error)
{
  g_auto(PlanStorage) storage = { { 0 } };
  nns_autofd int report_read = -1;
  nns_autofd int report_write = -1;
  int pipe_fds[2];
  NnsSpawnReport report = { 0, 0 };
  Process *process;
  ssize_t got;
  pid_t pid;

  g_return_val_if_fail (NNS_IS_SPAWNER (self), -1);

  if (!build_plan (self, request, &storage, error))
    return -1;
  if (pipe2 (pipe_fds, O_CLOEXEC) < 0)
    {
      nns_set_error_errno (error, errno, "cannot start %s", request->argv[0]);
      return -1;
    }
  report_read = pipe_fds[0];
  report_write = pipe_fds[1];

  pid = fork ();
  if (pid < 0)
    {
      nns_set_error_errno (error, errno, "cannot start %s", request->argv[0]);
      return -1;
    }
  if (pid == 0)
    nns_spawn_child_run (&storage.plan, report_write);

  nns_clear_fd (&report_write);
  nns_debug_crash_point ("spawn-forked");
  do
    got = read (report_read, &report, sizeof report);
  while (got < 0 && errno == EINTR);
  if (got > 0)
    {
      /* The child failed before execve() and has exited: reap it now. */
      waitpid (pid, NULL, 0);
      set_error_from_report (error, &report, request);
      return -1;
    }

  nns_debug_crash_point ("spawn-started");
  process = g_new0 (Process, 1);
  process->spawner = self;
  process->pid = pid;
  process->sender = g_strdup (nns_caller_get_sender (request->caller));
  process->kill_on_disconnect = request->kill_on_disconnect;
  process->watch_id = g_child_watch_add (pid, on_child_exited, process);
  g_hash_table_insert (self->processes, GINT_TO_POINTER (pid), process);
  return pid;
}

/* Sends @signal_number to @pid, if @sender started it. */
gboolean
nns_spawner_kill (NnsSpawner *self,
                  const char *sender,
                  pid_t       pid,
                  int         signal_number,
                  GError    **error)
{
  Process *process;

  g_return_val_if_fail (NNS_IS_SPAWNER (self), FALSE);

  if (signal_number < 0 || signal_number > SIGRTMAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%d is not a signal number (0 to %d)", signal_number, SIGRTMAX);
      return FALSE;
    }
  process = g_hash_table_lookup (self->processes, GINT_TO_POINTER (pid));
  if (process == NULL || !g_str_equal (process->sender, sender))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND,
                   "no running program with pid %d was started by this caller", (int) pid);
      return FALSE;
    }
  if (kill (pid, signal_number) < 0)
    {
      nns_set_error_errno (error, errno, "cannot signal program %d", (int) pid);
      return FALSE;
    }
  return TRUE;
}

guint
nns_spawner_get_n_running (NnsSpawner *self)
{
  g_return_val_if_fail (NNS_IS_SPAWNER (self), 0);

  return g_hash_table_size (self->processes);
}

static int
read_last_cap (void)
{
  g_autofree char *text = NULL;
  guint64 value;

  if (g_file_get_contents ("/proc/sys/kernel/cap_last_cap", &text, NULL, NULL) &&
      g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, 63, &value, NULL))
    return (int) value;
  return 63;
}

NnsSpawner *
nns_spawner_new (GDBusConnection *connection,
                 NnsPeers        *peers,
                 const char      *etc_netns_dir)
{
  NnsSpawner *self = g_object_new (NNS_TYPE_SPAWNER, NULL);

  self->connection = g_object_ref (connection);
  self->peers = g_object_ref (peers);
  self->etc_netns_dir = g_strdup (etc_netns_dir);
  self->last_cap = read_last_cap ();
  g_signal_connect (peers, "vanished", G_CALLBACK (on_peer_vanished), self);
  return self;
}
