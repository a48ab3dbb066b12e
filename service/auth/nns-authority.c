/* nns-authority.c: asks polkit whether a caller may make a change.
 *
 * One authorization runs as: look up the caller's credentials (cached per
 * unique bus name, which the bus never reuses), let the method plan which
 * polkit questions it needs (nns-auth-request.c), then ask polkit,
 * asynchronously. The method goes on only from the final callback.
 * Everything fails closed: polkitd missing, erroring, hanging past the
 * timeout (from the first connection to it on), or the caller leaving the
 * bus mid-check all end in a denial.
 *
 * The polkit subject is the caller's unique bus name, never a pid, so the
 * answer cannot be raced by pid reuse (CVE-2013-4288, CVE-2019-6133).
 *
 * The questions of one call are asked at the same time: polkitd answers
 * them in parallel much faster than one after another. A call that may
 * prompt asks one at a time instead, so that a person sees one password
 * prompt after another, never several at once. A recent yes is remembered
 * for a few seconds (nns-grant-cache.c).
 *
 * polkit is shared fairly among users (nns-polkit-queue.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <polkit/polkit.h>

#include "nns-authority.h"
#include "nns-error.h"
#include "nns-grant-cache.h"
#include "nns-polkit-queue.h"

/* How long a check that cannot prompt may take before it counts as denied.
 * Shorter than the 25 s a D-Bus client waits by default, so the caller sees
 * why. A check that may prompt waits for the person at the keyboard. */
#define DEFAULT_TIMEOUT_SECONDS 10
#define INTERACTIVE_TIMEOUT_SECONDS 300
#define DEFAULT_MAX_PENDING_PER_UID 64

struct _NnsAuthority
{
  GObject          parent_instance;

  GDBusConnection *connection;
  PolkitAuthority *polkit;
  GHashTable      *callers;        /* unique bus name -> NnsCaller */
  GPtrArray       *pending;        /* AuthOp in flight */
  GHashTable      *pending_by_uid; /* uid -> number of its AuthOps past the caller lookup */
  NnsPeers        *peers;
  NnsGrantCache   *granted;
  guint            timeout_seconds;
  guint            max_pending_per_uid;
  NnsPolkitQueue  *questions;      /* out at polkitd, or waiting for room */
};

G_DEFINE_FINAL_TYPE (NnsAuthority, nns_authority, G_TYPE_OBJECT)

/* One authorization in flight. Referenced by each of its questions out at
 * polkitd, so that a late answer finds it. */
typedef struct {
  gint                   refs;
  NnsAuthority          *authority;
  GDBusMethodInvocation *invocation;
  NnsAuthPlanFunc        plan;
  NnsAuthorizedFunc      authorized;
  gpointer               user_data;
  GDestroyNotify         destroy;

  NnsCaller             *caller;
  NnsAuthRequest        *request;
  gboolean               interactive;
  guint                  next_check;   /* the next one to queue */
  guint                  answered;     /* checks passed */
  gboolean              *passed;       /* which ones */
  GCancellable          *cancellable;
  guint                  timeout_id;
  gboolean               counted;      /* in pending_by_uid */
  gboolean               finished;     /* replied to; late answers are dropped */
} AuthOp;

/* A question of an AuthOp, asked. */
typedef struct {
  AuthOp *op;
  guint   index;
} Asked;

static AuthOp *
auth_op_ref (AuthOp *op)
{
  op->refs++;
  return op;
}

static void
count_pending (NnsAuthority *self,
               uid_t         uid,
               int           delta)
{
  gpointer key = GUINT_TO_POINTER (uid);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_by_uid, key)) + (guint) delta;

  if (n == 0)
    g_hash_table_remove (self->pending_by_uid, key);
  else
    g_hash_table_insert (self->pending_by_uid, key, GUINT_TO_POINTER (n));
}

