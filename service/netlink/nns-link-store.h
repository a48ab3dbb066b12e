/* nns-link-store.h: the links of one namespace, by index.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-libnl.h"

G_BEGIN_DECLS

typedef struct _NnsLinkStore NnsLinkStore;

/* A link came or changed (@link is the store's, valid until the store
 * next changes), or went (@link is NULL). @old is what the store held
 * before (NULL for a link that came), valid during the call. */
typedef void (*NnsLinkStoreChangeFunc) (int               ifindex,
                                        struct rtnl_link *link,
                                        struct rtnl_link *old,
                                        gpointer          data);

NnsLinkStore     *nns_link_store_new     (void);
void              nns_link_store_free    (NnsLinkStore *store);

int               nns_link_store_load    (NnsLinkStore           *store,
                                          struct nl_sock         *sock,
                                          NnsLinkStoreChangeFunc  changed,
                                          gpointer                data);
void              nns_link_store_include (NnsLinkStore           *store,
                                          struct rtnl_link       *link,
                                          gboolean                removed,
                                          NnsLinkStoreChangeFunc  changed,
                                          gpointer                data);

guint             nns_link_store_count   (NnsLinkStore *store);
struct rtnl_link *nns_link_store_nth     (NnsLinkStore *store,
                                          guint         i);
struct rtnl_link *nns_link_store_lookup  (NnsLinkStore *store,
                                          int           ifindex);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsLinkStore, nns_link_store_free)

G_END_DECLS
