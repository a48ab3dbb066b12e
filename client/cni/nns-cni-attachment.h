/* nns-cni-attachment.h: the names of what an attachment (a container id
 * and an interface name) makes, worked out again from the attachment
 * alone, so that DEL and GC find them with no state of the plugin's own
 * and no prevResult; and the container's namespace.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lease holder for range set @set_index: "ID/IFNAME", then
 * "ID/IFNAME/1", ... */
char    *nns_cni_holder           (const char *container_id,
                                   const char *ifname,
                                   guint       set_index);

/* Splits a holder of this plugin's making; FALSE for any other. */
gboolean nns_cni_holder_parse     (const char *holder,
                                   char      **container_id,
                                   char      **ifname);

/* The host end of the veth pair: "veth" and 8 hex digits of a hash of the
 * attachment, as long as the bridge plugin's random names. */
char    *nns_cni_host_link_name   (const char *container_id,
                                   const char *ifname);

/* The names the plugin may give a namespace it attaches: "cni-" and the
 * id's first 12 characters (what `podman ps` and `docker ps` show), and,
 * should another namespace have that, "cni-" and up to 60 of them. */
#define NNS_CNI_ATTACH_PREFIX "cni-"
char    *nns_cni_attach_name      (const char *container_id,
                                   gboolean    long_form);

/* A random locally administered unicast MAC, "02:..." style. */
char    *nns_cni_random_mac       (void);

/* Opens CNI_NETNS: a network namespace, and not the one the plugin runs
 * in. Fails with NNS_CNI_ERROR_UNKNOWN_CONTAINER when it does not exist,
 * NNS_CNI_ERROR_INVALID_ENVIRONMENT when it is no namespace or the
 * host's. */
int      nns_cni_netns_open       (const char *path,
                                   GError    **error);

/* The name under /run/netns that holds the namespace of @fd, or NULL. */
char    *nns_cni_netns_find_name  (int         fd);

/* TRUE when /run/netns has an entry @name. */
gboolean nns_cni_netns_name_exists (const char *name);

G_END_DECLS
