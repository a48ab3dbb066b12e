/* nns-grant-cache.h: polkit's recent yeses, per caller connection.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a yes is remembered, and how many are, per connection and in
 * all: a caller making thousands of distinct changes cannot grow it. */
#define NNS_GRANT_LIFETIME_USEC (5 * G_USEC_PER_SEC)
#define NNS_GRANT_MAX_PER_CALLER 64
#define NNS_GRANT_MAX_TOTAL 4096

typedef struct _NnsGrantCache NnsGrantCache;

NnsGrantCache *nns_grant_cache_new           (void);
void           nns_grant_cache_free          (NnsGrantCache *cache);
gboolean       nns_grant_cache_lookup        (NnsGrantCache *cache,
                                              const char    *sender,
                                              const char    *key);
void           nns_grant_cache_remember      (NnsGrantCache *cache,
                                              const char    *sender,
                                              const char    *key);
void           nns_grant_cache_forget_sender (NnsGrantCache *cache,
                                              const char    *sender);
void           nns_grant_cache_forget_all    (NnsGrantCache *cache);
guint          nns_grant_cache_get_size      (NnsGrantCache *cache);

G_END_DECLS
