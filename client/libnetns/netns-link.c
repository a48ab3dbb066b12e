/* netns-link.c: NetNsLink, one network link as netnsd exports it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-link-private.h"

/**
 * NetNsLink:
 *
 * A network link of a namespace, as `ip link` and `ip addr` show it.
 *
 * Its properties mirror netnsd's object, which follows the kernel's
 * notifications, whoever changes the link (`ip link set` included): each
 * change is notified (`notify::mtu`, `notify::up`, ...) within a moment.
 * The strings its getters return are the link's until that property
 * changes; copy one to keep it longer.
 *
 * Links come from their [class@NetNs.Namespace]; a change to a link is a
 * call of [class@NetNs.Client], such as [method@NetNs.Client.set_link]
 * with the namespace's name and the link's.
 */

struct _NetNsLink
{
  GObject           parent_instance;

  char             *object_path;
  NnsDBusNetNsLink *proxy;
  NetNsNamespace   *ns;   /* not a reference: the namespace holds the link and clears this */
};

enum
{
  PROP_0,
  PROP_OBJECT_PATH,
  PROP_NAMESPACE,
  PROP_NAME,
  PROP_INDEX,
  PROP_KIND,
  PROP_UP,
  PROP_OPER_STATE,
  PROP_CARRIER,
  PROP_MTU,
  PROP_ADDRESS,
  PROP_ADDRESSES,
  PROP_MASTER,
  PROP_PEER,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (NetNsLink, netns_link, G_TYPE_OBJECT)

static void
netns_link_dispose (GObject *object)
{
  NetNsLink *self = NETNS_LINK (object);

  g_clear_object (&self->proxy);

  G_OBJECT_CLASS (netns_link_parent_class)->dispose (object);
}

static void
netns_link_finalize (GObject *object)
{
  NetNsLink *self = NETNS_LINK (object);

  g_free (self->object_path);

  G_OBJECT_CLASS (netns_link_parent_class)->finalize (object);
}

static void
netns_link_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NetNsLink *self = NETNS_LINK (object);

