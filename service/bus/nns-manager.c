/* nns-manager.c: the org.example.NetNs manager object: its method groups
 * (nns-manager-namespaces.c, -links.c, -addresses.c, -routes.c, -spawn.c,
 * -config.c, -nat.c, and Apply in ops/nns-apply.c), ListNamespaces, and the
 * NamespaceAdded and NamespaceRemoved signals.
 *
 * Each method handler checks its arguments, then hands the call to the
 * authority with a plan (which polkit actions the call needs, decided once
 * the caller's uid is known) and a continuation that makes the change. A
 * handler never blocks on polkit: the change happens only in the
 * continuation, which first checks that every namespace it acts on is still
 * the one the caller was authorized for.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"


#include "nns-error.h"
#include "nns-manager-private.h"

static void nns_manager_iface_init (NnsDBusNetNsIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NnsManager, nns_manager, NNS_DBUS_TYPE_NET_NS_SKELETON,
                               G_IMPLEMENT_INTERFACE (NNS_DBUS_TYPE_NET_NS,
                                                      nns_manager_iface_init))

gboolean
nns_manager_return_error (GDBusMethodInvocation *invocation,
                          const GError          *error)
{
  g_dbus_method_invocation_return_gerror (invocation, error);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

#define return_error nns_manager_return_error

/* ListNamespaces: built once for as long as no namespace comes or goes,
 * since programs that track namespaces ask again and again. */

static GVariant *
build_namespace_list (NnsManager *self)
{
  g_autoptr(GPtrArray) namespaces = nns_registry_list (self->registry);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(so)"));
  for (guint i = 0; i < namespaces->len; i++)
    {
      NnsNamespace *ns = namespaces->pdata[i];

      g_variant_builder_add (&builder, "(so)", nns_namespace_get_name (ns),
                             nns_namespace_get_object_path (ns));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
handle_list_namespaces (NnsDBusNetNs          *object,
                        GDBusMethodInvocation *invocation)
{
  NnsManager *self = NNS_MANAGER (object);

  if (self->namespaces == NULL)
    self->namespaces = build_namespace_list (self);
  nns_dbus_net_ns_complete_list_namespaces (object, invocation, self->namespaces);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Signals for every change, whoever made it. */

static void
on_namespace_added (NnsRegistry  *registry,
                    NnsNamespace *ns,
                    gpointer      user_data)
{
  g_clear_pointer (&NNS_MANAGER (user_data)->namespaces, g_variant_unref);
  nns_dbus_net_ns_emit_namespace_added (NNS_DBUS_NET_NS (user_data),
                                        nns_namespace_get_name (ns),
                                        nns_namespace_get_object_path (ns));
}

static void
on_namespace_removed (NnsRegistry  *registry,
                      NnsNamespace *ns,
                      gpointer      user_data)
{
  g_clear_pointer (&NNS_MANAGER (user_data)->namespaces, g_variant_unref);
  nns_dbus_net_ns_emit_namespace_removed (NNS_DBUS_NET_NS (user_data),
                                          nns_namespace_get_name (ns),
                                          nns_namespace_get_object_path (ns));
}

static void
nns_manager_iface_init (NnsDBusNetNsIface *iface)
{
  nns_manager_init_namespace_methods (iface);
  nns_manager_init_attach_method (iface);
  nns_manager_init_lease_methods (iface);
  iface->handle_list_namespaces = handle_list_namespaces;
  nns_manager_init_link_methods (iface);
  nns_manager_init_address_methods (iface);
  nns_manager_init_route_methods (iface);
  nns_manager_init_spawn_methods (iface);
  nns_manager_init_config_methods (iface);
  nns_manager_init_nat_methods (iface);
  nns_manager_init_apply_method (iface);
  nns_manager_init_topology_methods (iface);
}

static void
nns_manager_dispose (GObject *object)
{
  NnsManager *self = NNS_MANAGER (object);

  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
  g_clear_object (&self->registry);
  g_clear_object (&self->link_owners);
  g_clear_object (&self->journal);
  g_clear_object (&self->etc_netns);
  g_clear_object (&self->authority);
  g_clear_object (&self->spawner);
  g_clear_object (&self->nat);
  g_clear_object (&self->lifetimes);
  g_clear_object (&self->topologies);
  g_clear_object (&self->leases);
  g_clear_pointer (&self->namespaces, g_variant_unref);

  G_OBJECT_CLASS (nns_manager_parent_class)->dispose (object);
}

static void
nns_manager_class_init (NnsManagerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_manager_dispose;
}

static void
nns_manager_init (NnsManager *self)
{
  self->limits = (NnsLimits) NNS_LIMITS_DEFAULT;
}

void
nns_manager_set_limits (NnsManager      *self,
                        const NnsLimits *limits)
{
  g_return_if_fail (NNS_IS_MANAGER (self));

  self->limits = *limits;
}

void
nns_manager_set_lifetimes (NnsManager   *self,
                           NnsLifetimes *lifetimes)
{
  g_return_if_fail (NNS_IS_MANAGER (self));

  g_set_object (&self->lifetimes, lifetimes);
}

void
nns_manager_set_topologies (NnsManager    *self,
                            NnsTopologies *topologies)
{
  g_return_if_fail (NNS_IS_MANAGER (self));

  g_set_object (&self->topologies, topologies);
}

void
nns_manager_set_leases (NnsManager    *self,
                        NnsLeaseStore *leases)
{
  g_return_if_fail (NNS_IS_MANAGER (self));

  g_set_object (&self->leases, leases);
}

NnsManager *
nns_manager_new (NnsRegistry   *registry,
                 NnsLinkOwners *link_owners,
                 NnsJournal    *journal,
                 NnsEtcNetns   *etc_netns,
                 NnsAuthority  *authority,
                 NnsSpawner    *spawner,
                 NnsNat        *nat)
{
  NnsManager *self = g_object_new (NNS_TYPE_MANAGER, "version", PACKAGE_VERSION, NULL);

  self->registry = g_object_ref (registry);
  self->link_owners = g_object_ref (link_owners);
  self->journal = g_object_ref (journal);
  self->etc_netns = g_object_ref (etc_netns);
  self->authority = g_object_ref (authority);
  self->spawner = g_object_ref (spawner);
  nns_manager_init_spawn (self);
  self->nat = g_object_ref (nat);
  g_signal_connect (registry, "namespace-added", G_CALLBACK (on_namespace_added), self);
  g_signal_connect (registry, "namespace-removed", G_CALLBACK (on_namespace_removed), self);
  return self;
}

