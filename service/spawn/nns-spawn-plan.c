/* nns-spawn-plan.c: turns what a Spawn asks for into the plan its child
 * follows between fork() and execve().
 *
 * Everything that needs looking up is looked up here, in the parent: the
 * user database, PATH, /etc/netns, the fd limit. The child (nns-spawn-child.c)
 * may only make async-signal-safe calls.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <pwd.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-names.h"
#include "nns-spawn-plan.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

void
nns_spawn_plan_storage_clear (NnsSpawnPlanStorage *storage)
{
  g_strfreev (storage->argv);
  g_strfreev (storage->envp);
  g_clear_pointer (&storage->bind_sources, g_ptr_array_unref);
  g_clear_pointer (&storage->bind_targets, g_ptr_array_unref);
  g_clear_pointer (&storage->groups, g_array_unref);
  g_free (storage->cwd);
}

/* Checks KEY=VALUE entries for the environment. */
gboolean
nns_spawn_env_validate (const char * const *env,
                        GError            **error)
{
  for (gsize i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *eq = strchr (env[i], '=');
      gboolean valid = eq != NULL && eq != env[i] &&
                       (g_ascii_isalpha (env[i][0]) || env[i][0] == '_');

      for (const char *p = env[i]; valid && p < eq; p++)
        valid = g_ascii_isalnum (*p) || *p == '_';
      if (!valid)
        {
          g_autofree char *quoted = nns_quote (env[i]);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "environment entry %s is not NAME=VALUE", quoted);
          return FALSE;
        }
    }
  return TRUE;
}

/* The caller's primary group: the user database's, or its first group. */
gid_t
nns_spawn_plan_primary_gid (NnsCaller *caller)
{
  guint n_groups;
  const gid_t *groups = nns_caller_get_groups (caller, &n_groups);
  struct passwd pwd, *pw = NULL;
  char buffer[4096];

  getpwuid_r (nns_caller_get_uid (caller), &pwd, buffer, sizeof buffer, &pw);
  return pw != NULL ? pw->pw_gid : (n_groups > 0 ? groups[0] : 65534);
}

/* The caller's identity: uid and groups from the bus, the primary group,
 * home and shell from the user database. */
static GStrv
build_identity (NnsSpawnPlanStorage   *storage,
                const NnsSpawnRequest *request)
{
  uid_t uid = nns_caller_get_uid (request->caller);
  guint n_groups;
  const gid_t *groups = nns_caller_get_groups (request->caller, &n_groups);
  struct passwd pwd, *pw = NULL;
  char buffer[4096];
  GStrv env = NULL;
  g_autofree char *uid_text = g_strdup_printf ("%u", (guint) uid);

  getpwuid_r (uid, &pwd, buffer, sizeof buffer, &pw);
  storage->plan.uid = uid;
  storage->plan.gid = nns_spawn_plan_primary_gid (request->caller);
  storage->groups = g_array_new (FALSE, FALSE, sizeof (gid_t));
  g_array_append_vals (storage->groups, groups, n_groups);
  storage->plan.groups = (const gid_t *) storage->groups->data;
  storage->plan.n_groups = storage->groups->len;
  storage->plan.drop_privileges = uid != 0;

  env = g_environ_setenv (env, "PATH", DEFAULT_PATH, TRUE);
  env = g_environ_setenv (env, "HOME", pw != NULL ? pw->pw_dir : "/", TRUE);
  env = g_environ_setenv (env, "USER", pw != NULL ? pw->pw_name : uid_text, TRUE);
  env = g_environ_setenv (env, "LOGNAME", pw != NULL ? pw->pw_name : uid_text, TRUE);
  env = g_environ_setenv (env, "SHELL", pw != NULL ? pw->pw_shell : "/bin/sh", TRUE);
  return env;
}

/* The PATH the program gets: the caller's own `env` entry (the last, as
 * in its environment), or the default. */
const char *
nns_spawn_plan_path_list (const char * const *env)
{
  const char *path_list = DEFAULT_PATH;

  for (gsize i = 0; env != NULL && env[i] != NULL; i++)
    if (g_str_has_prefix (env[i], "PATH="))
      path_list = env[i] + strlen ("PATH=");
  return path_list;
}

