/* nns-ctl-exec.c: netnsctl exec NAME -- PROGRAM ARGS..., the unprivileged
 * counterpart of `ip netns exec`.
 *
 * The program runs under netnsd (Spawn) with netnsctl's own stdin, stdout
 * and stderr. netnsctl forwards SIGINT, SIGTERM and SIGHUP to it, waits
 * for its SpawnExited signal, and exits as it did: its exit code, or 128
 * plus the signal that killed it. If netnsctl dies, netnsd ends the program
 * (kill-on-disconnect).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gunixfdlist.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nns-ctl.h"

/* Passed from netnsctl's environment unless --env says otherwise: what a
 * terminal program needs to look right. */
static const char *const passed_env[] = { "TERM", "LANG", "LC_ALL", "LC_CTYPE", "COLORTERM" };

typedef struct {
  NnsCtl     *ctl;
  GMainLoop  *loop;
  guint32     pid;           /* 0 until Spawn answers */
  GHashTable *exits;         /* pid -> wait status, for exits seen early */
  int         wait_status;
  gboolean    exited;
  gboolean    service_gone;
} ExecState;

static void
check_exited (ExecState *state)
{
  gpointer status;

  if (state->pid != 0 &&
      g_hash_table_lookup_extended (state->exits, GUINT_TO_POINTER (state->pid), NULL, &status))
    {
      state->wait_status = GPOINTER_TO_INT (status);
      state->exited = TRUE;
      g_main_loop_quit (state->loop);
    }
}

static void
on_spawn_exited (GDBusConnection *connection,
                 const char      *sender,
                 const char      *path,
                 const char      *interface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         user_data)
{
  ExecState *state = user_data;
  guint32 pid;
  gint32 status;

  g_variant_get (parameters, "(ui)", &pid, &status);
  g_hash_table_insert (state->exits, GUINT_TO_POINTER (pid), GINT_TO_POINTER (status));
  check_exited (state);
}

static void
on_service_vanished (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ExecState *state = user_data;

  state->service_gone = TRUE;
  g_main_loop_quit (state->loop);
}

