/* nns-manager-namespaces.c: CreateNamespace and DeleteNamespace of
 * org.example.NetNs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>

#include "nns-dns.h"
#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

/* What a namespace method call carries from its handler to its
 * continuation. */
typedef struct {
  NnsManager *manager;
  NnsBatch   *batch;
  char       *name;
  guint64     inode;        /* of the namespace planned for, or created */
  NnsNamespaceOptions options;
  gboolean    client_lifetime;  /* lifetime "client": ends with the caller */
  char       *object_path;  /* CreateNamespace: the new namespace's */
} NamespaceCall;

static NamespaceCall *
namespace_call_new (NnsManager *manager,
                    NnsBatch   *batch,
                    const char *name)
{
  NamespaceCall *call = g_new0 (NamespaceCall, 1);

  call->manager = g_object_ref (manager);
  call->batch = batch;
  call->name = g_strdup (name);
  return call;
}

static void
namespace_call_free (gpointer data)
{
  NamespaceCall *call = data;

  g_object_unref (call->manager);
  g_free (call->name);
  g_free (call->object_path);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NamespaceCall, namespace_call_free)

/* CreateNamespace */

static gpointer
parse_create_namespace (NnsManager *self,
                        GVariant   *parameters,
                        NnsBatch   *batch,
                        GError    **error)
{
  g_autoptr(GVariant) options = NULL;
  g_autofree char *lifetime = NULL;
  const char *name;
  gboolean loopback_up = TRUE, open_ping = TRUE;
  const NnsOptionSpec specs[] = {
    { "loopback-up", "b", &loopback_up, NULL },
    { "unprivileged-ping", "b", &open_ping, NULL },
    { "lifetime", "s", &lifetime, NULL },
  };
  NamespaceCall *call;

  g_variant_get (parameters, "(&s@a{sv})", &name, &options);
  if (!nns_namespace_name_validate (name, error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error))
    return NULL;
  if (lifetime == NULL)
    lifetime = g_strdup ("persistent");
  if (!g_str_equal (lifetime, "persistent") && !g_str_equal (lifetime, "client"))
    {
      g_autofree char *quoted = nns_quote (lifetime);

      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "lifetime %s is neither 'persistent' nor 'client'", quoted);
      return NULL;
    }
  if (nns_batch_has_namespace (batch, name))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "namespace '%s' is created by an earlier operation", name);
      return NULL;
    }
  if (batch != NULL)
    nns_batch_add_namespace (batch, name);

  call = namespace_call_new (self, batch, name);
  call->options.loopback_up = loopback_up;
  call->options.open_ping = open_ping;
  call->client_lifetime = g_str_equal (lifetime, "client");
  return call;
}

/* A user may own only so many namespaces; root as many as it likes.
 * Checked when the call is planned, counting every namespace its Apply
 * creates, so that a call over the limit is refused before polkit is
 * asked; and again when each namespace is made (@creating 1), since other
 * calls of the same user may have been authorized meanwhile. */
gboolean
nns_manager_check_namespace_quota (NnsManager *self,
                                   uid_t       uid,
                                   guint       creating,
                                   GError    **error)
{
  guint owned = nns_registry_count_owned (self->registry, uid);
  guint most = self->limits.namespaces_per_user;

  if (uid == 0 || owned + creating <= most)
    return TRUE;
  if (creating == 1)
    g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                 "uid %u already has %u namespaces, the most one user may have "
                 "(netnsd --max-namespaces-per-user)", (guint) uid, owned);
  else
    g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                 "uid %u has %u namespaces and this Apply creates %u, more than the "
                 "%u one user may have (netnsd --max-namespaces-per-user)",
                 (guint) uid, owned, creating, most);
  return FALSE;
}

static gboolean
plan_create_namespace (NnsCaller      *caller,
                       NnsAuthRequest *request,
                       gpointer        user_data,
                       GError        **error)
{
  NamespaceCall *call = user_data;
  g_autofree char *what = NULL;

  if (nns_registry_lookup (call->manager->registry, call->name) != NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "namespace '%s' already exists", call->name);
      return FALSE;
    }
  if (!nns_manager_check_namespace_quota (call->manager, nns_caller_get_uid (caller),
                                          call->batch != NULL ?
                                          nns_batch_count_namespaces (call->batch) : 1,
                                          error))
    return FALSE;
  what = g_strdup_printf ("create namespace '%s'", call->name);
  nns_auth_request_add (request, NNS_ACTION_MANAGE, what, "namespace", call->name, NULL);
  return TRUE;
}

