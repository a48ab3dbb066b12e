/* nns-manager-topologies.c: GetTopology and ListTopologies of
 * org.example.NetNs: what each declared topology made (its Applies record
 * it, ops/nns-apply-topology.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-bus-names.h"
#include "nns-manager-private.h"

static gboolean
handle_get_topology (NnsDBusNetNs          *object,
                     GDBusMethodInvocation *invocation,
                     const char            *name)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GVariant) made = NULL;
  uid_t owner = NNS_OWNER_UNKNOWN;

  if (self->topologies != NULL)
    made = nns_topologies_get (self->topologies, name, &owner);
  if (made == NULL)
    made = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE_VARDICT, NULL, 0));
  nns_dbus_net_ns_complete_get_topology (object, invocation, made, owner);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_list_topologies (NnsDBusNetNs          *object,
                        GDBusMethodInvocation *invocation)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GPtrArray) names = NULL;
  GVariantBuilder topologies;

  g_variant_builder_init (&topologies, G_VARIANT_TYPE ("a(su)"));
  if (self->topologies != NULL)
    names = nns_topologies_list_names (self->topologies);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      g_autoptr(GVariant) made = NULL;
      uid_t owner = NNS_OWNER_UNKNOWN;

      made = nns_topologies_get (self->topologies, names->pdata[i], &owner);
      g_variant_builder_add (&topologies, "(su)", names->pdata[i], (guint32) owner);
    }
  nns_dbus_net_ns_complete_list_topologies (object, invocation,
                                            g_variant_builder_end (&topologies));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_topology_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_get_topology = handle_get_topology;
  iface->handle_list_topologies = handle_list_topologies;
}
