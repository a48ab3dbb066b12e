/* nns-link-table.c: the links of one namespace, as objects on the bus.
 *
 * One per namespace object (the host's included): it follows the
 * namespace's NnsNetlink and keeps an NnsLink for each link there,
 * exported under the object manager as <namespace path>/link/<ifindex>,
 * made when a link comes (whoever made it, a move into the namespace
 * included) and dropped when it goes. Between the notifications it keeps
 * each object's properties current, Master (a name of this namespace)
 * included; Peer, which spans namespaces, is NnsVethPeers' business, told
 * through the table's observer (nns_link_table_set_observer()).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-libnl.h"
#include "nns-link-table.h"

struct _NnsLinkTable
{
  GObject                   parent_instance;

  char                     *name;         /* the namespace's, "" for the host */
  char                     *path;         /* the namespace's object path */
  NnsNetlink               *netlink;
  int                       nsid;         /* as the host names the namespace */
  gboolean                  host_view;    /* the host, or another name of it */
  GDBusObjectManagerServer *object_manager;
  GHashTable               *links;        /* ifindex -> NnsLink */
  gboolean                  started;
  const NnsLinkTableObserver *observer;
  gpointer                  observer_data;
};

static const NnsLinkTableObserver no_observer = { NULL };

G_DEFINE_FINAL_TYPE (NnsLinkTable, nns_link_table, G_TYPE_OBJECT)

static void
nns_link_table_dispose (GObject *object)
{
  NnsLinkTable *self = NNS_LINK_TABLE (object);

  nns_link_table_stop (self);
  g_clear_object (&self->netlink);
  g_clear_object (&self->object_manager);

  G_OBJECT_CLASS (nns_link_table_parent_class)->dispose (object);
}

static void
nns_link_table_finalize (GObject *object)
{
  NnsLinkTable *self = NNS_LINK_TABLE (object);

  g_hash_table_unref (self->links);
  g_free (self->name);
  g_free (self->path);

  G_OBJECT_CLASS (nns_link_table_parent_class)->finalize (object);
}

static void
nns_link_table_class_init (NnsLinkTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nns_link_table_dispose;
  object_class->finalize = nns_link_table_finalize;
}

static void
nns_link_table_init (NnsLinkTable *self)
{
  self->links = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->observer = &no_observer;
}

static void
tell_changed (NnsLinkTable     *self,
              NnsLink          *link,
              struct rtnl_link *rtnl,
              gboolean          renamed)
{
  if (self->observer->link_changed != NULL)
    self->observer->link_changed (self, link, rtnl, renamed, self->observer_data);
}

static void
tell_settled (NnsLinkTable *self)
{
  if (self->observer->settled != NULL)
    self->observer->settled (self, self->observer_data);
}

static char *
link_path (NnsLinkTable *self,
           int           ifindex)
{
  return g_strdup_printf ("%s/link/%d", self->path, ifindex);
}

static void
export_link (NnsLinkTable *self,
             NnsLink      *link)
{
  g_autofree char *path = link_path (self, nns_link_get_index (link));
  g_autoptr(NnsDBusObjectSkeleton) object = nns_dbus_object_skeleton_new (path);

  nns_dbus_object_skeleton_set_net_ns_link (object, NNS_DBUS_NET_NS_LINK (link));
  g_dbus_object_manager_server_export (self->object_manager, G_DBUS_OBJECT_SKELETON (object));
  nns_link_forget_properties (link);
}

static void
unexport_link (NnsLinkTable *self,
               int           ifindex)
{
  g_autofree char *path = link_path (self, ifindex);

  g_dbus_object_manager_server_unexport (self->object_manager, path);
}

/* The name of the link @ifindex of this namespace (a master), or "". */
static const char *
name_of (NnsLinkTable *self,
         int           ifindex)
{
  NnsLink *link = ifindex > 0 ? g_hash_table_lookup (self->links, GINT_TO_POINTER (ifindex)) : NULL;

  return link != NULL ? nns_link_get_name (link) : "";
}

/* A master was renamed: its ports show the new name. */
static void
rename_master (NnsLinkTable *self,
               const char   *old_name,
               const char   *new_name)
{
  GHashTableIter iter;
  NnsLink *port;

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &port))
    if (g_str_equal (nns_dbus_net_ns_link_get_master (NNS_DBUS_NET_NS_LINK (port)), old_name))
      nns_link_set_master (port, new_name);
}

static NnsLink *
add_link (NnsLinkTable     *self,
          struct rtnl_link *rtnl)
{
  NnsLink *link = nns_link_new ();

