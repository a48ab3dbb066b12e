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

#include "nns-ctl-topology.h"
#include "nns-topology.h"

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
  const char *name = nns_topo_string_argument (arguments, "name");
  guint64 *have = g_hash_table_lookup (plan->inodes, name);

  if (have == NULL || *have != inode)
    {
      add_forget (plan, "CreateNamespace", arguments);   /* not the one it made */
      return;
    }
  g_hash_table_add (plan->gone_namespaces, g_strdup (name));
  g_ptr_array_add (plan->ns_deletions,
                   nns_topo_op_new (netns_operation_delete_namespace (name, NULL), removal_note));
}

static void
plan_veth_removal (Plan     *plan,
                   GVariant *arguments)
{
  const char *namespace = nns_topo_string_argument (arguments, "namespace");
  const char *name = nns_topo_string_argument (arguments, "name");
  const char *peer_namespace = nns_topo_string_argument (arguments, "peer_namespace");
  g_autoptr(GVariant) link = NULL;

  /* Gone with either namespace already. Deleted even when one of them
   * goes in this plan: a line may make a link of the same name before
   * that namespace goes, at the end. */
  if (!g_hash_table_contains (plan->inodes, namespace) ||
      !g_hash_table_contains (plan->inodes, peer_namespace))
    return;
  link = nns_topo_find_link (plan, namespace, name);
  if (link == NULL)
    {
      add_forget (plan, "CreateVeth", arguments);
      return;
    }
  g_ptr_array_add (plan->link_deletions,
                   nns_topo_op_new (netns_operation_delete_link (namespace, name), removal_note));
  g_hash_table_add (plan->gone_links, nns_topo_link_id (namespace, name));
  g_hash_table_add (plan->gone_links,
                    nns_topo_link_id (peer_namespace,
                                      nns_topo_string_argument (arguments, "peer_name")));
}

/* A kind's removal, with the arguments that tell the thing (its
 * identity, the removal's arguments) taken from what it was made with; a
 * kind without a removal (a sysctl, which keeps its value) is only
 * forgotten. A link kind (identity namespace and name) goes with the
 * links, the others among the removals netnsd undoes if they say so. */
static void
plan_generic_removal (Plan       *plan,
                      const char *method,
                      GVariant   *arguments)
{
  const NnsTopologyKind *kind = nns_topology_kind_for_make (method);
  gboolean is_link = kind != NULL && g_strcmp0 (kind->identity[1], "name") == 0;
  GVariant *removal = NULL;
  GVariantDict identity;

  if (kind != NULL && kind->remove != NULL)
    {
      g_variant_dict_init (&identity, NULL);
      for (gsize i = 0; kind->identity[i] != NULL; i++)
        {
          g_autoptr(GVariant) value = g_variant_lookup_value (arguments, kind->identity[i], NULL);

          if (value != NULL)
            g_variant_dict_insert_value (&identity, kind->identity[i], value);
        }
      /* A record that the removal cannot take (from another netnsd) is
       * only forgotten, as a kind without a removal is. */
      removal = netns_operation_new_from_arguments (kind->remove, g_variant_dict_end (&identity),
                                                    NULL);
    }
  if (removal == NULL)
    {
      add_forget (plan, method, arguments);
      return;
    }
  if (is_link)
    g_hash_table_add (plan->gone_links,
                      nns_topo_link_id (nns_topo_string_argument (arguments, "namespace"),
                                        nns_topo_string_argument (arguments, "name")));
  g_ptr_array_add (kind->remade_on_undo ? plan->undoable : plan->link_deletions,
                   nns_topo_op_new (removal, removal_note));
}

