/* nns-cni-error.c: CNI error codes as a GError domain.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-cni-error.h"

G_DEFINE_QUARK (nns-cni-error-quark, nns_cni_error)

void
nns_cni_set_error (GError        **error,
                   NnsCniErrorCode code,
                   const char     *msg,
                   const char     *details_format,
                   ...)
{
  g_autofree char *details = NULL;
  va_list args;

  if (details_format == NULL)
    {
      g_set_error_literal (error, NNS_CNI_ERROR, code, msg);
      return;
    }
  va_start (args, details_format);
  details = g_strdup_vprintf (details_format, args);
  va_end (args);
  g_set_error (error, NNS_CNI_ERROR, code, "%s\n%s", msg, details);
}

void
nns_cni_error_split (const GError *error,
                     char        **msg,
                     char        **details)
{
  const char *newline = strchr (error->message, '\n');

  if (newline == NULL)
    {
      *msg = g_strdup (error->message);
      *details = NULL;
      return;
    }
  *msg = g_strndup (error->message, newline - error->message);
  *details = g_strdup (newline + 1);
}

guint
nns_cni_error_code (const GError *error)
{
  return error->domain == NNS_CNI_ERROR ? (guint) error->code : NNS_CNI_ERROR_INTERNAL;
}
