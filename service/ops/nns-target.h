/* nns-target.h: the namespaces a call acts on, and the polkit questions
 * a change of them asks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-netlink.h"
#include "nns-operation.h"

G_BEGIN_DECLS

/* A namespace a call acts on. */
typedef struct {
  char     *name;      /* "" for the host */
  guint64   inode;     /* of the namespace the call was planned for; 0 if not live */
  gboolean  is_host;   /* "", or a name bound to the host's own namespace */
  char     *description;
  NnsBatch *batch;     /* the Apply the call is part of, or NULL */
  gboolean  planned;   /* created by an earlier operation of @batch */
  int       link_index; /* the existing link the call was authorized for; 0: none */
} NnsTarget;

/* How a call touches a link, for the polkit details. */
typedef enum {
  NNS_LINK_NONE,      /* no particular link (routes) */
  NNS_LINK_EXISTING,  /* a link that must exist already */
  NNS_LINK_NEW,       /* a link the call creates, owned by the caller */
} NnsLinkRole;

gboolean    nns_target_init               (NnsTarget        *target,
                                           NnsManager       *manager,
                                           NnsBatch         *batch,
                                           const char       *name,
                                           GError          **error);
gboolean    nns_target_same               (const NnsTarget  *a,
                                           const NnsTarget  *b);
void        nns_target_clear              (NnsTarget        *target);

NnsNetlink *nns_target_netlink            (NnsManager       *self,
                                           NnsTarget        *target,
                                           GError          **error);
NnsNetlink *nns_target_lookup_netlink     (NnsManager       *self,
                                           const char       *name,
                                           GError          **error);
gboolean    nns_target_plan_change        (NnsManager       *self,
                                           NnsAuthRequest   *request,
                                           NnsCaller        *caller,
                                           NnsTarget        *target,
                                           const char       *what,
                                           const char       *link,
                                           NnsLinkRole       role,
                                           const char       *peer_namespace,
                                           GError          **error);
void        nns_target_owner_details      (uid_t             owner,
                                           char            **uid_text,
                                           char            **user_name);
gboolean    nns_target_verify_link        (const NnsTarget  *target,
                                           NnsNetlink       *netlink,
                                           const char       *link,
                                           GError          **error);
/* What a masquerade or port forward changes, for the polkit details;
 * NULL is given as "". */
typedef struct {
  const char    *source;
  const char    *out_link;
  const char    *protocol;
  const char    *port;
  const char    *target;
  const char    *address;
  const NnsCidr *target_address;  /* a port forward's: whose namespace it is in */
} NnsRuleDetails;

gboolean    nns_target_plan_rule          (NnsManager       *self,
                                           NnsAuthRequest   *request,
                                           NnsCaller        *caller,
                                           const NnsTarget  *target,
                                           const char       *what,
                                           const NnsRuleDetails *rule,
                                           GError          **error);
void        nns_target_note_link_moved    (NnsManager       *self,
                                           NnsCaller        *caller,
                                           const NnsTarget  *from,
                                           const char       *link,
                                           const NnsTarget  *to,
                                           const char       *new_link);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsTarget, nns_target_clear)

G_END_DECLS
