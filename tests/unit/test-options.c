/* test-options.c: strict parsing of a{sv} option dictionaries.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-error.h"
#include "nns-options.h"

typedef struct {
  gboolean up;
  guint32  mtu;
  char    *address;
  gboolean mtu_given;
} Values;

static gboolean
parse (const char *text,
       Values     *values,
       GError    **error)
{
  g_autoptr(GVariant) options = g_variant_parse (G_VARIANT_TYPE_VARDICT, text,
                                                 NULL, NULL, NULL);
  const NnsOptionSpec specs[] = {
    { "up", "b", &values->up, NULL },
    { "mtu", "u", &values->mtu, &values->mtu_given },
    { "address", "s", &values->address, NULL },
  };

  g_assert_nonnull (options);
  return nns_options_parse (options, specs, G_N_ELEMENTS (specs), error);
}

static void
test_known_keys (void)
{
  Values values = { TRUE, 1500, NULL, FALSE };

  g_assert_true (parse ("{'up': <false>, 'mtu': <uint32 9000>, 'address': <'02:00:00:00:00:01'>}",
                        &values, NULL));
  g_assert_false (values.up);
  g_assert_cmpuint (values.mtu, ==, 9000);
  g_assert_true (values.mtu_given);
  g_assert_cmpstr (values.address, ==, "02:00:00:00:00:01");
  g_free (values.address);
}

static void
test_defaults_kept (void)
{
  Values values = { TRUE, 1500, NULL, FALSE };

  g_assert_true (parse ("@a{sv} {}", &values, NULL));
  g_assert_true (values.up);
  g_assert_cmpuint (values.mtu, ==, 1500);
  g_assert_false (values.mtu_given);
}

static void
test_rejects (void)
{
  const struct { const char *options; const char *message; } cases[] = {
    { "{'colour': <'red'>}", "unknown option 'colour'; known options: up (b), mtu (u), address (s)" },
    { "{'mtu': <'1500'>}", "option 'mtu' must be of type 'u', not 's'" },
    { "{'mtu': <int32 1500>}", "option 'mtu' must be of type 'u', not 'i'" },
    { "{'up': <1>}", "option 'up' must be of type 'b', not 'i'" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Values values = { TRUE, 1500, NULL, FALSE };
      g_autoptr(GError) error = NULL;

      g_assert_false (parse (cases[i].options, &values, &error));
      g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      /* A rejected dictionary changes nothing. */
      g_assert_true (values.up);
      g_assert_cmpuint (values.mtu, ==, 1500);
    }
}

static void
test_rejects_duplicates_and_partial (void)
{
  Values values = { TRUE, 1500, NULL, FALSE };
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  g_autoptr(GVariant) options = NULL;
  const NnsOptionSpec specs[] = {
    { "up", "b", &values.up, NULL },
    { "mtu", "u", &values.mtu, NULL },
  };

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "mtu", g_variant_new_uint32 (9000));
  g_variant_builder_add (&builder, "{sv}", "mtu", g_variant_new_uint32 (1280));
  options = g_variant_ref_sink (g_variant_builder_end (&builder));
  g_assert_false (nns_options_parse (options, specs, G_N_ELEMENTS (specs), &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (values.mtu, ==, 1500);
  g_clear_error (&error);

  /* A good key before a bad one is not applied either. */
  g_assert_false (parse ("{'mtu': <uint32 9000>, 'bogus': <true>}", &values, &error));
  g_assert_cmpuint (values.mtu, ==, 1500);
}

static void
test_no_options_allowed (void)
{
  g_autoptr(GVariant) options = g_variant_parse (G_VARIANT_TYPE_VARDICT, "{'force': <true>}",
                                                 NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (nns_options_parse (options, NULL, 0, &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "unknown option 'force'; this method takes no options");
}

/* An array of dictionaries (LeaseAddress's ranges) comes as it is. */
static void
test_nested (void)
{
  g_autoptr(GVariant) options =
    g_variant_parse (G_VARIANT_TYPE_VARDICT,
                     "{'ranges': <[{'subnet': <'10.0.0.0/24'>}, {'subnet': <'10.1.0.0/24'>}]>}",
                     NULL, NULL, NULL);
  g_autoptr(GVariant) wrong =
    g_variant_parse (G_VARIANT_TYPE_VARDICT, "{'ranges': <['10.0.0.0/24']>}", NULL, NULL, NULL);
  g_autoptr(GVariant) ranges = NULL;
  g_autoptr(GError) error = NULL;
  const NnsOptionSpec specs[] = {
    { "ranges", "aa{sv}", &ranges, NULL },
  };

  g_assert_true (nns_options_parse (options, specs, G_N_ELEMENTS (specs), NULL));
  g_assert_nonnull (ranges);
  g_assert_cmpuint (g_variant_n_children (ranges), ==, 2);
  g_clear_pointer (&ranges, g_variant_unref);
  g_assert_false (nns_options_parse (wrong, specs, G_N_ELEMENTS (specs), &error));
  g_assert_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT);
  g_assert_null (ranges);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/options/known", test_known_keys);
  g_test_add_func ("/options/defaults", test_defaults_kept);
  g_test_add_func ("/options/rejects", test_rejects);
  g_test_add_func ("/options/duplicates", test_rejects_duplicates_and_partial);
  g_test_add_func ("/options/none", test_no_options_allowed);
  g_test_add_func ("/options/nested", test_nested);

  return g_test_run ();
}
