/* nns-lease-store.h: the addresses leased from each pool, kept across
 * daemon restarts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "nns-lease-range.h"

G_BEGIN_DECLS

typedef struct {
  char    *holder;
  NnsCidr  address;   /* with its subnet's prefix */
  NnsCidr  gateway;   /* of the range it came from */
} NnsLease;

/* What LeaseAddress asks for. */
typedef struct {
  const char          *pool;
  const char          *holder;
  const NnsLeaseRange *ranges;
  guint                n_ranges;
  const NnsCidr       *wanted;    /* option "address", or NULL */
} NnsLeaseRequest;

#define NNS_TYPE_LEASE_STORE (nns_lease_store_get_type ())
G_DECLARE_FINAL_TYPE (NnsLeaseStore, nns_lease_store, NNS, LEASE_STORE, GObject)

NnsLeaseStore  *nns_lease_store_new     (const char            *directory,
                                         GError               **error);
gboolean        nns_lease_store_lease   (NnsLeaseStore         *self,
                                         const NnsLeaseRequest *request,
                                         gboolean               record,
                                         NnsLease              *lease,
                                         gboolean              *made,
                                         GError               **error);
guint           nns_lease_store_release (NnsLeaseStore         *self,
                                         const char            *pool,
                                         const char * const    *holders,
                                         gboolean               keep_only);
GPtrArray      *nns_lease_store_list    (NnsLeaseStore         *self,
                                         const char            *pool);

void            nns_lease_clear         (NnsLease              *lease);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsLease, nns_lease_clear)

G_END_DECLS
