/* nns-lease-store.c: the addresses leased from each pool, kept across
 * daemon restarts.
 *
 * One record per lease in an NnsRecordStore (under /run, like the
 * namespaces the leases serve: none outlives a reboot), keyed
 * "POOL@ADDRESS", so that a lease is written or removed whole and alone;
 * and one per pool, keyed "POOL", with the last address handed out of
 * each family, where the next search starts (host-local's round robin).
 * Pool names are namespace names, which hold no '@', so the two kinds of
 * key never meet. Everything is also kept in memory and read back once,
 * at start; each record is checked as a caller's arguments are, and one
 * that fails is dropped.
 *
 *   POOL@10.88.0.2   [Lease]  Holder=ID/eth0  Address=10.88.0.2/16  Gateway=10.88.0.1
 *   POOL             [Pool]   LastIPv4=10.88.0.2  LastIPv6=fd00::2
 *
 * netnsd runs one call at a time on its main loop, so a lease is chosen
 * and recorded in one step: two callers never get one address.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-error.h"
#include "nns-lease-store.h"
#include "nns-names.h"
#include "nns-record-store.h"

#define LEASE_GROUP "Lease"
#define POOL_GROUP "Pool"

/* The last address handed out, per family: [0] IPv4, [1] IPv6. */
static const char *const last_keys[] = { "LastIPv4", "LastIPv6" };

typedef struct {
  GHashTable *leases;     /* address, without prefix → NnsLease * */
  gboolean    has_last[2];
  NnsCidr     last[2];
} Pool;

struct _NnsLeaseStore
{
  GObject         parent_instance;

  NnsRecordStore *records;
  GHashTable     *pools;  /* name → Pool * */
};

G_DEFINE_FINAL_TYPE (NnsLeaseStore, nns_lease_store, G_TYPE_OBJECT)

void
nns_lease_clear (NnsLease *lease)
{
  g_clear_pointer (&lease->holder, g_free);
}

static void
lease_free (gpointer data)
{
  NnsLease *lease = data;

  nns_lease_clear (lease);
  g_free (lease);
}

static void
pool_free (gpointer data)
{
  Pool *pool = data;

  g_hash_table_unref (pool->leases);
  g_free (pool);
}

static void
nns_lease_store_finalize (GObject *object)
{
  NnsLeaseStore *self = NNS_LEASE_STORE (object);

  g_clear_pointer (&self->pools, g_hash_table_unref);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (nns_lease_store_parent_class)->finalize (object);
}

static void
nns_lease_store_class_init (NnsLeaseStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_lease_store_finalize;
}

static void
nns_lease_store_init (NnsLeaseStore *self)
{
  self->pools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pool_free);
}

static guint
family_slot (const NnsCidr *address)
{
  return address->family == AF_INET ? 0 : 1;
}

static Pool *
pool_get (NnsLeaseStore *self,
          const char    *name)
{
  Pool *pool = g_hash_table_lookup (self->pools, name);

  if (pool != NULL)
    return pool;
  pool = g_new0 (Pool, 1);
  pool->leases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, lease_free);
  g_hash_table_insert (self->pools, g_strdup (name), pool);
  return pool;
}

static char *
lease_key (const char    *pool,
           const NnsCidr *address)
{
  g_autofree char *text = nns_cidr_address_to_string (address);

  return g_strdup_printf ("%s@%s", pool, text);
}

/* Saving */

static gboolean
save_lease (NnsLeaseStore  *self,
            const char     *pool,
            const NnsLease *lease,
            GError        **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *key = lease_key (pool, &lease->address);
  g_autofree char *address = nns_cidr_to_string (&lease->address);
  g_autofree char *gateway = nns_cidr_address_to_string (&lease->gateway);

  g_key_file_set_string (file, LEASE_GROUP, "Holder", lease->holder);
  g_key_file_set_string (file, LEASE_GROUP, "Address", address);
  g_key_file_set_string (file, LEASE_GROUP, "Gateway", gateway);
  if (!nns_record_store_save (self->records, key, file, error))
    {
      g_prefix_error (error, "cannot record the lease of %s in pool '%s': ", address, pool);
      return FALSE;
    }
  return TRUE;
}

