/* nns-manager-leases.c: LeaseAddress, ReleaseLeases and ListLeases of
 * org.example.NetNs: addresses handed out from pools, as CNI's
 * host-local IPAM does, but recorded by netnsd (state/nns-lease-store.c),
 * so that callers running at once never get one address twice.
 *
 * A lease is a change of the host's network plan, so it asks
 * org.example.netns.host. The arguments are checked before polkit is
 * asked, and so is the lease itself (a pool with nothing free is Busy,
 * an address leased to another holder Exists); but the address is chosen
 * and recorded only once polkit has answered, in one step of the main
 * loop, so whatever else was leased meanwhile is seen.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>

#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

typedef struct {
  NnsManager *manager;
  char       *pool;
  /* LeaseAddress */
  char       *holder;
  GArray     *ranges;     /* of NnsLeaseRange */
  gboolean    has_wanted;
  NnsCidr     wanted;     /* option "address" */
  NnsLease    lease;      /* once leased */
  /* ReleaseLeases */
  char      **holders;
  gboolean    keep_only;
} LeaseCall;

static void
lease_call_free (gpointer data)
{
  LeaseCall *call = data;

  g_object_unref (call->manager);
  g_free (call->pool);
  g_free (call->holder);
  g_clear_pointer (&call->ranges, g_array_unref);
  nns_lease_clear (&call->lease);
  g_strfreev (call->holders);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LeaseCall, lease_call_free)

static LeaseCall *
lease_call_new (NnsManager *manager,
                const char *pool,
                GError    **error)
{
  g_autoptr(LeaseCall) call = g_new0 (LeaseCall, 1);

  call->manager = g_object_ref (manager);
  if (manager->leases == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                           "this netnsd keeps no leases");
      return NULL;
    }
  if (!nns_pool_name_validate (pool, error))
    return NULL;
  call->pool = g_strdup (pool);
  return g_steal_pointer (&call);
}

/* One entry of the option "ranges": subnet, range-start, range-end and
 * gateway, as host-local names them. */
static gboolean
parse_range (GVariant      *dict,
             guint          index,
             NnsLeaseRange *range,
             GError       **error)
{
  g_autofree char *subnet = NULL, *start = NULL, *end = NULL, *gateway = NULL;
  const NnsOptionSpec specs[] = {
    { "subnet", "s", &subnet, NULL },
    { "range-start", "s", &start, NULL },
    { "range-end", "s", &end, NULL },
    { "gateway", "s", &gateway, NULL },
  };
  NnsLeaseRangeText text;

  if (!nns_options_parse (dict, specs, G_N_ELEMENTS (specs), error))
    {
      g_prefix_error (error, "ranges[%u]: ", index);
      return FALSE;
    }
  text = (NnsLeaseRangeText) { subnet, start, end, gateway };
  return nns_lease_range_init (range, &text, index, error);
}

static GArray *
parse_ranges (GVariant *ranges,
              GError  **error)
{
  g_autoptr(GArray) parsed = g_array_new (FALSE, TRUE, sizeof (NnsLeaseRange));
  GVariantIter iter;
  GVariant *dict;

  if (ranges == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "option 'ranges' is missing: it says which subnets to lease from");
      return NULL;
    }
  if (g_variant_n_children (ranges) > NNS_LEASE_RANGES_MAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "ranges has %" G_GSIZE_FORMAT " ranges; it takes 1 to %d",
                   g_variant_n_children (ranges), NNS_LEASE_RANGES_MAX);
      return NULL;
    }
  g_variant_iter_init (&iter, ranges);
  while ((dict = g_variant_iter_next_value (&iter)) != NULL)
    {
      NnsLeaseRange range;
      gboolean parsed_one = parse_range (dict, parsed->len, &range, error);

      g_variant_unref (dict);
      if (!parsed_one)
        return NULL;
      g_array_append_val (parsed, range);
    }
  if (!nns_lease_ranges_check ((NnsLeaseRange *) parsed->data, parsed->len, error))
    return NULL;
  return g_steal_pointer (&parsed);
}

