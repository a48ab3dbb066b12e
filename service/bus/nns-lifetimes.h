/* nns-lifetimes.h: namespaces that end with the bus client that made them
 * (CreateNamespace option lifetime "client").
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-etc-netns.h"
#include "nns-owner-store.h"
#include "nns-peers.h"
#include "nns-registry.h"

G_BEGIN_DECLS

#define NNS_TYPE_LIFETIMES (nns_lifetimes_get_type ())
G_DECLARE_FINAL_TYPE (NnsLifetimes, nns_lifetimes, NNS, LIFETIMES, GObject)

NnsLifetimes *nns_lifetimes_new   (GDBusConnection *connection,
                                   NnsRegistry     *registry,
                                   NnsOwnerStore   *owners,
                                   NnsEtcNetns     *etc_netns,
                                   NnsPeers        *peers);
void          nns_lifetimes_sweep (NnsLifetimes    *self);
void          nns_lifetimes_watch (NnsLifetimes    *self,
                                   const char      *creator,
                                   const char      *name);

G_END_DECLS
