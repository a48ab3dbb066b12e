/* nns-authority.h: asks polkit whether a caller may make a change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-auth-request.h"
#include "nns-caller.h"
#include "nns-peers.h"

G_BEGIN_DECLS

#define NNS_ACTION_MANAGE     "org.example.netns.manage"
#define NNS_ACTION_MANAGE_ANY "org.example.netns.manage-any"
#define NNS_ACTION_HOST       "org.example.netns.host"
#define NNS_ACTION_SPAWN      "org.example.netns.spawn"


/* Called once the caller is known: adds the checks the call needs, or fails
 * (e.g. NotFound) before polkit is asked anything. */
typedef gboolean (*NnsAuthPlanFunc) (NnsCaller      *caller,
                                     NnsAuthRequest *request,
                                     gpointer        user_data,
                                     GError        **error);

/* Called when every check passed; the method goes on from here. */
typedef void (*NnsAuthorizedFunc) (GDBusMethodInvocation *invocation,
                                   NnsCaller             *caller,
                                   gpointer               user_data);

#define NNS_TYPE_AUTHORITY (nns_authority_get_type ())
G_DECLARE_FINAL_TYPE (NnsAuthority, nns_authority, NNS, AUTHORITY, GObject)

NnsAuthority *nns_authority_new (GDBusConnection *connection,
                                 NnsPeers        *peers);

void          nns_authority_set_timeout (NnsAuthority *self,
                                         guint         seconds);
void          nns_authority_set_max_pending (NnsAuthority *self,
                                             guint         max_pending_per_uid);

void          nns_authority_authorize (NnsAuthority          *self,
                                       GDBusMethodInvocation *invocation,
                                       NnsAuthPlanFunc        plan,
                                       NnsAuthorizedFunc      authorized,
                                       gpointer               user_data,
                                       GDestroyNotify         destroy);

G_END_DECLS
