/* nns-netlink-link.c: links: look-up, veth pairs, changes, listing, and
 * what the store of them holds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <netlink/errno.h>
#include <string.h>
#include <netlink/route/link/veth.h>

#include "nns-names.h"
#include "nns-netlink-private.h"

/* Looks up the link @name in the kernel (not the cache, which may lag a
 * change another tool just made). */
static struct rtnl_link *
get_link (NnsNetlink *self,
          const char *name,
          GError    **error)
{
  struct rtnl_link *link = NULL;
  int err = rtnl_link_get_kernel (nns_netlink_get_sock (self), 0, name, &link);

  if (err < 0)
    {
      g_autofree char *quoted = nns_quote (name);

      if (err == -NLE_OBJ_NOTFOUND || err == -NLE_NODEV)
        g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "link %s not found in %s",
                     quoted, nns_netlink_get_description (self));
      else
        nns_set_error_nl (error, err, "cannot look up link %s in %s", quoted,
                          nns_netlink_get_description (self));
      return NULL;
    }
  return link;
}

/* The index of the link @name, or 0 with NotFound. */
int
nns_netlink_link_index (NnsNetlink *self,
                        const char *name,
                        GError    **error)
{
  g_autoptr(NnsRtnlLink) link = get_link (self, name, error);

  return link != NULL ? rtnl_link_get_ifindex (link) : 0;
}

static gboolean
send_link_request (NnsNetlink       *self,
                   int               err,
                   struct nl_msg    *msg,
                   NnsNetlinkAnswer *answer)
{
  if (err < 0)
    {
      answer->errsv = ENOMEM;
      return FALSE;
    }
  return nns_netlink_request (self, msg, answer);
}

gboolean
nns_netlink_set_link_up (NnsNetlink *self,
                         int         ifindex,
                         gboolean    up,
                         GError    **error)
{
  g_autoptr(NnsRtnlLink) orig = rtnl_link_alloc ();
  g_autoptr(NnsRtnlLink) change = rtnl_link_alloc ();
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  int err;

  rtnl_link_set_ifindex (orig, ifindex);
  if (up)
    rtnl_link_set_flags (change, IFF_UP);
  else
    rtnl_link_unset_flags (change, IFF_UP);

  err = rtnl_link_build_change_request (orig, change, 0, &msg);
  if (!send_link_request (self, err, msg, &answer))
    {
      nns_set_error_answer (error, &answer, "cannot set link %d %s in %s", ifindex,
                            up ? "up" : "down", nns_netlink_get_description (self));
      return FALSE;
    }
  return TRUE;
}

static void
apply_link_settings (struct rtnl_link *link,
                     const char       *name,
                     guint32           mtu,
                     gboolean          up,
                     const guint8     *address)
{
  rtnl_link_set_name (link, name);
  if (mtu != 0)
    rtnl_link_set_mtu (link, mtu);
  if (up)
    rtnl_link_set_flags (link, IFF_UP);
  if (address != NULL)
    {
      g_autoptr(NnsNlAddr) addr = nl_addr_build (AF_LLC, address, 6);

      rtnl_link_set_addr (link, addr);
    }
}

/* Creates a veth pair in one request: the first end here, the peer
 * directly in its own namespace, so that neither end ever shows up
 * anywhere else. The kernel makes both or neither. With spec->up, only the
 * first end comes up (see below). */
gboolean
nns_netlink_create_veth (NnsNetlink        *self,
                         const NnsVethSpec *spec,
                         GError           **error)
{
  g_autoptr(NnsRtnlLink) link = rtnl_link_veth_alloc ();
  g_autoptr(NnsRtnlLink) peer = NULL;
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  int err;

  if (link == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED, "out of memory");
      return FALSE;
    }
  peer = rtnl_link_veth_get_peer (link);

  /* Only the first end may be up in the request: the kernel opens the
   * peer before the pair is joined, and opening a lone end fails with
   * ENOTCONN (veth_open()). The caller brings the peer up afterwards. */
  apply_link_settings (link, spec->name, spec->mtu, spec->up, spec->address);
  apply_link_settings (peer, spec->peer_name, spec->mtu, FALSE, spec->peer_address);
  if (spec->peer_ns_fd >= 0)
    rtnl_link_set_ns_fd (peer, spec->peer_ns_fd);

  err = rtnl_link_build_add_request (link, NLM_F_CREATE | NLM_F_EXCL, &msg);
  if (!send_link_request (self, err, msg, &answer))
    {
      nns_set_error_answer (error, &answer, "cannot create veth pair %s/%s",
                            spec->name, spec->peer_name);
      return FALSE;
    }
  nns_netlink_process_events (self);
  return TRUE;
}

