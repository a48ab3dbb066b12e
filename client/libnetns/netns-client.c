/* netns-client.c: NetNsClient, a program's connection to netnsd: the
 * class, its properties and its signals (netns-client-init.c makes one).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-client-private.h"
#include "netns-error-private.h"

/**
 * NetNsClient:
 *
 * A program's connection to netnsd, the network namespace service.
 *
 * A client follows netnsd's objects: [method@NetNs.Client.get_namespaces]
 * and [method@NetNs.Client.get_host] give the namespaces, each a
 * [class@NetNs.Namespace] with its links ([class@NetNs.Link]), kept
 * current as netnsd reports changes; [signal@NetNs.Client::namespace-added]
 * and [signal@NetNs.Client::namespace-removed] say when namespaces come and
 * go, whoever made or removed them (`ip netns add` included). When netnsd
 * restarts, its objects go and come back: each namespace is removed, then
 * added again as a new object.
 *
 * Every method of netnsd has an asynchronous function, its `_finish` and a
 * blocking `_sync` form, such as [method@NetNs.Client.create_namespace],
 * [method@NetNs.Client.create_namespace_finish] and
 * [method@NetNs.Client.create_namespace_sync]. Options stay `a{sv}`
 * dictionaries, as netnsd takes them (%NULL for none), so that a new option
 * of netnsd needs no new function here. Errors that netnsd answers with
 * arrive in the [error@NetNs.Error] domain.
 *
 * A client made with %NETNS_CLIENT_FLAGS_LAZY ([func@NetNs.Client.new_full])
 * fetches netnsd's objects only when first asked for them, so that a
 * program that only calls methods (a command-line tool) pays nothing for
 * the thousands of namespaces and links a big host may have.
 *
 * A client belongs to the thread, and the thread-default main context,
 * where it was made: its signals are emitted there, and its `_sync`
 * functions are called from there. A blocking call does not run that
 * context (nothing of the program runs meanwhile), except the two that
 * return a new [class@NetNs.Namespace], which dispatch the signals that
 * came before netnsd's answer so that the object is there.
 */

enum
{
  PROP_0,
  PROP_CONNECTION,
  PROP_FLAGS,
  PROP_INTERACTIVE,
  PROP_NAME_OWNER,
  PROP_HOST,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];
guint netns_client_signals[NETNS_CLIENT_N_SIGNALS];

G_DEFINE_FLAGS_TYPE (NetNsClientFlags, netns_client_flags,
                     G_DEFINE_ENUM_VALUE (NETNS_CLIENT_FLAGS_NONE, "none"),
                     G_DEFINE_ENUM_VALUE (NETNS_CLIENT_FLAGS_LAZY, "lazy"))

G_DEFINE_FINAL_TYPE_WITH_CODE (NetNsClient, netns_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      netns_client_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE,
                                                      netns_client_async_initable_iface_init))

static void
netns_client_dispose (GObject *object)
{
  NetNsClient *self = NETNS_CLIENT (object);

  netns_client_fail_waiters (self, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "the client was disposed of");
  if (self->spawn_exited_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->spawn_exited_id);
  self->spawn_exited_id = 0;
  netns_client_stop_lazy (self);
  if (self->object_manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->object_manager, self);
      netns_client_objects_stop (self);
    }
  g_clear_object (&self->object_manager);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (netns_client_parent_class)->dispose (object);
}

static void
netns_client_finalize (GObject *object)
{
  NetNsClient *self = NETNS_CLIENT (object);

  g_clear_pointer (&self->namespaces, g_hash_table_unref);
  g_clear_pointer (&self->orphan_links, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->name_owner);

  G_OBJECT_CLASS (netns_client_parent_class)->finalize (object);
}

