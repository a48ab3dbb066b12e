/* nns-manager-spawn.c: Spawn and Kill of org.example.NetNs.
 *
 * A Spawn runs: its arguments checked; the caller identified from the
 * bus, and its process's resource limits read (nns-spawn-limits.c); its
 * program found and opened as the caller would find it
 * (nns-spawn-resolve.c); polkit asked about that program's canonical
 * path; the program started by that very fd.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <gio/gunixfdlist.h>
#include <pwd.h>
#include <unistd.h>

#include "nns-bus-names.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

/* What a Spawn call carries from its handler to its continuation. */
typedef struct {
  NnsManager *manager;
  GDBusMethodInvocation *invocation;
  NnsResolvedProgram *program;   /* once found */
  struct rlimit rlimits[RLIM_NLIMITS];
  NnsTarget   target;
  GStrv       argv;
  GStrv       env;
  char       *cwd;
  gboolean    kill_on_disconnect;
  gboolean    terminal;
  int         stdio[3];
} SpawnCall;

static void
spawn_call_free (gpointer data)
{
  SpawnCall *call = data;

  for (int i = 0; i < 3; i++)
    nns_clear_fd (&call->stdio[i]);
  nns_target_clear (&call->target);
  g_strfreev (call->argv);
  g_strfreev (call->env);
  g_free (call->cwd);
  g_clear_pointer (&call->program, nns_resolved_program_free);
  g_clear_object (&call->invocation);
  g_object_unref (call->manager);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpawnCall, spawn_call_free)

static gboolean
plan_spawn (NnsCaller      *caller,
            NnsAuthRequest *request,
            gpointer        user_data,
            GError        **error)
{
  SpawnCall *call = user_data;
  g_autofree char *program = nns_quote (call->program->path);
  g_autofree char *what = g_strdup_printf ("run %s in %s", program, call->target.description);
  NnsNamespace *ns = nns_registry_lookup (call->manager->registry, call->target.name);
  g_autofree char *owner = NULL;
  g_autofree char *owner_user = NULL;

  /* A user may run what they like in the host already, as themselves. */
  if (call->target.is_host && nns_caller_get_uid (caller) != 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                   "only root may run programs in the host namespace through netnsd");
      return FALSE;
    }
  if (ns != NULL && nns_namespace_is_recorded (ns))
    {
      struct passwd *pw = getpwuid (nns_namespace_get_owner (ns));

      owner = g_strdup_printf ("%u", (guint) nns_namespace_get_owner (ns));
      owner_user = pw != NULL ? g_strdup (pw->pw_name) : g_strdup (owner);
    }
  nns_auth_request_add (request, NNS_ACTION_SPAWN, what,
                        "namespace", call->target.name,
                        "program", call->program->path,
                        "owner", owner != NULL ? owner : "",
                        "owner-user", owner_user != NULL ? owner_user : "",
                        NULL);
  return TRUE;
}

/* What the bus layer keeps while the program starts. Its reference to
 * the invocation is its own: the reply consumes the handler's. */
typedef struct {
  NnsManager            *manager;
  GDBusMethodInvocation *invocation;
  NnsCaller             *caller;
  char                  *program;   /* quoted */
  char                  *where;     /* the target's description */
} SpawnStart;

static void
spawn_start_free (SpawnStart *start)
{
  g_object_unref (start->manager);
  g_object_unref (start->invocation);
  g_object_unref (start->caller);
  g_free (start->program);
  g_free (start->where);
  g_free (start);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpawnStart, spawn_start_free)

static void
on_spawned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SpawnStart) start = user_data;
  g_autoptr(GError) error = NULL;
  pid_t pid;

  pid = nns_spawner_spawn_finish (NNS_SPAWNER (source), result, &error);
  if (pid < 0)
    {
      nns_manager_return_error (start->invocation, error);
      return;
    }
  g_message ("%s started %s in %s as pid %d", nns_caller_describe (start->caller),
             start->program, start->where, (int) pid);
  nns_dbus_net_ns_complete_spawn (NNS_DBUS_NET_NS (start->manager), start->invocation, NULL,
                                  (guint) pid);
}

