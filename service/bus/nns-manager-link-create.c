/* nns-manager-link-create.c: CreateLink of org.example.NetNs: a link of
 * any kind but veth (CreateVeth makes those), as `ip link add NAME type
 * KIND ...` does.
 *
 * Each kind takes the common options (mtu, up, address) and its own; a
 * kind that sits on another link (macvlan, ipvlan, vlan, and vxlan when
 * given one) names it as `parent`, in the same namespace. Creating a link
 * on a parent is authorized as a change to the parent too: a macvlan on
 * the host's uplink reaches the uplink's network.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <linux/if_ether.h>
#include <sys/socket.h>
#include <linux/if_link.h>

#include "nns-error.h"
#include "nns-link-call.h"
#include "nns-names.h"
#include "nns-options.h"

#define VXLAN_ID_MAX 0xffffff
#define VLAN_ID_MAX 4094

typedef struct {
  NnsManager  *manager;
  NnsTarget    target;
  char        *link;
  char        *parent;       /* NULL: none */
  NnsLinkSpec  spec;
  guint8       address[NNS_MAC_LEN];
  NnsCidr      remote;
  NnsCidr      local;
} CreateLinkCall;

static void
create_link_call_free (gpointer data)
{
  CreateLinkCall *call = data;

  nns_target_clear (&call->target);
  g_free (call->link);
  g_free (call->parent);
  g_object_unref (call->manager);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CreateLinkCall, create_link_call_free)

/* The options a kind takes, as parsed into one place each. */
typedef struct {
  guint32   mtu;
  gboolean  mtu_given;
  gboolean  up;
  char     *address;
  char     *parent;
  gboolean  stp;
  gboolean  stp_given;
  char     *mode;
  char     *protocol;
  guint32   id;
  gboolean  id_given;
  char     *remote;
  char     *local;
  char     *group;
  guint16   port;
  gboolean  port_given;
  guint32   table;
  gboolean  table_given;
} KindOptions;

static void
kind_options_clear (KindOptions *options)
{
  g_free (options->address);
  g_free (options->parent);
  g_free (options->mode);
  g_free (options->protocol);
  g_free (options->remote);
  g_free (options->local);
  g_free (options->group);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KindOptions, kind_options_clear)

/* The common options, then those of @kind. */
static gboolean
parse_kind_options (GVariant     *dict,
                    NnsLinkKind   kind,
                    KindOptions  *o,
                    GError      **error)
{
  NnsOptionSpec specs[10] = {
    { "mtu", "u", &o->mtu, &o->mtu_given },
    { "up", "b", &o->up, NULL },
    { "address", "s", &o->address, NULL },
  };
  gsize n = 3;

  switch (kind)
    {
    case NNS_LINK_KIND_BRIDGE:
      specs[n++] = (NnsOptionSpec) { "stp", "b", &o->stp, &o->stp_given };
      break;
    case NNS_LINK_KIND_MACVLAN:
    case NNS_LINK_KIND_IPVLAN:
      specs[n++] = (NnsOptionSpec) { "parent", "s", &o->parent, NULL };
      specs[n++] = (NnsOptionSpec) { "mode", "s", &o->mode, NULL };
      break;
    case NNS_LINK_KIND_VLAN:
      specs[n++] = (NnsOptionSpec) { "parent", "s", &o->parent, NULL };
      specs[n++] = (NnsOptionSpec) { "id", "u", &o->id, &o->id_given };
      specs[n++] = (NnsOptionSpec) { "protocol", "s", &o->protocol, NULL };
      break;
    case NNS_LINK_KIND_VXLAN:
      specs[n++] = (NnsOptionSpec) { "id", "u", &o->id, &o->id_given };
      specs[n++] = (NnsOptionSpec) { "remote", "s", &o->remote, NULL };
      specs[n++] = (NnsOptionSpec) { "local", "s", &o->local, NULL };
      specs[n++] = (NnsOptionSpec) { "group", "s", &o->group, NULL };
      specs[n++] = (NnsOptionSpec) { "port", "q", &o->port, &o->port_given };
      specs[n++] = (NnsOptionSpec) { "parent", "s", &o->parent, NULL };
      break;
    case NNS_LINK_KIND_VRF:
      specs[n++] = (NnsOptionSpec) { "table", "u", &o->table, &o->table_given };
      break;
    case NNS_LINK_KIND_DUMMY:
    case NNS_LINK_KIND_WIREGUARD:
    case NNS_LINK_KIND_N_KINDS:
    default:
      break;
    }
  if (nns_options_parse (dict, specs, n, error))
    return TRUE;
  g_prefix_error (error, "%s link: ", nns_link_kind_to_string (kind));
  return FALSE;
}

