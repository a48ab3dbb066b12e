/* nns-ctl-route.c: netnsctl route add|delete|show, in ip-route(8) words.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-ctl.h"

#define ADD_SYNTAX "DEST|default [via GW] [dev DEV] [metric N] [table N] [src ADDR]"
#define DELETE_SYNTAX "DEST|default [via GW] [dev DEV] [metric N] [table N]"
#define SHOW_SYNTAX NULL

/* DEST [via GW] [dev DEV] [metric N] [table N] [src ADDR] into the
 * destination and the method's options. */
static GVariant *
parse_route_words (NnsCtlWords *words,
                   const char **destination,
                   GError     **error)
{
  g_auto(GVariantDict) options = G_VARIANT_DICT_INIT (NULL);
  const char *word;

  while ((word = nns_ctl_words_take (words)) != NULL)
    {
      const char *text;
      guint32 number;

      if (g_str_equal (word, "via") || g_str_equal (word, "dev") || g_str_equal (word, "src"))
        {
          if ((text = nns_ctl_words_value (words, word, error)) == NULL)
            return NULL;
          g_variant_dict_insert (&options, word, "s", text);
        }
      else if (g_str_equal (word, "metric") || g_str_equal (word, "table"))
        {
          if (!nns_ctl_words_uint (words, word, &number, error))
            return NULL;
          g_variant_dict_insert (&options, word, "u", number);
        }
      else if (*destination == NULL)
        *destination = word;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected '%s'", word);
          return NULL;
        }
    }
  if (*destination == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "a destination (CIDR or 'default') is needed");
      return NULL;
    }
  return g_variant_dict_end (&options);
}

/* Sends the route's change; takes @options. */
static int
send_route_change (NnsCtl     *ctl,
                   gboolean    add,
                   const char *namespace,
                   const char *destination,
                   GVariant   *options)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (options);
  g_autoptr(GError) error = NULL;
  NetNsClient *client;
  gboolean done;

  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, add ? netns_operation_add_route (namespace, destination, owned)
                                       : netns_operation_remove_route (namespace, destination,
                                                                       owned));
  if ((client = nns_ctl_client (ctl, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  done = add ? netns_client_add_route_sync (client, namespace, destination, owned, NULL, &error)
             : netns_client_remove_route_sync (client, namespace, destination, owned, NULL,
                                               &error);
  if (!done)
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}

static int
route_change (NnsCtl     *ctl,
              int         argc,
              char      **argv,
              gboolean    add,
              const char *command,
              const char *syntax,
              const char *summary)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  const char *destination = NULL;
  GVariant *options;
  NnsCtlWords words;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, command, syntax, summary,
                                           &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  nns_ctl_words_init (&words, ctl, argc, argv, command, syntax);
  options = parse_route_words (&words, &destination, &error);
  if (options == NULL)
    return nns_ctl_words_error (&words, error->message);
  return send_route_change (ctl, add, nns_ctl_namespace (ctl, namespace), destination, options);
}

static int
route_add (NnsCtl *ctl,
           int     argc,
           char  **argv)
{
  return route_change (ctl, argc, argv, TRUE, "route add", ADD_SYNTAX,
                       "Add a route to DEST (a CIDR, or 'default') through the gateway GW\n"
                       "or the link DEV, to the main table unless 'table' says otherwise.");
}

static int
route_delete (NnsCtl *ctl,
              int     argc,
              char  **argv)
{
  return route_change (ctl, argc, argv, FALSE, "route delete", DELETE_SYNTAX,
                       "Remove a route; the words given must match it.");
}

/* One line a route, in the order `ip route` prints its words. */
static void
print_route (GVariant *route)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char *text;
  guint32 number;

  if (g_variant_lookup (route, "destination", "&s", &text))
    g_string_append (line, text);
  if (g_variant_lookup (route, "via", "&s", &text))
    g_string_append_printf (line, " via %s", text);
  if (g_variant_lookup (route, "dev", "&s", &text))
    g_string_append_printf (line, " dev %s", text);
  if (g_variant_lookup (route, "protocol", "&s", &text))
    g_string_append_printf (line, " proto %s", text);
  if (g_variant_lookup (route, "scope", "&s", &text) && !g_str_equal (text, "global"))
    g_string_append_printf (line, " scope %s", text);
  if (g_variant_lookup (route, "src", "&s", &text))
    g_string_append_printf (line, " src %s", text);
  if (g_variant_lookup (route, "metric", "u", &number) && number != 0)
    g_string_append_printf (line, " metric %u", number);
  if (g_variant_lookup (route, "table", "u", &number) && number != 254)
    g_string_append_printf (line, " table %u", number);
  g_print ("%s\n", line->str);
}

static int
route_show (NnsCtl *ctl,
            int     argc,
            char  **argv)
{
  g_autofree char *namespace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) routes = NULL;
  NetNsClient *client;
  GVariantIter iter;
  GVariant *route;
  int status = nns_ctl_parse_verb_options (ctl, &argc, &argv, "route show", SHOW_SYNTAX,
                                           "Show the routes of every table but 'local'.",
                                           &namespace);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc > 1)
    return nns_ctl_usage (ctl, "route show takes no words", "Usage: netnsctl route show [-n NS]\n");

  if ((client = nns_ctl_client_to_read (ctl, "ListRoutes", &error)) == NULL ||
      (routes = netns_client_list_routes_sync (client, nns_ctl_namespace (ctl, namespace), NULL,
                                               &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  if (ctl->json)
    {
      nns_ctl_print_json_dicts (routes, NULL);
      return NNS_EXIT_OK;
    }
  g_variant_iter_init (&iter, routes);
  while ((route = g_variant_iter_next_value (&iter)) != NULL)
    {
      print_route (route);
      g_variant_unref (route);
    }
  return NNS_EXIT_OK;
}

int
nns_ctl_route (NnsCtl *ctl,
               int     argc,
               char  **argv)
{
  static const NnsCtlCommand verbs[] = {
    { "show", route_show, "Show routes (also: list, ls)" },
    { "add", route_add, "Add a route" },
    { "delete", route_delete, "Remove a route (also: del)" },
  };

  return nns_ctl_run_verb (ctl, "route", verbs, G_N_ELEMENTS (verbs), argc, argv);
}
