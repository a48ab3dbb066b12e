/* netns-error.h: NETNS_ERROR, the errors netnsd answers with.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * NetNsError:
 * @NETNS_ERROR_FAILED: Something went wrong that no other code names
 *   (`org.example.NetNs.Error.Failed`).
 * @NETNS_ERROR_INVALID_ARGUMENT: An argument or option is wrong; the
 *   message names it (`org.example.NetNs.Error.InvalidArgument`).
 * @NETNS_ERROR_NOT_FOUND: The namespace, link, address or rule is not there
 *   (`org.example.NetNs.Error.NotFound`).
 * @NETNS_ERROR_EXISTS: What the call would make is there already
 *   (`org.example.NetNs.Error.Exists`).
 * @NETNS_ERROR_NOT_AUTHORIZED: polkit said no, or could not be asked
 *   (`org.example.NetNs.Error.NotAuthorized`).
 * @NETNS_ERROR_BUSY: A limit was reached, or something is in use
 *   (`org.example.NetNs.Error.Busy`).
 * @NETNS_ERROR_NOT_SUPPORTED: The kernel or netnsd cannot do that
 *   (`org.example.NetNs.Error.NotSupported`).
 * @NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED: polkit would have asked
 *   for a password, but the call did not allow it: set
 *   [property@NetNs.Client:interactive] to let it ask
 *   (`org.freedesktop.DBus.Error.InteractiveAuthorizationRequired`).
 *
 * The errors netnsd answers with. Each code is a D-Bus error name, and
 * every call of [class@NetNs.Client] that fails with one of these names
 * fails with the code in the `NETNS_ERROR` domain, its message as netnsd
 * wrote it (without GDBus's `GDBus.Error:NAME:` prefix).
 *
 * Errors of other names keep their own domain: those of the bus
 * (`org.freedesktop.DBus.Error.*`) are `G_DBUS_ERROR`, with the prefix
 * taken off too; a name that neither libnetns nor GLib knows (from a
 * newer netnsd) stays `G_IO_ERROR_DBUS_ERROR` with its prefix, so that
 * [func@NetNs.error_get_dbus_name] still names it.
 */
typedef enum {
  NETNS_ERROR_FAILED,
  NETNS_ERROR_INVALID_ARGUMENT,
  NETNS_ERROR_NOT_FOUND,
  NETNS_ERROR_EXISTS,
  NETNS_ERROR_NOT_AUTHORIZED,
  NETNS_ERROR_BUSY,
  NETNS_ERROR_NOT_SUPPORTED,
  NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
} NetNsError;

/**
 * NETNS_ERROR:
 *
 * The error domain of netnsd's answers; its codes are [error@NetNs.Error].
 */
#define NETNS_ERROR (netns_error_quark ())

GQuark netns_error_quark          (void);

char  *netns_error_get_dbus_name  (const GError *error);

G_END_DECLS