static void
spawn_authorized (GDBusMethodInvocation *invocation,
                  NnsCaller             *caller,
                  gpointer               user_data)
{
  SpawnCall *call = user_data;
  NnsManager *self = call->manager;
  g_autoptr(GError) error = NULL;
  nns_autofd int netns_fd = -1;
  NnsSpawnRequest request = { 0 };
  SpawnStart *start;

  /* Re-checks that the name still holds the namespace authorized for. */
  if (nns_target_netlink (self, &call->target, &error) == NULL)
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  if (!call->target.is_host || call->target.name[0] != '\0')
    {
      netns_fd = nns_registry_open_namespace (self->registry, call->target.name, &error);
      if (netns_fd < 0)
        {
          nns_manager_return_error (invocation, error);
          return;
        }
    }

  request.namespace = call->target.name;
  request.netns_fd = netns_fd;
  request.caller = caller;
  request.argv = (const char * const *) call->argv;
  request.program_fd = call->program->fd;
  request.program_path = call->program->path;
  request.rlimits = call->rlimits;
  request.bus = g_dbus_method_invocation_get_connection (invocation);
  request.env = (const char * const *) call->env;
  request.cwd = call->cwd;
  request.terminal = call->terminal;
  request.kill_on_disconnect = call->kill_on_disconnect;
  memcpy (request.stdio, call->stdio, sizeof request.stdio);

  /* The reply waits for the program to start; nothing else does. */
  start = g_new0 (SpawnStart, 1);
  start->manager = g_object_ref (self);
  start->invocation = g_object_ref (invocation);
  start->caller = g_object_ref (caller);
  start->program = nns_quote (call->program->path);
  start->where = g_strdup (call->target.description);
  nns_spawner_spawn_async (self->spawner, &request, on_spawned, start);
}

static void
on_program_found (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SpawnCall) call = user_data;
  g_autoptr(GError) error = NULL;
  GDBusMethodInvocation *invocation = call->invocation;
  NnsAuthority *authority;

  call->program = nns_spawner_resolve_finish (NNS_SPAWNER (source), result, &error);
  if (call->program == NULL)
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  g_debug ("program %s of a Spawn is %s", call->argv[0], call->program->path);
  authority = call->manager->authority;
  nns_authority_authorize (authority, invocation, plan_spawn, spawn_authorized,
                           g_steal_pointer (&call), spawn_call_free);
}

/* The caller is known: its limits, then its program, before polkit is
 * asked about that program. */
static void
on_caller_known (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SpawnCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsCaller) caller = nns_caller_new_finish (result, &error);
  NnsSpawner *spawner = call->manager->spawner;
  SpawnCall *searching;

  if (caller == NULL || !nns_spawn_read_caller_limits (caller, call->rlimits, &error))
    {
      nns_manager_return_error (call->invocation, error);
      return;
    }
  searching = g_steal_pointer (&call);
  nns_spawner_resolve_async (spawner, caller, searching->argv[0],
                             (const char * const *) searching->env, searching->cwd,
                             on_program_found, searching);
}

/* Takes the fd the caller passed as handle @handle (an index into the
 * message's fd list). */
static gboolean
take_fd (GUnixFDList *fd_list,
         GVariant    *handle,
         const char  *what,
         int         *fd,
         GError     **error)
{
  gint32 index = g_variant_get_handle (handle);
  int n_fds = fd_list != NULL ? g_unix_fd_list_get_length (fd_list) : 0;

  if (index < 0 || index >= n_fds)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s is fd index %d, but the call carries %d file descriptors",
                   what, index, n_fds);
      return FALSE;
    }
  *fd = g_unix_fd_list_get (fd_list, index, error);
  return *fd >= 0;
}

static gboolean
check_argv (const char * const *argv,
            GError            **error)
{
  if (argv[0] == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "argv is empty; it needs at least the program");
      return FALSE;
    }
  if (argv[0][0] == '\0')
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "the program (argv[0]) is an empty string");
      return FALSE;
    }
  return TRUE;
}

