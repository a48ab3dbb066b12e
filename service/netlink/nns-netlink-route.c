/* nns-netlink-route.c: routes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <netlink/route/nexthop.h>

#include "nns-names.h"
#include "nns-netlink-private.h"

static char *
describe_destination (const NnsRouteSpec *spec)
{
  if (spec->is_default)
    return g_strdup (spec->destination.family == AF_INET6 ? "default (IPv6)" : "default");
  return nns_cidr_to_string (&spec->destination);
}

/* Builds the route @spec names. For a removal, what the caller left out
 * matches any value, as `ip route del` does. */
static struct rtnl_route *
build_route (const NnsRouteSpec *spec,
             int                 ifindex,
             gboolean            for_removal)
{
  struct rtnl_route *route = rtnl_route_alloc ();
  struct rtnl_nexthop *nexthop;
  g_autoptr(NnsNlAddr) dst = nns_cidr_to_nl_addr (&spec->destination);

  rtnl_route_set_family (route, (guint8) spec->destination.family);
  rtnl_route_set_dst (route, dst);
  rtnl_route_set_table (route, spec->table != 0 ? spec->table : RT_TABLE_MAIN);
  if (for_removal)
    {
      rtnl_route_set_protocol (route, RTPROT_UNSPEC);
      rtnl_route_set_scope (route, RT_SCOPE_NOWHERE);
    }
  else
    {
      rtnl_route_set_protocol (route, RTPROT_STATIC);
      rtnl_route_set_scope (route, spec->has_via ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK);
    }
  if (spec->has_metric)
    rtnl_route_set_priority (route, spec->metric);
  if (spec->has_src)
    {
      g_autoptr(NnsNlAddr) src = nns_cidr_to_nl_addr (&spec->src);

      rtnl_route_set_pref_src (route, src);
    }

  if (ifindex > 0 || spec->has_via)
    {
      nexthop = rtnl_route_nh_alloc ();
      if (ifindex > 0)
        rtnl_route_nh_set_ifindex (nexthop, ifindex);
      if (spec->has_via)
        {
          g_autoptr(NnsNlAddr) via = nns_cidr_to_nl_addr (&spec->via);

          rtnl_route_nh_set_gateway (nexthop, via);
        }
      rtnl_route_add_nexthop (route, nexthop);
    }
  return route;
}

static int
route_link_index (NnsNetlink         *self,
                  const NnsRouteSpec *spec,
                  GError            **error)
{
  if (spec->dev == NULL)
    return 0;
  return nns_netlink_link_index (self, spec->dev, error);
}

gboolean
nns_netlink_add_route (NnsNetlink         *self,
                       const NnsRouteSpec *spec,
                       GError            **error)
{
  g_autoptr(NnsRtnlRoute) route = NULL;
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  g_autofree char *destination = describe_destination (spec);
  g_autoptr(GError) local_error = NULL;
  int ifindex = route_link_index (self, spec, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  route = build_route (spec, ifindex, FALSE);
  if (rtnl_route_build_add_request (route, NLM_F_CREATE | NLM_F_EXCL, &msg) < 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED, "out of memory");
      return FALSE;
    }
  if (!nns_netlink_request (self, msg, &answer))
    {
      if (answer.errsv == EEXIST)
        g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS, "a route to %s already exists in %s",
                     destination, nns_netlink_get_description (self));
      else if (answer.errsv == ENETUNREACH && spec->has_via)
        {
          g_autofree char *via = nns_cidr_address_to_string (&spec->via);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "cannot add a route to %s in %s: gateway %s is not reachable "
                       "there (no route to it)", destination,
                       nns_netlink_get_description (self), via);
        }
      else
        nns_set_error_answer (error, &answer, "cannot add a route to %s in %s",
                              destination, nns_netlink_get_description (self));
      return FALSE;
    }
  return TRUE;
}

gboolean
nns_netlink_remove_route (NnsNetlink         *self,
                          const NnsRouteSpec *spec,
                          GError            **error)
{
  g_autoptr(NnsRtnlRoute) route = NULL;
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  g_autofree char *destination = describe_destination (spec);
  g_autoptr(GError) local_error = NULL;
  int ifindex = route_link_index (self, spec, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  route = build_route (spec, ifindex, TRUE);
  if (rtnl_route_build_del_request (route, 0, &msg) < 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED, "out of memory");
      return FALSE;
    }
  if (!nns_netlink_request (self, msg, &answer))
    {
      if (answer.errsv == ESRCH || answer.errsv == ENOENT)
        g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "no such route to %s in %s",
                     destination, nns_netlink_get_description (self));
      else
        nns_set_error_answer (error, &answer, "cannot remove the route to %s in %s",
                              destination, nns_netlink_get_description (self));
      return FALSE;
    }
  return TRUE;
}

