/* nns-netlink.c: route netlink sockets bound to one network namespace.
 *
 * A netlink socket talks to the namespace it was created in for its whole
 * life, whichever namespace its user is in later. So an NnsNetlink is
 * created while the calling thread is inside the target namespace
 * (nns_netlink_new_here(), run through nns_netns_dir_bind_new() or
 * nns_netns_dir_run_in()) and kept for reuse.
 *
 * Each holds one socket, for requests, answered synchronously (the kernel
 * answers in microseconds), and a libnl link cache that NnsLinkEvents
 * keeps current from the link notifications of its namespace, emitting
 * "links-changed" when the set of link names changes and "link-removed"
 * for each link that goes.
 *
 * Requests go through nns_netlink_request(), not libnl's own
 * nl_send_sync(): libnl folds many kernel errors into "unspecific failure",
 * while netnsd needs the exact errno and the kernel's extended-ack text to
 * tell the caller what was wrong.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib-unix.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/errno.h>

#include "nns-netlink-private.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

struct _NnsNetlink
{
  GObject         parent_instance;

  char           *description;  /* "namespace 'red'", "the host namespace" */
  struct nl_sock *sock;         /* requests */
  struct nl_cache *links;       /* kept current from the notifications */
  NnsNetlinkDrainFunc drain;    /* reads the notifications pending for it */
  gpointer        drain_data;
  gboolean        track_names;  /* keep link_names and emit links-changed */
  gboolean        names_dirty;
  guint64         cookie;       /* the namespace's cookie, never reused while the system runs */
  char          **link_names;   /* sorted, as last announced */
};

enum {
  SIGNAL_LINKS_CHANGED,
  SIGNAL_LINK_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NnsNetlink, nns_netlink, G_TYPE_OBJECT)

static void
nns_netlink_finalize (GObject *object)
{
  NnsNetlink *self = NNS_NETLINK (object);

  g_clear_pointer (&self->links, nl_cache_free);
  g_clear_pointer (&self->sock, nl_socket_free);
  g_strfreev (self->link_names);
  g_free (self->description);

  G_OBJECT_CLASS (nns_netlink_parent_class)->finalize (object);
}

static void
nns_netlink_class_init (NnsNetlinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_netlink_finalize;

  signals[SIGNAL_LINKS_CHANGED] =
    g_signal_new ("links-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_LINK_REMOVED] =
    g_signal_new ("link-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
nns_netlink_init (NnsNetlink *self)
{
}

/* Errors */

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
    default:
      return NNS_ERROR_FAILED;
    }
}

void
nns_netlink_answer_clear (NnsNetlinkAnswer *answer)
{
  g_clear_pointer (&answer->reason, g_free);
  answer->errsv = 0;
}

/* Requests */

typedef struct {
  NnsNetlinkAnswer *answer;
  gboolean          done;
  nl_recvmsg_msg_cb_t on_reply;
  gpointer          reply_data;
} PendingRequest;

/* The extended-ack message, when the kernel attached one after the
 * (capped) copy of the request. */
static char *
extack_message (const struct nlmsgerr *err)
{
  const struct nlmsghdr *hdr = (const struct nlmsghdr *) ((const char *) err - NLMSG_HDRLEN);
  const char *attrs;
  int len;
  struct nlattr *attr;
  int remaining;

  if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS))
    return NULL;
  attrs = (const char *) err + sizeof *err;
  if (!(hdr->nlmsg_flags & NLM_F_CAPPED))
    attrs += err->msg.nlmsg_len - NLMSG_HDRLEN;
  len = (int) hdr->nlmsg_len - (int) (attrs - (const char *) hdr);
  if (len <= 0)
    return NULL;

  nla_for_each_attr (attr, (struct nlattr *) attrs, len, remaining)
    if (nla_type (attr) == NLMSGERR_ATTR_MSG && nla_len (attr) > 1)
      return g_strndup (nla_data (attr), (gsize) nla_len (attr) - 1);
  return NULL;
}

static int
on_request_error (struct sockaddr_nl *who,
                  struct nlmsgerr    *err,
                  void               *user_data)
{
  PendingRequest *request = user_data;

  request->answer->errsv = -err->error;
  if (err->error != 0)
    request->answer->reason = extack_message (err);
  request->done = TRUE;
  return NL_STOP;
}

