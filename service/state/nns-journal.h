/* nns-journal.h: changes in progress, so that a restart can undo the
 * ones a crash interrupted.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A veth pair about to be made. */
typedef struct {
  char    *id;               /* the entry's, for nns_journal_end() */
  char    *namespace;        /* where the first end goes: "" for the host */
  guint64  namespace_inode;  /* which namespace that name held */
  char    *name;
  char    *peer_namespace;
  char    *peer_name;
} NnsVethIntent;

void nns_veth_intent_free (NnsVethIntent *intent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsVethIntent, nns_veth_intent_free)

#define NNS_TYPE_JOURNAL (nns_journal_get_type ())
G_DECLARE_FINAL_TYPE (NnsJournal, nns_journal, NNS, JOURNAL, GObject)

NnsJournal *nns_journal_new          (const char          *directory,
                                      GError             **error);
char       *nns_journal_begin_veth   (NnsJournal          *self,
                                      const NnsVethIntent *intent,
                                      GError             **error);
void        nns_journal_end          (NnsJournal          *self,
                                      const char          *id);
GPtrArray  *nns_journal_list_veths   (NnsJournal          *self);

G_END_DECLS
