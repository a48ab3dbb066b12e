/* nns-spawn-child.h: what a spawned program's process does between fork()
 * and execve().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sys/resource.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Where a child of a debug_hooks build stops itself (SIGSTOP), for the
 * tests of a start that stalls. */
typedef enum {
  NNS_SPAWN_STOP_NONE,
  NNS_SPAWN_STOP_FORKED,        /* first thing after fork() */
  NNS_SPAWN_STOP_BEFORE_EXEC,   /* as the caller, just before execve() */
} NnsSpawnStop;

/* Everything the child needs, prepared by the parent: after fork() the
 * child may only make async-signal-safe calls, so nothing is looked up,
 * allocated or formatted there. */
typedef struct {
  int           netns_fd;          /* -1: stay in the host's namespace */
  gboolean      fresh_sys;         /* mount a sysfs of the namespace on /sys */
  gboolean      sys_read_only;
  char        **bind_sources;      /* /etc/netns/NAME/x ... NULL-terminated */
  char        **bind_targets;      /* /etc/x ... */
  int           stdio[3];          /* any fd numbers, 0 to 2 included */
  gboolean      terminal;          /* make stdin the controlling terminal */
  uid_t         uid;
  gid_t         gid;
  const gid_t  *groups;
  size_t        n_groups;
  gboolean      drop_privileges;   /* FALSE only for a root caller */
  pid_t         die_with;          /* > 0: end when this parent (netnsd) ends */
  int           last_cap;          /* /proc/sys/kernel/cap_last_cap */
  int           fd_limit;          /* no fd is numbered this or above */
  NnsSpawnStop  debug_stop;        /* NNS_SPAWN_STOP_NONE but in tests */
  const struct rlimit *rlimits;    /* the caller's, RLIM_NLIMITS of them; NULL: netnsd's */
  const char   *cwd;
  int           program_fd;        /* the program, opened when it was resolved */
  int           go_fd;             /* >= 0: wait for a byte here first (the scope) */
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
  NNS_SPAWN_STEP_TERMINAL,
  NNS_SPAWN_STEP_CWD,
  NNS_SPAWN_STEP_FDS,
  NNS_SPAWN_STEP_EXEC,
  NNS_SPAWN_STEP_LIMITS,
  NNS_SPAWN_STEP_SCOPE,
} NnsSpawnStep;

typedef struct {
  int step;
  int errsv;
} NnsSpawnReport;

const char *nns_spawn_step_describe (NnsSpawnStep step);

G_NORETURN void nns_spawn_child_run (const NnsSpawnPlan *plan,
                                     int                 report_fd);

/* Steps of nns_spawn_child_run() that the unit tests run on their own.
 * Each is async-signal-safe and returns 0, or -1 with errno set. */
int nns_spawn_child_set_up_stdio       (const int stdio[3]);
int nns_spawn_child_close_fds          (int keep_fd,
                                        int n_keep,
                                        int fd_limit);
int nns_spawn_child_close_fds_listed   (int keep_fd,
                                        int n_keep);
int nns_spawn_child_close_fds_counting (int keep_fd,
                                        int n_keep,
                                        int fd_limit);

G_END_DECLS
