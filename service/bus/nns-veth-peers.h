/* nns-veth-peers.h: which veth is whose other end, across namespaces.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-link-table.h"

G_BEGIN_DECLS

#define NNS_TYPE_VETH_PEERS (nns_veth_peers_get_type ())
G_DECLARE_FINAL_TYPE (NnsVethPeers, nns_veth_peers, NNS, VETH_PEERS, GObject)

struct rtnl_link;

NnsVethPeers *nns_veth_peers_new          (void);
void          nns_veth_peers_add_table    (NnsVethPeers     *self,
                                           NnsLinkTable     *table,
                                           gboolean          is_host);
void          nns_veth_peers_remove_table (NnsVethPeers     *self,
                                           NnsLinkTable     *table);
void          nns_veth_peers_update       (NnsVethPeers     *self,
                                           NnsLinkTable     *table,
                                           NnsLink          *link,
                                           struct rtnl_link *rtnl,
                                           gboolean          renamed);
void          nns_veth_peers_remove       (NnsVethPeers     *self,
                                           NnsLink          *link);
void          nns_veth_peers_settle       (NnsVethPeers     *self);

G_END_DECLS
