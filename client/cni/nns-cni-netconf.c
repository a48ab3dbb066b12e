/* nns-cni-netconf.c: the network configuration, read and checked.
 *
 * The keys are the bridge plugin's and host-local's, meaning what they
 * mean there, so that a configuration written for those works here with
 * only "type" changed; the keys the bridge plugin has and netnsd cannot do
 * (hairpinMode, promiscMode, vlan, macspoofchk, forceAddress) fail with
 * code 2 when they ask for something, rather than being ignored. What
 * differs: the addresses may be given at the top level as well as in
 * "ipam", whose type, if given, must be host-local or netnsd (netnsd
 * leases the addresses itself); and isGateway is true unless set false
 * (the network's containers get a gateway and a default route).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-cni-error.h"
#include "nns-cni-json.h"
#include "nns-cni-netconf.h"
#include "nns-cni-netconf-private.h"
#include "nns-cni-ranges.h"
#include "nns-names.h"

void
nns_cni_netconf_free (NnsCniNetConf *conf)
{
  if (conf == NULL)
    return;
  g_free (conf->version);
  g_free (conf->name);
  g_free (conf->bridge);
  g_clear_pointer (&conf->range_sets, g_ptr_array_unref);
  g_clear_pointer (&conf->routes, g_array_unref);
  g_clear_pointer (&conf->dns, json_object_unref);
  g_clear_pointer (&conf->port_mappings, g_array_unref);
  g_clear_pointer (&conf->requested, g_array_unref);
  g_free (conf->mac);
  g_clear_pointer (&conf->prev_result, nns_cni_result_free);
  g_clear_pointer (&conf->valid_attachments, g_array_unref);
  g_free (conf);
}

static JsonNode *
parse_text (const char *text,
            gsize       length,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, (gssize) length, &local))
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_DECODING_FAILURE,
                         "the network configuration is not JSON", "%s", local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_DECODING_FAILURE,
                         "the network configuration is not a JSON object", NULL);
      return NULL;
    }
  return json_node_copy (root);
}

char *
nns_cni_netconf_peek_version (const char *text,
                              gsize       length)
{
  g_autoptr(JsonNode) root = parse_text (text, length, NULL);
  const char *version = NULL;

  if (root == NULL ||
      !nns_cni_json_string (json_node_get_object (root), "", "cniVersion", &version, NULL))
    return NULL;
  return g_strdup (version);
}

/* Helpers the parsers share */

gboolean
nns_cni_netconf_invalid (GError    **error,
                         const char *format,
                         ...)
{
  g_autofree char *details = NULL;
  va_list args;

  va_start (args, format);
  details = g_strdup_vprintf (format, args);
  va_end (args);
  nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                     "%s", details);
  return FALSE;
}

/* Checks */

static gboolean
check_version (const char   *version,
               NnsCniCommand command,
               GError      **error)
{
  g_autofree char *supported = g_strjoinv (", ", (char **) nns_cni_versions);
  const char *needs = NULL;
  int index = nns_cni_version_index (version);

  if (version == NULL)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INCOMPATIBLE_VERSION, "incompatible CNI versions",
                         "the configuration has no cniVersion; the plugin speaks %s", supported);
      return FALSE;
    }
  if (index < 0)
    {
      g_autofree char *quoted = nns_quote (version);

      nns_cni_set_error (error, NNS_CNI_ERROR_INCOMPATIBLE_VERSION, "incompatible CNI versions",
                         "the configuration's cniVersion is %s; the plugin speaks %s", quoted,
                         supported);
      return FALSE;
    }
  if (command == NNS_CNI_COMMAND_CHECK)
    needs = "0.4.0";
  else if (command == NNS_CNI_COMMAND_GC || command == NNS_CNI_COMMAND_STATUS)
    needs = "1.1.0";
  if (needs != NULL && index < nns_cni_version_index (needs))
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INCOMPATIBLE_VERSION,
                         "config version does not allow the command",
                         "%s came in CNI %s; the configuration's cniVersion is %s",
                         nns_cni_command_name (command), needs, version);
      return FALSE;
    }
  return TRUE;
}

/* The specification's rule for network names; netnsd's pools (which the
 * network name names) take at most 64 characters. */
static gboolean
check_name (const char *name,
            GError    **error)
{
  g_autofree char *quoted = NULL;

  if (name == NULL || name[0] == '\0')
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "missing network name", NULL);
      return FALSE;
    }
  quoted = nns_quote (name);
  if (!g_ascii_isalnum (name[0]))
    return nns_cni_netconf_invalid (error, "network name %s must start with a letter or a digit",
                                    quoted);
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '.' && *c != '-')
      return nns_cni_netconf_invalid (error, "network name %s may hold only letters, digits, "
                                      "'_', '.' and '-'", quoted);
  if (strlen (name) > NNS_NAMESPACE_NAME_MAX)
    return nns_cni_netconf_invalid (error, "network name %s is longer than %d characters",
                                    quoted, NNS_NAMESPACE_NAME_MAX);
  return TRUE;
}

/* A key of the bridge plugin that netnsd cannot honour: fine while it
 * asks for nothing (false, 0), refused with code 2 when it asks. */
