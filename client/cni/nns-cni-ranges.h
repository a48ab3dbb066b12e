/* nns-cni-ranges.h: where addresses come from, as host-local reads it.
 *
 * A range set gives one address: its ranges are tried in order. A network
 * has one range set per address each container gets (one IPv4, one IPv6).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "nns-address.h"

G_BEGIN_DECLS

typedef struct {
  NnsCidr subnet;     /* host bits clear */
  NnsCidr start;      /* plain addresses (prefix = the family's length), */
  NnsCidr end;        /* defaults filled in as host-local fills them */
  NnsCidr gateway;
  gboolean explicit_start;
  gboolean explicit_end;
  gboolean explicit_gateway;
} NnsCniRange;

typedef struct {
  GArray *ranges;     /* of NnsCniRange */
} NnsCniRangeSet;

/* Reads "ranges" (an array of range sets, each an array of ranges) and
 * the single range of "subnet", "rangeStart", "rangeEnd" and "gateway",
 * which comes first, from @object (the "ipam" section); fills a
 * GPtrArray of NnsCniRangeSet. Fails with NNS_CNI_ERROR_INVALID_CONFIG. */
gboolean  nns_cni_ranges_parse         (JsonObject     *object,
                                        const char     *where,
                                        GPtrArray     **sets,
                                        GError        **error);

void      nns_cni_range_set_free       (NnsCniRangeSet *set);

int       nns_cni_range_set_family     (const NnsCniRangeSet *set);

/* The set as LeaseAddress's "ranges" option (aa{sv}). */
GVariant *nns_cni_range_set_to_variant (const NnsCniRangeSet *set);

gboolean  nns_cni_range_set_contains   (const NnsCniRangeSet *set,
                                        const NnsCidr        *address);

/* How many addresses the set can lease (gateways excluded), at most
 * G_MAXUINT64. */
guint64   nns_cni_range_set_capacity   (const NnsCniRangeSet *set);

/* Address arithmetic on NnsCidr bytes, in the family's length. */
int       nns_cni_address_compare      (const NnsCidr *a,
                                        const NnsCidr *b);
gboolean  nns_cni_subnet_contains      (const NnsCidr *subnet,
                                        const NnsCidr *address);
void      nns_cni_network_of           (const NnsCidr *address,
                                        NnsCidr       *network);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsCniRangeSet, nns_cni_range_set_free)

G_END_DECLS
