/* test-grant-cache.c: polkit's remembered yeses stay few, whatever a
 * caller asks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-grant-cache.h"

static void
test_remembers_per_sender (void)
{
  NnsGrantCache *cache = nns_grant_cache_new ();

  nns_grant_cache_remember (cache, ":1.1", "manage\x1fnamespace=red");
  g_assert_true (nns_grant_cache_lookup (cache, ":1.1", "manage\x1fnamespace=red"));
  g_assert_false (nns_grant_cache_lookup (cache, ":1.1", "manage\x1fnamespace=blue"));
  g_assert_false (nns_grant_cache_lookup (cache, ":1.2", "manage\x1fnamespace=red"));

  nns_grant_cache_forget_sender (cache, ":1.1");
  g_assert_false (nns_grant_cache_lookup (cache, ":1.1", "manage\x1fnamespace=red"));
  g_assert_cmpuint (nns_grant_cache_get_size (cache), ==, 0);
  nns_grant_cache_free (cache);
}

/* One connection asking ever new questions keeps only the newest. */
static void
test_bounded_per_sender (void)
{
  NnsGrantCache *cache = nns_grant_cache_new ();

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *key = g_strdup_printf ("manage\x1fnamespace=n%u", i);

      nns_grant_cache_remember (cache, ":1.1", key);
    }
  g_assert_cmpuint (nns_grant_cache_get_size (cache), ==, NNS_GRANT_MAX_PER_CALLER);
  g_assert_true (nns_grant_cache_lookup (cache, ":1.1", "manage\x1fnamespace=n9999"));
  g_assert_false (nns_grant_cache_lookup (cache, ":1.1", "manage\x1fnamespace=n0"));
  nns_grant_cache_free (cache);
}

/* Many connections together stay under the total. */
static void
test_bounded_in_all (void)
{
  NnsGrantCache *cache = nns_grant_cache_new ();

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *sender = g_strdup_printf (":1.%u", i);

      nns_grant_cache_remember (cache, sender, "manage\x1fnamespace=red");
      g_assert_cmpuint (nns_grant_cache_get_size (cache), <=, NNS_GRANT_MAX_TOTAL);
    }
  nns_grant_cache_forget_all (cache);
  g_assert_cmpuint (nns_grant_cache_get_size (cache), ==, 0);
  nns_grant_cache_free (cache);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/grant-cache/per-sender", test_remembers_per_sender);
  g_test_add_func ("/grant-cache/bounded-per-sender", test_bounded_per_sender);
  g_test_add_func ("/grant-cache/bounded-in-all", test_bounded_in_all);
  return g_test_run ();
}
