/* nns-spawner-search.c: the spawner's per-user cap, and the search for
 * a Spawn's program (nns-spawn-resolve.c), which counts against it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-error.h"
#include "nns-spawn-resolve.h"
#include "nns-spawner-private.h"

/* The per-user cap */

void
nns_spawner_count_user (NnsSpawner *self,
                        uid_t       uid,
                        int         delta)
{
  gpointer key = GUINT_TO_POINTER (uid);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_uid, key)) + (guint) delta;

  if (n == 0)
    g_hash_table_remove (self->per_uid, key);
  else
    g_hash_table_insert (self->per_uid, key, GUINT_TO_POINTER (n));
}

/* Fails with Busy if @uid has as many programs (running, starting, or
 * being looked for) as one user may: a program counts until it is
 * reaped. Checked before the search and again at the start, since the
 * user's other calls may have been authorized meanwhile. */
gboolean
nns_spawner_check_user_room (NnsSpawner *self,
                             uid_t       uid,
                             GError    **error)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_uid, GUINT_TO_POINTER (uid)));

  if (uid == 0 || n < self->max_programs)
    return TRUE;
  g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
               "uid %u already has %u programs started through netnsd, the most one "
               "user may have (netnsd --max-programs-per-user)", (guint) uid, n);
  return FALSE;
}

/* Finding the program */

typedef struct {
  NnsSpawner *spawner;
  uid_t       uid;
  GTask      *task;
} Search;

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Search *search = user_data;
  g_autoptr(GTask) task = search->task;
  GError *error = NULL;
  NnsResolvedProgram *program = nns_spawn_resolve_finish (result, &error);

  nns_spawner_count_user (search->spawner, search->uid, -1);
  g_free (search);
  if (program == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, program, (GDestroyNotify) nns_resolved_program_free);
}

/* Finds @program (argv[0]) as @caller would, with the program's @env
 * and @cwd (NULL: "/"), and opens it (nns-spawn-resolve.c). */
void
nns_spawner_resolve_async (NnsSpawner         *self,
                           NnsCaller          *caller,
                           const char         *program,
                           const char * const *env,
                           const char         *cwd,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GError) error = NULL;
  NnsResolveRequest request = { 0 };
  Search *search;

  g_task_set_source_tag (task, nns_spawner_resolve_async);
  if (!nns_spawner_check_user_room (self, nns_caller_get_uid (caller), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  request.uid = nns_caller_get_uid (caller);
  request.gid = nns_spawn_plan_primary_gid (caller);
  request.groups = nns_caller_get_groups (caller, &request.n_groups);
  request.program = program;
  request.path_list = nns_spawn_plan_path_list (env);
  request.cwd = cwd != NULL ? cwd : "/";
  request.timeout = self->start_timeout;

  search = g_new0 (Search, 1);
  search->spawner = self;
  search->uid = request.uid;
  search->task = g_steal_pointer (&task);
  nns_spawner_count_user (self, search->uid, +1);
  nns_spawn_resolve_async (&request, on_resolved, search);
}

NnsResolvedProgram *
nns_spawner_resolve_finish (NnsSpawner   *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nns_spawner_resolve_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
nns_spawner_set_max_programs (NnsSpawner *self,
                              guint       max_programs_per_user)
{
  g_return_if_fail (NNS_IS_SPAWNER (self));
  g_return_if_fail (max_programs_per_user > 0);

  self->max_programs = max_programs_per_user;
}
