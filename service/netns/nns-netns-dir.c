/* nns-netns-dir.c: the /run/netns directory that netnsd shares with
 * iproute2, and the namespace switching that goes with it.
 *
 * Namespaces are made the way `ip netns add` makes them, so either tool can
 * use what the other made: /run/netns is a shared mount point, each
 * namespace is an nsfs bind mount on an empty mode-0 file, and deleting is
 * a lazy unmount followed by unlink.
 *
 * setns() and unshare(CLONE_NEWNET) act on the calling thread only. All
 * switching happens on the thread that created this object (the main
 * thread), which always returns to the host namespace before the call ends;
 * bind mounts name /proc/thread-self/ns/net, never /proc/self, which would
 * be the main thread's namespace whichever thread asks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>

#include "nns-debug.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-names.h"
#include "nns-netns-dir.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

struct _NnsNetnsDir
{
  GObject  parent_instance;

  char    *path;
  int      dir_fd;
  int      host_fd;      /* the namespace netnsd runs in */
  guint64  host_inode;
  GThread *owner_thread; /* the only thread that may switch namespaces */
};

G_DEFINE_FINAL_TYPE (NnsNetnsDir, nns_netns_dir, G_TYPE_OBJECT)

static void
nns_netns_dir_finalize (GObject *object)
{
  NnsNetnsDir *self = NNS_NETNS_DIR (object);

  nns_clear_fd (&self->dir_fd);
  nns_clear_fd (&self->host_fd);
  g_free (self->path);

  G_OBJECT_CLASS (nns_netns_dir_parent_class)->finalize (object);
}

static void
nns_netns_dir_class_init (NnsNetnsDirClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_netns_dir_finalize;
}

static void
nns_netns_dir_init (NnsNetnsDir *self)
{
  self->dir_fd = -1;
  self->host_fd = -1;
}

/* Makes the directory a shared mount point, as iproute2 does, so that an
 * unmount in one mount namespace reaches the copies in others. Done once
 * under the same flock iproute2 takes: parallel set-ups would stack mounts.
 * Re-doing it for every add (as `ip netns add` does) would walk every
 * namespace mount each time. */
static gboolean
make_shared_mount (const char *path,
                   int         dir_fd,
                   GError    **error)
{
  gboolean made_mount_point = FALSE;

  if (flock (dir_fd, LOCK_EX) < 0)
    {
      nns_set_error_errno (error, errno, "cannot lock %s", path);
      return FALSE;
    }

  while (mount ("", path, "none", MS_SHARED | MS_REC, NULL) < 0)
    {
      if (errno != EINVAL || made_mount_point)
        {
          nns_set_error_errno (error, errno, "cannot make %s a shared mount", path);
          flock (dir_fd, LOCK_UN);
          return FALSE;
        }
      /* Not a mount point yet: make it one by binding it onto itself. */
      if (mount (path, path, "none", MS_BIND | MS_REC, NULL) < 0)
        {
          nns_set_error_errno (error, errno, "cannot bind %s onto itself", path);
          flock (dir_fd, LOCK_UN);
          return FALSE;
        }
      made_mount_point = TRUE;
    }

  flock (dir_fd, LOCK_UN);
  return TRUE;
}

NnsNetnsDir *
nns_netns_dir_new (const char *path,
                   GError    **error)
{
  g_autoptr(NnsNetnsDir) self = g_object_new (NNS_TYPE_NETNS_DIR, NULL);
  struct stat st;

  self->path = g_strdup (path);
  self->owner_thread = g_thread_self ();

  self->host_fd = open ("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (self->host_fd < 0 || fstat (self->host_fd, &st) < 0)
    {
      nns_set_error_errno (error, errno, "cannot open this process's network namespace");
      return NULL;
    }
  self->host_inode = st.st_ino;

  if (g_mkdir_with_parents (path, 0755) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create %s", path);
      return NULL;
    }
  self->dir_fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (self->dir_fd < 0)
    {
      nns_set_error_errno (error, errno, "cannot open %s", path);
      return NULL;
    }
  if (!make_shared_mount (path, self->dir_fd, error))
    return NULL;

  /* The shared mount now sits on top of the directory opened above; reopen
   * so that entries are looked up where iproute2 puts them. */
  nns_clear_fd (&self->dir_fd);
  self->dir_fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (self->dir_fd < 0)
    {
      nns_set_error_errno (error, errno, "cannot open %s", path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
nns_netns_dir_get_path (NnsNetnsDir *self)
{
  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), NULL);

  return self->path;
}

/* The inode of the namespace netnsd itself runs in: an entry with this
 * inode is the host's namespace under another name. */
guint64
nns_netns_dir_get_host_inode (NnsNetnsDir *self)
{
  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), 0);

  return self->host_inode;
}

