/* test-topology.c: the keys of what a topology records, which the client
 * and netnsd must compute alike.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-topology.h"

static char *
key_of (const char *method,
        const char *arguments)
{
  const NnsTopologyKind *kind = nns_topology_kind_for_make (method);
  g_autoptr(GVariant) parsed = NULL;

  if (kind == NULL)
    kind = nns_topology_kind_for_remove (method);
  g_assert_nonnull (kind);
  parsed = g_variant_ref_sink (g_variant_new_parsed (arguments));
  return nns_topology_key (kind, parsed);
}

static void
test_options_in_any_order (void)
{
  g_autofree char *a = key_of ("AddRoute", "{'namespace': <'red'>, 'destination': <'default'>, "
                                           "'options': <{'via': <'10.0.0.1'>, 'metric': <uint32 5>}>}");
  g_autofree char *b = key_of ("AddRoute", "{'options': <{'metric': <uint32 5>, 'via': <'10.0.0.1'>}>, "
                                           "'destination': <'default'>, 'namespace': <'red'>}");
  g_autofree char *c = key_of ("AddRoute", "{'namespace': <'red'>, 'destination': <'default'>, "
                                           "'options': <{'via': <'10.0.0.2'>, 'metric': <uint32 5>}>}");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_removal_finds_what_was_made (void)
{
  g_autofree char *made = key_of ("AddAddress", "{'namespace': <'red'>, 'link': <'veth1'>, "
                                                "'address': <'10.0.0.2/24'>, 'options': <@a{sv} {}>}");
  g_autofree char *removed = key_of ("RemoveAddress", "{'namespace': <'red'>, 'link': <'veth1'>, "
                                                      "'address': <'10.0.0.2/24'>}");
  g_autofree char *veth = key_of ("CreateVeth", "{'namespace': <''>, 'name': <'veth0'>, "
                                                "'peer_namespace': <'red'>, 'peer_name': <'veth1'>}");
  g_autofree char *deleted = key_of ("DeleteLink", "{'namespace': <''>, 'name': <'veth0'>}");

  g_assert_cmpstr (made, ==, removed);
  g_assert_cmpstr (veth, ==, deleted);
  /* A namespace is one kind, an address on a link of the same name another. */
  g_assert_null (nns_topology_kind_for_remove ("SetSysctl"));
  g_assert_null (nns_topology_kind_for_make ("SetLink"));
}

static void
test_dns_removal (void)
{
  g_autoptr(GVariant) clear = g_variant_ref_sink (
    g_variant_new_parsed ("{'namespace': <'red'>, 'nameservers': <@as []>, 'search': <@as []>}"));
  g_autoptr(GVariant) set = g_variant_ref_sink (
    g_variant_new_parsed ("{'namespace': <'red'>, 'nameservers': <['10.0.0.1']>, 'search': <@as []>}"));

  g_assert_true (nns_topology_is_dns_removal ("SetDns", clear));
  g_assert_false (nns_topology_is_dns_removal ("SetDns", set));
  g_assert_false (nns_topology_is_dns_removal ("SetSysctl", clear));
}

static void
test_entries (void)
{
  g_autoptr(GVariant) arguments = g_variant_ref_sink (g_variant_new_parsed ("{'name': <'red'>}"));
  g_autoptr(GVariant) entry = g_variant_ref_sink (nns_topology_entry_new ("CreateNamespace",
                                                                          arguments, 42));
  g_autoptr(GVariant) parsed = NULL;
  g_autoptr(GVariant) broken = g_variant_ref_sink (g_variant_new_parsed ("{'method': <'X'>}"));
  const char *method;
  guint64 inode;

  g_assert_true (nns_topology_entry_parse (entry, &method, &parsed, &inode));
  g_assert_cmpstr (method, ==, "CreateNamespace");
  g_assert_cmpuint (inode, ==, 42);
  g_assert_true (g_variant_equal (parsed, arguments));
  g_clear_pointer (&parsed, g_variant_unref);
  g_assert_false (nns_topology_entry_parse (broken, &method, &parsed, &inode));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/topology/options-in-any-order", test_options_in_any_order);
  g_test_add_func ("/topology/removal-finds-what-was-made", test_removal_finds_what_was_made);
  g_test_add_func ("/topology/dns-removal", test_dns_removal);
  g_test_add_func ("/topology/entries", test_entries);
  return g_test_run ();
}
