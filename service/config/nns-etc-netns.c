/* nns-etc-netns.c: /etc/netns, the files `ip netns exec` lays over /etc.
 *
 * The one place that knows where /etc/netns is (the spawner asks here for
 * it) and the one that writes there. netnsd writes as root, so no path it
 * writes or removes is followed through a symbolic link, at any step:
 * /etc/netns and /etc/netns/NAME are opened with O_NOFOLLOW and must be
 * directories that root owns and only root may write; the file is reached
 * from that directory's fd, also with O_NOFOLLOW, and replaced by renaming
 * a new file over its name (which replaces a link, never its target). A
 * FIFO or device planted there is never opened for reading (O_NONBLOCK,
 * then the file type is checked). Putting a file back restores its
 * contents, mode and owner exactly, or removes the file netnsd made.
 *
 * Only netnsd's own resolv.conf (it starts with a marker line) is ever
 * removed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-etc-netns.h"
#include "nns-fd.h"
#include "nns-names.h"

#define RESOLV_CONF "resolv.conf"
#define MARKER "# netnsd:"
#define MAX_SIZE (64 * 1024)

struct _NnsEtcNetns
{
  GObject  parent_instance;

  char    *path;
};

G_DEFINE_FINAL_TYPE (NnsEtcNetns, nns_etc_netns, G_TYPE_OBJECT)

void
nns_etc_file_clear (NnsEtcFile *file)
{
  g_clear_pointer (&file->contents, g_free);
  file->exists = FALSE;
}

static void
nns_etc_netns_finalize (GObject *object)
{
  g_free (NNS_ETC_NETNS (object)->path);

  G_OBJECT_CLASS (nns_etc_netns_parent_class)->finalize (object);
}

static void
nns_etc_netns_class_init (NnsEtcNetnsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_etc_netns_finalize;
}

static void
nns_etc_netns_init (NnsEtcNetns *self)
{
}

NnsEtcNetns *
nns_etc_netns_new (const char *path)
{
  NnsEtcNetns *self = g_object_new (NNS_TYPE_ETC_NETNS, NULL);

  self->path = g_strdup (path);
  return self;
}

const char *
nns_etc_netns_get_path (NnsEtcNetns *self)
{
  g_return_val_if_fail (NNS_IS_ETC_NETNS (self), NULL);

  return self->path;
}

/* A directory fit to write in as root: a real directory (not a link to
 * one), root's, that no one else may write to. */
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
  if (!S_ISDIR (st.st_mode) || st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED,
                   "%s is not a directory that only root may change; netnsd does not "
                   "write there", path);
      return FALSE;
    }
  return TRUE;
}

/* Opens @name in @parent as a directory, without following a link; with
 * @create, makes it first if it is not there. -1 with @error unset: it is
 * not there. */
static int
open_directory (int         parent,
                const char *name,
                const char *path,
                gboolean    create,
                GError    **error)
{
  nns_autofd int fd = -1;

  if (create && mkdirat (parent, name, 0755) < 0 && errno != EEXIST)
    {
      nns_set_error_errno (error, errno, "cannot create %s", path);
      return -1;
    }
  fd = openat (parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && !create)
    return -1;
  if (fd < 0)
    {
      nns_set_error_errno (error, errno == ELOOP || errno == ENOTDIR ? ENOTDIR : errno,
                           "cannot open %s (a directory, not a link)", path);
      return -1;
    }
  if (!check_directory (fd, path, error))
    return -1;
  return g_steal_fd (&fd);
}

/* /etc/netns/@namespace, opened (and made, with @create). */
static int
open_namespace_dir (NnsEtcNetns *self,
                    const char  *namespace,
                    gboolean     create,
                    GError     **error)
{
  g_autofree char *dir_path = g_build_filename (self->path, namespace, NULL);
  g_autofree char *parent_path = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  nns_autofd int parent = open (parent_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  nns_autofd int top = -1;

  g_return_val_if_fail (nns_namespace_name_validate (namespace, NULL), -1);

  if (parent < 0)
    {
      nns_set_error_errno (error, errno, "cannot open %s", parent_path);
      return -1;
    }
  top = open_directory (parent, base, self->path, create, error);
  if (top < 0)
    return -1;
  return open_directory (top, namespace, dir_path, create, error);
}

/* Reads what the namespace's resolv.conf is now, to put it back later. */
gboolean
nns_etc_netns_read_resolv_conf (NnsEtcNetns *self,
                                const char  *namespace,
                                NnsEtcFile  *file,
                                GError     **error)
{
  g_autoptr(GError) dir_error = NULL;
  nns_autofd int dir = open_namespace_dir (self, namespace, FALSE, &dir_error);
  nns_autofd int fd = -1;
  g_autofree char *contents = NULL;
  struct stat st;
  gssize got;

  memset (file, 0, sizeof *file);
  if (dir < 0)
    {
      if (dir_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&dir_error));
      return FALSE;
    }
  fd = openat (dir, RESOLV_CONF, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT)
    return TRUE;
  if (fd < 0 || fstat (fd, &st) < 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_SIZE)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED,
                   "%s/%s/" RESOLV_CONF " is not a plain file netnsd may replace",
                   self->path, namespace);
      return FALSE;
    }
  contents = g_malloc (st.st_size + 1);
  got = read (fd, contents, st.st_size);
  if (got != st.st_size)
    {
      nns_set_error_errno (error, got < 0 ? errno : EIO, "cannot read %s/%s/" RESOLV_CONF,
                           self->path, namespace);
      return FALSE;
    }
  contents[got] = '\0';
  file->exists = TRUE;
  file->contents = g_steal_pointer (&contents);
  file->length = (gsize) got;
  file->mode = st.st_mode & 07777;
  file->uid = st.st_uid;
  file->gid = st.st_gid;
  return TRUE;
}

