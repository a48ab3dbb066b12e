/* nns-caller.h: who is calling, from the bus's own credentials.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

G_BEGIN_DECLS

#define NNS_TYPE_CALLER (nns_caller_get_type ())
G_DECLARE_FINAL_TYPE (NnsCaller, nns_caller, NNS, CALLER, GObject)

void        nns_caller_new_async  (GDBusConnection    *connection,
                                   const char         *sender,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
NnsCaller  *nns_caller_new_finish (GAsyncResult       *result,
                                   GError            **error);

const char *nns_caller_get_sender (NnsCaller *self);
uid_t       nns_caller_get_uid    (NnsCaller *self);
pid_t       nns_caller_get_pid    (NnsCaller *self);
const gid_t *nns_caller_get_groups (NnsCaller *self,
                                    guint     *n_groups);
const char *nns_caller_describe   (NnsCaller *self);

G_END_DECLS
