/* nns-apply-methods.h: which methods Apply takes, and their arguments.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-operation.h"

G_BEGIN_DECLS

const NnsOperation *nns_apply_find_operation          (const char            *method,
                                                       gboolean               topology,
                                                       GError               **error);
GVariant           *nns_apply_arguments_to_parameters (const GDBusMethodInfo *method,
                                                       GVariant              *arguments,
                                                       GError               **error);

G_END_DECLS
