/* nns-netlink-private.h: what the nns-netlink-*.c files share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-libnl.h"
#include "nns-link-store.h"
#include "nns-netlink.h"

G_BEGIN_DECLS

/* What the kernel answered to one request. */
typedef struct {
  int   errsv;      /* 0 on success, else the kernel's errno */
  char *reason;     /* the kernel's extended-ack message, if it gave one */
} NnsNetlinkAnswer;

void     nns_netlink_answer_clear (NnsNetlinkAnswer *answer);

gboolean nns_netlink_request      (NnsNetlink       *self,
                                   struct nl_msg    *msg,
                                   NnsNetlinkAnswer *answer);
gboolean nns_netlink_request_full (NnsNetlink          *self,
                                   struct nl_msg       *msg,
                                   nl_recvmsg_msg_cb_t  on_reply,
                                   gpointer             reply_data,
                                   NnsNetlinkAnswer    *answer);

/* "<formatted>: <the kernel's words>" from a kernel answer: its
 * extended-ack text if it gave one, else its errno's. */
#define nns_set_error_answer(error, answer, ...) \
  nns_set_error_reason ((error), nns_error_code_from_errno ((answer)->errsv), \
                        (answer)->reason != NULL ? (answer)->reason \
                                                 : g_strerror ((answer)->errsv), \
                        __VA_ARGS__)

struct nl_sock *nns_netlink_get_sock  (NnsNetlink *self);
NnsLinkStore   *nns_netlink_get_links (NnsNetlink *self);

struct nl_addr *nns_cidr_to_nl_addr  (const NnsCidr *cidr);
char           *nns_nl_addr_to_cidr  (struct nl_addr *addr);
char           *nns_netlink_parse_address_message (struct nlmsghdr *hdr,
                                                   int             *ifindex,
                                                   gboolean        *usable);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsNetlinkAnswer, nns_netlink_answer_clear)

G_END_DECLS
