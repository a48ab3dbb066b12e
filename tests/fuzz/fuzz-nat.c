/* fuzz-nat.c: port forward targets, masquerade sources and out-links,
 * and the nftables transaction written from what they accept.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <netinet/in.h>
#include <string.h>

#include "fuzz-common.h"
#include "nns-nat-rules.h"
#include "nns-nftables.h"

/* Every line of @script is a command netnsd writes, naming its own table;
 * every quoted string closes on its line, and outside them no rule holds
 * a ';' (which would start another command). */
static gboolean
script_is_own (const char *script)
{
  g_auto(GStrv) lines = g_strsplit (script, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean quoted = FALSE;

      if (line[0] == '\0')
        continue;
      if (!g_str_has_prefix (line, "add table inet netnsd") &&
          !g_str_has_prefix (line, "delete table inet netnsd") &&
          !g_str_has_prefix (line, "add chain inet netnsd ") &&
          !g_str_has_prefix (line, "add rule inet netnsd "))
        return FALSE;
      for (const char *p = line; *p != '\0'; p++)
        {
          if (*p == '"')
            quoted = !quoted;
          else if (*p == ';' && !quoted && !g_str_has_prefix (line, "add chain "))
            return FALSE;
        }
      if (quoted)
        return FALSE;
    }
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autoptr(NnsNatRules) rules = nns_nat_rules_new ();
  g_autofree char *script = NULL;
  NnsPortForward forward = { .protocol = IPPROTO_TCP, .port = 80, .from_local = TRUE };
  NnsMasquerade masquerade = { 0 };

  if (nns_nat_target_parse (text, &forward.target, &forward.target_port, NULL))
    {
      g_autofree char *printed = nns_nat_target_to_string (&forward.target, forward.target_port);
      NnsPortForward again = forward;

      /* What is accepted prints and reads back as the same. */
      FUZZ_ASSERT (nns_nat_target_parse (printed, &again.target, &again.target_port, NULL));
      FUZZ_ASSERT (nns_cidr_equal (&again.target, &forward.target));
      FUZZ_ASSERT (again.target_port == forward.target_port && forward.target_port != 0);
      nns_nat_rules_add_forward (rules, &forward);
    }
  if (nns_nat_source_parse (text, &masquerade.source, NULL))
    {
      FUZZ_ASSERT (masquerade.source.prefix > 0);
      nns_nat_rules_add_masquerade (rules, &masquerade);
    }
  if (nns_nat_link_validate (text, NULL))
    {
      FUZZ_ASSERT (strpbrk (text, "\"\\* \n") == NULL);
      if (nns_nat_source_parse ("10.0.0.0/8", &masquerade.source, NULL))
        {
          masquerade.out_link = text;
          nns_nat_rules_add_masquerade (rules, &masquerade);
        }
    }
  script = nns_nftables_render (rules);
  FUZZ_ASSERT (script_is_own (script));
  return 0;
}
