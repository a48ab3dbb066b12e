/* test-cni-result.c: what the CNI plugin prints: the result in the shape
 * of each specification version, prevResult passed on, errors, VERSION's
 * answer; and the names it works out from an attachment.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-cni-attachment.h"
#include "nns-cni-error.h"
#include "nns-cni-result.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static NnsCidr
cidr (const char *text)
{
  NnsCidr value;

  g_assert_true (nns_cidr_parse (text, NNS_CIDR_PREFIX_OPTIONAL, "test", &value, NULL));
  return value;
}

static NnsCniResult *
sample (void)
{
  NnsCniResult *result = nns_cni_result_new ();
  NnsCidr address = cidr ("10.88.0.2/16"), gateway = cidr ("10.88.0.1");
  NnsCidr address6 = cidr ("fd00::2/64"), gateway6 = cidr ("fd00::1");
  NnsCidr everything = cidr ("0.0.0.0/0");
  guint container;

  nns_cni_result_add_interface (result, "cni0", "02:00:00:00:00:01", NULL);
  nns_cni_result_add_interface (result, "veth01234567", "02:00:00:00:00:02", NULL);
  container = nns_cni_result_add_interface (result, "eth0", "02:00:00:00:00:03",
                                            "/run/netns/blue");
  nns_cni_result_add_ip (result, &address, &gateway, (int) container);
  nns_cni_result_add_ip (result, &address6, &gateway6, (int) container);
  nns_cni_result_add_route (result, &everything, &gateway);
  return result;
}

static void
test_result_1_0 (void)
{
  g_autoptr(NnsCniResult) result = sample ();
  g_autofree char *text = nns_cni_result_to_json (result, "1.0.0");
  g_autoptr(JsonObject) root = parse_object (text);
  JsonArray *ips = json_object_get_array_member (root, "ips");
  JsonObject *ip = json_array_get_object_element (ips, 0);
  JsonObject *container =
    json_array_get_object_element (json_object_get_array_member (root, "interfaces"), 2);
  JsonObject *route =
    json_array_get_object_element (json_object_get_array_member (root, "routes"), 0);

  g_assert_cmpstr (json_object_get_string_member (root, "cniVersion"), ==, "1.0.0");
  g_assert_cmpstr (json_object_get_string_member (ip, "address"), ==, "10.88.0.2/16");
  g_assert_cmpstr (json_object_get_string_member (ip, "gateway"), ==, "10.88.0.1");
  g_assert_cmpint (json_object_get_int_member (ip, "interface"), ==, 2);
  /* 1.0.0 took "version" out of ips. */
  g_assert_false (json_object_has_member (ip, "version"));
  g_assert_cmpstr (json_object_get_string_member (container, "sandbox"), ==, "/run/netns/blue");
  g_assert_cmpstr (json_object_get_string_member (route, "dst"), ==, "0.0.0.0/0");
  g_assert_cmpstr (json_object_get_string_member (route, "gw"), ==, "10.88.0.1");
  /* "dns" is always there, empty when the network has none. */
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, "dns")), ==, 0);
}

static void
test_result_0_4 (void)
{
  g_autoptr(NnsCniResult) result = sample ();
  g_autofree char *text = nns_cni_result_to_json (result, "0.4.0");
  g_autoptr(JsonObject) root = parse_object (text);
  JsonArray *ips = json_object_get_array_member (root, "ips");

  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ips, 0),
                                                  "version"), ==, "4");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ips, 1),
                                                  "version"), ==, "6");
}

static void
test_empty_result (void)
{
  g_autoptr(NnsCniResult) result = nns_cni_result_new ();
  g_autofree char *text = nns_cni_result_to_json (result, "1.1.0");
  g_autoptr(JsonObject) root = parse_object (text);

  /* Empty arrays are left out, as the reference plugins print them. */
  g_assert_false (json_object_has_member (root, "interfaces"));
  g_assert_false (json_object_has_member (root, "ips"));
  g_assert_false (json_object_has_member (root, "routes"));
  g_assert_true (json_object_has_member (root, "dns"));
}

/* A plugin after another in a chain: its result goes on, unknown members
 * and all, and this plugin's interfaces come after, their indices moved. */
static void
test_prev_result_append (void)
{
  g_autoptr(JsonObject) prev_json =
    parse_object ("{\"cniVersion\": \"0.4.0\", \"interfaces\": [{\"name\": \"lo\", \"sandbox\": \"/x\","
                  " \"pciID\": \"0000:00:01.0\"}], \"ips\": [{\"version\": \"4\", \"address\": \"127.0.0.1/8\","
                  " \"interface\": 0}], \"dns\": {\"nameservers\": [\"192.0.2.53\"]}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsCniResult) prev = nns_cni_result_parse (prev_json, &error);
  g_autoptr(NnsCniResult) own = sample ();
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *ips;
  NnsCidr address, gateway;
  int interface;

  g_assert_no_error (error);
  nns_cni_result_append (prev, own);
  g_assert_cmpuint (nns_cni_result_n_interfaces (prev), ==, 4);
  g_assert_cmpint (nns_cni_result_find_interface (prev, "eth0", "/run/netns/blue"), ==, 3);
  nns_cni_result_ip (prev, 1, &address, &gateway, &interface);
  g_assert_cmpint (interface, ==, 3);
  text = nns_cni_result_to_json (prev, "1.0.0");
  root = parse_object (text);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "interfaces"), 0),
                     "pciID"), ==, "0000:00:01.0");
  ips = json_object_get_array_member (root, "ips");
  g_assert_cmpuint (json_array_get_length (ips), ==, 3);
  g_assert_false (json_object_has_member (json_array_get_object_element (ips, 0), "version"));
  /* The earlier plugin's dns stays. */
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_object_get_object_member (root, "dns"),
                                                   "nameservers"), 0), ==, "192.0.2.53");
}

