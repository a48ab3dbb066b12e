/* nns-cni-result.c: ADD's result, errors and VERSION's answer as JSON.
 *
 * Versions 0.3.0 to 0.4.0 give each entry of "ips" a "version" ("4" or
 * "6"); 1.0.0 and later do not. Otherwise the shapes are one. Empty arrays
 * are left out and "dns" is always there, as the reference plugins print
 * them (Go's encoding of their result type).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-cni-error.h"
#include "nns-cni-json.h"
#include "nns-cni-result.h"

const char *const nns_cni_versions[] = { "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0", NULL };

int
nns_cni_version_index (const char *version)
{
  for (int i = 0; version != NULL && nns_cni_versions[i] != NULL; i++)
    if (strcmp (version, nns_cni_versions[i]) == 0)
      return i;
  return -1;
}

NnsCniResult *
nns_cni_result_new (void)
{
  NnsCniResult *result = g_new0 (NnsCniResult, 1);

  result->interfaces = json_array_new ();
  result->ips = json_array_new ();
  result->routes = json_array_new ();
  result->dns = json_object_new ();
  return result;
}

void
nns_cni_result_free (NnsCniResult *result)
{
  if (result == NULL)
    return;
  json_array_unref (result->interfaces);
  json_array_unref (result->ips);
  json_array_unref (result->routes);
  json_object_unref (result->dns);
  g_free (result);
}

/* Building */

guint
nns_cni_result_add_interface (NnsCniResult *result,
                              const char   *name,
                              const char   *mac,
                              const char   *sandbox)
{
  JsonObject *interface = json_object_new ();

  json_object_set_string_member (interface, "name", name);
  if (mac != NULL)
    json_object_set_string_member (interface, "mac", mac);
  if (sandbox != NULL)
    json_object_set_string_member (interface, "sandbox", sandbox);
  json_array_add_object_element (result->interfaces, interface);
  return json_array_get_length (result->interfaces) - 1;
}

void
nns_cni_result_add_ip (NnsCniResult  *result,
                       const NnsCidr *address,
                       const NnsCidr *gateway,
                       int            interface)
{
  JsonObject *ip = json_object_new ();
  g_autofree char *address_text = nns_cidr_to_string (address);

  json_object_set_string_member (ip, "address", address_text);
  if (gateway != NULL && gateway->family != 0)
    {
      g_autofree char *gateway_text = nns_cidr_address_to_string (gateway);

      json_object_set_string_member (ip, "gateway", gateway_text);
    }
  if (interface >= 0)
    json_object_set_int_member (ip, "interface", interface);
  json_array_add_object_element (result->ips, ip);
}

void
nns_cni_result_add_route (NnsCniResult  *result,
                          const NnsCidr *destination,
                          const NnsCidr *gateway)
{
  JsonObject *route = json_object_new ();
  g_autofree char *destination_text = nns_cidr_to_string (destination);

  json_object_set_string_member (route, "dst", destination_text);
  if (gateway != NULL && gateway->family != 0)
    {
      g_autofree char *gateway_text = nns_cidr_address_to_string (gateway);

      json_object_set_string_member (route, "gw", gateway_text);
    }
  json_array_add_object_element (result->routes, route);
}

void
nns_cni_result_set_dns (NnsCniResult *result,
                        JsonObject   *dns)
{
  static const char *const members[] = { "nameservers", "domain", "search", "options" };

  json_object_unref (result->dns);
  result->dns = json_object_new ();
  for (guint i = 0; dns != NULL && i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (dns, members[i]);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        json_object_set_member (result->dns, members[i], json_node_copy (node));
    }
}

static void
append_copies (JsonArray *to,
               JsonArray *from)
{
  for (guint i = 0; i < json_array_get_length (from); i++)
    json_array_add_element (to, json_node_copy (json_array_get_element (from, i)));
}

void
nns_cni_result_append (NnsCniResult *result,
                       NnsCniResult *other)
{
  guint offset = json_array_get_length (result->interfaces);

  append_copies (result->interfaces, other->interfaces);
  for (guint i = 0; i < json_array_get_length (other->ips); i++)
    {
      JsonNode *copy = json_node_copy (json_array_get_element (other->ips, i));
      JsonObject *ip = json_node_get_object (copy);

      if (json_object_has_member (ip, "interface"))
        json_object_set_int_member (ip, "interface",
                                    json_object_get_int_member (ip, "interface") + offset);
      json_array_add_element (result->ips, copy);
    }
  append_copies (result->routes, other->routes);
  if (json_object_get_size (result->dns) == 0)
    nns_cni_result_set_dns (result, other->dns);
}

/* Reading a prevResult */

