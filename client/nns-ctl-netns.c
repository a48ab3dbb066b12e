/* nns-ctl-netns.c: netnsctl list, add and delete, the words `ip netns`
 * users know.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>

#include "nns-bus-names.h"
#include "nns-ctl.h"

typedef struct {
  char   *name;
  char   *object_path;
  guint32 owner;
  guint64 inode;
} NamespaceRow;

static void
namespace_row_free (gpointer data)
{
  NamespaceRow *row = data;

  g_free (row->name);
  g_free (row->object_path);
  g_free (row);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const NamespaceRow *row_a = *(NamespaceRow **) a;
  const NamespaceRow *row_b = *(NamespaceRow **) b;

  return strcmp (row_a->name, row_b->name);
}

/* One GetManagedObjects call gives every namespace with its properties. */
static GPtrArray *
fetch_namespaces (NnsCtl  *ctl,
                  GError **error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) objects = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (namespace_row_free);
  const char *object_path;
  GVariant *next;

  reply = nns_ctl_call_on (ctl, NNS_MANAGER_OBJECT_PATH, NNS_OBJECT_MANAGER_INTERFACE,
                           "GetManagedObjects", NULL,
                           G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), NULL, error);
  if (reply == NULL)
    return NULL;

  g_variant_get (reply, "(a{oa{sa{sv}}})", &objects);
  while (g_variant_iter_next (objects, "{&o@a{sa{sv}}}", &object_path, &next))
    {
      g_autoptr(GVariant) interfaces = next;
      g_autoptr(GVariant) properties =
        g_variant_lookup_value (interfaces, NNS_NAMESPACE_INTERFACE, G_VARIANT_TYPE_VARDICT);
      NamespaceRow *row;

      if (properties == NULL)
        continue;
      row = g_new0 (NamespaceRow, 1);
      row->object_path = g_strdup (object_path);
      if (!g_variant_lookup (properties, "Name", "s", &row->name))
        row->name = g_strdup ("");
      if (!g_variant_lookup (properties, "Owner", "u", &row->owner))
        row->owner = NNS_OWNER_UNKNOWN;
      g_variant_lookup (properties, "Inode", "t", &row->inode);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

/* "-" when netnsd does not know who created the namespace. */
static char *
user_name (guint32 uid)
{
  struct passwd *pw;

  if (uid == NNS_OWNER_UNKNOWN)
    return g_strdup ("-");
  pw = getpwuid (uid);

  return pw != NULL ? g_strdup (pw->pw_name) : g_strdup_printf ("%u", uid);
}

static void
print_namespaces_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      NamespaceRow *row = rows->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, row->name);
      json_builder_set_member_name (builder, "object_path");
      json_builder_add_string_value (builder, row->object_path);
      json_builder_set_member_name (builder, "owner");
      if (row->owner == NNS_OWNER_UNKNOWN)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, row->owner);
      json_builder_set_member_name (builder, "inode");
      json_builder_add_int_value (builder, (gint64) row->inode);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  nns_ctl_print_json (root);
}

static void
print_namespaces_table (GPtrArray *rows)
{
  int width = 4;

  if (rows->len == 0)
    return;
  for (guint i = 0; i < rows->len; i++)
    width = MAX (width, (int) g_utf8_strlen (((NamespaceRow *) rows->pdata[i])->name, -1));

  g_print ("%-*s  %-10s  %s\n", width, "NAME", "OWNER", "INODE");
  for (guint i = 0; i < rows->len; i++)
    {
      NamespaceRow *row = rows->pdata[i];
      g_autofree char *owner = user_name (row->owner);
      g_autofree char *escaped = g_strescape (row->name, NULL);

      g_print ("%-*s  %-10s  %" G_GUINT64_FORMAT "\n", width, escaped, owner, row->inode);
    }
}

