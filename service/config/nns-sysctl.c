/* nns-sysctl.c: the per-namespace sysctls netnsd may set.
 *
 * An allowlist, so that a caller allowed to change its own namespace can
 * tune what programs inside need (forwarding, unprivileged ports, ping)
 * and nothing that reaches outside it. Keys under net.* that are not
 * per-namespace (and everything outside net.*) never pass. Values are
 * parsed and written back in canonical form.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-names.h"
#include "nns-sysctl.h"

typedef enum {
  VALUE_NUMBER,   /* min..max */
  VALUE_RANGE,    /* two numbers, min..max each, the first not above the second */
} ValueKind;

typedef struct {
  const char *prefix;   /* the key, or its part before the link for per-link keys */
  const char *suffix;   /* NULL, or the part after the link */
  ValueKind   kind;
  guint64     min;
  guint64     max;
} AllowedKey;

static const AllowedKey allowed_keys[] = {
  { "net.ipv4.ip_forward", NULL, VALUE_NUMBER, 0, 1 },
  { "net.ipv4.ip_unprivileged_port_start", NULL, VALUE_NUMBER, 0, 65535 },
  { "net.ipv4.ping_group_range", NULL, VALUE_RANGE, 0, G_MAXINT32 },
  { "net.ipv4.conf.", ".forwarding", VALUE_NUMBER, 0, 1 },
  { "net.ipv4.conf.", ".rp_filter", VALUE_NUMBER, 0, 2 },
  { "net.ipv6.conf.", ".forwarding", VALUE_NUMBER, 0, 1 },
  { "net.ipv6.conf.", ".disable_ipv6", VALUE_NUMBER, 0, 1 },
  { "net.ipv6.conf.", ".accept_dad", VALUE_NUMBER, 0, 2 },
};

void
nns_sysctl_clear (NnsSysctl *sysctl)
{
  g_clear_pointer (&sysctl->path, g_free);
  g_clear_pointer (&sysctl->value, g_free);
  g_clear_pointer (&sysctl->link, g_free);
}

/* Matches @key against @allowed; for a per-link key, *link gets the link
 * ("all", "default" or an interface, '/' in the key standing for '.'). */
static gboolean
key_matches (const AllowedKey *allowed,
             const char       *key,
             char            **link)
{
  gsize key_len = strlen (key);
  gsize prefix_len = strlen (allowed->prefix);
  gsize suffix_len;

  if (allowed->suffix == NULL)
    return g_str_equal (key, allowed->prefix);

  suffix_len = strlen (allowed->suffix);
  if (key_len <= prefix_len + suffix_len || !g_str_has_prefix (key, allowed->prefix) ||
      !g_str_has_suffix (key, allowed->suffix))
    return FALSE;
  *link = g_strndup (key + prefix_len, key_len - prefix_len - suffix_len);
  g_strdelimit (*link, "/", '.');
  return TRUE;
}

static gboolean
parse_number (const char *text,
              guint64     min,
              guint64     max,
              guint64    *number)
{
  return text[0] != '\0' && g_ascii_isdigit (text[0]) &&
         g_ascii_string_to_unsigned (text, 10, min, max, number, NULL);
}

