/* test-nat.c: parsing of masquerade and port forward arguments, and the
 * nftables transaction written from them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-error.h"
#include "nns-nat-rules.h"
#include "nns-nftables.h"

static void
test_targets (void)
{
  static const struct {
    const char *text;
    const char *canonical;   /* NULL: refused */
  } cases[] = {
    { "10.200.0.3:80", "10.200.0.3:80" },
    { "[fd00::3]:8080", "[fd00::3]:8080" },
    { "[FD00:0::3]:1", "[fd00::3]:1" },
    { "10.200.0.3:65535", "10.200.0.3:65535" },
    { "10.200.0.3:65536", NULL },
    { "10.200.0.3:70000", NULL },
    { "10.200.0.3:0", NULL },
    { "10.200.0.3", NULL },
    { "10.200.0.3:", NULL },
    { ":80", NULL },
    { "fd00::3:80", NULL },
    { "[10.200.0.3]:80", NULL },
    { "[fd00::3]", NULL },
    { "10.200.0.3:+80", NULL },
    { "10.200.0.3: 80", NULL },
    { "10.200.0.3:80 ", NULL },
    { "127.0.0.1:80", NULL },
    { "[::1]:80", NULL },
    { "0.0.0.0:80", NULL },
    { "224.0.0.1:80", NULL },
    { "[ff02::1]:80", NULL },
    { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *printed = NULL;
      NnsCidr address;
      guint16 port;
      gboolean ok = nns_nat_target_parse (cases[i].text, &address, &port, &error);

      if (cases[i].canonical == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
          continue;
        }
      g_assert_no_error (error);
      printed = nns_nat_target_to_string (&address, port);
      g_assert_cmpstr (printed, ==, cases[i].canonical);
    }
}

static void
test_sources_and_words (void)
{
  g_autoptr(GError) error = NULL;
  NnsCidr source;
  int protocol;

  g_assert_true (nns_nat_source_parse ("10.200.0.0/30", &source, NULL));
  g_assert_true (nns_nat_source_parse ("fd00:200::/64", &source, NULL));
  g_assert_false (nns_nat_source_parse ("10.200.0.1/30", &source, &error));
  g_assert_nonnull (strstr (error->message, "did you mean 10.200.0.0/30?"));
  g_clear_error (&error);
  g_assert_false (nns_nat_source_parse ("10.200.0.0", &source, &error));
  g_assert_nonnull (strstr (error->message, "is not a network in CIDR form"));
  g_clear_error (&error);
  g_assert_false (nns_nat_source_parse ("::/0", &source, NULL));
  g_assert_false (nns_nat_source_parse ("banana/8", &source, NULL));

  g_assert_true (nns_nat_protocol_parse ("tcp", &protocol, NULL));
  g_assert_cmpint (protocol, ==, IPPROTO_TCP);
  g_assert_true (nns_nat_protocol_parse ("udp", &protocol, NULL));
  g_assert_cmpint (protocol, ==, IPPROTO_UDP);
  g_assert_false (nns_nat_protocol_parse ("sctp", &protocol, NULL));
  g_assert_false (nns_nat_protocol_parse ("tcp ", &protocol, NULL));

  g_assert_true (nns_nat_port_validate (1, "port", NULL));
  g_assert_true (nns_nat_port_validate (65535, "port", NULL));
  g_assert_false (nns_nat_port_validate (0, "port", NULL));
  g_assert_false (nns_nat_port_validate (65536, "port", NULL));

  g_assert_true (nns_nat_link_validate ("eth0", NULL));
  g_assert_false (nns_nat_link_validate ("eth*", NULL));
  g_assert_false (nns_nat_link_validate ("a\"b", NULL));
  g_assert_false (nns_nat_link_validate ("a\\b", NULL));
  g_assert_false (nns_nat_link_validate ("a b", NULL));
}

static void
add_forward (NnsNatRules *rules,
             int          protocol,
             guint16      port,
             const char  *target,
             const char  *address,
             gboolean     from_local)
{
  NnsPortForward forward = { .protocol = protocol, .port = port, .from_local = from_local };

  g_assert_true (nns_nat_target_parse (target, &forward.target, &forward.target_port, NULL));
  if (address != NULL)
    {
      g_assert_true (nns_cidr_parse (address, NNS_CIDR_NO_PREFIX, "address", &forward.address, NULL));
      forward.has_address = TRUE;
    }
  nns_nat_rules_add_forward (rules, &forward);
}

