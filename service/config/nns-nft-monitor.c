/* nns-nft-monitor.c: changes to netnsd's nftables table made by others,
 * in every namespace, on one socket.
 *
 * netnsd's table must hold what its records say: when someone runs `nft
 * flush ruleset`, or deletes or adds a rule in it, netnsd writes it again.
 * As for link notifications (nns-link-events.c), one socket in the host
 * with NETLINK_LISTEN_ALL_NSID hears the nftables notifications of every
 * namespace that has an id in the host's view, each tagged with that id
 * (the host's own carry none). Only those naming the table inet netnsd
 * count.
 *
 * netnsd's own changes are heard too. The kernel queues a transaction's
 * notifications before it answers the transaction, so right after each of
 * its own, netnsd drains the socket and drops what it hears from that
 * namespace up to then: its own change, and anything before it, which its
 * table replaced.
 *
 * Also here: whether the table is there, asked with one nfnetlink
 * request, at a fraction of the cost of a libnftables context.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-link-events.h"
#include "nns-nft-monitor.h"
#include "nns-nftables.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define BUFFER_SIZE (4 * 1024 * 1024)
#define RECEIVE_SIZE (64 * 1024)

struct _NnsNftMonitor
{
  GObject            parent_instance;

  int                fd;
  guint              source;
  guint8            *buffer;
  NnsNftChangedFunc  changed;
  gpointer           user_data;
};

G_DEFINE_FINAL_TYPE (NnsNftMonitor, nns_nft_monitor, G_TYPE_OBJECT)

static void
nns_nft_monitor_finalize (GObject *object)
{
  NnsNftMonitor *self = NNS_NFT_MONITOR (object);

  g_clear_handle_id (&self->source, g_source_remove);
  nns_clear_fd (&self->fd);
  g_free (self->buffer);

  G_OBJECT_CLASS (nns_nft_monitor_parent_class)->finalize (object);
}

static void
nns_nft_monitor_class_init (NnsNftMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_nft_monitor_finalize;
}

static void
nns_nft_monitor_init (NnsNftMonitor *self)
{
  self->fd = -1;
  self->buffer = g_malloc (RECEIVE_SIZE);
}

/* Whether @hdr is about an object of the table inet netnsd. Every
 * nftables object message but the generation's names its table in
 * attribute 1 (NFTA_TABLE_NAME, NFTA_CHAIN_TABLE, NFTA_RULE_TABLE, ...). */
static gboolean
names_own_table (const struct nlmsghdr *hdr)
{
  const struct nfgenmsg *gen;
  const struct nlattr *attr;
  int remaining;

  if (NFNL_SUBSYS_ID (hdr->nlmsg_type) != NFNL_SUBSYS_NFTABLES ||
      NFNL_MSG_TYPE (hdr->nlmsg_type) == NFT_MSG_NEWGEN ||
      hdr->nlmsg_len < NLMSG_LENGTH (sizeof *gen))
    return FALSE;
  gen = NLMSG_DATA (hdr);
  if (gen->nfgen_family != NFPROTO_INET)
    return FALSE;

  attr = (const struct nlattr *) ((const char *) gen + NLMSG_ALIGN (sizeof *gen));
  remaining = (int) hdr->nlmsg_len - (int) NLMSG_LENGTH (NLMSG_ALIGN (sizeof *gen));
  for (; remaining >= (int) sizeof *attr && attr->nla_len >= sizeof *attr &&
         attr->nla_len <= remaining;
       remaining -= NLA_ALIGN (attr->nla_len),
       attr = (const struct nlattr *) ((const char *) attr + NLA_ALIGN (attr->nla_len)))
    if ((attr->nla_type & NLA_TYPE_MASK) == 1)
      {
        gsize length = attr->nla_len - NLA_HDRLEN;
        const char *name = (const char *) attr + NLA_HDRLEN;

        return length == sizeof NNS_NFT_TABLE && memcmp (name, NNS_NFT_TABLE, length) == 0;
      }
  return FALSE;
}

static gboolean
batch_names_own_table (const guint8 *data,
                       gsize         length)
{
  int remaining = (int) length;

  for (const struct nlmsghdr *hdr = (const struct nlmsghdr *) data; NLMSG_OK (hdr, remaining);
       hdr = NLMSG_NEXT (hdr, remaining))
    if (names_own_table (hdr))
      return TRUE;
  return FALSE;
}

static int
message_nsid (struct msghdr *message)
{
  for (struct cmsghdr *c = CMSG_FIRSTHDR (message); c != NULL; c = CMSG_NXTHDR (message, c))
    if (c->cmsg_level == SOL_NETLINK && c->cmsg_type == NETLINK_LISTEN_ALL_NSID)
      return *(int *) CMSG_DATA (c);
  return NNS_HOST_NSID;
}

/* Reads every pending notification; those of @own_nsid are netnsd's own
 * (NNS_NFT_NSID_NONE: none are; NNS_NFT_NSID_EVERY: all are). A lost
 * notification could have been anyone's: it counts as a change
 * everywhere. */
