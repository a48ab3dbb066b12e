/* nns-netlink.c: route netlink sockets bound to one network namespace.
 *
 * A netlink socket talks to the namespace it was created in for its whole
 * life, whichever namespace its user is in later. So an NnsNetlink is
 * created while the calling thread is inside the target namespace
 * (nns_netlink_new_here(), run through nns_netns_dir_bind_new() or
 * nns_netns_dir_run_in()) and kept for reuse.
 *
 * Each holds one socket, for requests, answered synchronously (the kernel
 * answers in microseconds), and the namespace's links (an NnsLinkStore,
 * nns-link-store.c) that NnsLinkEvents keeps current from the link
 * notifications of its namespace. It tells what happens with signals:
 *   links-changed ()            the set of link names changed
 *   link-removed (int ifindex)  a link went
 *   event (NnsNetlinkEvent *)   a link came, changed or went; an IP address
 *                               came to a link, or left it (or is not usable:
 *                               an IPv6 address still checked for
 *                               duplicates); a batch of these is over; the
 *                               links were read again after notifications
 *                               were lost, and the addresses must be too
 * "event" is one signal, not one for each kind, so that each of the
 * thousands of namespaces' followers costs one handler. Addresses are not
 * cached here: whoever follows them keeps them (the link objects do,
 * bus/nns-link.c), and reads them whole once and after a re-read
 * (nns_netlink_addresses_by_link() with usable_only).
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

#include <errno.h>
#include <glib-unix.h>
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
  NnsLinkStore   *links;        /* kept current from the notifications */
  NnsNetlinkDrainFunc drain;    /* reads the notifications pending for it */
  gpointer        drain_data;
  gboolean        track_names;  /* keep link_names and emit links-changed */
  gboolean        names_dirty;
  guint64         cookie;       /* the namespace's cookie, never reused while the system runs */
  char          **link_names;   /* sorted, as last announced */
  int             nsid;         /* the host's id of the namespace, NNS_NSID_UNKNOWN if none */
};

enum {
  SIGNAL_LINKS_CHANGED,
  SIGNAL_LINK_REMOVED,
  SIGNAL_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NnsNetlink, nns_netlink, G_TYPE_OBJECT)

static void
nns_netlink_finalize (GObject *object)
{
  NnsNetlink *self = NNS_NETLINK (object);

  g_clear_pointer (&self->links, nns_link_store_free);
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
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
emit_event (NnsNetlink      *self,
            NnsNetlinkEvent *event)
{
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, event);
}

