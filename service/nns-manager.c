/* nns-manager.c: the org.example.NetNs manager object, its namespace
 * methods, and what its other method groups (nns-manager-links.c,
 * -addresses.c, -routes.c) share.
 *
 * Each method handler checks its arguments, then hands the call to the
 * authority with a plan (which polkit actions the call needs, decided once
 * the caller's uid is known) and a continuation that makes the change. A
 * handler never blocks on polkit: the change happens only in the
 * continuation, which first checks that every namespace it acts on is still
 * the one the caller was authorized for.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <pwd.h>
#include <string.h>

#include "nns-dns.h"
#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

static void nns_manager_iface_init (NnsDBusNetNsIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NnsManager, nns_manager, NNS_DBUS_TYPE_NET_NS_SKELETON,
                               G_IMPLEMENT_INTERFACE (NNS_DBUS_TYPE_NET_NS,
                                                      nns_manager_iface_init))

/* What a namespace method call carries from its handler to its
 * continuation. */
typedef struct {
  NnsManager *manager;
  NnsBatch   *batch;
  char       *name;
  guint64     inode;        /* of the namespace planned for, or created */
  gboolean    loopback_up;
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

gboolean
nns_manager_return_error (GDBusMethodInvocation *invocation,
                          const GError          *error)
{
  g_dbus_method_invocation_return_gerror (invocation, error);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

#define return_error nns_manager_return_error

/* Running an operation as a method call of its own */

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
      return_error (invocation, error);
      return;
    }
  /* What the method's *_complete_*() function would send: one runner
   * serves the calls of their own and Apply alike. */
  g_dbus_method_invocation_return_value (invocation,
                                         run->operation->reply != NULL ?
                                         run->operation->reply (run->call) : NULL);
}

/* Handles a method call of @operation: checks its arguments, has the
 * authority plan and ask polkit, and makes the change once allowed. */
gboolean
nns_manager_run (NnsManager            *self,
                 GDBusMethodInvocation *invocation,
                 const NnsOperation    *operation)
{
  g_autoptr(GError) error = NULL;
  gpointer call = operation->parse (self, g_dbus_method_invocation_get_parameters (invocation),
                                    NULL, &error);
  MethodRun *run;

  if (call == NULL)
    return return_error (invocation, error);

  run = g_new0 (MethodRun, 1);
  run->operation = operation;
  run->call = call;
  nns_authority_authorize (self->authority, invocation, plan_method, method_authorized,
                           run, method_run_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Targets: the namespaces a call acts on */

/* Resolves the namespace argument @name: "" is the host, anything else
 * must name an existing namespace, or one that an earlier operation of
 * @batch creates. */
gboolean
nns_target_init (NnsTarget  *target,
                 NnsManager *manager,
                 NnsBatch   *batch,
                 const char *name,
                 GError    **error)
{
  NnsNamespace *ns;
  g_autofree char *quoted = NULL;

  memset (target, 0, sizeof *target);
  target->batch = batch;
  if (name[0] == '\0')
    {
      target->name = g_strdup ("");
      target->inode = nns_registry_get_host_inode (manager->registry);
      target->is_host = TRUE;
      target->description = g_strdup ("the host namespace");
      return TRUE;
    }

  if (!nns_namespace_entry_validate (name, error))
    return FALSE;
  quoted = nns_quote (name);
  target->name = g_strdup (name);
  target->description = g_strdup_printf ("namespace %s", quoted);
  if (nns_batch_has_namespace (batch, name))
    {
      target->planned = TRUE;
      return TRUE;
    }
  ns = nns_registry_lookup (manager->registry, name);
  if (ns == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "namespace %s not found", quoted);
      nns_target_clear (target);
      return FALSE;
    }
  target->inode = nns_namespace_get_inode (ns);
  /* A name bound to the host's own namespace (ip netns attach NAME 1) is
   * the host, whatever it is called. */
  target->is_host = target->inode == nns_registry_get_host_inode (manager->registry);
  return TRUE;
}

void
nns_target_clear (NnsTarget *target)
{
  g_clear_pointer (&target->name, g_free);
  g_clear_pointer (&target->description, g_free);
}

/* Two names for one namespace ("" and a name bound to the host's) are
 * the same place; so is one name an Apply creates, named twice. */
gboolean
nns_target_same (const NnsTarget *a,
                 const NnsTarget *b)
{
  if (a->planned || b->planned)
    return a->planned && b->planned && g_str_equal (a->name, b->name);
  return a->inode == b->inode && a->inode != 0;
}

/* The netlink sockets of @target, once authorized: if the name now holds
 * another namespace than the one the caller was authorized for, nothing
 * is done. A namespace an earlier operation of the same Apply created is
 * the one it made. */
NnsNetlink *
nns_manager_target_netlink (NnsManager *self,
                            NnsTarget  *target,
                            GError    **error)
{
  NnsNamespace *ns;

  if (target->name[0] == '\0')
    return nns_registry_get_host_netlink (self->registry);
  if (target->planned && target->inode == 0)
    target->inode = nns_batch_get_namespace_inode (target->batch, target->name);

  ns = nns_registry_lookup (self->registry, target->name);
  if (ns == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "%s not found", target->description);
      return NULL;
    }
  if (nns_namespace_get_inode (ns) != target->inode)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                   "%s changed while the call was being authorized; try again",
                   target->description);
      return NULL;
    }
  return nns_registry_get_netlink (self->registry, ns, error);
}

