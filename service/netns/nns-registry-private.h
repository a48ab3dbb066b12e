/* nns-registry-private.h: what nns-registry.c and nns-registry-create.c
 * share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-link-events.h"
#include "nns-netns-monitor.h"
#include "nns-registry.h"

G_BEGIN_DECLS

struct _NnsRegistry
{
  GObject                   parent_instance;

  NnsNetnsDir              *dir;
  NnsNetnsMonitor          *monitor;
  NnsOwnerStore            *owners;
  NnsNetlink               *host_netlink;
  NnsNamespace             *host;       /* the host's own, not among the named ones */
  NnsLinkEvents            *link_events;
  GHashTable               *namespaces; /* name -> NnsNamespace */
  GHashTable               *owned;      /* uid -> how many recorded namespaces it owns */
  GHashTable               *stale;      /* names of entries that are not live namespaces */
  GHashTable               *pending;    /* name -> PendingEntry */
};

void     nns_registry_add            (NnsRegistry  *self,
                                      NnsNamespace *ns);
void     nns_registry_remove         (NnsRegistry  *self,
                                      NnsNamespace *ns);
gboolean nns_registry_attach_netlink (NnsRegistry  *self,
                                      NnsNamespace *ns,
                                      NnsNetlink   *netlink,
                                      GError      **error);
NnsNetlink *nns_registry_open_netlink (NnsRegistry *self,
                                      const char  *name,
                                      GError     **error);
char    *nns_registry_describe       (const char   *name);

G_END_DECLS
