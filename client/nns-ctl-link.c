/* nns-ctl-link.c: netnsctl link add|set|delete|show, in ip-link(8) words.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-ctl.h"
#include "nns-names.h"

#define ADD_SYNTAX "[name] NAME [SETTING...] type KIND [ARGS]"
#define SET_SYNTAX "[dev] DEV SETTING..."
#define DELETE_SYNTAX "[dev] DEV"
#define SHOW_SYNTAX "[[dev] DEV]"

/* link add */

typedef struct {
  const char *name;
  const char *address;
  const char *namespace;
  const char *parent;
} VethEnd;

/* [link PARENT] [name] NAME [address MAC] [mtu N] [up] [netns NS], up to
 * "type" or the end. */
static gboolean
parse_veth_end (NnsCtlWords *words,
                VethEnd     *end,
                guint32     *mtu,
                gboolean    *up,
                GError     **error)
{
  const char *word;

  if (mtu != NULL && nns_ctl_words_take_if (words, "link"))
    end->parent = nns_ctl_words_value (words, "link", error);
  if (error != NULL && *error != NULL)
    return FALSE;
  nns_ctl_words_take_if (words, "name");
  end->name = nns_ctl_words_take (words);
  if (end->name == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "a link name is missing");
      return FALSE;
    }
  while ((word = nns_ctl_words_peek (words)) != NULL && !g_str_equal (word, "type"))
    {
      nns_ctl_words_take (words);
      if (g_str_equal (word, "address"))
        end->address = nns_ctl_words_value (words, word, error);
      else if (g_str_equal (word, "netns"))
        end->namespace = nns_ctl_words_value (words, word, error);
      else if (g_str_equal (word, "mtu") && mtu != NULL)
        nns_ctl_words_uint (words, word, mtu, error);
      else if (g_str_equal (word, "up") && up != NULL)
        *up = TRUE;
      else if (g_str_equal (word, "link") && mtu != NULL)
        end->parent = nns_ctl_words_value (words, word, error);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected '%s'", word);
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  return TRUE;
}

static int
link_add (NnsCtl *ctl,
          int     argc,
          char  **argv)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  VethEnd first = { 0 }, peer = { 0 };
  guint32 mtu = 0;
  gboolean up = FALSE;
  GVariantDict options;
  NnsCtlWords words;
  NetNsClient *client;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, "link add", ADD_SYNTAX,
                                           "Create a link NAME in the namespace -n names (default: the\n"
                                           "host). SETTINGs: address MAC, mtu N, up, link PARENT.\n"
                                           "KIND and its ARGS, in ip-link(8) words:\n"
                                           "  veth peer [name] PEER [address MAC] [netns NS]  (each end is\n"
                                           "    created directly in its namespace)\n"
                                           "  bridge [stp_state 0|1]\n"
                                           "  macvlan|ipvlan [mode MODE]  (on 'link PARENT')\n"
                                           "  vlan id N [protocol P]  (on 'link PARENT')\n"
                                           "  vxlan id N [remote|group ADDR] [local ADDR] [dstport N]\n"
                                           "    [dev PARENT]\n"
                                           "  vrf table N, dummy, wireguard  (where the kernel has them)",
                                           &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, "link add", ADD_SYNTAX);
  first.namespace = nns_ctl_namespace (ctl, namespace);
  if (!parse_veth_end (&words, &first, &mtu, &up, &error))
    return nns_ctl_words_error (&words, error->message);
  if (!nns_ctl_words_take_if (&words, "type") || nns_ctl_words_peek (&words) == NULL)
    return nns_ctl_words_error (&words, "'type KIND' is missing");
  if (!nns_ctl_words_take_if (&words, "veth"))
    return nns_ctl_link_add_kind (ctl, &words, first.namespace, first.name, first.address,
                                  first.parent, mtu, up);
  if (first.parent != NULL)
    return nns_ctl_words_error (&words, "a veth pair sits on no parent link");
  if (!nns_ctl_words_take_if (&words, "peer"))
    return nns_ctl_words_error (&words, "'peer PEER' is missing");
  peer.namespace = first.namespace;
  if (!parse_veth_end (&words, &peer, NULL, NULL, &error))
    return nns_ctl_words_error (&words, error->message);
  if (!nns_ctl_words_done (&words))
    return nns_ctl_words_error (&words, "too many words");

  g_variant_dict_init (&options, NULL);
  if (mtu != 0)
    g_variant_dict_insert (&options, "mtu", "u", mtu);
  if (up)
    g_variant_dict_insert (&options, "up", "b", TRUE);
  if (first.address != NULL)
    g_variant_dict_insert (&options, "address", "s", first.address);
  if (peer.address != NULL)
    g_variant_dict_insert (&options, "peer-address", "s", peer.address);

  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_create_veth (first.namespace, first.name,
                                                                peer.namespace, peer.name,
                                                                g_variant_dict_end (&options)));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_create_veth_sync (client, first.namespace, first.name, peer.namespace,
                                      peer.name, g_variant_dict_end (&options), NULL, &error))
    {
      g_variant_dict_clear (&options);
      return nns_ctl_fail (ctl, error);
    }
  return nns_ctl_print_reply (ctl);
}

