/* nns-debug.c: crash points and fail points, for testing what a restart
 * finds and what a failure halfway leaves.
 *
 * Built only with meson's debug_hooks option, for the test suite: when the
 * environment variable NETNSD_CRASH_AT names a point, netnsd kills itself
 * with SIGKILL on reaching it, as a power cut or the OOM killer would (with
 * NETNSD_CRASH_AFTER=N, on reaching it the Nth time: in the middle of an
 * Apply, say); when
 * NETNSD_FAIL_AT names a point, the step there fails as if the kernel had
 * refused it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>

#include "nns-debug.h"
#include "nns-error.h"

#ifdef NNS_DEBUG_HOOKS
void
nns_debug_crash_point (const char *point)
{
  static guint64 reached;
  const char *wanted = g_getenv ("NETNSD_CRASH_AT");
  const char *after = g_getenv ("NETNSD_CRASH_AFTER");

  if (wanted == NULL || !g_str_equal (wanted, point))
    return;
  if (after == NULL || ++reached >= g_ascii_strtoull (after, NULL, 10))
    raise (SIGKILL);
}

gboolean
nns_debug_fail_point (const char *point,
                      GError    **error)
{
  const char *wanted = g_getenv ("NETNSD_FAIL_AT");

  if (wanted == NULL || !g_str_equal (wanted, point))
    return FALSE;
  nns_set_error_errno (error, EIO, "failing at %s for a test", point);
  return TRUE;
}
#endif
