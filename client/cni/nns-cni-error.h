/* nns-cni-error.h: the error codes of the CNI specification, as a GError
 * domain, and how netnsd's errors become them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The specification's well-known codes (SPEC.md, "Error"); 999 is what the
 * reference plugins answer for everything else. */
typedef enum {
  NNS_CNI_ERROR_INCOMPATIBLE_VERSION = 1,
  NNS_CNI_ERROR_UNSUPPORTED_FIELD = 2,
  NNS_CNI_ERROR_UNKNOWN_CONTAINER = 3,
  NNS_CNI_ERROR_INVALID_ENVIRONMENT = 4,
  NNS_CNI_ERROR_IO_FAILURE = 5,
  NNS_CNI_ERROR_DECODING_FAILURE = 6,
  NNS_CNI_ERROR_INVALID_CONFIG = 7,
  NNS_CNI_ERROR_TRY_AGAIN_LATER = 11,
  NNS_CNI_ERROR_NOT_AVAILABLE = 50,
  NNS_CNI_ERROR_INTERNAL = 999,
} NnsCniErrorCode;

#define NNS_CNI_ERROR (nns_cni_error_quark ())
GQuark nns_cni_error_quark (void);

/* A CNI error has a short message and details; a GError of this domain
 * carries "MSG\nDETAILS" (or just MSG), split again when it is printed. */
void  nns_cni_set_error       (GError        **error,
                               NnsCniErrorCode code,
                               const char     *msg,
                               const char     *details_format,
                               ...) G_GNUC_PRINTF (4, 5);

void  nns_cni_error_split     (const GError   *error,
                               char          **msg,
                               char          **details);

guint nns_cni_error_code      (const GError   *error);

G_END_DECLS