gboolean
nns_netlink_delete_link (NnsNetlink *self,
                         const char *name,
                         GError    **error)
{
  g_autoptr(NnsRtnlLink) link = get_link (self, name, error);
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  g_autofree char *quoted = nns_quote (name);
  int err;

  if (link == NULL)
    return FALSE;

  err = rtnl_link_build_delete_request (link, &msg);
  if (!send_link_request (self, err, msg, &answer))
    {
      nns_set_error_answer (error, &answer, "cannot delete link %s in %s", quoted,
                            nns_netlink_get_description (self));
      return FALSE;
    }
  nns_netlink_process_events (self);
  return TRUE;
}

static struct rtnl_link *
build_change (const NnsLinkChange *change)
{
  struct rtnl_link *link = rtnl_link_alloc ();

  if (change->set_up)
    {
      if (change->up)
        rtnl_link_set_flags (link, IFF_UP);
      else
        rtnl_link_unset_flags (link, IFF_UP);
    }
  if (change->mtu != 0)
    rtnl_link_set_mtu (link, change->mtu);
  if (change->address != NULL)
    {
      g_autoptr(NnsNlAddr) addr = nl_addr_build (AF_LLC, change->address, 6);

      rtnl_link_set_addr (link, addr);
    }
  if (change->name != NULL)
    rtnl_link_set_name (link, change->name);
  if (change->ns_fd >= 0)
    rtnl_link_set_ns_fd (link, change->ns_fd);
  if (change->set_master)
    rtnl_link_set_master (link, change->master);
  return link;
}

/* The change that puts back what @orig had, for whatever @change touched. */
static struct rtnl_link *
build_restore (struct rtnl_link    *orig,
               const NnsLinkChange *change)
{
  struct rtnl_link *link = rtnl_link_alloc ();

  if (change->set_up)
    {
      if (rtnl_link_get_flags (orig) & IFF_UP)
        rtnl_link_set_flags (link, IFF_UP);
      else
        rtnl_link_unset_flags (link, IFF_UP);
    }
  if (change->mtu != 0)
    rtnl_link_set_mtu (link, rtnl_link_get_mtu (orig));
  if (change->address != NULL && rtnl_link_get_addr (orig) != NULL)
    rtnl_link_set_addr (link, rtnl_link_get_addr (orig));
  if (change->name != NULL)
    rtnl_link_set_name (link, rtnl_link_get_name (orig));
  if (change->set_master)
    rtnl_link_set_master (link, rtnl_link_get_master (orig));
  return link;
}

static void
save_state (struct rtnl_link *link,
            NnsLinkState     *state)
{
  struct nl_addr *addr = rtnl_link_get_addr (link);

  memset (state, 0, sizeof *state);
  state->up = (rtnl_link_get_flags (link) & IFF_UP) != 0;
  state->mtu = rtnl_link_get_mtu (link);
  if (addr != NULL && nl_addr_get_len (addr) == NNS_MAC_LEN)
    {
      memcpy (state->address, nl_addr_get_binary_addr (addr), NNS_MAC_LEN);
      state->has_address = TRUE;
    }
  g_strlcpy (state->name, rtnl_link_get_name (link), sizeof state->name);
  state->master = rtnl_link_get_master (link);
}

/* Applies @change to the link @name in one request, and saves in @before
 * (if not NULL) what the link was. The kernel applies the parts of a
 * request in turn and stops at the first that fails, so on failure
 * whatever it did apply is put back: all or nothing. */