static int
on_request_ack (struct nl_msg *msg,
                void          *user_data)
{
  PendingRequest *request = user_data;

  request->done = TRUE;
  return NL_STOP;
}

static int
on_request_reply (struct nl_msg *msg,
                  void          *user_data)
{
  PendingRequest *request = user_data;

  return request->on_reply != NULL ? request->on_reply (msg, request->reply_data) : NL_OK;
}

/* Sends @msg and waits for the kernel's answer, passing any reply message
 * to @on_reply. Returns TRUE on success; otherwise @answer holds the
 * kernel's errno and reason. */
static gboolean
request_full (NnsNetlink          *self,
              struct nl_msg       *msg,
              nl_recvmsg_msg_cb_t  on_reply,
              gpointer             reply_data,
              NnsNetlinkAnswer    *answer)
{
  struct nl_cb *socket_cb = nl_socket_get_cb (self->sock);
  struct nl_cb *cb = nl_cb_clone (socket_cb);
  PendingRequest request = { answer, FALSE, on_reply, reply_data };
  int err;

  nl_cb_put (socket_cb);
  nns_netlink_answer_clear (answer);
  nl_cb_err (cb, NL_CB_CUSTOM, on_request_error, &request);
  nl_cb_set (cb, NL_CB_ACK, NL_CB_CUSTOM, on_request_ack, &request);
  nl_cb_set (cb, NL_CB_VALID, NL_CB_CUSTOM, on_request_reply, &request);
  nlmsg_hdr (msg)->nlmsg_flags |= NLM_F_ACK;

  err = nl_send_auto (self->sock, msg);
  while (err >= 0 && !request.done)
    err = nl_recvmsgs (self->sock, cb);
  nl_cb_put (cb);

  if (!request.done)
    answer->errsv = EIO;
  return answer->errsv == 0;
}

/* Sends @msg and waits for the kernel's answer. Returns TRUE on success;
 * otherwise @answer holds the kernel's errno and reason. */
gboolean
nns_netlink_request (NnsNetlink       *self,
                     struct nl_msg    *msg,
                     NnsNetlinkAnswer *answer)
{
  return request_full (self, msg, NULL, NULL, answer);
}

struct nl_sock *
nns_netlink_get_sock (NnsNetlink *self)
{
  return self->sock;
}

/* Addresses, between netnsd's form and libnl's */

struct nl_addr *
nns_cidr_to_nl_addr (const NnsCidr *cidr)
{
  struct nl_addr *addr = nl_addr_build (cidr->family, cidr->bytes,
                                        cidr->family == AF_INET ? 4 : 16);

  nl_addr_set_prefixlen (addr, (int) cidr->prefix);
  return addr;
}