static gboolean
shape_error (GError    **error,
             const char *path,
             const char *problem)
{
  nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid prevResult", "%s %s",
                     path, problem);
  return FALSE;
}

static gboolean
parse_cidr_member (JsonObject  *object,
                   const char  *where,
                   const char  *key,
                   NnsCidrKind  kind,
                   gboolean     required,
                   GError     **error)
{
  g_autofree char *path = nns_cni_json_path (where, key);
  g_autoptr(GError) local = NULL;
  const char *text = NULL;
  NnsCidr cidr;

  if (!nns_cni_json_string (object, where, key, &text, error))
    return FALSE;
  if (text == NULL)
    return required ? shape_error (error, path, "is missing") : TRUE;
  if (kind == NNS_CIDR_PREFIX_OPTIONAL && strchr (text, '/') == NULL)
    return shape_error (error, path, "needs a prefix length");
  if (!nns_cidr_parse (text, kind, path, &cidr, &local))
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid prevResult", "%s",
                         local->message);
      return FALSE;
    }
  return TRUE;
}

/* Each element of @key is an object, checked by @check. */
static gboolean
parse_objects (JsonObject *object,
               const char *key,
               JsonArray **out,
               gboolean  (*check) (JsonObject *element, const char *where, guint n_interfaces,
                                   GError **error),
               guint       n_interfaces,
               GError    **error)
{
  JsonArray *array = NULL;

  if (!nns_cni_json_array (object, "prevResult", key, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("prevResult.%s[%u]", key, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return shape_error (error, where, "must be an object");
      if (!check (json_node_get_object (node), where, n_interfaces, error))
        return FALSE;
    }
  json_array_unref (*out);
  *out = json_array_ref (array);
  return TRUE;
}

static gboolean
check_interface (JsonObject *interface,
                 const char *where,
                 guint       n_interfaces,
                 GError    **error)
{
  const char *name = NULL, *mac = NULL, *sandbox = NULL;

  if (!nns_cni_json_string (interface, where, "name", &name, error) ||
      !nns_cni_json_string (interface, where, "mac", &mac, error) ||
      !nns_cni_json_string (interface, where, "sandbox", &sandbox, error))
    return FALSE;
  return name != NULL ? TRUE : shape_error (error, where, "has no name");
}

static gboolean
check_ip (JsonObject *ip,
          const char *where,
          guint       n_interfaces,
          GError    **error)
{
  gint64 interface = -1;

  if (!parse_cidr_member (ip, where, "address", NNS_CIDR_PREFIX_OPTIONAL, TRUE, error) ||
      !parse_cidr_member (ip, where, "gateway", NNS_CIDR_NO_PREFIX, FALSE, error) ||
      !nns_cni_json_int (ip, where, "interface", 0, G_MAXINT32, &interface, error))
    return FALSE;
  if (interface >= (gint64) n_interfaces)
    return shape_error (error, where, "names an interface that prevResult does not list");
  return TRUE;
}

static gboolean
check_route (JsonObject *route,
             const char *where,
             guint       n_interfaces,
             GError    **error)
{
  return parse_cidr_member (route, where, "dst", NNS_CIDR_PREFIX_OPTIONAL, TRUE, error) &&
         parse_cidr_member (route, where, "gw", NNS_CIDR_NO_PREFIX, FALSE, error);
}

NnsCniResult *
nns_cni_result_parse (JsonObject *object,
                      GError    **error)
{
  g_autoptr(NnsCniResult) result = nns_cni_result_new ();
  JsonObject *dns = NULL;

  if (!parse_objects (object, "interfaces", &result->interfaces, check_interface, 0, error) ||
      !parse_objects (object, "ips", &result->ips, check_ip,
                      json_array_get_length (result->interfaces), error) ||
      !parse_objects (object, "routes", &result->routes, check_route, 0, error) ||
      !nns_cni_json_object (object, "prevResult", "dns", &dns, error))
    return NULL;
  if (dns != NULL)
    {
      json_object_unref (result->dns);
      result->dns = json_object_ref (dns);
    }
  return g_steal_pointer (&result);
}

/* Reading back (on arrays that nns_cni_result_parse() checked or that
 * this plugin built) */

guint
nns_cni_result_n_interfaces (NnsCniResult *result)
{
  return json_array_get_length (result->interfaces);
}

const char *
nns_cni_result_interface (NnsCniResult *result,
                          guint         index,
                          const char   *member)
{
  JsonObject *interface = json_array_get_object_element (result->interfaces, index);

  return json_object_get_string_member_with_default (interface, member, NULL);
}

int
nns_cni_result_find_interface (NnsCniResult *result,
                               const char   *name,
                               const char   *sandbox)
{
  for (guint i = 0; i < nns_cni_result_n_interfaces (result); i++)
    if (g_strcmp0 (nns_cni_result_interface (result, i, "name"), name) == 0 &&
        g_strcmp0 (nns_cni_result_interface (result, i, "sandbox"), sandbox) == 0)
      return (int) i;
  return -1;
}

static void
read_cidr (JsonObject *object,
           const char *key,
           NnsCidrKind kind,
           NnsCidr    *cidr)
{
  const char *text = json_object_get_string_member_with_default (object, key, NULL);

  memset (cidr, 0, sizeof *cidr);
  if (text != NULL && !nns_cidr_parse (text, kind, key, cidr, NULL))
    memset (cidr, 0, sizeof *cidr);
}

guint
nns_cni_result_n_ips (NnsCniResult *result)
{
  return json_array_get_length (result->ips);
}

void
nns_cni_result_ip (NnsCniResult *result,
                   guint         index,
                   NnsCidr      *address,
                   NnsCidr      *gateway,
                   int          *interface)
{
  JsonObject *ip = json_array_get_object_element (result->ips, index);

  read_cidr (ip, "address", NNS_CIDR_PREFIX_OPTIONAL, address);
  read_cidr (ip, "gateway", NNS_CIDR_NO_PREFIX, gateway);
  *interface = (int) json_object_get_int_member_with_default (ip, "interface", -1);
}

guint
nns_cni_result_n_routes (NnsCniResult *result)
{
  return json_array_get_length (result->routes);
}

void
nns_cni_result_route (NnsCniResult *result,
                      guint         index,
                      NnsCidr      *destination,
                      NnsCidr      *gateway)
{
  JsonObject *route = json_array_get_object_element (result->routes, index);

  read_cidr (route, "dst", NNS_CIDR_PREFIX_OPTIONAL, destination);
  read_cidr (route, "gw", NNS_CIDR_NO_PREFIX, gateway);
}

/* Printing */

static char *
to_text (JsonObject *root)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_take_object (node, root);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 4);
  return json_generator_to_data (generator, NULL);
}