static void
auth_op_unref (AuthOp *op)
{
  if (--op->refs > 0)
    return;
  if (op->counted)
    count_pending (op->authority, nns_caller_get_uid (op->caller), -1);
  g_ptr_array_remove_fast (op->authority->pending, op);
  g_clear_handle_id (&op->timeout_id, g_source_remove);
  if (op->destroy != NULL)
    op->destroy (op->user_data);
  g_clear_pointer (&op->request, nns_auth_request_free);
  g_free (op->passed);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->caller);
  g_clear_object (&op->invocation);
  g_object_unref (op->authority);
  g_free (op);
}

/* Ends @op once: with @error as the reply, or, with none, by going on
 * with the method. Its questions still waiting are dropped, and those out
 * at polkitd cancelled. */
static void
auth_op_finish (AuthOp *op,
                GError *error)
{
  NnsAuthority *self = op->authority;

  if (op->finished)
    return;
  op->finished = TRUE;
  g_clear_handle_id (&op->timeout_id, g_source_remove);
  nns_polkit_queue_drop (self->questions, op);
  g_cancellable_cancel (op->cancellable);

  if (error != NULL)
    g_dbus_method_invocation_return_gerror (op->invocation, error);
  else
    op->authorized (op->invocation, op->caller, op->user_data);
  auth_op_unref (op);
}

static gboolean
invocation_allows_interaction (GDBusMethodInvocation *invocation)
{
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);

  return (g_dbus_message_get_flags (message) &
          G_DBUS_MESSAGE_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION) != 0;
}

static void
fail_check (AuthOp             *op,
            const NnsAuthCheck *check,
            GError             *denial)
{
  g_message ("%s: denied %s: %s", nns_caller_describe (op->caller),
             check->action_id, denial->message);
  if (check->origin != NULL)
    g_prefix_error (&denial, "%s: ", check->origin);
  auth_op_finish (op, denial);
  g_error_free (denial);
}

/* polkitd said no, or asked for a password that cannot be asked for. */
static GError *
denial_for (AuthOp                    *op,
            const NnsAuthCheck        *check,
            PolkitAuthorizationResult *answer)
{
  /* A challenge despite the interactive flag means no authentication agent
   * could ask the user: that is a plain denial. */
  if (polkit_authorization_result_get_is_challenge (answer) && op->interactive)
    return g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                        "not authorized to %s (polkit action %s): authentication "
                        "is required and no polkit agent is there to ask for it",
                        check->what, check->action_id);
  if (polkit_authorization_result_get_is_challenge (answer))
    return g_error_new (NNS_ERROR, NNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
                        "interactive authorization is required to %s (%s); "
                        "call again with the allow-interactive-authorization flag",
                        check->what, check->action_id);
  return g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                      "not authorized to %s (polkit action %s)",
                      check->what, check->action_id);
}

/* polkitd could not be asked. */
static GError *
failure_for (const NnsAuthCheck *check,
             GError             *error)
{
  g_dbus_error_strip_remote_error (error);
  return g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                      "cannot %s: authorization could not be checked (%s)",
                      check->what, error->message);
}

static void queue_next (AuthOp *op);

/* Question @index passed. */
static void
mark_passed (AuthOp *op,
             guint   index)
{
  op->passed[index] = TRUE;
  op->answered++;
}

static void
asked_free (gpointer data)
{
  Asked *asked = data;

  auth_op_unref (asked->op);
  g_free (asked);
}

static void
on_answer (PolkitAuthorizationResult *answer,
           GError                    *error,
           gpointer                   user_data)
{
  Asked *asked = user_data;
  AuthOp *op = asked->op;
  const NnsAuthCheck *check = nns_auth_request_get_check (op->request, asked->index);

  if (op->finished)
    return;
  if (answer == NULL)
    {
      fail_check (op, check, failure_for (check, error));
      return;
    }
  if (!polkit_authorization_result_get_is_authorized (answer))
    {
      fail_check (op, check, denial_for (op, check, answer));
      return;
    }
  g_debug ("%s: %s authorized", nns_caller_describe (op->caller), check->action_id);
  if (!polkit_authorization_result_get_is_challenge (answer))
    nns_grant_cache_remember (op->authority->granted, nns_caller_get_sender (op->caller),
                              check->key);
  mark_passed (op, asked->index);
  /* The call goes on once all have passed; one that may prompt asks its
   * next question only now. */
  if (op->answered == nns_auth_request_get_n_checks (op->request))
    auth_op_finish (op, NULL);
  else if (op->interactive)
    queue_next (op);
}