/* "10.0.0.1/32", never libnl's "10.0.0.1": netnsd always shows the prefix. */
char *
nns_nl_addr_to_cidr (struct nl_addr *addr)
{
  char text[INET6_ADDRSTRLEN];
  int family = nl_addr_get_family (addr);

  if ((family != AF_INET && family != AF_INET6) ||
      inet_ntop (family, nl_addr_get_binary_addr (addr), text, sizeof text) == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s/%u", text, nl_addr_get_prefixlen (addr));
}

/* The link cache and its notifications */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
announce_link_names (NnsNetlink *self)
{
  g_auto(GStrv) names = NULL;

  if (!self->track_names || !self->names_dirty)
    return;
  self->names_dirty = FALSE;
  names = nns_netlink_dup_link_names (self);

  if (self->link_names != NULL && g_strv_equal ((const char * const *) names,
                                                (const char * const *) self->link_names))
    return;
  g_strfreev (self->link_names);
  self->link_names = g_steal_pointer (&names);
  g_signal_emit (self, signals[SIGNAL_LINKS_CHANGED], 0);
}

static void
on_cache_change (struct nl_cache  *cache,
                 struct nl_object *object,
                 int               action,
                 void             *user_data)
{
  NnsNetlink *self = user_data;

  self->names_dirty = TRUE;
  if (action == NL_ACT_DEL)
    g_signal_emit (self, signals[SIGNAL_LINK_REMOVED], 0,
                   rtnl_link_get_ifindex ((struct rtnl_link *) object));
}

static void
include_object (struct nl_object *object,
                void             *user_data)
{
  NnsNetlink *self = user_data;

  nl_cache_include (self->links, object, on_cache_change, self);
}

/* One notification of this namespace, from NnsLinkEvents. */
void
nns_netlink_handle_notification (NnsNetlink      *self,
                                 struct nlmsghdr *hdr)
{
  struct nl_msg *msg = nlmsg_convert (hdr);

  g_return_if_fail (NNS_IS_NETLINK (self));

  if (msg == NULL)
    return;
  nlmsg_set_proto (msg, NETLINK_ROUTE);
  nl_msg_parse (msg, include_object, self);
  nlmsg_free (msg);
}

/* A batch of notifications is in: tell whoever follows the names. */
void
nns_netlink_notifications_done (NnsNetlink *self)
{
  g_return_if_fail (NNS_IS_NETLINK (self));

  announce_link_names (self);
}

/* Notifications may have been lost: read the links again. */
void
nns_netlink_resynchronize (NnsNetlink *self)
{
  g_return_if_fail (NNS_IS_NETLINK (self));

  nl_cache_refill (self->sock, self->links);
  self->names_dirty = TRUE;
  announce_link_names (self);
}

/* Reads every pending notification. After a request that changed links,
 * the kernel has already queued its notifications: reading them here
 * makes the cache (and the Links property) current before the reply. */
void
nns_netlink_process_events (NnsNetlink *self)
{
  g_return_if_fail (NNS_IS_NETLINK (self));

  if (self->drain != NULL)
    self->drain (self->drain_data);
}

/* Whatever feeds this namespace's notifications (NnsLinkEvents) says here
 * how to read the ones pending, and keeps @data valid until it sets
 * another function or NULL. */
void
nns_netlink_set_drain_func (NnsNetlink          *self,
                            NnsNetlinkDrainFunc  drain,
                            gpointer             data)
{
  g_return_if_fail (NNS_IS_NETLINK (self));

  self->drain = drain;
  self->drain_data = data;
}

/* How many links the namespace has, lo included. */
guint
nns_netlink_count_links (NnsNetlink *self)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), 0);

  return (guint) nl_cache_nitems (self->links);
}

/* The names of the namespace's links, sorted. */
GStrv
nns_netlink_dup_link_names (NnsNetlink *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (NNS_IS_NETLINK (self), NULL);

  for (struct nl_object *obj = nl_cache_get_first (self->links); obj != NULL;
       obj = nl_cache_get_next (obj))
    {
      const char *name = rtnl_link_get_name ((struct rtnl_link *) obj);

      if (name != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

gboolean
nns_netlink_has_link_index (NnsNetlink *self,
                            int         ifindex)
{
  g_autoptr(NnsRtnlLink) link = NULL;

  g_return_val_if_fail (NNS_IS_NETLINK (self), FALSE);

  link = rtnl_link_get (self->links, ifindex);
  return link != NULL;
}

/* Opening */

/* libnl reports a failed socket() or bind() as "unspecific failure"; the
 * errno it leaves says what happened ("Too many open files"). */
static void
set_error_opening (GError    **error,
                   int         nlerr,
                   int         errsv,
                   const char *what,
                   const char *description)
{
  if (nlerr == -NLE_FAILURE && errsv != 0)
    nns_set_error_errno (error, errsv, "cannot %s in %s", what, description);
  else
    nns_set_error_nl (error, nlerr, "cannot %s in %s", what, description);
}

static gboolean
open_request_socket (NnsNetlink *self,
                     GError    **error)
{
  int one = 1;
  int err;

  self->sock = nl_socket_alloc ();
  if (self->sock == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED, "out of memory");
      return FALSE;
    }
  errno = 0;
  err = nl_connect (self->sock, NETLINK_ROUTE);
  if (err < 0)
    {
      set_error_opening (error, err, errno, "open a netlink socket", self->description);
      return FALSE;
    }
  /* Ask for the kernel's reasons, and not for a copy of each request. */
  setsockopt (nl_socket_get_fd (self->sock), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
  setsockopt (nl_socket_get_fd (self->sock), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  return TRUE;
}

/* Opens the sockets in the namespace the calling thread is in now.
 * @description names that namespace in messages. With @track_names, the
 * sorted link names are kept (nns_netlink_dup_link_names()) and
 * "links-changed" emitted; "link-removed" comes either way. */
NnsNetlink *
nns_netlink_new_here (const char *description,
                      gboolean    track_names,
                      GError    **error)
{
  g_autoptr(NnsNetlink) self = g_object_new (NNS_TYPE_NETLINK, NULL);
  socklen_t len = sizeof self->cookie;
  int err;

  self->description = g_strdup (description);
  self->track_names = track_names;
  if (!open_request_socket (self, error))
    return NULL;

  err = rtnl_link_alloc_cache (self->sock, AF_UNSPEC, &self->links);
  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot read the links of %s", self->description);
      return NULL;
    }
  if (getsockopt (nl_socket_get_fd (self->sock), SOL_SOCKET, SO_NETNS_COOKIE,
                  &self->cookie, &len) < 0)
    self->cookie = 0;

  if (track_names)
    self->link_names = nns_netlink_dup_link_names (self);
  return g_steal_pointer (&self);
}

const char *
nns_netlink_get_description (NnsNetlink *self)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), NULL);

  return self->description;
}

