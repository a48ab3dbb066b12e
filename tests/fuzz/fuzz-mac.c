/* fuzz-mac.c: MAC address parsing.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "nns-address.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  guint8 mac[NNS_MAC_LEN];

  if (nns_mac_parse (text, "address", mac, NULL))
    {
      g_autofree char *printed = g_strdup_printf ("%02x:%02x:%02x:%02x:%02x:%02x",
                                                  mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);

      /* Unicast, not all zeros, and exactly what was written. */
      FUZZ_ASSERT ((mac[0] & 1) == 0);
      FUZZ_ASSERT (g_ascii_strcasecmp (printed, text) == 0);
    }
  return 0;
}
