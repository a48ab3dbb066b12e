/* nns-ctl-topology-state.c: what netnsctl up and down know of netnsd:
 * the topology's record (GetTopology), the namespaces, and their links,
 * addresses and routes, each asked once; and the plan they fill.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nns-ctl-topology.h"
#include "nns-topology.h"

void
nns_topo_op_free (gpointer data)
{
  Op *op = data;

  g_variant_unref (op->arguments);
  g_variant_unref (op->operation);
  g_free (op->where);
  g_free (op);
}

/* Takes @operation, one that libnetns made (netns_operation_*()). */
Op *
nns_topo_op_new (GVariant   *operation,
                 const char *where)
{
  Op *op = g_new0 (Op, 1);

  op->operation = operation;
  g_variant_get (operation, "(&s@a{sv})", &op->method, &op->arguments);
  op->where = g_strdup (where);
  return op;
}

void
nns_topo_plan_clear (Plan *plan)
{
  g_free (plan->name);
  g_clear_pointer (&plan->file_ops, g_ptr_array_unref);
  g_clear_pointer (&plan->record, g_variant_unref);
  g_clear_pointer (&plan->inodes, g_hash_table_unref);
  g_clear_pointer (&plan->links, g_hash_table_unref);
  g_clear_pointer (&plan->routes, g_hash_table_unref);
  g_clear_pointer (&plan->file_keys, g_hash_table_unref);
  g_clear_pointer (&plan->declared, g_hash_table_unref);
  g_clear_pointer (&plan->gone_namespaces, g_hash_table_unref);
  g_clear_pointer (&plan->gone_links, g_hash_table_unref);
  g_clear_pointer (&plan->undoable, g_ptr_array_unref);
  g_clear_pointer (&plan->before, g_ptr_array_unref);
  g_clear_pointer (&plan->changes, g_ptr_array_unref);
  g_clear_pointer (&plan->link_deletions, g_ptr_array_unref);
  g_clear_pointer (&plan->ns_deletions, g_ptr_array_unref);
  g_clear_pointer (&plan->forget, g_ptr_array_unref);
}

void
nns_topo_plan_init (Plan       *plan,
                    NnsCtl     *ctl,
                    const char *path)
{
  plan->ctl = ctl;
  plan->path = path;
  plan->file_ops = g_ptr_array_new_with_free_func (nns_topo_op_free);
  plan->inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  plan->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_variant_unref);
  plan->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_variant_unref);
  plan->file_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->gone_namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->gone_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->undoable = g_ptr_array_new_with_free_func (nns_topo_op_free);
  plan->before = g_ptr_array_new_with_free_func (nns_topo_op_free);
  plan->changes = g_ptr_array_new_with_free_func (nns_topo_op_free);
  plan->link_deletions = g_ptr_array_new_with_free_func (nns_topo_op_free);
  plan->ns_deletions = g_ptr_array_new_with_free_func (nns_topo_op_free);
  plan->forget = g_ptr_array_new_with_free_func (g_free);
}

const char *
nns_topo_string_argument (GVariant   *arguments,
                          const char *name)
{
  const char *value;

  return g_variant_lookup (arguments, name, "&s", &value) ? value : "";
}

/* What tells one thing from another, for comparing the file with the
 * record: the record's key, and for a veth its peer too (a veth whose
 * peer changed is another veth under the same name). NULL: the line
 * makes nothing netnsd records (SetLink). */
char *
nns_topo_full_key (const char *method,
                   GVariant   *arguments)
{
  const NnsTopologyKind *kind = nns_topology_kind_for_make (method);
  g_autofree char *key = NULL;

  if (kind == NULL)
    return NULL;
  key = nns_topology_key (kind, arguments);
  if (g_str_equal (method, "CreateVeth"))
    return g_strdup_printf ("%s peer=%s/%s", key,
                            nns_topo_string_argument (arguments, "peer_namespace"),
                            nns_topo_string_argument (arguments, "peer_name"));
  return g_steal_pointer (&key);
}

