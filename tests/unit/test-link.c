/* test-link.c: a link's object filled from libnl's view of it, its
 * addresses, the dictionary of properties GetManagedObjects sends, and the
 * index of veth ends by their pair of indexes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <linux/if.h>

#include "nns-libnl.h"
#include "nns-link.h"
#include "nns-namespace.h"
#include "nns-pair-index.h"

static struct rtnl_link *
make_rtnl_link (const char *name,
                int         ifindex,
                const char *type,
                guint       flags)
{
  struct rtnl_link *link = rtnl_link_alloc ();
  const guint8 mac[] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x2a };
  g_autoptr(NnsNlAddr) addr = nl_addr_build (AF_LLC, mac, sizeof mac);

  rtnl_link_set_name (link, name);
  rtnl_link_set_ifindex (link, ifindex);
  if (type != NULL)
    g_assert_cmpint (rtnl_link_set_type (link, type), ==, 0);
  rtnl_link_set_flags (link, flags);
  rtnl_link_set_mtu (link, 1400);
  rtnl_link_set_operstate (link, (flags & IFF_LOWER_UP) ? IF_OPER_UP : IF_OPER_LOWERLAYERDOWN);
  rtnl_link_set_addr (link, addr);
  return link;
}

static void
test_update (void)
{
  g_autoptr(NnsLink) link = nns_link_new ();
  NnsDBusNetNsLink *iface = NNS_DBUS_NET_NS_LINK (link);
  g_autoptr(NnsRtnlLink) veth = make_rtnl_link ("veth1", 7, "veth", IFF_UP | IFF_LOWER_UP);
  g_autoptr(NnsRtnlLink) renamed = make_rtnl_link ("wire1", 7, "veth", IFF_UP);
  g_autoptr(NnsRtnlLink) lo = make_rtnl_link ("lo", 1, NULL, IFF_LOOPBACK);
  g_autoptr(NnsRtnlLink) card = make_rtnl_link ("eth0", 2, NULL, 0);

  g_assert_true (nns_link_update (link, veth, "br0"));
  g_assert_cmpstr (nns_link_get_name (link), ==, "veth1");
  g_assert_cmpint (nns_link_get_index (link), ==, 7);
  g_assert_cmpstr (nns_dbus_net_ns_link_get_kind (iface), ==, "veth");
  g_assert_true (nns_dbus_net_ns_link_get_up (iface));
  g_assert_true (nns_dbus_net_ns_link_get_carrier (iface));
  g_assert_cmpstr (nns_dbus_net_ns_link_get_oper_state (iface), ==, "up");
  g_assert_cmpuint (nns_dbus_net_ns_link_get_mtu (iface), ==, 1400);
  g_assert_cmpstr (nns_dbus_net_ns_link_get_address (iface), ==, "02:00:00:00:00:2a");
  g_assert_cmpstr (nns_dbus_net_ns_link_get_master (iface), ==, "br0");
  g_assert_cmpstr (nns_dbus_net_ns_link_get_peer (iface), ==, "");

  /* The same again changes nothing; a new name says so. */
  g_assert_false (nns_link_update (link, veth, "br0"));
  g_assert_true (nns_link_update (link, renamed, ""));
  g_assert_cmpstr (nns_link_get_name (link), ==, "wire1");
  g_assert_false (nns_dbus_net_ns_link_get_carrier (iface));
  g_assert_cmpstr (nns_dbus_net_ns_link_get_oper_state (iface), ==, "lowerlayerdown");
  g_assert_cmpstr (nns_dbus_net_ns_link_get_master (iface), ==, "");

  g_assert_cmpstr (nns_link_kind_of (lo), ==, "loopback");
  g_assert_cmpstr (nns_link_kind_of (card), ==, "");
}

