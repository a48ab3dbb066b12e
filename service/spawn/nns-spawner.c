/* nns-spawner.c: starts programs inside namespaces as their callers, and
 * keeps track of them until they exit.
 *
 * The parent does all the looking up (nns-spawn-plan.c) and hands the
 * child a finished NnsSpawnPlan (nns-spawn-child.c). The child reports a
 * failure before execve() through a close-on-exec pipe, so the caller gets
 * a real error ("program 'x' not found") instead of a pid that dies at
 * once.
 *
 * That pipe is read on the main loop, never waited on: between fork() and
 * execve() the child can stall (its own user may stop it once it runs as
 * them; its working directory may sit on a mount that never answers), and
 * every other caller would stall with it. A start that takes longer than
 * the start timeout is ended with SIGKILL and fails.
 *
 * Every child is reaped through nns-reaper.c (with no fd per child); its
 * exit is announced as "program-exited", for the caller that started it
 * and no one else (the bus layer sends it on as SpawnExited). A caller
 * that leaves the bus takes its programs with it (kill-on-disconnect):
 * SIGTERM to the process group the program leads, SIGKILL a few seconds
 * later; a program still starting gets SIGKILL at once. A program that
 * starts a session of its own escapes that, as it would escape its
 * terminal. Such programs also end with netnsd (the parent death signal):
 * netnsd keeps no record of them on disk, so after a restart no one could
 * end them, or tell their callers they ended.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <signal.h>
#include <unistd.h>

#include "nns-debug.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-names.h"
#include "nns-reaper.h"
#include "nns-spawn-resolve.h"
#include "nns-spawn-scope.h"
#include "nns-spawner-private.h"

#define KILL_GRACE_SECONDS 5

typedef enum {
  PROCESS_STARTING,   /* forked, not yet exec'd */
  PROCESS_RUNNING,    /* its caller has its pid */
  PROCESS_FAILED,     /* never started; waits to be reaped */
} ProcessState;

typedef struct {
  NnsSpawner   *spawner;      /* not a reference: the spawner outlives its table */
  pid_t         pid;
  uid_t         uid;          /* its caller's */
  char         *sender;
  char         *program;      /* its path, quoted, for messages */
  char         *cwd;          /* quoted, for messages */
  gboolean      kill_on_disconnect;
  ProcessState  state;
  gboolean      reaped;       /* its pid may be someone else's now */
  guint         watch_id;
  guint         kill_timer;
  /* While starting; the task holds a reference on the spawner, so the
   * spawner lives until every start is over. */
  GTask        *start_task;
  int           report_fd;
  int           go_fd;        /* tells the child it is in its scope */
  guint64       serial;       /* which start, for the scope's answer */
  guint         report_source;
  guint         start_timer;
} Process;


enum {
  SIGNAL_PROGRAM_EXITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NnsSpawner, nns_spawner, G_TYPE_OBJECT)

static void
process_free (gpointer data)
{
  Process *process = data;

  g_clear_handle_id (&process->watch_id, nns_reaper_unwatch);
  g_clear_handle_id (&process->kill_timer, g_source_remove);
  nns_clear_fd (&process->go_fd);
  g_free (process->sender);
  g_free (process->program);
  g_free (process->cwd);
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

  G_OBJECT_CLASS (nns_spawner_parent_class)->dispose (object);
}

static void
nns_spawner_finalize (GObject *object)
{
  NnsSpawner *self = NNS_SPAWNER (object);

  g_clear_object (&self->etc_netns);
  g_hash_table_unref (self->per_uid);

  G_OBJECT_CLASS (nns_spawner_parent_class)->finalize (object);
}

