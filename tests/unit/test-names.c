/* test-names.c: validation of namespace names.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-error.h"
#include "nns-names.h"

static void
assert_name_rejected (const char *name,
                      const char *expected_fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (nns_namespace_name_validate (name, &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  if (strstr (error->message, expected_fragment) == NULL)
    g_error ("message \"%s\" does not contain \"%s\"", error->message, expected_fragment);
}

static void
test_valid_names (void)
{
  const char *good[] = { "a", "red", "direct_netns", "ns-1", "ns.2", "_x", "9lives",
                         "a123456789012345678901234567890123456789012345678901234567890123" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (strlen (good[i]), <=, NNS_NAMESPACE_NAME_MAX);
      if (!nns_namespace_name_validate (good[i], &error))
        g_error ("'%s' rejected: %s", good[i], error->message);
    }
}

static void
test_bad_names (void)
{
  g_autofree char *too_long = g_strnfill (NNS_NAMESPACE_NAME_MAX + 1, 'a');
  g_autofree char *huge = g_strnfill (1024 * 1024, 'x');

  assert_name_rejected ("", "empty");
  assert_name_rejected (".", "not allowed");
  assert_name_rejected ("..", "not allowed");
  assert_name_rejected ("a/b", "contains '/'");
  assert_name_rejected ("../etc", "contains '/'");
  assert_name_rejected (too_long, "65 bytes long; the limit is 64");
  assert_name_rejected (huge, "1048576 bytes long");
  assert_name_rejected ("a\nb", "a newline");
  assert_name_rejected ("-x", "starts with '-'");
  assert_name_rejected (".hidden", "starts with '.'");
  assert_name_rejected (" x", "a space");
  assert_name_rejected ("a b", "a space");
  assert_name_rejected ("a\tb", "a tab");
  assert_name_rejected ("a$b", "'$'");
  assert_name_rejected ("caf\xc3\xa9", "the byte 0xc3");
}

static void
test_quote_is_bounded_and_escaped (void)
{
  g_autofree char *huge = g_strnfill (1024 * 1024, 'x');
  g_autofree char *quoted_huge = nns_quote (huge);
  g_autofree char *quoted_newline = nns_quote ("a\nb");

  g_assert_cmpuint (strlen (quoted_huge), <, 64);
  g_assert_true (g_str_has_suffix (quoted_huge, "..."));
  g_assert_cmpstr (quoted_newline, ==, "'a\\nb'");
}

static void
test_entry_names (void)
{
  g_autofree char *too_long = g_strnfill (NNS_NAMESPACE_ENTRY_MAX + 1, 'a');
  g_autoptr(GError) error = NULL;

  /* Names other tools can create are accepted when they refer to entries. */
  g_assert_true (nns_namespace_entry_validate ("-x", NULL));
  g_assert_true (nns_namespace_entry_validate ("a\nb", NULL));
  g_assert_true (nns_namespace_entry_validate (" x", NULL));

  g_assert_false (nns_namespace_entry_validate ("a/b", &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (nns_namespace_entry_validate ("..", &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (nns_namespace_entry_validate ("", &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (nns_namespace_entry_validate (too_long, &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
}

/* Pools are named as namespaces are, and say so in their messages. */
static void
test_pool_names (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nns_pool_name_validate ("podman", NULL));
  g_assert_true (nns_pool_name_validate ("cni-net_1.0", NULL));
  g_assert_false (nns_pool_name_validate ("a/b", &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "pool name 'a/b' contains '/'");
  g_clear_error (&error);
  g_assert_false (nns_pool_name_validate ("", &error));
  g_assert_cmpstr (error->message, ==, "pool name is empty");
  g_clear_error (&error);
  g_assert_false (nns_pool_name_validate ("a@b", &error));
  g_assert_nonnull (strstr (error->message, "pool name 'a@b' contains '@'"));
}

static void
test_lease_holders (void)
{
  g_autofree char *longest = g_strnfill (NNS_LEASE_HOLDER_MAX, 'x');
  g_autofree char *too_long = g_strnfill (NNS_LEASE_HOLDER_MAX + 1, 'x');
  const char *bad[] = { "", "a\nb", "tab\there", "\x7f", "\xff\xfe", too_long };
  const char *good[] = { "0123abcd/eth0", "ID with spaces/eth1", "caf\xc3\xa9", longest };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (nns_lease_holder_validate (good[i], NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (nns_lease_holder_validate (bad[i], &error));
      g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_str_has_prefix (error->message, "holder "));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/names/valid", test_valid_names);
  g_test_add_func ("/names/invalid", test_bad_names);
  g_test_add_func ("/names/quote", test_quote_is_bounded_and_escaped);
  g_test_add_func ("/names/entries", test_entry_names);
  g_test_add_func ("/names/pools", test_pool_names);
  g_test_add_func ("/names/lease-holders", test_lease_holders);

  return g_test_run ();
}