/* Where the next search starts is worth keeping, not worth failing a
 * lease for: without it, the search starts at the range's start. */
static void
save_pool (NnsLeaseStore *self,
           const char    *name,
           const Pool    *pool)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (last_keys); i++)
    if (pool->has_last[i])
      {
        g_autofree char *text = nns_cidr_address_to_string (&pool->last[i]);

        g_key_file_set_string (file, POOL_GROUP, last_keys[i], text);
      }
  if (!nns_record_store_save (self->records, name, file, &error))
    g_warning ("cannot record where pool '%s' left off: %s", name, error->message);
}

/* Loading */

static gboolean
parse_lease (GKeyFile   *file,
             const char *key,
             NnsLease   *lease,
             GError    **error)
{
  g_autofree char *address = g_key_file_get_string (file, LEASE_GROUP, "Address", error);
  g_autofree char *gateway = NULL;
  g_autofree char *address_only = NULL;
  const char *at = strchr (key, '@');

  if (address == NULL ||
      (gateway = g_key_file_get_string (file, LEASE_GROUP, "Gateway", error)) == NULL ||
      (lease->holder = g_key_file_get_string (file, LEASE_GROUP, "Holder", error)) == NULL)
    return FALSE;
  if (!nns_lease_holder_validate (lease->holder, error) ||
      !nns_cidr_parse (address, NNS_CIDR_PREFIX_OPTIONAL, "address", &lease->address, error) ||
      !nns_cidr_parse (gateway, NNS_CIDR_NO_PREFIX, "gateway", &lease->gateway, error))
    return FALSE;
  address_only = nns_cidr_address_to_string (&lease->address);
  if (!g_str_equal (at + 1, address_only))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED, "it is about %s", address_only);
      return FALSE;
    }
  return TRUE;
}

static void
load_lease (NnsLeaseStore *self,
            const char    *key)
{
  g_autoptr(GKeyFile) file = nns_record_store_load (self->records, key);
  g_autofree char *pool = g_strndup (key, (gsize) (strchr (key, '@') - key));
  g_autoptr(GError) error = NULL;
  NnsLease *lease = g_new0 (NnsLease, 1);

  if (file == NULL)
    {
      lease_free (lease);
      return;
    }
  if (!nns_pool_name_validate (pool, &error) || !parse_lease (file, key, lease, &error))
    {
      g_message ("dropping the damaged lease record %s: %s", key, error->message);
      nns_record_store_forget (self->records, key);
      lease_free (lease);
      return;
    }
  g_hash_table_insert (pool_get (self, pool)->leases,
                       nns_cidr_address_to_string (&lease->address), lease);
}

/* A pool's record is kept only while the pool has leases. */
static void
load_pool (NnsLeaseStore *self,
           const char    *name)
{
  Pool *pool = g_hash_table_lookup (self->pools, name);
  g_autoptr(GKeyFile) file = NULL;

  if (pool == NULL)
    {
      nns_record_store_forget (self->records, name);
      return;
    }
  file = nns_record_store_load (self->records, name);
  for (guint i = 0; file != NULL && i < G_N_ELEMENTS (last_keys); i++)
    {
      g_autofree char *text = g_key_file_get_string (file, POOL_GROUP, last_keys[i], NULL);

      pool->has_last[i] = text != NULL &&
                          nns_cidr_parse (text, NNS_CIDR_NO_PREFIX, "address", &pool->last[i],
                                          NULL) &&
                          family_slot (&pool->last[i]) == i;
    }
}

