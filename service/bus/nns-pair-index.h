/* nns-pair-index.h: values filed under a pair of numbers, several to a pair.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _NnsPairIndex NnsPairIndex;

NnsPairIndex *nns_pair_index_new    (void);
void          nns_pair_index_free   (NnsPairIndex *index);
void          nns_pair_index_add    (NnsPairIndex *index,
                                     int           first,
                                     int           second,
                                     gpointer      value);
void          nns_pair_index_remove (NnsPairIndex *index,
                                     int           first,
                                     int           second,
                                     gpointer      value);
const GSList *nns_pair_index_lookup (NnsPairIndex *index,
                                     int           first,
                                     int           second);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsPairIndex, nns_pair_index_free)

G_END_DECLS
