/* nns-netns-fd.c: what a namespace file descriptor a caller passes is.
 *
 * AttachNamespace takes the namespace as an fd the caller opened itself
 * (/proc/PID/ns/net, or a bind mount of one elsewhere), so netnsd never
 * opens a path on a caller's behalf. The fd may be anything: it counts
 * only if it is an nsfs file (fstatfs, which no file type can fool and
 * which never blocks, as opening a FIFO would) of a network namespace
 * (NS_GET_NSTYPE). Its identity is nsfs's device and inode, as `ip netns
 * identify` compares them; its owner is the uid that owns the user
 * namespace that owns it (NS_GET_USERNS, NS_GET_OWNER_UID): the caller
 * itself for a namespace of its own `unshare -rn`, root for one made in
 * the initial user namespace.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-netns-fd.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

/* Where the init process's namespace is seen from netnsd. */
#define INIT_NETNS "/proc/1/ns/net"

static const char *
namespace_kind (int type)
{
  switch (type)
    {
    case CLONE_NEWNS:
      return "mount";
    case CLONE_NEWUTS:
      return "UTS";
    case CLONE_NEWIPC:
      return "IPC";
    case CLONE_NEWUSER:
      return "user";
    case CLONE_NEWPID:
      return "PID";
    case CLONE_NEWCGROUP:
      return "cgroup";
#ifdef CLONE_NEWTIME
    case CLONE_NEWTIME:
      return "time";
#endif
    default:
      return "unknown";
    }
}

/* An fd open for reading on the same file: the ioctls refuse O_PATH fds,
 * which a caller may well pass (they open anything, and nothing else).
 * Reopening through /proc is safe here, the file being an nsfs one. */
static int
readable_fd (int      fd,
             GError **error)
{
  int flags = fcntl (fd, F_GETFL);
  char fd_path[64];
  int readable;

  if (flags >= 0 && (flags & O_PATH) == 0)
    readable = fcntl (fd, F_DUPFD_CLOEXEC, 3);
  else
    {
      g_snprintf (fd_path, sizeof fd_path, "/proc/self/fd/%d", fd);
      readable = open (fd_path, O_RDONLY | O_CLOEXEC);
    }
  if (readable < 0)
    nns_set_error_errno (error, errno, "cannot open the namespace of netns");
  return readable;
}

/* Who owns the user namespace that owns the namespace at @fd; (uid_t) -1
 * if that user namespace lies outside netnsd's own (EPERM), where no uid
 * of netnsd's would name its owner. */
static gboolean
read_userns_owner (int      fd,
                   uid_t   *owner,
                   GError **error)
{
  nns_autofd int userns = ioctl (fd, NS_GET_USERNS);

  *owner = (uid_t) -1;
  if (userns < 0 && errno == EPERM)
    return TRUE;
  if (userns < 0 || ioctl (userns, NS_GET_OWNER_UID, owner) < 0)
    {
      nns_set_error_errno (error, errno, "cannot tell who owns the namespace of netns");
      return FALSE;
    }
  return TRUE;
}

/* Fails with InvalidArgument unless @fd is a network namespace; fills
 * @info in. */
gboolean
nns_netns_fd_inspect (int             fd,
                      NnsNetnsFdInfo *info,
                      GError        **error)
{
  nns_autofd int readable = -1;
  struct statfs sfs;
  struct stat st;
  int type;

  if (fstatfs (fd, &sfs) < 0 || fstat (fd, &st) < 0)
    {
      nns_set_error_errno (error, errno, "cannot look at netns");
      return FALSE;
    }
  if ((unsigned long) sfs.f_type != (unsigned long) NSFS_MAGIC || !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "netns is not a namespace (an nsfs file such as /proc/PID/ns/net)");
      return FALSE;
    }
  readable = readable_fd (fd, error);
  if (readable < 0)
    return FALSE;
  type = ioctl (readable, NS_GET_NSTYPE);
  if (type < 0)
    {
      nns_set_error_errno (error, errno, "cannot tell what kind of namespace netns is");
      return FALSE;
    }
  if (type != CLONE_NEWNET)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "netns is a %s namespace, not a network namespace", namespace_kind (type));
      return FALSE;
    }
  info->device = st.st_dev;
  info->inode = st.st_ino;
  return read_userns_owner (readable, &info->userns_owner, error);
}

static gboolean
is_file (const NnsNetnsFdInfo *info,
         const struct stat    *st)
{
  return info->device == (guint64) st->st_dev && info->inode == (guint64) st->st_ino;
}

/* Fails with InvalidArgument if @info is the host's namespace: the one
 * netnsd runs in (@host_fd), or the init process's, where the two differ
 * (a netnsd started inside another namespace still refuses the machine's
 * own). Whatever file names it: /proc/self/ns/net, /proc/1/ns/net, or a
 * /run/netns entry bound to it. */
gboolean
nns_netns_fd_check_not_host (const NnsNetnsFdInfo *info,
                             int                   host_fd,
                             GError              **error)
{
  struct stat st;

  if (fstat (host_fd, &st) < 0)
    {
      nns_set_error_errno (error, errno, "cannot look at the host namespace");
      return FALSE;
    }
  if (is_file (info, &st) || (stat (INIT_NETNS, &st) == 0 && is_file (info, &st)))
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "netns is the host's own network namespace, which cannot be "
                           "attached");
      return FALSE;
    }
  return TRUE;
}