/* The option "address": a plain address, or one with its range's prefix. */
static gboolean
parse_wanted (LeaseCall  *call,
              const char *text,
              GError    **error)
{
  const NnsLeaseRange *ranges = (NnsLeaseRange *) call->ranges->data;
  guint index;

  if (!nns_cidr_parse (text, NNS_CIDR_PREFIX_OPTIONAL, "address", &call->wanted, error) ||
      !nns_lease_ranges_check_wanted (ranges, call->ranges->len, &call->wanted, &index, error))
    return FALSE;
  if (strchr (text, '/') != NULL && call->wanted.prefix != ranges[index].subnet.prefix)
    {
      g_autofree char *quoted = nns_quote (text);

      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "address %s has another prefix length than its subnet's, /%u", quoted,
                   ranges[index].subnet.prefix);
      return FALSE;
    }
  call->has_wanted = TRUE;
  return TRUE;
}

/* LeaseAddress */

static gpointer
parse_lease_address (NnsManager *self,
                     GVariant   *parameters,
                     NnsBatch   *batch,
                     GError    **error)
{
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GVariant) ranges = NULL;
  g_autofree char *wanted = NULL;
  g_autoptr(LeaseCall) call = NULL;
  const char *pool, *holder;
  const NnsOptionSpec specs[] = {
    { "ranges", "aa{sv}", &ranges, NULL },
    { "address", "s", &wanted, NULL },
  };

  g_variant_get (parameters, "(&s&s@a{sv})", &pool, &holder, &options);
  call = lease_call_new (self, pool, error);
  if (call == NULL || !nns_lease_holder_validate (holder, error) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error))
    return NULL;
  call->holder = g_strdup (holder);
  call->ranges = parse_ranges (ranges, error);
  if (call->ranges == NULL || (wanted != NULL && !parse_wanted (call, wanted, error)))
    return NULL;
  return g_steal_pointer (&call);
}

static NnsLeaseRequest
lease_request (LeaseCall *call)
{
  return (NnsLeaseRequest) {
    call->pool, call->holder, (NnsLeaseRange *) call->ranges->data, call->ranges->len,
    call->has_wanted ? &call->wanted : NULL,
  };
}

static gboolean
plan_lease_address (NnsCaller      *caller,
                    NnsAuthRequest *request,
                    gpointer        user_data,
                    GError        **error)
{
  LeaseCall *call = user_data;
  NnsLeaseRequest lease = lease_request (call);
  g_auto(NnsLease) would = { NULL, };
  g_autofree char *holder = nns_quote (call->holder);
  g_autofree char *what = NULL;

  /* Refused now if it would be refused: the same is asked again once
   * polkit has answered, when the address is chosen. */
  if (!nns_lease_store_lease (call->manager->leases, &lease, FALSE, &would, NULL, error))
    return FALSE;
  what = g_strdup_printf ("lease an address of pool '%s' to %s", call->pool, holder);
  nns_auth_request_add (request, NNS_ACTION_HOST, what,
                        "pool", call->pool,
                        "holder", call->holder,
                        NULL);
  return TRUE;
}

static gboolean
perform_lease_address (gpointer    user_data,
                       NnsCaller  *caller,
                       GError    **error)
{
  LeaseCall *call = user_data;
  NnsLeaseRequest lease = lease_request (call);
  g_autofree char *address = NULL;
  g_autofree char *holder = NULL;
  gboolean made;

  if (!nns_lease_store_lease (call->manager->leases, &lease, TRUE, &call->lease, &made, error))
    return FALSE;
  address = nns_cidr_to_string (&call->lease.address);
  holder = nns_quote (call->holder);
  if (made)
    g_message ("%s leased %s of pool '%s' to %s", nns_caller_describe (caller), address,
               call->pool, holder);
  else
    g_debug ("%s asked again for %s's lease %s of pool '%s'", nns_caller_describe (caller),
             holder, address, call->pool);
  return TRUE;
}

static GVariant *
reply_lease_address (gpointer user_data)
{
  LeaseCall *call = user_data;
  g_autofree char *address = nns_cidr_to_string (&call->lease.address);
  g_autofree char *gateway = nns_cidr_address_to_string (&call->lease.gateway);

  return g_variant_new ("(ss)", address, gateway);
}