/* Tells what the entry open at @fd (an O_PATH fd, never opened for
 * reading) is. A live namespace is an nsfs mount, which shows as a plain
 * file; a FIFO, a device or a socket is never anything but OTHER, so it
 * is never opened: opening a FIFO blocks until someone writes to it, and
 * opening a device as root can do anything its driver does. */
static gboolean
query_fd (int                fd,
          NnsNetnsEntryInfo *info)
{
  struct stat st;
  struct statfs sfs;

  if (fstat (fd, &st) < 0 || fstatfs (fd, &sfs) < 0)
    return FALSE;

  info->inode = 0;
  if (S_ISLNK (st.st_mode))
    info->kind = NNS_NETNS_ENTRY_SYMLINK;
  else if (!S_ISREG (st.st_mode))
    info->kind = NNS_NETNS_ENTRY_OTHER;
  else if ((unsigned long) sfs.f_type == (unsigned long) NSFS_MAGIC)
    {
      info->kind = NNS_NETNS_ENTRY_NAMESPACE;
      info->inode = st.st_ino;
    }
  else
    info->kind = NNS_NETNS_ENTRY_FILE;
  return TRUE;
}

/* Looks at the entry @name through an O_PATH fd, which has no side
 * effect on any file type and never follows a symbolic link; returns that
 * fd. */
static int
look_at_entry (NnsNetnsDir       *self,
               const char        *name,
               NnsNetnsEntryInfo *info,
               GError           **error)
{
  nns_autofd int fd = -1;

  fd = openat (self->dir_fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || !query_fd (fd, info))
    {
      g_autofree char *quoted = nns_quote (name);

      if (errno == ENOENT)
        g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND,
                     "namespace %s not found", quoted);
      else
        nns_set_error_errno (error, errno, "cannot look at namespace %s", quoted);
      return -1;
    }
  return g_steal_fd (&fd);
}

/* Tells what the entry @name is, without following a symbolic link. */
gboolean
nns_netns_dir_query (NnsNetnsDir       *self,
                     const char        *name,
                     NnsNetnsEntryInfo *info,
                     GError           **error)
{
  nns_autofd int fd = -1;

  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), FALSE);

  if (!nns_namespace_entry_validate (name, error))
    return FALSE;
  fd = look_at_entry (self, name, info, error);
  return fd >= 0;
}

/* Opens the entry @name for reading, but only once a look showed a live
 * namespace; the reopen goes through the looked-at fd, so the entry
 * cannot be swapped in between. */
static int
open_entry (NnsNetnsDir *self,
            const char  *name,
            GError     **error)
{
  nns_autofd int path_fd = -1;
  NnsNetnsEntryInfo info;
  char fd_path[64];
  int fd;

  path_fd = look_at_entry (self, name, &info, error);
  if (path_fd < 0)
    return -1;
  if (info.kind != NNS_NETNS_ENTRY_NAMESPACE)
    {
      g_autofree char *path = g_build_filename (self->path, name, NULL);
      g_autofree char *quoted_path = nns_quote (path);

      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND,
                   "%s is not a live network namespace", quoted_path);
      return -1;
    }
  g_snprintf (fd_path, sizeof fd_path, "/proc/self/fd/%d", path_fd);
  fd = open (fd_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      g_autofree char *quoted = nns_quote (name);

      nns_set_error_errno (error, errno, "cannot open namespace %s", quoted);
    }
  return fd;
}

/* Returns the names of all entries, as `ip netns list` would, except those
 * that are not valid UTF-8 and so cannot travel over D-Bus. */
GPtrArray *
nns_netns_dir_list_names (NnsNetnsDir *self,
                          GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int fd;
  DIR *dir;
  struct dirent *entry;

  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), NULL);

  fd = openat (self->dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || (dir = fdopendir (fd)) == NULL)
    {
      nns_set_error_errno (error, errno, "cannot read %s", self->path);
      if (fd >= 0)
        close (fd);
      return NULL;
    }

  while ((entry = readdir (dir)) != NULL)
    {
      if (g_str_equal (entry->d_name, ".") || g_str_equal (entry->d_name, ".."))
        continue;
      if (!g_utf8_validate (entry->d_name, -1, NULL))
        {
          g_debug ("skipping a /run/netns entry whose name is not UTF-8");
          continue;
        }
      g_ptr_array_add (names, g_strdup (entry->d_name));
    }
  closedir (dir);

  return g_steal_pointer (&names);
}

