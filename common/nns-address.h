/* nns-address.h: parsing of the IP and MAC addresses callers pass.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int    family;      /* AF_INET or AF_INET6 */
  guint8 bytes[16];
  guint  prefix;      /* 0-32 or 0-128 */
} NnsCidr;

#define NNS_MAC_LEN 6
#define NNS_IPV6_MIN_MTU 1280   /* below it, the kernel turns IPv6 off on a link */

typedef enum {
  NNS_CIDR_PREFIX_OPTIONAL,  /* "10.0.0.1" means 10.0.0.1/32, as ip(8) reads it */
  NNS_CIDR_NO_PREFIX,        /* a plain address: a gateway, a source */
  NNS_CIDR_NETWORK,          /* a route destination: host bits must be zero */
} NnsCidrKind;

gboolean nns_cidr_parse         (const char    *text,
                                 NnsCidrKind    kind,
                                 const char    *what,
                                 NnsCidr       *cidr,
                                 GError       **error);
char    *nns_cidr_to_string     (const NnsCidr *cidr);
char    *nns_cidr_address_to_string (const NnsCidr *cidr);
gboolean nns_cidr_equal         (const NnsCidr *a,
                                 const NnsCidr *b);

gboolean nns_mac_parse          (const char    *text,
                                 const char    *what,
                                 guint8         mac[NNS_MAC_LEN],
                                 GError       **error);

gboolean nns_mtu_validate       (guint32        mtu,
                                 GError       **error);

G_END_DECLS
