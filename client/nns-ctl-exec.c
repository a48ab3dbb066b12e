/* nns-ctl-exec.c: netnsctl exec NAME -- PROGRAM ARGS..., the unprivileged
 * counterpart of `ip netns exec`.
 *
 * The program runs under netnsd (Spawn) with netnsctl's own stdin, stdout
 * and stderr; on a terminal, with a terminal of its own instead, which
 * netnsctl relays to its own (nns-ctl-pty.c). netnsctl forwards SIGINT,
 * SIGTERM and SIGHUP to it, waits for its end (libnetns's spawn-exited,
 * netnsd's SpawnExited signal), and exits as
 * it did: its exit code, or 128 plus the signal that killed it. If
 * netnsctl dies, netnsd ends the program (kill-on-disconnect).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nns-ctl.h"

/* Passed from netnsctl's environment unless --env says otherwise: what a
 * terminal program needs to look right. netnsd itself sets PATH, HOME,
 * USER, LOGNAME and SHELL for the user; nothing else reaches the program.
 * README.md says the same. */
static const char *const passed_env[] = { "TERM", "COLORTERM", "LANG", "LC_ALL", "LC_CTYPE" };

typedef struct {
  NnsCtl      *ctl;
  NetNsClient *client;
  NnsCtlPty   *pty;           /* NULL: the program has netnsctl's stdio */
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

  if (state->exited || state->pid == 0 ||
      !g_hash_table_lookup_extended (state->exits, GUINT_TO_POINTER (state->pid), NULL, &status))
    return;
  state->wait_status = GPOINTER_TO_INT (status);
  state->exited = TRUE;
  /* What the program wrote last still goes out before netnsctl ends. */
  if (state->pty != NULL)
    nns_ctl_pty_finish (state->pty);
}

/* Done: the program has exited and its terminal is drained, or netnsd
 * has gone. */
static gboolean
is_done (ExecState *state)
{
  if (state->service_gone)
    return TRUE;
  return state->exited && (state->pty == NULL || nns_ctl_pty_drained (state->pty));
}

static void
on_spawn_exited (NetNsClient *client,
                 guint        pid,
                 int          wait_status,
                 gpointer     user_data)
{
  ExecState *state = user_data;

  g_hash_table_insert (state->exits, GUINT_TO_POINTER (pid), GINT_TO_POINTER (wait_status));
  check_exited (state);
}

static void
on_name_owner (GObject    *client,
               GParamSpec *pspec,
               gpointer    user_data)
{
  ExecState *state = user_data;
  g_autofree char *owner = netns_client_dup_name_owner (state->client);

  if (owner == NULL)
    state->service_gone = TRUE;
}

