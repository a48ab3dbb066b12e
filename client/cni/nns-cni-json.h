/* nns-cni-json.h: typed reads of a network configuration's members, each
 * failing with NNS_CNI_ERROR_INVALID_CONFIG that names the key.
 *
 * Each reads @key of @object; an absent key (or null) leaves *out as it was
 * and succeeds; a value of another type fails. @where is the path of
 * @object for messages ("ipam.ranges[0][1]"; "" for the top level).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char    *nns_cni_json_path   (const char  *where,
                              const char  *key);

gboolean nns_cni_json_string (JsonObject  *object,
                              const char  *where,
                              const char  *key,
                              const char **out,
                              GError     **error);

gboolean nns_cni_json_bool   (JsonObject  *object,
                              const char  *where,
                              const char  *key,
                              gboolean    *out,
                              GError     **error);

gboolean nns_cni_json_int    (JsonObject  *object,
                              const char  *where,
                              const char  *key,
                              gint64       min,
                              gint64       max,
                              gint64      *out,
                              GError     **error);

gboolean nns_cni_json_object (JsonObject  *object,
                              const char  *where,
                              const char  *key,
                              JsonObject **out,
                              GError     **error);

gboolean nns_cni_json_array  (JsonObject  *object,
                              const char  *where,
                              const char  *key,
                              JsonArray  **out,
                              GError     **error);

/* Each element of a string array, or an error naming the element. */
gboolean nns_cni_json_strings (JsonObject  *object,
                               const char  *where,
                               const char  *key,
                               GPtrArray  **out,
                               GError     **error);

/* The node as JSON text, compact, for messages. */
char    *nns_cni_json_text   (JsonNode    *node);

G_END_DECLS
