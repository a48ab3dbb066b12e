/* nns-nftables.h: netnsd's own nftables table in a namespace, written
 * whole from its rules through libnftables.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "nns-nat-rules.h"

G_BEGIN_DECLS

/* The table netnsd owns in each namespace; it touches no other. */
#define NNS_NFT_FAMILY "inet"
#define NNS_NFT_TABLE "netnsd"

/* A libnftables context whose netlink socket talks to the namespace the
 * calling thread was in when it was made. */
typedef struct _NnsNftables NnsNftables;

char        *nns_nftables_render    (const NnsNatRules *rules);
NnsNftables *nns_nftables_new_here  (GError           **error);
gboolean     nns_nftables_run       (NnsNftables       *self,
                                     const char        *script,
                                     const char        *where,
                                     GError           **error);
void         nns_nftables_free      (NnsNftables       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNftables, nns_nftables_free)

G_END_DECLS