static void
assert_addresses (NnsLink    *link,
                  const char *expected)
{
  g_autofree char *joined =
    g_strjoinv (" ", (char **) nns_dbus_net_ns_link_get_addresses (NNS_DBUS_NET_NS_LINK (link)));

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_addresses (void)
{
  g_autoptr(NnsLink) link = nns_link_new ();
  const char *kernel[] = { "fe80::1/64", "10.0.0.1/24", "10.0.0.2/24", NULL };

  assert_addresses (link, "");
  nns_link_set_addresses (link, kernel);
  assert_addresses (link, "10.0.0.1/24 10.0.0.2/24 fe80::1/64");

  /* An IPv4 address after the others of its family, before IPv6. */
  nns_link_add_address (link, "10.0.0.3/24");
  assert_addresses (link, "10.0.0.1/24 10.0.0.2/24 10.0.0.3/24 fe80::1/64");
  nns_link_add_address (link, "fd00::1/64");
  assert_addresses (link, "10.0.0.1/24 10.0.0.2/24 10.0.0.3/24 fe80::1/64 fd00::1/64");

  /* Told of again (its IPv6 duplicate check over): still once. */
  nns_link_add_address (link, "fd00::1/64");
  assert_addresses (link, "10.0.0.1/24 10.0.0.2/24 10.0.0.3/24 fe80::1/64 fd00::1/64");

  nns_link_remove_address (link, "10.0.0.2/24");
  nns_link_remove_address (link, "192.0.2.1/24");
  assert_addresses (link, "10.0.0.1/24 10.0.0.3/24 fe80::1/64 fd00::1/64");
  nns_link_set_addresses (link, NULL);
  assert_addresses (link, "");
}

/* The hand-made dictionary holds every property of the interface, with
 * the interface's types, and follows changes. */
static void
assert_properties_match (GDBusInterfaceSkeleton *skeleton)
{
  GDBusInterfaceInfo *info = g_dbus_interface_skeleton_get_info (skeleton);
  g_autoptr(GVariant) properties = g_dbus_interface_skeleton_get_properties (skeleton);
  guint n = 0;

  for (GDBusPropertyInfo **property = info->properties; *property != NULL; property++, n++)
    {
      g_autoptr(GVariant) value =
        g_variant_lookup_value (properties, (*property)->name, G_VARIANT_TYPE ((*property)->signature));

      if (value == NULL)
        g_error ("%s.%s missing or not of type %s", info->name, (*property)->name,
                 (*property)->signature);
    }
  g_assert_cmpuint (g_variant_n_children (properties), ==, n);
}

static void
test_properties (void)
{
  g_autoptr(NnsLink) link = nns_link_new ();
  g_autoptr(NnsRtnlLink) veth = make_rtnl_link ("veth1", 7, "veth", IFF_UP);
  g_autoptr(NnsNamespace) ns = nns_namespace_new ("red", 4026531840, TRUE, 1000);
  g_autoptr(NnsNamespace) host = nns_namespace_new_host (4026531841);
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GVariant) after = NULL;
  guint32 mtu;

  nns_link_update (link, veth, "");
  assert_properties_match (G_DBUS_INTERFACE_SKELETON (link));
  assert_properties_match (G_DBUS_INTERFACE_SKELETON (ns));
  assert_properties_match (G_DBUS_INTERFACE_SKELETON (host));
  g_assert_cmpstr (nns_namespace_get_object_path (host), ==, "/org/example/NetNs/host");
  g_assert_cmpstr (nns_namespace_get_name (host), ==, "");

  before = g_dbus_interface_skeleton_get_properties (G_DBUS_INTERFACE_SKELETON (link));
  nns_dbus_net_ns_link_set_mtu (NNS_DBUS_NET_NS_LINK (link), 9000);
  after = g_dbus_interface_skeleton_get_properties (G_DBUS_INTERFACE_SKELETON (link));
  g_assert_true (g_variant_lookup (before, "Mtu", "u", &mtu));
  g_assert_cmpuint (mtu, ==, 1400);
  g_assert_true (g_variant_lookup (after, "Mtu", "u", &mtu));
  g_assert_cmpuint (mtu, ==, 9000);
}

static void
test_pair_index (void)
{
  g_autoptr(NnsPairIndex) index = nns_pair_index_new ();
  int a, b, c;

  g_assert_null (nns_pair_index_lookup (index, 2, 7));
  nns_pair_index_add (index, 2, 7, &a);
  nns_pair_index_add (index, 2, 7, &b);
  nns_pair_index_add (index, 7, 2, &c);
  /* Negative and large numbers are numbers like any other. */
  nns_pair_index_add (index, -1, G_MAXINT, &c);
  g_assert_cmpuint (g_slist_length ((GSList *) nns_pair_index_lookup (index, 2, 7)), ==, 2);
  g_assert_true (nns_pair_index_lookup (index, 7, 2)->data == &c);
  g_assert_true (nns_pair_index_lookup (index, -1, G_MAXINT)->data == &c);
  g_assert_null (nns_pair_index_lookup (index, G_MAXINT, -1));

  nns_pair_index_remove (index, 2, 7, &a);
  nns_pair_index_remove (index, 2, 7, &c);
  g_assert_true (nns_pair_index_lookup (index, 2, 7)->data == &b);
  g_assert_null (nns_pair_index_lookup (index, 2, 7)->next);
  nns_pair_index_remove (index, 2, 7, &b);
  g_assert_null (nns_pair_index_lookup (index, 2, 7));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/link/update", test_update);
  g_test_add_func ("/link/addresses", test_addresses);
  g_test_add_func ("/link/properties", test_properties);
  g_test_add_func ("/link/pair-index", test_pair_index);
  return g_test_run ();
}
