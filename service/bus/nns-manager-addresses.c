/* nns-manager-addresses.c: AddAddress, RemoveAddress and ListAddresses of
 * org.example.NetNs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <sys/socket.h>

#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

/* What an address method call carries from its handler to its
 * continuation. */
typedef struct {
  NnsManager *manager;
  NnsTarget   target;
  char       *link;
  NnsCidr     address;
  char       *address_text;
  NnsCidr     peer;
  gboolean    has_peer;
  NnsCidr     broadcast;
  gboolean    has_broadcast;
} AddressCall;

static AddressCall *
address_call_new (NnsManager *manager)
{
  AddressCall *call = g_new0 (AddressCall, 1);

  call->manager = g_object_ref (manager);
  return call;
}

static void
address_call_free (gpointer data)
{
  AddressCall *call = data;

  nns_target_clear (&call->target);
  g_free (call->link);
  g_free (call->address_text);
  g_object_unref (call->manager);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddressCall, address_call_free)

/* The link and address every address method takes. */
static gboolean
parse_link_address (AddressCall *call,
                    const char  *link,
                    const char  *address,
                    GError     **error)
{
  call->link = g_strdup (link);
  if (!nns_link_name_check (link, error) ||
      !nns_cidr_parse (address, NNS_CIDR_PREFIX_OPTIONAL, "address", &call->address, error))
    return FALSE;
  call->address_text = nns_cidr_to_string (&call->address);
  return TRUE;
}

/* An optional plain address of the same family as the main one. */
static gboolean
parse_companion (const char    *text,
                 const char    *what,
                 const NnsCidr *address,
                 NnsCidr       *result,
                 gboolean      *given,
                 GError       **error)
{
  if (text == NULL)
    return TRUE;
  if (!nns_cidr_parse (text, NNS_CIDR_NO_PREFIX, what, result, error))
    return FALSE;
  if (result->family != address->family)
    {
      g_autofree char *quoted = nns_quote (text);

      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is not of the address's family (%s)", what, quoted,
                   address->family == AF_INET ? "IPv4" : "IPv6");
      return FALSE;
    }
  *given = TRUE;
  return TRUE;
}

static gboolean
plan_address_change (NnsCaller      *caller,
                     NnsAuthRequest *request,
                     gpointer        user_data,
                     GError        **error)
{
  AddressCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  g_autofree char *what = g_strdup_printf ("change the addresses of %s in %s", quoted,
                                           call->target.description);

  return nns_target_plan_change (call->manager, request, caller, &call->target, what,
                                 call->link, NNS_LINK_EXISTING, NULL, error);
}

/* AddAddress */

/* A later port forward may name the address as its target. */
static gboolean
plan_add_address (NnsCaller      *caller,
                  NnsAuthRequest *request,
                  gpointer        user_data,
                  GError        **error)
{
  AddressCall *call = user_data;

  if (!plan_address_change (caller, request, call, error))
    return FALSE;
  nns_batch_add_address (call->target.batch, call->target.name, &call->address);
  return TRUE;
}

static gpointer
parse_add_address (NnsManager *self,
                   GVariant   *parameters,
                   NnsBatch   *batch,
                   GError    **error)
{
  g_autoptr(AddressCall) call = address_call_new (self);
  g_autoptr(GVariant) options = NULL;
  g_autofree char *peer = NULL;
  g_autofree char *broadcast = NULL;
  const char *namespace_name, *link, *address;
  const NnsOptionSpec specs[] = {
    { "peer", "s", &peer, NULL },
    { "broadcast", "s", &broadcast, NULL },
  };

  g_variant_get (parameters, "(&s&s&s@a{sv})", &namespace_name, &link, &address, &options);
  if (!parse_link_address (call, link, address, error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error) ||
      !parse_companion (peer, "peer", &call->address, &call->peer, &call->has_peer, error) ||
      !parse_companion (broadcast, "broadcast", &call->address, &call->broadcast,
                        &call->has_broadcast, error) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error))
    return NULL;

  if (call->has_broadcast && call->address.family != AF_INET)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "IPv6 has no broadcast addresses");
      return NULL;
    }
  return g_steal_pointer (&call);
}

