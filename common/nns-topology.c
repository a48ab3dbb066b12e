/* nns-topology.c: what a declared topology records.
 *
 * A topology (a file of netnsctl commands brought up with `netnsctl up`)
 * is recorded by netnsd as the list of things its Applies made: one entry
 * per operation that made something, the operation's method and its
 * arguments by name (and, for a namespace, its inode). An entry's key is
 * its kind and the arguments that tell it from others of its kind, so
 * that an operation that makes or removes the same thing again finds it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-topology.h"

/* Everything a topology can make. The identity arguments are also the
 * arguments of the removal that netnsctl sends, taken from what the
 * record says the thing was made with. */
static const NnsTopologyKind kinds[] = {
  { "namespace", "CreateNamespace", "DeleteNamespace", FALSE, { "name" } },
  { "veth", "CreateVeth", "DeleteLink", FALSE, { "namespace", "name" } },
  { "link", "CreateLink", "DeleteLink", FALSE, { "namespace", "name" } },
  { "address", "AddAddress", "RemoveAddress", TRUE, { "namespace", "link", "address" } },
  { "route", "AddRoute", "RemoveRoute", TRUE, { "namespace", "destination", "options" } },
  /* SetDns with no nameservers and no search domains removes it. */
  { "dns", "SetDns", NULL, FALSE, { "namespace" } },
  { "sysctl", "SetSysctl", NULL, FALSE, { "namespace", "key" } },
  { "masquerade", "AddMasquerade", "RemoveMasquerade", TRUE, { "namespace", "source", "options" } },
  /* RemovePortForward takes the port's forwards whatever their options. */
  { "port-forward", "AddPortForward", "RemovePortForward", TRUE,
    { "namespace", "protocol", "port" } },
};

const NnsTopologyKind *
nns_topology_kind_for_make (const char *method)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (method, kinds[i].make))
      return &kinds[i];
  return NULL;
}

/* The kinds that @method removes, one after the other (DeleteLink
 * removes veths and the links CreateLink makes): the first
 * with @after NULL, then the one after @after. */
const NnsTopologyKind *
nns_topology_kind_next_remover (const char            *method,
                                const NnsTopologyKind *after)
{
  for (gsize i = after != NULL ? (gsize) (after - kinds) + 1 : 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].remove != NULL && g_str_equal (method, kinds[i].remove))
      return &kinds[i];
  return NULL;
}

const NnsTopologyKind *
nns_topology_kind_for_remove (const char *method)
{
  return nns_topology_kind_next_remover (method, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* A value as text, an a{sv} with its keys sorted, so that the same
 * options give the same text whatever their order. */
static void
append_canonical (GString  *text,
                  GVariant *value)
{
  g_autoptr(GPtrArray) keys = NULL;
  GVariantIter iter;
  const char *key;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
    {
      g_autofree char *printed = g_variant_print (value, FALSE);

      g_string_append (text, printed);
      return;
    }
  keys = g_ptr_array_new ();
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&sv}", &key, NULL))
    g_ptr_array_add (keys, (gpointer) key);
  g_ptr_array_sort (keys, compare_strings);
  g_string_append_c (text, '{');
  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(GVariant) member = g_variant_lookup_value (value, keys->pdata[i], NULL);
      g_autofree char *printed = g_variant_print (member, FALSE);

      g_string_append_printf (text, "%s=%s;", (const char *) keys->pdata[i], printed);
    }
  g_string_append_c (text, '}');
}

/* "address namespace='red' link='veth1' address='10.0.0.1/24'": the same
 * for the operation that made a thing and the one that removes it. An
 * a{sv} argument left out counts as empty. */
char *
nns_topology_key (const NnsTopologyKind *kind,
                  GVariant              *arguments)
{
  GString *key = g_string_new (kind->kind);

  for (gsize i = 0; kind->identity[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (arguments, kind->identity[i], NULL);

      g_string_append_printf (key, " %s=", kind->identity[i]);
      if (value != NULL)
        append_canonical (key, value);
    }
  return g_string_free (key, FALSE);
}

GVariant *
nns_topology_entry_new (const char *method,
                        GVariant   *arguments,
                        guint64     inode)
{
  GVariantDict entry;

  g_variant_dict_init (&entry, NULL);
  g_variant_dict_insert (&entry, "method", "s", method);
  g_variant_dict_insert_value (&entry, "arguments", arguments);
  if (inode != 0)
    g_variant_dict_insert (&entry, "inode", "t", inode);
  return g_variant_dict_end (&entry);
}

/* Reads an entry; FALSE if it is not one. @arguments is a new reference. */
gboolean
nns_topology_entry_parse (GVariant    *entry,
                          const char **method,
                          GVariant   **arguments,
                          guint64     *inode)
{
  *inode = 0;
  g_variant_lookup (entry, "inode", "t", inode);
  if (!g_variant_lookup (entry, "method", "&s", method))
    return FALSE;
  *arguments = g_variant_lookup_value (entry, "arguments", G_VARIANT_TYPE_VARDICT);
  return *arguments != NULL;
}

/* The namespaces an operation names (strings owned by @arguments). */
GPtrArray *
nns_topology_namespaces (const char *method,
                         GVariant   *arguments)
{
  static const char *const names[] = { "namespace", "peer_namespace", "target_namespace" };
  GPtrArray *namespaces = g_ptr_array_new ();
  const char *value;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_variant_lookup (arguments, names[i], "&s", &value) && value[0] != '\0')
      g_ptr_array_add (namespaces, (gpointer) value);
  if (g_str_has_suffix (method, "Namespace") &&
      g_variant_lookup (arguments, "name", "&s", &value))
    g_ptr_array_add (namespaces, (gpointer) value);
  return namespaces;
}

gboolean
nns_topology_is_dns_removal (const char *method,
                             GVariant   *arguments)
{
  g_autoptr(GVariant) nameservers = NULL;
  g_autoptr(GVariant) search = NULL;

  if (!g_str_equal (method, "SetDns"))
    return FALSE;
  nameservers = g_variant_lookup_value (arguments, "nameservers", G_VARIANT_TYPE_STRING_ARRAY);
  search = g_variant_lookup_value (arguments, "search", G_VARIANT_TYPE_STRING_ARRAY);
  return (nameservers == NULL || g_variant_n_children (nameservers) == 0) &&
         (search == NULL || g_variant_n_children (search) == 0);
}
