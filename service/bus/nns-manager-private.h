/* nns-manager-private.h: what the nns-manager-*.c method groups, the
 * runner and the targets of ops/ share: the manager's state.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-batch.h"
#include "nns-etc-netns.h"
#include "nns-journal.h"
#include "nns-lease-store.h"
#include "nns-lifetimes.h"
#include "nns-limits.h"
#include "nns-link-owners.h"
#include "nns-manager.h"
#include "nns-netlink.h"
#include "nns-operation.h"
#include "nns-spawner.h"
#include "nns-target.h"
#include "nns-topologies.h"

G_BEGIN_DECLS

struct _NnsManager
{
  NnsDBusNetNsSkeleton parent_instance;

  NnsRegistry         *registry;
  NnsLinkOwners       *link_owners;  /* who made each host link */
  NnsJournal          *journal;      /* changes in progress, undone after a crash */
  NnsEtcNetns         *etc_netns;    /* /etc/netns, for SetDns */
  NnsAuthority        *authority;
  NnsSpawner          *spawner;
  NnsLimits            limits;
  NnsNat              *nat;          /* masquerades and port forwards */
  NnsLifetimes        *lifetimes;    /* namespaces that end with their creator */
  NnsTopologies       *topologies;   /* what each declared topology made */
  NnsLeaseStore       *leases;       /* the addresses leased from each pool */
  GVariant            *namespaces;   /* ListNamespaces' answer, until one comes or goes */
};

gboolean    nns_manager_return_error      (GDBusMethodInvocation *invocation,
                                           const GError          *error);
gboolean    nns_manager_check_namespace_quota (NnsManager        *self,
                                               uid_t              uid,
                                               guint              creating,
                                               GError           **error);

void        nns_manager_init_namespace_methods (NnsDBusNetNsIface *iface);
void        nns_manager_init_attach_method   (NnsDBusNetNsIface *iface);
void        nns_manager_init_lease_methods   (NnsDBusNetNsIface *iface);
void        nns_manager_init_link_methods    (NnsDBusNetNsIface *iface);
void        nns_manager_init_link_change_methods (NnsDBusNetNsIface *iface);
void        nns_manager_init_link_create_method (NnsDBusNetNsIface *iface);
void        nns_manager_init_address_methods (NnsDBusNetNsIface *iface);
void        nns_manager_init_route_methods   (NnsDBusNetNsIface *iface);
void        nns_manager_init_spawn_methods   (NnsDBusNetNsIface *iface);
void        nns_manager_init_spawn           (NnsManager        *self);
void        nns_manager_init_config_methods  (NnsDBusNetNsIface *iface);
void        nns_manager_init_nat_methods     (NnsDBusNetNsIface *iface);
void        nns_manager_init_apply_method    (NnsDBusNetNsIface *iface);
void        nns_manager_init_topology_methods (NnsDBusNetNsIface *iface);

/* The operations Apply takes, from their method groups. */
extern const NnsOperation nns_create_namespace_operation;
extern const NnsOperation nns_attach_namespace_operation;
extern const NnsOperation nns_create_veth_operation;
extern const NnsOperation nns_create_link_operation;
extern const NnsOperation nns_move_link_operation;
extern const NnsOperation nns_set_link_operation;
extern const NnsOperation nns_add_address_operation;
extern const NnsOperation nns_add_route_operation;
extern const NnsOperation nns_set_sysctl_operation;
extern const NnsOperation nns_set_dns_operation;
extern const NnsOperation nns_add_masquerade_operation;
extern const NnsOperation nns_remove_masquerade_operation;
extern const NnsOperation nns_add_port_forward_operation;
extern const NnsOperation nns_remove_port_forward_operation;
/* Taken by a topology's Apply only (ops/nns-apply-topology.c). */
extern const NnsOperation nns_remove_address_operation;
extern const NnsOperation nns_remove_route_operation;
extern const NnsOperation nns_delete_link_operation;
extern const NnsOperation nns_delete_namespace_operation;

G_END_DECLS
