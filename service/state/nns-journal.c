/* nns-journal.c: changes in progress, so that a restart can undo the
 * ones a crash interrupted.
 *
 * A change that makes several things (a veth pair, then its peer up, then
 * its owner record) writes an entry before it starts and removes it when
 * it is done or undone. Whatever entries a restart finds describe changes
 * that never finished and never answered their caller: netnsd undoes them
 * (nns-recovery.c), so that a call either happened whole or left nothing
 * behind. The journal owns the schema of its entries: callers hand it and
 * get back typed intents, never key files.
 *
 * An Apply is journaled too, as a batch: an entry when it starts, then,
 * as each operation finishes, one small entry of its own saying what it
 * made (a namespace or a veth pair; what else an operation makes goes with
 * them: addresses and routes with their links, links with their
 * namespace). The batch's entry goes first when the Apply is answered,
 * then its steps' entries: a restart undoes, last first, the steps of
 * every batch whose entry it finds, and drops steps without one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>

#include "nns-journal.h"
#include "nns-record-store.h"

#define VETH_GROUP "Veth"
#define BATCH_GROUP "Batch"
#define STEP_GROUP "Step"
#define BATCH_PREFIX "batch-"

struct _NnsJournal
{
  GObject         parent_instance;

  NnsRecordStore *records;
};

G_DEFINE_FINAL_TYPE (NnsJournal, nns_journal, G_TYPE_OBJECT)

void
nns_veth_intent_free (NnsVethIntent *intent)
{
  g_free (intent->id);
  g_free (intent->namespace);
  g_free (intent->name);
  g_free (intent->peer_namespace);
  g_free (intent->peer_name);
  g_free (intent);
}

void
nns_batch_step_free (NnsBatchStep *step)
{
  g_free (step->namespace);
  g_clear_pointer (&step->veth, nns_veth_intent_free);
  g_free (step);
}

void
nns_batch_intent_free (NnsBatchIntent *intent)
{
  g_free (intent->id);
  g_clear_pointer (&intent->steps, g_ptr_array_unref);
  g_free (intent);
}

static void
nns_journal_finalize (GObject *object)
{
  g_clear_object (&NNS_JOURNAL (object)->records);

  G_OBJECT_CLASS (nns_journal_parent_class)->finalize (object);
}

static void
nns_journal_class_init (NnsJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_journal_finalize;
}

static void
nns_journal_init (NnsJournal *self)
{
}

NnsJournal *
nns_journal_new (const char *directory,
                 GError    **error)
{
  g_autoptr(NnsJournal) self = g_object_new (NNS_TYPE_JOURNAL, NULL);

  self->records = nns_record_store_new (directory, error);
  if (self->records == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

static void
set_veth (GKeyFile            *entry,
          const NnsVethIntent *intent)
{
  g_key_file_set_string (entry, VETH_GROUP, "Namespace", intent->namespace);
  g_key_file_set_uint64 (entry, VETH_GROUP, "NamespaceInode", intent->namespace_inode);
  g_key_file_set_string (entry, VETH_GROUP, "Name", intent->name);
  g_key_file_set_string (entry, VETH_GROUP, "PeerNamespace", intent->peer_namespace);
  g_key_file_set_string (entry, VETH_GROUP, "PeerName", intent->peer_name);
  if (intent->peer_namespace_inode != 0)
    g_key_file_set_uint64 (entry, VETH_GROUP, "PeerNamespaceInode",
                           intent->peer_namespace_inode);
}

/* Writes an entry for @intent (its id is ignored); returns the entry's
 * id, for nns_journal_end(). */
char *
nns_journal_begin_veth (NnsJournal          *self,
                        const NnsVethIntent *intent,
                        GError             **error)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autofree char *id = g_uuid_string_random ();

  g_return_val_if_fail (NNS_IS_JOURNAL (self), NULL);

  set_veth (entry, intent);
  if (!nns_record_store_save (self->records, id, entry, error))
    return NULL;
  return g_steal_pointer (&id);
}

void
nns_journal_end (NnsJournal *self,
                 const char *id)
{
  g_return_if_fail (NNS_IS_JOURNAL (self));

  nns_record_store_forget (self->records, id);
}

static NnsVethIntent *
parse_veth (const char *id,
            GKeyFile   *entry)
{
  g_autoptr(NnsVethIntent) intent = g_new0 (NnsVethIntent, 1);

  intent->id = g_strdup (id);
  intent->namespace = g_key_file_get_string (entry, VETH_GROUP, "Namespace", NULL);
  intent->namespace_inode = g_key_file_get_uint64 (entry, VETH_GROUP, "NamespaceInode", NULL);
  intent->name = g_key_file_get_string (entry, VETH_GROUP, "Name", NULL);
  intent->peer_namespace = g_key_file_get_string (entry, VETH_GROUP, "PeerNamespace", NULL);
  intent->peer_name = g_key_file_get_string (entry, VETH_GROUP, "PeerName", NULL);
  intent->peer_namespace_inode = g_key_file_get_uint64 (entry, VETH_GROUP, "PeerNamespaceInode",
                                                        NULL);
  if (intent->namespace == NULL || intent->name == NULL)
    return NULL;
  return g_steal_pointer (&intent);
}

/* The unfinished veth creations, as NnsVethIntents. Entries that say
 * nothing usable (a torn write: nothing was started after it) are
 * dropped. */
