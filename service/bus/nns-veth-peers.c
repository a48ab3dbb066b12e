/* nns-veth-peers.c: which veth is whose other end, across namespaces.
 *
 * A veth tells its other end's index (IFLA_LINK) and, when that end is in
 * another namespace, that namespace's id (IFLA_LINK_NETNSID), both in the
 * view of the namespace the veth is in. netnsd knows ids only in the
 * host's view (it reads every notification there), so:
 *   - a veth whose other end is in its own namespace names it exactly;
 *   - a veth of the host names its other end exactly: that namespace's
 *     table by its id, and the index in it;
 *   - a veth of another namespace X, with index a and other end b
 *     elsewhere, is the other end of the host's veth b if that one names
 *     (X, a); otherwise of the one veth, in a namespace other than X and
 *     the host, whose index is b and whose other end is a, if that one in
 *     turn has only it for a match. Where indexes repeat (namespaces made
 *     alike, each with veths 2 and 3 joined to each other's), more than
 *     one matches, and netnsd cannot tell which: Peer is "" for them.
 * The relation is worked out the same way from both ends, so it is always
 * symmetric: each end's Peer names the other.
 *
 * Changes are marked (an end's own, and those of every end whose answer
 * may depend on it) and worked out once a batch of notifications is over
 * (nns_veth_peers_settle()). The kernel sends no notification for a veth
 * whose other end moved to another namespace, though its IFLA_LINK and
 * IFLA_LINK_NETNSID change: when an end goes (moved or deleted), or comes
 * naming an end that does not name it back, that other end is read again.
 * Nor does it tell of a new pair's first end once the two are joined (its
 * one notification comes before, without IFLA_LINK): a veth without its
 * other end is read again at the end of the batch.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-libnl.h"
#include "nns-pair-index.h"
#include "nns-veth-peers.h"

/* The other end is in the same namespace (no IFLA_LINK_NETNSID). Not an
 * id, nor NNS_NSID_UNKNOWN. */
#define PEER_HERE (G_MININT + 1)

typedef struct _VethEnd VethEnd;

struct _VethEnd
{
  NnsLink      *link;         /* its table holds it, and forgets it here first */
  NnsLinkTable *table;
  int           ifindex;
  int           peer_index;   /* IFLA_LINK */
  int           peer_nsid;    /* IFLA_LINK_NETNSID in the table's view, or PEER_HERE */
  VethEnd      *peer;         /* the other end, as last worked out */
  GList         dirty_node;   /* data set while queued in dirty */
};

typedef struct {
  NnsLinkTable *table;
  int           ifindex;
} Refresh;

struct _NnsVethPeers
{
  GObject       parent_instance;

  GHashTable   *ends;         /* NnsLink -> VethEnd */
  NnsPairIndex *by_indexes;   /* (index, other end's index) -> foreign VethEnds */
  GHashTable   *by_nsid;      /* the host's id -> NnsLinkTable, for namespaces but the host */
  NnsLinkTable *host;
  GPtrArray    *aliases;      /* tables of other names of the host's namespace */
  GQueue        dirty;        /* VethEnd whose Peer is to be worked out again */
  GQueue        refresh;      /* Refresh: ends whose facts may be stale */
  gboolean      settling;
};

G_DEFINE_FINAL_TYPE (NnsVethPeers, nns_veth_peers, G_TYPE_OBJECT)

static void
refresh_free (gpointer data)
{
  Refresh *refresh = data;

  g_object_unref (refresh->table);
  g_free (refresh);
}

static void
nns_veth_peers_finalize (GObject *object)
{
  NnsVethPeers *self = NNS_VETH_PEERS (object);

  g_queue_clear_full (&self->refresh, refresh_free);
  nns_pair_index_free (self->by_indexes);
  g_hash_table_unref (self->ends);
  g_hash_table_unref (self->by_nsid);
  g_ptr_array_unref (self->aliases);

  G_OBJECT_CLASS (nns_veth_peers_parent_class)->finalize (object);
}

static void
nns_veth_peers_class_init (NnsVethPeersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_veth_peers_finalize;
}

static void
nns_veth_peers_init (NnsVethPeers *self)
{
  self->ends = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->by_indexes = nns_pair_index_new ();
  self->by_nsid = g_hash_table_new (NULL, NULL);
  self->aliases = g_ptr_array_new ();
  g_queue_init (&self->dirty);
  g_queue_init (&self->refresh);
}

NnsVethPeers *
nns_veth_peers_new (void)
{
  return g_object_new (NNS_TYPE_VETH_PEERS, NULL);
}

static gboolean
is_alias (NnsVethPeers *self,
          VethEnd      *end)
{
  return nns_link_table_is_host_view (end->table) && end->table != self->host;
}

