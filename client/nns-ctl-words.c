/* nns-ctl-words.c: the verbs of link, addr and route, and the words after
 * them, read the way ip(8) reads them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-ctl.h"

void
nns_ctl_words_init (NnsCtlWords *words,
                    NnsCtl      *ctl,
                    int          argc,
                    char       **argv,
                    const char  *command,
                    const char  *syntax)
{
  words->ctl = ctl;
  words->argc = argc;
  words->argv = argv;
  words->next = 1;   /* argv[0] is the verb */
  words->command = command;
  words->syntax = syntax;
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
  g_autofree char *usage = g_strdup_printf ("Usage: netnsctl %s [-n NS] %s\n",
                                            words->command, words->syntax);

  return nns_ctl_usage (words->ctl, message, usage);
}

/* Verbs */

/* Where the verb is in "GROUP [OPTION…] VERB ...": the first word that is
 * not an option or the value of -n; 0 if there is none before "--". */
static int
find_verb (int    argc,
           char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return 0;
      if (g_str_equal (argv[i], "-n") || g_str_equal (argv[i], "--netns"))
        i++;
      else if (argv[i][0] != '-')
        return i;
    }
  return 0;
}

static gboolean
wants_help (int    argc,
            char **argv)
{
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;
  return FALSE;
}

static void
print_verbs (const char          *group,
             const NnsCtlCommand *verbs,
             gsize                n_verbs)
{
  g_print ("Usage:\n  netnsctl %s VERB [OPTION…] [WORDS…]\n\nVerbs:\n", group);
  for (gsize i = 0; i < n_verbs; i++)
    g_print ("  %-8s %s\n", verbs[i].name, verbs[i].summary);
  g_print ("\nWithout a verb, 'netnsctl %s' shows. Options (-n NS, --json) go\n"
           "anywhere before '--'.\n"
           "Run 'netnsctl %s VERB --help' for a verb's words.\n", group, group);
}

/* Runs the verb of a command group ("link add ..."), which options may
 * precede; with no verb, the first of @verbs (show). */
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
  int at = find_verb (argc, argv);
  const char *verb;
  g_autofree char *message = NULL;

  if (at == 0)
    {
      if (wants_help (argc, argv))
        {
          print_verbs (group, verbs, n_verbs);
          return NNS_EXIT_OK;
        }
      /* argv[0], the group, stands in for the verb. */
      return verbs[0].run (ctl, argc, argv);
    }

  /* The verb first, then the options and words in their order. */
  verb = argv[at];
  memmove (argv + 2, argv + 1, sizeof (char *) * (gsize) (at - 1));
  argv[1] = (char *) verb;
  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (verb, aliases[i].alias))
      verb = aliases[i].verb;
  if (g_str_equal (verb, "help"))
    {
      print_verbs (group, verbs, n_verbs);
      return NNS_EXIT_OK;
    }
  for (gsize i = 0; i < n_verbs; i++)
    if (g_str_equal (verb, verbs[i].name))
      return verbs[i].run (ctl, argc - 1, argv + 1);

  message = g_strdup_printf ("unknown verb '%s' for '%s'; try 'netnsctl %s --help'",
                             verb, group, group);
  return nns_ctl_usage (ctl, message, NULL);
}