/* Switches the calling thread back to the host namespace. Failing to do so
 * would leave every later netlink socket and mount in the wrong namespace,
 * so it is fatal. */
static void
return_to_host (NnsNetnsDir *self)
{
  if (setns (self->host_fd, CLONE_NEWNET) < 0)
    g_error ("cannot return to the host network namespace: %s", g_strerror (errno));
}

static void
remove_file (NnsNetnsDir *self,
             const char  *name)
{
  if (unlinkat (self->dir_fd, name, 0) < 0 && errno != ENOENT)
    g_warning ("cannot remove %s/%s: %s", self->path, name, g_strerror (errno));
}

/* Binds the namespace file @source onto the entry @name, as `ip netns
 * add` (the new namespace) and `ip netns attach` (another's) do. */
static gboolean
bind_namespace_file (NnsNetnsDir *self,
                     const char  *name,
                     const char  *source,
                     guint64     *inode,
                     GError     **error)
{
  g_autofree char *path = g_build_filename (self->path, name, NULL);
  struct stat st;

  if (stat (source, &st) < 0)
    {
      nns_set_error_errno (error, errno, "cannot find the namespace for '%s'", name);
      return FALSE;
    }
  if (mount (source, path, "none", MS_BIND, NULL) < 0)
    {
      nns_set_error_errno (error, errno, "cannot bind namespace '%s' to %s", name, path);
      return FALSE;
    }
  *inode = st.st_ino;
  return TRUE;
}

/* The first half of `ip netns add`: the empty file the namespace will be
 * mounted on, made with O_EXCL so that it is netnsd's own. *file_inode
 * identifies it. @name must already be valid. */
gboolean
nns_netns_dir_create_file (NnsNetnsDir *self,
                           const char  *name,
                           guint64     *file_inode,
                           GError     **error)
{
  nns_autofd int fd = -1;
  struct stat st;

  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), FALSE);

  fd = openat (self->dir_fd, name, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
  if (fd < 0)
    {
      if (errno == EEXIST)
        g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                     "namespace '%s' already exists", name);
      else
        nns_set_error_errno (error, errno, "cannot create %s/%s", self->path, name);
      return FALSE;
    }
  if (fstat (fd, &st) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create %s/%s", self->path, name);
      remove_file (self, name);
      return FALSE;
    }
  *file_inode = st.st_ino;
  return TRUE;
}

/* The second half: a new namespace, @setup run inside it, then bound onto
 * the file nns_netns_dir_create_file() made. On failure the file is
 * removed too, so nothing is left behind. */
gboolean
nns_netns_dir_bind_new (NnsNetnsDir  *self,
                        const char   *name,
                        NnsNetnsFunc  setup,
                        gpointer      user_data,
                        guint64      *inode,
                        GError      **error)
{
  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), FALSE);
  g_return_val_if_fail (self->owner_thread == g_thread_self (), FALSE);

  if (unshare (CLONE_NEWNET) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create namespace '%s'", name);
      remove_file (self, name);
      return FALSE;
    }
  nns_debug_crash_point ("namespace-unshared");

  if ((setup != NULL && !setup (user_data, error)) ||
      nns_debug_fail_point ("namespace-bind", error) ||
      !bind_namespace_file (self, name, "/proc/thread-self/ns/net", inode, error))
    {
      return_to_host (self);
      remove_file (self, name);
      return FALSE;
    }
  nns_debug_crash_point ("namespace-mounted");

  return_to_host (self);
  return TRUE;
}

/* The second half of `ip netns attach`: the namespace open at @fd (an
 * nsfs fd a caller passed, maybe O_PATH) bound onto the file
 * nns_netns_dir_create_file() made. On failure the file is removed too. */
