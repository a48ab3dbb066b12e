/* nns-authority.c: asks polkit whether a caller may make a change.
 *
 * One authorization runs as: look up the caller's credentials (cached per
 * unique bus name, which the bus never reuses), let the method plan which
 * polkit actions it needs, then ask polkit for each in turn, asynchronously.
 * The method goes on only from the final callback. Everything fails closed:
 * polkitd missing, erroring, hanging past the timeout, or the caller leaving
 * the bus mid-check all end in a denial.
 *
 * The polkit subject is the caller's unique bus name, never a pid, so the
 * answer cannot be raced by pid reuse (CVE-2013-4288, CVE-2019-6133).
 *
 * polkitd answers in a millisecond or two, which would dominate a caller
 * making many small changes. So a "yes" is remembered for a few seconds,
 * for that caller connection, action and details only: never across
 * connections, never a "no" or a challenge, and forgotten at once when
 * polkit says its rules or actions changed, when polkitd restarts, and
 * when the caller leaves the bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <polkit/polkit.h>
#include <string.h>

#include "nns-authority.h"
#include "nns-error.h"

/* How long a check that cannot prompt may take before it counts as denied.
 * Shorter than the 25 s a D-Bus client waits by default, so the caller sees
 * why. A check that may prompt waits for the person at the keyboard. */
#define DEFAULT_TIMEOUT_SECONDS 10
#define INTERACTIVE_TIMEOUT_SECONDS 300
#define DEFAULT_MAX_PENDING_PER_UID 64
#define GRANT_LIFETIME_USEC (5 * G_USEC_PER_SEC)

typedef struct {
  char          *action_id;
  char          *what;
  PolkitDetails *details;
  char          *key;      /* action and details, see check_key() */
  char          *origin;   /* the part of the call that needs it, or NULL */
} AuthCheck;

/* A call that touches the same thing twice, or an Apply of many
 * operations, asks each distinct question once. */
struct _NnsAuthRequest {
  GPtrArray  *checks;   /* of AuthCheck */
  GHashTable *keys;     /* the checks' keys */
  char       *origin;   /* for the checks added from now on */
};

struct _NnsAuthority
{
  GObject          parent_instance;

  GDBusConnection *connection;
  PolkitAuthority *polkit;
  GHashTable      *callers;       /* unique bus name -> NnsCaller */
  GPtrArray       *pending;       /* AuthOp in flight */
  GHashTable      *pending_by_uid; /* uid -> number of its AuthOps past the caller lookup */
  NnsPeers        *peers;
  GHashTable      *granted;        /* unique bus name -> (check key -> expiry, µs) */
  guint            timeout_seconds;
  guint            max_pending_per_uid;
};

G_DEFINE_FINAL_TYPE (NnsAuthority, nns_authority, G_TYPE_OBJECT)

/* One authorization in flight. */
typedef struct {
  NnsAuthority          *authority;
  GDBusMethodInvocation *invocation;
  NnsAuthPlanFunc        plan;
  NnsAuthorizedFunc      authorized;
  gpointer               user_data;
  GDestroyNotify         destroy;

  NnsCaller             *caller;
  NnsAuthRequest         request;
  guint                  next_check;
  GCancellable          *cancellable;
  guint                  timeout_id;
  gboolean               timed_out;
  gboolean               counted;      /* in pending_by_uid */
} AuthOp;

static void
auth_check_free (gpointer data)
{
  AuthCheck *check = data;

  g_free (check->action_id);
  g_free (check->what);
  g_clear_object (&check->details);
  g_free (check->key);
  g_free (check->origin);
  g_free (check);
}

/* Names the part of the call (an operation of Apply) that the checks
 * added from now on are for; a denial starts with it. */
