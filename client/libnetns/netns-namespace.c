/* netns-namespace.c: NetNsNamespace, one network namespace as netnsd
 * exports it, with its links.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-client-private.h"
#include "netns-link-private.h"
#include "netns-namespace-private.h"

/**
 * NetNsNamespace:
 *
 * A network namespace: one of those `ip netns list` names, or the host's
 * own ([method@NetNs.Client.get_host]).
 *
 * Its properties mirror netnsd's object and are notified (`notify::`)
 * when they change. Its links are [class@NetNs.Link] objects
 * ([method@NetNs.Namespace.get_links]); [signal@NetNs.Namespace::link-added]
 * and [signal@NetNs.Namespace::link-removed] say when they come and go,
 * whoever made or removed them (`ip link` included). A link moved to
 * another namespace leaves this one and comes to the other as a new object.
 *
 * Namespaces are made by a [class@NetNs.Client], never by a program.
 */

struct _NetNsNamespace
{
  GObject                parent_instance;

  char                  *object_path;
  NnsDBusNetNsNamespace *proxy;
  GHashTable            *links;   /* object path → NetNsLink */
};

enum
{
  PROP_0,
  PROP_OBJECT_PATH,
  PROP_NAME,
  PROP_OWNER,
  PROP_INODE,
  N_PROPS,
};

enum
{
  LINK_ADDED,
  LINK_REMOVED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NetNsNamespace, netns_namespace, G_TYPE_OBJECT)

static void
forget_link (gpointer data)
{
  NetNsLink *link = data;

  netns_link_set_namespace (link, NULL);
  g_object_unref (link);
}

static void
netns_namespace_dispose (GObject *object)
{
  NetNsNamespace *self = NETNS_NAMESPACE (object);

  g_hash_table_remove_all (self->links);
  g_clear_object (&self->proxy);

  G_OBJECT_CLASS (netns_namespace_parent_class)->dispose (object);
}

static void
netns_namespace_finalize (GObject *object)
{
  NetNsNamespace *self = NETNS_NAMESPACE (object);

  g_hash_table_unref (self->links);
  g_free (self->object_path);

  G_OBJECT_CLASS (netns_namespace_parent_class)->finalize (object);
}