NnsLeaseStore *
nns_lease_store_new (const char *directory,
                     GError    **error)
{
  g_autoptr(NnsLeaseStore) self = g_object_new (NNS_TYPE_LEASE_STORE, NULL);
  g_autoptr(GPtrArray) keys = NULL;

  self->records = nns_record_store_new (directory, error);
  if (self->records == NULL)
    return NULL;
  keys = nns_record_store_list_keys (self->records);
  for (guint i = 0; i < keys->len; i++)
    if (strchr (keys->pdata[i], '@') != NULL)
      load_lease (self, keys->pdata[i]);
  for (guint i = 0; i < keys->len; i++)
    if (strchr (keys->pdata[i], '@') == NULL)
      load_pool (self, keys->pdata[i]);
  return g_steal_pointer (&self);
}

/* Leasing */

static void
copy_lease (const NnsLease *lease,
            NnsLease       *copy)
{
  copy->holder = g_strdup (lease->holder);
  copy->address = lease->address;
  copy->gateway = lease->gateway;
}

/* The lease @holder has in @pool between the start and end of one of
 * the request's ranges, or NULL. */
static const NnsLease *
find_held (Pool                  *pool,
           const NnsLeaseRequest *request)
{
  GHashTableIter iter;
  NnsLease *lease;

  if (pool == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, pool->leases);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lease))
    if (g_str_equal (lease->holder, request->holder) &&
        nns_lease_ranges_find (request->ranges, request->n_ranges, &lease->address) >= 0)
      return lease;
  return NULL;
}

static const NnsLease *
lookup_address (Pool          *pool,
                const NnsCidr *address)
{
  g_autofree char *text = nns_cidr_address_to_string (address);

  return pool != NULL ? g_hash_table_lookup (pool->leases, text) : NULL;
}

static gboolean
is_taken (const NnsCidr *address,
          gpointer       user_data)
{
  return lookup_address (user_data, address) != NULL;
}

/* Picks the address for @request into @lease (not yet recorded). */
static gboolean
choose (Pool                  *pool,
        const NnsLeaseRequest *request,
        NnsLease              *lease,
        GError               **error)
{
  g_autofree char *text = NULL;
  const NnsLease *other;
  guint slot = family_slot (&request->ranges[0].subnet);
  guint index;

  if (request->wanted == NULL)
    {
      if (!nns_lease_ranges_next_free (request->ranges, request->n_ranges,
                                       pool != NULL && pool->has_last[slot] ? &pool->last[slot]
                                                                            : NULL,
                                       is_taken, pool, &lease->address, &index))
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                       "pool '%s' has no free address left in the ranges asked for",
                       request->pool);
          return FALSE;
        }
    }
  else
    {
      if (!nns_lease_ranges_check_wanted (request->ranges, request->n_ranges, request->wanted,
                                          &index, error))
        return FALSE;
      other = lookup_address (pool, request->wanted);
      if (other != NULL)
        {
          g_autofree char *holder = nns_quote (other->holder);

          text = nns_cidr_address_to_string (request->wanted);
          g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                       "address %s of pool '%s' is leased to %s already", text,
                       request->pool, holder);
          return FALSE;
        }
      lease->address = *request->wanted;
      lease->address.prefix = request->ranges[index].subnet.prefix;
    }
  lease->holder = g_strdup (request->holder);
  lease->gateway = request->ranges[index].gateway;
  return TRUE;
}

/* Leases an address for @request into @lease: the holder's own if it
 * holds one in these ranges already (the one asked for, if one is), else
 * the one asked for, else the next free one. With @record unset, only
 * tells what it would do (for the check before polkit is asked). *@made
 * (if not NULL) tells whether the lease is a new one. */