static void
plan_other_removal (Plan       *plan,
                    const char *method,
                    GVariant   *arguments)
{
  const char *namespace = nns_topo_string_argument (arguments, "namespace");
  const char *link_name = nns_topo_string_argument (arguments, "link");
  const char *address = nns_topo_string_argument (arguments, "address");

  if (!nns_topo_namespace_exists (plan, namespace))
    return;   /* it goes with its namespace */
  if (g_str_equal (method, "AddAddress"))
    {
      g_autoptr(GVariant) link = nns_topo_find_link (plan, namespace, link_name);

      if (link == NULL)
        {
          g_autofree char *id = nns_topo_link_id (namespace, link_name);

          /* Going with its link, or gone already. */
          if (!g_hash_table_contains (plan->gone_links, id))
            add_forget (plan, method, arguments);
        }
      else if (!nns_topo_link_has_address (link, address))
        add_forget (plan, method, arguments);
      else
        g_ptr_array_add (plan->undoable,
                         nns_topo_op_new (netns_operation_remove_address (namespace, link_name,
                                                                          address),
                                          removal_note));
    }
  else if (g_str_equal (method, "AddRoute"))
    {
      /* RemoveRoute takes what AddRoute took, by the same names. */
      GVariant *removal = nns_topo_route_exists (plan, arguments)
                          ? netns_operation_new_from_arguments ("RemoveRoute", arguments, NULL)
                          : NULL;

      if (removal != NULL)
        g_ptr_array_add (plan->undoable, nns_topo_op_new (removal, removal_note));
      else
        add_forget (plan, method, arguments);
    }
  else if (g_str_equal (method, "SetDns"))
    /* No nameservers and no search domains: the file goes. */
    g_ptr_array_add (plan->undoable,
                     nns_topo_op_new (netns_operation_set_dns (namespace, NULL, NULL),
                                      removal_note));
  else
    plan_generic_removal (plan, method, arguments);
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
          key = nns_topo_full_key (method, arguments);
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

      if (g_str_equal (nns_topo_string_argument (op->arguments, "namespace"), namespace) &&
          g_str_equal (nns_topo_string_argument (op->arguments, "name"), name))
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
  g_autoptr(GVariant) link =
    nns_topo_find_link (plan, nns_topo_string_argument (arguments, "namespace"),
                        nns_topo_string_argument (arguments, "name"));
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
  const char *namespace = nns_topo_string_argument (op->arguments, "namespace");

  if (g_str_equal (op->method, "CreateNamespace"))
    return !nns_topo_namespace_exists (plan, nns_topo_string_argument (op->arguments, "name"));
  if (g_str_equal (op->method, "CreateVeth"))
    {
      const char *name = nns_topo_string_argument (op->arguments, "name");
      g_autoptr(GVariant) link = NULL;

      move_deletion_first (plan, namespace, name);
      link = nns_topo_find_link (plan, namespace, name);
      return link == NULL;
    }
  if (g_str_equal (op->method, "SetLink"))
    return set_link_needed (plan, op->arguments);
  if (g_str_equal (op->method, "AddAddress"))
    {
      const char *address = nns_topo_string_argument (op->arguments, "address");
      g_autoptr(GVariant) link =
        nns_topo_find_link (plan, namespace, nns_topo_string_argument (op->arguments, "link"));

      return link == NULL || !nns_topo_link_has_address (link, address);
    }
  if (g_str_equal (op->method, "AddRoute"))
    return !nns_topo_route_exists (plan, op->arguments);
  /* SetDns, SetSysctl and other kinds: as the record says they were
   * made, in a namespace that is still there (a kind named like a link is
   * also left if the link is there). */
  if (g_str_equal (nns_topo_string_argument (op->arguments, "name"), "") == FALSE &&
      nns_topology_kind_for_make (op->method) != NULL &&
      g_strcmp0 (nns_topology_kind_for_make (op->method)->identity[1], "name") == 0)
    {
      g_autoptr(GVariant) link =
        nns_topo_find_link (plan, namespace, nns_topo_string_argument (op->arguments, "name"));

      return link == NULL;
    }
  return !nns_topo_namespace_exists (plan, namespace) ||
         !nns_topo_recorded_as_is (plan, op->method, op->arguments);
}

/* What a topology file may say: what can be declared. */
static gboolean
check_line (Op      *op,
            GError **error)
{
  g_autoptr(GVariant) changes = NULL;

  if (g_str_equal (op->method, "MoveLink"))
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_NOT_SUPPORTED,
                   "%s: moving a link cannot be part of a topology; make it where it "
                   "belongs (link add ... netns NS)", op->where);
      return FALSE;
    }
  changes = g_variant_lookup_value (op->arguments, "changes", G_VARIANT_TYPE_VARDICT);
  if (g_str_equal (op->method, "SetLink") && changes != NULL &&
      g_variant_lookup (changes, "name", "s", NULL))
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_NOT_SUPPORTED,
                   "%s: renaming a link cannot be part of a topology; give it its name "
                   "in link add", op->where);
      return FALSE;
    }
  return TRUE;
}

