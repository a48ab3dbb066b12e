/* nns-cni-ranges.c: host-local's range sets, read and checked as
 * host-local checks them (plugins/ipam/host-local/backend/allocator), so
 * that a configuration written for it means the same here: the gateway
 * defaults to the subnet's first address, the range to the whole subnet
 * (less, for IPv4, its broadcast address), and a /31 or /32 (/127, /128)
 * is too small. netnsd does the leasing (LeaseAddress).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-cni-error.h"
#include "nns-cni-json.h"
#include "nns-cni-ranges.h"

static guint
family_len (int family)
{
  return family == AF_INET ? 4 : 16;
}

int
nns_cni_address_compare (const NnsCidr *a,
                         const NnsCidr *b)
{
  if (a->family != b->family)
    return a->family < b->family ? -1 : 1;
  return memcmp (a->bytes, b->bytes, family_len (a->family));
}

gboolean
nns_cni_subnet_contains (const NnsCidr *subnet,
                         const NnsCidr *address)
{
  NnsCidr network;

  if (subnet->family != address->family)
    return FALSE;
  network = *address;
  network.prefix = subnet->prefix;
  nns_cni_network_of (&network, &network);
  return memcmp (network.bytes, subnet->bytes, family_len (subnet->family)) == 0;
}

void
nns_cni_network_of (const NnsCidr *address,
                    NnsCidr       *network)
{
  guint len = family_len (address->family);

  *network = *address;
  for (guint bit = address->prefix; bit < len * 8; bit++)
    network->bytes[bit / 8] &= (guint8) ~(0x80 >> (bit % 8));
}

/* @address plus one, within its family (no carry out of the top). */
static void
next_address (NnsCidr *address)
{
  for (int i = (int) family_len (address->family) - 1; i >= 0; i--)
    if (++address->bytes[i] != 0)
      return;
}

static void
last_address (const NnsCidr *subnet,
              NnsCidr       *last)
{
  guint len = family_len (subnet->family);

  *last = *subnet;
  last->prefix = len * 8;
  for (guint bit = subnet->prefix; bit < len * 8; bit++)
    last->bytes[bit / 8] |= (guint8) (0x80 >> (bit % 8));
  /* IPv4's last address is the broadcast address. */
  if (subnet->family == AF_INET)
    last->bytes[3]--;
}

void
nns_cni_range_set_free (NnsCniRangeSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->ranges);
  g_free (set);
}

int
nns_cni_range_set_family (const NnsCniRangeSet *set)
{
  return g_array_index (set->ranges, NnsCniRange, 0).subnet.family;
}

static gboolean
range_contains (const NnsCniRange *range,
                const NnsCidr     *address)
{
  return nns_cni_subnet_contains (&range->subnet, address) &&
         nns_cni_address_compare (address, &range->start) >= 0 &&
         nns_cni_address_compare (address, &range->end) <= 0;
}

gboolean
nns_cni_range_set_contains (const NnsCniRangeSet *set,
                            const NnsCidr        *address)
{
  for (guint i = 0; i < set->ranges->len; i++)
    if (range_contains (&g_array_index (set->ranges, NnsCniRange, i), address))
      return TRUE;
  return FALSE;
}

/* end - start + 1, or G_MAXUINT64 when that does not fit. */
static guint64
range_size (const NnsCniRange *range)
{
  guint len = family_len (range->subnet.family);
  guint64 start = 0, end = 0;

  for (guint i = 0; i + 8 < len; i++)
    if (range->start.bytes[i] != range->end.bytes[i])
      return G_MAXUINT64;
  for (guint i = len > 8 ? len - 8 : 0; i < len; i++)
    {
      start = start << 8 | range->start.bytes[i];
      end = end << 8 | range->end.bytes[i];
    }
  return end - start == G_MAXUINT64 ? G_MAXUINT64 : end - start + 1;
}

