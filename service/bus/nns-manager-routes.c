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

/* Parses the arguments AddRoute and RemoveRoute share. */
static RouteCall *
parse_route (NnsManager *manager,
             GVariant   *parameters,
             NnsBatch   *batch,
             GError    **error)
{
  g_autoptr(RouteCall) call = g_new0 (RouteCall, 1);
  g_autoptr(GVariant) options = NULL;
  g_autofree char *via = NULL;
  g_autofree char *src = NULL;
  const char *namespace_name, *destination;
  gboolean table_given = FALSE;
  const NnsOptionSpec specs[] = {
    { "via", "s", &via, NULL },
    { "dev", "s", &call->dev, NULL },
    { "metric", "u", &call->route.metric, &call->route.has_metric },
    { "table", "u", &call->route.table, &table_given },
    { "src", "s", &src, NULL },
  };

  g_variant_get (parameters, "(&s&s@a{sv})", &namespace_name, &destination, &options);
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
      !nns_target_init (&call->target, manager, batch, namespace_name, error))
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
  return nns_target_plan_change (call->manager, request, caller, &call->target, what,
                                 call->dev, NNS_LINK_NONE, NULL, error);
}

static gboolean
perform_route_change (gpointer    user_data,
                      NnsCaller  *caller,
                      GError    **error)
{
  RouteCall *call = user_data;
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  if (netlink == NULL || !call->apply (netlink, &call->route, error))
    return FALSE;
  g_message ("%s %s %s in %s", nns_caller_describe (caller), call->done,
             call->destination, call->target.description);
  return TRUE;
}

/* AddRoute */

static gpointer
parse_add_route (NnsManager *self,
                 GVariant   *parameters,
                 NnsBatch   *batch,
                 GError    **error)
{
  RouteCall *call = parse_route (self, parameters, batch, error);

  if (call == NULL)
    return NULL;
  if (!call->route.has_via && call->route.dev == NULL)
    {
      route_call_free (call);
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "a route needs a gateway ('via') or a link ('dev')");
      return NULL;
    }
  call->apply = nns_netlink_add_route;
  call->done = "added a route to";
  return call;
}

static gboolean
undo_add_route (gpointer user_data,
                GError **error)
{
  RouteCall *call = user_data;
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  return netlink != NULL && nns_netlink_remove_route (netlink, &call->route, error);
}

const NnsOperation nns_add_route_operation = {
  .method = "AddRoute",
  .parse = parse_add_route,
  .plan = plan_route_change,
  .perform = perform_route_change,
  .undo = undo_add_route,
  .free = route_call_free,
};

static gboolean
handle_add_route (NnsDBusNetNs          *object,
                  GDBusMethodInvocation *invocation,
                  const char            *namespace_name,
                  const char            *destination,
                  GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_add_route_operation);
}

/* RemoveRoute: part of Apply only in a topology's, and only for a route
 * the topology made (with the very arguments it was made with, so that
 * the route removed is that one, and a failed Apply makes it again): a
 * call of its own names the route only as closely as it likes and the
 * kernel removes the first that matches. */

static gpointer
parse_remove_route (NnsManager *self,
                    GVariant   *parameters,
                    NnsBatch   *batch,
                    GError    **error)
{
  RouteCall *call = parse_route (self, parameters, batch, error);

  if (call == NULL)
    return NULL;
  call->apply = nns_netlink_remove_route;
  call->done = "removed the route to";
  return call;
}

const NnsOperation nns_remove_route_operation = {
  .method = "RemoveRoute",
  .parse = parse_remove_route,
  .plan = plan_route_change,
  .perform = perform_route_change,
  .free = route_call_free,
};

static gboolean
handle_remove_route (NnsDBusNetNs          *object,
                     GDBusMethodInvocation *invocation,
                     const char            *namespace_name,
                     const char            *destination,
                     GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_remove_route_operation);
}

/* ListRoutes */

static gboolean
handle_list_routes (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name)
{
  g_autoptr(GError) error = NULL;
  NnsNetlink *netlink = nns_target_lookup_netlink (NNS_MANAGER (object), namespace_name, &error);
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
