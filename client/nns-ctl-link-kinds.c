/* nns-ctl-link-kinds.c: netnsctl link add ... type KIND, for every kind
 * but veth, in ip-link(8) words:
 *
 *   link add br0 type bridge [stp_state 0|1]
 *   link add link eth0 name mv0 type macvlan [mode bridge]
 *   link add link eth0 name ipv0 type ipvlan [mode l2]
 *   link add link eth0 name eth0.5 type vlan id 5 [protocol 802.1ad]
 *   link add vx0 type vxlan id 42 [remote|group ADDR] [local ADDR] [dstport N] [dev eth0]
 *   link add vrf0 type vrf table 10
 *   link add d0 type dummy;  link add wg0 type wireguard
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-ctl.h"

/* One word of a kind: its ip(8) keyword, the option it becomes, and its
 * type there. */
typedef struct {
  const char *kind;
  const char *keyword;
  const char *option;
  char        type;     /* 's' text, 'u' number, 'q' port, 'b' 0 or 1 */
} KindWord;

static const KindWord kind_words[] = {
  { "bridge", "stp_state", "stp", 'b' },
  { "macvlan", "mode", "mode", 's' },
  { "ipvlan", "mode", "mode", 's' },
  { "vlan", "id", "id", 'u' },
  { "vlan", "protocol", "protocol", 's' },
  { "vxlan", "id", "id", 'u' },
  { "vxlan", "vni", "id", 'u' },
  { "vxlan", "remote", "remote", 's' },
  { "vxlan", "local", "local", 's' },
  { "vxlan", "group", "group", 's' },
  { "vxlan", "dstport", "port", 'q' },
  { "vxlan", "dev", "parent", 's' },
  { "vrf", "table", "table", 'u' },
};

static const KindWord *
find_word (const char *kind,
           const char *keyword)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_words); i++)
    if (g_str_equal (kind_words[i].kind, kind) && g_str_equal (kind_words[i].keyword, keyword))
      return &kind_words[i];
  return NULL;
}

/* The value of @word, read from @words into @options. */
static gboolean
take_value (NnsCtlWords    *words,
            const KindWord *word,
            GVariantDict   *options,
            GError        **error)
{
  const char *text;
  guint32 number;

  if (word->type == 's')
    {
      text = nns_ctl_words_value (words, word->keyword, error);
      if (text != NULL)
        g_variant_dict_insert (options, word->option, "s", text);
      return text != NULL;
    }
  if (!nns_ctl_words_uint (words, word->keyword, &number, error))
    return FALSE;
  if (word->type == 'u')
    g_variant_dict_insert (options, word->option, "u", number);
  else if (word->type == 'b' && number <= 1)
    g_variant_dict_insert (options, word->option, "b", number == 1);
  else if (word->type == 'q' && number <= G_MAXUINT16)
    g_variant_dict_insert (options, word->option, "q", (guint16) number);
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "'%s' takes %s, not %u",
                   word->keyword, word->type == 'b' ? "0 or 1" : "a port (1 to 65535)", number);
      return FALSE;
    }
  return TRUE;
}

/* `link add ... type KIND ...`: CreateLink. What netnsd knows of kinds,
 * it says itself: a kind it does not make, or one the kernel lacks. */
int
nns_ctl_link_add_kind (NnsCtl      *ctl,
                       NnsCtlWords *words,
                       const char  *namespace,
                       const char  *name,
                       const char  *address,
                       const char  *parent,
                       guint32      mtu,
                       gboolean     up)
{
  g_autoptr(GError) error = NULL;
  const char *kind = nns_ctl_words_take (words);
  NetNsClient *client;
  const char *keyword;
  GVariantDict options;

  g_variant_dict_init (&options, NULL);
  if (mtu != 0)
    g_variant_dict_insert (&options, "mtu", "u", mtu);
  if (up)
    g_variant_dict_insert (&options, "up", "b", TRUE);
  if (address != NULL)
    g_variant_dict_insert (&options, "address", "s", address);
  if (parent != NULL)
    g_variant_dict_insert (&options, "parent", "s", parent);
  while (error == NULL && (keyword = nns_ctl_words_take (words)) != NULL)
    {
      const KindWord *word = find_word (kind, keyword);

      if (word == NULL)
        g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     "unexpected '%s' for a %s link", keyword, kind);
      else
        take_value (words, word, &options, &error);
    }
  if (error != NULL)
    {
      g_variant_dict_clear (&options);
      return nns_ctl_words_error (words, error->message);
    }

  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_create_link (namespace, name, kind,
                                                                g_variant_dict_end (&options)));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_create_link_sync (client, namespace, name, kind,
                                      g_variant_dict_end (&options), NULL, &error))
    {
      g_variant_dict_clear (&options);
      return nns_ctl_fail (ctl, error);
    }
  return nns_ctl_print_reply (ctl);
}
