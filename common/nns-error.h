/* nns-error.h: the error domain netnsd and its clients share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each code maps to the D-Bus error org.example.NetNs.Error.<Name>, except
 * INTERACTIVE_AUTHORIZATION_REQUIRED, which is the D-Bus specification's own
 * name so that any client (busctl, sd-bus, GLib) knows it may retry the call
 * with the allow-interactive-authorization flag. */
typedef enum {
  NNS_ERROR_FAILED,
  NNS_ERROR_INVALID_ARGUMENT,
  NNS_ERROR_NOT_FOUND,
  NNS_ERROR_EXISTS,
  NNS_ERROR_NOT_AUTHORIZED,
  NNS_ERROR_BUSY,
  NNS_ERROR_NOT_SUPPORTED,
  NNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
} NnsError;

#define NNS_ERROR_N_CODES (NNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED + 1)

#define NNS_ERROR (nns_error_quark ())
GQuark nns_error_quark (void);

void nns_error_register_dbus_names (void);

const char *nns_error_to_dbus_name (NnsError code);

NnsError nns_error_code_from_errno (int errsv);

void nns_set_error_reason (GError    **error,
                           NnsError    code,
                           const char *reason,
                           const char *format,
                           ...) G_GNUC_PRINTF (4, 5);

/* "<formatted>: <strerror>", with the code @errsv maps to. */
#define nns_set_error_errno(error, errsv, ...) \
  nns_set_error_reason ((error), nns_error_code_from_errno (errsv), g_strerror (errsv), \
                        __VA_ARGS__)

G_END_DECLS
