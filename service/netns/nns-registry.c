/* nns-registry.c: the namespaces that exist, kept in step with /run/netns.
 *
 * /run/netns is the truth, shared with iproute2. The registry mirrors it:
 * one NnsNamespace per entry, added and removed as netnsd or any other
 * tool changes the directory, and announced with signals (the bus layer
 * exports them: nns-exporter.c). Owner records (NnsOwnerStore) are trusted
 * only for the very namespace they were written for, and dropped when it
 * goes. What a crash left behind is undone by nns-recovery.c around the
 * first scan.
 *
 * Signals:
 *   namespace-added (NnsNamespace), namespace-removed (NnsNamespace)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-debug.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-link-events.h"
#include "nns-names.h"
#include "nns-netns-dir.h"
#include "nns-netns-monitor.h"
#include "nns-owner-store.h"
#include "nns-registry-private.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

/* `ip netns add` creates the entry a moment before it mounts the namespace
 * on it. An entry that is still a plain file after this long is shown as
 * it is: a stale leftover. */
#define PENDING_GRACE_MS 2000


enum {
  SIGNAL_NAMESPACE_ADDED,
  SIGNAL_NAMESPACE_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NnsRegistry, nns_registry, G_TYPE_OBJECT)

static void pending_entry_free (gpointer data);
static void sync_entry (NnsRegistry *self,
                        const char  *name,
                        gboolean     waited);

static void
nns_registry_dispose (GObject *object)
{
  NnsRegistry *self = NNS_REGISTRY (object);

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->namespaces, g_hash_table_unref);
  g_clear_pointer (&self->owned, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_object (&self->owners);
  g_clear_object (&self->host);
  g_clear_object (&self->host_netlink);
  g_clear_object (&self->link_events);
  g_clear_object (&self->dir);

  G_OBJECT_CLASS (nns_registry_parent_class)->dispose (object);
}

static void
nns_registry_class_init (NnsRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_registry_dispose;

  signals[SIGNAL_NAMESPACE_ADDED] =
    g_signal_new ("namespace-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, NNS_TYPE_NAMESPACE);
  signals[SIGNAL_NAMESPACE_REMOVED] =
    g_signal_new ("namespace-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, NNS_TYPE_NAMESPACE);
}

static void
nns_registry_init (NnsRegistry *self)
{
  self->namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->owned = g_hash_table_new (NULL, NULL);
  self->stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, pending_entry_free);
}

static void
count_owned (NnsRegistry  *self,
             NnsNamespace *ns,
             int           delta)
{
  gpointer uid = GUINT_TO_POINTER (nns_namespace_get_owner (ns));
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->owned, uid));

  if (!nns_namespace_is_recorded (ns))
    return;
  count += (guint) delta;
  if (count == 0)
    g_hash_table_remove (self->owned, uid);
  else
    g_hash_table_insert (self->owned, uid, GUINT_TO_POINTER (count));
}

void
nns_registry_add (NnsRegistry  *self,
               NnsNamespace *ns)
{
  count_owned (self, ns, +1);
  if (nns_namespace_get_inode (ns) == 0)
    g_hash_table_add (self->stale, g_strdup (nns_namespace_get_name (ns)));
  g_hash_table_replace (self->namespaces, g_strdup (nns_namespace_get_name (ns)), ns);
  g_debug ("namespace %s added (inode %" G_GUINT64_FORMAT ")",
           nns_namespace_get_name (ns), nns_namespace_get_inode (ns));
  g_signal_emit (self, signals[SIGNAL_NAMESPACE_ADDED], 0, ns);
}

void
nns_registry_remove (NnsRegistry  *self,
                  NnsNamespace *ns)
{
  g_autoptr(NnsNamespace) held = g_object_ref (ns);
  const char *name = nns_namespace_get_name (held);

  if (nns_namespace_is_recorded (held))
    nns_owner_store_forget (self->owners, name);
  count_owned (self, held, -1);
  if (nns_namespace_get_netlink (held) != NULL &&
      nns_namespace_get_netlink (held) != self->host_netlink)
    nns_link_events_unwatch (self->link_events, nns_namespace_get_netlink (held));
  g_hash_table_remove (self->stale, name);
  g_hash_table_remove (self->namespaces, name);
  g_debug ("namespace %s removed", name);
  g_signal_emit (self, signals[SIGNAL_NAMESPACE_REMOVED], 0, held);
}

