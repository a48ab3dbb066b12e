/* netns-call-private.h: how libnetns calls netnsd, and how a _sync
 * function waits for its asynchronous twin.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gunixfdlist.h>

#include "netns/netns-client.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
gboolean     netns_options_valid             (GVariant            *options);
G_GNUC_INTERNAL
GVariant    *netns_options                   (GVariant            *options);
G_GNUC_INTERNAL
const char *const *netns_strv                (const char *const   *strv);
G_GNUC_INTERNAL
GUnixFDList *netns_fd_list_new               (const int           *fds,
                                              guint                n_fds,
                                              GError             **error);

G_GNUC_INTERNAL
void         netns_client_invoke             (NetNsClient         *self,
                                              const char          *method,
                                              GVariant            *parameters,
                                              const char          *reply_type,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data,
                                              gpointer             source_tag);
G_GNUC_INTERNAL
void         netns_client_invoke_with_fds    (NetNsClient         *self,
                                              const char          *method,
                                              GVariant            *parameters,
                                              GUnixFDList         *fd_list,
                                              const char          *reply_type,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data,
                                              gpointer             source_tag);
G_GNUC_INTERNAL
GVariant    *netns_client_invoke_finish      (NetNsClient         *self,
                                              GAsyncResult        *result,
                                              gpointer             source_tag,
                                              GError             **error);
G_GNUC_INTERNAL
gboolean     netns_client_invoke_finish_void (NetNsClient         *self,
                                              GAsyncResult        *result,
                                              gpointer             source_tag,
                                              GError             **error);
G_GNUC_INTERNAL
GVariant    *netns_client_invoke_finish_value (NetNsClient        *self,
                                               GAsyncResult       *result,
                                               gpointer            source_tag,
                                               GError            **error);
G_GNUC_INTERNAL
char       **netns_client_invoke_finish_strv (NetNsClient         *self,
                                              GAsyncResult        *result,
                                              gpointer             source_tag,
                                              GError             **error);

/* A _sync function runs its asynchronous twin and waits, as GDBus's own
 * synchronous calls do, in a main context of its own: nothing else of
 * the program's runs meanwhile. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} NetNsSync;

#define NETNS_SYNC_INIT { NULL, NULL }

G_GNUC_INTERNAL
gpointer      netns_sync_begin (NetNsSync    *sync,
                                GMainContext *context);
G_GNUC_INTERNAL
void          netns_sync_done  (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data);
G_GNUC_INTERNAL
GAsyncResult *netns_sync_wait  (NetNsSync    *sync);
G_GNUC_INTERNAL
void          netns_sync_clear (NetNsSync    *sync);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NetNsSync, netns_sync_clear)

G_END_DECLS
