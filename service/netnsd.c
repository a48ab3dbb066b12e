/* netnsd.c: main() of the network namespace service.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
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

/* Each namespace holds a netlink socket open: take all the fds the
 * hard limit allows (systemd gives services a soft limit of 1024). */
static void
raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &limit) < 0)
        g_warning ("cannot raise the fd limit: %s", g_strerror (errno));
    }
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
  int max_namespaces = NNS_DEFAULT_MAX_NAMESPACES_PER_USER;
  int max_links_per_namespace = NNS_DEFAULT_MAX_LINKS_PER_NAMESPACE;
  int max_links_per_user = NNS_DEFAULT_MAX_LINKS_PER_USER;
  int max_pending = 0;
  int max_programs = NNS_DEFAULT_MAX_PROGRAMS_PER_USER;
  NnsDaemonOptions options = { 0 };
  const GOptionEntry entries[] = {
    { "replace", 'r', 0, G_OPTION_ARG_NONE, &replace,
      "Replace a running netnsd", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      "Print debug messages", NULL },
    { "auth-timeout", 0, 0, G_OPTION_ARG_INT, &auth_timeout,
      "Seconds a non-interactive polkit check may take (default 10)", "SECONDS" },
    { "max-namespaces-per-user", 0, 0, G_OPTION_ARG_INT, &max_namespaces,
      "Namespaces one user other than root may own at once (default 64)", "N" },
    { "max-links-per-namespace", 0, 0, G_OPTION_ARG_INT, &max_links_per_namespace,
      "Links one namespace may have, lo included, for a user other than root to add "
      "one (default 1024)", "N" },
    { "max-links-per-user", 0, 0, G_OPTION_ARG_INT, &max_links_per_user,
      "Links one user other than root may have in its namespaces and the host "
      "(default 4096)", "N" },
    { "max-pending-calls", 0, 0, G_OPTION_ARG_INT, &max_pending,
      "Calls one user other than root may have waiting for polkit (default 64)", "N" },
    { "max-programs-per-user", 0, 0, G_OPTION_ARG_INT, &max_programs,
      "Programs one user other than root may have running through Spawn at once "
      "(default 256)", "N" },
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
  if (auth_timeout < 0 || max_namespaces <= 0 || max_pending < 0 ||
      max_links_per_namespace <= 0 || max_links_per_user <= 0 || max_programs <= 0)
    {
      g_printerr ("netnsd: --auth-timeout, --max-namespaces-per-user, "
                  "--max-links-per-namespace, --max-links-per-user, "
                  "--max-pending-calls and --max-programs-per-user take positive numbers\n");
      return 2;
    }
  options.replace = replace;
  options.auth_timeout = (guint) auth_timeout;
  options.limits.namespaces_per_user = (guint) max_namespaces;
  options.limits.links_per_namespace = (guint) max_links_per_namespace;
  options.limits.links_per_user = (guint) max_links_per_user;
  options.limits.programs_per_user = (guint) max_programs;
  options.max_pending_per_uid = (guint) max_pending;
  if (verbose)
    g_log_set_debug_enabled (TRUE);
  if (geteuid () != 0)
    g_warning ("netnsd runs as uid %u; creating namespaces needs root", (guint) geteuid ());

  /* Register the error domain before any error can reach the bus. */
  nns_error_register_dbus_names ();
  /* A client that hangs up mid-reply must not kill the service. */
  signal (SIGPIPE, SIG_IGN);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);

  raise_fd_limit ();
  daemon = nns_daemon_new (loop, &options);
  nns_daemon_start (daemon);
  g_main_loop_run (loop);

  return nns_daemon_get_exit_status (daemon);
}