/* Replaces @dir's resolv.conf with a new file of @file's contents, mode
 * and owner, all set before it takes the name. */
static gboolean
replace_file (int               dir,
              const char       *path,
              const NnsEtcFile *file,
              GError          **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *temporary = g_strdup_printf ("." RESOLV_CONF ".%s", uuid);
  nns_autofd int fd = openat (dir, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                              O_CLOEXEC, 0600);
  gboolean written;

  if (fd < 0)
    {
      nns_set_error_errno (error, errno, "cannot write %s", path);
      return FALSE;
    }
  written = write (fd, file->contents, file->length) == (gssize) file->length &&
            fchown (fd, file->uid, file->gid) == 0 && fchmod (fd, file->mode) == 0 &&
            fsync (fd) == 0 && renameat (dir, temporary, dir, RESOLV_CONF) == 0;
  if (!written)
    {
      nns_set_error_errno (error, errno, "cannot write %s", path);
      unlinkat (dir, temporary, 0);
      return FALSE;
    }
  return TRUE;
}

/* Writes @contents as /etc/netns/@namespace/resolv.conf: root's, 0644, in
 * place of whatever was there, atomically. */
gboolean
nns_etc_netns_write_resolv_conf (NnsEtcNetns *self,
                                 const char  *namespace,
                                 const char  *contents,
                                 GError     **error)
{
  g_autofree char *path = g_build_filename (self->path, namespace, RESOLV_CONF, NULL);
  nns_autofd int dir = open_namespace_dir (self, namespace, TRUE, error);
  NnsEtcFile file = { TRUE, (char *) contents, strlen (contents), 0644, 0, 0 };

  if (dir < 0 || !replace_file (dir, path, &file, error))
    {
      g_prefix_error (error, "cannot write the DNS of namespace '%s': ", namespace);
      return FALSE;
    }
  return TRUE;
}

/* Puts back the resolv.conf that nns_etc_netns_read_resolv_conf() read:
 * exactly as it was, or, if there was none, removes the one netnsd wrote
 * (and the folder, if that leaves it empty). */
gboolean
nns_etc_netns_restore_resolv_conf (NnsEtcNetns      *self,
                                   const char       *namespace,
                                   const NnsEtcFile *file,
                                   GError          **error)
{
  g_autofree char *path = g_build_filename (self->path, namespace, RESOLV_CONF, NULL);
  nns_autofd int dir = -1;

  if (!file->exists)
    {
      nns_etc_netns_forget (self, namespace);
      return TRUE;
    }
  dir = open_namespace_dir (self, namespace, TRUE, error);
  return dir >= 0 && replace_file (dir, path, file, error);
}

/* Removes /etc/netns/@namespace/resolv.conf if netnsd wrote it, and the
 * folder if that leaves it empty. */
void
nns_etc_netns_forget (NnsEtcNetns *self,
                      const char  *namespace)
{
  g_autoptr(GError) error = NULL;
  g_auto(NnsEtcFile) file = { 0 };
  nns_autofd int dir = -1;
  nns_autofd int top = -1;

  if (!nns_namespace_name_validate (namespace, NULL))
    return;
  if (!nns_etc_netns_read_resolv_conf (self, namespace, &file, &error))
    {
      g_debug ("not removing the DNS of namespace '%s': %s", namespace, error->message);
      return;
    }
  if (!file.exists || !g_str_has_prefix (file.contents, MARKER))
    return;
  dir = open_namespace_dir (self, namespace, FALSE, NULL);
  if (dir < 0)
    return;
  if (unlinkat (dir, RESOLV_CONF, 0) < 0)
    g_warning ("cannot remove %s/%s/" RESOLV_CONF ": %s", self->path, namespace,
               g_strerror (errno));
  top = open (self->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (top >= 0)
    unlinkat (top, namespace, AT_REMOVEDIR);
}
