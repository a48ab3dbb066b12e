/* nns-batch.c: what an Apply call knows about its own operations before
 * they run.
 *
 * Authorization is asked for the whole batch before anything runs, so a
 * namespace or link that an earlier operation creates does not exist yet
 * when a later one is planned. The batch remembers them (and where links
 * it moves or renames go, with their owners), and the plan treats what it
 * creates as the caller's own: the caller is about to make it (one it
 * attaches, only if it is the caller's by its user namespace). If
 * the creation fails when it runs, the batch stops there and everything
 * is undone, so nothing is ever done on the strength of a link that was
 * not made.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-batch.h"

typedef struct {
  char    *namespace;
  NnsCidr  address;
} PlannedAddress;

struct _NnsBatch {
  GHashTable *namespaces;   /* name → inode (guint64 *), 0 until created */
  GHashTable *attached;     /* name → uid owning its user namespace, of those attached */
  GHashTable *links;        /* "namespace\nlink" → owner uid */
  GPtrArray  *addresses;    /* of PlannedAddress, in order */
};

static void
planned_address_free (gpointer data)
{
  PlannedAddress *planned = data;

  g_free (planned->namespace);
  g_free (planned);
}

NnsBatch *
nns_batch_new (void)
{
  NnsBatch *batch = g_new0 (NnsBatch, 1);

  batch->namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  batch->attached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->addresses = g_ptr_array_new_with_free_func (planned_address_free);
  return batch;
}

void
nns_batch_free (NnsBatch *batch)
{
  if (batch == NULL)
    return;
  g_hash_table_unref (batch->namespaces);
  g_hash_table_unref (batch->attached);
  g_hash_table_unref (batch->links);
  g_ptr_array_unref (batch->addresses);
  g_free (batch);
}

void
nns_batch_add_namespace (NnsBatch   *batch,
                         const char *name)
{
  g_hash_table_insert (batch->namespaces, g_strdup (name), g_new0 (guint64, 1));
}

/* A namespace the batch attaches (AttachNamespace): it is the caller's
 * only if @userns_owner, the owner of its user namespace, is the caller. */
void
nns_batch_add_attached_namespace (NnsBatch   *batch,
                                  const char *name,
                                  uid_t       userns_owner)
{
  nns_batch_add_namespace (batch, name);
  g_hash_table_insert (batch->attached, g_strdup (name), GUINT_TO_POINTER ((guint) userns_owner));
}

gboolean
nns_batch_lookup_attached (NnsBatch   *batch,
                           const char *name,
                           uid_t      *userns_owner)
{
  gpointer value;

  if (batch == NULL || !g_hash_table_lookup_extended (batch->attached, name, NULL, &value))
    return FALSE;
  *userns_owner = (uid_t) GPOINTER_TO_UINT (value);
  return TRUE;
}

gboolean
nns_batch_has_namespace (NnsBatch   *batch,
                         const char *name)
{
  return batch != NULL && g_hash_table_contains (batch->namespaces, name);
}

guint
nns_batch_count_namespaces (NnsBatch *batch)
{
  return g_hash_table_size (batch->namespaces);
}

void
nns_batch_set_namespace_inode (NnsBatch   *batch,
                               const char *name,
                               guint64     inode)
{
  guint64 *stored = g_hash_table_lookup (batch->namespaces, name);

  g_return_if_fail (stored != NULL);
  *stored = inode;
}

guint64
nns_batch_get_namespace_inode (NnsBatch   *batch,
                               const char *name)
{
  guint64 *stored = g_hash_table_lookup (batch->namespaces, name);

  return stored != NULL ? *stored : 0;
}

/* Names of namespaces and links hold no newline (nns-names.c). */
static char *
link_key (const char *namespace,
          const char *link)
{
  return g_strconcat (namespace, "\n", link, NULL);
}

void
nns_batch_add_link (NnsBatch   *batch,
                    const char *namespace,
                    const char *link,
                    uid_t       owner)
{
  if (batch != NULL)
    g_hash_table_replace (batch->links, link_key (namespace, link),
                          GUINT_TO_POINTER ((guint) owner));
}

void
nns_batch_remove_link (NnsBatch   *batch,
                       const char *namespace,
                       const char *link)
{
  g_autofree char *key = NULL;

  if (batch == NULL)
    return;
  key = link_key (namespace, link);
  g_hash_table_remove (batch->links, key);
}

gboolean
nns_batch_lookup_link (NnsBatch   *batch,
                       const char *namespace,
                       const char *link,
                       uid_t      *owner)
{
  g_autofree char *key = NULL;
  gpointer value;

  if (batch == NULL || link == NULL)
    return FALSE;
  key = link_key (namespace, link);
  if (!g_hash_table_lookup_extended (batch->links, key, NULL, &value))
    return FALSE;
  if (owner != NULL)
    *owner = (uid_t) GPOINTER_TO_UINT (value);
  return TRUE;
}

void
nns_batch_add_address (NnsBatch      *batch,
                       const char    *namespace,
                       const NnsCidr *address)
{
  PlannedAddress *planned;

  if (batch == NULL)
    return;
  planned = g_new0 (PlannedAddress, 1);
  planned->namespace = g_strdup (namespace);
  planned->address = *address;
  g_ptr_array_add (batch->addresses, planned);
}

/* The namespace an earlier operation adds @address to (its prefix length
 * aside), or NULL. */
const char *
nns_batch_find_address (NnsBatch      *batch,
                        const NnsCidr *address)
{
  for (guint i = batch != NULL ? batch->addresses->len : 0; i-- > 0;)
    {
      PlannedAddress *planned = batch->addresses->pdata[i];
      NnsCidr plain = planned->address;

      plain.prefix = address->prefix;
      if (nns_cidr_equal (&plain, address))
        return planned->namespace;
    }
  return NULL;
}
