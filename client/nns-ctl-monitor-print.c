/* nns-ctl-monitor-print.c: netnsctl monitor's lines, one an event, in
 * the words `ip monitor link` and `ip monitor address` print theirs:
 *
 *   namespace red added
 *   red: 2: veth1@/veth0: <UP,LOWER_UP> mtu 1500 state UP kind veth link/ether 02:00:00:00:00:01
 *   red: 2: veth1    inet 10.200.0.2/24
 *   Deleted red: 2: veth1    inet 10.200.0.2/24
 *   Deleted red: 2: veth1@/veth0: <> mtu 1500 state DOWN kind veth link/ether 02:00:00:00:00:01
 *   namespace red removed
 *
 * A link's line is printed whole when it comes and whenever something of
 * it but its addresses changes, as ip prints RTM_NEWLINK; its addresses
 * come and go in lines of their own. The host's links have no "NAME: "
 * before them, as in `ip monitor` on the host; @PEER is the Link's Peer
 * (NAMESPACE/LINK, the host's links as /LINK). With --json, one object a
 * line: {"event": "link-changed", "namespace": "red", "link": "veth1",
 * "index": 2, "changed": {"mtu": 1400}}. docs/man/netnsctl.1.scd says the
 * same for users.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nns-ctl-monitor.h"

/* NetNsLink's properties that say what a link is, in the order a JSON
 * line gives them. */
static const char *const link_properties[] = {
  "name", "index", "kind", "up", "oper-state", "carrier", "mtu", "address", "addresses",
  "master", "peer", NULL
};

static void
set_member (JsonObject   *state,
            const char   *name,
            const GValue *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_STRING:
      json_object_set_string_member (state, name, g_value_get_string (value) != NULL
                                                  ? g_value_get_string (value) : "");
      break;
    case G_TYPE_BOOLEAN:
      json_object_set_boolean_member (state, name, g_value_get_boolean (value));
      break;
    case G_TYPE_INT:
      json_object_set_int_member (state, name, g_value_get_int (value));
      break;
    case G_TYPE_UINT:
      json_object_set_int_member (state, name, g_value_get_uint (value));
      break;
    default:
      {
        const char *const *strv = g_value_get_boxed (value);
        JsonArray *array = json_array_new ();

        for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
          json_array_add_string_element (array, strv[i]);
        json_object_set_array_member (state, name, array);
      }
    }
}

JsonObject *
nns_ctl_monitor_link_state (NetNsLink *link)
{
  JsonObject *state = json_object_new ();

  for (gsize i = 0; link_properties[i] != NULL; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (link), link_properties[i], &value);
      set_member (state, link_properties[i], &value);
    }
  return state;
}

/* Output */

static void
print_line (const char *line)
{
  g_print ("%s\n", line);
  /* A line as it happens, also into a pipe. */
  fflush (stdout);
}

/* Takes @object. */
static void
print_json_line (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_object_unref (object);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  print_line (text);
}

static JsonObject *
event_object (const char *event,
              const char *namespace)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "event", event);
  json_object_set_string_member (object, "namespace", namespace);
  return object;
}

void
nns_ctl_monitor_print_namespace (gboolean    json,
                                 const char *event,
                                 const char *name)
{
  g_autofree char *escaped = NULL;
  g_autofree char *line = NULL;

  if (json)
    {
      g_autofree char *full = g_strconcat ("namespace-", event, NULL);

      print_json_line (event_object (full, name));
      return;
    }
  escaped = g_strescape (name, NULL);
  line = g_strdup_printf ("namespace %s %s", escaped, event);
  print_line (line);
}

/* Text */

static const char *
string_of (JsonObject *state,
           const char *name)
{
  return json_object_get_string_member_with_default (state, name, "");
}

/* "red: 2: veth1", or "2: eth0" for the host's. */
static void
append_link_name (GString    *line,
                  const char *namespace,
                  JsonObject *state)
{
  if (namespace[0] != '\0')
    {
      g_autofree char *escaped = g_strescape (namespace, NULL);

      g_string_append_printf (line, "%s: ", escaped);
    }
  g_string_append_printf (line, "%" G_GINT64_FORMAT ": %s",
                          json_object_get_int_member_with_default (state, "index", 0),
                          string_of (state, "name"));
}

/* The flags ip prints that a link's properties tell. */
static char *
flags_of (JsonObject *state)
{
  gboolean up = json_object_get_boolean_member_with_default (state, "up", FALSE);
  gboolean carrier = json_object_get_boolean_member_with_default (state, "carrier", FALSE);
  g_autoptr(GPtrArray) flags = g_ptr_array_new ();

  if (up && !carrier)
    g_ptr_array_add (flags, (gpointer) "NO-CARRIER");
  if (g_str_equal (string_of (state, "kind"), "loopback"))
    g_ptr_array_add (flags, (gpointer) "LOOPBACK");
  if (up)
    g_ptr_array_add (flags, (gpointer) "UP");
  if (carrier)
    g_ptr_array_add (flags, (gpointer) "LOWER_UP");
  g_ptr_array_add (flags, NULL);
  return g_strjoinv (",", (char **) flags->pdata);
}