/* link set */

static int
move_link (NnsCtl     *ctl,
           const char *namespace,
           const char *dev,
           const char *target,
           const char *new_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) options = NULL;
  NetNsClient *client;
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  if (new_name != NULL)
    g_variant_dict_insert (&dict, "new-name", "s", new_name);
  options = g_variant_ref_sink (g_variant_dict_end (&dict));
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_move_link (namespace, dev, target, options));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_move_link_sync (client, namespace, dev, target, options, NULL, &error))
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}

/* Takes @changes. */
static int
set_link (NnsCtl     *ctl,
          const char *namespace,
          const char *dev,
          GVariant   *changes)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (changes);
  g_autoptr(GError) error = NULL;
  NetNsClient *client;

  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_set_link (namespace, dev, owned));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_set_link_sync (client, namespace, dev, owned, NULL, &error))
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}

static int
link_set (NnsCtl *ctl,
          int     argc,
          char  **argv)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  const char *dev, *word, *target = NULL, *new_name = NULL;
  GVariantDict changes;
  NnsCtlWords words;
  guint32 mtu;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, "link set", SET_SYNTAX,
                                           "Change a link (all the changes or none), or move it\n"
                                           "to another namespace, with a new name if given.\n"
                                           "SETTINGs, in ip-link(8) words: up, down, mtu N,\n"
                                           "address MAC, name NEW, master BRIDGE, nomaster, netns NS.",
                                           &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, "link set", SET_SYNTAX);
  nns_ctl_words_take_if (&words, "dev");
  if ((dev = nns_ctl_words_take (&words)) == NULL)
    return nns_ctl_words_error (&words, "which link?");

  g_variant_dict_init (&changes, NULL);
  while (error == NULL && (word = nns_ctl_words_take (&words)) != NULL)
    {
      if (g_str_equal (word, "up") || g_str_equal (word, "down"))
        g_variant_dict_insert (&changes, "up", "b", g_str_equal (word, "up"));
      else if (g_str_equal (word, "mtu") && nns_ctl_words_uint (&words, word, &mtu, &error))
        g_variant_dict_insert (&changes, "mtu", "u", mtu);
      else if (g_str_equal (word, "address"))
        {
          const char *mac = nns_ctl_words_value (&words, word, &error);

          if (mac != NULL)
            g_variant_dict_insert (&changes, "address", "s", mac);
        }
      else if (g_str_equal (word, "name"))
        new_name = nns_ctl_words_value (&words, word, &error);
      else if (g_str_equal (word, "netns"))
        target = nns_ctl_words_value (&words, word, &error);
      else if (g_str_equal (word, "master"))
        {
          const char *bridge = nns_ctl_words_value (&words, word, &error);

          if (bridge != NULL)
            g_variant_dict_insert (&changes, "master", "s", bridge);
        }
      else if (g_str_equal (word, "nomaster"))
        g_variant_dict_insert (&changes, "master", "s", "");
      else if (error == NULL)
        g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected '%s'", word);
    }
  if (error != NULL)
    {
      g_variant_dict_clear (&changes);
      return nns_ctl_words_error (&words, error->message);
    }

  if (target != NULL)
    {
      /* A move takes a new name with it, and nothing else. */
      g_autoptr(GVariant) rest = g_variant_ref_sink (g_variant_dict_end (&changes));

      if (g_variant_n_children (rest) > 0)
        return nns_ctl_words_error (&words, "'netns' goes with 'name' only; change the "
                                            "link before or after moving it");
      return move_link (ctl, nns_ctl_namespace (ctl, namespace), dev, target, new_name);
    }
  if (new_name != NULL)
    g_variant_dict_insert (&changes, "name", "s", new_name);
  return set_link (ctl, nns_ctl_namespace (ctl, namespace), dev, g_variant_dict_end (&changes));
}

/* link delete */

static int
link_delete (NnsCtl *ctl,
             int     argc,
             char  **argv)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  NetNsClient *client;
  const char *dev, *where;
  NnsCtlWords words;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, "link delete", DELETE_SYNTAX,
                                           "Delete a link (both ends of a veth pair).", &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, "link delete", DELETE_SYNTAX);
  nns_ctl_words_take_if (&words, "dev");
  if ((dev = nns_ctl_words_take (&words)) == NULL || !nns_ctl_words_done (&words))
    return nns_ctl_words_error (&words, "name one link");

  where = nns_ctl_namespace (ctl, namespace);
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_delete_link (where, dev));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_delete_link_sync (client, where, dev, NULL, &error))
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}

