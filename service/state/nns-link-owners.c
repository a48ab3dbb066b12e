/* nns-link-owners.c: who created each host link made through netnsd.
 *
 * A user allowed to put a veth end in the host owns that end: its uid is
 * passed as the "owner" detail when the link is changed later, so an
 * admin's rule can let users change their own host links and no others.
 * Links are keyed by index, which stays with a link when it is renamed and
 * is not handed to another link soon after one goes.
 *
 * Kept in memory, and on disk as one small file per link (named by its
 * index, holding the uid) beside the namespace records, so that it
 * survives a restart and each change writes one file, however many links
 * there are.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "nns-error.h"
#include "nns-link-owners.h"

struct _NnsLinkOwners
{
  GObject     parent_instance;

  char       *directory;
  GHashTable *owners;   /* ifindex -> uid + 1 (0 is "none" in a hash table) */
};

G_DEFINE_FINAL_TYPE (NnsLinkOwners, nns_link_owners, G_TYPE_OBJECT)

static void
nns_link_owners_finalize (GObject *object)
{
  NnsLinkOwners *self = NNS_LINK_OWNERS (object);

  g_hash_table_unref (self->owners);
  g_free (self->directory);

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

static char *
link_path (NnsLinkOwners *self,
           int            ifindex)
{
  char name[16];

  g_snprintf (name, sizeof name, "%d", ifindex);
  return g_build_filename (self->directory, name, NULL);
}

static void
load (NnsLinkOwners *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->directory, name, NULL);
      g_autofree char *text = NULL;
      guint64 ifindex, owner;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &ifindex, NULL) ||
          !g_file_get_contents (path, &text, NULL, NULL) ||
          !g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, G_MAXUINT32 - 1, &owner, NULL))
        {
          /* A temporary file of an interrupted write, or damage. */
          g_unlink (path);
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

  if (g_mkdir_with_parents (directory, 0700) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create %s", directory);
      return NULL;
    }
  self->directory = g_strdup (directory);
  load (self);
  return g_steal_pointer (&self);
}

void
nns_link_owners_set (NnsLinkOwners *self,
                     int            ifindex,
                     uid_t          owner)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (NNS_IS_LINK_OWNERS (self));

  g_hash_table_insert (self->owners, GINT_TO_POINTER (ifindex),
                       GUINT_TO_POINTER ((guint) owner + 1));
  path = link_path (self, ifindex);
  text = g_strdup_printf ("%u\n", (guint) owner);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
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

void
nns_link_owners_forget (NnsLinkOwners *self,
                        int            ifindex)
{
  g_autofree char *path = NULL;

  g_return_if_fail (NNS_IS_LINK_OWNERS (self));

  if (!g_hash_table_remove (self->owners, GINT_TO_POINTER (ifindex)))
    return;
  path = link_path (self, ifindex);
  if (g_unlink (path) < 0 && errno != ENOENT)
    g_warning ("cannot remove %s: %s", path, g_strerror (errno));
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