static char *
parse_value (const AllowedKey *allowed,
             const char       *value)
{
  g_auto(GStrv) parts = g_strsplit_set (value, " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  guint64 first, second;

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (words, parts[i]);

  if (allowed->kind == VALUE_NUMBER)
    {
      if (words->len != 1 || !parse_number (words->pdata[0], allowed->min, allowed->max, &first))
        return NULL;
      return g_strdup_printf ("%" G_GUINT64_FORMAT "\n", first);
    }
  if (words->len != 2 ||
      !parse_number (words->pdata[0], allowed->min, allowed->max, &first) ||
      !parse_number (words->pdata[1], allowed->min, allowed->max, &second) || first > second)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\n", first, second);
}

static char *
describe_values (const AllowedKey *allowed)
{
  if (allowed->kind == VALUE_RANGE)
    return g_strdup_printf ("two numbers from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
                            ", the first not above the second", allowed->min, allowed->max);
  if (allowed->min == 0 && allowed->max == 1)
    return g_strdup ("0 or 1");
  return g_strdup_printf ("a number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                          allowed->min, allowed->max);
}

/* Checks @key against the allowlist and @value against what the key takes. */
gboolean
nns_sysctl_parse (const char *key,
                  const char *value,
                  NnsSysctl  *sysctl,
                  GError    **error)
{
  g_autofree char *quoted_key = nns_quote (key);
  const AllowedKey *allowed = NULL;
  g_autofree char *link = NULL;
  g_autofree char *prefix = NULL;

  memset (sysctl, 0, sizeof *sysctl);
  for (gsize i = 0; i < G_N_ELEMENTS (allowed_keys) && allowed == NULL; i++)
    if (key_matches (&allowed_keys[i], key, &link))
      allowed = &allowed_keys[i];
    else
      g_clear_pointer (&link, g_free);

  if (allowed == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "sysctl %s is not one netnsd sets; it sets net.ipv4.ip_forward, "
                   "net.ipv4.ip_unprivileged_port_start, net.ipv4.ping_group_range, "
                   "net.ipv4.conf.LINK.{forwarding,rp_filter} and "
                   "net.ipv6.conf.LINK.{forwarding,disable_ipv6,accept_dad}", quoted_key);
      return FALSE;
    }
  if (link != NULL && !g_str_equal (link, "all") && !g_str_equal (link, "default") &&
      !nns_link_name_check (link, error))
    return FALSE;

  sysctl->value = parse_value (allowed, value);
  if (sysctl->value == NULL)
    {
      g_autofree char *quoted_value = nns_quote (value);
      g_autofree char *expected = describe_values (allowed);

      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "sysctl %s takes %s, not %s", quoted_key, expected, quoted_value);
      return FALSE;
    }

  /* The path is rebuilt from the parts, the link a single element even
   * when its name holds a '.'. */
  prefix = g_strdelimit (g_strdup (allowed->prefix), ".", '/');
  if (link != NULL)
    {
      g_autofree char *suffix = g_strdelimit (g_strdup (allowed->suffix), ".", '/');

      sysctl->path = g_strconcat ("/proc/sys/", prefix, link, suffix, NULL);
      sysctl->link = g_steal_pointer (&link);
    }
  else
    sysctl->path = g_strconcat ("/proc/sys/", prefix, NULL);
  return TRUE;
}

/* Opens the sysctl in the namespace the calling thread is in (/proc/sys/net
 * shows the thread's own namespace). @where names it for messages. */
static int
open_sysctl (const NnsSysctl *sysctl,
             int              flags,
             const char      *where,
             GError         **error)
{
  int fd = open (sysctl->path, flags | O_CLOEXEC | O_NOFOLLOW);

  if (fd >= 0)
    return fd;
  if (errno == ENOENT && sysctl->link != NULL)
    g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "link '%s' not found in %s",
                 sysctl->link, where);
  else if (errno == ENOENT)
    g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                 "%s does not exist in this kernel", sysctl->path);
  else
    nns_set_error_errno (error, errno, "cannot open %s in %s", sysctl->path, where);
  return -1;
}

gboolean
nns_sysctl_write_here (const NnsSysctl *sysctl,
                       const char      *where,
                       GError         **error)
{
  nns_autofd int fd = open_sysctl (sysctl, O_WRONLY, where, error);
  gsize len = strlen (sysctl->value);

  if (fd < 0)
    return FALSE;
  if (write (fd, sysctl->value, len) != (ssize_t) len)
    {
      nns_set_error_errno (error, errno, "cannot set %s in %s", sysctl->path, where);
      return FALSE;
    }
  return TRUE;
}

/* The sysctl's value now, as the kernel writes it (a newline at the end),
 * fit to be written back. */
char *
nns_sysctl_read_here (const NnsSysctl *sysctl,
                      const char      *where,
                      GError         **error)
{
  nns_autofd int fd = open_sysctl (sysctl, O_RDONLY, where, error);
  char value[256];
  ssize_t len;

  if (fd < 0)
    return NULL;
  len = read (fd, value, sizeof value - 1);
  if (len < 0)
    {
      nns_set_error_errno (error, errno, "cannot read %s in %s", sysctl->path, where);
      return NULL;
    }
  value[len] = '\0';
  return g_strdup (value);
}

/* Whether writing @sysctl makes the kernel drop what writing the old
 * value back would not restore: disabling IPv6 drops the IPv6 addresses. */
gboolean
nns_sysctl_drops_state (const NnsSysctl *sysctl)
{
  return g_str_has_suffix (sysctl->path, "/disable_ipv6") && g_str_equal (sysctl->value, "1\n");
}
