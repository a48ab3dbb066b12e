/* nns-manager-nat.c: AddMasquerade, RemoveMasquerade, ListMasquerades,
 * AddPortForward, RemovePortForward and ListPortForwards of
 * org.example.NetNs: reaching out of a namespace and being reached in it,
 * through netnsd's own nftables table there (config/nns-nat.c).
 *
 * Each change takes the namespace's rules, makes the new set, and has
 * NnsNat make the namespace match it; undo (in Apply) makes it match the
 * set from before.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

typedef struct {
  NnsManager     *manager;
  NnsTarget       target;
  NnsMasquerade   masquerade;
  NnsPortForward  forward;
  char           *source_text;   /* canonical */
  char           *target_text;
  char           *address_text;  /* NULL: every address */
  char           *port_text;
  NnsNatRules    *before;        /* the rules before the change, for undo */
} NatCall;

static void
nat_call_free (gpointer data)
{
  NatCall *call = data;

  nns_target_clear (&call->target);
  g_free (call->masquerade.out_link);
  g_free (call->source_text);
  g_free (call->target_text);
  g_free (call->address_text);
  g_free (call->port_text);
  nns_nat_rules_free (call->before);
  g_object_unref (call->manager);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NatCall, nat_call_free)

static NatCall *
nat_call_new (NnsManager *manager)
{
  NatCall *call = g_new0 (NatCall, 1);

  call->manager = g_object_ref (manager);
  return call;
}

/* The namespace the rules are kept under: a name bound to the host's
 * namespace has the host's table. */
static const char *
rules_namespace (const NatCall *call)
{
  return call->target.is_host ? "" : call->target.name;
}

/* Rules are recorded under the namespace's name, so only names netnsd
 * would create have them (as with SetDns). */
static gboolean
init_target (NatCall    *call,
             NnsBatch   *batch,
             const char *namespace_name,
             GError    **error)
{
  if (!nns_target_init (&call->target, call->manager, batch, namespace_name, error))
    return FALSE;
  if (call->target.is_host || nns_namespace_name_validate (call->target.name, NULL))
    return TRUE;
  g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
               "%s has a name netnsd would not give a namespace; netnsd keeps rules only "
               "for names it could create", call->target.description);
  return FALSE;
}

/* Makes the namespace's rules @next, keeping what they were for undo. */
static gboolean
commit (NatCall            *call,
        const NnsNatRules  *next,
        GError            **error)
{
  if (nns_target_netlink (call->manager, &call->target, error) == NULL)
    return FALSE;
  return nns_nat_set_rules (call->manager->nat, rules_namespace (call), next, error);
}

static gboolean
undo_change (gpointer   user_data,
             GError   **error)
{
  NatCall *call = user_data;

  return commit (call, call->before, error);
}

/* The rules now, copied into call->before. */
static NnsNatRules *
rules_now (NatCall *call)
{
  nns_nat_rules_free (call->before);
  call->before = nns_nat_rules_copy (nns_nat_get_rules (call->manager->nat,
                                                        rules_namespace (call)));
  return nns_nat_rules_copy (call->before);
}

/* Masquerades */

static gpointer
parse_masquerade (NnsManager *self,
                  GVariant   *parameters,
                  NnsBatch   *batch,
                  GError    **error)
{
  g_autoptr(NatCall) call = nat_call_new (self);
  g_autoptr(GVariant) options = NULL;
  const char *namespace_name, *source;
  const NnsOptionSpec specs[] = {
    { "out-link", "s", &call->masquerade.out_link, NULL },
  };

  g_variant_get (parameters, "(&s&s@a{sv})", &namespace_name, &source, &options);
  if (!nns_nat_source_parse (source, &call->masquerade.source, error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error) ||
      (call->masquerade.out_link != NULL &&
       !nns_nat_link_validate (call->masquerade.out_link, error)) ||
      !init_target (call, batch, namespace_name, error))
    return NULL;
  call->source_text = nns_cidr_to_string (&call->masquerade.source);
  return g_steal_pointer (&call);
}

static char *
describe_masquerade (NatCall *call)
{
  if (call->masquerade.out_link != NULL)
    return g_strdup_printf ("masquerade of %s through '%s' in %s", call->source_text,
                            call->masquerade.out_link, call->target.description);
  return g_strdup_printf ("masquerade of %s in %s", call->source_text,
                          call->target.description);
}

static gboolean
plan_masquerade (NnsCaller      *caller,
                 NnsAuthRequest *request,
                 gpointer        user_data,
                 GError        **error)
{
  NatCall *call = user_data;
  g_autofree char *masquerade = describe_masquerade (call);
  g_autofree char *what = g_strdup_printf ("change the %s", masquerade);
  NnsRuleDetails details = { .source = call->source_text, .out_link = call->masquerade.out_link };

  return nns_target_plan_rule (call->manager, request, caller, &call->target, what, &details,
                               error);
}

