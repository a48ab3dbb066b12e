/* nns-link-call.h: what the link methods of org.example.NetNs carry from
 * their handlers to their continuations, and the steps they share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-manager-private.h"

G_BEGIN_DECLS

/* What a link method call carries from its handler to its
 * continuation. */
typedef struct {
  NnsManager  *manager;
  NnsTarget    target;          /* where the link is (or its first end goes) */
  NnsTarget    peer;            /* CreateVeth: the peer's; MoveLink: the destination */
  char        *link;
  char        *peer_link;       /* CreateVeth: the peer's name; MoveLink: the name there */
  const char  *verb;            /* DeleteLink, SetLink: what the call does, for messages */
  NnsVethSpec  veth;
  NnsLinkChange change;
  NnsLinkState before;          /* SetLink: what the link was, for undo */
  guint8       address[NNS_MAC_LEN];
  guint8       peer_address[NNS_MAC_LEN];
  char        *new_name;
  char        *master;          /* SetLink: the bridge to join, "" for none; NULL: unchanged */
} NnsLinkCall;

NnsLinkCall *nns_link_call_new              (NnsManager      *manager);
void         nns_link_call_free             (gpointer         data);
void         nns_link_call_record_host_link (NnsManager      *self,
                                             const NnsTarget *target,
                                             const char      *link,
                                             NnsCaller       *caller);
gboolean     nns_link_ensure_free           (NnsNetlink      *netlink,
                                             const char      *link,
                                             GError         **error);
gboolean     nns_link_parse_mac_option      (const char      *text,
                                             const char      *what,
                                             guint8          *mac,
                                             const guint8   **result,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsLinkCall, nns_link_call_free)

G_END_DECLS
