/* nns-cni-attachment.c: names worked out from an attachment, and the
 * container's namespace.
 *
 * The namespace is looked up in /run/netns (the directory netnsd keeps
 * as iproute2 does) by its device and inode, so that a namespace the
 * runtime named itself (podman's and containerd's /run/netns/...) is used
 * under its own name and only a nameless one (/proc/PID/ns/net) is
 * attached.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "nns-cni-attachment.h"
#include "nns-cni-error.h"
#include "nns-fd.h"

#define SHORT_ID 12
#define LONG_ID 60

char *
nns_cni_holder (const char *container_id,
                const char *ifname,
                guint       set_index)
{
  if (set_index == 0)
    return g_strdup_printf ("%s/%s", container_id, ifname);
  return g_strdup_printf ("%s/%s/%u", container_id, ifname, set_index);
}

gboolean
nns_cni_holder_parse (const char *holder,
                      char      **container_id,
                      char      **ifname)
{
  g_auto(GStrv) parts = g_strsplit (holder, "/", 4);
  guint n = g_strv_length (parts);
  guint64 index;

  if (n < 2 || n > 3 || parts[0][0] == '\0' || parts[1][0] == '\0')
    return FALSE;
  if (n == 3 && !g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXUINT, &index, NULL))
    return FALSE;
  *container_id = g_strdup (parts[0]);
  *ifname = g_strdup (parts[1]);
  return TRUE;
}

char *
nns_cni_host_link_name (const char *container_id,
                        const char *ifname)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", container_id, ifname);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strdup_printf ("veth%.8s", digest);
}

char *
nns_cni_attach_name (const char *container_id,
                     gboolean    long_form)
{
  return g_strdup_printf (NNS_CNI_ATTACH_PREFIX "%.*s", long_form ? LONG_ID : SHORT_ID,
                          container_id);
}

char *
nns_cni_random_mac (void)
{
  guint8 mac[6];

  for (guint i = 0; i < G_N_ELEMENTS (mac); i++)
    mac[i] = (guint8) g_random_int_range (0, 256);
  /* Unicast, locally administered: what the kernel's random MACs are. */
  mac[0] = (guint8) ((mac[0] & 0xfe) | 0x02);
  return g_strdup_printf ("%02x:%02x:%02x:%02x:%02x:%02x",
                          mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

int
nns_cni_netns_open (const char *path,
                    GError    **error)
{
  nns_autofd int fd = open (path, O_RDONLY | O_CLOEXEC);
  struct statfs fs;
  struct stat own, st;
  int errsv;

  if (fd < 0)
    {
      errsv = errno;
      nns_cni_set_error (error, errsv == ENOENT ? NNS_CNI_ERROR_UNKNOWN_CONTAINER
                                                : NNS_CNI_ERROR_INVALID_ENVIRONMENT,
                         "cannot open CNI_NETNS", "%s: %s", path, g_strerror (errsv));
      return -1;
    }
  if (fstatfs (fd, &fs) < 0 || fs.f_type != NSFS_MAGIC)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "invalid CNI_NETNS",
                         "%s is not a network namespace", path);
      return -1;
    }
  if (fstat (fd, &st) == 0 && stat ("/proc/self/ns/net", &own) == 0 &&
      st.st_dev == own.st_dev && st.st_ino == own.st_ino)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "invalid CNI_NETNS",
                         "%s is the host's own network namespace", path);
      return -1;
    }
  return g_steal_fd (&fd);
}

char *
nns_cni_netns_find_name (int fd)
{
  g_autoptr(GDir) dir = g_dir_open (NNS_NETNS_RUN_DIR, 0, NULL);
  const char *entry;
  struct stat target;

  if (dir == NULL || fstat (fd, &target) < 0)
    return NULL;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (NNS_NETNS_RUN_DIR, entry, NULL);
      struct stat st;

      /* Not followed: a symbolic link there is no name of iproute2's. */
      if (lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          st.st_dev == target.st_dev && st.st_ino == target.st_ino)
        return g_strdup (entry);
    }
  return NULL;
}

gboolean
nns_cni_netns_name_exists (const char *name)
{
  g_autofree char *path = g_build_filename (NNS_NETNS_RUN_DIR, name, NULL);
  struct stat st;

  return lstat (path, &st) == 0;
}
