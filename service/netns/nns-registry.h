/* nns-registry.h: the namespaces that exist, kept in step with /run/netns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

#include "nns-namespace.h"
#include "nns-netns-dir.h"
#include "nns-netns-fd.h"
#include "nns-owner-store.h"

G_BEGIN_DECLS

/* How a new namespace starts. */
typedef struct {
  gboolean loopback_up;   /* lo up, as most programs expect */
  gboolean open_ping;     /* net.ipv4.ping_group_range open to every group */
  const char *creator;    /* lifetime "client": the creator's unique bus name; else NULL */
} NnsNamespaceOptions;

#define NNS_TYPE_REGISTRY (nns_registry_get_type ())
G_DECLARE_FINAL_TYPE (NnsRegistry, nns_registry, NNS, REGISTRY, GObject)

NnsRegistry  *nns_registry_new    (const char               *netns_dir,
                                   NnsOwnerStore            *owners,
                                   GError                  **error);
void          nns_registry_scan   (NnsRegistry              *self);
NnsNetnsDir  *nns_registry_get_netns_dir (NnsRegistry       *self);

NnsNamespace *nns_registry_lookup (NnsRegistry              *self,
                                   const char               *name);
GPtrArray    *nns_registry_list   (NnsRegistry              *self);

NnsNamespace *nns_registry_create (NnsRegistry               *self,
                                   const char                *name,
                                   uid_t                      owner,
                                   const NnsNamespaceOptions *options,
                                   GError                   **error);
gboolean      nns_registry_check_not_host   (NnsRegistry          *self,
                                             const NnsNetnsFdInfo *info,
                                             GError              **error);
gboolean      nns_registry_check_attachable (NnsRegistry          *self,
                                             const char           *name,
                                             const NnsNetnsFdInfo *info,
                                             GError              **error);
NnsNamespace *nns_registry_attach (NnsRegistry              *self,
                                   const char               *name,
                                   int                       fd,
                                   const NnsNetnsFdInfo     *info,
                                   uid_t                     owner,
                                   GError                  **error);
gboolean      nns_registry_delete (NnsRegistry              *self,
                                   NnsNamespace             *ns,
                                   GError                  **error);

NnsNamespace  *nns_registry_get_host          (NnsRegistry  *self);
NnsNetlink    *nns_registry_get_host_netlink (NnsRegistry  *self);
NnsNetlink    *nns_registry_get_netlink      (NnsRegistry  *self,
                                              NnsNamespace *ns,
                                              GError      **error);
guint          nns_registry_count_owned      (NnsRegistry  *self,
                                              uid_t         uid);
int            nns_registry_open_namespace   (NnsRegistry  *self,
                                              const char   *name,
                                              GError      **error);
guint64        nns_registry_get_host_inode   (NnsRegistry  *self);
gboolean       nns_registry_run_in           (NnsRegistry  *self,
                                              const char   *name,
                                              NnsNetnsFunc  func,
                                              gpointer      user_data,
                                              GError      **error);

G_END_DECLS
