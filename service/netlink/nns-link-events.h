/* nns-link-events.h: link notifications of every namespace, on one socket.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "nns-netlink.h"

G_BEGIN_DECLS

#define NNS_TYPE_LINK_EVENTS (nns_link_events_get_type ())
G_DECLARE_FINAL_TYPE (NnsLinkEvents, nns_link_events, NNS, LINK_EVENTS, GObject)

NnsLinkEvents *nns_link_events_new     (GError       **error);
void           nns_link_events_watch   (NnsLinkEvents *self,
                                        int            nsid,
                                        NnsNetlink    *netlink);
void           nns_link_events_unwatch (NnsLinkEvents *self,
                                        NnsNetlink    *netlink);
void           nns_link_events_drain   (NnsLinkEvents *self);

G_END_DECLS
