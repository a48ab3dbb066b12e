/* netns.h: libnetns, the GObject client library of netnsd, the network
 * namespace service. The one header a program includes:
 *
 *   #include <netns/netns.h>
 *
 * and builds with `pkg-config --cflags --libs netns-1`.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define NETNS_INSIDE

#include <netns/netns-version.h>
#include <netns/netns-error.h>
#include <netns/netns-link.h>
#include <netns/netns-namespace.h>
#include <netns/netns-client.h>
#include <netns/netns-client-namespaces.h>
#include <netns/netns-client-links.h>
#include <netns/netns-client-addresses.h>
#include <netns/netns-client-config.h>
#include <netns/netns-client-nat.h>
#include <netns/netns-client-apply.h>
#include <netns/netns-client-spawn.h>
#include <netns/netns-client-leases.h>
#include <netns/netns-operation.h>

#undef NETNS_INSIDE
