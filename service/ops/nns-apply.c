/* nns-apply.c: Apply of org.example.NetNs: many changes as one,
 * all or nothing.
 *
 * An Apply runs each operation through the same parse, plan and perform
 * steps as the method called on its own (NnsOperation), in three passes:
 * every operation is parsed, in order, before anything else (a later one
 * may name a namespace an earlier one creates); once the caller is known,
 * every operation is planned, in order, so that polkit is asked each
 * distinct question once before anything changes; then they are performed
 * in order. When one fails, the ones before it are undone, last first.
 *
 * A crash must not break that: a running Apply is journaled as a batch
 * (state/nns-journal.c), with what each finished operation made, and a
 * restart undoes every finished operation of a batch that never answered
 * (state/nns-recovery.c). Its entry goes just before the answer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-debug.h"
#include "nns-apply-methods.h"
#include "nns-apply-topology.h"
#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

/* What one Apply may hold: about a second of work. */
#define MAX_OPERATIONS 1024

/* An Apply runs in slices of this long on the main loop, at idle
 * priority: between two, every other caller's call is served, so a big
 * Apply (or its roll-back) never holds others up for long. */
#define SLICE_USEC (5 * 1000)

typedef struct {
  const NnsOperation *operation;
  gpointer            call;
  GVariant           *parameters;  /* for the batch journal */
  GVariant           *arguments;  /* by name, as given */
  /* A topology's removal that is undone by making the thing again. */
  const NnsOperation *remake;
  gpointer            remake_call;
} Step;

typedef struct {
  gint        refs;     /* the authority's, and a running Apply's */
  NnsManager *manager;
  NnsBatch   *batch;
  GUnixFDList *fds;     /* the Apply message's, which 'h' arguments index; or NULL */
  GArray     *steps;    /* of Step */
  NnsApplyTopology *topology;  /* option "topology", or NULL */
} ApplyCall;

static void
step_clear (gpointer data)
{
  Step *step = data;

  step->operation->free (step->call);
  g_clear_pointer (&step->parameters, g_variant_unref);
  if (step->remake != NULL)
    step->remake->free (step->remake_call);
  g_clear_pointer (&step->arguments, g_variant_unref);
}

static ApplyCall *
apply_call_ref (ApplyCall *apply)
{
  apply->refs++;
  return apply;
}