void
nns_auth_request_set_origin (NnsAuthRequest *request,
                             const char     *origin)
{
  g_free (request->origin);
  request->origin = g_strdup (origin);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* What a check asks, as one string: the action and every detail. */
static char *
check_key (const char    *action_id,
           PolkitDetails *details)
{
  g_auto(GStrv) keys = polkit_details_get_keys (details);
  g_autoptr(GString) key = g_string_new (action_id);

  if (keys != NULL)
    g_qsort_with_data (keys, (gint) g_strv_length (keys), sizeof (char *), compare_strings, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    g_string_append_printf (key, "\x1f%s=%s", keys[i],
                            polkit_details_lookup (details, keys[i]));
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* Adds a check of @action_id; @what says in words what the caller asked
 * for ("create namespace 'red'"), for the denial message. The details are
 * key/value string pairs that polkit rules read with action.lookup(). */
void
nns_auth_request_add (NnsAuthRequest *request,
                      const char     *action_id,
                      const char     *what,
                      const char     *first_detail_key,
                      ...)
{
  AuthCheck *check = g_new0 (AuthCheck, 1);
  const char *key;
  va_list args;

  check->action_id = g_strdup (action_id);
  check->what = g_strdup (what);
  check->origin = g_strdup (request->origin);
  check->details = polkit_details_new ();

  va_start (args, first_detail_key);
  for (key = first_detail_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      polkit_details_insert (check->details, key, value);
    }
  va_end (args);

  check->key = check_key (check->action_id, check->details);
  if (g_hash_table_contains (request->keys, check->key))
    {
      auth_check_free (check);
      return;
    }
  g_hash_table_add (request->keys, check->key);
  g_ptr_array_add (request->checks, check);
}

static void
count_pending (AuthOp *op,
               int     delta)
{
  gpointer uid = GUINT_TO_POINTER (nns_caller_get_uid (op->caller));
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (op->authority->pending_by_uid, uid));

  count += (guint) delta;
  if (count == 0)
    g_hash_table_remove (op->authority->pending_by_uid, uid);
  else
    g_hash_table_insert (op->authority->pending_by_uid, uid, GUINT_TO_POINTER (count));
}

static void
auth_op_free (AuthOp *op)
{
  if (op->counted)
    count_pending (op, -1);
  g_ptr_array_remove_fast (op->authority->pending, op);
  if (op->timeout_id != 0)
    g_source_remove (op->timeout_id);
  if (op->destroy != NULL)
    op->destroy (op->user_data);
  g_hash_table_unref (op->request.keys);
  g_free (op->request.origin);
  g_ptr_array_unref (op->request.checks);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->caller);
  g_clear_object (&op->invocation);
  g_object_unref (op->authority);
  g_free (op);
}

static void
auth_op_fail (AuthOp *op,
              GError *error)
{
  g_dbus_method_invocation_return_gerror (op->invocation, error);
  auth_op_free (op);
}

static void
auth_op_succeed (AuthOp *op)
{
  op->authorized (op->invocation, op->caller, op->user_data);
  auth_op_free (op);
}

static gboolean
invocation_allows_interaction (GDBusMethodInvocation *invocation)
{
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);

  return (g_dbus_message_get_flags (message) &
          G_DBUS_MESSAGE_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION) != 0;
}

static gboolean
was_granted (NnsAuthority *self,
             AuthOp       *op,
             AuthCheck    *check)
{
  GHashTable *grants = g_hash_table_lookup (self->granted, nns_caller_get_sender (op->caller));
  g_autofree char *key = NULL;
  gpointer expiry;

  if (grants == NULL)
    return FALSE;
  key = g_strdup (check->key);
  if (!g_hash_table_lookup_extended (grants, key, NULL, &expiry))
    return FALSE;
  if (*(gint64 *) expiry > g_get_monotonic_time ())
    return TRUE;
  g_hash_table_remove (grants, key);
  return FALSE;
}

static void
remember_grant (NnsAuthority *self,
                AuthOp       *op,
                AuthCheck    *check)
{
  const char *sender = nns_caller_get_sender (op->caller);
  GHashTable *grants = g_hash_table_lookup (self->granted, sender);
  gint64 *expiry = g_new (gint64, 1);

  if (grants == NULL)
    {
      grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->granted, g_strdup (sender), grants);
    }
  *expiry = g_get_monotonic_time () + GRANT_LIFETIME_USEC;
  g_hash_table_replace (grants, g_strdup (check->key), expiry);
}

