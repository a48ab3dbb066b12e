/* nns-libnl.h: g_autoptr() support for the libnl objects netnsd uses.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <netlink/socket.h>

typedef struct nl_sock NnsNlSock;
typedef struct nl_msg NnsNlMsg;
typedef struct nl_cache NnsNlCache;
typedef struct nl_addr NnsNlAddr;
typedef struct rtnl_link NnsRtnlLink;
typedef struct rtnl_addr NnsRtnlAddr;
typedef struct rtnl_route NnsRtnlRoute;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNlSock, nl_socket_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNlMsg, nlmsg_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNlCache, nl_cache_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNlAddr, nl_addr_put)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsRtnlLink, rtnl_link_put)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsRtnlAddr, rtnl_addr_put)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsRtnlRoute, rtnl_route_put)
