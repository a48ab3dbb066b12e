/* nns-nat.c: the masquerades and port forwards of every namespace: their
 * records, their nftables table and the sysctls they need.
 *
 * A namespace's rules change as a whole (nns_nat_set_rules()): the new
 * record is written first, then, inside the namespace, the sysctls the
 * rules need are turned on (or put back to the value found, once no rule
 * needs them) and the table is written in one nftables transaction. If
 * any step fails, the steps before it are put back: the call changes
 * nothing. A crash in between leaves a record that the next start makes
 * true. The sysctls: forwarding of a family while a rule of that family
 * moves packets through the namespace, and route_localnet while an IPv4
 * forward takes connections made inside it (for 127.0.0.1).
 *
 * At start-up (nns_nat_restore()) each record whose namespace is still
 * the same one is made true again; records of namespaces that went are
 * dropped; a table inet netnsd found where there is no record goes. While
 * netnsd runs, someone else's change to its table (`nft flush ruleset`)
 * is undone within a moment (nns-nft-monitor.c).
 *
 * Each namespace with rules keeps its libnftables context, made inside
 * it: a context is cheap to use and costly to make and close.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <sys/socket.h>

/* The kernel's index of lo in every namespace (include/net/flow.h). */
#define LOOPBACK_IFINDEX 1

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-link-events.h"
#include "nns-names.h"
#include "nns-nat-records.h"
#include "nns-nat.h"
#include "nns-nft-monitor.h"
#include "nns-nftables.h"
#include "nns-sysctl.h"

/* Someone else's change is undone once their transaction settles. */
#define REWRITE_DELAY_MS 50

static const char *const sysctl_paths[NNS_NAT_N_SYSCTLS] = {
  [NNS_NAT_SYSCTL_IPV4_FORWARDING] = "/proc/sys/net/ipv4/ip_forward",
  [NNS_NAT_SYSCTL_IPV6_FORWARDING] = "/proc/sys/net/ipv6/conf/all/forwarding",
  [NNS_NAT_SYSCTL_ROUTE_LOCALNET] = "/proc/sys/net/ipv4/conf/all/route_localnet",
};

typedef struct {
  NnsNatRecord *record;       /* what the namespace has */
  NnsNetlink   *netlink;      /* the namespace's, for its routes to ::1 */
  char         *description;  /* "namespace 'red'", "the host namespace" */
  NnsNftables  *nft;          /* made inside the namespace, on first use */
  int           nsid;         /* its id in the host's view, or NNS_NFT_NSID_NONE */
} NatState;

struct _NnsNat
{
  GObject        parent_instance;

  NnsRegistry   *registry;
  NnsNatRecords *records;
  NnsNftMonitor *monitor;
  GHashTable    *states;     /* namespace name -> NatState */
  GHashTable    *rewrite;    /* names whose table someone else changed */
  guint          rewrite_id;
  NnsNatRules   *none;
};

G_DEFINE_FINAL_TYPE (NnsNat, nns_nat, G_TYPE_OBJECT)

static void
nat_state_free (gpointer data)
{
  NatState *state = data;

  nns_nat_record_free (state->record);
  g_clear_object (&state->netlink);
  nns_nftables_free (state->nft);
  g_free (state->description);
  g_free (state);
}

static void
nns_nat_dispose (GObject *object)
{
  NnsNat *self = NNS_NAT (object);

  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
  g_clear_handle_id (&self->rewrite_id, g_source_remove);
  g_clear_object (&self->monitor);
  g_clear_object (&self->records);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->rewrite, g_hash_table_unref);
  g_clear_pointer (&self->none, nns_nat_rules_free);

  G_OBJECT_CLASS (nns_nat_parent_class)->dispose (object);
}

static void
nns_nat_class_init (NnsNatClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nns_nat_dispose;
}

static void
nns_nat_init (NnsNat *self)
{
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, nat_state_free);
  self->rewrite = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->none = nns_nat_rules_new ();
}

static char *
describe (const char *namespace)
{
  g_autofree char *quoted = NULL;

  if (namespace[0] == '\0')
    return g_strdup ("the host namespace");
  quoted = nns_quote (namespace);
  return g_strdup_printf ("namespace %s", quoted);
}

