/* nns-netns-dir.h: the /run/netns directory that netnsd shares with
 * iproute2, and the namespace switching that goes with it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  NNS_NETNS_ENTRY_NAMESPACE,  /* an nsfs bind mount: a live namespace */
  NNS_NETNS_ENTRY_FILE,       /* a plain file: an add in progress or a crash's leftover */
  NNS_NETNS_ENTRY_SYMLINK,    /* never followed */
  NNS_NETNS_ENTRY_OTHER,
} NnsNetnsEntryKind;

typedef struct {
  NnsNetnsEntryKind kind;
  guint64           inode;  /* the namespace's inode; 0 unless kind is NAMESPACE */
} NnsNetnsEntryInfo;

/* Runs while the calling thread is inside a network namespace. */
typedef gboolean (*NnsNetnsFunc) (gpointer user_data,
                                  GError **error);

#define NNS_TYPE_NETNS_DIR (nns_netns_dir_get_type ())
G_DECLARE_FINAL_TYPE (NnsNetnsDir, nns_netns_dir, NNS, NETNS_DIR, GObject)

NnsNetnsDir *nns_netns_dir_new            (const char        *path,
                                           GError           **error);
const char  *nns_netns_dir_get_path       (NnsNetnsDir       *self);
guint64      nns_netns_dir_get_host_inode (NnsNetnsDir       *self);

gboolean     nns_netns_dir_query          (NnsNetnsDir       *self,
                                           const char        *name,
                                           NnsNetnsEntryInfo *info,
                                           GError           **error);
GPtrArray   *nns_netns_dir_list_names     (NnsNetnsDir       *self,
                                           GError           **error);

gboolean     nns_netns_dir_create_file    (NnsNetnsDir       *self,
                                           const char        *name,
                                           guint64           *file_inode,
                                           GError           **error);
gboolean     nns_netns_dir_bind_new       (NnsNetnsDir       *self,
                                           const char        *name,
                                           NnsNetnsFunc       setup,
                                           gpointer           user_data,
                                           guint64           *inode,
                                           GError           **error);
gboolean     nns_netns_dir_bind_fd        (NnsNetnsDir       *self,
                                           const char        *name,
                                           int                fd,
                                           guint64           *inode,
                                           GError           **error);
gboolean     nns_netns_dir_remove_own     (NnsNetnsDir       *self,
                                           const char        *name,
                                           guint64            file_inode);
gboolean     nns_netns_dir_remove         (NnsNetnsDir       *self,
                                           const char        *name,
                                           GError           **error);

int          nns_netns_dir_open_namespace (NnsNetnsDir       *self,
                                           const char        *name,
                                           GError           **error);
gboolean     nns_netns_dir_run_in         (NnsNetnsDir       *self,
                                           const char        *name,
                                           NnsNetnsFunc       func,
                                           gpointer           user_data,
                                           GError           **error);

G_END_DECLS
