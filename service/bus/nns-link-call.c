/* nns-link-call.c: what the link methods of org.example.NetNs share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include "nns-error.h"
#include "nns-link-call.h"


NnsLinkCall *
nns_link_call_new (NnsManager *manager)
{
  NnsLinkCall *call = g_new0 (NnsLinkCall, 1);

  call->manager = g_object_ref (manager);
  call->change.ns_fd = -1;
  call->veth.peer_ns_fd = -1;
  return call;
}

void
nns_link_call_free (gpointer data)
{
  NnsLinkCall *call = data;

  nns_target_clear (&call->target);
  nns_target_clear (&call->peer);
  g_free (call->link);
  g_free (call->peer_link);
  g_free (call->new_name);
  g_free (call->master);
  g_object_unref (call->manager);
  g_free (call);
}

/* Records the caller as the owner of a link that now sits in the host. */
void
nns_link_call_record_host_link (NnsManager      *self,
                                const NnsTarget *target,
                                const char      *link,
                                NnsCaller       *caller)
{
  NnsNetlink *host = nns_registry_get_host_netlink (self->registry);
  int ifindex;

  if (!target->is_host)
    return;
  ifindex = nns_netlink_link_index (host, link, NULL);
  if (ifindex > 0)
    nns_link_owners_set (self->link_owners, ifindex,
                         nns_caller_get_uid (caller));
}

/* Fails with Exists when @link is already in @netlink's namespace. */
gboolean
nns_link_ensure_free (NnsNetlink  *netlink,
                      const char  *link,
                      GError     **error)
{
  g_autoptr(GError) lookup_error = NULL;

  if (nns_netlink_link_index (netlink, link, &lookup_error) > 0)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_EXISTS, "link '%s' already exists in %s",
                   link, nns_netlink_get_description (netlink));
      return FALSE;
    }
  if (!g_error_matches (lookup_error, NNS_ERROR, NNS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
nns_link_parse_mac_option (const char    *text,
                           const char    *what,
                           guint8        *mac,
                           const guint8 **result,
                           GError       **error)
{
  if (text == NULL)
    return TRUE;
  if (!nns_mac_parse (text, what, mac, error))
    return FALSE;
  *result = mac;
  return TRUE;
}
