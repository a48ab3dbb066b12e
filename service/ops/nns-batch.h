/* nns-batch.h: what an Apply call knows about its own operations before
 * they run: the namespaces and links it will have made by each step.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

#include "nns-address.h"

G_BEGIN_DECLS

typedef struct _NnsBatch NnsBatch;

NnsBatch *nns_batch_new                  (void);
void      nns_batch_free                 (NnsBatch   *batch);

/* Namespaces the batch creates: noted while the operations are parsed, in
 * order, so that a later operation may name one; their inodes once they
 * exist. */
void      nns_batch_add_namespace        (NnsBatch   *batch,
                                          const char *name);
void      nns_batch_add_attached_namespace (NnsBatch *batch,
                                          const char *name,
                                          uid_t       userns_owner);
gboolean  nns_batch_lookup_attached      (NnsBatch   *batch,
                                          const char *name,
                                          uid_t      *userns_owner);
gboolean  nns_batch_has_namespace        (NnsBatch   *batch,
                                          const char *name);
guint     nns_batch_count_namespaces     (NnsBatch   *batch);
void      nns_batch_set_namespace_inode  (NnsBatch   *batch,
                                          const char *name,
                                          guint64     inode);
guint64   nns_batch_get_namespace_inode  (NnsBatch   *batch,
                                          const char *name);

/* Links the batch creates, moves or renames, where they stand after the
 * operations planned so far ("" is the host), each with the owner a host
 * link will have ((uid_t) -1: none). Planning runs in order, so an
 * operation sees only what the ones before it did. All take a NULL batch
 * (a call of its own), which knows no links. */
void      nns_batch_add_link             (NnsBatch   *batch,
                                          const char *namespace,
                                          const char *link,
                                          uid_t       owner);
void      nns_batch_remove_link          (NnsBatch   *batch,
                                          const char *namespace,
                                          const char *link);
gboolean  nns_batch_lookup_link          (NnsBatch   *batch,
                                          const char *namespace,
                                          const char *link,
                                          uid_t      *owner);

/* Addresses the batch adds, where ("" is the host): for telling, before
 * they exist, which namespace a port forward's target is in. */
void        nns_batch_add_address        (NnsBatch      *batch,
                                          const char    *namespace,
                                          const NnsCidr *address);
const char *nns_batch_find_address       (NnsBatch      *batch,
                                          const NnsCidr *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsBatch, nns_batch_free)

G_END_DECLS
