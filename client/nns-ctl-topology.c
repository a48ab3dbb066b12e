/* nns-ctl-topology.c: netnsctl up and down, declared topologies.
 *
 * A topology file is a -batch file (netnsctl commands, one a line) that
 * says what should exist. `netnsctl up FILE` makes the system match it in
 * one Apply named after the file (its absolute path): it sends what the
 * file names and is not there or differs, removes what an earlier up of
 * the file made (netnsd's record, GetTopology) and the file no longer
 * names, and leaves alone what already is as declared. `netnsctl down
 * FILE` removes what up made for FILE. The plan, in the order it is sent:
 *
 *   1. removals netnsd undoes if the Apply fails (RemoveAddress,
 *      RemoveRoute, clearing DNS);
 *   2. deletions of links that a line makes again under the same name
 *      (a veth whose peer changed);
 *   3. the file's lines that are needed, in the file's order;
 *   4. the other deletions, links then namespaces: they cannot be undone,
 *      so they come after everything that may fail.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nns-ctl.h"
#include "nns-error.h"
#include "nns-topology.h"

typedef struct {
  char     *method;
  GVariant *arguments;   /* a{sv} */
  char     *where;       /* "FILE:LINE", or what the removal is for */
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->method);
  g_variant_unref (op->arguments);
  g_free (op->where);
  g_free (op);
}

static Op *
op_new (const char *method,
        GVariant   *arguments,
        const char *where)
{
  Op *op = g_new0 (Op, 1);

  op->method = g_strdup (method);
  op->arguments = g_variant_ref_sink (arguments);
  op->where = g_strdup (where);
  return op;
}

typedef struct {
  NnsCtl     *ctl;
  const char *path;            /* as given */
  char       *name;            /* the topology's: the file's absolute path */
  GPtrArray  *file_ops;        /* of Op */
  GVariant   *record;          /* GetTopology's aa{sv} */
  GHashTable *inodes;          /* namespace -> inode (guint64 *); "" the host */
  GHashTable *links;           /* namespace -> ListLinks' aa{sv} */
  GHashTable *routes;          /* namespace -> ListRoutes' aa{sv} */
  GHashTable *file_keys;       /* what the file's lines make */
  GHashTable *declared;        /* namespaces the file declares (add NAME) */
  GHashTable *gone_namespaces; /* namespaces the plan deletes */
  GHashTable *gone_links;      /* "NS/LINK" the plan deletes */
  GPtrArray  *undoable;        /* step 1, of Op */
  GPtrArray  *before;          /* step 2 */
  GPtrArray  *changes;         /* step 3 */
  GPtrArray  *link_deletions;  /* step 4 */
  GPtrArray  *ns_deletions;
  GPtrArray  *forget;          /* keys of record entries gone by other hands */
} Plan;

static void
plan_clear (Plan *plan)
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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static void
plan_init (Plan       *plan,
           NnsCtl     *ctl,
           const char *path)
{
  plan->ctl = ctl;
  plan->path = path;
  plan->file_ops = g_ptr_array_new_with_free_func (op_free);
  plan->inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  plan->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_variant_unref);
  plan->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_variant_unref);
  plan->file_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->gone_namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->gone_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->undoable = g_ptr_array_new_with_free_func (op_free);
  plan->before = g_ptr_array_new_with_free_func (op_free);
  plan->changes = g_ptr_array_new_with_free_func (op_free);
  plan->link_deletions = g_ptr_array_new_with_free_func (op_free);
  plan->ns_deletions = g_ptr_array_new_with_free_func (op_free);
  plan->forget = g_ptr_array_new_with_free_func (g_free);
}

static const char *
string_argument (GVariant   *arguments,
                 const char *name)
{
  const char *value;

  return g_variant_lookup (arguments, name, "&s", &value) ? value : "";
}

/* What tells one thing from another, for comparing the file with the
 * record: the record's key, and for a veth its peer too (a veth whose
 * peer changed is another veth under the same name). NULL: the line
 * makes nothing netnsd records (SetLink). */
