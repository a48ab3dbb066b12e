/* nns-daemon.c: netnsd on the system bus.
 *
 * Owns org.example.NetNs (allowing a later `netnsd --replace` to take
 * over), and once the bus is reached builds the layers and wires them
 * together (docs/architecture.md): the records of state/, the registry of
 * netns/ with start-up recovery around its first scan, the authority, the
 * spawner, and the manager and object manager at /org/example/NetNs. Stops
 * the main loop when the name is lost.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <malloc.h>

#include "nns-apply-topology.h"
#include "nns-authority.h"
#include "nns-daemon.h"
#include "nns-etc-netns.h"
#include "nns-exporter.h"
#include "nns-journal.h"
#include "nns-lifetimes.h"
#include "nns-link-owners.h"
#include "nns-manager.h"
#include "nns-namespace.h"
#include "nns-nat.h"
#include "nns-owner-store.h"
#include "nns-recovery.h"
#include "nns-registry.h"
#include "nns-spawner.h"
#include "nns-topologies.h"
#include "nns-lease-store.h"

struct _NnsDaemon
{
  GObject                   parent_instance;

  GMainLoop                *loop;
  NnsDaemonOptions          options;
  guint                     owner_id;
  gboolean                  name_acquired;
  int                       exit_status;
  guint                     trim_id;
  gint                      trim_requested;  /* set from GDBus's worker thread */
  GDBusConnection          *connection;
  guint                     filter_id;

  GDBusObjectManagerServer *object_manager;
  NnsOwnerStore            *owners;
  NnsLinkOwners            *link_owners;
  NnsJournal               *journal;
  NnsTopologies            *topologies;
  NnsLeaseStore            *leases;
  NnsEtcNetns              *etc_netns;
  NnsRegistry              *registry;
  NnsExporter              *exporter;
  NnsPeers                 *peers;
  NnsAuthority             *authority;
  NnsSpawner               *spawner;
  NnsNat                   *nat;
  NnsLifetimes             *lifetimes;
  NnsManager               *manager;
};

G_DEFINE_FINAL_TYPE (NnsDaemon, nns_daemon, G_TYPE_OBJECT)

static void
nns_daemon_dispose (GObject *object)
{
  NnsDaemon *self = NNS_DAEMON (object);

  g_clear_handle_id (&self->owner_id, g_bus_unown_name);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  if (self->filter_id != 0)
    g_dbus_connection_remove_filter (self->connection, self->filter_id);
  self->filter_id = 0;
  g_clear_object (&self->connection);
  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
  if (self->manager != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->manager));
  g_clear_object (&self->manager);
  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (nns_registry_get_host_netlink (self->registry), self);
  g_clear_object (&self->exporter);
  g_clear_object (&self->registry);
  g_clear_object (&self->owners);
  g_clear_object (&self->link_owners);
  g_clear_object (&self->journal);
  g_clear_object (&self->topologies);
  g_clear_object (&self->leases);
  g_clear_object (&self->etc_netns);
  g_clear_object (&self->authority);
  g_clear_object (&self->spawner);
  g_clear_object (&self->nat);
  g_clear_object (&self->lifetimes);
  g_clear_object (&self->peers);
  g_clear_object (&self->object_manager);
  g_clear_pointer (&self->loop, g_main_loop_unref);

  G_OBJECT_CLASS (nns_daemon_parent_class)->dispose (object);
}

static void
nns_daemon_class_init (NnsDaemonClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_daemon_dispose;
}

static void
nns_daemon_init (NnsDaemon *self)
{
}

static void
fail (NnsDaemon  *self,
      const char *message)
{
  g_printerr ("netnsd: %s\n", message);
  self->exit_status = 1;
  g_main_loop_quit (self->loop);
}

/* The memory of namespaces that went is free but stays netnsd's: malloc
 * keeps freed pages inside its heap. Once removals settle, it goes back to
 * the system, so that a burst of thousands of namespaces does not leave
 * netnsd large for good. */
static gboolean
trim_memory (gpointer user_data)
{
  NnsDaemon *self = user_data;

  self->trim_id = 0;
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}

static void
schedule_trim (NnsDaemon *self)
{
  if (self->trim_id != 0)
    g_source_remove (self->trim_id);
  self->trim_id = g_timeout_add_seconds (2, trim_memory, self);
}

static void
on_namespace_removed (NnsRegistry  *registry,
                      NnsNamespace *ns,
                      gpointer      user_data)
{
  schedule_trim (user_data);
}

