/* nns-spawn-resolve.c: finds the program of a Spawn as its caller would,
 * and opens it once.
 *
 * What polkit is asked about must be what runs. So argv[0] is resolved
 * before polkit is asked, to one canonical absolute path, and the file is
 * opened then; the spawned child runs that very file by its fd
 * (execveat), so nothing can be put in its place between the check and
 * the exec.
 *
 * The search runs with the caller's identity, in a short-lived child that
 * netnsd forks: it takes the caller's groups, gid and uid, changes to the
 * call's working directory (so a relative PATH entry, or a program such
 * as ./tool, means what it would mean to the program), then tries each
 * PATH entry as execvp() does: a file that does not exist is skipped, one
 * the caller may not search for or execute is skipped but remembered
 * (EACCES), anything else stops the search. Since it looks as the caller,
 * its errors are the ones the caller would get itself: netnsd, as root,
 * would tell whether a file exists in a directory the caller cannot read.
 *
 * The found file is opened O_PATH, checked to be a regular file the
 * caller may execute (access() as the caller, which also refuses a noexec
 * mount), and named by reading its /proc/self/fd link: symbolic links,
 * "." and ".." resolved. The name and the fd come back over a socket
 * (SCM_RIGHTS).
 *
 * Like the spawned child, this one makes only async-signal-safe calls
 * after fork(): everything it needs (every candidate path) is prepared
 * before. It is read on the main loop, never waited on: it runs as the
 * caller, who may stop it, and may sit on a mount that does not answer;
 * after the timeout it is killed and the call fails.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-names.h"
#include "nns-reaper.h"
#include "nns-spawn-child.h"
#include "nns-spawn-plan.h"
#include "nns-spawn-resolve.h"

typedef enum {
  RESOLVE_FOUND = 0,
  RESOLVE_STEP_IDENTITY,
  RESOLVE_STEP_CWD,
  RESOLVE_STEP_SEARCH,
  RESOLVE_STEP_NAME,
} ResolveStep;

typedef struct {
  int step;
  int errsv;
} ResolveHeader;

/* What the child needs, prepared before fork(). */
typedef struct {
  uid_t         uid;
  gid_t         gid;
  const gid_t  *groups;
  size_t        n_groups;
  const char   *cwd;
  char * const *candidates;
  int           fd_limit;
  pid_t         parent;
  gboolean      debug_stop;   /* stop once the caller (tests only) */
} ResolvePlan;

void
nns_resolved_program_free (NnsResolvedProgram *program)
{
  nns_clear_fd (&program->fd);
  g_free (program->path);
  g_free (program);
}

/* The files execvp() would try for @program, in order. A relative PATH
 * entry (an empty one is ".") stays relative: the child looks from the
 * call's working directory. */
GStrv
nns_spawn_resolve_candidates (const char *program,
                              const char *path_list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) dirs = NULL;

  if (strchr (program, '/') != NULL)
    {
      g_strv_builder_add (builder, program);
      return g_strv_builder_end (builder);
    }
  dirs = g_strsplit (path_list, ":", -1);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (dirs[i][0] != '\0' ? dirs[i] : ".",
                                                     program, NULL);

      g_strv_builder_add (builder, candidate);
    }
  return g_strv_builder_end (builder);
}

/* The child */

static G_NORETURN void
child_report (int          sock,
              ResolveStep  step,
              int          errsv,
              const char  *path,
              int          fd)
{
  ResolveHeader header = { step, errsv };
  struct iovec iov[2] = {
    { &header, sizeof header },
    { (void *) path, path != NULL ? strlen (path) : 0 },
  };
  union {
    struct cmsghdr align;
    char           buffer[CMSG_SPACE (sizeof (int))];
  } control;
  struct msghdr message = { .msg_iov = iov, .msg_iovlen = path != NULL ? 2 : 1 };
  ssize_t sent G_GNUC_UNUSED;

  if (fd >= 0)
    {
      struct cmsghdr *cmsg;

      memset (&control, 0, sizeof control);
      message.msg_control = control.buffer;
      message.msg_controllen = sizeof control.buffer;
      cmsg = CMSG_FIRSTHDR (&message);
      cmsg->cmsg_level = SOL_SOCKET;
      cmsg->cmsg_type = SCM_RIGHTS;
      cmsg->cmsg_len = CMSG_LEN (sizeof (int));
      memcpy (CMSG_DATA (cmsg), &fd, sizeof fd);
    }
  sent = sendmsg (sock, &message, MSG_NOSIGNAL);
  _exit (0);
}