static gboolean
forward_signal (ExecState *state,
                int        signal_number)
{
  /* The program may have ended already: then there is nothing to do. */
  if (state->pid != 0 && !state->exited)
    netns_client_kill_sync (state->client, state->pid, signal_number, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean on_sigint (gpointer data) { return forward_signal (data, SIGINT); }
static gboolean on_sigterm (gpointer data) { return forward_signal (data, SIGTERM); }
static gboolean on_sighup (gpointer data) { return forward_signal (data, SIGHUP); }

static GVariant *
build_options (char      **env_options,
               const char *cwd,
               gboolean    terminal)
{
  GVariantDict options;
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < G_N_ELEMENTS (passed_env); i++)
    {
      const char *value = g_getenv (passed_env[i]);

      if (value != NULL)
        g_ptr_array_add (env, g_strdup_printf ("%s=%s", passed_env[i], value));
    }
  for (guint i = 0; env_options != NULL && env_options[i] != NULL; i++)
    g_ptr_array_add (env, g_strdup (env_options[i]));

  g_variant_dict_init (&options, NULL);
  g_variant_dict_insert_value (&options, "env",
                               g_variant_new_strv ((const char * const *) env->pdata,
                                                   (gssize) env->len));
  if (cwd != NULL)
    g_variant_dict_insert (&options, "cwd", "s", cwd);
  /* Only then: a netnsd without terminals refuses the key. */
  if (terminal)
    g_variant_dict_insert (&options, "terminal", "b", TRUE);
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

/* Where PROGRAM starts in "exec [OPTION…] NAME [OPTION…] [--] PROGRAM
 * [ARGS…]": after "--", or else at the first word after NAME that is not
 * an option or an option's value, so that `exec NAME ls -l` runs `ls -l`.
 * Returns the index of "--" or of PROGRAM; argc if there is neither. */
static int
find_program (int                 argc,
              char              **argv,
              const GOptionEntry *entries)
{
  int words = 0;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        return i;
      if (arg[0] != '-' || arg[1] == '\0')
        {
          if (++words == 2)
            return i;
          continue;
        }
      /* An option that takes a value, given apart ("--env X", "-e X"). */
      for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
        if (entry->arg != G_OPTION_ARG_NONE &&
            ((arg[1] == '-' && g_str_equal (arg + 2, entry->long_name)) ||
             (arg[1] == entry->short_name && arg[2] == '\0')))
          i++;
    }
  return argc;
}

/* exec --temporary: a namespace that lasts as long as netnsctl's bus
 * connection, so as long as the program, which ends with netnsctl too
 * (kill-on-disconnect). */
static gboolean
create_temporary (ExecState  *state,
                  const char *namespace,
                  GError    **error)
{
  g_autoptr(NetNsNamespace) made = NULL;
  GVariantDict options;

  g_variant_dict_init (&options, NULL);
  g_variant_dict_insert (&options, "lifetime", "s", "client");
  made = netns_client_create_namespace_sync (state->client, namespace,
                                             g_variant_dict_end (&options), NULL, error);
  return made != NULL;
}

/* Spawn, with the spawn-exited signal connected before, so that no exit
 * comes unseen. */
static gboolean
spawn (ExecState   *state,
       const char  *namespace,
       char       **program,
       GVariant    *options,
       GError     **error)
{
  int fds[3];

  for (int fd = 0; fd < 3; fd++)
    {
      /* On a terminal, the pty stands in for each fd that is one. */
      fds[fd] = state->pty != NULL && isatty (fd) ? nns_ctl_pty_get_slave (state->pty) : fd;
    }
  state->pid = netns_client_spawn_sync (state->client, namespace, (const char *const *) program,
                                        options, fds[0], fds[1], fds[2], NULL, error);
  return state->pid != 0;
}

int
nns_ctl_exec (NnsCtl *ctl,
              int     argc,
              char  **argv)
{
  g_auto(GStrv) env_options = NULL;
  g_autofree char *cwd = NULL;
  gboolean temporary = FALSE;
  const GOptionEntry entries[] = {
    { "temporary", 't', 0, G_OPTION_ARG_NONE, &temporary,
      "Make NAME (lo up) for as long as the program runs", NULL },
    { "env", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &env_options,
      "Add NAME=VALUE to the program's environment", "NAME=VALUE" },
    { "cwd", 'C', 0, G_OPTION_ARG_FILENAME, &cwd,
      "The working directory (default: the current one)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "exec", "NAME [--] PROGRAM [ARGS…]",
                            "Run PROGRAM inside the namespace NAME, as yourself, with the view\n"
                            "`ip netns exec` gives, and exit as it does. Options go anywhere\n"
                            "before PROGRAM; after '--', every word is the program's.\n"
                            "On a terminal, the program gets a terminal of its own, so that\n"
                            "a shell has job control. With --temporary, NAME is created\n"
                            "first and goes when netnsctl ends.", entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) exits = g_hash_table_new (NULL, NULL);
  g_autoptr(NnsCtlPty) pty = NULL;
  g_autofree char **options = NULL;
  ExecState state = { ctl, NULL, NULL, 0, exits, 0, FALSE, FALSE };
  char **program;
  gulong exited_id, owner_id;
  guint signals[3];
  int split, n_options, status;

  if (!nns_ctl_not_in_batch (ctl, "exec", "a batch only makes changes", &error))
    return nns_ctl_fail (ctl, error);
  /* The options are read up to PROGRAM; the program's words are its own. */
  split = find_program (argc, argv, entries);
  program = argv + split + (split < argc && g_str_equal (argv[split], "--"));
  n_options = split;
  options = g_memdup2 (argv, sizeof (char *) * (gsize) (split + 1));
  options[split] = NULL;
  status = nns_ctl_parse_options (ctl, context, &n_options, &options);
  if (status != NNS_EXIT_OK)
    return status;
  if (n_options != 2 || program[0] == NULL)
    return nns_ctl_usage_error (ctl, context, "exec takes a namespace and a program");
  if (cwd == NULL)
    cwd = g_get_current_dir ();

  if (nns_ctl_pty_wanted () && (pty = nns_ctl_pty_new (&error)) == NULL)
    return nns_ctl_fail (ctl, error);
  state.pty = pty;
  if ((state.client = nns_ctl_client (ctl, &error)) == NULL)
    return nns_ctl_fail (ctl, error);

  exited_id = g_signal_connect (state.client, "spawn-exited", G_CALLBACK (on_spawn_exited),
                                &state);
  /* Caught from before the start on: a signal that comes while Spawn is
   * answered is dispatched, and forwarded, once the pid is known. (Started
   * in the background by a shell, netnsctl would otherwise ignore SIGINT
   * until then, and the program would never hear of it.) */
  signals[0] = g_unix_signal_add (SIGINT, on_sigint, &state);
  signals[1] = g_unix_signal_add (SIGTERM, on_sigterm, &state);
  signals[2] = g_unix_signal_add (SIGHUP, on_sighup, &state);
  if ((temporary && !create_temporary (&state, options[1], &error)) ||
      !spawn (&state, options[1], program, build_options (env_options, cwd, pty != NULL), &error))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
        g_source_remove (signals[i]);
      g_signal_handler_disconnect (state.client, exited_id);
      return nns_ctl_fail (ctl, error);
    }
  /* Followed only now: before its activation by this very Spawn, netnsd
   * had no name to lose. */
  owner_id = g_signal_connect (state.client, "notify::name-owner", G_CALLBACK (on_name_owner),
                               &state);

  if (pty != NULL)
    nns_ctl_pty_start (pty);
  check_exited (&state);
  while (!is_done (&state))
    g_main_context_iteration (NULL, TRUE);

  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    g_source_remove (signals[i]);
  g_signal_handler_disconnect (state.client, exited_id);
  g_signal_handler_disconnect (state.client, owner_id);
  /* The terminal as it was, before anything more is printed. */
  g_clear_pointer (&pty, nns_ctl_pty_free);
  if (!state.exited)
    {
      g_set_error (&error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED,
                   "netnsd went away while program %u ran", state.pid);
      return nns_ctl_fail (ctl, error);
    }
  return exit_code_for (state.wait_status);
}
