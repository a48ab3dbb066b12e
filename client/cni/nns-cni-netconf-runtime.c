/* nns-cni-netconf-runtime.c: what the runtime adds for one attachment: the
 * capabilities in "runtimeConfig" (portMappings, ips, mac: CNI's
 * CONVENTIONS.md), the same in "args" ("cni": {"ips", "mac"}) and in
 * CNI_ARGS (IP=, MAC=). Where more than one gives a MAC, runtimeConfig
 * wins over args, and args over CNI_ARGS, as in the bridge plugin.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-cni-error.h"
#include "nns-cni-json.h"
#include "nns-cni-netconf-private.h"

void
nns_cni_attachment_key_clear (gpointer data)
{
  NnsCniAttachmentKey *key = data;

  g_free (key->container_id);
  g_free (key->ifname);
}

static void
port_mapping_clear (gpointer data)
{
  NnsCniPortMapping *mapping = data;

  g_free (mapping->protocol);
}

static gboolean
parse_port_mapping (JsonObject        *object,
                    const char        *where,
                    NnsCniPortMapping *mapping,
                    GError           **error)
{
  const char *protocol = "tcp", *host_ip = NULL;
  gint64 host_port = 0, container_port = 0;
  g_autofree char *lower = NULL;
  g_autoptr(GError) local = NULL;

  memset (mapping, 0, sizeof *mapping);
  if (!nns_cni_json_int (object, where, "hostPort", 1, G_MAXUINT16, &host_port, error) ||
      !nns_cni_json_int (object, where, "containerPort", 1, G_MAXUINT16, &container_port, error) ||
      !nns_cni_json_string (object, where, "protocol", &protocol, error) ||
      !nns_cni_json_string (object, where, "hostIP", &host_ip, error))
    return FALSE;
  if (host_port == 0 || container_port == 0)
    return nns_cni_netconf_invalid (error, "%s needs hostPort and containerPort", where);
  lower = g_ascii_strdown (protocol[0] != '\0' ? protocol : "tcp", -1);
  if (strcmp (lower, "tcp") != 0 && strcmp (lower, "udp") != 0)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_UNSUPPORTED_FIELD,
                         "unsupported field in network configuration",
                         "%s.protocol: \"%s\" is not supported; netnsd forwards tcp and udp",
                         where, protocol);
      return FALSE;
    }
  if (host_ip != NULL && host_ip[0] != '\0' &&
      !nns_cidr_parse (host_ip, NNS_CIDR_NO_PREFIX, "hostIP", &mapping->host_ip, &local))
    return nns_cni_netconf_invalid (error, "%s: %s", where, local->message);
  mapping->protocol = g_steal_pointer (&lower);
  mapping->host_port = (guint16) host_port;
  mapping->container_port = (guint16) container_port;
  return TRUE;
}

static gboolean
parse_port_mappings (JsonObject    *runtime,
                     NnsCniNetConf *conf,
                     GError       **error)
{
  JsonArray *mappings = NULL;

  if (runtime != NULL &&
      !nns_cni_json_array (runtime, "runtimeConfig", "portMappings", &mappings, error))
    return FALSE;
  for (guint i = 0; mappings != NULL && i < json_array_get_length (mappings); i++)
    {
      JsonNode *node = json_array_get_element (mappings, i);
      g_autofree char *where = g_strdup_printf ("runtimeConfig.portMappings[%u]", i);
      NnsCniPortMapping mapping;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return nns_cni_netconf_invalid (error, "%s must be an object", where);
      if (!parse_port_mapping (json_node_get_object (node), where, &mapping, error))
        return FALSE;
      g_array_append_val (conf->port_mappings, mapping);
    }
  return TRUE;
}

/* An address asked for: "10.88.0.5" or, as runtimes also write it,
 * "10.88.0.5/16" (the prefix is the range's in any case). */
