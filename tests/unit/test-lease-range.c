/* test-lease-range.c: the ranges LeaseAddress reads, and the order in
 * which it hands their addresses out (host-local's).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-error.h"
#include "nns-lease-range.h"

static NnsLeaseRange
range_of (const char *subnet,
          const char *start,
          const char *end,
          const char *gateway)
{
  NnsLeaseRangeText text = { subnet, start, end, gateway };
  g_autoptr(GError) error = NULL;
  NnsLeaseRange range;

  if (!nns_lease_range_init (&range, &text, 0, &error))
    g_error ("range %s rejected: %s", subnet, error->message);
  return range;
}

static void
assert_address (const NnsCidr *cidr,
                const char    *expected)
{
  g_autofree char *text = nns_cidr_to_string (cidr);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_defaults (void)
{
  NnsLeaseRange v4 = range_of ("10.88.0.0/16", NULL, NULL, NULL);
  NnsLeaseRange v6 = range_of ("fd00:88::/64", NULL, NULL, NULL);

  assert_address (&v4.start, "10.88.0.1/16");
  assert_address (&v4.end, "10.88.255.254/16");
  assert_address (&v4.gateway, "10.88.0.1/16");
  /* IPv6 has no broadcast: the last address is leased too. */
  assert_address (&v6.start, "fd00:88::1/64");
  assert_address (&v6.end, "fd00:88::ffff:ffff:ffff:ffff/64");
  assert_address (&v6.gateway, "fd00:88::1/64");
}

