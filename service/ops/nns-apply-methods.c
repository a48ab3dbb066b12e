/* nns-apply-methods.c: which methods Apply takes, and their arguments by
 * name turned into the tuple each method takes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-apply-methods.h"
#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"

/* The methods whose change can be undone. */
static const NnsOperation *const applicable[] = {
  &nns_create_namespace_operation,
  &nns_attach_namespace_operation,
  &nns_create_veth_operation,
  &nns_create_link_operation,
  &nns_move_link_operation,
  &nns_set_link_operation,
  &nns_add_address_operation,
  &nns_add_route_operation,
  &nns_set_sysctl_operation,
  &nns_set_dns_operation,
  &nns_add_masquerade_operation,
  &nns_remove_masquerade_operation,
  &nns_add_port_forward_operation,
  &nns_remove_port_forward_operation,
};

/* Taken only by a topology's Apply, for what the topology made
 * (nns-apply-topology.c). */
static const NnsOperation *const topology_removals[] = {
  &nns_remove_address_operation,
  &nns_remove_route_operation,
  &nns_delete_link_operation,
  &nns_delete_namespace_operation,
};

const NnsOperation *
nns_apply_find_operation (const char *method,
                          gboolean    topology,
                          GError    **error)
{
  GDBusInterfaceInfo *interface = nns_dbus_net_ns_interface_info ();
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *quoted = NULL;

  /* A topology declares what netnsd makes; an attached namespace lives
   * only as long as whatever else holds it, not from boot to boot. */
  if (topology && g_str_equal (method, nns_attach_namespace_operation.method))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                   "%s cannot be part of a topology's Apply, which declares only what "
                   "netnsd makes", method);
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (applicable); i++)
    if (g_str_equal (method, applicable[i]->method))
      return applicable[i];
  for (gsize i = 0; topology && i < G_N_ELEMENTS (topology_removals); i++)
    if (g_str_equal (method, topology_removals[i]->method))
      return topology_removals[i];

  if (g_dbus_interface_info_lookup_method (interface, method) == NULL)
    {
      quoted = nns_quote (method);
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "%s is not a method of %s", quoted, interface->name);
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (applicable); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", applicable[i]->method);
  g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
               "%s cannot be part of Apply, which takes only changes netnsd can "
               "undo: %s (and, with the option topology, the removal of what the "
               "topology made)", method, names->str);
  return NULL;
}

static gboolean
method_takes (const GDBusMethodInfo *method,
              const char            *name)
{
  for (guint i = 0; method->in_args[i] != NULL; i++)
    if (g_str_equal (method->in_args[i]->name, name))
      return TRUE;
  return FALSE;
}

static gboolean
check_argument_names (const GDBusMethodInfo *method,
                      GVariant              *arguments,
                      GError               **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  GVariantIter iter;
  const char *name;

  g_variant_iter_init (&iter, arguments);
  while (g_variant_iter_next (&iter, "{&sv}", &name, NULL))
    {
      g_autofree char *quoted = NULL;

      if (method_takes (method, name))
        continue;
      quoted = nns_quote (name);
      for (guint i = 0; method->in_args[i] != NULL; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", method->in_args[i]->name);
      g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                   "unknown argument %s (%s takes %s)", quoted, method->name, names->str);
      return FALSE;
    }
  return TRUE;
}

/* Turns arguments by name into the tuple the method takes. An a{sv}
 * argument left out is empty. */
GVariant *
nns_apply_arguments_to_parameters (const GDBusMethodInfo *method,
                                   GVariant              *arguments,
                                   GError               **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  /* A misspelt name first: it is why an argument would be missing. */
  if (!check_argument_names (method, arguments, error))
    return NULL;
  for (guint i = 0; method->in_args[i] != NULL; i++)
    {
      const GDBusArgInfo *arg = method->in_args[i];
      const GVariantType *type = G_VARIANT_TYPE (arg->signature);
      GVariant *value = g_variant_lookup_value (arguments, arg->name, NULL);

      if (value == NULL && g_variant_type_equal (type, G_VARIANT_TYPE_VARDICT))
        value = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      if (value == NULL)
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "argument '%s' is missing", arg->name);
          return NULL;
        }
      g_ptr_array_add (values, value);
      if (!g_variant_is_of_type (value, type))
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                       "argument '%s' must be of type '%s', not '%s'", arg->name,
                       arg->signature, g_variant_get_type_string (value));
          return NULL;
        }
    }
  return g_variant_ref_sink (g_variant_new_tuple ((GVariant **) values->pdata, values->len));
}
