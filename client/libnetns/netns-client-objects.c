/* netns-client-objects.c: netnsd's objects, as NetNsClient shows them.
 *
 * The object manager client holds a proxy per object netnsd exports; this
 * keeps a NetNsNamespace per namespace object (the host's at
 * /org/example/NetNs/host, the named ones under .../namespace/) and gives
 * each the NetNsLink of every link object under it (<namespace
 * path>/link/<ifindex>). Objects can arrive in any order (a restarted
 * netnsd's GetManagedObjects is a dictionary): a link whose namespace has
 * not come yet waits among the orphans until it does.
 *
 * It also completes the calls that wait for a namespace's object
 * (CreateNamespace and AttachNamespace answer with a path; the caller
 * wants the NetNsNamespace). A lazy client that has not fetched netnsd's
 * objects gives such a call a namespace of its own instead, from a proxy
 * of that one object.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "netns-client-private.h"
#include "netns-error-private.h"
#include "netns-link-private.h"
#include "netns-namespace-private.h"
#include "nns-dbus-generated.h"

/* netnsd answers CreateNamespace after it has exported the object, so a
 * wait ends at once; this bounds a wait for a netnsd that does not. */
#define NETNS_AWAIT_TIMEOUT_SECONDS 25

typedef struct
{
  NetNsClient *client;
  char        *object_path;
  GTask       *task;
  GSource     *timeout;
} NetNsWaiter;

static gboolean
is_host_path (const char *object_path)
{
  return g_str_equal (object_path, NNS_HOST_OBJECT_PATH);
}

/* "<namespace path>/link/<ifindex>" gives "<namespace path>"; NULL for a
 * path of another shape. */
static char *
namespace_path_of_link (const char *link_path)
{
  const char *mark = g_strrstr (link_path, "/link/");

  if (mark == NULL || mark == link_path || mark[strlen ("/link/")] == '\0')
    return NULL;
  return g_strndup (link_path, mark - link_path);
}

/* Waiters */

static void
waiter_free (NetNsWaiter *waiter)
{
  if (waiter->timeout != NULL)
    {
      g_source_destroy (waiter->timeout);
      g_source_unref (waiter->timeout);
    }
  g_clear_object (&waiter->task);
  g_free (waiter->object_path);
  g_free (waiter);
}

static void
waiter_return (NetNsWaiter    *waiter,
               NetNsNamespace *ns,
               GError         *error)
{
  waiter->client->waiters = g_list_remove (waiter->client->waiters, waiter);
  if (ns != NULL)
    g_task_return_pointer (waiter->task, g_object_ref (ns), g_object_unref);
  else
    g_task_return_error (waiter->task, error);
  waiter_free (waiter);
}

static gboolean
on_waiter_timeout (gpointer user_data)
{
  NetNsWaiter *waiter = user_data;

  waiter_return (waiter, NULL,
                 g_error_new (NETNS_ERROR, NETNS_ERROR_FAILED,
                              "netnsd answered with %s, but that object has not reached this client",
                              waiter->object_path));
  return G_SOURCE_REMOVE;
}

static void
on_detached_proxy (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsDBusNetNsNamespace) proxy = nns_dbus_net_ns_namespace_proxy_new_finish (result,
                                                                                       &error);

  if (proxy == NULL)
    {
      netns_error_strip_remote (error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, netns_namespace_new (g_task_get_task_data (task), proxy),
                         g_object_unref);
}

/* Gives @task the namespace at @object_path once the client has it; takes
 * @task. A lazy client without objects makes a proxy of that one object:
 * its properties, one call, and not every object of netnsd's. */
void
netns_client_await_namespace (NetNsClient *self,
                              const char  *object_path,
                              GTask       *task)
{
  NetNsNamespace *ns = g_hash_table_lookup (self->namespaces, object_path);
  NetNsWaiter *waiter;

  if (self->object_manager == NULL)
    {
      g_task_set_task_data (task, g_strdup (object_path), g_free);
      nns_dbus_net_ns_namespace_proxy_new (self->connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                           NNS_BUS_NAME, object_path,
                                           g_task_get_cancellable (task), on_detached_proxy,
                                           task);
      return;
    }
  if (ns != NULL)
    {
      g_task_return_pointer (task, g_object_ref (ns), g_object_unref);
      g_object_unref (task);
      return;
    }
  waiter = g_new0 (NetNsWaiter, 1);
  waiter->client = self;
  waiter->object_path = g_strdup (object_path);
  waiter->task = task;
  waiter->timeout = g_timeout_source_new_seconds (NETNS_AWAIT_TIMEOUT_SECONDS);
  g_source_set_callback (waiter->timeout, on_waiter_timeout, waiter, NULL);
  g_source_attach (waiter->timeout, self->context);
  self->waiters = g_list_prepend (self->waiters, waiter);
}

