/* nns-link-events.c: link notifications of every namespace, on one socket.
 *
 * The kernel hands each rtnetlink notification to every socket subscribed
 * to notifications anywhere on the system, checking each one's namespace
 * in turn (netlink_broadcast()). A subscribed socket per namespace would
 * make every link change on the machine cost O(namespaces). So netnsd
 * keeps one, in the host, with NETLINK_LISTEN_ALL_NSID: it receives the
 * link notifications of every namespace that has an id in the host's view
 * (an nsid, which netnsd assigns), each tagged with that nsid, and feeds
 * them to the namespace's NnsNetlink. Notifications of the host itself
 * carry no nsid. The same socket hears of IPv4 and IPv6 addresses, for
 * the link objects' Addresses.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <netlink/msg.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-link-events.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Room for a burst (thousands of links made at once) before the kernel
 * drops notifications; a drop only costs re-reading every namespace. */
#define BUFFER_SIZE (8 * 1024 * 1024)
#define RECEIVE_SIZE (64 * 1024)

struct _NnsLinkEvents
{
  GObject     parent_instance;

  int         fd;
  guint       source;
  GHashTable *watched;   /* nsid -> NnsNetlink */
  GHashTable *nsids;     /* NnsNetlink -> nsid, for unwatching */
  guint8     *buffer;
};

G_DEFINE_FINAL_TYPE (NnsLinkEvents, nns_link_events, G_TYPE_OBJECT)

static void
nns_link_events_finalize (GObject *object)
{
  NnsLinkEvents *self = NNS_LINK_EVENTS (object);

  GHashTableIter iter;
  NnsNetlink *netlink;

  g_clear_handle_id (&self->source, g_source_remove);
  nns_clear_fd (&self->fd);
  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &netlink))
    nns_netlink_set_drain_func (netlink, NULL, NULL);
  g_hash_table_unref (self->watched);
  g_hash_table_unref (self->nsids);
  g_free (self->buffer);

  G_OBJECT_CLASS (nns_link_events_parent_class)->finalize (object);
}

static void
nns_link_events_class_init (NnsLinkEventsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_link_events_finalize;
}

static void
nns_link_events_init (NnsLinkEvents *self)
{
  self->fd = -1;
  self->watched = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->nsids = g_hash_table_new (NULL, NULL);
  self->buffer = g_malloc (RECEIVE_SIZE);
}

/* What is still queued was sent before the notifications the kernel
 * dropped: read after the namespaces are read again, it would take them
 * back to an older state, with the later changes lost. */
static void
discard_pending (NnsLinkEvents *self)
{
  for (;;)
    {
      ssize_t got = recv (self->fd, self->buffer, RECEIVE_SIZE, MSG_DONTWAIT);

      if (got == 0 || (got < 0 && errno != ENOBUFS && errno != EINTR))
        return;
    }
}

/* Notifications were lost: every namespace reads its links again. */
static void
resynchronize (NnsLinkEvents *self)
{
  GHashTableIter iter;
  NnsNetlink *netlink;

  g_debug ("link notifications overran; re-reading the links of every namespace");
  discard_pending (self);
  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &netlink))
    nns_netlink_resynchronize (netlink);
}

static int
message_nsid (struct msghdr *message)
{
  for (struct cmsghdr *c = CMSG_FIRSTHDR (message); c != NULL; c = CMSG_NXTHDR (message, c))
    if (c->cmsg_level == SOL_NETLINK && c->cmsg_type == NETLINK_LISTEN_ALL_NSID)
      return *(int *) CMSG_DATA (c);
  return NNS_HOST_NSID;
}

/* A link came, changed or went, or an address did. The kernel also sends
 * link messages of the AF_BRIDGE family when a port joins or leaves a
 * bridge: those are about the port's place in the bridge, not about the
 * link, and taking an AF_BRIDGE RTM_DELLINK for a link's removal would
 * drop it (and its recorded owner) while it still exists. */
static gboolean
is_wanted_message (struct nlmsghdr *hdr)
{
  struct ifinfomsg *info;
  struct ifaddrmsg *addr;

  switch (hdr->nlmsg_type)
    {
    case RTM_NEWLINK:
    case RTM_DELLINK:
      if (!nlmsg_valid_hdr (hdr, sizeof *info))
        return FALSE;
      info = nlmsg_data (hdr);
      return info->ifi_family == AF_UNSPEC;
    case RTM_NEWADDR:
    case RTM_DELADDR:
      if (!nlmsg_valid_hdr (hdr, sizeof *addr))
        return FALSE;
      addr = nlmsg_data (hdr);
      return addr->ifa_family == AF_INET || addr->ifa_family == AF_INET6;
    default:
      return FALSE;
    }
}