static void
test_error_json (void)
{
  g_autoptr(GError) with_details = NULL;
  g_autoptr(GError) plain = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "boom");
  g_autofree char *text = NULL, *plain_text = NULL, *other_text = NULL;
  g_autoptr(JsonObject) root = NULL, plain_root = NULL, other_root = NULL;

  nns_cni_set_error (&with_details, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                     "ipam.subnet %s is too small", "10.0.0.0/31");
  nns_cni_set_error (&plain, NNS_CNI_ERROR_TRY_AGAIN_LATER, "try again", NULL);
  text = nns_cni_error_to_json (with_details, "1.0.0");
  plain_text = nns_cni_error_to_json (plain, "1.1.0");
  other_text = nns_cni_error_to_json (other, "1.1.0");
  root = parse_object (text);
  plain_root = parse_object (plain_text);
  other_root = parse_object (other_text);
  g_assert_cmpstr (json_object_get_string_member (root, "cniVersion"), ==, "1.0.0");
  g_assert_cmpint (json_object_get_int_member (root, "code"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (root, "msg"), ==, "invalid network configuration");
  g_assert_cmpstr (json_object_get_string_member (root, "details"), ==,
                   "ipam.subnet 10.0.0.0/31 is too small");
  g_assert_cmpint (json_object_get_int_member (plain_root, "code"), ==, 11);
  g_assert_false (json_object_has_member (plain_root, "details"));
  g_assert_cmpint (json_object_get_int_member (other_root, "code"), ==, 999);
}

static void
test_version_json (void)
{
  g_autofree char *text = nns_cni_version_to_json ("0.4.0");
  g_autoptr(JsonObject) root = parse_object (text);
  JsonArray *supported = json_object_get_array_member (root, "supportedVersions");
  gboolean has_1_0 = FALSE, has_1_1 = FALSE;

  g_assert_cmpstr (json_object_get_string_member (root, "cniVersion"), ==, "0.4.0");
  for (guint i = 0; i < json_array_get_length (supported); i++)
    {
      has_1_0 |= strcmp (json_array_get_string_element (supported, i), "1.0.0") == 0;
      has_1_1 |= strcmp (json_array_get_string_element (supported, i), "1.1.0") == 0;
    }
  g_assert_true (has_1_0);
  g_assert_true (has_1_1);
  g_assert_cmpint (nns_cni_version_index ("1.0.0"), >, nns_cni_version_index ("0.4.0"));
  g_assert_cmpint (nns_cni_version_index ("2.0.0"), ==, -1);
}

static void
test_attachment_names (void)
{
  const char *id = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  g_autofree char *holder = nns_cni_holder (id, "eth0", 0);
  g_autofree char *holder1 = nns_cni_holder (id, "eth0", 1);
  g_autofree char *link = nns_cni_host_link_name (id, "eth0");
  g_autofree char *again = nns_cni_host_link_name (id, "eth0");
  g_autofree char *other = nns_cni_host_link_name (id, "net1");
  g_autofree char *short_name = nns_cni_attach_name (id, FALSE);
  g_autofree char *long_name = nns_cni_attach_name (id, TRUE);
  g_autofree char *parsed_id = NULL, *parsed_ifname = NULL;
  g_autofree char *mac = nns_cni_random_mac ();
  char *unused_id = NULL, *unused_ifname = NULL;

  g_assert_cmpstr (holder, ==, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/eth0");
  g_assert_true (g_str_has_suffix (holder1, "/eth0/1"));
  g_assert_true (nns_cni_holder_parse (holder1, &parsed_id, &parsed_ifname));
  g_assert_cmpstr (parsed_id, ==, id);
  g_assert_cmpstr (parsed_ifname, ==, "eth0");
  g_assert_false (nns_cni_holder_parse ("someone else's", &unused_id, &unused_ifname));
  g_assert_false (nns_cni_holder_parse ("a/b/c/d", &unused_id, &unused_ifname));
  g_assert_false (nns_cni_holder_parse ("a/b/x", &unused_id, &unused_ifname));
  /* The same attachment, the same name, so DEL finds it with no state;
   * 12 characters, within the 15 a link name has. */
  g_assert_cmpstr (link, ==, again);
  g_assert_cmpstr (link, !=, other);
  g_assert_true (g_str_has_prefix (link, "veth"));
  g_assert_cmpuint (strlen (link), ==, 12);
  g_assert_cmpstr (short_name, ==, "cni-9f86d081884c");
  g_assert_cmpuint (strlen (long_name), ==, 64);
  /* Unicast and locally administered. */
  g_assert_cmpuint (strlen (mac), ==, 17);
  g_assert_cmpint (g_ascii_xdigit_value (mac[1]) & 3, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cni/result/1.0.0", test_result_1_0);
  g_test_add_func ("/cni/result/0.4.0", test_result_0_4);
  g_test_add_func ("/cni/result/empty", test_empty_result);
  g_test_add_func ("/cni/result/prev-result", test_prev_result_append);
  g_test_add_func ("/cni/result/error", test_error_json);
  g_test_add_func ("/cni/result/version", test_version_json);
  g_test_add_func ("/cni/attachment/names", test_attachment_names);
  return g_test_run ();
}
