/* fuzz-cni-netconf.c: the CNI plugin's reading of a network configuration
 * (its stdin, prevResult included) and its writing of results and errors.
 * What it accepts is consistent (ranges in order, gateways in their
 * subnets, prevResult's ips pointing at its interfaces), what it refuses
 * has one of the codes a configuration can earn, and every answer it
 * prints is JSON.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fuzz-common.h"
#include "nns-cni-env.h"
#include "nns-cni-error.h"
#include "nns-cni-netconf.h"
#include "nns-cni-ranges.h"
#include "nns-cni-result.h"

static void
assert_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  FUZZ_ASSERT (json_parser_load_from_data (parser, text, -1, NULL));
  FUZZ_ASSERT (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
}

static void
check_accepted (NnsCniNetConf *conf)
{
  FUZZ_ASSERT (conf->range_sets->len > 0);
  for (guint i = 0; i < conf->range_sets->len; i++)
    {
      NnsCniRangeSet *set = conf->range_sets->pdata[i];

      for (guint j = 0; j < set->ranges->len; j++)
        {
          NnsCniRange *range = &g_array_index (set->ranges, NnsCniRange, j);

          FUZZ_ASSERT (nns_cni_address_compare (&range->start, &range->end) <= 0);
          FUZZ_ASSERT (nns_cni_subnet_contains (&range->subnet, &range->gateway));
          FUZZ_ASSERT (nns_cni_subnet_contains (&range->subnet, &range->start));
          FUZZ_ASSERT (nns_cni_subnet_contains (&range->subnet, &range->end));
        }
      FUZZ_ASSERT (nns_cni_range_set_capacity (set) > 0 ||
                   nns_cni_range_set_contains (set, &g_array_index (set->ranges, NnsCniRange, 0).gateway));
    }
  if (conf->prev_result != NULL)
    {
      g_autofree char *text = nns_cni_result_to_json (conf->prev_result, conf->version);

      for (guint i = 0; i < nns_cni_result_n_ips (conf->prev_result); i++)
        {
          NnsCidr address, gateway;
          int interface;

          nns_cni_result_ip (conf->prev_result, i, &address, &gateway, &interface);
          FUZZ_ASSERT (interface < (int) nns_cni_result_n_interfaces (conf->prev_result));
        }
      assert_json (text);
    }
}

static const char *
fuzz_getenv (const char *name)
{
  static const char *const env[] = {
    "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "fuzz", "CNI_NETNS", "/run/netns/fuzz",
    "CNI_IFNAME", "eth0", NULL
  };

  for (guint i = 0; env[i] != NULL; i += 2)
    if (strcmp (env[i], name) == 0)
      return env[i + 1];
  return NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(NnsCniEnv) env = nns_cni_env_load (fuzz_getenv, NULL);
  g_autoptr(NnsCniNetConf) conf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  guint code;

  conf = nns_cni_netconf_parse ((const char *) data, size, env, &error);
  if (conf != NULL)
    {
      check_accepted (conf);
      return 0;
    }
  code = nns_cni_error_code (error);
  FUZZ_ASSERT (code == NNS_CNI_ERROR_INCOMPATIBLE_VERSION || code == NNS_CNI_ERROR_UNSUPPORTED_FIELD ||
               code == NNS_CNI_ERROR_DECODING_FAILURE || code == NNS_CNI_ERROR_INVALID_CONFIG ||
               code == NNS_CNI_ERROR_INVALID_ENVIRONMENT);
  answer = nns_cni_error_to_json (error, "1.0.0");
  assert_json (answer);
  return 0;
}
