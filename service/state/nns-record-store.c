/* nns-record-store.c: a directory of small records, each a key file.
 *
 * The owners of namespaces, the owners of host links and the journal of
 * changes in progress are all records of this kind: a few keys about one
 * thing, written whole (a crash leaves the old record or the new one,
 * never half of one) and found again after a restart. Each store owns its
 * schema; this one only keeps the files. Keys are file names, so only keys
 * that are plain, safe file names are taken.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nns-error.h"
#include "nns-record-store.h"

struct _NnsRecordStore
{
  GObject  parent_instance;

  char    *directory;
};

G_DEFINE_FINAL_TYPE (NnsRecordStore, nns_record_store, G_TYPE_OBJECT)

static void
nns_record_store_finalize (GObject *object)
{
  g_free (NNS_RECORD_STORE (object)->directory);

  G_OBJECT_CLASS (nns_record_store_parent_class)->finalize (object);
}

static void
nns_record_store_class_init (NnsRecordStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_record_store_finalize;
}

static void
nns_record_store_init (NnsRecordStore *self)
{
}

NnsRecordStore *
nns_record_store_new (const char *directory,
                      GError    **error)
{
  g_autoptr(NnsRecordStore) self = g_object_new (NNS_TYPE_RECORD_STORE, NULL);

  if (g_mkdir_with_parents (directory, 0700) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create %s", directory);
      return NULL;
    }
  self->directory = g_strdup (directory);
  return g_steal_pointer (&self);
}

const char *
nns_record_store_get_directory (NnsRecordStore *self)
{
  g_return_val_if_fail (NNS_IS_RECORD_STORE (self), NULL);

  return self->directory;
}

/* A key is one plain file name: not empty, no separator, nothing hidden. */
static gboolean
key_is_safe (const char *key)
{
  return key[0] != '\0' && key[0] != '.' && strchr (key, '/') == NULL &&
         strlen (key) < 256;
}

static char *
record_path (NnsRecordStore *self,
             const char     *key)
{
  return g_build_filename (self->directory, key, NULL);
}

gboolean
nns_record_store_save (NnsRecordStore *self,
                       const char     *key,
                       GKeyFile       *record,
                       GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (NNS_IS_RECORD_STORE (self), FALSE);
  g_return_val_if_fail (key_is_safe (key), FALSE);

  path = record_path (self, key);
  data = g_key_file_to_data (record, &length, NULL);
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

/* The record under @key, or NULL if there is none. A file that is not a
 * key file (damage, or the temporary file of an interrupted write) is
 * removed: nothing can be learnt from it. */
GKeyFile *
nns_record_store_load (NnsRecordStore *self,
                       const char     *key)
{
  g_autoptr(GKeyFile) record = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (NNS_IS_RECORD_STORE (self), NULL);

  if (!key_is_safe (key))
    return NULL;
  path = record_path (self, key);
  if (!g_key_file_load_from_file (record, path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_debug ("removing the unreadable record %s: %s", path, error->message);
          g_unlink (path);
        }
      return NULL;
    }
  return g_steal_pointer (&record);
}

void
nns_record_store_forget (NnsRecordStore *self,
                         const char     *key)
{
  g_autofree char *path = NULL;

  g_return_if_fail (NNS_IS_RECORD_STORE (self));

  if (!key_is_safe (key))
    return;
  path = record_path (self, key);
  if (g_unlink (path) < 0 && errno != ENOENT)
    g_warning ("cannot remove %s: %s", path, g_strerror (errno));
}

/* Every key in the store. This includes the temporary file of a write
 * that a crash interrupted (KEY.XXXXXX): its owner finds it names nothing
 * it knows and forgets it. */
GPtrArray *
nns_record_store_list_keys (NnsRecordStore *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (NNS_IS_RECORD_STORE (self), NULL);

  dir = g_dir_open (self->directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (key_is_safe (name))
      g_ptr_array_add (keys, g_strdup (name));
  return g_steal_pointer (&keys);
}