static void
queue_check (AuthOp *op,
             guint   index)
{
  const NnsAuthCheck *check = nns_auth_request_get_check (op->request, index);
  Asked *asked = g_new0 (Asked, 1);

  asked->op = auth_op_ref (op);
  asked->index = index;
  nns_polkit_queue_ask (op->authority->questions, nns_caller_get_uid (op->caller),
                        nns_caller_get_sender (op->caller), check->action_id, check->details,
                        op->interactive, op->cancellable, nns_caller_describe (op->caller),
                        op, on_answer, asked, asked_free);
}

/* Queues the questions of @op that no recent yes answers: the next one,
 * if it may prompt, else all. Finishes @op when every one has passed. */
static void
queue_next (AuthOp *op)
{
  const char *sender = nns_caller_get_sender (op->caller);
  guint n = nns_auth_request_get_n_checks (op->request);

  while (op->next_check < n)
    {
      guint index = op->next_check++;
      const NnsAuthCheck *check = nns_auth_request_get_check (op->request, index);

      if (nns_grant_cache_lookup (op->authority->granted, sender, check->key))
        {
          g_debug ("%s: %s authorized (remembered)", nns_caller_describe (op->caller),
                   check->action_id);
          mark_passed (op, index);
          continue;
        }
      queue_check (op, index);
      if (op->interactive)
        return;
    }
  if (op->answered == n)
    auth_op_finish (op, NULL);
}

static void
ask_polkit (AuthOp *op)
{
  NnsAuthority *self = op->authority;

  auth_op_ref (op);
  queue_next (op);
  if (!op->finished)
    nns_polkit_queue_pump (self->questions);
  auth_op_unref (op);
}

static gboolean
on_timeout (gpointer user_data)
{
  AuthOp *op = user_data;
  g_autoptr(GError) denial = NULL;
  const NnsAuthCheck *check = NULL;

  op->timeout_id = 0;
  for (guint i = 0; check == NULL; i++)
    if (!op->passed[i])
      check = nns_auth_request_get_check (op->request, i);
  denial = g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                        "cannot %s: polkit did not answer within %u seconds",
                        check->what, op->authority->timeout_seconds);
  fail_check (op, check, g_steal_pointer (&denial));
  return G_SOURCE_REMOVE;
}

static void
on_polkit_changed (PolkitAuthority *polkit,
                   gpointer         user_data)
{
  g_debug ("polkit's rules or actions changed; forgetting every remembered yes");
  nns_grant_cache_forget_all (NNS_AUTHORITY (user_data)->granted);
}

static void
on_polkit_owner (GObject    *polkit,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  nns_grant_cache_forget_all (NNS_AUTHORITY (user_data)->granted);
}

/* Keeps @polkit, and forgets every remembered yes whenever its rules or
 * actions change or polkitd comes or goes. */
static void
watch_polkit (NnsAuthority    *self,
              PolkitAuthority *polkit)
{
  self->polkit = g_object_ref (polkit);
  nns_polkit_queue_set_authority (self->questions, polkit);
  g_signal_connect (polkit, "changed", G_CALLBACK (on_polkit_changed), self);
  g_signal_connect (polkit, "notify::owner", G_CALLBACK (on_polkit_owner), self);
}

static void
on_polkit_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AuthOp *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkitAuthority) polkit = polkit_authority_get_finish (result, &error);

  if (polkit != NULL && op->authority->polkit == NULL)
    watch_polkit (op->authority, polkit);
  if (op->finished)
    ;
  else if (polkit == NULL)
    {
      g_autoptr(GError) denial =
        g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                     "authorization could not be checked: polkit is not available (%s)",
                     error->message);
      auth_op_finish (op, denial);
    }
  else
    ask_polkit (op);
  auth_op_unref (op);
}

