/* nns-options.c: strict parsing of a{sv} option dictionaries.
 *
 * Every method that takes options rejects keys it does not know and values
 * of the wrong type, so a typo never silently falls back to a default.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-error.h"
#include "nns-names.h"
#include "nns-options.h"

static const NnsOptionSpec *
find_spec (const NnsOptionSpec *specs,
           gsize                n_specs,
           const char          *key)
{
  for (gsize i = 0; i < n_specs; i++)
    if (g_str_equal (specs[i].key, key))
      return &specs[i];
  return NULL;
}

static char *
list_known_keys (const NnsOptionSpec *specs,
                 gsize                n_specs)
{
  g_autoptr(GString) known = g_string_new (NULL);

  if (n_specs == 0)
    return g_strdup ("this method takes no options");

  g_string_append (known, "known options: ");
  for (gsize i = 0; i < n_specs; i++)
    g_string_append_printf (known, "%s%s (%s)", i > 0 ? ", " : "",
                            specs[i].key, specs[i].type);
  return g_string_free (g_steal_pointer (&known), FALSE);
}

static void
store_value (const NnsOptionSpec *spec,
             GVariant            *value)
{
  switch (spec->type[0])
    {
    case 'b':
      *(gboolean *) spec->value = g_variant_get_boolean (value);
      break;
    case 'q':
      *(guint16 *) spec->value = g_variant_get_uint16 (value);
      break;
    case 'u':
      *(guint32 *) spec->value = g_variant_get_uint32 (value);
      break;
    case 'i':
      *(gint32 *) spec->value = g_variant_get_int32 (value);
      break;
    case 't':
      *(guint64 *) spec->value = g_variant_get_uint64 (value);
      break;
    case 's':
      g_free (*(char **) spec->value);
      *(char **) spec->value = g_variant_dup_string (value, NULL);
      break;
    case 'a':
      if (g_str_equal (spec->type, "as"))
        {
          g_strfreev (*(char ***) spec->value);
          *(char ***) spec->value = g_variant_dup_strv (value, NULL);
          break;
        }
      /* Any other array (aa{sv}, ...): the value itself, for the caller
       * to read. */
      g_clear_pointer ((GVariant **) spec->value, g_variant_unref);
      *(GVariant **) spec->value = g_variant_ref (value);
      break;
    default:
      g_assert_not_reached ();
    }
  if (spec->given != NULL)
    *spec->given = TRUE;
}

gboolean
nns_options_parse (GVariant            *options,
                   const NnsOptionSpec *specs,
                   gsize                n_specs,
                   GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GVariantIter iter;
  const char *key;
  GVariant *next;

  g_return_val_if_fail (g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT), FALSE);

  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &next))
    {
      g_autoptr(GVariant) value = next;
      const NnsOptionSpec *spec = find_spec (specs, n_specs, key);
      g_autofree char *quoted = nns_quote (key);

      if (spec == NULL)
        {
          g_autofree char *known = list_known_keys (specs, n_specs);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "unknown option %s; %s", quoted, known);
          return FALSE;
        }
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE (spec->type)))
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "option %s must be of type '%s', not '%s'",
                       quoted, spec->type, g_variant_get_type_string (value));
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) spec->key))
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "option %s is given more than once", quoted);
          return FALSE;
        }
    }

  /* Store only once the whole dictionary is known to be good, so that a
   * failure leaves the caller's defaults untouched. */
  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &next))
    {
      g_autoptr(GVariant) value = next;

      store_value (find_spec (specs, n_specs, key), value);
    }
  return TRUE;
}
