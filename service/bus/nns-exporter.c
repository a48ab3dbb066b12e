/* nns-exporter.c: the namespaces, the host and their links as objects on
 * the bus.
 *
 * The registry says which namespaces exist; this puts each one under the
 * object manager as /org/example/NetNs/namespace/<name> when it comes and
 * takes it away when it goes, whoever made or removed it, and the host's
 * own as /org/example/NetNs/host. It is made before the registry's first
 * scan, so every namespace is exported.
 *
 * Each namespace's links are an NnsLinkTable of their own, made once the
 * namespace has its netlink socket (and made again if it gets another),
 * dropped before the namespace's object goes; NnsVethPeers, fed by every
 * table, works out each veth's Peer across them.
 *
 * Everything is exported before netnsd has its connection, at start-up:
 * GDBusObjectManagerServer then sends no InterfacesAdded for it, and the
 * objects are simply there when the name is owned, however many.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-exporter.h"
#include "nns-libnl.h"
#include "nns-link-table.h"
#include "nns-veth-peers.h"

struct _NnsExporter
{
  GObject                   parent_instance;

  NnsRegistry              *registry;
  GDBusObjectManagerServer *object_manager;
  NnsVethPeers             *peers;
  GHashTable               *tables;   /* NnsNamespace -> NnsLinkTable */
};

G_DEFINE_FINAL_TYPE (NnsExporter, nns_exporter, G_TYPE_OBJECT)

static void stop_links (NnsExporter  *self,
                        NnsNamespace *ns);

static void
nns_exporter_dispose (GObject *object)
{
  NnsExporter *self = NNS_EXPORTER (object);

  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
  g_clear_object (&self->peers);
  if (self->tables != NULL)
    {
      g_autoptr(GList) namespaces = g_hash_table_get_keys (self->tables);

      for (GList *l = namespaces; l != NULL; l = l->next)
        {
          g_signal_handlers_disconnect_by_data (l->data, self);
          stop_links (self, l->data);
        }
    }
  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (nns_registry_get_host (self->registry), self);
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_object (&self->registry);
  g_clear_object (&self->object_manager);

  G_OBJECT_CLASS (nns_exporter_parent_class)->dispose (object);
}

static void
nns_exporter_class_init (NnsExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_exporter_dispose;
}

static void
nns_exporter_init (NnsExporter *self)
{
  self->tables = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->peers = nns_veth_peers_new ();
}

/* What a table tells goes on to the peers. */

static void
on_link_changed (NnsLinkTable     *table,
                 NnsLink          *link,
                 struct rtnl_link *rtnl,
                 gboolean          renamed,
                 gpointer          user_data)
{
  NnsExporter *self = user_data;

  nns_veth_peers_update (self->peers, table, link, rtnl, renamed);
}

static void
on_link_removed (NnsLinkTable *table,
                 NnsLink      *link,
                 gpointer      user_data)
{
  NnsExporter *self = user_data;

  nns_veth_peers_remove (self->peers, link);
}

static void
on_settled (NnsLinkTable *table,
            gpointer      user_data)
{
  NnsExporter *self = user_data;

  nns_veth_peers_settle (self->peers);
}

static const NnsLinkTableObserver table_observer = {
  on_link_changed,
  on_link_removed,
  on_settled,
};

static void
stop_links (NnsExporter  *self,
            NnsNamespace *ns)
{
  NnsLinkTable *table = g_hash_table_lookup (self->tables, ns);

  if (table == NULL)
    return;
  /* The peers forget the table while nothing it does reaches them; when
   * netnsd stops, nothing is worked out any more. */
  nns_link_table_set_observer (table, NULL, NULL);
  if (self->peers != NULL)
    nns_veth_peers_remove_table (self->peers, table);
  nns_link_table_stop (table);
  g_hash_table_remove (self->tables, ns);
}

/* The objects of @ns's links, as its netlink socket tells of them (none
 * while it has none). */
static void
start_links (NnsExporter  *self,
             NnsNamespace *ns)
{
  NnsNetlink *netlink = nns_namespace_get_netlink (ns);
  NnsLinkTable *table;
  gboolean host_view;

  stop_links (self, ns);
  if (netlink == NULL)
    return;
  /* A name for the host's own namespace (`ip netns attach NAME 1`) has the
   * host's socket, and so the host's view of its veths. */
  host_view = nns_namespace_is_host (ns) ||
              netlink == nns_registry_get_host_netlink (self->registry);
  table = nns_link_table_new (nns_namespace_get_name (ns), nns_namespace_get_object_path (ns),
                              netlink, host_view, self->object_manager);
  g_hash_table_insert (self->tables, g_object_ref (ns), table);
  nns_veth_peers_add_table (self->peers, table, nns_namespace_is_host (ns));
  nns_link_table_set_observer (table, &table_observer, self);
  nns_link_table_start (table);
}

static void
on_netlink_changed (NnsNamespace *ns,
                    gpointer      user_data)
{
  start_links (NNS_EXPORTER (user_data), ns);
}

static void
export_namespace (NnsExporter  *self,
                  NnsNamespace *ns)
{
  g_autoptr(NnsDBusObjectSkeleton) object =
    nns_dbus_object_skeleton_new (nns_namespace_get_object_path (ns));

  nns_dbus_object_skeleton_set_net_ns_namespace (object, NNS_DBUS_NET_NS_NAMESPACE (ns));
  g_dbus_object_manager_server_export (self->object_manager, G_DBUS_OBJECT_SKELETON (object));
  g_signal_connect (ns, "netlink-changed", G_CALLBACK (on_netlink_changed), self);
  start_links (self, ns);
}

static void
on_namespace_added (NnsRegistry  *registry,
                    NnsNamespace *ns,
                    gpointer      user_data)
{
  export_namespace (NNS_EXPORTER (user_data), ns);
}

/* Its links' objects go first, then its own. */
static void
on_namespace_removed (NnsRegistry  *registry,
                      NnsNamespace *ns,
                      gpointer      user_data)
{
  NnsExporter *self = user_data;

  g_signal_handlers_disconnect_by_data (ns, self);
  stop_links (self, ns);
  g_dbus_object_manager_server_unexport (self->object_manager,
                                         nns_namespace_get_object_path (ns));
}

NnsExporter *
nns_exporter_new (NnsRegistry              *registry,
                  GDBusObjectManagerServer *object_manager)
{
  NnsExporter *self = g_object_new (NNS_TYPE_EXPORTER, NULL);

  self->registry = g_object_ref (registry);
  self->object_manager = g_object_ref (object_manager);
  /* The host first: the namespaces' veths find their host ends there. */
  export_namespace (self, nns_registry_get_host (registry));
  g_signal_connect (registry, "namespace-added", G_CALLBACK (on_namespace_added), self);
  g_signal_connect (registry, "namespace-removed", G_CALLBACK (on_namespace_removed), self);
  return self;
}