static void
test_render (void)
{
  g_autoptr(NnsNatRules) rules = nns_nat_rules_new ();
  g_autofree char *empty = nns_nftables_render (rules);
  g_autofree char *script = NULL;
  NnsMasquerade masquerade = { .out_link = (char *) "up0" };

  g_assert_cmpstr (empty, ==, "add table inet netnsd\ndelete table inet netnsd\n");

  g_assert_true (nns_nat_source_parse ("10.200.0.0/30", &masquerade.source, NULL));
  nns_nat_rules_add_masquerade (rules, &masquerade);
  add_forward (rules, IPPROTO_TCP, 8080, "10.200.0.2:80", NULL, TRUE);
  add_forward (rules, IPPROTO_UDP, 53, "[fd00::2]:5353", "fd00::1", FALSE);
  g_assert_true (nns_nat_rules_use_family (rules, AF_INET));
  g_assert_true (nns_nat_rules_use_family (rules, AF_INET6));
  g_assert_true (nns_nat_rules_use_localnet (rules));

  script = nns_nftables_render (rules);
  g_assert_cmpstr (script, ==,
    "add table inet netnsd\n"
    "delete table inet netnsd\n"
    "add table inet netnsd\n"
    "add chain inet netnsd prerouting { type nat hook prerouting priority -100; policy accept; }\n"
    "add chain inet netnsd output { type nat hook output priority -100; policy accept; }\n"
    "add chain inet netnsd postrouting { type nat hook postrouting priority 100; policy accept; }\n"
    "add chain inet netnsd localnet-guard { type filter hook prerouting priority -150; policy accept; }\n"
    "add rule inet netnsd localnet-guard iifname != \"lo\" ip daddr 127.0.0.0/8 drop\n"
    "add rule inet netnsd localnet-guard iifname != \"lo\" ip saddr 127.0.0.0/8 drop\n"
    "add rule inet netnsd postrouting ip saddr 10.200.0.0/30 ip daddr != 10.200.0.0/30 oifname \"up0\" masquerade comment \"masquerade 10.200.0.0/30\"\n"
    "add rule inet netnsd prerouting meta nfproto ipv6 ip6 daddr fd00::1 udp dport 53 dnat ip6 to [fd00::2]:5353 comment \"port forward udp 53\"\n"
    "add rule inet netnsd prerouting meta nfproto ipv4 fib daddr type local tcp dport 8080 dnat ip to 10.200.0.2:80 comment \"port forward tcp 8080\"\n"
    "add rule inet netnsd output meta nfproto ipv4 fib daddr type local tcp dport 8080 dnat ip to 10.200.0.2:80 comment \"port forward tcp 8080\"\n"
    "add rule inet netnsd postrouting ip saddr 127.0.0.0/8 ip daddr 10.200.0.2 tcp dport 80 ct status dnat masquerade comment \"port forward tcp 8080 from 127.0.0.1\"\n");
}

static void
test_identity (void)
{
  g_autoptr(NnsNatRules) rules = nns_nat_rules_new ();
  NnsCidr address;

  add_forward (rules, IPPROTO_TCP, 8080, "10.200.0.2:80", NULL, TRUE);
  add_forward (rules, IPPROTO_TCP, 8080, "[fd00::2]:80", NULL, TRUE);
  add_forward (rules, IPPROTO_TCP, 8080, "10.200.0.3:80", "10.99.0.1", TRUE);
  g_assert_cmpint (nns_nat_rules_find_forward (rules, rules->forwards->pdata[1]), ==, 1);
  g_assert_true (nns_cidr_parse ("10.99.0.1", NNS_CIDR_NO_PREFIX, "address", &address, NULL));
  g_assert_cmpuint (nns_nat_rules_remove_forwards (rules, IPPROTO_UDP, 8080, NULL), ==, 0);
  g_assert_cmpuint (nns_nat_rules_remove_forwards (rules, IPPROTO_TCP, 8080, &address), ==, 1);
  g_assert_cmpuint (nns_nat_rules_remove_forwards (rules, IPPROTO_TCP, 8080, NULL), ==, 2);
  g_assert_true (nns_nat_rules_is_empty (rules));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nat/targets", test_targets);
  g_test_add_func ("/nat/sources-and-words", test_sources_and_words);
  g_test_add_func ("/nat/render", test_render);
  g_test_add_func ("/nat/identity", test_identity);
  return g_test_run ();
}