gboolean
nns_netlink_change_link (NnsNetlink          *self,
                         const char          *name,
                         const NnsLinkChange *change,
                         NnsLinkState        *before,
                         GError             **error)
{
  g_autoptr(NnsRtnlLink) orig = get_link (self, name, error);
  g_autoptr(NnsRtnlLink) wanted = NULL;
  g_autoptr(NnsNlMsg) msg = NULL;
  g_auto(NnsNetlinkAnswer) answer = { 0 };
  g_autofree char *quoted = nns_quote (name);
  int err;

  if (orig == NULL)
    return FALSE;
  if (before != NULL)
    save_state (orig, before);

  wanted = build_change (change);
  err = rtnl_link_build_change_request (orig, wanted, 0, &msg);
  if (!send_link_request (self, err, msg, &answer))
    {
      g_autoptr(NnsRtnlLink) restore = build_restore (orig, change);
      g_autoptr(NnsRtnlLink) by_index = rtnl_link_alloc ();
      g_autoptr(NnsNlMsg) undo = NULL;
      g_auto(NnsNetlinkAnswer) undo_answer = { 0 };

      /* The rename may or may not have happened: address the link by its
       * index alone. A failed move leaves the link where it was. */
      rtnl_link_set_ifindex (by_index, rtnl_link_get_ifindex (orig));
      if (change->ns_fd < 0 &&
          rtnl_link_build_change_request (by_index, restore, 0, &undo) >= 0 &&
          !nns_netlink_request (self, undo, &undo_answer))
        g_warning ("cannot restore link %s in %s after a failed change: %s", quoted,
                   nns_netlink_get_description (self), g_strerror (undo_answer.errsv));

      if (answer.errsv == EEXIST && change->name != NULL)
        g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS, "link '%s' already exists in %s",
                     change->name, nns_netlink_get_description (self));
      else
        nns_set_error_answer (error, &answer, "cannot change link %s in %s", quoted,
                              nns_netlink_get_description (self));
      return FALSE;
    }
  nns_netlink_process_events (self);
  return TRUE;
}

/* The namespace's links, kept current from its notifications */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Calls @func for each link, by index. */
void
nns_netlink_foreach_link (NnsNetlink         *self,
                          NnsNetlinkLinkFunc  func,
                          gpointer            data)
{
  NnsLinkStore *links;

  g_return_if_fail (NNS_IS_NETLINK (self));

  links = nns_netlink_get_links (self);
  for (guint i = 0; i < nns_link_store_count (links); i++)
    func (nns_link_store_nth (links, i), data);
}

/* How many links the namespace has, lo included. */
guint
nns_netlink_count_links (NnsNetlink *self)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), 0);

  return nns_link_store_count (nns_netlink_get_links (self));
}