/* The netlink sockets of the namespace argument @name, for reading (no
 * authorization needed). */
NnsNetlink *
nns_manager_lookup_netlink (NnsManager *self,
                            const char *name,
                            GError    **error)
{
  g_auto(NnsTarget) target = { 0 };

  if (!nns_target_init (&target, self, NULL, name, error))
    return NULL;
  return nns_manager_target_netlink (self, &target, error);
}

/* The owner details of a host link: its recorded creator, for a link the
 * call creates the caller, or what an earlier operation of its Apply
 * made it. */
static gboolean
host_link_owner (NnsManager      *self,
                 NnsCaller       *caller,
                 const NnsTarget *target,
                 const char      *link,
                 NnsLinkRole      role,
                 uid_t           *owner,
                 GError         **error)
{
  NnsNetlink *host = nns_registry_get_host_netlink (self->registry);
  int ifindex;

  if (role == NNS_LINK_NEW)
    {
      *owner = nns_caller_get_uid (caller);
      return TRUE;
    }
  if (nns_batch_lookup_link (target->batch, target->name, link, owner))
    return TRUE;
  ifindex = nns_netlink_link_index (host, link, error);
  if (ifindex <= 0)
    return FALSE;
  if (!nns_link_owners_lookup (nns_registry_get_link_owners (self->registry), ifindex, owner))
    *owner = (uid_t) -1;
  return TRUE;
}

/* The uid as a detail, and the user's name ("" for none recorded). */
static void
owner_details (uid_t  owner,
               char **uid_text,
               char **user_name)
{
  struct passwd *pw;

  if (owner == (uid_t) -1)
    {
      *uid_text = g_strdup ("");
      *user_name = g_strdup ("");
      return;
    }
  pw = getpwuid (owner);
  *uid_text = g_strdup_printf ("%u", (guint) owner);
  *user_name = pw != NULL ? g_strdup (pw->pw_name) : g_strdup (*uid_text);
}

static void
add_host_check (NnsAuthRequest *request,
                const char     *what,
                const char     *link,
                const char     *peer_namespace,
                uid_t           owner)
{
  g_autofree char *owner_uid = NULL;
  g_autofree char *owner_user = NULL;

  owner_details (owner, &owner_uid, &owner_user);
  nns_auth_request_add (request, NNS_ACTION_HOST, what,
                        "namespace", "",
                        "link", link != NULL ? link : "",
                        "peer-namespace", peer_namespace != NULL ? peer_namespace : "",
                        "owner", owner_uid,
                        "owner-user", owner_user,
                        NULL);
}

/* The recorded owner of @target, or -1 for a namespace another tool
 * made. A namespace the same Apply creates is the caller's. An existing
 * @link must be there (NotFound before polkit is asked anything). */
static gboolean
namespace_owner (NnsManager      *self,
                 NnsCaller       *caller,
                 const NnsTarget *target,
                 const char      *link,
                 NnsLinkRole      role,
                 uid_t           *owner,
                 GError         **error)
{
  NnsNamespace *ns;

  if (target->planned)
    {
      *owner = nns_caller_get_uid (caller);
      return TRUE;
    }
  ns = nns_registry_lookup (self->registry, target->name);
  if (ns == NULL || nns_namespace_get_inode (ns) != target->inode)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "%s not found", target->description);
      return FALSE;
    }
  if (role == NNS_LINK_EXISTING && !nns_batch_lookup_link (target->batch, target->name, link, NULL))
    {
      NnsNetlink *netlink = nns_registry_get_netlink (self->registry, ns, error);

      if (netlink == NULL || nns_netlink_link_index (netlink, link, error) <= 0)
        return FALSE;
    }
  *owner = nns_namespace_is_recorded (ns) ? nns_namespace_get_owner (ns) : (uid_t) -1;
  return TRUE;
}