/* "/proc/self/fd/N" into @buffer, without stdio. */
static void
format_fd_link (char  *buffer,
                size_t size,
                int    fd)
{
  static const char prefix[] = "/proc/self/fd/";
  char digits[16];
  size_t n = 0;

  do
    digits[n++] = (char) ('0' + fd % 10);
  while ((fd /= 10) > 0 && n < sizeof digits);
  memcpy (buffer, prefix, sizeof prefix - 1);
  for (size_t i = 0; i < n && sizeof prefix - 1 + i + 1 < size; i++)
    buffer[sizeof prefix - 1 + i] = digits[n - 1 - i];
  buffer[MIN (sizeof prefix - 1 + n, size - 1)] = '\0';
}

/* Opens @candidate as the caller: the fd, or -1 with errno set. */
static int
open_executable (const char *candidate,
                 char       *link,
                 size_t      link_size)
{
  struct stat st;
  int fd = open (candidate, O_PATH | O_CLOEXEC);
  int errsv;

  if (fd < 0)
    return -1;
  format_fd_link (link, link_size, fd);
  /* execve() refuses anything but a regular file with EACCES. */
  if (fstat (fd, &st) < 0 || !S_ISREG (st.st_mode))
    errno = EACCES;
  else if (access (link, X_OK) == 0)
    return fd;
  errsv = errno;
  close (fd);
  errno = errsv;
  return -1;
}

static G_NORETURN void
resolve_child_run (const ResolvePlan *plan,
                   int                sock)
{
  char link[64];
  char path[PATH_MAX + 1];
  gboolean denied = FALSE;

  prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (getppid () != plan->parent)
    _exit (1);
  /* It runs as the caller: none of netnsd's fds, and no ptrace. */
  if (nns_spawn_child_close_fds (sock, 1, plan->fd_limit) < 0 ||
      prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 ||
      syscall (SYS_setgroups, plan->n_groups, plan->groups) < 0 ||
      syscall (SYS_setresgid, plan->gid, plan->gid, plan->gid) < 0 ||
      syscall (SYS_setresuid, plan->uid, plan->uid, plan->uid) < 0)
    child_report (sock, RESOLVE_STEP_IDENTITY, errno, NULL, -1);
  if (plan->debug_stop)
    raise (SIGSTOP);
  if (chdir (plan->cwd) < 0)
    child_report (sock, RESOLVE_STEP_CWD, errno, NULL, -1);

  for (size_t i = 0; plan->candidates[i] != NULL; i++)
    {
      int fd = open_executable (plan->candidates[i], link, sizeof link);
      ssize_t length;

      if (fd < 0)
        {
          /* As execvp(): skip what is not there, remember what was refused. */
          if (errno == EACCES)
            denied = TRUE;
          else if (errno != ENOENT && errno != ENOTDIR && errno != ESTALE &&
                   errno != ENODEV && errno != ETIMEDOUT)
            child_report (sock, RESOLVE_STEP_SEARCH, errno, NULL, -1);
          continue;
        }
      length = readlink (link, path, sizeof path - 1);
      if (length <= 0 || length >= (ssize_t) sizeof path - 1 || path[0] != '/')
        child_report (sock, RESOLVE_STEP_NAME, length < 0 ? errno : ENAMETOOLONG, NULL, -1);
      path[length] = '\0';
      child_report (sock, RESOLVE_FOUND, 0, path, fd);
    }
  child_report (sock, RESOLVE_STEP_SEARCH, denied ? EACCES : ENOENT, NULL, -1);
}

/* The parent */

typedef struct {
  GTask       *task;        /* until the answer */
  GStrv        candidates;
  GArray      *groups;
  char        *program;     /* quoted */
  char        *cwd;         /* quoted */
  gboolean     searched;    /* no / in argv[0]: PATH was searched */
  char        *path_list;
  pid_t        pid;
  int          sock;
  guint        io_source;
  guint        timer;
  gboolean     reaped;
} Resolve;

static void
resolve_free (Resolve *resolve)
{
  g_assert (resolve->task == NULL);
  g_clear_handle_id (&resolve->io_source, g_source_remove);
  g_clear_handle_id (&resolve->timer, g_source_remove);
  nns_clear_fd (&resolve->sock);
  g_strfreev (resolve->candidates);
  g_array_unref (resolve->groups);
  g_free (resolve->program);
  g_free (resolve->cwd);
  g_free (resolve->path_list);
  g_free (resolve);
}

