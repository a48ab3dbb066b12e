/* nns-netns-fd.h: what a namespace file descriptor a caller passes is.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct {
  guint64 device;        /* nsfs's device, with @inode: which namespace */
  guint64 inode;
  uid_t   userns_owner;  /* who owns the user namespace that owns it; (uid_t) -1: unknown */
} NnsNetnsFdInfo;

gboolean nns_netns_fd_inspect        (int                   fd,
                                      NnsNetnsFdInfo       *info,
                                      GError              **error);
gboolean nns_netns_fd_check_not_host (const NnsNetnsFdInfo *info,
                                      int                   host_fd,
                                      GError              **error);

G_END_DECLS
