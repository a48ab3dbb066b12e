/* nns-reaper.h: reaps netnsd's children, with no fd per child.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

guint nns_reaper_watch   (pid_t           pid,
                          GChildWatchFunc callback,
                          gpointer        user_data);
void  nns_reaper_unwatch (guint           watch_id);

G_END_DECLS
