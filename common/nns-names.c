/* nns-names.c: validation of the names callers pass to netnsd.
 *
 * Names netnsd creates follow ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$: safe as a
 * file name, an object path element, a shell word and a polkit detail.
 * iproute2 accepts far more (newlines, a leading '-'), so names that only
 * refer to an existing /run/netns entry are checked more loosely.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-error.h"
#include "nns-names.h"

/* How much of a caller's string an error message repeats. */
#define QUOTE_MAX 48

/* Returns @text made safe to show in a message: control characters and
 * non-ASCII bytes escaped, long text cut short with "...". */
char *
nns_quote (const char *text)
{
  g_autofree char *head = NULL;
  g_autofree char *escaped = NULL;
  gsize len = strlen (text);

  head = g_strndup (text, MIN (len, QUOTE_MAX));
  escaped = g_strescape (head, NULL);
  return g_strdup_printf ("'%s'%s", escaped, len > QUOTE_MAX ? "..." : "");
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-';
}

static char *
describe_char (char c)
{
  if (c == ' ')
    return g_strdup ("a space");
  if (g_ascii_isprint (c))
    return g_strdup_printf ("'%c'", c);
  if (c == '\n')
    return g_strdup ("a newline");
  if (c == '\t')
    return g_strdup ("a tab");
  return g_strdup_printf ("the byte 0x%02x", (guchar) c);
}

/* Checks what every entry name shares: non-empty, not a path, and short
 * enough to be a file name. */
static gboolean
validate_entry_common (const char *name,
                       const char *what,
                       gsize       max,
                       GError    **error)
{
  gsize len = strlen (name);
  g_autofree char *quoted = nns_quote (name);

  if (len == 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT, "%s is empty", what);
      return FALSE;
    }
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is not allowed", what, quoted);
      return FALSE;
    }
  if (len > max)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s is %" G_GSIZE_FORMAT " bytes long; "
                   "the limit is %" G_GSIZE_FORMAT, what, quoted, len, max);
      return FALSE;
    }
  if (strchr (name, '/') != NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s contains '/'", what, quoted);
      return FALSE;
    }
  return TRUE;
}

/* A name netnsd makes something of: @what says what it names. */
static gboolean
validate_name (const char *name,
               const char *what,
               GError    **error)
{
  g_autofree char *quoted = NULL;

  if (!validate_entry_common (name, what, NNS_NAMESPACE_NAME_MAX, error))
    return FALSE;

  quoted = nns_quote (name);
  if (name[0] == '-' || name[0] == '.')
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s %s starts with '%c'", what, quoted, name[0]);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!is_name_char (*p))
        {
          g_autofree char *described = describe_char (*p);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "%s %s contains %s; use letters, digits, "
                       "'_', '.' and '-'", what, quoted, described);
          return FALSE;
        }
    }
  return TRUE;
}

/* Validates a name for a namespace netnsd is asked to create. */
gboolean
nns_namespace_name_validate (const char *name,
                             GError    **error)
{
  return validate_name (name, "namespace name", error);
}

/* Validates the name of an address pool (LeaseAddress): as a namespace
 * name, so that it is a safe file name too. */
gboolean
nns_pool_name_validate (const char *name,
                        GError    **error)
{
  return validate_name (name, "pool name", error);
}

/* Validates the holder of a lease: 1 to NNS_LEASE_HOLDER_MAX bytes of
 * UTF-8 without control characters, such as a CNI container id and
 * interface ("ID/eth0"). It is only ever a value in a record and a
 * polkit detail, never a path. */
gboolean
nns_lease_holder_validate (const char *holder,
                           GError    **error)
{
  gsize len = strlen (holder);
  g_autofree char *quoted = nns_quote (holder);

  if (len == 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT, "holder is empty");
      return FALSE;
    }
  if (len > NNS_LEASE_HOLDER_MAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "holder %s is %" G_GSIZE_FORMAT " bytes long; the limit is %d",
                   quoted, len, NNS_LEASE_HOLDER_MAX);
      return FALSE;
    }
  if (!g_utf8_validate (holder, -1, NULL))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "holder %s is not valid UTF-8", quoted);
      return FALSE;
    }
  for (const char *p = holder; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isprint (g_utf8_get_char (p)))
      {
        g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                     "holder %s contains a character that is not printable", quoted);
        return FALSE;
      }
  return TRUE;
}

/* Validates a name that refers to an existing /run/netns entry, which other
 * tools may have named in ways netnsd would not. */
gboolean
nns_namespace_entry_validate (const char *name,
                              GError    **error)
{
  return validate_entry_common (name, "namespace name", NNS_NAMESPACE_ENTRY_MAX, error);
}

static gboolean
validate_link_name_common (const char *name,
                           GError    **error)
{
  gsize len = strlen (name);
  g_autofree char *quoted = nns_quote (name);

  if (len == 0)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "link name is empty");
      return FALSE;
    }
  if (len > NNS_LINK_NAME_MAX)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link name %s is %" G_GSIZE_FORMAT " bytes long; the limit is %d",
                   quoted, len, NNS_LINK_NAME_MAX);
      return FALSE;
    }
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link name %s is not allowed", quoted);
      return FALSE;
    }
  if (strchr (name, '/') != NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link name %s contains '/'", quoted);
      return FALSE;
    }
  return TRUE;
}

/* Validates a name for a link netnsd is asked to create or rename to.
 * Beyond the kernel's own rules (dev_valid_name: 1 to 15 bytes, no '/',
 * ':' or white space, not "." or ".."), '%' is refused because the kernel
 * would turn "x%d" into "x0", a leading '-' because it reads as an option
 * to every tool, and anything but printable ASCII. */
gboolean
nns_link_name_validate (const char *name,
                        GError    **error)
{
  g_autofree char *quoted = NULL;

  if (!validate_link_name_common (name, error))
    return FALSE;

  quoted = nns_quote (name);
  if (name[0] == '-')
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "link name %s starts with '-'", quoted);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == ':' || *p == '%' || !g_ascii_isgraph (*p))
        {
          g_autofree char *what = describe_char (*p);

          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "link name %s contains %s", quoted, what);
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks a name that refers to an existing link, which other tools may
 * have named in ways netnsd would not. */
gboolean
nns_link_name_check (const char *name,
                     GError    **error)
{
  return validate_link_name_common (name, error);
}
