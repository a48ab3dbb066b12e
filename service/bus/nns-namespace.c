/* nns-namespace.c: one named network namespace, as a D-Bus object.
 *
 * The Name, Owner and Inode properties come from the generated skeleton;
 * this adds what netnsd knows beyond them: whether netnsd recorded the
 * namespace's creator, and the netlink socket kept open inside it, with
 * the signal netlink-changed when that socket is given or replaced (the
 * objects of its links follow it: bus/nns-exporter.c).
 *
 * The host has one too, at /org/example/NetNs/host (Name "", Owner 0):
 * the registry keeps it apart from the named namespaces.
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
  gboolean    host;       /* the host's own namespace, not a named one */
  NnsNetlink *netlink;    /* opened inside the namespace, kept for reuse */
  GVariant   *properties; /* a{sv}, serialized; NULL once one changes */
};

enum {
  SIGNAL_NETLINK_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  g_clear_pointer (&self->properties, g_variant_unref);

  G_OBJECT_CLASS (nns_namespace_parent_class)->finalize (object);
}

static GVariant *
entry (const char *name,
       GVariant   *value)
{
  return g_variant_new_dict_entry (g_variant_new_string (name), g_variant_new_variant (value));
}

/* All the properties, for GetManagedObjects and InterfacesAdded, made
 * once from the getters and kept, serialized, until one changes: as a
 * link's are, and for the same reason (nns-link.c). */
static GVariant *
nns_namespace_get_properties (GDBusInterfaceSkeleton *skeleton)
{
  NnsNamespace *self = NNS_NAMESPACE (skeleton);
  NnsDBusNetNsNamespace *ns = NNS_DBUS_NET_NS_NAMESPACE (skeleton);
  const char * const no_links[] = { NULL };
  const char * const *links = nns_dbus_net_ns_namespace_get_links (ns);
  const char *name = nns_dbus_net_ns_namespace_get_name (ns);

  if (self->properties == NULL)
    {
      GVariant *entries[] = {
        entry ("Name", g_variant_new_string (name != NULL ? name : "")),
        entry ("Owner", g_variant_new_uint32 (nns_dbus_net_ns_namespace_get_owner (ns))),
        entry ("Inode", g_variant_new_uint64 (nns_dbus_net_ns_namespace_get_inode (ns))),
        entry ("Links", g_variant_new_strv (links != NULL ? links : no_links, -1)),
      };

      self->properties = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries,
                                                                  G_N_ELEMENTS (entries)));
      (void) g_variant_get_data (self->properties);
    }
  return g_variant_ref (self->properties);
}

static void
nns_namespace_notify (GObject    *object,
                      GParamSpec *pspec)
{
  g_clear_pointer (&NNS_NAMESPACE (object)->properties, g_variant_unref);
  G_OBJECT_CLASS (nns_namespace_parent_class)->notify (object, pspec);
}

static void
nns_namespace_class_init (NnsNamespaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_namespace_finalize;
  G_OBJECT_CLASS (klass)->notify = nns_namespace_notify;
  G_DBUS_INTERFACE_SKELETON_CLASS (klass)->get_properties = nns_namespace_get_properties;

  signals[SIGNAL_NETLINK_CHANGED] =
    g_signal_new ("netlink-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

/* The host's own namespace, netnsd's (of inode @inode). */
NnsNamespace *
nns_namespace_new_host (guint64 inode)
{
  NnsNamespace *self = g_object_new (NNS_TYPE_NAMESPACE,
                                     "name", "",
                                     "inode", inode,
                                     "owner", 0,
                                     NULL);

  self->object_path = g_strdup (NNS_HOST_OBJECT_PATH);
  self->host = TRUE;
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

gboolean
nns_namespace_is_host (NnsNamespace *self)
{
  g_return_val_if_fail (NNS_IS_NAMESPACE (self), FALSE);

  return self->host;
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
  g_signal_emit (self, signals[SIGNAL_NETLINK_CHANGED], 0);
}