static gboolean
sysctl_needed (const NnsNatRules *rules,
               NnsNatSysctl       which)
{
  switch (which)
    {
    case NNS_NAT_SYSCTL_IPV4_FORWARDING:
      return nns_nat_rules_use_family (rules, AF_INET);
    case NNS_NAT_SYSCTL_IPV6_FORWARDING:
      return nns_nat_rules_use_family (rules, AF_INET6);
    case NNS_NAT_SYSCTL_ROUTE_LOCALNET:
      return nns_nat_rules_use_localnet (rules);
    case NNS_NAT_N_SYSCTLS:
    default:
      g_assert_not_reached ();
    }
}

/* Reads (value NULL) or writes a sysctl of the namespace the thread is in. */
static char *
read_sysctl (NnsNatSysctl  which,
             const char   *where,
             GError      **error)
{
  NnsSysctl sysctl = { .path = (char *) sysctl_paths[which] };
  char *value = nns_sysctl_read_here (&sysctl, where, error);

  return value != NULL ? g_strstrip (value) : NULL;
}

static gboolean
write_sysctl (NnsNatSysctl  which,
              const char   *value,
              const char   *where,
              GError      **error)
{
  g_autofree char *line = g_strconcat (value, "\n", NULL);
  NnsSysctl sysctl = { .path = (char *) sysctl_paths[which], .value = line };

  return nns_sysctl_write_here (&sysctl, where, error);
}

/* The ids of a namespace, from the registry: which namespace a record is
 * about, and what its notifications carry. */
static gboolean
identify (NnsNat     *self,
          const char *namespace,
          NatState   *state,
          guint64    *inode,
          guint64    *cookie)
{
  NnsNetlink *host = nns_registry_get_host_netlink (self->registry);
  NnsNamespace *ns;
  NnsNetlink *netlink;
  nns_autofd int fd = -1;
  int *nsid = &state->nsid;

  if (namespace[0] == '\0')
    {
      *inode = nns_registry_get_host_inode (self->registry);
      *cookie = nns_netlink_get_cookie (host);
      *nsid = NNS_HOST_NSID;
      g_set_object (&state->netlink, host);
      return TRUE;
    }
  ns = nns_registry_lookup (self->registry, namespace);
  netlink = ns != NULL ? nns_registry_get_netlink (self->registry, ns, NULL) : NULL;
  if (netlink == NULL)
    return FALSE;
  g_set_object (&state->netlink, netlink);
  *inode = nns_namespace_get_inode (ns);
  *cookie = nns_netlink_get_cookie (netlink);
  fd = nns_registry_open_namespace (self->registry, namespace, NULL);
  if (fd < 0 || !nns_netlink_namespace_id (host, fd, nsid, NULL))
    *nsid = NNS_NFT_NSID_NONE;
  return TRUE;
}

static NatState *
state_new (NnsNat     *self,
           const char *namespace,
           GError    **error)
{
  NatState *state = g_new0 (NatState, 1);
  g_autofree char *description = describe (namespace);

  state->record = nns_nat_record_new (namespace);
  state->description = g_steal_pointer (&description);
  if (!identify (self, namespace, state, &state->record->inode, &state->record->cookie))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "%s not found", state->description);
      nat_state_free (state);
      return NULL;
    }
  return state;
}

/* The table, as @rules say, in the namespace the thread is in. */
static gboolean
write_table_here (NatState          *state,
                  const NnsNatRules *rules,
                  GError           **error)
{
  g_autofree char *script = nns_nftables_render (rules);

  if (state->nft == NULL)
    state->nft = nns_nftables_new_here (error);
  return state->nft != NULL && nns_nftables_run (state->nft, script, state->description, error);
}

/* One change of a namespace's rules, run inside it. */
typedef struct {
  NnsNat       *self;
  NatState     *state;
  NnsNatRecord *next;                        /* the record after the change */
  gboolean      written[NNS_NAT_N_SYSCTLS];  /* for putting back */
} Change;

/* The values found for the sysctls the rules start to need, and none for
 * those they stop needing. */
