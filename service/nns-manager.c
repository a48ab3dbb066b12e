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
  char       *name;
  guint64     inode;        /* of the namespace the plan was made for */
  gboolean    loopback_up;
} NamespaceCall;

static NamespaceCall *
namespace_call_new (NnsManager *manager,
                    const char *name)
{
  NamespaceCall *call = g_new0 (NamespaceCall, 1);

  call->manager = g_object_ref (manager);
  call->name = g_strdup (name);
  return call;
}

static void
namespace_call_free (gpointer data)
{
  NamespaceCall *call = data;

  g_object_unref (call->manager);
  g_free (call->name);
  g_free (call);
}

gboolean
nns_manager_return_error (GDBusMethodInvocation *invocation,
                          const GError          *error)
{
  g_dbus_method_invocation_return_gerror (invocation, error);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

#define return_error nns_manager_return_error

/* Targets: the namespaces a call acts on */

/* Resolves the namespace argument @name: "" is the host, anything else
 * must name an existing namespace. */
gboolean
nns_target_init (NnsTarget  *target,
                 NnsManager *manager,
                 const char *name,
                 GError    **error)
{
  NnsNamespace *ns;
  g_autofree char *quoted = NULL;

  memset (target, 0, sizeof *target);
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
  ns = nns_registry_lookup (manager->registry, name);
  quoted = nns_quote (name);
  if (ns == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "namespace %s not found", quoted);
      return FALSE;
    }
  target->name = g_strdup (name);
  target->inode = nns_namespace_get_inode (ns);
  /* A name bound to the host's own namespace (ip netns attach NAME 1) is
   * the host, whatever it is called. */
  target->is_host = target->inode == nns_registry_get_host_inode (manager->registry);
  target->description = g_strdup_printf ("namespace %s", quoted);
  return TRUE;
}

void
nns_target_clear (NnsTarget *target)
{
  g_clear_pointer (&target->name, g_free);
  g_clear_pointer (&target->description, g_free);
}

/* The netlink sockets of @target, once authorized: if the name now holds
 * another namespace than the one the caller was authorized for, nothing
 * is done. */
NnsNetlink *
nns_manager_target_netlink (NnsManager      *self,
                            const NnsTarget *target,
                            GError         **error)
{
  NnsNamespace *ns;

  if (target->name[0] == '\0')
    return nns_registry_get_host_netlink (self->registry);

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

  if (!nns_target_init (&target, self, name, error))
    return NULL;
  return nns_manager_target_netlink (self, &target, error);
}

/* The owner details of a host link: its recorded creator, or for a link
 * the call creates, the caller. */
static gboolean
host_link_owner (NnsManager *self,
                 NnsCaller  *caller,
                 const char *link,
                 NnsLinkRole role,
                 uid_t      *owner,
                 GError    **error)
{
  NnsNetlink *host = nns_registry_get_host_netlink (self->registry);
  int ifindex;

  if (role == NNS_LINK_NEW)
    {
      *owner = nns_caller_get_uid (caller);
      return TRUE;
    }
  ifindex = nns_netlink_link_index (host, link, error);
  if (ifindex <= 0)
    return FALSE;
  if (!nns_link_owners_lookup (nns_registry_get_link_owners (self->registry), ifindex, owner))
    *owner = (uid_t) -1;
  return TRUE;
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

  if (owner != (uid_t) -1)
    {
      struct passwd *pw = getpwuid (owner);

      owner_uid = g_strdup_printf ("%u", (guint) owner);
      owner_user = pw != NULL ? g_strdup (pw->pw_name) : g_strdup (owner_uid);
    }
  nns_auth_request_add (request, NNS_ACTION_HOST, what,
                        "namespace", "",
                        "link", link != NULL ? link : "",
                        "peer-namespace", peer_namespace != NULL ? peer_namespace : "",
                        "owner", owner_uid != NULL ? owner_uid : "",
                        "owner-user", owner_user != NULL ? owner_user : "",
                        NULL);
}