GPtrArray *
nns_journal_list_veths (NnsJournal *self)
{
  g_autoptr(GPtrArray) intents =
    g_ptr_array_new_with_free_func ((GDestroyNotify) nns_veth_intent_free);
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (NNS_IS_JOURNAL (self), NULL);

  ids = nns_record_store_list_keys (self->records);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GKeyFile) entry = NULL;
      NnsVethIntent *intent;

      if (g_str_has_prefix (ids->pdata[i], BATCH_PREFIX))
        continue;
      entry = nns_record_store_load (self->records, ids->pdata[i]);
      intent = entry != NULL ? parse_veth (ids->pdata[i], entry) : NULL;

      if (intent != NULL)
        g_ptr_array_add (intents, intent);
      else
        nns_record_store_forget (self->records, ids->pdata[i]);
    }
  return g_steal_pointer (&intents);
}

static char *
step_key (const char *id,
          guint       index)
{
  return g_strdup_printf ("%s.%u", id, index);
}

/* Writes the entry of an Apply that is about to run; returns its id. */
char *
nns_journal_begin_batch (NnsJournal *self,
                         guint32     uid,
                         GError    **error)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat (BATCH_PREFIX, uuid, NULL);

  g_return_val_if_fail (NNS_IS_JOURNAL (self), NULL);

  g_key_file_set_uint64 (entry, BATCH_GROUP, "Uid", uid);
  if (!nns_record_store_save (self->records, id, entry, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* Records what the finished step @step of batch @id made. */
gboolean
nns_journal_record_batch_step (NnsJournal         *self,
                               const char         *id,
                               const NnsBatchStep *step,
                               GError            **error)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autofree char *key = step_key (id, step->index);

  g_return_val_if_fail (NNS_IS_JOURNAL (self), FALSE);

  g_key_file_set_uint64 (entry, STEP_GROUP, "Index", step->index);
  if (step->veth != NULL)
    set_veth (entry, step->veth);
  else
    {
      g_key_file_set_string (entry, STEP_GROUP, "Namespace", step->namespace);
      g_key_file_set_uint64 (entry, STEP_GROUP, "NamespaceInode", step->namespace_inode);
    }
  return nns_record_store_save (self->records, key, entry, error);
}

/* The step was undone (or made nothing to undo). */
void
nns_journal_forget_batch_step (NnsJournal *self,
                               const char *id,
                               guint       index)
{
  g_autofree char *key = step_key (id, index);

  g_return_if_fail (NNS_IS_JOURNAL (self));

  nns_record_store_forget (self->records, key);
}

/* The Apply is answered: its entry goes before those of its steps (which
 * the caller removes after), so that a crash in between leaves steps that
 * a restart drops, never undoes. */
void
nns_journal_end_batch (NnsJournal *self,
                       const char *id)
{
  g_return_if_fail (NNS_IS_JOURNAL (self));

  nns_record_store_forget (self->records, id);
}

static NnsBatchStep *
parse_step (const char *key,
            GKeyFile   *entry)
{
  g_autoptr(GError) error = NULL;
  NnsBatchStep *step = g_new0 (NnsBatchStep, 1);

  step->index = g_key_file_get_uint64 (entry, STEP_GROUP, "Index", &error);
  if (g_key_file_has_group (entry, VETH_GROUP))
    step->veth = parse_veth (key, entry);
  else
    {
      step->namespace = g_key_file_get_string (entry, STEP_GROUP, "Namespace", NULL);
      step->namespace_inode = g_key_file_get_uint64 (entry, STEP_GROUP, "NamespaceInode", NULL);
    }
  if (error != NULL || (step->veth == NULL && step->namespace == NULL))
    {
      nns_batch_step_free (step);
      return NULL;
    }
  return step;
}

static gint
compare_steps_last_first (gconstpointer a,
                          gconstpointer b)
{
  const NnsBatchStep *x = *(NnsBatchStep *const *) a;
  const NnsBatchStep *y = *(NnsBatchStep *const *) b;

  return x->index < y->index ? 1 : x->index > y->index ? -1 : 0;
}

/* The Applies that a crash interrupted, each with its finished steps,
 * last first. Steps whose batch entry is gone belong to an Apply that
 * was answered: they are dropped. */
GPtrArray *
nns_journal_list_batches (NnsJournal *self)
{
  g_autoptr(GPtrArray) batches =
    g_ptr_array_new_with_free_func ((GDestroyNotify) nns_batch_intent_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (NNS_IS_JOURNAL (self), NULL);

  keys = nns_record_store_list_keys (self->records);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      g_autoptr(GKeyFile) entry = NULL;
      NnsBatchIntent *batch;

      if (!g_str_has_prefix (key, BATCH_PREFIX) || strchr (key, '.') != NULL)
        continue;
      entry = nns_record_store_load (self->records, key);
      if (entry == NULL)
        continue;
      batch = g_new0 (NnsBatchIntent, 1);
      batch->id = g_strdup (key);
      batch->uid = g_key_file_get_uint64 (entry, BATCH_GROUP, "Uid", NULL);
      batch->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) nns_batch_step_free);
      g_ptr_array_add (batches, batch);
      g_hash_table_insert (by_id, batch->id, batch);
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      const char *dot = strchr (key, '.');
      g_autofree char *id = NULL;
      g_autoptr(GKeyFile) entry = NULL;
      NnsBatchIntent *batch;
      NnsBatchStep *step;

      if (!g_str_has_prefix (key, BATCH_PREFIX) || dot == NULL)
        continue;
      id = g_strndup (key, dot - key);
      batch = g_hash_table_lookup (by_id, id);
      entry = batch != NULL ? nns_record_store_load (self->records, key) : NULL;
      step = entry != NULL ? parse_step (key, entry) : NULL;
      if (step != NULL)
        g_ptr_array_add (batch->steps, step);
      else
        nns_record_store_forget (self->records, key);
    }
  for (guint i = 0; i < batches->len; i++)
    g_ptr_array_sort (((NnsBatchIntent *) batches->pdata[i])->steps, compare_steps_last_first);
  return g_steal_pointer (&batches);
}
