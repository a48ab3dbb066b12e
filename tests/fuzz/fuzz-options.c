/* fuzz-options.c: a{sv} option dictionaries, from serialized GVariant
 * bytes as a D-Bus message carries them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "nns-options.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GVariant) options = g_variant_ref_sink (
    g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  g_autoptr(GVariant) normal = g_variant_get_normal_form (options);
  gboolean up = TRUE, up_given = FALSE;
  guint32 mtu = 1500;
  gint32 number = 0;
  guint64 big = 0;
  g_autofree char *name = NULL;
  g_auto(GStrv) env = NULL;
  const NnsOptionSpec specs[] = {
    { "up", "b", &up, &up_given },
    { "mtu", "u", &mtu, NULL },
    { "signal", "i", &number, NULL },
    { "cookie", "t", &big, NULL },
    { "name", "s", &name, NULL },
    { "env", "as", &env, NULL },
  };
  GError *error = NULL;

  if (!nns_options_parse (normal, specs, G_N_ELEMENTS (specs), &error))
    {
      /* A rejected dictionary changes nothing. */
      FUZZ_ASSERT (error != NULL);
      FUZZ_ASSERT (up && !up_given && mtu == 1500 && name == NULL && env == NULL);
      g_error_free (error);
    }
  return 0;
}
