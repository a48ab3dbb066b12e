/* nns-error.c: the netnsd error domain, registered with GDBus so that a
 * D-Bus error name turns back into an NnsError in any GLib client.
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

GQuark
nns_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("nns-error-quark",
                                      &quark,
                                      nns_error_entries,
                                      G_N_ELEMENTS (nns_error_entries));
  return (GQuark) quark;
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
