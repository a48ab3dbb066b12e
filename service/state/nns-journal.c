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
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-journal.h"
#include "nns-record-store.h"

#define VETH_GROUP "Veth"

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

  g_key_file_set_string (entry, VETH_GROUP, "Namespace", intent->namespace);
  g_key_file_set_uint64 (entry, VETH_GROUP, "NamespaceInode", intent->namespace_inode);
  g_key_file_set_string (entry, VETH_GROUP, "Name", intent->name);
  g_key_file_set_string (entry, VETH_GROUP, "PeerNamespace", intent->peer_namespace);
  g_key_file_set_string (entry, VETH_GROUP, "PeerName", intent->peer_name);
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
      g_autoptr(GKeyFile) entry = nns_record_store_load (self->records, ids->pdata[i]);
      NnsVethIntent *intent = entry != NULL ? parse_veth (ids->pdata[i], entry) : NULL;

      if (intent != NULL)
        g_ptr_array_add (intents, intent);
      else
        nns_record_store_forget (self->records, ids->pdata[i]);
    }
  return g_steal_pointer (&intents);
}
