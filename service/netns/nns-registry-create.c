/* nns-registry-create.c: making, attaching and removing namespaces, as
 * `ip netns add`, `ip netns attach` and `ip netns del` do, with the owner
 * record written so that a crash at any step leaves something a restart
 * recognizes and undoes (state/nns-recovery.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-debug.h"
#include "nns-error.h"
#include "nns-fd.h"
#include "nns-names.h"
#include "nns-registry-private.h"
#include "nns-sysctl.h"

/* Every group may open ICMP echo sockets, as systemd makes it on the host:
 * so ping works for the users polkit lets in, which Debian's ping, with a
 * file capability that no_new_privs refuses, needs. A new namespace's
 * default ("1 0") lets no one. */
#define OPEN_PING_GROUP_RANGE "0 2147483647"

typedef struct {
  const char                *description;
  const NnsNamespaceOptions *options;
  NnsNetlink                *netlink;
} CreateSetup;

static gboolean
open_ping (GError **error)
{
  g_auto(NnsSysctl) sysctl = { 0 };

  return nns_sysctl_parse ("net.ipv4.ping_group_range", OPEN_PING_GROUP_RANGE, &sysctl, error) &&
         nns_sysctl_write_here (&sysctl, "the new namespace", error);
}

/* Runs inside the new namespace before it gets its name. */
static gboolean
setup_new_namespace (gpointer user_data,
                     GError **error)
{
  CreateSetup *setup = user_data;

  setup->netlink = nns_netlink_new_here (setup->description, TRUE, error);
  if (setup->netlink == NULL)
    return FALSE;
  /* The loopback link always has index 1 in a new namespace. */
  if ((setup->options->loopback_up &&
       !nns_netlink_set_link_up (setup->netlink, 1, TRUE, error)) ||
      (setup->options->open_ping && !open_ping (error)))
    {
      g_clear_object (&setup->netlink);
      return FALSE;
    }
  /* No notification tells of it (the namespace has no id yet): lo's
   * object shows it up from the start. */
  if (setup->options->loopback_up)
    nns_netlink_refresh_link (setup->netlink, 1);
  return TRUE;
}

/* The first steps of a new entry: the intent recorded, the empty file
 * made, and the record completed with the file's inode, so that a crash
 * anywhere after leaves something a restart can recognize and undo
 * (nns-recovery.c). On failure nothing is left. */
static gboolean
begin_entry (NnsRegistry    *self,
             const char     *name,
             NnsOwnerRecord *record,
             GError        **error)
{
  if (!nns_owner_store_save (self->owners, name, record, error))
    return FALSE;
  nns_debug_crash_point ("namespace-intent-recorded");

  if (!nns_netns_dir_create_file (self->dir, name, &record->file, error))
    {
      nns_owner_store_forget (self->owners, name);
      return FALSE;
    }
  if (!nns_owner_store_save (self->owners, name, record, error))
    {
      nns_netns_dir_remove_own (self->dir, name, record->file);
      nns_owner_store_forget (self->owners, name);
      return FALSE;
    }
  nns_debug_crash_point ("namespace-file-created");
  return TRUE;
}

/* The last steps, once a namespace is bound on the entry: the record
 * completed (with the namespace's cookie, from @netlink, a socket inside
 * it), or dropped for a namespace netnsd does not own, and the object
 * made. On failure the entry and the record go. */
