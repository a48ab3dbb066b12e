/* nns-apply-topology.c: an Apply with the option "topology".
 *
 * `netnsctl up FILE` sends the difference between a topology file, what
 * netnsd recorded that the file made, and the system, as one Apply named
 * after the file. Such an Apply also takes the removals that no other
 * Apply does, but only of what the topology made (its record says so):
 * RemoveAddress and RemoveRoute, undone if the Apply fails by making the
 * address or route again with the arguments it was made with, and
 * DeleteLink and DeleteNamespace, which cannot be undone and which
 * netnsctl sends last, after everything that may fail. An operation may
 * not name a namespace that another topology made. Once every operation
 * succeeded, the record is brought up to date (state/nns-topologies.c)
 * before the caller gets the answer: what was made is added, what was
 * removed dropped, with the entries the caller asks to forget (things
 * that went by other hands) and those about namespaces that are gone.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>

#include "nns-apply-topology.h"
#include "nns-error.h"
#include "nns-names.h"
#include "nns-topology.h"

/* A topology's name: the file's path, or whatever id its caller gives. */
#define MAX_NAME_LENGTH 4096

struct _NnsApplyTopology
{
  NnsTopologies *store;
  NnsRegistry   *registry;
  char          *name;
  gboolean       recorded;   /* the topology has a record already */
  uid_t          owner;      /* if so, whose it is */
  GPtrArray     *entries;    /* of GVariant a{sv}: the record, as the steps change it */
  char         **forget;     /* keys of entries to drop */
};

void
nns_apply_topology_free (NnsApplyTopology *self)
{
  g_object_unref (self->store);
  g_object_unref (self->registry);
  g_free (self->name);
  g_ptr_array_unref (self->entries);
  g_strfreev (self->forget);
  g_free (self);
}

static gboolean
check_name (const char *name,
            GError    **error)
{
  if (name[0] == '\0' || strlen (name) > MAX_NAME_LENGTH || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "a topology's name is 1 to %d bytes of UTF-8", MAX_NAME_LENGTH);
      return FALSE;
    }
  for (const char *c = name; *c != '\0'; c++)
    if (g_ascii_iscntrl (*c))
      {
        g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                             "a topology's name has no control characters");
        return FALSE;
      }
  return TRUE;
}

/* Refuses a namespace another topology made. */
static gboolean
check_namespace (NnsApplyTopology *self,
                 const char       *namespace,
                 GError          **error)
{
  const char *other = nns_topologies_find_namespace (self->store, namespace, self->name);
  g_autofree char *quoted = NULL;

  if (other == NULL)
    return TRUE;
  quoted = nns_quote (namespace);
  g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
               "namespace %s belongs to topology '%s'; one namespace can be in one "
               "topology only (netnsctl down that one first)", quoted, other);
  return FALSE;
}

NnsApplyTopology *
nns_apply_topology_new (NnsTopologies     *store,
                        NnsRegistry       *registry,
                        const char        *name,
                        const char *const *namespaces,
                        const char *const *forget,
                        GError           **error)
{
  g_autoptr(NnsApplyTopology) self = g_new0 (NnsApplyTopology, 1);
  g_autoptr(GVariant) record = NULL;

  self->store = g_object_ref (store);
  self->registry = g_object_ref (registry);
  self->name = g_strdup (name);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  self->forget = g_strdupv ((char **) forget);
  if (!check_name (name, error))
    return NULL;
  for (gsize i = 0; namespaces != NULL && namespaces[i] != NULL; i++)
    if (!check_namespace (self, namespaces[i], error))
      {
        g_prefix_error (error, "option topology-namespaces: ");
        return NULL;
      }

  record = nns_topologies_get (store, name, &self->owner);
  self->recorded = record != NULL;
  if (record != NULL)
    {
      GVariantIter iter;
      GVariant *entry;

      g_variant_iter_init (&iter, record);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        g_ptr_array_add (self->entries, entry);
    }
  return g_steal_pointer (&self);
}

