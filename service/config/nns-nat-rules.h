/* nns-nat-rules.h: the masquerades and port forwards of one namespace,
 * as netnsd keeps them, and the parsing of what callers give for them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "nns-address.h"

G_BEGIN_DECLS

/* Packets from @source to addresses outside it, leaving through
 * @out_link (NULL: any link), get the outgoing address as source. */
typedef struct {
  NnsCidr  source;      /* a network: host bits clear */
  char    *out_link;
} NnsMasquerade;

/* Connections to @port (on @address only, if set) go to @target:@target_port. */
typedef struct {
  int      protocol;    /* IPPROTO_TCP or IPPROTO_UDP */
  guint16  port;
  gboolean has_address;
  NnsCidr  address;     /* plain, of the target's family */
  NnsCidr  target;      /* plain */
  guint16  target_port;
  gboolean from_local;  /* also connections made inside the namespace */
} NnsPortForward;

typedef struct {
  GPtrArray *masquerades;  /* of NnsMasquerade */
  GPtrArray *forwards;     /* of NnsPortForward, in the order added */
} NnsNatRules;

NnsNatRules *nns_nat_rules_new          (void);
NnsNatRules *nns_nat_rules_copy         (const NnsNatRules    *rules);
void         nns_nat_rules_free         (NnsNatRules          *rules);
gboolean     nns_nat_rules_is_empty     (const NnsNatRules    *rules);

void         nns_nat_rules_add_masquerade (NnsNatRules        *rules,
                                           const NnsMasquerade *masquerade);
void         nns_nat_rules_add_forward    (NnsNatRules        *rules,
                                           const NnsPortForward *forward);
int          nns_nat_rules_find_masquerade (const NnsNatRules *rules,
                                            const NnsCidr     *source,
                                            const char        *out_link);
int          nns_nat_rules_find_forward    (const NnsNatRules *rules,
                                            const NnsPortForward *forward);
gboolean     nns_port_forward_matches      (const NnsPortForward *forward,
                                            int                protocol,
                                            guint16            port,
                                            const NnsCidr     *address);
guint        nns_nat_rules_remove_forwards (NnsNatRules       *rules,
                                            int                protocol,
                                            guint16            port,
                                            const NnsCidr     *address);

/* What the rules need of the namespace's sysctls. */
gboolean     nns_nat_rules_use_family      (const NnsNatRules *rules,
                                            int                family);
gboolean     nns_nat_rules_use_localnet    (const NnsNatRules *rules);
gboolean     nns_nat_rules_use_ipv6_loopback (const NnsNatRules *rules);
gboolean     nns_port_forward_takes_ipv6_loopback (const NnsPortForward *forward);

/* Parsing and describing what callers give. */
gboolean     nns_nat_protocol_parse     (const char           *text,
                                         int                  *protocol,
                                         GError              **error);
const char  *nns_nat_protocol_to_string (int                   protocol);
gboolean     nns_nat_port_validate      (guint                 port,
                                         const char           *what,
                                         GError              **error);
gboolean     nns_nat_source_parse       (const char           *text,
                                         NnsCidr              *source,
                                         GError              **error);
gboolean     nns_nat_target_parse       (const char           *text,
                                         NnsCidr              *address,
                                         guint16              *port,
                                         GError              **error);
char        *nns_nat_target_to_string   (const NnsCidr        *address,
                                         guint16               port);
gboolean     nns_nat_link_validate      (const char           *name,
                                         GError              **error);
gboolean     nns_port_forward_check     (const NnsPortForward *forward,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNatRules, nns_nat_rules_free)

G_END_DECLS