static void
netns_namespace_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NetNsNamespace *self = NETNS_NAMESPACE (object);

  switch (prop_id)
    {
    case PROP_OBJECT_PATH:
      g_value_set_string (value, self->object_path);
      break;
    case PROP_NAME:
      g_value_set_string (value, netns_namespace_get_name (self));
      break;
    case PROP_OWNER:
      g_value_set_uint (value, netns_namespace_get_owner (self));
      break;
    case PROP_INODE:
      g_value_set_uint64 (value, netns_namespace_get_inode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
netns_namespace_class_init (NetNsNamespaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = netns_namespace_dispose;
  object_class->finalize = netns_namespace_finalize;
  object_class->get_property = netns_namespace_get_property;

  /**
   * NetNsNamespace:object-path:
   *
   * netnsd's object for the namespace: `/org/example/NetNs/host`, or
   * `/org/example/NetNs/namespace/NAME` with the name escaped as
   * g_dbus_escape_object_path() does.
   */
  properties[PROP_OBJECT_PATH] =
    g_param_spec_string ("object-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsNamespace:name:
   *
   * The name, as `ip netns list` shows it; `""` for the host.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsNamespace:owner:
   *
   * The uid of the user who made the namespace through netnsd; 0 for the
   * host; %NETNS_OWNER_UNKNOWN for a namespace another tool made.
   */
  properties[PROP_OWNER] =
    g_param_spec_uint ("owner", NULL, NULL, 0, G_MAXUINT32, NETNS_OWNER_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsNamespace:inode:
   *
   * The namespace's inode number, as `stat -L -c %i /run/netns/NAME` and
   * `/proc/PID/ns/net` of the processes inside show it; 0 when the name is
   * not a live namespace (a stale file).
   */
  properties[PROP_INODE] =
    g_param_spec_uint64 ("inode", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NetNsNamespace::link-added:
   * @self: the namespace
   * @link: the link that came
   *
   * A link came into the namespace: made here, moved here, or exported
   * again by a netnsd that restarted.
   */
  signals[LINK_ADDED] =
    g_signal_new ("link-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, NETNS_TYPE_LINK);

  /**
   * NetNsNamespace::link-removed:
   * @self: the namespace
   * @link: the link that went
   *
   * A link left the namespace: deleted, or moved to another namespace.
   */
  signals[LINK_REMOVED] =
    g_signal_new ("link-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, NETNS_TYPE_LINK);
}

static void
netns_namespace_init (NetNsNamespace *self)
{
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, forget_link);
}

NetNsNamespace *
netns_namespace_new (const char            *object_path,
                     NnsDBusNetNsNamespace *proxy)
{
  NetNsNamespace *self = g_object_new (NETNS_TYPE_NAMESPACE, NULL);

  self->object_path = g_strdup (object_path);
  self->proxy = g_object_ref (proxy);
  netns_mirror_notify (G_OBJECT (self), proxy);
  return self;
}

gboolean
netns_namespace_has_link (NetNsNamespace *self,
                          const char     *link_path)
{
  return g_hash_table_contains (self->links, link_path);
}

void
netns_namespace_add_link (NetNsNamespace *self,
                          NetNsLink      *link)
{
  g_hash_table_insert (self->links, g_strdup (netns_link_get_object_path (link)),
                       g_object_ref (link));
  netns_link_set_namespace (link, self);
  g_signal_emit (self, signals[LINK_ADDED], 0, link);
}

void
netns_namespace_remove_link (NetNsNamespace *self,
                             const char     *link_path)
{
  g_autoptr(NetNsLink) link = NULL;
  g_autofree char *key = NULL;

  if (!g_hash_table_steal_extended (self->links, link_path, (gpointer *) &key, (gpointer *) &link))
    return;
  netns_link_set_namespace (link, NULL);
  g_signal_emit (self, signals[LINK_REMOVED], 0, link);
}

/* Every link, detached from the namespace without a signal: the
 * namespace itself is going. */
GPtrArray *
netns_namespace_take_links (NetNsNamespace *self)
{
  GPtrArray *links = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (links, g_object_ref (value));
  g_hash_table_remove_all (self->links);   /* each forgets its namespace */
  return links;
}

/**
 * netns_namespace_get_object_path:
 * @self: a [class@NetNs.Namespace]
 *
 * netnsd's object path for the namespace; see
 * [property@NetNs.Namespace:object-path].
 *
 * Returns: the object path
 */
const char *
netns_namespace_get_object_path (NetNsNamespace *self)
{
  g_return_val_if_fail (NETNS_IS_NAMESPACE (self), NULL);

  return self->object_path;
}

/**
 * netns_namespace_get_name:
 * @self: a [class@NetNs.Namespace]
 *
 * The namespace's name; `""` for the host.
 *
 * Returns: the name
 */
const char *
netns_namespace_get_name (NetNsNamespace *self)
{
  const char *name;

  g_return_val_if_fail (NETNS_IS_NAMESPACE (self), NULL);

  name = nns_dbus_net_ns_namespace_get_name (self->proxy);
  return name != NULL ? name : "";
}

/**
 * netns_namespace_get_owner:
 * @self: a [class@NetNs.Namespace]
 *
 * The uid of the namespace's creator; see [property@NetNs.Namespace:owner].
 *
 * Returns: the uid, or %NETNS_OWNER_UNKNOWN
 */
guint
netns_namespace_get_owner (NetNsNamespace *self)
{
  g_return_val_if_fail (NETNS_IS_NAMESPACE (self), NETNS_OWNER_UNKNOWN);

  return nns_dbus_net_ns_namespace_get_owner (self->proxy);
}

/**
 * netns_namespace_get_inode:
 * @self: a [class@NetNs.Namespace]
 *
 * The namespace's inode number; see [property@NetNs.Namespace:inode].
 *
 * Returns: the inode number, or 0
 */
guint64
netns_namespace_get_inode (NetNsNamespace *self)
{
  g_return_val_if_fail (NETNS_IS_NAMESPACE (self), 0);

  return nns_dbus_net_ns_namespace_get_inode (self->proxy);
}

/**
 * netns_namespace_is_host:
 * @self: a [class@NetNs.Namespace]
 *
 * Whether this is the host's namespace, the one netnsd runs in.
 *
 * Returns: %TRUE for the host
 */
gboolean
netns_namespace_is_host (NetNsNamespace *self)
{
  g_return_val_if_fail (NETNS_IS_NAMESPACE (self), FALSE);

  return g_str_equal (self->object_path, NNS_HOST_OBJECT_PATH);
}

static int
compare_indexes (gconstpointer a,
                 gconstpointer b)
{
  int index_a = netns_link_get_index ((NetNsLink *) a);
  int index_b = netns_link_get_index ((NetNsLink *) b);

  return (index_a > index_b) - (index_a < index_b);
}

/**
 * netns_namespace_get_links:
 * @self: a [class@NetNs.Namespace]
 *
 * The namespace's links, by interface index (`lo` first), as netnsd
 * sees them now.
 *
 * Returns: (transfer container) (element-type NetNsLink): the links; free
 *   the list with g_list_free(), and take a reference to any you keep past
 *   [signal@NetNs.Namespace::link-removed]
 */
GList *
netns_namespace_get_links (NetNsNamespace *self)
{
  g_return_val_if_fail (NETNS_IS_NAMESPACE (self), NULL);

  return g_list_sort (g_hash_table_get_values (self->links), compare_indexes);
}

/**
 * netns_namespace_get_link:
 * @self: a [class@NetNs.Namespace]
 * @name: a link's name, such as `veth1`
 *
 * Looks a link of the namespace up by name.
 *
 * Returns: (transfer none) (nullable): the link, or %NULL if the namespace
 *   has none of that name
 */
NetNsLink *
netns_namespace_get_link (NetNsNamespace *self,
                          const char     *name)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (NETNS_IS_NAMESPACE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (g_str_equal (netns_link_get_name (value), name))
        return value;
    }
  return NULL;
}
