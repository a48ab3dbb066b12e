/* nns-ctl-monitor.c: netnsctl monitor [NAME], namespaces and links as
 * they come, go and change, whoever changes them, one line an event
 * (nns-ctl-monitor-print.c prints them).
 *
 * It follows libnetns's objects: NetNsClient's namespace-added and
 * namespace-removed, each NetNsNamespace's link-added and link-removed,
 * and each NetNsLink's notify::. The notifications of one change (one
 * PropertiesChanged of netnsd's) come one property at a time; they are
 * gathered until the main loop is idle again, so that the change is one
 * line. It runs until SIGINT or SIGTERM (exit 0), or until netnsd or the
 * bus goes (exit 9, and it says so: what it saw last may not be how
 * things are any more).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <signal.h>

#include "nns-ctl-monitor.h"

typedef struct {
  NnsCtl      *ctl;
  NetNsClient *client;
  const char  *only;          /* NAME: the one namespace followed ("" the host); NULL: all */
  GHashTable  *namespaces;    /* NetNsNamespace -> NamespaceWatch */
  GHashTable  *links;         /* NetNsLink -> LinkWatch */
  GMainLoop   *loop;
  GError      *error;         /* why it stopped, if not a signal */
} Monitor;

typedef struct {
  Monitor        *monitor;
  NetNsNamespace *ns;
  char           *name;       /* as it was when it came */
} NamespaceWatch;

typedef struct {
  Monitor    *monitor;
  NetNsLink  *link;
  NetNsNamespace *ns;
  char       *namespace;      /* its name */
  JsonObject *state;          /* what was printed last */
  guint       idle;           /* a change to print */
} LinkWatch;

static gboolean
stopped (Monitor *monitor)
{
  return !g_main_loop_is_running (monitor->loop);
}

/* Links */

static void
link_watch_free (gpointer data)
{
  LinkWatch *watch = data;

  g_clear_handle_id (&watch->idle, g_source_remove);
  g_signal_handlers_disconnect_by_data (watch->link, watch);
  g_object_unref (watch->link);
  json_object_unref (watch->state);
  g_free (watch->namespace);
  g_free (watch);
}

/* Prints the change gathered, if anything changed. */
static void
flush_link (LinkWatch *watch)
{
  g_autoptr(JsonObject) state = nns_ctl_monitor_link_state (watch->link);

  g_clear_handle_id (&watch->idle, g_source_remove);
  nns_ctl_monitor_print_link (watch->monitor->ctl->json, "changed", watch->namespace, state,
                              watch->state);
  json_object_unref (watch->state);
  watch->state = g_steal_pointer (&state);
}

static gboolean
on_link_idle (gpointer user_data)
{
  LinkWatch *watch = user_data;

  watch->idle = 0;
  flush_link (watch);
  return G_SOURCE_REMOVE;
}

static void
on_link_notify (GObject    *link,
                GParamSpec *pspec,
                gpointer    user_data)
{
  LinkWatch *watch = user_data;

  /* Where it belongs is said by link-added and link-removed. */
  if (g_str_equal (pspec->name, "namespace") || watch->idle != 0 || stopped (watch->monitor))
    return;
  watch->idle = g_idle_add (on_link_idle, watch);
}

static void
watch_link (Monitor        *monitor,
            NetNsNamespace *ns,
            NetNsLink      *link,
            gboolean        print)
{
  LinkWatch *watch = g_new0 (LinkWatch, 1);

  watch->monitor = monitor;
  watch->link = g_object_ref (link);
  watch->ns = ns;
  watch->namespace = g_strdup (netns_namespace_get_name (ns));
  watch->state = nns_ctl_monitor_link_state (link);
  g_signal_connect (link, "notify", G_CALLBACK (on_link_notify), watch);
  g_hash_table_replace (monitor->links, link, watch);
  if (print)
    nns_ctl_monitor_print_link (monitor->ctl->json, "added", watch->namespace, watch->state, NULL);
}

