/* nns-libnl.h: g_autoptr() support for the libnl objects netnsd uses.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>

typedef struct nl_sock NnsNlSock;
typedef struct rtnl_link NnsRtnlLink;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNlSock, nl_socket_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsRtnlLink, rtnl_link_put)
