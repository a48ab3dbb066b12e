/* netns-client-spawn.c: NetNsClient's methods for programs inside
 * namespaces: Spawn and Kill.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-client-private.h"
#include "netns/netns-client-spawn.h"

/**
 * netns_client_spawn:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace; `""` (the host) is for root only
 * @argv: (array zero-terminated=1): the program and its arguments; a
 *   program without a `/` is looked up in `PATH`
 * @options: (nullable): `env` (as, `NAME=VALUE`), `cwd` (s, absolute),
 *   `kill-on-disconnect` (b, default true) and `terminal` (b)
 * @stdin_fd: the program's standard input
 * @stdout_fd: its standard output
 * @stderr_fd: its standard error
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the program runs, or could not
 *   start
 * @user_data: (closure): data for @callback
 *
 * Runs a program inside the namespace as the caller (its uid and groups,
 * no capabilities, no_new_privs), with the view `ip netns exec` gives.
 * The three descriptors are passed on as they are (netnsd gets copies; the
 * caller keeps its own). The program's end comes as
 * [signal@NetNs.Client::spawn-exited]; [method@NetNs.Client.kill] signals
 * it.
 *
 * Calls netnsd's `Spawn` (it needs polkit's `org.example.netns.spawn`);
 * finish with [method@NetNs.Client.spawn_finish].
 * [method@NetNs.Client.spawn_sync] is the blocking form.
 */
void
netns_client_spawn (NetNsClient         *self,
                    const char          *namespace_name,
                    const char *const   *argv,
                    GVariant            *options,
                    int                  stdin_fd,
                    int                  stdout_fd,
                    int                  stderr_fd,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  const int fds[] = { stdin_fd, stdout_fd, stderr_fd };
  g_autoptr(GUnixFDList) fd_list = NULL;
  GError *error = NULL;

  g_return_if_fail (NETNS_IS_CLIENT (self));
  g_return_if_fail (namespace_name != NULL);
  g_return_if_fail (argv != NULL && argv[0] != NULL);
  g_return_if_fail (netns_options_valid (options));

  fd_list = netns_fd_list_new (fds, G_N_ELEMENTS (fds), &error);
  if (fd_list == NULL)
    {
      g_task_report_error (self, callback, user_data, netns_client_spawn, error);
      return;
    }
  netns_client_invoke_with_fds (self, "Spawn",
                                g_variant_new ("(s^as@a{sv}hhh)", namespace_name, argv,
                                               netns_options (options), 0, 1, 2),
                                fd_list, "(u)", cancellable, callback, user_data,
                                netns_client_spawn);
}

/**
 * netns_client_spawn_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.spawn].
 *
 * Returns: the program's process id, or 0 with @error set
 */
guint32
netns_client_spawn_finish (NetNsClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(GVariant) pid = netns_client_invoke_finish_value (self, result, netns_client_spawn,
                                                               error);

  return pid != NULL ? g_variant_get_uint32 (pid) : 0;
}

/**
 * netns_client_spawn_sync:
 * @self: a [class@NetNs.Client]
 * @namespace_name: the namespace
 * @argv: (array zero-terminated=1): the program and its arguments
 * @options: (nullable): options, as for [method@NetNs.Client.spawn]
 * @stdin_fd: the program's standard input
 * @stdout_fd: its standard output
 * @stderr_fd: its standard error
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.spawn].
 *
 * Returns: the program's process id, or 0 with @error set
 */
guint32
netns_client_spawn_sync (NetNsClient        *self,
                         const char         *namespace_name,
                         const char *const  *argv,
                         GVariant           *options,
                         int                 stdin_fd,
                         int                 stdout_fd,
                         int                 stderr_fd,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), 0);
  g_return_val_if_fail (namespace_name != NULL, 0);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, 0);
  g_return_val_if_fail (netns_options_valid (options), 0);

  netns_client_spawn (self, namespace_name, argv, options, stdin_fd, stdout_fd, stderr_fd,
                      cancellable, netns_sync_done, netns_sync_begin (&sync, NULL));
  return netns_client_spawn_finish (self, netns_sync_wait (&sync), error);
}

/**
 * netns_client_kill:
 * @self: a [class@NetNs.Client]
 * @pid: a program this client started with [method@NetNs.Client.spawn]
 * @signal_number: the signal; 0 only checks that the program is there
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when netnsd has answered
 * @user_data: (closure): data for @callback
 *
 * Sends a signal to a program this client started.
 *
 * Calls netnsd's `Kill` (its D-Bus documentation says what polkit is
 * asked); finish with [method@NetNs.Client.kill_finish].
 * [method@NetNs.Client.kill_sync] is the blocking form.
 */
void
netns_client_kill (NetNsClient         *self,
                   guint32              pid,
                   int                  signal_number,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));

  netns_client_invoke (self, "Kill",
                       g_variant_new ("(ui)", pid, signal_number),
                       "()", cancellable, callback, user_data, netns_client_kill);
}

/**
 * netns_client_kill_finish:
 * @self: a [class@NetNs.Client]
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@NetNs.Client.kill].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_kill_finish (NetNsClient   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return netns_client_invoke_finish_void (self, result, netns_client_kill, error);
}

/**
 * netns_client_kill_sync:
 * @self: a [class@NetNs.Client]
 * @pid: a program this client started with [method@NetNs.Client.spawn]
 * @signal_number: the signal; 0 only checks that the program is there
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of [method@NetNs.Client.kill].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
netns_client_kill_sync (NetNsClient   *self,
                        guint32        pid,
                        int            signal_number,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_auto(NetNsSync) sync = NETNS_SYNC_INIT;

  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);

  netns_client_kill (self, pid, signal_number, cancellable, netns_sync_done,
                     netns_sync_begin (&sync, NULL));
  return netns_client_kill_finish (self, netns_sync_wait (&sync), error);
}
