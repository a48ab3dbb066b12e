/* nns-manager-links.c: CreateVeth, MoveLink, DeleteLink, SetLink and
 * ListLinks of org.example.NetNs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-debug.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

/* What a link method call carries from its handler to its continuation. */
typedef struct {
  NnsManager *manager;
  NnsTarget   target;          /* where the link is (or its first end goes) */
  NnsTarget   peer;            /* CreateVeth: the peer's; MoveLink: the destination */
  char       *link;
  char       *peer_link;       /* CreateVeth: the peer's name; MoveLink: the name there */
  const char *verb;            /* DeleteLink, SetLink: what the call does, for messages */
  NnsVethSpec veth;
  NnsLinkChange change;
  guint8      address[NNS_MAC_LEN];
  guint8      peer_address[NNS_MAC_LEN];
  char       *new_name;
} LinkCall;

static LinkCall *
link_call_new (NnsManager *manager,
               const char *link)
{
  LinkCall *call = g_new0 (LinkCall, 1);

  call->manager = g_object_ref (manager);
  call->link = g_strdup (link);
  call->change.ns_fd = -1;
  call->veth.peer_ns_fd = -1;
  return call;
}

static void
link_call_free (gpointer data)
{
  LinkCall *call = data;

  nns_target_clear (&call->target);
  nns_target_clear (&call->peer);
  g_free (call->link);
  g_free (call->peer_link);
  g_free (call->new_name);
  g_object_unref (call->manager);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinkCall, link_call_free)

/* Two names for one namespace ("" and a name bound to the host's) are
 * the same place. */
static gboolean
same_namespace (const NnsTarget *a,
                const NnsTarget *b)
{
  return a->inode == b->inode && a->inode != 0;
}

/* Records the caller as the owner of a link that now sits in the host. */
static void
record_host_link (NnsManager      *self,
                  const NnsTarget *target,
                  const char      *link,
                  NnsCaller       *caller)
{
  NnsNetlink *host = nns_registry_get_host_netlink (self->registry);
  int ifindex;

  if (!target->is_host)
    return;
  ifindex = nns_netlink_link_index (host, link, NULL);
  if (ifindex > 0)
    nns_link_owners_set (nns_registry_get_link_owners (self->registry), ifindex,
                         nns_caller_get_uid (caller));
}

/* Fails with Exists when @link is already in @netlink's namespace. */
static gboolean
ensure_link_free (NnsNetlink *netlink,
                  const char *link,
                  GError    **error)
{
  g_autoptr(GError) lookup_error = NULL;

  if (nns_netlink_link_index (netlink, link, &lookup_error) > 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS, "link '%s' already exists in %s",
                   link, nns_netlink_get_description (netlink));
      return FALSE;
    }
  if (!g_error_matches (lookup_error, NNS_ERROR, NNS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }
  return TRUE;
}

/* CreateVeth */

static gboolean
plan_create_veth (NnsCaller      *caller,
                  NnsAuthRequest *request,
                  gpointer        user_data,
                  GError        **error)
{
  LinkCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("create veth pair %s (%s) / %s (%s)",
                                           call->link, call->target.description,
                                           call->peer_link, call->peer.description);

  if (!nns_manager_plan_change (call->manager, request, caller, &call->target, what,
                                call->link, NNS_LINK_NEW, call->peer.name, error))
    return FALSE;
  if (same_namespace (&call->target, &call->peer))
    return TRUE;
  return nns_manager_plan_change (call->manager, request, caller, &call->peer, what,
                                  call->peer_link, NNS_LINK_NEW, call->target.name, error);
}

/* Notes the pair about to be made, so that a restart after a crash
 * removes it: the caller would never have heard it was made. */
static char *
journal_veth (NnsManager *self,
              LinkCall   *call,
              GError    **error)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();

  g_key_file_set_string (entry, "Veth", "Namespace", call->target.name);
  g_key_file_set_uint64 (entry, "Veth", "NamespaceInode", call->target.inode);
  g_key_file_set_string (entry, "Veth", "Name", call->link);
  g_key_file_set_string (entry, "Veth", "PeerNamespace", call->peer.name);
  g_key_file_set_string (entry, "Veth", "PeerName", call->peer_link);
  return nns_journal_begin (nns_registry_get_journal (self->registry), entry, error);
}

