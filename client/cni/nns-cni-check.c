/* nns-cni-check.c: CHECK, which compares the attachment with the result
 * of its ADD (prevResult), and STATUS, which tells whether an ADD could
 * be served now.
 *
 * CHECK looks at what the plugin made and the result lists: the
 * container's interface (there, up, with its MAC), its addresses and
 * routes, the host end of its veth pair on the bridge; and at what it made
 * that the result does not list: the leases, the masquerade, the port
 * forwards. A difference fails with code 999, as the reference plugins'
 * CHECK does, and a message that names it; a namespace that is gone,
 * with 3.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-cni-attachment.h"
#include "nns-cni-commands.h"
#include "nns-cni-error.h"
#include "nns-cni-ranges.h"
#include "nns-fd.h"

static gboolean
differs (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
differs (GError    **error,
         const char *format,
         ...)
{
  g_autofree char *details = NULL;
  va_list args;

  va_start (args, format);
  details = g_strdup_vprintf (format, args);
  va_end (args);
  nns_cni_set_error (error, NNS_CNI_ERROR_INTERNAL,
                     "the attachment is not as its ADD made it", "%s", details);
  return FALSE;
}

static GPtrArray *
list_or_fail (GPtrArray  *list,
              GError     *local,
              const char *doing,
              GError    **error)
{
  if (list == NULL)
    nns_cni_error_from_netnsd (error, local, doing);
  return list;
}

static gboolean
check_container_link (NnsCniNetnsd    *netnsd,
                      const NnsCniEnv *env,
                      NnsCniResult    *prev,
                      const char      *namespace,
                      int              interface,
                      GError         **error)
{
  GError *local = NULL;
  g_autoptr(GPtrArray) links =
    list_or_fail (nns_cni_netnsd_list_links (netnsd, namespace, &local), local,
                  "list the links of the container's namespace", error);
  const char *mac = nns_cni_result_interface (prev, interface, "mac");
  const NnsCniLink *link;

  if (links == NULL)
    return FALSE;
  link = nns_cni_links_find (links, env->ifname);
  if (link == NULL)
    return differs (error, "%s has no interface %s", env->netns, env->ifname);
  if (mac != NULL && g_ascii_strcasecmp (mac, link->mac) != 0)
    return differs (error, "%s in %s has the MAC %s, not %s", env->ifname, env->netns,
                    link->mac, mac);
  if (!link->up)
    return differs (error, "%s in %s is down", env->ifname, env->netns);
  for (guint i = 0; i < nns_cni_result_n_ips (prev); i++)
    {
      NnsCidr address, gateway;
      g_autofree char *text = NULL;
      int of;

      nns_cni_result_ip (prev, i, &address, &gateway, &of);
      if (of != interface)
        continue;
      text = nns_cidr_to_string (&address);
      if (!g_strv_contains ((const char *const *) link->addresses, text))
        return differs (error, "%s in %s lacks its address %s", env->ifname, env->netns, text);
    }
  return TRUE;
}

static gboolean
route_present (GPtrArray     *routes,
               const NnsCidr *destination,
               const NnsCidr *gateway)
{
  for (guint i = 0; i < routes->len; i++)
    {
      const NnsCniRouteEntry *route = routes->pdata[i];

      if (nns_cidr_equal (&route->destination, destination) &&
          (gateway->family == 0 || nns_cidr_equal (&route->via, gateway)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_routes (NnsCniNetnsd    *netnsd,
              const NnsCniEnv *env,
              NnsCniResult    *prev,
              const char      *namespace,
              GError         **error)
{
  GError *local = NULL;
  g_autoptr(GPtrArray) routes =
    list_or_fail (nns_cni_netnsd_list_routes (netnsd, namespace, &local), local,
                  "list the routes of the container's namespace", error);

  if (routes == NULL)
    return FALSE;
  for (guint i = 0; i < nns_cni_result_n_routes (prev); i++)
    {
      NnsCidr destination, gateway;

      nns_cni_result_route (prev, i, &destination, &gateway);
      if (destination.family != 0 && !route_present (routes, &destination, &gateway))
        {
          g_autofree char *text = nns_cidr_to_string (&destination);

          return differs (error, "%s has no route to %s", env->netns, text);
        }
    }
  return TRUE;
}

static gboolean
check_host_links (NnsCniNetnsd    *netnsd,
                  const NnsCniEnv *env,
                  NnsCniNetConf   *conf,
                  GError         **error)
{
  g_autofree char *host_link = nns_cni_host_link_name (env->container_id, env->ifname);
  GError *local = NULL;
  g_autoptr(GPtrArray) links =
    list_or_fail (nns_cni_netnsd_list_links (netnsd, "", &local), local,
                  "list the host's links", error);
  const NnsCniLink *bridge, *veth;

  if (links == NULL)
    return FALSE;
  bridge = nns_cni_links_find (links, conf->bridge);
  veth = nns_cni_links_find (links, host_link);
  if (bridge == NULL || g_strcmp0 (bridge->kind, "bridge") != 0)
    return differs (error, "the host has no bridge %s", conf->bridge);
  if (veth == NULL)
    return differs (error, "the host has no link %s, the veth of %s", host_link, env->ifname);
  if (g_strcmp0 (veth->master, conf->bridge) != 0)
    return differs (error, "%s is not a port of %s", host_link, conf->bridge);
  return TRUE;
}

/* The leases, the masquerade and the port forwards. */
static gboolean
check_host_rules (NnsCniNetnsd    *netnsd,
                  const NnsCniEnv *env,
                  NnsCniNetConf   *conf,
                  GError         **error)
{
  GError *local = NULL;
  g_autoptr(GPtrArray) leases = NULL, masquerades = NULL, forwards = NULL;
  g_autoptr(GArray) addresses = NULL;

  leases = list_or_fail (nns_cni_netnsd_list_leases (netnsd, conf->name, &local), local,
                         "list the network's leases", error);
  if (leases == NULL)
    return FALSE;
  addresses = nns_cni_leased_addresses (leases, env->container_id, env->ifname, NULL);
  if (addresses->len < conf->range_sets->len)
    return differs (error, "netnsd holds %u of the %u leases of %s/%s in pool %s",
                    addresses->len, conf->range_sets->len, env->container_id, env->ifname,
                    conf->name);
  masquerades = list_or_fail (nns_cni_netnsd_list_masquerades (netnsd, "", &local), local,
                              "list the host's masquerades", error);
  forwards = masquerades != NULL
             ? list_or_fail (nns_cni_netnsd_list_forwards (netnsd, "", &local), local,
                             "list the host's port forwards", error)
             : NULL;
  if (forwards == NULL)
    return FALSE;
  for (guint i = 0; i < addresses->len; i++)
    {
      const NnsCidr *address = &g_array_index (addresses, NnsCidr, i);
      NnsCidr network;
      g_autofree char *source = NULL;
      gboolean found = !conf->ip_masq;

      nns_cni_network_of (address, &network);
      source = nns_cidr_to_string (&network);
      for (guint j = 0; j < masquerades->len && !found; j++)
        found = g_strcmp0 (((NnsCniMasquerade *) masquerades->pdata[j])->source, source) == 0;
      if (!found)
        return differs (error, "the host does not masquerade %s", source);
      for (guint j = 0; j < conf->port_mappings->len; j++)
        {
          const NnsCniPortMapping *mapping =
            &g_array_index (conf->port_mappings, NnsCniPortMapping, j);
          g_autofree char *target = nns_cni_target_text (address, mapping->container_port);

          found = mapping->host_ip.family != 0 && mapping->host_ip.family != address->family;
          for (guint k = 0; k < forwards->len && !found; k++)
            {
              const NnsCniForward *forward = forwards->pdata[k];

              found = forward->port == mapping->host_port &&
                      g_strcmp0 (forward->protocol, mapping->protocol) == 0 &&
                      g_strcmp0 (forward->target, target) == 0;
            }
          if (!found)
            return differs (error, "the host does not forward %s port %u to %s",
                            mapping->protocol, mapping->host_port, target);
        }
    }
  return TRUE;
}