/* Adds the check for changing @target: host for the host namespace,
 * manage for the caller's own namespace, manage-any for anyone else's or
 * one another tool made. An existing @link must be there (NotFound before
 * polkit is asked anything). */
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
  NnsNamespace *ns;
  gboolean own;
  g_autofree char *owner = NULL;
  g_autofree char *owner_user = NULL;

  if (target->is_host)
    {
      uid_t link_owner = (uid_t) -1;

      if (target->name[0] == '\0' && role != NNS_LINK_NONE &&
          !host_link_owner (self, caller, link, role, &link_owner, error))
        return FALSE;
      add_host_check (request, what, link, peer_namespace, link_owner);
      return TRUE;
    }

  ns = nns_registry_lookup (self->registry, target->name);
  if (ns == NULL || nns_namespace_get_inode (ns) != target->inode)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "%s not found", target->description);
      return FALSE;
    }
  if (role == NNS_LINK_EXISTING)
    {
      NnsNetlink *netlink = nns_registry_get_netlink (self->registry, ns, error);

      if (netlink == NULL || nns_netlink_link_index (netlink, link, error) <= 0)
        return FALSE;
    }

  own = nns_namespace_is_recorded (ns) &&
        nns_namespace_get_owner (ns) == nns_caller_get_uid (caller);
  if (nns_namespace_is_recorded (ns))
    {
      struct passwd *pw = getpwuid (nns_namespace_get_owner (ns));

      owner = g_strdup_printf ("%u", (guint) nns_namespace_get_owner (ns));
      owner_user = pw != NULL ? g_strdup (pw->pw_name) : g_strdup (owner);
    }
  nns_auth_request_add (request, own ? NNS_ACTION_MANAGE : NNS_ACTION_MANAGE_ANY, what,
                        "namespace", target->name,
                        "owner", owner != NULL ? owner : "",
                        "owner-user", owner_user != NULL ? owner_user : "",
                        "link", link != NULL ? link : "",
                        "peer-namespace", peer_namespace != NULL ? peer_namespace : "",
                        NULL);
  return TRUE;
}

/* CreateNamespace */

static gboolean
plan_create_namespace (NnsCaller      *caller,
                       NnsAuthRequest *request,
                       gpointer        user_data,
                       GError        **error)
{
  NamespaceCall *call = user_data;
  uid_t uid = nns_caller_get_uid (caller);
  g_autofree char *what = NULL;

  if (nns_registry_lookup (call->manager->registry, call->name) != NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "namespace '%s' already exists", call->name);
      return FALSE;
    }
  if (uid != 0 && nns_registry_count_owned (call->manager->registry, uid) >=
      call->manager->max_namespaces_per_uid)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                   "uid %u already has %u namespaces, the most one user may have "
                   "(netnsd --max-namespaces-per-user)", (guint) uid,
                   call->manager->max_namespaces_per_uid);
      return FALSE;
    }
  what = g_strdup_printf ("create namespace '%s'", call->name);
  nns_auth_request_add (request, NNS_ACTION_MANAGE, what, "namespace", call->name, NULL);
  return TRUE;
}

static void
create_namespace_authorized (GDBusMethodInvocation *invocation,
                             NnsCaller             *caller,
                             gpointer               user_data)
{
  NamespaceCall *call = user_data;
  g_autoptr(GError) error = NULL;
  NnsNamespace *ns;

  ns = nns_registry_create (call->manager->registry, call->name,
                            nns_caller_get_uid (caller), call->loopback_up, &error);
  if (ns == NULL)
    {
      return_error (invocation, error);
      return;
    }
  g_message ("%s created namespace '%s'", nns_caller_describe (caller), call->name);
  nns_dbus_net_ns_complete_create_namespace (NNS_DBUS_NET_NS (call->manager), invocation,
                                             nns_namespace_get_object_path (ns));
}

