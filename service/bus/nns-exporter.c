/* nns-exporter.c: the registry's namespaces as objects on the bus.
 *
 * The registry says which namespaces exist; this puts each one under the
 * object manager as /org/example/NetNs/namespace/<name> when it comes and
 * takes it away when it goes, whoever made or removed it. It is connected
 * before the registry's first scan, so every namespace is exported.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-exporter.h"

struct _NnsExporter
{
  GObject                   parent_instance;

  NnsRegistry              *registry;
  GDBusObjectManagerServer *object_manager;
};

G_DEFINE_FINAL_TYPE (NnsExporter, nns_exporter, G_TYPE_OBJECT)

static void
nns_exporter_dispose (GObject *object)
{
  NnsExporter *self = NNS_EXPORTER (object);

  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
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
}

static void
on_namespace_added (NnsRegistry  *registry,
                    NnsNamespace *ns,
                    gpointer      user_data)
{
  NnsExporter *self = user_data;
  g_autoptr(NnsDBusObjectSkeleton) object =
    nns_dbus_object_skeleton_new (nns_namespace_get_object_path (ns));

  nns_dbus_object_skeleton_set_net_ns_namespace (object, NNS_DBUS_NET_NS_NAMESPACE (ns));
  g_dbus_object_manager_server_export (self->object_manager, G_DBUS_OBJECT_SKELETON (object));
}

static void
on_namespace_removed (NnsRegistry  *registry,
                      NnsNamespace *ns,
                      gpointer      user_data)
{
  NnsExporter *self = user_data;

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
  g_signal_connect (registry, "namespace-added", G_CALLBACK (on_namespace_added), self);
  g_signal_connect (registry, "namespace-removed", G_CALLBACK (on_namespace_removed), self);
  return self;
}
