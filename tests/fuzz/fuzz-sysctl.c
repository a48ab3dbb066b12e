/* fuzz-sysctl.c: the sysctl allowlist and its values ("KEY=VALUE").
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "nns-sysctl.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  char *eq = strchr (text, '=');
  g_auto(NnsSysctl) sysctl = { 0 };

  if (eq == NULL)
    return 0;
  *eq = '\0';
  if (nns_sysctl_parse (text, eq + 1, &sysctl, NULL))
    {
      /* Only per-namespace keys, never a path out of /proc/sys/net. */
      FUZZ_ASSERT (g_str_has_prefix (sysctl.path, "/proc/sys/net/ipv"));
      FUZZ_ASSERT (strstr (sysctl.path, "/../") == NULL && strstr (sysctl.path, "/./") == NULL);
      FUZZ_ASSERT (strstr (sysctl.path, "//") == NULL);
      FUZZ_ASSERT (g_str_has_suffix (sysctl.value, "\n"));
      for (const char *p = sysctl.value; *p != '\n'; p++)
        FUZZ_ASSERT (g_ascii_isdigit (*p) || *p == '\t');
    }
  return 0;
}