static void
apply_call_unref (gpointer data)
{
  ApplyCall *apply = data;

  if (--apply->refs > 0)
    return;
  /* The steps refer to the batch: they go first. */
  g_array_unref (apply->steps);
  g_clear_pointer (&apply->topology, nns_apply_topology_free);
  g_clear_object (&apply->fds);
  nns_batch_free (apply->batch);
  g_object_unref (apply->manager);
  g_free (apply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApplyCall, apply_call_unref)

/* A topology's RemoveAddress or RemoveRoute: the operation that makes
 * the thing again, with the arguments it was made with, should the Apply
 * fail after it. */
static gboolean
parse_remake (ApplyCall  *apply,
              const char *make,
              GVariant   *arguments,
              Step       *step,
              GError    **error)
{
  GDBusInterfaceInfo *interface = nns_dbus_net_ns_interface_info ();
  g_autoptr(GVariant) parameters = NULL;

  step->remake = nns_apply_find_operation (make, FALSE, error);
  if (step->remake == NULL)
    return FALSE;
  parameters = nns_apply_arguments_to_parameters (g_dbus_interface_info_lookup_method (interface, make),
                                        arguments, error);
  if (parameters != NULL)
    step->remake_call = step->remake->parse (apply->manager, parameters, NULL, error);
  if (step->remake_call == NULL)
    {
      step->remake = NULL;
      g_prefix_error (error, "the record of what was made is damaged: ");
      return FALSE;
    }
  return TRUE;
}

/* Parses one operation into @step. */
static gboolean
parse_step (ApplyCall  *apply,
            const char *method,
            GVariant   *arguments,
            Step       *step,
            GError    **error)
{
  GDBusInterfaceInfo *interface = nns_dbus_net_ns_interface_info ();
  g_autoptr(GVariant) parameters = NULL;
  g_autoptr(GVariant) remake = NULL;
  g_autofree char *remake_method = NULL;

  step->operation = nns_apply_find_operation (method, apply->topology != NULL, error);
  if (step->operation == NULL)
    return FALSE;
  parameters = nns_apply_arguments_to_parameters (g_dbus_interface_info_lookup_method (interface, method),
                                        arguments, error);
  if (parameters == NULL)
    return FALSE;
  if (apply->topology != NULL &&
      !nns_apply_topology_check_step (apply->topology, method, arguments, &remake_method,
                                      &remake, error))
    return FALSE;
  step->call = nns_operation_parse (step->operation, apply->manager, parameters, apply->fds,
                                    apply->batch, error);
  if (step->call == NULL)
    return FALSE;
  step->parameters = g_steal_pointer (&parameters);
  step->arguments = g_variant_ref (arguments);
  if (remake == NULL || parse_remake (apply, remake_method, remake, step, error))
    return TRUE;
  /* Not added to the steps, so not cleared with them. */
  step->operation->free (step->call);
  g_clear_pointer (&step->arguments, g_variant_unref);
  g_clear_pointer (&step->parameters, g_variant_unref);
  return FALSE;
}

/* The option "topology" (s) names the topology the Apply brings up;
 * "topology-namespaces" (as) the namespaces its file declares, which no
 * other topology may have made; "topology-forget" (as) the keys of record
 * entries about things gone by other hands. */
static gboolean
parse_apply_options (ApplyCall *apply,
                     GVariant  *options,
                     GError   **error)
{
  g_autofree char *topology = NULL;
  g_auto(GStrv) namespaces = NULL;
  g_auto(GStrv) forget = NULL;
  gboolean given_namespaces = FALSE, given_forget = FALSE;
  const NnsOptionSpec specs[] = {
    { "topology", "s", &topology, NULL },
    { "topology-namespaces", "as", &namespaces, &given_namespaces },
    { "topology-forget", "as", &forget, &given_forget },
  };

  if (!nns_options_parse (options, specs, G_N_ELEMENTS (specs), error))
    return FALSE;
  if (topology == NULL && (given_namespaces || given_forget))
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "options topology-namespaces and topology-forget need the "
                           "option topology");
      return FALSE;
    }
  if (topology == NULL)
    return TRUE;
  if (apply->manager->topologies == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                           "this netnsd keeps no topologies");
      return FALSE;
    }
  apply->topology = nns_apply_topology_new (apply->manager->topologies,
                                            apply->manager->registry, topology,
                                            (const char *const *) namespaces,
                                            (const char *const *) forget, error);
  return apply->topology != NULL;
}

static ApplyCall *
parse_apply (NnsManager  *self,
             GVariant    *operations,
             GVariant    *options,
             GUnixFDList *fds,
             GError     **error)
{
  g_autoptr(ApplyCall) apply = g_new0 (ApplyCall, 1);
  GVariantIter iter;
  const char *method;
  GVariant *arguments;
  guint position = 0;

  apply->refs = 1;
  apply->manager = g_object_ref (self);
  apply->batch = nns_batch_new ();
  apply->fds = fds != NULL ? g_object_ref (fds) : NULL;
  apply->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (apply->steps, step_clear);

  if (!parse_apply_options (apply, options, error))
    return NULL;
  if (g_variant_n_children (operations) > MAX_OPERATIONS)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%zu operations are more than one Apply takes (%d)",
                   g_variant_n_children (operations), MAX_OPERATIONS);
      return NULL;
    }

  g_variant_iter_init (&iter, operations);
  while (g_variant_iter_next (&iter, "(&s@a{sv})", &method, &arguments))
    {
      Step step = { 0 };
      gboolean parsed = parse_step (apply, method, arguments, &step, error);

      g_variant_unref (arguments);
      position++;
      if (!parsed)
        {
          /* The name as given only if it is a method's: it may be anything. */
          g_autofree char *label =
            g_dbus_interface_info_lookup_method (nns_dbus_net_ns_interface_info (), method)
            != NULL ? g_strdup (method) : nns_quote (method);

          g_prefix_error (error, "operation %u (%s): ", position, label);
          return NULL;
        }
      g_array_append_val (apply->steps, step);
    }
  return g_steal_pointer (&apply);
}