gboolean
nns_netns_dir_bind_fd (NnsNetnsDir *self,
                       const char  *name,
                       int          fd,
                       guint64     *inode,
                       GError     **error)
{
  char fd_path[64];

  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), FALSE);

  g_snprintf (fd_path, sizeof fd_path, "/proc/self/fd/%d", fd);
  if (nns_debug_fail_point ("namespace-attach-bind", error) ||
      !bind_namespace_file (self, name, fd_path, inode, error))
    {
      remove_file (self, name);
      return FALSE;
    }
  return TRUE;
}

/* Removes the entry @name only if it is the file netnsd made with inode
 * @file_inode, with or without a namespace mounted on it: what a crash
 * during creation left. Anything else stays as it is. */
gboolean
nns_netns_dir_remove_own (NnsNetnsDir *self,
                          const char  *name,
                          guint64      file_inode)
{
  g_autofree char *path = g_build_filename (self->path, name, NULL);
  g_autofree char *fd_path = NULL;
  nns_autofd int held = -1;
  NnsNetnsEntryInfo info;
  struct stat st;

  if (!nns_netns_dir_query (self, name, &info, NULL))
    return FALSE;
  if (info.kind == NNS_NETNS_ENTRY_NAMESPACE)
    {
      /* The file is only visible once the namespace is off it. Hold the
       * namespace, so that it can go back if the file is not netnsd's. */
      held = open_entry (self, name, NULL);
      if (held < 0 || umount2 (path, MNT_DETACH | UMOUNT_NOFOLLOW) < 0)
        return FALSE;
    }
  else if (info.kind != NNS_NETNS_ENTRY_FILE)
    return FALSE;

  if (fstatat (self->dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_ino == file_inode)
    return unlinkat (self->dir_fd, name, 0) == 0;

  if (held >= 0)
    {
      fd_path = g_strdup_printf ("/proc/self/fd/%d", held);
      if (mount (fd_path, path, "none", MS_BIND, NULL) < 0)
        g_warning ("cannot put namespace %s back: %s", name, g_strerror (errno));
    }
  return FALSE;
}

/* Removes the entry @name as `ip netns del` does: a lazy unmount (never
 * following a symbolic link), then unlink. */
gboolean
nns_netns_dir_remove (NnsNetnsDir *self,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *quoted = NULL;
  NnsNetnsEntryInfo info;

  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), FALSE);

  if (!nns_netns_dir_query (self, name, &info, error))
    return FALSE;

  path = g_build_filename (self->path, name, NULL);
  quoted = nns_quote (name);

  /* A racing `ip netns add` can stack more than one mount on the entry. */
  for (guint i = 0; i < 16; i++)
    if (umount2 (path, MNT_DETACH | UMOUNT_NOFOLLOW) < 0)
      break;

  if (unlinkat (self->dir_fd, name, 0) < 0)
    {
      if (errno == ENOENT)
        g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND,
                     "namespace %s not found", quoted);
      else
        nns_set_error_errno (error, errno, "cannot remove namespace %s", quoted);
      return FALSE;
    }
  return TRUE;
}

/* Opens the live namespace @name (never following a symbolic link) and
 * returns its fd; "" is the host's own namespace. */
int
nns_netns_dir_open_namespace (NnsNetnsDir *self,
                              const char  *name,
                              GError     **error)
{
  nns_autofd int fd = -1;

  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), -1);

  if (name[0] == '\0')
    {
      fd = fcntl (self->host_fd, F_DUPFD_CLOEXEC, 3);
      if (fd < 0)
        nns_set_error_errno (error, errno, "cannot open the host namespace");
      return g_steal_fd (&fd);
    }

  return open_entry (self, name, error);
}

/* Runs @func with the calling thread inside the live namespace @name, and
 * returns to the host namespace afterwards. */
gboolean
nns_netns_dir_run_in (NnsNetnsDir  *self,
                      const char   *name,
                      NnsNetnsFunc  func,
                      gpointer      user_data,
                      GError      **error)
{
  nns_autofd int fd = -1;
  gboolean ok;

  g_return_val_if_fail (NNS_IS_NETNS_DIR (self), FALSE);
  g_return_val_if_fail (self->owner_thread == g_thread_self (), FALSE);

  fd = nns_netns_dir_open_namespace (self, name, error);
  if (fd < 0)
    return FALSE;
  if (setns (fd, CLONE_NEWNET) < 0)
    {
      g_autofree char *quoted = nns_quote (name);

      nns_set_error_errno (error, errno, "cannot enter namespace %s", quoted);
      return FALSE;
    }
  ok = func (user_data, error);
  return_to_host (self);
  return ok;
}
