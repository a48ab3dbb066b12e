/* test-address.c: parsing of IP addresses, MAC addresses, MTUs and link
 * names.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-address.h"
#include "nns-error.h"
#include "nns-names.h"

static void
assert_cidr (const char *text,
             NnsCidrKind kind,
             int         family,
             const char *canonical)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  NnsCidr cidr;

  if (!nns_cidr_parse (text, kind, "address", &cidr, &error))
    g_error ("'%s' rejected: %s", text, error->message);
  g_assert_cmpint (cidr.family, ==, family);
  printed = nns_cidr_to_string (&cidr);
  g_assert_cmpstr (printed, ==, canonical);
}

static void
assert_cidr_rejected (const char *text,
                      NnsCidrKind kind,
                      const char *fragment)
{
  g_autoptr(GError) error = NULL;
  NnsCidr cidr;

  g_assert_false (nns_cidr_parse (text, kind, "address", &cidr, &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message \"%s\" does not contain \"%s\"", error->message, fragment);
}

static void
test_cidr_good (void)
{
  assert_cidr ("10.200.0.2/24", NNS_CIDR_PREFIX_OPTIONAL, AF_INET, "10.200.0.2/24");
  assert_cidr ("10.200.0.2", NNS_CIDR_PREFIX_OPTIONAL, AF_INET, "10.200.0.2/32");
  assert_cidr ("0.0.0.0/0", NNS_CIDR_NETWORK, AF_INET, "0.0.0.0/0");
  assert_cidr ("fd00:200::2/64", NNS_CIDR_PREFIX_OPTIONAL, AF_INET6, "fd00:200::2/64");
  assert_cidr ("FD00:0200:0:0::2", NNS_CIDR_PREFIX_OPTIONAL, AF_INET6, "fd00:200::2/128");
  assert_cidr ("10.0.0.0/8", NNS_CIDR_NETWORK, AF_INET, "10.0.0.0/8");
  assert_cidr ("fd00::/8", NNS_CIDR_NETWORK, AF_INET6, "fd00::/8");
  assert_cidr ("10.200.0.1", NNS_CIDR_NO_PREFIX, AF_INET, "10.200.0.1/32");
  assert_cidr ("10.1.2.3/32", NNS_CIDR_PREFIX_OPTIONAL, AF_INET, "10.1.2.3/32");
  assert_cidr ("::1/128", NNS_CIDR_PREFIX_OPTIONAL, AF_INET6, "::1/128");
}

static void
test_cidr_bad (void)
{
  g_autofree char *huge = g_strnfill (1024 * 1024, '1');

  assert_cidr_rejected ("", NNS_CIDR_PREFIX_OPTIONAL, "is not an IP address");
  assert_cidr_rejected ("banana", NNS_CIDR_PREFIX_OPTIONAL, "is not an IP address");
  assert_cidr_rejected ("10.0.0.256/24", NNS_CIDR_PREFIX_OPTIONAL, "is not an IP address");
  assert_cidr_rejected ("10.0.0/24", NNS_CIDR_PREFIX_OPTIONAL, "is not an IP address");
  assert_cidr_rejected ("010.0.0.1/24", NNS_CIDR_PREFIX_OPTIONAL, "is not an IP address");
  assert_cidr_rejected (" 10.0.0.1/24", NNS_CIDR_PREFIX_OPTIONAL, "is not an IP address");
  assert_cidr_rejected ("10.0.0.1/33", NNS_CIDR_PREFIX_OPTIONAL, "IPv4 takes 0 to 32");
  assert_cidr_rejected ("fd00::1/129", NNS_CIDR_PREFIX_OPTIONAL, "IPv6 takes 0 to 128");
  assert_cidr_rejected ("10.0.0.1/", NNS_CIDR_PREFIX_OPTIONAL, "bad prefix length");
  assert_cidr_rejected ("10.0.0.1/-1", NNS_CIDR_PREFIX_OPTIONAL, "bad prefix length");
  assert_cidr_rejected ("10.0.0.1/+8", NNS_CIDR_PREFIX_OPTIONAL, "bad prefix length");
  assert_cidr_rejected ("10.0.0.1/08", NNS_CIDR_PREFIX_OPTIONAL, "bad prefix length");
  assert_cidr_rejected ("10.0.0.1/24/8", NNS_CIDR_PREFIX_OPTIONAL, "bad prefix length");
  assert_cidr_rejected ("10.0.0.1/1000", NNS_CIDR_PREFIX_OPTIONAL, "bad prefix length");
  assert_cidr_rejected ("10.0.0.1/24", NNS_CIDR_NO_PREFIX, "must be a plain address");
  assert_cidr_rejected ("10.0.0.0", NNS_CIDR_NETWORK, "needs a prefix length");
  assert_cidr_rejected ("10.0.0.1/24", NNS_CIDR_NETWORK, "has host bits set; did you mean 10.0.0.0/24?");
  assert_cidr_rejected ("fd00::1/64", NNS_CIDR_NETWORK, "did you mean fd00::/64?");
  assert_cidr_rejected (huge, NNS_CIDR_PREFIX_OPTIONAL, "is not an IP address");
}

static void
test_mac (void)
{
  const char *bad[] = { "", "02:00:00:00:00", "02:00:00:00:00:00:00", "02-00-00-00-00-01",
                        "0g:00:00:00:00:01", "02:00:00:00:00:1", "020000000001" };
  guint8 mac[NNS_MAC_LEN];
  g_autoptr(GError) error = NULL;

  g_assert_true (nns_mac_parse ("02:00:5E:10:00:01", "address", mac, NULL));
  g_assert_cmpuint (mac[0], ==, 0x02);
  g_assert_cmpuint (mac[2], ==, 0x5e);
  g_assert_cmpuint (mac[5], ==, 0x01);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (nns_mac_parse (bad[i], "address", mac, &error));
      g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "is not a MAC address"));
      g_clear_error (&error);
    }
  g_assert_false (nns_mac_parse ("01:00:5e:00:00:01", "address", mac, &error));
  g_assert_nonnull (strstr (error->message, "multicast"));
  g_clear_error (&error);
  g_assert_false (nns_mac_parse ("00:00:00:00:00:00", "address", mac, &error));
  g_assert_nonnull (strstr (error->message, "all zeros"));
}

static void
test_mtu (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nns_mtu_validate (68, NULL));
  g_assert_true (nns_mtu_validate (1500, NULL));
  g_assert_true (nns_mtu_validate (65536, NULL));
  g_assert_false (nns_mtu_validate (0, &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "MTU 0 is out of range; links take 68 to 65536");
  g_clear_error (&error);
  g_assert_false (nns_mtu_validate (67, NULL));
  g_assert_false (nns_mtu_validate (70000, NULL));
}

static void
test_link_names (void)
{
  const struct { const char *name; const char *fragment; } bad[] = {
    { "", "is empty" },
    { "sixteen-bytes-xx", "is 16 bytes long; the limit is 15" },
    { "x%d", "contains '%'" },
    { "a:b", "contains ':'" },
    { "a/b", "contains '/'" },
    { "a b", "contains a space" },
    { "a\nb", "contains a newline" },
    { ".", "is not allowed" },
    { "..", "is not allowed" },
    { "-x", "starts with '-'" },
    { "caf\xc3\xa9", "the byte 0xc3" },
  };

  g_assert_true (nns_link_name_validate ("veth0", NULL));
  g_assert_true (nns_link_name_validate ("fifteen-bytes-x", NULL));
  g_assert_true (nns_link_name_validate ("br.100_x@y", NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (nns_link_name_validate (bad[i].name, &error));
      g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
      if (strstr (error->message, bad[i].fragment) == NULL)
        g_error ("message \"%s\" does not contain \"%s\"", error->message, bad[i].fragment);
    }

  /* Names of existing links, which other tools may choose freely. */
  g_assert_true (nns_link_name_check ("x%d", NULL));
  g_assert_true (nns_link_name_check ("a:b", NULL));
  g_assert_false (nns_link_name_check ("a/b", NULL));
  g_assert_false (nns_link_name_check ("sixteen-bytes-xx", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address/cidr-good", test_cidr_good);
  g_test_add_func ("/address/cidr-bad", test_cidr_bad);
  g_test_add_func ("/address/mac", test_mac);
  g_test_add_func ("/address/mtu", test_mtu);
  g_test_add_func ("/address/link-names", test_link_names);

  return g_test_run ();
}
