/* nns-debug.c: crash points for testing what a restart finds.
 *
 * Built only with meson's debug_hooks option, for the test suite: when the
 * environment variable NETNSD_CRASH_AT names a point, netnsd kills itself
 * with SIGKILL on reaching it, as a power cut or the OOM killer would.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <signal.h>

#include "nns-debug.h"

#ifdef NNS_DEBUG_HOOKS
void
nns_debug_crash_point (const char *point)
{
  const char *wanted = g_getenv ("NETNSD_CRASH_AT");

  if (wanted != NULL && g_str_equal (wanted, point))
    raise (SIGKILL);
}
#endif
