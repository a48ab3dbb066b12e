/* netns-operation-private.h: what netns-operation.c gives the functions
 * of each method (netns-operation-methods.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

G_GNUC_INTERNAL
GVariant *netns_operation_of (const char *method,
                              GVariant   *parameters);

G_END_DECLS