/* A word out of a fixed list, as its number. */
typedef struct {
  const char *word;
  guint       value;
} Word;

static gboolean
parse_word (const char  *text,
            const char  *what,
            const Word  *words,
            gsize        n_words,
            guint       *value,
            GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);
  g_autofree char *quoted = nns_quote (text);

  for (gsize i = 0; i < n_words; i++)
    {
      if (g_str_equal (text, words[i].word))
        {
          *value = words[i].value;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", words[i].word);
    }
  g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT, "%s %s is not one of %s",
               what, quoted, known->str);
  return FALSE;
}

static gboolean
require (gboolean     given,
         NnsLinkKind  kind,
         const char  *option,
         GError     **error)
{
  if (!given)
    g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                 "%s links need the option '%s'", nns_link_kind_to_string (kind), option);
  return given;
}

static gboolean
is_multicast (const NnsCidr *cidr)
{
  return cidr->family == AF_INET ? (cidr->bytes[0] & 0xf0) == 0xe0 : cidr->bytes[0] == 0xff;
}

/* remote (a unicast peer) or group (a multicast group, on a parent), and
 * local, all of one family. */
static gboolean
parse_vxlan_addresses (CreateLinkCall    *call,
                       const KindOptions *o,
                       GError           **error)
{
  const char *peer = o->remote != NULL ? o->remote : o->group;

  if (o->remote != NULL && o->group != NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "a vxlan link takes 'remote' or 'group', not both");
      return FALSE;
    }
  if (peer != NULL)
    {
      if (!nns_cidr_parse (peer, NNS_CIDR_NO_PREFIX, o->remote != NULL ? "remote" : "group",
                           &call->remote, error))
        return FALSE;
      if (is_multicast (&call->remote) != (o->group != NULL))
        {
          g_autofree char *quoted = nns_quote (peer);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT, o->group != NULL ?
                       "group %s is not a multicast address" :
                       "remote %s is a multicast address; give it as 'group'", quoted);
          return FALSE;
        }
      if (o->group != NULL && o->parent == NULL)
        {
          g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                               "a vxlan link with a group needs the option 'parent', "
                               "the link it joins the group on");
          return FALSE;
        }
      call->spec.vxlan_remote = &call->remote;
    }
  if (o->local != NULL)
    {
      if (!nns_cidr_parse (o->local, NNS_CIDR_NO_PREFIX, "local", &call->local, error))
        return FALSE;
      if (peer != NULL && call->local.family != call->remote.family)
        {
          g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                               "the vxlan link mixes IPv4 and IPv6 addresses");
          return FALSE;
        }
      call->spec.vxlan_local = &call->local;
    }
  return TRUE;
}

static gboolean
parse_vxlan (CreateLinkCall    *call,
             const KindOptions *o,
             GError           **error)
{
  if (!require (o->id_given, NNS_LINK_KIND_VXLAN, "id", error))
    return FALSE;
  if (o->id > VXLAN_ID_MAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "vxlan id %u is out of range (0 to %u)", o->id, VXLAN_ID_MAX);
      return FALSE;
    }
  if (o->port_given && o->port == 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "vxlan port 0 is out of range (1 to 65535)");
      return FALSE;
    }
  call->spec.vxlan_id = o->id;
  call->spec.vxlan_port = o->port_given ? o->port : NNS_VXLAN_DEFAULT_PORT;
  return parse_vxlan_addresses (call, o, error);
}

