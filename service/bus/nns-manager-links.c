/* nns-manager-links.c: CreateVeth, MoveLink and ListLinks of
 * org.example.NetNs; DeleteLink and SetLink are in
 * nns-manager-link-changes.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-debug.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-link-call.h"
#include "nns-names.h"
#include "nns-options.h"

/* CreateVeth */

static gpointer
parse_create_veth (NnsManager  *self,
                   GVariant    *parameters,
                   NnsBatch    *batch,
                   GError     **error)
{
  g_autoptr(NnsLinkCall) call = nns_link_call_new (self);
  g_autoptr(GVariant) options = NULL;
  g_autofree char *address = NULL;
  g_autofree char *peer_address = NULL;
  const char *namespace_name, *name, *peer_namespace, *peer_name;
  gboolean mtu_given = FALSE;
  const NnsOptionSpec specs[] = {
    { "mtu", "u", &call->veth.mtu, &mtu_given },
    { "up", "b", &call->veth.up, NULL },
    { "address", "s", &address, NULL },
    { "peer-address", "s", &peer_address, NULL },
  };

  g_variant_get (parameters, "(&s&s&s&s@a{sv})", &namespace_name, &name, &peer_namespace,
                 &peer_name, &options);
  call->link = g_strdup (name);
  call->peer_link = g_strdup (peer_name);
  if (!nns_link_name_validate (name, error) ||
      !nns_link_name_validate (peer_name, error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error) ||
      (mtu_given && !nns_mtu_validate (call->veth.mtu, error)) ||
      !nns_link_parse_mac_option (address, "address", call->address, &call->veth.address, error) ||
      !nns_link_parse_mac_option (peer_address, "peer-address", call->peer_address,
                                  &call->veth.peer_address, error) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error) ||
      !nns_target_init (&call->peer, self, batch, peer_namespace, error))
    return NULL;

  if (nns_target_same (&call->target, &call->peer) && g_str_equal (name, peer_name))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "both ends of the veth pair are named '%s' in %s",
                   name, call->target.description);
      return NULL;
    }
  return g_steal_pointer (&call);
}

/* A pair adds a link to each end's namespace, and two to its caller's. */
static gboolean
check_veth_limits (NnsLinkCall *call,
                   NnsCaller   *caller,
                   GError     **error)
{
  uid_t uid = nns_caller_get_uid (caller);

  if (nns_target_same (&call->target, &call->peer))
    return nns_limits_check_links (call->manager, uid, &call->target, 2, 2, error);
  return nns_limits_check_links (call->manager, uid, &call->target, 1, 2, error) &&
         nns_limits_check_links (call->manager, uid, &call->peer, 1, 0, error);
}

static gboolean
plan_create_veth (NnsCaller       *caller,
                  NnsAuthRequest  *request,
                  gpointer         user_data,
                  GError         **error)
{
  NnsLinkCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("create veth pair %s (%s) / %s (%s)",
                                           call->link, call->target.description,
                                           call->peer_link, call->peer.description);

  if (!nns_target_plan_change (call->manager, request, caller, &call->target, what,
                               call->link, NNS_LINK_NEW, call->peer.name, error))
    return FALSE;
  if (!nns_target_same (&call->target, &call->peer) &&
      !nns_target_plan_change (call->manager, request, caller, &call->peer, what,
                               call->peer_link, NNS_LINK_NEW, call->target.name, error))
    return FALSE;
  if (!check_veth_limits (call, caller, error))
    return FALSE;
  nns_batch_add_link (call->target.batch, call->target.name, call->link,
                      nns_caller_get_uid (caller));
  nns_batch_add_link (call->peer.batch, call->peer.name, call->peer_link,
                      nns_caller_get_uid (caller));
  return TRUE;
}

/* Notes the pair about to be made, so that a restart after a crash
 * removes it: the caller would never have heard it was made. */
static char *
journal_veth (NnsManager   *self,
              NnsLinkCall  *call,
              GError      **error)
{
  NnsVethIntent intent = {
    .namespace = call->target.name,
    .namespace_inode = call->target.inode,
    .name = call->link,
    .peer_namespace = call->peer.name,
    .peer_name = call->peer_link,
  };

  return nns_journal_begin_veth (self->journal, &intent, error);
}

/* The second half of "up": the peer can only be opened once the pair
 * exists. If it cannot, the pair goes, so that the call changes nothing. */
