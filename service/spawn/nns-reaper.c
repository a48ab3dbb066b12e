/* nns-reaper.c: reaps netnsd's children, with no fd per child.
 *
 * GLib's child watch holds a pidfd per child for as long as the child
 * runs: netnsd would hold an fd for each program its callers run, and
 * they would together exhaust its fd limit. Here one SIGCHLD handler
 * writes a byte to one pipe, and the main loop reaps every child that
 * ended (waitpid(-1)) and calls its watch. Every child of netnsd is
 * watched here (the spawned programs and the searches for them); a child
 * with no watch left is reaped all the same, so none stays a zombie.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nns-reaper.h"

typedef struct {
  GChildWatchFunc callback;
  gpointer        user_data;
} Watch;

static int wake_fds[2] = { -1, -1 };
static GHashTable *watches;   /* pid -> Watch */

static void
on_sigchld (int signal_number)
{
  int errsv = errno;
  char byte = 0;
  ssize_t written G_GNUC_UNUSED;

  written = write (wake_fds[1], &byte, 1);
  errno = errsv;
}

static gboolean
on_wake (int          fd,
         GIOCondition condition,
         gpointer     user_data)
{
  char buffer[256];
  int wait_status;
  pid_t pid;

  while (read (fd, buffer, sizeof buffer) > 0)
    ;
  while ((pid = waitpid (-1, &wait_status, WNOHANG)) > 0)
    {
      Watch *watch = g_hash_table_lookup (watches, GINT_TO_POINTER (pid));
      Watch copy;

      if (watch == NULL)
        {
          g_debug ("child %d ended, watched by no one", (int) pid);
          continue;
        }
      copy = *watch;
      g_hash_table_remove (watches, GINT_TO_POINTER (pid));
      copy.callback (pid, wait_status, copy.user_data);
    }
  return G_SOURCE_CONTINUE;
}

static void
set_up (void)
{
  struct sigaction action = { .sa_handler = on_sigchld, .sa_flags = SA_RESTART | SA_NOCLDSTOP };

  if (watches != NULL)
    return;
  watches = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (!g_unix_open_pipe (wake_fds, FD_CLOEXEC, NULL))
    g_error ("cannot make the pipe that reaps children: %s", g_strerror (errno));
  g_unix_set_fd_nonblocking (wake_fds[0], TRUE, NULL);
  g_unix_set_fd_nonblocking (wake_fds[1], TRUE, NULL);
  sigemptyset (&action.sa_mask);
  sigaction (SIGCHLD, &action, NULL);
  g_unix_fd_add (wake_fds[0], G_IO_IN, on_wake, NULL);
}

/* Calls @callback on the main loop once @pid (a child of netnsd) has
 * ended and been reaped. The id is for nns_reaper_unwatch(). */
guint
nns_reaper_watch (pid_t           pid,
                  GChildWatchFunc callback,
                  gpointer        user_data)
{
  Watch *watch = g_new0 (Watch, 1);

  g_return_val_if_fail (pid > 0, 0);

  set_up ();
  watch->callback = callback;
  watch->user_data = user_data;
  g_hash_table_replace (watches, GINT_TO_POINTER (pid), watch);
  /* It may have ended before the watch was made (its signal is handled,
   * but was it seen?): look once more on the loop. */
  on_sigchld (SIGCHLD);
  return (guint) pid;
}

/* The callback will not be called; the child is reaped all the same. */
void
nns_reaper_unwatch (guint watch_id)
{
  if (watches != NULL)
    g_hash_table_remove (watches, GUINT_TO_POINTER (watch_id));
}
