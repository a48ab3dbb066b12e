/* nns-ctl-addr.c: netnsctl addr add|delete|show, in ip-address(8) words.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-ctl.h"

#define ADD_SYNTAX "CIDR dev DEV [peer ADDR] [broadcast ADDR]"
#define DELETE_SYNTAX "CIDR dev DEV"
#define SHOW_SYNTAX "[[dev] DEV]"

typedef struct {
  const char *address;
  const char *dev;
  const char *peer;
  const char *broadcast;
} AddressWords;

/* CIDR dev DEV [peer ADDR] [broadcast ADDR], in any order after CIDR as
 * ip takes them; @allow_extras: peer and broadcast. */
static gboolean
parse_address_words (NnsCtlWords  *words,
                     AddressWords *parsed,
                     gboolean      allow_extras,
                     GError      **error)
{
  const char *word;

  while ((word = nns_ctl_words_take (words)) != NULL)
    {
      if (g_str_equal (word, "dev"))
        parsed->dev = nns_ctl_words_value (words, word, error);
      else if (allow_extras && (g_str_equal (word, "peer") || g_str_equal (word, "remote")))
        parsed->peer = nns_ctl_words_value (words, word, error);
      else if (allow_extras && (g_str_equal (word, "broadcast") || g_str_equal (word, "brd")))
        parsed->broadcast = nns_ctl_words_value (words, word, error);
      else if (parsed->address == NULL)
        parsed->address = word;
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected '%s'", word);
      if (*error != NULL)
        return FALSE;
    }
  if (parsed->address == NULL || parsed->dev == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "an address and 'dev DEV' are needed");
      return FALSE;
    }
  return TRUE;
}

static int
addr_add (NnsCtl *ctl,
          int     argc,
          char  **argv)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  AddressWords parsed = { 0 };
  GVariantDict options;
  NnsCtlWords words;
  NetNsClient *client;
  const char *where;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, "addr add", ADD_SYNTAX,
                                           "Add an IPv4 or IPv6 address (10.0.0.1/24, fd00::1/64)\n"
                                           "to a link.", &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, "addr add", ADD_SYNTAX);
  if (!parse_address_words (&words, &parsed, TRUE, &error))
    return nns_ctl_words_error (&words, error->message);

  g_variant_dict_init (&options, NULL);
  if (parsed.peer != NULL)
    g_variant_dict_insert (&options, "peer", "s", parsed.peer);
  if (parsed.broadcast != NULL)
    g_variant_dict_insert (&options, "broadcast", "s", parsed.broadcast);
  where = nns_ctl_namespace (ctl, namespace);
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_add_address (where, parsed.dev, parsed.address,
                                                                g_variant_dict_end (&options)));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_add_address_sync (client, where, parsed.dev, parsed.address,
                                      g_variant_dict_end (&options), NULL, &error))
    {
      g_variant_dict_clear (&options);
      return nns_ctl_fail (ctl, error);
    }
  return nns_ctl_print_reply (ctl);
}

static int
addr_delete (NnsCtl *ctl,
             int     argc,
             char  **argv)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  AddressWords parsed = { 0 };
  NnsCtlWords words;
  NetNsClient *client;
  const char *where;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, "addr delete", DELETE_SYNTAX,
                                           "Remove an address from a link.", &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, "addr delete", DELETE_SYNTAX);
  if (!parse_address_words (&words, &parsed, FALSE, &error))
    return nns_ctl_words_error (&words, error->message);

  where = nns_ctl_namespace (ctl, namespace);
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_remove_address (where, parsed.dev,
                                                                   parsed.address));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_remove_address_sync (client, where, parsed.dev, parsed.address, NULL,
                                         &error))
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}

/* One line a link, as `ip -br addr` prints it. */
static void
print_addresses_table (GVariant   *links,
                       const char *only)
{
  GVariantIter iter;
  GVariant *next;

  g_variant_iter_init (&iter, links);
  while ((next = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) link = next;
      g_autofree const char **addresses = NULL;
      g_autofree char *joined = NULL;
      const char *name = "";

      g_variant_lookup (link, "name", "&s", &name);
      if (only != NULL && !g_str_equal (name, only))
        continue;
      if (!g_variant_lookup (link, "addresses", "^a&s", &addresses))
        continue;
      joined = g_strjoinv (" ", (char **) addresses);
      g_print ("%-16s %s\n", name, joined);
    }
}

static int
addr_show (NnsCtl *ctl,
           int     argc,
           char  **argv)
{
  return nns_ctl_show_links (ctl, argc, argv, "addr show", SHOW_SYNTAX,
                             "Show addresses, as `ip -br addr` does: of every link of the\n"
                             "namespace, or of DEV only.", print_addresses_table);
}

int
nns_ctl_addr (NnsCtl *ctl,
              int     argc,
              char  **argv)
{
  static const NnsCtlCommand verbs[] = {
    { "show", addr_show, "Show addresses (also: list, ls)" },
    { "add", addr_add, "Add an address" },
    { "delete", addr_delete, "Remove an address (also: del)" },
  };

  return nns_ctl_run_verb (ctl, "addr", verbs, G_N_ELEMENTS (verbs), argc, argv);
}