/* link show */

static const char *
lookup_string (GVariant   *dict,
               const char *key)
{
  const char *value = "";

  g_variant_lookup (dict, key, "&s", &value);
  return value;
}

static void
print_links_table (GVariant   *links,
                   const char *only)
{
  GVariantIter iter;
  GVariant *next;

  g_print ("%-16s %-9s %-5s %-8s %-6s %-17s %s\n", "NAME", "KIND", "UP", "STATE", "MTU",
           "ADDRESS", "MASTER");
  g_variant_iter_init (&iter, links);
  while ((next = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) link = next;
      gboolean up = FALSE;
      guint32 mtu = 0;

      if (only != NULL && !g_str_equal (lookup_string (link, "name"), only))
        continue;
      g_variant_lookup (link, "up", "b", &up);
      g_variant_lookup (link, "mtu", "u", &mtu);
      g_print ("%-16s %-9s %-5s %-8s %-6u %-17s %s\n", lookup_string (link, "name"),
               lookup_string (link, "kind"), up ? "yes" : "no",
               lookup_string (link, "operstate"), mtu, lookup_string (link, "address"),
               lookup_string (link, "master"));
    }
}

/* The links of @links named @only (all when NULL), as JSON. */
void
nns_ctl_print_json_dicts (GVariant   *dicts,
                          const char *only)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GVariantIter iter;
  GVariant *next;

  json_builder_begin_array (builder);
  g_variant_iter_init (&iter, dicts);
  while ((next = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) dict = next;

      if (only != NULL && !g_str_equal (lookup_string (dict, "name"), only))
        continue;
      json_builder_add_value (builder, json_gvariant_serialize (dict));
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  nns_ctl_print_json (root);
}

/* TRUE if @links has a link named @name. */
static gboolean
has_link (GVariant   *links,
          const char *name)
{
  GVariantIter iter;
  GVariant *next;

  g_variant_iter_init (&iter, links);
  while ((next = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) link = next;

      if (g_str_equal (lookup_string (link, "name"), name))
        return TRUE;
    }
  return FALSE;
}

/* `link show` and `addr show`: ListLinks of the namespace, as JSON or as
 * @print_table prints it. A link asked for by name must be there. */
int
nns_ctl_show_links (NnsCtl             *ctl,
                    int                 argc,
                    char              **argv,
                    const char         *command,
                    const char         *syntax,
                    const char         *summary,
                    NnsCtlLinksPrinter  print_table)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) links = NULL;
  NetNsClient *client;
  const char *dev, *where;
  NnsCtlWords words;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, command, syntax, summary,
                                           &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, command, syntax);
  nns_ctl_words_take_if (&words, "dev");
  dev = nns_ctl_words_take (&words);
  if (!nns_ctl_words_done (&words))
    return nns_ctl_words_error (&words, "too many words");

  where = nns_ctl_namespace (ctl, namespace);
  if ((client = nns_ctl_client_to_read (ctl, "ListLinks", &error)) == NULL ||
      (links = netns_client_list_links_sync (client, where, NULL, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  if (dev != NULL && !has_link (links, dev))
    {
      g_autofree char *quoted_dev = nns_quote (dev);
      g_autofree char *quoted_ns = nns_quote (where);

      g_set_error (&error, NETNS_ERROR, NETNS_ERROR_NOT_FOUND, "link %s not found in %s%s",
                   quoted_dev, where[0] != '\0' ? "namespace " : "the host namespace",
                   where[0] != '\0' ? quoted_ns : "");
      return nns_ctl_fail (ctl, error);
    }
  if (ctl->json)
    nns_ctl_print_json_dicts (links, dev);
  else
    print_table (links, dev);
  return NNS_EXIT_OK;
}

static int
link_show (NnsCtl *ctl,
           int     argc,
           char  **argv)
{
  return nns_ctl_show_links (ctl, argc, argv, "link show", SHOW_SYNTAX,
                             "Show links, as `ip -br link` does: every link of the\n"
                             "namespace, or DEV only.", print_links_table);
}

int
nns_ctl_link (NnsCtl *ctl,
              int     argc,
              char  **argv)
{
  static const NnsCtlCommand verbs[] = {
    { "show", link_show, "Show links (also: list, ls)" },
    { "add", link_add, "Create a veth pair, a bridge, or a link of another kind" },
    { "set", link_set, "Change a link, or move it to another namespace (also: change)" },
    { "delete", link_delete, "Delete a link (also: del)" },
  };

  return nns_ctl_run_verb (ctl, "link", verbs, G_N_ELEMENTS (verbs), argc, argv);
}
