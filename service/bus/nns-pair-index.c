/* nns-pair-index.c: values filed under a pair of numbers, several to a pair.
 *
 * NnsVethPeers files the veths of namespaces other than the host under
 * (their index, their other end's index), to find an end's candidates
 * among thousands in one look-up. Most pairs hold one value: a list each,
 * not a set.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-pair-index.h"

typedef struct {
  guint64  key;       /* both numbers: the hash table's key points here */
  GSList  *values;
} Entry;

struct _NnsPairIndex
{
  GHashTable *entries;   /* &Entry.key -> Entry */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_slist_free (entry->values);
  g_free (entry);
}

static guint64
pair_key (int first,
          int second)
{
  return ((guint64) (guint32) first << 32) | (guint32) second;
}

static Entry *
lookup_entry (NnsPairIndex *index,
              int           first,
              int           second)
{
  guint64 key = pair_key (first, second);

  return g_hash_table_lookup (index->entries, &key);
}

NnsPairIndex *
nns_pair_index_new (void)
{
  NnsPairIndex *index = g_new0 (NnsPairIndex, 1);

  index->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, entry_free);
  return index;
}

void
nns_pair_index_free (NnsPairIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->entries);
  g_free (index);
}

void
nns_pair_index_add (NnsPairIndex *index,
                    int           first,
                    int           second,
                    gpointer      value)
{
  Entry *entry = lookup_entry (index, first, second);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->key = pair_key (first, second);
      g_hash_table_insert (index->entries, &entry->key, entry);
    }
  entry->values = g_slist_prepend (entry->values, value);
}

/* Removes @value once from under (@first, @second); nothing if it is not
 * there. */
void
nns_pair_index_remove (NnsPairIndex *index,
                       int           first,
                       int           second,
                       gpointer      value)
{
  Entry *entry = lookup_entry (index, first, second);

  if (entry == NULL)
    return;
  entry->values = g_slist_remove (entry->values, value);
  if (entry->values == NULL)
    g_hash_table_remove (index->entries, &entry->key);
}

/* What is filed under (@first, @second), most recent first; NULL for
 * nothing. Valid until the index changes. */
const GSList *
nns_pair_index_lookup (NnsPairIndex *index,
                       int           first,
                       int           second)
{
  Entry *entry = lookup_entry (index, first, second);

  return entry != NULL ? entry->values : NULL;
}