/* Fails @op with Busy if its user already has as many calls waiting for
 * polkit as one user may. */
static gboolean
claim_pending (AuthOp *op)
{
  NnsAuthority *self = op->authority;
  uid_t uid = nns_caller_get_uid (op->caller);
  g_autoptr(GError) busy = NULL;

  if (GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_by_uid, GUINT_TO_POINTER (uid))) <
      self->max_pending_per_uid)
    {
      count_pending (self, uid, +1);
      op->counted = TRUE;
      return TRUE;
    }
  busy = g_error_new (NNS_ERROR, NNS_ERROR_BUSY,
                      "uid %u already has %u calls waiting for authorization, the most "
                      "one user may have (netnsd --max-pending-calls); try again later",
                      (guint) uid, self->max_pending_per_uid);
  auth_op_finish (op, busy);
  return FALSE;
}

static void
auth_op_check_caller (AuthOp *op)
{
  NnsAuthority *self = op->authority;
  g_autoptr(GError) error = NULL;

  if (!op->plan (op->caller, op->request, op->user_data, &error))
    {
      auth_op_finish (op, error);
      return;
    }

  /* root needs no prompt, and keeps working while polkitd is down. */
  if (nns_caller_get_uid (op->caller) == 0 || nns_auth_request_get_n_checks (op->request) == 0)
    {
      auth_op_finish (op, NULL);
      return;
    }

  /* One user's calls stuck behind a slow or hanging polkitd must not take
   * the service from everyone else. */
  if (!claim_pending (op))
    return;
  op->passed = g_new0 (gboolean, nns_auth_request_get_n_checks (op->request));

  /* The clock starts now, before the first connection to polkitd too. */
  op->timeout_id = g_timeout_add_seconds (op->interactive ?
                                          MAX (self->timeout_seconds, INTERACTIVE_TIMEOUT_SECONDS) :
                                          self->timeout_seconds,
                                          on_timeout, op);
  if (self->polkit == NULL)
    polkit_authority_get_async (op->cancellable, on_polkit_ready, auth_op_ref (op));
  else
    ask_polkit (op);
}

static void
on_caller_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AuthOp *op = user_data;
  g_autoptr(GError) error = NULL;

  op->caller = nns_caller_new_finish (result, &error);
  if (op->caller == NULL)
    {
      /* auth_op_finish() needs no caller on this path. */
      op->finished = TRUE;
      g_dbus_method_invocation_return_gerror (op->invocation, error);
      auth_op_unref (op);
      return;
    }
  g_hash_table_replace (op->authority->callers,
                        g_strdup (nns_caller_get_sender (op->caller)),
                        g_object_ref (op->caller));
  auth_op_check_caller (op);
}

/* Authorizes the method call @invocation: on success calls @authorized,
 * otherwise returns the error on @invocation itself. Either way @destroy
 * is called on @user_data at the end. */
void
nns_authority_authorize (NnsAuthority          *self,
                         GDBusMethodInvocation *invocation,
                         NnsAuthPlanFunc        plan,
                         NnsAuthorizedFunc      authorized,
                         gpointer               user_data,
                         GDestroyNotify         destroy)
{
  const char *sender = g_dbus_method_invocation_get_sender (invocation);
  AuthOp *op = g_new0 (AuthOp, 1);
  NnsCaller *cached;

  op->refs = 1;
  op->authority = g_object_ref (self);
  op->invocation = g_object_ref (invocation);
  op->plan = plan;
  op->authorized = authorized;
  op->user_data = user_data;
  op->destroy = destroy;
  op->request = nns_auth_request_new ();
  op->interactive = invocation_allows_interaction (invocation);
  op->cancellable = g_cancellable_new ();
  g_ptr_array_add (self->pending, op);

  cached = g_hash_table_lookup (self->callers, sender);
  if (cached != NULL)
    {
      op->caller = g_object_ref (cached);
      auth_op_check_caller (op);
      return;
    }
  nns_caller_new_async (self->connection, sender, op->cancellable,
                        on_caller_ready, op);
}

