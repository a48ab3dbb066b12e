/* nns-fd.h: file descriptor clean-up (GLib's g_autofd arrives only in 2.76).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <errno.h>
#include <unistd.h>

/* Closes *fd if open and marks it closed, keeping errno as it was so that
 * an error path can still report why it failed. */
static inline void
nns_clear_fd (int *fd)
{
  if (*fd >= 0)
    {
      int errsv = errno;

      close (*fd);
      *fd = -1;
      errno = errsv;
    }
}

#define nns_autofd __attribute__((cleanup (nns_clear_fd)))