/* The methods only a topology's Apply takes. */
gboolean
nns_apply_topology_takes (const char *method)
{
  return nns_topology_kind_for_remove (method) != NULL;
}

/* The entry with @key, or -1. */
static gint
find_entry (NnsApplyTopology *self,
            const char       *key)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autoptr(GVariant) arguments = NULL;
      const NnsTopologyKind *kind;
      g_autofree char *other = NULL;
      const char *method;
      guint64 inode;

      if (!nns_topology_entry_parse (self->entries->pdata[i], &method, &arguments, &inode) ||
          (kind = nns_topology_kind_for_make (method)) == NULL)
        continue;
      other = nns_topology_key (kind, arguments);
      if (g_str_equal (other, key))
        return (gint) i;
    }
  return -1;
}

/* The entry a removal removes, of whichever kind it removes, or -1. */
static gint
find_removed (NnsApplyTopology       *self,
              const char             *method,
              GVariant               *arguments,
              const NnsTopologyKind **kind)
{
  for (*kind = nns_topology_kind_for_remove (method); *kind != NULL;
       *kind = nns_topology_kind_next_remover (method, *kind))
    {
      g_autofree char *key = nns_topology_key (*kind, arguments);
      gint found = find_entry (self, key);

      if (found >= 0)
        return found;
    }
  return -1;
}

/* Checks one operation; for a removal that a failed Apply undoes by
 * making the thing again, @remake_method and @remake get the operation
 * and the arguments it was made with. */
gboolean
nns_apply_topology_check_step (NnsApplyTopology *self,
                               const char       *method,
                               GVariant         *arguments,
                               char            **remake_method,
                               GVariant        **remake,
                               GError          **error)
{
  g_autoptr(GPtrArray) namespaces = nns_topology_namespaces (method, arguments);
  const NnsTopologyKind *kind;
  gint found;

  *remake = NULL;
  *remake_method = NULL;
  for (guint i = 0; i < namespaces->len; i++)
    if (!check_namespace (self, namespaces->pdata[i], error))
      return FALSE;
  if (nns_topology_kind_for_remove (method) == NULL)
    return TRUE;

  found = find_removed (self, method, arguments, &kind);
  if (found < 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                   "%s in a topology's Apply removes only what the topology made, and "
                   "topology '%s' did not make this %s", method, self->name,
                   nns_topology_kind_for_remove (method)->kind);
      return FALSE;
    }
  if (kind->remade_on_undo)
    {
      const char *made;
      guint64 inode;

      nns_topology_entry_parse (self->entries->pdata[found], &made, remake, &inode);
      *remake_method = g_strdup (made);
    }
  return TRUE;
}

gboolean
nns_apply_topology_check_caller (NnsApplyTopology *self,
                                 uid_t             uid,
                                 GError          **error)
{
  if (!self->recorded || uid == 0 || uid == self->owner)
    return TRUE;
  g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_AUTHORIZED,
               "topology '%s' was brought up by uid %u; only that user and root may change it",
               self->name, (guint) self->owner);
  return FALSE;
}

static gboolean
argument_is (GVariant   *arguments,
             const char *name,
             const char *value)
{
  const char *given;

  return g_variant_lookup (arguments, name, "&s", &given) && g_str_equal (given, value);
}

/* Does @entry go with the namespace @namespace, or with the link @link
 * (in @namespace) if @link is not NULL? */
static gboolean
entry_goes_with (GVariant   *entry,
                 const char *namespace,
                 const char *link)
{
  g_autoptr(GVariant) arguments = NULL;
  g_autoptr(GPtrArray) namespaces = NULL;
  const char *method;
  guint64 inode;

  if (!nns_topology_entry_parse (entry, &method, &arguments, &inode))
    return TRUE;
  if (link != NULL)
    return (argument_is (arguments, "namespace", namespace) &&
            (argument_is (arguments, "link", link) || argument_is (arguments, "name", link))) ||
           (argument_is (arguments, "peer_namespace", namespace) &&
            argument_is (arguments, "peer_name", link));
  namespaces = nns_topology_namespaces (method, arguments);
  for (guint i = 0; i < namespaces->len; i++)
    if (g_str_equal (namespaces->pdata[i], namespace))
      return TRUE;
  return FALSE;
}

