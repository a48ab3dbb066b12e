/* nns-topologies.h: what each declared topology made, kept across
 * daemon restarts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

G_BEGIN_DECLS

#define NNS_TYPE_TOPOLOGIES (nns_topologies_get_type ())
G_DECLARE_FINAL_TYPE (NnsTopologies, nns_topologies, NNS, TOPOLOGIES, GObject)

NnsTopologies *nns_topologies_new            (const char    *directory,
                                              GError       **error);
GVariant      *nns_topologies_get            (NnsTopologies *self,
                                              const char    *name,
                                              uid_t         *owner);
GPtrArray     *nns_topologies_list_names     (NnsTopologies *self);
gboolean       nns_topologies_set            (NnsTopologies *self,
                                              const char    *name,
                                              uid_t          owner,
                                              GVariant      *entries,
                                              GError       **error);
const char    *nns_topologies_find_namespace (NnsTopologies *self,
                                              const char    *namespace,
                                              const char    *other_than);
void           nns_topologies_prune          (NnsTopologies *self,
                                              gboolean     (*exists) (const char *namespace,
                                                                      guint64     inode,
                                                                      gpointer    user_data),
                                              gpointer       user_data);

G_END_DECLS
