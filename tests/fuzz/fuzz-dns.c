/* fuzz-dns.c: resolv.conf from nameservers and search domains. Input
 * lines starting "n" are nameservers, others search domains.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "nns-dns.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 16);
  g_autoptr(GPtrArray) nameservers = g_ptr_array_new ();
  g_autoptr(GPtrArray) search = g_ptr_array_new ();
  g_autofree char *rendered = NULL;
  g_auto(GStrv) out = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (lines[i][0] == 'n' ? nameservers : search, lines[i] + (lines[i][0] != '\0'));
  g_ptr_array_add (nameservers, NULL);
  g_ptr_array_add (search, NULL);

  rendered = nns_dns_render ((const char * const *) nameservers->pdata,
                             (const char * const *) search->pdata, "fuzz", NULL);
  if (rendered == NULL)
    return 0;
  /* Nothing the caller wrote can add a line or an option. */
  out = g_strsplit (rendered, "\n", -1);
  for (guint i = 0; out[i] != NULL; i++)
    FUZZ_ASSERT (out[i][0] == '\0' || g_str_has_prefix (out[i], "# ") ||
                 g_str_has_prefix (out[i], "nameserver ") || g_str_has_prefix (out[i], "search "));
  return 0;
}