/* The ips as @version writes them: with "version" before 1.0.0, without
 * from then on. */
static JsonArray *
ips_for_version (JsonArray  *ips,
                 const char *version)
{
  gboolean with_version = nns_cni_version_index (version) < nns_cni_version_index ("1.0.0");
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < json_array_get_length (ips); i++)
    {
      JsonNode *copy = json_node_copy (json_array_get_element (ips, i));
      JsonObject *ip = json_node_get_object (copy);
      NnsCidr address;

      json_object_remove_member (ip, "version");
      read_cidr (ip, "address", NNS_CIDR_PREFIX_OPTIONAL, &address);
      if (with_version)
        json_object_set_string_member (ip, "version", address.family == AF_INET6 ? "6" : "4");
      json_array_add_element (out, copy);
    }
  return out;
}

char *
nns_cni_result_to_json (NnsCniResult *result,
                        const char   *version)
{
  JsonObject *root = json_object_new ();

  json_object_set_string_member (root, "cniVersion", version);
  if (json_array_get_length (result->interfaces) > 0)
    json_object_set_array_member (root, "interfaces", json_array_ref (result->interfaces));
  if (json_array_get_length (result->ips) > 0)
    json_object_set_array_member (root, "ips", ips_for_version (result->ips, version));
  if (json_array_get_length (result->routes) > 0)
    json_object_set_array_member (root, "routes", json_array_ref (result->routes));
  json_object_set_object_member (root, "dns", json_object_ref (result->dns));
  return to_text (root);
}

char *
nns_cni_error_to_json (const GError *error,
                       const char   *version)
{
  JsonObject *root = json_object_new ();
  g_autofree char *msg = NULL;
  g_autofree char *details = NULL;

  nns_cni_error_split (error, &msg, &details);
  json_object_set_string_member (root, "cniVersion", version);
  json_object_set_int_member (root, "code", nns_cni_error_code (error));
  json_object_set_string_member (root, "msg", msg);
  if (details != NULL)
    json_object_set_string_member (root, "details", details);
  return to_text (root);
}

char *
nns_cni_version_to_json (const char *version)
{
  JsonObject *root = json_object_new ();
  JsonArray *supported = json_array_new ();

  for (guint i = 0; nns_cni_versions[i] != NULL; i++)
    json_array_add_string_element (supported, nns_cni_versions[i]);
  json_object_set_string_member (root, "cniVersion", version);
  json_object_set_array_member (root, "supportedVersions", supported);
  return to_text (root);
}