guint64
nns_cni_range_set_capacity (const NnsCniRangeSet *set)
{
  guint64 total = 0;

  for (guint i = 0; i < set->ranges->len; i++)
    {
      const NnsCniRange *range = &g_array_index (set->ranges, NnsCniRange, i);
      guint64 size = range_size (range);

      if (size != G_MAXUINT64 && range_contains (range, &range->gateway))
        size--;
      if (size > G_MAXUINT64 - total)
        return G_MAXUINT64;
      total += size;
    }
  return total;
}

GVariant *
nns_cni_range_set_to_variant (const NnsCniRangeSet *set)
{
  GVariantBuilder ranges;

  g_variant_builder_init (&ranges, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < set->ranges->len; i++)
    {
      const NnsCniRange *range = &g_array_index (set->ranges, NnsCniRange, i);
      g_autofree char *subnet = nns_cidr_to_string (&range->subnet);
      g_autofree char *start = nns_cidr_address_to_string (&range->start);
      g_autofree char *end = nns_cidr_address_to_string (&range->end);
      g_autofree char *gateway = nns_cidr_address_to_string (&range->gateway);

      g_variant_builder_open (&ranges, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&ranges, "{sv}", "subnet", g_variant_new_string (subnet));
      g_variant_builder_add (&ranges, "{sv}", "range-start", g_variant_new_string (start));
      g_variant_builder_add (&ranges, "{sv}", "range-end", g_variant_new_string (end));
      g_variant_builder_add (&ranges, "{sv}", "gateway", g_variant_new_string (gateway));
      g_variant_builder_close (&ranges);
    }
  return g_variant_builder_end (&ranges);
}

static gboolean
config_error (GError    **error,
              const char *path,
              const char *problem,
              const char *text)
{
  nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                     "%s %s %s", path, text, problem);
  return FALSE;
}

/* Reads @key, a plain address of @range's subnet, into @address. */
static gboolean
parse_member_address (JsonObject  *object,
                      const char  *where,
                      const char  *key,
                      NnsCniRange *range,
                      NnsCidr     *address,
                      gboolean    *given,
                      GError     **error)
{
  g_autofree char *path = nns_cni_json_path (where, key);
  g_autoptr(GError) local = NULL;
  const char *text = NULL;

  if (!nns_cni_json_string (object, where, key, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!nns_cidr_parse (text, NNS_CIDR_NO_PREFIX, path, address, &local))
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                         "%s", local->message);
      return FALSE;
    }
  if (!nns_cni_subnet_contains (&range->subnet, address))
    return config_error (error, path, "is not in the subnet", text);
  *given = TRUE;
  return TRUE;
}

static gboolean
parse_range (JsonObject  *object,
             const char  *where,
             NnsCniRange *range,
             GError     **error)
{
  g_autofree char *subnet_path = nns_cni_json_path (where, "subnet");
  g_autoptr(GError) local = NULL;
  const char *subnet = NULL;
  guint bits;

  memset (range, 0, sizeof *range);
  if (!nns_cni_json_string (object, where, "subnet", &subnet, error))
    return FALSE;
  if (subnet == NULL)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                         "%s is missing", subnet_path);
      return FALSE;
    }
  if (strchr (subnet, '/') == NULL)
    return config_error (error, subnet_path, "needs a prefix length (10.88.0.0/16, fd00::/64)",
                         subnet);
  if (!nns_cidr_parse (subnet, NNS_CIDR_NETWORK, subnet_path, &range->subnet, &local))
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                         "%s", local->message);
      return FALSE;
    }
  bits = family_len (range->subnet.family) * 8;
  if (range->subnet.prefix > bits - 2)
    return config_error (error, subnet_path, "is too small to take addresses from", subnet);

  if (!parse_member_address (object, where, "rangeStart", range, &range->start,
                             &range->explicit_start, error) ||
      !parse_member_address (object, where, "rangeEnd", range, &range->end,
                             &range->explicit_end, error) ||
      !parse_member_address (object, where, "gateway", range, &range->gateway,
                             &range->explicit_gateway, error))
    return FALSE;

  /* host-local's defaults: the first address is the gateway, and the
   * range is all of the subnet (the gateway is skipped when leasing). */
  if (!range->explicit_gateway)
    {
      range->gateway = range->subnet;
      range->gateway.prefix = bits;
      next_address (&range->gateway);
    }
  if (!range->explicit_start)
    {
      range->start = range->subnet;
      range->start.prefix = bits;
      next_address (&range->start);
    }
  if (!range->explicit_end)
    last_address (&range->subnet, &range->end);
  if (nns_cni_address_compare (&range->start, &range->end) > 0)
    {
      g_autofree char *path = nns_cni_json_path (where, "rangeStart");
      g_autofree char *start = nns_cidr_address_to_string (&range->start);

      return config_error (error, path, "comes after rangeEnd", start);
    }
  return TRUE;
}

