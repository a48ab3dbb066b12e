/* nns-spawner.h: starts programs inside namespaces as their callers, and
 * keeps track of them until they exit.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-etc-netns.h"

#include "nns-peers.h"
#include "nns-spawn-plan.h"
#include "nns-spawn-resolve.h"

G_BEGIN_DECLS

#define NNS_SPAWNER_DEFAULT_START_TIMEOUT 10   /* seconds */
#define NNS_SPAWNER_DEFAULT_MAX_PROGRAMS_PER_USER 256

#define NNS_TYPE_SPAWNER (nns_spawner_get_type ())
G_DECLARE_FINAL_TYPE (NnsSpawner, nns_spawner, NNS, SPAWNER, GObject)

NnsSpawner *nns_spawner_new               (NnsPeers              *peers,
                                           NnsEtcNetns           *etc_netns);
void        nns_spawner_set_max_programs  (NnsSpawner            *self,
                                           guint                  max_programs_per_user);
void        nns_spawner_resolve_async     (NnsSpawner            *self,
                                           NnsCaller             *caller,
                                           const char            *program,
                                           const char * const    *env,
                                           const char            *cwd,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
NnsResolvedProgram *nns_spawner_resolve_finish (NnsSpawner       *self,
                                           GAsyncResult          *result,
                                           GError               **error);
void        nns_spawner_spawn_async       (NnsSpawner            *self,
                                           const NnsSpawnRequest *request,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
pid_t       nns_spawner_spawn_finish      (NnsSpawner            *self,
                                           GAsyncResult          *result,
                                           GError               **error);
gboolean    nns_spawner_kill              (NnsSpawner            *self,
                                           const char            *sender,
                                           pid_t                  pid,
                                           int                    signal_number,
                                           GError               **error);
guint       nns_spawner_get_n_running     (NnsSpawner            *self);

G_END_DECLS