static gboolean
forward_signal (ExecState *state,
                int        signal_number)
{
  if (state->pid != 0)
    g_dbus_connection_call (state->ctl->bus, "org.example.NetNs", "/org/example/NetNs",
                            "org.example.NetNs", "Kill",
                            g_variant_new ("(ui)", state->pid, signal_number),
                            NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean on_sigint (gpointer data) { return forward_signal (data, SIGINT); }
static gboolean on_sigterm (gpointer data) { return forward_signal (data, SIGTERM); }
static gboolean on_sighup (gpointer data) { return forward_signal (data, SIGHUP); }

static GVariant *
build_options (char **env_options,
               const char *cwd)
{
  GVariantDict options;
  g_autoptr(GPtrArray) env = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (passed_env); i++)
    {
      const char *value = g_getenv (passed_env[i]);

      if (value != NULL)
        g_ptr_array_add (env, g_strdup_printf ("%s=%s", passed_env[i], value));
    }
  for (guint i = 0; env_options != NULL && env_options[i] != NULL; i++)
    g_ptr_array_add (env, g_strdup (env_options[i]));
  g_ptr_array_set_free_func (env, g_free);

  g_variant_dict_init (&options, NULL);
  g_variant_dict_insert_value (&options, "env",
                               g_variant_new_strv ((const char * const *) env->pdata,
                                                   (gssize) env->len));
  if (cwd != NULL)
    g_variant_dict_insert (&options, "cwd", "s", cwd);
  return g_variant_dict_end (&options);
}

static int
exit_code_for (int wait_status)
{
  if (WIFEXITED (wait_status))
    return WEXITSTATUS (wait_status);
  if (WIFSIGNALED (wait_status))
    return 128 + WTERMSIG (wait_status);
  return NNS_EXIT_FAILED;
}

int
nns_ctl_exec (NnsCtl *ctl,
              int     argc,
              char  **argv)
{
  g_auto(GStrv) env_options = NULL;
  g_autofree char *cwd = NULL;
  const GOptionEntry entries[] = {
    { "env", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &env_options,
      "Add NAME=VALUE to the program's environment", "NAME=VALUE" },
    { "cwd", 'C', 0, G_OPTION_ARG_FILENAME, &cwd,
      "The working directory (default: the current one)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context ("exec", "NAME -- PROGRAM [ARGS...]",
                            "Run PROGRAM inside the namespace NAME, as yourself, with the view\n"
                            "`ip netns exec` gives. netnsctl exits as the program does.", entries);
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GHashTable) exits = g_hash_table_new (NULL, NULL);
  ExecState state = { ctl, loop, 0, exits, 0, FALSE, FALSE };
  guint subscription, watch;
  int status;

  if (ctl->batch != NULL)
    {
      g_printerr ("netnsctl: exec cannot be part of a batch: a batch only makes changes\n");
      return NNS_EXIT_NOT_SUPPORTED;
    }
  g_option_context_set_strict_posix (context, TRUE);
  status = nns_ctl_parse_options (context, &argc, &argv);
  if (status != NNS_EXIT_OK)
    return status;
  /* argv: exec NAME [--] PROGRAM ARGS... */
  if (argc > 2 && g_str_equal (argv[2], "--"))
    {
      memmove (argv + 2, argv + 3, sizeof (char *) * (gsize) (argc - 2));
      argc--;
    }
  if (argc < 3)
    return nns_ctl_usage_error (context, "exec takes a namespace and a program");
  if (cwd == NULL)
    cwd = g_get_current_dir ();

  for (int fd = 0; fd < 3; fd++)
    if (g_unix_fd_list_append (fds, fd, &error) < 0)
      return nns_ctl_fail (ctl, error);

  /* Subscribe before starting, so that no exit can come unseen. */
  subscription = g_dbus_connection_signal_subscribe (ctl->bus, "org.example.NetNs",
                                                     "org.example.NetNs", "SpawnExited",
                                                     "/org/example/NetNs", NULL,
                                                     G_DBUS_SIGNAL_FLAGS_NONE,
                                                     on_spawn_exited, &state, NULL);
  watch = g_bus_watch_name_on_connection (ctl->bus, "org.example.NetNs",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE, NULL,
                                          on_service_vanished, &state, NULL);

  reply = g_dbus_connection_call_with_unix_fd_list_sync (
    ctl->bus, "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
    g_variant_new ("(s^as@a{sv}hhh)", argv[1], argv + 2, build_options (env_options, cwd),
                   0, 1, 2),
    G_VARIANT_TYPE ("(u)"),
    ctl->ask_password ? G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION : G_DBUS_CALL_FLAGS_NONE,
    ctl->ask_password ? G_MAXINT : -1, fds, NULL, NULL, &error);
  if (reply == NULL)
    {
      g_dbus_connection_signal_unsubscribe (ctl->bus, subscription);
      g_bus_unwatch_name (watch);
      return nns_ctl_fail (ctl, error);
    }
  g_variant_get (reply, "(u)", &state.pid);

  g_unix_signal_add (SIGINT, on_sigint, &state);
  g_unix_signal_add (SIGTERM, on_sigterm, &state);
  g_unix_signal_add (SIGHUP, on_sighup, &state);
  check_exited (&state);
  if (!state.exited && !state.service_gone)
    g_main_loop_run (loop);

  g_dbus_connection_signal_unsubscribe (ctl->bus, subscription);
  g_bus_unwatch_name (watch);
  if (!state.exited)
    {
      g_printerr ("netnsctl: netnsd went away while program %u ran\n", state.pid);
      return NNS_EXIT_FAILED;
    }
  return exit_code_for (state.wait_status);
}