char *
nns_topo_link_id (const char *namespace,
                  const char *link)
{
  return g_strdup_printf ("%s/%s", namespace, link);
}

/* What netnsd has: the topology's record and the namespaces. */

gboolean
nns_topo_fetch_record (Plan    *plan,
                       GError **error)
{
  NetNsClient *client = nns_ctl_client (plan->ctl, error);

  if (client == NULL)
    return FALSE;
  plan->record = netns_client_get_topology_sync (client, plan->name, NULL, NULL, error);
  return plan->record != NULL;
}

gboolean
nns_topo_fetch_namespaces (Plan    *plan,
                           GError **error)
{
  g_autoptr(GList) namespaces = NULL;

  if (!nns_ctl_fetch_namespaces (plan->ctl, &namespaces, error))
    return FALSE;
  g_hash_table_replace (plan->inodes, g_strdup (""), g_new0 (guint64, 1));   /* the host */
  for (GList *l = namespaces; l != NULL; l = l->next)
    {
      guint64 *inode = g_new0 (guint64, 1);

      *inode = netns_namespace_get_inode (l->data);
      g_hash_table_replace (plan->inodes, g_strdup (netns_namespace_get_name (l->data)), inode);
    }
  return TRUE;
}

gboolean
nns_topo_namespace_exists (Plan       *plan,
                           const char *namespace)
{
  return g_hash_table_contains (plan->inodes, namespace) &&
         !g_hash_table_contains (plan->gone_namespaces, namespace);
}

typedef GVariant *(*ListCall) (NetNsClient   *client,
                               const char    *namespace_name,
                               GCancellable  *cancellable,
                               GError       **error);

/* ListLinks or ListRoutes (@list) of @namespace, asked once; NULL if it
 * is not there. */
static GVariant *
nns_topo_fetch_list (Plan       *plan,
                     GHashTable *cache,
                     ListCall    list_call,
                     const char *namespace)
{
  NetNsClient *client;
  GVariant *list;

  if (!nns_topo_namespace_exists (plan, namespace))
    return NULL;
  list = g_hash_table_lookup (cache, namespace);
  if (list != NULL)
    return list;
  if ((client = nns_ctl_client (plan->ctl, NULL)) == NULL ||
      (list = list_call (client, namespace, NULL, NULL)) == NULL)
    return NULL;
  g_hash_table_replace (cache, g_strdup (namespace), list);
  return list;
}

/* The link as ListLinks describes it (a new reference), or NULL if it is
 * not there (or goes in this plan). */
