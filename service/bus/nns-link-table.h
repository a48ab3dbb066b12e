/* nns-link-table.h: the links of one namespace, as objects on the bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-link.h"
#include "nns-netlink.h"

G_BEGIN_DECLS

#define NNS_TYPE_LINK_TABLE (nns_link_table_get_type ())
G_DECLARE_FINAL_TYPE (NnsLinkTable, nns_link_table, NNS, LINK_TABLE, GObject)

typedef void (*NnsLinkTableFunc) (NnsLinkTable *table,
                                  NnsLink      *link,
                                  gpointer      data);

struct rtnl_link;

/* Who follows a table's links (NnsVethPeers, through the exporter): told
 * of each link that came or changed (@rtnl: libnl's view of it; @renamed:
 * its name is new) or went (before its object goes), and of the end of a
 * batch of those. Plain functions rather than signals: thousands of tables
 * would each cost the closures of their handlers. */
typedef struct {
  void (*link_changed) (NnsLinkTable     *table,
                        NnsLink          *link,
                        struct rtnl_link *rtnl,
                        gboolean          renamed,
                        gpointer          data);
  void (*link_removed) (NnsLinkTable     *table,
                        NnsLink          *link,
                        gpointer          data);
  void (*settled)      (NnsLinkTable     *table,
                        gpointer          data);
} NnsLinkTableObserver;

NnsLinkTable *nns_link_table_new            (const char                 *name,
                                             const char                 *namespace_path,
                                             NnsNetlink                 *netlink,
                                             gboolean                    host_view,
                                             GDBusObjectManagerServer   *object_manager);
void          nns_link_table_set_observer   (NnsLinkTable               *self,
                                             const NnsLinkTableObserver *observer,
                                             gpointer                    data);
void          nns_link_table_start          (NnsLinkTable               *self);
void          nns_link_table_stop           (NnsLinkTable               *self);

NnsLink      *nns_link_table_lookup         (NnsLinkTable             *self,
                                             int                       ifindex);
void          nns_link_table_foreach        (NnsLinkTable             *self,
                                             NnsLinkTableFunc          func,
                                             gpointer                  data);
void          nns_link_table_refresh_link   (NnsLinkTable             *self,
                                             int                       ifindex);

const char   *nns_link_table_get_name       (NnsLinkTable             *self);
int           nns_link_table_get_nsid       (NnsLinkTable             *self);
gboolean      nns_link_table_is_host_view   (NnsLinkTable             *self);

G_END_DECLS