static void
nns_spawner_class_init (NnsSpawnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nns_spawner_dispose;
  object_class->finalize = nns_spawner_finalize;

  /**
   * NnsSpawner::program-exited:
   * @sender: the unique bus name of the caller that started it
   * @pid: the program's pid, as its caller was given it
   * @wait_status: as waitpid() gives it
   *
   * A program that had started ended. Programs that never started (their
   * Spawn failed) are not announced.
   */
  signals[SIGNAL_PROGRAM_EXITED] =
    g_signal_new ("program-exited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT);
}

static void
nns_spawner_init (NnsSpawner *self)
{
  self->processes = g_hash_table_new_full (NULL, NULL, NULL, process_free);
  self->per_uid = g_hash_table_new (NULL, NULL);
  self->start_timeout = NNS_SPAWNER_DEFAULT_START_TIMEOUT;
  self->max_programs = NNS_SPAWNER_DEFAULT_MAX_PROGRAMS_PER_USER;
}

/* Starting: the child's report */

/* The start is over: the program runs (@error NULL), or never will
 * (@error, taken). */
static void
finish_start (Process *process,
              GError  *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&process->start_task);

  g_clear_handle_id (&process->report_source, g_source_remove);
  g_clear_handle_id (&process->start_timer, g_source_remove);
  nns_clear_fd (&process->report_fd);
  nns_clear_fd (&process->go_fd);
  if (error != NULL)
    {
      /* A child that failed only has _exit() left to do, unless it was
       * stopped first; one that timed out may be stuck anywhere. */
      if (!process->reaped)
        kill (process->pid, SIGKILL);
      process->state = PROCESS_FAILED;
      g_task_return_error (task, error);
      return;
    }
  nns_debug_crash_point ("spawn-started");
  process->state = PROCESS_RUNNING;
  /* Outside the main loop iteration that made the task, GTask calls back
   * at once: the caller has its pid before any exit is announced. */
  g_task_return_int (task, process->pid);
}

static GError *
error_from_report (const NnsSpawnReport *report,
                   const Process        *process)
{
  const char *program = process->program;
  NnsError code = nns_error_code_from_errno (report->errsv);
  const char *hint = "";

  if (report->step == NNS_SPAWN_STEP_EXEC || report->step == NNS_SPAWN_STEP_CWD)
    code = report->errsv == EACCES || report->errsv == EPERM ? NNS_ERROR_NOT_AUTHORIZED :
           report->errsv == ENOENT ? NNS_ERROR_NOT_FOUND : code;
  if (report->step == NNS_SPAWN_STEP_TERMINAL)
    {
      code = report->errsv == EPERM || report->errsv == ENOTTY ? NNS_ERROR_INVALID_ARGUMENT
                                                               : NNS_ERROR_FAILED;
      if (report->errsv == EPERM)
        hint = " (it is already the controlling terminal of another session)";
    }
  if (report->step == NNS_SPAWN_STEP_CWD)
    program = process->cwd;
  if (report->step == NNS_SPAWN_STEP_EXEC && report->errsv == EAGAIN)
    hint = " (the caller has as many processes as its RLIMIT_NPROC allows)";
  return g_error_new (NNS_ERROR, code, "%s %s: %s%s", nns_spawn_step_describe (report->step),
                      program, g_strerror (report->errsv), hint);
}

/* Reads the report pipe: TRUE once the start is over. The write end
 * closes at execve() (close-on-exec) or when the child dies. */
static gboolean
read_report (Process *process)
{
  NnsSpawnReport report = { 0, 0 };
  ssize_t got;

  do
    got = read (process->report_fd, &report, sizeof report);
  while (got < 0 && errno == EINTR);
  if (got < 0 && errno == EAGAIN)
    return FALSE;
  if (got == 0)
    finish_start (process, NULL);
  else if (got == sizeof report)
    finish_start (process, error_from_report (&report, process));
  else
    finish_start (process, g_error_new (NNS_ERROR, NNS_ERROR_FAILED,
                                        "cannot tell whether %s started: %s", process->program,
                                        got < 0 ? g_strerror (errno) : "a short report"));
  return TRUE;
}

