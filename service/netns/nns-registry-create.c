/* nns-registry-create.c: making and removing namespaces, as
 * `ip netns add` and `ip netns del` do, with the owner record written so
 * that a crash at any step leaves something a restart recognizes and undoes
 * (state/nns-recovery.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-debug.h"
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
  return TRUE;
}

/* Creates the namespace @name owned by @owner. On failure nothing is left:
 * no entry, no mount, no record. The record is written first and
 * completed last, so that a crash anywhere between leaves something a
 * restart can recognize and undo (nns-recovery.c). @name must be
 * valid. */
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
  NnsNamespace *ns;

  g_return_val_if_fail (NNS_IS_REGISTRY (self), NULL);

  if (options->creator != NULL)
    g_strlcpy (record.creator, options->creator, sizeof record.creator);
  if (!nns_owner_store_save (self->owners, name, &record, error))
    return NULL;
  nns_debug_crash_point ("namespace-intent-recorded");

  if (!nns_netns_dir_create_file (self->dir, name, &record.file, error))
    {
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  if (!nns_owner_store_save (self->owners, name, &record, error))
    {
      nns_netns_dir_remove_own (self->dir, name, record.file);
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  nns_debug_crash_point ("namespace-file-created");

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
  record.cookie = nns_netlink_get_cookie (netlink);
  record.creating = FALSE;

  if (!nns_owner_store_save (self->owners, name, &record, error))
    {
      nns_netns_dir_remove_own (self->dir, name, record.file);
      nns_owner_store_forget (self->owners, name);
      return NULL;
    }
  nns_debug_crash_point ("namespace-recorded");

  /* The directory event for this entry comes later and finds it known. */
  g_hash_table_remove (self->pending, name);
  ns = nns_namespace_new (name, record.inode, TRUE, owner);
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