static char *
link_line (const char *prefix,
           const char *namespace,
           JsonObject *state)
{
  GString *line = g_string_new (prefix);
  g_autofree char *flags = flags_of (state);
  g_autofree char *oper_state = g_ascii_strup (string_of (state, "oper-state"), -1);
  const char *kind = string_of (state, "kind");

  append_link_name (line, namespace, state);
  if (string_of (state, "peer")[0] != '\0')
    g_string_append_printf (line, "@%s", string_of (state, "peer"));
  g_string_append_printf (line, ": <%s> mtu %" G_GINT64_FORMAT, flags,
                          json_object_get_int_member_with_default (state, "mtu", 0));
  if (string_of (state, "master")[0] != '\0')
    g_string_append_printf (line, " master %s", string_of (state, "master"));
  g_string_append_printf (line, " state %s", oper_state[0] != '\0' ? oper_state : "UNKNOWN");
  if (kind[0] != '\0')
    g_string_append_printf (line, " kind %s", kind);
  if (string_of (state, "address")[0] != '\0')
    g_string_append_printf (line, " link/%s %s",
                            g_str_equal (kind, "loopback") ? "loopback" : "ether",
                            string_of (state, "address"));
  return g_string_free (line, FALSE);
}

static void
print_address (const char *prefix,
               const char *namespace,
               JsonObject *state,
               const char *address)
{
  g_autoptr(GString) line = g_string_new (prefix);

  append_link_name (line, namespace, state);
  g_string_append_printf (line, "    %s %s", strchr (address, ':') != NULL ? "inet6" : "inet",
                          address);
  print_line (line->str);
}

static gboolean
array_has (JsonArray  *array,
           const char *text)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* The addresses of @state that @other lacks, one line each. */
static void
print_addresses_not_in (const char *prefix,
                        const char *namespace,
                        JsonObject *state,
                        JsonObject *other)
{
  JsonArray *addresses = json_object_get_array_member (state, "addresses");
  JsonArray *others = other != NULL ? json_object_get_array_member (other, "addresses") : NULL;

  for (guint i = 0; i < json_array_get_length (addresses); i++)
    {
      const char *address = json_array_get_string_element (addresses, i);

      if (!array_has (others, address))
        print_address (prefix, namespace, state, address);
    }
}

/* Links */

/* The members of @state whose values differ from @before's. */
static JsonObject *
changed_members (JsonObject *state,
                 JsonObject *before)
{
  JsonObject *changed = json_object_new ();

  for (gsize i = 0; link_properties[i] != NULL; i++)
    {
      JsonNode *now = json_object_get_member (state, link_properties[i]);
      JsonNode *then = json_object_get_member (before, link_properties[i]);

      if (then == NULL || !json_node_equal (now, then))
        json_object_set_member (changed, link_properties[i], json_node_copy (now));
    }
  return changed;
}

static JsonObject *
link_event_object (const char *event,
                   const char *namespace,
                   JsonObject *state)
{
  g_autofree char *full = g_strconcat ("link-", event, NULL);
  JsonObject *object = event_object (full, namespace);

  json_object_set_string_member (object, "link", string_of (state, "name"));
  json_object_set_int_member (object, "index",
                              json_object_get_int_member_with_default (state, "index", 0));
  return object;
}

static void
print_link_text (const char *event,
                 const char *namespace,
                 JsonObject *state,
                 JsonObject *before,
                 JsonObject *changed)
{
  g_autofree char *line = NULL;

  if (g_str_equal (event, "removed"))
    {
      line = link_line ("Deleted ", namespace, state);
      print_line (line);
      return;
    }
  /* What made the link's line differ, or a link that came. */
  if (changed == NULL || json_object_get_size (changed) > 1 ||
      !json_object_has_member (changed, "addresses"))
    {
      line = link_line ("", namespace, state);
      print_line (line);
    }
  if (before != NULL)
    print_addresses_not_in ("Deleted ", namespace, before, state);
  print_addresses_not_in ("", namespace, state, before);
}

void
nns_ctl_monitor_print_link (gboolean    json,
                            const char *event,
                            const char *namespace,
                            JsonObject *state,
                            JsonObject *before)
{
  g_autoptr(JsonObject) changed = before != NULL ? changed_members (state, before) : NULL;
  JsonObject *object;

  if (changed != NULL && json_object_get_size (changed) == 0)
    return;   /* told again what it was */
  if (!json)
    {
      print_link_text (event, namespace, state, before, changed);
      return;
    }
  object = link_event_object (event, namespace, state);
  if (changed != NULL)
    json_object_set_object_member (object, "changed", json_object_ref (changed));
  else if (g_str_equal (event, "added"))
    json_object_set_object_member (object, "properties", json_object_ref (state));
  print_json_line (object);
}
