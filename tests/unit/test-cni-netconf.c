/* test-cni-netconf.c: the CNI plugin's reading of its environment and of
 * the network configuration: defaults, the keys of the bridge plugin and
 * host-local, and the specification's error code for each mistake.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-cni-env.h"
#include "nns-cni-error.h"
#include "nns-cni-netconf.h"
#include "nns-cni-ranges.h"

/* The environment of a test: NULL-terminated NAME, VALUE pairs. */
static const char *const *test_env;

static const char *
test_getenv (const char *name)
{
  for (guint i = 0; test_env[i] != NULL; i += 2)
    if (strcmp (test_env[i], name) == 0)
      return test_env[i + 1];
  return NULL;
}

static const char *const add_env[] = {
  "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c0ffee", "CNI_NETNS", "/run/netns/x",
  "CNI_IFNAME", "eth0", "CNI_PATH", "/usr/lib/cni", NULL
};

static NnsCniEnv *
env_for (const char *const *vars)
{
  g_autoptr(GError) error = NULL;
  NnsCniEnv *env;

  test_env = vars;
  env = nns_cni_env_load (test_getenv, &error);
  g_assert_no_error (error);
  return env;
}

static NnsCniNetConf *
parse_ok (const char *text)
{
  g_autoptr(NnsCniEnv) env = env_for (add_env);
  g_autoptr(GError) error = NULL;
  NnsCniNetConf *conf = nns_cni_netconf_parse (text, strlen (text), env, &error);

  g_assert_no_error (error);
  g_assert_nonnull (conf);
  return conf;
}

/* @text fails with @code, and the details say @fragment. */
static void
assert_conf_error (const char *const *vars,
                   const char        *text,
                   guint              code,
                   const char        *fragment)
{
  g_autoptr(NnsCniEnv) env = env_for (vars);
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsCniNetConf) conf = nns_cni_netconf_parse (text, strlen (text), env, &error);

  g_assert_null (conf);
  g_assert_nonnull (error);
  g_assert_cmpuint (nns_cni_error_code (error), ==, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message \"%s\" does not contain \"%s\"", error->message, fragment);
}