static void
nns_netlink_init (NnsNetlink *self)
{
  self->nsid = NNS_NSID_UNKNOWN;
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
gboolean
nns_netlink_request_full (NnsNetlink          *self,
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
  return nns_netlink_request_full (self, msg, NULL, NULL, answer);
}

struct nl_sock *
nns_netlink_get_sock (NnsNetlink *self)
{
  return self->sock;
}

NnsLinkStore *
nns_netlink_get_links (NnsNetlink *self)
{
  return self->links;
}

/* The links and their notifications */

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
on_link_change (int               ifindex,
                struct rtnl_link *link,
                struct rtnl_link *old,
                gpointer          user_data)
{
  NnsNetlink *self = user_data;
  NnsNetlinkEvent event = { NNS_NETLINK_LINK_CHANGED, link, ifindex };

  /* Most changes are of state (up, carrier, MTU): the names, which cost a
   * sorted copy of them all to compare, change only as links come, go or
   * are renamed. */
  if (link == NULL || old == NULL ||
      g_strcmp0 (rtnl_link_get_name (link), rtnl_link_get_name (old)) != 0)
    self->names_dirty = TRUE;
  if (link == NULL)
    {
      event.type = NNS_NETLINK_LINK_REMOVED;
      g_signal_emit (self, signals[SIGNAL_LINK_REMOVED], 0, ifindex);
    }
  emit_event (self, &event);
}

static void
include_object (struct nl_object *object,
                void             *user_data)
{
  NnsNetlink *self = user_data;
  int type = nl_object_get_msgtype (object);

  if (type == RTM_NEWLINK || type == RTM_DELLINK)
    nns_link_store_include (self->links, (struct rtnl_link *) object,
                            type == RTM_DELLINK, on_link_change, self);
}

static void
handle_address (NnsNetlink      *self,
                struct nlmsghdr *hdr)
{
  NnsNetlinkEvent event = { NNS_NETLINK_ADDRESS_CHANGED };
  g_autofree char *cidr = nns_netlink_parse_address_message (hdr, &event.ifindex,
                                                             &event.usable);

  event.cidr = cidr;
  if (cidr != NULL)
    emit_event (self, &event);
}

/* One notification of this namespace, from NnsLinkEvents: a link's or an
 * address's. */
void
nns_netlink_handle_notification (NnsNetlink      *self,
                                 struct nlmsghdr *hdr)
{
  struct nl_msg *msg;

  g_return_if_fail (NNS_IS_NETLINK (self));

  if (hdr->nlmsg_type == RTM_NEWADDR || hdr->nlmsg_type == RTM_DELADDR)
    {
      handle_address (self, hdr);
      return;
    }
  msg = nlmsg_convert (hdr);
  if (msg == NULL)
    return;
  nlmsg_set_proto (msg, NETLINK_ROUTE);
  nl_msg_parse (msg, include_object, self);
  nlmsg_free (msg);
}

/* A batch of notifications is in: tell whoever follows the names, and
 * whoever waits for the end of a batch. */
void
nns_netlink_notifications_done (NnsNetlink *self)
{
  NnsNetlinkEvent event = { NNS_NETLINK_BATCH_DONE };

  g_return_if_fail (NNS_IS_NETLINK (self));

  announce_link_names (self);
  emit_event (self, &event);
}

/* Notifications may have been lost: read the links again, telling of each
 * one that came, changed or went meanwhile as a notification would. */
void
nns_netlink_resynchronize (NnsNetlink *self)
{
  NnsNetlinkEvent event = { NNS_NETLINK_RESYNCHRONIZED };
  int err;

  g_return_if_fail (NNS_IS_NETLINK (self));

  err = nns_link_store_load (self->links, self->sock, on_link_change, self);
  if (err < 0)
    g_debug ("cannot read the links of %s again: %s", self->description, nl_geterror (err));
  self->names_dirty = TRUE;
  emit_event (self, &event);
  nns_netlink_notifications_done (self);
}

/* Reads @ifindex from the kernel into the store, telling of a change as a
 * notification would. For what the kernel changes without a notification:
 * a veth's IFLA_LINK and IFLA_LINK_NETNSID when its other end moves to
 * another namespace. Must not be called from a handler of this object's
 * link events (it changes the store they are told from). */
void
nns_netlink_refresh_link (NnsNetlink *self,
                          int         ifindex)
{
  g_autoptr(NnsRtnlLink) link = NULL;

  g_return_if_fail (NNS_IS_NETLINK (self));

  /* Gone: its removal is on its way as a notification. */
  if (rtnl_link_get_kernel (self->sock, ifindex, NULL, &link) < 0)
    return;
  nns_link_store_include (self->links, link, FALSE, on_link_change, self);
  announce_link_names (self);
}

/* Reads every pending notification. After a request that changed links,
 * the kernel has already queued its notifications: reading them here
 * makes the store (and the Links property) current before the reply. */
void
nns_netlink_process_events (NnsNetlink *self)
{
  g_return_if_fail (NNS_IS_NETLINK (self));

  if (self->drain != NULL)
    self->drain (self->drain_data);
}

/* Whether notifications keep the links current: not for a second
 * name of a namespace whose notifications go to the first. */
gboolean
nns_netlink_follows_notifications (NnsNetlink *self)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), FALSE);

  return self->drain != NULL;
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

  self->links = nns_link_store_new ();
  err = nns_link_store_load (self->links, self->sock, NULL, NULL);
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

/* The id the host gives this namespace (NNS_HOST_NSID for the host's own),
 * under which its notifications come and under which a veth of the host
 * names it as its other end's; NNS_NSID_UNKNOWN before NnsLinkEvents
 * watches it. */
int
nns_netlink_get_nsid (NnsNetlink *self)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), NNS_NSID_UNKNOWN);

  return self->nsid;
}

void
nns_netlink_set_nsid (NnsNetlink *self,
                      int         nsid)
{
  g_return_if_fail (NNS_IS_NETLINK (self));

  self->nsid = nsid;
}