static gboolean
parse_vlan (CreateLinkCall    *call,
            const KindOptions *o,
            GError           **error)
{
  static const Word protocols[] = {
    { "802.1Q", ETH_P_8021Q }, { "802.1ad", ETH_P_8021AD },
  };
  guint protocol = 0;

  if (!require (o->id_given, NNS_LINK_KIND_VLAN, "id", error))
    return FALSE;
  if (o->id > VLAN_ID_MAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "vlan id %u is out of range (0 to %u)", o->id, VLAN_ID_MAX);
      return FALSE;
    }
  if (o->protocol != NULL &&
      !parse_word (o->protocol, "vlan protocol", protocols, G_N_ELEMENTS (protocols),
                   &protocol, error))
    return FALSE;
  call->spec.vlan_id = (guint16) o->id;
  call->spec.vlan_protocol = (guint16) protocol;
  return TRUE;
}

/* What only @kind takes, into call->spec. */
static gboolean
parse_kind_data (CreateLinkCall    *call,
                 const KindOptions *o,
                 GError           **error)
{
  static const Word macvlan_modes[] = {
    { "private", MACVLAN_MODE_PRIVATE }, { "vepa", MACVLAN_MODE_VEPA },
    { "bridge", MACVLAN_MODE_BRIDGE }, { "passthru", MACVLAN_MODE_PASSTHRU },
  };
  static const Word ipvlan_modes[] = {
    { "l2", IPVLAN_MODE_L2 }, { "l3", IPVLAN_MODE_L3 }, { "l3s", IPVLAN_MODE_L3S },
  };
  NnsLinkSpec *spec = &call->spec;
  guint mode = 0;

  switch (spec->kind)
    {
    case NNS_LINK_KIND_BRIDGE:
      spec->has_stp = o->stp_given;
      spec->stp = o->stp;
      return TRUE;
    case NNS_LINK_KIND_MACVLAN:
      if (o->mode != NULL && !parse_word (o->mode, "macvlan mode", macvlan_modes,
                                          G_N_ELEMENTS (macvlan_modes), &mode, error))
        return FALSE;
      spec->macvlan_mode = mode;
      return require (o->parent != NULL, spec->kind, "parent", error);
    case NNS_LINK_KIND_IPVLAN:
      if (o->mode != NULL && !parse_word (o->mode, "ipvlan mode", ipvlan_modes,
                                          G_N_ELEMENTS (ipvlan_modes), &mode, error))
        return FALSE;
      spec->has_ipvlan_mode = o->mode != NULL;
      spec->ipvlan_mode = (guint16) mode;
      return require (o->parent != NULL, spec->kind, "parent", error);
    case NNS_LINK_KIND_VLAN:
      return parse_vlan (call, o, error) && require (o->parent != NULL, spec->kind, "parent", error);
    case NNS_LINK_KIND_VXLAN:
      return parse_vxlan (call, o, error);
    case NNS_LINK_KIND_VRF:
      if (!require (o->table_given, spec->kind, "table", error))
        return FALSE;
      if (o->table == 0)
        {
          g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                               "vrf table 0 is out of range (1 to 4294967295)");
          return FALSE;
        }
      spec->vrf_table = o->table;
      return TRUE;
    case NNS_LINK_KIND_DUMMY:
    case NNS_LINK_KIND_WIREGUARD:
    case NNS_LINK_KIND_N_KINDS:
    default:
      return TRUE;
    }
}

static gboolean
parse_kind (const char   *text,
            NnsLinkKind  *kind,
            GError      **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *kinds = NULL;

  if (nns_link_kind_from_string (text, kind))
    return TRUE;
  quoted = nns_quote (text);
  if (g_str_equal (text, "veth"))
    g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                         "veth pairs are made with CreateVeth, which places each end");
  else
    {
      kinds = nns_link_kinds_describe ();
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link kind %s is not one netnsd creates; it creates %s", quoted, kinds);
    }
  return FALSE;
}

