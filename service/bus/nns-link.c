/* nns-link.c: one network link, as a D-Bus object.
 *
 * The properties live in the generated skeleton, which sends
 * PropertiesChanged for those that changed (and only those), from an idle
 * callback: all the changes one notification makes go out as one signal.
 * This fills them from libnl's view of the link (nns_link_update()) and
 * from what the address notifications say; NnsLinkTable says when.
 *
 * Cheap at scale: netnsd may hold tens of thousands of these. A link
 * keeps nothing of its own beyond what the skeleton holds, but for its
 * properties as one serialized GVariant once a client has asked for them
 * (see nns_link_get_properties()); the strings that many links share
 * (kinds, operational states, "") are interned, so that the skeleton keeps
 * a pointer to one copy instead of a copy each (GValue copies an interned
 * string by its pointer).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <linux/if.h>
#include <string.h>

#include "nns-libnl.h"
#include "nns-link.h"

struct _NnsLink
{
  NnsDBusNetNsLinkSkeleton parent_instance;

  GVariant *properties;   /* a{sv}, serialized; NULL once one changes */
};

G_DEFINE_FINAL_TYPE (NnsLink, nns_link, NNS_DBUS_TYPE_NET_NS_LINK_SKELETON)

static const char * const no_addresses[] = { NULL };

static GVariant *
entry (const char *name,
       GVariant   *value)
{
  return g_variant_new_dict_entry (g_variant_new_string (name), g_variant_new_variant (value));
}

static GVariant *
string_value (const char *value)
{
  return g_variant_new_string (value != NULL ? value : "");
}

/* The properties as the interface orders them, straight from the
 * skeleton's getters: the generated code reads each one by its name
 * through GObject, GValue and g_dbus_gvalue_to_gvariant(), and a
 * GVariantBuilder parses a format string for each entry. */
static GVariant *
build_properties (GDBusInterfaceSkeleton *skeleton)
{
  NnsDBusNetNsLink *link = NNS_DBUS_NET_NS_LINK (skeleton);
  const char * const *addresses = nns_dbus_net_ns_link_get_addresses (link);
  GVariant *entries[] = {
    entry ("Name", string_value (nns_dbus_net_ns_link_get_name (link))),
    entry ("Index", g_variant_new_int32 (nns_dbus_net_ns_link_get_index (link))),
    entry ("Kind", string_value (nns_dbus_net_ns_link_get_kind (link))),
    entry ("Up", g_variant_new_boolean (nns_dbus_net_ns_link_get_up (link))),
    entry ("OperState", string_value (nns_dbus_net_ns_link_get_oper_state (link))),
    entry ("Carrier", g_variant_new_boolean (nns_dbus_net_ns_link_get_carrier (link))),
    entry ("Mtu", g_variant_new_uint32 (nns_dbus_net_ns_link_get_mtu (link))),
    entry ("Address", string_value (nns_dbus_net_ns_link_get_address (link))),
    entry ("Addresses", g_variant_new_strv (addresses != NULL ? addresses : no_addresses, -1)),
    entry ("Master", string_value (nns_dbus_net_ns_link_get_master (link))),
    entry ("Peer", string_value (nns_dbus_net_ns_link_get_peer (link))),
  };

  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries, G_N_ELEMENTS (entries));
}

/* All the properties, for GetManagedObjects and InterfacesAdded. With
 * 10,000 links, making them for each call was most of GetManagedObjects'
 * second: the dictionaries (each some forty small GVariants), then their
 * copy into the message, then freeing them. Kept from one call to the
 * next, serialized (a few hundred bytes in one block), they are only
 * copied; a change of any property drops them (nns_link_notify()). */
static GVariant *
nns_link_get_properties (GDBusInterfaceSkeleton *skeleton)
{
  NnsLink *self = NNS_LINK (skeleton);

  if (self->properties == NULL)
    {
      self->properties = g_variant_ref_sink (build_properties (skeleton));
      (void) g_variant_get_data (self->properties);
    }
  return g_variant_ref (self->properties);
}

/* Drops the properties kept since the last call: InterfacesAdded asks for
 * them as the object is exported, and GetManagedObjects may not come for a
 * long time, or ever. */
void
nns_link_forget_properties (NnsLink *self)
{
  g_return_if_fail (NNS_IS_LINK (self));

  g_clear_pointer (&self->properties, g_variant_unref);
}

static void
nns_link_notify (GObject    *object,
                 GParamSpec *pspec)
{
  g_clear_pointer (&NNS_LINK (object)->properties, g_variant_unref);
  G_OBJECT_CLASS (nns_link_parent_class)->notify (object, pspec);
}

static void
nns_link_finalize (GObject *object)
{
  g_clear_pointer (&NNS_LINK (object)->properties, g_variant_unref);
  G_OBJECT_CLASS (nns_link_parent_class)->finalize (object);
}