static GError *
error_from_header (Resolve             *resolve,
                   const ResolveHeader *header)
{
  NnsError code = nns_error_code_from_errno (header->errsv);
  const char *reason = g_strerror (header->errsv);

  if (header->errsv == EACCES || header->errsv == EPERM)
    code = NNS_ERROR_NOT_AUTHORIZED;
  switch (header->step)
    {
    case RESOLVE_STEP_CWD:
      return g_error_new (NNS_ERROR, code, "cannot change to the working directory %s: %s",
                          resolve->cwd, reason);
    case RESOLVE_STEP_SEARCH:
      if (resolve->searched && header->errsv == ENOENT)
        return g_error_new (NNS_ERROR, NNS_ERROR_NOT_FOUND, "program %s not found in PATH (%s)",
                            resolve->program, resolve->path_list);
      if (resolve->searched)
        return g_error_new (NNS_ERROR, code, "cannot run the program %s found in PATH: %s",
                            resolve->program, reason);
      return g_error_new (NNS_ERROR, code, "cannot run the program %s: %s",
                          resolve->program, reason);
    case RESOLVE_STEP_NAME:
      return g_error_new (NNS_ERROR, NNS_ERROR_FAILED, "cannot name the program %s: %s",
                          resolve->program, reason);
    case RESOLVE_STEP_IDENTITY:
    default:
      return g_error_new (NNS_ERROR, NNS_ERROR_FAILED,
                          "cannot take the caller's identity to find the program %s: %s",
                          resolve->program, reason);
    }
}

/* Ends the search: with the program, or an error (taken). */
static void
resolve_finish (Resolve            *resolve,
                NnsResolvedProgram *found,
                GError             *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&resolve->task);

  g_clear_handle_id (&resolve->io_source, g_source_remove);
  g_clear_handle_id (&resolve->timer, g_source_remove);
  nns_clear_fd (&resolve->sock);
  /* One that answered only has _exit() left; one that did not may be
   * stopped, or stuck anywhere. */
  if (!resolve->reaped)
    kill (resolve->pid, SIGKILL);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) nns_resolved_program_free);
  if (resolve->reaped)
    resolve_free (resolve);
}

/* Reads the child's answer: FALSE if there is none yet. */
static gboolean
read_answer (Resolve *resolve)
{
  ResolveHeader header = { 0, 0 };
  char path[PATH_MAX + 1];
  struct iovec iov[2] = { { &header, sizeof header }, { path, sizeof path - 1 } };
  union {
    struct cmsghdr align;
    char           buffer[CMSG_SPACE (sizeof (int))];
  } control;
  struct msghdr message = { .msg_iov = iov, .msg_iovlen = 2,
                            .msg_control = control.buffer,
                            .msg_controllen = sizeof control.buffer };
  nns_autofd int fd = -1;
  ssize_t got;

  do
    got = recvmsg (resolve->sock, &message, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
  while (got < 0 && errno == EINTR);
  if (got < 0 && errno == EAGAIN)
    return FALSE;
  for (struct cmsghdr *cmsg = CMSG_FIRSTHDR (&message); got > 0 && cmsg != NULL;
       cmsg = CMSG_NXTHDR (&message, cmsg))
    if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_RIGHTS &&
        cmsg->cmsg_len == CMSG_LEN (sizeof (int)))
      memcpy (&fd, CMSG_DATA (cmsg), sizeof fd);

  if (got < (ssize_t) sizeof header || (message.msg_flags & (MSG_TRUNC | MSG_CTRUNC)))
    resolve_finish (resolve, NULL,
                    g_error_new (NNS_ERROR, NNS_ERROR_FAILED, "cannot find the program %s: %s",
                                 resolve->program, got < 0 ? g_strerror (errno)
                                                           : "the search ended without an answer"));
  else if (header.step != RESOLVE_FOUND || fd < 0)
    resolve_finish (resolve, NULL, error_from_header (resolve, &header));
  else
    {
      NnsResolvedProgram *found = g_new0 (NnsResolvedProgram, 1);

      found->path = g_strndup (path, got - sizeof header);
      found->fd = g_steal_fd (&fd);
      resolve_finish (resolve, found, NULL);
    }
  return TRUE;
}