static gboolean
perform_add_masquerade (gpointer    user_data,
                        NnsCaller  *caller,
                        GError    **error)
{
  NatCall *call = user_data;
  g_autoptr(NnsNatRules) next = rules_now (call);
  g_autofree char *masquerade = describe_masquerade (call);

  if (nns_nat_rules_find_masquerade (next, &call->masquerade.source,
                                     call->masquerade.out_link) >= 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS, "the %s exists already", masquerade);
      return FALSE;
    }
  nns_nat_rules_add_masquerade (next, &call->masquerade);
  if (!commit (call, next, error))
    return FALSE;
  g_message ("%s added the %s", nns_caller_describe (caller), masquerade);
  return TRUE;
}

static gboolean
perform_remove_masquerade (gpointer    user_data,
                           NnsCaller  *caller,
                           GError    **error)
{
  NatCall *call = user_data;
  g_autoptr(NnsNatRules) next = rules_now (call);
  g_autofree char *masquerade = describe_masquerade (call);
  int index = nns_nat_rules_find_masquerade (next, &call->masquerade.source,
                                             call->masquerade.out_link);

  if (index < 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "there is no %s", masquerade);
      return FALSE;
    }
  g_ptr_array_remove_index (next->masquerades, (guint) index);
  if (!commit (call, next, error))
    return FALSE;
  g_message ("%s removed the %s", nns_caller_describe (caller), masquerade);
  return TRUE;
}

const NnsOperation nns_add_masquerade_operation = {
  .method = "AddMasquerade",
  .parse = parse_masquerade,
  .plan = plan_masquerade,
  .perform = perform_add_masquerade,
  .undo = undo_change,
  .free = nat_call_free,
};

const NnsOperation nns_remove_masquerade_operation = {
  .method = "RemoveMasquerade",
  .parse = parse_masquerade,
  .plan = plan_masquerade,
  .perform = perform_remove_masquerade,
  .undo = undo_change,
  .free = nat_call_free,
};

static gboolean
handle_add_masquerade (NnsDBusNetNs          *object,
                       GDBusMethodInvocation *invocation,
                       const char            *namespace_name,
                       const char            *source,
                       GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_add_masquerade_operation);
}

static gboolean
handle_remove_masquerade (NnsDBusNetNs          *object,
                          GDBusMethodInvocation *invocation,
                          const char            *namespace_name,
                          const char            *source,
                          GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_remove_masquerade_operation);
}

/* Port forwards */

static gboolean
parse_forward_key (NatCall     *call,
                   const char  *protocol,
                   guint16      port,
                   const char  *address,
                   GError     **error)
{
  call->port_text = g_strdup_printf ("%u", port);
  if (!nns_nat_protocol_parse (protocol, &call->forward.protocol, error) ||
      !nns_nat_port_validate (port, "port", error))
    return FALSE;
  call->forward.port = port;
  if (address == NULL)
    return TRUE;
  if (!nns_cidr_parse (address, NNS_CIDR_NO_PREFIX, "address", &call->forward.address, error))
    return FALSE;
  call->forward.has_address = TRUE;
  call->address_text = nns_cidr_address_to_string (&call->forward.address);
  return TRUE;
}

static gpointer
parse_add_port_forward (NnsManager *self,
                        GVariant   *parameters,
                        NnsBatch   *batch,
                        GError    **error)
{
  g_autoptr(NatCall) call = nat_call_new (self);
  g_autoptr(GVariant) options = NULL;
  g_autofree char *address = NULL;
  const char *namespace_name, *protocol, *target;
  guint16 port;
  const NnsOptionSpec specs[] = {
    { "address", "s", &address, NULL },
    { "from-local", "b", &call->forward.from_local, NULL },
  };

  call->forward.from_local = TRUE;
  g_variant_get (parameters, "(&s&sq&s@a{sv})", &namespace_name, &protocol, &port, &target,
                 &options);
  if (!nns_options_parse (options, specs, G_N_ELEMENTS (specs), error) ||
      !parse_forward_key (call, protocol, port, address, error) ||
      !nns_nat_target_parse (target, &call->forward.target, &call->forward.target_port, error) ||
      !nns_port_forward_check (&call->forward, error) ||
      !init_target (call, batch, namespace_name, error))
    return NULL;
  call->target_text = nns_nat_target_to_string (&call->forward.target, call->forward.target_port);
  return g_steal_pointer (&call);
}

