/* nns-nat-rules.c: the masquerades and port forwards of one namespace,
 * as netnsd keeps them, and the parsing of what callers give for them.
 *
 * Everything here is checked and kept in parsed form (addresses as
 * bytes, ports as numbers, protocols as their numbers), and nftables
 * rules are written only from that form (nns-nftables.c): no text a
 * caller gave reaches nftables as it was given.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-error.h"
#include "nns-names.h"
#include "nns-nat-rules.h"

static void
masquerade_free (gpointer data)
{
  NnsMasquerade *masquerade = data;

  g_free (masquerade->out_link);
  g_free (masquerade);
}

NnsNatRules *
nns_nat_rules_new (void)
{
  NnsNatRules *rules = g_new0 (NnsNatRules, 1);

  rules->masquerades = g_ptr_array_new_with_free_func (masquerade_free);
  rules->forwards = g_ptr_array_new_with_free_func (g_free);
  return rules;
}

void
nns_nat_rules_free (NnsNatRules *rules)
{
  if (rules == NULL)
    return;
  g_ptr_array_unref (rules->masquerades);
  g_ptr_array_unref (rules->forwards);
  g_free (rules);
}

void
nns_nat_rules_add_masquerade (NnsNatRules         *rules,
                              const NnsMasquerade *masquerade)
{
  NnsMasquerade *copy = g_new0 (NnsMasquerade, 1);

  copy->source = masquerade->source;
  copy->out_link = g_strdup (masquerade->out_link);
  g_ptr_array_add (rules->masquerades, copy);
}

void
nns_nat_rules_add_forward (NnsNatRules          *rules,
                           const NnsPortForward *forward)
{
  g_ptr_array_add (rules->forwards, g_memdup2 (forward, sizeof *forward));
}

NnsNatRules *
nns_nat_rules_copy (const NnsNatRules *rules)
{
  NnsNatRules *copy = nns_nat_rules_new ();

  for (guint i = 0; rules != NULL && i < rules->masquerades->len; i++)
    nns_nat_rules_add_masquerade (copy, rules->masquerades->pdata[i]);
  for (guint i = 0; rules != NULL && i < rules->forwards->len; i++)
    nns_nat_rules_add_forward (copy, rules->forwards->pdata[i]);
  return copy;
}

gboolean
nns_nat_rules_is_empty (const NnsNatRules *rules)
{
  return rules == NULL || (rules->masquerades->len == 0 && rules->forwards->len == 0);
}

/* The index of the masquerade of @source through @out_link, or -1. */
int
nns_nat_rules_find_masquerade (const NnsNatRules *rules,
                               const NnsCidr     *source,
                               const char        *out_link)
{
  for (guint i = 0; i < rules->masquerades->len; i++)
    {
      const NnsMasquerade *masquerade = rules->masquerades->pdata[i];

      if (nns_cidr_equal (&masquerade->source, source) &&
          g_strcmp0 (masquerade->out_link, out_link) == 0)
        return (int) i;
    }
  return -1;
}

/* Whether @a is a forward of @protocol @port on @address (NULL: on every
 * address). A forward is known by these and its family: one port may go
 * to an IPv4 and an IPv6 target at once. */
gboolean
nns_port_forward_matches (const NnsPortForward *a,
                          int                   protocol,
                          guint16               port,
                          const NnsCidr        *address)
{
  if (a->protocol != protocol || a->port != port || a->has_address != (address != NULL))
    return FALSE;
  return address == NULL || nns_cidr_equal (&a->address, address);
}

int
nns_nat_rules_find_forward (const NnsNatRules    *rules,
                            const NnsPortForward *forward)
{
  for (guint i = 0; i < rules->forwards->len; i++)
    {
      const NnsPortForward *known = rules->forwards->pdata[i];

      if (nns_port_forward_matches (known, forward->protocol, forward->port,
                        forward->has_address ? &forward->address : NULL) &&
          known->target.family == forward->target.family)
        return (int) i;
    }
  return -1;
}

/* Removes the forwards of @protocol @port on @address (NULL: those on
 * every address), of either family; returns how many went. */
guint
nns_nat_rules_remove_forwards (NnsNatRules   *rules,
                               int            protocol,
                               guint16        port,
                               const NnsCidr *address)
{
  guint removed = 0;

  for (guint i = rules->forwards->len; i-- > 0;)
    if (nns_port_forward_matches (rules->forwards->pdata[i], protocol, port, address))
      {
        g_ptr_array_remove_index (rules->forwards, i);
        removed++;
      }
  return removed;
}

/* Whether any rule moves packets of @family through the namespace. */
gboolean
nns_nat_rules_use_family (const NnsNatRules *rules,
                          int                family)
{
  for (guint i = 0; i < rules->masquerades->len; i++)
    if (((NnsMasquerade *) rules->masquerades->pdata[i])->source.family == family)
      return TRUE;
  for (guint i = 0; i < rules->forwards->len; i++)
    if (((NnsPortForward *) rules->forwards->pdata[i])->target.family == family)
      return TRUE;
  return FALSE;
}

/* Whether an IPv4 forward takes connections made inside the namespace,
 * which include those to 127.0.0.1: the kernel routes those out of a
 * link only with route_localnet. */
gboolean
nns_nat_rules_use_localnet (const NnsNatRules *rules)
{
  for (guint i = 0; i < rules->forwards->len; i++)
    {
      const NnsPortForward *forward = rules->forwards->pdata[i];

      if (forward->from_local && forward->target.family == AF_INET)
        return TRUE;
    }
  return FALSE;
}

