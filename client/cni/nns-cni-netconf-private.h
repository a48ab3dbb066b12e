/* nns-cni-netconf-private.h: what the parts of the configuration's parser
 * share (nns-cni-netconf*.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-cni-netconf.h"

G_BEGIN_DECLS

/* Sets NNS_CNI_ERROR_INVALID_CONFIG with the formatted details; FALSE. */
gboolean nns_cni_netconf_invalid         (GError       **error,
                                          const char    *format,
                                          ...) G_GNUC_PRINTF (2, 3);

/* "ipam" (or the top level): range sets and routes. */
gboolean nns_cni_netconf_parse_addresses (JsonObject    *object,
                                          NnsCniNetConf *conf,
                                          GError       **error);

/* "runtimeConfig", "args" and CNI_ARGS: port mappings, the addresses and
 * the MAC asked for. */
gboolean nns_cni_netconf_parse_runtime   (JsonObject      *object,
                                          const NnsCniEnv *env,
                                          NnsCniNetConf   *conf,
                                          GError         **error);

void     nns_cni_attachment_key_clear    (gpointer data);

G_END_DECLS
