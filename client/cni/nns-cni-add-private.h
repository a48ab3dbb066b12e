/* nns-cni-add-private.h: what ADD's two files share: the plan of an
 * attachment (nns-cni-add.c leases and applies it, nns-cni-add-plan.c
 * fills in its Apply).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-cni-env.h"
#include "nns-cni-netconf.h"
#include "nns-cni-netnsd.h"
#include "nns-cni-result.h"

G_BEGIN_DECLS

typedef struct {
  const NnsCniEnv *env;
  NnsCniNetConf   *conf;
  NnsCniNetnsd    *netnsd;
  GArray          *leases;          /* of NnsCniLease, one per range set */
  char            *namespace;       /* the container's namespace, as netnsd names it */
  gboolean         attach;          /* the Apply attaches it under that name */
  char            *host_link;
  char            *host_mac;
  char            *container_mac;
  char            *bridge_mac;      /* NULL: read it back after the Apply */
  GVariantBuilder *operations;      /* NULL between plans */
  guint            n_operations;
  GArray          *shared;          /* numbers of the operations on shared things */
  NnsCniResult    *routes;          /* the routes, as the result lists them */
} NnsCniAddPlan;

/* Fills plan->operations (a new builder) and plan->routes from what
 * netnsd lists now, after plan->leases and plan->namespace are known. */
gboolean nns_cni_add_plan_build           (NnsCniAddPlan *plan,
                                           GError       **error);

/* TRUE when the Apply failed with Exists on one of the plan's operations
 * on shared things: it is worth planning again. */
gboolean nns_cni_add_plan_failed_on_shared (NnsCniAddPlan *plan,
                                            const GError  *error);

G_END_DECLS
