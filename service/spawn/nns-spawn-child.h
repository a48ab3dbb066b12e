/* nns-spawn-child.h: what a spawned program's process does between fork()
 * and execve().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Everything the child needs, prepared by the parent: after fork() the
 * child may only make async-signal-safe calls, so nothing is looked up,
 * allocated or formatted there. */
typedef struct {
  int           netns_fd;          /* -1: stay in the host's namespace */
  gboolean      fresh_sys;         /* mount a sysfs of the namespace on /sys */
  gboolean      sys_read_only;
  char        **bind_sources;      /* /etc/netns/NAME/x ... NULL-terminated */
  char        **bind_targets;      /* /etc/x ... */
  int           stdio[3];
  uid_t         uid;
  gid_t         gid;
  const gid_t  *groups;
  size_t        n_groups;
  gboolean      drop_privileges;   /* FALSE only for a root caller */
  pid_t         die_with;          /* > 0: end when this parent (netnsd) ends */
  int           last_cap;          /* /proc/sys/kernel/cap_last_cap */
  int           max_fd;            /* for closing fds where close_range() is missing */
  const char   *cwd;
  const char   *path;              /* the program, resolved */
  char * const *argv;
  char * const *envp;
} NnsSpawnPlan;

/* Where the child failed, reported to the parent through a pipe. */
typedef enum {
  NNS_SPAWN_STEP_NETNS = 1,
  NNS_SPAWN_STEP_MOUNT_NAMESPACE,
  NNS_SPAWN_STEP_SYSFS,
  NNS_SPAWN_STEP_STDIO,
  NNS_SPAWN_STEP_CAPABILITIES,
  NNS_SPAWN_STEP_GROUPS,
  NNS_SPAWN_STEP_GID,
  NNS_SPAWN_STEP_UID,
  NNS_SPAWN_STEP_ROOT_REGAINED,
  NNS_SPAWN_STEP_NO_NEW_PRIVS,
  NNS_SPAWN_STEP_PARENT_DEATH,
  NNS_SPAWN_STEP_SESSION,
  NNS_SPAWN_STEP_CWD,
  NNS_SPAWN_STEP_FDS,
  NNS_SPAWN_STEP_EXEC,
} NnsSpawnStep;

typedef struct {
  int step;
  int errsv;
} NnsSpawnReport;

const char *nns_spawn_step_describe (NnsSpawnStep step);

G_NORETURN void nns_spawn_child_run (const NnsSpawnPlan *plan,
                                     int                 report_fd);

G_END_DECLS