static void
assert_address (const NnsCidr *cidr,
                const char    *expected)
{
  g_autofree char *text = nns_cidr_address_to_string (cidr);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_defaults (void)
{
  g_autoptr(NnsCniNetConf) conf =
    parse_ok ("{\"cniVersion\": \"1.0.0\", \"name\": \"net\", \"type\": \"netnsd\","
              " \"ipam\": {\"type\": \"host-local\", \"subnet\": \"10.88.0.0/16\"}}");
  NnsCniRangeSet *set;
  NnsCniRange *range;

  g_assert_cmpstr (conf->version, ==, "1.0.0");
  g_assert_cmpstr (conf->name, ==, "net");
  g_assert_cmpstr (conf->bridge, ==, NNS_CNI_DEFAULT_BRIDGE);
  g_assert_true (conf->is_gateway);
  g_assert_true (conf->is_default_gateway);
  g_assert_false (conf->ip_masq);
  g_assert_cmpuint (conf->mtu, ==, 0);
  g_assert_null (conf->prev_result);
  g_assert_cmpuint (conf->range_sets->len, ==, 1);
  set = conf->range_sets->pdata[0];
  g_assert_cmpuint (set->ranges->len, ==, 1);
  range = &g_array_index (set->ranges, NnsCniRange, 0);
  /* host-local's defaults: the first address is the gateway, the range
   * runs to the last before the broadcast address. */
  assert_address (&range->gateway, "10.88.0.1");
  assert_address (&range->start, "10.88.0.1");
  assert_address (&range->end, "10.88.255.254");
  g_assert_cmpuint (nns_cni_range_set_capacity (set), ==, 65533);
}

static void
test_gateway_flags (void)
{
  g_autoptr(NnsCniNetConf) off =
    parse_ok ("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"isGateway\": false,"
              " \"subnet\": \"10.1.0.0/24\"}");
  g_autoptr(NnsCniNetConf) implied =
    parse_ok ("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"isGateway\": false,"
              " \"isDefaultGateway\": true, \"subnet\": \"10.1.0.0/24\"}");
  g_autoptr(NnsCniNetConf) gateway_only =
    parse_ok ("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"isDefaultGateway\": false,"
              " \"subnet\": \"10.1.0.0/24\"}");

  /* No gateway: no default route through it either. */
  g_assert_false (off->is_gateway);
  g_assert_false (off->is_default_gateway);
  /* As the bridge plugin: a default gateway is a gateway. */
  g_assert_true (implied->is_gateway);
  g_assert_true (implied->is_default_gateway);
  g_assert_true (gateway_only->is_gateway);
  g_assert_false (gateway_only->is_default_gateway);
}

static void
test_ranges (void)
{
  g_autoptr(NnsCniNetConf) conf =
    parse_ok ("{\"cniVersion\": \"1.1.0\", \"name\": \"dual\", \"bridge\": \"br-dual\","
              " \"ipMasq\": true, \"mtu\": 1400,"
              " \"ipam\": {\"ranges\": ["
              "   [{\"subnet\": \"10.2.0.0/24\", \"rangeStart\": \"10.2.0.10\","
              "     \"rangeEnd\": \"10.2.0.19\", \"gateway\": \"10.2.0.254\"},"
              "    {\"subnet\": \"10.3.0.0/24\"}],"
              "   [{\"subnet\": \"fd00:2::/64\"}]],"
              "  \"routes\": [{\"dst\": \"0.0.0.0/0\"}, {\"dst\": \"192.0.2.0/24\", \"gw\": \"10.2.0.1\"}]}}");
  NnsCniRangeSet *v4 = conf->range_sets->pdata[0];
  NnsCniRangeSet *v6 = conf->range_sets->pdata[1];
  NnsCidr inside, outside;

  g_assert_cmpstr (conf->bridge, ==, "br-dual");
  g_assert_true (conf->ip_masq);
  g_assert_cmpuint (conf->mtu, ==, 1400);
  g_assert_cmpuint (conf->range_sets->len, ==, 2);
  g_assert_cmpint (nns_cni_range_set_family (v4), ==, AF_INET);
  g_assert_cmpint (nns_cni_range_set_family (v6), ==, AF_INET6);
  g_assert_cmpuint (v4->ranges->len, ==, 2);
  assert_address (&g_array_index (v4->ranges, NnsCniRange, 0).gateway, "10.2.0.254");
  /* 10 addresses, the gateway outside them; then 10.3.0.1-254 less .1. */
  g_assert_cmpuint (nns_cni_range_set_capacity (v4), ==, 10 + 253);
  g_assert_cmpuint (nns_cni_range_set_capacity (v6), ==, G_MAXUINT64);
  nns_cidr_parse ("10.2.0.15", NNS_CIDR_NO_PREFIX, "a", &inside, NULL);
  nns_cidr_parse ("10.2.0.20", NNS_CIDR_NO_PREFIX, "a", &outside, NULL);
  g_assert_true (nns_cni_range_set_contains (v4, &inside));
  g_assert_false (nns_cni_range_set_contains (v4, &outside));
  g_assert_cmpuint (conf->routes->len, ==, 2);
  g_assert_cmpint (g_array_index (conf->routes, NnsCniRoute, 0).gateway.family, ==, 0);
  assert_address (&g_array_index (conf->routes, NnsCniRoute, 1).gateway, "10.2.0.1");
}

static void
test_runtime_config (void)
{
  static const char *const vars[] = {
    "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c0ffee", "CNI_NETNS", "/run/netns/x",
    "CNI_IFNAME", "eth0", "CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAME=web;IP=10.9.0.7;MAC=02:00:00:00:00:01",
    NULL
  };
  g_autoptr(NnsCniEnv) env = env_for (vars);
  const char *text =
    "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.9.0.0/24\","
    " \"runtimeConfig\": {\"mac\": \"02:AA:00:00:00:02\", \"portMappings\": ["
    "   {\"hostPort\": 8080, \"containerPort\": 80, \"protocol\": \"TCP\"},"
    "   {\"hostPort\": 5353, \"containerPort\": 53, \"protocol\": \"udp\", \"hostIP\": \"127.0.0.1\"}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsCniNetConf) conf = nns_cni_netconf_parse (text, strlen (text), env, &error);
  const NnsCniPortMapping *tcp, *udp;

  g_assert_no_error (error);
  g_assert_cmpstr (env->arg_ip, ==, "10.9.0.7");
  /* runtimeConfig's MAC wins over CNI_ARGS', as in the bridge plugin. */
  g_assert_cmpstr (conf->mac, ==, "02:aa:00:00:00:02");
  g_assert_cmpuint (conf->requested->len, ==, 1);
  assert_address (&g_array_index (conf->requested, NnsCidr, 0), "10.9.0.7");
  g_assert_cmpuint (conf->port_mappings->len, ==, 2);
  tcp = &g_array_index (conf->port_mappings, NnsCniPortMapping, 0);
  udp = &g_array_index (conf->port_mappings, NnsCniPortMapping, 1);
  g_assert_cmpstr (tcp->protocol, ==, "tcp");
  g_assert_cmpuint (tcp->host_port, ==, 8080);
  g_assert_cmpuint (tcp->container_port, ==, 80);
  g_assert_cmpint (tcp->host_ip.family, ==, 0);
  g_assert_cmpstr (udp->protocol, ==, "udp");
  assert_address (&udp->host_ip, "127.0.0.1");
}

static void
test_config_errors (void)
{
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"subnet\": \"10.0.0.0/24\"}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "missing network name");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"a/b\", \"subnet\": \"10.0.0.0/24\"}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "may hold only");
  assert_conf_error (add_env, "{\"cniVersion\": \"9.9.9\", \"name\": \"n\"}",
                     NNS_CNI_ERROR_INCOMPATIBLE_VERSION, "cniVersion is '9.9.9'");
  assert_conf_error (add_env, "{\"name\": \"n\"}",
                     NNS_CNI_ERROR_INCOMPATIBLE_VERSION, "no cniVersion");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": ",
                     NNS_CNI_ERROR_DECODING_FAILURE, "not JSON");
  assert_conf_error (add_env, "[1, 2]", NNS_CNI_ERROR_DECODING_FAILURE, "not a JSON object");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\"}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "no addresses");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.1/24\"}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "host bits");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/31\"}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "too small");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0\"}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "needs a prefix length");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"banana/8\"}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "subnet 'banana/8' is not an IP address");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\","
                     " \"ipam\": {\"subnet\": \"10.0.0.0/24\", \"gateway\": \"10.1.0.1\"}}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "ipam.gateway 10.1.0.1 is not in the subnet");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"ipam\": {\"ranges\": ["
                     "[{\"subnet\": \"10.0.0.0/24\"}], [{\"subnet\": \"10.0.0.0/25\"}]]}}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "overlaps");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"ipam\": {\"subnet\": \"10.1.0.0/24\"}}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "given twice");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"mtu\": \"big\"}", NNS_CNI_ERROR_INVALID_CONFIG, "mtu must be a whole number");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"bridge\": \"a bridge\"}", NNS_CNI_ERROR_INVALID_CONFIG, "bridge:");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"runtimeConfig\": {\"portMappings\": [{\"hostPort\": 0, \"containerPort\": 80}]}}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "hostPort must be a whole number from 1 to 65535");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"fd00::/64\","
                     " \"ipam\": {\"routes\": [{\"dst\": \"0.0.0.0/0\"}]}}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "no range of its family");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"prevResult\": {\"ips\": [{\"address\": \"10.0.0.2/24\", \"interface\": 1}]}}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "names an interface that prevResult does not list");
}

