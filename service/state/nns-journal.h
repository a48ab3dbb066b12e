/* nns-journal.h: changes in progress, so that a restart can undo the
 * ones a crash interrupted.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NNS_TYPE_JOURNAL (nns_journal_get_type ())
G_DECLARE_FINAL_TYPE (NnsJournal, nns_journal, NNS, JOURNAL, GObject)

NnsJournal *nns_journal_new     (const char *directory,
                                 GError    **error);
char       *nns_journal_begin   (NnsJournal *self,
                                 GKeyFile   *entry,
                                 GError    **error);
void        nns_journal_end     (NnsJournal *self,
                                 const char *id);
GPtrArray  *nns_journal_list    (NnsJournal *self);

G_END_DECLS