static gpointer
parse_remove_port_forward (NnsManager *self,
                           GVariant   *parameters,
                           NnsBatch   *batch,
                           GError    **error)
{
  g_autoptr(NatCall) call = nat_call_new (self);
  g_autoptr(GVariant) options = NULL;
  g_autofree char *address = NULL;
  const char *namespace_name, *protocol;
  guint16 port;
  const NnsOptionSpec specs[] = {
    { "address", "s", &address, NULL },
  };

  g_variant_get (parameters, "(&s&sq@a{sv})", &namespace_name, &protocol, &port, &options);
  if (!nns_options_parse (options, specs, G_N_ELEMENTS (specs), error) ||
      !parse_forward_key (call, protocol, port, address, error) ||
      !init_target (call, batch, namespace_name, error))
    return NULL;
  return g_steal_pointer (&call);
}

static char *
describe_forward (NatCall *call)
{
  return g_strdup_printf ("port forward of %s %u%s%s%s%s in %s",
                          nns_nat_protocol_to_string (call->forward.protocol), call->forward.port,
                          call->address_text != NULL ? " on " : "",
                          call->address_text != NULL ? call->address_text : "",
                          call->target_text != NULL ? " to " : "",
                          call->target_text != NULL ? call->target_text : "",
                          call->target.description);
}

static gboolean
plan_forward_check (NnsCaller            *caller,
                    NnsAuthRequest       *request,
                    NatCall              *call,
                    const NnsPortForward *forward,
                    GError              **error)
{
  g_autofree char *description = describe_forward (call);
  g_autofree char *what = g_strdup_printf ("change the %s", description);
  g_autofree char *target = forward != NULL ?
                            nns_nat_target_to_string (&forward->target, forward->target_port) : NULL;
  NnsRuleDetails details = {
    .protocol = nns_nat_protocol_to_string (call->forward.protocol),
    .port = call->port_text,
    .target = target,
    .address = call->address_text,
    .target_address = forward != NULL ? &forward->target : NULL,
  };

  return nns_target_plan_rule (call->manager, request, caller, &call->target, what, &details,
                               error);
}

/* AddPortForward asks about its target; RemovePortForward about the
 * target of each forward it removes, so that a rule that let a user make
 * a forward lets the user remove it. */
static gboolean
plan_port_forward (NnsCaller      *caller,
                   NnsAuthRequest *request,
                   gpointer        user_data,
                   GError        **error)
{
  NatCall *call = user_data;
  const NnsNatRules *rules;
  gboolean asked = FALSE;

  if (call->target_text != NULL)
    return plan_forward_check (caller, request, call, &call->forward, error);
  rules = nns_nat_get_rules (call->manager->nat, rules_namespace (call));
  for (guint i = 0; i < rules->forwards->len; i++)
    {
      const NnsPortForward *forward = rules->forwards->pdata[i];

      if (!nns_port_forward_matches (forward, call->forward.protocol, call->forward.port,
                                     call->forward.has_address ? &call->forward.address : NULL))
        continue;
      if (!plan_forward_check (caller, request, call, forward, error))
        return FALSE;
      asked = TRUE;
    }
  return asked || plan_forward_check (caller, request, call, NULL, error);
}

static gboolean
perform_add_port_forward (gpointer    user_data,
                          NnsCaller  *caller,
                          GError    **error)
{
  NatCall *call = user_data;
  g_autoptr(NnsNatRules) next = rules_now (call);
  g_autofree char *forward = describe_forward (call);

  if (nns_nat_rules_find_forward (next, &call->forward) >= 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "%s %u%s%s in %s is forwarded already (for %s)",
                   nns_nat_protocol_to_string (call->forward.protocol), call->forward.port,
                   call->address_text != NULL ? " on " : "",
                   call->address_text != NULL ? call->address_text : "",
                   call->target.description,
                   call->forward.target.family == AF_INET ? "IPv4" : "IPv6");
      return FALSE;
    }
  nns_nat_rules_add_forward (next, &call->forward);
  if (!commit (call, next, error))
    return FALSE;
  g_message ("%s added the %s", nns_caller_describe (caller), forward);
  return TRUE;
}

static gboolean
perform_remove_port_forward (gpointer    user_data,
                             NnsCaller  *caller,
                             GError    **error)
{
  NatCall *call = user_data;
  g_autoptr(NnsNatRules) next = rules_now (call);
  g_autofree char *forward = describe_forward (call);

  if (nns_nat_rules_remove_forwards (next, call->forward.protocol, call->forward.port,
                                     call->forward.has_address ? &call->forward.address
                                                               : NULL) == 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "there is no %s", forward);
      return FALSE;
    }
  if (!commit (call, next, error))
    return FALSE;
  g_message ("%s removed the %s", nns_caller_describe (caller), forward);
  return TRUE;
}