static gboolean
bring_peer_up (NnsLinkCall  *call,
               NnsNetlink   *netlink,
               NnsNetlink   *peer_netlink,
               GError      **error)
{
  NnsLinkChange up = { .set_up = TRUE, .up = TRUE, .ns_fd = -1 };
  g_autoptr(GError) cleanup_error = NULL;

  nns_debug_crash_point ("veth-created");
  if (!call->veth.up ||
      nns_netlink_change_link (peer_netlink, call->peer_link, &up, NULL, error))
    return TRUE;
  if (!nns_netlink_delete_link (netlink, call->link, &cleanup_error))
    g_warning ("cannot remove veth %s after a failed creation: %s", call->link,
               cleanup_error->message);
  return FALSE;
}

/* Makes the pair, each end directly in its namespace, and records the
 * caller as the owner of a host end. */
static gboolean
make_veth (NnsLinkCall  *call,
           NnsNetlink   *netlink,
           NnsNetlink   *peer_netlink,
           NnsCaller    *caller,
           GError      **error)
{
  NnsManager *self = call->manager;
  nns_autofd int peer_fd = -1;
  gboolean made;

  if (!nns_target_same (&call->target, &call->peer))
    {
      peer_fd = nns_registry_open_namespace (self->registry, call->peer.name, error);
      if (peer_fd < 0)
        return FALSE;
    }
  call->veth.name = call->link;
  call->veth.peer_name = call->peer_link;
  call->veth.peer_ns_fd = peer_fd;
  made = nns_netlink_create_veth (netlink, &call->veth, error) &&
         bring_peer_up (call, netlink, peer_netlink, error);
  call->veth.peer_ns_fd = -1;
  if (!made)
    return FALSE;

  nns_netlink_process_events (peer_netlink);
  nns_link_call_record_host_link (self, &call->target, call->link, caller);
  nns_link_call_record_host_link (self, &call->peer, call->peer_link, caller);
  nns_debug_crash_point ("veth-complete");
  return TRUE;
}

/* The journal entry lasts until the owners are recorded, so that a crash
 * in between leaves no pair that nobody knows of. */
static gboolean
perform_create_veth (gpointer    user_data,
                     NnsCaller  *caller,
                     GError    **error)
{
  NnsLinkCall *call = user_data;
  NnsManager *self = call->manager;
  g_autofree char *journal_id = NULL;
  NnsNetlink *netlink, *peer_netlink;
  gboolean made;

  netlink = nns_target_netlink (self, &call->target, error);
  peer_netlink = netlink != NULL ? nns_target_netlink (self, &call->peer, error) : NULL;
  if (peer_netlink == NULL ||
      !check_veth_limits (call, caller, error) ||
      !nns_link_ensure_free (netlink, call->link, error) ||
      !nns_link_ensure_free (peer_netlink, call->peer_link, error))
    return FALSE;

  journal_id = journal_veth (self, call, error);
  if (journal_id == NULL)
    return FALSE;
  nns_debug_crash_point ("veth-intent-recorded");
  made = make_veth (call, netlink, peer_netlink, caller, error);
  nns_journal_end (self->journal, journal_id);
  if (!made)
    return FALSE;

  g_message ("%s created veth pair %s (%s) / %s (%s)", nns_caller_describe (caller),
             call->link, call->target.description, call->peer_link, call->peer.description);
  return TRUE;
}

/* Deleting one end takes the other with it. */
static gboolean
undo_create_veth (gpointer   user_data,
                  GError   **error)
{
  NnsLinkCall *call = user_data;
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  return netlink != NULL && nns_netlink_delete_link (netlink, call->link, error);
}

const NnsOperation nns_create_veth_operation = {
  .method = "CreateVeth",
  .parse = parse_create_veth,
  .plan = plan_create_veth,
  .perform = perform_create_veth,
  .undo = undo_create_veth,
  .free = nns_link_call_free,
};

static gboolean
handle_create_veth (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name,
                    const char            *name,
                    const char            *peer_namespace,
                    const char            *peer_name,
                    GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_create_veth_operation);
}

/* MoveLink */

static gpointer
parse_move_link (NnsManager  *self,
                 GVariant    *parameters,
                 NnsBatch    *batch,
                 GError     **error)
{
  g_autoptr(NnsLinkCall) call = nns_link_call_new (self);
  g_autoptr(GVariant) options = NULL;
  const char *namespace_name, *name, *target_namespace;
  const NnsOptionSpec specs[] = {
    { "new-name", "s", &call->new_name, NULL },
  };

  g_variant_get (parameters, "(&s&s&s@a{sv})", &namespace_name, &name, &target_namespace,
                 &options);
  call->link = g_strdup (name);
  if (!nns_link_name_check (name, error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error) ||
      (call->new_name != NULL && !nns_link_name_validate (call->new_name, error)) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error) ||
      !nns_target_init (&call->peer, self, batch, target_namespace, error))
    return NULL;

  if (nns_target_same (&call->target, &call->peer))
    {
      g_autofree char *quoted = nns_quote (name);

      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link %s is in %s already", quoted, call->peer.description);
      return NULL;
    }
  call->peer_link = g_strdup (call->new_name != NULL ? call->new_name : name);
  return g_steal_pointer (&call);
}