/* The bridge plugin's keys that ask for what netnsd does not do: code 2,
 * naming the key and the value; the same keys asking for nothing pass. */
static void
test_unsupported_fields (void)
{
  g_autoptr(NnsCniNetConf) quiet =
    parse_ok ("{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
              " \"hairpinMode\": false, \"vlan\": 0, \"promiscMode\": false}");

  g_assert_nonnull (quiet);
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"hairpinMode\": true}", NNS_CNI_ERROR_UNSUPPORTED_FIELD, "hairpinMode: true");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"vlan\": 100}", NNS_CNI_ERROR_UNSUPPORTED_FIELD, "vlan: 100");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\","
                     " \"ipam\": {\"type\": \"dhcp\"}}", NNS_CNI_ERROR_UNSUPPORTED_FIELD,
                     "ipam.type: \"dhcp\"");
  assert_conf_error (add_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"runtimeConfig\": {\"portMappings\": [{\"hostPort\": 1, \"containerPort\": 1,"
                     " \"protocol\": \"sctp\"}]}}", NNS_CNI_ERROR_UNSUPPORTED_FIELD, "\"sctp\"");
}

/* CHECK came with 0.4.0, GC and STATUS with 1.1.0. */
static void
test_versions_per_command (void)
{
  static const char *const check_env[] = {
    "CNI_COMMAND", "CHECK", "CNI_CONTAINERID", "c", "CNI_NETNS", "/run/netns/x",
    "CNI_IFNAME", "eth0", NULL
  };
  static const char *const gc_env[] = { "CNI_COMMAND", "GC", NULL };
  static const char *const status_env[] = { "CNI_COMMAND", "STATUS", NULL };

  assert_conf_error (check_env, "{\"cniVersion\": \"0.3.1\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\"}",
                     NNS_CNI_ERROR_INCOMPATIBLE_VERSION, "CHECK came in CNI 0.4.0");
  assert_conf_error (gc_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\"}",
                     NNS_CNI_ERROR_INCOMPATIBLE_VERSION, "GC came in CNI 1.1.0");
  assert_conf_error (status_env, "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\"}",
                     NNS_CNI_ERROR_INCOMPATIBLE_VERSION, "STATUS came in CNI 1.1.0");
  assert_conf_error (gc_env, "{\"cniVersion\": \"1.1.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"cni.dev/valid-attachments\": [{\"containerID\": \"a\"}]}",
                     NNS_CNI_ERROR_INVALID_CONFIG, "needs containerID and ifname");
}

