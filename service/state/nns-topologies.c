/* nns-topologies.c: what each declared topology made, kept across daemon
 * restarts.
 *
 * A topology is named by its caller (netnsctl uses the file's absolute
 * path) and belongs to the uid that first brought it up. Its record lists
 * what its Applies made (common/nns-topology.c: one entry per operation,
 * its method and arguments), so that `netnsctl up` can remove what the
 * file no longer names and `netnsctl down` what the file made, and
 * nothing else. One record per topology in an NnsRecordStore, under the
 * SHA-256 of its name (names are paths, not file names); in /run by
 * default, since what they describe goes at a reboot too.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-record-store.h"
#include "nns-topologies.h"
#include "nns-topology.h"

#define GROUP "Topology"

typedef struct {
  char     *name;
  uid_t     owner;
  GVariant *entries;   /* aa{sv} */
} Topology;

struct _NnsTopologies
{
  GObject         parent_instance;

  NnsRecordStore *records;
  GHashTable     *topologies;  /* name -> Topology */
};

G_DEFINE_FINAL_TYPE (NnsTopologies, nns_topologies, G_TYPE_OBJECT)

static void
topology_free (gpointer data)
{
  Topology *topology = data;

  g_free (topology->name);
  g_variant_unref (topology->entries);
  g_free (topology);
}

static void
nns_topologies_finalize (GObject *object)
{
  NnsTopologies *self = NNS_TOPOLOGIES (object);

  g_clear_object (&self->records);
  g_hash_table_unref (self->topologies);

  G_OBJECT_CLASS (nns_topologies_parent_class)->finalize (object);
}

static void
nns_topologies_class_init (NnsTopologiesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_topologies_finalize;
}

static void
nns_topologies_init (NnsTopologies *self)
{
  self->topologies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, topology_free);
}

static char *
record_key (const char *name)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
}

static void
load_record (NnsTopologies *self,
             const char    *key)
{
  g_autoptr(GKeyFile) file = nns_record_store_load (self->records, key);
  g_autofree char *name = NULL, *made = NULL, *expected = NULL;
  g_autoptr(GVariant) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint64 owner = 0;
  Topology *topology;

  if (file == NULL)
    return;
  name = g_key_file_get_string (file, GROUP, "Name", &error);
  if (error == NULL)
    owner = g_key_file_get_uint64 (file, GROUP, "Owner", &error);
  if (error == NULL)
    made = g_key_file_get_string (file, GROUP, "Made", &error);
  if (error == NULL)
    entries = g_variant_parse (G_VARIANT_TYPE ("aa{sv}"), made, NULL, NULL, &error);
  expected = name != NULL ? record_key (name) : NULL;
  if (error != NULL || owner > G_MAXUINT32 - 1 || g_strcmp0 (expected, key) != 0)
    {
      g_warning ("forgetting the damaged topology record %s", key);
      nns_record_store_forget (self->records, key);
      return;
    }
  topology = g_new0 (Topology, 1);
  topology->name = g_steal_pointer (&name);
  topology->owner = (uid_t) owner;
  topology->entries = g_steal_pointer (&entries);   /* g_variant_parse's is not floating */
  g_hash_table_replace (self->topologies, topology->name, topology);
}

NnsTopologies *
nns_topologies_new (const char *directory,
                    GError    **error)
{
  g_autoptr(NnsTopologies) self = g_object_new (NNS_TYPE_TOPOLOGIES, NULL);
  g_autoptr(GPtrArray) keys = NULL;

  self->records = nns_record_store_new (directory, error);
  if (self->records == NULL)
    return NULL;
  keys = nns_record_store_list_keys (self->records);
  for (guint i = 0; i < keys->len; i++)
    load_record (self, keys->pdata[i]);
  return g_steal_pointer (&self);
}

/* The entries of @name (aa{sv}, a new reference) and its owner, or NULL
 * for a topology with no record. */
