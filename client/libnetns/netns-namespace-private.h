/* netns-namespace-private.h: what NetNsClient does to its namespaces.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "netns/netns-namespace.h"
#include "nns-dbus-generated.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
NetNsNamespace *netns_namespace_new         (const char            *object_path,
                                             NnsDBusNetNsNamespace *proxy);
G_GNUC_INTERNAL
gboolean        netns_namespace_has_link    (NetNsNamespace        *self,
                                             const char            *link_path);
G_GNUC_INTERNAL
void            netns_namespace_add_link    (NetNsNamespace        *self,
                                             NetNsLink             *link);
G_GNUC_INTERNAL
void            netns_namespace_remove_link (NetNsNamespace        *self,
                                             const char            *link_path);
G_GNUC_INTERNAL
GPtrArray      *netns_namespace_take_links  (NetNsNamespace        *self);

G_END_DECLS
