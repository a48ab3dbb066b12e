/* nns-ctl-agent.c: a polkit text agent for netnsctl, started much as
 * systemd's tools start one (src/shared/polkit-agent.c): only for a user
 * who is not root, on a terminal, and only until netnsctl exits.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nns-ctl.h"

#define PKTTYAGENT "/usr/bin/pkttyagent"

static pid_t agent_pid = 0;

/* Starts pkttyagent for this process and waits until it has registered,
 * so that polkit finds it when the first call asks. */
void
nns_ctl_agent_start (void)
{
  int notify[2];
  char notify_fd[16], parent[16];
  char buffer;
  ssize_t got;

  if (agent_pid != 0 || geteuid () == 0 || !isatty (STDIN_FILENO) ||
      !isatty (STDOUT_FILENO) || access (PKTTYAGENT, X_OK) < 0)
    return;
  if (pipe2 (notify, O_CLOEXEC) < 0)
    return;

  g_snprintf (parent, sizeof parent, "%d", (int) getpid ());
  agent_pid = fork ();
  if (agent_pid < 0)
    {
      agent_pid = 0;
      close (notify[0]);
      close (notify[1]);
      return;
    }
  if (agent_pid == 0)
    {
      /* The agent writes to the notify fd once registered; it must survive
       * exec, so drop close-on-exec on it alone. */
      int fd = fcntl (notify[1], F_DUPFD, 3);

      g_snprintf (notify_fd, sizeof notify_fd, "%d", fd);
      /* Not --fallback, unlike systemd: polkitd consults a fallback agent
       * only after finding the caller's login session, and without logind
       * (containers, minimal systems) there is none. The agent serves this
       * one process, so it takes nothing from a desktop's own agent. */
      execl (PKTTYAGENT, PKTTYAGENT, "--notify-fd", notify_fd,
             "--process", parent, (char *) NULL);
      _exit (127);
    }

  close (notify[1]);
  do
    got = read (notify[0], &buffer, 1);
  while (got < 0 && errno == EINTR);
  close (notify[0]);
}

void
nns_ctl_agent_stop (void)
{
  if (agent_pid <= 0)
    return;
  kill (agent_pid, SIGTERM);
  waitpid (agent_pid, NULL, 0);
  agent_pid = 0;
}
