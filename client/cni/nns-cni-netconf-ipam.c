/* nns-cni-netconf-ipam.c: where a network's addresses come from and the
 * routes its containers get: host-local's keys, in "ipam" or, for short,
 * at the top level of the configuration.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-cni-error.h"
#include "nns-cni-json.h"
#include "nns-cni-netconf-private.h"
#include "nns-cni-ranges.h"

static gboolean
has_addresses (JsonObject *object)
{
  return object != NULL &&
         (json_object_has_member (object, "subnet") || json_object_has_member (object, "ranges"));
}

/* ipam.type: netnsd leases the addresses itself, so only the types whose
 * keys it reads are accepted. */
static gboolean
check_ipam (JsonObject *ipam,
            GError    **error)
{
  const char *type = NULL;
  const char *resolv_conf = NULL;

  if (!nns_cni_json_string (ipam, "ipam", "type", &type, error) ||
      !nns_cni_json_string (ipam, "ipam", "resolvConf", &resolv_conf, error))
    return FALSE;
  if (type != NULL && type[0] != '\0' && strcmp (type, "host-local") != 0 &&
      strcmp (type, "netnsd") != 0)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_UNSUPPORTED_FIELD,
                         "unsupported field in network configuration",
                         "ipam.type: \"%s\" is not supported: netnsd leases the addresses itself, "
                         "from host-local's keys (subnet, ranges, gateway)", type);
      return FALSE;
    }
  if (resolv_conf != NULL)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_UNSUPPORTED_FIELD,
                         "unsupported field in network configuration",
                         "ipam.resolvConf: \"%s\" is not supported; give \"dns\" instead",
                         resolv_conf);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_route (JsonObject  *object,
             const char  *where,
             NnsCniRoute *route,
             GError     **error)
{
  g_autofree char *dst_path = nns_cni_json_path (where, "dst");
  g_autofree char *gw_path = nns_cni_json_path (where, "gw");
  g_autoptr(GError) local = NULL;
  const char *dst = NULL, *gw = NULL;

  memset (route, 0, sizeof *route);
  if (!nns_cni_json_string (object, where, "dst", &dst, error) ||
      !nns_cni_json_string (object, where, "gw", &gw, error))
    return FALSE;
  if (dst == NULL)
    return nns_cni_netconf_invalid (error, "%s is missing", dst_path);
  if (strchr (dst, '/') == NULL)
    return nns_cni_netconf_invalid (error, "%s \"%s\" needs a prefix length (0.0.0.0/0)",
                                    dst_path, dst);
  if (!nns_cidr_parse (dst, NNS_CIDR_NETWORK, dst_path, &route->destination, &local) ||
      (gw != NULL && !nns_cidr_parse (gw, NNS_CIDR_NO_PREFIX, gw_path, &route->gateway, &local)))
    return nns_cni_netconf_invalid (error, "%s", local->message);
  if (gw != NULL && route->gateway.family != route->destination.family)
    return nns_cni_netconf_invalid (error, "%s \"%s\" is not of %s's family", gw_path, gw,
                                    dst_path);
  return TRUE;
}

static gboolean
parse_routes (JsonObject    *object,
              const char    *where,
              NnsCniNetConf *conf,
              GError       **error)
{
  g_autofree char *path = nns_cni_json_path (where, "routes");
  JsonArray *routes = NULL;

  conf->routes = g_array_new (FALSE, FALSE, sizeof (NnsCniRoute));
  if (!nns_cni_json_array (object, where, "routes", &routes, error))
    return FALSE;
  for (guint i = 0; routes != NULL && i < json_array_get_length (routes); i++)
    {
      JsonNode *node = json_array_get_element (routes, i);
      g_autofree char *element = g_strdup_printf ("%s[%u]", path, i);
      NnsCniRoute route;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return nns_cni_netconf_invalid (error, "%s must be an object", element);
      if (!parse_route (json_node_get_object (node), element, &route, error))
        return FALSE;
      g_array_append_val (conf->routes, route);
    }
  return TRUE;
}

/* Each route needs a range set of its family, whose gateway it goes
 * through when it names none. */
static gboolean
check_route_families (NnsCniNetConf *conf,
                      GError       **error)
{
  for (guint i = 0; i < conf->routes->len; i++)
    {
      const NnsCniRoute *route = &g_array_index (conf->routes, NnsCniRoute, i);
      gboolean found = FALSE;

      for (guint j = 0; j < conf->range_sets->len && !found; j++)
        found = nns_cni_range_set_family (conf->range_sets->pdata[j]) == route->destination.family;
      if (!found)
        {
          g_autofree char *destination = nns_cidr_to_string (&route->destination);

          return nns_cni_netconf_invalid (error, "route to %s has no range of its family to "
                                          "take an address and a gateway from", destination);
        }
    }
  return TRUE;
}

gboolean
nns_cni_netconf_parse_addresses (JsonObject    *object,
                                 NnsCniNetConf *conf,
                                 GError       **error)
{
  JsonObject *ipam = NULL;
  JsonObject *source;
  const char *where;

  if (!nns_cni_json_object (object, "", "ipam", &ipam, error))
    return FALSE;
  if (ipam != NULL && !check_ipam (ipam, error))
    return FALSE;
  if (has_addresses (ipam) && has_addresses (object))
    return nns_cni_netconf_invalid (error, "the addresses are given twice: in ipam and at the "
                                    "top level; give them in one place");
  source = has_addresses (ipam) ? ipam : object;
  where = has_addresses (ipam) ? "ipam" : "";
  if (!has_addresses (source))
    return nns_cni_netconf_invalid (error, "no addresses to give: the configuration needs "
                                    "ipam.subnet or ipam.ranges");
  if (!nns_cni_ranges_parse (source, where, &conf->range_sets, error))
    return FALSE;
  if (conf->range_sets->len == 0)
    return nns_cni_netconf_invalid (error, "%s is empty", where[0] != '\0' ? "ipam.ranges" : "ranges");
  return parse_routes (ipam != NULL ? ipam : object, ipam != NULL ? "ipam" : "", conf, error) &&
         check_route_families (conf, error);
}
