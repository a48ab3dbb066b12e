/* nns-record-store.c: a directory of small records, each a key file.
 *
 * The owners of namespaces, the owners of host links and the journal of
 * changes in progress are all records of this kind: a few keys about one
 * thing, written whole (a crash leaves the old record or the new one,
 * never half of one) and found again after a restart. Each store owns its
 * schema; this one only keeps the files. Keys are file names, so only keys
 * that are plain, safe file names are taken.
 *
 * netnsd runs as root, so the directory is reached without following a
 * symbolic link at any step, and every component of its path must be a
 * directory only root may change: otherwise whoever could plant a link
 * there would have root write or remove files anywhere. The directory is
 * opened once; records are read, written (a temporary file, fsync, then
 * renamed over the key, which replaces a link and never its target) and
 * removed relative to it, and only plain files are read.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-record-store.h"

/* Records are a few lines: anything larger is not one of them. */
#define MAX_RECORD_SIZE (64 * 1024)

/* A write in progress: hidden, so that it is never taken for a key. */
#define TEMPORARY_PREFIX ".tmp-"

struct _NnsRecordStore
{
  GObject  parent_instance;

  char    *directory;
  int      dir_fd;
};

G_DEFINE_FINAL_TYPE (NnsRecordStore, nns_record_store, G_TYPE_OBJECT)

static void
nns_record_store_finalize (GObject *object)
{
  NnsRecordStore *self = NNS_RECORD_STORE (object);

  nns_clear_fd (&self->dir_fd);
  g_free (self->directory);

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
  self->dir_fd = -1;
}

/* Is the directory open at @fd one that only netnsd's own user (root)
 * may change? */
static gboolean
check_directory (int         fd,
                 const char *path,
                 GError    **error)
{
  struct stat st;

  if (fstat (fd, &st) < 0)
    {
      nns_set_error_errno (error, errno, "cannot look at %s", path);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode) || st.st_uid != geteuid () ||
      (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED,
                   "%s is not a directory that only root may change; netnsd keeps "
                   "no state there", path);
      return FALSE;
    }
  return TRUE;
}

/* Opens the absolute @path one component at a time, never following a
 * symbolic link, making what is missing (0700) and checking each. */
static int
open_directory_path (const char *path,
                     GError    **error)
{
  g_auto(GStrv) components = g_strsplit (path, "/", -1);
  g_autoptr(GString) reached = g_string_new ("/");
  nns_autofd int fd = open ("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (!g_path_is_absolute (path))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED, "%s is not an absolute path", path);
      return -1;
    }
  if (fd < 0 || !check_directory (fd, "/", error))
    return -1;
  for (guint i = 0; components[i] != NULL; i++)
    {
      const char *name = components[i];
      int next;

      if (name[0] == '\0' || g_str_equal (name, "."))
        continue;
      if (g_str_equal (name, ".."))
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED, "%s names '..'", path);
          return -1;
        }
      if (reached->len > 1)
        g_string_append_c (reached, '/');
      g_string_append (reached, name);
      if (mkdirat (fd, name, 0700) < 0 && errno != EEXIST)
        {
          nns_set_error_errno (error, errno, "cannot create %s", reached->str);
          return -1;
        }
      next = openat (fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0)
        {
          nns_set_error_errno (error, errno == ELOOP ? ENOTDIR : errno,
                               "cannot open %s (a directory, not a link)", reached->str);
          return -1;
        }
      nns_clear_fd (&fd);
      fd = next;
      if (!check_directory (fd, reached->str, error))
        return -1;
    }
  return g_steal_fd (&fd);
}

/* Removes the temporary files of writes that a crash interrupted. */
static void
remove_temporaries (NnsRecordStore *self)
{
  nns_autofd int fd = openat (self->dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
  struct dirent *entry;

  if (dir == NULL)
    return;
  fd = -1;
  while ((entry = readdir (dir)) != NULL)
    if (g_str_has_prefix (entry->d_name, TEMPORARY_PREFIX))
      unlinkat (self->dir_fd, entry->d_name, 0);
  closedir (dir);
}

NnsRecordStore *
nns_record_store_new (const char *directory,
                      GError    **error)
{
  g_autoptr(NnsRecordStore) self = g_object_new (NNS_TYPE_RECORD_STORE, NULL);

  self->dir_fd = open_directory_path (directory, error);
  if (self->dir_fd < 0)
    return NULL;
  self->directory = g_strdup (directory);
  remove_temporaries (self);
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

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      length -= written;
    }
  return TRUE;
}

