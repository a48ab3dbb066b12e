/* nns-cni-teardown.c: what DEL and GC share: connecting to netnsd, and
 * removing what an attachment made, found again from the attachment's
 * names (nns-cni-attachment.c) and its leases, so that it works without
 * prevResult and after a crash of the runtime.
 *
 * Each removal checks that what it removes is the plugin's: a port
 * forward whose target is one of the attachment's addresses, a veth of
 * the attachment's name that is a port of the network's bridge, a
 * namespace name of the plugin's making with nothing but lo left in it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <netns/netns.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-cni-attachment.h"
#include "nns-cni-commands.h"
#include "nns-cni-error.h"
#include "nns-cni-ranges.h"

NnsCniNetnsd *
nns_cni_connect (GError **error)
{
  GError *local = NULL;
  NnsCniNetnsd *netnsd = nns_cni_netnsd_new (&local);

  if (netnsd == NULL)
    nns_cni_error_from_netnsd (error, local, "connect to the system bus");
  return netnsd;
}

char *
nns_cni_target_text (const NnsCidr *address,
                     guint16        port)
{
  g_autofree char *text = nns_cidr_address_to_string (address);

  if (address->family == AF_INET6)
    return g_strdup_printf ("[%s]:%u", text, port);
  return g_strdup_printf ("%s:%u", text, port);
}

GArray *
nns_cni_leased_addresses (GPtrArray  *leases,
                          const char *container_id,
                          const char *ifname,
                          GPtrArray  *holders)
{
  GArray *addresses = g_array_new (FALSE, FALSE, sizeof (NnsCidr));

  for (guint i = 0; i < leases->len; i++)
    {
      const NnsCniLease *lease = leases->pdata[i];
      g_autofree char *id = NULL, *name = NULL;

      if (!nns_cni_holder_parse (lease->holder, &id, &name) ||
          strcmp (id, container_id) != 0 || strcmp (name, ifname) != 0)
        continue;
      g_array_append_val (addresses, lease->address);
      if (holders != NULL)
        g_ptr_array_add (holders, g_strdup (lease->holder));
    }
  return addresses;
}

/* Keeps the first error, and says the others on stderr: a removal goes
 * on after one part fails, as the specification asks of DEL and GC. */
/* Takes @operation, as libnetns made it. */
static void
add_operation (GVariantBuilder *operations,
               GVariant        *operation)
{
  g_variant_builder_add_value (operations, operation);
  g_variant_unref (operation);
}

static void
keep_error (GError    **error,
            GError     *local,
            const char *doing)
{
  g_autoptr(GError) converted = NULL;

  nns_cni_error_from_netnsd (&converted, local, doing);
  if (error != NULL && *error == NULL)
    {
      *error = g_steal_pointer (&converted);
      return;
    }
  g_printerr ("netnsd plugin: %s\n", converted->message);
}

/* @local is no error for a removal: what it removes is gone already. */
static gboolean
is_gone (const GError *local)
{
  return nns_cni_netnsd_error_is_not_found (local);
}

static gboolean
targets_one_of (const NnsCniForward *forward,
                GArray              *addresses)
{
  for (guint i = 0; i < addresses->len; i++)
    {
      const NnsCidr *address = &g_array_index (addresses, NnsCidr, i);
      g_autofree char *prefix = nns_cni_target_text (address, 0);

      /* "10.88.0.2:0" less its port: "10.88.0.2:" */
      prefix[strlen (prefix) - 1] = '\0';
      if (g_str_has_prefix (forward->target, prefix))
        return TRUE;
    }
  return FALSE;
}

static void
remove_forwards (NnsCniNetnsd *netnsd,
                 GArray       *addresses,
                 GError      **error)
{
  g_autoptr(GPtrArray) forwards = NULL;
  GError *local = NULL;

  if (addresses->len == 0)
    return;
  forwards = nns_cni_netnsd_list_forwards (netnsd, "", &local);
  if (forwards == NULL)
    {
      keep_error (error, local, "list the host's port forwards");
      return;
    }
  for (guint i = 0; i < forwards->len; i++)
    {
      const NnsCniForward *forward = forwards->pdata[i];
      g_autoptr(GVariantBuilder) operations = NULL;
      GVariantBuilder options;

      if (!targets_one_of (forward, addresses))
        continue;
      g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
      if (forward->address[0] != '\0')
        g_variant_builder_add (&options, "{sv}", "address",
                               g_variant_new_string (forward->address));
      operations = g_variant_builder_new (G_VARIANT_TYPE ("a(sa{sv})"));
      add_operation (operations,
                     netns_operation_remove_port_forward ("", forward->protocol, forward->port,
                                                          g_variant_builder_end (&options)));
      if (!nns_cni_netnsd_apply (netnsd, g_variant_builder_end (operations), -1, &local))
        {
          if (is_gone (local))
            g_clear_error (&local);
          else
            keep_error (error, local, "remove a port forward");
        }
    }
}

