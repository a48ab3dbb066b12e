/* nns-netlink-kinds.c: links of the kinds other than veth: bridges,
 * macvlan, ipvlan, vlan, vxlan, dummy, vrf and wireguard links.
 *
 * Each is one RTM_NEWLINK request, built here attribute by attribute
 * rather than through libnl's per-kind modules: libnl 3.7 has none for
 * some of them (a bridge's STP state, wireguard), and one request that
 * names the kind lets the kernel answer for the kind itself. A kind the
 * running kernel does not have comes back as EOPNOTSUPP with the kernel's
 * "Unknown device type", which the caller gets as NotSupported.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <arpa/inet.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <string.h>

#include "nns-names.h"
#include "nns-netlink-private.h"

/* The kernel's names of the kinds, in NnsLinkKind order. */
static const char *const kind_names[NNS_LINK_KIND_N_KINDS] = {
  [NNS_LINK_KIND_BRIDGE] = "bridge",
  [NNS_LINK_KIND_DUMMY] = "dummy",
  [NNS_LINK_KIND_MACVLAN] = "macvlan",
  [NNS_LINK_KIND_IPVLAN] = "ipvlan",
  [NNS_LINK_KIND_VLAN] = "vlan",
  [NNS_LINK_KIND_VXLAN] = "vxlan",
  [NNS_LINK_KIND_VRF] = "vrf",
  [NNS_LINK_KIND_WIREGUARD] = "wireguard",
};

const char *
nns_link_kind_to_string (NnsLinkKind kind)
{
  g_return_val_if_fail ((guint) kind < NNS_LINK_KIND_N_KINDS, NULL);

  return kind_names[kind];
}

gboolean
nns_link_kind_from_string (const char  *text,
                           NnsLinkKind *kind)
{
  for (guint i = 0; i < NNS_LINK_KIND_N_KINDS; i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = (NnsLinkKind) i;
        return TRUE;
      }
  return FALSE;
}

