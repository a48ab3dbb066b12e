/* nns-runner.c: running one operation as a method call of its own.
 *
 * A change method's handler hands its NnsOperation here: the arguments are
 * parsed (bad input is refused before polkit is asked anything), the
 * authority plans and asks polkit, and only in its answer is the change
 * performed and the reply sent. Apply (nns-apply.c) runs the same
 * operations in a batch.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-manager-private.h"

typedef struct {
  const NnsOperation *operation;
  gpointer            call;
} MethodRun;

static void
method_run_free (gpointer data)
{
  MethodRun *run = data;

  run->operation->free (run->call);
  g_free (run);
}

static gboolean
plan_method (NnsCaller      *caller,
             NnsAuthRequest *request,
             gpointer        user_data,
             GError        **error)
{
  MethodRun *run = user_data;

  return run->operation->plan (caller, request, run->call, error);
}

static void
method_authorized (GDBusMethodInvocation *invocation,
                   NnsCaller             *caller,
                   gpointer               user_data)
{
  MethodRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!run->operation->perform (run->call, caller, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  /* What the method's *_complete_*() function would send: one runner
   * serves the calls of their own and Apply alike. */
  g_dbus_method_invocation_return_value (invocation,
                                         run->operation->reply != NULL ?
                                         run->operation->reply (run->call) : NULL);
}

/* Parses the arguments of @operation, with the call's file descriptors
 * for a method that takes some. */
gpointer
nns_operation_parse (const NnsOperation *operation,
                     NnsManager         *self,
                     GVariant           *parameters,
                     GUnixFDList        *fds,
                     NnsBatch           *batch,
                     GError            **error)
{
  if (operation->parse_fds != NULL)
    return operation->parse_fds (self, parameters, fds, batch, error);
  return operation->parse (self, parameters, batch, error);
}

/* Handles a method call of @operation: checks its arguments, has the
 * authority plan and ask polkit, and makes the change once allowed. */
gboolean
nns_operation_run (NnsManager            *self,
                   GDBusMethodInvocation *invocation,
                   const NnsOperation    *operation)
{
  g_autoptr(GError) error = NULL;
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);
  gpointer call = nns_operation_parse (operation, self,
                                       g_dbus_method_invocation_get_parameters (invocation),
                                       g_dbus_message_get_unix_fd_list (message), NULL, &error);
  MethodRun *run;

  if (call == NULL)
    return nns_manager_return_error (invocation, error);

  run = g_new0 (MethodRun, 1);
  run->operation = operation;
  run->call = call;
  nns_authority_authorize (self->authority, invocation, plan_method, method_authorized,
                           run, method_run_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}