/* Adds the check for changing @target: host for the host namespace,
 * manage for the caller's own namespace, manage-any for anyone else's or
 * one another tool made. */
gboolean
nns_manager_plan_change (NnsManager      *self,
                         NnsAuthRequest  *request,
                         NnsCaller       *caller,
                         const NnsTarget *target,
                         const char      *what,
                         const char      *link,
                         NnsLinkRole      role,
                         const char      *peer_namespace,
                         GError         **error)
{
  uid_t owner = (uid_t) -1;
  g_autofree char *owner_uid = NULL;
  g_autofree char *owner_user = NULL;

  if (target->is_host)
    {
      if (target->name[0] == '\0' && role != NNS_LINK_NONE &&
          !host_link_owner (self, caller, target, link, role, &owner, error))
        return FALSE;
      add_host_check (request, what, link, peer_namespace, owner);
      return TRUE;
    }

  if (!namespace_owner (self, caller, target, link, role, &owner, error))
    return FALSE;
  owner_details (owner, &owner_uid, &owner_user);
  nns_auth_request_add (request,
                        owner == nns_caller_get_uid (caller) ? NNS_ACTION_MANAGE
                                                             : NNS_ACTION_MANAGE_ANY,
                        what,
                        "namespace", target->name,
                        "owner", owner_uid,
                        "owner-user", owner_user,
                        "link", link != NULL ? link : "",
                        "peer-namespace", peer_namespace != NULL ? peer_namespace : "",
                        NULL);
  return TRUE;
}

/* Notes, for the operations after this one in an Apply, that @link of
 * @from is now @new_link of @to, with the owner it has there. */
void
nns_manager_note_link_moved (NnsManager      *self,
                             NnsCaller       *caller,
                             const NnsTarget *from,
                             const char      *link,
                             const NnsTarget *to,
                             const char      *new_link)
{
  uid_t owner = (uid_t) -1;

  if (from->batch == NULL)
    return;
  if (!nns_batch_lookup_link (from->batch, from->name, link, &owner) && from->name[0] == '\0')
    host_link_owner (self, caller, from, link, NNS_LINK_EXISTING, &owner, NULL);
  nns_batch_remove_link (from->batch, from->name, link);
  /* A link moved into the host becomes the caller's (MoveLink records it). */
  if (to->is_host && !nns_target_same (from, to))
    owner = nns_caller_get_uid (caller);
  nns_batch_add_link (to->batch, to->name, new_link, owner);
}

/* CreateNamespace */

static gpointer
parse_create_namespace (NnsManager *self,
                        GVariant   *parameters,
                        NnsBatch   *batch,
                        GError    **error)
{
  g_autoptr(GVariant) options = NULL;
  const char *name;
  gboolean loopback_up = TRUE;
  const NnsOptionSpec specs[] = {
    { "loopback-up", "b", &loopback_up, NULL },
  };
  NamespaceCall *call;

  g_variant_get (parameters, "(&s@a{sv})", &name, &options);
  if (!nns_namespace_name_validate (name, error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error))
    return NULL;
  if (nns_batch_has_namespace (batch, name))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "namespace '%s' is created by an earlier operation", name);
      return NULL;
    }
  if (batch != NULL)
    nns_batch_add_namespace (batch, name);

  call = namespace_call_new (self, batch, name);
  call->loopback_up = loopback_up;
  return call;
}

/* A user may own only so many namespaces; root as many as it likes. */
static gboolean
check_namespace_quota (NamespaceCall *call,
                       uid_t          uid,
                       GError       **error)
{
  guint owned = nns_registry_count_owned (call->manager->registry, uid);
  guint creating = call->batch != NULL ? nns_batch_count_namespaces (call->batch) : 1;
  guint most = call->manager->max_namespaces_per_uid;

  if (uid == 0 || owned + creating <= most)
    return TRUE;
  if (call->batch == NULL)
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
  if (!check_namespace_quota (call, nns_caller_get_uid (caller), error))
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

  ns = nns_registry_create (call->manager->registry, call->name,
                            nns_caller_get_uid (caller), call->loopback_up, error);
  if (ns == NULL)
    return FALSE;
  call->inode = nns_namespace_get_inode (ns);
  call->object_path = g_strdup (nns_namespace_get_object_path (ns));
  if (call->batch != NULL)
    nns_batch_set_namespace_inode (call->batch, call->name, call->inode);
  g_message ("%s created namespace '%s'", nns_caller_describe (caller), call->name);
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
  nns_dns_forget (NNS_ETC_NETNS_DIR, call->name);
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
  return nns_manager_run (NNS_MANAGER (object), invocation, &nns_create_namespace_operation);
}

