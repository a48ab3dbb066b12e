/* nns-dns.c: /etc/netns/NAME/resolv.conf, the DNS a namespace's programs
 * see.
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

#include <errno.h>
#include <glib/gstdio.h>
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

/* Writes @contents as /etc/netns/@namespace/resolv.conf, atomically; NULL
 * contents remove the file netnsd wrote. @namespace must be a valid name. */
gboolean
nns_dns_write (const char *etc_netns_dir,
               const char *namespace,
               const char *contents,
               GError    **error)
{
  g_autofree char *dir = g_build_filename (etc_netns_dir, namespace, NULL);
  g_autofree char *path = g_build_filename (dir, "resolv.conf", NULL);

  g_return_val_if_fail (nns_namespace_name_validate (namespace, NULL), FALSE);

  if (contents == NULL)
    {
      nns_dns_forget (etc_netns_dir, namespace);
      return TRUE;
    }
  if (g_mkdir_with_parents (dir, 0755) < 0)
    {
      nns_set_error_errno (error, errno, "cannot create %s", dir);
      return FALSE;
    }
  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, error))
    {
      g_prefix_error (error, "cannot write the DNS of namespace '%s': ", namespace);
      return FALSE;
    }
  return TRUE;
}

/* What /etc/netns/@namespace/resolv.conf holds now: TRUE with NULL in
 * @contents when there is no such file. */
gboolean
nns_dns_read (const char *etc_netns_dir,
              const char *namespace,
              char      **contents,
              GError    **error)
{
  g_autofree char *path = g_build_filename (etc_netns_dir, namespace, "resolv.conf", NULL);
  g_autoptr(GError) read_error = NULL;

  *contents = NULL;
  if (g_file_get_contents (path, contents, NULL, &read_error))
    return TRUE;
  if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return TRUE;
  g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED, "cannot read %s: %s", path,
               read_error->message);
  return FALSE;
}

/* Removes /etc/netns/@namespace/resolv.conf if netnsd wrote it, and the
 * folder if that leaves it empty. */
void
nns_dns_forget (const char *etc_netns_dir,
                const char *namespace)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  if (!nns_namespace_name_validate (namespace, NULL))
    return;
  dir = g_build_filename (etc_netns_dir, namespace, NULL);
  path = g_build_filename (dir, "resolv.conf", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      !g_str_has_prefix (contents, MARKER))
    return;
  if (g_unlink (path) < 0)
    g_warning ("cannot remove %s: %s", path, g_strerror (errno));
  g_rmdir (dir);
}