static void
drop_entries_with (NnsApplyTopology *self,
                   const char       *namespace,
                   const char       *link)
{
  for (guint i = self->entries->len; i-- > 0;)
    if (entry_goes_with (self->entries->pdata[i], namespace, link))
      g_ptr_array_remove_index (self->entries, i);
}

static void
drop_key (NnsApplyTopology *self,
          const char       *key)
{
  gint found = find_entry (self, key);

  if (found >= 0)
    g_ptr_array_remove_index (self->entries, (guint) found);
}

/* One operation succeeded: the record as it is now. */
void
nns_apply_topology_note_done (NnsApplyTopology *self,
                              const char       *method,
                              GVariant         *arguments)
{
  const NnsTopologyKind *made = nns_topology_kind_for_make (method);
  const NnsTopologyKind *removed = nns_topology_kind_for_remove (method);
  const char *namespace, *link;

  if (made != NULL)
    {
      g_autofree char *key = nns_topology_key (made, arguments);
      NnsNamespace *ns = NULL;
      guint64 inode;

      drop_key (self, key);
      if (nns_topology_is_dns_removal (method, arguments))
        return;
      if (g_str_equal (method, "CreateNamespace") &&
          g_variant_lookup (arguments, "name", "&s", &namespace))
        ns = nns_registry_lookup (self->registry, namespace);
      inode = ns != NULL ? nns_namespace_get_inode (ns) : 0;
      g_ptr_array_add (self->entries,
                       g_variant_ref_sink (nns_topology_entry_new (method, arguments, inode)));
      return;
    }
  if (removed == NULL)
    return;
  if (g_str_equal (method, "DeleteNamespace") &&
      g_variant_lookup (arguments, "name", "&s", &namespace))
    drop_entries_with (self, namespace, NULL);
  else if (g_str_equal (method, "DeleteLink") &&
           g_variant_lookup (arguments, "namespace", "&s", &namespace) &&
           g_variant_lookup (arguments, "name", "&s", &link))
    drop_entries_with (self, namespace, link);
  else
    {
      const NnsTopologyKind *kind;
      gint found = find_removed (self, method, arguments, &kind);

      if (found >= 0)
        g_ptr_array_remove_index (self->entries, (guint) found);
    }
}

/* A namespace an entry names is there, and for the entry that made it,
 * still the same one. */
static gboolean
namespace_exists (const char *namespace,
                  guint64     inode,
                  gpointer    user_data)
{
  NnsNamespace *ns = nns_registry_lookup (user_data, namespace);

  return ns != NULL && (inode == 0 || nns_namespace_get_inode (ns) == inode);
}

void
nns_apply_topology_prune (NnsTopologies *store,
                          NnsRegistry   *registry)
{
  nns_topologies_prune (store, namespace_exists, registry);
}

/* Every operation succeeded: the record is written before the caller is
 * answered. */
gboolean
nns_apply_topology_commit (NnsApplyTopology *self,
                           uid_t             uid,
                           GError          **error)
{
  GVariantBuilder entries;

  for (gsize i = 0; self->forget != NULL && self->forget[i] != NULL; i++)
    drop_key (self, self->forget[i]);
  g_variant_builder_init (&entries, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autoptr(GVariant) arguments = NULL;
      g_autoptr(GPtrArray) namespaces = NULL;
      const char *method;
      guint64 inode;
      gboolean there = TRUE;

      if (!nns_topology_entry_parse (self->entries->pdata[i], &method, &arguments, &inode))
        continue;
      namespaces = nns_topology_namespaces (method, arguments);
      for (guint j = 0; j < namespaces->len && there; j++)
        there = namespace_exists (namespaces->pdata[j], inode, self->registry);
      if (there)
        g_variant_builder_add_value (&entries, self->entries->pdata[i]);
    }
  return nns_topologies_set (self->store, self->name, self->recorded ? self->owner : uid,
                             g_variant_builder_end (&entries), error);
}