static void
netns_client_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NetNsClient *self = NETNS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;
    case PROP_INTERACTIVE:
      g_value_set_boolean (value, self->interactive);
      break;
    case PROP_NAME_OWNER:
      g_value_take_string (value, netns_client_dup_name_owner (self));
      break;
    case PROP_HOST:
      g_value_set_object (value, netns_client_get_host (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
netns_client_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NetNsClient *self = NETNS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_FLAGS:
      self->flags = g_value_get_flags (value);
      break;
    case PROP_INTERACTIVE:
      netns_client_set_interactive (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
netns_client_class_init (NetNsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = netns_client_dispose;
  object_class->finalize = netns_client_finalize;
  object_class->get_property = netns_client_get_property;
  object_class->set_property = netns_client_set_property;

  /* Before any call can fail: remote errors arrive as NETNS_ERROR only
   * once its names are registered. */
  (void) netns_error_quark ();

  /**
   * NetNsClient:connection:
   *
   * The bus connection to netnsd; %NULL when the client is made means
   * the system bus.
   */
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsClient:flags:
   *
   * How the client comes by netnsd's objects: as it is made (the
   * default), or only when first asked for them
   * (%NETNS_CLIENT_FLAGS_LAZY).
   */
  properties[PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL, NETNS_TYPE_CLIENT_FLAGS, NETNS_CLIENT_FLAGS_NONE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsClient:interactive:
   *
   * Whether polkit may ask the user for a password (or another way to
   * authenticate) before allowing a change: every call is then sent with
   * the allow-interactive-authorization flag, and waits as long as the user
   * takes to answer. When %FALSE (the default) a change that would need a
   * password fails with %NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
   * or %NETNS_ERROR_NOT_AUTHORIZED. polkit asks through the session's
   * authentication agent.
   */
  properties[PROP_INTERACTIVE] =
    g_param_spec_boolean ("interactive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsClient:name-owner:
   *
   * The unique bus name of the netnsd that answers, or %NULL while none
   * runs. It changes when netnsd restarts; a lazy client that has not
   * fetched netnsd's objects follows it too.
   */
  properties[PROP_NAME_OWNER] =
    g_param_spec_string ("name-owner", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * NetNsClient:host:
   *
   * The host's namespace (the one netnsd runs in), or %NULL while netnsd
   * does not run or does not export it. Reading it makes a lazy client
   * fetch netnsd's objects.
   */
  properties[PROP_HOST] =
    g_param_spec_object ("host", NULL, NULL, NETNS_TYPE_NAMESPACE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NetNsClient::namespace-added:
   * @self: the client
   * @namespace: the namespace that came
   *
   * A named namespace came: netnsd or another tool made it, a program
   * attached it, or netnsd (re)started and exports it.
   */
  netns_client_signals[NETNS_CLIENT_NAMESPACE_ADDED] =
    g_signal_new ("namespace-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, NETNS_TYPE_NAMESPACE);

  /**
   * NetNsClient::namespace-removed:
   * @self: the client
   * @namespace: the namespace that went
   *
   * A named namespace went (its name was removed), or netnsd left the bus.
   */
  netns_client_signals[NETNS_CLIENT_NAMESPACE_REMOVED] =
    g_signal_new ("namespace-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, NETNS_TYPE_NAMESPACE);

  /**
   * NetNsClient::spawn-exited:
   * @self: the client
   * @pid: a program this client started with [method@NetNs.Client.spawn]
   * @wait_status: its status as waitpid() gives it (read it with
   *   `WIFEXITED()`, `WEXITSTATUS()`, `WTERMSIG()`)
   *
   * A program this client started has ended. netnsd tells the client that
   * started it, and no one else.
   *
   * A program that ends at once can end before the asynchronous
   * [method@NetNs.Client.spawn_finish] has given its pid: keep the exits of
   * pids not yet known until it has.
   */
  netns_client_signals[NETNS_CLIENT_SPAWN_EXITED] =
    g_signal_new ("spawn-exited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT);
}

static void
netns_client_init (NetNsClient *self)
{
  self->namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->orphan_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Properties */

/**
 * netns_client_get_connection:
 * @self: a [class@NetNs.Client]
 *
 * The bus connection the client speaks to netnsd on.
 *
 * Returns: (transfer none): the connection
 */
GDBusConnection *
netns_client_get_connection (NetNsClient *self)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);

  return self->connection;
}

/**
 * netns_client_dup_name_owner:
 * @self: a [class@NetNs.Client]
 *
 * The unique bus name of the netnsd that answers.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL while no netnsd
 *   runs
 */
char *
netns_client_dup_name_owner (NetNsClient *self)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), NULL);

  if (self->object_manager == NULL)
    return netns_client_lazy_name_owner (self);
  return g_dbus_object_manager_client_get_name_owner (G_DBUS_OBJECT_MANAGER_CLIENT (self->object_manager));
}

/**
 * netns_client_get_flags:
 * @self: a [class@NetNs.Client]
 *
 * The flags the client was made with; see [property@NetNs.Client:flags].
 *
 * Returns: the flags
 */
NetNsClientFlags
netns_client_get_flags (NetNsClient *self)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), NETNS_CLIENT_FLAGS_NONE);

  return self->flags;
}

/**
 * netns_client_get_interactive:
 * @self: a [class@NetNs.Client]
 *
 * Whether polkit may ask for a password; see
 * [property@NetNs.Client:interactive].
 *
 * Returns: %TRUE if calls allow interactive authorization
 */
gboolean
netns_client_get_interactive (NetNsClient *self)
{
  g_return_val_if_fail (NETNS_IS_CLIENT (self), FALSE);

  return self->interactive;
}

/**
 * netns_client_set_interactive:
 * @self: a [class@NetNs.Client]
 * @interactive: whether polkit may ask for a password
 *
 * Lets polkit ask the user for a password in the calls that follow, or
 * stops it; see [property@NetNs.Client:interactive].
 */
void
netns_client_set_interactive (NetNsClient *self,
                              gboolean     interactive)
{
  g_return_if_fail (NETNS_IS_CLIENT (self));

  interactive = !!interactive;
  if (self->interactive == interactive)
    return;
  self->interactive = interactive;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTIVE]);
}

void
netns_client_notify_host (NetNsClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
}

void
netns_client_notify_name_owner (NetNsClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_OWNER]);
}