  nns_link_update (link, rtnl, name_of (self, rtnl_link_get_master (rtnl)));
  g_hash_table_insert (self->links, GINT_TO_POINTER (rtnl_link_get_ifindex (rtnl)), link);
  return link;
}

static void
link_changed (NnsLinkTable     *self,
              struct rtnl_link *rtnl)
{
  NnsLink *link = g_hash_table_lookup (self->links,
                                       GINT_TO_POINTER (rtnl_link_get_ifindex (rtnl)));
  g_autofree char *old_name = NULL;
  gboolean renamed;

  if (link == NULL)
    {
      link = add_link (self, rtnl);
      export_link (self, link);
      tell_changed (self, link, rtnl, FALSE);
      return;
    }
  old_name = g_strdup (nns_link_get_name (link));
  renamed = nns_link_update (link, rtnl, name_of (self, rtnl_link_get_master (rtnl)));
  if (renamed)
    rename_master (self, old_name, nns_link_get_name (link));
  tell_changed (self, link, rtnl, renamed);
}

static void
link_removed (NnsLinkTable *self,
              int           ifindex)
{
  g_autoptr(NnsLink) link = NULL;

  if (!g_hash_table_steal_extended (self->links, GINT_TO_POINTER (ifindex), NULL,
                                    (gpointer *) &link))
    return;
  if (self->observer->link_removed != NULL)
    self->observer->link_removed (self, link, self->observer_data);
  unexport_link (self, ifindex);
}

static void
address_changed (NnsLinkTable *self,
                 int           ifindex,
                 gboolean      usable,
                 const char   *cidr)
{
  NnsLink *link = g_hash_table_lookup (self->links, GINT_TO_POINTER (ifindex));

  /* A link that went, or one the kernel tells of later. */
  if (link == NULL)
    return;
  if (usable)
    nns_link_add_address (link, cidr);
  else
    nns_link_remove_address (link, cidr);
}

/* Every link's usable addresses, read whole from the kernel. */
static void
read_addresses (NnsLinkTable *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) by_link = nns_netlink_addresses_by_link (self->netlink, TRUE, &error);
  GHashTableIter iter;
  gpointer ifindex;
  NnsLink *link;

  if (by_link == NULL)
    {
      g_debug ("link objects of %s without addresses: %s",
               nns_netlink_get_description (self->netlink), error->message);
      return;
    }
  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, &ifindex, (gpointer *) &link))
    {
      GPtrArray *addresses = g_hash_table_lookup (by_link, ifindex);

      nns_link_set_addresses (link, addresses != NULL ?
                              (const char * const *) addresses->pdata : NULL);
    }
}

static void
set_master_name (struct rtnl_link *rtnl,
                 gpointer          user_data)
{
  NnsLinkTable *self = user_data;
  NnsLink *link = g_hash_table_lookup (self->links,
                                       GINT_TO_POINTER (rtnl_link_get_ifindex (rtnl)));

  if (link != NULL)
    nns_link_set_master (link, name_of (self, rtnl_link_get_master (rtnl)));
}

/* Masters named from the whole table: a bridge may come after its ports
 * in the order links are read. */
static void
name_masters (NnsLinkTable *self)
{
  nns_netlink_foreach_link (self->netlink, set_master_name, self);
}

static void
on_event (NnsNetlink *netlink,
          gpointer    data,
          gpointer    user_data)
{
  NnsLinkTable *self = user_data;
  NnsNetlinkEvent *event = data;

  switch (event->type)
    {
    case NNS_NETLINK_LINK_CHANGED:
      link_changed (self, event->link);
      break;
    case NNS_NETLINK_LINK_REMOVED:
      link_removed (self, event->ifindex);
      break;
    case NNS_NETLINK_ADDRESS_CHANGED:
      address_changed (self, event->ifindex, event->usable, event->cidr);
      break;
    case NNS_NETLINK_RESYNCHRONIZED:
      /* The addresses may have changed unseen too, and masters' names. */
      name_masters (self);
      read_addresses (self);
      break;
    case NNS_NETLINK_BATCH_DONE:
      tell_settled (self);
      break;
    }
}

/* The links of the namespace @name ("" for the host), whose object is at
 * @namespace_path, as @netlink (opened inside it) tells of them; with
 * @host_view, @netlink is the host's, whose veths name other namespaces
 * by the host's ids. Nothing is exported before nns_link_table_start(). */