static void
forget_grants (NnsAuthority *self)
{
  g_debug ("polkit's rules or actions changed; forgetting every remembered yes");
  g_hash_table_remove_all (self->granted);
}

static void run_next_check (AuthOp *op);

static void
fail_check (AuthOp    *op,
            AuthCheck *check,
            GError    *denial)
{
  if (check->origin != NULL)
    g_prefix_error (&denial, "%s: ", check->origin);
  auth_op_fail (op, denial);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AuthOp *op = user_data;
  AuthCheck *check = g_ptr_array_index (op->request.checks, op->next_check);
  g_autoptr(PolkitAuthorizationResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) denial = NULL;

  answer = polkit_authority_check_authorization_finish (POLKIT_AUTHORITY (source),
                                                        result, &error);
  if (answer == NULL)
    {
      if (op->timed_out)
        denial = g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                              "cannot %s: polkit did not answer within %u seconds",
                              check->what, op->authority->timeout_seconds);
      else
        {
          g_dbus_error_strip_remote_error (error);
          denial = g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                                "cannot %s: authorization could not be checked (%s)",
                                check->what, error->message);
        }
      g_message ("%s: denied %s: %s", nns_caller_describe (op->caller),
                 check->action_id, denial->message);
      fail_check (op, check, denial);
      return;
    }

  if (polkit_authorization_result_get_is_authorized (answer))
    {
      g_debug ("%s: %s authorized", nns_caller_describe (op->caller), check->action_id);
      if (!polkit_authorization_result_get_is_challenge (answer))
        remember_grant (op->authority, op, check);
      op->next_check++;
      run_next_check (op);
      return;
    }

  /* A challenge despite the interactive flag means no authentication agent
   * could ask the user: that is a plain denial. */
  if (polkit_authorization_result_get_is_challenge (answer) &&
      invocation_allows_interaction (op->invocation))
    denial = g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                          "not authorized to %s (polkit action %s): authentication "
                          "is required and no polkit agent is there to ask for it",
                          check->what, check->action_id);
  else if (polkit_authorization_result_get_is_challenge (answer))
    denial = g_error_new (NNS_ERROR, NNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
                          "interactive authorization is required to %s (%s); "
                          "call again with the allow-interactive-authorization flag",
                          check->what, check->action_id);
  else
    denial = g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                          "not authorized to %s (polkit action %s)",
                          check->what, check->action_id);
  g_message ("%s: denied %s", nns_caller_describe (op->caller), check->action_id);
  fail_check (op, check, denial);
}

static gboolean
on_check_timeout (gpointer user_data)
{
  AuthOp *op = user_data;

  op->timeout_id = 0;
  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  return G_SOURCE_REMOVE;
}

static void
run_next_check (AuthOp *op)
{
  PolkitCheckAuthorizationFlags flags = POLKIT_CHECK_AUTHORIZATION_FLAGS_NONE;
  g_autoptr(PolkitSubject) subject = NULL;
  AuthCheck *check;
  guint timeout;

  if (op->next_check >= op->request.checks->len)
    {
      auth_op_succeed (op);
      return;
    }

  check = g_ptr_array_index (op->request.checks, op->next_check);
  if (was_granted (op->authority, op, check))
    {
      g_debug ("%s: %s authorized (remembered)", nns_caller_describe (op->caller),
               check->action_id);
      op->next_check++;
      run_next_check (op);
      return;
    }
  if (invocation_allows_interaction (op->invocation))
    flags |= POLKIT_CHECK_AUTHORIZATION_FLAGS_ALLOW_USER_INTERACTION;
  timeout = flags != POLKIT_CHECK_AUTHORIZATION_FLAGS_NONE ?
            MAX (op->authority->timeout_seconds, INTERACTIVE_TIMEOUT_SECONDS) :
            op->authority->timeout_seconds;

  if (op->timeout_id != 0)
    g_source_remove (op->timeout_id);
  op->timeout_id = g_timeout_add_seconds (timeout, on_check_timeout, op);

  subject = polkit_system_bus_name_new (nns_caller_get_sender (op->caller));
  polkit_authority_check_authorization (op->authority->polkit, subject,
                                        check->action_id, check->details,
                                        flags, op->cancellable,
                                        on_check_done, op);
}