static gboolean
schedule_trim_on_main (gpointer user_data)
{
  NnsDaemon *self = user_data;

  g_atomic_int_set (&self->trim_requested, 0);
  schedule_trim (self);
  return G_SOURCE_REMOVE;
}

/* A message this large is parsed into many small blocks (GLib does so in
 * its worker thread, before netnsd sees the call): anyone on the bus can
 * send a few of 20 MiB, whatever their rights, and without a trim netnsd
 * would keep what they cost (hundreds of MiB) for good. */
#define LARGE_MESSAGE_SIZE (1024 * 1024)

/* Runs in GDBus's worker thread for every message: it only asks the main
 * loop for a trim, once the calls that came in have been answered. */
static GDBusMessage *
notice_large_messages (GDBusConnection *connection,
                       GDBusMessage    *message,
                       gboolean         incoming,
                       gpointer         user_data)
{
  NnsDaemon *self = user_data;
  GVariant *body = g_dbus_message_get_body (message);

  if (incoming && body != NULL && g_variant_get_size (body) >= LARGE_MESSAGE_SIZE &&
      g_atomic_int_compare_and_exchange (&self->trim_requested, 0, 1))
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, schedule_trim_on_main,
                                g_object_ref (self), g_object_unref);
  return message;
}

/* A host link went (deleted, or moved into a namespace): so does its
 * recorded owner. */
static void
on_host_link_removed (NnsNetlink *netlink,
                      int         ifindex,
                      gpointer    user_data)
{
  nns_link_owners_forget (NNS_DAEMON (user_data)->link_owners, ifindex);
}

/* The records netnsd keeps under its state directory. */
static gboolean
open_state (NnsDaemon *self,
            GError   **error)
{
  g_autofree char *namespaces_dir = g_build_filename (NNS_STATE_DIR, "namespaces", NULL);
  g_autofree char *host_links_dir = g_build_filename (NNS_STATE_DIR, "host-links", NULL);
  g_autofree char *journal_dir = g_build_filename (NNS_STATE_DIR, "journal", NULL);
  g_autofree char *topologies_dir = g_build_filename (NNS_STATE_DIR, "topologies", NULL);
  g_autofree char *leases_dir = g_build_filename (NNS_STATE_DIR, "leases", NULL);

  self->owners = nns_owner_store_new (namespaces_dir, error);
  if (self->owners == NULL)
    return FALSE;
  self->link_owners = nns_link_owners_new (host_links_dir, error);
  if (self->link_owners == NULL)
    return FALSE;
  self->journal = nns_journal_new (journal_dir, error);
  if (self->journal == NULL)
    return FALSE;
  self->topologies = nns_topologies_new (topologies_dir, error);
  if (self->topologies == NULL)
    return FALSE;
  self->leases = nns_lease_store_new (leases_dir, error);
  return self->leases != NULL;
}

/* The namespaces that exist, exported on the bus, with whatever a crash
 * left half done undone around the first look at /run/netns. */
static gboolean
open_registry (NnsDaemon *self,
               GError   **error)
{
  self->registry = nns_registry_new (NNS_NETNS_RUN_DIR, self->owners, error);
  if (self->registry == NULL)
    return FALSE;
  self->exporter = nns_exporter_new (self->registry, self->object_manager);
  g_signal_connect (self->registry, "namespace-removed",
                    G_CALLBACK (on_namespace_removed), self);
  g_signal_connect (nns_registry_get_host_netlink (self->registry), "link-removed",
                    G_CALLBACK (on_host_link_removed), self);

  nns_recovery_before_scan (self->owners, nns_registry_get_netns_dir (self->registry));
  nns_registry_scan (self->registry);
  nns_recovery_after_scan (self->registry, self->owners, self->journal, self->link_owners,
                           self->etc_netns);
  nns_apply_topology_prune (self->topologies, self->registry);
  return TRUE;
}

/* The masquerades and port forwards, put back as their records say. */
static gboolean
open_nat (NnsDaemon *self,
          GError   **error)
{
  g_autofree char *nat_dir = g_build_filename (NNS_STATE_DIR, "nat", NULL);

  self->nat = nns_nat_new (self->registry, nat_dir, error);
  if (self->nat == NULL)
    return FALSE;
  nns_nat_restore (self->nat);
  return TRUE;
}

/* Builds every layer and exports the objects, before the name is asked
 * for: a caller activating netnsd finds them there from its first call,
 * and a netnsd that cannot start never owns the name (the activation
 * fails, and says so). */