/* /etc/netns/NAME/x over /etc/x, for every x, as `ip netns exec` does. */
static void
find_etc_binds (NnsSpawnPlanStorage *storage,
                const char          *etc_netns_dir,
                const char          *namespace)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  storage->bind_sources = g_ptr_array_new_with_free_func (g_free);
  storage->bind_targets = g_ptr_array_new_with_free_func (g_free);
  if (namespace[0] != '\0' && nns_namespace_entry_validate (namespace, NULL))
    {
      dir_path = g_build_filename (etc_netns_dir, namespace, NULL);
      dir = g_dir_open (dir_path, 0, NULL);
    }
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_ptr_array_add (storage->bind_sources, g_build_filename (dir_path, entry, NULL));
      g_ptr_array_add (storage->bind_targets, g_build_filename ("/etc", entry, NULL));
    }
  g_ptr_array_add (storage->bind_sources, NULL);
  g_ptr_array_add (storage->bind_targets, NULL);
  storage->plan.bind_sources = (char **) storage->bind_sources->pdata;
  storage->plan.bind_targets = (char **) storage->bind_targets->pdata;
}

/* One above the highest fd number netnsd can hold. A new fd is numbered
 * below the soft limit, which only root can raise above the hard one, and
 * a lowered soft limit leaves higher fds open: the hard limit it is. */
int
nns_spawn_plan_read_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) < 0)
    return 1 << 20;   /* the kernel's default fs.nr_open */
  return (int) MIN (MAX (limit.rlim_cur, limit.rlim_max), (rlim_t) G_MAXINT);
}

#ifdef NNS_DEBUG_HOOKS
/* For the tests of a start that stalls: NETNSD_SPAWN_STOP_AT=forked or
 * before-exec stops every child there, or only those whose argv[0] is
 * NETNSD_SPAWN_STOP_PROGRAM. */
static NnsSpawnStop
debug_stop_point (const char *program)
{
  const char *point = g_getenv ("NETNSD_SPAWN_STOP_AT");
  const char *only = g_getenv ("NETNSD_SPAWN_STOP_PROGRAM");

  if (point == NULL || (only != NULL && !g_str_equal (only, program)))
    return NNS_SPAWN_STOP_NONE;
  if (g_str_equal (point, "forked"))
    return NNS_SPAWN_STOP_FORKED;
  if (g_str_equal (point, "before-exec"))
    return NNS_SPAWN_STOP_BEFORE_EXEC;
  return NNS_SPAWN_STOP_NONE;
}
#endif

/* Prepares everything the child of @request needs; @storage keeps it. */
gboolean
nns_spawn_plan_build (NnsSpawnPlanStorage   *storage,
                      const NnsSpawnRequest *request,
                      const char            *etc_netns_dir,
                      int                    last_cap,
                      GError               **error)
{
  NnsSpawnPlan *plan = &storage->plan;
  struct statvfs sys;

  storage->envp = build_identity (storage, request);
  for (gsize i = 0; request->env != NULL && request->env[i] != NULL; i++)
    {
      g_autofree char *key = g_strndup (request->env[i], strcspn (request->env[i], "="));

      storage->envp = g_environ_setenv (storage->envp, key,
                                        request->env[i] + strlen (key) + 1, TRUE);
    }
  storage->argv = g_strdupv ((char **) request->argv);
  storage->cwd = g_strdup (request->cwd != NULL ? request->cwd : "/");
  find_etc_binds (storage, etc_netns_dir, request->namespace);

  plan->netns_fd = request->netns_fd;
  plan->fresh_sys = request->netns_fd >= 0;
  plan->sys_read_only = statvfs ("/sys", &sys) == 0 && (sys.f_flag & ST_RDONLY);
  memcpy (plan->stdio, request->stdio, sizeof plan->stdio);
  plan->terminal = request->terminal;
  plan->last_cap = last_cap;
  plan->fd_limit = nns_spawn_plan_read_fd_limit ();
  plan->die_with = request->kill_on_disconnect ? getpid () : 0;
#ifdef NNS_DEBUG_HOOKS
  plan->debug_stop = debug_stop_point (request->argv[0]);
#endif
  plan->cwd = storage->cwd;
  plan->program_fd = request->program_fd;
  plan->go_fd = -1;
  plan->rlimits = request->rlimits;
  plan->argv = storage->argv;
  plan->envp = storage->envp;
  return TRUE;
}
