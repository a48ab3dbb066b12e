/* nns-ctl-nat.c: netnsctl nat and forward: masquerades and port forwards.
 *
 *   netnsctl nat add|del [-n NS] SOURCE [dev DEV]
 *   netnsctl nat show [-n NS]
 *   netnsctl forward add [-n NS] tcp|udp PORT ADDRESS:PORT [address ADDR] [nolocal]
 *   netnsctl forward del [-n NS] tcp|udp PORT [address ADDR]
 *   netnsctl forward show [-n NS]
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-ctl.h"

#define NAT_SYNTAX "SOURCE [dev DEV]"
#define SHOW_SYNTAX ""
#define FORWARD_ADD_SYNTAX "tcp|udp PORT ADDR:PORT [address A] [nolocal]"
#define FORWARD_DELETE_SYNTAX "tcp|udp PORT [address ADDR]"

/* The words a verb takes after its options, for its usage line. */
static const char *
syntax_of (const char *command)
{
  if (g_str_equal (command, "forward add"))
    return FORWARD_ADD_SYNTAX;
  if (g_str_equal (command, "forward delete"))
    return FORWARD_DELETE_SYNTAX;
  if (g_str_has_suffix (command, " show"))
    return SHOW_SYNTAX;
  return NAT_SYNTAX;
}

static const char *
lookup_string (GVariant   *dict,
               const char *key)
{
  const char *value = "";

  g_variant_lookup (dict, key, "&s", &value);
  return value;
}

/* What a change prints, or its error. */
static int
changed (NnsCtl       *ctl,
         gboolean      done,
         const GError *error)
{
  return done ? nns_ctl_print_reply (ctl) : nns_ctl_fail (ctl, error);
}

typedef GVariant *(*ListCall) (NetNsClient   *client,
                               const char    *namespace_name,
                               GCancellable  *cancellable,
                               GError       **error);

typedef void (*PrintRow) (GVariant *dict);

/* `show`: @method's list (@list calls it), as JSON or one row each under
 * @header. */
static int
show (NnsCtl     *ctl,
      int         argc,
      char      **argv,
      const char *command,
      const char *summary,
      const char *method,
      ListCall    list,
      const char *header,
      PrintRow    print_row)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) dicts = NULL;
  NetNsClient *client;
  GVariantIter iter;
  GVariant *next;
  NnsCtlWords words;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, command, syntax_of (command),
                                           summary, &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, command, syntax_of (command));
  if (!nns_ctl_words_done (&words))
    return nns_ctl_words_error (&words, "too many words");
  if ((client = nns_ctl_client_to_read (ctl, method, &error)) == NULL ||
      (dicts = list (client, nns_ctl_namespace (ctl, namespace), NULL, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  if (ctl->json)
    {
      nns_ctl_print_json_dicts (dicts, NULL);
      return NNS_EXIT_OK;
    }
  g_print ("%s\n", header);
  g_variant_iter_init (&iter, dicts);
  while ((next = g_variant_iter_next_value (&iter)) != NULL)
    {
      print_row (next);
      g_variant_unref (next);
    }
  return NNS_EXIT_OK;
}

/* nat */

static int
nat_change (NnsCtl     *ctl,
            int         argc,
            char      **argv,
            const char *command,
            const char *summary,
            gboolean    add)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) options = NULL;
  const char *source, *word, *where;
  GVariantDict dict;
  NetNsClient *client;
  NnsCtlWords words;
  gboolean done;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, command, syntax_of (command),
                                           summary, &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, command, syntax_of (command));
  if ((source = nns_ctl_words_take (&words)) == NULL)
    return nns_ctl_words_error (&words, "which SOURCE network?");
  g_variant_dict_init (&dict, NULL);
  while (error == NULL && (word = nns_ctl_words_take (&words)) != NULL)
    {
      const char *link = NULL;

      if (g_str_equal (word, "dev") || g_str_equal (word, "out-link"))
        link = nns_ctl_words_value (&words, word, &error);
      else
        g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected '%s'", word);
      if (link != NULL)
        g_variant_dict_insert (&dict, "out-link", "s", link);
    }
  if (error != NULL)
    {
      g_variant_dict_clear (&dict);
      return nns_ctl_words_error (&words, error->message);
    }

  options = g_variant_ref_sink (g_variant_dict_end (&dict));
  where = nns_ctl_namespace (ctl, namespace);
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, add ? netns_operation_add_masquerade (where, source, options)
                                       : netns_operation_remove_masquerade (where, source,
                                                                            options));
  if ((client = nns_ctl_client (ctl, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  done = add ? netns_client_add_masquerade_sync (client, where, source, options, NULL, &error)
             : netns_client_remove_masquerade_sync (client, where, source, options, NULL, &error);
  return changed (ctl, done, error);
}

static int
nat_add (NnsCtl *ctl,
         int     argc,
         char  **argv)
{
  return nat_change (ctl, argc, argv, "nat add",
                     "Masquerade packets from SOURCE (a network) leaving the namespace:\n"
                     "they get the outgoing link's address as source.", TRUE);
}

static int
nat_delete (NnsCtl *ctl,
            int     argc,
            char  **argv)
{
  return nat_change (ctl, argc, argv, "nat delete", "Remove a masquerade.", FALSE);
}

static void
print_masquerade (GVariant *dict)
{
  const char *link = lookup_string (dict, "out-link");

  g_print ("%-43s %s\n", lookup_string (dict, "source"), link[0] != '\0' ? link : "(any)");
}

static int
nat_show (NnsCtl *ctl,
          int     argc,
          char  **argv)
{
  g_autofree char *header = g_strdup_printf ("%-43s %s", "SOURCE", "DEV");

  return show (ctl, argc, argv, "nat show", "Show the masquerades of a namespace.",
               "ListMasquerades", netns_client_list_masquerades_sync, header, print_masquerade);
}

int
nns_ctl_nat (NnsCtl *ctl,
             int     argc,
             char  **argv)
{
  static const NnsCtlCommand verbs[] = {
    { "show", nat_show, "Show masquerades (also: list, ls)" },
    { "add", nat_add, "Masquerade a network leaving the namespace" },
    { "delete", nat_delete, "Remove a masquerade (also: del)" },
  };

  return nns_ctl_run_verb (ctl, "nat", verbs, G_N_ELEMENTS (verbs), argc, argv);
}

/* forward */

/* A port as netnsd takes it: one the D-Bus type can carry (netnsd says
 * whether it is one it forwards). */
static gboolean
take_port (NnsCtlWords *words,
           guint16     *port,
           GError     **error)
{
  const char *text = nns_ctl_words_take (words);
  guint64 number;

  if (text == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "which PORT?");
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &number, NULL) ||
      number > G_MAXUINT16)
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "port %s is out of range (1 to 65535)", text);
      return FALSE;
    }
  *port = (guint16) number;
  return TRUE;
}