static void
assert_rejected (const char *subnet,
                 const char *start,
                 const char *end,
                 const char *gateway,
                 const char *fragment)
{
  NnsLeaseRangeText text = { subnet, start, end, gateway };
  g_autoptr(GError) error = NULL;
  NnsLeaseRange range;

  g_assert_false (nns_lease_range_init (&range, &text, 2, &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message \"%s\" does not contain \"%s\"", error->message, fragment);
}

static void
test_rejected (void)
{
  assert_rejected (NULL, NULL, NULL, NULL, "ranges[2].subnet is missing");
  assert_rejected ("10.0.0.1/24", NULL, NULL, NULL, "has host bits set");
  assert_rejected ("10.0.0.0", NULL, NULL, NULL, "needs a prefix length");
  assert_rejected ("10.0.0.0/31", NULL, NULL, NULL, "too small");
  assert_rejected ("fd00::/127", NULL, NULL, NULL, "too small");
  assert_rejected ("10.0.0.0/24", "10.0.1.1", NULL, NULL, "ranges[2].range-start 10.0.1.1 is outside");
  assert_rejected ("10.0.0.0/24", "fd00::1", NULL, NULL, "is outside");
  assert_rejected ("10.0.0.0/24", "10.0.0.5/24", NULL, NULL, "without a prefix length");
  assert_rejected ("10.0.0.0/24", NULL, "10.0.0.255", NULL, "broadcast address");
  assert_rejected ("fd00::/64", "fd00::", NULL, NULL, "network address");
  assert_rejected ("10.0.0.0/24", "10.0.0.9", "10.0.0.8", NULL, "comes before");
  assert_rejected ("10.0.0.0/24", NULL, NULL, "10.0.9.1", "ranges[2].gateway 10.0.9.1 is outside");
}

static void
test_ranges_check (void)
{
  NnsLeaseRange ranges[3];
  g_autoptr(GError) error = NULL;

  ranges[0] = range_of ("10.0.0.0/24", "10.0.0.10", "10.0.0.20", NULL);
  ranges[1] = range_of ("10.0.0.0/24", "10.0.0.21", "10.0.0.30", NULL);
  g_assert_true (nns_lease_ranges_check (ranges, 2, NULL));
  ranges[1] = range_of ("10.0.0.0/24", "10.0.0.20", "10.0.0.30", NULL);
  g_assert_false (nns_lease_ranges_check (ranges, 2, &error));
  g_assert_nonnull (strstr (error->message, "overlap"));
  g_clear_error (&error);
  ranges[1] = range_of ("fd00::/64", NULL, NULL, NULL);
  g_assert_false (nns_lease_ranges_check (ranges, 2, &error));
  g_assert_nonnull (strstr (error->message, "one family"));
  g_clear_error (&error);
  g_assert_false (nns_lease_ranges_check (ranges, 0, &error));
}

/* A set of taken addresses, by their text. */
static gboolean
taken_in (const NnsCidr *address,
          gpointer       user_data)
{
  g_autofree char *text = nns_cidr_address_to_string (address);

  return g_hash_table_contains (user_data, text);
}

/* Hands out every address of @ranges from @last on, as the store would,
 * and returns them as one string. */
static char *
hand_out (const NnsLeaseRange *ranges,
          guint                n_ranges,
          const char          *last_text,
          const char *const   *taken)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  NnsCidr last, found;
  gboolean has_last = last_text != NULL;
  guint index;

  if (has_last)
    g_assert_true (nns_cidr_parse (last_text, NNS_CIDR_NO_PREFIX, "last", &last, NULL));
  for (guint i = 0; taken != NULL && taken[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (taken[i]));
  while (nns_lease_ranges_next_free (ranges, n_ranges, has_last ? &last : NULL, taken_in, set,
                                     &found, &index))
    {
      g_autofree char *text = nns_cidr_address_to_string (&found);

      g_assert_true (nns_lease_ranges_find (ranges, n_ranges, &found) == (gint) index);
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", text);
      g_hash_table_add (set, g_strdup (text));
      last = found;
      has_last = TRUE;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_order (void)
{
  NnsLeaseRange ranges[2];
  g_autofree char *all = NULL, *after = NULL, *wrapped = NULL, *stray = NULL;

  ranges[0] = range_of ("10.0.0.0/29", NULL, NULL, NULL);
  all = hand_out (ranges, 1, NULL, NULL);
  /* .0 network, .1 gateway, .7 broadcast. */
  g_assert_cmpstr (all, ==, "10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.5 10.0.0.6");

  /* After the last one handed out, round to the start, and on to it. */
  after = hand_out (ranges, 1, "10.0.0.4", (const char *[]) { "10.0.0.3", NULL });
  g_assert_cmpstr (after, ==, "10.0.0.5 10.0.0.6 10.0.0.2 10.0.0.4");

  /* Ranges in order, each with its own gateway; the last one handed out in
   * the second range goes on there, then round to the first. */
  ranges[0] = range_of ("10.1.0.0/24", "10.1.0.10", "10.1.0.12", "10.1.0.11");
  ranges[1] = range_of ("10.2.0.0/24", "10.2.0.1", "10.2.0.3", NULL);
  wrapped = hand_out (ranges, 2, "10.2.0.2", NULL);
  g_assert_cmpstr (wrapped, ==, "10.2.0.3 10.1.0.10 10.1.0.12 10.2.0.2");

  /* A last address in none of the ranges: from the first range's start. */
  stray = hand_out (ranges, 2, "192.0.2.1", NULL);
  g_assert_cmpstr (stray, ==, "10.1.0.10 10.1.0.12 10.2.0.2 10.2.0.3");
}

static void
test_huge_range (void)
{
  NnsLeaseRange range = range_of ("fd00::/64", NULL, NULL, NULL);
  const char *taken[] = { "fd00::2", "fd00::3", "fd00::4", NULL };
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  NnsCidr found, last;
  guint index;

  for (guint i = 0; taken[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (taken[i]));
  /* The walk skips what is taken and ends: no 2^64 steps. */
  g_assert_true (nns_lease_ranges_next_free (&range, 1, NULL, taken_in, set, &found, &index));
  assert_address (&found, "fd00::5/64");
  /* After the very last address: round to the start. */
  g_assert_true (nns_cidr_parse ("fd00::ffff:ffff:ffff:ffff", NNS_CIDR_NO_PREFIX, "last", &last,
                                 NULL));
  g_assert_true (nns_lease_ranges_next_free (&range, 1, &last, taken_in, set, &found, &index));
  assert_address (&found, "fd00::5/64");
}

static void
test_wanted (void)
{
  NnsLeaseRange range = range_of ("10.0.0.0/24", "10.0.0.10", "10.0.0.20", "10.0.0.15");
  g_autoptr(GError) error = NULL;
  NnsCidr wanted;
  guint index;

  g_assert_true (nns_cidr_parse ("10.0.0.12", NNS_CIDR_NO_PREFIX, "address", &wanted, NULL));
  g_assert_true (nns_lease_ranges_check_wanted (&range, 1, &wanted, &index, NULL));
  g_assert_true (nns_cidr_parse ("10.0.0.15", NNS_CIDR_NO_PREFIX, "address", &wanted, NULL));
  g_assert_false (nns_lease_ranges_check_wanted (&range, 1, &wanted, &index, &error));
  g_assert_nonnull (strstr (error->message, "gateway"));
  g_clear_error (&error);
  g_assert_true (nns_cidr_parse ("10.0.0.21", NNS_CIDR_NO_PREFIX, "address", &wanted, NULL));
  g_assert_false (nns_lease_ranges_check_wanted (&range, 1, &wanted, &index, &error));
  g_assert_nonnull (strstr (error->message, "none of the ranges"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lease-range/defaults", test_defaults);
  g_test_add_func ("/lease-range/rejected", test_rejected);
  g_test_add_func ("/lease-range/ranges-check", test_ranges_check);
  g_test_add_func ("/lease-range/order", test_order);
  g_test_add_func ("/lease-range/huge-range", test_huge_range);
  g_test_add_func ("/lease-range/wanted", test_wanted);
  return g_test_run ();
}