static gboolean
handle_spawn (NnsDBusNetNs          *object,
              GDBusMethodInvocation *invocation,
              GUnixFDList           *fd_list,
              const char            *namespace_name,
              const char * const    *argv,
              GVariant              *options,
              GVariant              *stdin_handle,
              GVariant              *stdout_handle,
              GVariant              *stderr_handle)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(SpawnCall) call = g_new0 (SpawnCall, 1);
  g_autoptr(GError) error = NULL;
  const NnsOptionSpec specs[] = {
    { "env", "as", &call->env, NULL },
    { "cwd", "s", &call->cwd, NULL },
    { "kill-on-disconnect", "b", &call->kill_on_disconnect, NULL },
    { "terminal", "b", &call->terminal, NULL },
  };

  call->manager = g_object_ref (self);
  call->kill_on_disconnect = TRUE;
  call->stdio[0] = call->stdio[1] = call->stdio[2] = -1;
  call->argv = g_strdupv ((char **) argv);

  if (!check_argv (argv, &error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), &error) ||
      !nns_spawn_env_validate ((const char * const *) call->env, &error) ||
      !take_fd (fd_list, stdin_handle, "stdin", &call->stdio[0], &error) ||
      !take_fd (fd_list, stdout_handle, "stdout", &call->stdio[1], &error) ||
      !take_fd (fd_list, stderr_handle, "stderr", &call->stdio[2], &error) ||
      !nns_target_init (&call->target, self, NULL, namespace_name, &error))
    return nns_manager_return_error (invocation, error);

  if (call->cwd != NULL && !g_path_is_absolute (call->cwd))
    {
      g_autofree char *quoted = nns_quote (call->cwd);

      g_set_error (&error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "cwd %s is not an absolute path", quoted);
      return nns_manager_return_error (invocation, error);
    }
  /* Only a terminal can become the program's controlling terminal. */
  if (call->terminal && !isatty (call->stdio[0]))
    {
      g_set_error_literal (&error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "option 'terminal' needs a terminal as stdin, and stdin is not one");
      return nns_manager_return_error (invocation, error);
    }

  call->invocation = g_object_ref (invocation);
  nns_caller_new_async (g_dbus_method_invocation_get_connection (invocation),
                        g_dbus_method_invocation_get_sender (invocation), NULL,
                        on_caller_known, g_steal_pointer (&call));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_kill (NnsDBusNetNs          *object,
             GDBusMethodInvocation *invocation,
             guint32                pid,
             gint32                 signal_number)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GError) error = NULL;

  if (pid == 0 || pid > G_MAXINT32 ||
      !nns_spawner_kill (self->spawner, g_dbus_method_invocation_get_sender (invocation),
                         (pid_t) pid, signal_number, &error))
    {
      if (error == NULL)
        g_set_error (&error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT, "%u is not a pid", pid);
      return nns_manager_return_error (invocation, error);
    }
  nns_dbus_net_ns_complete_kill (object, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* To the caller that started it only: others have no business knowing. */
static void
on_program_exited (NnsSpawner *spawner,
                   const char *sender,
                   int         pid,
                   int         wait_status,
                   gpointer    user_data)
{
  GDBusInterfaceSkeleton *skeleton = G_DBUS_INTERFACE_SKELETON (user_data);
  GDBusConnection *connection = g_dbus_interface_skeleton_get_connection (skeleton);

  if (connection == NULL)
    return;
  g_dbus_connection_emit_signal (connection, sender,
                                 g_dbus_interface_skeleton_get_object_path (skeleton),
                                 NNS_MANAGER_INTERFACE, "SpawnExited",
                                 g_variant_new ("(ui)", (guint32) pid, wait_status), NULL);
}

void
nns_manager_init_spawn (NnsManager *self)
{
  g_signal_connect_object (self->spawner, "program-exited", G_CALLBACK (on_program_exited),
                           self, 0);
}

void
nns_manager_init_spawn_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_spawn = handle_spawn;
  iface->handle_kill = handle_kill;
}
