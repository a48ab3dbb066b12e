/* nns-cni-env.c: the CNI_* environment, read and checked once.
 *
 * What each command needs is the specification's (SPEC.md, "Parameters"):
 * ADD and CHECK a container id, a namespace and an interface name; DEL the
 * id and the name (the namespace may be gone); GC, STATUS and VERSION
 * nothing but the command. CNI_PATH is not needed: the plugin delegates to
 * no other plugin.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-cni-env.h"
#include "nns-cni-error.h"
#include "nns-names.h"

static const struct {
  const char   *name;
  NnsCniCommand command;
} commands[] = {
  { "ADD", NNS_CNI_COMMAND_ADD },
  { "DEL", NNS_CNI_COMMAND_DEL },
  { "CHECK", NNS_CNI_COMMAND_CHECK },
  { "GC", NNS_CNI_COMMAND_GC },
  { "STATUS", NNS_CNI_COMMAND_STATUS },
  { "VERSION", NNS_CNI_COMMAND_VERSION },
};

const char *
nns_cni_command_name (NnsCniCommand command)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].command == command)
      return commands[i].name;
  return "(none)";
}

void
nns_cni_env_free (NnsCniEnv *env)
{
  if (env == NULL)
    return;
  g_free (env->container_id);
  g_free (env->netns);
  g_free (env->ifname);
  g_free (env->arg_ip);
  g_free (env->arg_mac);
  g_free (env);
}

/* The specification's rule for container ids: an alphanumeric, then
 * alphanumerics, '_', '.' and '-'. */
gboolean
nns_cni_container_id_validate (const char *id,
                               const char *what,
                               GError    **error)
{
  g_autofree char *quoted = nns_quote (id);

  if (id[0] == '\0' || !g_ascii_isalnum (id[0]))
    {
      nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "invalid CNI_CONTAINERID",
                         "%s %s must start with a letter or a digit", what, quoted);
      return FALSE;
    }
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '.' && *c != '-')
      {
        nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "invalid CNI_CONTAINERID",
                           "%s %s may hold only letters, digits, '_', '.' and '-'", what,
                           quoted);
        return FALSE;
      }
  return TRUE;
}

static gboolean
parse_command (const char    *text,
               NnsCniCommand *command,
               GError       **error)
{
  g_autofree char *quoted = NULL;

  if (text == NULL || text[0] == '\0')
    {
      *command = NNS_CNI_COMMAND_NONE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (text, commands[i].name) == 0)
      {
        *command = commands[i].command;
        return TRUE;
      }
  quoted = nns_quote (text);
  nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "invalid CNI_COMMAND",
                     "CNI_COMMAND %s is none of ADD, DEL, CHECK, GC, STATUS and VERSION", quoted);
  return FALSE;
}

/* CNI_ARGS: "K=V;K=V". IP and MAC are the ones a runtime passes for
 * `--ip` and `--mac-address`; the rest (IgnoreUnknown, K8S_POD_NAME, ...)
 * are for other plugins. */
static gboolean
parse_args (const char *text,
            NnsCniEnv  *env,
            GError    **error)
{
  g_auto(GStrv) pairs = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  pairs = g_strsplit (text, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *quoted = NULL;

      if (pairs[i][0] == '\0')
        continue;
      if (equals == NULL || equals == pairs[i])
        {
          quoted = nns_quote (pairs[i]);
          nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "invalid CNI_ARGS",
                             "CNI_ARGS entry %s is not KEY=VALUE", quoted);
          return FALSE;
        }
      if (g_str_has_prefix (pairs[i], "IP="))
        {
          g_free (env->arg_ip);
          env->arg_ip = g_strdup (equals + 1);
        }
      else if (g_str_has_prefix (pairs[i], "MAC="))
        {
          g_free (env->arg_mac);
          env->arg_mac = g_strdup (equals + 1);
        }
    }
  return TRUE;
}

static gboolean
require (const char *value,
         const char *name,
         GError    **error)
{
  if (value != NULL && value[0] != '\0')
    return TRUE;
  nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "missing environment variable",
                     "%s must be set", name);
  return FALSE;
}

static gboolean
validate_ifname (const char *ifname,
                 GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (nns_link_name_validate (ifname, &local))
    return TRUE;
  nns_cni_set_error (error, NNS_CNI_ERROR_INVALID_ENVIRONMENT, "invalid CNI_IFNAME",
                     "CNI_IFNAME: %s", local->message);
  return FALSE;
}

NnsCniEnv *
nns_cni_env_load (const char *(*getenv_func) (const char *name),
                  GError    **error)
{
  g_autoptr(NnsCniEnv) env = g_new0 (NnsCniEnv, 1);
  const char *id = getenv_func ("CNI_CONTAINERID");
  const char *netns = getenv_func ("CNI_NETNS");
  const char *ifname = getenv_func ("CNI_IFNAME");
  gboolean attachment;

  if (!parse_command (getenv_func ("CNI_COMMAND"), &env->command, error))
    return NULL;
  attachment = env->command == NNS_CNI_COMMAND_ADD || env->command == NNS_CNI_COMMAND_DEL ||
               env->command == NNS_CNI_COMMAND_CHECK;
  if (!attachment)
    return g_steal_pointer (&env);

  if (!require (id, "CNI_CONTAINERID", error) ||
      !nns_cni_container_id_validate (id, "CNI_CONTAINERID", error) ||
      !require (ifname, "CNI_IFNAME", error) ||
      !validate_ifname (ifname, error))
    return NULL;
  if (env->command != NNS_CNI_COMMAND_DEL && !require (netns, "CNI_NETNS", error))
    return NULL;
  if (!parse_args (getenv_func ("CNI_ARGS"), env, error))
    return NULL;
  env->container_id = g_strdup (id);
  env->ifname = g_strdup (ifname);
  env->netns = netns != NULL && netns[0] != '\0' ? g_strdup (netns) : NULL;
  return g_steal_pointer (&env);
}
