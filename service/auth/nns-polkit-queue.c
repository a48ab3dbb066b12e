/* nns-polkit-queue.c: the questions netnsd has out at polkitd, shared
 * fairly among users.
 *
 * polkitd's answers come back through netnsd's one connection to the bus,
 * which may await only so many replies (dbus-daemon's
 * max_replies_per_connection, 128 on the system bus): past that, every
 * caller's check fails, the allowed ones' too. So at most
 * NNS_POLKIT_MAX_IN_FLIGHT questions are out at once; one user's share of
 * them is a quarter, and of questions that may prompt (a polkit agent
 * that never answers holds them for minutes) an eighth. Questions past a
 * limit wait in order; a user at its share waits without holding up
 * anyone else's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-polkit-queue.h"

typedef struct {
  NnsPolkitQueue      *queue;
  uid_t                uid;
  char                *sender;
  char                *action_id;
  PolkitDetails       *details;
  gboolean             interactive;
  GCancellable        *cancellable;
  char                *who;      /* the caller, for the debug log */
  gboolean             told;     /* that it waits, in the debug log */
  gpointer             owner;    /* what asked it, for nns_polkit_queue_drop() */
  NnsPolkitAnswerFunc  answer;
  gpointer             user_data;
  GDestroyNotify       destroy;
} Question;

struct _NnsPolkitQueue {
  PolkitAuthority *polkit;
  GQueue           waiting;            /* Question, oldest first */
  guint            in_flight;
  GHashTable      *in_flight_by_uid;   /* uid -> number */
  GHashTable      *interactive_by_uid; /* uid -> number that may prompt */
};

static void
question_free (Question *question)
{
  if (question->destroy != NULL)
    question->destroy (question->user_data);
  g_free (question->sender);
  g_free (question->action_id);
  g_clear_object (&question->details);
  g_clear_object (&question->cancellable);
  g_free (question->who);
  g_free (question);
}

NnsPolkitQueue *
nns_polkit_queue_new (void)
{
  NnsPolkitQueue *queue = g_new0 (NnsPolkitQueue, 1);

  g_queue_init (&queue->waiting);
  queue->in_flight_by_uid = g_hash_table_new (NULL, NULL);
  queue->interactive_by_uid = g_hash_table_new (NULL, NULL);
  return queue;
}

/* Questions out at polkitd hold no reference to the queue: it is freed
 * with the authority, after every call that could be answered is. */
void
nns_polkit_queue_free (NnsPolkitQueue *queue)
{
  g_queue_clear_full (&queue->waiting, (GDestroyNotify) question_free);
  g_hash_table_unref (queue->in_flight_by_uid);
  g_hash_table_unref (queue->interactive_by_uid);
  g_clear_object (&queue->polkit);
  g_free (queue);
}

void
nns_polkit_queue_set_authority (NnsPolkitQueue  *queue,
                                PolkitAuthority *polkit)
{
  g_set_object (&queue->polkit, polkit);
}

static void
count (GHashTable *table,
       uid_t       uid,
       int         delta)
{
  gpointer key = GUINT_TO_POINTER (uid);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + (guint) delta;

  if (n == 0)
    g_hash_table_remove (table, key);
  else
    g_hash_table_insert (table, key, GUINT_TO_POINTER (n));
}

static guint
counted (GHashTable *table,
         uid_t       uid)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, GUINT_TO_POINTER (uid)));
}

static void
take_slot (NnsPolkitQueue *queue,
           Question       *question,
           int             delta)
{
  queue->in_flight += (guint) delta;
  count (queue->in_flight_by_uid, question->uid, delta);
  if (question->interactive)
    count (queue->interactive_by_uid, question->uid, delta);
}

static gboolean
has_room (NnsPolkitQueue *queue,
          Question       *question)
{
  if (queue->in_flight >= NNS_POLKIT_MAX_IN_FLIGHT)
    return FALSE;
  if (counted (queue->in_flight_by_uid, question->uid) >= NNS_POLKIT_MAX_IN_FLIGHT / 4)
    return FALSE;
  return !question->interactive ||
         counted (queue->interactive_by_uid, question->uid) < NNS_POLKIT_MAX_IN_FLIGHT / 8;
}

static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Question *question = user_data;
  NnsPolkitQueue *queue = question->queue;
  g_autoptr(PolkitAuthorizationResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = polkit_authority_check_authorization_finish (POLKIT_AUTHORITY (source), result,
                                                        &error);
  take_slot (queue, question, -1);
  question->answer (answer, error, question->user_data);
  question_free (question);
  nns_polkit_queue_pump (queue);
}

static void
send_question (NnsPolkitQueue *queue,
               Question       *question)
{
  g_autoptr(PolkitSubject) subject = polkit_system_bus_name_new (question->sender);

  take_slot (queue, question, +1);
  polkit_authority_check_authorization (queue->polkit, subject, question->action_id,
                                        question->details,
                                        question->interactive ?
                                        POLKIT_CHECK_AUTHORIZATION_FLAGS_ALLOW_USER_INTERACTION :
                                        POLKIT_CHECK_AUTHORIZATION_FLAGS_NONE,
                                        question->cancellable, on_answer, question);
}

/* Sends what waits, oldest first, as far as there is room: a user at its
 * share is passed over, not waited for. */
void
nns_polkit_queue_pump (NnsPolkitQueue *queue)
{
  if (queue->polkit == NULL)
    return;
  for (GList *l = queue->waiting.head, *next;
       l != NULL && queue->in_flight < NNS_POLKIT_MAX_IN_FLIGHT; l = next)
    {
      Question *question = l->data;

      next = l->next;
      if (!has_room (queue, question))
        {
          if (!question->told)
            g_debug ("%s: waiting for room at polkit (%u questions out)", question->who,
                     queue->in_flight);
          question->told = TRUE;
          continue;
        }
      g_queue_delete_link (&queue->waiting, l);
      send_question (queue, question);
    }
}

/* Asks polkitd whether @sender (of @uid) may do @action_id, as soon as
 * there is room; @answer gets the answer, then @destroy @user_data. */
void
nns_polkit_queue_ask (NnsPolkitQueue      *queue,
                      uid_t                uid,
                      const char          *sender,
                      const char          *action_id,
                      PolkitDetails       *details,
                      gboolean             interactive,
                      GCancellable        *cancellable,
                      const char          *who,
                      gpointer             owner,
                      NnsPolkitAnswerFunc  answer,
                      gpointer             user_data,
                      GDestroyNotify       destroy)
{
  Question *question = g_new0 (Question, 1);

  question->queue = queue;
  question->uid = uid;
  question->sender = g_strdup (sender);
  question->action_id = g_strdup (action_id);
  question->details = g_object_ref (details);
  question->interactive = interactive;
  question->cancellable = g_object_ref (cancellable);
  question->who = g_strdup (who);
  question->owner = owner;
  question->answer = answer;
  question->user_data = user_data;
  question->destroy = destroy;
  g_queue_push_tail (&queue->waiting, question);
}

/* Drops the waiting questions that @owner asked, unanswered. */
void
nns_polkit_queue_drop (NnsPolkitQueue *queue,
                       gpointer        owner)
{
  for (GList *l = queue->waiting.head, *next; l != NULL; l = next)
    {
      Question *question = l->data;

      next = l->next;
      if (question->owner == owner)
        {
          g_queue_delete_link (&queue->waiting, l);
          question_free (question);
        }
    }
}
