/* nns-ctl-pty.c: a terminal of its own for a program that netnsctl exec
 * runs from a terminal, as `machinectl shell` and `systemd-run --pty` give
 * one: so that a shell has job control (Ctrl-Z, fg, Ctrl-C to the
 * foreground job), which it cannot have on a terminal whose session is
 * not its own.
 *
 * netnsctl opens a pty pair, hands the slave to netnsd as the program's
 * stdio (netnsd makes it the program's controlling terminal, Spawn option
 * `terminal`), puts its own terminal into raw mode so that every key
 * reaches the program's terminal as typed, and relays bytes both ways
 * between its terminal and the master without blocking. The window size
 * follows netnsctl's terminal. When the program has exited, netnsctl
 * passes on what is left to read on the master, and puts its terminal
 * back as it was: on every way out, fatal signals included.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "nns-ctl.h"

#define RELAY_BUFFER 4096

struct _NnsCtlPty {
  int      master;
  int      slave;           /* -1 once the program has it */
  gboolean started;

  char     in[RELAY_BUFFER];    /* typed, on its way to the master */
  gsize    in_len;
  char     out[RELAY_BUFFER];   /* from the master, on its way to stdout */
  gsize    out_len;

  gboolean stdin_done;      /* netnsctl's terminal hung up */
  gboolean master_done;     /* nothing more to read from the master */
  gboolean stdout_broken;
  gboolean exited;          /* the program has: read what is left, then stop */

  guint    stdin_watch;
  guint    master_in_watch;
  guint    master_out_watch;
  guint    stdout_watch;
  guint    winch_watch;
};

/* Restoring the terminal: state a signal handler can reach. */

static const int fatal_signals[] = {
  SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGUSR1, SIGUSR2,
  SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS,
};

static struct termios saved_termios;
static volatile sig_atomic_t terminal_saved = 0;
static int saved_flags[2] = { -1, -1 };   /* of stdin and stdout */
static struct sigaction saved_actions[G_N_ELEMENTS (fatal_signals)];
static struct sigaction saved_sigpipe;

/* Async-signal-safe. */
static void
restore_terminal (void)
{
  if (!terminal_saved)
    return;
  terminal_saved = 0;
  (void) tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  for (int fd = 0; fd < 2; fd++)
    if (saved_flags[fd] >= 0)
      (void) fcntl (fd, F_SETFL, saved_flags[fd]);
}

/* Installed with SA_RESETHAND: raising the signal again gets its default
 * action, now with the terminal usable. */
static void
on_fatal_signal (int signal_number)
{
  int saved_errno = errno;

  restore_terminal ();
  raise (signal_number);
  errno = saved_errno;
}

static void
catch_fatal_signals (void)
{
  static gboolean registered = FALSE;
  struct sigaction action = { .sa_handler = on_fatal_signal, .sa_flags = SA_RESETHAND };
  struct sigaction ignore = { .sa_handler = SIG_IGN };

  if (!registered)
    atexit (restore_terminal);
  registered = TRUE;
  sigemptyset (&action.sa_mask);
  for (gsize i = 0; i < G_N_ELEMENTS (fatal_signals); i++)
    sigaction (fatal_signals[i], &action, &saved_actions[i]);
  /* A closed stdout is an error to handle, not a death with a raw terminal. */
  sigaction (SIGPIPE, &ignore, &saved_sigpipe);
}

static void
release_fatal_signals (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fatal_signals); i++)
    sigaction (fatal_signals[i], &saved_actions[i], NULL);
  sigaction (SIGPIPE, &saved_sigpipe, NULL);
}

/* Our terminal in raw mode: every byte goes to the program's terminal,
 * whose own line discipline turns Ctrl-C into SIGINT and so on. Output
 * processing stays, so that netnsctl's own messages end their lines. */