static gboolean
on_report_ready (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  Process *process = user_data;

  return read_report (process) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean
on_start_timeout (gpointer user_data)
{
  Process *process = user_data;
  guint seconds = process->spawner->start_timeout;

  process->start_timer = 0;
  g_message ("program %d (%s) of %s did not start within %u seconds; killing it",
             (int) process->pid, process->program, process->sender, seconds);
  finish_start (process,
                g_error_new (NNS_ERROR, NNS_ERROR_FAILED,
                             "%s did not start within %u seconds (it was stopped, or its "
                             "working directory did not answer); netnsd killed it",
                             process->program, seconds));
  return G_SOURCE_REMOVE;
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
  process->reaped = TRUE;
  /* Ended before its pipe was read: what it reported, if anything, is
   * there now, and no one holds the write end. */
  if (process->state == PROCESS_STARTING && !read_report (process))
    finish_start (process, NULL);
  g_debug ("program %d of %s exited with wait status %d", (int) pid, process->sender,
           wait_status);
  if (process->state == PROCESS_RUNNING)
    g_signal_emit (self, signals[SIGNAL_PROGRAM_EXITED], 0, process->sender, (int) pid,
                   wait_status);
  nns_spawner_count_user (self, process->uid, -1);
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
      if (process->state == PROCESS_STARTING)
        {
          /* Nothing of the program has run yet. */
          g_message ("%s left the bus; ending its program %d, still starting", name,
                     (int) process->pid);
          finish_start (process, g_error_new (NNS_ERROR, NNS_ERROR_FAILED,
                                              "the caller left the bus while %s was starting",
                                              process->program));
          continue;
        }
      if (process->state != PROCESS_RUNNING)
        continue;
      g_message ("%s left the bus; ending its program %d", name, (int) process->pid);
      kill (-process->pid, SIGTERM);
      process->kill_timer = g_timeout_add_seconds (KILL_GRACE_SECONDS, on_kill_timeout, process);
    }
}

/* Starting */

/* Forks with every signal blocked, so that no handler of netnsd's runs in
 * the child before it has put them back to the default; returns fork()'s
 * answer (in the parent). */
static pid_t
fork_child (const NnsSpawnPlan *plan,
            int                 report_write)
{
  sigset_t all, old;
  pid_t pid;
  int errsv;

  sigfillset (&all);
  pthread_sigmask (SIG_SETMASK, &all, &old);
  pid = fork ();
  if (pid == 0)
    nns_spawn_child_run (plan, report_write);
  errsv = errno;
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  errno = errsv;
  return pid;
}

/* Where it came to: the child has been moved into its scope, or will not
 * be. The process may have ended (or its pid been reused) meanwhile. */
typedef struct {
  NnsSpawner *spawner;
  pid_t       pid;
  guint64     serial;
} Placing;

static void
on_placed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree Placing *placing = user_data;
  g_autoptr(NnsSpawner) self = placing->spawner;
  g_autoptr(GError) error = NULL;
  gboolean placed = nns_spawn_scope_place_finish (result, &error);
  Process *process = self->processes != NULL ?
                     g_hash_table_lookup (self->processes, GINT_TO_POINTER (placing->pid)) : NULL;
  char byte = 1;

  if (process == NULL || process->serial != placing->serial ||
      process->state != PROCESS_STARTING || process->go_fd < 0)
    return;
  if (!placed)
    {
      finish_start (process, g_steal_pointer (&error));
      return;
    }
  g_debug ("program %d of %s is in its scope", (int) process->pid, process->sender);
  if (write (process->go_fd, &byte, 1) != 1)
    g_debug ("cannot tell program %d to go on: %s", (int) process->pid, g_strerror (errno));
  nns_clear_fd (&process->go_fd);
}

/* Where systemd runs, asks it to put the new child in a scope of its
 * caller's slice, which the child waits for (@go_fds). */
static gboolean
prepare_scope (const NnsSpawnRequest *request,
               int                    go_fds[2],
               GError               **error)
{
  go_fds[0] = go_fds[1] = -1;
  if (request->bus == NULL || !nns_spawn_scope_available ())
    {
      g_debug ("no systemd: the program stays in netnsd's cgroup");
      return TRUE;
    }
  if (pipe2 (go_fds, O_CLOEXEC) == 0)
    return TRUE;
  g_set_error (error, NNS_ERROR, nns_error_code_from_errno (errno),
               "cannot start %s: %s", request->argv[0], g_strerror (errno));
  return FALSE;
}

/* Starts @request's program; the callback gets its pid once it runs
 * (execve() succeeded), or why it could not start. The caller keeps its
 * stdio fds and the namespace fd: the child has its copies when this
 * returns. */
