/* nns-ctl.c: what every netnsctl command shares: option parsing, and
 * reporting errors and results (nns-ctl-client.c calls netnsd).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "nns-ctl.h"
#include "nns-error.h"

/* Options */

/* A context for one command: its own options and those netnsctl takes
 * anywhere (--json, --no-ask-password). Its help begins "Usage: netnsctl
 * COMMAND [OPTION…] PARAMETERS". */
GOptionContext *
nns_ctl_option_context (NnsCtl             *ctl,
                        const char         *command,
                        const char         *parameters,
                        const char         *summary,
                        const GOptionEntry *entries)
{
  const GOptionEntry global[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &ctl->json,
      "Print results, and errors, as JSON", NULL },
    { "no-ask-password", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &ctl->ask_password,
      "Do not let polkit ask for a password", NULL },
    { NULL }
  };
  g_autofree char *program = g_strdup_printf ("netnsctl %s", command);
  GOptionContext *context = g_option_context_new (parameters);

  /* The usage line names the program, then "[OPTION…]", then the
   * parameters: the program is "netnsctl COMMAND" here. */
  g_set_prgname (program);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, global, NULL);
  return context;
}

/* Parses a command's options, which may come anywhere before "--"; every
 * word after "--" is a word, whatever it looks like. On return argv holds
 * the command and its words, without the "--". Returns NNS_EXIT_OK to go
 * on. */
int
nns_ctl_parse_options (NnsCtl          *ctl,
                       GOptionContext  *context,
                       int             *argc,
                       char          ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char **head = NULL;
  char **head_argv;
  int separator = *argc;
  int head_argc, n;

  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        separator = i;
        break;
      }

  head = g_new0 (char *, separator + 1);
  memcpy (head, *argv, sizeof (char *) * (gsize) separator);
  head_argv = head;
  head_argc = separator;
  if (!g_option_context_parse (context, &head_argc, &head_argv, &error))
    return nns_ctl_usage_error (ctl, context, error->message);

  /* The words left before "--", then those after it. */
  n = head_argc;
  memmove (*argv, head_argv, sizeof (char *) * (gsize) head_argc);
  for (int i = separator + 1; i < *argc; i++)
    (*argv)[n++] = (*argv)[i];
  (*argv)[n] = NULL;
  *argc = n;
  return NNS_EXIT_OK;
}

int
nns_ctl_usage_error (NnsCtl         *ctl,
                     GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
  g_autofree char *text = g_strdup_printf ("\n%s", help);

  return nns_ctl_usage (ctl, message, text);
}

static void print_error (NnsCtl     *ctl,
                         const char *name,
                         const char *message);

/* A usage error: @message, then for a person @usage (may be NULL). */
int
nns_ctl_usage (NnsCtl     *ctl,
               const char *message,
               const char *usage)
{
  if (ctl->json)
    print_error (ctl, "netnsctl.Error.Usage", message);
  else
    g_printerr ("netnsctl: %s\n%s", message, usage != NULL ? usage : "");
  return NNS_EXIT_USAGE;
}

/* Parses the options every link, addr and route verb takes (-n NS and
 * the global ones); the words stay in argv. */