int
nns_ctl_netns_list (NnsCtl *ctl,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "list", NULL,
                            "List network namespaces, those other tools made too, with\n"
                            "the user who created each (\"-\" if not through netnsd) and\n"
                            "its inode.", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc > 1)
    return nns_ctl_usage_error (ctl, context, "list takes no arguments");

  rows = fetch_namespaces (ctl, &error);
  if (rows == NULL)
    return nns_ctl_fail (ctl, error);

  if (ctl->json)
    print_namespaces_json (rows);
  else
    print_namespaces_table (rows);
  return NNS_EXIT_OK;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* add --temporary: the namespace lasts while netnsctl's bus connection
 * does, so netnsctl stays until it gets SIGINT, SIGTERM or SIGHUP (or is
 * killed: netnsd notices the connection go either way). The signals are
 * caught from before CreateNamespace, so that one that comes while netnsd
 * answers ends netnsctl cleanly once the answer is in. */
static void
catch_signals (guint      sources[3],
               GMainLoop *loop)
{
  sources[0] = g_unix_signal_add (SIGINT, quit_loop, loop);
  sources[1] = g_unix_signal_add (SIGTERM, quit_loop, loop);
  sources[2] = g_unix_signal_add (SIGHUP, quit_loop, loop);
}

static void
release_signals (guint sources[3])
{
  for (gsize i = 0; i < 3; i++)
    g_clear_handle_id (&sources[i], g_source_remove);
}

int
nns_ctl_netns_add (NnsCtl *ctl,
                   int     argc,
                   char  **argv)
{
  gboolean no_loopback = FALSE, temporary = FALSE;
  const GOptionEntry entries[] = {
    { "no-loopback", 0, 0, G_OPTION_ARG_NONE, &no_loopback,
      "Leave the loopback link down, as `ip netns add` does", NULL },
    { "temporary", 0, 0, G_OPTION_ARG_NONE, &temporary,
      "Keep it only while netnsctl runs", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "add", "NAME",
                            "Create a network namespace, as `ip netns add NAME` does,\n"
                            "but with its loopback link up. With --temporary, netnsctl\n"
                            "stays, and the namespace goes when netnsctl does.", entries);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sources[3] = { 0, 0, 0 };
  GVariantDict options;
  const char *object_path;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "add takes one NAME");
  if (temporary && ctl->batch != NULL)
    return nns_ctl_usage_error (ctl, context,
                                "add --temporary cannot be part of a batch or topology, "
                                "which outlives netnsctl");

  g_variant_dict_init (&options, NULL);
  g_variant_dict_insert (&options, "loopback-up", "b", !no_loopback);
  if (temporary)
    {
      g_variant_dict_insert (&options, "lifetime", "s", "client");
      loop = g_main_loop_new (NULL, FALSE);
      catch_signals (sources, loop);
    }
  reply = nns_ctl_call (ctl, "CreateNamespace",
                        g_variant_new ("(s@a{sv})", argv[1], g_variant_dict_end (&options)),
                        G_VARIANT_TYPE ("(o)"), &error);
  if (reply == NULL)
    {
      release_signals (sources);
      return nns_ctl_fail (ctl, error);
    }

  g_variant_get (reply, "(&o)", &object_path);
  if (ctl->json && ctl->batch == NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, argv[1]);
      json_builder_set_member_name (builder, "object_path");
      json_builder_add_string_value (builder, object_path);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      nns_ctl_print_json (root);
    }
  if (temporary)
    {
      g_main_loop_run (loop);
      release_signals (sources);
    }
  return NNS_EXIT_OK;
}

int
nns_ctl_netns_delete (NnsCtl *ctl,
                      int     argc,
                      char  **argv)
{
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "delete", "NAME",
                            "Delete the name of a network namespace, as `ip netns delete NAME`\n"
                            "does; the kernel frees the namespace once nothing uses it.\n"
                            "A NAME that starts with '-' goes after '--'.", NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "delete takes one NAME");

  reply = nns_ctl_call (ctl, "DeleteNamespace", g_variant_new ("(sa{sv})", argv[1], NULL),
                        G_VARIANT_TYPE_UNIT, &error);
  if (reply == NULL)
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}