GVariant *
nns_topo_find_link (Plan       *plan,
                    const char *namespace,
                    const char *name)
{
  GVariant *links = nns_topo_fetch_list (plan, plan->links, netns_client_list_links_sync,
                                         namespace);
  g_autofree char *id = nns_topo_link_id (namespace, name);
  GVariantIter iter;
  GVariant *link;

  if (links == NULL || g_hash_table_contains (plan->gone_links, id))
    return NULL;
  g_variant_iter_init (&iter, links);
  while ((link = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *link_name;

      if (g_variant_lookup (link, "name", "&s", &link_name) && g_str_equal (link_name, name))
        return link;
      g_variant_unref (link);
    }
  return NULL;
}

/* An address in the kernel's spelling ("fd00::1/64", "10.0.0.1/32"). */
static char *
nns_topo_normal_address (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", 2);
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (parts[0]);
  g_autofree char *printed = NULL;
  guint prefix;

  if (address == NULL)
    return g_strdup (text);
  printed = g_inet_address_to_string (address);
  prefix = parts[1] != NULL ? (guint) atoi (parts[1])
           : g_inet_address_get_native_size (address) * 8;
  return g_strdup_printf ("%s/%u", printed, prefix);
}

gboolean
nns_topo_link_has_address (GVariant   *link,
                           const char *address)
{
  g_autofree char *wanted = nns_topo_normal_address (address);
  g_autofree const char **addresses = NULL;

  if (!g_variant_lookup (link, "addresses", "^a&s", &addresses))
    return FALSE;
  for (gsize i = 0; addresses[i] != NULL; i++)
    {
      g_autofree char *have = nns_topo_normal_address (addresses[i]);

      if (g_str_equal (have, wanted))
        return TRUE;
    }
  return FALSE;
}

static gboolean
nns_topo_same_address_text (const char *a,
                            const char *b)
{
  g_autofree char *left = nns_topo_normal_address (a);
  g_autofree char *right = nns_topo_normal_address (b);

  return g_str_equal (left, right);
}

/* Is @route (ListRoutes) the one AddRoute(@destination, @options) makes? */
static gboolean
nns_topo_route_matches (GVariant   *route,
                        const char *destination,
                        GVariant   *options)
{
  static const char *const strings[] = { "via", "dev", "src" };
  const char *have;
  guint32 wanted, table;

  if (!g_variant_lookup (route, "destination", "&s", &have) ||
      !(g_str_equal (have, destination) ||
        (!g_str_equal (destination, "default") && nns_topo_same_address_text (have, destination))))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *value, *route_value;

      if (!g_variant_lookup (options, strings[i], "&s", &value))
        continue;
      if (!g_variant_lookup (route, strings[i], "&s", &route_value) ||
          !(g_str_equal (value, route_value) || nns_topo_same_address_text (value, route_value)))
        return FALSE;
    }
  if (g_variant_lookup (options, "metric", "u", &wanted) &&
      (!g_variant_lookup (route, "metric", "u", &table) || table != wanted))
    return FALSE;
  if (!g_variant_lookup (options, "table", "u", &wanted))
    wanted = 254;   /* main */
  return g_variant_lookup (route, "table", "u", &table) && table == wanted;
}

gboolean
nns_topo_route_exists (Plan     *plan,
                       GVariant *arguments)
{
  const char *namespace = nns_topo_string_argument (arguments, "namespace");
  GVariant *routes = nns_topo_fetch_list (plan, plan->routes, netns_client_list_routes_sync,
                                          namespace);
  g_autoptr(GVariant) options = g_variant_lookup_value (arguments, "options",
                                                        G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) empty = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                       NULL, 0));
  GVariantIter iter;
  GVariant *route;

  if (routes == NULL)
    return FALSE;
  g_variant_iter_init (&iter, routes);
  while ((route = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) owned = route;

      if (nns_topo_route_matches (route, nns_topo_string_argument (arguments, "destination"),
                                  options != NULL ? options : empty))
        return TRUE;
    }
  return FALSE;
}

/* Two a{sv} with the same keys and values, in any order (the record may
 * come from a netnsctl that ordered them otherwise). */
static gboolean
same_arguments (GVariant *a,
                GVariant *b)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (a, G_VARIANT_TYPE_VARDICT) ||
      !g_variant_is_of_type (b, G_VARIANT_TYPE_VARDICT))
    return g_variant_equal (a, b);
  if (g_variant_n_children (a) != g_variant_n_children (b))
    return FALSE;
  g_variant_iter_init (&iter, a);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) mine = value;
      g_autoptr(GVariant) theirs = g_variant_lookup_value (b, key, NULL);

      if (theirs == NULL || !same_arguments (mine, theirs))
        return FALSE;
    }
  return TRUE;
}

/* Does the record hold exactly this (same arguments)? */
gboolean
nns_topo_recorded_as_is (Plan       *plan,
                         const char *method,
                         GVariant   *arguments)
{
  GVariantIter iter;
  GVariant *entry;

  g_variant_iter_init (&iter, plan->record);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) owned = entry;
      g_autoptr(GVariant) recorded = NULL;
      const char *made;
      guint64 inode;

      if (nns_topology_entry_parse (entry, &made, &recorded, &inode) &&
          g_str_equal (made, method) && same_arguments (recorded, arguments))
        return TRUE;
    }
  return FALSE;
}

