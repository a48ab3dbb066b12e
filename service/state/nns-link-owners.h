/* nns-link-owners.h: who created each host link made through netnsd.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef gboolean (*NnsLinkExistsFunc) (int      ifindex,
                                       gpointer user_data);

#define NNS_TYPE_LINK_OWNERS (nns_link_owners_get_type ())
G_DECLARE_FINAL_TYPE (NnsLinkOwners, nns_link_owners, NNS, LINK_OWNERS, GObject)

NnsLinkOwners *nns_link_owners_new    (const char        *directory,
                                       GError           **error);
void           nns_link_owners_set    (NnsLinkOwners     *self,
                                       int                ifindex,
                                       uid_t              owner);
gboolean       nns_link_owners_lookup (NnsLinkOwners     *self,
                                       int                ifindex,
                                       uid_t             *owner);
guint          nns_link_owners_count  (NnsLinkOwners     *self,
                                       uid_t              owner);
void           nns_link_owners_forget (NnsLinkOwners     *self,
                                       int                ifindex);
void           nns_link_owners_prune  (NnsLinkOwners     *self,
                                       NnsLinkExistsFunc  exists,
                                       gpointer           user_data);

G_END_DECLS
