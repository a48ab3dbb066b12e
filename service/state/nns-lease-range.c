/* nns-lease-range.c: the ranges LeaseAddress takes addresses from, and
 * the order it tries them in.
 *
 * As CNI's host-local IPAM reads them: a range is a subnet (a network,
 * host bits clear, with at least two addresses to lease) and optionally
 * range-start and range-end (inclusive; by default the subnet's first and
 * last usable addresses) and gateway (by default the first usable
 * address), which is never leased. The subnet's own address is never
 * leased (for IPv4 the network address, for IPv6 the subnet-router
 * anycast address), nor, for IPv4, its broadcast address. The ranges of
 * one call share a family and do not overlap.
 *
 * The next address is host-local's: the first free one after the last
 * one handed out, in that range and then in the ranges after it, round
 * to where it began; so an address just released is not handed out again
 * at once while others are free.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "nns-error.h"
#include "nns-lease-range.h"
#include "nns-names.h"

static guint
address_length (const NnsCidr *cidr)
{
  return cidr->family == AF_INET ? 4 : 16;
}

static int
compare_addresses (const NnsCidr *a,
                   const NnsCidr *b)
{
  return memcmp (a->bytes, b->bytes, address_length (a));
}

/* Whether @a and @b are one address, whatever their prefixes. */
gboolean
nns_cidr_same_address (const NnsCidr *a,
                       const NnsCidr *b)
{
  return a->family == b->family && compare_addresses (a, b) == 0;
}

/* The next address; FALSE past the family's last one. */
static gboolean
next_address (NnsCidr *cidr)
{
  for (gint i = (gint) address_length (cidr) - 1; i >= 0; i--)
    if (++cidr->bytes[i] != 0)
      return TRUE;
  return FALSE;
}

static void
previous_address (NnsCidr *cidr)
{
  for (gint i = (gint) address_length (cidr) - 1; i >= 0; i--)
    if (cidr->bytes[i]-- != 0)
      return;
}

/* The subnet's last address (its broadcast address, for IPv4). */
static NnsCidr
last_address (const NnsCidr *subnet)
{
  NnsCidr last = *subnet;

  for (guint bit = subnet->prefix; bit < address_length (subnet) * 8; bit++)
    last.bytes[bit / 8] |= (guint8) (0x80 >> (bit % 8));
  return last;
}

static gboolean
in_subnet (const NnsCidr *subnet,
           const NnsCidr *address)
{
  if (address->family != subnet->family)
    return FALSE;
  for (guint bit = 0; bit < subnet->prefix; bit++)
    if ((address->bytes[bit / 8] ^ subnet->bytes[bit / 8]) & (0x80 >> (bit % 8)))
      return FALSE;
  return TRUE;
}

/* Whether @address may ever be leased from @subnet. */
static gboolean
leasable (const NnsCidr *subnet,
          const NnsCidr *address)
{
  NnsCidr last = last_address (subnet);

  return in_subnet (subnet, address) && !nns_cidr_same_address (address, subnet) &&
         (subnet->family != AF_INET || !nns_cidr_same_address (address, &last));
}

/* Parses one address of range @index: @key names it in messages. */
static gboolean
parse_member (const NnsCidr *subnet,
              const char    *text,
              guint          index,
              const char    *key,
              gboolean       leased,
              NnsCidr       *address,
              GError       **error)
{
  g_autofree char *what = g_strdup_printf ("ranges[%u].%s", index, key);
  g_autofree char *subnet_text = nns_cidr_to_string (subnet);

  if (!nns_cidr_parse (text, NNS_CIDR_NO_PREFIX, what, address, error))
    return FALSE;
  address->prefix = subnet->prefix;
  if (!in_subnet (subnet, address))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is outside the subnet %s", what, text, subnet_text);
      return FALSE;
    }
  if (leased && !leasable (subnet, address))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is the %s address of the subnet %s, which is never leased", what,
                   text, nns_cidr_same_address (address, subnet) ? "network" : "broadcast",
                   subnet_text);
      return FALSE;
    }
  return TRUE;
}

/* Reads the range @index of a call from @text. */
gboolean
nns_lease_range_init (NnsLeaseRange           *range,
                      const NnsLeaseRangeText *text,
                      guint                    index,
                      GError                 **error)
{
  g_autofree char *what = g_strdup_printf ("ranges[%u].subnet", index);
  g_autofree char *start = NULL, *end = NULL;
  guint bits;

  memset (range, 0, sizeof *range);
  if (text->subnet == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT, "%s is missing", what);
      return FALSE;
    }
  if (!nns_cidr_parse (text->subnet, NNS_CIDR_NETWORK, what, &range->subnet, error))
    return FALSE;
  bits = address_length (&range->subnet) * 8;
  /* As host-local: a /31 or /32 (/127, /128) leaves nothing to lease. */
  if (range->subnet.prefix + 2 > bits)
    {
      g_autofree char *quoted = nns_quote (text->subnet);

      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is too small to lease addresses from; at most /%u", what,
                   quoted, bits - 2);
      return FALSE;
    }

  range->start = range->subnet;
  next_address (&range->start);
  range->end = last_address (&range->subnet);
  if (range->subnet.family == AF_INET)
    previous_address (&range->end);
  range->gateway = range->start;
  if ((text->range_start != NULL &&
       !parse_member (&range->subnet, text->range_start, index, "range-start", TRUE,
                      &range->start, error)) ||
      (text->range_end != NULL &&
       !parse_member (&range->subnet, text->range_end, index, "range-end", TRUE,
                      &range->end, error)) ||
      (text->gateway != NULL &&
       !parse_member (&range->subnet, text->gateway, index, "gateway", FALSE,
                      &range->gateway, error)))
    return FALSE;
  if (compare_addresses (&range->start, &range->end) > 0)
    {
      start = nns_cidr_address_to_string (&range->start);
      end = nns_cidr_address_to_string (&range->end);
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "ranges[%u].range-end %s comes before its range-start %s", index, end, start);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ranges_overlap (const NnsLeaseRange *a,
                const NnsLeaseRange *b)
{
  return compare_addresses (&a->start, &b->end) <= 0 &&
         compare_addresses (&b->start, &a->end) <= 0;
}

