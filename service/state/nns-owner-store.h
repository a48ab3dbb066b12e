/* nns-owner-store.h: which user created each namespace, kept across
 * daemon restarts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct {
  uid_t    owner;
  guint64  inode;     /* which namespace the record is about: names get reused */
  guint64  cookie;    /* 0 when the kernel gives none */
  gboolean creating;  /* written before the namespace is made: not done yet */
  guint64  file;      /* inode of the file netnsd made for it in /run/netns */
  char     creator[256]; /* lifetime "client": the unique bus name it ends with; else "" */
} NnsOwnerRecord;

#define NNS_TYPE_OWNER_STORE (nns_owner_store_get_type ())
G_DECLARE_FINAL_TYPE (NnsOwnerStore, nns_owner_store, NNS, OWNER_STORE, GObject)

NnsOwnerStore *nns_owner_store_new        (const char           *directory,
                                           GError              **error);
gboolean       nns_owner_store_save       (NnsOwnerStore        *self,
                                           const char           *name,
                                           const NnsOwnerRecord *record,
                                           GError              **error);
gboolean       nns_owner_store_load       (NnsOwnerStore        *self,
                                           const char           *name,
                                           NnsOwnerRecord       *record);
void           nns_owner_store_forget     (NnsOwnerStore        *self,
                                           const char           *name);
GPtrArray     *nns_owner_store_list_names (NnsOwnerStore        *self);

G_END_DECLS
