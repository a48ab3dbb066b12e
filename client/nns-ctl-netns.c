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

#include "nns-ctl.h"

/* "-" when netnsd does not know who created the namespace. */
static char *
user_name (guint32 uid)
{
  struct passwd *pw;

  if (uid == NETNS_OWNER_UNKNOWN)
    return g_strdup ("-");
  pw = getpwuid (uid);

  return pw != NULL ? g_strdup (pw->pw_name) : g_strdup_printf ("%u", uid);
}

static void
print_namespaces_json (GList *namespaces)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (GList *l = namespaces; l != NULL; l = l->next)
    {
      NetNsNamespace *ns = l->data;
      guint owner = netns_namespace_get_owner (ns);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, netns_namespace_get_name (ns));
      json_builder_set_member_name (builder, "object_path");
      json_builder_add_string_value (builder, netns_namespace_get_object_path (ns));
      json_builder_set_member_name (builder, "owner");
      if (owner == NETNS_OWNER_UNKNOWN)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, owner);
      json_builder_set_member_name (builder, "inode");
      json_builder_add_int_value (builder, (gint64) netns_namespace_get_inode (ns));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  nns_ctl_print_json (root);
}

static void
print_namespaces_table (GList *namespaces)
{
  int width = 4;

  if (namespaces == NULL)
    return;
  for (GList *l = namespaces; l != NULL; l = l->next)
    width = MAX (width, (int) g_utf8_strlen (netns_namespace_get_name (l->data), -1));

  g_print ("%-*s  %-10s  %s\n", width, "NAME", "OWNER", "INODE");
  for (GList *l = namespaces; l != NULL; l = l->next)
    {
      g_autofree char *owner = user_name (netns_namespace_get_owner (l->data));
      g_autofree char *escaped = g_strescape (netns_namespace_get_name (l->data), NULL);

      g_print ("%-*s  %-10s  %" G_GUINT64_FORMAT "\n", width, escaped, owner,
               netns_namespace_get_inode (l->data));
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
  g_autoptr(GList) namespaces = NULL;
  g_autoptr(GError) error = NULL;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc > 1)
    return nns_ctl_usage_error (ctl, context, "list takes no arguments");

  if (!nns_ctl_fetch_namespaces (ctl, &namespaces, &error))
    return nns_ctl_fail (ctl, error);

  if (ctl->json)
    print_namespaces_json (namespaces);
  else
    print_namespaces_table (namespaces);
  return NNS_EXIT_OK;
}

/* add --temporary: the namespace lasts while netnsctl's bus connection
 * does, so netnsctl stays until it gets SIGINT, SIGTERM or SIGHUP (or is
 * killed: netnsd notices the connection go either way). The signals are
 * caught from before CreateNamespace, so that one that comes while netnsd
 * answers ends netnsctl cleanly once the answer is in. Such a signal is
 * handled during the call (which waits in the main context, for the new
 * namespace's object), before the loop runs: hence the flag. */
typedef struct {
  GMainLoop *loop;
  gboolean   caught;
  guint      sources[3];
} Signals;

static gboolean
on_signal (gpointer user_data)
{
  Signals *signals = user_data;

  signals->caught = TRUE;
  g_main_loop_quit (signals->loop);
  return G_SOURCE_CONTINUE;
}

static void
catch_signals (Signals *signals)
{
  signals->loop = g_main_loop_new (NULL, FALSE);
  signals->sources[0] = g_unix_signal_add (SIGINT, on_signal, signals);
  signals->sources[1] = g_unix_signal_add (SIGTERM, on_signal, signals);
  signals->sources[2] = g_unix_signal_add (SIGHUP, on_signal, signals);
}

static void
wait_for_signal (Signals *signals)
{
  if (!signals->caught)
    g_main_loop_run (signals->loop);
}

static void
release_signals (Signals *signals)
{
  for (gsize i = 0; i < G_N_ELEMENTS (signals->sources); i++)
    g_clear_handle_id (&signals->sources[i], g_source_remove);
  g_clear_pointer (&signals->loop, g_main_loop_unref);
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
  g_autoptr(NetNsNamespace) made = NULL;
  g_autoptr(GError) error = NULL;
  Signals signals = { NULL, FALSE, { 0, 0, 0 } };
  GVariantDict options;
  NetNsClient *client;
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
      catch_signals (&signals);
    }
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl,
                              netns_operation_create_namespace (argv[1],
                                                                g_variant_dict_end (&options)));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      (made = netns_client_create_namespace_sync (client, argv[1], g_variant_dict_end (&options),
                                                  NULL, &error)) == NULL)
    {
      g_variant_dict_clear (&options);
      release_signals (&signals);
      return nns_ctl_fail (ctl, error);
    }

  if (ctl->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, argv[1]);
      json_builder_set_member_name (builder, "object_path");
      json_builder_add_string_value (builder, netns_namespace_get_object_path (made));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      nns_ctl_print_json (root);
    }
  if (temporary)
    {
      wait_for_signal (&signals);
      release_signals (&signals);
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
  g_autoptr(GError) error = NULL;
  NetNsClient *client;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "delete takes one NAME");

  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_delete_namespace (argv[1], NULL));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_delete_namespace_sync (client, argv[1], NULL, NULL, &error))
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}
