/* nns-manager.h: the org.example.NetNs manager object.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-authority.h"
#include "nns-dbus-generated.h"
#include "nns-etc-netns.h"
#include "nns-journal.h"
#include "nns-lease-store.h"
#include "nns-lifetimes.h"
#include "nns-limits.h"
#include "nns-link-owners.h"
#include "nns-nat.h"
#include "nns-registry.h"
#include "nns-spawner.h"
#include "nns-topologies.h"

G_BEGIN_DECLS

#define NNS_TYPE_MANAGER (nns_manager_get_type ())
G_DECLARE_FINAL_TYPE (NnsManager, nns_manager, NNS, MANAGER, NnsDBusNetNsSkeleton)


NnsManager *nns_manager_new (NnsRegistry   *registry,
                             NnsLinkOwners *link_owners,
                             NnsJournal    *journal,
                             NnsEtcNetns   *etc_netns,
                             NnsAuthority  *authority,
                             NnsSpawner    *spawner,
                             NnsNat        *nat);
void        nns_manager_set_limits (NnsManager      *self,
                                    const NnsLimits *limits);
void        nns_manager_set_lifetimes (NnsManager   *self,
                                       NnsLifetimes *lifetimes);
void        nns_manager_set_topologies (NnsManager    *self,
                                        NnsTopologies *topologies);
void        nns_manager_set_leases     (NnsManager    *self,
                                        NnsLeaseStore *leases);

G_END_DECLS