NnsLinkTable *
nns_link_table_new (const char               *name,
                    const char               *namespace_path,
                    NnsNetlink               *netlink,
                    gboolean                  host_view,
                    GDBusObjectManagerServer *object_manager)
{
  NnsLinkTable *self = g_object_new (NNS_TYPE_LINK_TABLE, NULL);

  self->name = g_strdup (name);
  self->path = g_strdup (namespace_path);
  self->netlink = g_object_ref (netlink);
  self->nsid = nns_netlink_get_nsid (netlink);
  self->host_view = host_view;
  self->object_manager = g_object_ref (object_manager);
  return self;
}

static void
add_cached_link (struct rtnl_link *rtnl,
                 gpointer          user_data)
{
  add_link (NNS_LINK_TABLE (user_data), rtnl);
}

static void
announce_cached_link (struct rtnl_link *rtnl,
                      gpointer          user_data)
{
  NnsLinkTable *self = user_data;
  NnsLink *link = g_hash_table_lookup (self->links,
                                       GINT_TO_POINTER (rtnl_link_get_ifindex (rtnl)));

  if (link == NULL)
    return;
  export_link (self, link);
  tell_changed (self, link, rtnl, FALSE);
}

/* Tells @observer (until another, or NULL) of what happens to the links. */
void
nns_link_table_set_observer (NnsLinkTable               *self,
                             const NnsLinkTableObserver *observer,
                             gpointer                    data)
{
  g_return_if_fail (NNS_IS_LINK_TABLE (self));

  self->observer = observer != NULL ? observer : &no_observer;
  self->observer_data = data;
}

/* Exports an object for each link there is, whole (masters and addresses
 * filled in before anyone sees it), and follows the notifications. */
void
nns_link_table_start (NnsLinkTable *self)
{
  g_return_if_fail (NNS_IS_LINK_TABLE (self));

  if (self->started)
    return;
  self->started = TRUE;
  nns_netlink_foreach_link (self->netlink, add_cached_link, self);
  name_masters (self);
  read_addresses (self);
  nns_netlink_foreach_link (self->netlink, announce_cached_link, self);

  g_signal_connect (self->netlink, "event", G_CALLBACK (on_event), self);
  tell_settled (self);
}

/* Unexports every object and stops following the notifications. Whoever
 * keeps track of the links (NnsVethPeers) forgets them first. */
void
nns_link_table_stop (NnsLinkTable *self)
{
  GHashTableIter iter;
  gpointer ifindex;

  g_return_if_fail (NNS_IS_LINK_TABLE (self));

  if (!self->started)
    return;
  self->started = FALSE;
  g_signal_handlers_disconnect_by_data (self->netlink, self);
  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, &ifindex, NULL))
    unexport_link (self, GPOINTER_TO_INT (ifindex));
  g_hash_table_remove_all (self->links);
}

NnsLink *
nns_link_table_lookup (NnsLinkTable *self,
                       int           ifindex)
{
  g_return_val_if_fail (NNS_IS_LINK_TABLE (self), NULL);

  return g_hash_table_lookup (self->links, GINT_TO_POINTER (ifindex));
}

void
nns_link_table_foreach (NnsLinkTable     *self,
                        NnsLinkTableFunc  func,
                        gpointer          data)
{
  GHashTableIter iter;
  NnsLink *link;

  g_return_if_fail (NNS_IS_LINK_TABLE (self));

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &link))
    func (self, link, data);
}

/* Reads the link @ifindex again from the kernel: its facts may have
 * changed without a notification (nns_netlink_refresh_link()). */
void
nns_link_table_refresh_link (NnsLinkTable *self,
                             int           ifindex)
{
  g_return_if_fail (NNS_IS_LINK_TABLE (self));

  if (self->started)
    nns_netlink_refresh_link (self->netlink, ifindex);
}

const char *
nns_link_table_get_name (NnsLinkTable *self)
{
  g_return_val_if_fail (NNS_IS_LINK_TABLE (self), NULL);

  return self->name;
}

/* The host's id of the namespace, as a veth of the host names it;
 * NNS_HOST_NSID for the host. */
int
nns_link_table_get_nsid (NnsLinkTable *self)
{
  g_return_val_if_fail (NNS_IS_LINK_TABLE (self), NNS_NSID_UNKNOWN);

  return self->nsid;
}

/* TRUE for the host (or another name of it): its veths name the namespace
 * of their other end by the host's own ids, which netnsd knows. */
gboolean
nns_link_table_is_host_view (NnsLinkTable *self)
{
  g_return_val_if_fail (NNS_IS_LINK_TABLE (self), FALSE);

  return self->host_view;
}
