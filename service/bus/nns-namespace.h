/* nns-namespace.h: one named network namespace, as a D-Bus object.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sys/types.h>

#include "nns-dbus-generated.h"
#include "nns-netlink.h"

G_BEGIN_DECLS

#include "nns-bus-names.h"

#define NNS_TYPE_NAMESPACE (nns_namespace_get_type ())
G_DECLARE_FINAL_TYPE (NnsNamespace, nns_namespace, NNS, NAMESPACE, NnsDBusNetNsNamespaceSkeleton)

char         *nns_namespace_path_for_name   (const char   *name);

NnsNamespace *nns_namespace_new             (const char   *name,
                                             guint64       inode,
                                             gboolean      recorded,
                                             uid_t         owner);
NnsNamespace *nns_namespace_new_host        (guint64       inode);

const char   *nns_namespace_get_name        (NnsNamespace *self);
const char   *nns_namespace_get_object_path (NnsNamespace *self);
uid_t         nns_namespace_get_owner       (NnsNamespace *self);
gboolean      nns_namespace_is_recorded     (NnsNamespace *self);
gboolean      nns_namespace_is_host         (NnsNamespace *self);
guint64       nns_namespace_get_inode       (NnsNamespace *self);

NnsNetlink   *nns_namespace_get_netlink     (NnsNamespace *self);
void          nns_namespace_set_netlink     (NnsNamespace *self,
                                             NnsNetlink   *netlink);

G_END_DECLS
