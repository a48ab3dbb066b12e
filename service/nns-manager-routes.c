/* nns-manager-routes.c: AddRoute, RemoveRoute and ListRoutes of
 * org.example.NetNs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-options.h"

typedef gboolean (*RouteChangeFunc) (NnsNetlink         *netlink,
                                     const NnsRouteSpec *spec,
                                     GError            **error);

/* What a route method call carries from its handler to its continuation. */
typedef struct {
  NnsManager     *manager;
  NnsTarget       target;
  NnsRouteSpec    route;
  char           *destination;   /* as the caller wrote it, for messages */
  char           *dev;
  RouteChangeFunc apply;         /* nns_netlink_add_route or _remove_route */
  const char     *done;          /* "added a route to", for the log */
} RouteCall;

static void
route_call_free (gpointer data)
{
  RouteCall *call = data;

  nns_target_clear (&call->target);
  g_free (call->destination);
  g_free (call->dev);
  g_object_unref (call->manager);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RouteCall, route_call_free)

static gboolean
parse_plain_address (const char *text,
                     const char *what,
                     NnsCidr    *result,
                     gboolean   *given,
                     GError    **error)
{
  if (text == NULL)
    return TRUE;
  *given = nns_cidr_parse (text, NNS_CIDR_NO_PREFIX, what, result, error);
  return *given;
}

/* Every family in the route must agree; "default" takes the family of its
 * gateway or source, else IPv4, as ip(8) does. */
static gboolean
settle_family (NnsRouteSpec *route,
               GError      **error)
{
  int family = route->is_default ? 0 : route->destination.family;
  const NnsCidr *parts[] = { route->has_via ? &route->via : NULL,
                             route->has_src ? &route->src : NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL)
        continue;
      if (family != 0 && parts[i]->family != family)
        {
          g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                               "the route mixes IPv4 and IPv6 addresses");
          return FALSE;
        }
      family = parts[i]->family;
    }
  if (route->is_default)
    {
      memset (&route->destination, 0, sizeof route->destination);
      route->destination.family = family != 0 ? family : AF_INET;
      route->destination.prefix = 0;
    }
  return TRUE;
}

/* Parses the destination and options shared by AddRoute and RemoveRoute. */
static RouteCall *
route_call_parse (NnsManager *manager,
                  const char *namespace_name,
                  const char *destination,
                  GVariant   *options,
                  GError    **error)
{
  g_autoptr(RouteCall) call = g_new0 (RouteCall, 1);
  g_autofree char *via = NULL;
  g_autofree char *src = NULL;
  gboolean table_given = FALSE;
  const NnsOptionSpec specs[] = {
    { "via", "s", &via, NULL },
    { "dev", "s", &call->dev, NULL },
    { "metric", "u", &call->route.metric, &call->route.has_metric },
    { "table", "u", &call->route.table, &table_given },
    { "src", "s", &src, NULL },
  };

  call->manager = g_object_ref (manager);
  call->destination = g_strdup (destination);
  call->route.is_default = g_str_equal (destination, "default");
  if ((!call->route.is_default &&
       !nns_cidr_parse (destination, NNS_CIDR_NETWORK, "route destination",
                        &call->route.destination, error)) ||
      !nns_options_parse (options, specs, G_N_ELEMENTS (specs), error) ||
      !parse_plain_address (via, "gateway", &call->route.via, &call->route.has_via, error) ||
      !parse_plain_address (src, "source", &call->route.src, &call->route.has_src, error) ||
      (call->dev != NULL && !nns_link_name_check (call->dev, error)) ||
      !settle_family (&call->route, error) ||
      !nns_target_init (&call->target, manager, namespace_name, error))
    return NULL;

  if (table_given && call->route.table == 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "routing table 0 does not exist; the main table is 254");
      return NULL;
    }
  call->route.dev = call->dev;
  return g_steal_pointer (&call);
}

static gboolean
plan_route_change (NnsCaller      *caller,
                   NnsAuthRequest *request,
                   gpointer        user_data,
                   GError        **error)
{
  RouteCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("change the routes of %s",
                                           call->target.description);

  /* No owner detail, even on a host link the caller made: a route steers
   * all of a namespace's traffic, not only the link's. */
  return nns_manager_plan_change (call->manager, request, caller, &call->target, what,
                                  call->dev, NNS_LINK_NONE, NULL, error);
}

static void
route_change_authorized (GDBusMethodInvocation *invocation,
                         NnsCaller             *caller,
                         gpointer               user_data)
{
  RouteCall *call = user_data;
  g_autoptr(GError) error = NULL;
  NnsNetlink *netlink = nns_manager_target_netlink (call->manager, &call->target, &error);

  if (netlink == NULL || !call->apply (netlink, &call->route, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  g_message ("%s %s %s in %s", nns_caller_describe (caller), call->done,
             call->destination, call->target.description);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
handle_add_route (NnsDBusNetNs          *object,
                  GDBusMethodInvocation *invocation,
                  const char            *namespace_name,
                  const char            *destination,
                  GVariant              *options)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GError) error = NULL;
  RouteCall *call = route_call_parse (self, namespace_name, destination, options, &error);

  if (call == NULL)
    return nns_manager_return_error (invocation, error);
  if (!call->route.has_via && call->route.dev == NULL)
    {
      route_call_free (call);
      g_set_error_literal (&error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "a route needs a gateway ('via') or a link ('dev')");
      return nns_manager_return_error (invocation, error);
    }
  call->apply = nns_netlink_add_route;
  call->done = "added a route to";

  nns_authority_authorize (self->authority, invocation, plan_route_change,
                           route_change_authorized, call, route_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_remove_route (NnsDBusNetNs          *object,
                     GDBusMethodInvocation *invocation,
                     const char            *namespace_name,
                     const char            *destination,
                     GVariant              *options)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(GError) error = NULL;
  RouteCall *call = route_call_parse (self, namespace_name, destination, options, &error);

  if (call == NULL)
    return nns_manager_return_error (invocation, error);
  call->apply = nns_netlink_remove_route;
  call->done = "removed the route to";

  nns_authority_authorize (self->authority, invocation, plan_route_change,
                           route_change_authorized, call, route_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* ListRoutes */

static gboolean
handle_list_routes (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name)
{
  g_autoptr(GError) error = NULL;
  NnsNetlink *netlink = nns_manager_lookup_netlink (NNS_MANAGER (object), namespace_name, &error);
  GVariant *routes = netlink != NULL ? nns_netlink_list_routes (netlink, &error) : NULL;

  if (routes == NULL)
    return nns_manager_return_error (invocation, error);

  nns_dbus_net_ns_complete_list_routes (object, invocation, routes);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_route_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_add_route = handle_add_route;
  iface->handle_remove_route = handle_remove_route;
  iface->handle_list_routes = handle_list_routes;
}