int
nns_ctl_parse_verb_options (NnsCtl       *ctl,
                            int          *argc,
                            char       ***argv,
                            const char   *command,
                            const char   *syntax,
                            const char   *summary,
                            char        **namespace)
{
  const GOptionEntry entries[] = {
    { "netns", 'n', 0, G_OPTION_ARG_STRING, namespace,
      "The namespace (default: the host)", "NS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = nns_ctl_option_context (ctl, command, syntax, summary,
                                                              entries);

  return nns_ctl_parse_options (ctl, context, argc, argv);
}

/* Errors */

/* The exit status for @error: README.md's table, which says why. */
static int
exit_status_for (const GError *error)
{
  if (error->domain == NETNS_ERROR)
    {
      switch ((NetNsError) error->code)
        {
        case NETNS_ERROR_NOT_AUTHORIZED:
        case NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED:
          return NNS_EXIT_NOT_AUTHORIZED;
        case NETNS_ERROR_NOT_FOUND:
          return NNS_EXIT_NOT_FOUND;
        case NETNS_ERROR_EXISTS:
          return NNS_EXIT_EXISTS;
        case NETNS_ERROR_INVALID_ARGUMENT:
          return NNS_EXIT_INVALID_ARGUMENT;
        case NETNS_ERROR_BUSY:
          return NNS_EXIT_BUSY;
        case NETNS_ERROR_NOT_SUPPORTED:
          return NNS_EXIT_NOT_SUPPORTED;
        case NETNS_ERROR_FAILED:
          return NNS_EXIT_FAILED;
        }
      return NNS_EXIT_FAILED;
    }
  if (error->domain != G_DBUS_ERROR)
    return NNS_EXIT_FAILED;

  switch ((GDBusError) error->code)
    {
    /* The bus's policy refused the call. */
    case G_DBUS_ERROR_ACCESS_DENIED:
      return NNS_EXIT_NOT_AUTHORIZED;
    /* No system bus, no netnsd on it, or netnsd could not be started. */
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_DISCONNECTED:
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_FORK_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
    case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
    case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
    case G_DBUS_ERROR_SPAWN_FILE_INVALID:
    case G_DBUS_ERROR_SPAWN_NO_MEMORY:
      return NNS_EXIT_NO_SERVICE;
    /* The netnsd running does not know the call: an older one. */
    case G_DBUS_ERROR_UNKNOWN_METHOD:
    case G_DBUS_ERROR_UNKNOWN_OBJECT:
    case G_DBUS_ERROR_UNKNOWN_INTERFACE:
    case G_DBUS_ERROR_UNKNOWN_PROPERTY:
    case G_DBUS_ERROR_NOT_SUPPORTED:
      return NNS_EXIT_NOT_SUPPORTED;
    case G_DBUS_ERROR_INVALID_ARGS:
      return NNS_EXIT_INVALID_ARGUMENT;
    /* The bus's limits (pending replies, fds, connections). */
    case G_DBUS_ERROR_LIMITS_EXCEEDED:
      return NNS_EXIT_BUSY;
    default:
      return NNS_EXIT_FAILED;
    }
}

/* The D-Bus name of @error; netnsctl's own errors have names of their
 * own. */
static char *
error_name (const GError *error)
{
  char *name = netns_error_get_dbus_name (error);

  return name != NULL ? name : g_strdup ("netnsctl.Error.Failed");
}

/* As text, "netnsctl: MESSAGE" in red on a terminal; with --json, one
 * line {"error": NAME, "message": MESSAGE}; both on stderr, so that
 * stdout holds results only. */
static void
print_error (NnsCtl     *ctl,
             const char *name,
             const char *message)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *located = NULL;
  g_autofree char *text = NULL;

  if (!ctl->json)
    {
      if (isatty (STDERR_FILENO) && g_getenv ("NO_COLOR") == NULL)
        g_printerr ("\033[1;31mnetnsctl:\033[0m %s\n", message);
      else
        g_printerr ("netnsctl: %s\n", message);
      return;
    }

  /* A batch's line errors name the line, as the text's last line does. */
  located = ctl->where != NULL ? g_strdup_printf ("%s: %s", ctl->where, message)
                               : g_strdup (message);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, located);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_printerr ("%s\n", text);
}

/* The checks netnsctl shares with netnsd (common/: names, addresses)
 * fail with NNS_ERROR, whose codes are NETNS_ERROR's, one for one, and
 * whose D-Bus names only netnsd registers: netnsctl reports them as
 * libnetns's. */
G_STATIC_ASSERT ((int) NNS_ERROR_FAILED == (int) NETNS_ERROR_FAILED);
G_STATIC_ASSERT ((int) NNS_ERROR_INVALID_ARGUMENT == (int) NETNS_ERROR_INVALID_ARGUMENT);
G_STATIC_ASSERT ((int) NNS_ERROR_NOT_FOUND == (int) NETNS_ERROR_NOT_FOUND);
G_STATIC_ASSERT ((int) NNS_ERROR_EXISTS == (int) NETNS_ERROR_EXISTS);
G_STATIC_ASSERT ((int) NNS_ERROR_NOT_AUTHORIZED == (int) NETNS_ERROR_NOT_AUTHORIZED);
G_STATIC_ASSERT ((int) NNS_ERROR_BUSY == (int) NETNS_ERROR_BUSY);
G_STATIC_ASSERT ((int) NNS_ERROR_NOT_SUPPORTED == (int) NETNS_ERROR_NOT_SUPPORTED);
G_STATIC_ASSERT ((int) NNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED ==
                 (int) NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED);

/* Prints @error as the user should read it (no "GDBus.Error:" prefix),
 * after "@where: " if not NULL, and returns the matching exit code. */
int
nns_ctl_fail_at (NnsCtl       *ctl,
                 const GError *error,
                 const char   *where)
{
  g_autoptr(GError) copy = g_error_copy (error);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (copy->domain == NNS_ERROR)
    copy->domain = NETNS_ERROR;
  name = error_name (copy);
  g_dbus_error_strip_remote_error (copy);
  message = where != NULL ? g_strdup_printf ("%s: %s", where, copy->message)
                          : g_strdup (copy->message);
  print_error (ctl, name, message);
  return exit_status_for (copy);
}

int
nns_ctl_fail (NnsCtl       *ctl,
              const GError *error)
{
  return nns_ctl_fail_at (ctl, error, NULL);
}

/* Results */

void
nns_ctl_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* What a successful change prints: nothing, as ip prints, or {} for
 * --json so that a script always gets a document. Nothing in a batch,
 * whose lines only gather the calls. */
int
nns_ctl_print_reply (NnsCtl *ctl)
{
  if (ctl->json && ctl->batch == NULL)
    g_print ("{}\n");
  return NNS_EXIT_OK;
}

/* The namespace a command acts on: its own -n, else the global -n, else
 * the host (""). */
const char *
nns_ctl_namespace (NnsCtl     *ctl,
                   const char *option)
{
  if (option != NULL)
    return option;
  return ctl->namespace != NULL ? ctl->namespace : "";
}
