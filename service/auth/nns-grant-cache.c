/* nns-grant-cache.c: polkit's recent yeses, per caller connection.
 *
 * polkitd answers in a millisecond or two, which would dominate a caller
 * making many small changes. So a "yes" is remembered for a few seconds,
 * for that caller connection, action and details only: never across
 * connections, never a "no" or a challenge. The authority forgets
 * everything when polkit says its rules or actions changed or polkitd
 * restarts, and a connection's yeses when it leaves the bus.
 *
 * Bounded in age, per connection (the oldest yes goes first) and in all
 * (past the total, everything is forgotten: it is only a cache), so that
 * no caller can grow netnsd by asking ever new questions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-grant-cache.h"

typedef struct {
  char   *key;
  gint64  expiry;   /* monotonic, µs */
} Grant;

/* One connection's yeses, oldest first. Few enough that a list is the
 * right shape: a lookup compares at most NNS_GRANT_MAX_PER_CALLER keys. */
typedef struct {
  GQueue grants;
} CallerGrants;

struct _NnsGrantCache {
  GHashTable *callers;   /* unique bus name -> CallerGrants */
  guint       size;      /* grants in all */
};

static void
grant_free (gpointer data)
{
  Grant *grant = data;

  g_free (grant->key);
  g_free (grant);
}

static void
caller_grants_free (gpointer data)
{
  CallerGrants *caller = data;

  g_queue_clear_full (&caller->grants, grant_free);
  g_free (caller);
}

NnsGrantCache *
nns_grant_cache_new (void)
{
  NnsGrantCache *cache = g_new0 (NnsGrantCache, 1);

  cache->callers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, caller_grants_free);
  return cache;
}

void
nns_grant_cache_free (NnsGrantCache *cache)
{
  g_hash_table_unref (cache->callers);
  g_free (cache);
}

/* Drops @caller's expired yeses (the oldest come first). */
static void
expire (NnsGrantCache *cache,
        CallerGrants  *caller,
        gint64         now)
{
  Grant *oldest;

  while ((oldest = g_queue_peek_head (&caller->grants)) != NULL && oldest->expiry <= now)
    {
      grant_free (g_queue_pop_head (&caller->grants));
      cache->size--;
    }
}

gboolean
nns_grant_cache_lookup (NnsGrantCache *cache,
                        const char    *sender,
                        const char    *key)
{
  CallerGrants *caller = g_hash_table_lookup (cache->callers, sender);

  if (caller == NULL)
    return FALSE;
  expire (cache, caller, g_get_monotonic_time ());
  for (GList *l = caller->grants.head; l != NULL; l = l->next)
    if (g_str_equal (((Grant *) l->data)->key, key))
      return TRUE;
  return FALSE;
}

void
nns_grant_cache_remember (NnsGrantCache *cache,
                          const char    *sender,
                          const char    *key)
{
  CallerGrants *caller;
  Grant *grant;
  gint64 now = g_get_monotonic_time ();

  if (cache->size >= NNS_GRANT_MAX_TOTAL)
    nns_grant_cache_forget_all (cache);
  caller = g_hash_table_lookup (cache->callers, sender);
  if (caller == NULL)
    {
      caller = g_new0 (CallerGrants, 1);
      g_hash_table_insert (cache->callers, g_strdup (sender), caller);
    }
  expire (cache, caller, now);
  if (caller->grants.length >= NNS_GRANT_MAX_PER_CALLER)
    {
      grant_free (g_queue_pop_head (&caller->grants));
      cache->size--;
    }
  grant = g_new0 (Grant, 1);
  grant->key = g_strdup (key);
  grant->expiry = now + NNS_GRANT_LIFETIME_USEC;
  g_queue_push_tail (&caller->grants, grant);
  cache->size++;
}

void
nns_grant_cache_forget_sender (NnsGrantCache *cache,
                               const char    *sender)
{
  CallerGrants *caller = g_hash_table_lookup (cache->callers, sender);

  if (caller == NULL)
    return;
  cache->size -= caller->grants.length;
  g_hash_table_remove (cache->callers, sender);
}

void
nns_grant_cache_forget_all (NnsGrantCache *cache)
{
  g_hash_table_remove_all (cache->callers);
  cache->size = 0;
}

guint
nns_grant_cache_get_size (NnsGrantCache *cache)
{
  return cache->size;
}