static int
forward_change (NnsCtl     *ctl,
                int         argc,
                char      **argv,
                gboolean    add)
{
  const char *command = add ? "forward add" : "forward delete";
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) options = NULL;
  const char *protocol, *target = NULL, *word, *where;
  guint16 port = 0;
  GVariantDict dict;
  NetNsClient *client;
  NnsCtlWords words;
  gboolean done;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, command, syntax_of (command), add ?
                                           "Forward connections to PORT of the namespace to\n"
                                           "ADDRESS:PORT, keeping the client's address." :
                                           "Remove the forwards of a port.", &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, command, syntax_of (command));
  if ((protocol = nns_ctl_words_take (&words)) == NULL)
    return nns_ctl_words_error (&words, "tcp or udp?");
  if (!take_port (&words, &port, &error))
    return error->domain == NETNS_ERROR ? nns_ctl_fail (ctl, error)
                                      : nns_ctl_words_error (&words, error->message);
  if (add && (target = nns_ctl_words_take (&words)) == NULL)
    return nns_ctl_words_error (&words, "where to? (ADDRESS:PORT)");

  g_variant_dict_init (&dict, NULL);
  while (error == NULL && (word = nns_ctl_words_take (&words)) != NULL)
    {
      const char *address = NULL;

      if (g_str_equal (word, "address"))
        address = nns_ctl_words_value (&words, word, &error);
      else if (add && g_str_equal (word, "nolocal"))
        g_variant_dict_insert (&dict, "from-local", "b", FALSE);
      else
        g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected '%s'", word);
      if (address != NULL)
        g_variant_dict_insert (&dict, "address", "s", address);
    }
  if (error != NULL)
    {
      g_variant_dict_clear (&dict);
      return nns_ctl_words_error (&words, error->message);
    }

  options = g_variant_ref_sink (g_variant_dict_end (&dict));
  where = nns_ctl_namespace (ctl, namespace);
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, add ? netns_operation_add_port_forward (where, protocol, port,
                                                                           target, options)
                                       : netns_operation_remove_port_forward (where, protocol,
                                                                              port, options));
  if ((client = nns_ctl_client (ctl, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  done = add ? netns_client_add_port_forward_sync (client, where, protocol, port, target, options,
                                                   NULL, &error)
             : netns_client_remove_port_forward_sync (client, where, protocol, port, options,
                                                      NULL, &error);
  return changed (ctl, done, error);
}

static int
forward_add (NnsCtl *ctl,
             int     argc,
             char  **argv)
{
  return forward_change (ctl, argc, argv, TRUE);
}

static int
forward_delete (NnsCtl *ctl,
                int     argc,
                char  **argv)
{
  return forward_change (ctl, argc, argv, FALSE);
}

static void
print_forward (GVariant *dict)
{
  const char *address = lookup_string (dict, "address");
  gboolean from_local = FALSE;
  guint16 port = 0;

  g_variant_lookup (dict, "port", "q", &port);
  g_variant_lookup (dict, "from-local", "b", &from_local);
  g_print ("%-5s %-5u %-39s %-47s %s\n", lookup_string (dict, "protocol"), port,
           address[0] != '\0' ? address : "(any)", lookup_string (dict, "target"),
           from_local ? "yes" : "no");
}

static int
forward_show (NnsCtl *ctl,
              int     argc,
              char  **argv)
{
  g_autofree char *header = g_strdup_printf ("%-5s %-5s %-39s %-47s %s", "PROTO", "PORT",
                                             "ADDRESS", "TARGET", "LOCAL");

  return show (ctl, argc, argv, "forward show", "Show the port forwards of a namespace.",
               "ListPortForwards", netns_client_list_port_forwards_sync, header, print_forward);
}

int
nns_ctl_forward (NnsCtl *ctl,
                 int     argc,
                 char  **argv)
{
  static const NnsCtlCommand verbs[] = {
    { "show", forward_show, "Show port forwards (also: list, ls)" },
    { "add", forward_add, "Forward a port to ADDRESS:PORT" },
    { "delete", forward_delete, "Remove the forwards of a port (also: del)" },
  };

  return nns_ctl_run_verb (ctl, "forward", verbs, G_N_ELEMENTS (verbs), argc, argv);
}
