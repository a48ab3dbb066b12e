/* nns-cni-netnsd.c: the plugin's calls to netnsd, through libnetns, and
 * netnsd's errors as CNI errors.
 *
 * Calls are made without interactive authorization (libnetns's default):
 * a plugin runs under a container runtime, with nobody to type a
 * password. Runtimes run plugins as root, whom polkit allows without
 * asking.
 *
 * ADD's Apply carries the container's namespace as a file descriptor
 * (AttachNamespace's netns, the handle 0): it goes out through
 * netns_client_apply_with_fds().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <netns/netns.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-cni-error.h"
#include "nns-cni-netnsd.h"

struct _NnsCniNetnsd {
  GObject      parent_instance;
  NetNsClient *client;
};

G_DEFINE_FINAL_TYPE (NnsCniNetnsd, nns_cni_netnsd, G_TYPE_OBJECT)

static void
nns_cni_netnsd_finalize (GObject *object)
{
  NnsCniNetnsd *self = NNS_CNI_NETNSD (object);

  g_clear_object (&self->client);
  G_OBJECT_CLASS (nns_cni_netnsd_parent_class)->finalize (object);
}

static void
nns_cni_netnsd_class_init (NnsCniNetnsdClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_cni_netnsd_finalize;
}

static void
nns_cni_netnsd_init (NnsCniNetnsd *self)
{
}

NnsCniNetnsd *
nns_cni_netnsd_new (GError **error)
{
  g_autoptr(NnsCniNetnsd) self = g_object_new (NNS_TYPE_CNI_NETNSD, NULL);

  /* Lazy: the plugin only calls methods, and a host with a thousand
   * containers has a thousand namespaces not to fetch on each ADD. */
  self->client = netns_client_new_full_sync (NULL, NETNS_CLIENT_FLAGS_LAZY, NULL, error);
  if (self->client == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* Parsing what netnsd answers */

static void
parse_cidr (const char *text,
            NnsCidrKind kind,
            NnsCidr    *cidr)
{
  if (text == NULL || !nns_cidr_parse (text, kind, "address", cidr, NULL))
    memset (cidr, 0, sizeof *cidr);
}

static void
lease_free (gpointer data)
{
  NnsCniLease *lease = data;

  g_free (lease->holder);
  g_free (lease);
}

static void
fill_lease (NnsCniLease *lease,
            const char  *holder,
            const char  *address,
            const char  *gateway)
{
  lease->holder = g_strdup (holder);
  parse_cidr (address, NNS_CIDR_PREFIX_OPTIONAL, &lease->address);
  parse_cidr (gateway, NNS_CIDR_NO_PREFIX, &lease->gateway);
}

gboolean
nns_cni_netnsd_lease (NnsCniNetnsd  *self,
                      const char    *pool,
                      const char    *holder,
                      GVariant      *ranges,
                      const NnsCidr *requested,
                      NnsCniLease   *lease,
                      GError       **error)
{
  g_autofree char *requested_text = NULL;
  g_autofree char *address = NULL;
  g_autofree char *gateway = NULL;
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&options, "{sv}", "ranges", ranges);
  if (requested != NULL)
    {
      requested_text = nns_cidr_address_to_string (requested);
      g_variant_builder_add (&options, "{sv}", "address", g_variant_new_string (requested_text));
    }
  address = netns_client_lease_address_sync (self->client, pool, holder,
                                             g_variant_builder_end (&options), &gateway, NULL,
                                             error);
  if (address == NULL)
    return FALSE;
  fill_lease (lease, holder, address, gateway);
  return TRUE;
}

gboolean
nns_cni_netnsd_release (NnsCniNetnsd *self,
                        const char   *pool,
                        GPtrArray    *holders,
                        gboolean      keep_only,
                        GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GVariantBuilder options;

  for (guint i = 0; i < holders->len; i++)
    g_ptr_array_add (list, holders->pdata[i]);
  g_ptr_array_add (list, NULL);
  g_variant_builder_init (&options, G_VARIANT_TYPE ("a{sv}"));
  if (keep_only)
    g_variant_builder_add (&options, "{sv}", "keep-only", g_variant_new_boolean (TRUE));
  return netns_client_release_leases_sync (self->client, pool, (const char *const *) list->pdata,
                                           g_variant_builder_end (&options), NULL, error);
}

/* Parses each entry of @entries (aa{sv}, taken) with @parse into a new
 * array; NULL @entries (a failed call) gives NULL. */
static GPtrArray *
parse_list (GVariant       *entries,
            gpointer      (*parse) (GVariant *entry),
            GDestroyNotify  free_func)
{
  g_autoptr(GVariant) owned = entries;
  GPtrArray *out;
  GVariantIter iter;
  GVariant *entry;

  if (owned == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (free_func);
  g_variant_iter_init (&iter, owned);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_ptr_array_add (out, parse (entry));
      g_variant_unref (entry);
    }
  return out;
}

