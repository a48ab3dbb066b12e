/* nns-spawn-child.c: what a spawned program's process does between fork()
 * and execve().
 *
 * The daemon has threads (GDBus has its own), so after fork() the child
 * makes only async-signal-safe calls, mostly raw system calls. The parent
 * forks with every signal blocked, so that no handler of netnsd's runs in
 * the child; the child puts every disposition back to the default at once
 * and unblocks signals only just before execve(), so that a signal sent in
 * between acts as it would on the program. The order matters and follows
 * `ip netns exec`, then drops everything the caller should not have:
 *
 *   signals reset -> setns(net) -> unshare(mount) -> / as a slave ->
 *   a fresh /sys -> each /etc/netns/NAME/x bound over /etc/x -> stdio ->
 *   the program's fd next to the report pipe's -> the caller's resource
 *   limits -> bounding set and ambient capabilities dropped -> setgroups ->
 *   setresgid -> setresuid -> check that setuid(0) fails -> inheritable,
 *   permitted and effective sets cleared -> no_new_privs -> the parent
 *   death signal (set after the uid change, which would clear it) ->
 *   setsid -> stdin as the controlling terminal (if asked) -> chdir (as
 *   the user) -> every fd above 2 closed -> signals unblocked -> execveat
 *   of the program's fd.
 *
 * The program runs by its fd, opened when it was resolved before polkit
 * was asked (nns-spawn-resolve.c): what runs is the very file polkit was
 * asked about. The caller's resource limits are set before the uid
 * changes, so that the kernel counts the caller's processes against the
 * caller's RLIMIT_NPROC (execve() then fails with EAGAIN over it).
 *
 * A root caller's program keeps uid 0, but gets no more than netnsd's
 * bounding set: its inheritable set (which uid 0 would gain at execve()
 * on top of the bounding set) is cleared, and no_new_privs is set too.
 *
 * Closing the fds matters most: a leaked system-bus socket would let the
 * program speak to the bus as root.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nns-spawn-child.h"

const char *
nns_spawn_step_describe (NnsSpawnStep step)
{
  switch (step)
    {
    case NNS_SPAWN_STEP_NETNS: return "cannot enter the namespace";
    case NNS_SPAWN_STEP_MOUNT_NAMESPACE: return "cannot make a private mount namespace";
    case NNS_SPAWN_STEP_SYSFS: return "cannot mount the namespace's /sys";
    case NNS_SPAWN_STEP_STDIO: return "cannot set up standard input and output";
    case NNS_SPAWN_STEP_CAPABILITIES: return "cannot drop capabilities";
    case NNS_SPAWN_STEP_GROUPS: return "cannot set the groups";
    case NNS_SPAWN_STEP_GID: return "cannot set the group id";
    case NNS_SPAWN_STEP_UID: return "cannot set the user id";
    case NNS_SPAWN_STEP_ROOT_REGAINED: return "root privileges could be regained";
    case NNS_SPAWN_STEP_NO_NEW_PRIVS: return "cannot set no_new_privs";
    case NNS_SPAWN_STEP_PARENT_DEATH: return "netnsd ended while starting";
    case NNS_SPAWN_STEP_SESSION: return "cannot start a new session";
    case NNS_SPAWN_STEP_TERMINAL: return "cannot make stdin the controlling terminal of";
    case NNS_SPAWN_STEP_CWD: return "cannot change to the working directory";
    case NNS_SPAWN_STEP_FDS: return "cannot close inherited file descriptors";
    case NNS_SPAWN_STEP_EXEC: return "cannot run the program";
    case NNS_SPAWN_STEP_LIMITS: return "cannot set the caller's resource limits for";
    case NNS_SPAWN_STEP_SCOPE: return "cannot put into its caller's slice";
    default: return "cannot start the program";
    }
}

static G_NORETURN void
fail (int          report_fd,
      NnsSpawnStep step)
{
  NnsSpawnReport report = { step, errno };
  ssize_t written G_GNUC_UNUSED;

  written = write (report_fd, &report, sizeof report);
  _exit (127);
}

static void
debug_stop (const NnsSpawnPlan *plan,
            NnsSpawnStop        point)
{
#ifdef NNS_DEBUG_HOOKS
  if (plan->debug_stop == point)
    raise (SIGSTOP);
#endif
}

/* Ignored signals survive execve(), and netnsd's handlers must not run
 * here. Signals stay blocked (as the parent forked) until execve(). */
