/* test-errors.c: the error domain and its mapping from errno and libnl.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <netlink/errno.h>

#include "nns-error.h"
#include "nns-netlink.h"

/* Every code travels over D-Bus and comes back as itself. */
static void
test_dbus_round_trip (void)
{
  static const char *const expected_names[] = {
    "org.example.NetNs.Error.Failed",
    "org.example.NetNs.Error.InvalidArgument",
    "org.example.NetNs.Error.NotFound",
    "org.example.NetNs.Error.Exists",
    "org.example.NetNs.Error.NotAuthorized",
    "org.example.NetNs.Error.Busy",
    "org.example.NetNs.Error.NotSupported",
    "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected_names) == NNS_ERROR_N_CODES);

  for (int code = 0; code < NNS_ERROR_N_CODES; code++)
    {
      g_autoptr(GError) error = g_error_new (NNS_ERROR, code, "namespace 'red' not found");
      g_autofree char *dbus_name = g_dbus_error_encode_gerror (error);
      g_autoptr(GError) decoded = NULL;

      g_assert_cmpstr (dbus_name, ==, expected_names[code]);
      g_assert_cmpstr (nns_error_to_dbus_name (code), ==, expected_names[code]);

      decoded = g_dbus_error_new_for_dbus_error (dbus_name, "namespace 'red' not found");
      g_assert_error (decoded, NNS_ERROR, code);
      g_assert_true (g_dbus_error_strip_remote_error (decoded));
      g_assert_cmpstr (decoded->message, ==, "namespace 'red' not found");
    }
}

static void
test_errno_mapping (void)
{
  const struct { int errsv; NnsError code; } cases[] = {
    { EEXIST, NNS_ERROR_EXISTS },
    { ENOENT, NNS_ERROR_NOT_FOUND },
    { ENODEV, NNS_ERROR_NOT_FOUND },
    { EINVAL, NNS_ERROR_INVALID_ARGUMENT },
    { ERANGE, NNS_ERROR_INVALID_ARGUMENT },
    { EBUSY, NNS_ERROR_BUSY },
    { EOPNOTSUPP, NNS_ERROR_NOT_SUPPORTED },
    { EIO, NNS_ERROR_FAILED },
    { ENOMEM, NNS_ERROR_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (nns_error_code_from_errno (cases[i].errsv), ==, cases[i].code);
}

static void
test_errno_message (void)
{
  g_autoptr(GError) error = NULL;

  nns_set_error_errno (&error, EEXIST, "cannot create namespace '%s'", "red");
  g_assert_error (error, NNS_ERROR, NNS_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "cannot create namespace 'red': File exists");
}

static void
test_netlink_mapping (void)
{
  const struct { int nlerr; NnsError code; } cases[] = {
    { -NLE_EXIST, NNS_ERROR_EXISTS },
    { -NLE_OBJ_NOTFOUND, NNS_ERROR_NOT_FOUND },
    { -NLE_NODEV, NNS_ERROR_NOT_FOUND },
    { -NLE_INVAL, NNS_ERROR_INVALID_ARGUMENT },
    { -NLE_RANGE, NNS_ERROR_INVALID_ARGUMENT },
    { -NLE_BUSY, NNS_ERROR_BUSY },
    { -NLE_OPNOTSUPP, NNS_ERROR_NOT_SUPPORTED },
    { -NLE_NOMEM, NNS_ERROR_FAILED },
  };
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (nns_error_code_from_nl (cases[i].nlerr), ==, cases[i].code);

  nns_set_error_nl (&error, -NLE_EXIST, "cannot add address %s to %s", "10.0.0.1/24", "veth1");
  g_assert_error (error, NNS_ERROR, NNS_ERROR_EXISTS);
  g_assert_true (g_str_has_prefix (error->message, "cannot add address 10.0.0.1/24 to veth1: "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nns_error_register_dbus_names ();

  g_test_add_func ("/errors/dbus-round-trip", test_dbus_round_trip);
  g_test_add_func ("/errors/errno-mapping", test_errno_mapping);
  g_test_add_func ("/errors/errno-message", test_errno_message);
  g_test_add_func ("/errors/netlink-mapping", test_netlink_mapping);

  return g_test_run ();
}
