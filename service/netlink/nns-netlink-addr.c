/* nns-netlink-addr.c: IP addresses on links.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>

#include "nns-names.h"
#include "nns-netlink-private.h"

/* Addresses, between netnsd's form and libnl's */

struct nl_addr *
nns_cidr_to_nl_addr (const NnsCidr *cidr)
{
  struct nl_addr *addr = nl_addr_build (cidr->family, cidr->bytes,
                                        cidr->family == AF_INET ? 4 : 16);

  nl_addr_set_prefixlen (addr, (int) cidr->prefix);
  return addr;
}

/* "10.0.0.1/32", never libnl's "10.0.0.1": netnsd always shows the prefix. */
char *
nns_nl_addr_to_cidr (struct nl_addr *addr)
{
  char text[INET6_ADDRSTRLEN];
  int family = nl_addr_get_family (addr);

  if ((family != AF_INET && family != AF_INET6) ||
      inet_ntop (family, nl_addr_get_binary_addr (addr), text, sizeof text) == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s/%u", text, nl_addr_get_prefixlen (addr));
}

/* An IPv6 address the kernel is still checking for duplicates, or found
 * one of: not usable. The kernel announces some when the check starts
 * (those added by hand) and others only when it ends (link-local ones). */
static gboolean
is_confirmed (struct rtnl_addr *addr)
{
  return (rtnl_addr_get_flags (addr) & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) == 0;
}

typedef struct {
  int       ifindex;
  gboolean  confirmed;
  char     *cidr;
} ParsedAddress;

static void
on_parsed_address (struct nl_object *object,
                   void             *user_data)
{
  ParsedAddress *parsed = user_data;
  struct rtnl_addr *addr = (struct rtnl_addr *) object;

  if (parsed->cidr != NULL || rtnl_addr_get_local (addr) == NULL)
    return;
  parsed->ifindex = rtnl_addr_get_ifindex (addr);
  parsed->confirmed = is_confirmed (addr);
  parsed->cidr = nns_nl_addr_to_cidr (rtnl_addr_get_local (addr));
}

/* The address an RTM_NEWADDR or RTM_DELADDR notification is about, as
 * nns_netlink_addresses_by_link() shows it (libnl reads both, so that they
 * agree), and the index of its link; NULL if it is not an IP address.
 * @usable: whether the link has it now, checked for duplicates. */
char *
nns_netlink_parse_address_message (struct nlmsghdr *hdr,
                                   int             *ifindex,
                                   gboolean        *usable)
{
  g_autoptr(NnsNlMsg) msg = nlmsg_convert (hdr);
  ParsedAddress parsed = { 0, FALSE, NULL };

  if (msg == NULL)
    return NULL;
  nlmsg_set_proto (msg, NETLINK_ROUTE);
  nl_msg_parse (msg, on_parsed_address, &parsed);
  if (parsed.cidr != NULL && *parsed.cidr == '\0')
    g_clear_pointer (&parsed.cidr, g_free);
  *ifindex = parsed.ifindex;
  *usable = hdr->nlmsg_type == RTM_NEWADDR && parsed.confirmed;
  return parsed.cidr;
}

static struct rtnl_addr *
build_address (int            ifindex,
               const NnsCidr *address,
               const NnsCidr *peer,
               const NnsCidr *broadcast)
{
  struct rtnl_addr *addr = rtnl_addr_alloc ();
  g_autoptr(NnsNlAddr) local = nns_cidr_to_nl_addr (address);

  rtnl_addr_set_ifindex (addr, ifindex);
  rtnl_addr_set_family (addr, address->family);
  rtnl_addr_set_local (addr, local);
  rtnl_addr_set_prefixlen (addr, (int) address->prefix);
  if (peer != NULL)
    {
      g_autoptr(NnsNlAddr) peer_addr = nns_cidr_to_nl_addr (peer);

      nl_addr_set_prefixlen (peer_addr, (int) address->prefix);
      rtnl_addr_set_peer (addr, peer_addr);
    }
  if (broadcast != NULL)
    {
      g_autoptr(NnsNlAddr) broadcast_addr = nns_cidr_to_nl_addr (broadcast);

      rtnl_addr_set_broadcast (addr, broadcast_addr);
    }
  return addr;
}

gboolean
nns_netlink_add_address (NnsNetlink    *self,
                         const char    *link,
                         const NnsCidr *address,
                         const NnsCidr *peer,
                         const NnsCidr *broadcast,
                         GError       **error)
{
  g_autoptr(NnsRtnlAddr) addr = NULL;
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  g_autofree char *text = nns_cidr_to_string (address);
  g_autofree char *quoted = nns_quote (link);
  int ifindex = nns_netlink_link_index (self, link, error);

  if (ifindex <= 0)
    return FALSE;

  addr = build_address (ifindex, address, peer, broadcast);
  if (rtnl_addr_build_add_request (addr, NLM_F_CREATE | NLM_F_EXCL, &msg) < 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED, "out of memory");
      return FALSE;
    }
  if (!nns_netlink_request (self, msg, &answer))
    {
      if (answer.errsv == EEXIST)
        g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS, "address %s already on %s in %s",
                     text, quoted, nns_netlink_get_description (self));
      else
        nns_set_error_answer (error, &answer, "cannot add address %s to %s in %s",
                              text, quoted, nns_netlink_get_description (self));
      return FALSE;
    }
  return TRUE;
}

