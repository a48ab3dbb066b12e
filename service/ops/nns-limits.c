/* nns-limits.c: how many links a user other than root may have.
 *
 * A user whom polkit lets manage its own namespaces could otherwise fill
 * them (and netnsd's memory, and the kernel's) with links by the
 * thousand. A call that adds links is checked when it is planned, so that
 * one over the limit is refused before polkit is asked anything, and
 * again when it is performed, since the same user's other calls may have
 * been authorized meanwhile: so the limits hold however many calls run at
 * once. (Namespaces are counted in nns-manager-namespaces.c.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-error.h"
#include "nns-limits.h"
#include "nns-manager-private.h"

/* The links a user has: every link but lo in the namespaces it created
 * through netnsd, and the host links it made. */
static guint
count_user_links (NnsManager *self,
                  uid_t       uid)
{
  g_autoptr(GPtrArray) namespaces = nns_registry_list (self->registry);
  guint links = nns_link_owners_count (self->link_owners, uid);

  for (guint i = 0; i < namespaces->len; i++)
    {
      NnsNamespace *ns = namespaces->pdata[i];
      NnsNetlink *netlink = nns_namespace_get_netlink (ns);

      if (nns_namespace_is_recorded (ns) && nns_namespace_get_owner (ns) == uid &&
          netlink != NULL)
        links += nns_netlink_count_links (netlink) - 1;
    }
  return links;
}

/* Fails with Busy if @uid adding @here links to @target's namespace, and
 * @in_all links in all, would go past a limit. A namespace that the same
 * Apply creates has no links yet. */
gboolean
nns_limits_check_links (NnsManager      *self,
                        uid_t            uid,
                        const NnsTarget *target,
                        guint            here,
                        guint            in_all,
                        GError         **error)
{
  const NnsLimits *limits = &self->limits;
  NnsNetlink *netlink;
  guint count;

  if (uid == 0)
    return TRUE;
  /* The host's links are many and not the user's: its own are counted
   * below, with its other links. */
  if (!target->is_host && !(target->planned && target->inode == 0))
    {
      netlink = nns_target_netlink (self, (NnsTarget *) target, error);
      if (netlink == NULL)
        return FALSE;
      count = nns_netlink_count_links (netlink);
      if (count + here > limits->links_per_namespace)
        {
          g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                       "%s has %u links, the most one namespace may have for a user "
                       "other than root (netnsd --max-links-per-namespace)",
                       target->description, count);
          return FALSE;
        }
    }
  count = count_user_links (self, uid);
  if (count + in_all > limits->links_per_user)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                   "uid %u has %u links, the most one user may have "
                   "(netnsd --max-links-per-user)", (guint) uid, count);
      return FALSE;
    }
  return TRUE;
}
