/* nns-netlink-loopback.c: the routes that let port forwards take
 * connections to ::1.
 *
 * A connection to [::1]:PORT that a port forward sends to another host
 * leaves with ::1 as its source, which netnsd's table masquerades to the
 * outgoing address. The answers come back to that address and conntrack
 * turns their destination back into ::1, after the packet came in on a
 * link other than lo. IPv6 looks up a loopback destination strictly on
 * the incoming link (rt6_need_strict()), where ::1 has no route, so the
 * kernel drops them; IPv4 has route_localnet for its 127.0.0.1 case,
 * IPv6 has nothing. A route `local ::1 dev LINK table local` on the link
 * the answers come in on gives that lookup its answer.
 *
 * It opens nothing to others: a packet that arrives with ::1 as its
 * destination is dropped before any route is looked at (ip6_rcv_core(),
 * RFC 4291 2.5.3), so only answers that conntrack rewrote reach it.
 *
 * The routes carry netnsd's own protocol number, so netnsd finds its own
 * and never touches another's; they go with their link.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <linux/rtnetlink.h>
#include <netlink/route/nexthop.h>

#include "nns-netlink-private.h"

static const guint8 loopback6[16] = { [15] = 1 };

static struct nl_addr *
loopback_address (void)
{
  struct nl_addr *addr = nl_addr_build (AF_INET6, loopback6, sizeof loopback6);

  nl_addr_set_prefixlen (addr, 128);
  return addr;
}

static int
on_route_reply (struct nl_msg *msg,
                void          *user_data)
{
  struct nlattr *attrs[RTA_MAX + 1];

  if (nlmsg_hdr (msg)->nlmsg_type == RTM_NEWROUTE &&
      nlmsg_parse (nlmsg_hdr (msg), sizeof (struct rtmsg), attrs, RTA_MAX, NULL) >= 0 &&
      attrs[RTA_OIF] != NULL)
    *(int *) user_data = (int) nla_get_u32 (attrs[RTA_OIF]);
  return NL_OK;
}

/* The link the namespace reaches @destination through, as `ip route get`
 * says; 0 when it has no route there. */
int
nns_netlink_route_output_link (NnsNetlink    *self,
                               const NnsCidr *destination)
{
  struct rtmsg header = {
    .rtm_family = (guint8) destination->family,
    .rtm_dst_len = destination->family == AF_INET ? 32 : 128,
  };
  g_autoptr(NnsNlMsg) msg = nlmsg_alloc_simple (RTM_GETROUTE, 0);
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  int ifindex = 0;

  g_return_val_if_fail (NNS_IS_NETLINK (self), 0);

  if (nlmsg_append (msg, &header, sizeof header, NLMSG_ALIGNTO) < 0 ||
      nla_put (msg, RTA_DST, destination->family == AF_INET ? 4 : 16, destination->bytes) < 0 ||
      !nns_netlink_request_full (self, msg, on_route_reply, &ifindex, &answer))
    return 0;
  return ifindex;
}

static struct rtnl_route *
loopback_route (int ifindex)
{
  struct rtnl_route *route = rtnl_route_alloc ();
  struct rtnl_nexthop *nexthop = rtnl_route_nh_alloc ();
  g_autoptr(NnsNlAddr) dst = loopback_address ();

  rtnl_route_set_family (route, AF_INET6);
  rtnl_route_set_dst (route, dst);
  rtnl_route_set_table (route, RT_TABLE_LOCAL);
  rtnl_route_set_type (route, RTN_LOCAL);
  rtnl_route_set_scope (route, RT_SCOPE_HOST);
  rtnl_route_set_protocol (route, NNS_RTPROT_NETNSD);
  rtnl_route_nh_set_ifindex (nexthop, ifindex);
  rtnl_route_add_nexthop (route, nexthop);
  return route;
}

static gboolean
change_loopback_route (NnsNetlink *self,
                       int         ifindex,
                       gboolean    add,
                       GError    **error)
{
  g_autoptr(NnsRtnlRoute) route = loopback_route (ifindex);
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  int err = add ? rtnl_route_build_add_request (route, NLM_F_CREATE | NLM_F_EXCL, &msg)
                : rtnl_route_build_del_request (route, 0, &msg);

  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot build a route to ::1");
      return FALSE;
    }
  if (nns_netlink_request (self, msg, &answer) ||
      (add && answer.errsv == EEXIST) ||
      (!add && (answer.errsv == ESRCH || answer.errsv == ENODEV)))
    return TRUE;
  nns_set_error_answer (error, &answer, "cannot %s the route to ::1 through link %d in %s",
                        add ? "add" : "remove", ifindex, nns_netlink_get_description (self));
  return FALSE;
}

/* The links that have netnsd's route to ::1 now. */
static GArray *
loopback_links (NnsNetlink *self,
                GError    **error)
{
  g_autoptr(NnsNlCache) routes = NULL;
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (int));
  int err = rtnl_route_alloc_cache (nns_netlink_get_sock (self), AF_INET6, 0, &routes);

  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot list the routes of %s",
                        nns_netlink_get_description (self));
      return NULL;
    }
  for (struct nl_object *obj = nl_cache_get_first (routes); obj != NULL;
       obj = nl_cache_get_next (obj))
    {
      struct rtnl_route *route = (struct rtnl_route *) obj;
      struct nl_addr *dst = rtnl_route_get_dst (route);
      int ifindex;

      if (rtnl_route_get_protocol (route) != NNS_RTPROT_NETNSD ||
          rtnl_route_get_table (route) != RT_TABLE_LOCAL || dst == NULL ||
          nl_addr_get_prefixlen (dst) != 128 ||
          memcmp (nl_addr_get_binary_addr (dst), loopback6, sizeof loopback6) != 0 ||
          rtnl_route_get_nnexthops (route) != 1)
        continue;
      ifindex = rtnl_route_nh_get_ifindex (rtnl_route_nexthop_n (route, 0));
      g_array_append_val (links, ifindex);
    }
  return g_steal_pointer (&links);
}

static gboolean
contains (const int *values,
          guint      n_values,
          int        value)
{
  for (guint i = 0; i < n_values; i++)
    if (values[i] == value)
      return TRUE;
  return FALSE;
}

/* Makes netnsd's routes to ::1 be on exactly the links @ifindexes (none
 * when @n_ifindexes is 0): adds those missing, removes the others. */
gboolean
nns_netlink_set_loopback_links (NnsNetlink *self,
                                const int  *ifindexes,
                                guint       n_ifindexes,
                                GError    **error)
{
  g_autoptr(GArray) now = NULL;

  g_return_val_if_fail (NNS_IS_NETLINK (self), FALSE);

  now = loopback_links (self, error);
  if (now == NULL)
    return FALSE;
  for (guint i = 0; i < n_ifindexes; i++)
    if (!contains ((const int *) now->data, now->len, ifindexes[i]) &&
        !change_loopback_route (self, ifindexes[i], TRUE, error))
      return FALSE;
  for (guint i = 0; i < now->len; i++)
    {
      int ifindex = g_array_index (now, int, i);

      if (!contains (ifindexes, n_ifindexes, ifindex) &&
          !change_loopback_route (self, ifindex, FALSE, error))
        return FALSE;
    }
  return TRUE;
}
