/* nns-ctl.c: what every netnsctl command shares: calling netnsd, option
 * parsing, and reporting errors and results.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "nns-bus-names.h"
#include "nns-ctl.h"
#include "nns-dbus-generated.h"
#include "nns-error.h"


GOptionContext *
nns_ctl_option_context (const char         *command,
                        const char         *parameters,
                        const char         *summary,
                        const GOptionEntry *entries)
{
  g_autofree char *title = g_strdup_printf ("%s%s%s", command,
                                            parameters != NULL ? " " : "",
                                            parameters != NULL ? parameters : "");
  GOptionContext *context = g_option_context_new (title);

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

/* Parses a command's own options; returns NNS_EXIT_OK to go on. */
int
nns_ctl_parse_options (GOptionContext *context,
                       int            *argc,
                       char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return nns_ctl_usage_error (context, error->message);
  return NNS_EXIT_OK;
}

int
nns_ctl_usage_error (GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("netnsctl: %s\n\n%s", message, help);
  return NNS_EXIT_USAGE;
}

/* In a batch, a call becomes an operation of the Apply, its arguments
 * named as the interface names them. The command gets a stand-in reply,
 * which it does not print: output is off in a batch. */
static GVariant *
add_to_batch (NnsCtl             *ctl,
              const char         *method,
              GVariant           *parameters,
              const GVariantType *reply_type,
              GError            **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (parameters);
  const GDBusMethodInfo *info =
    g_dbus_interface_info_lookup_method (nns_dbus_net_ns_interface_info (), method);
  GVariantDict arguments;

  /* Changes return nothing, or (CreateNamespace) a path. */
  if (info == NULL ||
      (!g_variant_type_equal (reply_type, G_VARIANT_TYPE_UNIT) &&
       !g_variant_type_equal (reply_type, G_VARIANT_TYPE ("(o)"))))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                   "%s cannot be part of a batch: a batch only makes changes", method);
      return NULL;
    }

  g_variant_dict_init (&arguments, NULL);
  for (guint i = 0; info->in_args[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_variant_get_child_value (owned, i);

      g_variant_dict_insert_value (&arguments, info->in_args[i]->name, value);
    }
  g_ptr_array_add (ctl->batch,
                   g_variant_ref_sink (g_variant_new ("(s@a{sv})", method,
                                                      g_variant_dict_end (&arguments))));

  if (g_variant_type_equal (reply_type, G_VARIANT_TYPE_UNIT))
    return g_variant_ref_sink (g_variant_new ("()"));
  return g_variant_ref_sink (g_variant_new ("(o)", "/"));   /* not known until the Apply */
}

/* Calls a method of netnsd. The call may ask polkit to prompt the user
 * (--no-ask-password turns that off), and so waits as long as the user
 * takes to answer. */
GVariant *
nns_ctl_call_on (NnsCtl             *ctl,
                 const char         *object_path,
                 const char         *interface,
                 const char         *method,
                 GVariant           *parameters,
                 const GVariantType *reply_type,
                 GError            **error)
{
  GDBusCallFlags flags = G_DBUS_CALL_FLAGS_NONE;
  int timeout = -1;

  if (ctl->batch != NULL)
    return add_to_batch (ctl, method, parameters, reply_type, error);

  if (ctl->ask_password)
    {
      flags |= G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION;
      timeout = G_MAXINT;
    }
  return g_dbus_connection_call_sync (ctl->bus, NNS_BUS_NAME, object_path, interface,
                                      method, parameters, reply_type, flags, timeout,
                                      NULL, error);
}

GVariant *
nns_ctl_call (NnsCtl             *ctl,
              const char         *method,
              GVariant           *parameters,
              const GVariantType *reply_type,
              GError            **error)
{
  return nns_ctl_call_on (ctl, NNS_MANAGER_OBJECT_PATH, NNS_MANAGER_INTERFACE, method,
                          parameters, reply_type, error);
}

static int
exit_code_for (const GError *error)
{
  if (error->domain == NNS_ERROR)
    {
      switch ((NnsError) error->code)
        {
        case NNS_ERROR_NOT_AUTHORIZED:
        case NNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED:
          return NNS_EXIT_NOT_AUTHORIZED;
        case NNS_ERROR_NOT_FOUND:
          return NNS_EXIT_NOT_FOUND;
        case NNS_ERROR_EXISTS:
          return NNS_EXIT_EXISTS;
        case NNS_ERROR_INVALID_ARGUMENT:
          return NNS_EXIT_INVALID_ARGUMENT;
        case NNS_ERROR_BUSY:
          return NNS_EXIT_BUSY;
        case NNS_ERROR_NOT_SUPPORTED:
          return NNS_EXIT_NOT_SUPPORTED;
        case NNS_ERROR_FAILED:
          return NNS_EXIT_FAILED;
        }
    }
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_FILE_NOT_FOUND))
    return NNS_EXIT_NO_SERVICE;
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED))
    return NNS_EXIT_NOT_AUTHORIZED;
  return NNS_EXIT_FAILED;
}