static gboolean
plan_apply (NnsCaller      *caller,
            NnsAuthRequest *request,
            gpointer        user_data,
            GError        **error)
{
  ApplyCall *apply = user_data;

  if (apply->topology != NULL &&
      !nns_apply_topology_check_caller (apply->topology, nns_caller_get_uid (caller), error))
    return FALSE;
  for (guint i = 0; i < apply->steps->len; i++)
    {
      Step *step = &g_array_index (apply->steps, Step, i);
      g_autofree char *origin = g_strdup_printf ("operation %u (%s)", i + 1,
                                                 step->operation->method);

      nns_auth_request_set_origin (request, origin);
      /* The remaking is planned too, so that it acts on the same target;
       * it asks what the removal asks. */
      if (!step->operation->plan (caller, request, step->call, error) ||
          (step->remake != NULL &&
           !step->remake->plan (caller, request, step->remake_call, error)))
        {
          g_prefix_error (error, "%s: ", origin);
          return FALSE;
        }
    }
  return TRUE;
}

static GVariant *
build_results (ApplyCall *apply)
{
  GVariantBuilder results;

  g_variant_builder_init (&results, G_VARIANT_TYPE ("aav"));
  for (guint i = 0; i < apply->steps->len; i++)
    {
      Step *step = &g_array_index (apply->steps, Step, i);
      g_autoptr(GVariant) reply = NULL;
      GVariantIter iter;
      GVariant *value;

      g_variant_builder_open (&results, G_VARIANT_TYPE ("av"));
      if (step->operation->reply != NULL)
        {
          reply = g_variant_ref_sink (step->operation->reply (step->call));
          g_variant_iter_init (&iter, reply);
          while ((value = g_variant_iter_next_value (&iter)) != NULL)
            {
              g_variant_builder_add (&results, "v", value);
              g_variant_unref (value);
            }
        }
      g_variant_builder_close (&results);
    }
  return g_variant_new ("(@aav)", g_variant_builder_end (&results));
}

/* An Apply being performed, or rolled back. */
typedef struct {
  ApplyCall             *apply;
  GDBusMethodInvocation *invocation;
  NnsCaller             *caller;
  guint                  done;    /* steps performed and not undone */
  GError                *error;   /* once a step failed: rolling back */
  char                  *journal_id;
  GArray                *journaled; /* of guint: steps with a journal entry */
  gboolean               answered;  /* only the journaled entries left to remove */
} ApplyRun;

static void
apply_run_free (gpointer data)
{
  ApplyRun *run = data;

  apply_call_unref (run->apply);
  g_object_unref (run->invocation);
  g_object_unref (run->caller);
  g_clear_error (&run->error);
  g_free (run->journal_id);
  g_array_unref (run->journaled);
  g_free (run);
}

/* The inode of the namespace @name holds now; 0 for the host (""). */
static guint64
namespace_inode (NnsManager *manager,
                 const char *name)
{
  NnsNamespace *ns = name[0] != '\0' ? nns_registry_lookup (manager->registry, name) : NULL;

  return ns != NULL ? nns_namespace_get_inode (ns) : 0;
}

