/* nns-link-owners.c: who created each host link made through netnsd.
 *
 * A user allowed to put a veth end in the host owns that end: its uid is
 * passed as the "owner" detail when the link is changed later, so an
 * admin's rule can let users change their own host links and no others.
 * Links are keyed by index, which stays with a link when it is renamed and
 * is not handed to another link soon after one goes.
 *
 * Kept in memory, and on disk as one record per link (keyed by its index)
 * in an NnsRecordStore beside the namespace records, so that it survives a
 * restart and each change writes one record, however many links there
 * are.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-link-owners.h"
#include "nns-record-store.h"

#define GROUP "Link"

struct _NnsLinkOwners
{
  GObject     parent_instance;

  NnsRecordStore *records;
  GHashTable *owners;   /* ifindex -> uid + 1 (0 is "none" in a hash table) */
};

G_DEFINE_FINAL_TYPE (NnsLinkOwners, nns_link_owners, G_TYPE_OBJECT)

static void
nns_link_owners_finalize (GObject *object)
{
  NnsLinkOwners *self = NNS_LINK_OWNERS (object);

  g_hash_table_unref (self->owners);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (nns_link_owners_parent_class)->finalize (object);
}

static void
nns_link_owners_class_init (NnsLinkOwnersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_link_owners_finalize;
}

static void
nns_link_owners_init (NnsLinkOwners *self)
{
  self->owners = g_hash_table_new (NULL, NULL);
}

static void
format_key (char key[16],
            int  ifindex)
{
  g_snprintf (key, 16, "%d", ifindex);
}

static void
load (NnsLinkOwners *self)
{
  g_autoptr(GPtrArray) keys = nns_record_store_list_keys (self->records);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      g_autoptr(GKeyFile) record = nns_record_store_load (self->records, key);
      g_autoptr(GError) error = NULL;
      guint64 ifindex, owner = 0;

      if (record != NULL)
        owner = g_key_file_get_uint64 (record, GROUP, "Owner", &error);
      if (record == NULL || error != NULL || owner > G_MAXUINT32 - 1 ||
          !g_ascii_string_to_unsigned (key, 10, 1, G_MAXINT, &ifindex, NULL))
        {
          /* A temporary file of an interrupted write, or damage. */
          nns_record_store_forget (self->records, key);
          continue;
        }
      g_hash_table_insert (self->owners, GINT_TO_POINTER ((int) ifindex),
                           GUINT_TO_POINTER ((guint) owner + 1));
    }
}

NnsLinkOwners *
nns_link_owners_new (const char *directory,
                     GError    **error)
{
  g_autoptr(NnsLinkOwners) self = g_object_new (NNS_TYPE_LINK_OWNERS, NULL);

  self->records = nns_record_store_new (directory, error);
  if (self->records == NULL)
    return NULL;
  load (self);
  return g_steal_pointer (&self);
}

void
nns_link_owners_set (NnsLinkOwners *self,
                     int            ifindex,
                     uid_t          owner)
{
  g_autoptr(GKeyFile) record = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char key[16];

  g_return_if_fail (NNS_IS_LINK_OWNERS (self));

  g_hash_table_insert (self->owners, GINT_TO_POINTER (ifindex),
                       GUINT_TO_POINTER ((guint) owner + 1));
  format_key (key, ifindex);
  g_key_file_set_uint64 (record, GROUP, "Owner", owner);
  if (!nns_record_store_save (self->records, key, record, &error))
    g_warning ("cannot record the owner of host link %d: %s", ifindex, error->message);
}

gboolean
nns_link_owners_lookup (NnsLinkOwners *self,
                        int            ifindex,
                        uid_t         *owner)
{
  gpointer value;

  g_return_val_if_fail (NNS_IS_LINK_OWNERS (self), FALSE);

  value = g_hash_table_lookup (self->owners, GINT_TO_POINTER (ifindex));
  if (value == NULL)
    return FALSE;
  *owner = (uid_t) (GPOINTER_TO_UINT (value) - 1);
  return TRUE;
}

/* How many host links @owner made (and still has). */
guint
nns_link_owners_count (NnsLinkOwners *self,
                       uid_t          owner)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_return_val_if_fail (NNS_IS_LINK_OWNERS (self), 0);

  g_hash_table_iter_init (&iter, self->owners);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (GPOINTER_TO_UINT (value) - 1 == (guint) owner)
      count++;
  return count;
}

void
nns_link_owners_forget (NnsLinkOwners *self,
                        int            ifindex)
{
  char key[16];

  g_return_if_fail (NNS_IS_LINK_OWNERS (self));

  if (!g_hash_table_remove (self->owners, GINT_TO_POINTER (ifindex)))
    return;
  format_key (key, ifindex);
  nns_record_store_forget (self->records, key);
}

/* Forgets links that no longer exist in the host (at start-up: they may
 * have gone while netnsd was down). */
void
nns_link_owners_prune (NnsLinkOwners     *self,
                       NnsLinkExistsFunc  exists,
                       gpointer           user_data)
{
  g_autofree gpointer *indexes = NULL;
  guint n;

  g_return_if_fail (NNS_IS_LINK_OWNERS (self));

  indexes = g_hash_table_get_keys_as_array (self->owners, &n);
  for (guint i = 0; i < n; i++)
    if (!exists (GPOINTER_TO_INT (indexes[i]), user_data))
      nns_link_owners_forget (self, GPOINTER_TO_INT (indexes[i]));
}
