/* fuzz-names.c: namespace and link name validation, and quoting.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "nns-names.h"

static gboolean
is_safe_name (const char *name)
{
  if (name[0] == '\0' || name[0] == '-' || name[0] == '.' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autofree char *quoted = nns_quote (text);
  GError *error = NULL;

  /* A name netnsd creates is always a plain, safe file name. */
  if (nns_namespace_name_validate (text, &error))
    FUZZ_ASSERT (is_safe_name (text));
  else
    FUZZ_ASSERT (error != NULL && error->message[0] != '\0');
  g_clear_error (&error);

  if (nns_namespace_entry_validate (text, NULL))
    FUZZ_ASSERT (strchr (text, '/') == NULL && strcmp (text, "..") != 0);
  if (nns_link_name_validate (text, NULL))
    FUZZ_ASSERT (strlen (text) <= 15 && strpbrk (text, "/:% \t\n") == NULL);
  nns_link_name_check (text, NULL);

  /* Quoting bounds what a message repeats. */
  FUZZ_ASSERT (strlen (quoted) <= 4 * 48 + 5);
  return 0;
}
