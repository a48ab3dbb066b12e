/* nns-spawner.h: starts programs inside namespaces as their callers, and
 * keeps track of them until they exit.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-caller.h"
#include "nns-peers.h"

G_BEGIN_DECLS

typedef struct {
  const char         *namespace;    /* its name, for /etc/netns/NAME; "" for the host */
  int                 netns_fd;     /* -1 for the host */
  NnsCaller          *caller;
  const char * const *argv;
  const char * const *env;          /* KEY=VALUE added to the defaults; may be NULL */
  const char         *cwd;          /* NULL: "/" */
  int                 stdio[3];     /* the caller's; the spawner closes its copies */
  gboolean            kill_on_disconnect;
} NnsSpawnRequest;

#define NNS_TYPE_SPAWNER (nns_spawner_get_type ())
G_DECLARE_FINAL_TYPE (NnsSpawner, nns_spawner, NNS, SPAWNER, GObject)

NnsSpawner *nns_spawner_new           (GDBusConnection       *connection,
                                       NnsPeers              *peers,
                                       const char            *etc_netns_dir);
pid_t       nns_spawner_spawn         (NnsSpawner            *self,
                                       const NnsSpawnRequest *request,
                                       GError               **error);
gboolean    nns_spawner_kill          (NnsSpawner            *self,
                                       const char            *sender,
                                       pid_t                  pid,
                                       int                    signal_number,
                                       GError               **error);
guint       nns_spawner_get_n_running (NnsSpawner            *self);

gboolean    nns_spawn_env_validate    (const char * const    *env,
                                       GError               **error);

G_END_DECLS
