/* nns-dns.h: /etc/netns/NAME/resolv.conf, the DNS a namespace's programs
 * see.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NNS_DNS_MAX_NAMESERVERS 3   /* glibc's MAXNS */
#define NNS_DNS_MAX_SEARCH 6        /* what every resolver takes */

char    *nns_dns_render (const char * const *nameservers,
                         const char * const *search,
                         const char         *namespace,
                         GError            **error);
G_END_DECLS
