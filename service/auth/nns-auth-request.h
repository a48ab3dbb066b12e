/* nns-auth-request.h: the polkit questions one method call asks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <polkit/polkit.h>

G_BEGIN_DECLS

/* One question: may the caller do @action_id with these details? */
typedef struct {
  char          *action_id;
  char          *what;      /* in words, for the denial: "create namespace 'red'" */
  PolkitDetails *details;
  char          *key;       /* the action and every detail, as one string */
  char          *origin;    /* the part of the call that asks it, or NULL */
} NnsAuthCheck;

/* The checks one method call needs; all must pass. A call that touches
 * the same thing twice, or an Apply of many operations, asks each distinct
 * question once. */
typedef struct _NnsAuthRequest NnsAuthRequest;

NnsAuthRequest     *nns_auth_request_new        (void);
void                nns_auth_request_free       (NnsAuthRequest *request);
void                nns_auth_request_add        (NnsAuthRequest *request,
                                                 const char     *action_id,
                                                 const char     *what,
                                                 const char     *first_detail_key,
                                                 ...) G_GNUC_NULL_TERMINATED;
void                nns_auth_request_set_origin (NnsAuthRequest *request,
                                                 const char     *origin);
guint               nns_auth_request_get_n_checks (NnsAuthRequest *request);
const NnsAuthCheck *nns_auth_request_get_check  (NnsAuthRequest *request,
                                                 guint           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsAuthRequest, nns_auth_request_free)

G_END_DECLS