static gboolean
perform_add_address (gpointer    user_data,
                     NnsCaller  *caller,
                     GError    **error)
{
  AddressCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  if (netlink == NULL ||
      !nns_target_verify_link (&call->target, netlink, call->link, error) ||
      !nns_netlink_add_address (netlink, call->link, &call->address,
                                call->has_peer ? &call->peer : NULL,
                                call->has_broadcast ? &call->broadcast : NULL, error))
    return FALSE;
  g_message ("%s added address %s to %s in %s", nns_caller_describe (caller),
             call->address_text, quoted, call->target.description);
  return TRUE;
}

static gboolean
undo_add_address (gpointer user_data,
                  GError **error)
{
  AddressCall *call = user_data;
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  return netlink != NULL &&
         nns_netlink_remove_address (netlink, call->link, &call->address, error);
}

const NnsOperation nns_add_address_operation = {
  .method = "AddAddress",
  .parse = parse_add_address,
  .plan = plan_add_address,
  .perform = perform_add_address,
  .undo = undo_add_address,
  .free = address_call_free,
};

static gboolean
handle_add_address (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name,
                    const char            *link,
                    const char            *address,
                    GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_add_address_operation);
}

/* RemoveAddress: part of Apply only in a topology's, and only for an
 * address the topology made: the kernel does not say all an address had
 * (its lifetimes, its flags) to put it back, but netnsd knows what it made
 * it with, and a failed Apply makes it again (ops/nns-apply-topology.c). */

static gpointer
parse_remove_address (NnsManager *self,
                      GVariant   *parameters,
                      NnsBatch   *batch,
                      GError    **error)
{
  g_autoptr(AddressCall) call = address_call_new (self);
  const char *namespace_name, *link, *address;

  g_variant_get (parameters, "(&s&s&s)", &namespace_name, &link, &address);
  if (!parse_link_address (call, link, address, error) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error))
    return NULL;
  return g_steal_pointer (&call);
}

static gboolean
perform_remove_address (gpointer    user_data,
                        NnsCaller  *caller,
                        GError    **error)
{
  AddressCall *call = user_data;
  g_autofree char *quoted = nns_quote (call->link);
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  if (netlink == NULL ||
      !nns_target_verify_link (&call->target, netlink, call->link, error) ||
      !nns_netlink_remove_address (netlink, call->link, &call->address, error))
    return FALSE;
  g_message ("%s removed address %s from %s in %s", nns_caller_describe (caller),
             call->address_text, quoted, call->target.description);
  return TRUE;
}

const NnsOperation nns_remove_address_operation = {
  .method = "RemoveAddress",
  .parse = parse_remove_address,
  .plan = plan_address_change,
  .perform = perform_remove_address,
  .free = address_call_free,
};

static gboolean
handle_remove_address (NnsDBusNetNs          *object,
                       GDBusMethodInvocation *invocation,
                       const char            *namespace_name,
                       const char            *link,
                       const char            *address)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_remove_address_operation);
}

/* ListAddresses */

static gboolean
handle_list_addresses (NnsDBusNetNs          *object,
                       GDBusMethodInvocation *invocation,
                       const char            *namespace_name,
                       const char            *link)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) addresses = NULL;
  NnsNetlink *netlink = NULL;

  if ((link[0] == '\0' || nns_link_name_check (link, &error)) &&
      (netlink = nns_target_lookup_netlink (NNS_MANAGER (object), namespace_name, &error)) != NULL)
    addresses = nns_netlink_list_addresses (netlink, link[0] != '\0' ? link : NULL, &error);
  if (addresses == NULL)
    return nns_manager_return_error (invocation, error);

  nns_dbus_net_ns_complete_list_addresses (object, invocation,
                                           (const char * const *) addresses);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_address_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_add_address = handle_add_address;
  iface->handle_remove_address = handle_remove_address;
  iface->handle_list_addresses = handle_list_addresses;
}
