/* nns-manager-link-changes.c: DeleteLink and SetLink of
 * org.example.NetNs: a change to one existing link.
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

static gboolean
plan_link_change (NnsCaller       *caller,
                  NnsAuthRequest  *request,
                  gpointer         user_data,
                  GError         **error)
{
  NnsLinkCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  g_autofree char *what = g_strdup_printf ("%s link %s in %s", call->verb, quoted,
                                           call->target.description);

  if (!nns_target_plan_change (call->manager, request, caller, &call->target, what,
                               call->link, NNS_LINK_EXISTING, NULL, error))
    return FALSE;
  if (call->change.name != NULL)
    nns_target_note_link_moved (call->manager, caller, &call->target, call->link,
                                &call->target, call->change.name);
  return TRUE;
}

/* DeleteLink: not undoable (a veth pair's other end goes with it), so
 * part of Apply only in a topology's, for a link the topology made, where
 * netnsctl puts it last. */

static gpointer
parse_delete_link (NnsManager  *self,
                   GVariant    *parameters,
                   NnsBatch    *batch,
                   GError     **error)
{
  g_autoptr(NnsLinkCall) call = nns_link_call_new (self);
  const char *namespace_name, *name;

  g_variant_get (parameters, "(&s&s)", &namespace_name, &name);
  call->link = g_strdup (name);
  call->verb = "delete";
  if (!nns_link_name_check (name, error) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error))
    return NULL;
  return g_steal_pointer (&call);
}

static gboolean
perform_delete_link (gpointer    user_data,
                     NnsCaller  *caller,
                     GError    **error)
{
  NnsLinkCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  if (netlink == NULL ||
      !nns_target_verify_link (&call->target, netlink, call->link, error) ||
      !nns_netlink_delete_link (netlink, call->link, error))
    return FALSE;
  g_message ("%s deleted link %s in %s", nns_caller_describe (caller), quoted,
             call->target.description);
  return TRUE;
}

const NnsOperation nns_delete_link_operation = {
  .method = "DeleteLink",
  .parse = parse_delete_link,
  .plan = plan_link_change,
  .perform = perform_delete_link,
  .free = nns_link_call_free,
};

static gboolean
handle_delete_link (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name,
                    const char            *name)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_delete_link_operation);
}

/* SetLink */

/* The kernel drops a link's routes when it goes down, and its IPv6
 * addresses below an MTU of 1280: setting the old values back would not
 * bring them back, so such changes are not part of Apply. */
static gboolean
change_is_undoable (const NnsLinkChange  *change,
                    GError              **error)
{
  if (change->set_up && !change->up)
    g_set_error_literal (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                         "taking a link down cannot be part of Apply: the kernel drops "
                         "the routes through it, which an undo could not put back; "
                         "call SetLink on its own");
  else if (change->mtu != 0 && change->mtu < NNS_IPV6_MIN_MTU)
    g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                 "an MTU below %u cannot be part of Apply: the kernel drops the "
                 "link's IPv6 addresses, which an undo could not put back; call "
                 "SetLink on its own", NNS_IPV6_MIN_MTU);
  else
    return TRUE;
  return FALSE;
}

static gpointer
parse_set_link (NnsManager  *self,
                GVariant    *parameters,
                NnsBatch    *batch,
                GError     **error)
{
  g_autoptr(NnsLinkCall) call = nns_link_call_new (self);
  g_autoptr(GVariant) changes = NULL;
  g_autofree char *address = NULL;
  const char *namespace_name, *name;
  gboolean mtu_given = FALSE;
  const NnsOptionSpec specs[] = {
    { "up", "b", &call->change.up, &call->change.set_up },
    { "mtu", "u", &call->change.mtu, &mtu_given },
    { "address", "s", &address, NULL },
    { "name", "s", &call->new_name, NULL },
    { "master", "s", &call->master, &call->change.set_master },
  };

  g_variant_get (parameters, "(&s&s@a{sv})", &namespace_name, &name, &changes);
  call->link = g_strdup (name);
  call->verb = "change";
  if (!nns_link_name_check (name, error) ||
      !nns_options_parse (changes, specs, G_N_ELEMENTS (specs), error) ||
      (mtu_given && !nns_mtu_validate (call->change.mtu, error)) ||
      !nns_link_parse_mac_option (address, "address", call->address, &call->change.address, error) ||
      (call->new_name != NULL && !nns_link_name_validate (call->new_name, error)) ||
      (call->master != NULL && call->master[0] != '\0' &&
       !nns_link_name_check (call->master, error)) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error))
    return NULL;
  if (g_strcmp0 (call->master, name) == 0)
    {
      g_autofree char *quoted = nns_quote (name);

      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link %s cannot be a port of itself", quoted);
      return NULL;
    }
  /* Renaming a link to its own name changes nothing. */
  if (g_strcmp0 (call->new_name, name) != 0)
    call->change.name = call->new_name;
  if (batch != NULL && !change_is_undoable (&call->change, error))
    return NULL;
  return g_steal_pointer (&call);
}

