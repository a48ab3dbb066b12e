/* nns-topology.h: what a declared topology records, shared by netnsd
 * (which keeps the record) and netnsctl (which computes the difference
 * between a file, the record and the system).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One kind of thing a topology makes. Adding a kind is one entry in the
 * table of nns-topology.c. */
typedef struct {
  const char *kind;            /* "address" */
  const char *make;            /* the Apply method that makes it: "AddAddress" */
  const char *remove;          /* the one that removes it; NULL: left as it is when dropped */
  gboolean    remade_on_undo;  /* a removal in a failed Apply is undone by making it again */
  const char *identity[4];     /* the arguments that tell one from another, NULL-ended */
} NnsTopologyKind;

const NnsTopologyKind *nns_topology_kind_for_make   (const char *method);
const NnsTopologyKind *nns_topology_kind_for_remove (const char *method);
const NnsTopologyKind *nns_topology_kind_next_remover (const char            *method,
                                                       const NnsTopologyKind *after);

char      *nns_topology_key         (const NnsTopologyKind *kind,
                                     GVariant              *arguments);
GVariant  *nns_topology_entry_new   (const char            *method,
                                     GVariant              *arguments,
                                     guint64                inode);
gboolean   nns_topology_entry_parse (GVariant              *entry,
                                     const char           **method,
                                     GVariant             **arguments,
                                     guint64               *inode);
GPtrArray *nns_topology_namespaces  (const char            *method,
                                     GVariant              *arguments);
gboolean   nns_topology_is_dns_removal (const char         *method,
                                        GVariant           *arguments);

G_END_DECLS