static char *
full_key (const char *method,
          GVariant   *arguments)
{
  const NnsTopologyKind *kind = nns_topology_kind_for_make (method);
  g_autofree char *key = NULL;

  if (kind == NULL)
    return NULL;
  key = nns_topology_key (kind, arguments);
  if (g_str_equal (method, "CreateVeth"))
    return g_strdup_printf ("%s peer=%s/%s", key, string_argument (arguments, "peer_namespace"),
                            string_argument (arguments, "peer_name"));
  return g_steal_pointer (&key);
}

static char *
link_id (const char *namespace,
         const char *link)
{
  return g_strdup_printf ("%s/%s", namespace, link);
}

/* What netnsd has: the topology's record and the namespaces. */

static gboolean
fetch_record (Plan    *plan,
              GError **error)
{
  g_autoptr(GVariant) reply = nns_ctl_call (plan->ctl, "GetTopology",
                                            g_variant_new ("(s)", plan->name),
                                            G_VARIANT_TYPE ("(aa{sv}u)"), error);

  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(@aa{sv}u)", &plan->record, NULL);
  return TRUE;
}

static gboolean
fetch_namespaces (Plan    *plan,
                  GError **error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) objects = NULL;
  const char *object_path;
  GVariant *next;

  reply = nns_ctl_call_on (plan->ctl, NNS_MANAGER_OBJECT_PATH, NNS_OBJECT_MANAGER_INTERFACE,
                           "GetManagedObjects", NULL,
                           G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), NULL, error);
  if (reply == NULL)
    return FALSE;
  g_hash_table_replace (plan->inodes, g_strdup (""), g_new0 (guint64, 1));   /* the host */
  g_variant_get (reply, "(a{oa{sa{sv}}})", &objects);
  while (g_variant_iter_next (objects, "{&o@a{sa{sv}}}", &object_path, &next))
    {
      g_autoptr(GVariant) interfaces = next;
      g_autoptr(GVariant) properties =
        g_variant_lookup_value (interfaces, NNS_NAMESPACE_INTERFACE, G_VARIANT_TYPE_VARDICT);
      const char *name;
      guint64 *inode;

      if (properties == NULL || !g_variant_lookup (properties, "Name", "&s", &name))
        continue;
      inode = g_new0 (guint64, 1);
      g_variant_lookup (properties, "Inode", "t", inode);
      g_hash_table_replace (plan->inodes, g_strdup (name), inode);
    }
  return TRUE;
}

static gboolean
namespace_exists (Plan       *plan,
                  const char *namespace)
{
  return g_hash_table_contains (plan->inodes, namespace) &&
         !g_hash_table_contains (plan->gone_namespaces, namespace);
}

/* ListLinks or ListRoutes of @namespace, asked once; NULL if it is not
 * there. */
static GVariant *
fetch_list (Plan       *plan,
            GHashTable *cache,
            const char *method,
            const char *namespace)
{
  g_autofree char *type = g_strdup ("(aa{sv})");
  g_autoptr(GVariant) reply = NULL;
  GVariant *list;

  if (!namespace_exists (plan, namespace))
    return NULL;
  list = g_hash_table_lookup (cache, namespace);
  if (list != NULL)
    return list;
  reply = nns_ctl_call (plan->ctl, method, g_variant_new ("(s)", namespace),
                        G_VARIANT_TYPE (type), NULL);
  if (reply == NULL)
    return NULL;
  list = g_variant_get_child_value (reply, 0);
  g_hash_table_replace (cache, g_strdup (namespace), list);
  return list;
}

/* The link as ListLinks describes it (a new reference), or NULL if it is
 * not there (or goes in this plan). */
