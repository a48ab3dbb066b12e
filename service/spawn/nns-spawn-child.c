/* nns-spawn-child.c: what a spawned program's process does between fork()
 * and execve().
 *
 * The daemon has threads (GDBus has its own), so after fork() the child
 * makes only async-signal-safe calls, mostly raw system calls. The order
 * matters and follows `ip netns exec`, then drops everything the caller
 * should not have:
 *
 *   setns(net) -> unshare(mount) -> / as a slave -> a fresh /sys ->
 *   each /etc/netns/NAME/x bound over /etc/x -> stdio -> signals reset ->
 *   bounding set and ambient capabilities dropped -> setgroups ->
 *   setresgid -> setresuid -> check that setuid(0) fails -> inheritable,
 *   permitted and effective sets cleared -> no_new_privs -> the parent
 *   death signal (set after the uid change, which would clear it) -> setsid ->
 *   chdir (as the user) -> every fd above 2 closed on exec -> execve.
 *
 * Closing the fds matters most: a leaked system-bus socket would let the
 * program speak to the bus as root.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nns-spawn-child.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

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
    case NNS_SPAWN_STEP_CWD: return "cannot change to the working directory";
    case NNS_SPAWN_STEP_FDS: return "cannot close inherited file descriptors";
    case NNS_SPAWN_STEP_EXEC: return "cannot run the program";
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

static void
set_up_stdio (const NnsSpawnPlan *plan,
              int                 report_fd)
{
  sigset_t all;
  struct sigaction dfl = { .sa_handler = SIG_DFL };

  for (int fd = 0; fd < 3; fd++)
    if (dup2 (plan->stdio[fd], fd) < 0)
      fail (report_fd, NNS_SPAWN_STEP_STDIO);

  /* Ignored signals survive execve(): netnsd ignores SIGPIPE, the program
   * must not. */
  for (int sig = 1; sig < NSIG; sig++)
    sigaction (sig, &dfl, NULL);
  sigemptyset (&all);
  sigprocmask (SIG_SETMASK, &all, NULL);
}

static void
become_caller (const NnsSpawnPlan *plan,
               int                 report_fd)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { { 0 } };

  if (plan->drop_privileges)
    {
      /* Dropping from the bounding set needs CAP_SETPCAP: before setresuid(). */
      for (int cap = 0; cap <= plan->last_cap; cap++)
        if (prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
          fail (report_fd, NNS_SPAWN_STEP_CAPABILITIES);
      if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
        fail (report_fd, NNS_SPAWN_STEP_CAPABILITIES);
    }

  if (syscall (SYS_setgroups, plan->n_groups, plan->groups) < 0)
    fail (report_fd, NNS_SPAWN_STEP_GROUPS);
  if (syscall (SYS_setresgid, plan->gid, plan->gid, plan->gid) < 0)
    fail (report_fd, NNS_SPAWN_STEP_GID);
  if (syscall (SYS_setresuid, plan->uid, plan->uid, plan->uid) < 0)
    fail (report_fd, NNS_SPAWN_STEP_UID);

  if (!plan->drop_privileges)
    return;
  if (syscall (SYS_setuid, 0) == 0)
    {
      errno = EPERM;
      fail (report_fd, NNS_SPAWN_STEP_ROOT_REGAINED);
    }
  /* The kernel cleared the permitted and effective sets when the uids
   * left 0; the inheritable set stays unless cleared. */
  if (syscall (SYS_capset, &header, data) < 0)
    fail (report_fd, NNS_SPAWN_STEP_CAPABILITIES);
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
    fail (report_fd, NNS_SPAWN_STEP_NO_NEW_PRIVS);
}

static void
close_inherited_fds (const NnsSpawnPlan *plan,
                     int                 report_fd)
{
  /* Marked close-on-exec rather than closed: the report pipe must stay
   * open until execve() succeeds. */
  if (syscall (SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
    return;
  for (int fd = 3; fd < plan->max_fd; fd++)
    if (fcntl (fd, F_SETFD, FD_CLOEXEC) < 0 && errno != EBADF)
      fail (report_fd, NNS_SPAWN_STEP_FDS);
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

void
nns_spawn_child_run (const NnsSpawnPlan *plan,
                     int                 report_fd)
{
  enter_namespace_view (plan, report_fd);
  set_up_stdio (plan, report_fd);
  become_caller (plan, report_fd);
  die_with_parent (plan, report_fd);

  if (setsid () < 0)
    fail (report_fd, NNS_SPAWN_STEP_SESSION);
  if (chdir (plan->cwd) < 0)
    fail (report_fd, NNS_SPAWN_STEP_CWD);
  close_inherited_fds (plan, report_fd);

  execve (plan->path, plan->argv, plan->envp);
  fail (report_fd, NNS_SPAWN_STEP_EXEC);
}
