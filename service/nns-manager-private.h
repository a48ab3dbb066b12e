/* nns-manager-private.h: what the nns-manager-*.c method groups share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "nns-batch.h"
#include "nns-manager.h"
#include "nns-netlink.h"
#include "nns-spawner.h"

G_BEGIN_DECLS

struct _NnsManager
{
  NnsDBusNetNsSkeleton parent_instance;

  NnsRegistry         *registry;
  NnsAuthority        *authority;
  NnsSpawner          *spawner;
  guint                max_namespaces_per_uid;
  GVariant            *namespaces;   /* ListNamespaces' answer, until one comes or goes */
};

/* A namespace a call acts on. */
typedef struct {
  char     *name;      /* "" for the host */
  guint64   inode;     /* of the namespace the call was planned for; 0 if not live */
  gboolean  is_host;   /* "", or a name bound to the host's own namespace */
  char     *description;
  NnsBatch *batch;     /* the Apply the call is part of, or NULL */
  gboolean  planned;   /* created by an earlier operation of @batch */
} NnsTarget;

/* One change method, in the parts that a call of its own and Apply both
 * run: parse the arguments (before the caller is known), plan the polkit
 * checks, perform the change, and put it back if a later operation of
 * the same Apply fails. */
typedef struct {
  const char *method;
  /* @parameters is the method's argument tuple; @batch is NULL for a call
   * of its own. Returns the call's state, freed with @free. */
  gpointer  (*parse)   (NnsManager  *manager,
                        GVariant    *parameters,
                        NnsBatch    *batch,
                        GError     **error);
  NnsAuthPlanFunc plan;
  gboolean  (*perform) (gpointer     call,
                        NnsCaller   *caller,
                        GError     **error);
  /* NULL: the change cannot be undone, so the method cannot be applied. */
  gboolean  (*undo)    (gpointer     call,
                        GError     **error);
  /* The method's return values; NULL: it returns nothing. */
  GVariant *(*reply)   (gpointer     call);
  GDestroyNotify free;
} NnsOperation;

gboolean    nns_manager_run               (NnsManager            *self,
                                           GDBusMethodInvocation *invocation,
                                           const NnsOperation    *operation);

/* How a call touches a link, for the polkit details. */
typedef enum {
  NNS_LINK_NONE,      /* no particular link (routes) */
  NNS_LINK_EXISTING,  /* a link that must exist already */
  NNS_LINK_NEW,       /* a link the call creates, owned by the caller */
} NnsLinkRole;

gboolean    nns_target_init               (NnsTarget        *target,
                                           NnsManager       *manager,
                                           NnsBatch         *batch,
                                           const char       *name,
                                           GError          **error);
gboolean    nns_target_same               (const NnsTarget  *a,
                                           const NnsTarget  *b);
void        nns_target_clear              (NnsTarget        *target);

NnsNetlink *nns_manager_target_netlink    (NnsManager       *self,
                                           NnsTarget        *target,
                                           GError          **error);
NnsNetlink *nns_manager_lookup_netlink    (NnsManager       *self,
                                           const char       *name,
                                           GError          **error);
gboolean    nns_manager_plan_change       (NnsManager       *self,
                                           NnsAuthRequest   *request,
                                           NnsCaller        *caller,
                                           const NnsTarget  *target,
                                           const char       *what,
                                           const char       *link,
                                           NnsLinkRole       role,
                                           const char       *peer_namespace,
                                           GError          **error);
void        nns_manager_note_link_moved   (NnsManager       *self,
                                           NnsCaller        *caller,
                                           const NnsTarget  *from,
                                           const char       *link,
                                           const NnsTarget  *to,
                                           const char       *new_link);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NnsTarget, nns_target_clear)

gboolean    nns_manager_return_error      (GDBusMethodInvocation *invocation,
                                           const GError          *error);

void        nns_manager_init_link_methods    (NnsDBusNetNsIface *iface);
void        nns_manager_init_address_methods (NnsDBusNetNsIface *iface);
void        nns_manager_init_route_methods   (NnsDBusNetNsIface *iface);
void        nns_manager_init_spawn_methods   (NnsDBusNetNsIface *iface);
void        nns_manager_init_spawn           (NnsManager        *self);
void        nns_manager_init_config_methods  (NnsDBusNetNsIface *iface);
void        nns_manager_init_apply_method    (NnsDBusNetNsIface *iface);

/* The operations Apply takes, from their method groups. */
extern const NnsOperation nns_create_namespace_operation;
extern const NnsOperation nns_create_veth_operation;
extern const NnsOperation nns_move_link_operation;
extern const NnsOperation nns_set_link_operation;
extern const NnsOperation nns_add_address_operation;
extern const NnsOperation nns_add_route_operation;
extern const NnsOperation nns_set_sysctl_operation;
extern const NnsOperation nns_set_dns_operation;

G_END_DECLS
