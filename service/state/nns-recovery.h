/* nns-recovery.h: undoing, at start-up, what a crash left half done.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-etc-netns.h"
#include "nns-journal.h"
#include "nns-link-owners.h"
#include "nns-owner-store.h"
#include "nns-registry.h"

G_BEGIN_DECLS

void nns_recovery_before_scan (NnsOwnerStore *owners,
                               NnsNetnsDir   *dir);
void nns_recovery_after_scan  (NnsRegistry   *registry,
                               NnsOwnerStore *owners,
                               NnsJournal    *journal,
                               NnsLinkOwners *link_owners,
                               NnsEtcNetns   *etc_netns);

G_END_DECLS