  switch (prop_id)
    {
    case PROP_OBJECT_PATH:
      g_value_set_string (value, self->object_path);
      break;
    case PROP_NAMESPACE:
      g_value_set_object (value, self->ns);
      break;
    case PROP_NAME:
      g_value_set_string (value, netns_link_get_name (self));
      break;
    case PROP_INDEX:
      g_value_set_int (value, netns_link_get_index (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, netns_link_get_kind (self));
      break;
    case PROP_UP:
      g_value_set_boolean (value, netns_link_get_up (self));
      break;
    case PROP_OPER_STATE:
      g_value_set_string (value, netns_link_get_oper_state (self));
      break;
    case PROP_CARRIER:
      g_value_set_boolean (value, netns_link_get_carrier (self));
      break;
    case PROP_MTU:
      g_value_set_uint (value, netns_link_get_mtu (self));
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, netns_link_get_address (self));
      break;
    case PROP_ADDRESSES:
      g_value_set_boxed (value, netns_link_get_addresses (self));
      break;
    case PROP_MASTER:
      g_value_set_string (value, netns_link_get_master (self));
      break;
    case PROP_PEER:
      g_value_set_string (value, netns_link_get_peer (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
netns_link_class_init (NetNsLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = netns_link_dispose;
  object_class->finalize = netns_link_finalize;
  object_class->get_property = netns_link_get_property;

  /**
   * NetNsLink:object-path:
   *
   * netnsd's object for the link: its namespace's object path, then
   * `/link/` and its interface index.
   */
  properties[PROP_OBJECT_PATH] =
    g_param_spec_string ("object-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsLink:namespace:
   *
   * The namespace the link is in, or %NULL once it has left it.
   */
  properties[PROP_NAMESPACE] =
    g_param_spec_object ("namespace", NULL, NULL, NETNS_TYPE_NAMESPACE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsLink:name:
   *
   * The link's name, such as `veth1`.
   */
  properties[PROP_NAME] = string_property ("name");

  /**
   * NetNsLink:index:
   *
   * The interface index in its namespace, as `ip link` shows it.
   */
  properties[PROP_INDEX] =
    g_param_spec_int ("index", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsLink:kind:
   *
   * The kind, as `ip -d link` names it: `veth`, `bridge`, `macvlan`, ...;
   * `loopback` for `lo`, `""` for a device without one.
   */
  properties[PROP_KIND] = string_property ("kind");

  /**
   * NetNsLink:up:
   *
   * Whether the link is administratively up (`IFF_UP`).
   */
  properties[PROP_UP] = boolean_property ("up");

  /**
   * NetNsLink:oper-state:
   *
   * The kernel's operational state in its own words: `up`, `down`,
   * `lowerlayerdown`, `dormant`, `testing`, `notpresent` or `unknown`.
   */
  properties[PROP_OPER_STATE] = string_property ("oper-state");

  /**
   * NetNsLink:carrier:
   *
   * Whether the link has a carrier (`IFF_LOWER_UP`).
   */
  properties[PROP_CARRIER] = boolean_property ("carrier");

  /**
   * NetNsLink:mtu:
   *
   * The MTU in bytes.
   */
  properties[PROP_MTU] =
    g_param_spec_uint ("mtu", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsLink:address:
   *
   * The link-layer (MAC) address, such as `02:00:00:00:00:01`; `""` for a
   * link without one.
   */
  properties[PROP_ADDRESS] = string_property ("address");

  /**
   * NetNsLink:addresses:
   *
   * Its IPv4 and IPv6 addresses with their prefixes (`10.200.0.2/24`), as
   * `ip -br addr` shows them, IPv4 first.
   */
  properties[PROP_ADDRESSES] =
    g_param_spec_boxed ("addresses", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsLink:master:
   *
   * The bridge (or other master) the link is a port of, in the same
   * namespace; `""` for none.
   */
  properties[PROP_MASTER] = string_property ("master");

  /**
   * NetNsLink:peer:
   *
   * For a veth whose other end netnsd can see, that end as
   * `NAMESPACE/LINK` (the host's as `/LINK`); `""` otherwise.
   */
  properties[PROP_PEER] = string_property ("peer");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
netns_link_init (NetNsLink *self)
{
}

NetNsLink *
netns_link_new (const char       *object_path,
                NnsDBusNetNsLink *proxy)
{
  NetNsLink *self = g_object_new (NETNS_TYPE_LINK, NULL);

  self->object_path = g_strdup (object_path);
  self->proxy = g_object_ref (proxy);
  netns_mirror_notify (G_OBJECT (self), proxy);
  return self;
}

void
netns_link_set_namespace (NetNsLink      *self,
                          NetNsNamespace *ns)
{
  if (self->ns == ns)
    return;
  self->ns = ns;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMESPACE]);
}

static const char *
or_empty (const char *value)
{
  return value != NULL ? value : "";
}

/**
 * netns_link_get_object_path:
 * @self: a [class@NetNs.Link]
 *
 * netnsd's object path for the link; see [property@NetNs.Link:object-path].
 *
 * Returns: the object path
 */
const char *
netns_link_get_object_path (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return self->object_path;
}

/**
 * netns_link_get_namespace:
 * @self: a [class@NetNs.Link]
 *
 * The namespace the link is in.
 *
 * Returns: (transfer none) (nullable): the namespace, or %NULL once the
 *   link has left it
 */
NetNsNamespace *
netns_link_get_namespace (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return self->ns;
}

/**
 * netns_link_get_name:
 * @self: a [class@NetNs.Link]
 *
 * The link's name; see [property@NetNs.Link:name].
 *
 * Returns: the name
 */
const char *
netns_link_get_name (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return or_empty (nns_dbus_net_ns_link_get_name (self->proxy));
}

/**
 * netns_link_get_index:
 * @self: a [class@NetNs.Link]
 *
 * The interface index; see [property@NetNs.Link:index].
 *
 * Returns: the index
 */
int
netns_link_get_index (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), 0);

  return nns_dbus_net_ns_link_get_index (self->proxy);
}

/**
 * netns_link_get_kind:
 * @self: a [class@NetNs.Link]
 *
 * The link's kind; see [property@NetNs.Link:kind].
 *
 * Returns: the kind
 */
const char *
netns_link_get_kind (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return or_empty (nns_dbus_net_ns_link_get_kind (self->proxy));
}

/**
 * netns_link_get_up:
 * @self: a [class@NetNs.Link]
 *
 * Whether the link is up; see [property@NetNs.Link:up].
 *
 * Returns: %TRUE if it is administratively up
 */
gboolean
netns_link_get_up (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), FALSE);

  return nns_dbus_net_ns_link_get_up (self->proxy);
}

/**
 * netns_link_get_oper_state:
 * @self: a [class@NetNs.Link]
 *
 * The operational state; see [property@NetNs.Link:oper-state].
 *
 * Returns: the state, such as `up` or `lowerlayerdown`
 */
const char *
netns_link_get_oper_state (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return or_empty (nns_dbus_net_ns_link_get_oper_state (self->proxy));
}

/**
 * netns_link_get_carrier:
 * @self: a [class@NetNs.Link]
 *
 * Whether the link has a carrier; see [property@NetNs.Link:carrier].
 *
 * Returns: %TRUE with a carrier
 */
gboolean
netns_link_get_carrier (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), FALSE);

  return nns_dbus_net_ns_link_get_carrier (self->proxy);
}

/**
 * netns_link_get_mtu:
 * @self: a [class@NetNs.Link]
 *
 * The MTU; see [property@NetNs.Link:mtu].
 *
 * Returns: the MTU in bytes
 */
guint
netns_link_get_mtu (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), 0);

  return nns_dbus_net_ns_link_get_mtu (self->proxy);
}

/**
 * netns_link_get_address:
 * @self: a [class@NetNs.Link]
 *
 * The MAC address; see [property@NetNs.Link:address].
 *
 * Returns: the address, or `""`
 */
const char *
netns_link_get_address (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return or_empty (nns_dbus_net_ns_link_get_address (self->proxy));
}

/**
 * netns_link_get_addresses:
 * @self: a [class@NetNs.Link]
 *
 * The IP addresses; see [property@NetNs.Link:addresses].
 *
 * Returns: (transfer none) (array zero-terminated=1): the addresses in
 *   CIDR form
 */
const char *const *
netns_link_get_addresses (NetNsLink *self)
{
  static const char *const none[] = { NULL };
  const char *const *addresses;

  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  addresses = nns_dbus_net_ns_link_get_addresses (self->proxy);
  return addresses != NULL ? addresses : none;
}

/**
 * netns_link_get_master:
 * @self: a [class@NetNs.Link]
 *
 * The bridge the link is a port of; see [property@NetNs.Link:master].
 *
 * Returns: the bridge's name, or `""`
 */
const char *
netns_link_get_master (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return or_empty (nns_dbus_net_ns_link_get_master (self->proxy));
}

/**
 * netns_link_get_peer:
 * @self: a [class@NetNs.Link]
 *
 * A veth's other end; see [property@NetNs.Link:peer].
 *
 * Returns: `NAMESPACE/LINK`, `/LINK` for the host, or `""`
 */
const char *
netns_link_get_peer (NetNsLink *self)
{
  g_return_val_if_fail (NETNS_IS_LINK (self), NULL);

  return or_empty (nns_dbus_net_ns_link_get_peer (self->proxy));
}