static void
nns_link_class_init (NnsLinkClass *klass)
{
  G_OBJECT_CLASS (klass)->notify = nns_link_notify;
  G_OBJECT_CLASS (klass)->finalize = nns_link_finalize;
  G_DBUS_INTERFACE_SKELETON_CLASS (klass)->get_properties = nns_link_get_properties;
}

static void
nns_link_init (NnsLink *self)
{
}

/* Sets a string property to @value, interned, if it differs. */
static void
set_shared_string (NnsLink    *self,
                   const char *property,
                   const char *current,
                   const char *value)
{
  GValue v = G_VALUE_INIT;

  if (g_strcmp0 (current, value) == 0)
    return;
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_interned_string (&v, g_intern_string (value));
  g_object_set_property (G_OBJECT (self), property, &v);
  g_value_unset (&v);
}

/* Sets a string property to @value, a copy of its own, if it differs;
 * "" is shared. */
static void
set_string (NnsLink    *self,
            const char *property,
            const char *current,
            const char *value)
{
  if (*value == '\0')
    set_shared_string (self, property, current, value);
  else if (g_strcmp0 (current, value) != 0)
    g_object_set (self, property, value, NULL);
}

NnsLink *
nns_link_new (void)
{
  NnsLink *self = g_object_new (NNS_TYPE_LINK, NULL);

  nns_link_set_master (self, "");
  nns_link_set_peer (self, "");
  nns_dbus_net_ns_link_set_addresses (NNS_DBUS_NET_NS_LINK (self), no_addresses);
  return self;
}

/* The kind as `ip -d link` names it; "loopback" for lo; "" for a link
 * without one (a network card). */
const char *
nns_link_kind_of (struct rtnl_link *link)
{
  const char *type = rtnl_link_get_type (link);

  if (type != NULL)
    return type;
  if (rtnl_link_get_flags (link) & IFF_LOOPBACK)
    return "loopback";
  return "";
}

/* The kernel's words (RFC 2863), as `ip link` prints them. */
static const char *
oper_state_word (guint8 state)
{
  switch (state)
    {
    case IF_OPER_NOTPRESENT:
      return "notpresent";
    case IF_OPER_DOWN:
      return "down";
    case IF_OPER_LOWERLAYERDOWN:
      return "lowerlayerdown";
    case IF_OPER_TESTING:
      return "testing";
    case IF_OPER_DORMANT:
      return "dormant";
    case IF_OPER_UP:
      return "up";
    default:
      return "unknown";
    }
}

/* "02:00:00:00:00:01", as `ip link` shows it; "" for none. */
static void
format_hardware_address (struct rtnl_link *link,
                         char             *text,
                         gsize             size)
{
  struct nl_addr *addr = rtnl_link_get_addr (link);
  const guint8 *bytes;
  guint len;
  gsize at = 0;

  text[0] = '\0';
  if (addr == NULL)
    return;
  bytes = nl_addr_get_binary_addr (addr);
  len = nl_addr_get_len (addr);
  for (guint i = 0; i < len && at + 3 < size; i++)
    at += (gsize) g_snprintf (text + at, size - at, i == 0 ? "%02x" : ":%02x", bytes[i]);
}

/* Brings every property but Addresses and Peer in line with @link, whose
 * master is named @master (or "" for none). Returns TRUE if the name
 * changed, which other objects show (a port's Master, a veth's Peer). */