static void
on_link_added (NetNsNamespace *ns,
               NetNsLink      *link,
               gpointer        user_data)
{
  NamespaceWatch *ns_watch = user_data;

  if (!stopped (ns_watch->monitor))
    watch_link (ns_watch->monitor, ns, link, TRUE);
}

static void
on_link_removed (NetNsNamespace *ns,
                 NetNsLink      *link,
                 gpointer        user_data)
{
  Monitor *monitor = ((NamespaceWatch *) user_data)->monitor;
  LinkWatch *watch = g_hash_table_lookup (monitor->links, link);

  if (watch == NULL || stopped (monitor))
    return;
  /* A change that came just before it went is said first. */
  if (watch->idle != 0)
    flush_link (watch);
  nns_ctl_monitor_print_link (monitor->ctl->json, "removed", watch->namespace, watch->state, NULL);
  g_hash_table_remove (monitor->links, link);
}

/* Namespaces */

static gboolean
followed (Monitor        *monitor,
          NetNsNamespace *ns)
{
  return monitor->only == NULL || g_str_equal (netns_namespace_get_name (ns), monitor->only);
}

static void
namespace_watch_free (gpointer data)
{
  NamespaceWatch *watch = data;

  g_signal_handlers_disconnect_by_data (watch->ns, watch);
  g_object_unref (watch->ns);
  g_free (watch->name);
  g_free (watch);
}

static void
watch_namespace (Monitor        *monitor,
                 NetNsNamespace *ns)
{
  NamespaceWatch *watch = g_new0 (NamespaceWatch, 1);
  g_autoptr(GList) links = netns_namespace_get_links (ns);

  watch->monitor = monitor;
  watch->ns = g_object_ref (ns);
  watch->name = g_strdup (netns_namespace_get_name (ns));
  g_signal_connect (ns, "link-added", G_CALLBACK (on_link_added), watch);
  g_signal_connect (ns, "link-removed", G_CALLBACK (on_link_removed), watch);
  g_hash_table_replace (monitor->namespaces, ns, watch);
  for (GList *l = links; l != NULL; l = l->next)
    watch_link (monitor, ns, l->data, FALSE);
}

static void
on_namespace_added (NetNsClient    *client,
                    NetNsNamespace *ns,
                    gpointer        user_data)
{
  Monitor *monitor = user_data;
  g_autoptr(GList) links = NULL;

  if (stopped (monitor) || !followed (monitor, ns))
    return;
  nns_ctl_monitor_print_namespace (monitor->ctl->json, "added", netns_namespace_get_name (ns));
  /* Its links that came with it, as links that came. */
  watch_namespace (monitor, ns);
  links = netns_namespace_get_links (ns);
  for (GList *l = links; l != NULL; l = l->next)
    {
      LinkWatch *watch = g_hash_table_lookup (monitor->links, l->data);

      nns_ctl_monitor_print_link (monitor->ctl->json, "added", watch->namespace, watch->state,
                                  NULL);
    }
}

/* Its links go with it, without link-removed: their watches go too. */
static void
on_namespace_removed (NetNsClient    *client,
                      NetNsNamespace *ns,
                      gpointer        user_data)
{
  Monitor *monitor = user_data;
  NamespaceWatch *watch = g_hash_table_lookup (monitor->namespaces, ns);
  GHashTableIter iter;
  gpointer value;

  if (watch == NULL || stopped (monitor))
    return;
  g_hash_table_iter_init (&iter, monitor->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((LinkWatch *) value)->ns == ns)
      g_hash_table_iter_remove (&iter);
  nns_ctl_monitor_print_namespace (monitor->ctl->json, "removed", watch->name);
  g_hash_table_remove (monitor->namespaces, ns);
}

/* Stopping */

static void
stop (Monitor    *monitor,
      GQuark      domain,
      int         code,
      const char *message)
{
  if (stopped (monitor))
    return;
  if (message != NULL)
    monitor->error = g_error_new_literal (domain, code, message);
  g_main_loop_quit (monitor->loop);
}

/* Before netnsd's objects go with it: the namespace-removed that follow
 * are not namespaces removed. */
