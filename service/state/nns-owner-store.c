/* nns-owner-store.c: which user created each namespace, kept across
 * daemon restarts.
 *
 * One record per namespace in an NnsRecordStore (in /run by default, so
 * records live exactly as long as /run/netns does). Each record names the
 * namespace's inode and cookie as well as its owner: a record is believed
 * only while the entry it describes is the same namespace, so a name
 * deleted and re-added by another tool while netnsd was down does not
 * inherit the old owner.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-names.h"
#include "nns-owner-store.h"
#include "nns-record-store.h"

#define GROUP "Namespace"

struct _NnsOwnerStore
{
  GObject         parent_instance;

  NnsRecordStore *records;
};

G_DEFINE_FINAL_TYPE (NnsOwnerStore, nns_owner_store, G_TYPE_OBJECT)

static void
nns_owner_store_finalize (GObject *object)
{
  g_clear_object (&NNS_OWNER_STORE (object)->records);

  G_OBJECT_CLASS (nns_owner_store_parent_class)->finalize (object);
}

static void
nns_owner_store_class_init (NnsOwnerStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_owner_store_finalize;
}

static void
nns_owner_store_init (NnsOwnerStore *self)
{
}

NnsOwnerStore *
nns_owner_store_new (const char *directory,
                     GError    **error)
{
  g_autoptr(NnsOwnerStore) self = g_object_new (NNS_TYPE_OWNER_STORE, NULL);

  self->records = nns_record_store_new (directory, error);
  if (self->records == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* Only names netnsd could have created have records, which also keeps
 * every record's key a plain, safe file name. */
gboolean
nns_owner_store_save (NnsOwnerStore        *self,
                      const char           *name,
                      const NnsOwnerRecord *record,
                      GError              **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (nns_namespace_name_validate (name, NULL), FALSE);

  g_key_file_set_uint64 (file, GROUP, "Owner", record->owner);
  g_key_file_set_uint64 (file, GROUP, "Inode", record->inode);
  g_key_file_set_uint64 (file, GROUP, "Cookie", record->cookie);
  g_key_file_set_boolean (file, GROUP, "Creating", record->creating);
  g_key_file_set_uint64 (file, GROUP, "File", record->file);
  if (record->creator[0] != '\0')
    g_key_file_set_string (file, GROUP, "Creator", record->creator);
  if (!nns_record_store_save (self->records, name, file, error))
    {
      g_prefix_error (error, "cannot record the owner of namespace '%s': ", name);
      return FALSE;
    }
  return TRUE;
}

gboolean
nns_owner_store_load (NnsOwnerStore  *self,
                      const char     *name,
                      NnsOwnerRecord *record)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *creator = NULL;
  guint64 owner;

  if (!nns_namespace_name_validate (name, NULL))
    return FALSE;
  file = nns_record_store_load (self->records, name);
  if (file == NULL)
    return FALSE;

  owner = g_key_file_get_uint64 (file, GROUP, "Owner", &error);
  if (error == NULL)
    record->inode = g_key_file_get_uint64 (file, GROUP, "Inode", &error);
  if (error == NULL)
    record->cookie = g_key_file_get_uint64 (file, GROUP, "Cookie", &error);
  /* Absent in records of complete namespaces written before these keys. */
  record->creating = g_key_file_get_boolean (file, GROUP, "Creating", NULL);
  record->file = g_key_file_get_uint64 (file, GROUP, "File", NULL);
  creator = g_key_file_get_string (file, GROUP, "Creator", NULL);
  g_strlcpy (record->creator, creator != NULL ? creator : "", sizeof record->creator);
  if (error != NULL || owner > G_MAXUINT32 - 1)
    {
      g_warning ("ignoring the damaged owner record of namespace %s", name);
      return FALSE;
    }
  record->owner = (uid_t) owner;
  return TRUE;
}

void
nns_owner_store_forget (NnsOwnerStore *self,
                        const char    *name)
{
  nns_record_store_forget (self->records, name);
}

/* The names that have records, for reconciling at start-up. */
GPtrArray *
nns_owner_store_list_names (NnsOwnerStore *self)
{
  return nns_record_store_list_keys (self->records);
}