static const NnsOperation lease_address_operation = {
  .method = "LeaseAddress",
  .parse = parse_lease_address,
  .plan = plan_lease_address,
  .perform = perform_lease_address,
  .reply = reply_lease_address,
  .free = lease_call_free,
};

static gboolean
handle_lease_address (NnsDBusNetNs          *object,
                      GDBusMethodInvocation *invocation,
                      const char            *pool,
                      const char            *holder,
                      GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &lease_address_operation);
}

/* ReleaseLeases: a holder that holds nothing is no error, so that CNI's
 * DEL can be repeated. */

static gboolean
parse_release_options (LeaseCall *call,
                       GVariant  *options,
                       GError   **error)
{
  const NnsOptionSpec specs[] = {
    { "keep-only", "b", &call->keep_only, NULL },
  };

  return nns_options_parse (options, specs, G_N_ELEMENTS (specs), error);
}

static gpointer
parse_release_leases (NnsManager *self,
                      GVariant   *parameters,
                      NnsBatch   *batch,
                      GError    **error)
{
  g_autoptr(GVariant) options = NULL;
  g_autoptr(LeaseCall) call = NULL;
  g_auto(GStrv) holders = NULL;
  const char *pool;

  g_variant_get (parameters, "(&s^as@a{sv})", &pool, &holders, &options);
  call = lease_call_new (self, pool, error);
  if (call == NULL || !parse_release_options (call, options, error))
    return NULL;
  for (guint i = 0; holders[i] != NULL; i++)
    if (!nns_lease_holder_validate (holders[i], error))
      {
        g_prefix_error (error, "holders[%u]: ", i);
        return NULL;
      }
  call->holders = g_steal_pointer (&holders);
  return g_steal_pointer (&call);
}

static gboolean
plan_release_leases (NnsCaller      *caller,
                     NnsAuthRequest *request,
                     gpointer        user_data,
                     GError        **error)
{
  LeaseCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("release leases of pool '%s'", call->pool);

  nns_auth_request_add (request, NNS_ACTION_HOST, what, "pool", call->pool, NULL);
  return TRUE;
}

static gboolean
perform_release_leases (gpointer    user_data,
                        NnsCaller  *caller,
                        GError    **error)
{
  LeaseCall *call = user_data;
  guint released = nns_lease_store_release (call->manager->leases, call->pool,
                                            (const char * const *) call->holders,
                                            call->keep_only);

  if (released > 0)
    g_message ("%s released %u lease%s of pool '%s'", nns_caller_describe (caller), released,
               released == 1 ? "" : "s", call->pool);
  return TRUE;
}

static const NnsOperation release_leases_operation = {
  .method = "ReleaseLeases",
  .parse = parse_release_leases,
  .plan = plan_release_leases,
  .perform = perform_release_leases,
  .free = lease_call_free,
};

static gboolean
handle_release_leases (NnsDBusNetNs          *object,
                       GDBusMethodInvocation *invocation,
                       const char            *pool,
                       const char * const    *holders,
                       GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &release_leases_operation);
}

/* ListLeases: no authorization, as every List method. */

static gboolean
handle_list_leases (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *pool)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(LeaseCall) call = NULL;
  g_autoptr(GPtrArray) leases = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  call = lease_call_new (self, pool, &error);
  if (call == NULL)
    return nns_manager_return_error (invocation, error);
  leases = nns_lease_store_list (self->leases, pool);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < leases->len; i++)
    {
      const NnsLease *lease = leases->pdata[i];
      g_autofree char *address = nns_cidr_to_string (&lease->address);
      g_autofree char *gateway = nns_cidr_address_to_string (&lease->gateway);

      g_variant_builder_open (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "holder", g_variant_new_string (lease->holder));
      g_variant_builder_add (&builder, "{sv}", "address", g_variant_new_string (address));
      g_variant_builder_add (&builder, "{sv}", "gateway", g_variant_new_string (gateway));
      g_variant_builder_close (&builder);
    }
  nns_dbus_net_ns_complete_list_leases (object, invocation, g_variant_builder_end (&builder));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_lease_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_lease_address = handle_lease_address;
  iface->handle_release_leases = handle_release_leases;
  iface->handle_list_leases = handle_list_leases;
}