gboolean
nns_cni_check (const NnsCniEnv *env,
               NnsCniNetConf   *conf,
               GError         **error)
{
  NnsCniResult *prev = conf->prev_result;
  nns_autofd int netns_fd = -1;
  g_autofree char *namespace = NULL;
  g_autoptr(NnsCniNetnsd) netnsd = NULL;
  int interface;

  if (prev == NULL)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                         "CHECK needs prevResult, the result of the ADD");
      return FALSE;
    }
  interface = nns_cni_result_find_interface (prev, env->ifname, env->netns);
  if (interface < 0)
    return differs (error, "prevResult lists no interface %s in %s", env->ifname, env->netns);
  netns_fd = nns_cni_netns_open (env->netns, error);
  if (netns_fd < 0)
    return FALSE;
  namespace = nns_cni_netns_find_name (netns_fd);
  if (namespace == NULL)
    return differs (error, "%s has no name in " NNS_NETNS_RUN_DIR ": the name the plugin gave "
                    "it is gone", env->netns);
  netnsd = nns_cni_connect (error);
  return netnsd != NULL &&
         check_container_link (netnsd, env, prev, namespace, interface, error) &&
         check_routes (netnsd, env, prev, namespace, error) &&
         check_host_links (netnsd, env, conf, error) &&
         check_host_rules (netnsd, env, conf, error);
}

/* STATUS */

static guint64
leases_in (GPtrArray            *leases,
           const NnsCniRangeSet *set)
{
  guint64 count = 0;

  for (guint i = 0; i < leases->len; i++)
    count += nns_cni_range_set_contains (set, &((NnsCniLease *) leases->pdata[i])->address);
  return count;
}

gboolean
nns_cni_status (NnsCniNetConf *conf,
                GError       **error)
{
  g_autoptr(NnsCniNetnsd) netnsd = NULL;
  g_autoptr(GPtrArray) leases = NULL;
  g_autoptr(GError) local = NULL;

  netnsd = nns_cni_netnsd_new (&local);
  if (netnsd != NULL)
    leases = nns_cni_netnsd_list_leases (netnsd, conf->name, &local);
  if (leases == NULL)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_NOT_AVAILABLE, "netnsd is not available", "%s",
                         local->message);
      return FALSE;
    }
  for (guint i = 0; i < conf->range_sets->len; i++)
    {
      const NnsCniRangeSet *set = conf->range_sets->pdata[i];
      guint64 capacity = nns_cni_range_set_capacity (set);

      if (leases_in (leases, set) >= capacity)
        {
          nns_cni_set_error (error, NNS_CNI_ERROR_NOT_AVAILABLE, "no address left to lease",
                             "all %" G_GUINT64_FORMAT " addresses of range set %u of network %s "
                             "are leased", capacity, i, conf->name);
          return FALSE;
        }
    }
  return TRUE;
}
