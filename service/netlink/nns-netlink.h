/* nns-netlink.h: route netlink sockets bound to one network namespace.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <netlink/errno.h>

#include "nns-address.h"
#include "nns-error.h"

G_BEGIN_DECLS

#define NNS_TYPE_NETLINK (nns_netlink_get_type ())
G_DECLARE_FINAL_TYPE (NnsNetlink, nns_netlink, NNS, NETLINK, GObject)

/* The nsid of the namespace netnsd runs in: its notifications carry none. */
#define NNS_HOST_NSID (-1)
/* A namespace whose notifications nobody feeds in (yet). */
#define NNS_NSID_UNKNOWN G_MININT

typedef void (*NnsNetlinkDrainFunc) (gpointer data);
struct nlmsghdr;
struct rtnl_link;
typedef void (*NnsNetlinkLinkFunc) (struct rtnl_link *link,
                                    gpointer          data);

/* What the signal "event" tells (nns-netlink.c). */
typedef enum {
  NNS_NETLINK_LINK_CHANGED,     /* @link came or changed */
  NNS_NETLINK_LINK_REMOVED,     /* the link @ifindex went */
  NNS_NETLINK_ADDRESS_CHANGED,  /* @cidr came to @ifindex (@usable) or left it */
  NNS_NETLINK_BATCH_DONE,       /* a batch of the above is over */
  NNS_NETLINK_RESYNCHRONIZED,   /* links read again: read the addresses again */
} NnsNetlinkEventType;

typedef struct {
  NnsNetlinkEventType  type;
  struct rtnl_link    *link;
  int                  ifindex;
  gboolean             usable;
  const char          *cidr;
} NnsNetlinkEvent;

NnsNetlink *nns_netlink_new_here           (const char *description,
                                            gboolean    track_names,
                                            GError    **error);
void        nns_netlink_set_drain_func     (NnsNetlink          *self,
                                            NnsNetlinkDrainFunc  drain,
                                            gpointer             data);
void        nns_netlink_handle_notification (NnsNetlink      *self,
                                             struct nlmsghdr *hdr);
void        nns_netlink_notifications_done (NnsNetlink *self);
void        nns_netlink_resynchronize      (NnsNetlink *self);
void        nns_netlink_refresh_link       (NnsNetlink *self,
                                            int         ifindex);
void        nns_netlink_foreach_link       (NnsNetlink         *self,
                                            NnsNetlinkLinkFunc  func,
                                            gpointer            data);
int         nns_netlink_get_nsid           (NnsNetlink *self);
void        nns_netlink_set_nsid           (NnsNetlink *self,
                                            int         nsid);
gboolean    nns_netlink_namespace_id       (NnsNetlink *self,
                                            int         ns_fd,
                                            int        *nsid,
                                            GError    **error);
const char *nns_netlink_get_description    (NnsNetlink *self);
guint64     nns_netlink_get_cookie         (NnsNetlink *self);
void        nns_netlink_process_events     (NnsNetlink *self);
gboolean    nns_netlink_follows_notifications (NnsNetlink *self);
GStrv       nns_netlink_dup_link_names     (NnsNetlink *self);
guint       nns_netlink_count_links        (NnsNetlink *self);
gboolean    nns_netlink_has_link_index     (NnsNetlink *self,
                                            int         ifindex);

/* Links (nns-netlink-link.c) */

typedef struct {
  const char   *name;
  const char   *peer_name;
  int           peer_ns_fd;    /* -1: the peer stays in this namespace */
  guint32       mtu;           /* 0: the kernel's default */
  gboolean      up;
  const guint8 *address;       /* NULL: a random one */
  const guint8 *peer_address;
} NnsVethSpec;

typedef struct {
  gboolean      set_up;
  gboolean      up;
  guint32       mtu;           /* 0: unchanged */
  const guint8 *address;       /* NULL: unchanged */
  const char   *name;          /* NULL: unchanged */
  int           ns_fd;         /* -1: stays; otherwise moves there */
  gboolean      set_master;
  int           master;        /* the bridge's index; 0: out of any */
} NnsLinkChange;

/* What a link was before a change, for putting it back. */
typedef struct {
  gboolean      up;
  guint32       mtu;
  gboolean      has_address;
  guint8        address[NNS_MAC_LEN];
  char          name[16];      /* IFNAMSIZ */
  int           master;        /* 0: none */
} NnsLinkState;

int         nns_netlink_link_index         (NnsNetlink          *self,
                                            const char          *name,
                                            GError             **error);
gboolean    nns_netlink_set_link_up        (NnsNetlink          *self,
                                            int                  ifindex,
                                            gboolean             up,
                                            GError             **error);
gboolean    nns_netlink_create_veth        (NnsNetlink          *self,
                                            const NnsVethSpec   *spec,
                                            GError             **error);
gboolean    nns_netlink_delete_link        (NnsNetlink          *self,
                                            const char          *name,
                                            GError             **error);