static int
read_file (Plan *plan)
{
  g_autoptr(GPtrArray) operations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  int status = nns_ctl_batch_read (plan->ctl, plan->path, plan->ctl->find_command,
                                   operations, lines);

  if (status != NNS_EXIT_OK)
    return status;
  for (guint i = 0; i < operations->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *where = g_strdup_printf ("%s:%u", plan->path,
                                                g_array_index (lines, guint, i));
      g_autofree char *key = NULL;
      Op *op = nns_topo_op_new (g_variant_ref (operations->pdata[i]), where);

      g_ptr_array_add (plan->file_ops, op);
      if (!check_line (op, &error))
        return nns_ctl_fail (plan->ctl, error);
      if ((key = nns_topo_full_key (op->method, op->arguments)) != NULL)
        g_hash_table_add (plan->file_keys, g_steal_pointer (&key));
      if (g_str_equal (op->method, "CreateNamespace"))
        g_hash_table_add (plan->declared,
                          g_strdup (nns_topo_string_argument (op->arguments, "name")));
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
  if (!nns_topo_fetch_record (plan, &error) || !nns_topo_fetch_namespaces (plan, &error))
    return nns_ctl_fail (plan->ctl, error);
  plan_removals (plan);
  for (guint i = 0; i < plan->file_ops->len; i++)
    {
      Op *op = plan->file_ops->pdata[i];

      if (line_needed (plan, op))
        g_ptr_array_add (plan->changes, nns_topo_op_new (g_variant_ref (op->operation), op->where));
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
build_operations (GPtrArray *steps)
{
  GVariantBuilder operations;

  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  for (guint i = 0; i < steps->len; i++)
    g_variant_builder_add_value (&operations, ((Op *) steps->pdata[i])->operation);
  return g_variant_builder_end (&operations);
}

/* Apply's options: the topology's name, the namespaces the file declares
 * and the record's entries gone by other hands. */
static GVariant *
build_options (Plan *plan)
{
  g_autofree const char **declared = (const char **) g_hash_table_get_keys_as_array (plan->declared,
                                                                                     NULL);
  GVariantBuilder options;

  g_ptr_array_add (plan->forget, NULL);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "topology", g_variant_new_string (plan->name));
  g_variant_builder_add (&options, "{sv}", "topology-namespaces",
                         g_variant_new_strv (declared, -1));
  g_variant_builder_add (&options, "{sv}", "topology-forget",
                         g_variant_new_strv ((const char *const *) plan->forget->pdata, -1));
  g_ptr_array_remove_index (plan->forget, plan->forget->len - 1);
  return g_variant_builder_end (&options);
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
  g_autoptr(GVariant) results = NULL;
  g_autoptr(GError) error = NULL;
  NetNsClient *client;
  int status;

  nns_topo_plan_init (&plan, ctl, path);
  if ((status = make_plan (&plan, with_file)) != NNS_EXIT_OK)
    return status;
  steps = plan_steps (&plan);
  if (dry_run)
    {
      print_plan (&plan, steps);
      return NNS_EXIT_OK;
    }
  if ((client = nns_ctl_client (ctl, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  results = netns_client_apply_sync (client, build_operations (steps), build_options (&plan), NULL,
                                     &error);
  if (results == NULL)
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
  g_autoptr(GVariant) topologies = NULL;
  g_autofree char *prefix = NULL;
  NetNsClient *client;
  GVariantIter iter;
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

  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      (topologies = netns_client_list_topologies_sync (client, NULL, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  prefix = topology_name (directory);
  g_variant_iter_init (&iter, topologies);
  while (g_variant_iter_next (&iter, "(&su)", &name, NULL))
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
      "FILE is a folder: each *.netns in it", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "up", "FILE",
                            "Make the system match the topology FILE (netnsctl commands,\n"
                            "one a line, as for -batch) in one Apply: make what is missing,\n"
                            "change what differs, remove what an earlier up of FILE made\n"
                            "and FILE no longer names. Running it twice changes nothing.\n"
                            "With --all, each FILE/*.netns on its own, and what files\n"
                            "that went from FILE made is removed.",
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