gboolean
nns_netlink_remove_address (NnsNetlink    *self,
                            const char    *link,
                            const NnsCidr *address,
                            GError       **error)
{
  g_autoptr(NnsRtnlAddr) addr = NULL;
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  g_autofree char *text = nns_cidr_to_string (address);
  g_autofree char *quoted = nns_quote (link);
  int ifindex = nns_netlink_link_index (self, link, error);

  if (ifindex <= 0)
    return FALSE;

  addr = build_address (ifindex, address, NULL, NULL);
  if (rtnl_addr_build_delete_request (addr, 0, &msg) < 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED, "out of memory");
      return FALSE;
    }
  if (!nns_netlink_request (self, msg, &answer))
    {
      if (answer.errsv == EADDRNOTAVAIL || answer.errsv == ENOENT || answer.errsv == ESRCH)
        g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "address %s is not on %s in %s",
                     text, quoted, nns_netlink_get_description (self));
      else
        nns_set_error_answer (error, &answer, "cannot remove address %s from %s in %s",
                              text, quoted, nns_netlink_get_description (self));
      return FALSE;
    }
  return TRUE;
}

static void
free_string_array (gpointer data)
{
  g_ptr_array_unref (data);
}

/* Every address, as CIDR strings grouped by link index (each array ends
 * with NULL, ready for g_variant_new_strv()); with @usable_only, not the
 * IPv6 ones still being checked for duplicates (nor those found to be). */
GHashTable *
nns_netlink_addresses_by_link (NnsNetlink *self,
                               gboolean    usable_only,
                               GError    **error)
{
  g_autoptr(GHashTable) by_link = g_hash_table_new_full (NULL, NULL, NULL, free_string_array);
  g_autoptr(NnsNlCache) cache = NULL;
  GHashTableIter iter;
  GPtrArray *list;
  int err;

  err = rtnl_addr_alloc_cache (nns_netlink_get_sock (self), &cache);
  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot list the addresses of %s",
                        nns_netlink_get_description (self));
      return NULL;
    }

  for (struct nl_object *obj = nl_cache_get_first (cache); obj != NULL;
       obj = nl_cache_get_next (obj))
    {
      struct rtnl_addr *addr = (struct rtnl_addr *) obj;
      gpointer key = GINT_TO_POINTER (rtnl_addr_get_ifindex (addr));

      if (usable_only && !is_confirmed (addr))
        continue;
      list = g_hash_table_lookup (by_link, key);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_link, key, list);
        }
      g_ptr_array_add (list, nns_nl_addr_to_cidr (rtnl_addr_get_local (addr)));
    }

  g_hash_table_iter_init (&iter, by_link);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
    g_ptr_array_add (list, NULL);
  return g_steal_pointer (&by_link);
}

static int
compare_indexes (gconstpointer a,
                 gconstpointer b)
{
  return GPOINTER_TO_INT (*(gpointer *) a) - GPOINTER_TO_INT (*(gpointer *) b);
}

/* The addresses of @link, or of every link (in index order) when @link is
 * NULL. */
GStrv
nns_netlink_list_addresses (NnsNetlink *self,
                            const char *link,
                            GError    **error)
{
  g_autoptr(GHashTable) by_link = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autofree gpointer *indexes = NULL;
  guint n_indexes;
  int ifindex = 0;

  if (link != NULL && (ifindex = nns_netlink_link_index (self, link, error)) <= 0)
    return NULL;
  by_link = nns_netlink_addresses_by_link (self, FALSE, error);
  if (by_link == NULL)
    return NULL;

  indexes = g_hash_table_get_keys_as_array (by_link, &n_indexes);
  qsort (indexes, n_indexes, sizeof (gpointer), compare_indexes);
  for (guint i = 0; i < n_indexes; i++)
    {
      GPtrArray *list = g_hash_table_lookup (by_link, indexes[i]);

      if (ifindex != 0 && GPOINTER_TO_INT (indexes[i]) != ifindex)
        continue;
      for (guint j = 0; j < list->len && list->pdata[j] != NULL; j++)
        g_ptr_array_add (all, g_strdup (list->pdata[j]));
    }
  g_ptr_array_add (all, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&all), FALSE);
}
