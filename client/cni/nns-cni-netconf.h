/* nns-cni-netconf.h: the network configuration a runtime hands the plugin
 * on stdin, read and checked once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "nns-address.h"
#include "nns-cni-env.h"
#include "nns-cni-result.h"

G_BEGIN_DECLS

/* The bridge a network's containers join unless "bridge" names another:
 * the bridge plugin's own default, so that a configuration moves between
 * the two unchanged. */
#define NNS_CNI_DEFAULT_BRIDGE "cni0"

typedef struct {
  char    *protocol;          /* "tcp" or "udp" */
  guint16  host_port;
  guint16  container_port;
  NnsCidr  host_ip;           /* family 0: every address of the host */
} NnsCniPortMapping;

typedef struct {
  NnsCidr destination;
  NnsCidr gateway;            /* family 0: the range's gateway */
} NnsCniRoute;

typedef struct {
  char *container_id;
  char *ifname;
} NnsCniAttachmentKey;

typedef struct {
  char         *version;            /* cniVersion */
  char         *name;
  char         *bridge;
  gboolean      is_gateway;         /* the bridge holds the gateway address */
  gboolean      is_default_gateway; /* a default route through it */
  gboolean      ip_masq;
  gboolean      enable_dad;
  guint         mtu;                /* 0: the kernel's */
  GPtrArray    *range_sets;         /* of NnsCniRangeSet */
  GArray       *routes;             /* of NnsCniRoute, ipam.routes */
  JsonObject   *dns;                /* may be NULL */
  GArray       *port_mappings;      /* of NnsCniPortMapping */
  GArray       *requested;          /* of NnsCidr: the addresses asked for */
  char         *mac;                /* the container end's MAC, or NULL */
  NnsCniResult *prev_result;        /* NULL when there is none */
  GArray       *valid_attachments;  /* GC: of NnsCniAttachmentKey */
} NnsCniNetConf;

/* Reads the configuration for @env's command (the environment's CNI_ARGS
 * add to it). Fails with the specification's codes: 6 for what is not
 * JSON, 1 for a version the plugin does not speak (or one too old for the
 * command), 2 for a field it does not support, 7 for the rest. */
NnsCniNetConf *nns_cni_netconf_parse (const char      *text,
                                      gsize            length,
                                      const NnsCniEnv *env,
                                      GError         **error);

void           nns_cni_netconf_free  (NnsCniNetConf   *conf);

/* The cniVersion of @text, whatever it is, or NULL when @text is not a
 * JSON object with a string there: what VERSION echoes, and errors are
 * told in (when the plugin speaks it). */
char          *nns_cni_netconf_peek_version (const char *text,
                                             gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsCniNetConf, nns_cni_netconf_free)

G_END_DECLS