static void
dispatch (NnsLinkEvents *self,
          int            nsid,
          guint8        *data,
          gsize          length)
{
  NnsNetlink *netlink = g_hash_table_lookup (self->watched, GINT_TO_POINTER (nsid));
  int remaining = (int) length;

  if (netlink == NULL)
    return;
  for (struct nlmsghdr *hdr = (struct nlmsghdr *) data; nlmsg_ok (hdr, remaining);
       hdr = nlmsg_next (hdr, &remaining))
    if (is_wanted_message (hdr))
      nns_netlink_handle_notification (netlink, hdr);
  nns_netlink_notifications_done (netlink);
}

/* Reads every pending notification. */
void
nns_link_events_drain (NnsLinkEvents *self)
{
  char control[CMSG_SPACE (sizeof (int))];

  for (;;)
    {
      struct iovec iov = { self->buffer, RECEIVE_SIZE };
      struct msghdr message = { .msg_iov = &iov, .msg_iovlen = 1,
                                .msg_control = control, .msg_controllen = sizeof control };
      ssize_t got = recvmsg (self->fd, &message, MSG_DONTWAIT);

      if (got < 0 && errno == ENOBUFS)
        {
          resynchronize (self);
          continue;
        }
      if (got <= 0)
        break;
      dispatch (self, message_nsid (&message), self->buffer, (gsize) got);
    }
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  nns_link_events_drain (NNS_LINK_EVENTS (user_data));
  return G_SOURCE_CONTINUE;
}

/* Opens the socket, in the namespace the calling thread is in (the
 * host's). */
NnsLinkEvents *
nns_link_events_new (GError **error)
{
  g_autoptr(NnsLinkEvents) self = g_object_new (NNS_TYPE_LINK_EVENTS, NULL);
  struct sockaddr_nl address = { .nl_family = AF_NETLINK, .nl_groups = 0 };
  int one = 1, size = BUFFER_SIZE;
  int link = RTNLGRP_LINK, ipv4 = RTNLGRP_IPV4_IFADDR, ipv6 = RTNLGRP_IPV6_IFADDR;

  self->fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
  if (self->fd < 0 ||
      bind (self->fd, (struct sockaddr *) &address, sizeof address) < 0 ||
      setsockopt (self->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &link, sizeof link) < 0 ||
      setsockopt (self->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &ipv4, sizeof ipv4) < 0 ||
      setsockopt (self->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &ipv6, sizeof ipv6) < 0 ||
      setsockopt (self->fd, SOL_NETLINK, NETLINK_LISTEN_ALL_NSID, &one, sizeof one) < 0)
    {
      nns_set_error_errno (error, errno, "cannot listen to link changes");
      return NULL;
    }
  /* Past the default limit when privileged; else as large as allowed. */
  if (setsockopt (self->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    setsockopt (self->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);

  self->source = g_unix_fd_add (self->fd, G_IO_IN, on_readable, self);
  return g_steal_pointer (&self);
}

static void
drain_for_netlink (gpointer data)
{
  nns_link_events_drain (NNS_LINK_EVENTS (data));
}

/* Feeds the notifications of the namespace with id @nsid (NNS_HOST_NSID
 * for the host) to @netlink, holding it until nns_link_events_unwatch().
 * An nsid is given to one namespace at a time: a later @netlink under the
 * same id replaces an earlier one. */
void
nns_link_events_watch (NnsLinkEvents *self,
                       int            nsid,
                       NnsNetlink    *netlink)
{
  NnsNetlink *earlier;

  g_return_if_fail (NNS_IS_LINK_EVENTS (self));

  earlier = g_hash_table_lookup (self->watched, GINT_TO_POINTER (nsid));
  if (earlier == netlink)
    return;
  if (earlier != NULL)
    nns_link_events_unwatch (self, earlier);
  if (g_hash_table_contains (self->nsids, netlink))
    nns_link_events_unwatch (self, netlink);

  g_hash_table_insert (self->watched, GINT_TO_POINTER (nsid), g_object_ref (netlink));
  g_hash_table_insert (self->nsids, netlink, GINT_TO_POINTER (nsid));
  nns_netlink_set_nsid (netlink, nsid);
  nns_netlink_set_drain_func (netlink, drain_for_netlink, self);
}

/* Stops feeding @netlink, and lets it go. */
void
nns_link_events_unwatch (NnsLinkEvents *self,
                         NnsNetlink    *netlink)
{
  gpointer nsid;

  g_return_if_fail (NNS_IS_LINK_EVENTS (self));

  if (!g_hash_table_steal_extended (self->nsids, netlink, NULL, &nsid))
    return;
  nns_netlink_set_drain_func (netlink, NULL, NULL);
  nns_netlink_set_nsid (netlink, NNS_NSID_UNKNOWN);
  g_hash_table_remove (self->watched, nsid);
}