static void
on_name_owner (GObject    *client,
               GParamSpec *pspec,
               gpointer    user_data)
{
  Monitor *monitor = user_data;
  g_autofree char *owner = netns_client_dup_name_owner (monitor->client);

  if (owner == NULL)
    stop (monitor, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER,
          "netnsd left the bus: stopped following its namespaces and links");
}

static void
on_bus_closed (GDBusConnection *connection,
               gboolean         remote_peer_vanished,
               GError          *error,
               gpointer         user_data)
{
  stop (user_data, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED,
        "the system bus went away: stopped following netnsd");
}

static gboolean
on_signal (gpointer user_data)
{
  stop (user_data, 0, 0, NULL);
  return G_SOURCE_CONTINUE;
}

/* Runs until a signal, or netnsd or the bus going. */
static int
follow (Monitor *monitor)
{
  g_autoptr(GList) namespaces = netns_client_get_namespaces (monitor->client);
  NetNsNamespace *host = netns_client_get_host (monitor->client);
  GDBusConnection *bus = netns_client_get_connection (monitor->client);
  guint signals[2];
  gulong ids[4];

  for (GList *l = namespaces; l != NULL; l = l->next)
    if (followed (monitor, l->data))
      watch_namespace (monitor, l->data);
  if (host != NULL && followed (monitor, host))
    watch_namespace (monitor, host);

  ids[0] = g_signal_connect (monitor->client, "namespace-added", G_CALLBACK (on_namespace_added),
                             monitor);
  ids[1] = g_signal_connect (monitor->client, "namespace-removed",
                             G_CALLBACK (on_namespace_removed), monitor);
  ids[2] = g_signal_connect (monitor->client, "notify::name-owner", G_CALLBACK (on_name_owner),
                             monitor);
  ids[3] = g_signal_connect (bus, "closed", G_CALLBACK (on_bus_closed), monitor);
  signals[0] = g_unix_signal_add (SIGINT, on_signal, monitor);
  signals[1] = g_unix_signal_add (SIGTERM, on_signal, monitor);

  g_main_loop_run (monitor->loop);

  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    g_source_remove (signals[i]);
  for (gsize i = 0; i < 3; i++)
    g_signal_handler_disconnect (monitor->client, ids[i]);
  g_signal_handler_disconnect (bus, ids[3]);
  g_hash_table_remove_all (monitor->links);
  g_hash_table_remove_all (monitor->namespaces);
  if (monitor->error != NULL)
    return nns_ctl_fail (monitor->ctl, monitor->error);
  return NNS_EXIT_OK;
}

int
nns_ctl_monitor (NnsCtl *ctl,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "monitor", "[NAME]",
                            "Print namespaces and links as they come, go and change, whoever\n"
                            "changes them, one line each, as `ip monitor link address` does\n"
                            "(with --json, one JSON object a line): of every namespace and the\n"
                            "host, or of NAME only (\"\" for the host). Runs until SIGINT or\n"
                            "SIGTERM; exits with 9 if netnsd goes.", NULL);
  g_autoptr(GHashTable) namespaces = NULL;
  g_autoptr(GHashTable) links = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  Monitor monitor = { ctl };
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc > 2)
    return nns_ctl_usage_error (ctl, context, "monitor takes at most one NAME");
  if (!nns_ctl_not_in_batch (ctl, "monitor", "a batch only makes changes", &error) ||
      (monitor.client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_load_objects_sync (monitor.client, NULL, &error))
    return nns_ctl_fail (ctl, error);

  namespaces = g_hash_table_new_full (NULL, NULL, NULL, namespace_watch_free);
  links = g_hash_table_new_full (NULL, NULL, NULL, link_watch_free);
  loop = g_main_loop_new (NULL, FALSE);
  monitor.only = argc == 2 ? argv[1] : NULL;
  monitor.namespaces = namespaces;
  monitor.links = links;
  monitor.loop = loop;
  status = follow (&monitor);
  g_clear_error (&monitor.error);
  return status;
}