static gboolean
add_requested (NnsCniNetConf  *conf,
               const char     *text,
               const char     *where,
               NnsCniErrorCode code,
               GError        **error)
{
  g_autoptr(GError) local = NULL;
  NnsCidr address;

  if (!nns_cidr_parse (text, NNS_CIDR_PREFIX_OPTIONAL, where, &address, &local))
    {
      nns_cni_set_error (error, code, code == NNS_CNI_ERROR_INVALID_ENVIRONMENT
                                        ? "invalid CNI_ARGS" : "invalid network configuration",
                         "%s", local->message);
      return FALSE;
    }
  address.prefix = address.family == AF_INET ? 32 : 128;
  g_array_append_val (conf->requested, address);
  return TRUE;
}

static gboolean
add_requested_list (NnsCniNetConf *conf,
                    JsonObject    *object,
                    const char    *where,
                    GError       **error)
{
  g_autoptr(GPtrArray) ips = NULL;
  g_autofree char *path = nns_cni_json_path (where, "ips");

  if (object == NULL)
    return TRUE;
  if (!nns_cni_json_strings (object, where, "ips", &ips, error))
    return FALSE;
  for (guint i = 0; ips != NULL && i < ips->len; i++)
    if (!add_requested (conf, ips->pdata[i], path, NNS_CNI_ERROR_INVALID_CONFIG, error))
      return FALSE;
  return TRUE;
}

static gboolean
set_mac (NnsCniNetConf  *conf,
         const char     *mac,
         const char     *where,
         NnsCniErrorCode code,
         GError        **error)
{
  guint8 bytes[NNS_MAC_LEN];
  g_autoptr(GError) local = NULL;

  if (mac == NULL)
    return TRUE;
  if (!nns_mac_parse (mac, where, bytes, &local))
    {
      nns_cni_set_error (error, code, code == NNS_CNI_ERROR_INVALID_ENVIRONMENT
                                        ? "invalid CNI_ARGS" : "invalid network configuration",
                         "%s", local->message);
      return FALSE;
    }
  g_free (conf->mac);
  conf->mac = g_ascii_strdown (mac, -1);
  return TRUE;
}

gboolean
nns_cni_netconf_parse_runtime (JsonObject      *object,
                               const NnsCniEnv *env,
                               NnsCniNetConf   *conf,
                               GError         **error)
{
  JsonObject *runtime = NULL, *args = NULL, *args_cni = NULL;
  const char *runtime_mac = NULL, *args_mac = NULL;

  conf->port_mappings = g_array_new (FALSE, FALSE, sizeof (NnsCniPortMapping));
  g_array_set_clear_func (conf->port_mappings, port_mapping_clear);
  conf->requested = g_array_new (FALSE, FALSE, sizeof (NnsCidr));
  if (!nns_cni_json_object (object, "", "runtimeConfig", &runtime, error) ||
      !nns_cni_json_object (object, "", "args", &args, error) ||
      (args != NULL && !nns_cni_json_object (args, "args", "cni", &args_cni, error)) ||
      (runtime != NULL &&
       !nns_cni_json_string (runtime, "runtimeConfig", "mac", &runtime_mac, error)) ||
      (args_cni != NULL && !nns_cni_json_string (args_cni, "args.cni", "mac", &args_mac, error)))
    return FALSE;
  if (!parse_port_mappings (runtime, conf, error) ||
      !add_requested_list (conf, runtime, "runtimeConfig", error) ||
      !add_requested_list (conf, args_cni, "args.cni", error) ||
      (env->arg_ip != NULL &&
       !add_requested (conf, env->arg_ip, "CNI_ARGS IP", NNS_CNI_ERROR_INVALID_ENVIRONMENT,
                       error)))
    return FALSE;
  return set_mac (conf, env->arg_mac, "CNI_ARGS MAC", NNS_CNI_ERROR_INVALID_ENVIRONMENT, error) &&
         set_mac (conf, args_mac, "args.cni.mac", NNS_CNI_ERROR_INVALID_CONFIG, error) &&
         set_mac (conf, runtime_mac, "runtimeConfig.mac", NNS_CNI_ERROR_INVALID_CONFIG, error);
}