static gboolean
read_cookie (gpointer  user_data,
             GError  **error)
{
  guint64 *cookie = user_data;
  nns_autofd int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  socklen_t len = sizeof *cookie;

  if (fd < 0 || getsockopt (fd, SOL_SOCKET, SO_NETNS_COOKIE, cookie, &len) < 0)
    {
      nns_set_error_errno (error, errno, "cannot read the namespace cookie");
      return FALSE;
    }
  return TRUE;
}

/* Is @record about the namespace now named @name, with inode @inode? Inode
 * numbers get reused once a namespace is freed; cookies do not. */
static gboolean
record_matches (NnsRegistry          *self,
                const char           *name,
                guint64               inode,
                const NnsOwnerRecord *record)
{
  guint64 cookie = 0;

  if (record->inode != inode)
    return FALSE;
  if (record->cookie == 0)
    return TRUE;
  return nns_netns_dir_run_in (self->dir, name, read_cookie, &cookie, NULL) &&
         cookie == record->cookie;
}

char *
nns_registry_describe (const char *name)
{
  g_autofree char *quoted = nns_quote (name);

  return g_strdup_printf ("namespace %s", quoted);
}

typedef struct {
  const char *description;
  NnsNetlink *netlink;
} OpenNetlink;

static gboolean
open_netlink_here (gpointer user_data,
                   GError **error)
{
  OpenNetlink *open = user_data;

  open->netlink = nns_netlink_new_here (open->description, TRUE, error);
  return open->netlink != NULL;
}

/* Opens netlink sockets inside the live namespace @name. */
NnsNetlink *
nns_registry_open_netlink (NnsRegistry *self,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *description = nns_registry_describe (name);
  OpenNetlink open = { description, NULL };

  if (!nns_netns_dir_run_in (self->dir, name, open_netlink_here, &open, error))
    return NULL;
  return open.netlink;
}

/* Gives @ns its netlink sockets and has the link notifications of its
 * namespace fed to them, under the id the host gives the namespace. */
gboolean
nns_registry_attach_netlink (NnsRegistry  *self,
                NnsNamespace *ns,
                NnsNetlink   *netlink,
                GError      **error)
{
  nns_autofd int fd = nns_netns_dir_open_namespace (self->dir, nns_namespace_get_name (ns), error);
  int nsid;

  if (fd < 0 || !nns_netlink_namespace_id (self->host_netlink, fd, &nsid, error))
    return FALSE;
  nns_link_events_watch (self->link_events, nsid, netlink);
  nns_namespace_set_netlink (ns, netlink);
  return TRUE;
}

/* Makes the object for an entry that is already there (found at start-up
 * or made by another tool). */
static NnsNamespace *
namespace_for_entry (NnsRegistry             *self,
                     const char              *name,
                     const NnsNetnsEntryInfo *info)
{
  NnsOwnerRecord record;
  gboolean recorded = FALSE;
  NnsNamespace *ns;

  if (info->kind == NNS_NETNS_ENTRY_NAMESPACE &&
      nns_owner_store_load (self->owners, name, &record))
    {
      recorded = record_matches (self, name, info->inode, &record);
      if (!recorded)
        {
          g_message ("dropping the stale owner record of namespace %s", name);
          nns_owner_store_forget (self->owners, name);
        }
    }
  ns = nns_namespace_new (name, info->inode, recorded, recorded ? record.owner : 0);
  if (info->kind == NNS_NETNS_ENTRY_NAMESPACE &&
      info->inode == nns_netns_dir_get_host_inode (self->dir))
    {
      /* `ip netns attach NAME 1`: the host's own namespace, under a name.
       * Its links are the host's, told by the host's notifications; it gets
       * no id of its own, which would name the host as its own peer. */
      nns_namespace_set_netlink (ns, self->host_netlink);
    }
  else if (info->kind == NNS_NETNS_ENTRY_NAMESPACE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NnsNetlink) netlink = nns_registry_open_netlink (self, name, &error);

      if (netlink == NULL || !nns_registry_attach_netlink (self, ns, netlink, &error))
        g_debug ("no netlink socket in namespace %s yet: %s", name, error->message);
      else
        /* Another tool may have changed it between the first read and
         * the start of its notifications. */
        nns_netlink_resynchronize (netlink);
    }
  return ns;
}

