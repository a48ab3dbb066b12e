/* nns-spawn-plan.h: what a Spawn asks for, and the plan its child follows.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/resource.h>

#include "nns-caller.h"
#include "nns-spawn-child.h"

G_BEGIN_DECLS

typedef struct {
  const char         *namespace;    /* its name, for /etc/netns/NAME; "" for the host */
  int                 netns_fd;     /* -1 for the host */
  NnsCaller          *caller;
  const char * const *argv;
  int                 program_fd;   /* argv[0], resolved and opened (nns-spawn-resolve.c) */
  const char         *program_path; /* its canonical path, for messages */
  GDBusConnection    *bus;          /* systemd's, to place the program in a scope */
  const struct rlimit *rlimits;     /* RLIM_NLIMITS of them, or NULL */
  const char * const *env;          /* KEY=VALUE added to the defaults; may be NULL */
  const char         *cwd;          /* NULL: "/" */
  int                 stdio[3];     /* the caller's; the child gets copies */
  gboolean            terminal;     /* stdin becomes the controlling terminal */
  gboolean            kill_on_disconnect;
} NnsSpawnRequest;

/* A plan and the memory its pointers point into. */
typedef struct {
  NnsSpawnPlan plan;
  GStrv        argv;
  GStrv        envp;
  GPtrArray   *bind_sources;
  GPtrArray   *bind_targets;
  GArray      *groups;
  char        *cwd;
} NnsSpawnPlanStorage;

gboolean nns_spawn_plan_build         (NnsSpawnPlanStorage   *storage,
                                       const NnsSpawnRequest *request,
                                       const char            *etc_netns_dir,
                                       int                    last_cap,
                                       GError               **error);
void     nns_spawn_plan_storage_clear (NnsSpawnPlanStorage   *storage);
int      nns_spawn_plan_read_fd_limit (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsSpawnPlanStorage, nns_spawn_plan_storage_clear)

gboolean nns_spawn_env_validate       (const char * const    *env,
                                       GError               **error);
const char *nns_spawn_plan_path_list  (const char * const    *env);
gid_t    nns_spawn_plan_primary_gid   (NnsCaller             *caller);
gboolean nns_spawn_read_caller_limits (NnsCaller             *caller,
                                       struct rlimit          limits[RLIM_NLIMITS],
                                       GError               **error);

G_END_DECLS