static gboolean
check_unsupported (JsonObject *object,
                   GError    **error)
{
  static const char *const keys[] = {
    "hairpinMode", "promiscMode", "vlan", "macspoofchk", "forceAddress",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      JsonNode *node = json_object_get_member (object, keys[i]);
      g_autofree char *text = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (JSON_NODE_HOLDS_VALUE (node) &&
          ((json_node_get_value_type (node) == G_TYPE_BOOLEAN && !json_node_get_boolean (node)) ||
           (json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) == 0)))
        continue;
      text = nns_cni_json_text (node);
      nns_cni_set_error (error, NNS_CNI_ERROR_UNSUPPORTED_FIELD,
                         "unsupported field in network configuration",
                         "%s: %s is not supported by the netnsd plugin", keys[i], text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_bridge (JsonObject    *object,
              NnsCniNetConf *conf,
              GError       **error)
{
  const char *bridge = NNS_CNI_DEFAULT_BRIDGE;
  gint64 mtu = 0;
  g_autoptr(GError) local = NULL;

  conf->is_gateway = TRUE;
  if (!nns_cni_json_string (object, "", "bridge", &bridge, error) ||
      !nns_cni_json_bool (object, "", "isGateway", &conf->is_gateway, error))
    return FALSE;
  conf->is_default_gateway = conf->is_gateway;
  if (!nns_cni_json_bool (object, "", "isDefaultGateway", &conf->is_default_gateway, error) ||
      !nns_cni_json_bool (object, "", "ipMasq", &conf->ip_masq, error) ||
      !nns_cni_json_bool (object, "", "enabledad", &conf->enable_dad, error) ||
      !nns_cni_json_int (object, "", "mtu", 0, 65536, &mtu, error))
    return FALSE;
  /* As the bridge plugin: a default route through the bridge needs the
   * bridge to be the gateway. */
  if (conf->is_default_gateway)
    conf->is_gateway = TRUE;
  if (!nns_link_name_validate (bridge, &local))
    return nns_cni_netconf_invalid (error, "bridge: %s", local->message);
  if (mtu != 0 && !nns_mtu_validate ((guint32) mtu, &local))
    return nns_cni_netconf_invalid (error, "mtu: %s", local->message);
  conf->bridge = g_strdup (bridge);
  conf->mtu = (guint) mtu;
  return TRUE;
}

static gboolean
parse_dns (JsonObject    *object,
           NnsCniNetConf *conf,
           GError       **error)
{
  g_autoptr(GPtrArray) strings = NULL;
  JsonObject *dns = NULL;
  const char *domain = NULL;

  if (!nns_cni_json_object (object, "", "dns", &dns, error))
    return FALSE;
  if (dns == NULL)
    return TRUE;
  if (!nns_cni_json_strings (dns, "dns", "nameservers", &strings, error) ||
      !nns_cni_json_string (dns, "dns", "domain", &domain, error) ||
      !nns_cni_json_strings (dns, "dns", "search", &strings, error) ||
      !nns_cni_json_strings (dns, "dns", "options", &strings, error))
    return FALSE;
  conf->dns = json_object_ref (dns);
  return TRUE;
}

static gboolean
parse_prev_result (JsonObject    *object,
                   NnsCniNetConf *conf,
                   GError       **error)
{
  JsonObject *prev = NULL;

  if (!nns_cni_json_object (object, "", "prevResult", &prev, error))
    return FALSE;
  if (prev == NULL)
    return TRUE;
  conf->prev_result = nns_cni_result_parse (prev, error);
  return conf->prev_result != NULL;
}

/* GC's "cni.dev/valid-attachments": the attachments to keep. */
static gboolean
parse_valid_attachments (JsonObject    *object,
                         NnsCniNetConf *conf,
                         GError       **error)
{
  const char *key = "cni.dev/valid-attachments";
  JsonArray *array = NULL;

  conf->valid_attachments = g_array_new (FALSE, FALSE, sizeof (NnsCniAttachmentKey));
  g_array_set_clear_func (conf->valid_attachments, nns_cni_attachment_key_clear);
  if (!nns_cni_json_array (object, "", key, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", key, i);
      const char *id = NULL, *ifname = NULL;
      NnsCniAttachmentKey attachment;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return nns_cni_netconf_invalid (error, "%s must be an object", where);
      if (!nns_cni_json_string (json_node_get_object (node), where, "containerID", &id, error) ||
          !nns_cni_json_string (json_node_get_object (node), where, "ifname", &ifname, error))
        return FALSE;
      if (id == NULL || ifname == NULL)
        return nns_cni_netconf_invalid (error, "%s needs containerID and ifname", where);
      attachment.container_id = g_strdup (id);
      attachment.ifname = g_strdup (ifname);
      g_array_append_val (conf->valid_attachments, attachment);
    }
  return TRUE;
}

NnsCniNetConf *
nns_cni_netconf_parse (const char      *text,
                       gsize            length,
                       const NnsCniEnv *env,
                       GError         **error)
{
  g_autoptr(NnsCniNetConf) conf = g_new0 (NnsCniNetConf, 1);
  g_autoptr(JsonNode) root = parse_text (text, length, error);
  const char *version = NULL, *name = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (!nns_cni_json_string (object, "", "cniVersion", &version, error) ||
      !check_version (version, env->command, error) ||
      !nns_cni_json_string (object, "", "name", &name, error) ||
      !check_name (name, error))
    return NULL;
  conf->version = g_strdup (version);
  conf->name = g_strdup (name);

  if (!check_unsupported (object, error) ||
      !parse_bridge (object, conf, error) ||
      !nns_cni_netconf_parse_addresses (object, conf, error) ||
      !parse_dns (object, conf, error) ||
      !nns_cni_netconf_parse_runtime (object, env, conf, error) ||
      !parse_prev_result (object, conf, error))
    return NULL;
  if (env->command == NNS_CNI_COMMAND_GC && !parse_valid_attachments (object, conf, error))
    return NULL;
  return g_steal_pointer (&conf);
}
