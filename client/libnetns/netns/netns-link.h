/* netns-link.h: NetNsLink, one network link of a namespace.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _NetNsNamespace NetNsNamespace;

#define NETNS_TYPE_LINK (netns_link_get_type ())
G_DECLARE_FINAL_TYPE (NetNsLink, netns_link, NETNS, LINK, GObject)

const char        *netns_link_get_object_path (NetNsLink *self);
NetNsNamespace    *netns_link_get_namespace   (NetNsLink *self);
const char        *netns_link_get_name        (NetNsLink *self);
int                netns_link_get_index       (NetNsLink *self);
const char        *netns_link_get_kind        (NetNsLink *self);
gboolean           netns_link_get_up          (NetNsLink *self);
const char        *netns_link_get_oper_state  (NetNsLink *self);
gboolean           netns_link_get_carrier     (NetNsLink *self);
guint              netns_link_get_mtu         (NetNsLink *self);
const char        *netns_link_get_address     (NetNsLink *self);
const char *const *netns_link_get_addresses   (NetNsLink *self);
const char        *netns_link_get_master      (NetNsLink *self);
const char        *netns_link_get_peer        (NetNsLink *self);

G_END_DECLS