static const char *
lookup_string (GVariant   *entry,
               const char *key)
{
  const char *value = NULL;

  return g_variant_lookup (entry, key, "&s", &value) ? value : NULL;
}

static gpointer
parse_lease (GVariant *entry)
{
  NnsCniLease *lease = g_new0 (NnsCniLease, 1);

  fill_lease (lease, lookup_string (entry, "holder"), lookup_string (entry, "address"),
              lookup_string (entry, "gateway"));
  return lease;
}

GPtrArray *
nns_cni_netnsd_list_leases (NnsCniNetnsd *self,
                            const char   *pool,
                            GError      **error)
{
  return parse_list (netns_client_list_leases_sync (self->client, pool, NULL, error),
                     parse_lease, lease_free);
}

static void
link_free (gpointer data)
{
  NnsCniLink *link = data;

  g_free (link->name);
  g_free (link->kind);
  g_free (link->mac);
  g_free (link->master);
  g_strfreev (link->addresses);
  g_free (link);
}

static gpointer
parse_link (GVariant *entry)
{
  NnsCniLink *link = g_new0 (NnsCniLink, 1);

  link->name = g_strdup (lookup_string (entry, "name"));
  link->kind = g_strdup (lookup_string (entry, "kind"));
  link->mac = g_strdup (lookup_string (entry, "address"));
  link->master = g_strdup (lookup_string (entry, "master"));
  if (link->master == NULL)
    link->master = g_strdup ("");
  if (!g_variant_lookup (entry, "up", "b", &link->up))
    link->up = FALSE;
  if (!g_variant_lookup (entry, "addresses", "^as", &link->addresses))
    link->addresses = g_new0 (char *, 1);
  return link;
}

GPtrArray *
nns_cni_netnsd_list_links (NnsCniNetnsd *self,
                           const char   *namespace,
                           GError      **error)
{
  return parse_list (netns_client_list_links_sync (self->client, namespace, NULL, error),
                     parse_link, link_free);
}

const NnsCniLink *
nns_cni_links_find (GPtrArray  *links,
                    const char *name)
{
  for (guint i = 0; i < links->len; i++)
    {
      const NnsCniLink *link = links->pdata[i];

      if (g_strcmp0 (link->name, name) == 0)
        return link;
    }
  return NULL;
}

static void
route_free (gpointer data)
{
  NnsCniRouteEntry *route = data;

  g_free (route->dev);
  g_free (route);
}

static gpointer
parse_route (GVariant *entry)
{
  NnsCniRouteEntry *route = g_new0 (NnsCniRouteEntry, 1);
  const char *destination = lookup_string (entry, "destination");
  const char *family = lookup_string (entry, "family");

  if (g_strcmp0 (destination, "default") == 0)
    parse_cidr (g_strcmp0 (family, "inet6") == 0 ? "::/0" : "0.0.0.0/0",
                NNS_CIDR_PREFIX_OPTIONAL, &route->destination);
  else
    parse_cidr (destination, NNS_CIDR_PREFIX_OPTIONAL, &route->destination);
  parse_cidr (lookup_string (entry, "via"), NNS_CIDR_NO_PREFIX, &route->via);
  route->dev = g_strdup (lookup_string (entry, "dev"));
  if (route->dev == NULL)
    route->dev = g_strdup ("");
  if (!g_variant_lookup (entry, "table", "u", &route->table))
    route->table = 0;
  return route;
}

GPtrArray *
nns_cni_netnsd_list_routes (NnsCniNetnsd *self,
                            const char   *namespace,
                            GError      **error)
{
  return parse_list (netns_client_list_routes_sync (self->client, namespace, NULL, error),
                     parse_route, route_free);
}

static void
masquerade_free (gpointer data)
{
  NnsCniMasquerade *masquerade = data;

  g_free (masquerade->source);
  g_free (masquerade->out_link);
  g_free (masquerade);
}

static gpointer
parse_masquerade (GVariant *entry)
{
  NnsCniMasquerade *masquerade = g_new0 (NnsCniMasquerade, 1);

  masquerade->source = g_strdup (lookup_string (entry, "source"));
  masquerade->out_link = g_strdup (lookup_string (entry, "out-link"));
  return masquerade;
}

GPtrArray *
nns_cni_netnsd_list_masquerades (NnsCniNetnsd *self,
                                 const char   *namespace,
                                 GError      **error)
{
  return parse_list (netns_client_list_masquerades_sync (self->client, namespace, NULL, error),
                     parse_masquerade, masquerade_free);
}