/* A namespace's end whose other end is in another namespace: found by
 * indexes alone. */
static gboolean
is_foreign (VethEnd *end)
{
  return !nns_link_table_is_host_view (end->table) && end->peer_nsid != PEER_HERE;
}

static VethEnd *
end_of (NnsVethPeers *self,
        NnsLinkTable *table,
        int           ifindex)
{
  NnsLink *link = table != NULL ? nns_link_table_lookup (table, ifindex) : NULL;

  return link != NULL ? g_hash_table_lookup (self->ends, link) : NULL;
}

static NnsLinkTable *
table_by_nsid (NnsVethPeers *self,
               int           nsid)
{
  return g_hash_table_lookup (self->by_nsid, GINT_TO_POINTER (nsid));
}

/* Marking */

static void
mark (NnsVethPeers *self,
      VethEnd      *end)
{
  if (end == NULL || end->dirty_node.data != NULL)
    return;
  end->dirty_node.data = end;
  g_queue_push_tail_link (&self->dirty, &end->dirty_node);
}

static void
unmark (NnsVethPeers *self,
        VethEnd      *end)
{
  if (end->dirty_node.data == NULL)
    return;
  g_queue_unlink (&self->dirty, &end->dirty_node);
  end->dirty_node.data = NULL;
}

static void
mark_by_indexes (NnsVethPeers *self,
             int           ifindex,
             int           peer_index)
{
  for (const GSList *l = nns_pair_index_lookup (self->by_indexes, ifindex, peer_index);
       l != NULL; l = l->next)
    mark (self, l->data);
}

/* Marks every end whose answer may depend on @end's facts as they are now
 * (called before and after they change): those it names, those that may
 * name it, and those that share its indexes. */
static void
mark_neighbours (NnsVethPeers *self,
                 VethEnd      *end)
{
  VethEnd *named;

  mark (self, end->peer);
  mark_by_indexes (self, end->ifindex, end->peer_index);
  mark_by_indexes (self, end->peer_index, end->ifindex);
  if (end->peer_nsid == PEER_HERE)
    {
      mark (self, end_of (self, end->table, end->peer_index));
      return;
    }
  if (!nns_link_table_is_host_view (end->table))
    {
      mark (self, end_of (self, self->host, end->peer_index));
      return;
    }
  /* A host end that names an end takes it out of the candidates by
   * indexes: those that had it as one look again. */
  named = end_of (self, table_by_nsid (self, end->peer_nsid), end->peer_index);
  if (named == NULL)
    return;
  mark (self, named);
  mark_by_indexes (self, named->ifindex, named->peer_index);
  mark_by_indexes (self, named->peer_index, named->ifindex);
}

/* Working out */

/* Does the host's end at @end's other index name @end exactly? */
static VethEnd *
host_match (NnsVethPeers *self,
            VethEnd      *end)
{
  VethEnd *host_end = end_of (self, self->host, end->peer_index);

  if (host_end != NULL && host_end->peer_index == end->ifindex &&
      host_end->peer_nsid == nns_link_table_get_nsid (end->table))
    return host_end;
  return NULL;
}

/* The one end that @end (a namespace's end whose other end is elsewhere)
 * matches by indexes, or NULL for none or more than one. */
static VethEnd *
only_candidate (NnsVethPeers *self,
                VethEnd      *end)
{
  VethEnd *found = NULL;

  for (const GSList *l = nns_pair_index_lookup (self->by_indexes, end->peer_index, end->ifindex);
       l != NULL; l = l->next)
    {
      VethEnd *candidate = l->data;

      if (candidate->table == end->table || host_match (self, candidate) != NULL)
        continue;
      if (found != NULL)
        return NULL;
      found = candidate;
    }
  return found;
}

static VethEnd *
resolve (NnsVethPeers *self,
         VethEnd      *end)
{
  VethEnd *other;

  if (end->peer_nsid == PEER_HERE)
    {
      other = end_of (self, end->table, end->peer_index);
      if (other != NULL && other->peer_nsid == PEER_HERE && other->peer_index == end->ifindex)
        return other;
      return NULL;
    }
  if (nns_link_table_is_host_view (end->table))
    {
      other = end_of (self, table_by_nsid (self, end->peer_nsid), end->peer_index);
      if (other != NULL && other->peer_nsid != PEER_HERE && other->peer_index == end->ifindex)
        return other;
      return NULL;
    }
  other = host_match (self, end);
  if (other != NULL)
    return other;
  other = only_candidate (self, end);
  if (other == NULL || only_candidate (self, other) != end)
    return NULL;
  return other;
}

