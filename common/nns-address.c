/* nns-address.c: parsing of the IP and MAC addresses callers pass.
 *
 * Strict on purpose: what netnsd accepts is exactly what it will hand the
 * kernel, and a malformed address is refused with a message that says
 * which part is wrong, before anything changes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-address.h"
#include "nns-error.h"
#include "nns-names.h"

/* The smallest MTU IPv4 allows, and the largest any link takes (lo). */
#define MTU_MIN 68
#define MTU_MAX 65536

static gboolean
parse_prefix (const char *text,
              guint       max,
              guint      *prefix)
{
  guint value = 0;
  gsize len = strlen (text);

  if (len == 0 || len > 3 || (len > 1 && text[0] == '0'))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint) (*p - '0');
    }
  if (value > max)
    return FALSE;
  *prefix = value;
  return TRUE;
}

static gboolean
host_bits_clear (const NnsCidr *cidr)
{
  guint len = cidr->family == AF_INET ? 4 : 16;

  for (guint bit = cidr->prefix; bit < len * 8; bit++)
    if (cidr->bytes[bit / 8] & (0x80 >> (bit % 8)))
      return FALSE;
  return TRUE;
}

static void
clear_host_bits (NnsCidr *cidr)
{
  guint len = cidr->family == AF_INET ? 4 : 16;

  for (guint bit = cidr->prefix; bit < len * 8; bit++)
    cidr->bytes[bit / 8] &= (guint8) ~(0x80 >> (bit % 8));
}

/* Parses "10.200.0.2/24" or "fd00::2/64" (and, as @kind allows, a plain
 * address). @what names the argument in messages ("address", "gateway"). */
gboolean
nns_cidr_parse (const char  *text,
                NnsCidrKind  kind,
                const char  *what,
                NnsCidr     *cidr,
                GError     **error)
{
  g_autofree char *quoted = nns_quote (text);
  g_autofree char *address = NULL;
  const char *slash = strchr (text, '/');
  guint max;

  memset (cidr, 0, sizeof *cidr);
  if (strlen (text) > INET6_ADDRSTRLEN + 4)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is not an IP address", what, quoted);
      return FALSE;
    }

  address = slash != NULL ? g_strndup (text, (gsize) (slash - text)) : g_strdup (text);
  if (inet_pton (AF_INET, address, cidr->bytes) == 1)
    cidr->family = AF_INET;
  else if (inet_pton (AF_INET6, address, cidr->bytes) == 1)
    cidr->family = AF_INET6;
  else
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is not an IP address%s", what, quoted,
                   kind == NNS_CIDR_NO_PREFIX ? "" : " with a prefix length (10.0.0.1/24, fd00::1/64)");
      return FALSE;
    }
  max = cidr->family == AF_INET ? 32 : 128;
  cidr->prefix = max;

  if (slash != NULL && kind == NNS_CIDR_NO_PREFIX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s must be a plain address, without a prefix length", what, quoted);
      return FALSE;
    }
  if (slash == NULL && kind == NNS_CIDR_NETWORK)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s needs a prefix length (10.0.0.0/24, fd00::/64) or 'default'",
                   what, quoted);
      return FALSE;
    }
  if (slash != NULL && !parse_prefix (slash + 1, max, &cidr->prefix))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s has a bad prefix length; %s takes 0 to %u", what, quoted,
                   cidr->family == AF_INET ? "IPv4" : "IPv6", max);
      return FALSE;
    }
  if (kind == NNS_CIDR_NETWORK && !host_bits_clear (cidr))
    {
      NnsCidr network = *cidr;
      g_autofree char *suggestion = NULL;

      clear_host_bits (&network);
      suggestion = nns_cidr_to_string (&network);
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s has host bits set; did you mean %s?", what, quoted, suggestion);
      return FALSE;
    }
  return TRUE;
}

char *
nns_cidr_to_string (const NnsCidr *cidr)
{
  char text[INET6_ADDRSTRLEN];

  inet_ntop (cidr->family, cidr->bytes, text, sizeof text);
  return g_strdup_printf ("%s/%u", text, cidr->prefix);
}

/* The address alone, without its prefix length: for gateways and sources. */
char *
nns_cidr_address_to_string (const NnsCidr *cidr)
{
  char text[INET6_ADDRSTRLEN];

  inet_ntop (cidr->family, cidr->bytes, text, sizeof text);
  return g_strdup (text);
}

gboolean
nns_cidr_equal (const NnsCidr *a,
                const NnsCidr *b)
{
  return a->family == b->family && a->prefix == b->prefix &&
         memcmp (a->bytes, b->bytes, a->family == AF_INET ? 4 : 16) == 0;
}

static gboolean
parse_mac_bytes (const char *text,
                 guint8      mac[NNS_MAC_LEN])
{
  if (strlen (text) != NNS_MAC_LEN * 3 - 1)
    return FALSE;
  for (guint i = 0; i < NNS_MAC_LEN; i++)
    {
      const char *pair = text + i * 3;
      int high = g_ascii_xdigit_value (pair[0]);
      int low = g_ascii_xdigit_value (pair[1]);

      if (high < 0 || low < 0 || (i < NNS_MAC_LEN - 1 && pair[2] != ':'))
        return FALSE;
      mac[i] = (guint8) (high << 4 | low);
    }
  return TRUE;
}

/* Parses "02:00:5e:10:00:01": six hex pairs, a unicast address that is
 * not all zeros (the kernel refuses those for an Ethernet link). */
gboolean
nns_mac_parse (const char *text,
               const char *what,
               guint8      mac[NNS_MAC_LEN],
               GError    **error)
{
  static const guint8 zeros[NNS_MAC_LEN] = { 0 };
  g_autofree char *quoted = nns_quote (text);

  if (!parse_mac_bytes (text, mac))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is not a MAC address like 02:00:00:00:00:01", what, quoted);
      return FALSE;
    }
  if (mac[0] & 0x01)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is a multicast address; a link needs a unicast one", what, quoted);
      return FALSE;
    }
  if (memcmp (mac, zeros, NNS_MAC_LEN) == 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is all zeros", what, quoted);
      return FALSE;
    }
  return TRUE;
}

gboolean
nns_mtu_validate (guint32  mtu,
                  GError **error)
{
  if (mtu < MTU_MIN || mtu > MTU_MAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "MTU %u is out of range; links take %d to %d", mtu, MTU_MIN, MTU_MAX);
      return FALSE;
    }
  return TRUE;
}