static gboolean
on_answer_ready (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  Resolve *resolve = user_data;

  if (read_answer (resolve))
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  Resolve *resolve = user_data;

  resolve->timer = 0;
  g_message ("the search for program %s (pid %d) did not end in time; killing it",
             resolve->program, (int) resolve->pid);
  resolve_finish (resolve, NULL,
                  g_error_new (NNS_ERROR, NNS_ERROR_FAILED,
                               "the search for the program %s did not end in time (it was "
                               "stopped, or a directory did not answer); netnsd ended it",
                               resolve->program));
  return G_SOURCE_REMOVE;
}

static void
on_child_exited (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  Resolve *resolve = user_data;

  resolve->reaped = TRUE;
  if (resolve->task == NULL)
    {
      resolve_free (resolve);
      return;
    }
  /* Its answer, if any, is in the socket now. */
  if (!read_answer (resolve))
    resolve_finish (resolve, NULL,
                    g_error_new (NNS_ERROR, NNS_ERROR_FAILED,
                                 "cannot find the program %s: the search ended without an answer",
                                 resolve->program));
}

static pid_t
fork_resolver (const ResolvePlan *plan,
               int                sock)
{
  sigset_t all, old;
  pid_t pid;
  int errsv;

  /* The child never unblocks them: no handler of netnsd's runs there. */
  sigfillset (&all);
  pthread_sigmask (SIG_SETMASK, &all, &old);
  pid = fork ();
  if (pid == 0)
    resolve_child_run (plan, sock);
  errsv = errno;
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  errno = errsv;
  return pid;
}

void
nns_spawn_resolve_async (const NnsResolveRequest *request,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  Resolve *resolve;
  ResolvePlan plan = { 0 };
  int socks[2];

  g_task_set_source_tag (task, nns_spawn_resolve_async);
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, socks) < 0)
    {
      g_task_return_new_error (task, NNS_ERROR, nns_error_code_from_errno (errno),
                               "cannot find the program: %s", g_strerror (errno));
      return;
    }
  resolve = g_new0 (Resolve, 1);
  resolve->candidates = nns_spawn_resolve_candidates (request->program, request->path_list);
  resolve->groups = g_array_new (FALSE, FALSE, sizeof (gid_t));
  g_array_append_vals (resolve->groups, request->groups, request->n_groups);
  resolve->program = nns_quote (request->program);
  resolve->cwd = nns_quote (request->cwd);
  resolve->searched = strchr (request->program, '/') == NULL;
  resolve->path_list = g_strdup (request->path_list);
  resolve->sock = socks[0];

  plan.uid = request->uid;
  plan.gid = request->gid;
  plan.groups = (const gid_t *) resolve->groups->data;
  plan.n_groups = resolve->groups->len;
  plan.cwd = request->cwd;
  plan.candidates = resolve->candidates;
  plan.fd_limit = nns_spawn_plan_read_fd_limit ();
  plan.parent = getpid ();
#ifdef NNS_DEBUG_HOOKS
  /* For the tests of a search that stalls: NETNSD_SPAWN_STOP_AT=resolving,
   * for every program or only NETNSD_SPAWN_STOP_PROGRAM. */
  plan.debug_stop = g_strcmp0 (g_getenv ("NETNSD_SPAWN_STOP_AT"), "resolving") == 0 &&
                    (g_getenv ("NETNSD_SPAWN_STOP_PROGRAM") == NULL ||
                     g_str_equal (g_getenv ("NETNSD_SPAWN_STOP_PROGRAM"), request->program));
#endif

  resolve->pid = fork_resolver (&plan, socks[1]);
  close (socks[1]);
  if (resolve->pid < 0)
    {
      g_task_return_new_error (task, NNS_ERROR, nns_error_code_from_errno (errno),
                               "cannot find the program %s: %s", resolve->program,
                               g_strerror (errno));
      resolve_free (resolve);
      return;
    }
  resolve->task = g_steal_pointer (&task);
  resolve->io_source = g_unix_fd_add (resolve->sock, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                      on_answer_ready, resolve);
  resolve->timer = g_timeout_add_seconds (request->timeout, on_timeout, resolve);
  nns_reaper_watch (resolve->pid, on_child_exited, resolve);
}

NnsResolvedProgram *
nns_spawn_resolve_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nns_spawn_resolve_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