static void
complete_waiters (NetNsClient    *self,
                  NetNsNamespace *ns)
{
  const char *object_path = netns_namespace_get_object_path (ns);
  GList *ready = NULL;

  /* Returning may call back into the client: take them off first. */
  for (GList *l = self->waiters; l != NULL; l = l->next)
    {
      NetNsWaiter *waiter = l->data;

      if (g_str_equal (waiter->object_path, object_path))
        ready = g_list_prepend (ready, waiter);
    }
  for (GList *l = ready; l != NULL; l = l->next)
    waiter_return (l->data, ns, NULL);
  g_list_free (ready);
}

void
netns_client_fail_waiters (NetNsClient *self,
                           GQuark       domain,
                           int          code,
                           const char  *message)
{
  while (self->waiters != NULL)
    waiter_return (self->waiters->data, NULL, g_error_new_literal (domain, code, message));
}

/* Namespaces and links */

static void
adopt_orphans (NetNsClient    *self,
               NetNsNamespace *ns)
{
  const char *ns_path = netns_namespace_get_object_path (ns);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->orphan_links);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *parent = namespace_path_of_link (key);

      if (g_strcmp0 (parent, ns_path) != 0)
        continue;
      netns_namespace_add_link (ns, value);
      g_hash_table_iter_remove (&iter);
    }
}

static void
add_namespace (NetNsClient           *self,
               const char            *object_path,
               NnsDBusNetNsNamespace *proxy)
{
  NetNsNamespace *ns;

  if (g_hash_table_contains (self->namespaces, object_path))
    return;
  ns = netns_namespace_new (object_path, proxy);
  g_hash_table_insert (self->namespaces, g_strdup (object_path), ns);
  adopt_orphans (self, ns);
  /* One there before the client looked did not come: no signal. */
  if (!self->loading && is_host_path (object_path))
    netns_client_notify_host (self);
  else if (!self->loading)
    g_signal_emit (self, netns_client_signals[NETNS_CLIENT_NAMESPACE_ADDED], 0, ns);
  complete_waiters (self, ns);
}

static void
remove_namespace (NetNsClient *self,
                  const char  *object_path)
{
  g_autoptr(NetNsNamespace) ns = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *key = NULL;

  if (!g_hash_table_steal_extended (self->namespaces, object_path,
                                    (gpointer *) &key, (gpointer *) &ns))
    return;
  /* Its links may still be there, and are removed on their own. */
  links = netns_namespace_take_links (ns);
  for (guint i = 0; i < links->len; i++)
    {
      NetNsLink *link = links->pdata[i];

      g_hash_table_insert (self->orphan_links, g_strdup (netns_link_get_object_path (link)),
                           g_object_ref (link));
    }
  if (is_host_path (object_path))
    netns_client_notify_host (self);
  else
    g_signal_emit (self, netns_client_signals[NETNS_CLIENT_NAMESPACE_REMOVED], 0, ns);
}

static void
add_link (NetNsClient      *self,
          const char       *object_path,
          NnsDBusNetNsLink *proxy)
{
  g_autofree char *ns_path = namespace_path_of_link (object_path);
  g_autoptr(NetNsLink) link = NULL;
  NetNsNamespace *ns;

  if (ns_path == NULL || g_hash_table_contains (self->orphan_links, object_path))
    return;
  ns = g_hash_table_lookup (self->namespaces, ns_path);
  if (ns != NULL && netns_namespace_has_link (ns, object_path))
    return;
  link = netns_link_new (object_path, proxy);
  if (ns != NULL)
    netns_namespace_add_link (ns, link);
  else
    g_hash_table_insert (self->orphan_links, g_strdup (object_path), g_steal_pointer (&link));
}

static void
remove_link (NetNsClient *self,
             const char  *object_path)
{
  g_autofree char *ns_path = namespace_path_of_link (object_path);
  NetNsNamespace *ns;

  if (ns_path == NULL)
    return;
  if (g_hash_table_remove (self->orphan_links, object_path))
    return;
  ns = g_hash_table_lookup (self->namespaces, ns_path);
  if (ns != NULL)
    netns_namespace_remove_link (ns, object_path);
}

static void
track_interface (NetNsClient        *self,
                 const char         *object_path,
                 GDBusInterface     *interface)
{
  if (NNS_DBUS_IS_NET_NS_NAMESPACE (interface))
    add_namespace (self, object_path, NNS_DBUS_NET_NS_NAMESPACE (interface));
  else if (NNS_DBUS_IS_NET_NS_LINK (interface))
    add_link (self, object_path, NNS_DBUS_NET_NS_LINK (interface));
}

static void
track_object (NetNsClient *self,
              GDBusObject *object)
{
  const char *object_path = g_dbus_object_get_object_path (object);
  g_autolist(GDBusInterface) interfaces = g_dbus_object_get_interfaces (object);

  for (GList *l = interfaces; l != NULL; l = l->next)
    track_interface (self, object_path, l->data);
}