static gboolean
serve (NnsDaemon       *self,
       GDBusConnection *connection)
{
  g_autoptr(GError) error = NULL;

  self->object_manager = g_dbus_object_manager_server_new (NNS_MANAGER_OBJECT_PATH);
  self->connection = g_object_ref (connection);
  /* The one place that says where /etc/netns is. */
  self->etc_netns = nns_etc_netns_new (NNS_ETC_NETNS_DIR);
  self->filter_id = g_dbus_connection_add_filter (connection, notice_large_messages, self, NULL);
  if (!open_state (self, &error) || !open_registry (self, &error) || !open_nat (self, &error))
    {
      fail (self, error->message);
      return FALSE;
    }
  self->peers = nns_peers_new (connection);
  self->authority = nns_authority_new (connection, self->peers);
  if (self->options.auth_timeout > 0)
    nns_authority_set_timeout (self->authority, self->options.auth_timeout);
  if (self->options.max_pending_per_uid > 0)
    nns_authority_set_max_pending (self->authority, self->options.max_pending_per_uid);
  self->spawner = nns_spawner_new (self->peers, self->etc_netns);
  if (self->options.limits.programs_per_user > 0)
    nns_spawner_set_max_programs (self->spawner, self->options.limits.programs_per_user);
  /* Namespaces whose creator left while netnsd was down go before the
   * name is owned, so that no caller ever sees them. */
  self->lifetimes = nns_lifetimes_new (connection, self->registry, self->owners,
                                       self->etc_netns, self->peers);
  nns_lifetimes_sweep (self->lifetimes);
  nns_apply_topology_prune (self->topologies, self->registry);
  self->manager = nns_manager_new (self->registry, self->link_owners, self->journal,
                                   self->etc_netns, self->authority, self->spawner, self->nat);
  nns_manager_set_limits (self->manager, &self->options.limits);
  nns_manager_set_lifetimes (self->manager, self->lifetimes);
  nns_manager_set_topologies (self->manager, self->topologies);
  nns_manager_set_leases (self->manager, self->leases);

  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->manager),
                                         connection, NNS_MANAGER_OBJECT_PATH, &error))
    {
      fail (self, error->message);
      return FALSE;
    }
  g_dbus_object_manager_server_set_connection (self->object_manager, connection);
  return TRUE;
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  NnsDaemon *self = user_data;

  self->name_acquired = TRUE;
  g_message ("netnsd %s serving %s", PACKAGE_VERSION, name);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  NnsDaemon *self = user_data;

  if (!self->name_acquired)
    fail (self, "cannot own org.example.NetNs (is another netnsd running? try --replace)");
  else
    {
      g_message ("replaced by another netnsd; exiting");
      g_main_loop_quit (self->loop);
    }
}

NnsDaemon *
nns_daemon_new (GMainLoop              *loop,
                const NnsDaemonOptions *options)
{
  NnsDaemon *self = g_object_new (NNS_TYPE_DAEMON, NULL);

  /* A fixed threshold: blocks of 128 KiB and more (a large message's
   * buffers) are mapped on their own and go back to the system when
   * freed. glibc would otherwise raise the threshold after each such free,
   * up to 32 MiB, and take later ones from the heap, where a trim may not
   * reach them. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  self->loop = g_main_loop_ref (loop);
  self->options = *options;
  return self;
}

static void
on_bus_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  NnsDaemon *self = user_data;
  GBusNameOwnerFlags flags = G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = g_bus_get_finish (result, &error);

  if (connection == NULL)
    {
      g_autofree char *message = g_strdup_printf ("cannot connect to the system bus: %s",
                                                  error->message);
      fail (self, message);
      return;
    }
  if (!serve (self, connection))
    return;
  if (self->options.replace)
    flags |= G_BUS_NAME_OWNER_FLAGS_REPLACE;
  self->owner_id = g_bus_own_name_on_connection (connection, NNS_BUS_NAME, flags,
                                                 on_name_acquired, on_name_lost, self, NULL);
}

void
nns_daemon_start (NnsDaemon *self)
{
  g_return_if_fail (NNS_IS_DAEMON (self));

  g_bus_get (G_BUS_TYPE_SYSTEM, NULL, on_bus_ready, self);
}

int
nns_daemon_get_exit_status (NnsDaemon *self)
{
  g_return_val_if_fail (NNS_IS_DAEMON (self), 1);

  return self->exit_status;
}
