/* nns-link.h: one network link, as a D-Bus object.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-dbus-generated.h"

G_BEGIN_DECLS

struct rtnl_link;

#define NNS_TYPE_LINK (nns_link_get_type ())
G_DECLARE_FINAL_TYPE (NnsLink, nns_link, NNS, LINK, NnsDBusNetNsLinkSkeleton)

NnsLink    *nns_link_new             (void);
const char *nns_link_kind_of         (struct rtnl_link   *link);
gboolean    nns_link_update          (NnsLink            *self,
                                      struct rtnl_link   *link,
                                      const char         *master);
void        nns_link_set_master      (NnsLink            *self,
                                      const char         *master);
void        nns_link_set_peer        (NnsLink            *self,
                                      const char         *peer);
void        nns_link_set_addresses   (NnsLink            *self,
                                      const char * const *addresses);
void        nns_link_add_address     (NnsLink            *self,
                                      const char         *cidr);
void        nns_link_remove_address  (NnsLink            *self,
                                      const char         *cidr);
void        nns_link_forget_properties (NnsLink          *self);

const char *nns_link_get_name        (NnsLink            *self);
int         nns_link_get_index       (NnsLink            *self);

G_END_DECLS