static void
on_polkit_changed (PolkitAuthority *polkit,
                   gpointer         user_data)
{
  forget_grants (NNS_AUTHORITY (user_data));
}

static void
on_polkit_owner (GObject    *polkit,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  forget_grants (NNS_AUTHORITY (user_data));
}

/* Keeps @polkit, and forgets every remembered yes whenever its rules or
 * actions change or polkitd comes or goes. */
static void
watch_polkit (NnsAuthority    *self,
              PolkitAuthority *polkit)
{
  self->polkit = g_object_ref (polkit);
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
  PolkitAuthority *polkit = polkit_authority_get_finish (result, &error);

  if (polkit == NULL)
    {
      g_autoptr(GError) denial =
        g_error_new (NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
                     "authorization could not be checked: polkit is not available (%s)",
                     error->message);
      auth_op_fail (op, denial);
      return;
    }
  if (op->authority->polkit == NULL)
    watch_polkit (op->authority, polkit);
  g_object_unref (polkit);
  run_next_check (op);
}

static void
auth_op_check_caller (AuthOp *op)
{
  g_autoptr(GError) error = NULL;

  if (!op->plan (op->caller, &op->request, op->user_data, &error))
    {
      auth_op_fail (op, error);
      return;
    }

  /* root needs no prompt, and keeps working while polkitd is down. */
  if (nns_caller_get_uid (op->caller) == 0 || op->request.checks->len == 0)
    {
      auth_op_succeed (op);
      return;
    }

  /* One user's calls stuck behind a slow or hanging polkitd must not take
   * the service from everyone else. */
  if (GPOINTER_TO_UINT (g_hash_table_lookup (op->authority->pending_by_uid,
                                             GUINT_TO_POINTER (nns_caller_get_uid (op->caller))))
      >= op->authority->max_pending_per_uid)
    {
      g_autoptr(GError) busy =
        g_error_new (NNS_ERROR, NNS_ERROR_BUSY,
                     "uid %u already has %u calls waiting for authorization, the most "
                     "one user may have (netnsd --max-pending-calls); try again later",
                     (guint) nns_caller_get_uid (op->caller), op->authority->max_pending_per_uid);
      auth_op_fail (op, busy);
      return;
    }
  count_pending (op, +1);
  op->counted = TRUE;

  if (op->authority->polkit == NULL)
    polkit_authority_get_async (op->cancellable, on_polkit_ready, op);
  else
    run_next_check (op);
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
      auth_op_fail (op, error);
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

  op->authority = g_object_ref (self);
  op->invocation = g_object_ref (invocation);
  op->plan = plan;
  op->authorized = authorized;
  op->user_data = user_data;
  op->destroy = destroy;
  op->request.checks = g_ptr_array_new_with_free_func (auth_check_free);
  op->request.keys = g_hash_table_new (g_str_hash, g_str_equal);
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

  g_hash_table_remove (self->callers, name);
  g_hash_table_remove (self->granted, name);
  for (guint i = 0; i < self->pending->len; i++)
    {
      AuthOp *op = g_ptr_array_index (self->pending, i);

      if (g_str_equal (g_dbus_method_invocation_get_sender (op->invocation), name))
        {
          g_debug ("%s left the bus; cancelling its authorization", name);
          g_cancellable_cancel (op->cancellable);
        }
    }
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
  g_clear_pointer (&self->granted, g_hash_table_unref);
  g_clear_pointer (&self->callers, g_hash_table_unref);

  G_OBJECT_CLASS (nns_authority_parent_class)->dispose (object);
}

static void
nns_authority_finalize (GObject *object)
{
  NnsAuthority *self = NNS_AUTHORITY (object);

  /* Every AuthOp holds a reference, so none can be pending here. */
  g_ptr_array_unref (self->pending);
  g_hash_table_unref (self->pending_by_uid);

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
  self->granted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
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
