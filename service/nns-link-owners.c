/* nns-link-owners.c: who created each host link made through netnsd.
 *
 * A user allowed to put a veth end in the host owns that end: its uid is
 * passed as the "owner" detail when the link is changed later, so an
 * admin's rule can let users change their own host links and no others.
 * Links are keyed by index, which stays with a link when it is renamed and
 * is not handed to another link soon after one goes. Saved in one small
 * key file beside the namespace records, so it survives a restart.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-link-owners.h"

#define GROUP "HostLinks"

struct _NnsLinkOwners
{
  GObject     parent_instance;

  char       *path;
  GHashTable *owners;   /* ifindex -> uid + 1 (0 is "none" in a hash table) */
};

G_DEFINE_FINAL_TYPE (NnsLinkOwners, nns_link_owners, G_TYPE_OBJECT)

static void
nns_link_owners_finalize (GObject *object)
{
  NnsLinkOwners *self = NNS_LINK_OWNERS (object);

  g_hash_table_unref (self->owners);
  g_free (self->path);

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
load (NnsLinkOwners *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_load_from_file (file, self->path, G_KEY_FILE_NONE, NULL))
    return;
  keys = g_key_file_get_keys (file, GROUP, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      guint64 ifindex, owner;

      if (!g_ascii_string_to_unsigned (keys[i], 10, 1, G_MAXINT, &ifindex, NULL))
        continue;
      owner = g_key_file_get_uint64 (file, GROUP, keys[i], NULL);
      if (owner < G_MAXUINT32)
        g_hash_table_insert (self->owners, GINT_TO_POINTER ((int) ifindex),
                             GUINT_TO_POINTER ((guint) owner + 1));
    }
}

static void
save (NnsLinkOwners *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gsize length;

  g_hash_table_iter_init (&iter, self->owners);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char ifindex[16];

      g_snprintf (ifindex, sizeof ifindex, "%d", GPOINTER_TO_INT (key));
      g_key_file_set_uint64 (file, GROUP, ifindex, GPOINTER_TO_UINT (value) - 1);
    }
  data = g_key_file_to_data (file, &length, NULL);
  if (!g_file_set_contents_full (self->path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("cannot record host link owners: %s", error->message);
}

NnsLinkOwners *
nns_link_owners_new (const char *path)
{
  NnsLinkOwners *self = g_object_new (NNS_TYPE_LINK_OWNERS, NULL);

  self->path = g_strdup (path);
  load (self);
  return self;
}

void
nns_link_owners_set (NnsLinkOwners *self,
                     int            ifindex,
                     uid_t          owner)
{
  g_return_if_fail (NNS_IS_LINK_OWNERS (self));

  g_hash_table_insert (self->owners, GINT_TO_POINTER (ifindex),
                       GUINT_TO_POINTER ((guint) owner + 1));
  save (self);
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

/* Forgets links that no longer exist in the host. */
void
nns_link_owners_prune (NnsLinkOwners     *self,
                       NnsLinkExistsFunc  exists,
                       gpointer           user_data)
{
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  g_return_if_fail (NNS_IS_LINK_OWNERS (self));

  g_hash_table_iter_init (&iter, self->owners);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!exists (GPOINTER_TO_INT (key), user_data))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  if (changed)
    save (self);
}