gboolean
nns_record_store_save (NnsRecordStore *self,
                       const char     *key,
                       GKeyFile       *record,
                       GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *temporary = g_strconcat (TEMPORARY_PREFIX, uuid, NULL);
  nns_autofd int fd = -1;
  gsize length;

  g_return_val_if_fail (NNS_IS_RECORD_STORE (self), FALSE);
  g_return_val_if_fail (key_is_safe (key), FALSE);

  path = record_path (self, key);
  data = g_key_file_to_data (record, &length, NULL);
  fd = openat (self->dir_fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
               0600);
  if (fd < 0 || !write_all (fd, data, length) || fsync (fd) < 0 ||
      renameat (self->dir_fd, temporary, self->dir_fd, key) < 0)
    {
      nns_set_error_errno (error, errno, "cannot write %s", path);
      if (fd >= 0)
        unlinkat (self->dir_fd, temporary, 0);
      return FALSE;
    }
  return TRUE;
}

/* Reads the record file @key: a plain file, looked at through an O_PATH
 * fd before it is opened, so a FIFO or device there is never opened. */
static char *
read_record (NnsRecordStore *self,
             const char     *key,
             gsize          *length,
             GError        **error)
{
  nns_autofd int path_fd = openat (self->dir_fd, key, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  nns_autofd int fd = -1;
  g_autofree char *data = NULL;
  char fd_path[64];
  struct stat st;
  gssize got;

  if (path_fd < 0 || fstat (path_fd, &st) < 0)
    {
      nns_set_error_errno (error, errno, "cannot open");
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_RECORD_SIZE)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED, "not a record (a plain, small file)");
      return NULL;
    }
  g_snprintf (fd_path, sizeof fd_path, "/proc/self/fd/%d", path_fd);
  fd = open (fd_path, O_RDONLY | O_CLOEXEC);
  data = g_malloc (MAX_RECORD_SIZE + 1);
  do
    got = fd >= 0 ? read (fd, data, MAX_RECORD_SIZE + 1) : -1;
  while (got < 0 && errno == EINTR);
  if (got < 0 || got > MAX_RECORD_SIZE)
    {
      nns_set_error_errno (error, got < 0 ? errno : EFBIG, "cannot read");
      return NULL;
    }
  data[got] = '\0';
  *length = got;
  return g_steal_pointer (&data);
}

/* The record under @key, or NULL if there is none. A file that is not a
 * key file (damage, or something else under its name) is removed: nothing
 * can be learnt from it. */
GKeyFile *
nns_record_store_load (NnsRecordStore *self,
                       const char     *key)
{
  g_autoptr(GKeyFile) record = g_key_file_new ();
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_return_val_if_fail (NNS_IS_RECORD_STORE (self), NULL);

  if (!key_is_safe (key))
    return NULL;
  data = read_record (self, key, &length, &error);
  if (data == NULL && g_error_matches (error, NNS_ERROR, NNS_ERROR_NOT_FOUND))
    return NULL;
  if (data == NULL || !g_key_file_load_from_data (record, data, length, G_KEY_FILE_NONE, &error))
    {
      g_autofree char *path = record_path (self, key);

      g_message ("removing %s, which is not a record: %s", path, error->message);
      nns_record_store_forget (self, key);
      return NULL;
    }
  return g_steal_pointer (&record);
}

void
nns_record_store_forget (NnsRecordStore *self,
                         const char     *key)
{
  g_return_if_fail (NNS_IS_RECORD_STORE (self));

  if (!key_is_safe (key))
    return;
  /* unlinkat() removes a link, never its target, and no directory. */
  if (unlinkat (self->dir_fd, key, 0) < 0 && errno != ENOENT)
    {
      g_autofree char *path = record_path (self, key);

      g_warning ("cannot remove %s: %s", path, g_strerror (errno));
    }
}

/* Every key in the store. */
GPtrArray *
nns_record_store_list_keys (NnsRecordStore *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  int fd;
  DIR *dir;
  struct dirent *entry;

  g_return_val_if_fail (NNS_IS_RECORD_STORE (self), NULL);

  fd = openat (self->dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  dir = fd >= 0 ? fdopendir (fd) : NULL;
  if (dir == NULL)
    {
      g_warning ("cannot read %s: %s", self->directory, g_strerror (errno));
      nns_clear_fd (&fd);
      return g_steal_pointer (&keys);
    }
  while ((entry = readdir (dir)) != NULL)
    if (key_is_safe (entry->d_name))
      g_ptr_array_add (keys, g_strdup (entry->d_name));
  closedir (dir);
  return g_steal_pointer (&keys);
}