void
nns_nft_monitor_drain (NnsNftMonitor *self,
                       int            own_nsid)
{
  char control[CMSG_SPACE (sizeof (int))];

  g_return_if_fail (NNS_IS_NFT_MONITOR (self));

  for (;;)
    {
      struct iovec iov = { self->buffer, RECEIVE_SIZE };
      struct msghdr message = { .msg_iov = &iov, .msg_iovlen = 1,
                                .msg_control = control, .msg_controllen = sizeof control };
      ssize_t got = recvmsg (self->fd, &message, MSG_DONTWAIT);
      int nsid;

      if (got < 0 && errno == ENOBUFS)
        {
          if (own_nsid != NNS_NFT_NSID_EVERY)
            self->changed (NNS_NFT_NSID_EVERY, self->user_data);
          continue;
        }
      if (got <= 0)
        break;
      nsid = message_nsid (&message);
      if (own_nsid != NNS_NFT_NSID_EVERY && nsid != own_nsid &&
          batch_names_own_table (self->buffer, (gsize) got))
        self->changed (nsid, self->user_data);
    }
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  nns_nft_monitor_drain (NNS_NFT_MONITOR (user_data), NNS_NFT_NSID_NONE);
  return G_SOURCE_CONTINUE;
}

/* Opens the socket in the namespace the calling thread is in (the
 * host's). */
NnsNftMonitor *
nns_nft_monitor_new (NnsNftChangedFunc   changed,
                     gpointer            user_data,
                     GError            **error)
{
  g_autoptr(NnsNftMonitor) self = g_object_new (NNS_TYPE_NFT_MONITOR, NULL);
  struct sockaddr_nl address = { .nl_family = AF_NETLINK };
  int one = 1, group = NFNLGRP_NFTABLES, size = BUFFER_SIZE;

  self->changed = changed;
  self->user_data = user_data;
  self->fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_NETFILTER);
  if (self->fd < 0 ||
      bind (self->fd, (struct sockaddr *) &address, sizeof address) < 0 ||
      setsockopt (self->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group) < 0 ||
      setsockopt (self->fd, SOL_NETLINK, NETLINK_LISTEN_ALL_NSID, &one, sizeof one) < 0)
    {
      nns_set_error_errno (error, errno, "cannot listen to nftables changes");
      return NULL;
    }
  if (setsockopt (self->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    setsockopt (self->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  self->source = g_unix_fd_add (self->fd, G_IO_IN, on_readable, self);
  return g_steal_pointer (&self);
}

/* The table question */

typedef struct {
  struct nlmsghdr hdr;
  struct nfgenmsg gen;
  struct nlattr   name_attr;
  char            name[NLA_ALIGN (sizeof NNS_NFT_TABLE)];
} TableRequest;

/* The answer to @request on @fd: 0 for the table, else the errno. */
static int
read_table_answer (int       fd,
                   guint32   seq,
                   gboolean *exists)
{
  guint8 buffer[8192];

  for (;;)
    {
      ssize_t got = recv (fd, buffer, sizeof buffer, 0);
      int remaining = (int) got;

      if (got < 0)
        return errno;
      for (struct nlmsghdr *hdr = (struct nlmsghdr *) buffer; NLMSG_OK (hdr, remaining);
           hdr = NLMSG_NEXT (hdr, remaining))
        {
          if (hdr->nlmsg_seq != seq)
            continue;
          if (hdr->nlmsg_type == NLMSG_ERROR)
            {
              const struct nlmsgerr *err = NLMSG_DATA (hdr);

              if (err->error == 0)
                return 0;
              if (err->error == -ENOENT)
                *exists = FALSE;
              return err->error == -ENOENT ? 0 : -err->error;
            }
          if (NFNL_MSG_TYPE (hdr->nlmsg_type) == NFT_MSG_NEWTABLE)
            *exists = TRUE;
        }
    }
}

/* Whether the namespace the calling thread is in has the table inet
 * netnsd. */
gboolean
nns_nft_table_exists_here (gboolean *exists,
                           GError  **error)
{
  nns_autofd int fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  TableRequest request = {
    .hdr = {
      .nlmsg_len = sizeof request,
      .nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETTABLE,
      .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
      .nlmsg_seq = 1,
    },
    .gen = { .nfgen_family = NFPROTO_INET, .version = NFNETLINK_V0 },
    .name_attr = { .nla_len = NLA_HDRLEN + sizeof NNS_NFT_TABLE, .nla_type = NFTA_TABLE_NAME },
    .name = NNS_NFT_TABLE,
  };
  struct timeval timeout = { .tv_sec = 5 };
  int errsv;

  G_STATIC_ASSERT (sizeof (TableRequest) == NLMSG_LENGTH (sizeof (struct nfgenmsg)) +
                   NLA_HDRLEN + NLA_ALIGN (sizeof NNS_NFT_TABLE));

  *exists = FALSE;
  if (fd < 0 || setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) < 0 ||
      sendto (fd, &request, sizeof request, 0, (struct sockaddr *) &kernel, sizeof kernel) < 0)
    errsv = errno;
  else
    errsv = read_table_answer (fd, request.hdr.nlmsg_seq, exists);
  if (errsv != 0)
    {
      nns_set_error_errno (error, errsv, "cannot ask nftables for the table " NNS_NFT_FAMILY
                           " " NNS_NFT_TABLE);
      return FALSE;
    }
  return TRUE;
}
