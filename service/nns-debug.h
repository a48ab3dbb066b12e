/* nns-debug.h: crash points for testing what a restart finds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#ifdef NNS_DEBUG_HOOKS
void nns_debug_crash_point (const char *point);
#else
/* Compiled out unless meson's debug_hooks option is on. */
#define nns_debug_crash_point(point) ((void) 0)
#endif

G_END_DECLS