static void
make_raw (void)
{
  struct termios raw;

  if (tcgetattr (STDIN_FILENO, &saved_termios) < 0)
    return;
  raw = saved_termios;
  cfmakeraw (&raw);
  raw.c_oflag = saved_termios.c_oflag;
  for (int fd = 0; fd < 2; fd++)
    saved_flags[fd] = fcntl (fd, F_GETFL);
  terminal_saved = 1;
  if (tcsetattr (STDIN_FILENO, TCSANOW, &raw) < 0)
    g_debug ("cannot put the terminal into raw mode: %s", g_strerror (errno));
  for (int fd = 0; fd < 2; fd++)
    if (saved_flags[fd] >= 0)
      (void) fcntl (fd, F_SETFL, saved_flags[fd] | O_NONBLOCK);
}

/* Opening */

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

/* A terminal of its own when netnsctl's stdin and stdout are one: with
 * output to a pipe or file, the program's output goes there unchanged. */
gboolean
nns_ctl_pty_wanted (void)
{
  return isatty (STDIN_FILENO) && isatty (STDOUT_FILENO);
}

static void
copy_window_size (NnsCtlPty *pty)
{
  struct winsize size;

  if (ioctl (STDIN_FILENO, TIOCGWINSZ, &size) == 0)
    (void) ioctl (pty->master, TIOCSWINSZ, &size);
}

/* A pty pair, the slave set up as netnsctl's terminal is, so that the
 * program starts with the same settings and size. */