static void
forward_free (gpointer data)
{
  NnsCniForward *forward = data;

  g_free (forward->protocol);
  g_free (forward->target);
  g_free (forward->address);
  g_free (forward);
}

static gpointer
parse_forward (GVariant *entry)
{
  NnsCniForward *forward = g_new0 (NnsCniForward, 1);

  forward->protocol = g_strdup (lookup_string (entry, "protocol"));
  forward->target = g_strdup (lookup_string (entry, "target"));
  forward->address = g_strdup (lookup_string (entry, "address"));
  if (forward->address == NULL)
    forward->address = g_strdup ("");
  if (!g_variant_lookup (entry, "port", "q", &forward->port))
    forward->port = 0;
  return forward;
}

GPtrArray *
nns_cni_netnsd_list_forwards (NnsCniNetnsd *self,
                              const char   *namespace,
                              GError      **error)
{
  return parse_list (netns_client_list_port_forwards_sync (self->client, namespace, NULL, error),
                     parse_forward, forward_free);
}

/* Changes */

gboolean
nns_cni_netnsd_apply (NnsCniNetnsd *self,
                      GVariant     *operations,
                      int           netns_fd,
                      GError      **error)
{
  g_autoptr(GVariant) results = NULL;

  if (netns_fd >= 0)
    results = netns_client_apply_with_fds_sync (self->client, operations, NULL, &netns_fd, 1,
                                                NULL, error);
  else
    results = netns_client_apply_sync (self->client, operations, NULL, NULL, error);
  return results != NULL;
}

gboolean
nns_cni_netnsd_delete_link (NnsCniNetnsd *self,
                            const char   *namespace,
                            const char   *name,
                            GError      **error)
{
  return netns_client_delete_link_sync (self->client, namespace, name, NULL, error);
}

gboolean
nns_cni_netnsd_delete_namespace (NnsCniNetnsd *self,
                                 const char   *name,
                                 GError      **error)
{
  return netns_client_delete_namespace_sync (self->client, name, NULL, NULL, error);
}

/* Errors */

guint
nns_cni_netnsd_failed_operation (const GError *error)
{
  const char *text = strstr (error->message, "operation ");
  guint64 number;
  char *end = NULL;

  if (text == NULL)
    return 0;
  number = g_ascii_strtoull (text + strlen ("operation "), &end, 10);
  if (end == NULL || *end != ' ' || number == 0 || number > G_MAXUINT)
    return 0;
  return (guint) number;
}

gboolean
nns_cni_netnsd_error_is_exists (const GError *error)
{
  return g_error_matches (error, NETNS_ERROR, NETNS_ERROR_EXISTS);
}

gboolean
nns_cni_netnsd_error_is_not_found (const GError *error)
{
  return g_error_matches (error, NETNS_ERROR, NETNS_ERROR_NOT_FOUND);
}

gboolean
nns_cni_netnsd_error_is_unreachable (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return TRUE;
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  switch ((GDBusError) error->code)
    {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_NO_REPLY:
    case G_DBUS_ERROR_TIMEOUT:
    case G_DBUS_ERROR_TIMED_OUT:
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_DISCONNECTED:
    case G_DBUS_ERROR_FILE_NOT_FOUND:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
      return TRUE;
    default:
      return FALSE;
    }
}

static NnsCniErrorCode
code_for (const GError *error)
{
  if (nns_cni_netnsd_error_is_unreachable (error))
    return NNS_CNI_ERROR_TRY_AGAIN_LATER;
  if (error->domain != NETNS_ERROR)
    return NNS_CNI_ERROR_INTERNAL;
  switch ((NetNsError) error->code)
    {
    case NETNS_ERROR_BUSY:
      return NNS_CNI_ERROR_TRY_AGAIN_LATER;
    case NETNS_ERROR_INVALID_ARGUMENT:
      /* What the plugin sends netnsd comes from the configuration, which
       * the plugin checked only as far as its own needs go. */
      return NNS_CNI_ERROR_INVALID_CONFIG;
    default:
      return NNS_CNI_ERROR_INTERNAL;
    }
}

void
nns_cni_error_from_netnsd (GError    **error,
                           GError     *netnsd_error,
                           const char *doing)
{
  g_autofree char *msg = NULL;

  if (netnsd_error->domain == NNS_CNI_ERROR)
    {
      g_propagate_error (error, netnsd_error);
      return;
    }
  g_dbus_error_strip_remote_error (netnsd_error);
  if (nns_cni_netnsd_error_is_unreachable (netnsd_error))
    msg = g_strdup_printf ("could not reach netnsd to %s", doing);
  else
    msg = g_strdup_printf ("netnsd could not %s", doing);
  nns_cni_set_error (error, code_for (netnsd_error), msg, "%s", netnsd_error->message);
  g_error_free (netnsd_error);
}