static gboolean
plan_sysctls (Change  *change,
              GError **error)
{
  const NnsNatRecord *now = change->state->record;

  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    {
      g_clear_pointer (&change->next->found[i], g_free);
      if (!sysctl_needed (change->next->rules, i))
        continue;
      change->next->found[i] = now->found[i] != NULL ? g_strdup (now->found[i])
                                                     : read_sysctl (i, change->state->description, error);
      if (change->next->found[i] == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The value sysctl @i has after the change (NULL: leave it). */
static const char *
value_after (Change *change,
             guint   i,
             gboolean forward)
{
  const char *before = change->state->record->found[i];
  const char *after = change->next->found[i];

  if (forward)
    return after != NULL && before == NULL && !g_str_equal (after, "1") ? "1" :
           after == NULL && before != NULL ? before : NULL;
  /* Backwards, for putting back what was written. */
  return after != NULL && before == NULL ? after : "1";
}

static void
put_back_sysctls (Change *change)
{
  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    {
      g_autoptr(GError) error = NULL;

      if (change->written[i] &&
          !write_sysctl (i, value_after (change, i, FALSE), change->state->description, &error))
        g_warning ("cannot put back %s in %s: %s", sysctl_paths[i], change->state->description,
                   error->message);
    }
}

static gboolean
write_sysctls (Change  *change,
               GError **error)
{
  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    {
      const char *value = value_after (change, i, TRUE);

      if (value == NULL)
        continue;
      if (!write_sysctl (i, value, change->state->description, error))
        return FALSE;
      change->written[i] = TRUE;
    }
  return TRUE;
}

/* The links the answers to forwarded connections from ::1 come back
 * through: those the namespace routes the targets through, but lo. */
static GArray *
loopback_links (NatState          *state,
                const NnsNatRules *rules)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < rules->forwards->len; i++)
    {
      const NnsPortForward *forward = rules->forwards->pdata[i];
      int ifindex;

      if (!nns_port_forward_takes_ipv6_loopback (forward))
        continue;
      ifindex = nns_netlink_route_output_link (state->netlink, &forward->target);
      if (ifindex > LOOPBACK_IFINDEX)
        g_array_append_val (links, ifindex);
    }
  return links;
}

/* Routes to ::1 on the links @rules need them on, and on no other. */
static gboolean
write_loopback_routes (NatState          *state,
                       const NnsNatRules *before,
                       const NnsNatRules *rules,
                       GError           **error)
{
  g_autoptr(GArray) links = NULL;

  if (!nns_nat_rules_use_ipv6_loopback (before) && !nns_nat_rules_use_ipv6_loopback (rules))
    return TRUE;
  links = loopback_links (state, rules);
  return nns_netlink_set_loopback_links (state->netlink, (const int *) links->data, links->len,
                                         error);
}

static void
put_back_loopback_routes (Change *change)
{
  g_autoptr(GError) error = NULL;

  if (!write_loopback_routes (change->state, change->next->rules, change->state->record->rules,
                              &error))
    g_warning ("%s", error->message);
}

/* Puts the record back as it was before a failed change. */
static void
put_back_record (Change *change)
{
  g_autoptr(GError) error = NULL;
  NnsNatRecord *now = change->state->record;

  if (nns_nat_rules_is_empty (now->rules))
    nns_nat_records_forget (change->self->records, now->namespace);
  else if (!nns_nat_records_save (change->self->records, now, &error))
    g_warning ("%s", error->message);
}

static gboolean
change_here (gpointer user_data,
             GError **error)
{
  Change *change = user_data;
  gboolean empty = nns_nat_rules_is_empty (change->next->rules);

  if (!plan_sysctls (change, error) ||
      (!empty && !nns_nat_records_save (change->self->records, change->next, error)))
    return FALSE;
  /* The routes are set as a whole, so putting them back also undoes a
   * write that failed part of the way. */
  if (write_sysctls (change, error))
    {
      if (write_loopback_routes (change->state, change->state->record->rules,
                                 change->next->rules, error) &&
          write_table_here (change->state, change->next->rules, error))
        return TRUE;
      put_back_loopback_routes (change);
    }
  put_back_sysctls (change);
  put_back_record (change);
  return FALSE;
}

static NnsNatRecord *
record_copy (const NnsNatRecord *record,
             const NnsNatRules  *rules)
{
  NnsNatRecord *copy = nns_nat_record_new (record->namespace);

  copy->inode = record->inode;
  copy->cookie = record->cookie;
  nns_nat_rules_free (copy->rules);
  copy->rules = nns_nat_rules_copy (rules);
  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    copy->found[i] = g_strdup (record->found[i]);
  return copy;
}

/* Makes @namespace's rules @rules: its record, its sysctls and its
 * table, all or nothing. The caller has checked that the name still
 * holds the namespace it was authorized for. */
gboolean
nns_nat_set_rules (NnsNat            *self,
                   const char        *namespace,
                   const NnsNatRules *rules,
                   GError           **error)
{
  NatState *state;
  Change change = { self };
  gboolean done;

  g_return_val_if_fail (NNS_IS_NAT (self), FALSE);

  state = g_hash_table_lookup (self->states, namespace);
  if (state == NULL)
    {
      if (nns_nat_rules_is_empty (rules))
        return TRUE;
      state = state_new (self, namespace, error);
      if (state == NULL)
        return FALSE;
      g_hash_table_insert (self->states, g_strdup (namespace), state);
    }
  change.state = state;
  change.next = record_copy (state->record, rules);
  done = nns_registry_run_in (self->registry, namespace, change_here, &change, error);
  nns_nft_monitor_drain (self->monitor, state->nsid);
  if (done)
    {
      nns_nat_record_free (state->record);
      state->record = g_steal_pointer (&change.next);
    }
  else
    nns_nat_record_free (change.next);
  if (nns_nat_rules_is_empty (state->record->rules))
    {
      if (done)
        nns_nat_records_forget (self->records, namespace);
      g_hash_table_remove (self->states, namespace);
    }
  return done;
}

/* The rules of @namespace: empty if it has none. */
const NnsNatRules *
nns_nat_get_rules (NnsNat     *self,
                   const char *namespace)
{
  NatState *state;

  g_return_val_if_fail (NNS_IS_NAT (self), NULL);

  state = g_hash_table_lookup (self->states, namespace);
  return state != NULL ? state->record->rules : self->none;
}

/* Someone else's changes */

static gboolean
rewrite_here (gpointer user_data,
              GError **error)
{
  NatState *state = user_data;

  return write_table_here (state, state->record->rules, error);
}

static gboolean
rewrite_tables (gpointer user_data)
{
  NnsNat *self = user_data;
  g_autoptr(GHashTable) names = g_steal_pointer (&self->rewrite);
  GHashTableIter iter;
  const char *name;

  self->rewrite_id = 0;
  self->rewrite = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      NatState *state = g_hash_table_lookup (self->states, name);
      g_autoptr(GError) error = NULL;

      if (state == NULL)
        continue;
      if (nns_registry_run_in (self->registry, name, rewrite_here, state, &error))
        g_message ("wrote again the nftables table " NNS_NFT_FAMILY " " NNS_NFT_TABLE
                   " of %s, which someone else changed", state->description);
      else
        g_warning ("%s", error->message);
      nns_nft_monitor_drain (self->monitor, state->nsid);
    }
  return G_SOURCE_REMOVE;
}