GVariant *
nns_topologies_get (NnsTopologies *self,
                    const char    *name,
                    uid_t         *owner)
{
  Topology *topology = g_hash_table_lookup (self->topologies, name);

  if (topology == NULL)
    return NULL;
  if (owner != NULL)
    *owner = topology->owner;
  return g_variant_ref (topology->entries);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
nns_topologies_list_names (NnsTopologies *self)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, self->topologies);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Replaces the record of @name; no entries removes it. */
gboolean
nns_topologies_set (NnsTopologies *self,
                    const char    *name,
                    uid_t          owner,
                    GVariant      *entries,
                    GError       **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (entries);
  g_autofree char *key = record_key (name);
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *made = NULL;
  Topology *topology;

  if (g_variant_n_children (owned) == 0)
    {
      nns_record_store_forget (self->records, key);
      g_hash_table_remove (self->topologies, name);
      return TRUE;
    }
  file = g_key_file_new ();
  made = g_variant_print (owned, TRUE);
  g_key_file_set_string (file, GROUP, "Name", name);
  g_key_file_set_uint64 (file, GROUP, "Owner", owner);
  g_key_file_set_string (file, GROUP, "Made", made);
  if (!nns_record_store_save (self->records, key, file, error))
    {
      g_prefix_error (error, "cannot record what topology '%s' made: ", name);
      return FALSE;
    }
  topology = g_new0 (Topology, 1);
  topology->name = g_strdup (name);
  topology->owner = owner;
  topology->entries = g_steal_pointer (&owned);
  g_hash_table_replace (self->topologies, topology->name, topology);
  return TRUE;
}

static gboolean
made_namespace (Topology   *topology,
                const char *namespace)
{
  GVariantIter iter;
  GVariant *entry;

  g_variant_iter_init (&iter, topology->entries);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) owned = entry;
      g_autoptr(GVariant) arguments = NULL;
      const char *method, *name;
      guint64 inode;

      if (nns_topology_entry_parse (entry, &method, &arguments, &inode) &&
          g_str_equal (method, "CreateNamespace") &&
          g_variant_lookup (arguments, "name", "&s", &name) && g_str_equal (name, namespace))
        return TRUE;
    }
  return FALSE;
}

/* The topology, other than @other_than, that made @namespace, or NULL. */
const char *
nns_topologies_find_namespace (NnsTopologies *self,
                               const char    *namespace,
                               const char    *other_than)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->topologies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Topology *topology = value;

      if (g_strcmp0 (topology->name, other_than) != 0 && made_namespace (topology, namespace))
        return topology->name;
    }
  return NULL;
}

/* Drops the entries about namespaces that went while netnsd was down (or
 * that another tool deleted): @exists says whether a namespace, by name
 * and, for the entry that made it, inode, is still there. */
void
nns_topologies_prune (NnsTopologies *self,
                      gboolean     (*exists) (const char *namespace,
                                              guint64     inode,
                                              gpointer    user_data),
                      gpointer       user_data)
{
  g_autoptr(GPtrArray) names = nns_topologies_list_names (self);

  for (guint i = 0; i < names->len; i++)
    {
      Topology *topology = g_hash_table_lookup (self->topologies, names->pdata[i]);
      GVariantBuilder kept;
      GVariantIter iter;
      GVariant *entry;
      gboolean changed = FALSE;
      g_autoptr(GError) error = NULL;

      g_variant_builder_init (&kept, G_VARIANT_TYPE ("aa{sv}"));
      g_variant_iter_init (&iter, topology->entries);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        {
          g_autoptr(GVariant) owned = entry;
          g_autoptr(GVariant) arguments = NULL;
          g_autoptr(GPtrArray) namespaces = NULL;
          const char *method;
          guint64 inode;
          gboolean keep = TRUE;

          if (!nns_topology_entry_parse (entry, &method, &arguments, &inode))
            continue;
          namespaces = nns_topology_namespaces (method, arguments);
          if (!g_str_equal (method, "CreateNamespace"))
            inode = 0;
          for (guint j = 0; j < namespaces->len && keep; j++)
            keep = exists (namespaces->pdata[j], inode, user_data);
          if (keep)
            g_variant_builder_add_value (&kept, entry);
          else
            changed = TRUE;
        }
      if (changed &&
          !nns_topologies_set (self, names->pdata[i], topology->owner,
                               g_variant_builder_end (&kept), &error))
        g_warning ("%s", error->message);
      else if (!changed)
        g_variant_builder_clear (&kept);
    }
}
