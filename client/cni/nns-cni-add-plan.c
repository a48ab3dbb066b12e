/* nns-cni-add-plan.c: ADD's Apply, planned from what netnsd lists: the
 * namespace attached, the bridge (made when missing, with its gateway
 * addresses), the host's forwarding, the veth pair and the container's
 * addresses and routes, the masquerade (once per subnet) and the port
 * forwards. The operations on what a network's containers share are
 * marked, so that an Apply that fails with Exists on one of them (another
 * plugin made it meanwhile) is planned and sent again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <netns/netns.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-cni-add-private.h"
#include "nns-cni-attachment.h"
#include "nns-cni-commands.h"
#include "nns-cni-error.h"
#include "nns-cni-ranges.h"

/* Takes @operation, as libnetns made it. */
static void
add_operation (NnsCniAddPlan *plan,
               gboolean       shared,
               GVariant      *operation)
{
  g_variant_builder_add_value (plan->operations, operation);
  g_variant_unref (operation);
  plan->n_operations++;
  if (shared)
    g_array_append_val (plan->shared, plan->n_operations);
}
/* An a{sv} of one entry: a change, or an option. */
static GVariant *
one_change (const char *key,
            GVariant   *value)
{
  GVariantBuilder dict;

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", key, value);
  return g_variant_builder_end (&dict);
}

/* The bridge and its gateway addresses */

static gboolean
has_address (const NnsCniLink *link,
             const NnsCidr    *address)
{
  g_autofree char *text = nns_cidr_to_string (address);

  return g_strv_contains ((const char *const *) link->addresses, text);
}

static GVariant *
bridge_options (NnsCniAddPlan *plan)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&options, "{sv}", "up", g_variant_new_boolean (TRUE));
  /* A bridge with a MAC of its own keeps it; one without takes the
   * lowest of its ports', which changes as containers come and go. */
  g_variant_builder_add (&options, "{sv}", "address", g_variant_new_string (plan->bridge_mac));
  if (plan->conf->mtu != 0)
    g_variant_builder_add (&options, "{sv}", "mtu", g_variant_new_uint32 (plan->conf->mtu));
  return g_variant_builder_end (&options);
}

static gboolean
plan_bridge (NnsCniAddPlan  *plan,
             GPtrArray      *host_links,
             GError        **error)
{
  NnsCniNetConf *conf = plan->conf;
  const NnsCniLink *bridge = nns_cni_links_find (host_links, conf->bridge);

  if (bridge != NULL && g_strcmp0 (bridge->kind, "bridge") != 0)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                         "bridge: the host's link %s is a %s, not a bridge", conf->bridge,
                         bridge->kind);
      return FALSE;
    }
  if (bridge == NULL)
    {
      plan->bridge_mac = nns_cni_random_mac ();
      add_operation (plan, TRUE,
                     netns_operation_create_link ("", conf->bridge, "bridge",
                                                  bridge_options (plan)));
    }
  else if (!bridge->up)
    add_operation (plan, FALSE,
                   netns_operation_set_link ("", conf->bridge,
                                             one_change ("up", g_variant_new_boolean (TRUE))));
  for (guint i = 0; conf->is_gateway && i < plan->leases->len; i++)
    {
      const NnsCniLease *lease = &g_array_index (plan->leases, NnsCniLease, i);
      NnsCidr gateway = lease->gateway;
      g_autofree char *text = NULL;

      gateway.prefix = lease->address.prefix;
      if (bridge != NULL && has_address (bridge, &gateway))
        continue;
      text = nns_cidr_to_string (&gateway);
      add_operation (plan, TRUE, netns_operation_add_address ("", conf->bridge, text, NULL));
    }
  return TRUE;
}

/* The bridge plugin's isGateway turns the host's forwarding on; a
 * masquerade or a port forward makes netnsd do that itself. */
static void
plan_forwarding (NnsCniAddPlan *plan)
{
  gboolean done[2] = { FALSE, FALSE };

  if (!plan->conf->is_gateway || plan->conf->ip_masq)
    return;
  for (guint i = 0; i < plan->leases->len; i++)
    {
      gboolean v6 = g_array_index (plan->leases, NnsCniLease, i).address.family == AF_INET6;
      const char *key = v6 ? "net.ipv6.conf.all.forwarding" : "net.ipv4.ip_forward";
      g_autofree char *path = g_strdup_printf ("/proc/sys/%s", key);
      g_autofree char *value = NULL;

      for (char *c = path; *c != '\0'; c++)
        if (*c == '.')
          *c = '/';
      if (done[v6] || (g_file_get_contents (path, &value, NULL, NULL) && value[0] == '1'))
        continue;
      done[v6] = TRUE;
      add_operation (plan, FALSE, netns_operation_set_sysctl ("", key, "1"));
    }
}

