/* nns-link-store.c: the links of one namespace, by index.
 *
 * What a libnl link cache (struct nl_cache) held for each namespace, at a
 * fraction of its size: an nl_cache carries a hash table of 1,024 buckets
 * whatever it holds, about 8 KiB for a namespace of two links, which made
 * it the largest part of a namespace's cost to netnsd. (A load still
 * dumps through one, freed at once.) Here the
 * links are an array sorted by index: a look-up is a binary search, the
 * kernel hands out growing indexes so a new link goes at the end, and
 * listing them in index order (ListLinks, `ip link`) needs no sort.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-link-store.h"

struct _NnsLinkStore
{
  GPtrArray *links;   /* struct rtnl_link *, by ascending index, one reference each */
};

NnsLinkStore *
nns_link_store_new (void)
{
  NnsLinkStore *store = g_new0 (NnsLinkStore, 1);

  store->links = g_ptr_array_new_with_free_func ((GDestroyNotify) rtnl_link_put);
  return store;
}

void
nns_link_store_free (NnsLinkStore *store)
{
  if (store == NULL)
    return;
  g_ptr_array_unref (store->links);
  g_free (store);
}

static int
index_at (GPtrArray *links,
          guint      i)
{
  return rtnl_link_get_ifindex (links->pdata[i]);
}

/* Where @ifindex is in @links, or where it would go; *found says which. */
static guint
find (GPtrArray *links,
      int        ifindex,
      gboolean  *found)
{
  guint low = 0;
  guint high = links->len;

  /* Most look-ups and every new link are at the end. */
  if (high == 0 || index_at (links, high - 1) < ifindex)
    {
      *found = FALSE;
      return high;
    }
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (index_at (links, mid) < ifindex)
        low = mid + 1;
      else
        high = mid;
    }
  *found = low < links->len && index_at (links, low) == ifindex;
  return low;
}

static gint
compare_ifindex (gconstpointer a,
                 gconstpointer b)
{
  int left = rtnl_link_get_ifindex (*(struct rtnl_link * const *) a);
  int right = rtnl_link_get_ifindex (*(struct rtnl_link * const *) b);

  return (left > right) - (left < right);
}

/* The links of the namespace @sock is in, by index, from one dump. */
static int
dump_links (struct nl_sock *sock,
            GPtrArray     **links)
{
  g_autoptr(NnsNlCache) cache = NULL;
  int err;

  err = rtnl_link_alloc_cache (sock, AF_UNSPEC, &cache);
  if (err < 0)
    return err;
  *links = g_ptr_array_new_full ((guint) nl_cache_nitems (cache),
                                 (GDestroyNotify) rtnl_link_put);
  for (struct nl_object *obj = nl_cache_get_first (cache); obj != NULL;
       obj = nl_cache_get_next (obj))
    {
      nl_object_get (obj);
      g_ptr_array_add (*links, obj);
    }
  g_ptr_array_sort (*links, compare_ifindex);
  return 0;
}

/* Reads the links from the kernel in place of what the store held, and
 * tells @changed (if not NULL) of each link that came, changed or went
 * since, as a notification would have. Returns 0 or a libnl error, when
 * the store is as it was. */
int
nns_link_store_load (NnsLinkStore           *store,
                     struct nl_sock         *sock,
                     NnsLinkStoreChangeFunc  changed,
                     gpointer                data)
{
  g_autoptr(GPtrArray) old = NULL;
  GPtrArray *now = NULL;
  guint i = 0, j = 0;
  int err;

  err = dump_links (sock, &now);
  if (err < 0)
    return err;
  /* The new links are in place before anyone is told, so that whoever is
   * told sees the store as the kernel has it. */
  old = g_steal_pointer (&store->links);
  store->links = now;
  if (changed == NULL)
    return 0;

  while (i < old->len || j < now->len)
    {
      int before = i < old->len ? index_at (old, i) : G_MAXINT;
      int after = j < now->len ? index_at (now, j) : G_MAXINT;

      if (before < after)
        changed (before, NULL, old->pdata[i], data);
      else if (after < before)
        changed (after, now->pdata[j], NULL, data);
      else if (nl_object_diff (old->pdata[i], now->pdata[j]) != 0)
        changed (after, now->pdata[j], old->pdata[i], data);
      if (before <= after)
        i++;
      if (after <= before)
        j++;
    }
  return 0;
}

/* Takes in @link as a notification tells of it: new or changed, or
 * @removed. @changed (if not NULL) hears of it when it makes a
 * difference. */
void
nns_link_store_include (NnsLinkStore           *store,
                        struct rtnl_link       *link,
                        gboolean                removed,
                        NnsLinkStoreChangeFunc  changed,
                        gpointer                data)
{
  int ifindex = rtnl_link_get_ifindex (link);
  gboolean found;
  guint at = find (store->links, ifindex, &found);
  g_autoptr(NnsRtnlLink) old = NULL;

  if (removed)
    {
      if (!found)
        return;
      old = g_ptr_array_steal_index (store->links, at);
      if (changed != NULL)
        changed (ifindex, NULL, old, data);
      return;
    }

  nl_object_get ((struct nl_object *) link);
  if (!found)
    g_ptr_array_insert (store->links, (gint) at, link);
  else
    {
      old = store->links->pdata[at];
      store->links->pdata[at] = link;
      if (nl_object_diff ((struct nl_object *) old, (struct nl_object *) link) == 0)
        return;
    }
  if (changed != NULL)
    changed (ifindex, link, old, data);
}

guint
nns_link_store_count (NnsLinkStore *store)
{
  return store->links->len;
}

/* The @i-th link by index, 0 ≤ @i < nns_link_store_count(). */
struct rtnl_link *
nns_link_store_nth (NnsLinkStore *store,
                    guint         i)
{
  g_return_val_if_fail (i < store->links->len, NULL);

  return store->links->pdata[i];
}

/* The link @ifindex (the store's), or NULL. */
struct rtnl_link *
nns_link_store_lookup (NnsLinkStore *store,
                       int           ifindex)
{
  gboolean found;
  guint at = find (store->links, ifindex, &found);

  return found ? store->links->pdata[at] : NULL;
}