static void
show_peer (VethEnd *end,
           VethEnd *other)
{
  g_autofree char *peer = NULL;

  if (other != NULL)
    peer = g_strdup_printf ("%s/%s", nns_link_table_get_name (other->table),
                            nns_link_get_name (other->link));
  nns_link_set_peer (end->link, peer != NULL ? peer : "");
}

static void
mark_aliases (NnsVethPeers *self,
              int           ifindex)
{
  for (guint i = 0; i < self->aliases->len; i++)
    mark (self, end_of (self, self->aliases->pdata[i], ifindex));
}

static void
settle_end (NnsVethPeers *self,
            VethEnd      *end)
{
  VethEnd *other = resolve (self, end);
  VethEnd *was = end->peer;

  /* Another name of the host shows what the host shows, and is nobody's
   * other end: it keeps no pointer that could outlive its end. */
  if (is_alias (self, end))
    {
      show_peer (end, other);
      return;
    }
  if (other != was)
    {
      end->peer = other;
      if (was != NULL && was->peer == end)
        mark (self, was);
      mark (self, other);
    }
  show_peer (end, other);
  if (end->table == self->host)
    mark_aliases (self, end->ifindex);
}

static void
queue_refresh (NnsVethPeers *self,
               NnsLinkTable *table,
               int           ifindex)
{
  Refresh *refresh;

  if (table == NULL)
    return;
  refresh = g_new0 (Refresh, 1);
  refresh->table = g_object_ref (table);
  refresh->ifindex = ifindex;
  g_queue_push_tail (&self->refresh, refresh);
}

/* @end came or its facts changed: if the link it names does not name it
 * back, what netnsd knows of that one may be stale. The kernel tells of
 * neither end of a pair when one moves to another namespace. */
static void
check_named (NnsVethPeers *self,
             VethEnd      *end)
{
  NnsLinkTable *table;
  NnsLink *link;
  VethEnd *named;

  if (end->peer_nsid == PEER_HERE)
    table = end->table;
  else if (nns_link_table_is_host_view (end->table))
    table = table_by_nsid (self, end->peer_nsid);
  else
    table = self->host;
  link = table != NULL ? nns_link_table_lookup (table, end->peer_index) : NULL;
  if (link == NULL)
    return;
  named = g_hash_table_lookup (self->ends, link);
  if (named == NULL || named->peer_index != end->ifindex)
    queue_refresh (self, table, end->peer_index);
}

/* Tracking */

/* Is @rtnl a veth, and which is its other end? */
static gboolean
read_facts (struct rtnl_link *rtnl,
            int              *peer_index,
            int              *peer_nsid)
{
  int32_t nsid;

  *peer_index = 0;
  if (g_strcmp0 (rtnl_link_get_type (rtnl), "veth") != 0)
    return FALSE;
  *peer_index = rtnl_link_get_link (rtnl);
  *peer_nsid = rtnl_link_get_link_netnsid (rtnl, &nsid) == 0 ? nsid : PEER_HERE;
  return *peer_index > 0;
}

static void
forget_end (NnsVethPeers *self,
            VethEnd      *end)
{
  VethEnd *peer = end->peer;

  if (is_foreign (end))
    nns_pair_index_remove (self->by_indexes, end->ifindex, end->peer_index, end);
  mark_neighbours (self, end);
  unmark (self, end);
  if (peer != NULL)
    {
      if (peer->peer == end)
        peer->peer = NULL;
      /* It may have gone with @end to another namespace. */
      queue_refresh (self, peer->table, peer->ifindex);
    }
  g_hash_table_remove (self->ends, end->link);
}

/* @link of @table came or changed, as @rtnl says; @renamed: its name is
 * new, which its other end shows. */
void
nns_veth_peers_update (NnsVethPeers     *self,
                       NnsLinkTable     *table,
                       NnsLink          *link,
                       struct rtnl_link *rtnl,
                       gboolean          renamed)
{
  VethEnd *end = g_hash_table_lookup (self->ends, link);
  int peer_index, peer_nsid;

  g_return_if_fail (NNS_IS_VETH_PEERS (self));

  if (!read_facts (rtnl, &peer_index, &peer_nsid))
    {
      if (end != NULL)
        forget_end (self, end);
      /* The kernel tells of a new pair's first end before the two are
       * joined, without its other end; by the end of the batch they are. */
      if (g_strcmp0 (rtnl_link_get_type (rtnl), "veth") == 0)
        queue_refresh (self, table, rtnl_link_get_ifindex (rtnl));
      return;
    }
  if (end != NULL && end->peer_index == peer_index && end->peer_nsid == peer_nsid)
    {
      if (renamed)
        mark (self, end->peer);
      return;
    }
  if (end == NULL)
    {
      end = g_new0 (VethEnd, 1);
      end->link = link;
      end->table = table;
      end->ifindex = rtnl_link_get_ifindex (rtnl);
      g_hash_table_insert (self->ends, link, end);
    }
  else
    {
      if (is_foreign (end))
        nns_pair_index_remove (self->by_indexes, end->ifindex, end->peer_index, end);
      mark_neighbours (self, end);
    }
  end->peer_index = peer_index;
  end->peer_nsid = peer_nsid;
  if (is_foreign (end))
    nns_pair_index_add (self->by_indexes, end->ifindex, end->peer_index, end);
  mark (self, end);
  mark_neighbours (self, end);
  check_named (self, end);
}