static char *
route_destination (struct rtnl_route *route)
{
  struct nl_addr *dst = rtnl_route_get_dst (route);

  if (dst == NULL || nl_addr_get_prefixlen (dst) == 0)
    return g_strdup ("default");
  return nns_nl_addr_to_cidr (dst);
}

/* "10.0.0.1", without the prefix a gateway or source never has. */
static char *
plain_address (struct nl_addr *addr)
{
  g_autofree char *cidr = nns_nl_addr_to_cidr (addr);
  char *slash = strchr (cidr, '/');

  if (slash != NULL)
    *slash = '\0';
  return g_steal_pointer (&cidr);
}

static GVariant *
describe_route (struct rtnl_route *route,
                struct nl_cache   *links)
{
  GVariantDict dict;
  g_autofree char *destination = route_destination (route);
  char scope[32], protocol[32], type[32];
  struct rtnl_nexthop *nexthop;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "destination", "s", destination);
  g_variant_dict_insert (&dict, "family", "s",
                         rtnl_route_get_family (route) == AF_INET6 ? "inet6" : "inet");
  g_variant_dict_insert (&dict, "table", "u", rtnl_route_get_table (route));
  g_variant_dict_insert (&dict, "metric", "u", rtnl_route_get_priority (route));
  g_variant_dict_insert (&dict, "scope", "s",
                         rtnl_scope2str (rtnl_route_get_scope (route), scope, sizeof scope));
  g_variant_dict_insert (&dict, "protocol", "s",
                         rtnl_route_proto2str (rtnl_route_get_protocol (route),
                                               protocol, sizeof protocol));
  g_variant_dict_insert (&dict, "type", "s",
                         nl_rtntype2str (rtnl_route_get_type (route), type, sizeof type));
  if (rtnl_route_get_pref_src (route) != NULL)
    {
      g_autofree char *src = plain_address (rtnl_route_get_pref_src (route));

      g_variant_dict_insert (&dict, "src", "s", src);
    }

  nexthop = rtnl_route_get_nnexthops (route) > 0 ? rtnl_route_nexthop_n (route, 0) : NULL;
  if (nexthop != NULL && rtnl_route_nh_get_gateway (nexthop) != NULL)
    {
      g_autofree char *via = plain_address (rtnl_route_nh_get_gateway (nexthop));

      g_variant_dict_insert (&dict, "via", "s", via);
    }
  if (nexthop != NULL && rtnl_route_nh_get_ifindex (nexthop) > 0)
    {
      char name[IFNAMSIZ + 1] = "";

      rtnl_link_i2name (links, rtnl_route_nh_get_ifindex (nexthop), name, sizeof name);
      g_variant_dict_insert (&dict, "dev", "s", name);
    }
  return g_variant_dict_end (&dict);
}

/* The routes of every table but the kernel's own "local" table, as
 * `ip route show table all` lists them minus local and broadcast ones. */
GVariant *
nns_netlink_list_routes (NnsNetlink *self,
                         GError    **error)
{
  g_autoptr(NnsNlCache) routes = NULL;
  g_autoptr(NnsNlCache) links = NULL;
  GVariantBuilder builder;
  int err;

  if ((err = rtnl_route_alloc_cache (nns_netlink_get_sock (self), AF_UNSPEC, 0, &routes)) < 0 ||
      (err = rtnl_link_alloc_cache (nns_netlink_get_sock (self), AF_UNSPEC, &links)) < 0)
    {
      nns_set_error_nl (error, err, "cannot list the routes of %s",
                        nns_netlink_get_description (self));
      return NULL;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (struct nl_object *obj = nl_cache_get_first (routes); obj != NULL;
       obj = nl_cache_get_next (obj))
    {
      struct rtnl_route *route = (struct rtnl_route *) obj;

      if (rtnl_route_get_table (route) == RT_TABLE_LOCAL)
        continue;
      g_variant_builder_add_value (&builder, describe_route (route, links));
    }
  return g_variant_builder_end (&builder);
}
