/* netns-client-private.h: what the files of NetNsClient share. The class
 * is split by concern: netns-client.c (its properties and signals),
 * netns-client-init.c (making one), netns-client-load.c (fetching
 * netnsd's objects: as it is made, or for a lazy client when asked, and
 * following the name's owner until then), netns-client-objects.c
 * (netnsd's objects as NetNsNamespace and NetNsLink), netns-call.c
 * (calls) and one file per group of methods (netns-client-links.c, ...).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "netns/netns-client.h"
#include "nns-bus-names.h"

G_BEGIN_DECLS

struct _NetNsClient
{
  GObject             parent_instance;

  GDBusConnection    *connection;
  GDBusObjectManager *object_manager;
  GMainContext       *context;         /* where the object manager's signals arrive */
  GHashTable         *namespaces;      /* object path → NetNsNamespace, the host's included */
  GHashTable         *orphan_links;    /* object path → NetNsLink whose namespace has not come */
  GList              *waiters;         /* calls that wait for a namespace's object */
  GList              *loads;           /* load_objects() tasks while the manager is made */
  NetNsClientFlags    flags;
  guint               spawn_exited_id;
  guint               name_owner_id;   /* NameOwnerChanged, until objects are followed */
  char               *name_owner;      /* what that last said */
  gboolean            name_owner_known;
  gboolean            loading;         /* the first objects: no signals for them */
  gboolean            interactive;
};

enum
{
  NETNS_CLIENT_NAMESPACE_ADDED,
  NETNS_CLIENT_NAMESPACE_REMOVED,
  NETNS_CLIENT_SPAWN_EXITED,
  NETNS_CLIENT_N_SIGNALS,
};

G_GNUC_INTERNAL
extern guint netns_client_signals[NETNS_CLIENT_N_SIGNALS];

G_GNUC_INTERNAL
void          netns_client_notify_host        (NetNsClient  *self);
G_GNUC_INTERNAL
void          netns_client_notify_name_owner  (NetNsClient  *self);

/* netns-client-init.c */
G_GNUC_INTERNAL
void          netns_client_initable_iface_init       (GInitableIface      *iface);
G_GNUC_INTERNAL
void          netns_client_async_initable_iface_init (GAsyncInitableIface *iface);

/* netns-client-load.c */
G_GNUC_INTERNAL
void          netns_client_start_lazy         (NetNsClient        *self);
G_GNUC_INTERNAL
void          netns_client_follow_objects     (NetNsClient        *self,
                                               GDBusObjectManager *manager);
G_GNUC_INTERNAL
void          netns_client_ensure_objects     (NetNsClient        *self);
G_GNUC_INTERNAL
char         *netns_client_lazy_name_owner    (NetNsClient        *self);
G_GNUC_INTERNAL
void          netns_client_stop_lazy          (NetNsClient        *self);

/* netns-client-objects.c */
G_GNUC_INTERNAL
void          netns_client_objects_start      (NetNsClient  *self);
G_GNUC_INTERNAL
void          netns_client_objects_stop       (NetNsClient  *self);
G_GNUC_INTERNAL
void          netns_client_await_namespace    (NetNsClient  *self,
                                               const char   *object_path,
                                               GTask        *task);
G_GNUC_INTERNAL
void          netns_client_fail_waiters       (NetNsClient  *self,
                                               GQuark        domain,
                                               int           code,
                                               const char   *message);

G_END_DECLS