/* The names of the namespace's links, sorted. */
GStrv
nns_netlink_dup_link_names (NnsNetlink *self)
{
  NnsLinkStore *links;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (NNS_IS_NETLINK (self), NULL);

  links = nns_netlink_get_links (self);
  names = g_ptr_array_sized_new (nns_link_store_count (links) + 1);
  for (guint i = 0; i < nns_link_store_count (links); i++)
    {
      const char *name = rtnl_link_get_name (nns_link_store_nth (links, i));

      if (name != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

gboolean
nns_netlink_has_link_index (NnsNetlink *self,
                            int         ifindex)
{
  g_return_val_if_fail (NNS_IS_NETLINK (self), FALSE);

  return nns_link_store_lookup (nns_netlink_get_links (self), ifindex) != NULL;
}

/* Listing */

static const char *
link_kind (struct rtnl_link *link)
{
  const char *type = rtnl_link_get_type (link);

  if (type != NULL)
    return type;
  if (rtnl_link_get_flags (link) & IFF_LOOPBACK)
    return "loopback";
  return "device";
}

/* The name of @link's bridge, or "". */
static const char *
master_name (NnsLinkStore     *links,
             struct rtnl_link *link)
{
  int master = rtnl_link_get_master (link);
  struct rtnl_link *bridge = master > 0 ? nns_link_store_lookup (links, master) : NULL;
  const char *name = bridge != NULL ? rtnl_link_get_name (bridge) : NULL;

  return name != NULL ? name : "";
}

static GVariant *
entry (const char *key,
       GVariant   *value)
{
  return g_variant_new_dict_entry (g_variant_new_string (key), g_variant_new_variant (value));
}

/* One link's dictionary. Made from its entries at once, not through a
 * GVariantBuilder, which parses a format string and grows a list for
 * each one: with thousands of links that was most of the call. */
static GVariant *
link_entry (NnsLinkStore     *links,
            struct rtnl_link *link,
            GPtrArray        *addresses)
{
  char operstate[32];
  char mac[64] = "";
  struct nl_addr *addr = rtnl_link_get_addr (link);
  guint flags = rtnl_link_get_flags (link);
  const char *name = rtnl_link_get_name (link);
  GVariant *entries[9];

  if (addr != NULL)
    nl_addr2str (addr, mac, sizeof mac);
  rtnl_link_operstate2str (rtnl_link_get_operstate (link), operstate, sizeof operstate);

  entries[0] = entry ("name", g_variant_new_string (name != NULL ? name : ""));
  entries[1] = entry ("index", g_variant_new_int32 (rtnl_link_get_ifindex (link)));
  entries[2] = entry ("kind", g_variant_new_string (link_kind (link)));
  entries[3] = entry ("up", g_variant_new_boolean ((flags & IFF_UP) != 0));
  entries[4] = entry ("operstate", g_variant_new_string (operstate));
  entries[5] = entry ("mtu", g_variant_new_uint32 (rtnl_link_get_mtu (link)));
  entries[6] = entry ("address", g_variant_new_string (mac));
  entries[7] = entry ("master", g_variant_new_string (master_name (links, link)));
  /* Each list of addresses ends with NULL (nns_netlink_addresses_by_link()). */
  entries[8] = entry ("addresses", addresses != NULL ?
                      g_variant_new_strv ((const char * const *) addresses->pdata, -1) :
                      g_variant_new_strv (NULL, 0));
  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries, G_N_ELEMENTS (entries));
}

/* The links as the call finds them. Mostly the ones that notifications
 * keep, brought up to date by reading the notifications pending: a change
 * the kernel made before the call came has queued its notification by
 * then. A second name of a namespace hears of none (an nsid feeds one
 * socket), and reads its links from the kernel instead, into @fresh. */
static NnsLinkStore *
current_links (NnsNetlink    *self,
               NnsLinkStore **fresh,
               GError       **error)
{
  int err;

  if (nns_netlink_follows_notifications (self))
    {
      nns_netlink_process_events (self);
      return nns_netlink_get_links (self);
    }
  *fresh = nns_link_store_new ();
  err = nns_link_store_load (*fresh, nns_netlink_get_sock (self), NULL, NULL);
  if (err < 0)
    {
      nns_set_error_nl (error, err, "cannot list the links of %s",
                        nns_netlink_get_description (self));
      return NULL;
    }
  return *fresh;
}

/* Every link, by index, each with its addresses. The addresses are read
 * from the kernel, which is cheap (a namespace with thousands of links
 * has few addresses), and include the ones still being checked for
 * duplicates, as `ip addr` shows them. */
GVariant *
nns_netlink_list_links (NnsNetlink *self,
                        GError    **error)
{
  g_autoptr(NnsLinkStore) fresh = NULL;
  NnsLinkStore *links;
  g_autoptr(GHashTable) addresses = NULL;
  g_autofree GVariant **entries = NULL;
  guint count;

  addresses = nns_netlink_addresses_by_link (self, FALSE, error);
  if (addresses == NULL)
    return NULL;
  links = current_links (self, &fresh, error);
  if (links == NULL)
    return NULL;

  /* The store holds them by index already, as they are listed. */
  count = nns_link_store_count (links);
  entries = g_new (GVariant *, count);
  for (guint i = 0; i < count; i++)
    {
      struct rtnl_link *link = nns_link_store_nth (links, i);

      entries[i] = link_entry (links, link,
                               g_hash_table_lookup (addresses,
                                                    GINT_TO_POINTER (rtnl_link_get_ifindex (link))));
    }
  return g_variant_new_array (G_VARIANT_TYPE_VARDICT, entries, count);
}
