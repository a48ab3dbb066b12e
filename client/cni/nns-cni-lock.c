/* nns-cni-lock.c: a network's lock, an flock(2) on a file of its name.
 *
 * Address leases need no lock here: netnsd hands them out one at a time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nns-cni-lock.h"
#include "nns-fd.h"

int
nns_cni_lock_network (const char *network)
{
  g_autofree char *path = NULL;
  nns_autofd int fd = -1;

  if (g_mkdir_with_parents (NNS_CNI_LOCK_DIR, 0755) < 0)
    return -1;
  /* The network name is checked: letters, digits, '_', '.', '-'. */
  path = g_strdup_printf (NNS_CNI_LOCK_DIR "/%s.lock", network);
  fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return -1;
  while (flock (fd, LOCK_EX) < 0)
    if (errno != EINTR)
      return -1;
  return g_steal_fd (&fd);
}
