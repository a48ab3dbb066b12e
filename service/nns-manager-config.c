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
  char       *resolv_conf;   /* NULL: remove it */
} ConfigCall;

static void
config_call_free (gpointer data)
{
  ConfigCall *call = data;

  nns_target_clear (&call->target);
  nns_sysctl_clear (&call->sysctl);
  g_free (call->key);
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

static gboolean
plan_set_sysctl (NnsCaller      *caller,
                 NnsAuthRequest *request,
                 gpointer        user_data,
                 GError        **error)
{
  ConfigCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("set %s in %s", call->key,
                                           call->target.description);

  return nns_manager_plan_change (call->manager, request, caller, &call->target, what,
                                  NULL, NNS_LINK_NONE, NULL, error);
}

static gboolean
write_sysctl_here (gpointer user_data,
                   GError **error)
{
  ConfigCall *call = user_data;

  return nns_sysctl_write_here (&call->sysctl, call->target.description, error);
}

static void
set_sysctl_authorized (GDBusMethodInvocation *invocation,
                       NnsCaller             *caller,
                       gpointer               user_data)
{
  ConfigCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (nns_manager_target_netlink (call->manager, &call->target, &error) == NULL ||
      !nns_registry_run_in (call->manager->registry, call->target.name,
                            write_sysctl_here, call, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  g_message ("%s set %s to %s in %s", nns_caller_describe (caller), call->key,
             g_strchomp (call->sysctl.value), call->target.description);
  nns_dbus_net_ns_complete_set_sysctl (NNS_DBUS_NET_NS (call->manager), invocation);
}

static gboolean
handle_set_sysctl (NnsDBusNetNs          *object,
                   GDBusMethodInvocation *invocation,
                   const char            *namespace_name,
                   const char            *key,
                   const char            *value)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(ConfigCall) call = config_call_new (self);
  g_autoptr(GError) error = NULL;

  call->key = g_strdup (key);
  if (!nns_sysctl_parse (key, value, &call->sysctl, &error) ||
      !nns_target_init (&call->target, self, namespace_name, &error))
    return nns_manager_return_error (invocation, error);

  nns_authority_authorize (self->authority, invocation, plan_set_sysctl,
                           set_sysctl_authorized, g_steal_pointer (&call), config_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* SetDns */

static gboolean
plan_set_dns (NnsCaller      *caller,
              NnsAuthRequest *request,
              gpointer        user_data,
              GError        **error)
{
  ConfigCall *call = user_data;
  g_autofree char *what = g_strdup_printf ("set the DNS of %s", call->target.description);

  return nns_manager_plan_change (call->manager, request, caller, &call->target, what,
                                  NULL, NNS_LINK_NONE, NULL, error);
}

static void
set_dns_authorized (GDBusMethodInvocation *invocation,
                    NnsCaller             *caller,
                    gpointer               user_data)
{
  ConfigCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (nns_manager_target_netlink (call->manager, &call->target, &error) == NULL ||
      !nns_dns_write (NNS_ETC_NETNS_DIR, call->target.name, call->resolv_conf, &error))
    {
      nns_manager_return_error (invocation, error);
      return;
    }
  g_message ("%s set the DNS of %s", nns_caller_describe (caller), call->target.description);
  nns_dbus_net_ns_complete_set_dns (NNS_DBUS_NET_NS (call->manager), invocation);
}

static gboolean
handle_set_dns (NnsDBusNetNs          *object,
                GDBusMethodInvocation *invocation,
                const char            *namespace_name,
                const char * const    *nameservers,
                const char * const    *search)
{
  NnsManager *self = NNS_MANAGER (object);
  g_autoptr(ConfigCall) call = config_call_new (self);
  g_autoptr(GError) error = NULL;

  if (namespace_name[0] == '\0')
    {
      g_set_error_literal (&error, NNS_ERROR, NNS_ERROR_INVALID_ARGUMENT,
                           "the host's DNS is the system's resolver configuration, "
                           "not netnsd's to set");
      return nns_manager_return_error (invocation, error);
    }
  /* The name becomes a folder in /etc/netns: only names netnsd would make. */
  if (!nns_namespace_name_validate (namespace_name, &error) ||
      !nns_target_init (&call->target, self, namespace_name, &error))
    return nns_manager_return_error (invocation, error);
  if ((nameservers[0] != NULL || search[0] != NULL) &&
      (call->resolv_conf = nns_dns_render (nameservers, search, namespace_name, &error)) == NULL)
    return nns_manager_return_error (invocation, error);

  nns_authority_authorize (self->authority, invocation, plan_set_dns,
                           set_dns_authorized, g_steal_pointer (&call), config_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
nns_manager_init_config_methods (NnsDBusNetNsIface *iface)
{
  iface->handle_set_sysctl = handle_set_sysctl;
  iface->handle_set_dns = handle_set_dns;
}