/* @link went. */
void
nns_veth_peers_remove (NnsVethPeers *self,
                       NnsLink      *link)
{
  VethEnd *end;

  g_return_if_fail (NNS_IS_VETH_PEERS (self));

  end = g_hash_table_lookup (self->ends, link);
  if (end != NULL)
    forget_end (self, end);
}

/* Follows @table's ends; @is_host: it is the host's own (one table), not
 * another name of it. Before its links are added. */
void
nns_veth_peers_add_table (NnsVethPeers *self,
                          NnsLinkTable *table,
                          gboolean      is_host)
{
  int nsid = nns_link_table_get_nsid (table);

  g_return_if_fail (NNS_IS_VETH_PEERS (self));

  if (is_host)
    self->host = table;
  else if (nns_link_table_is_host_view (table))
    g_ptr_array_add (self->aliases, table);
  else if (nsid >= 0)
    g_hash_table_insert (self->by_nsid, GINT_TO_POINTER (nsid), table);
}

static void
forget_link (NnsLinkTable *table,
             NnsLink      *link,
             gpointer      user_data)
{
  nns_veth_peers_remove (user_data, link);
}

static void
drop_refreshes (NnsVethPeers *self,
                NnsLinkTable *table)
{
  GList *next;

  for (GList *l = self->refresh.head; l != NULL; l = next)
    {
      Refresh *refresh = l->data;

      next = l->next;
      if (refresh->table != table)
        continue;
      g_queue_delete_link (&self->refresh, l);
      refresh_free (refresh);
    }
}

/* Forgets @table and its ends, before it goes (and once its changes no
 * longer reach here): ends elsewhere that named them show "". */
void
nns_veth_peers_remove_table (NnsVethPeers *self,
                             NnsLinkTable *table)
{
  int nsid = nns_link_table_get_nsid (table);

  g_return_if_fail (NNS_IS_VETH_PEERS (self));

  nns_link_table_foreach (table, forget_link, self);
  /* Its ends' other ends there are going too. */
  drop_refreshes (self, table);
  if (self->host == table)
    self->host = NULL;
  g_ptr_array_remove (self->aliases, table);
  if (table_by_nsid (self, nsid) == table)
    g_hash_table_remove (self->by_nsid, GINT_TO_POINTER (nsid));
  nns_veth_peers_settle (self);
}

static guint
refresh_hash (gconstpointer key)
{
  const Refresh *refresh = key;

  return g_direct_hash (refresh->table) ^ (guint) refresh->ifindex;
}

static gboolean
refresh_equal (gconstpointer a,
               gconstpointer b)
{
  const Refresh *first = a, *second = b;

  return first->table == second->table && first->ifindex == second->ifindex;
}

/* Reads @refresh's link again, once per settling: a veth that the kernel
 * keeps telling of without its other end is not read round and round. */
static void
run_refresh (GHashTable **done,
             Refresh     *refresh)
{
  if (*done == NULL)
    *done = g_hash_table_new_full (refresh_hash, refresh_equal, refresh_free, NULL);
  if (!g_hash_table_add (*done, refresh))
    {
      refresh_free (refresh);
      return;
    }
  nns_link_table_refresh_link (refresh->table, refresh->ifindex);
}

/* Works out every marked end's Peer, reading again first the ends that
 * may be stale (which may mark more). */
void
nns_veth_peers_settle (NnsVethPeers *self)
{
  g_autoptr(GHashTable) done = NULL;

  g_return_if_fail (NNS_IS_VETH_PEERS (self));

  /* Reading an end again tells of it through its table, which may end a
   * batch: the loop below carries on with what that marks. */
  if (self->settling)
    return;
  self->settling = TRUE;
  for (;;)
    {
      Refresh *refresh = g_queue_pop_head (&self->refresh);
      GList *node;
      VethEnd *end;

      if (refresh != NULL)
        {
          run_refresh (&done, refresh);
          continue;
        }
      node = g_queue_pop_head_link (&self->dirty);
      if (node == NULL)
        break;
      end = node->data;
      node->data = NULL;
      settle_end (self, end);
    }
  self->settling = FALSE;
}