static gpointer
parse_create_link (NnsManager  *self,
                   GVariant    *parameters,
                   NnsBatch    *batch,
                   GError     **error)
{
  g_autoptr(CreateLinkCall) call = g_new0 (CreateLinkCall, 1);
  g_auto(KindOptions) o = { 0 };
  g_autoptr(GVariant) options = NULL;
  const char *namespace_name, *name, *kind;

  call->manager = g_object_ref (self);
  g_variant_get (parameters, "(&s&s&s@a{sv})", &namespace_name, &name, &kind, &options);
  call->link = g_strdup (name);
  if (!nns_link_name_validate (name, error) ||
      !parse_kind (kind, &call->spec.kind, error) ||
      !parse_kind_options (options, call->spec.kind, &o, error) ||
      (o.mtu_given && !nns_mtu_validate (o.mtu, error)) ||
      !nns_link_parse_mac_option (o.address, "address", call->address, &call->spec.address,
                                  error) ||
      (o.parent != NULL && !nns_link_name_check (o.parent, error)) ||
      !parse_kind_data (call, &o, error) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error))
    return NULL;
  if (g_strcmp0 (o.parent, name) == 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link '%s' cannot be its own parent", name);
      return NULL;
    }
  call->spec.name = call->link;
  call->spec.mtu = o.mtu_given ? o.mtu : 0;
  call->spec.up = o.up;
  call->parent = g_steal_pointer (&o.parent);
  return g_steal_pointer (&call);
}

/* "create bridge link 'br0' in namespace 'red'", with @verb. */
static char *
describe_creation (CreateLinkCall *call,
                   const char     *verb)
{
  g_autofree char *quoted = nns_quote (call->link);
  g_autofree char *parent = call->parent != NULL ? nns_quote (call->parent) : NULL;

  return g_strdup_printf ("%s %s link %s%s%s in %s", verb, nns_link_kind_to_string (call->spec.kind),
                          quoted, parent != NULL ? " on " : "", parent != NULL ? parent : "",
                          call->target.description);
}

static gboolean
plan_create_link (NnsCaller       *caller,
                  NnsAuthRequest  *request,
                  gpointer         user_data,
                  GError         **error)
{
  CreateLinkCall *call = user_data;
  g_autofree char *what = describe_creation (call, "create");

  if (!nns_target_plan_change (call->manager, request, caller, &call->target, what,
                                call->link, NNS_LINK_NEW, NULL, error) ||
      (call->parent != NULL &&
       !nns_target_plan_change (call->manager, request, caller, &call->target, what,
                                 call->parent, NNS_LINK_EXISTING, NULL, error)))
    return FALSE;
  nns_batch_add_link (call->target.batch, call->target.name, call->link,
                      nns_caller_get_uid (caller));
  return TRUE;
}

static gboolean
perform_create_link (gpointer    user_data,
                     NnsCaller  *caller,
                     GError    **error)
{
  CreateLinkCall *call = user_data;
  g_autofree char *what = NULL;
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  if (netlink == NULL || !nns_link_ensure_free (netlink, call->link, error))
    return FALSE;
  if (call->parent != NULL)
    {
      call->spec.parent = nns_netlink_link_index (netlink, call->parent, error);
      if (call->spec.parent <= 0)
        return FALSE;
    }
  if (!nns_netlink_create_link (netlink, &call->spec, error))
    return FALSE;
  nns_link_call_record_host_link (call->manager, &call->target, call->link, caller);

  what = describe_creation (call, "created");
  g_message ("%s %s", nns_caller_describe (caller), what);
  return TRUE;
}

static gboolean
undo_create_link (gpointer   user_data,
                  GError   **error)
{
  CreateLinkCall *call = user_data;
  NnsNetlink *netlink = nns_target_netlink (call->manager, &call->target, error);

  return netlink != NULL && nns_netlink_delete_link (netlink, call->link, error);
}

const NnsOperation nns_create_link_operation = {
  .method = "CreateLink",
  .parse = parse_create_link,
  .plan = plan_create_link,
  .perform = perform_create_link,
  .undo = undo_create_link,
  .free = create_link_call_free,
};

static gboolean
handle_create_link (NnsDBusNetNs          *object,
                    GDBusMethodInvocation *invocation,
                    const char            *namespace_name,
                    const char            *name,
                    const char            *kind,
                    GVariant              *options)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_create_link_operation);
}

void
nns_manager_init_link_create_method (NnsDBusNetNsIface *iface)
{
  iface->handle_create_link = handle_create_link;
}
