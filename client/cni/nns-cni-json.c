/* nns-cni-json.c: typed reads of configuration members.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-cni-error.h"
#include "nns-cni-json.h"

char *
nns_cni_json_path (const char *where,
                   const char *key)
{
  if (where == NULL || where[0] == '\0')
    return g_strdup (key);
  return g_strdup_printf ("%s.%s", where, key);
}

char *
nns_cni_json_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* The member, or NULL when absent or null. */
static JsonNode *
member (JsonObject *object,
        const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static void
set_type_error (GError    **error,
                const char *where,
                const char *key,
                const char *expected,
                JsonNode   *node)
{
  g_autofree char *path = nns_cni_json_path (where, key);
  g_autofree char *text = nns_cni_json_text (node);

  nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_CONFIG, "invalid network configuration",
                     "%s must be %s, not %s", path, expected, text);
}

static gboolean
is_value_of (JsonNode *node,
             GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
nns_cni_json_string (JsonObject  *object,
                     const char  *where,
                     const char  *key,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = member (object, key);

  if (node == NULL)
    return TRUE;
  if (!is_value_of (node, G_TYPE_STRING))
    {
      set_type_error (error, where, key, "a string", node);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
nns_cni_json_bool (JsonObject *object,
                   const char *where,
                   const char *key,
                   gboolean   *out,
                   GError    **error)
{
  JsonNode *node = member (object, key);

  if (node == NULL)
    return TRUE;
  if (!is_value_of (node, G_TYPE_BOOLEAN))
    {
      set_type_error (error, where, key, "true or false", node);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
nns_cni_json_int (JsonObject *object,
                  const char *where,
                  const char *key,
                  gint64      min,
                  gint64      max,
                  gint64     *out,
                  GError    **error)
{
  JsonNode *node = member (object, key);
  g_autofree char *expected = NULL;

  if (node == NULL)
    return TRUE;
  if (is_value_of (node, G_TYPE_INT64) &&
      json_node_get_int (node) >= min && json_node_get_int (node) <= max)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  expected = g_strdup_printf ("a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                              min, max);
  set_type_error (error, where, key, expected, node);
  return FALSE;
}

gboolean
nns_cni_json_object (JsonObject  *object,
                     const char  *where,
                     const char  *key,
                     JsonObject **out,
                     GError     **error)
{
  JsonNode *node = member (object, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_type_error (error, where, key, "an object", node);
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
nns_cni_json_array (JsonObject *object,
                    const char *where,
                    const char *key,
                    JsonArray **out,
                    GError    **error)
{
  JsonNode *node = member (object, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_type_error (error, where, key, "an array", node);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
nns_cni_json_strings (JsonObject *object,
                      const char *where,
                      const char *key,
                      GPtrArray **out,
                      GError    **error)
{
  JsonArray *array = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  if (!nns_cni_json_array (object, where, key, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!is_value_of (node, G_TYPE_STRING))
        {
          g_autofree char *element = g_strdup_printf ("%s[%u]", key, i);

          set_type_error (error, where, element, "a string", node);
          return FALSE;
        }
      g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }
  g_clear_pointer (out, g_ptr_array_unref);
  *out = g_steal_pointer (&strings);
  return TRUE;
}
