/* netns-namespace.h: NetNsNamespace, one network namespace and its links.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <glib-object.h>
#include <netns/netns-link.h>

G_BEGIN_DECLS

/**
 * NETNS_OWNER_UNKNOWN:
 *
 * The [property@NetNs.Namespace:owner] of a namespace whose creator netnsd
 * cannot know (another tool made it): `(uid_t) -1`, which is no user's uid.
 */
#define NETNS_OWNER_UNKNOWN ((guint) 4294967295u)

#define NETNS_TYPE_NAMESPACE (netns_namespace_get_type ())
G_DECLARE_FINAL_TYPE (NetNsNamespace, netns_namespace, NETNS, NAMESPACE, GObject)

const char *netns_namespace_get_object_path (NetNsNamespace *self);
const char *netns_namespace_get_name        (NetNsNamespace *self);
guint       netns_namespace_get_owner       (NetNsNamespace *self);
guint64     netns_namespace_get_inode       (NetNsNamespace *self);
gboolean    netns_namespace_is_host         (NetNsNamespace *self);
GList      *netns_namespace_get_links       (NetNsNamespace *self);
NetNsLink  *netns_namespace_get_link        (NetNsNamespace *self,
                                             const char     *name);

G_END_DECLS