static void
test_gc_attachments (void)
{
  static const char *const gc_env[] = { "CNI_COMMAND", "GC", NULL };
  g_autoptr(NnsCniEnv) env = env_for (gc_env);
  const char *text = "{\"cniVersion\": \"1.1.0\", \"name\": \"n\", \"subnet\": \"10.0.0.0/24\","
                     " \"cni.dev/valid-attachments\": [{\"containerID\": \"a\", \"ifname\": \"eth0\"},"
                     " {\"containerID\": \"b\", \"ifname\": \"net1\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsCniNetConf) conf = nns_cni_netconf_parse (text, strlen (text), env, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (conf->valid_attachments->len, ==, 2);
  g_assert_cmpstr (g_array_index (conf->valid_attachments, NnsCniAttachmentKey, 1).container_id,
                   ==, "b");
  g_assert_cmpstr (g_array_index (conf->valid_attachments, NnsCniAttachmentKey, 1).ifname,
                   ==, "net1");
}

static void
assert_env_error (const char *const *vars,
                  const char        *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsCniEnv) env = NULL;

  test_env = vars;
  env = nns_cni_env_load (test_getenv, &error);
  g_assert_null (env);
  g_assert_error (error, NNS_CNI_ERROR, NNS_CNI_ERROR_INVALID_ENVIRONMENT);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message \"%s\" does not contain \"%s\"", error->message, fragment);
}

static void
test_environment (void)
{
  static const char *const none[] = { NULL };
  static const char *const unknown[] = { "CNI_COMMAND", "UP", NULL };
  static const char *const no_id[] = { "CNI_COMMAND", "ADD", "CNI_NETNS", "/x", "CNI_IFNAME", "eth0", NULL };
  static const char *const bad_id[] = { "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "-x",
                                        "CNI_NETNS", "/x", "CNI_IFNAME", "eth0", NULL };
  static const char *const bad_ifname[] = { "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "x",
                                            "CNI_NETNS", "/x", "CNI_IFNAME", "eth0/1", NULL };
  static const char *const no_netns[] = { "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "x",
                                          "CNI_IFNAME", "eth0", NULL };
  static const char *const del[] = { "CNI_COMMAND", "DEL", "CNI_CONTAINERID", "x",
                                     "CNI_IFNAME", "eth0", NULL };
  static const char *const bad_args[] = { "CNI_COMMAND", "DEL", "CNI_CONTAINERID", "x",
                                          "CNI_IFNAME", "eth0", "CNI_ARGS", "IP", NULL };
  g_autoptr(NnsCniEnv) person = env_for (none);
  g_autoptr(NnsCniEnv) del_env = env_for (del);

  g_assert_cmpint (person->command, ==, NNS_CNI_COMMAND_NONE);
  /* DEL goes on when the namespace is gone. */
  g_assert_cmpint (del_env->command, ==, NNS_CNI_COMMAND_DEL);
  g_assert_null (del_env->netns);
  assert_env_error (unknown, "CNI_COMMAND 'UP' is none of");
  assert_env_error (no_id, "CNI_CONTAINERID must be set");
  assert_env_error (bad_id, "must start with a letter or a digit");
  assert_env_error (bad_ifname, "CNI_IFNAME:");
  assert_env_error (no_netns, "CNI_NETNS must be set");
  assert_env_error (bad_args, "CNI_ARGS entry 'IP' is not KEY=VALUE");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cni/netconf/defaults", test_defaults);
  g_test_add_func ("/cni/netconf/gateway-flags", test_gateway_flags);
  g_test_add_func ("/cni/netconf/ranges", test_ranges);
  g_test_add_func ("/cni/netconf/runtime-config", test_runtime_config);
  g_test_add_func ("/cni/netconf/errors", test_config_errors);
  g_test_add_func ("/cni/netconf/unsupported-fields", test_unsupported_fields);
  g_test_add_func ("/cni/netconf/versions-per-command", test_versions_per_command);
  g_test_add_func ("/cni/netconf/gc-attachments", test_gc_attachments);
  g_test_add_func ("/cni/env", test_environment);
  return g_test_run ();
}
