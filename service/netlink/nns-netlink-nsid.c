/* nns-netlink-nsid.c: the ids the host gives namespaces (nsids).
 *
 * The kernel tags the notifications of another namespace, and names the
 * namespace of a veth's other end, by an id that is only meaningful in the
 * namespace that reads it. netnsd reads both in the host, so the ids here
 * are the host's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include "nns-netlink-private.h"

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

static gboolean
read_namespace_id (NnsNetlink       *self,
                   int               ns_fd,
                   int              *nsid,
                   NnsNetlinkAnswer *answer)
{
  g_autoptr(NnsNlMsg) query = nsid_message (RTM_GETNSID, ns_fd);

  *nsid = NETNSA_NSID_NOT_ASSIGNED;
  return nns_netlink_request_full (self, query, on_nsid_reply, nsid, answer);
}

/* The id the namespace of @ns_fd has in this (the host's) namespace,
 * assigned now if it has none (as `ip netns set NAME auto` does): its link
 * notifications reach NnsLinkEvents under that id. Read first, since ids
 * outlive netnsd and a restart finds most namespaces with one: the kernel
 * looks an id up by walking all of them, so each request costs in
 * proportion to the namespaces there are. */
gboolean
nns_netlink_namespace_id (NnsNetlink *self,
                          int         ns_fd,
                          int        *nsid,
                          GError    **error)
{
  g_autoptr(NnsNlMsg) assign = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };

  g_return_val_if_fail (NNS_IS_NETLINK (self), FALSE);

  if (!read_namespace_id (self, ns_fd, nsid, &answer))
    {
      nns_set_error_answer (error, &answer, "cannot read a namespace's id");
      return FALSE;
    }
  if (*nsid != NETNSA_NSID_NOT_ASSIGNED)
    return TRUE;

  /* EEXIST: another program gave it one meanwhile, which is as good. */
  assign = nsid_message (RTM_NEWNSID, ns_fd);
  if (!nns_netlink_request (self, assign, &answer) && answer.errsv != EEXIST)
    {
      nns_set_error_answer (error, &answer, "cannot give namespace an id");
      return FALSE;
    }
  if (!read_namespace_id (self, ns_fd, nsid, &answer) || *nsid == NETNSA_NSID_NOT_ASSIGNED)
    {
      nns_set_error_answer (error, &answer, "cannot read a namespace's id");
      return FALSE;
    }
  return TRUE;
}