static GVariant *
find_link (Plan       *plan,
           const char *namespace,
           const char *name)
{
  GVariant *links = fetch_list (plan, plan->links, "ListLinks", namespace);
  g_autofree char *id = link_id (namespace, name);
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
normal_address (const char *text)
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

static gboolean
link_has_address (GVariant   *link,
                  const char *address)
{
  g_autofree char *wanted = normal_address (address);
  g_autofree const char **addresses = NULL;

  if (!g_variant_lookup (link, "addresses", "^a&s", &addresses))
    return FALSE;
  for (gsize i = 0; addresses[i] != NULL; i++)
    {
      g_autofree char *have = normal_address (addresses[i]);

      if (g_str_equal (have, wanted))
        return TRUE;
    }
  return FALSE;
}

static gboolean
same_address_text (const char *a,
                   const char *b)
{
  g_autofree char *normal_a = g_strrstr (a, "/") != NULL ? g_strdup (a) : normal_address (a);
  g_autofree char *normal_b = g_strrstr (b, "/") != NULL ? g_strdup (b) : normal_address (b);
  g_autofree char *left = normal_address (normal_a);
  g_autofree char *right = normal_address (normal_b);

  return g_str_equal (left, right);
}

/* Is @route (ListRoutes) the one AddRoute(@destination, @options) makes? */
static gboolean
route_matches (GVariant   *route,
               const char *destination,
               GVariant   *options)
{
  static const char *const strings[] = { "via", "dev", "src" };
  const char *have;
  guint32 wanted, table;

  if (!g_variant_lookup (route, "destination", "&s", &have) ||
      !(g_str_equal (have, destination) ||
        (!g_str_equal (destination, "default") && same_address_text (have, destination))))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *value, *route_value;

      if (!g_variant_lookup (options, strings[i], "&s", &value))
        continue;
      if (!g_variant_lookup (route, strings[i], "&s", &route_value) ||
          !(g_str_equal (value, route_value) || same_address_text (value, route_value)))
        return FALSE;
    }
  if (g_variant_lookup (options, "metric", "u", &wanted) &&
      (!g_variant_lookup (route, "metric", "u", &table) || table != wanted))
    return FALSE;
  if (!g_variant_lookup (options, "table", "u", &wanted))
    wanted = 254;   /* main */
  return g_variant_lookup (route, "table", "u", &table) && table == wanted;
}

static gboolean
route_exists (Plan     *plan,
              GVariant *arguments)
{
  const char *namespace = string_argument (arguments, "namespace");
  GVariant *routes = fetch_list (plan, plan->routes, "ListRoutes", namespace);
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

      if (route_matches (route, string_argument (arguments, "destination"),
                         options != NULL ? options : empty))
        return TRUE;
    }
  return FALSE;
}

/* Does the record hold exactly this (same arguments)? */
static gboolean
recorded_as_is (Plan       *plan,
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
          g_str_equal (made, method) && g_variant_equal (recorded, arguments))
        return TRUE;
    }
  return FALSE;
}

/* Step 1, 2 and 4: what the record has and the file no longer names. */

static void
add_forget (Plan       *plan,
            const char *method,
            GVariant   *arguments)
{
  const NnsTopologyKind *kind = nns_topology_kind_for_make (method);

  if (kind != NULL)
    g_ptr_array_add (plan->forget, nns_topology_key (kind, arguments));
}

static const char *const removal_note = "(removing what an earlier up made)";

static void
plan_namespace_removal (Plan     *plan,
                        GVariant *arguments,
                        guint64   inode)
{
  const char *name = string_argument (arguments, "name");
  guint64 *have = g_hash_table_lookup (plan->inodes, name);

  if (have == NULL || *have != inode)
    {
      add_forget (plan, "CreateNamespace", arguments);   /* not the one it made */
      return;
    }
  g_hash_table_add (plan->gone_namespaces, g_strdup (name));
  g_ptr_array_add (plan->ns_deletions,
                   op_new ("DeleteNamespace",
                           g_variant_new_parsed ("{'name': <%s>}", name), removal_note));
}

static void
plan_veth_removal (Plan     *plan,
                   GVariant *arguments)
{
  const char *namespace = string_argument (arguments, "namespace");
  const char *name = string_argument (arguments, "name");
  const char *peer_namespace = string_argument (arguments, "peer_namespace");
  g_autoptr(GVariant) link = NULL;

  /* Gone with either namespace already. Deleted even when one of them
   * goes in this plan: a line may make a link of the same name before
   * that namespace goes, at the end. */
  if (!g_hash_table_contains (plan->inodes, namespace) ||
      !g_hash_table_contains (plan->inodes, peer_namespace))
    return;
  link = find_link (plan, namespace, name);
  if (link == NULL)
    {
      add_forget (plan, "CreateVeth", arguments);
      return;
    }
  g_ptr_array_add (plan->link_deletions,
                   op_new ("DeleteLink",
                           g_variant_new_parsed ("{'namespace': <%s>, 'name': <%s>}",
                                                 namespace, name), removal_note));
  g_hash_table_add (plan->gone_links, link_id (namespace, name));
  g_hash_table_add (plan->gone_links,
                    link_id (peer_namespace, string_argument (arguments, "peer_name")));
}

