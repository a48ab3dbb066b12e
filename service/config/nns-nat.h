/* nns-nat.h: the masquerades and port forwards of every namespace: their
 * records, their nftables table and the sysctls they need.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "nns-nat-rules.h"
#include "nns-registry.h"

G_BEGIN_DECLS

#define NNS_TYPE_NAT (nns_nat_get_type ())
G_DECLARE_FINAL_TYPE (NnsNat, nns_nat, NNS, NAT, GObject)

NnsNat            *nns_nat_new       (NnsRegistry        *registry,
                                      const char         *records_directory,
                                      GError            **error);
void               nns_nat_restore   (NnsNat             *self);
const NnsNatRules *nns_nat_get_rules (NnsNat             *self,
                                      const char         *namespace);
gboolean           nns_nat_set_rules (NnsNat             *self,
                                      const char         *namespace,
                                      const NnsNatRules  *rules,
                                      GError            **error);

G_END_DECLS
