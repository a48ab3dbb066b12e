/* nns-options.h: strict parsing of a{sv} option dictionaries.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One key a method accepts. @value points at the caller's storage, whose C
 * type follows @type: "b" gboolean, "q" guint16, "u" guint32, "i" gint32, "t" guint64,
 * "s" char * (newly allocated), "as" char ** (newly allocated), any other
 * array type GVariant * (a new reference). @given, when
 * not NULL, is set to TRUE if the caller passed the key. */
typedef struct {
  const char *key;
  const char *type;
  gpointer    value;
  gboolean   *given;
} NnsOptionSpec;

gboolean nns_options_parse (GVariant            *options,
                            const NnsOptionSpec *specs,
                            gsize                n_specs,
                            GError             **error);

G_END_DECLS
