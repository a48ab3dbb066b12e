/* nns-dns.c: the text of /etc/netns/NAME/resolv.conf, the DNS a
 * namespace's programs see (nns-etc-netns.c writes it).
 *
 * No caller text is written as given: nameservers are parsed and written
 * back in canonical form, and search domains must be plain host names
 * (letters, digits, '-' and '.'), so nothing can add a line or an option
 * to the file. The file starts with a marker, so netnsd removes only files
 * it wrote.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>

#include "nns-address.h"
#include "nns-dns.h"
#include "nns-error.h"
#include "nns-names.h"

#define MARKER "# netnsd:"
#define DOMAIN_MAX 253
#define LABEL_MAX 63

static gboolean
domain_is_valid (const char *domain)
{
  gsize len = strlen (domain);
  gsize label = 0;

  if (len == 0 || len > DOMAIN_MAX || domain[0] == '.' || domain[0] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = domain[i];

      if (c == '.')
        {
          if (label == 0 || domain[i - 1] == '-')
            return FALSE;
          label = 0;
          continue;
        }
      if (!g_ascii_isalnum (c) && !(c == '-' && label > 0))
        return FALSE;
      if (++label > LABEL_MAX)
        return FALSE;
    }
  /* A trailing dot (a rooted name) is fine; a trailing hyphen is not. */
  return domain[len - 1] != '-';
}

/* The resolv.conf text for @nameservers and @search, or NULL with
 * InvalidArgument naming the bad entry. */
char *
nns_dns_render (const char * const *nameservers,
                const char * const *search,
                const char         *namespace,
                GError            **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_nameservers = nameservers != NULL ? g_strv_length ((char **) nameservers) : 0;
  guint n_search = search != NULL ? g_strv_length ((char **) search) : 0;

  if (n_nameservers > NNS_DNS_MAX_NAMESERVERS || n_search > NNS_DNS_MAX_SEARCH)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "resolv.conf takes at most %d nameservers and %d search domains",
                   NNS_DNS_MAX_NAMESERVERS, NNS_DNS_MAX_SEARCH);
      return NULL;
    }

  g_string_append_printf (text, MARKER " DNS of network namespace %s, set through SetDns.\n"
                          "# Programs inside see it as /etc/resolv.conf.\n", namespace);
  for (guint i = 0; i < n_nameservers; i++)
    {
      g_autofree char *canonical = NULL;
      NnsCidr address;

      if (!nns_cidr_parse (nameservers[i], NNS_CIDR_NO_PREFIX, "nameserver", &address, error))
        return NULL;
      canonical = nns_cidr_address_to_string (&address);
      g_string_append_printf (text, "nameserver %s\n", canonical);
    }
  if (n_search > 0)
    g_string_append (text, "search");
  for (guint i = 0; i < n_search; i++)
    {
      if (!domain_is_valid (search[i]))
        {
          g_autofree char *quoted = nns_quote (search[i]);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "search domain %s is not a domain name", quoted);
          return NULL;
        }
      g_string_append_printf (text, " %s", search[i]);
    }
  if (n_search > 0)
    g_string_append_c (text, '\n');
  return g_string_free (g_steal_pointer (&text), FALSE);
}