/* By path: when netnsd leaves the bus, objects go with their interfaces
 * still on them; when one is removed, after them. */
static void
untrack_object (NetNsClient *self,
                const char  *object_path)
{
  remove_namespace (self, object_path);
  remove_link (self, object_path);
}

static void
on_object_added (GDBusObjectManager *manager,
                 GDBusObject        *object,
                 gpointer            user_data)
{
  track_object (user_data, object);
}

static void
on_object_removed (GDBusObjectManager *manager,
                   GDBusObject        *object,
                   gpointer            user_data)
{
  untrack_object (user_data, g_dbus_object_get_object_path (object));
}

static void
on_interface_added (GDBusObjectManager *manager,
                    GDBusObject        *object,
                    GDBusInterface     *interface,
                    gpointer            user_data)
{
  track_interface (user_data, g_dbus_object_get_object_path (object), interface);
}

static void
on_interface_removed (GDBusObjectManager *manager,
                      GDBusObject        *object,
                      GDBusInterface     *interface,
                      gpointer            user_data)
{
  const char *object_path = g_dbus_object_get_object_path (object);

  if (NNS_DBUS_IS_NET_NS_NAMESPACE (interface))
    remove_namespace (user_data, object_path);
  else if (NNS_DBUS_IS_NET_NS_LINK (interface))
    remove_link (user_data, object_path);
}

void
netns_client_objects_start (NetNsClient *self)
{
  g_autolist(GDBusObject) objects = g_dbus_object_manager_get_objects (self->object_manager);

  g_signal_connect (self->object_manager, "object-added", G_CALLBACK (on_object_added), self);
  g_signal_connect (self->object_manager, "object-removed", G_CALLBACK (on_object_removed), self);
  g_signal_connect (self->object_manager, "interface-added", G_CALLBACK (on_interface_added), self);
  g_signal_connect (self->object_manager, "interface-removed",
                    G_CALLBACK (on_interface_removed), self);
  for (GList *l = objects; l != NULL; l = l->next)
    track_object (self, l->data);
}

void
netns_client_objects_stop (NetNsClient *self)
{
  g_signal_handlers_disconnect_by_data (self->object_manager, self);
  g_hash_table_remove_all (self->orphan_links);
  g_hash_table_remove_all (self->namespaces);
}

/* What the client shows */

/**
 * netns_client_get_host:
 * @self: a [class@NetNs.Client]
 *
 * The host's namespace, the one netnsd runs in: name `""`, owner 0, and
 * the host's links.
 *
 * A lazy client fetches netnsd's objects first, and waits for them.
 *
 * Returns: (transfer none) (nullable): the host, or %NULL while netnsd
 *   does not run
 */
NetNsNamespace *
netns_client_get_host (NetNsClient *self)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);

  netns_client_ensure_objects (self);
  return g_hash_table_lookup (self->namespaces, NNS_HOST_OBJECT_PATH);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (netns_namespace_get_name ((NetNsNamespace *) a),
                 netns_namespace_get_name ((NetNsNamespace *) b));
}

/**
 * netns_client_get_namespaces:
 * @self: a [class@NetNs.Client]
 *
 * The named namespaces, those of `ip netns list`, sorted by name; the
 * host is not among them ([method@NetNs.Client.get_host] gives it). A
 * lazy client fetches netnsd's objects first, and waits for them
 * ([method@NetNs.Client.load_objects] fetches them without blocking).
 *
 * Returns: (transfer container) (element-type NetNsNamespace): the
 *   namespaces; free the list with g_list_free(), and take a reference to
 *   any you keep past [signal@NetNs.Client::namespace-removed]
 */
GList *
netns_client_get_namespaces (NetNsClient *self)
{
  GList *named = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);

  netns_client_ensure_objects (self);
  g_hash_table_iter_init (&iter, self->namespaces);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!is_host_path (key))
        named = g_list_prepend (named, value);
    }
  return g_list_sort (named, compare_names);
}

/**
 * netns_client_get_namespace:
 * @self: a [class@NetNs.Client]
 * @name: the name of a namespace, as `ip netns list` shows it; `""` is
 *   the host
 *
 * Looks a namespace up by name; a lazy client fetches netnsd's objects
 * first, and waits for them.
 *
 * Returns: (transfer none) (nullable): the namespace, or %NULL if the
 *   client knows none of that name
 */
NetNsNamespace *
netns_client_get_namespace (NetNsClient *self,
                            const char  *name)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  netns_client_ensure_objects (self);
  g_hash_table_iter_init (&iter, self->namespaces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (g_str_equal (netns_namespace_get_name (value), name))
        return value;
    }
  return NULL;
}