/* Journals what the finished step @index made: a namespace (its name and
 * inode; for an attached one, undoing removes only the name, as for a
 * made one) or a veth pair (where its ends are). The other operations make
 * nothing that outlives the links and namespaces of their batch, or
 * change what existed before (see docs/hardening.md, Crashes). */
static gboolean
journal_step (ApplyRun *run,
              guint     index,
              GError  **error)
{
  Step *step = &g_array_index (run->apply->steps, Step, index);
  NnsManager *manager = run->apply->manager;
  NnsBatchStep record = { index, NULL, 0, NULL };
  NnsVethIntent veth = { NULL, };
  const char *name;

  if (step->operation == &nns_create_namespace_operation ||
      step->operation == &nns_attach_namespace_operation)
    {
      g_variant_get_child (step->parameters, 0, "&s", &name);
      record.namespace = (char *) name;
      record.namespace_inode = namespace_inode (manager, name);
    }
  else if (step->operation == &nns_create_veth_operation)
    {
      g_variant_get_child (step->parameters, 0, "&s", &veth.namespace);
      g_variant_get_child (step->parameters, 1, "&s", &veth.name);
      g_variant_get_child (step->parameters, 2, "&s", &veth.peer_namespace);
      g_variant_get_child (step->parameters, 3, "&s", &veth.peer_name);
      veth.namespace_inode = namespace_inode (manager, veth.namespace);
      veth.peer_namespace_inode = namespace_inode (manager, veth.peer_namespace);
      record.veth = &veth;
    }
  else
    return TRUE;
  if (!nns_journal_record_batch_step (manager->journal, run->journal_id, &record, error))
    return FALSE;
  g_array_append_val (run->journaled, index);
  return TRUE;
}

/* Ends the batch's journal entry, just before the answer: from here on, a
 * restart undoes nothing of it. The entries of its steps go after, a few
 * per slice (a restart drops those left). */
static void
end_journal (ApplyRun *run)
{
  nns_journal_end_batch (run->apply->manager->journal, run->journal_id);
  run->answered = TRUE;
}

/* Removes one step's journal entry; FALSE once none is left. */
static gboolean
forget_journaled_step (ApplyRun *run)
{
  guint last;

  if (run->journaled->len == 0)
    return FALSE;
  last = g_array_index (run->journaled, guint, run->journaled->len - 1);
  g_array_set_size (run->journaled, run->journaled->len - 1);
  nns_journal_forget_batch_step (run->apply->manager->journal, run->journal_id, last);
  return TRUE;
}

static void
perform_next (ApplyRun *run)
{
  Step *step = &g_array_index (run->apply->steps, Step, run->done);

  if (step->operation->perform (step->call, run->caller, &run->error))
    {
      if (run->apply->topology != NULL)
        nns_apply_topology_note_done (run->apply->topology, step->operation->method,
                                      step->arguments);
      run->done++;
      if (!journal_step (run, run->done - 1, &run->error))
        {
          g_prefix_error (&run->error, "operation %u (%s): ", run->done,
                          step->operation->method);
          return;
        }
      nns_debug_crash_point ("apply-step-done");
      return;
    }
  g_prefix_error (&run->error, "operation %u (%s): ", run->done + 1, step->operation->method);
}

/* Undoes the last step still done. What cannot be undone is logged and
 * added to the error the caller gets. */
