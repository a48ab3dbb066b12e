/* netns-operation.c: an Apply operation from a method's own arguments:
 * any method's by name (netns_operation_new()), from arguments by name
 * (netns_operation_new_from_arguments()), or one function for each
 * method Apply takes, with the method's arguments as C arguments
 * (netns-operation-methods.c).
 *
 * Apply takes each change as its method's name and its arguments by name;
 * the names are the interface's, so they come from the introspection data
 * that gdbus-codegen made from the XML, never from a list kept here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "netns-error-private.h"
#include "netns-operation-private.h"
#include "netns/netns-operation.h"
#include "nns-dbus-generated.h"

static char *
in_signature (const GDBusMethodInfo *info)
{
  GString *signature = g_string_new ("(");

  for (guint i = 0; info->in_args != NULL && info->in_args[i] != NULL; i++)
    g_string_append (signature, info->in_args[i]->signature);
  g_string_append_c (signature, ')');
  return g_string_free (signature, FALSE);
}

/* The operation of @method with @parameters (a floating reference is
 * consumed); @with_fds lets a method whose arguments are handles in, for
 * netns_client_apply_with_fds(). */
static GVariant *
operation_new (const char  *method,
               GVariant    *parameters,
               gboolean     with_fds,
               GError     **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (parameters);
  g_autofree char *signature = NULL;
  const GDBusMethodInfo *info;
  GVariantBuilder arguments;

  info = g_dbus_interface_info_lookup_method (nns_dbus_net_ns_interface_info (), method);
  if (info == NULL)
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "netnsd has no method '%s'", method);
      return NULL;
    }
  signature = in_signature (info);
  if (!with_fds && strchr (signature, 'h') != NULL)
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "%s takes file descriptors, which an Apply cannot pass", method);
      return NULL;
    }
  if (!g_str_equal (g_variant_get_type_string (owned), signature))
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "%s takes arguments of type %s, not %s", method, signature,
                   g_variant_get_type_string (owned));
      return NULL;
    }

  /* In the method's own order, so that a printed batch reads as a call. */
  g_variant_builder_init (&arguments, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; info->in_args[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_variant_get_child_value (owned, i);

      g_variant_builder_add (&arguments, "{sv}", info->in_args[i]->name, value);
    }
  return g_variant_ref_sink (g_variant_new ("(sa{sv})", method, &arguments));
}

/**
 * netns_operation_new:
 * @method: a method of netnsd's manager that Apply takes, such as
 *   `"CreateVeth"`
 * @parameters: its arguments in order, as the method itself takes them (a
 *   tuple; floating references are consumed)
 * @error: return location for a #GError
 *
 * Makes an operation for [method@NetNs.Client.apply]: @method and its
 * arguments by name, as in `('CreateVeth', {'namespace': <''>,
 * 'name': <'veth0'>, 'peer_namespace': <'red'>, 'peer_name': <'veth1'>,
 * 'options': <{'up': <true>}>})`. A program that can make a change on its
 * own can so make it part of a batch with the same arguments. Which
 * methods Apply takes is netnsd's to say, when it gets them.
 *
 * Returns: (transfer full): the operation (`(sa{sv})`), or %NULL with
 *   @error set: %NETNS_ERROR_INVALID_ARGUMENT for a method netnsd does not
 *   have, arguments of other types than the method's, or a method that
 *   takes file descriptors (for AttachNamespace,
 *   [func@NetNs.operation_attach_namespace] makes the operation of
 *   [method@NetNs.Client.apply_with_fds])
 */
GVariant *
netns_operation_new (const char  *method,
                     GVariant    *parameters,
                     GError     **error)
{
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (parameters != NULL, NULL);

  return operation_new (method, parameters, FALSE, error);
}

static gboolean
takes_argument (const GDBusMethodInfo *info,
                const char            *name)
{
  for (guint i = 0; info->in_args[i] != NULL; i++)
    if (g_str_equal (info->in_args[i]->name, name))
      return TRUE;
  return FALSE;
}

/**
 * netns_operation_new_from_arguments:
 * @method: a method of netnsd's manager that Apply takes
 * @arguments: its arguments by name (`a{sv}`, a floating reference is
 *   consumed), as an operation carries them: as
 *   [method@NetNs.Client.get_topology] gives what a topology made, say
 * @error: return location for a #GError
 *
 * Makes an operation for [method@NetNs.Client.apply] from arguments by
 * name, checked as netnsd checks them: every name must be one of the
 * method's, every value of its type, and every argument there but an
 * `a{sv}` one, which is empty when left out. A program that keeps
 * operations by name (a record, a file) so sends only what netnsd would
 * take.
 *
 * Returns: (transfer full): the operation (`(sa{sv})`, the arguments in
 *   the method's order), or %NULL with @error set
 *   (%NETNS_ERROR_INVALID_ARGUMENT)
 */
GVariant *
netns_operation_new_from_arguments (const char  *method,
                                    GVariant    *arguments,
                                    GError     **error)
{
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GPtrArray) values = NULL;
  const GDBusMethodInfo *info;
  GVariantIter iter;
  const char *name;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (arguments != NULL, NULL);

  owned = g_variant_ref_sink (arguments);
  g_return_val_if_fail (g_variant_is_of_type (owned, G_VARIANT_TYPE_VARDICT), NULL);
  info = g_dbus_interface_info_lookup_method (nns_dbus_net_ns_interface_info (), method);
  if (info == NULL)
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "netnsd has no method '%s'", method);
      return NULL;
    }
  g_variant_iter_init (&iter, owned);
  while (g_variant_iter_next (&iter, "{&sv}", &name, NULL))
    if (!takes_argument (info, name))
      {
        g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                     "%s takes no argument '%s'", method, name);
        return NULL;
      }

  values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (guint i = 0; info->in_args[i] != NULL; i++)
    {
      const GVariantType *type = G_VARIANT_TYPE (info->in_args[i]->signature);
      GVariant *value = g_variant_lookup_value (owned, info->in_args[i]->name, NULL);

      if (value == NULL && g_variant_type_equal (type, G_VARIANT_TYPE_VARDICT))
        value = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
      if (value == NULL)
        {
          g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                       "%s: argument '%s' is missing", method, info->in_args[i]->name);
          return NULL;
        }
      g_ptr_array_add (values, value);
    }
  return operation_new (method, g_variant_new_tuple ((GVariant **) values->pdata, values->len),
                        TRUE, error);
}

/* For the functions of each method (netns-operation-methods.c): their
 * arguments have the method's types, so only a netnsd without the method
 * could fail, which the XML this library was built from rules out. */
GVariant *
netns_operation_of (const char *method,
                    GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;
  GVariant *operation = operation_new (method, parameters, TRUE, &error);

  if (operation == NULL)
    g_critical ("%s", error->message);
  return operation;
}
