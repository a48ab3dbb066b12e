/* nns-namespace.c: one named network namespace, as a D-Bus object.
 *
 * The Name, Owner and Inode properties come from the generated skeleton;
 * this adds what netnsd knows beyond them: whether netnsd recorded the
 * namespace's creator, and the netlink socket kept open inside it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-namespace.h"

struct _NnsNamespace
{
  NnsDBusNetNsNamespaceSkeleton parent_instance;

  char       *object_path;
  gboolean    recorded;   /* created through netnsd: Owner is known */
  NnsNetlink *netlink;    /* opened inside the namespace, kept for reuse */
};

G_DEFINE_FINAL_TYPE (NnsNamespace, nns_namespace, NNS_DBUS_TYPE_NET_NS_NAMESPACE_SKELETON)

static void
forget_netlink (NnsNamespace *self)
{
  if (self->netlink != NULL)
    g_signal_handlers_disconnect_by_data (self->netlink, self);
  g_clear_object (&self->netlink);
}

static void
nns_namespace_finalize (GObject *object)
{
  NnsNamespace *self = NNS_NAMESPACE (object);

  g_free (self->object_path);
  forget_netlink (self);

  G_OBJECT_CLASS (nns_namespace_parent_class)->finalize (object);
}

static void
nns_namespace_class_init (NnsNamespaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_namespace_finalize;
}

static void
nns_namespace_init (NnsNamespace *self)
{
}

/* /org/example/NetNs/namespace/<name>, the name escaped so that any name
 * `ip netns add` accepts makes a valid object path. */
char *
nns_namespace_path_for_name (const char *name)
{
  g_autofree char *escaped = g_dbus_escape_object_path (name);

  return g_strconcat (NNS_NAMESPACE_PATH_PREFIX, escaped, NULL);
}

NnsNamespace *
nns_namespace_new (const char *name,
                   guint64     inode,
                   gboolean    recorded,
                   uid_t       owner)
{
  NnsNamespace *self = g_object_new (NNS_TYPE_NAMESPACE,
                                     "name", name,
                                     "inode", inode,
                                     "owner", recorded ? (guint) owner : NNS_OWNER_UNKNOWN,
                                     NULL);

  self->object_path = nns_namespace_path_for_name (name);
  self->recorded = recorded;
  return self;
}

const char *
nns_namespace_get_name (NnsNamespace *self)
{
  g_return_val_if_fail (NNS_IS_NAMESPACE (self), NULL);

  return nns_dbus_net_ns_namespace_get_name (NNS_DBUS_NET_NS_NAMESPACE (self));
}

const char *
nns_namespace_get_object_path (NnsNamespace *self)
{
  g_return_val_if_fail (NNS_IS_NAMESPACE (self), NULL);

  return self->object_path;
}

uid_t
nns_namespace_get_owner (NnsNamespace *self)
{
  g_return_val_if_fail (NNS_IS_NAMESPACE (self), 0);

  return nns_dbus_net_ns_namespace_get_owner (NNS_DBUS_NET_NS_NAMESPACE (self));
}

/* TRUE when netnsd created the namespace and so knows its owner; FALSE for
 * namespaces other tools made, which only manage-any may change. */
gboolean
nns_namespace_is_recorded (NnsNamespace *self)
{
  g_return_val_if_fail (NNS_IS_NAMESPACE (self), FALSE);

  return self->recorded;
}

guint64
nns_namespace_get_inode (NnsNamespace *self)
{
  g_return_val_if_fail (NNS_IS_NAMESPACE (self), 0);

  return nns_dbus_net_ns_namespace_get_inode (NNS_DBUS_NET_NS_NAMESPACE (self));
}

NnsNetlink *
nns_namespace_get_netlink (NnsNamespace *self)
{
  g_return_val_if_fail (NNS_IS_NAMESPACE (self), NULL);

  return self->netlink;
}

static void
update_links (NnsNamespace *self)
{
  g_auto(GStrv) names = NULL;

  if (self->netlink != NULL)
    names = nns_netlink_dup_link_names (self->netlink);
  nns_dbus_net_ns_namespace_set_links (NNS_DBUS_NET_NS_NAMESPACE (self),
                                       (const char * const *) names);
}

static void
on_links_changed (NnsNetlink *netlink,
                  gpointer    user_data)
{
  update_links (NNS_NAMESPACE (user_data));
}

/* Keeps @netlink, a socket opened inside this namespace, and with it the
 * Links property current. */
void
nns_namespace_set_netlink (NnsNamespace *self,
                           NnsNetlink   *netlink)
{
  g_return_if_fail (NNS_IS_NAMESPACE (self));

  if (netlink == self->netlink)
    return;
  forget_netlink (self);
  if (netlink != NULL)
    {
      self->netlink = g_object_ref (netlink);
      g_signal_connect (netlink, "links-changed", G_CALLBACK (on_links_changed), self);
    }
  update_links (self);
}