static NnsNamespace *
finish_entry (NnsRegistry    *self,
              const char     *name,
              NnsOwnerRecord *record,
              gboolean        recorded,
              NnsNetlink     *netlink,
              GError        **error)
{
  NnsNamespace *ns;

  record->cookie = nns_netlink_get_cookie (netlink);
  record->creating = FALSE;
  if (recorded && !nns_owner_store_save (self->owners, name, record, error))
    {
      nns_netns_dir_remove_own (self->dir, name, record->file);
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  if (!recorded)
    nns_owner_store_forget (self->owners, name);
  nns_debug_crash_point ("namespace-recorded");

  /* The directory event for this entry comes later and finds it known. */
  g_hash_table_remove (self->pending, name);
  ns = nns_namespace_new (name, record->inode, recorded, record->owner);
  if (!nns_registry_attach_netlink (self, ns, netlink, error))
    {
      g_object_unref (ns);
      nns_netns_dir_remove (self->dir, name, NULL);
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  nns_registry_add (self, ns);
  return ns;
}

/* Creates the namespace @name owned by @owner. On failure nothing is left:
 * no entry, no mount, no record. @name must be valid. */
NnsNamespace *
nns_registry_create (NnsRegistry               *self,
                     const char                *name,
                     uid_t                      owner,
                     const NnsNamespaceOptions *options,
                     GError                   **error)
{
  g_autofree char *description = nns_registry_describe (name);
  CreateSetup setup = { description, options, NULL };
  g_autoptr(NnsNetlink) netlink = NULL;
  NnsOwnerRecord record = { owner, 0, 0, TRUE, 0 };
  gboolean bound;

  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  if (options->creator != NULL)
    g_strlcpy (record.creator, options->creator, sizeof record.creator);
  if (!begin_entry (self, name, &record, error))
    return NULL;

  bound = nns_netns_dir_bind_new (self->dir, name, setup_new_namespace, &setup,
                                  &record.inode, error);
  /* Taken either way: if the setup ran but the mount failed, this socket
   * is the last thing holding the new namespace, and must go with it. */
  netlink = g_steal_pointer (&setup.netlink);
  if (!bound)
    {
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  return finish_entry (self, name, &record, TRUE, netlink, error);
}

/* Fails with InvalidArgument if @info is the host's own namespace. */
gboolean
nns_registry_check_not_host (NnsRegistry          *self,
                             const NnsNetnsFdInfo *info,
                             GError              **error)
{
  nns_autofd int host_fd = -1;

  g_return_val_if_fail (NNS_IS_REGISTRY (self), FALSE);

  host_fd = nns_netns_dir_open_namespace (self->dir, "", error);
  return host_fd >= 0 && nns_netns_fd_check_not_host (info, host_fd, error);
}

/* The name of an entry of /run/netns bound to the namespace with @inode,
 * or NULL. The directory itself is read, not the registry: another tool
 * may have bound it a moment ago, before its event came. */
static char *
find_entry_for (NnsRegistry *self,
                guint64      inode)
{
  g_autoptr(GPtrArray) names = nns_netns_dir_list_names (self->dir, NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      NnsNetnsEntryInfo entry;

      if (nns_netns_dir_query (self->dir, names->pdata[i], &entry, NULL) &&
          entry.kind == NNS_NETNS_ENTRY_NAMESPACE && entry.inode == inode)
        return g_strdup (names->pdata[i]);
    }
  return NULL;
}

/* Fails unless the namespace @info could be attached as @name now: not
 * the host's, @name free, and no name for it yet (Exists, naming it).
 * Checked before polkit is asked and again once it has answered. */
gboolean
nns_registry_check_attachable (NnsRegistry          *self,
                               const char           *name,
                               const NnsNetnsFdInfo *info,
                               GError              **error)
{
  g_autofree char *named = NULL;
  NnsNetnsEntryInfo entry;

  g_return_val_if_fail (NNS_IS_REGISTRY (self), FALSE);

  if (!nns_registry_check_not_host (self, info, error))
    return FALSE;
  if (nns_registry_lookup (self, name) != NULL ||
      nns_netns_dir_query (self->dir, name, &entry, NULL))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS, "namespace '%s' already exists", name);
      return FALSE;
    }
  named = find_entry_for (self, info->inode);
  if (named != NULL)
    {
      g_autofree char *quoted = nns_quote (named);

      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS,
                   "netns is namespace %s already; a namespace takes one name", quoted);
      return FALSE;
    }
  return TRUE;
}

/* Names the namespace open at @fd (@info: what nns_netns_fd_inspect()
 * found) @name, as `ip netns attach` does: a bind mount on a new entry.
 * @owner is its recorded owner, or (uid_t) -1 for one netnsd records no
 * owner of, as for a namespace another tool made. The intent is recorded
 * either way, so that a crash before the bind is complete is undone at
 * start. On failure nothing is left. @name must be valid. */
NnsNamespace *
nns_registry_attach (NnsRegistry          *self,
                     const char           *name,
                     int                   fd,
                     const NnsNetnsFdInfo *info,
                     uid_t                 owner,
                     GError              **error)
{
  gboolean recorded = owner != (uid_t) -1;
  NnsOwnerRecord record = { recorded ? owner : 0, 0, 0, TRUE, 0 };
  g_autoptr(NnsNetlink) netlink = NULL;

  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  if (!nns_registry_check_attachable (self, name, info, error) ||
      !begin_entry (self, name, &record, error))
    return NULL;
  if (!nns_netns_dir_bind_fd (self->dir, name, fd, &record.inode, error))
    {
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  nns_debug_crash_point ("namespace-mounted");

  netlink = nns_registry_open_netlink (self, name, error);
  if (netlink == NULL)
    {
      nns_netns_dir_remove_own (self->dir, name, record.file);
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  return finish_entry (self, name, &record, recorded, netlink, error);
}

/* Removes the name of @ns, as `ip netns del` does. */
gboolean
nns_registry_delete (NnsRegistry  *self,
                     NnsNamespace *ns,
                     GError      **error)
{
  g_return_val_if_fail (NNS_IS_REGISTRY (self), FALSE);

  if (!nns_netns_dir_remove (self->dir, nns_namespace_get_name (ns), error))
    return FALSE;
  nns_registry_remove (self, ns);
  return TRUE;
}