static gboolean
handle_create_namespace (NnsDBusNetNs          *object,
                         GDBusMethodInvocation *invocation,
                         const char            *name,
                         GVariant              *options)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GError) error = NULL;
  gboolean loopback_up = TRUE;
  const NnsOptionSpec specs[] = {
    { "loopback-up", "b", &loopback_up, NULL },
  };
  NamespaceCall *call;

  if (!nns_namespace_name_validate (name, &error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), &error))
    return return_error (invocation, error);

  call = namespace_call_new (self, name);
  call->loopback_up = loopback_up;
  nns_authority_authorize (self->authority, invocation, plan_create_namespace,
                           create_namespace_authorized, call, namespace_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* DeleteNamespace */

static NnsNamespace *
lookup_namespace (NnsManager *self,
                  const char *name,
                  GError    **error)
{
  NnsNamespace *ns = nns_registry_lookup (self->registry, name);

  if (ns == NULL)
    {
      g_autofree char *quoted = nns_quote (name);

      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND,
                   "namespace %s not found", quoted);
    }
  return ns;
}

/* After an asynchronous authorization the name may hold another namespace
 * than the one the caller was authorized for: then nothing is done. */
static NnsNamespace *
lookup_authorized_namespace (NamespaceCall *call,
                             GError       **error)
{
  NnsNamespace *ns = lookup_namespace (call->manager, call->name, error);

  if (ns != NULL && nns_namespace_get_inode (ns) != call->inode)
    {
      g_autofree char *quoted = nns_quote (call->name);

      g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                   "namespace %s changed while the call was being authorized; try again",
                   quoted);
      return NULL;
    }
  return ns;
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

  if (!nns_target_init (&target, call->manager, call->name, error))
    return FALSE;
  call->inode = target.inode;
  what = g_strdup_printf ("delete %s", target.description);
  return nns_manager_plan_change (call->manager, request, caller, &target, what,
                                  NULL, NNS_LINK_NONE, NULL, error);
}

static void
delete_namespace_authorized (GDBusMethodInvocation *invocation,
                             NnsCaller             *caller,
                             gpointer               user_data)
{
  NamespaceCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = nns_quote (call->name);
  NnsNamespace *ns = lookup_authorized_namespace (call, &error);

  if (ns == NULL || !nns_registry_delete (call->manager->registry, ns, &error))
    {
      return_error (invocation, error);
      return;
    }
  nns_dns_forget (NNS_ETC_NETNS_DIR, call->name);
  g_message ("%s deleted namespace %s", nns_caller_describe (caller), quoted);
  nns_dbus_net_ns_complete_delete_namespace (NNS_DBUS_NET_NS (call->manager), invocation);
}

static gboolean
handle_delete_namespace (NnsDBusNetNs          *object,
                         GDBusMethodInvocation *invocation,
                         const char            *name,
                         GVariant              *options)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GError) error = NULL;

  if (!nns_namespace_entry_validate (name, &error) ||
      !nns_options_parse (options, NULL, 0, &error))
    return return_error (invocation, error);

  nns_authority_authorize (self->authority, invocation, plan_delete_namespace,
                           delete_namespace_authorized, namespace_call_new (self, name),
                           namespace_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* ListNamespaces */

static gboolean
handle_list_namespaces (NnsDBusNetNs          *object,
                        GDBusMethodInvocation *invocation)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GPtrArray) namespaces = nns_registry_list (self->registry);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(so)"));
  for (guint i = 0; i < namespaces->len; i++)
    {
      NnsNamespace *ns = namespaces->pdata[i];

      g_variant_builder_add (&builder, "(so)", nns_namespace_get_name (ns),
                             nns_namespace_get_object_path (ns));
    }
  nns_dbus_net_ns_complete_list_namespaces (object, invocation,
                                            g_variant_builder_end (&builder));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Signals for every change, whoever made it. */

static void
on_namespace_added (NnsRegistry  *registry,
                    NnsNamespace *ns,
                    gpointer      user_data)
{
  nns_dbus_net_ns_emit_namespace_added (NNS_DBUS_NET_NS (user_data),
                                        nns_namespace_get_name (ns),
                                        nns_namespace_get_object_path (ns));
}

static void
on_namespace_removed (NnsRegistry  *registry,
                      NnsNamespace *ns,
                      gpointer      user_data)
{
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
  g_signal_connect (registry, "namespace-added", G_CALLBACK (on_namespace_added), self);
  g_signal_connect (registry, "namespace-removed", G_CALLBACK (on_namespace_removed), self);
  return self;
}