/* A caller left the bus: forget it and abandon its pending checks, so that
 * nothing is done on behalf of a connection that no longer exists
 * (CVE-2021-3560). */
static void
on_peer_vanished (NnsPeers   *peers,
                  const char *name,
                  gpointer    user_data)
{
  NnsAuthority *self = user_data;
  g_autoptr(GPtrArray) leaving = g_ptr_array_new_with_free_func ((GDestroyNotify) auth_op_unref);

  g_hash_table_remove (self->callers, name);
  nns_grant_cache_forget_sender (self->granted, name);
  for (guint i = 0; i < self->pending->len; i++)
    {
      AuthOp *op = g_ptr_array_index (self->pending, i);

      if (!op->finished && g_str_equal (g_dbus_method_invocation_get_sender (op->invocation), name))
        g_ptr_array_add (leaving, auth_op_ref (op));
    }
  for (guint i = 0; i < leaving->len; i++)
    {
      AuthOp *op = g_ptr_array_index (leaving, i);
      g_autoptr(GError) gone = g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                                            "%s left the bus during authorization", name);

      g_debug ("%s left the bus; cancelling its authorization", name);
      /* Still looking up its credentials: that lookup ends the call. */
      if (op->caller == NULL)
        g_cancellable_cancel (op->cancellable);
      else
        auth_op_finish (op, gone);
    }
  nns_polkit_queue_pump (self->questions);
}

void
nns_authority_set_max_pending (NnsAuthority *self,
                               guint         max_pending_per_uid)
{
  g_return_if_fail (NNS_IS_AUTHORITY (self));
  g_return_if_fail (max_pending_per_uid > 0);

  self->max_pending_per_uid = max_pending_per_uid;
}

void
nns_authority_set_timeout (NnsAuthority *self,
                           guint         seconds)
{
  g_return_if_fail (NNS_IS_AUTHORITY (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

static void
nns_authority_dispose (GObject *object)
{
  NnsAuthority *self = NNS_AUTHORITY (object);

  if (self->peers != NULL)
    g_signal_handlers_disconnect_by_data (self->peers, self);
  g_clear_object (&self->peers);
  if (self->polkit != NULL)
    g_signal_handlers_disconnect_by_data (self->polkit, self);
  g_clear_object (&self->polkit);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->callers, g_hash_table_unref);

  G_OBJECT_CLASS (nns_authority_parent_class)->dispose (object);
}

static void
nns_authority_finalize (GObject *object)
{
  NnsAuthority *self = NNS_AUTHORITY (object);

  /* Every AuthOp, queued or sent, holds a reference: none is left here. */
  g_ptr_array_unref (self->pending);
  g_hash_table_unref (self->pending_by_uid);
  nns_polkit_queue_free (self->questions);
  nns_grant_cache_free (self->granted);

  G_OBJECT_CLASS (nns_authority_parent_class)->finalize (object);
}

static void
nns_authority_class_init (NnsAuthorityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nns_authority_dispose;
  object_class->finalize = nns_authority_finalize;
}

static void
nns_authority_init (NnsAuthority *self)
{
  self->callers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_ptr_array_new ();
  self->pending_by_uid = g_hash_table_new (NULL, NULL);
  self->questions = nns_polkit_queue_new ();
  self->granted = nns_grant_cache_new ();
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
  self->max_pending_per_uid = DEFAULT_MAX_PENDING_PER_UID;
}

NnsAuthority *
nns_authority_new (GDBusConnection *connection,
                   NnsPeers        *peers)
{
  NnsAuthority *self = g_object_new (NNS_TYPE_AUTHORITY, NULL);

  self->connection = g_object_ref (connection);
  self->peers = g_object_ref (peers);
  g_signal_connect (peers, "vanished", G_CALLBACK (on_peer_vanished), self);
  return self;
}