/* Prints @error as the user should read it (no "GDBus.Error:" prefix),
 * in red on a terminal, and returns the matching exit code. */
int
nns_ctl_fail (NnsCtl       *ctl,
              const GError *error)
{
  g_autoptr(GError) copy = g_error_copy (error);
  gboolean colour = isatty (STDERR_FILENO) && g_getenv ("NO_COLOR") == NULL;

  g_dbus_error_strip_remote_error (copy);
  if (colour)
    g_printerr ("\033[1;31mnetnsctl:\033[0m %s\n", copy->message);
  else
    g_printerr ("netnsctl: %s\n", copy->message);
  return exit_code_for (error);
}

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

/* Parses the options every link, addr and route verb takes (-n NS,
 * --help); the words stay in argv. @usage starts with "netnsctl ". */
int
nns_ctl_parse_verb_options (int          *argc,
                            char       ***argv,
                            const char   *usage,
                            const char   *summary,
                            char        **namespace)
{
  const GOptionEntry entries[] = {
    { "netns", 'n', 0, G_OPTION_ARG_STRING, namespace,
      "The namespace (default: the host)", "NS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = nns_ctl_option_context (usage + strlen ("netnsctl "),
                                                              NULL, summary, entries);

  return nns_ctl_parse_options (context, argc, argv);
}

/* Reading ip(8)-style words */

void
nns_ctl_words_init (NnsCtlWords *words,
                    int          argc,
                    char       **argv,
                    const char  *usage)
{
  words->argc = argc;
  words->argv = argv;
  words->next = 1;   /* argv[0] is the verb */
  words->usage = usage;
}

gboolean
nns_ctl_words_done (NnsCtlWords *words)
{
  return words->next >= words->argc;
}

const char *
nns_ctl_words_peek (NnsCtlWords *words)
{
  return nns_ctl_words_done (words) ? NULL : words->argv[words->next];
}

const char *
nns_ctl_words_take (NnsCtlWords *words)
{
  return nns_ctl_words_done (words) ? NULL : words->argv[words->next++];
}

gboolean
nns_ctl_words_take_if (NnsCtlWords *words,
                       const char  *keyword)
{
  if (g_strcmp0 (nns_ctl_words_peek (words), keyword) != 0)
    return FALSE;
  words->next++;
  return TRUE;
}

/* The word after @keyword, which was just taken. */
const char *
nns_ctl_words_value (NnsCtlWords *words,
                     const char  *keyword,
                     GError     **error)
{
  const char *value = nns_ctl_words_take (words);

  if (value == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "'%s' needs a value", keyword);
  return value;
}

gboolean
nns_ctl_words_uint (NnsCtlWords *words,
                    const char  *keyword,
                    guint32     *value,
                    GError     **error)
{
  const char *text = nns_ctl_words_value (words, keyword, error);
  guint64 number;

  if (text == NULL)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &number, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "'%s' takes a number, not '%s'", keyword, text);
      return FALSE;
    }
  *value = (guint32) number;
  return TRUE;
}

int
nns_ctl_words_error (NnsCtlWords *words,
                     const char  *message)
{
  g_printerr ("netnsctl: %s\nUsage: %s\n", message, words->usage);
  return NNS_EXIT_USAGE;
}

/* Runs the verb argv[1] of a command group ("link add ..."); with no verb,
 * the first of @verbs (show). */
int
nns_ctl_run_verb (NnsCtl              *ctl,
                  const char          *group,
                  const NnsCtlCommand *verbs,
                  gsize                n_verbs,
                  int                  argc,
                  char               **argv)
{
  static const struct { const char *alias, *verb; } aliases[] = {
    { "list", "show" }, { "ls", "show" }, { "del", "delete" }, { "change", "set" },
  };
  const char *verb = argc > 1 ? argv[1] : verbs[0].name;

  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (verb, aliases[i].alias))
      verb = aliases[i].verb;
  if (g_str_equal (verb, "--help") || g_str_equal (verb, "-h") || g_str_equal (verb, "help"))
    {
      g_print ("Usage:\n  netnsctl %s VERB ...\n\nVerbs:\n", group);
      for (gsize i = 0; i < n_verbs; i++)
        g_print ("  %-8s %s\n", verbs[i].name, verbs[i].summary);
      g_print ("\nRun 'netnsctl %s VERB --help' for a verb's words.\n", group);
      return NNS_EXIT_OK;
    }
  for (gsize i = 0; i < n_verbs; i++)
    if (g_str_equal (verb, verbs[i].name))
      return verbs[i].run (ctl, argc > 1 ? argc - 1 : 1, argc > 1 ? argv + 1 : argv);

  g_printerr ("netnsctl: unknown verb '%s' for '%s'; try 'netnsctl %s --help'\n",
              verb, group, group);
  return NNS_EXIT_USAGE;
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

/* What a successful change prints: nothing, as ip prints, or {} for
 * --json so that a script always gets a document. */
int
nns_ctl_print_reply (NnsCtl *ctl)
{
  if (ctl->json)
    g_print ("{}\n");
  return NNS_EXIT_OK;
}
