/* nns-journal.c: changes in progress, so that a restart can undo the
 * ones a crash interrupted.
 *
 * A change that makes several things (a veth pair, then its peer up, then
 * its owner record) writes an entry before it starts and removes it when
 * it is done or undone. Whatever entries a restart finds describe changes
 * that never finished and never answered their caller: netnsd undoes them,
 * so that a call either happened whole or left nothing behind.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "nns-error.h"
#include "nns-journal.h"

struct _NnsJournal
{
  GObject  parent_instance;

  char    *directory;
};

G_DEFINE_FINAL_TYPE (NnsJournal, nns_journal, G_TYPE_OBJECT)

static void
nns_journal_finalize (GObject *object)
{
  g_free (NNS_JOURNAL (object)->directory);

  G_OBJECT_CLASS (nns_journal_parent_class)->finalize (object);
}

static void
nns_journal_class_init (NnsJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_journal_finalize;
}

static void
nns_journal_init (NnsJournal *self)
{
}

NnsJournal *
nns_journal_new (const char *directory,
                 GError    **error)
{
  g_autoptr(NnsJournal) self = g_object_new (NNS_TYPE_JOURNAL, NULL);

  if (g_mkdir_with_parents (directory, 0700) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create %s", directory);
      return NULL;
    }
  self->directory = g_strdup (directory);
  return g_steal_pointer (&self);
}

/* Writes @entry; returns its id, for nns_journal_end(). */
char *
nns_journal_begin (NnsJournal *self,
                   GKeyFile   *entry,
                   GError    **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *path = g_build_filename (self->directory, id, NULL);
  g_autofree char *data = NULL;
  gsize length;

  data = g_key_file_to_data (entry, &length, NULL);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return NULL;
  return g_steal_pointer (&id);
}

void
nns_journal_end (NnsJournal *self,
                 const char *id)
{
  g_autofree char *path = g_build_filename (self->directory, id, NULL);

  if (g_unlink (path) < 0 && errno != ENOENT)
    g_warning ("cannot remove %s: %s", path, g_strerror (errno));
}

/* The unfinished entries: GKeyFiles, each with its id under the key
 * "id" of the group "Journal". */
GPtrArray *
nns_journal_list (NnsJournal *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_key_file_unref);
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->directory, name, NULL);
      GKeyFile *entry = g_key_file_new ();

      if (!g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, NULL))
        {
          /* A torn write or a temporary file: nothing was started after it. */
          g_key_file_unref (entry);
          g_unlink (path);
          continue;
        }
      g_key_file_set_string (entry, "Journal", "id", name);
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}
