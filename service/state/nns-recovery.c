/* nns-recovery.c: undoing, at start-up, what a crash left half done.
 *
 * Every change that makes more than one thing records its intent first
 * (an owner record saying Creating, a journal entry) and completes or
 * removes that record last. So a restart finds, in the records, exactly
 * the changes that never answered their caller, and undoes them: a call
 * happened whole or left nothing behind. Before the first scan of
 * /run/netns, interrupted namespace creations go (so they are never
 * announced); after it, records of namespaces that went while netnsd was
 * down are dropped, interrupted veth creations are undone, and so is
 * every finished operation of an Apply that never answered.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-recovery.h"

/* Undoes the namespace creations a crash interrupted: their records say
 * Creating, and the entry is removed only if it is the very file netnsd
 * made (the record holds its inode). */
static void
undo_interrupted_namespaces (NnsOwnerStore *owners,
                             NnsNetnsDir   *dir)
{
  g_autoptr(GPtrArray) names = nns_owner_store_list_names (owners);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      NnsOwnerRecord record;

      if (!nns_owner_store_load (owners, name, &record) || !record.creating)
        continue;
      if (record.file != 0 && nns_netns_dir_remove_own (dir, name, record.file))
        g_message ("removed namespace %s, whose creation was interrupted", name);
      nns_owner_store_forget (owners, name);
    }
}

void
nns_recovery_before_scan (NnsOwnerStore *owners,
                          NnsNetnsDir   *dir)
{
  undo_interrupted_namespaces (owners, dir);
}

/* Drops records whose namespace is gone: netnsd may have been down while
 * someone ran `ip netns del`. Records of namespaces that still exist were
 * checked as the scan loaded their entries. */
static void
drop_orphan_records (NnsRegistry   *registry,
                     NnsOwnerStore *owners)
{
  g_autoptr(GPtrArray) names = nns_owner_store_list_names (owners);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      NnsNamespace *ns = nns_registry_lookup (registry, name);

      if (ns == NULL || !nns_namespace_is_recorded (ns))
        {
          g_message ("dropping the owner record of vanished namespace %s", name);
          nns_owner_store_forget (owners, name);
        }
    }
}

static gboolean
host_link_exists (int      ifindex,
                  gpointer user_data)
{
  return nns_netlink_has_link_index (NNS_NETLINK (user_data), ifindex);
}

/* The netlink sockets of the namespace @name: "" for the host, or the
 * name if it still holds the namespace with @inode. */
static NnsNetlink *
namespace_netlink (NnsRegistry *registry,
                   const char  *name,
                   guint64      inode)
{
  NnsNamespace *ns;

  if (name == NULL)
    return NULL;
  if (name[0] == '\0')
    return nns_registry_get_host_netlink (registry);
  ns = nns_registry_lookup (registry, name);
  if (ns == NULL || nns_namespace_get_inode (ns) != inode)
    return NULL;
  return nns_registry_get_netlink (registry, ns, NULL);
}

static NnsNetlink *
intent_netlink (NnsRegistry         *registry,
                const NnsVethIntent *intent)
{
  return namespace_netlink (registry, intent->namespace, intent->namespace_inode);
}

/* Undoes the veth creations a crash interrupted: their callers never got
 * an answer, so the pair must not stay. */
static void
undo_interrupted_veths (NnsRegistry *registry,
                        NnsJournal  *journal)
{
  g_autoptr(GPtrArray) intents = nns_journal_list_veths (journal);

  for (guint i = 0; i < intents->len; i++)
    {
      NnsVethIntent *intent = intents->pdata[i];
      NnsNetlink *netlink = intent_netlink (registry, intent);

      if (netlink != NULL && nns_netlink_delete_link (netlink, intent->name, NULL))
        g_message ("removed veth %s, whose creation was interrupted", intent->name);
      nns_journal_end (journal, intent->id);
    }
}

/* Removes the namespace a batch made, if the name still holds it. */
static gboolean
undo_batch_namespace (NnsRegistry        *registry,
                      NnsEtcNetns        *etc_netns,
                      const NnsBatchStep *step)
{
  NnsNamespace *ns = nns_registry_lookup (registry, step->namespace);
  g_autoptr(GError) error = NULL;

  if (ns == NULL || nns_namespace_get_inode (ns) != step->namespace_inode)
    return FALSE;
  if (!nns_registry_delete (registry, ns, &error))
    {
      g_warning ("cannot remove namespace %s of an interrupted Apply: %s",
                 step->namespace, error->message);
      return FALSE;
    }
  nns_etc_netns_forget (etc_netns, step->namespace);
  return TRUE;
}

/* Removes the veth pair a batch made, through whichever end is still
 * where it was made (a later operation of the batch may have moved the
 * other); deleting one end takes the other with it. */
static gboolean
undo_batch_veth (NnsRegistry         *registry,
                 const NnsVethIntent *veth)
{
  NnsNetlink *netlink = intent_netlink (registry, veth);
  NnsNetlink *peer_netlink = namespace_netlink (registry, veth->peer_namespace,
                                                veth->peer_namespace_inode);

  return (netlink != NULL && nns_netlink_delete_link (netlink, veth->name, NULL)) ||
         (peer_netlink != NULL && nns_netlink_delete_link (peer_netlink, veth->peer_name, NULL));
}

/* Undoes, last first, every finished operation of each Apply that a
 * crash interrupted: its caller never heard it succeed, so none of it
 * may stay. */
static void
undo_interrupted_batches (NnsRegistry *registry,
                          NnsJournal  *journal,
                          NnsEtcNetns *etc_netns)
{
  g_autoptr(GPtrArray) batches = nns_journal_list_batches (journal);

  for (guint i = 0; i < batches->len; i++)
    {
      NnsBatchIntent *batch = batches->pdata[i];
      guint undone = 0;

      for (guint j = 0; j < batch->steps->len; j++)
        {
          NnsBatchStep *step = batch->steps->pdata[j];

          if (step->veth != NULL ? undo_batch_veth (registry, step->veth)
                                 : undo_batch_namespace (registry, etc_netns, step))
            undone++;
          nns_journal_forget_batch_step (journal, batch->id, step->index);
        }
      g_message ("undid %u of the %u namespaces and veth pairs made by an Apply by uid %u "
                 "that a crash interrupted (the others were gone already)",
                 undone, batch->steps->len, batch->uid);
      nns_journal_end_batch (journal, batch->id);
    }
}

void
nns_recovery_after_scan (NnsRegistry   *registry,
                         NnsOwnerStore *owners,
                         NnsJournal    *journal,
                         NnsLinkOwners *link_owners,
                         NnsEtcNetns   *etc_netns)
{
  drop_orphan_records (registry, owners);
  /* Host links that went while netnsd was down have no owner any more. */
  nns_link_owners_prune (link_owners, host_link_exists,
                         nns_registry_get_host_netlink (registry));
  undo_interrupted_veths (registry, journal);
  undo_interrupted_batches (registry, journal, etc_netns);
}
