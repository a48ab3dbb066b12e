/* nns-bus-names.h: the names on the bus that netnsd and its clients share:
 * the well-known name, the object paths and the interfaces. One place, so
 * that a client, the daemon and the tests cannot drift apart.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define NNS_BUS_NAME                "org.example.NetNs"
#define NNS_MANAGER_OBJECT_PATH     "/org/example/NetNs"
#define NNS_NAMESPACE_PATH_PREFIX   NNS_MANAGER_OBJECT_PATH "/namespace/"
/* The host namespace's object; links are <namespace path>/link/<ifindex>. */
#define NNS_HOST_OBJECT_PATH        NNS_MANAGER_OBJECT_PATH "/host"
#define NNS_MANAGER_INTERFACE       "org.example.NetNs"
#define NNS_NAMESPACE_INTERFACE     "org.example.NetNs.Namespace"
#define NNS_LINK_INTERFACE          "org.example.NetNs.Link"
#define NNS_OBJECT_MANAGER_INTERFACE "org.freedesktop.DBus.ObjectManager"

/* The Owner of a namespace whose creator netnsd does not know (made by
 * another tool): (uid_t) -1, which is no user's uid. */
#define NNS_OWNER_UNKNOWN 4294967295u
