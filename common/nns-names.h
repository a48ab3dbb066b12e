/* nns-names.h: validation of the names callers pass to netnsd.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest namespace name netnsd creates. */
#define NNS_NAMESPACE_NAME_MAX 64
/* Longest name a directory entry in /run/netns can have. */
#define NNS_NAMESPACE_ENTRY_MAX 255

char *nns_quote (const char *text);

gboolean nns_namespace_name_validate (const char *name,
                                      GError    **error);

gboolean nns_namespace_entry_validate (const char *name,
                                       GError    **error);

/* Address pools (LeaseAddress) are named as namespaces are. */
gboolean nns_pool_name_validate (const char *name,
                                 GError    **error);

/* Longest holder of a lease. */
#define NNS_LEASE_HOLDER_MAX 255

gboolean nns_lease_holder_validate (const char *holder,
                                    GError    **error);

/* Longest interface name the kernel takes (IFNAMSIZ - 1). */
#define NNS_LINK_NAME_MAX 15

gboolean nns_link_name_validate (const char *name,
                                 GError    **error);

gboolean nns_link_name_check (const char *name,
                              GError    **error);

G_END_DECLS