/* The veth pair and the container's side */

static GVariant *
veth_options (NnsCniAddPlan *plan)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&options, "{sv}", "up", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&options, "{sv}", "address", g_variant_new_string (plan->host_mac));
  g_variant_builder_add (&options, "{sv}", "peer-address",
                         g_variant_new_string (plan->container_mac));
  if (plan->conf->mtu != 0)
    g_variant_builder_add (&options, "{sv}", "mtu", g_variant_new_uint32 (plan->conf->mtu));
  return g_variant_builder_end (&options);
}

static void
plan_veth (NnsCniAddPlan *plan)
{
  const char *ifname = plan->env->ifname;
  gboolean v6 = FALSE;

  add_operation (plan, FALSE,
                 netns_operation_create_veth ("", plan->host_link, plan->namespace, ifname,
                                              veth_options (plan)));
  add_operation (plan, FALSE,
                 netns_operation_set_link ("", plan->host_link,
                                           one_change ("master",
                                                       g_variant_new_string (plan->conf->bridge))));
  for (guint i = 0; i < plan->leases->len; i++)
    v6 |= g_array_index (plan->leases, NnsCniLease, i).address.family == AF_INET6;
  /* As the bridge plugin: no duplicate address detection unless asked
   * for, so that the container's IPv6 address works at once. */
  if (v6 && !plan->conf->enable_dad)
    {
      g_autofree char *key = NULL;
      g_autofree char *link = g_strdup (ifname);

      g_strdelimit (link, ".", '/');
      key = g_strdup_printf ("net.ipv6.conf.%s.accept_dad", link);
      add_operation (plan, FALSE, netns_operation_set_sysctl (plan->namespace, key, "0"));
    }
  for (guint i = 0; i < plan->leases->len; i++)
    {
      g_autofree char *address =
        nns_cidr_to_string (&g_array_index (plan->leases, NnsCniLease, i).address);

      add_operation (plan, FALSE,
                     netns_operation_add_address (plan->namespace, ifname, address, NULL));
    }
}

static const NnsCniLease *
lease_of_family (NnsCniAddPlan *plan,
                 int            family)
{
  for (guint i = 0; i < plan->leases->len; i++)
    if (g_array_index (plan->leases, NnsCniLease, i).address.family == family)
      return &g_array_index (plan->leases, NnsCniLease, i);
  return NULL;
}

static void
add_route (NnsCniAddPlan *plan,
           const NnsCidr *destination,
           const NnsCidr *listed_gateway,
           const NnsCidr *via)
{
  g_autofree char *via_text = nns_cidr_address_to_string (via);
  g_autofree char *destination_text = destination->prefix == 0
                                      ? g_strdup ("default") : nns_cidr_to_string (destination);

  nns_cni_result_add_route (plan->routes, destination, listed_gateway);
  add_operation (plan, FALSE,
                 netns_operation_add_route (plan->namespace, destination_text,
                                            one_change ("via", g_variant_new_string (via_text))));
}

/* ipam.routes (through the range's gateway when they name none), then,
 * with isDefaultGateway, a default route of each family that has none. */
static void
plan_routes (NnsCniAddPlan *plan)
{
  GArray *routes = plan->conf->routes;
  gboolean has_default[2] = { FALSE, FALSE };

  for (guint i = 0; i < routes->len; i++)
    {
      const NnsCniRoute *route = &g_array_index (routes, NnsCniRoute, i);
      const NnsCniLease *lease = lease_of_family (plan, route->destination.family);
      const NnsCidr *via = route->gateway.family != 0 ? &route->gateway : &lease->gateway;

      if (route->destination.prefix == 0)
        has_default[route->destination.family == AF_INET6] = TRUE;
      add_route (plan, &route->destination, &route->gateway, via);
    }
  for (guint i = 0; plan->conf->is_default_gateway && i < plan->leases->len; i++)
    {
      const NnsCniLease *lease = &g_array_index (plan->leases, NnsCniLease, i);
      gboolean v6 = lease->address.family == AF_INET6;
      NnsCidr destination = { .family = lease->address.family, .prefix = 0 };

      if (has_default[v6])
        continue;
      has_default[v6] = TRUE;
      add_route (plan, &destination, &lease->gateway, &lease->gateway);
    }
}

