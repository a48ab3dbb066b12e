/* nns-cni-commands.h: the plugin's commands, each given the environment
 * and the configuration already checked.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-cni-env.h"
#include "nns-cni-netconf.h"
#include "nns-cni-netnsd.h"

G_BEGIN_DECLS

/* ADD: the result to print, as JSON text. */
char    *nns_cni_add    (const NnsCniEnv *env,
                         NnsCniNetConf   *conf,
                         GError         **error);
gboolean nns_cni_del    (const NnsCniEnv *env,
                         NnsCniNetConf   *conf,
                         GError         **error);
gboolean nns_cni_check  (const NnsCniEnv *env,
                         NnsCniNetConf   *conf,
                         GError         **error);
gboolean nns_cni_gc     (NnsCniNetConf   *conf,
                         GError         **error);
gboolean nns_cni_status (NnsCniNetConf   *conf,
                         GError         **error);

/* What DEL and GC share (nns-cni-teardown.c) */

/* Removes what the attachment (@container_id, @ifname) made but its
 * lease: the port forwards to @addresses (of NnsCidr), the host end of
 * its veth pair (and so both ends), and the name the plugin gave its
 * namespace once no link but lo is left there. @netns_name is the
 * namespace's name when CNI_NETNS still names one, else NULL. What is
 * already gone is no error. */
gboolean nns_cni_teardown_attachment (NnsCniNetnsd  *netnsd,
                                      NnsCniNetConf *conf,
                                      const char    *container_id,
                                      const char    *ifname,
                                      GArray        *addresses,
                                      const char    *netns_name,
                                      GError       **error);

/* Removes the masquerades of the network's subnets that no lease of the
 * pool is in any more. */
gboolean nns_cni_teardown_masquerades (NnsCniNetnsd  *netnsd,
                                       NnsCniNetConf *conf,
                                       GError       **error);

/* The addresses the pool's leases give @container_id/@ifname, and their
 * holders (either may be NULL). */
GArray  *nns_cni_leased_addresses    (GPtrArray     *leases,
                                      const char    *container_id,
                                      const char    *ifname,
                                      GPtrArray     *holders);

/* "10.88.0.2:80", "[fd00::2]:80" */
char    *nns_cni_target_text         (const NnsCidr *address,
                                      guint16        port);

/* @error from netnsd made a CNI error: netnsd unreachable is code 11. */
NnsCniNetnsd *nns_cni_connect        (GError       **error);

G_END_DECLS