/* Whether @forward takes connections made inside the namespace to ::1:
 * those leave with ::1 as their source, so they are masqueraded, and
 * their answers need a route (nns-netlink-loopback.c). */
gboolean
nns_port_forward_takes_ipv6_loopback (const NnsPortForward *forward)
{
  static const guint8 loopback[16] = { [15] = 1 };

  if (!forward->from_local || forward->target.family != AF_INET6)
    return FALSE;
  return !forward->has_address || memcmp (forward->address.bytes, loopback, sizeof loopback) == 0;
}

gboolean
nns_nat_rules_use_ipv6_loopback (const NnsNatRules *rules)
{
  for (guint i = 0; i < rules->forwards->len; i++)
    if (nns_port_forward_takes_ipv6_loopback (rules->forwards->pdata[i]))
      return TRUE;
  return FALSE;
}

/* Parsing */

gboolean
nns_nat_protocol_parse (const char *text,
                        int        *protocol,
                        GError    **error)
{
  g_autofree char *quoted = NULL;

  if (g_str_equal (text, "tcp"))
    *protocol = IPPROTO_TCP;
  else if (g_str_equal (text, "udp"))
    *protocol = IPPROTO_UDP;
  else
    {
      quoted = nns_quote (text);
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "protocol %s is not tcp or udp", quoted);
      return FALSE;
    }
  return TRUE;
}

const char *
nns_nat_protocol_to_string (int protocol)
{
  return protocol == IPPROTO_TCP ? "tcp" : "udp";
}

gboolean
nns_nat_port_validate (guint       port,
                       const char *what,
                       GError    **error)
{
  if (port >= 1 && port <= 65535)
    return TRUE;
  g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
               "%s %u is out of range (1 to 65535)", what, port);
  return FALSE;
}

/* A network in CIDR form, not every address (nothing would be outside
 * it). */
gboolean
nns_nat_source_parse (const char *text,
                      NnsCidr    *source,
                      GError    **error)
{
  g_autofree char *quoted = nns_quote (text);

  if (strchr (text, '/') == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "source %s is not a network in CIDR form like 10.200.0.0/24", quoted);
      return FALSE;
    }
  if (!nns_cidr_parse (text, NNS_CIDR_NETWORK, "source", source, error))
    return FALSE;
  if (source->prefix == 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "source %s holds every address, so no packet leaves it for an "
                   "address outside it; name the network to masquerade", quoted);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_unusable_target (const NnsCidr *address)
{
  static const guint8 zeros[16] = { 0 };
  static const guint8 loopback6[16] = { [15] = 1 };

  if (address->family == AF_INET)
    return address->bytes[0] == 0 || address->bytes[0] == 127 || address->bytes[0] >= 224;
  return memcmp (address->bytes, zeros, 16) == 0 || memcmp (address->bytes, loopback6, 16) == 0 ||
         address->bytes[0] == 0xff;
}

/* "10.200.0.3:80" or "[fd00::3]:80": a unicast address that is not the
 * namespace's loopback, and a port. */
gboolean
nns_nat_target_parse (const char *text,
                      NnsCidr    *address,
                      guint16    *port,
                      GError    **error)
{
  g_autofree char *quoted = nns_quote (text);
  g_autofree char *host = NULL;
  const char *colon = strrchr (text, ':');
  guint64 number = 0;

  if (colon != NULL && text[0] == '[' && colon > text && colon[-1] == ']')
    host = g_strndup (text + 1, (gsize) (colon - text - 2));
  else if (colon != NULL && strchr (text, ':') == colon)
    host = g_strndup (text, (gsize) (colon - text));
  if (host == NULL || !g_ascii_isdigit (colon[1]) ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT32, &number, NULL) ||
      !nns_cidr_parse (host, NNS_CIDR_NO_PREFIX, "target", address, NULL) ||
      (address->family == AF_INET6) != (text[0] == '['))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "target %s is not ADDRESS:PORT (10.200.0.3:80, [fd00::3]:80)", quoted);
      return FALSE;
    }
  if (!nns_nat_port_validate ((guint) MIN (number, G_MAXUINT), "target port", error))
    return FALSE;
  if (is_unusable_target (address))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "target %s is not an address connections can be forwarded to "
                   "(unspecified, loopback, multicast or broadcast)", quoted);
      return FALSE;
    }
  *port = (guint16) number;
  return TRUE;
}

char *
nns_nat_target_to_string (const NnsCidr *address,
                          guint16        port)
{
  g_autofree char *text = nns_cidr_address_to_string (address);

  if (address->family == AF_INET6)
    return g_strdup_printf ("[%s]:%u", text, port);
  return g_strdup_printf ("%s:%u", text, port);
}

/* A link name that nftables takes as that name: no quote that would end
 * the string, and no '*', which nftables reads as "any name starting
 * with". */
gboolean
nns_nat_link_validate (const char *name,
                       GError    **error)
{
  g_autofree char *quoted = NULL;

  if (!nns_link_name_validate (name, error))
    return FALSE;
  if (strpbrk (name, "\"\\*") == NULL)
    return TRUE;
  quoted = nns_quote (name);
  g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
               "link name %s contains '\"', '\\' or '*', which nftables cannot match exactly",
               quoted);
  return FALSE;
}

gboolean
nns_port_forward_check (const NnsPortForward *forward,
                        GError              **error)
{
  if (!forward->has_address || forward->address.family == forward->target.family)
    return TRUE;
  g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "the port forward mixes IPv4 and IPv6 addresses (its address and "
                       "its target)");
  return FALSE;
}
