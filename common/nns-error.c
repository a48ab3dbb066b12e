/* nns-error.c: the netnsd error domain, and its registration with GDBus
 * so that an NnsError goes on the bus under its D-Bus name and that name
 * turns back into an NnsError.
 *
 * The quark and the registration are apart on purpose: GDBus lets one
 * domain own a D-Bus error name in a process, and libnetns registers the
 * same names for its NETNS_ERROR. A program that links both this file
 * (for the name and address checks of nns-names.c and nns-address.c, whose
 * errors are NNS_ERROR) and libnetns must not have the two registrations
 * race; so nothing registers here unless main() asks for it: netnsd does,
 * and clients that speak D-Bus without libnetns do.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <string.h>

#include "nns-error.h"

static const GDBusErrorEntry nns_error_entries[] = {
  { NNS_ERROR_FAILED, "org.example.NetNs.Error.Failed" },
  { NNS_ERROR_INVALID_ARGUMENT, "org.example.NetNs.Error.InvalidArgument" },
  { NNS_ERROR_NOT_FOUND, "org.example.NetNs.Error.NotFound" },
  { NNS_ERROR_EXISTS, "org.example.NetNs.Error.Exists" },
  { NNS_ERROR_NOT_AUTHORIZED, "org.example.NetNs.Error.NotAuthorized" },
  { NNS_ERROR_BUSY, "org.example.NetNs.Error.Busy" },
  { NNS_ERROR_NOT_SUPPORTED, "org.example.NetNs.Error.NotSupported" },
  { NNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
    "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (nns_error_entries) == NNS_ERROR_N_CODES);

G_DEFINE_QUARK (nns-error-quark, nns_error)

/* Makes NNS_ERROR the owner of the D-Bus names above, once; call it before
 * any error can reach the bus, and only in a program that does not use
 * libnetns (whose NETNS_ERROR owns those names there). */
void
nns_error_register_dbus_names (void)
{
  static gsize registered = 0;

  g_dbus_error_register_error_domain ("nns-error-quark",
                                      &registered,
                                      nns_error_entries,
                                      G_N_ELEMENTS (nns_error_entries));
}

const char *
nns_error_to_dbus_name (NnsError code)
{
  g_return_val_if_fail ((guint) code < NNS_ERROR_N_CODES, NULL);

  return nns_error_entries[code].dbus_error_name;
}

NnsError
nns_error_code_from_errno (int errsv)
{
  switch (errsv)
    {
    case EEXIST:
    case ENOTEMPTY:
      return NNS_ERROR_EXISTS;
    case ENOENT:
    case ENODEV:
    case ENXIO:
    case ESRCH:
    case EADDRNOTAVAIL:
      return NNS_ERROR_NOT_FOUND;
    case EINVAL:
    case ERANGE:
    case E2BIG:
    case ENAMETOOLONG:
    case EDOM:
      return NNS_ERROR_INVALID_ARGUMENT;
    case EBUSY:
    case EAGAIN:
      return NNS_ERROR_BUSY;
    case EOPNOTSUPP:
    case EAFNOSUPPORT:
    case EPROTONOSUPPORT:
    case ENOSYS:
      return NNS_ERROR_NOT_SUPPORTED;
    default:
      return NNS_ERROR_FAILED;
    }
}

/* Sets @error to @code with the message "<formatted>: <reason>", so that
 * the message names the object and then the kernel's (or library's)
 * reason. The one setter behind nns_set_error_errno(), nns_set_error_nl()
 * and nns_set_error_answer(). */
void
nns_set_error_reason (GError    **error,
                      NnsError    code,
                      const char *reason,
                      const char *format,
                      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, NNS_ERROR, code, "%s: %s", what, reason);
}
