/* nns-etc-netns.h: /etc/netns, the files `ip netns exec` lays over /etc.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* A file as it was, to put back exactly. */
typedef struct {
  gboolean exists;
  char    *contents;
  gsize    length;
  mode_t   mode;
  uid_t    uid;
  gid_t    gid;
} NnsEtcFile;

void nns_etc_file_clear (NnsEtcFile *file);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsEtcFile, nns_etc_file_clear)

#define NNS_TYPE_ETC_NETNS (nns_etc_netns_get_type ())
G_DECLARE_FINAL_TYPE (NnsEtcNetns, nns_etc_netns, NNS, ETC_NETNS, GObject)

NnsEtcNetns *nns_etc_netns_new              (const char       *path);
const char  *nns_etc_netns_get_path         (NnsEtcNetns      *self);
gboolean     nns_etc_netns_read_resolv_conf (NnsEtcNetns      *self,
                                             const char       *namespace,
                                             NnsEtcFile       *file,
                                             GError          **error);
gboolean     nns_etc_netns_write_resolv_conf (NnsEtcNetns     *self,
                                              const char      *namespace,
                                              const char      *contents,
                                              GError         **error);
gboolean     nns_etc_netns_restore_resolv_conf (NnsEtcNetns      *self,
                                                const char       *namespace,
                                                const NnsEtcFile *file,
                                                GError          **error);
void         nns_etc_netns_forget           (NnsEtcNetns      *self,
                                             const char       *namespace);

G_END_DECLS
