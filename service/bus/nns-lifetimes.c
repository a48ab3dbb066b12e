/* nns-lifetimes.c: namespaces that end with the bus client that made them.
 *
 * A namespace made with lifetime "client" has its creator's unique bus
 * name in its owner record (state/nns-owner-store.c). When NnsPeers says
 * that name left the bus, the namespace is deleted: its links go with it
 * (the kernel drops them), its /etc/netns folder is removed, and the
 * creator's programs were already ended by Spawn's kill-on-disconnect.
 *
 * Unique names are never reused on a bus, so a name that is gone is gone
 * for good: at start-up (nns_lifetimes_sweep) every namespace whose
 * creator is no longer on the bus goes, which covers clients that left
 * while netnsd was down. A client that leaves while its CreateNamespace is
 * being performed is caught by nns_lifetimes_watch, which asks the bus
 * once the namespace exists. Each creator's namespaces are kept by name,
 * so that a client leaving costs a look-up, whatever the number of
 * namespaces.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-lifetimes.h"
#include "nns-names.h"

struct _NnsLifetimes
{
  GObject          parent_instance;

  GDBusConnection *connection;
  NnsRegistry     *registry;
  NnsOwnerStore   *owners;
  NnsEtcNetns     *etc_netns;
  NnsPeers        *peers;
  GCancellable    *cancellable;
  /* creator -> its namespaces' names (a set): a client leaving costs a
   * look-up, not a look at every namespace. */
  GHashTable      *by_creator;
};

G_DEFINE_FINAL_TYPE (NnsLifetimes, nns_lifetimes, G_TYPE_OBJECT)

static void
nns_lifetimes_dispose (GObject *object)
{
  NnsLifetimes *self = NNS_LIFETIMES (object);

  g_cancellable_cancel (self->cancellable);
  if (self->peers != NULL)
    g_signal_handlers_disconnect_by_data (self->peers, self);
  g_clear_object (&self->peers);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->registry);
  g_clear_object (&self->owners);
  g_clear_object (&self->etc_netns);
  g_clear_pointer (&self->by_creator, g_hash_table_unref);

  G_OBJECT_CLASS (nns_lifetimes_parent_class)->dispose (object);
}

static void
nns_lifetimes_class_init (NnsLifetimesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_lifetimes_dispose;
}

static void
nns_lifetimes_init (NnsLifetimes *self)
{
  self->cancellable = g_cancellable_new ();
  self->by_creator = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
}

static void
remember (NnsLifetimes *self,
          const char   *creator,
          const char   *name)
{
  GHashTable *names = g_hash_table_lookup (self->by_creator, creator);

  if (names == NULL)
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (self->by_creator, g_strdup (creator), names);
    }
  g_hash_table_add (names, g_strdup (name));
}

/* The creator recorded for @ns, or FALSE for a persistent namespace (or
 * one netnsd did not make). */
static gboolean
get_creator (NnsLifetimes *self,
             NnsNamespace *ns,
             char         *creator,
             gsize         size)
{
  NnsOwnerRecord record;

  if (!nns_namespace_is_recorded (ns) ||
      !nns_owner_store_load (self->owners, nns_namespace_get_name (ns), &record) ||
      record.creating || record.creator[0] == '\0')
    return FALSE;
  g_strlcpy (creator, record.creator, size);
  return TRUE;
}

static void
end_namespace (NnsLifetimes *self,
               NnsNamespace *ns,
               const char   *creator)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (nns_namespace_get_name (ns));

  if (!nns_registry_delete (self->registry, ns, &error))
    {
      g_warning ("cannot delete namespace '%s', whose creator %s left: %s",
                 name, creator, error->message);
      return;
    }
  nns_etc_netns_forget (self->etc_netns, name);
  g_message ("deleted namespace '%s': its creator %s left the bus", name, creator);
}

/* Ends the namespaces of @gone that are still the ones it made (their
 * records still name it). */
static void
end_namespaces (NnsLifetimes *self,
                const char   *gone)
{
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *key = NULL;
  GHashTableIter iter;
  gpointer name;

  if (!g_hash_table_steal_extended (self->by_creator, gone, (gpointer *) &key,
                                    (gpointer *) &names))
    return;
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      NnsNamespace *ns = nns_registry_lookup (self->registry, name);
      char creator[256];

      if (ns != NULL && get_creator (self, ns, creator, sizeof creator) &&
          g_str_equal (creator, gone))
        end_namespace (self, ns, creator);
    }
}

static void
on_peer_vanished (NnsPeers   *peers,
                  const char *name,
                  gpointer    user_data)
{
  end_namespaces (user_data, name);
}

/* At start-up, before netnsd owns its name: one ListNames, so that
 * namespaces whose creator left while netnsd was down go before anyone
 * sees them. */
void
nns_lifetimes_sweep (NnsLifetimes *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GHashTable) alive = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GPtrArray) namespaces = NULL;
  char *name;

  reply = g_dbus_connection_call_sync (self->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  if (reply == NULL)
    {
      /* Ending namespaces on a guess would be worse than keeping them. */
      g_warning ("cannot list the bus's clients, keeping every namespace: %s", error->message);
      return;
    }
  g_variant_get (reply, "(as)", &iter);
  while (g_variant_iter_next (iter, "s", &name))
    g_hash_table_add (alive, name);
  namespaces = nns_registry_list (self->registry);
  for (guint i = 0; i < namespaces->len; i++)
    {
      NnsNamespace *ns = namespaces->pdata[i];
      char creator[256];

      if (!get_creator (self, ns, creator, sizeof creator))
        continue;
      if (g_hash_table_contains (alive, creator))
        remember (self, creator, nns_namespace_get_name (ns));
      else
        end_namespace (self, ns, creator);
    }
}

typedef struct {
  NnsLifetimes *self;
  char         *creator;
} Check;

static void
check_free (Check *check)
{
  g_object_unref (check->self);
  g_free (check->creator);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

static void
on_name_has_owner (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);
  gboolean has_owner;

  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("cannot ask whether %s is still on the bus: %s", check->creator,
                   error->message);
      return;
    }
  g_variant_get (reply, "(b)", &has_owner);
  if (!has_owner)
    end_namespaces (check->self, check->creator);
}

/* The namespace @name of @creator's was just made. If the creator left
 * before, its "vanished" came too early to end it: the bus answers in
 * order, so once it says the name is there, a later departure is seen by
 * on_peer_vanished. */
void
nns_lifetimes_watch (NnsLifetimes *self,
                     const char   *creator,
                     const char   *name)
{
  Check *check;

  g_return_if_fail (NNS_IS_LIFETIMES (self));

  remember (self, creator, name);
  check = g_new0 (Check, 1);
  check->self = g_object_ref (self);
  check->creator = g_strdup (creator);
  g_dbus_connection_call (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", creator), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          on_name_has_owner, check);
}

NnsLifetimes *
nns_lifetimes_new (GDBusConnection *connection,
                   NnsRegistry     *registry,
                   NnsOwnerStore   *owners,
                   NnsEtcNetns     *etc_netns,
                   NnsPeers        *peers)
{
  NnsLifetimes *self = g_object_new (NNS_TYPE_LIFETIMES, NULL);

  self->connection = g_object_ref (connection);
  self->registry = g_object_ref (registry);
  self->owners = g_object_ref (owners);
  self->etc_netns = g_object_ref (etc_netns);
  self->peers = g_object_ref (peers);
  g_signal_connect (peers, "vanished", G_CALLBACK (on_peer_vanished), self);
  return self;
}
