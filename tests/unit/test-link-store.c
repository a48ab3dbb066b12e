/* test-link-store.c: a namespace's links as notifications change them:
 * kept by index whatever order they come in, a change told only when it
 * is one, a removal told once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-link-store.h"

static struct rtnl_link *
make_link (const char *name,
           int         ifindex,
           guint       mtu)
{
  struct rtnl_link *link = rtnl_link_alloc ();

  rtnl_link_set_name (link, name);
  rtnl_link_set_ifindex (link, ifindex);
  rtnl_link_set_mtu (link, mtu);
  return link;
}

/* What the store told: "+7 veth1" (came), "+7 wire1 was veth1"
 * (changed), "-7 wire1" (went). */
static void
record (int               ifindex,
        struct rtnl_link *link,
        struct rtnl_link *old,
        gpointer          data)
{
  GString *told = data;

  if (link == NULL)
    g_string_append_printf (told, "-%d %s;", ifindex, rtnl_link_get_name (old));
  else if (old == NULL)
    g_string_append_printf (told, "+%d %s;", ifindex, rtnl_link_get_name (link));
  else
    g_string_append_printf (told, "+%d %s was %s;", ifindex, rtnl_link_get_name (link),
                            rtnl_link_get_name (old));
}

static char *
names_by_index (NnsLinkStore *store)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < nns_link_store_count (store); i++)
    {
      struct rtnl_link *link = nns_link_store_nth (store, i);

      g_string_append_printf (names, "%d:%s ", rtnl_link_get_ifindex (link), rtnl_link_get_name (link));
    }
  return g_string_free (names, FALSE);
}

static void
include (NnsLinkStore *store,
         GString      *told,
         const char   *name,
         int           ifindex,
         guint         mtu,
         gboolean      removed)
{
  g_autoptr(NnsRtnlLink) link = make_link (name, ifindex, mtu);

  nns_link_store_include (store, link, removed, record, told);
}

static void
test_order (void)
{
  g_autoptr(NnsLinkStore) store = nns_link_store_new ();
  g_autoptr(GString) told = g_string_new (NULL);
  g_autofree char *names = NULL;

  include (store, told, "lo", 1, 65536, FALSE);
  include (store, told, "veth9", 9, 1500, FALSE);
  include (store, told, "veth4", 4, 1500, FALSE);
  include (store, told, "veth12", 12, 1500, FALSE);
  include (store, told, "veth2", 2, 1500, FALSE);

  names = names_by_index (store);
  g_assert_cmpstr (names, ==, "1:lo 2:veth2 4:veth4 9:veth9 12:veth12 ");
  g_assert_cmpstr (told->str, ==, "+1 lo;+9 veth9;+4 veth4;+12 veth12;+2 veth2;");
  g_assert_cmpuint (nns_link_store_count (store), ==, 5);
  g_assert_cmpstr (rtnl_link_get_name (nns_link_store_lookup (store, 4)), ==, "veth4");
  g_assert_cmpstr (rtnl_link_get_name (nns_link_store_lookup (store, 12)), ==, "veth12");
  g_assert_null (nns_link_store_lookup (store, 3));
  g_assert_null (nns_link_store_lookup (store, 13));
  g_assert_null (nns_link_store_lookup (store, 0));
}

static void
test_change (void)
{
  g_autoptr(NnsLinkStore) store = nns_link_store_new ();
  g_autoptr(GString) told = g_string_new (NULL);

  include (store, told, "veth1", 7, 1500, FALSE);
  g_string_truncate (told, 0);

  /* The same link again, as the kernel repeats it: nothing to tell. */
  include (store, told, "veth1", 7, 1500, FALSE);
  g_assert_cmpstr (told->str, ==, "");

  include (store, told, "veth1", 7, 1400, FALSE);
  g_assert_cmpstr (told->str, ==, "+7 veth1 was veth1;");
  g_assert_cmpuint (rtnl_link_get_mtu (nns_link_store_lookup (store, 7)), ==, 1400);

  include (store, told, "wire1", 7, 1400, FALSE);
  g_assert_cmpstr (told->str, ==, "+7 veth1 was veth1;+7 wire1 was veth1;");
  g_assert_cmpuint (nns_link_store_count (store), ==, 1);
}

static void
test_removal (void)
{
  g_autoptr(NnsLinkStore) store = nns_link_store_new ();
  g_autoptr(GString) told = g_string_new (NULL);
  g_autofree char *names = NULL;

  include (store, told, "lo", 1, 65536, FALSE);
  include (store, told, "veth0", 5, 1500, FALSE);
  include (store, told, "veth1", 6, 1500, FALSE);
  g_string_truncate (told, 0);

  include (store, told, "veth0", 5, 1500, TRUE);
  /* Gone already, or never here: nothing to tell. */
  include (store, told, "veth0", 5, 1500, TRUE);
  include (store, told, "other", 42, 1500, TRUE);
  g_assert_cmpstr (told->str, ==, "-5 veth0;");

  names = names_by_index (store);
  g_assert_cmpstr (names, ==, "1:lo 6:veth1 ");
  g_assert_null (nns_link_store_lookup (store, 5));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/link-store/order", test_order);
  g_test_add_func ("/link-store/change", test_change);
  g_test_add_func ("/link-store/removal", test_removal);
  return g_test_run ();
}