static gboolean
parse_set (JsonArray      *array,
           const char     *where,
           NnsCniRangeSet *set,
           GError        **error)
{
  if (json_array_get_length (array) == 0)
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                         "%s is an empty range set", where);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", where, i);
      NnsCniRange range;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG,
                             "invalid network configuration", "%s must be an object", path);
          return FALSE;
        }
      if (!parse_range (json_node_get_object (node), path, &range, error))
        return FALSE;
      if (set->ranges->len > 0 &&
          g_array_index (set->ranges, NnsCniRange, 0).subnet.family != range.subnet.family)
        {
          nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG,
                             "invalid network configuration",
                             "%s is of another family than the ranges before it", path);
          return FALSE;
        }
      g_array_append_val (set->ranges, range);
    }
  return TRUE;
}

static NnsCniRangeSet *
range_set_new (void)
{
  NnsCniRangeSet *set = g_new0 (NnsCniRangeSet, 1);

  set->ranges = g_array_new (FALSE, FALSE, sizeof (NnsCniRange));
  return set;
}

static gboolean
ranges_overlap (const NnsCniRangeSet *a,
                const NnsCniRangeSet *b)
{
  for (guint i = 0; i < a->ranges->len; i++)
    for (guint j = 0; j < b->ranges->len; j++)
      {
        const NnsCniRange *x = &g_array_index (a->ranges, NnsCniRange, i);
        const NnsCniRange *y = &g_array_index (b->ranges, NnsCniRange, j);

        if (x->subnet.family == y->subnet.family &&
            nns_cni_address_compare (&x->start, &y->end) <= 0 &&
            nns_cni_address_compare (&y->start, &x->end) <= 0)
          return TRUE;
      }
  return FALSE;
}

gboolean
nns_cni_ranges_parse (JsonObject *object,
                      const char *where,
                      GPtrArray **sets,
                      GError    **error)
{
  g_autoptr(GPtrArray) result =
    g_ptr_array_new_with_free_func ((GDestroyNotify) nns_cni_range_set_free);
  g_autofree char *ranges_path = nns_cni_json_path (where, "ranges");
  JsonArray *ranges = NULL;

  if (json_object_has_member (object, "subnet"))
    {
      g_autoptr(NnsCniRangeSet) set = range_set_new ();
      NnsCniRange range;

      if (!parse_range (object, where, &range, error))
        return FALSE;
      g_array_append_val (set->ranges, range);
      g_ptr_array_add (result, g_steal_pointer (&set));
    }
  if (!nns_cni_json_array (object, where, "ranges", &ranges, error))
    return FALSE;
  for (guint i = 0; ranges != NULL && i < json_array_get_length (ranges); i++)
    {
      JsonNode *node = json_array_get_element (ranges, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", ranges_path, i);
      g_autoptr(NnsCniRangeSet) set = range_set_new ();

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG,
                             "invalid network configuration",
                             "%s must be an array of ranges", path);
          return FALSE;
        }
      if (!parse_set (json_node_get_array (node), path, set, error))
        return FALSE;
      g_ptr_array_add (result, g_steal_pointer (&set));
    }
  for (guint i = 0; i < result->len; i++)
    for (guint j = i + 1; j < result->len; j++)
      if (ranges_overlap (result->pdata[i], result->pdata[j]))
        {
          nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG,
                             "invalid network configuration",
                             "range set %u overlaps with range set %u", i, j);
          return FALSE;
        }
  *sets = g_steal_pointer (&result);
  return TRUE;
}
