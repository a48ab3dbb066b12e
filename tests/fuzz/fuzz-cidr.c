/* fuzz-cidr.c: CIDR and plain address parsing, MTU checks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "fuzz-common.h"
#include "nns-address.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  const NnsCidrKind kinds[] = { NNS_CIDR_PREFIX_OPTIONAL, NNS_CIDR_NO_PREFIX, NNS_CIDR_NETWORK };

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      NnsCidr cidr, again;
      g_autofree char *printed = NULL;

      if (!nns_cidr_parse (text, kinds[i], "address", &cidr, NULL))
        continue;
      FUZZ_ASSERT (cidr.prefix <= (cidr.family == AF_INET ? 32u : 128u));
      /* What netnsd accepted it can print and read back as the same. */
      printed = nns_cidr_to_string (&cidr);
      FUZZ_ASSERT (nns_cidr_parse (printed, NNS_CIDR_PREFIX_OPTIONAL, "address", &again, NULL));
      FUZZ_ASSERT (nns_cidr_equal (&cidr, &again));
    }
  if (size >= 4)
    {
      guint32 mtu;

      memcpy (&mtu, data, sizeof mtu);
      FUZZ_ASSERT (nns_mtu_validate (mtu, NULL) == (mtu >= 68 && mtu <= 65536));
    }
  return 0;
}