/* Joining a bridge changes the bridge too: a port of someone else's
 * bridge reaches everything on it. */
static gboolean
plan_set_link (NnsCaller       *caller,
               NnsAuthRequest  *request,
               gpointer         user_data,
               GError         **error)
{
  NnsLinkCall *call = user_data;
  g_autofree char *quoted = NULL;
  g_autofree char *bridge = NULL;
  g_autofree char *what = NULL;

  if (call->master == NULL || call->master[0] == '\0')
    return plan_link_change (caller, request, call, error);
  quoted = nns_quote (call->link);
  bridge = nns_quote (call->master);
  what = g_strdup_printf ("add link %s to bridge %s in %s", quoted, bridge,
                          call->target.description);
  return nns_target_plan_change (call->manager, request, caller, &call->target, what,
                                 call->master, NNS_LINK_EXISTING, NULL, error) &&
         plan_link_change (caller, request, call, error);
}

/* The bridge's index, or 0 for none. */
static gboolean
resolve_master (NnsLinkCall  *call,
                NnsNetlink   *netlink,
                GError      **error)
{
  if (!call->change.set_master || call->master[0] == '\0')
    return TRUE;
  call->change.master = nns_netlink_bridge_index (netlink, call->master, error);
  return call->change.master > 0;
}

static gboolean
perform_set_link (gpointer    user_data,
                  NnsCaller  *caller,
                  GError    **error)
{
  NnsLinkCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  if (netlink == NULL ||
      !nns_target_verify_link (&call->target, netlink, call->link, error) ||
      (call->change.name != NULL && !nns_link_ensure_free (netlink, call->change.name, error)) ||
      !resolve_master (call, netlink, error) ||
      !nns_netlink_change_link (netlink, call->link, &call->change, &call->before, error))
    return FALSE;
  g_message ("%s changed link %s in %s", nns_caller_describe (caller), quoted,
             call->target.description);
  return TRUE;
}

/* Puts back what the change touched, as the link was before it. */
static gboolean
undo_set_link (gpointer   user_data,
               GError   **error)
{
  NnsLinkCall *call = user_data;
  const NnsLinkChange *done = &call->change;
  NnsLinkChange restore = {
    .set_up = done->set_up,
    .up = call->before.up,
    .mtu = done->mtu != 0 ? call->before.mtu : 0,
    .address = done->address != NULL && call->before.has_address ? call->before.address : NULL,
    .name = done->name != NULL ? call->before.name : NULL,
    .ns_fd = -1,
    .set_master = done->set_master,
    .master = call->before.master,
  };
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  return netlink != NULL &&
         nns_netlink_change_link (netlink, done->name != NULL ? done->name : call->link,
                                  &restore, NULL, error);
}

const NnsOperation nns_set_link_operation = {
  .method = "SetLink",
  .parse = parse_set_link,
  .plan = plan_set_link,
  .perform = perform_set_link,
  .undo = undo_set_link,
  .free = nns_link_call_free,
};

static gboolean
handle_set_link (NnsDBusNetNs          *object,
                 GDBusMethodInvocation *invocation,
                 const char            *namespace_name,
                 const char            *name,
                 GVariant              *changes)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_set_link_operation);
}

void
nns_manager_init_link_change_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_delete_link = handle_delete_link;
  iface->handle_set_link = handle_set_link;
}
