/* nns-spawner-private.h: the spawner's state, shared by its files.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-spawner.h"

G_BEGIN_DECLS

struct _NnsSpawner
{
  GObject          parent_instance;

  NnsPeers        *peers;
  NnsEtcNetns     *etc_netns;
  int              last_cap;
  guint            start_timeout;  /* seconds */
  guint            max_programs;   /* per user other than root */
  guint64          next_serial;
  GHashTable      *processes;      /* pid -> Process */
  GHashTable      *per_uid;        /* uid -> its programs and searches for one */
};

void     nns_spawner_count_user      (NnsSpawner *self,
                                      uid_t       uid,
                                      int         delta);
gboolean nns_spawner_check_user_room (NnsSpawner *self,
                                      uid_t       uid,
                                      GError    **error);

G_END_DECLS