/* DeleteNamespace: not undoable (the kernel frees the namespace once
 * nothing holds it), so not part of Apply. */

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
  return nns_manager_plan_change (call->manager, request, caller, &target, what,
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

static const NnsOperation delete_namespace_operation = {
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
  return nns_manager_run (NNS_MANAGER (object), invocation, &delete_namespace_operation);
}

/* ListNamespaces: built once for as long as no namespace comes or goes,
 * since programs that track namespaces ask again and again. */

static GVariant *
build_namespace_list (NnsManager *self)
{
  g_autoptr(GPtrArray) namespaces = nns_registry_list (self->registry);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(so)"));
  for (guint i = 0; i < namespaces->len; i++)
    {
      NnsNamespace *ns = namespaces->pdata[i];

      g_variant_builder_add (&builder, "(so)", nns_namespace_get_name (ns),
                             nns_namespace_get_object_path (ns));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
handle_list_namespaces (NnsDBusNetNs          *object,
                        GDBusMethodInvocation *invocation)
{
  NnsManager *self = NNS_MANAGER (object);

  if (self->namespaces == NULL)
    self->namespaces = build_namespace_list (self);
  nns_dbus_net_ns_complete_list_namespaces (object, invocation, self->namespaces);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Signals for every change, whoever made it. */

static void
on_namespace_added (NnsRegistry  *registry,
                    NnsNamespace *ns,
                    gpointer      user_data)
{
  g_clear_pointer (&NNS_MANAGER (user_data)->namespaces, g_variant_unref);
  nns_dbus_net_ns_emit_namespace_added (NNS_DBUS_NET_NS (user_data),
                                        nns_namespace_get_name (ns),
                                        nns_namespace_get_object_path (ns));
}

static void
on_namespace_removed (NnsRegistry  *registry,
                      NnsNamespace *ns,
                      gpointer      user_data)
{
  g_clear_pointer (&NNS_MANAGER (user_data)->namespaces, g_variant_unref);
  nns_dbus_net_ns_emit_namespace_removed (NNS_DBUS_NET_NS (user_data),
                                          nns_namespace_get_name (ns),
                                          nns_namespace_get_object_path (ns));
}

static void
nns_manager_iface_init (NnsDBusNetNsIface *iface)
{
  iface->handle_create_namespace = handle_create_namespace;
  iface->handle_delete_namespace = handle_delete_namespace;
  iface->handle_list_namespaces = handle_list_namespaces;
  nns_manager_init_link_methods (iface);
  nns_manager_init_address_methods (iface);
  nns_manager_init_route_methods (iface);
  nns_manager_init_spawn_methods (iface);
  nns_manager_init_config_methods (iface);
  nns_manager_init_apply_method (iface);
}

static void
nns_manager_dispose (GObject *object)
{
  NnsManager *self = NNS_MANAGER (object);

  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
  g_clear_object (&self->registry);
  g_clear_object (&self->authority);
  g_clear_object (&self->spawner);
  g_clear_pointer (&self->namespaces, g_variant_unref);

  G_OBJECT_CLASS (nns_manager_parent_class)->dispose (object);
}

static void
nns_manager_class_init (NnsManagerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_manager_dispose;
}

static void
nns_manager_init (NnsManager *self)
{
  self->max_namespaces_per_uid = NNS_DEFAULT_MAX_NAMESPACES_PER_UID;
}

void
nns_manager_set_max_namespaces (NnsManager *self,
                                guint       max_namespaces_per_uid)
{
  g_return_if_fail (NNS_IS_MANAGER (self));
  g_return_if_fail (max_namespaces_per_uid > 0);

  self->max_namespaces_per_uid = max_namespaces_per_uid;
}

NnsManager *
nns_manager_new (NnsRegistry  *registry,
                 NnsAuthority *authority,
                 NnsSpawner   *spawner)
{
  NnsManager *self = g_object_new (NNS_TYPE_MANAGER, "version", PACKAGE_VERSION, NULL);

  self->registry = g_object_ref (registry);
  self->authority = g_object_ref (authority);
  self->spawner = g_object_ref (spawner);
  nns_manager_init_spawn (self);
  g_signal_connect (registry, "namespace-added", G_CALLBACK (on_namespace_added), self);
  g_signal_connect (registry, "namespace-removed", G_CALLBACK (on_namespace_removed), self);
  return self;
}
