/* nns-manager-config.c: SetDns and SetSysctl of org.example.NetNs: what a
 * namespace's programs need beyond links.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-dns.h"
#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"
#include "nns-sysctl.h"

typedef struct {
  NnsManager *manager;
  NnsTarget   target;
  char       *key;
  NnsSysctl   sysctl;
  char       *previous;      /* SetSysctl: the value before */
  NnsEtcFile  previous_file; /* SetDns: the file before */
  char       *resolv_conf;   /* NULL: remove it */
} ConfigCall;

static void
config_call_free (gpointer data)
{
  ConfigCall *call = data;

  nns_target_clear (&call->target);
  nns_sysctl_clear (&call->sysctl);
  g_free (call->key);
  g_free (call->previous);
  nns_etc_file_clear (&call->previous_file);
  g_free (call->resolv_conf);
  g_object_unref (call->manager);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfigCall, config_call_free)

static ConfigCall *
config_call_new (NnsManager *manager)
{
  ConfigCall *call = g_new0 (ConfigCall, 1);

  call->manager = g_object_ref (manager);
  return call;
}

/* SetSysctl */

static gpointer
parse_set_sysctl (NnsManager *self,
                  GVariant   *parameters,
                  NnsBatch   *batch,
                  GError    **error)
{
  g_autoptr(ConfigCall) call = config_call_new (self);
  const char *namespace_name, *key, *value;

  g_variant_get (parameters, "(&s&s&s)", &namespace_name, &key, &value);
  call->key = g_strdup (key);
  if (!nns_sysctl_parse (key, value, &call->sysctl, error) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error))
    return NULL;
  if (batch != NULL && nns_sysctl_drops_state (&call->sysctl))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_SUPPORTED,
                   "%s=%s cannot be part of Apply: the kernel drops the IPv6 addresses, "
                   "which an undo could not put back; set it on its own", key, value);
      return NULL;
    }
  return g_steal_pointer (&call);
}

static gboolean
plan_set_sysctl (NnsCaller      *caller,
                 NnsAuthRequest *request,
                 gpointer        user_data,
                 GError        **error)
{
  ConfigCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("set %s in %s", call->key,
                                           call->target.description);

  return nns_target_plan_change (call->manager, request, caller, &call->target, what,
                                 NULL, NNS_LINK_NONE, NULL, error);
}

/* Runs in the namespace: keeps the value there was, for undo. */
static gboolean
write_sysctl_here (gpointer user_data,
                   GError **error)
{
  ConfigCall *call = user_data;

  g_clear_pointer (&call->previous, g_free);
  call->previous = nns_sysctl_read_here (&call->sysctl, call->target.description, error);
  return call->previous != NULL &&
         nns_sysctl_write_here (&call->sysctl, call->target.description, error);
}

static gboolean
perform_set_sysctl (gpointer    user_data,
                    NnsCaller  *caller,
                    GError    **error)
{
  ConfigCall *call = user_data;

  if (nns_target_netlink (call->manager, &call->target, error) == NULL ||
      !nns_registry_run_in (call->manager->registry, call->target.name,
                            write_sysctl_here, call, error))
    return FALSE;
  g_message ("%s set %s to %s in %s", nns_caller_describe (caller), call->key,
             g_strchomp (call->sysctl.value), call->target.description);
  return TRUE;
}

static gboolean
restore_sysctl_here (gpointer user_data,
                     GError **error)
{
  ConfigCall *call = user_data;
  NnsSysctl previous = call->sysctl;

  previous.value = call->previous;
  return nns_sysctl_write_here (&previous, call->target.description, error);
}

static gboolean
undo_set_sysctl (gpointer user_data,
                 GError **error)
{
  ConfigCall *call = user_data;

  return nns_target_netlink (call->manager, &call->target, error) != NULL &&
         nns_registry_run_in (call->manager->registry, call->target.name,
                              restore_sysctl_here, call, error);
}

const NnsOperation nns_set_sysctl_operation = {
  .method = "SetSysctl",
  .parse = parse_set_sysctl,
  .plan = plan_set_sysctl,
  .perform = perform_set_sysctl,
  .undo = undo_set_sysctl,
  .free = config_call_free,
};

static gboolean
handle_set_sysctl (NnsDBusNetNs          *object,
                   GDBusMethodInvocation *invocation,
                   const char            *namespace_name,
                   const char            *key,
                   const char            *value)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_set_sysctl_operation);
}

/* SetDns */

static gpointer
parse_set_dns (NnsManager *self,
               GVariant   *parameters,
               NnsBatch   *batch,
               GError    **error)
{
  g_autoptr(ConfigCall) call = config_call_new (self);
  g_autofree const char **nameservers = NULL;
  g_autofree const char **search = NULL;
  const char *namespace_name;

  g_variant_get (parameters, "(&s^a&s^a&s)", &namespace_name, &nameservers, &search);
  if (namespace_name[0] == '\0')
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "the host's DNS is the system's resolver configuration, "
                           "not netnsd's to set");
      return NULL;
    }
  /* The name becomes a folder in /etc/netns: only names netnsd would make. */
  if (!nns_namespace_name_validate (namespace_name, error) ||
      !nns_target_init (&call->target, self, batch, namespace_name, error))
    return NULL;
  if ((nameservers[0] != NULL || search[0] != NULL) &&
      (call->resolv_conf = nns_dns_render (nameservers, search, namespace_name, error)) == NULL)
    return NULL;
  return g_steal_pointer (&call);
}

static gboolean
plan_set_dns (NnsCaller      *caller,
              NnsAuthRequest *request,
              gpointer        user_data,
              GError        **error)
{
  ConfigCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("set the DNS of %s", call->target.description);

  return nns_target_plan_change (call->manager, request, caller, &call->target, what,
                                 NULL, NNS_LINK_NONE, NULL, error);
}

static gboolean
perform_set_dns (gpointer    user_data,
                 NnsCaller  *caller,
                 GError    **error)
{
  ConfigCall *call = user_data;

  NnsEtcNetns *etc = call->manager->etc_netns;

  nns_etc_file_clear (&call->previous_file);
  if (nns_target_netlink (call->manager, &call->target, error) == NULL ||
      !nns_etc_netns_read_resolv_conf (etc, call->target.name, &call->previous_file, error))
    return FALSE;
  if (call->resolv_conf == NULL)
    nns_etc_netns_forget (etc, call->target.name);
  else if (!nns_etc_netns_write_resolv_conf (etc, call->target.name, call->resolv_conf, error))
    return FALSE;
  g_message ("%s set the DNS of %s", nns_caller_describe (caller), call->target.description);
  return TRUE;
}

static gboolean
undo_set_dns (gpointer user_data,
              GError **error)
{
  ConfigCall *call = user_data;

  return nns_etc_netns_restore_resolv_conf (call->manager->etc_netns, call->target.name,
                                            &call->previous_file, error);
}

const NnsOperation nns_set_dns_operation = {
  .method = "SetDns",
  .parse = parse_set_dns,
  .plan = plan_set_dns,
  .perform = perform_set_dns,
  .undo = undo_set_dns,
  .free = config_call_free,
};

static gboolean
handle_set_dns (NnsDBusNetNs          *object,
                GDBusMethodInvocation *invocation,
                const char            *namespace_name,
                const char * const    *nameservers,
                const char * const    *search)
{
  return nns_operation_run (NNS_MANAGER (object), invocation, &nns_set_dns_operation);
}

void
nns_manager_init_config_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_set_sysctl = handle_set_sysctl;
  iface->handle_set_dns = handle_set_dns;
}
