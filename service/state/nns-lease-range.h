/* nns-lease-range.h: the ranges LeaseAddress takes addresses from, and
 * the order it tries them in.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "nns-address.h"

G_BEGIN_DECLS

/* Most ranges one call may give. */
#define NNS_LEASE_RANGES_MAX 64

/* One range, all of its addresses with the subnet's prefix. */
typedef struct {
  NnsCidr subnet;    /* the network: host bits clear */
  NnsCidr start;     /* the first address it leases */
  NnsCidr end;       /* the last, inclusive */
  NnsCidr gateway;   /* never leased */
} NnsLeaseRange;

/* The range's words as a caller gives them; NULL for those not given. */
typedef struct {
  const char *subnet;
  const char *range_start;
  const char *range_end;
  const char *gateway;
} NnsLeaseRangeText;

gboolean nns_lease_range_init       (NnsLeaseRange           *range,
                                     const NnsLeaseRangeText *text,
                                     guint                    index,
                                     GError                 **error);
gboolean nns_lease_ranges_check     (const NnsLeaseRange     *ranges,
                                     guint                    n_ranges,
                                     GError                 **error);

gint     nns_lease_ranges_find      (const NnsLeaseRange     *ranges,
                                     guint                    n_ranges,
                                     const NnsCidr           *address);
gboolean nns_lease_ranges_check_wanted (const NnsLeaseRange  *ranges,
                                     guint                    n_ranges,
                                     const NnsCidr           *wanted,
                                     guint                   *index,
                                     GError                 **error);

/* Whether @address (its prefix aside) is leased already. */
typedef gboolean (*NnsLeaseTakenFunc) (const NnsCidr *address,
                                       gpointer       user_data);

gboolean nns_lease_ranges_next_free (const NnsLeaseRange     *ranges,
                                     guint                    n_ranges,
                                     const NnsCidr           *last,
                                     NnsLeaseTakenFunc        taken,
                                     gpointer                 user_data,
                                     NnsCidr                 *found,
                                     guint                   *index);

gboolean nns_cidr_same_address      (const NnsCidr           *a,
                                     const NnsCidr           *b);

G_END_DECLS
