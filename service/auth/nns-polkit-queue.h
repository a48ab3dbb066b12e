/* nns-polkit-queue.h: the questions netnsd has out at polkitd, shared
 * fairly among users.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <polkit/polkit.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* polkit questions out at once, in all: below dbus-daemon's limit on the
 * replies one connection may await (128 on the system bus). A user's share
 * is a quarter of it, and of questions that may prompt an eighth. */
#define NNS_POLKIT_MAX_IN_FLIGHT 64

/* polkitd's answer (NULL with @error if it could not be asked). */
typedef void (*NnsPolkitAnswerFunc) (PolkitAuthorizationResult *answer,
                                     GError                    *error,
                                     gpointer                   user_data);

typedef struct _NnsPolkitQueue NnsPolkitQueue;

NnsPolkitQueue *nns_polkit_queue_new    (void);
void            nns_polkit_queue_free   (NnsPolkitQueue      *queue);
void            nns_polkit_queue_set_authority (NnsPolkitQueue  *queue,
                                                PolkitAuthority *polkit);
void            nns_polkit_queue_ask    (NnsPolkitQueue      *queue,
                                         uid_t                uid,
                                         const char          *sender,
                                         const char          *action_id,
                                         PolkitDetails       *details,
                                         gboolean             interactive,
                                         GCancellable        *cancellable,
                                         const char          *who,
                                         gpointer             owner,
                                         NnsPolkitAnswerFunc  answer,
                                         gpointer             user_data,
                                         GDestroyNotify       destroy);
void            nns_polkit_queue_drop   (NnsPolkitQueue      *queue,
                                         gpointer             owner);
void            nns_polkit_queue_pump   (NnsPolkitQueue      *queue);

G_END_DECLS
