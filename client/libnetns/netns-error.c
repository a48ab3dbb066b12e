/* netns-error.c: NETNS_ERROR, registered with GDBus so that netnsd's
 * D-Bus error names arrive as its codes, in C and through GObject
 * introspection alike.
 *
 * The same names are registered by common/nns-error.c for the service's
 * NNS_ERROR, but only when a program asks for it
 * (nns_error_register_dbus_names()): netnsd does, programs on libnetns
 * must not. GDBus lets one domain own a name per process, so the two never
 * meet in one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "netns-error-private.h"

#define NETNS_ERROR_N_CODES (NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED + 1)

static const GDBusErrorEntry netns_error_entries[] = {
  { NETNS_ERROR_FAILED, "org.example.NetNs.Error.Failed" },
  { NETNS_ERROR_INVALID_ARGUMENT, "org.example.NetNs.Error.InvalidArgument" },
  { NETNS_ERROR_NOT_FOUND, "org.example.NetNs.Error.NotFound" },
  { NETNS_ERROR_EXISTS, "org.example.NetNs.Error.Exists" },
  { NETNS_ERROR_NOT_AUTHORIZED, "org.example.NetNs.Error.NotAuthorized" },
  { NETNS_ERROR_BUSY, "org.example.NetNs.Error.Busy" },
  { NETNS_ERROR_NOT_SUPPORTED, "org.example.NetNs.Error.NotSupported" },
  /* The D-Bus specification's own name, which netnsd sends as it is, so
   * that it needs a code of its own here: GDBusError has none. */
  { NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
    "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (netns_error_entries) == NETNS_ERROR_N_CODES);

/**
 * netns_error_quark:
 *
 * The quark of the [error@NetNs.Error] domain. Its first use registers
 * netnsd's D-Bus error names with GDBus; [class@NetNs.Client] makes sure
 * that happens before any call.
 *
 * Returns: the `NETNS_ERROR` domain
 */
GQuark
netns_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("netns-error-quark",
                                      &quark,
                                      netns_error_entries,
                                      G_N_ELEMENTS (netns_error_entries));
  return (GQuark) quark;
}

/**
 * netns_error_get_dbus_name:
 * @error: an error a [class@NetNs.Client] call gave
 *
 * The D-Bus error name behind @error: `org.example.NetNs.Error.NotFound`
 * for %NETNS_ERROR_NOT_FOUND, `org.freedesktop.DBus.Error.ServiceUnknown`
 * for %G_DBUS_ERROR_SERVICE_UNKNOWN, and for a name that neither libnetns
 * nor GLib knows, that name. A program that prints errors for scripts
 * (`netnsctl --json`) prints this.
 *
 * Returns: (transfer full) (nullable): the D-Bus error name, or %NULL for
 *   an error that did not come from the bus and has none (such as
 *   %G_IO_ERROR_CANCELLED)
 */
char *
netns_error_get_dbus_name (const GError *error)
{
  char *remote_name;

  g_return_val_if_fail (error != NULL, NULL);

  remote_name = g_dbus_error_get_remote_error (error);
  if (remote_name != NULL)
    return remote_name;
  if (error->domain == NETNS_ERROR || error->domain == G_DBUS_ERROR)
    return g_dbus_error_encode_gerror (error);
  return NULL;
}

/* Takes GDBus's "GDBus.Error:NAME: " off the message of an error whose
 * name became a code (NETNS_ERROR, G_DBUS_ERROR): the code says it now.
 * An error of a name nobody registered keeps it, the only place where
 * its name survives. */
void
netns_error_strip_remote (GError *error)
{
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR))
    return;
  g_dbus_error_strip_remote_error (error);
}