static void
reset_signal_dispositions (void)
{
  struct sigaction dfl = { .sa_handler = SIG_DFL };

  for (int sig = 1; sig < NSIG; sig++)
    sigaction (sig, &dfl, NULL);
}

static void
unblock_signals (void)
{
  sigset_t none;

  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
}

static void
enter_namespace_view (const NnsSpawnPlan *plan,
                      int                 report_fd)
{
  if (plan->netns_fd >= 0 && syscall (SYS_setns, plan->netns_fd, CLONE_NEWNET) < 0)
    fail (report_fd, NNS_SPAWN_STEP_NETNS);

  if (syscall (SYS_unshare, CLONE_NEWNS) < 0 ||
      mount ("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
    fail (report_fd, NNS_SPAWN_STEP_MOUNT_NAMESPACE);

  /* The inherited /sys shows the host's links; a new sysfs shows the
   * namespace's, as `ip netns exec` arranges. */
  if (plan->fresh_sys &&
      (umount2 ("/sys", MNT_DETACH) < 0 ||
       mount ("sysfs", "/sys", "sysfs",
              plan->sys_read_only ? MS_RDONLY : 0, NULL) < 0))
    fail (report_fd, NNS_SPAWN_STEP_SYSFS);

  /* As with ip, an /etc/netns file without a counterpart in /etc is
   * skipped, not fatal. */
  for (size_t i = 0; plan->bind_sources != NULL && plan->bind_sources[i] != NULL; i++)
    mount (plan->bind_sources[i], plan->bind_targets[i], "none", MS_BIND, NULL);
}

/* The fds netnsd received may be numbered 0 to 2 themselves (netnsd
 * started with those closed), in any order: dup2() straight onto 0, 1, 2
 * could overwrite one before it is used, and dup2 (fd, fd) would leave it
 * close-on-exec. So each goes above 2 first. */
int
nns_spawn_child_set_up_stdio (const int stdio[3])
{
  int moved[3];

  for (int i = 0; i < 3; i++)
    {
      moved[i] = fcntl (stdio[i], F_DUPFD_CLOEXEC, 3);
      if (moved[i] < 0)
        return -1;
    }
  /* dup2() clears close-on-exec on the copy. */
  for (int i = 0; i < 3; i++)
    if (dup2 (moved[i], i) < 0)
      return -1;
  for (int i = 0; i < 3; i++)
    close (moved[i]);
  return 0;
}

static void
become_caller (const NnsSpawnPlan *plan,
               int                 report_fd)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { { 0 } };

  for (int resource = 0; plan->rlimits != NULL && resource < RLIM_NLIMITS; resource++)
    if (setrlimit (resource, &plan->rlimits[resource]) < 0)
      fail (report_fd, NNS_SPAWN_STEP_LIMITS);

  if (plan->drop_privileges)
    {
      /* Dropping from the bounding set needs CAP_SETPCAP: before setresuid().
       * CAP_NET_RAW stays in it, and only there: the kernel refuses to run
       * a program whose file capabilities it cannot give (Debian's ping has
       * cap_net_raw), while no_new_privs, set below, makes sure the program
       * never gets it: ping then falls back to ICMP datagram sockets. */
      for (int cap = 0; cap <= plan->last_cap; cap++)
        if (cap != CAP_NET_RAW && prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
          fail (report_fd, NNS_SPAWN_STEP_CAPABILITIES);
    }
  if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
    fail (report_fd, NNS_SPAWN_STEP_CAPABILITIES);

  if (syscall (SYS_setgroups, plan->n_groups, plan->groups) < 0)
    fail (report_fd, NNS_SPAWN_STEP_GROUPS);
  if (syscall (SYS_setresgid, plan->gid, plan->gid, plan->gid) < 0)
    fail (report_fd, NNS_SPAWN_STEP_GID);
  if (syscall (SYS_setresuid, plan->uid, plan->uid, plan->uid) < 0)
    fail (report_fd, NNS_SPAWN_STEP_UID);

  if (plan->drop_privileges)
    {
      if (syscall (SYS_setuid, 0) == 0)
        {
          errno = EPERM;
          fail (report_fd, NNS_SPAWN_STEP_ROOT_REGAINED);
        }
      /* The kernel cleared the permitted and effective sets when the uids
       * left 0; the inheritable set stays unless cleared. */
    }
  else
    {
      /* uid 0 gains its bounding set and its inheritable set at
       * execve(): without the inheritable set, the bounding set alone. */
      if (syscall (SYS_capget, &header, data) < 0)
        fail (report_fd, NNS_SPAWN_STEP_CAPABILITIES);
      for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
        data[i].inheritable = 0;
    }
  if (syscall (SYS_capset, &header, data) < 0)
    fail (report_fd, NNS_SPAWN_STEP_CAPABILITIES);
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
    fail (report_fd, NNS_SPAWN_STEP_NO_NEW_PRIVS);
}

/* The fd that /proc/self/fd names @name, or -1. */
static int
parse_fd_name (const char *name)
{
  int fd = 0;

  if (*name == '\0')
    return -1;
  for (; *name != '\0'; name++)
    {
      if (*name < '0' || *name > '9' || fd > (G_MAXINT - 9) / 10)
        return -1;
      fd = fd * 10 + (*name - '0');
    }
  return fd;
}

/* Where close_range() is missing (Linux before 5.9): the fds the child
 * has, as /proc/self/fd lists them. */
int
nns_spawn_child_close_fds_listed (int keep_fd,
                                  int n_keep)
{
  /* Aligned for the 64-bit fields of the entries. */
  char buffer[4096] __attribute__ ((aligned (8)));
  int dir = open ("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  long got;
  int errsv;

  if (dir < 0)
    return -1;
  /* Closing an fd does not move the others in the listing: its position
   * is the fd number. */
  while ((got = syscall (SYS_getdents64, dir, buffer, sizeof buffer)) > 0)
    for (long offset = 0; offset < got;)
      {
        const struct dirent64 *entry = (const struct dirent64 *) (buffer + offset);
        int fd = parse_fd_name (entry->d_name);

        offset += entry->d_reclen;
        if (fd > 2 && (fd < keep_fd || fd >= keep_fd + n_keep) && fd != dir)
          close (fd);
      }
  errsv = errno;
  close (dir);
  errno = errsv;
  return got < 0 ? -1 : 0;
}

/* Without /proc either: every number below the fd limit. */
int
nns_spawn_child_close_fds_counting (int keep_fd,
                                    int n_keep,
                                    int fd_limit)
{
  for (int fd = 3; fd < fd_limit; fd++)
    if (fd < keep_fd || fd >= keep_fd + n_keep)
      close (fd);
  return 0;
}

/* Closes every fd above 2 but the @n_keep from @keep_fd on (the report
 * pipe and the program, close-on-exec: they must stay open until execve()
 * succeeds). */
int
nns_spawn_child_close_fds (int keep_fd,
                           int n_keep,
                           int fd_limit)
{
  unsigned int after_keep = keep_fd >= 3 ? (unsigned int) (keep_fd + n_keep) : 3U;

  if ((keep_fd <= 3 || syscall (SYS_close_range, 3U, (unsigned int) keep_fd - 1, 0U) == 0) &&
      syscall (SYS_close_range, after_keep, ~0U, 0U) == 0)
    return 0;
  if (nns_spawn_child_close_fds_listed (keep_fd, n_keep) == 0)
    return 0;
  return nns_spawn_child_close_fds_counting (keep_fd, n_keep, fd_limit);
}

/* A program that ends with its caller ends with netnsd too: no one would
 * be left to end it, or to tell its caller it ended. */
static void
die_with_parent (const NnsSpawnPlan *plan,
                 int                 report_fd)
{
  if (plan->die_with <= 0)
    return;
  if (prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
    fail (report_fd, NNS_SPAWN_STEP_PARENT_DEATH);
  /* netnsd may have ended before the signal was armed. */
  if (getppid () != plan->die_with)
    {
      errno = ESRCH;
      fail (report_fd, NNS_SPAWN_STEP_PARENT_DEATH);
    }
}

/* Once stdin is this session's controlling terminal, the program gets
 * the terminal's signals (^C) and job control, as in a login shell. */
static void
take_terminal (const NnsSpawnPlan *plan,
               int                 report_fd)
{
  if (plan->terminal && ioctl (0, TIOCSCTTY, 0) < 0)
    fail (report_fd, NNS_SPAWN_STEP_TERMINAL);
}

/* Runs the program's fd. A script (#!) cannot run from a close-on-exec
 * fd: its interpreter opens it as /dev/fd/N after the exec, so execveat()
 * fails with ENOENT. The fd then stays open for the interpreter, which
 * reads that very file (and sees /dev/fd/N as the script's name). */
static void
exec_program (const NnsSpawnPlan *plan,
              int                 program_fd)
{
  syscall (SYS_execveat, program_fd, "", plan->argv, plan->envp, AT_EMPTY_PATH);
  if (errno == ENOENT && fcntl (program_fd, F_SETFD, 0) == 0)
    syscall (SYS_execveat, program_fd, "", plan->argv, plan->envp, AT_EMPTY_PATH);
}

/* Waits until netnsd has had the child moved into its caller's scope
 * (nns-spawn-scope.c): a byte says it is there; an end without one, that
 * it will not be. */
static void
wait_for_scope (const NnsSpawnPlan *plan,
                int                 report_fd)
{
  char byte;
  ssize_t got;

  if (plan->go_fd < 0)
    return;
  do
    got = read (plan->go_fd, &byte, 1);
  while (got < 0 && errno == EINTR);
  if (got != 1)
    {
      if (got == 0)
        errno = ECANCELED;
      fail (report_fd, NNS_SPAWN_STEP_SCOPE);
    }
  close (plan->go_fd);
}

void
nns_spawn_child_run (const NnsSpawnPlan *plan,
                     int                 report_fd)
{
  int program_fd = plan->program_fd;

  debug_stop (plan, NNS_SPAWN_STOP_FORKED);
  reset_signal_dispositions ();
  wait_for_scope (plan, report_fd);
  /* Out of the way of stdio, which goes to 0 to 2. */
  if (report_fd < 3)
    {
      int moved = fcntl (report_fd, F_DUPFD_CLOEXEC, 3);

      if (moved < 0)
        fail (report_fd, NNS_SPAWN_STEP_STDIO);
      report_fd = moved;
    }
  if (program_fd < 3 && (program_fd = fcntl (program_fd, F_DUPFD_CLOEXEC, 3)) < 0)
    fail (report_fd, NNS_SPAWN_STEP_STDIO);

  enter_namespace_view (plan, report_fd);
  if (nns_spawn_child_set_up_stdio (plan->stdio) < 0)
    fail (report_fd, NNS_SPAWN_STEP_STDIO);
  /* Next to the report pipe, so that closing every other fd keeps both;
   * before the caller's fd limit, which may be below that number. */
  if (program_fd != report_fd + 1)
    {
      if (dup3 (program_fd, report_fd + 1, O_CLOEXEC) < 0)
        fail (report_fd, NNS_SPAWN_STEP_STDIO);
      program_fd = report_fd + 1;
    }
  become_caller (plan, report_fd);
  die_with_parent (plan, report_fd);

  if (setsid () < 0)
    fail (report_fd, NNS_SPAWN_STEP_SESSION);
  take_terminal (plan, report_fd);
  if (chdir (plan->cwd) < 0)
    fail (report_fd, NNS_SPAWN_STEP_CWD);
  if (nns_spawn_child_close_fds (report_fd, 2, plan->fd_limit) < 0)
    fail (report_fd, NNS_SPAWN_STEP_FDS);

  debug_stop (plan, NNS_SPAWN_STOP_BEFORE_EXEC);
  unblock_signals ();
  exec_program (plan, program_fd);
  fail (report_fd, NNS_SPAWN_STEP_EXEC);
}
