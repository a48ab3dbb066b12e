/* nns-nft-monitor.h: changes to netnsd's nftables table made by others,
 * in every namespace, on one socket.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Namespace ids besides the kernel's (and NNS_HOST_NSID, the host's). */
#define NNS_NFT_NSID_NONE  (G_MININT + 1)  /* no namespace: one whose id is unknown */
#define NNS_NFT_NSID_EVERY G_MININT        /* every namespace */

/* Someone changed (or removed) netnsd's table in the namespace with id
 * @nsid (NNS_HOST_NSID: the host; NNS_NFT_NSID_EVERY: notifications were
 * lost, any may have). */
typedef void (*NnsNftChangedFunc) (int      nsid,
                                   gpointer user_data);

#define NNS_TYPE_NFT_MONITOR (nns_nft_monitor_get_type ())
G_DECLARE_FINAL_TYPE (NnsNftMonitor, nns_nft_monitor, NNS, NFT_MONITOR, GObject)

NnsNftMonitor *nns_nft_monitor_new   (NnsNftChangedFunc  changed,
                                      gpointer           user_data,
                                      GError           **error);
void           nns_nft_monitor_drain (NnsNftMonitor     *self,
                                      int                own_nsid);

gboolean       nns_nft_table_exists_here (gboolean  *exists,
                                          GError   **error);

G_END_DECLS
