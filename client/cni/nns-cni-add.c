/* nns-cni-add.c: ADD: the container joined to the network.
 *
 * An address is leased from netnsd for each range set (the pool is the
 * network's name, the holder "CONTAINERID/IFNAME"), then everything else
 * is one Apply, all of it or none: the container's namespace attached
 * when the runtime gave it no name, the bridge made (with its gateway
 * address) when it is missing, a veth pair with CNI_IFNAME inside and its
 * host end a port of the bridge, the addresses, the routes, the network's
 * masquerade, the port mappings. If the Apply fails, the leases go back.
 *
 * What a network's containers share (the bridge, its addresses, the
 * masquerade) is planned (nns-cni-add-plan.c) under the network's lock,
 * from what netnsd lists; a plugin of another network sharing the bridge
 * may still make it first, so an Apply that fails with Exists on one of
 * those is planned and sent again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nns-cni-add-private.h"
#include "nns-cni-attachment.h"
#include "nns-cni-commands.h"
#include "nns-cni-error.h"
#include "nns-cni-lock.h"
#include "nns-cni-ranges.h"
#include "nns-fd.h"

/* Plans sent before giving up: another plugin may make the bridge first,
 * and netnsd may see a name the runtime has just made a moment late. */
#define ATTEMPTS 20
#define UNSEEN_WAIT_US (50 * 1000)

static void
lease_clear (gpointer data)
{
  NnsCniLease *lease = data;

  g_free (lease->holder);
}

static void
plan_clear (NnsCniAddPlan *plan)
{
  g_clear_pointer (&plan->leases, g_array_unref);
  g_free (plan->namespace);
  g_free (plan->host_link);
  g_free (plan->host_mac);
  g_free (plan->container_mac);
  g_free (plan->bridge_mac);
  g_clear_pointer (&plan->shared, g_array_unref);
  g_clear_pointer (&plan->routes, nns_cni_result_free);
  g_clear_pointer (&plan->operations, g_variant_builder_unref);
  g_clear_object (&plan->netnsd);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsCniAddPlan, plan_clear)

/* Leases */

static void
release_leases (NnsCniAddPlan *plan)
{
  g_autoptr(GPtrArray) holders = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < plan->leases->len; i++)
    g_ptr_array_add (holders, g_array_index (plan->leases, NnsCniLease, i).holder);
  if (holders->len > 0 &&
      !nns_cni_netnsd_release (plan->netnsd, plan->conf->name, holders, FALSE, &error))
    g_printerr ("netnsd plugin: the leases of %s/%s stay: %s\n", plan->env->container_id,
                plan->env->ifname, error->message);
}

/* The address asked for in @set, if any; each asked-for address must be
 * in one of the sets. */
static const NnsCidr *
requested_in (NnsCniNetConf        *conf,
              const NnsCniRangeSet *set)
{
  for (guint i = 0; i < conf->requested->len; i++)
    if (nns_cni_range_set_contains (set, &g_array_index (conf->requested, NnsCidr, i)))
      return &g_array_index (conf->requested, NnsCidr, i);
  return NULL;
}