/* The second half of "up": the peer can only be opened once the pair
 * exists. If it cannot, the pair goes, so that the call changes nothing. */
static gboolean
bring_peer_up (LinkCall   *call,
               NnsNetlink *netlink,
               NnsNetlink *peer_netlink,
               GError    **error)
{
  NnsLinkChange up = { .set_up = TRUE, .up = TRUE, .ns_fd = -1 };
  g_autoptr(GError) cleanup_error = NULL;

  nns_debug_crash_point ("veth-created");
  if (!call->veth.up || nns_netlink_change_link (peer_netlink, call->peer_link, &up, error))
    return TRUE;
  if (!nns_netlink_delete_link (netlink, call->link, &cleanup_error))
    g_warning ("cannot remove veth %s after a failed creation: %s", call->link,
               cleanup_error->message);
  return FALSE;
}

static void
create_veth_authorized (GDBusMethodInvocation *invocation,
                        NnsCaller             *caller,
                        gpointer               user_data)
{
  LinkCall *call = user_data;
  NnsManager *self = call->manager;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_id = NULL;
  nns_autofd int peer_fd = -1;
  NnsNetlink *netlink, *peer_netlink;

  netlink = nns_manager_target_netlink (self, &call->target, &error);
  peer_netlink = netlink != NULL ? nns_manager_target_netlink (self, &call->peer, &error) : NULL;
  if (peer_netlink == NULL ||
      !ensure_link_free (netlink, call->link, &error) ||
      !ensure_link_free (peer_netlink, call->peer_link, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }

  if (!same_namespace (&call->target, &call->peer))
    {
      peer_fd = nns_registry_open_namespace (self->registry, call->peer.name, &error);
      if (peer_fd < 0)
        {
          nns_manager_return_error (invocation, error);
          return;
        }
    }
  call->veth.name = call->link;
  call->veth.peer_name = call->peer_link;
  call->veth.peer_ns_fd = peer_fd;
  journal_id = journal_veth (self, call, &error);
  if (journal_id == NULL)
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  nns_debug_crash_point ("veth-intent-recorded");
  if (!nns_netlink_create_veth (netlink, &call->veth, &error) ||
      !bring_peer_up (call, netlink, peer_netlink, &error))
    {
      nns_journal_end (nns_registry_get_journal (self->registry), journal_id);
      nns_manager_return_error (invocation, error);
      return;
    }
  nns_netlink_process_events (peer_netlink);
  record_host_link (self, &call->target, call->link, caller);
  record_host_link (self, &call->peer, call->peer_link, caller);
  nns_debug_crash_point ("veth-complete");
  nns_journal_end (nns_registry_get_journal (self->registry), journal_id);

  g_message ("%s created veth pair %s (%s) / %s (%s)", nns_caller_describe (caller),
             call->link, call->target.description, call->peer_link, call->peer.description);
  nns_dbus_net_ns_complete_create_veth (NNS_DBUS_NET_NS (self), invocation);
}

static gboolean
parse_mac_option (const char *text,
                  const char *what,
                  guint8     *mac,
                  const guint8 **result,
                  GError    **error)
{
  if (text == NULL)
    return TRUE;
  if (!nns_mac_parse (text, what, mac, error))
    return FALSE;
  *result = mac;
  return TRUE;
}

static gboolean
handle_create_veth (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name,
                    const char            *name,
                    const char            *peer_namespace,
                    const char            *peer_name,
                    GVariant              *options)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(LinkCall) call = link_call_new (self, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *peer_address = NULL;
  gboolean mtu_given = FALSE;
  const NnsOptionSpec specs[] = {
    { "mtu", "u", &call->veth.mtu, &mtu_given },
    { "up", "b", &call->veth.up, NULL },
    { "address", "s", &address, NULL },
    { "peer-address", "s", &peer_address, NULL },
  };

  call->peer_link = g_strdup (peer_name);
  if (!nns_link_name_validate (name, &error) ||
      !nns_link_name_validate (peer_name, &error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), &error) ||
      (mtu_given && !nns_mtu_validate (call->veth.mtu, &error)) ||
      !parse_mac_option (address, "address", call->address, &call->veth.address, &error) ||
      !parse_mac_option (peer_address, "peer-address", call->peer_address,
                         &call->veth.peer_address, &error) ||
      !nns_target_init (&call->target, self, namespace_name, &error) ||
      !nns_target_init (&call->peer, self, peer_namespace, &error))
    return nns_manager_return_error (invocation, error);

  if (same_namespace (&call->target, &call->peer) && g_str_equal (name, peer_name))
    {
      g_set_error (&error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "both ends of the veth pair are named '%s' in %s",
                   name, call->target.description);
      return nns_manager_return_error (invocation, error);
    }

  nns_authority_authorize (self->authority, invocation, plan_create_veth,
                           create_veth_authorized, g_steal_pointer (&call), link_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* MoveLink */

static gboolean
plan_move_link (NnsCaller      *caller,
                NnsAuthRequest *request,
                gpointer        user_data,
                GError        **error)
{
  LinkCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  g_autofree char *what = g_strdup_printf ("move link %s from %s to %s", quoted,
                                           call->target.description, call->peer.description);

  return nns_manager_plan_change (call->manager, request, caller, &call->target, what,
                                  call->link, NNS_LINK_EXISTING, call->peer.name, error) &&
         nns_manager_plan_change (call->manager, request, caller, &call->peer, what,
                                  call->peer_link, NNS_LINK_NEW, call->target.name, error);
}

static void
move_link_authorized (GDBusMethodInvocation *invocation,
                      NnsCaller             *caller,
                      gpointer               user_data)
{
  LinkCall *call = user_data;
  NnsManager *self = call->manager;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = nns_quote (call->link);
  nns_autofd int fd = -1;
  NnsNetlink *netlink, *destination;

  netlink = nns_manager_target_netlink (self, &call->target, &error);
  destination = netlink != NULL ? nns_manager_target_netlink (self, &call->peer, &error) : NULL;
  if (destination == NULL || !ensure_link_free (destination, call->peer_link, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  fd = nns_registry_open_namespace (self->registry, call->peer.name, &error);
  if (fd < 0)
    {
      nns_manager_return_error (invocation, error);
      return;
    }

  call->change.ns_fd = fd;
  call->change.name = g_strcmp0 (call->peer_link, call->link) != 0 ? call->peer_link : NULL;
  if (!nns_netlink_change_link (netlink, call->link, &call->change, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  nns_netlink_process_events (destination);
  record_host_link (self, &call->peer, call->peer_link, caller);

  g_message ("%s moved link %s from %s to %s as '%s'", nns_caller_describe (caller), quoted,
             call->target.description, call->peer.description, call->peer_link);
  nns_dbus_net_ns_complete_move_link (NNS_DBUS_NET_NS (self), invocation);
}

static gboolean
handle_move_link (NnsDBusNetNs          *object,
                  GDBusMethodInvocation *invocation,
                  const char            *namespace_name,
                  const char            *name,
                  const char            *target_namespace,
                  GVariant              *options)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(LinkCall) call = link_call_new (self, name);
  g_autoptr(GError) error = NULL;
  const NnsOptionSpec specs[] = {
    { "new-name", "s", &call->new_name, NULL },
  };

  if (!nns_link_name_check (name, &error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), &error) ||
      (call->new_name != NULL && !nns_link_name_validate (call->new_name, &error)) ||
      !nns_target_init (&call->target, self, namespace_name, &error) ||
      !nns_target_init (&call->peer, self, target_namespace, &error))
    return nns_manager_return_error (invocation, error);

  if (same_namespace (&call->target, &call->peer))
    {
      g_autofree char *quoted = nns_quote (name);

      g_set_error (&error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link %s is in %s already", quoted, call->peer.description);
      return nns_manager_return_error (invocation, error);
    }
  call->peer_link = g_strdup (call->new_name != NULL ? call->new_name : name);

  nns_authority_authorize (self->authority, invocation, plan_move_link,
                           move_link_authorized, g_steal_pointer (&call), link_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* DeleteLink and SetLink: a change to one existing link */

static gboolean
plan_link_change (NnsCaller      *caller,
                  NnsAuthRequest *request,
                  gpointer        user_data,
                  GError        **error)
{
  LinkCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  g_autofree char *what = g_strdup_printf ("%s link %s in %s", call->verb, quoted,
                                           call->target.description);

  return nns_manager_plan_change (call->manager, request, caller, &call->target, what,
                                  call->link, NNS_LINK_EXISTING, NULL, error);
}

static void
delete_link_authorized (GDBusMethodInvocation *invocation,
                        NnsCaller             *caller,
                        gpointer               user_data)
{
  LinkCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = nns_quote (call->link);
  NnsNetlink *netlink = nns_manager_target_netlink (call->manager, &call->target, &error);

  if (netlink == NULL || !nns_netlink_delete_link (netlink, call->link, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  g_message ("%s deleted link %s in %s", nns_caller_describe (caller), quoted,
             call->target.description);
  nns_dbus_net_ns_complete_delete_link (NNS_DBUS_NET_NS (call->manager), invocation);
}

static gboolean
handle_delete_link (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name,
                    const char            *name)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(LinkCall) call = link_call_new (self, name);
  g_autoptr(GError) error = NULL;

  call->verb = "delete";
  if (!nns_link_name_check (name, &error) ||
      !nns_target_init (&call->target, self, namespace_name, &error))
    return nns_manager_return_error (invocation, error);

  nns_authority_authorize (self->authority, invocation, plan_link_change,
                           delete_link_authorized, g_steal_pointer (&call), link_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
set_link_authorized (GDBusMethodInvocation *invocation,
                     NnsCaller             *caller,
                     gpointer               user_data)
{
  LinkCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = nns_quote (call->link);
  NnsNetlink *netlink = nns_manager_target_netlink (call->manager, &call->target, &error);

  if (netlink == NULL ||
      (call->change.name != NULL && !g_str_equal (call->change.name, call->link) &&
       !ensure_link_free (netlink, call->change.name, &error)) ||
      !nns_netlink_change_link (netlink, call->link, &call->change, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  g_message ("%s changed link %s in %s", nns_caller_describe (caller), quoted,
             call->target.description);
  nns_dbus_net_ns_complete_set_link (NNS_DBUS_NET_NS (call->manager), invocation);
}

static gboolean
handle_set_link (NnsDBusNetNs          *object,
                 GDBusMethodInvocation *invocation,
                 const char            *namespace_name,
                 const char            *name,
                 GVariant              *changes)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(LinkCall) call = link_call_new (self, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  gboolean mtu_given = FALSE;
  const NnsOptionSpec specs[] = {
    { "up", "b", &call->change.up, &call->change.set_up },
    { "mtu", "u", &call->change.mtu, &mtu_given },
    { "address", "s", &address, NULL },
    { "name", "s", &call->new_name, NULL },
  };

  if (!nns_link_name_check (name, &error) ||
      !nns_options_parse (changes, specs, G_N_ELEMENTS (specs), &error) ||
      (mtu_given && !nns_mtu_validate (call->change.mtu, &error)) ||
      !parse_mac_option (address, "address", call->address, &call->change.address, &error) ||
      (call->new_name != NULL && !nns_link_name_validate (call->new_name, &error)) ||
      !nns_target_init (&call->target, self, namespace_name, &error))
    return nns_manager_return_error (invocation, error);
  call->change.name = call->new_name;
  call->verb = "change";

  nns_authority_authorize (self->authority, invocation, plan_link_change,
                           set_link_authorized, g_steal_pointer (&call), link_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* ListLinks */

static gboolean
handle_list_links (NnsDBusNetNs          *object,
                   GDBusMethodInvocation *invocation,
                   const char            *namespace_name)
{
  g_autoptr(GError) error = NULL;
  NnsNetlink *netlink = nns_manager_lookup_netlink (NNS_MANAGER (object), namespace_name, &error);
  GVariant *links = netlink != NULL ? nns_netlink_list_links (netlink, &error) : NULL;

  if (links == NULL)
    return nns_manager_return_error (invocation, error);

  nns_dbus_net_ns_complete_list_links (object, invocation, links);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_link_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_create_veth = handle_create_veth;
  iface->handle_move_link = handle_move_link;
  iface->handle_delete_link = handle_delete_link;
  iface->handle_set_link = handle_set_link;
  iface->handle_list_links = handle_list_links;
}