/* An entry waiting for its namespace to be mounted on it. */
typedef struct {
  NnsRegistry *registry;
  char        *name;
  guint        timer_id;
} PendingEntry;

static void
pending_entry_free (gpointer data)
{
  PendingEntry *entry = data;

  g_clear_handle_id (&entry->timer_id, g_source_remove);
  g_free (entry->name);
  g_free (entry);
}

static gboolean
on_pending_timeout (gpointer user_data)
{
  PendingEntry *entry = user_data;
  NnsRegistry *self = entry->registry;
  g_autofree char *name = g_strdup (entry->name);

  entry->timer_id = 0;
  g_hash_table_remove (self->pending, name);
  sync_entry (self, name, TRUE);
  return G_SOURCE_REMOVE;
}

static void
wait_for_mount (NnsRegistry *self,
                const char  *name)
{
  PendingEntry *entry;

  if (g_hash_table_contains (self->pending, name))
    return;

  entry = g_new0 (PendingEntry, 1);
  entry->registry = self;
  entry->name = g_strdup (name);
  entry->timer_id = g_timeout_add (PENDING_GRACE_MS, on_pending_timeout, entry);
  g_hash_table_insert (self->pending, entry->name, entry);
}

/* Brings the registry's view of @name in line with the directory. With
 * @waited unset, a plain file gets some time to become a namespace. */
static void
sync_entry (NnsRegistry *self,
            const char  *name,
            gboolean     waited)
{
  NnsNamespace *known = g_hash_table_lookup (self->namespaces, name);
  NnsNetnsEntryInfo info;

  if (!nns_netns_dir_query (self->dir, name, &info, NULL))
    {
      g_hash_table_remove (self->pending, name);
      if (known != NULL)
        nns_registry_remove (self, known);
      return;
    }

  if (known != NULL && nns_namespace_get_inode (known) == info.inode)
    {
      g_hash_table_remove (self->pending, name);
      return;
    }

  if (info.kind == NNS_NETNS_ENTRY_FILE && !waited && known == NULL)
    {
      wait_for_mount (self, name);
      return;
    }
  g_hash_table_remove (self->pending, name);

  /* Another namespace now holds the name, or the entry is no longer a live
   * namespace: what was known about the old one no longer applies. */
  if (known != NULL)
    nns_registry_remove (self, known);
  nns_registry_add (self, namespace_for_entry (self, name, &info));
}

static void
on_entry_changed (NnsNetnsMonitor *monitor,
                  const char      *name,
                  gpointer         user_data)
{
  sync_entry (NNS_REGISTRY (user_data), name, FALSE);
}

static void
sync_all (NnsRegistry *self)
{
  g_autoptr(GPtrArray) names = nns_netns_dir_list_names (self->dir, NULL);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *name;

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      g_hash_table_add (present, names->pdata[i]);
      sync_entry (self, names->pdata[i], FALSE);
    }

  g_hash_table_iter_init (&iter, self->namespaces);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (present, name))
      g_ptr_array_add (gone, g_strdup (name));
  for (guint i = 0; i < gone->len; i++)
    sync_entry (self, gone->pdata[i], FALSE);
}

/* A mount came or went: entries waiting for their namespace, or shown as
 * stale, may be live now. Only those are looked at: every namespace made
 * is a mount event, so scanning them all would cost O(n) per creation. */
static void
on_mounts_changed (NnsNetnsMonitor *monitor,
                   gpointer         user_data)
{
  NnsRegistry *self = NNS_REGISTRY (user_data);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *name;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    g_ptr_array_add (names, g_strdup (name));

  for (guint i = 0; i < names->len; i++)
    sync_entry (self, names->pdata[i], FALSE);
}

static void
on_overflow (NnsNetnsMonitor *monitor,
             gpointer         user_data)
{
  sync_all (NNS_REGISTRY (user_data));
}

/* The registry of the namespaces in @netns_dir, with their owners in
 * @owners. It is empty until nns_registry_scan(). */
