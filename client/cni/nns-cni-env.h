/* nns-cni-env.h: the CNI_* environment a runtime runs the plugin with.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NNS_CNI_COMMAND_NONE,      /* no CNI_COMMAND: a person ran the plugin */
  NNS_CNI_COMMAND_ADD,
  NNS_CNI_COMMAND_DEL,
  NNS_CNI_COMMAND_CHECK,
  NNS_CNI_COMMAND_GC,
  NNS_CNI_COMMAND_STATUS,
  NNS_CNI_COMMAND_VERSION,
} NnsCniCommand;

typedef struct {
  NnsCniCommand command;
  char         *container_id;   /* CNI_CONTAINERID */
  char         *netns;          /* CNI_NETNS; NULL when unset or empty */
  char         *ifname;         /* CNI_IFNAME */
  char         *arg_ip;         /* CNI_ARGS IP=: the address asked for */
  char         *arg_mac;        /* CNI_ARGS MAC=: the container end's MAC */
} NnsCniEnv;

/* Reads the environment through @getenv_func (g_getenv, or a table in
 * tests); fails with NNS_CNI_ERROR_INVALID_ENVIRONMENT naming the
 * variable. */
NnsCniEnv *nns_cni_env_load (const char *(*getenv_func) (const char *name),
                             GError    **error);
void       nns_cni_env_free (NnsCniEnv  *env);

const char *nns_cni_command_name (NnsCniCommand command);

gboolean   nns_cni_container_id_validate (const char *id,
                                          const char *what,
                                          GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsCniEnv, nns_cni_env_free)

G_END_DECLS