NnsCtlPty *
nns_ctl_pty_new (GError **error)
{
  g_autoptr(NnsCtlPty) pty = g_new0 (NnsCtlPty, 1);
  struct termios attributes;
  char name[64];
  int errsv;

  pty->slave = -1;
  pty->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (pty->master < 0 || grantpt (pty->master) < 0 || unlockpt (pty->master) < 0 ||
      ptsname_r (pty->master, name, sizeof name) != 0 ||
      (pty->slave = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
    {
      errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "cannot open a terminal for the program: %s", g_strerror (errsv));
      return NULL;
    }
  if (tcgetattr (STDIN_FILENO, &attributes) == 0)
    (void) tcsetattr (pty->slave, TCSANOW, &attributes);
  copy_window_size (pty);
  g_unix_set_fd_nonblocking (pty->master, TRUE, NULL);
  return g_steal_pointer (&pty);
}

int
nns_ctl_pty_get_slave (NnsCtlPty *pty)
{
  return pty->slave;
}

/* Relaying */

static void update_watches (NnsCtlPty *pty);

static gboolean
would_block (void)
{
  return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

/* Reads once from the master; FALSE when there is nothing to read now. */
static gboolean
read_master (NnsCtlPty *pty)
{
  ssize_t n;

  do
    n = read (pty->master, pty->out + pty->out_len, sizeof pty->out - pty->out_len);
  while (n < 0 && errno == EINTR);
  if (n > 0)
    {
      pty->out_len += (gsize) n;
      return TRUE;
    }
  /* EIO: every program holding the slave has closed it. */
  if (n == 0 || errno != EAGAIN)
    pty->master_done = TRUE;
  return FALSE;
}

/* Writes what @buffer holds to @fd; FALSE when @fd fails for good. */
static gboolean
write_some (int    fd,
            char  *buffer,
            gsize *len)
{
  ssize_t n = write (fd, buffer, *len);

  if (n < 0)
    return would_block ();
  memmove (buffer, buffer + n, *len - (gsize) n);
  *len -= (gsize) n;
  return TRUE;
}

static gboolean
on_stdin_readable (int fd, GIOCondition condition, gpointer data)
{
  NnsCtlPty *pty = data;
  ssize_t n = read (STDIN_FILENO, pty->in + pty->in_len, sizeof pty->in - pty->in_len);

  if (n > 0)
    pty->in_len += (gsize) n;
  else if (n == 0 || !would_block ())
    pty->stdin_done = TRUE;
  update_watches (pty);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_master_writable (int fd, GIOCondition condition, gpointer data)
{
  NnsCtlPty *pty = data;

  /* The program's terminal closed: what was typed has nowhere to go. */
  if (!write_some (pty->master, pty->in, &pty->in_len))
    pty->in_len = 0;
  update_watches (pty);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_master_readable (int fd, GIOCondition condition, gpointer data)
{
  NnsCtlPty *pty = data;

  read_master (pty);
  update_watches (pty);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_stdout_writable (int fd, GIOCondition condition, gpointer data)
{
  NnsCtlPty *pty = data;

  if (!write_some (STDOUT_FILENO, pty->out, &pty->out_len))
    {
      pty->stdout_broken = TRUE;
      pty->out_len = 0;
    }
  update_watches (pty);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_window_changed (gpointer data)
{
  copy_window_size (data);
  return G_SOURCE_CONTINUE;
}

static void
set_watch (guint             *id,
           int                fd,
           GIOCondition       condition,
           gboolean           wanted,
           GUnixFDSourceFunc  callback,
           NnsCtlPty         *pty)
{
  if (wanted && *id == 0)
    *id = g_unix_fd_add (fd, condition, callback, pty);
  else if (!wanted && *id != 0)
    g_clear_handle_id (id, g_source_remove);
}

/* Watches exactly what can move now: reading where there is room,
 * writing where there is something to write. */
static void
update_watches (NnsCtlPty *pty)
{
  /* Once the program has exited, what it wrote is all on the master
   * already: read it without waiting for more, which programs it left
   * behind might write forever. */
  if (pty->exited)
    while (!pty->master_done && pty->out_len < sizeof pty->out)
      if (!read_master (pty))
        pty->master_done = TRUE;
  if (pty->stdout_broken)
    pty->out_len = 0;

  set_watch (&pty->stdin_watch, STDIN_FILENO, G_IO_IN,
             !pty->stdin_done && !pty->exited && pty->in_len < sizeof pty->in,
             on_stdin_readable, pty);
  set_watch (&pty->master_out_watch, pty->master, G_IO_OUT,
             pty->in_len > 0 && !pty->master_done && !pty->exited, on_master_writable, pty);
  set_watch (&pty->master_in_watch, pty->master, G_IO_IN,
             !pty->master_done && pty->out_len < sizeof pty->out, on_master_readable, pty);
  set_watch (&pty->stdout_watch, STDOUT_FILENO, G_IO_OUT,
             pty->out_len > 0, on_stdout_writable, pty);
}

/* Once the program has its slave: raw mode, and relaying. */
void
nns_ctl_pty_start (NnsCtlPty *pty)
{
  close_fd (&pty->slave);
  catch_fatal_signals ();
  make_raw ();
  pty->started = TRUE;
  pty->winch_watch = g_unix_signal_add (SIGWINCH, on_window_changed, pty);
  copy_window_size (pty);   /* in case it changed while netnsd started the program */
  update_watches (pty);
}

/* The program has exited: pass on what is left on the master. */
void
nns_ctl_pty_finish (NnsCtlPty *pty)
{
  pty->exited = TRUE;
  update_watches (pty);
}

/* TRUE once the program has exited and all it wrote is out. */
gboolean
nns_ctl_pty_drained (NnsCtlPty *pty)
{
  return pty->exited && pty->master_done && pty->out_len == 0;
}

/* Puts the terminal back as it was. */
void
nns_ctl_pty_free (NnsCtlPty *pty)
{
  if (pty == NULL)
    return;
  g_clear_handle_id (&pty->stdin_watch, g_source_remove);
  g_clear_handle_id (&pty->master_in_watch, g_source_remove);
  g_clear_handle_id (&pty->master_out_watch, g_source_remove);
  g_clear_handle_id (&pty->stdout_watch, g_source_remove);
  g_clear_handle_id (&pty->winch_watch, g_source_remove);
  if (pty->started)
    {
      restore_terminal ();
      release_fatal_signals ();
    }
  close_fd (&pty->slave);
  close_fd (&pty->master);
  g_free (pty);
}