NnsRegistry *
nns_registry_new (const char    *netns_dir,
                  NnsOwnerStore *owners,
                  GError       **error)
{
  g_autoptr(NnsRegistry) self = g_object_new (NNS_TYPE_REGISTRY, NULL);

  self->owners = g_object_ref (owners);
  self->dir = nns_netns_dir_new (netns_dir, error);
  if (self->dir == NULL)
    return NULL;
  self->monitor = nns_netns_monitor_new (netns_dir, error);
  if (self->monitor == NULL)
    return NULL;

  self->link_events = nns_link_events_new (error);
  if (self->link_events == NULL)
    return NULL;
  /* Its names are kept too: an entry may name the host's own namespace. */
  self->host_netlink = nns_netlink_new_here ("the host namespace", TRUE, error);
  if (self->host_netlink == NULL)
    return NULL;
  nns_link_events_watch (self->link_events, NNS_HOST_NSID, self->host_netlink);
  self->host = nns_namespace_new_host (nns_netns_dir_get_host_inode (self->dir));
  nns_namespace_set_netlink (self->host, self->host_netlink);

  g_signal_connect (self->monitor, "entry-changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect (self->monitor, "mounts-changed", G_CALLBACK (on_mounts_changed), self);
  g_signal_connect (self->monitor, "overflow", G_CALLBACK (on_overflow), self);
  return g_steal_pointer (&self);
}

/* Reads the directory: namespace-added for every namespace there. */
void
nns_registry_scan (NnsRegistry *self)
{
  g_return_if_fail (NNS_IS_REGISTRY (self));

  sync_all (self);
}

NnsNetnsDir *
nns_registry_get_netns_dir (NnsRegistry *self)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  return self->dir;
}

NnsNamespace *
nns_registry_lookup (NnsRegistry *self,
                     const char  *name)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  return g_hash_table_lookup (self->namespaces, name);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  NnsNamespace *ns_a = *(NnsNamespace **) a;
  NnsNamespace *ns_b = *(NnsNamespace **) b;

  return strcmp (nns_namespace_get_name (ns_a), nns_namespace_get_name (ns_b));
}

/* Every namespace, sorted by name. */
GPtrArray *
nns_registry_list (NnsRegistry *self)
{
  GPtrArray *list;
  GHashTableIter iter;
  NnsNamespace *ns;

  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  list = g_ptr_array_new_full (g_hash_table_size (self->namespaces), g_object_unref);
  g_hash_table_iter_init (&iter, self->namespaces);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &ns))
    g_ptr_array_add (list, g_object_ref (ns));
  g_ptr_array_sort (list, compare_by_name);
  return list;
}

/* The host's own namespace, as an object of its own: it is not among the
 * named namespaces (nns_registry_lookup(), nns_registry_list()). */
NnsNamespace *
nns_registry_get_host (NnsRegistry *self)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  return self->host;
}

NnsNetlink *
nns_registry_get_host_netlink (NnsRegistry *self)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  return self->host_netlink;
}

/* The netlink sockets inside @ns, opened on first use for namespaces
 * that other tools made. */
NnsNetlink *
nns_registry_get_netlink (NnsRegistry  *self,
                          NnsNamespace *ns,
                          GError      **error)
{
  g_autoptr(NnsNetlink) netlink = NULL;

  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  if (nns_namespace_get_netlink (ns) != NULL)
    return nns_namespace_get_netlink (ns);

  netlink = nns_registry_open_netlink (self, nns_namespace_get_name (ns), error);
  if (netlink == NULL || !nns_registry_attach_netlink (self, ns, netlink, error))
    return NULL;
  nns_netlink_resynchronize (netlink);
  return nns_namespace_get_netlink (ns);
}

/* An fd of the namespace @name ("" for the host), for placing a link. */
int
nns_registry_open_namespace (NnsRegistry *self,
                             const char  *name,
                             GError     **error)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), -1);

  return nns_netns_dir_open_namespace (self->dir, name, error);
}

guint64
nns_registry_get_host_inode (NnsRegistry *self)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), 0);

  return nns_netns_dir_get_host_inode (self->dir);
}

/* Runs @func with the calling thread inside the namespace @name ("" for
 * the host). */
gboolean
nns_registry_run_in (NnsRegistry  *self,
                     const char   *name,
                     NnsNetnsFunc  func,
                     gpointer      user_data,
                     GError      **error)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), FALSE);

  return nns_netns_dir_run_in (self->dir, name, func, user_data, error);
}

/* How many namespaces @uid created through netnsd and still has. */
guint
nns_registry_count_owned (NnsRegistry *self,
                          uid_t        uid)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->owned, GUINT_TO_POINTER (uid)));
}
