/* nns-ctl-connect.c: netnsctl connect: a namespace joined to the host in
 * one Apply.
 *
 *   netnsctl connect NAME [--subnet CIDR] [--nat] [--forward tcp:8080:80]...
 *
 * makes a veth pair, ve-NAME in the host and eth0 in NAME, with the two
 * addresses of a free /30 of the subnet (10.200.0.0/16 unless told: the
 * first /30 that no address or route of the host overlaps), the host's as
 * NAME's default route, and with --nat a masquerade of the /30 on the host
 * (so NAME reaches what the host reaches), with --forward the host's port
 * forwarded to NAME's. All of it, or nothing.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-address.h"
#include "nns-ctl.h"
#include "nns-names.h"

#define DEFAULT_SUBNET "10.200.0.0/16"
#define INSIDE_LINK "eth0"

typedef struct {
  guint32 network;   /* host order */
  guint   prefix;
} Net4;

static guint32
mask (guint prefix)
{
  return prefix == 0 ? 0 : G_MAXUINT32 << (32 - prefix);
}

static gboolean
net4_from_text (const char *text,
                Net4       *net)
{
  NnsCidr cidr;
  guint32 address;

  if (!nns_cidr_parse (text, NNS_CIDR_PREFIX_OPTIONAL, "address", &cidr, NULL) ||
      cidr.family != AF_INET)
    return FALSE;
  memcpy (&address, cidr.bytes, 4);
  net->prefix = cidr.prefix;
  net->network = ntohl (address) & mask (cidr.prefix);
  return TRUE;
}

static gboolean
overlaps (const Net4 *a,
          const Net4 *b)
{
  guint32 common = mask (MIN (a->prefix, b->prefix));

  return (a->network & common) == (b->network & common);
}

static char *
address_text (guint32 address,
              guint   prefix)
{
  guint32 network_order = htonl (address);
  char text[INET_ADDRSTRLEN];

  inet_ntop (AF_INET, &network_order, text, sizeof text);
  return prefix != 0 ? g_strdup_printf ("%s/%u", text, prefix) : g_strdup (text);
}

/* What the host's addresses and routes take up. */
static GArray *
used_networks (NnsCtl  *ctl,
               GError **error)
{
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (Net4));
  g_auto(GStrv) addresses = NULL;
  g_autoptr(GVariant) routes = NULL;
  NetNsClient *client;
  GVariantIter iter;
  GVariant *route;
  Net4 net;

  if ((client = nns_ctl_client (ctl, error)) == NULL ||
      (addresses = netns_client_list_addresses_sync (client, "", "", NULL, error)) == NULL ||
      (routes = netns_client_list_routes_sync (client, "", NULL, error)) == NULL)
    return NULL;
  for (guint i = 0; addresses[i] != NULL; i++)
    if (net4_from_text (addresses[i], &net))
      g_array_append_val (used, net);
  g_variant_iter_init (&iter, routes);
  while ((route = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *destination = NULL;

      if (g_variant_lookup (route, "destination", "&s", &destination) &&
          net4_from_text (destination, &net) && net.prefix > 0)
        g_array_append_val (used, net);
      g_variant_unref (route);
    }
  return g_steal_pointer (&used);
}

/* The first /30 of @subnet that nothing on the host overlaps. */
static gboolean
pick_network (NnsCtl      *ctl,
              const char  *subnet_text,
              guint32     *network,
              GError     **error)
{
  g_autoptr(GArray) used = NULL;
  NnsCidr cidr;
  Net4 subnet;

  if (!nns_cidr_parse (subnet_text, NNS_CIDR_NETWORK, "subnet", &cidr, error))
    return FALSE;
  if (cidr.family != AF_INET || cidr.prefix > 30)
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "subnet %s is not an IPv4 network of a /30 or more", subnet_text);
      return FALSE;
    }
  net4_from_text (subnet_text, &subnet);
  used = used_networks (ctl, error);
  if (used == NULL)
    return FALSE;
  for (guint64 candidate = subnet.network;
       candidate + 4 <= (guint64) subnet.network + ((guint64) 1 << (32 - subnet.prefix));
       candidate += 4)
    {
      Net4 block = { (guint32) candidate, 30 };
      gboolean free_block = TRUE;

      for (guint i = 0; i < used->len && free_block; i++)
        free_block = !overlaps (&block, &g_array_index (used, Net4, i));
      if (free_block)
        {
          *network = block.network;
          return TRUE;
        }
    }
  g_set_error (error, NETNS_ERROR, NETNS_ERROR_BUSY,
               "no /30 of %s is free on the host; give another --subnet", subnet_text);
  return FALSE;
}

/* ve-NAME, within the 15 bytes a link name has. */
static char *
host_link_name (const char *name)
{
  if (strlen (name) <= NNS_LINK_NAME_MAX - 3)
    return g_strconcat ("ve-", name, NULL);
  return g_strdup_printf ("ve-%.6s-%05x", name, g_str_hash (name) & 0xfffff);
}

/* Takes @operation. */
static void
add_operation (GVariantBuilder *operations,
               GVariant        *operation)
{
  g_variant_builder_add_value (operations, operation);
  g_variant_unref (operation);
}