static void
plan_other_removal (Plan       *plan,
                    const char *method,
                    GVariant   *arguments)
{
  const char *namespace = string_argument (arguments, "namespace");

  if (!namespace_exists (plan, namespace))
    return;   /* it goes with its namespace */
  if (g_str_equal (method, "AddAddress"))
    {
      g_autoptr(GVariant) link = find_link (plan, namespace, string_argument (arguments, "link"));

      if (link == NULL)
        {
          g_autofree char *id = link_id (namespace, string_argument (arguments, "link"));

          /* Going with its link, or gone already. */
          if (!g_hash_table_contains (plan->gone_links, id))
            add_forget (plan, method, arguments);
        }
      else if (!link_has_address (link, string_argument (arguments, "address")))
        add_forget (plan, method, arguments);
      else
        g_ptr_array_add (plan->undoable,
                         op_new ("RemoveAddress",
                                 g_variant_new_parsed ("{'namespace': <%s>, 'link': <%s>, "
                                                       "'address': <%s>}", namespace,
                                                       string_argument (arguments, "link"),
                                                       string_argument (arguments, "address")),
                                 removal_note));
    }
  else if (g_str_equal (method, "AddRoute"))
    {
      if (route_exists (plan, arguments))
        g_ptr_array_add (plan->undoable, op_new ("RemoveRoute", arguments, removal_note));
      else
        add_forget (plan, method, arguments);
    }
  else if (g_str_equal (method, "SetDns"))
    g_ptr_array_add (plan->undoable,
                     op_new ("SetDns",
                             g_variant_new_parsed ("{'namespace': <%s>, 'nameservers': <@as []>, "
                                                   "'search': <@as []>}", namespace),
                             removal_note));
  else
    add_forget (plan, method, arguments);   /* a sysctl keeps its value */
}

/* Namespaces first, then veths, then the rest: what goes with a
 * namespace or link that goes needs no removal of its own. */
static void
plan_removals (Plan *plan)
{
  static const char *const order[] = { "CreateNamespace", "CreateVeth", NULL };

  for (gsize pass = 0; pass < G_N_ELEMENTS (order); pass++)
    {
      GVariantIter iter;
      GVariant *entry;

      g_variant_iter_init (&iter, plan->record);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        {
          g_autoptr(GVariant) owned = entry;
          g_autoptr(GVariant) arguments = NULL;
          g_autofree char *key = NULL;
          const char *method;
          guint64 inode;

          if (!nns_topology_entry_parse (entry, &method, &arguments, &inode))
            continue;
          if ((order[pass] != NULL && !g_str_equal (method, order[pass])) ||
              (order[pass] == NULL && g_strv_contains (order, method)))
            continue;
          key = full_key (method, arguments);
          if (key == NULL || g_hash_table_contains (plan->file_keys, key))
            continue;
          if (g_str_equal (method, "CreateNamespace"))
            plan_namespace_removal (plan, arguments, inode);
          else if (g_str_equal (method, "CreateVeth"))
            plan_veth_removal (plan, arguments);
          else
            plan_other_removal (plan, method, arguments);
        }
    }
}

/* Step 3: the file's lines that are needed. */

/* A veth made again under a name whose old one goes: that deletion moves
 * before it. */
static void
move_deletion_first (Plan       *plan,
                     const char *namespace,
                     const char *name)
{
  for (guint i = 0; i < plan->link_deletions->len; i++)
    {
      Op *op = plan->link_deletions->pdata[i];

      if (g_str_equal (string_argument (op->arguments, "namespace"), namespace) &&
          g_str_equal (string_argument (op->arguments, "name"), name))
        {
          g_ptr_array_add (plan->before, g_ptr_array_steal_index (plan->link_deletions, i));
          return;
        }
    }
}