gboolean    nns_netlink_change_link        (NnsNetlink          *self,
                                            const char          *name,
                                            const NnsLinkChange *change,
                                            NnsLinkState        *before,
                                            GError             **error);
GVariant   *nns_netlink_list_links         (NnsNetlink          *self,
                                            GError             **error);

/* Links of other kinds than veth (nns-netlink-kinds.c) */

typedef enum {
  NNS_LINK_KIND_BRIDGE,
  NNS_LINK_KIND_DUMMY,
  NNS_LINK_KIND_MACVLAN,
  NNS_LINK_KIND_IPVLAN,
  NNS_LINK_KIND_VLAN,
  NNS_LINK_KIND_VXLAN,
  NNS_LINK_KIND_VRF,
  NNS_LINK_KIND_WIREGUARD,
  NNS_LINK_KIND_N_KINDS,
} NnsLinkKind;

#define NNS_VXLAN_DEFAULT_PORT 4789   /* IANA's, not the kernel's old 8472 */

/* A link to create; the fields after @parent are those of its kind. */
typedef struct {
  const char   *name;
  NnsLinkKind   kind;
  guint32       mtu;           /* 0: the kernel's default */
  gboolean      up;
  const guint8 *address;       /* NULL: a random one */
  int           parent;        /* index of the link it sits on; 0: none */

  gboolean      has_stp;       /* bridge */
  gboolean      stp;
  guint32       macvlan_mode;  /* MACVLAN_MODE_*; 0: the kernel's default */
  guint16       ipvlan_mode;   /* IPVLAN_MODE_* */
  gboolean      has_ipvlan_mode;
  guint16       vlan_id;
  guint16       vlan_protocol; /* ETH_P_8021Q or ETH_P_8021AD; 0: the kernel's default */
  guint32       vxlan_id;
  const NnsCidr *vxlan_remote; /* a unicast peer or a multicast group; NULL: none */
  const NnsCidr *vxlan_local;
  guint16       vxlan_port;
  guint32       vrf_table;
} NnsLinkSpec;

const char *nns_link_kind_to_string       (NnsLinkKind          kind);
gboolean    nns_link_kind_from_string     (const char          *text,
                                           NnsLinkKind         *kind);
char       *nns_link_kinds_describe       (void);
gboolean    nns_netlink_create_link       (NnsNetlink          *self,
                                           const NnsLinkSpec   *spec,
                                           GError             **error);
int         nns_netlink_bridge_index      (NnsNetlink          *self,
                                           const char          *name,
                                           GError             **error);

/* Addresses (nns-netlink-addr.c) */

gboolean    nns_netlink_add_address        (NnsNetlink          *self,
                                            const char          *link,
                                            const NnsCidr       *address,
                                            const NnsCidr       *peer,
                                            const NnsCidr       *broadcast,
                                            GError             **error);
gboolean    nns_netlink_remove_address     (NnsNetlink          *self,
                                            const char          *link,
                                            const NnsCidr       *address,
                                            GError             **error);
GHashTable *nns_netlink_addresses_by_link  (NnsNetlink          *self,
                                            gboolean             usable_only,
                                            GError             **error);
GStrv       nns_netlink_list_addresses     (NnsNetlink          *self,
                                            const char          *link,
                                            GError             **error);

/* Routes (nns-netlink-route.c) */

typedef struct {
  gboolean    is_default;
  NnsCidr     destination;   /* family set even for "default" */
  gboolean    has_via;
  NnsCidr     via;
  const char *dev;           /* NULL: none */
  gboolean    has_metric;
  guint32     metric;
  guint32     table;         /* 0: main */
  gboolean    has_src;
  NnsCidr     src;
} NnsRouteSpec;

gboolean    nns_netlink_add_route          (NnsNetlink          *self,
                                            const NnsRouteSpec  *spec,
                                            GError             **error);
gboolean    nns_netlink_remove_route       (NnsNetlink          *self,
                                            const NnsRouteSpec  *spec,
                                            GError             **error);
GVariant   *nns_netlink_list_routes        (NnsNetlink          *self,
                                            GError             **error);

/* Routes to ::1 for port forwards (nns-netlink-loopback.c) */

/* The protocol number of netnsd's own routes, as `ip route` shows them
 * (`proto 110`): none of iproute2's rt_protos takes it. */
#define NNS_RTPROT_NETNSD 110

int         nns_netlink_route_output_link  (NnsNetlink          *self,
                                            const NnsCidr       *destination);
gboolean    nns_netlink_set_loopback_links (NnsNetlink          *self,
                                            const int           *ifindexes,
                                            guint                n_ifindexes,
                                            GError             **error);

/* Errors */

NnsError    nns_error_code_from_nl         (int                  nlerr);
/* "<formatted>: <libnl's words>", with the code @nlerr maps to. */
#define nns_set_error_nl(error, nlerr, ...) \
  nns_set_error_reason ((error), nns_error_code_from_nl (nlerr), nl_geterror (nlerr), __VA_ARGS__)

G_END_DECLS