static gboolean
perform_create_namespace (gpointer    user_data,
                          NnsCaller  *caller,
                          GError    **error)
{
  NamespaceCall *call = user_data;
  NnsNamespace *ns;

  if (!nns_manager_check_namespace_quota (call->manager, nns_caller_get_uid (caller), 1, error))
    return FALSE;
  call->options.creator = call->client_lifetime ? nns_caller_get_sender (caller) : NULL;
  ns = nns_registry_create (call->manager->registry, call->name,
                            nns_caller_get_uid (caller), &call->options, error);
  call->options.creator = NULL;
  if (ns == NULL)
    return FALSE;
  if (call->client_lifetime && call->manager->lifetimes != NULL)
    nns_lifetimes_watch (call->manager->lifetimes, nns_caller_get_sender (caller), call->name);
  call->inode = nns_namespace_get_inode (ns);
  call->object_path = g_strdup (nns_namespace_get_object_path (ns));
  if (call->batch != NULL)
    nns_batch_set_namespace_inode (call->batch, call->name, call->inode);
  g_message ("%s created namespace '%s'%s", nns_caller_describe (caller), call->name,
             call->client_lifetime ? ", to end when it leaves the bus" : "");
  return TRUE;
}

/* After an asynchronous authorization the name may hold another namespace
 * than the one the caller was authorized for: then nothing is done. */
static NnsNamespace *
lookup_authorized_namespace (NamespaceCall *call,
                             GError       **error)
{
  NnsNamespace *ns = nns_registry_lookup (call->manager->registry, call->name);
  g_autofree char *quoted = nns_quote (call->name);

  if (ns == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "namespace %s not found", quoted);
      return NULL;
    }
  if (nns_namespace_get_inode (ns) != call->inode)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                   "namespace %s changed while the call was being authorized; try again",
                   quoted);
      return NULL;
    }
  return ns;
}

static gboolean
remove_namespace (NamespaceCall *call,
                  GError       **error)
{
  NnsNamespace *ns = lookup_authorized_namespace (call, error);

  if (ns == NULL || !nns_registry_delete (call->manager->registry, ns, error))
    return FALSE;
  nns_etc_netns_forget (call->manager->etc_netns, call->name);
  return TRUE;
}

static gboolean
undo_create_namespace (gpointer user_data,
                       GError **error)
{
  return remove_namespace (user_data, error);
}

static GVariant *
reply_create_namespace (gpointer user_data)
{
  NamespaceCall *call = user_data;

  return g_variant_new ("(o)", call->object_path);
}

const NnsOperation nns_create_namespace_operation = {
  .method = "CreateNamespace",
  .parse = parse_create_namespace,
  .plan = plan_create_namespace,
  .perform = perform_create_namespace,
  .undo = undo_create_namespace,
  .reply = reply_create_namespace,
  .free = namespace_call_free,
};

static gboolean
handle_create_namespace (NnsDBusNetNs          *object,
                         GDBusMethodInvocation *invocation,
                         const char            *name,
                         GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_create_namespace_operation);
}

/* DeleteNamespace: not undoable (the kernel frees the namespace once
 * nothing holds it), so part of Apply only in a topology's, for a
 * namespace the topology made, where netnsctl puts it last. */

static gpointer
parse_delete_namespace (NnsManager *self,
                        GVariant   *parameters,
                        NnsBatch   *batch,
                        GError    **error)
{
  g_autoptr(GVariant) options = NULL;
  const char *name;

  g_variant_get (parameters, "(&s@a{sv})", &name, &options);
  if (!nns_namespace_entry_validate (name, error) ||
      !nns_options_parse (options, NULL, 0, error))
    return NULL;
  return namespace_call_new (self, batch, name);
}

static gboolean
plan_delete_namespace (NnsCaller      *caller,
                       NnsAuthRequest *request,
                       gpointer        user_data,
                       GError        **error)
{
  NamespaceCall *call = user_data;
  g_auto(NnsTarget) target = { 0 };
  g_autofree char *what = NULL;

  if (!nns_target_init (&target, call->manager, NULL, call->name, error))
    return FALSE;
  call->inode = target.inode;
  what = g_strdup_printf ("delete %s", target.description);
  return nns_target_plan_change (call->manager, request, caller, &target, what,
                                 NULL, NNS_LINK_NONE, NULL, error);
}

static gboolean
perform_delete_namespace (gpointer    user_data,
                          NnsCaller  *caller,
                          GError    **error)
{
  NamespaceCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->name);

  if (!remove_namespace (call, error))
    return FALSE;
  g_message ("%s deleted namespace %s", nns_caller_describe (caller), quoted);
  return TRUE;
}

const NnsOperation nns_delete_namespace_operation = {
  .method = "DeleteNamespace",
  .parse = parse_delete_namespace,
  .plan = plan_delete_namespace,
  .perform = perform_delete_namespace,
  .free = namespace_call_free,
};

static gboolean
handle_delete_namespace (NnsDBusNetNs          *object,
                         GDBusMethodInvocation *invocation,
                         const char            *name,
                         GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_delete_namespace_operation);
}

void
nns_manager_init_namespace_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_create_namespace = handle_create_namespace;
  iface->handle_delete_namespace = handle_delete_namespace;
}