/* "bridge, dummy, ..., wireguard", for messages. */
char *
nns_link_kinds_describe (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < NNS_LINK_KIND_N_KINDS; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", kind_names[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
put_address (struct nl_msg *msg,
             int            v4_attr,
             int            v6_attr,
             const NnsCidr *cidr)
{
  if (cidr->family == AF_INET)
    return nla_put (msg, v4_attr, 4, cidr->bytes) >= 0;
  return nla_put (msg, v6_attr, 16, cidr->bytes) >= 0;
}

static gboolean
put_vxlan_data (struct nl_msg     *msg,
                const NnsLinkSpec *spec)
{
  if (nla_put_u32 (msg, IFLA_VXLAN_ID, spec->vxlan_id) < 0 ||
      nla_put_u16 (msg, IFLA_VXLAN_PORT, htons (spec->vxlan_port)) < 0)
    return FALSE;
  /* A remote peer and a multicast group are the same attribute: the
   * kernel tells them apart by the address. */
  if (spec->vxlan_remote != NULL &&
      !put_address (msg, IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6, spec->vxlan_remote))
    return FALSE;
  if (spec->vxlan_local != NULL &&
      !put_address (msg, IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6, spec->vxlan_local))
    return FALSE;
  return spec->parent == 0 || nla_put_u32 (msg, IFLA_VXLAN_LINK, (guint32) spec->parent) >= 0;
}

/* IFLA_INFO_DATA: what the kind itself takes. */
static gboolean
put_kind_data (struct nl_msg     *msg,
               const NnsLinkSpec *spec)
{
  switch (spec->kind)
    {
    case NNS_LINK_KIND_BRIDGE:
      return !spec->has_stp || nla_put_u32 (msg, IFLA_BR_STP_STATE, spec->stp ? 1 : 0) >= 0;
    case NNS_LINK_KIND_MACVLAN:
      return spec->macvlan_mode == 0 ||
             nla_put_u32 (msg, IFLA_MACVLAN_MODE, spec->macvlan_mode) >= 0;
    case NNS_LINK_KIND_IPVLAN:
      return !spec->has_ipvlan_mode ||
             nla_put_u16 (msg, IFLA_IPVLAN_MODE, spec->ipvlan_mode) >= 0;
    case NNS_LINK_KIND_VLAN:
      return nla_put_u16 (msg, IFLA_VLAN_ID, spec->vlan_id) >= 0 &&
             (spec->vlan_protocol == 0 ||
              nla_put_u16 (msg, IFLA_VLAN_PROTOCOL, htons (spec->vlan_protocol)) >= 0);
    case NNS_LINK_KIND_VXLAN:
      return put_vxlan_data (msg, spec);
    case NNS_LINK_KIND_VRF:
      return nla_put_u32 (msg, IFLA_VRF_TABLE, spec->vrf_table) >= 0;
    case NNS_LINK_KIND_DUMMY:
    case NNS_LINK_KIND_WIREGUARD:
    case NNS_LINK_KIND_N_KINDS:
    default:
      return TRUE;
    }
}

static struct nl_msg *
build_create_request (const NnsLinkSpec *spec)
{
  g_autoptr(NnsNlMsg) msg = nlmsg_alloc_simple (RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
  struct ifinfomsg header = {
    .ifi_family = AF_UNSPEC,
    /* The kernel brings the link up once made, or removes it again. */
    .ifi_flags = spec->up ? IFF_UP : 0,
    .ifi_change = spec->up ? IFF_UP : 0,
  };
  struct nlattr *info, *data;

  if (msg == NULL || nlmsg_append (msg, &header, sizeof header, NLMSG_ALIGNTO) < 0 ||
      nla_put_string (msg, IFLA_IFNAME, spec->name) < 0 ||
      (spec->mtu != 0 && nla_put_u32 (msg, IFLA_MTU, spec->mtu) < 0) ||
      (spec->address != NULL && nla_put (msg, IFLA_ADDRESS, NNS_MAC_LEN, spec->address) < 0) ||
      /* A vxlan link names its parent in its own data. */
      (spec->parent != 0 && spec->kind != NNS_LINK_KIND_VXLAN &&
       nla_put_u32 (msg, IFLA_LINK, (guint32) spec->parent) < 0))
    return NULL;

  info = nla_nest_start (msg, IFLA_LINKINFO);
  if (info == NULL || nla_put_string (msg, IFLA_INFO_KIND, kind_names[spec->kind]) < 0)
    return NULL;
  data = nla_nest_start (msg, IFLA_INFO_DATA);
  if (data == NULL || !put_kind_data (msg, spec))
    return NULL;
  nla_nest_end (msg, data);
  nla_nest_end (msg, info);
  return g_steal_pointer (&msg);
}

/* Creates the link @spec describes, in one request: the kernel makes it,
 * with everything asked for, or nothing. */
gboolean
nns_netlink_create_link (NnsNetlink        *self,
                         const NnsLinkSpec *spec,
                         GError           **error)
{
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  g_autofree char *quoted = NULL;

  g_return_val_if_fail ((guint) spec->kind < NNS_LINK_KIND_N_KINDS, FALSE);

  msg = build_create_request (spec);
  if (msg == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED, "out of memory");
      return FALSE;
    }
  if (!nns_netlink_request (self, msg, &answer))
    {
      quoted = nns_quote (spec->name);
      nns_set_error_answer (error, &answer, "cannot create %s link %s in %s",
                            kind_names[spec->kind], quoted, nns_netlink_get_description (self));
      return FALSE;
    }
  nns_netlink_process_events (self);
  return TRUE;
}

/* The index of the bridge @name, or 0 with NotFound or, for a link that
 * is not a bridge, InvalidArgument. */
int
nns_netlink_bridge_index (NnsNetlink *self,
                          const char *name,
                          GError    **error)
{
  g_autoptr(NnsRtnlLink) link = NULL;
  g_autofree char *quoted = nns_quote (name);
  int err = rtnl_link_get_kernel (nns_netlink_get_sock (self), 0, name, &link);

  if (err == -NLE_OBJ_NOTFOUND || err == -NLE_NODEV)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "bridge %s not found in %s",
                   quoted, nns_netlink_get_description (self));
      return 0;
    }
  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot look up link %s in %s", quoted,
                        nns_netlink_get_description (self));
      return 0;
    }
  if (g_strcmp0 (rtnl_link_get_type (link), "bridge") != 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link %s in %s is not a bridge", quoted, nns_netlink_get_description (self));
      return 0;
    }
  return rtnl_link_get_ifindex (link);
}
