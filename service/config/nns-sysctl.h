/* nns-sysctl.h: the per-namespace sysctls netnsd may set.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *path;     /* under /proc/sys */
  char *value;    /* canonical, with its newline */
  char *link;     /* the link a per-link key names; NULL for all/default */
} NnsSysctl;

gboolean nns_sysctl_parse      (const char *key,
                                const char *value,
                                NnsSysctl  *sysctl,
                                GError    **error);
void     nns_sysctl_clear      (NnsSysctl  *sysctl);
gboolean nns_sysctl_write_here (const NnsSysctl *sysctl,
                                const char      *where,
                                GError         **error);
gboolean nns_sysctl_drops_state (const NnsSysctl *sysctl);
char    *nns_sysctl_read_here  (const NnsSysctl *sysctl,
                                const char      *where,
                                GError         **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsSysctl, nns_sysctl_clear)

G_END_DECLS