static gboolean
plan_move_link (NnsCaller       *caller,
                NnsAuthRequest  *request,
                gpointer         user_data,
                GError         **error)
{
  NnsLinkCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  g_autofree char *what = g_strdup_printf ("move link %s from %s to %s", quoted,
                                           call->target.description, call->peer.description);

  /* A move drops the link's addresses and routes, which moving it back
   * would not restore: in an Apply, only a link the Apply made moves. */
  if (call->target.batch != NULL &&
      !nns_batch_lookup_link (call->target.batch, call->target.name, call->link, NULL))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                   "only a link that an earlier operation creates can be moved in an "
                   "Apply: moving %s drops its addresses and routes, which an undo "
                   "could not put back; call MoveLink on its own", quoted);
      return FALSE;
    }
  if (!nns_target_plan_change (call->manager, request, caller, &call->target, what,
                               call->link, NNS_LINK_EXISTING, call->peer.name, error) ||
      !nns_target_plan_change (call->manager, request, caller, &call->peer, what,
                               call->peer_link, NNS_LINK_NEW, call->target.name, error) ||
      (!nns_target_same (&call->target, &call->peer) &&
       !nns_limits_check_links (call->manager, nns_caller_get_uid (caller), &call->peer,
                                1, 0, error)))
    return FALSE;
  nns_target_note_link_moved (call->manager, caller, &call->target, call->link,
                              &call->peer, call->peer_link);
  return TRUE;
}

/* Moves the link @name of @from to @to, as @new_name. */
static gboolean
move_link (NnsManager  *self,
           NnsTarget   *from,
           const char  *name,
           NnsTarget   *to,
           const char  *new_name,
           GError     **error)
{
  NnsLinkChange change = { .ns_fd = -1 };
  nns_autofd int fd = -1;
  NnsNetlink *netlink, *destination;

  netlink = nns_target_netlink (self, from, error);
  destination = netlink != NULL ? nns_target_netlink (self, to, error) : NULL;
  if (destination == NULL ||
      !nns_target_verify_link (from, netlink, name, error) ||
      !nns_link_ensure_free (destination, new_name, error))
    return FALSE;
  fd = nns_registry_open_namespace (self->registry, to->name, error);
  if (fd < 0)
    return FALSE;

  change.ns_fd = fd;
  change.name = g_strcmp0 (new_name, name) != 0 ? new_name : NULL;
  if (!nns_netlink_change_link (netlink, name, &change, NULL, error))
    return FALSE;
  nns_netlink_process_events (destination);
  return TRUE;
}

static gboolean
perform_move_link (gpointer    user_data,
                   NnsCaller  *caller,
                   GError    **error)
{
  NnsLinkCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);

  if ((!nns_target_same (&call->target, &call->peer) &&
       !nns_limits_check_links (call->manager, nns_caller_get_uid (caller), &call->peer,
                                1, 0, error)) ||
      !move_link (call->manager, &call->target, call->link, &call->peer, call->peer_link,
                  error))
    return FALSE;
  nns_link_call_record_host_link (call->manager, &call->peer, call->peer_link, caller);

  g_message ("%s moved link %s from %s to %s as '%s'", nns_caller_describe (caller), quoted,
             call->target.description, call->peer.description, call->peer_link);
  return TRUE;
}

static gboolean
undo_move_link (gpointer   user_data,
                GError   **error)
{
  NnsLinkCall *call = user_data;

  return move_link (call->manager, &call->peer, call->peer_link, &call->target, call->link,
                    error);
}

const NnsOperation nns_move_link_operation = {
  .method = "MoveLink",
  .parse = parse_move_link,
  .plan = plan_move_link,
  .perform = perform_move_link,
  .undo = undo_move_link,
  .free = nns_link_call_free,
};

static gboolean
handle_move_link (NnsDBusNetNs          *object,
                  GDBusMethodInvocation *invocation,
                  const char            *namespace_name,
                  const char            *name,
                  const char            *target_namespace,
                  GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_move_link_operation);
}

/* ListLinks */

static gboolean
handle_list_links (NnsDBusNetNs          *object,
                   GDBusMethodInvocation *invocation,
                   const char            *namespace_name)
{
  g_autoptr(GError) error = NULL;
  NnsNetlink *netlink = nns_target_lookup_netlink (NNS_MANAGER (object), namespace_name, &error);
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
  nns_manager_init_link_change_methods (iface);
  nns_manager_init_link_create_method (iface);
  iface->handle_list_links = handle_list_links;
}
