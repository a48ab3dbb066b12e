/* nns-peers.c: notices callers leaving the bus.
 *
 * One subscription to the bus's NameOwnerChanged, shared by everything
 * that keeps state per caller (pending authorizations, cached
 * credentials, spawned programs), emitting "vanished" (unique name) when a
 * connection goes. Unique names are never reused on a bus, so state keyed
 * by them can be dropped for good.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-peers.h"

struct _NnsPeers
{
  GObject          parent_instance;

  GDBusConnection *connection;
  guint            subscription;
};

enum {
  SIGNAL_VANISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NnsPeers, nns_peers, G_TYPE_OBJECT)

static void
nns_peers_dispose (GObject *object)
{
  NnsPeers *self = NNS_PEERS (object);

  if (self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->subscription);
  self->subscription = 0;
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (nns_peers_parent_class)->dispose (object);
}

static void
nns_peers_class_init (NnsPeersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_peers_dispose;

  signals[SIGNAL_VANISHED] =
    g_signal_new ("vanished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nns_peers_init (NnsPeers *self)
{
}

static void
on_name_owner_changed (GDBusConnection *connection,
                       const char      *sender_name,
                       const char      *object_path,
                       const char      *interface_name,
                       const char      *signal_name,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  const char *name, *old_owner, *new_owner;

  g_variant_get (parameters, "(&s&s&s)", &name, &old_owner, &new_owner);
  if (name[0] == ':' && new_owner[0] == '\0')
    g_signal_emit (user_data, signals[SIGNAL_VANISHED], 0, name);
}

NnsPeers *
nns_peers_new (GDBusConnection *connection)
{
  NnsPeers *self = g_object_new (NNS_TYPE_PEERS, NULL);

  self->connection = g_object_ref (connection);
  self->subscription =
    g_dbus_connection_signal_subscribe (connection,
                                        "org.freedesktop.DBus",
                                        "org.freedesktop.DBus",
                                        "NameOwnerChanged",
                                        "/org/freedesktop/DBus",
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_name_owner_changed,
                                        self,
                                        NULL);
  return self;
}