static gboolean
set_link_needed (Plan     *plan,
                 GVariant *arguments)
{
  g_autoptr(GVariant) link = find_link (plan, string_argument (arguments, "namespace"),
                                       string_argument (arguments, "name"));
  g_autoptr(GVariant) changes = g_variant_lookup_value (arguments, "changes",
                                                        G_VARIANT_TYPE_VARDICT);
  gboolean up, have_up;
  guint32 mtu, have_mtu;
  const char *address, *have_address;

  if (link == NULL || changes == NULL)
    return TRUE;
  if (g_variant_lookup (changes, "up", "b", &up) &&
      (!g_variant_lookup (link, "up", "b", &have_up) || up != have_up))
    return TRUE;
  if (g_variant_lookup (changes, "mtu", "u", &mtu) &&
      (!g_variant_lookup (link, "mtu", "u", &have_mtu) || mtu != have_mtu))
    return TRUE;
  if (g_variant_lookup (changes, "address", "&s", &address) &&
      (!g_variant_lookup (link, "address", "&s", &have_address) ||
       g_ascii_strcasecmp (address, have_address) != 0))
    return TRUE;
  return FALSE;
}

static gboolean
line_needed (Plan *plan,
             Op   *op)
{
  const char *namespace = string_argument (op->arguments, "namespace");

  if (g_str_equal (op->method, "CreateNamespace"))
    return !namespace_exists (plan, string_argument (op->arguments, "name"));
  if (g_str_equal (op->method, "CreateVeth"))
    {
      const char *name = string_argument (op->arguments, "name");
      g_autoptr(GVariant) link = NULL;

      move_deletion_first (plan, namespace, name);
      link = find_link (plan, namespace, name);
      return link == NULL;
    }
  if (g_str_equal (op->method, "SetLink"))
    return set_link_needed (plan, op->arguments);
  if (g_str_equal (op->method, "AddAddress"))
    {
      g_autoptr(GVariant) link = find_link (plan, namespace,
                                            string_argument (op->arguments, "link"));

      return link == NULL || !link_has_address (link, string_argument (op->arguments, "address"));
    }
  if (g_str_equal (op->method, "AddRoute"))
    return !route_exists (plan, op->arguments);
  /* SetDns, SetSysctl: as the record says they were set, in a namespace
   * that is still the one they were set in. */
  return !namespace_exists (plan, namespace) || !recorded_as_is (plan, op->method, op->arguments);
}

/* What a topology file may say: what can be declared. */
static gboolean
check_line (Op      *op,
            GError **error)
{
  g_autoptr(GVariant) changes = NULL;

  if (g_str_equal (op->method, "MoveLink"))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                   "%s: moving a link cannot be part of a topology; make it where it "
                   "belongs (link add ... netns NS)", op->where);
      return FALSE;
    }
  changes = g_variant_lookup_value (op->arguments, "changes", G_VARIANT_TYPE_VARDICT);
  if (g_str_equal (op->method, "SetLink") && changes != NULL &&
      g_variant_lookup (changes, "name", "s", NULL))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                   "%s: renaming a link cannot be part of a topology; give it its name "
                   "in link add", op->where);
      return FALSE;
    }
  return TRUE;
}

static int
read_file (Plan *plan)
{
  g_autoptr(GPtrArray) operations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  int status = nns_ctl_batch_read (plan->ctl, plan->path, plan->ctl->find_command,
                                   operations, lines);

  if (status != NNS_EXIT_OK)
    return status;
  for (guint i = 0; i < operations->len; i++)
    {
      g_autoptr(GVariant) arguments = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *where = g_strdup_printf ("%s:%u", plan->path,
                                                g_array_index (lines, guint, i));
      g_autofree char *key = NULL;
      const char *method;
      Op *op;

      g_variant_get (operations->pdata[i], "(&s@a{sv})", &method, &arguments);
      op = op_new (method, arguments, where);
      g_ptr_array_add (plan->file_ops, op);
      if (!check_line (op, &error))
        return nns_ctl_fail (plan->ctl, error);
      if ((key = full_key (method, arguments)) != NULL)
        g_hash_table_add (plan->file_keys, g_steal_pointer (&key));
      if (g_str_equal (method, "CreateNamespace"))
        g_hash_table_add (plan->declared, g_strdup (string_argument (arguments, "name")));
    }
  return NNS_EXIT_OK;
}

