/* nns-manager-private.h: what the nns-manager-*.c method groups share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-manager.h"
#include "nns-netlink.h"
#include "nns-spawner.h"

G_BEGIN_DECLS

struct _NnsManager
{
  NnsDBusNetNsSkeleton parent_instance;

  NnsRegistry         *registry;
  NnsAuthority        *authority;
  NnsSpawner          *spawner;
  guint                max_namespaces_per_uid;
};

/* A namespace a call acts on. */
typedef struct {
  char    *name;      /* "" for the host */
  guint64  inode;     /* of the namespace the call was planned for; 0 if not live */
  gboolean is_host;   /* "", or a name bound to the host's own namespace */
  char    *description;
} NnsTarget;

/* How a call touches a link, for the polkit details. */
typedef enum {
  NNS_LINK_NONE,      /* no particular link (routes) */
  NNS_LINK_EXISTING,  /* a link that must exist already */
  NNS_LINK_NEW,       /* a link the call creates, owned by the caller */
} NnsLinkRole;

gboolean    nns_target_init               (NnsTarget        *target,
                                           NnsManager       *manager,
                                           const char       *name,
                                           GError          **error);
void        nns_target_clear              (NnsTarget        *target);

NnsNetlink *nns_manager_target_netlink    (NnsManager       *self,
                                           const NnsTarget  *target,
                                           GError          **error);
NnsNetlink *nns_manager_lookup_netlink    (NnsManager       *self,
                                           const char       *name,
                                           GError          **error);
gboolean    nns_manager_plan_change       (NnsManager       *self,
                                           NnsAuthRequest   *request,
                                           NnsCaller        *caller,
                                           const NnsTarget  *target,
                                           const char       *what,
                                           const char       *link,
                                           NnsLinkRole       role,
                                           const char       *peer_namespace,
                                           GError          **error);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsTarget, nns_target_clear)

gboolean    nns_manager_return_error      (GDBusMethodInvocation *invocation,
                                           const GError          *error);

void        nns_manager_init_link_methods    (NnsDBusNetNsIface *iface);
void        nns_manager_init_address_methods (NnsDBusNetNsIface *iface);
void        nns_manager_init_route_methods   (NnsDBusNetNsIface *iface);
void        nns_manager_init_spawn_methods   (NnsDBusNetNsIface *iface);
void        nns_manager_init_config_methods  (NnsDBusNetNsIface *iface);

G_END_DECLS