static void
remove_host_link (NnsCniNetnsd  *netnsd,
                  NnsCniNetConf *conf,
                  const char    *name,
                  GError       **error)
{
  g_autoptr(GPtrArray) links = NULL;
  const NnsCniLink *link;
  GError *local = NULL;

  links = nns_cni_netnsd_list_links (netnsd, "", &local);
  if (links == NULL)
    {
      keep_error (error, local, "list the host's links");
      return;
    }
  link = nns_cni_links_find (links, name);
  if (link == NULL || g_strcmp0 (link->kind, "veth") != 0 ||
      g_strcmp0 (link->master, conf->bridge) != 0)
    return;
  if (!nns_cni_netnsd_delete_link (netnsd, "", name, &local))
    {
      if (is_gone (local))
        g_clear_error (&local);
      else
        keep_error (error, local, "delete the container's veth pair");
    }
}

static gboolean
only_loopback (GPtrArray *links)
{
  for (guint i = 0; i < links->len; i++)
    if (g_strcmp0 (((const NnsCniLink *) links->pdata[i])->kind, "loopback") != 0)
      return FALSE;
  return TRUE;
}

/* The name the plugin gave the container's namespace goes once nothing
 * of a network is left there; the namespace itself lives on as long as
 * the container's processes do. */
static void
detach_namespace (NnsCniNetnsd *netnsd,
                  const char   *container_id,
                  const char   *netns_name,
                  GError      **error)
{
  for (int long_form = 0; long_form <= 1; long_form++)
    {
      g_autofree char *name = nns_cni_attach_name (container_id, long_form);
      g_autoptr(GPtrArray) links = NULL;
      GError *local = NULL;

      if ((netns_name != NULL && strcmp (name, netns_name) != 0) ||
          !nns_cni_netns_name_exists (name))
        continue;
      links = nns_cni_netnsd_list_links (netnsd, name, &local);
      if (links == NULL)
        {
          if (is_gone (local))
            g_clear_error (&local);
          else
            keep_error (error, local, "list the links of the container's namespace");
          continue;
        }
      if (!only_loopback (links))
        continue;
      if (!nns_cni_netnsd_delete_namespace (netnsd, name, &local))
        {
          if (is_gone (local))
            g_clear_error (&local);
          else
            keep_error (error, local, "remove the name of the container's namespace");
        }
    }
}

gboolean
nns_cni_teardown_attachment (NnsCniNetnsd  *netnsd,
                             NnsCniNetConf *conf,
                             const char    *container_id,
                             const char    *ifname,
                             GArray        *addresses,
                             const char    *netns_name,
                             GError       **error)
{
  g_autofree char *host_link = nns_cni_host_link_name (container_id, ifname);
  GError *first = NULL;

  remove_forwards (netnsd, addresses, &first);
  remove_host_link (netnsd, conf, host_link, &first);
  detach_namespace (netnsd, container_id, netns_name, &first);
  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
}

static gboolean
pool_has_lease_in (GPtrArray     *leases,
                   const NnsCidr *subnet)
{
  for (guint i = 0; i < leases->len; i++)
    if (nns_cni_subnet_contains (subnet, &((const NnsCniLease *) leases->pdata[i])->address))
      return TRUE;
  return FALSE;
}

static gboolean
has_masquerade (GPtrArray  *masquerades,
                const char *source)
{
  for (guint i = 0; i < masquerades->len; i++)
    {
      const NnsCniMasquerade *masquerade = masquerades->pdata[i];

      if (g_strcmp0 (masquerade->source, source) == 0 &&
          g_strcmp0 (masquerade->out_link, "") == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
nns_cni_teardown_masquerades (NnsCniNetnsd  *netnsd,
                              NnsCniNetConf *conf,
                              GError       **error)
{
  g_autoptr(GPtrArray) leases = NULL;
  g_autoptr(GPtrArray) masquerades = NULL;
  GError *local = NULL;

  if (!conf->ip_masq)
    return TRUE;
  leases = nns_cni_netnsd_list_leases (netnsd, conf->name, &local);
  masquerades = leases != NULL ? nns_cni_netnsd_list_masquerades (netnsd, "", &local) : NULL;
  if (masquerades == NULL)
    {
      nns_cni_error_from_netnsd (error, local, "list the network's leases and masquerades");
      return FALSE;
    }
  for (guint i = 0; i < conf->range_sets->len; i++)
    {
      NnsCniRangeSet *set = conf->range_sets->pdata[i];

      for (guint j = 0; j < set->ranges->len; j++)
        {
          const NnsCidr *subnet = &g_array_index (set->ranges, NnsCniRange, j).subnet;
          g_autofree char *source = nns_cidr_to_string (subnet);
          g_autoptr(GVariantBuilder) operations = NULL;

          if (pool_has_lease_in (leases, subnet) || !has_masquerade (masquerades, source))
            continue;
          operations = g_variant_builder_new (G_VARIANT_TYPE ("a(sa{sv})"));
          add_operation (operations, netns_operation_remove_masquerade ("", source, NULL));
          if (!nns_cni_netnsd_apply (netnsd, g_variant_builder_end (operations), -1, &local) &&
              !is_gone (local))
            {
              nns_cni_error_from_netnsd (error, local, "remove the network's masquerade");
              return FALSE;
            }
          g_clear_error (&local);
        }
    }
  return TRUE;
}