/* The topology's name: the file's absolute path, the same however it is
 * reached, and for down also when the file is gone. */
static char *
topology_name (const char *path)
{
  char *real = realpath (path, NULL);

  if (real != NULL)
    {
      g_autofree char *copy = real;

      return g_strdup (copy);
    }
  return g_canonicalize_filename (path, NULL);
}

static GPtrArray *
plan_steps (Plan *plan)
{
  GPtrArray *steps = g_ptr_array_new ();
  GPtrArray *groups[] = { plan->undoable, plan->before, plan->changes, plan->link_deletions,
                          plan->ns_deletions };

  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    for (guint j = 0; j < groups[i]->len; j++)
      g_ptr_array_add (steps, groups[i]->pdata[j]);
  return steps;
}

static int
make_plan (Plan    *plan,
           gboolean with_file)
{
  g_autoptr(GError) error = NULL;
  int status;

  plan->name = topology_name (plan->path);
  if (with_file && (status = read_file (plan)) != NNS_EXIT_OK)
    return status;
  if (!fetch_record (plan, &error) || !fetch_namespaces (plan, &error))
    return nns_ctl_fail (plan->ctl, error);
  plan_removals (plan);
  for (guint i = 0; i < plan->file_ops->len; i++)
    {
      Op *op = plan->file_ops->pdata[i];

      if (line_needed (plan, op))
        g_ptr_array_add (plan->changes, op_new (op->method, op->arguments, op->where));
    }
  return NNS_EXIT_OK;
}

static void
print_plan (Plan      *plan,
            GPtrArray *steps)
{
  if (steps->len == 0 && plan->forget->len == 0)
    g_print ("%s: nothing to change\n", plan->path);
  for (guint i = 0; i < steps->len; i++)
    {
      Op *op = steps->pdata[i];
      g_autofree char *arguments = g_variant_print (op->arguments, FALSE);

      g_print ("%s %s  # %s\n", op->method, arguments, op->where);
    }
  for (guint i = 0; i < plan->forget->len; i++)
    g_print ("forget %s  # gone already\n", (const char *) plan->forget->pdata[i]);
}

static GVariant *
build_apply (Plan      *plan,
             GPtrArray *steps)
{
  GVariantBuilder operations, options;
  g_autofree const char **declared = (const char **) g_hash_table_get_keys_as_array (plan->declared,
                                                                                     NULL);

  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  for (guint i = 0; i < steps->len; i++)
    {
      Op *op = steps->pdata[i];

      g_variant_builder_add (&operations, "(s@a{sv})", op->method, op->arguments);
    }
  g_ptr_array_add (plan->forget, NULL);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "topology", g_variant_new_string (plan->name));
  g_variant_builder_add (&options, "{sv}", "topology-namespaces",
                         g_variant_new_strv (declared, -1));
  g_variant_builder_add (&options, "{sv}", "topology-forget",
                         g_variant_new_strv ((const char *const *) plan->forget->pdata, -1));
  g_ptr_array_remove_index (plan->forget, plan->forget->len - 1);
  return g_variant_new ("(a(sa{sv})a{sv})", &operations, &options);
}

/* The Apply's error, with the line (or the removal) of the operation it
 * names ("operation N (METHOD): ..."). */
static int
fail_at_step (Plan         *plan,
              GPtrArray    *steps,
              const GError *error)
{
  g_autoptr(GError) copy = g_error_copy (error);
  const char *where = plan->path;
  guint operation;
  int status;

  g_dbus_error_strip_remote_error (copy);
  if (sscanf (copy->message, "operation %u ", &operation) == 1 &&
      operation >= 1 && operation <= steps->len)
    where = ((Op *) steps->pdata[operation - 1])->where;
  status = nns_ctl_fail_at (plan->ctl, error, where);
  if (!plan->ctl->json)
    g_printerr ("netnsctl: %s: the topology was left as it was\n", plan->path);
  return status;
}

