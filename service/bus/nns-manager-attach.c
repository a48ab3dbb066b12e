/* nns-manager-attach.c: AttachNamespace of org.example.NetNs: naming a
 * namespace that another program made, as `ip netns attach` does.
 *
 * The namespace comes as an fd the caller opened (a handle into the
 * message's fd list; in an Apply, into the Apply's), so netnsd opens no
 * path for anyone. What the fd is, is checked before polkit is asked
 * (a network namespace, not the host's); whether it and the name are
 * free, before and again after. Who owns it follows its user namespace:
 * the caller, if the caller's uid owns that (its own `unshare -rn`);
 * else nobody netnsd knows, as for a namespace `ip netns add` made. Undone
 * (in an Apply) by removing the name again, never the namespace, which
 * belongs to whatever holds it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-netns-fd.h"
#include "nns-options.h"

typedef struct {
  NnsManager     *manager;
  NnsBatch       *batch;
  char           *name;
  int             fd;          /* the caller's namespace, dup'ed from the message */
  NnsNetnsFdInfo  info;
  guint64         inode;       /* once attached */
  char           *object_path; /* once attached */
} AttachCall;

static void
attach_call_free (gpointer data)
{
  AttachCall *call = data;

  g_object_unref (call->manager);
  nns_clear_fd (&call->fd);
  g_free (call->name);
  g_free (call->object_path);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttachCall, attach_call_free)

/* The fd that handle @index of @fds is, dup'ed. */
static int
take_fd (GUnixFDList *fds,
         gint32       index,
         GError     **error)
{
  int n_fds = fds != NULL ? g_unix_fd_list_get_length (fds) : 0;

  if (index < 0 || index >= n_fds)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "netns is fd index %d, but the call carries %d file descriptors",
                   index, n_fds);
      return -1;
    }
  return g_unix_fd_list_get (fds, index, error);
}

static gpointer
parse_attach_namespace (NnsManager  *self,
                        GVariant    *parameters,
                        GUnixFDList *fds,
                        NnsBatch    *batch,
                        GError     **error)
{
  g_autoptr(AttachCall) call = g_new0 (AttachCall, 1);
  g_autoptr(GVariant) options = NULL;
  const char *name;
  gint32 handle;

  call->manager = g_object_ref (self);
  call->batch = batch;
  call->fd = -1;
  g_variant_get (parameters, "(&sh@a{sv})", &name, &handle, &options);
  if (!nns_namespace_name_validate (name, error) ||
      !nns_options_parse (options, NULL, 0, error))
    return NULL;
  if (nns_batch_has_namespace (batch, name))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "namespace '%s' is created by an earlier operation", name);
      return NULL;
    }
  call->name = g_strdup (name);
  call->fd = take_fd (fds, handle, error);
  if (call->fd < 0 ||
      !nns_netns_fd_inspect (call->fd, &call->info, error) ||
      !nns_registry_check_not_host (self->registry, &call->info, error))
    return NULL;
  if (batch != NULL)
    nns_batch_add_attached_namespace (batch, name, call->info.userns_owner);
  return g_steal_pointer (&call);
}

/* Is the caller the owner of the namespace's user namespace? */
static gboolean
caller_owns (AttachCall *call,
             NnsCaller  *caller)
{
  return call->info.userns_owner != (uid_t) -1 &&
         call->info.userns_owner == nns_caller_get_uid (caller);
}

static gboolean
plan_attach_namespace (NnsCaller      *caller,
                       NnsAuthRequest *request,
                       gpointer        user_data,
                       GError        **error)
{
  AttachCall *call = user_data;
  g_autofree char *owner_uid = NULL;
  g_autofree char *owner_user = NULL;
  g_autofree char *what = NULL;
  gboolean owned = caller_owns (call, caller);

  if (!nns_registry_check_attachable (call->manager->registry, call->name, &call->info, error))
    return FALSE;
  if (owned &&
      !nns_manager_check_namespace_quota (call->manager, nns_caller_get_uid (caller),
                                          call->batch != NULL ?
                                          nns_batch_count_namespaces (call->batch) : 1,
                                          error))
    return FALSE;
  /* The details name who owns it by its user namespace, also when that
   * is not the caller: a rule can tell a root namespace from a user's. */
  nns_target_owner_details (call->info.userns_owner, &owner_uid, &owner_user);
  what = g_strdup_printf ("attach a namespace as '%s'", call->name);
  nns_auth_request_add (request, owned ? NNS_ACTION_MANAGE : NNS_ACTION_MANAGE_ANY, what,
                        "namespace", call->name,
                        "owner", owner_uid,
                        "owner-user", owner_user,
                        NULL);
  return TRUE;
}

static gboolean
perform_attach_namespace (gpointer    user_data,
                          NnsCaller  *caller,
                          GError    **error)
{
  AttachCall *call = user_data;
  gboolean owned = caller_owns (call, caller);
  NnsNamespace *ns;

  if (owned && !nns_manager_check_namespace_quota (call->manager, nns_caller_get_uid (caller),
                                                   1, error))
    return FALSE;
  ns = nns_registry_attach (call->manager->registry, call->name, call->fd, &call->info,
                            owned ? nns_caller_get_uid (caller) : (uid_t) -1, error);
  if (ns == NULL)
    return FALSE;
  call->inode = nns_namespace_get_inode (ns);
  call->object_path = g_strdup (nns_namespace_get_object_path (ns));
  if (call->batch != NULL)
    nns_batch_set_namespace_inode (call->batch, call->name, call->inode);
  g_message ("%s attached namespace %" G_GUINT64_FORMAT " as '%s' (%s)",
             nns_caller_describe (caller), call->inode, call->name,
             owned ? "its owner now" : "no owner recorded, as for another tool's");
  return TRUE;
}

/* Removes the name again, if it still holds the namespace attached. */
static gboolean
undo_attach_namespace (gpointer user_data,
                       GError **error)
{
  AttachCall *call = user_data;
  NnsNamespace *ns = nns_registry_lookup (call->manager->registry, call->name);

  if (ns == NULL || nns_namespace_get_inode (ns) != call->inode)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND,
                   "namespace '%s' is no longer the one attached", call->name);
      return FALSE;
    }
  if (!nns_registry_delete (call->manager->registry, ns, error))
    return FALSE;
  nns_etc_netns_forget (call->manager->etc_netns, call->name);
  return TRUE;
}

static GVariant *
reply_attach_namespace (gpointer user_data)
{
  AttachCall *call = user_data;

  return g_variant_new ("(o)", call->object_path);
}

const NnsOperation nns_attach_namespace_operation = {
  .method = "AttachNamespace",
  .parse_fds = parse_attach_namespace,
  .plan = plan_attach_namespace,
  .perform = perform_attach_namespace,
  .undo = undo_attach_namespace,
  .reply = reply_attach_namespace,
  .free = attach_call_free,
};

static gboolean
handle_attach_namespace (NnsDBusNetNs          *object,
                         GDBusMethodInvocation *invocation,
                         GUnixFDList           *fd_list,
                         const char            *name,
                         GVariant              *netns,
                         GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_attach_namespace_operation);
}

void
nns_manager_init_attach_method (NnsDBusNetNsIface *iface)
{
  iface->handle_attach_namespace = handle_attach_namespace;
}