static void
on_table_changed (int      nsid,
                  gpointer user_data)
{
  NnsNat *self = user_data;
  GHashTableIter iter;
  const char *name;
  NatState *state;

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &state))
    if (nsid == NNS_NFT_NSID_EVERY || state->nsid == nsid)
      g_hash_table_add (self->rewrite, g_strdup (name));
  if (g_hash_table_size (self->rewrite) > 0 && self->rewrite_id == 0)
    self->rewrite_id = g_timeout_add (REWRITE_DELAY_MS, rewrite_tables, self);
}

/* A namespace that goes takes its rules with it. */
static void
on_namespace_removed (NnsRegistry  *registry,
                      NnsNamespace *ns,
                      gpointer      user_data)
{
  NnsNat *self = user_data;
  const char *name = nns_namespace_get_name (ns);

  if (!g_hash_table_contains (self->states, name))
    return;
  g_debug ("the rules of namespace %s went with it", name);
  nns_nat_records_forget (self->records, name);
  g_hash_table_remove (self->states, name);
}

NnsNat *
nns_nat_new (NnsRegistry *registry,
             const char  *records_directory,
             GError     **error)
{
  g_autoptr(NnsNat) self = g_object_new (NNS_TYPE_NAT, NULL);

  self->registry = g_object_ref (registry);
  self->records = nns_nat_records_new (records_directory, error);
  if (self->records == NULL)
    return NULL;
  self->monitor = nns_nft_monitor_new (on_table_changed, self, error);
  if (self->monitor == NULL)
    return NULL;
  g_signal_connect (registry, "namespace-removed", G_CALLBACK (on_namespace_removed), self);
  return g_steal_pointer (&self);
}

