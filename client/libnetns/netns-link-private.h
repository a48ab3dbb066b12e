/* netns-link-private.h: what NetNsClient and NetNsNamespace do to links.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "netns/netns-namespace.h"
#include "nns-dbus-generated.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
NetNsLink *netns_link_new           (const char       *object_path,
                                     NnsDBusNetNsLink *proxy);
G_GNUC_INTERNAL
void       netns_link_set_namespace (NetNsLink        *self,
                                     NetNsNamespace   *ns);

/* netns-mirror.c */
G_GNUC_INTERNAL
void       netns_mirror_notify      (GObject          *target,
                                     gpointer          proxy);

G_END_DECLS
