/* nns-netlink.h: a route netlink socket bound to one network namespace.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "nns-error.h"

G_BEGIN_DECLS

#define NNS_TYPE_NETLINK (nns_netlink_get_type ())
G_DECLARE_FINAL_TYPE (NnsNetlink, nns_netlink, NNS, NETLINK, GObject)

NnsNetlink *nns_netlink_new_here       (GError    **error);
guint64     nns_netlink_get_cookie     (NnsNetlink *self);

gboolean    nns_netlink_set_link_up    (NnsNetlink *self,
                                        int         ifindex,
                                        gboolean    up,
                                        GError    **error);

NnsError    nns_error_code_from_nl     (int         nlerr);
void        nns_set_error_nl           (GError    **error,
                                        int         nlerr,
                                        const char *format,
                                        ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