void
nns_spawner_spawn_async (NnsSpawner            *self,
                         const NnsSpawnRequest *request,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_auto(NnsSpawnPlanStorage) storage = { { 0 } };
  g_autoptr(GError) error = NULL;
  int pipe_fds[2];
  Process *process;
  pid_t pid;
  int go_fds[2] = { -1, -1 };

  g_return_if_fail (NNS_IS_SPAWNER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, nns_spawner_spawn_async);
  if (!nns_spawner_check_user_room (self, nns_caller_get_uid (request->caller), &error) ||
      !nns_spawn_plan_build (&storage, request, nns_etc_netns_get_path (self->etc_netns), self->last_cap, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!prepare_scope (request, go_fds, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  storage.plan.go_fd = go_fds[0];
  if (pipe2 (pipe_fds, O_CLOEXEC) < 0)
    {
      nns_clear_fd (&go_fds[0]);
      nns_clear_fd (&go_fds[1]);
      g_task_return_new_error (task, NNS_ERROR, nns_error_code_from_errno (errno),
                               "cannot start %s: %s", request->argv[0], g_strerror (errno));
      return;
    }

  pid = fork_child (&storage.plan, pipe_fds[1]);
  nns_clear_fd (&pipe_fds[1]);
  nns_clear_fd (&go_fds[0]);
  if (pid < 0)
    {
      nns_clear_fd (&pipe_fds[0]);
      nns_clear_fd (&go_fds[1]);
      g_task_return_new_error (task, NNS_ERROR, nns_error_code_from_errno (errno),
                               "cannot start %s: %s", request->argv[0], g_strerror (errno));
      return;
    }
  nns_debug_crash_point ("spawn-forked");

  process = g_new0 (Process, 1);
  process->spawner = self;
  process->pid = pid;
  process->uid = nns_caller_get_uid (request->caller);
  process->sender = g_strdup (nns_caller_get_sender (request->caller));
  process->program = nns_quote (request->program_path);
  process->cwd = nns_quote (request->cwd != NULL ? request->cwd : "/");
  process->kill_on_disconnect = request->kill_on_disconnect;
  process->state = PROCESS_STARTING;
  process->start_task = g_steal_pointer (&task);
  process->report_fd = pipe_fds[0];
  process->go_fd = go_fds[1];
  process->serial = ++self->next_serial;
  g_unix_set_fd_nonblocking (process->report_fd, TRUE, NULL);
  process->report_source = g_unix_fd_add (process->report_fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                          on_report_ready, process);
  process->start_timer = g_timeout_add_seconds (self->start_timeout, on_start_timeout, process);
  process->watch_id = nns_reaper_watch (pid, on_child_exited, process);
  g_hash_table_insert (self->processes, GINT_TO_POINTER (pid), process);
  nns_spawner_count_user (self, process->uid, +1);
  if (process->go_fd >= 0)
    {
      Placing *placing = g_new0 (Placing, 1);
      g_autofree char *description =
        g_strdup_printf ("%s of uid %u, started by netnsd", process->program,
                         (guint) process->uid);

      placing->spawner = g_object_ref (self);
      placing->pid = pid;
      placing->serial = process->serial;
      nns_spawn_scope_place_async (request->bus, pid, process->uid, description,
                                   on_placed, placing);
    }
}

pid_t
nns_spawner_spawn_finish (NnsSpawner   *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nns_spawner_spawn_async, -1);

  return (pid_t) g_task_propagate_int (G_TASK (result), error);
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
  /* A program still starting has no pid yet, as far as its caller knows. */
  if (process == NULL || process->state != PROCESS_RUNNING ||
      !g_str_equal (process->sender, sender))
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
nns_spawner_new (NnsPeers    *peers,
                 NnsEtcNetns *etc_netns)
{
  NnsSpawner *self = g_object_new (NNS_TYPE_SPAWNER, NULL);

  self->peers = g_object_ref (peers);
  self->etc_netns = g_object_ref (etc_netns);
  self->last_cap = read_last_cap ();
#ifdef NNS_DEBUG_HOOKS
  /* Tests of a start that stalls need not wait the full timeout. */
  {
    guint64 seconds;

    if (g_getenv ("NETNSD_SPAWN_TIMEOUT") != NULL &&
        g_ascii_string_to_unsigned (g_getenv ("NETNSD_SPAWN_TIMEOUT"), 10, 1, 3600,
                                    &seconds, NULL))
      self->start_timeout = (guint) seconds;
  }
#endif
  g_signal_connect (peers, "vanished", G_CALLBACK (on_peer_vanished), self);
  return self;
}