static int
bring (NnsCtl     *ctl,
       const char *path,
       gboolean    with_file,
       gboolean    dry_run)
{
  g_auto(Plan) plan = { 0 };
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  plan_init (&plan, ctl, path);
  if ((status = make_plan (&plan, with_file)) != NNS_EXIT_OK)
    return status;
  steps = plan_steps (&plan);
  if (dry_run)
    {
      print_plan (&plan, steps);
      return NNS_EXIT_OK;
    }
  reply = nns_ctl_call (ctl, "Apply", build_apply (&plan, steps), G_VARIANT_TYPE ("(aav)"),
                        &error);
  if (reply == NULL)
    return fail_at_step (&plan, steps, error);
  if (!ctl->json && steps->len > 0)
    g_print ("%s: %u changes\n", path, steps->len);
  else if (!ctl->json)
    g_print ("%s: nothing to change\n", path);
  return nns_ctl_print_reply (ctl);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* up --all DIR: every DIR/\*.netns on its own, so that one bad file does
 * not keep the others down; then the topologies of files that went from
 * DIR are brought down. */
static int
bring_all (NnsCtl     *ctl,
           const char *directory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (directory, 0, &error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) topologies = NULL;
  g_autofree char *prefix = NULL;
  const char *entry, *name;
  int status = NNS_EXIT_OK;

  if (dir == NULL)
    return nns_ctl_fail (ctl, error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".netns") && entry[0] != '.')
      g_ptr_array_add (files, g_build_filename (directory, entry, NULL));
  g_ptr_array_sort (files, compare_names);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      int file_status = bring (ctl, file, TRUE, FALSE);

      if (file_status != NNS_EXIT_OK)
        status = file_status;
    }

  reply = nns_ctl_call (ctl, "ListTopologies", NULL, G_VARIANT_TYPE ("(a(su))"), &error);
  if (reply == NULL)
    return nns_ctl_fail (ctl, error);
  prefix = topology_name (directory);
  g_variant_get (reply, "(a(su))", &topologies);
  while (g_variant_iter_next (topologies, "(&su)", &name, NULL))
    {
      g_autofree char *parent = g_path_get_dirname (name);

      if (g_str_equal (parent, prefix) && g_str_has_suffix (name, ".netns") &&
          !g_file_test (name, G_FILE_TEST_EXISTS))
        {
          int file_status = bring (ctl, name, FALSE, FALSE);

          if (file_status != NNS_EXIT_OK)
            status = file_status;
        }
    }
  return status;
}

int
nns_ctl_topology_up (NnsCtl *ctl,
                     int     argc,
                     char  **argv)
{
  gboolean dry_run = FALSE, all = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      "Print the plan, change nothing", NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      "Bring up every *.netns in the folder FILE, each on its own, and bring down "
      "the topologies whose file went from it", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "up", "FILE",
                            "Make the system match the topology FILE (netnsctl commands,\n"
                            "one a line, as for -batch) in one Apply: make what is missing,\n"
                            "change what differs, remove what an earlier up of FILE made\n"
                            "and FILE no longer names. Running it twice changes nothing.",
                            entries);
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "up takes one FILE");
  if (ctl->batch != NULL)
    return nns_ctl_usage_error (ctl, context, "up cannot be part of a batch");
  if (all && dry_run)
    return nns_ctl_usage_error (ctl, context, "--all and --dry-run go separately");
  return all ? bring_all (ctl, argv[1]) : bring (ctl, argv[1], TRUE, dry_run);
}

int
nns_ctl_topology_down (NnsCtl *ctl,
                       int     argc,
                       char  **argv)
{
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      "Print the plan, change nothing", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "down", "FILE",
                            "Remove what netnsctl up made for the topology FILE, and\n"
                            "nothing else (FILE need not exist any more).", entries);
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "down takes one FILE");
  if (ctl->batch != NULL)
    return nns_ctl_usage_error (ctl, context, "down cannot be part of a batch");
  return bring (ctl, argv[1], FALSE, dry_run);
}