/* The namespace's cookie: unlike its inode number, never given to another
 * namespace while the system runs. 0 where the kernel has none (< 5.14). */
guint64
nns_netlink_get_cookie (NnsNetlink *self)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), 0);

  return self->cookie;
}

static int
on_nsid_reply (struct nl_msg *msg,
               void          *user_data)
{
  struct nlattr *attrs[NETNSA_MAX + 1];

  if (nlmsg_hdr (msg)->nlmsg_type == RTM_NEWNSID &&
      nlmsg_parse (nlmsg_hdr (msg), sizeof (struct rtgenmsg), attrs, NETNSA_MAX, NULL) >= 0 &&
      attrs[NETNSA_NSID] != NULL)
    *(int *) user_data = (int) nla_get_s32 (attrs[NETNSA_NSID]);
  return NL_OK;
}

static struct nl_msg *
nsid_message (int type,
              int ns_fd)
{
  struct rtgenmsg header = { .rtgen_family = AF_UNSPEC };
  struct nl_msg *msg = nlmsg_alloc_simple (type, 0);

  nlmsg_append (msg, &header, sizeof header, NLMSG_ALIGNTO);
  nla_put_u32 (msg, NETNSA_FD, (guint32) ns_fd);
  if (type == RTM_NEWNSID)
    nla_put_s32 (msg, NETNSA_NSID, NETNSA_NSID_NOT_ASSIGNED);
  return msg;
}

/* The id the namespace of @ns_fd has in this (the host's) namespace,
 * assigned now if it has none (as `ip netns set NAME auto` does): its link
 * notifications reach NnsLinkEvents under that id. */
gboolean
nns_netlink_namespace_id (NnsNetlink *self,
                          int         ns_fd,
                          int        *nsid,
                          GError    **error)
{
  g_autoptr(NnsNlMsg) assign = nsid_message (RTM_NEWNSID, ns_fd);
  g_autoptr(NnsNlMsg) query = nsid_message (RTM_GETNSID, ns_fd);
  g_auto(NnsNetlinkAnswer) answer = { 0 };

  g_return_val_if_fail (NNS_IS_NETLINK (self), FALSE);

  /* EEXIST: it has one already, which is as good. */
  if (!nns_netlink_request (self, assign, &answer) && answer.errsv != EEXIST)
    {
      nns_set_error_answer (error, &answer, "cannot give namespace an id");
      return FALSE;
    }
  *nsid = NETNSA_NSID_NOT_ASSIGNED;
  if (!request_full (self, query, on_nsid_reply, nsid, &answer) ||
      *nsid == NETNSA_NSID_NOT_ASSIGNED)
    {
      nns_set_error_answer (error, &answer, "cannot read a namespace's id");
      return FALSE;
    }
  return TRUE;
}
