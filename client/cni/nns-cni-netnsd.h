/* nns-cni-netnsd.h: what the plugin asks netnsd, in the plugin's own
 * terms, and netnsd's errors as CNI errors. The one file that speaks to
 * netnsd (through libnetns).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-address.h"

G_BEGIN_DECLS

typedef struct {
  char    *holder;
  NnsCidr  address;     /* with the subnet's prefix */
  NnsCidr  gateway;
} NnsCniLease;

typedef struct {
  char     *name;
  char     *kind;
  char     *mac;
  char     *master;     /* "" when none */
  gboolean  up;
  GStrv     addresses;  /* CIDR */
} NnsCniLink;

typedef struct {
  NnsCidr  destination; /* "default" read as 0.0.0.0/0 or ::/0 */
  NnsCidr  via;         /* family 0 when none */
  char    *dev;         /* "" when none */
  guint    table;
} NnsCniRouteEntry;

typedef struct {
  char    *protocol;
  guint16  port;
  char    *target;      /* "10.88.0.2:80", "[fd00::2]:80" */
  char    *address;     /* "" for every address */
} NnsCniForward;

typedef struct {
  char *source;
  char *out_link;
} NnsCniMasquerade;

#define NNS_TYPE_CNI_NETNSD (nns_cni_netnsd_get_type ())
G_DECLARE_FINAL_TYPE (NnsCniNetnsd, nns_cni_netnsd, NNS, CNI_NETNSD, GObject)

/* Connects to netnsd on the system bus (the bus starts netnsd on the
 * first call, where it is installed so). */
NnsCniNetnsd *nns_cni_netnsd_new           (GError      **error);

gboolean      nns_cni_netnsd_lease         (NnsCniNetnsd *self,
                                            const char   *pool,
                                            const char   *holder,
                                            GVariant     *ranges,
                                            const NnsCidr *requested,
                                            NnsCniLease  *lease,
                                            GError      **error);
gboolean      nns_cni_netnsd_release       (NnsCniNetnsd *self,
                                            const char   *pool,
                                            GPtrArray    *holders,
                                            gboolean      keep_only,
                                            GError      **error);
GPtrArray    *nns_cni_netnsd_list_leases   (NnsCniNetnsd *self,
                                            const char   *pool,
                                            GError      **error);

/* The links, routes, masquerades and port forwards of @namespace ("" is
 * the host). */
GPtrArray    *nns_cni_netnsd_list_links    (NnsCniNetnsd *self,
                                            const char   *namespace,
                                            GError      **error);
GPtrArray    *nns_cni_netnsd_list_routes   (NnsCniNetnsd *self,
                                            const char   *namespace,
                                            GError      **error);
GPtrArray    *nns_cni_netnsd_list_masquerades (NnsCniNetnsd *self,
                                               const char   *namespace,
                                               GError      **error);
GPtrArray    *nns_cni_netnsd_list_forwards (NnsCniNetnsd *self,
                                            const char   *namespace,
                                            GError      **error);

/* Runs @operations (a(sa{sv}), floating or not) as one Apply; @netns_fd,
 * when not -1, goes with the message as its fd 0, for an AttachNamespace
 * whose netns argument is the handle 0. */
gboolean      nns_cni_netnsd_apply         (NnsCniNetnsd *self,
                                            GVariant     *operations,
                                            int           netns_fd,
                                            GError      **error);

gboolean      nns_cni_netnsd_delete_link   (NnsCniNetnsd *self,
                                            const char   *namespace,
                                            const char   *name,
                                            GError      **error);
gboolean      nns_cni_netnsd_delete_namespace (NnsCniNetnsd *self,
                                               const char   *name,
                                               GError      **error);

/* The Apply error's operation number (counting from 1), or 0. */
guint         nns_cni_netnsd_failed_operation (const GError *error);

gboolean      nns_cni_netnsd_error_is_exists    (const GError *error);
gboolean      nns_cni_netnsd_error_is_not_found (const GError *error);

/* No system bus, no netnsd on it (and none that it could start), or no
 * answer: what clears up once netnsd runs again. */
gboolean      nns_cni_netnsd_error_is_unreachable (const GError *error);

/* Turns an error of netnsd (or of reaching it) into a CNI error whose
 * message says what the plugin was doing (@doing: "lease an address")
 * and whose details are netnsd's own words; takes @netnsd_error. */
void          nns_cni_error_from_netnsd    (GError      **error,
                                            GError       *netnsd_error,
                                            const char   *doing);

const NnsCniLink *nns_cni_links_find       (GPtrArray    *links,
                                            const char   *name);

G_END_DECLS