/* The masquerade and the port forwards, on the host */

static gboolean
plan_masquerade (NnsCniAddPlan  *plan,
                 GError        **error)
{
  g_autoptr(GPtrArray) masquerades = NULL;
  GError *local = NULL;

  if (!plan->conf->ip_masq)
    return TRUE;
  masquerades = nns_cni_netnsd_list_masquerades (plan->netnsd, "", &local);
  if (masquerades == NULL)
    {
      nns_cni_error_from_netnsd (error, local, "list the host's masquerades");
      return FALSE;
    }
  for (guint i = 0; i < plan->leases->len; i++)
    {
      NnsCidr network;
      g_autofree char *source = NULL;
      gboolean present = FALSE;

      nns_cni_network_of (&g_array_index (plan->leases, NnsCniLease, i).address, &network);
      source = nns_cidr_to_string (&network);
      for (guint j = 0; j < masquerades->len && !present; j++)
        {
          const NnsCniMasquerade *masquerade = masquerades->pdata[j];

          present = g_strcmp0 (masquerade->source, source) == 0 &&
                    g_strcmp0 (masquerade->out_link, "") == 0;
        }
      if (!present)
        add_operation (plan, TRUE, netns_operation_add_masquerade ("", source, NULL));
    }
  return TRUE;
}

static void
plan_port_mappings (NnsCniAddPlan *plan)
{
  GArray *mappings = plan->conf->port_mappings;

  for (guint i = 0; i < mappings->len; i++)
    {
      const NnsCniPortMapping *mapping = &g_array_index (mappings, NnsCniPortMapping, i);

      for (guint j = 0; j < plan->leases->len; j++)
        {
          const NnsCniLease *lease = &g_array_index (plan->leases, NnsCniLease, j);
          g_autofree char *target = NULL;
          GVariantBuilder options;

          if (mapping->host_ip.family != 0 && mapping->host_ip.family != lease->address.family)
            continue;
          target = nns_cni_target_text (&lease->address, mapping->container_port);
          g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
          if (mapping->host_ip.family != 0)
            g_variant_builder_add (&options, "{sv}", "address",
                                   g_variant_new_take_string (
                                     nns_cidr_address_to_string (&mapping->host_ip)));
          add_operation (plan, FALSE,
                         netns_operation_add_port_forward ("", mapping->protocol,
                                                           mapping->host_port, target,
                                                           g_variant_builder_end (&options)));
        }
    }
}

gboolean
nns_cni_add_plan_build (NnsCniAddPlan  *plan,
                        GError        **error)
{
  g_autoptr(GPtrArray) host_links = NULL;
  GError *local = NULL;

  g_clear_pointer (&plan->bridge_mac, g_free);
  g_clear_pointer (&plan->routes, nns_cni_result_free);
  g_clear_pointer (&plan->operations, g_variant_builder_unref);
  plan->operations = g_variant_builder_new (G_VARIANT_TYPE ("a(sa{sv})"));
  plan->n_operations = 0;
  g_array_set_size (plan->shared, 0);
  plan->routes = nns_cni_result_new ();

  host_links = nns_cni_netnsd_list_links (plan->netnsd, "", &local);
  if (host_links == NULL)
    {
      nns_cni_error_from_netnsd (error, local, "list the host's links");
      return FALSE;
    }
  if (plan->attach)
    /* The container's namespace is the Apply's fd 0 (nns-cni-add.c). */
    add_operation (plan, FALSE, netns_operation_attach_namespace (plan->namespace, 0, NULL));
  if (!plan_bridge (plan, host_links, error))
    return FALSE;
  plan_forwarding (plan);
  plan_veth (plan);
  plan_routes (plan);
  if (!plan_masquerade (plan, error))
    return FALSE;
  plan_port_mappings (plan);
  return TRUE;
}

gboolean
nns_cni_add_plan_failed_on_shared (NnsCniAddPlan *plan,
                                   const GError  *error)
{
  guint failed = nns_cni_netnsd_failed_operation (error);

  if (!nns_cni_netnsd_error_is_exists (error))
    return FALSE;
  for (guint i = 0; i < plan->shared->len; i++)
    if (g_array_index (plan->shared, guint, i) == failed)
      return TRUE;
  return FALSE;
}