/* --forward PROTO:PORT:TARGET_PORT as an AddPortForward to @inside. */
static gboolean
add_forward (GVariantBuilder *operations,
             const char      *text,
             const char      *inside,
             GString         *summary,
             GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint64 port, target_port;
  g_autofree char *target = NULL;

  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT16, &port, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXUINT16, &target_port, NULL))
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "--forward %s is not PROTOCOL:PORT:PORT (tcp:8080:80), ports up to 65535",
                   text);
      return FALSE;
    }
  target = g_strdup_printf ("%s:%u", inside, (guint) target_port);
  add_operation (operations,
                 netns_operation_add_port_forward ("", parts[0], (guint16) port, target, NULL));
  g_string_append_printf (summary, "; %s %u of the host to %s", parts[0], (guint) port, target);
  return TRUE;
}

static GVariant *
build_operations (const char  *name,
                  const char  *host_link,
                  guint32      network,
                  gboolean     nat,
                  char       **forwards,
                  GString     *summary,
                  GError     **error)
{
  g_autofree char *net = address_text (network, 30);
  g_autofree char *host = address_text (network + 1, 30);
  g_autofree char *inside = address_text (network + 2, 30);
  g_autofree char *gateway = address_text (network + 1, 0);
  g_autofree char *inside_plain = address_text (network + 2, 0);
  GVariantBuilder operations;
  GVariantDict veth_options, route_options;

  g_variant_dict_init (&veth_options, NULL);
  g_variant_dict_insert (&veth_options, "up", "b", TRUE);
  g_variant_dict_init (&route_options, NULL);
  g_variant_dict_insert (&route_options, "via", "s", gateway);
  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  add_operation (&operations,
                 netns_operation_create_veth ("", host_link, name, INSIDE_LINK,
                                              g_variant_dict_end (&veth_options)));
  add_operation (&operations, netns_operation_add_address ("", host_link, host, NULL));
  add_operation (&operations, netns_operation_add_address (name, INSIDE_LINK, inside, NULL));
  add_operation (&operations,
                 netns_operation_add_route (name, "default", g_variant_dict_end (&route_options)));
  g_string_append_printf (summary, "%s: %s %s, default via %s (%s %s in the host)", name,
                          INSIDE_LINK, inside, gateway, host_link, host);
  if (nat)
    {
      add_operation (&operations, netns_operation_add_masquerade ("", net, NULL));
      g_string_append_printf (summary, "; %s masqueraded", net);
    }
  for (guint i = 0; forwards != NULL && forwards[i] != NULL; i++)
    if (!add_forward (&operations, forwards[i], inside_plain, summary, error))
      {
        g_variant_builder_clear (&operations);
        return NULL;
      }
  return g_variant_builder_end (&operations);
}

static void
print_json (const char *name,
            const char *host_link,
            guint32     network)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *net = address_text (network, 30);
  g_autofree char *host = address_text (network + 1, 30);
  g_autofree char *inside = address_text (network + 2, 30);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "namespace");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "network");
  json_builder_add_string_value (builder, net);
  json_builder_set_member_name (builder, "host-link");
  json_builder_add_string_value (builder, host_link);
  json_builder_set_member_name (builder, "host-address");
  json_builder_add_string_value (builder, host);
  json_builder_set_member_name (builder, "link");
  json_builder_add_string_value (builder, INSIDE_LINK);
  json_builder_set_member_name (builder, "address");
  json_builder_add_string_value (builder, inside);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  nns_ctl_print_json (root);
}

int
nns_ctl_connect (NnsCtl *ctl,
                 int     argc,
                 char  **argv)
{
  g_autofree char *subnet = NULL;
  g_auto(GStrv) forwards = NULL;
  gboolean nat = FALSE;
  const GOptionEntry entries[] = {
    { "subnet", 0, 0, G_OPTION_ARG_STRING, &subnet,
      "Addresses from a free /30 of CIDR (" DEFAULT_SUBNET ")", "CIDR" },
    { "nat", 0, 0, G_OPTION_ARG_NONE, &nat,
      "Masquerade its traffic as it leaves the host", NULL },
    { "forward", 0, 0, G_OPTION_ARG_STRING_ARRAY, &forwards,
      "The host's PORT to its port TO", "P:PORT:TO" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "connect", "NAME",
                            "Join namespace NAME to the host in one Apply: a veth pair\n"
                            "(ve-NAME in the host, " INSIDE_LINK " inside) with the addresses of "
                            "a free /30,\nthe host as NAME's default route, and what --nat and "
                            "--forward ask.", entries);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GVariant) operations = NULL;
  g_autoptr(GVariant) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host_link = NULL;
  NetNsClient *client;
  guint32 network;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "connect takes one NAME");
  if (ctl->batch != NULL)
    return nns_ctl_usage_error (ctl, context, "connect is an Apply of its own: it cannot be part "
                                         "of a batch");
  if (!nns_namespace_entry_validate (argv[1], &error) ||
      !pick_network (ctl, subnet != NULL ? subnet : DEFAULT_SUBNET, &network, &error))
    return nns_ctl_fail (ctl, error);
  host_link = host_link_name (argv[1]);
  operations = build_operations (argv[1], host_link, network, nat, forwards, summary, &error);
  if (operations == NULL)
    return nns_ctl_fail (ctl, error);

  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      (results = netns_client_apply_sync (client, g_variant_ref_sink (operations), NULL, NULL,
                                          &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  if (ctl->json)
    print_json (argv[1], host_link, network);
  else
    g_print ("%s\n", summary->str);
  return NNS_EXIT_OK;
}
