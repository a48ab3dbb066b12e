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
  guint64  peer_namespace_inode;  /* 0 unless known (a batch's steps) */
} NnsVethIntent;

void nns_veth_intent_free (NnsVethIntent *intent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsVethIntent, nns_veth_intent_free)

/* What one finished operation of an Apply made, that must go if the Apply
 * never completes: a namespace, or a veth pair. */
typedef struct {
  guint          index;            /* the operation's, from 0 */
  char          *namespace;        /* a namespace made: its name and inode */
  guint64        namespace_inode;
  NnsVethIntent *veth;             /* or a veth pair made (its id unused) */
} NnsBatchStep;

void nns_batch_step_free (NnsBatchStep *step);

/* An Apply that was running: its finished steps, last first. */
typedef struct {
  char      *id;
  guint32    uid;                  /* who asked, for the log */
  GPtrArray *steps;                /* of NnsBatchStep */
} NnsBatchIntent;

void nns_batch_intent_free (NnsBatchIntent *intent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsBatchIntent, nns_batch_intent_free)

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

char       *nns_journal_begin_batch  (NnsJournal          *self,
                                      guint32              uid,
                                      GError             **error);
gboolean    nns_journal_record_batch_step (NnsJournal         *self,
                                           const char         *id,
                                           const NnsBatchStep *step,
                                           GError            **error);
void        nns_journal_forget_batch_step (NnsJournal         *self,
                                           const char         *id,
                                           guint               index);
void        nns_journal_end_batch    (NnsJournal          *self,
                                      const char          *id);
GPtrArray  *nns_journal_list_batches (NnsJournal          *self);

G_END_DECLS