static gboolean
check_requested (NnsCniNetConf  *conf,
                 GError        **error)
{
  for (guint i = 0; i < conf->requested->len; i++)
    {
      const NnsCidr *address = &g_array_index (conf->requested, NnsCidr, i);
      gboolean found = FALSE;

      for (guint j = 0; j < conf->range_sets->len && !found; j++)
        found = nns_cni_range_set_contains (conf->range_sets->pdata[j], address);
      if (!found)
        {
          g_autofree char *text = nns_cidr_address_to_string (address);

          nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                             "the address asked for, %s, is in no range of network %s", text,
                             conf->name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
lease_addresses (NnsCniAddPlan  *plan,
                 GError        **error)
{
  NnsCniNetConf *conf = plan->conf;

  if (!check_requested (conf, error))
    return FALSE;
  for (guint i = 0; i < conf->range_sets->len; i++)
    {
      const NnsCniRangeSet *set = conf->range_sets->pdata[i];
      g_autofree char *holder = nns_cni_holder (plan->env->container_id, plan->env->ifname, i);
      GError *local = NULL;
      NnsCniLease lease;

      if (!nns_cni_netnsd_lease (plan->netnsd, conf->name, holder,
                                 nns_cni_range_set_to_variant (set), requested_in (conf, set),
                                 &lease, &local))
        {
          release_leases (plan);
          nns_cni_error_from_netnsd (error, local, "lease an address");
          return FALSE;
        }
      g_array_append_val (plan->leases, lease);
    }
  return TRUE;
}

/* The container's namespace */

static gboolean
choose_namespace (NnsCniAddPlan  *plan,
                  int             netns_fd,
                  GError        **error)
{
  plan->namespace = nns_cni_netns_find_name (netns_fd);
  if (plan->namespace != NULL)
    return TRUE;
  for (int long_form = 0; long_form <= 1; long_form++)
    {
      g_autofree char *name = nns_cni_attach_name (plan->env->container_id, long_form);

      if (!nns_cni_netns_name_exists (name))
        {
          plan->namespace = g_steal_pointer (&name);
          plan->attach = TRUE;
          return TRUE;
        }
    }
  nns_cni_set_error (error, NNS_CNI_ERROR_INTERNAL, "cannot name the container's namespace",
                     "other namespaces hold the names %s%.12s and %s%.60s",
                     NNS_CNI_ATTACH_PREFIX, plan->env->container_id,
                     NNS_CNI_ATTACH_PREFIX, plan->env->container_id);
  return FALSE;
}

/* The runtime names its namespace (ip netns add, as podman and containerd
 * do) just before it runs the plugin; netnsd learns of the name from
 * inotify and the mount table, which may come after the plugin's call. */
static gboolean
failed_on_unseen_namespace (NnsCniAddPlan *plan,
                            const GError  *error)
{
  g_autofree char *quoted = g_strdup_printf ("namespace '%s' not found", plan->namespace);

  return !plan->attach && nns_cni_netnsd_error_is_not_found (error) &&
         strstr (error->message, quoted) != NULL;
}

static gboolean
apply (NnsCniAddPlan  *plan,
       int             netns_fd,
       GError        **error)
{
  /* Held until the Apply is answered, closed on the way out. */
  G_GNUC_UNUSED nns_autofd int lock = nns_cni_lock_network (plan->conf->name);

  for (guint attempt = 1;; attempt++)
    {
      GError *local = NULL;
      GVariant *operations;
      gboolean unseen;

      if (!nns_cni_add_plan_build (plan, error))
        return FALSE;
      operations = g_variant_builder_end (plan->operations);
      g_clear_pointer (&plan->operations, g_variant_builder_unref);
      if (nns_cni_netnsd_apply (plan->netnsd, operations, plan->attach ? netns_fd : -1, &local))
        return TRUE;
      unseen = failed_on_unseen_namespace (plan, local);
      if (attempt == ATTEMPTS || !(unseen || nns_cni_add_plan_failed_on_shared (plan, local)))
        {
          nns_cni_error_from_netnsd (error, local, "connect the container");
          return FALSE;
        }
      if (unseen)
        g_usleep (UNSEEN_WAIT_US);
      else
        {
          /* stderr is the runtime's log. */
          g_dbus_error_strip_remote_error (local);
          g_printerr ("netnsd plugin: %s; planning again\n", local->message);
        }
      g_error_free (local);
    }
}

/* The result */

/* A bridge that was there already may have taken a new MAC as the
 * container's port joined it; one the plugin made has the MAC it was
 * given. The result then goes without it, rather than the ADD failing
 * after the change was made. */
static void
read_bridge_mac (NnsCniAddPlan *plan)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  const NnsCniLink *bridge;

  if (plan->bridge_mac != NULL)
    return;
  links = nns_cni_netnsd_list_links (plan->netnsd, "", &error);
  if (links == NULL)
    {
      g_printerr ("netnsd plugin: cannot read bridge %s's MAC: %s\n", plan->conf->bridge,
                  error->message);
      return;
    }
  bridge = nns_cni_links_find (links, plan->conf->bridge);
  plan->bridge_mac = g_strdup (bridge != NULL ? bridge->mac : NULL);
}

static char *
result_json (NnsCniAddPlan *plan)
{
  NnsCniNetConf *conf = plan->conf;
  g_autoptr(NnsCniResult) own = nns_cni_result_new ();
  g_autoptr(NnsCniResult) result = NULL;
  guint container;

  nns_cni_result_add_interface (own, conf->bridge, plan->bridge_mac, NULL);
  nns_cni_result_add_interface (own, plan->host_link, plan->host_mac, NULL);
  container = nns_cni_result_add_interface (own, plan->env->ifname, plan->container_mac,
                                            plan->env->netns);
  for (guint i = 0; i < plan->leases->len; i++)
    {
      const NnsCniLease *lease = &g_array_index (plan->leases, NnsCniLease, i);

      nns_cni_result_add_ip (own, &lease->address, &lease->gateway, (int) container);
    }
  json_array_unref (own->routes);
  own->routes = json_array_ref (plan->routes->routes);
  nns_cni_result_set_dns (own, conf->dns);

  /* A plugin before this one in the chain: its result, then this one's. */
  result = conf->prev_result != NULL ? g_steal_pointer (&conf->prev_result)
                                     : nns_cni_result_new ();
  nns_cni_result_append (result, own);
  return nns_cni_result_to_json (result, conf->version);
}

char *
nns_cni_add (const NnsCniEnv  *env,
             NnsCniNetConf    *conf,
             GError          **error)
{
  g_auto(NnsCniAddPlan) plan = { .env = env, .conf = conf };
  nns_autofd int netns_fd = nns_cni_netns_open (env->netns, error);

  if (netns_fd < 0)
    return NULL;
  plan.leases = g_array_new (FALSE, FALSE, sizeof (NnsCniLease));
  g_array_set_clear_func (plan.leases, lease_clear);
  plan.shared = g_array_new (FALSE, FALSE, sizeof (guint));
  plan.host_link = nns_cni_host_link_name (env->container_id, env->ifname);
  plan.host_mac = nns_cni_random_mac ();
  plan.container_mac = conf->mac != NULL ? g_strdup (conf->mac) : nns_cni_random_mac ();

  plan.netnsd = nns_cni_connect (error);
  if (plan.netnsd == NULL || !choose_namespace (&plan, netns_fd, error) ||
      !lease_addresses (&plan, error))
    return NULL;
  if (!apply (&plan, netns_fd, error))
    {
      release_leases (&plan);
      return NULL;
    }
  read_bridge_mac (&plan);
  return result_json (&plan);
}