gboolean
nns_lease_store_lease (NnsLeaseStore         *self,
                       const NnsLeaseRequest *request,
                       gboolean               record,
                       NnsLease              *lease,
                       gboolean              *made,
                       GError               **error)
{
  Pool *pool;
  const NnsLease *held;
  g_auto(NnsLease) chosen = { NULL, };

  g_return_val_if_fail (NNS_IS_LEASE_STORE (self), FALSE);
  g_return_val_if_fail (request->n_ranges > 0, FALSE);

  pool = g_hash_table_lookup (self->pools, request->pool);
  held = find_held (pool, request);
  if (held != NULL && request->wanted != NULL &&
      !nns_cidr_same_address (&held->address, request->wanted))
    {
      g_autofree char *text = nns_cidr_to_string (&held->address);
      g_autofree char *holder = nns_quote (request->holder);

      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "%s holds %s of pool '%s' already; release it to lease another",
                   holder, text, request->pool);
      return FALSE;
    }
  if (made != NULL)
    *made = held == NULL;
  if (held != NULL)
    {
      copy_lease (held, lease);
      return TRUE;
    }
  if (!choose (pool, request, &chosen, error))
    return FALSE;
  if (record)
    {
      guint slot = family_slot (&chosen.address);
      NnsLease *kept;

      if (!save_lease (self, request->pool, &chosen, error))
        return FALSE;
      kept = g_new0 (NnsLease, 1);
      copy_lease (&chosen, kept);
      pool = pool_get (self, request->pool);
      g_hash_table_insert (pool->leases, nns_cidr_address_to_string (&kept->address), kept);
      pool->has_last[slot] = TRUE;
      pool->last[slot] = chosen.address;
      save_pool (self, request->pool, pool);
    }
  *lease = chosen;
  chosen.holder = NULL;
  return TRUE;
}

/* Releases the leases of @holders in @pool (with @keep_only, those of
 * every other holder instead); returns how many went. */
guint
nns_lease_store_release (NnsLeaseStore      *self,
                         const char         *pool_name,
                         const char * const *holders,
                         gboolean            keep_only)
{
  Pool *pool;
  GHashTableIter iter;
  NnsLease *lease;
  guint released = 0;

  g_return_val_if_fail (NNS_IS_LEASE_STORE (self), 0);

  pool = g_hash_table_lookup (self->pools, pool_name);
  if (pool == NULL)
    return 0;
  g_hash_table_iter_init (&iter, pool->leases);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lease))
    {
      g_autofree char *key = NULL;

      if (g_strv_contains (holders, lease->holder) == keep_only)
        continue;
      key = lease_key (pool_name, &lease->address);
      nns_record_store_forget (self->records, key);
      g_hash_table_iter_remove (&iter);
      released++;
    }
  if (g_hash_table_size (pool->leases) == 0)
    {
      nns_record_store_forget (self->records, pool_name);
      g_hash_table_remove (self->pools, pool_name);
    }
  return released;
}

static int
compare_leases (gconstpointer a,
                gconstpointer b)
{
  const NnsLease *lease_a = *(NnsLease **) a;
  const NnsLease *lease_b = *(NnsLease **) b;

  if (lease_a->address.family != lease_b->address.family)
    return lease_a->address.family == AF_INET ? -1 : 1;
  return memcmp (lease_a->address.bytes, lease_b->address.bytes,
                 lease_a->address.family == AF_INET ? 4 : 16);
}

/* The leases of @pool, sorted by address (IPv4 first); the store's own,
 * valid until it next changes. */
GPtrArray *
nns_lease_store_list (NnsLeaseStore *self,
                      const char    *pool_name)
{
  GPtrArray *leases = g_ptr_array_new ();
  Pool *pool;
  GHashTableIter iter;
  NnsLease *lease;

  g_return_val_if_fail (NNS_IS_LEASE_STORE (self), leases);

  pool = g_hash_table_lookup (self->pools, pool_name);
  if (pool == NULL)
    return leases;
  g_hash_table_iter_init (&iter, pool->leases);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lease))
    g_ptr_array_add (leases, lease);
  g_ptr_array_sort (leases, compare_leases);
  return leases;
}
