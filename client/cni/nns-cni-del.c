/* nns-cni-del.c: DEL, and GC, which is DEL for every attachment of the
 * network that the runtime no longer knows.
 *
 * DEL succeeds when there is nothing left to remove, so that a runtime may
 * call it again and again (SPEC.md: "Plugins MUST accept multiple DEL
 * calls"): the namespace may be gone, the veth with it, the lease
 * released. It fails only when netnsd cannot be asked (code 11, so that
 * the runtime tries again) or refuses a removal.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-cni-attachment.h"
#include "nns-cni-commands.h"
#include "nns-cni-error.h"
#include "nns-cni-lock.h"
#include "nns-fd.h"

static gboolean
leased_to_another (GPtrArray     *leases,
                   const NnsCidr *address,
                   GPtrArray     *own_holders)
{
  for (guint i = 0; i < leases->len; i++)
    {
      const NnsCniLease *lease = leases->pdata[i];

      if (nns_cidr_equal (&lease->address, address) &&
          !g_ptr_array_find_with_equal_func (own_holders, lease->holder, g_str_equal, NULL))
        return TRUE;
    }
  return FALSE;
}

/* prevResult's addresses of the container's interface, for a DEL that
 * comes after the lease went (a second DEL, or a GC between): unless
 * netnsd has leased them to another container since. */
static void
add_prev_addresses (NnsCniNetConf   *conf,
                    const NnsCniEnv *env,
                    GPtrArray       *leases,
                    GPtrArray       *own_holders,
                    GArray          *addresses)
{
  NnsCniResult *prev = conf->prev_result;
  int interface;

  if (prev == NULL)
    return;
  interface = nns_cni_result_find_interface (prev, env->ifname, env->netns);
  for (guint i = 0; interface >= 0 && i < nns_cni_result_n_ips (prev); i++)
    {
      NnsCidr address, gateway;
      int of;

      nns_cni_result_ip (prev, i, &address, &gateway, &of);
      if (of == interface && address.family != 0 &&
          !leased_to_another (leases, &address, own_holders))
        g_array_append_val (addresses, address);
    }
}

/* The name CNI_NETNS has in /run/netns, if it still exists. */
static char *
netns_name_of (const char *path)
{
  nns_autofd int fd = -1;

  if (path == NULL)
    return NULL;
  fd = nns_cni_netns_open (path, NULL);
  return fd >= 0 ? nns_cni_netns_find_name (fd) : NULL;
}

/* Keeps the first error to answer with; the others go to stderr. */
static void
collect (GError **first,
         GError  *error)
{
  if (error == NULL)
    return;
  if (*first == NULL)
    {
      *first = error;
      return;
    }
  g_printerr ("netnsd plugin: %s\n", error->message);
  g_error_free (error);
}

static gboolean
release (NnsCniNetnsd  *netnsd,
         NnsCniNetConf *conf,
         GPtrArray     *holders,
         gboolean       keep_only,
         GError       **error)
{
  GError *local = NULL;

  if (nns_cni_netnsd_release (netnsd, conf->name, holders, keep_only, &local))
    return TRUE;
  nns_cni_error_from_netnsd (error, local, "release the leases");
  return FALSE;
}

gboolean
nns_cni_del (const NnsCniEnv *env,
             NnsCniNetConf   *conf,
             GError         **error)
{
  g_autoptr(NnsCniNetnsd) netnsd = nns_cni_connect (error);
  g_autoptr(GPtrArray) leases = NULL;
  g_autoptr(GPtrArray) holders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) addresses = NULL;
  g_autofree char *netns_name = NULL;
  nns_autofd int lock = -1;
  GError *local = NULL;
  GError *first = NULL;

  if (netnsd == NULL)
    return FALSE;
  leases = nns_cni_netnsd_list_leases (netnsd, conf->name, &local);
  if (leases == NULL)
    {
      nns_cni_error_from_netnsd (error, local, "list the network's leases");
      return FALSE;
    }
  addresses = nns_cni_leased_addresses (leases, env->container_id, env->ifname, holders);
  add_prev_addresses (conf, env, leases, holders, addresses);
  /* The holders of every range set, leased or not: releasing what is not
   * leased is no error, and a lease made after the list goes too. */
  for (guint i = 0; i < conf->range_sets->len; i++)
    g_ptr_array_add (holders, nns_cni_holder (env->container_id, env->ifname, i));
  netns_name = netns_name_of (env->netns);

  lock = nns_cni_lock_network (conf->name);
  nns_cni_teardown_attachment (netnsd, conf, env->container_id, env->ifname, addresses,
                               netns_name, &local);
  collect (&first, g_steal_pointer (&local));
  release (netnsd, conf, holders, FALSE, &local);
  collect (&first, g_steal_pointer (&local));
  nns_cni_teardown_masquerades (netnsd, conf, &local);
  collect (&first, g_steal_pointer (&local));
  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}

/* GC */

static char *
attachment_key (const char *container_id,
                const char *ifname)
{
  return g_strdup_printf ("%s/%s", container_id, ifname);
}

gboolean
nns_cni_gc (NnsCniNetConf *conf,
            GError       **error)
{
  g_autoptr(NnsCniNetnsd) netnsd = nns_cni_connect (error);
  g_autoptr(GHashTable) valid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) leases = NULL;
  nns_autofd int lock = -1;
  GError *local = NULL;
  GError *first = NULL;
  GHashTableIter iter;
  gpointer key;

  if (netnsd == NULL)
    return FALSE;
  for (guint i = 0; i < conf->valid_attachments->len; i++)
    {
      const NnsCniAttachmentKey *attachment =
        &g_array_index (conf->valid_attachments, NnsCniAttachmentKey, i);

      g_hash_table_add (valid, attachment_key (attachment->container_id, attachment->ifname));
    }
  leases = nns_cni_netnsd_list_leases (netnsd, conf->name, &local);
  if (leases == NULL)
    {
      nns_cni_error_from_netnsd (error, local, "list the network's leases");
      return FALSE;
    }
  for (guint i = 0; i < leases->len; i++)
    {
      const NnsCniLease *lease = leases->pdata[i];
      g_autofree char *id = NULL, *ifname = NULL, *attachment = NULL;

      /* Another program's holders in the pool are not the runtime's to
       * judge: they stay. */
      if (nns_cni_holder_parse (lease->holder, &id, &ifname))
        attachment = attachment_key (id, ifname);
      if (attachment == NULL || g_hash_table_contains (valid, attachment))
        g_ptr_array_add (keep, g_strdup (lease->holder));
      else
        g_hash_table_add (stale, g_steal_pointer (&attachment));
    }

  lock = nns_cni_lock_network (conf->name);
  g_hash_table_iter_init (&iter, stale);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *id = NULL, *ifname = NULL;
      g_autoptr(GArray) addresses = NULL;
      g_autofree char *holder = g_strdup (key);

      nns_cni_holder_parse (holder, &id, &ifname);
      addresses = nns_cni_leased_addresses (leases, id, ifname, NULL);
      nns_cni_teardown_attachment (netnsd, conf, id, ifname, addresses, NULL, &local);
      collect (&first, g_steal_pointer (&local));
    }
  release (netnsd, conf, keep, TRUE, &local);
  collect (&first, g_steal_pointer (&local));
  nns_cni_teardown_masquerades (netnsd, conf, &local);
  collect (&first, g_steal_pointer (&local));
  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}
