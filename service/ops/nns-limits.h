/* nns-limits.h: what one user other than root may have at once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

#include "nns-operation.h"
#include "nns-target.h"

G_BEGIN_DECLS

/* Defaults, each changed by a netnsd option of the same name. */
#define NNS_DEFAULT_MAX_NAMESPACES_PER_USER 64
#define NNS_DEFAULT_MAX_LINKS_PER_NAMESPACE 1024
#define NNS_DEFAULT_MAX_LINKS_PER_USER 4096
#define NNS_DEFAULT_MAX_PROGRAMS_PER_USER 256   /* the spawner's own default too */

typedef struct {
  guint namespaces_per_user;  /* namespaces a user created and still has */
  guint links_per_namespace;  /* links in one namespace, lo included */
  guint links_per_user;       /* in the user's own namespaces, and its host links */
  guint programs_per_user;    /* running through Spawn, counted by the spawner */
} NnsLimits;

#define NNS_LIMITS_DEFAULT { NNS_DEFAULT_MAX_NAMESPACES_PER_USER, \
                             NNS_DEFAULT_MAX_LINKS_PER_NAMESPACE, \
                             NNS_DEFAULT_MAX_LINKS_PER_USER, \
                             NNS_DEFAULT_MAX_PROGRAMS_PER_USER }

gboolean nns_limits_check_links (NnsManager      *manager,
                                 uid_t            uid,
                                 const NnsTarget *target,
                                 guint            here,
                                 guint            in_all,
                                 GError         **error);

G_END_DECLS