static void
undo_last (ApplyRun *run)
{
  guint i = --run->done;
  Step *step = &g_array_index (run->apply->steps, Step, i);
  g_autoptr(GError) undo_error = NULL;
  g_autofree char *message = NULL;

  /* What the undo would remove may be gone already: the kernel drops an
   * address or route with the link it was on. */
  if ((step->remake != NULL
       ? step->remake->perform (step->remake_call, run->caller, &undo_error)
       : step->operation->undo != NULL
       ? step->operation->undo (step->call, &undo_error)
       : (g_set_error_literal (&undo_error, NNS_ERROR, NNS_ERROR_FAILED,
                               "it cannot be undone"), FALSE)) ||
      g_error_matches (undo_error, NNS_ERROR, NNS_ERROR_NOT_FOUND))
    {
      if (run->journaled->len > 0 &&
          g_array_index (run->journaled, guint, run->journaled->len - 1) == i)
        forget_journaled_step (run);
      nns_debug_crash_point ("apply-step-undone");
      return;
    }
  g_warning ("cannot undo operation %u (%s) of a failed Apply: %s", i + 1,
             step->operation->method, undo_error->message);
  message = g_strdup_printf ("%s; undoing operation %u (%s) failed too: %s",
                             run->error->message, i + 1, step->operation->method,
                             undo_error->message);
  g_free (run->error->message);
  run->error->message = g_steal_pointer (&message);
}

/* Every step is done: the topology's record is written before the
 * answer, so that a caller who got it finds the record in step. */
static void
finish (ApplyRun *run)
{
  g_autoptr(GError) error = NULL;

  if (run->apply->topology != NULL &&
      !nns_apply_topology_commit (run->apply->topology, nns_caller_get_uid (run->caller),
                                  &error))
    {
      g_warning ("%s", error->message);
      nns_manager_return_error (run->invocation, error);
      return;
    }
  g_dbus_method_invocation_return_value (run->invocation, build_results (run->apply));
}

/* Performs steps in order, or after a failure undoes them last first, for
 * one slice; answers the caller once it is all done or all undone. */
static gboolean
run_slice (gpointer user_data)
{
  ApplyRun *run = user_data;
  guint n = run->apply->steps->len;
  gint64 end = g_get_monotonic_time () + SLICE_USEC;

  do
    {
      if (run->answered)
        {
          if (!forget_journaled_step (run))
            return G_SOURCE_REMOVE;
        }
      else if (run->error == NULL && run->done == n)
        {
          end_journal (run);
          finish (run);
        }
      else if (run->error == NULL)
        {
          perform_next (run);
          if (run->error != NULL)
            g_message ("%s: Apply failed, undoing %u operations: %s",
                       nns_caller_describe (run->caller), run->done, run->error->message);
        }
      else if (run->done > 0)
        undo_last (run);
      else
        {
          end_journal (run);
          nns_manager_return_error (run->invocation, run->error);
        }
    }
  while (g_get_monotonic_time () < end);
  return G_SOURCE_CONTINUE;
}

static void
apply_authorized (GDBusMethodInvocation *invocation,
                  NnsCaller             *caller,
                  gpointer               user_data)
{
  ApplyCall *apply = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_id =
    nns_journal_begin_batch (apply->manager->journal, nns_caller_get_uid (caller), &error);
  ApplyRun *run;

  if (journal_id == NULL)
    {
      g_prefix_error (&error, "cannot start the Apply: ");
      nns_manager_return_error (invocation, error);
      return;
    }
  run = g_new0 (ApplyRun, 1);
  run->apply = apply_call_ref (apply);
  run->invocation = g_object_ref (invocation);
  run->caller = g_object_ref (caller);
  run->journal_id = g_steal_pointer (&journal_id);
  run->journaled = g_array_new (FALSE, FALSE, sizeof (guint));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_slice, run, apply_run_free);
}

static gboolean
handle_apply (NnsDBusNetNs          *object,
              GDBusMethodInvocation *invocation,
              GVariant              *operations,
              GVariant              *options)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GError) error = NULL;
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);
  ApplyCall *apply = parse_apply (self, operations, options,
                                  g_dbus_message_get_unix_fd_list (message), &error);

  if (apply == NULL)
    return nns_manager_return_error (invocation, error);
  nns_authority_authorize (self->authority, invocation, plan_apply, apply_authorized,
                           apply, apply_call_unref);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_apply_method (NnsDBusNetNsIface *iface)
{
  iface->handle_apply = handle_apply;
}
