/* netns-client.h: NetNsClient, a program's connection to netnsd.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined (NETNS_INSIDE) && !defined (NETNS_COMPILATION)
#error "Only <netns/netns.h> can be included directly."
#endif

#include <gio/gio.h>
#include <netns/netns-namespace.h>

G_BEGIN_DECLS

/**
 * NetNsClientFlags:
 * @NETNS_CLIENT_FLAGS_NONE: The client fetches netnsd's objects (every
 *   namespace and link, with their properties) as it is made, and follows
 *   them from then on.
 * @NETNS_CLIENT_FLAGS_LAZY: The client fetches nothing as it is made: it
 *   is ready as soon as it has the bus, and its calls cost what the calls
 *   cost, however many namespaces and links there are. It fetches netnsd's
 *   objects, and follows them from then on, the first time it is asked
 *   for them: [method@NetNs.Client.load_objects], or (blocking until they
 *   have come) [method@NetNs.Client.get_namespaces],
 *   [method@NetNs.Client.get_namespace] or [method@NetNs.Client.get_host].
 *   A client that only calls methods never fetches them. Until then, it
 *   emits no [signal@NetNs.Client::namespace-added] nor
 *   [signal@NetNs.Client::namespace-removed], but it does follow
 *   [property@NetNs.Client:name-owner].
 *
 * How a [class@NetNs.Client] comes by netnsd's objects; given to
 * [func@NetNs.Client.new_full].
 */
typedef enum /*< flags >*/
{
  NETNS_CLIENT_FLAGS_NONE = 0,
  NETNS_CLIENT_FLAGS_LAZY = 1 << 0,
} NetNsClientFlags;

#define NETNS_TYPE_CLIENT_FLAGS (netns_client_flags_get_type ())
GType            netns_client_flags_get_type          (void) G_GNUC_CONST;

#define NETNS_TYPE_CLIENT (netns_client_get_type ())
G_DECLARE_FINAL_TYPE (NetNsClient, netns_client, NETNS, CLIENT, GObject)

void             netns_client_new                     (GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
void             netns_client_new_for_connection      (GDBusConnection     *connection,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
NetNsClient     *netns_client_new_finish              (GAsyncResult        *result,
                                                       GError             **error);
NetNsClient     *netns_client_new_sync                (GCancellable        *cancellable,
                                                       GError             **error);
NetNsClient     *netns_client_new_for_connection_sync (GDBusConnection     *connection,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
void             netns_client_new_full                (GDBusConnection     *connection,
                                                       NetNsClientFlags     flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
NetNsClient     *netns_client_new_full_sync           (GDBusConnection     *connection,
                                                       NetNsClientFlags     flags,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

NetNsClientFlags netns_client_get_flags               (NetNsClient         *self);
void             netns_client_load_objects            (NetNsClient         *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         netns_client_load_objects_finish     (NetNsClient         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean         netns_client_load_objects_sync       (NetNsClient         *self,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

GDBusConnection *netns_client_get_connection          (NetNsClient         *self);
char            *netns_client_dup_name_owner          (NetNsClient         *self);
gboolean         netns_client_get_interactive         (NetNsClient         *self);
void             netns_client_set_interactive         (NetNsClient         *self,
                                                       gboolean             interactive);

NetNsNamespace  *netns_client_get_host                (NetNsClient         *self);
GList           *netns_client_get_namespaces          (NetNsClient         *self);
NetNsNamespace  *netns_client_get_namespace           (NetNsClient         *self,
                                                       const char          *name);

void             netns_client_call                    (NetNsClient         *self,
                                                       const char          *method,
                                                       GVariant            *parameters,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GVariant        *netns_client_call_finish             (NetNsClient         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
GVariant        *netns_client_call_sync               (NetNsClient         *self,
                                                       const char          *method,
                                                       GVariant            *parameters,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

G_END_DECLS