/* Start-up */

static gboolean
restore_here (gpointer user_data,
              GError **error)
{
  NatState *state = user_data;

  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    if (state->record->found[i] != NULL && !write_sysctl (i, "1", state->description, error))
      return FALSE;
  return write_loopback_routes (state, state->record->rules, state->record->rules, error) &&
         write_table_here (state, state->record->rules, error);
}

/* Makes @record true again, if its namespace is the one it was made for. */
static void
restore_record (NnsNat       *self,
                NnsNatRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *namespace = g_strdup (record->namespace);
  NatState *state = g_new0 (NatState, 1);
  guint64 inode = 0, cookie = 0;

  state->record = record;
  state->description = describe (namespace);
  if (!identify (self, namespace, state, &inode, &cookie) || inode != record->inode ||
      (record->cookie != 0 && cookie != record->cookie))
    {
      g_message ("dropping the rules of %s, which went while netnsd was not running",
                 state->description);
      nns_nat_records_forget (self->records, namespace);
      nat_state_free (state);
      return;
    }
  g_hash_table_insert (self->states, g_strdup (namespace), state);
  if (!nns_registry_run_in (self->registry, namespace, restore_here, state, &error))
    g_warning ("cannot put back the rules of %s: %s", state->description, error->message);
  else
    g_debug ("put back the rules of %s", state->description);
  nns_nft_monitor_drain (self->monitor, state->nsid);
}

/* A table inet netnsd in a namespace without rules: left from a record
 * that is gone. */
static gboolean
remove_stray_table_here (gpointer user_data,
                         GError **error)
{
  const char *description = user_data;
  g_autoptr(NnsNftables) nft = NULL;
  g_autofree char *script = NULL;
  gboolean exists;

  if (!nns_nft_table_exists_here (&exists, error))
    return FALSE;
  if (!exists)
    return TRUE;
  nft = nns_nftables_new_here (error);
  script = nns_nftables_render (NULL);
  if (nft == NULL || !nns_nftables_run (nft, script, description, error))
    return FALSE;
  g_message ("removed the nftables table " NNS_NFT_FAMILY " " NNS_NFT_TABLE " of %s, "
             "which netnsd has no rules for", description);
  return TRUE;
}

static void
remove_stray_table (NnsNat     *self,
                    const char *namespace)
{
  g_autofree char *description = describe (namespace);
  g_autoptr(GError) error = NULL;

  if (g_hash_table_contains (self->states, namespace))
    return;
  if (!nns_registry_run_in (self->registry, namespace, remove_stray_table_here, description,
                            &error))
    g_debug ("cannot look for a stray nftables table in %s: %s", description, error->message);
}

/* At start-up, once the registry knows the namespaces there are. */
void
nns_nat_restore (NnsNat *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) namespaces = NULL;

  g_return_if_fail (NNS_IS_NAT (self));

  records = nns_nat_records_load_all (self->records);
  /* The array hands each record over to its state. */
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    restore_record (self, records->pdata[i]);

  remove_stray_table (self, "");
  namespaces = nns_registry_list (self->registry);
  for (guint i = 0; i < namespaces->len; i++)
    remove_stray_table (self, nns_namespace_get_name (namespaces->pdata[i]));
  /* Everything heard so far is netnsd's own writing. */
  nns_nft_monitor_drain (self->monitor, NNS_NFT_NSID_EVERY);
}
