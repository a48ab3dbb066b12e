/* nns-ctl-topology.h: what netnsctl up and down share: the plan, and
 * what netnsd has (nns-ctl-topology-state.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-ctl.h"

G_BEGIN_DECLS

/* One operation of the plan, as libnetns made it. */
typedef struct {
  GVariant   *operation;   /* (sa{sv}) */
  const char *method;      /* its method */
  GVariant   *arguments;   /* its arguments, a{sv} */
  char       *where;       /* "FILE:LINE", or what the removal is for */
} Op;

typedef struct {
  NnsCtl     *ctl;
  const char *path;            /* as given */
  char       *name;            /* the topology's: the file's absolute path */
  GPtrArray  *file_ops;        /* of Op */
  GVariant   *record;          /* GetTopology's aa{sv} */
  GHashTable *inodes;          /* namespace -> inode (guint64 *); "" the host */
  GHashTable *links;           /* namespace -> ListLinks' aa{sv} */
  GHashTable *routes;          /* namespace -> ListRoutes' aa{sv} */
  GHashTable *file_keys;       /* what the file's lines make */
  GHashTable *declared;        /* namespaces the file declares (add NAME) */
  GHashTable *gone_namespaces; /* namespaces the plan deletes */
  GHashTable *gone_links;      /* "NS/LINK" the plan deletes */
  GPtrArray  *undoable;        /* step 1, of Op */
  GPtrArray  *before;          /* step 2 */
  GPtrArray  *changes;         /* step 3 */
  GPtrArray  *link_deletions;  /* step 4 */
  GPtrArray  *ns_deletions;
  GPtrArray  *forget;          /* keys of record entries gone by other hands */
} Plan;

void        nns_topo_op_free          (gpointer    data);
Op         *nns_topo_op_new           (GVariant   *operation,
                                       const char *where);
void        nns_topo_plan_init        (Plan       *plan,
                                       NnsCtl     *ctl,
                                       const char *path);
void        nns_topo_plan_clear       (Plan       *plan);
const char *nns_topo_string_argument  (GVariant   *arguments,
                                       const char *name);
char       *nns_topo_full_key         (const char *method,
                                       GVariant   *arguments);
char       *nns_topo_link_id          (const char *namespace,
                                       const char *link);
gboolean    nns_topo_fetch_record     (Plan       *plan,
                                       GError    **error);
gboolean    nns_topo_fetch_namespaces (Plan       *plan,
                                       GError    **error);
gboolean    nns_topo_namespace_exists (Plan       *plan,
                                       const char *namespace);
GVariant   *nns_topo_find_link        (Plan       *plan,
                                       const char *namespace,
                                       const char *name);
gboolean    nns_topo_link_has_address (GVariant   *link,
                                       const char *address);
gboolean    nns_topo_route_exists     (Plan       *plan,
                                       GVariant   *arguments);
gboolean    nns_topo_recorded_as_is   (Plan       *plan,
                                       const char *method,
                                       GVariant   *arguments);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, nns_topo_plan_clear)

G_END_DECLS