gboolean
nns_link_update (NnsLink          *self,
                 struct rtnl_link *link,
                 const char       *master)
{
  NnsDBusNetNsLink *iface = NNS_DBUS_NET_NS_LINK (self);
  guint flags = rtnl_link_get_flags (link);
  const char *name = rtnl_link_get_name (link);
  char mac[3 * 32];
  gboolean renamed = g_strcmp0 (nns_dbus_net_ns_link_get_name (iface), name) != 0;

  g_return_val_if_fail (NNS_IS_LINK (self), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  if (renamed)
    nns_dbus_net_ns_link_set_name (iface, name != NULL ? name : "");
  if (nns_dbus_net_ns_link_get_index (iface) != rtnl_link_get_ifindex (link))
    nns_dbus_net_ns_link_set_index (iface, rtnl_link_get_ifindex (link));
  set_shared_string (self, "kind", nns_dbus_net_ns_link_get_kind (iface),
                     nns_link_kind_of (link));
  if (nns_dbus_net_ns_link_get_up (iface) != ((flags & IFF_UP) != 0))
    nns_dbus_net_ns_link_set_up (iface, (flags & IFF_UP) != 0);
  set_shared_string (self, "oper-state", nns_dbus_net_ns_link_get_oper_state (iface),
                     oper_state_word (rtnl_link_get_operstate (link)));
  if (nns_dbus_net_ns_link_get_carrier (iface) != ((flags & IFF_LOWER_UP) != 0))
    nns_dbus_net_ns_link_set_carrier (iface, (flags & IFF_LOWER_UP) != 0);
  if (nns_dbus_net_ns_link_get_mtu (iface) != rtnl_link_get_mtu (link))
    nns_dbus_net_ns_link_set_mtu (iface, rtnl_link_get_mtu (link));
  format_hardware_address (link, mac, sizeof mac);
  set_string (self, "address", nns_dbus_net_ns_link_get_address (iface), mac);
  nns_link_set_master (self, master);
  g_object_thaw_notify (G_OBJECT (self));
  return renamed;
}

void
nns_link_set_master (NnsLink    *self,
                     const char *master)
{
  g_return_if_fail (NNS_IS_LINK (self));

  set_string (self, "master", nns_dbus_net_ns_link_get_master (NNS_DBUS_NET_NS_LINK (self)),
              master);
}

void
nns_link_set_peer (NnsLink    *self,
                   const char *peer)
{
  g_return_if_fail (NNS_IS_LINK (self));

  set_string (self, "peer", nns_dbus_net_ns_link_get_peer (NNS_DBUS_NET_NS_LINK (self)), peer);
}

/* Addresses: IPv4 first, then IPv6, each family in the kernel's order. */

static gboolean
is_ipv6 (const char *cidr)
{
  return strchr (cidr, ':') != NULL;
}

static const char * const *
current_addresses (NnsLink *self)
{
  const char * const *addresses = nns_dbus_net_ns_link_get_addresses (NNS_DBUS_NET_NS_LINK (self));

  return addresses != NULL ? addresses : no_addresses;
}

/* @addresses may point into the current list, which the skeleton frees
 * before it copies the new one (g_object_set() hands it over uncopied):
 * it gets a copy of its own. */
static void
store_addresses (NnsLink   *self,
                 GPtrArray *addresses)
{
  g_auto(GStrv) copy = NULL;

  g_ptr_array_add (addresses, NULL);
  if (g_strv_equal (current_addresses (self), (const char * const *) addresses->pdata))
    return;
  copy = g_strdupv ((char **) addresses->pdata);
  nns_dbus_net_ns_link_set_addresses (NNS_DBUS_NET_NS_LINK (self), (const char * const *) copy);
}

/* All of them at once: the kernel's list (nns_netlink_addresses_by_link()). */
void
nns_link_set_addresses (NnsLink            *self,
                        const char * const *addresses)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_return_if_fail (NNS_IS_LINK (self));

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    if (!is_ipv6 (addresses[i]))
      g_ptr_array_add (sorted, (gpointer) addresses[i]);
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    if (is_ipv6 (addresses[i]))
      g_ptr_array_add (sorted, (gpointer) addresses[i]);
  store_addresses (self, sorted);
}

/* An address came. The kernel tells of an address again when it changes
 * (IPv6's duplicate address detection ending, a new lifetime): one that
 * is there already stays once. */
void
nns_link_add_address (NnsLink    *self,
                      const char *cidr)
{
  const char * const *current = current_addresses (self);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new ();
  gboolean placed = FALSE;

  g_return_if_fail (NNS_IS_LINK (self));

  if (g_strv_contains (current, cidr))
    return;
  for (guint i = 0; current[i] != NULL; i++)
    {
      /* An IPv4 address goes after the last IPv4 one. */
      if (!placed && !is_ipv6 (cidr) && is_ipv6 (current[i]))
        {
          g_ptr_array_add (addresses, (gpointer) cidr);
          placed = TRUE;
        }
      g_ptr_array_add (addresses, (gpointer) current[i]);
    }
  if (!placed)
    g_ptr_array_add (addresses, (gpointer) cidr);
  store_addresses (self, addresses);
}

void
nns_link_remove_address (NnsLink    *self,
                         const char *cidr)
{
  const char * const *current = current_addresses (self);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new ();

  g_return_if_fail (NNS_IS_LINK (self));

  for (guint i = 0; current[i] != NULL; i++)
    if (!g_str_equal (current[i], cidr))
      g_ptr_array_add (addresses, (gpointer) current[i]);
  store_addresses (self, addresses);
}

const char *
nns_link_get_name (NnsLink *self)
{
  g_return_val_if_fail (NNS_IS_LINK (self), NULL);

  return nns_dbus_net_ns_link_get_name (NNS_DBUS_NET_NS_LINK (self));
}

int
nns_link_get_index (NnsLink *self)
{
  g_return_val_if_fail (NNS_IS_LINK (self), 0);

  return nns_dbus_net_ns_link_get_index (NNS_DBUS_NET_NS_LINK (self));
}