/* The ranges of one call: some, of one family, none overlapping another. */
gboolean
nns_lease_ranges_check (const NnsLeaseRange *ranges,
                        guint                n_ranges,
                        GError             **error)
{
  if (n_ranges == 0 || n_ranges > NNS_LEASE_RANGES_MAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "ranges has %u ranges; it takes 1 to %d", n_ranges, NNS_LEASE_RANGES_MAX);
      return FALSE;
    }
  for (guint i = 1; i < n_ranges; i++)
    if (ranges[i].subnet.family != ranges[0].subnet.family)
      {
        g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                     "ranges[%u] is IPv%c and ranges[0] IPv%c: one call leases one address, "
                     "of one family", i, ranges[i].subnet.family == AF_INET ? '4' : '6',
                     ranges[0].subnet.family == AF_INET ? '4' : '6');
        return FALSE;
      }
  for (guint i = 0; i < n_ranges; i++)
    for (guint j = i + 1; j < n_ranges; j++)
      if (ranges_overlap (&ranges[i], &ranges[j]))
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "ranges[%u] and ranges[%u] overlap", i, j);
          return FALSE;
        }
  return TRUE;
}

static gboolean
range_holds (const NnsLeaseRange *range,
             const NnsCidr       *address)
{
  return address->family == range->subnet.family &&
         compare_addresses (address, &range->start) >= 0 &&
         compare_addresses (address, &range->end) <= 0;
}

/* The index of the range between whose start and end @address lies, or
 * -1. */
gint
nns_lease_ranges_find (const NnsLeaseRange *ranges,
                       guint                n_ranges,
                       const NnsCidr       *address)
{
  for (guint i = 0; i < n_ranges; i++)
    if (range_holds (&ranges[i], address))
      return (gint) i;
  return -1;
}

/* The option "address": fails with InvalidArgument unless @wanted is an
 * address the ranges lease; *@index is its range. */
gboolean
nns_lease_ranges_check_wanted (const NnsLeaseRange *ranges,
                               guint                n_ranges,
                               const NnsCidr       *wanted,
                               guint               *index,
                               GError             **error)
{
  g_autofree char *text = nns_cidr_address_to_string (wanted);
  gint found = nns_lease_ranges_find (ranges, n_ranges, wanted);

  if (found < 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "address %s is in none of the ranges", text);
      return FALSE;
    }
  if (nns_cidr_same_address (wanted, &ranges[found].gateway))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "address %s is the gateway of ranges[%d], which is never leased", text,
                   found);
      return FALSE;
    }
  *index = (guint) found;
  return TRUE;
}

/* The first free address of @range from @from to @to, both inclusive. A
 * walk meets at most as many taken addresses as there are leases, and
 * the gateway: so it ends soon, even in an IPv6 range of 2^64. */
static gboolean
walk (const NnsLeaseRange *range,
      const NnsCidr       *from,
      const NnsCidr       *to,
      NnsLeaseTakenFunc    taken,
      gpointer             user_data,
      NnsCidr             *found)
{
  NnsCidr candidate = *from;

  if (compare_addresses (from, to) > 0)
    return FALSE;
  for (;;)
    {
      if (!nns_cidr_same_address (&candidate, &range->gateway) && !taken (&candidate, user_data))
        {
          *found = candidate;
          return TRUE;
        }
      if (compare_addresses (&candidate, to) >= 0 || !next_address (&candidate))
        return FALSE;
    }
}

/* Finds the free address host-local would hand out: the first after
 * @last (the last one handed out, or NULL) in its range, then in the
 * ranges after it, round to @last itself; from the first range's start
 * if @last is in none. FALSE when every address is taken. */
gboolean
nns_lease_ranges_next_free (const NnsLeaseRange *ranges,
                            guint                n_ranges,
                            const NnsCidr       *last,
                            NnsLeaseTakenFunc    taken,
                            gpointer             user_data,
                            NnsCidr             *found,
                            guint               *index)
{
  gint first = last != NULL ? nns_lease_ranges_find (ranges, n_ranges, last) : -1;
  NnsCidr after;

  if (first >= 0)
    {
      /* The rest of the range @last is in. */
      after = *last;
      after.prefix = ranges[first].subnet.prefix;
      if (next_address (&after) && compare_addresses (&after, &ranges[first].end) <= 0 &&
          walk (&ranges[first], &after, &ranges[first].end, taken, user_data, found))
        {
          *index = (guint) first;
          return TRUE;
        }
    }
  for (guint step = 1; step <= n_ranges; step++)
    {
      guint i = (guint) (MAX (first, 0) + (first >= 0 ? step : step - 1)) % n_ranges;
      /* Back in the range of @last: only up to it. */
      const NnsCidr *to = (gint) i == first ? last : &ranges[i].end;
      NnsCidr bounded = *to;

      bounded.prefix = ranges[i].subnet.prefix;
      if (walk (&ranges[i], &ranges[i].start, &bounded, taken, user_data, found))
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}
