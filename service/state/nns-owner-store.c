/* nns-owner-store.c: which user created each namespace, kept across
 * daemon restarts.
 *
 * One small key file per namespace under the state directory (in /run by
 * default, so records live exactly as long as /run/netns does). Each record
 * names the namespace's inode and cookie as well as its owner: a record is
 * believed only while the entry it describes is the same namespace, so a
 * name deleted and re-added by another tool while netnsd was down does not
 * inherit the old owner.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "nns-error.h"
#include "nns-names.h"
#include "nns-owner-store.h"

#define GROUP "Namespace"

struct _NnsOwnerStore
{
  GObject  parent_instance;

  char    *directory;
};

G_DEFINE_FINAL_TYPE (NnsOwnerStore, nns_owner_store, G_TYPE_OBJECT)

static void
nns_owner_store_finalize (GObject *object)
{
  NnsOwnerStore *self = NNS_OWNER_STORE (object);

  g_free (self->directory);

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

  if (g_mkdir_with_parents (directory, 0700) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create %s", directory);
      return NULL;
    }
  self->directory = g_strdup (directory);
  return g_steal_pointer (&self);
}

/* Only names netnsd could have created have records, which also keeps
 * every record's file name a plain, safe file name. */
static char *
record_path (NnsOwnerStore *self,
             const char    *name)
{
  if (!nns_namespace_name_validate (name, NULL))
    return NULL;
  return g_build_filename (self->directory, name, NULL);
}

gboolean
nns_owner_store_save (NnsOwnerStore        *self,
                      const char           *name,
                      const NnsOwnerRecord *record,
                      GError              **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = record_path (self, name);
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);

  g_key_file_set_uint64 (file, GROUP, "Owner", record->owner);
  g_key_file_set_uint64 (file, GROUP, "Inode", record->inode);
  g_key_file_set_uint64 (file, GROUP, "Cookie", record->cookie);
  g_key_file_set_boolean (file, GROUP, "Creating", record->creating);
  g_key_file_set_uint64 (file, GROUP, "File", record->file);
  data = g_key_file_to_data (file, &length, NULL);

  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
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
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = record_path (self, name);
  g_autoptr(GError) error = NULL;
  guint64 owner;

  if (path == NULL || !g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error))
    return FALSE;

  owner = g_key_file_get_uint64 (file, GROUP, "Owner", &error);
  if (error == NULL)
    record->inode = g_key_file_get_uint64 (file, GROUP, "Inode", &error);
  if (error == NULL)
    record->cookie = g_key_file_get_uint64 (file, GROUP, "Cookie", &error);
  /* Absent in records of complete namespaces written before these keys. */
  record->creating = g_key_file_get_boolean (file, GROUP, "Creating", NULL);
  record->file = g_key_file_get_uint64 (file, GROUP, "File", NULL);
  if (error != NULL || owner > G_MAXUINT32 - 1)
    {
      g_warning ("ignoring the damaged record %s", path);
      return FALSE;
    }
  record->owner = (uid_t) owner;
  return TRUE;
}

void
nns_owner_store_forget (NnsOwnerStore *self,
                        const char    *name)
{
  g_autofree char *path = record_path (self, name);

  if (path != NULL && g_unlink (path) < 0 && errno != ENOENT)
    g_warning ("cannot remove %s: %s", path, g_strerror (errno));
}

/* The names that have records, for reconciling at start-up. */
GPtrArray *
nns_owner_store_list_names (NnsOwnerStore *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  const char *name;

  /* This includes any temporary file an interrupted write left behind:
   * it matches no namespace, so reconciling removes it. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return g_steal_pointer (&names);
}
