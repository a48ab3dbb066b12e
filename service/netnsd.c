/* netnsd.c: main() of the network namespace service.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nns-daemon.h"
#include "nns-error.h"

static gboolean
on_quit_signal (gpointer user_data)
{
  g_message ("exiting on signal");
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(NnsDaemon) daemon = NULL;
  gboolean replace = FALSE;
  gboolean verbose = FALSE;
  gboolean version = FALSE;
  int auth_timeout = 0;
  const GOptionEntry entries[] = {
    { "replace", 'r', 0, G_OPTION_ARG_NONE, &replace,
      "Replace a running netnsd", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      "Print debug messages", NULL },
    { "auth-timeout", 0, 0, G_OPTION_ARG_INT, &auth_timeout,
      "Seconds a non-interactive polkit check may take (default 10)", "SECONDS" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* /run/netns must come out 0755, as iproute2 makes it, whatever umask
   * netnsd was started with. */
  umask (022);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "The network namespace service (org.example.NetNs).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("netnsd: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("netnsd %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (auth_timeout < 0)
    {
      g_printerr ("netnsd: --auth-timeout must be positive\n");
      return 2;
    }
  if (verbose)
    g_log_set_debug_enabled (TRUE);
  if (geteuid () != 0)
    g_warning ("netnsd runs as uid %u; creating namespaces needs root", (guint) geteuid ());

  /* Register the error domain before any error can reach the bus. */
  (void) nns_error_quark ();
  /* A client that hangs up mid-reply must not kill the service. */
  signal (SIGPIPE, SIG_IGN);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);

  daemon = nns_daemon_new (loop, replace, (guint) auth_timeout);
  nns_daemon_start (daemon);
  g_main_loop_run (loop);

  return nns_daemon_get_exit_status (daemon);
}