const NnsOperation nns_add_port_forward_operation = {
  .method = "AddPortForward",
  .parse = parse_add_port_forward,
  .plan = plan_port_forward,
  .perform = perform_add_port_forward,
  .undo = undo_change,
  .free = nat_call_free,
};

const NnsOperation nns_remove_port_forward_operation = {
  .method = "RemovePortForward",
  .parse = parse_remove_port_forward,
  .plan = plan_port_forward,
  .perform = perform_remove_port_forward,
  .undo = undo_change,
  .free = nat_call_free,
};

static gboolean
handle_add_port_forward (NnsDBusNetNs          *object,
                         GDBusMethodInvocation *invocation,
                         const char            *namespace_name,
                         const char            *protocol,
                         guint16                port,
                         const char            *target,
                         GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_add_port_forward_operation);
}

static gboolean
handle_remove_port_forward (NnsDBusNetNs          *object,
                            GDBusMethodInvocation *invocation,
                            const char            *namespace_name,
                            const char            *protocol,
                            guint16                port,
                            GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation,
                            &nns_remove_port_forward_operation);
}

/* Listing */

static const NnsNatRules *
lookup_rules (NnsManager  *self,
              const char  *namespace_name,
              GError     **error)
{
  g_auto(NnsTarget) target = { 0 };

  if (!nns_target_init (&target, self, NULL, namespace_name, error) ||
      nns_target_netlink (self, &target, error) == NULL)
    return NULL;
  return nns_nat_get_rules (self->nat, target.is_host ? "" : target.name);
}

static gboolean
handle_list_masquerades (NnsDBusNetNs          *object,
                         GDBusMethodInvocation *invocation,
                         const char            *namespace_name)
{
  g_autoptr(GError) error = NULL;
  const NnsNatRules *rules = lookup_rules (NNS_MANAGER (object), namespace_name, &error);
  GVariantBuilder builder;

  if (rules == NULL)
    return nns_manager_return_error (invocation, error);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < rules->masquerades->len; i++)
    {
      const NnsMasquerade *masquerade = rules->masquerades->pdata[i];
      g_autofree char *source = nns_cidr_to_string (&masquerade->source);

      g_variant_builder_open (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "source", g_variant_new_string (source));
      g_variant_builder_add (&builder, "{sv}", "out-link",
                             g_variant_new_string (masquerade->out_link != NULL ?
                                                   masquerade->out_link : ""));
      g_variant_builder_close (&builder);
    }
  nns_dbus_net_ns_complete_list_masquerades (object, invocation,
                                             g_variant_builder_end (&builder));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
add_forward (GVariantBuilder      *builder,
             const NnsPortForward *forward)
{
  g_autofree char *target = nns_nat_target_to_string (&forward->target, forward->target_port);
  g_autofree char *address = forward->has_address ?
                             nns_cidr_address_to_string (&forward->address) : g_strdup ("");

  g_variant_builder_open (builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (builder, "{sv}", "protocol",
                         g_variant_new_string (nns_nat_protocol_to_string (forward->protocol)));
  g_variant_builder_add (builder, "{sv}", "port", g_variant_new_uint16 (forward->port));
  g_variant_builder_add (builder, "{sv}", "target", g_variant_new_string (target));
  g_variant_builder_add (builder, "{sv}", "address", g_variant_new_string (address));
  g_variant_builder_add (builder, "{sv}", "from-local", g_variant_new_boolean (forward->from_local));
  g_variant_builder_close (builder);
}

static gboolean
handle_list_port_forwards (NnsDBusNetNs          *object,
                           GDBusMethodInvocation *invocation,
                           const char            *namespace_name)
{
  g_autoptr(GError) error = NULL;
  const NnsNatRules *rules = lookup_rules (NNS_MANAGER (object), namespace_name, &error);
  GVariantBuilder builder;

  if (rules == NULL)
    return nns_manager_return_error (invocation, error);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < rules->forwards->len; i++)
    add_forward (&builder, rules->forwards->pdata[i]);
  nns_dbus_net_ns_complete_list_port_forwards (object, invocation,
                                               g_variant_builder_end (&builder));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_nat_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_add_masquerade = handle_add_masquerade;
  iface->handle_remove_masquerade = handle_remove_masquerade;
  iface->handle_list_masquerades = handle_list_masquerades;
  iface->handle_add_port_forward = handle_add_port_forward;
  iface->handle_remove_port_forward = handle_remove_port_forward;
  iface->handle_list_port_forwards = handle_list_port_forwards;
}
