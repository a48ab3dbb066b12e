/* nns-debug.h: crash points and fail points for the test suite.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#ifdef NNS_DEBUG_HOOKS
void     nns_debug_crash_point (const char *point);
gboolean nns_debug_fail_point  (const char *point,
                                GError    **error);
#else
/* Compiled out unless meson's debug_hooks option is on. */
#define nns_debug_crash_point(point) ((void) 0)
#define nns_debug_fail_point(point, error) FALSE
#endif

G_END_DECLS
