/* nns-netlink.c: a route netlink socket bound to one network namespace.
 *
 * A netlink socket talks to the namespace it was created in for its whole
 * life, whichever namespace its user is in later. So an NnsNetlink is
 * created while the calling thread is inside the target namespace
 * (nns_netlink_new_here(), run through nns_netns_dir_create() or
 * nns_netns_dir_run_in()) and kept for reuse.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <sys/socket.h>

#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>

#include "nns-libnl.h"
#include "nns-netlink.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

struct _NnsNetlink
{
  GObject         parent_instance;

  struct nl_sock *sock;
  guint64         cookie;  /* the namespace's cookie, never reused while the system runs */
};

G_DEFINE_FINAL_TYPE (NnsNetlink, nns_netlink, G_TYPE_OBJECT)

static void
nns_netlink_finalize (GObject *object)
{
  NnsNetlink *self = NNS_NETLINK (object);

  g_clear_pointer (&self->sock, nl_socket_free);

  G_OBJECT_CLASS (nns_netlink_parent_class)->finalize (object);
}

static void
nns_netlink_class_init (NnsNetlinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_netlink_finalize;
}

static void
nns_netlink_init (NnsNetlink *self)
{
}

NnsError
nns_error_code_from_nl (int nlerr)
{
  switch (abs (nlerr))
    {
    case NLE_EXIST:
      return NNS_ERROR_EXISTS;
    case NLE_OBJ_NOTFOUND:
    case NLE_NODEV:
    case NLE_NOADDR:
      return NNS_ERROR_NOT_FOUND;
    case NLE_INVAL:
    case NLE_RANGE:
    case NLE_MSGSIZE:
    case NLE_AF_MISMATCH:
    case NLE_NOATTR:
      return NNS_ERROR_INVALID_ARGUMENT;
    case NLE_BUSY:
    case NLE_AGAIN:
      return NNS_ERROR_BUSY;
    case NLE_OPNOTSUPP:
    case NLE_AF_NOSUPPORT:
    case NLE_PROTO_MISMATCH:
      return NNS_ERROR_NOT_SUPPORTED;
    case NLE_PERM:
      return NNS_ERROR_NOT_AUTHORIZED;
    default:
      return NNS_ERROR_FAILED;
    }
}

/* Sets @error from a libnl error code, the message naming the object and
 * giving the kernel's reason. */
void
nns_set_error_nl (GError    **error,
                  int         nlerr,
                  const char *format,
                  ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, NNS_ERROR, nns_error_code_from_nl (nlerr),
               "%s: %s", what, nl_geterror (nlerr));
}

/* Opens a socket in the namespace the calling thread is in now. */
NnsNetlink *
nns_netlink_new_here (GError **error)
{
  g_autoptr(NnsNetlink) self = g_object_new (NNS_TYPE_NETLINK, NULL);
  socklen_t len = sizeof self->cookie;
  int err;

  self->sock = nl_socket_alloc ();
  if (self->sock == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED,
                           "cannot allocate a netlink socket");
      return NULL;
    }
  err = nl_connect (self->sock, NETLINK_ROUTE);
  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot open a netlink socket");
      return NULL;
    }
  if (getsockopt (nl_socket_get_fd (self->sock), SOL_SOCKET, SO_NETNS_COOKIE,
                  &self->cookie, &len) < 0)
    self->cookie = 0;

  return g_steal_pointer (&self);
}

/* The namespace's cookie: unlike its inode number, never given to another
 * namespace while the system runs. 0 where the kernel has none (< 5.14). */
guint64
nns_netlink_get_cookie (NnsNetlink *self)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), 0);

  return self->cookie;
}

gboolean
nns_netlink_set_link_up (NnsNetlink *self,
                         int         ifindex,
                         gboolean    up,
                         GError    **error)
{
  g_autoptr(NnsRtnlLink) orig = rtnl_link_alloc ();
  g_autoptr(NnsRtnlLink) change = rtnl_link_alloc ();
  int err;

  g_return_val_if_fail (NNS_IS_NETLINK (self), FALSE);

  rtnl_link_set_ifindex (orig, ifindex);
  if (up)
    rtnl_link_set_flags (change, IFF_UP);
  else
    rtnl_link_unset_flags (change, IFF_UP);

  err = rtnl_link_change (self->sock, orig, change, 0);
  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot set link %d %s", ifindex, up ? "up" : "down");
      return FALSE;
    }
  return TRUE;
}
