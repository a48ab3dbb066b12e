/* nns-apply-topology.h: an Apply with the option "topology": what it may
 * take, and the record of what it made.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

#include "nns-registry.h"
#include "nns-topologies.h"

G_BEGIN_DECLS

typedef struct _NnsApplyTopology NnsApplyTopology;

NnsApplyTopology *nns_apply_topology_new          (NnsTopologies     *store,
                                                   NnsRegistry       *registry,
                                                   const char        *name,
                                                   const char *const *namespaces,
                                                   const char *const *forget,
                                                   GError           **error);
void              nns_apply_topology_free         (NnsApplyTopology  *self);
gboolean          nns_apply_topology_takes        (const char        *method);
gboolean          nns_apply_topology_check_step   (NnsApplyTopology  *self,
                                                   const char        *method,
                                                   GVariant          *arguments,
                                                   char             **remake_method,
                                                   GVariant         **remake,
                                                   GError           **error);
gboolean          nns_apply_topology_check_caller (NnsApplyTopology  *self,
                                                   uid_t              uid,
                                                   GError           **error);
void              nns_apply_topology_note_done    (NnsApplyTopology  *self,
                                                   const char        *method,
                                                   GVariant          *arguments);
gboolean          nns_apply_topology_commit       (NnsApplyTopology  *self,
                                                   uid_t              uid,
                                                   GError           **error);
void              nns_apply_topology_prune        (NnsTopologies     *store,
                                                   NnsRegistry       *registry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsApplyTopology, nns_apply_topology_free)

G_END_DECLS
