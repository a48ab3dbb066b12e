/* test-libnetns.c: libnetns against the sandbox's netnsd: clients made
 * both ways, namespaces coming and going with their signals, the trios of
 * the change methods, Apply, programs, and errors in the NETNS_ERROR
 * domain. tests/integration/libnetns-c.sh runs the /libnetns/root/ cases
 * as root and the /libnetns/nobody/ ones as a user polkit does not allow.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "netns-test.h"

static void
assert_output_contains (const char *command_line,
                        const char *fragment)
{
  g_autofree char *out = netns_test_run (command_line);

  if (strstr (out, fragment) == NULL)
    g_error ("'%s' shows no '%s': %s", command_line, fragment, out);
}

static void
assert_output_lacks (const char *command_line,
                     const char *fragment)
{
  g_autofree char *out = netns_test_run (command_line);

  if (strstr (out, fragment) != NULL)
    g_error ("'%s' still shows '%s': %s", command_line, fragment, out);
}

/* @value as g_variant_print() writes it, for the test to read. */
static char *
text_of (GVariant *value)
{
  return g_variant_print (value, FALSE);
}

/* Clients */

/* Made synchronously, the client knows netnsd and its namespaces, those
 * of other tools included (the case made "outside" with ip netns add). */
static void
test_client_sync (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autofree char *owner = netns_client_dup_name_owner (client);
  NetNsNamespace *outside = netns_client_get_namespace (client, "outside");

  g_assert_nonnull (owner);
  g_assert_true (g_dbus_is_unique_name (owner));
  g_assert_false (netns_client_get_interactive (client));
  g_assert_nonnull (outside);
  g_assert_cmpstr (netns_namespace_get_name (outside), ==, "outside");
  g_assert_cmpuint (netns_namespace_get_owner (outside), ==, NETNS_OWNER_UNKNOWN);
  g_assert_cmpuint (netns_namespace_get_inode (outside), ==, netns_test_inode_of ("outside"));
  g_assert_false (netns_namespace_is_host (outside));
  g_assert_cmpstr (netns_namespace_get_object_path (outside), ==,
                   "/org/example/NetNs/namespace/outside");
  g_assert_null (netns_client_get_namespace (client, "nosuch"));
}

/* Made asynchronously, on a connection of the program's own, the client
 * shows the namespaces ListNamespaces lists, sorted by name. */
static void
test_client_async (void)
{
  g_auto(NetNsResult) made = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(NetNsClient) client = NULL;
  g_autoptr(GList) namespaces = NULL;
  g_autoptr(GVariant) listed = NULL;
  GVariantIter iter;
  const char *name;
  GList *l;

  g_assert_no_error (error);
  netns_client_new_for_connection (bus, NULL, netns_test_keep_result, &made);
  client = netns_client_new_finish (netns_test_result_wait (&made, "the client"), &error);
  g_assert_no_error (error);
  g_assert_true (netns_client_get_connection (client) == bus);

  namespaces = netns_client_get_namespaces (client);
  listed = netns_client_list_namespaces_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (namespaces), ==, g_variant_n_children (listed));
  g_variant_iter_init (&iter, listed);
  for (l = namespaces; g_variant_iter_next (&iter, "(&so)", &name, NULL); l = l->next)
    g_assert_cmpstr (netns_namespace_get_name (l->data), ==, name);
}

/* Namespaces */

/* A namespace made through the library, one made and removed with ip,
 * and one deleted asynchronously: each comes and goes with its signal. */
static void
test_namespace_signals (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_auto(NetNsSeen) added = { 0 };
  g_auto(NetNsSeen) removed = { 0 };
  g_auto(NetNsResult) deleted = { 0 };
  g_autoptr(NetNsNamespace) blue = NULL;
  g_autoptr(GError) error = NULL;

  netns_test_count_signal (client, "namespace-added", &added);
  netns_test_count_signal (client, "namespace-removed", &removed);

  blue = netns_test_create (client, "blue");
  g_assert_cmpstr (netns_namespace_get_name (blue), ==, "blue");
  /* The blocking call returns once the object is there, signal and all. */
  g_assert_true (added.last == G_OBJECT (blue));
  g_assert_true (netns_client_get_namespace (client, "blue") == blue);
  g_assert_cmpuint (netns_namespace_get_owner (blue), ==, getuid ());
  g_assert_cmpuint (netns_namespace_get_inode (blue), ==, netns_test_inode_of ("blue"));

  netns_test_seen_clear (&added);
  g_free (netns_test_run ("ip netns add green"));
  netns_test_wait_for (&added.seen, "namespace-added for green");
  g_assert_cmpstr (netns_namespace_get_name (NETNS_NAMESPACE (added.last)), ==, "green");
  g_assert_cmpuint (netns_namespace_get_owner (NETNS_NAMESPACE (added.last)), ==,
                    NETNS_OWNER_UNKNOWN);
  g_free (netns_test_run ("ip netns del green"));
  netns_test_wait_for (&removed.seen, "namespace-removed for green");
  g_assert_true (removed.last == added.last);
  g_assert_null (netns_client_get_namespace (client, "green"));

  netns_test_seen_clear (&removed);
  netns_client_delete_namespace (client, "blue", NULL, NULL, netns_test_keep_result, &deleted);
  g_assert_true (netns_client_delete_namespace_finish (client, netns_test_result_wait (&deleted,
                                                                                      "DeleteNamespace"),
                                                       &error));
  g_assert_no_error (error);
  netns_test_wait_for (&removed.seen, "namespace-removed for blue");
  g_assert_true (removed.last == G_OBJECT (blue));
  g_assert_null (netns_client_get_namespace (client, "blue"));
  g_assert_false (g_file_test ("/run/netns/blue", G_FILE_TEST_EXISTS));
}

/* The asynchronous CreateNamespace gives the new namespace, made with the
 * options asked for. */
static void
test_create_async (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_auto(NetNsSeen) added = { 0 };
  g_auto(NetNsResult) made = { 0 };
  g_autoptr(NetNsNamespace) amber = NULL;
  g_autoptr(GError) error = NULL;

  netns_test_count_signal (client, "namespace-added", &added);
  netns_client_create_namespace (client, "amber", g_variant_new_parsed ("{'loopback-up': <false>}"),
                                 NULL, netns_test_keep_result, &made);
  amber = netns_client_create_namespace_finish (client,
                                                netns_test_result_wait (&made, "CreateNamespace"),
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (netns_namespace_get_name (amber), ==, "amber");
  g_assert_true (added.last == G_OBJECT (amber));
  assert_output_contains ("ip -n amber -br link show lo", "DOWN");
  netns_test_delete (client, "amber");
}

/* Links, addresses, routes, sysctls, DNS and NAT, through trios of both
 * kinds, each checked with ip, sysctl or nft as an admin would. */
static void
test_change_trios (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(NetNsNamespace) red = netns_test_create (client, "red");
  g_auto(NetNsResult) veth = { 0 };
  g_auto(NetNsResult) renamed = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) addresses = NULL;
  g_autoptr(GVariant) links = NULL;
  g_autoptr(GVariant) routes = NULL;
  g_autoptr(GVariant) masquerades = NULL;
  g_autofree char *forwarding = NULL;
  g_autofree char *resolv = NULL;
  g_autofree char *links_text = NULL;
  g_autofree char *routes_text = NULL;
  const char *const nameservers[] = { "10.7.0.53", NULL };

  netns_client_create_veth (client, "red", "v0", "red", "v1",
                            g_variant_new_parsed ("{'up': <true>, 'mtu': <uint32 1400>}"),
                            NULL, netns_test_keep_result, &veth);
  g_assert_true (netns_client_create_veth_finish (client, netns_test_result_wait (&veth, "CreateVeth"),
                                                  &error));
  g_assert_no_error (error);
  assert_output_contains ("ip -n red link show v0", "mtu 1400");
  assert_output_contains ("ip -n red -br link show v0", "UP");

  g_assert_true (netns_client_add_address_sync (client, "red", "v0", "10.7.0.1/24", NULL,
                                                NULL, &error));
  g_assert_no_error (error);
  addresses = netns_client_list_addresses_sync (client, "red", "v0", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) addresses, "10.7.0.1/24"));
  assert_output_contains ("ip -n red -br addr show v0", "10.7.0.1/24");

  netns_client_set_link (client, "red", "v1",
                         g_variant_new_parsed ("{'name': <'v2'>, 'mtu': <uint32 1300>}"),
                         NULL, netns_test_keep_result, &renamed);
  g_assert_true (netns_client_set_link_finish (client, netns_test_result_wait (&renamed, "SetLink"),
                                               &error));
  g_assert_no_error (error);
  links = netns_client_list_links_sync (client, "red", NULL, &error);
  g_assert_no_error (error);
  links_text = text_of (links);
  g_assert_nonnull (strstr (links_text, "'name': <'v2'>, 'index'"));
  assert_output_contains ("ip -n red link show v2", "mtu 1300");

  g_assert_true (netns_client_add_route_sync (client, "red", "10.8.0.0/16",
                                              g_variant_new_parsed ("{'dev': <'v0'>}"), NULL, &error));
  g_assert_no_error (error);
  routes = netns_client_list_routes_sync (client, "red", NULL, &error);
  g_assert_no_error (error);
  routes_text = text_of (routes);
  g_assert_nonnull (strstr (routes_text, "'10.8.0.0/16'"));
  assert_output_contains ("ip -n red route", "10.8.0.0/16 dev v0");

  g_assert_true (netns_client_set_sysctl_sync (client, "red", "net.ipv4.ip_forward", "1",
                                               NULL, &error));
  g_assert_no_error (error);
  forwarding = netns_test_run ("ip netns exec red sysctl -n net.ipv4.ip_forward");
  g_assert_cmpstr (forwarding, ==, "1\n");
  g_assert_true (netns_client_set_dns_sync (client, "red", nameservers, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents ("/etc/netns/red/resolv.conf", &resolv, NULL, &error));
  g_assert_nonnull (strstr (resolv, "nameserver 10.7.0.53"));

  g_assert_true (netns_client_add_masquerade_sync (client, "red", "10.7.0.0/24", NULL, NULL, &error));
  g_assert_no_error (error);
  masquerades = netns_client_list_masquerades_sync (client, "red", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (masquerades), ==, 1);
  assert_output_contains ("ip netns exec red nft list table inet netnsd", "10.7.0.0/24");
  g_assert_true (netns_client_remove_masquerade_sync (client, "red", "10.7.0.0/24", NULL, NULL,
                                                      &error));
  g_assert_no_error (error);

  g_assert_true (netns_client_move_link_sync (client, "red", "v2", "outside",
                                              g_variant_new_parsed ("{'new-name': <'o0'>}"),
                                              NULL, &error));
  g_assert_no_error (error);
  assert_output_contains ("ip -n outside -br link show o0", "o0@");
  g_assert_true (netns_client_remove_address_sync (client, "red", "v0", "10.7.0.1/24", NULL, &error));
  g_assert_no_error (error);
  assert_output_lacks ("ip -n red -br addr show v0", "10.7.0.1/24");
  g_assert_true (netns_client_delete_link_sync (client, "red", "v0", NULL, &error));
  g_assert_no_error (error);
  assert_output_lacks ("ip -n red -br link", "v0");
  assert_output_lacks ("ip -n outside -br link", "o0");
  netns_test_delete (client, "red");
}

/* Apply */

static void
add_operation (GVariantBuilder *operations,
               const char      *method,
               GVariant        *parameters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) operation = netns_operation_new (method, parameters, &error);

  g_assert_no_error (error);
  g_variant_builder_add_value (operations, operation);
}

/* An Apply makes all its changes (its result names the namespace it made,
 * whose object then comes), and a failing one makes none. */
static void
test_apply (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_auto(NetNsSeen) added = { 0 };
  g_auto(NetNsResult) applied = { 0 };
  g_autoptr(GVariant) results = NULL;
  g_autoptr(GVariant) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *results_text = NULL;
  GVariantBuilder operations;

  netns_test_count_signal (client, "namespace-added", &added);
  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  add_operation (&operations, "CreateNamespace", g_variant_new_parsed ("('teal', @a{sv} {})"));
  add_operation (&operations, "CreateVeth",
                 g_variant_new_parsed ("('teal', 't0', 'teal', 't1', {'up': <true>})"));
  add_operation (&operations, "AddAddress",
                 g_variant_new_parsed ("('teal', 't0', '10.9.0.1/24', @a{sv} {})"));
  netns_client_apply (client, g_variant_builder_end (&operations), NULL, NULL,
                      netns_test_keep_result, &applied);
  results = netns_client_apply_finish (client, netns_test_result_wait (&applied, "Apply"), &error);
  g_assert_no_error (error);
  results_text = text_of (results);
  g_assert_cmpstr (results_text, ==, "[[<objectpath '/org/example/NetNs/namespace/teal'>], [], []]");
  netns_test_wait_for (&added.seen, "namespace-added for teal");
  g_assert_true (netns_client_get_namespace (client, "teal") == NETNS_NAMESPACE (added.last));
  assert_output_contains ("ip -n teal -br addr show t0", "10.9.0.1/24");

  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  add_operation (&operations, "CreateNamespace", g_variant_new_parsed ("('cyan', @a{sv} {})"));
  add_operation (&operations, "AddAddress",
                 g_variant_new_parsed ("('cyan', 'nosuch', '10.9.1.1/24', @a{sv} {})"));
  failed = netns_client_apply_sync (client, g_variant_builder_end (&operations), NULL, NULL, &error);
  g_assert_null (failed);
  netns_test_assert_error (error, NETNS_ERROR_NOT_FOUND, "org.example.NetNs.Error.NotFound",
                           "operation 2 (AddAddress):");
  g_assert_false (g_file_test ("/run/netns/cyan", G_FILE_TEST_EXISTS));
  netns_test_delete (client, "teal");
}

/* An operation is its method's arguments by name, and a method Apply
 * cannot take is refused before any call. */
static void
test_operation (void)
{
  g_autoptr(GVariant) veth = NULL;
  g_autoptr(GVariant) unknown = NULL;
  g_autoptr(GVariant) mistyped = NULL;
  g_autoptr(GVariant) spawn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *veth_text = NULL;

  veth = netns_operation_new ("CreateVeth",
                              g_variant_new_parsed ("('', 'veth0', 'red', 'veth1', @a{sv} {})"),
                              &error);
  g_assert_no_error (error);
  veth_text = text_of (veth);
  g_assert_cmpstr (veth_text, ==,
                   "('CreateVeth', {'namespace': <''>, 'name': <'veth0'>, 'peer_namespace': "
                   "<'red'>, 'peer_name': <'veth1'>, 'options': <@a{sv} {}>})");

  unknown = netns_operation_new ("MakeCoffee", g_variant_new_parsed ("('red',)"), &error);
  g_assert_null (unknown);
  netns_test_assert_error (error, NETNS_ERROR_INVALID_ARGUMENT,
                           "org.example.NetNs.Error.InvalidArgument", "MakeCoffee");
  g_clear_error (&error);
  mistyped = netns_operation_new ("CreateNamespace", g_variant_new_parsed ("('red',)"), &error);
  g_assert_null (mistyped);
  netns_test_assert_error (error, NETNS_ERROR_INVALID_ARGUMENT,
                           "org.example.NetNs.Error.InvalidArgument", "(sa{sv}), not (s)");
  g_clear_error (&error);
  spawn = netns_operation_new ("Spawn",
                               g_variant_new ("(s^as@a{sv}hhh)", "red",
                                              (const char *const[]) { "true", NULL },
                                              g_variant_new ("a{sv}", NULL), 0, 1, 2),
                               &error);
  g_assert_null (spawn);
  netns_test_assert_error (error, NETNS_ERROR_INVALID_ARGUMENT,
                           "org.example.NetNs.Error.InvalidArgument", "file descriptors");
}

/* Errors */

/* netnsd's errors arrive in the NETNS_ERROR domain with their own
 * messages; the bus's keep G_DBUS_ERROR; local ones have no D-Bus name. */
static void
test_errors (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(NetNsNamespace) red = netns_test_create (client, "red");
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_auto(NetNsResult) set = { 0 };
  g_autoptr(NetNsNamespace) again = NULL;
  g_autoptr(NetNsNamespace) slashed = NULL;
  g_autoptr(NetNsNamespace) optioned = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_false (netns_client_delete_namespace_sync (client, "nosuch", NULL, NULL, &error));
  netns_test_assert_error (error, NETNS_ERROR_NOT_FOUND, "org.example.NetNs.Error.NotFound",
                           "'nosuch'");
  g_clear_error (&error);

  slashed = netns_client_create_namespace_sync (client, "a/b", NULL, NULL, &error);
  g_assert_null (slashed);
  netns_test_assert_error (error, NETNS_ERROR_INVALID_ARGUMENT,
                           "org.example.NetNs.Error.InvalidArgument", "'a/b' contains '/'");
  g_clear_error (&error);
  optioned = netns_client_create_namespace_sync (client, "ok",
                                                 g_variant_new_parsed ("{'no-such-option': <true>}"),
                                                 NULL, &error);
  g_assert_null (optioned);
  netns_test_assert_error (error, NETNS_ERROR_INVALID_ARGUMENT,
                           "org.example.NetNs.Error.InvalidArgument", "no-such-option");
  g_assert_false (g_file_test ("/run/netns/ok", G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  again = netns_client_create_namespace_sync (client, "red", NULL, NULL, &error);
  g_assert_null (again);
  netns_test_assert_error (error, NETNS_ERROR_EXISTS, "org.example.NetNs.Error.Exists", "'red'");
  g_clear_error (&error);

  netns_client_set_link (client, "red", "nosuch", g_variant_new_parsed ("{'up': <true>}"), NULL,
                         netns_test_keep_result, &set);
  g_assert_false (netns_client_set_link_finish (client, netns_test_result_wait (&set, "SetLink"),
                                                &error));
  netns_test_assert_error (error, NETNS_ERROR_NOT_FOUND, "org.example.NetNs.Error.NotFound",
                           "'nosuch'");
  g_clear_error (&error);

  reply = netns_client_call_sync (client, "MakeCoffee", NULL, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD);
  g_assert_null (strstr (error->message, "GDBus.Error"));
  name = netns_error_get_dbus_name (error);
  g_assert_cmpstr (name, ==, "org.freedesktop.DBus.Error.UnknownMethod");
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  listed = netns_client_list_namespaces_sync (client, cancelled, &error);
  g_assert_null (listed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (netns_error_get_dbus_name (error));
  netns_test_delete (client, "red");
}

/* Any method by name: the generic call answers as the typed ones do. */
static void
test_call_by_name (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = netns_client_call_sync (client, "ListNamespaces", NULL, NULL, &error);
  g_autofree char *reply_text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (reply), ==, "(a(so))");
  reply_text = text_of (reply);
  g_assert_cmpstr (reply_text, ==, "([('outside', '/org/example/NetNs/namespace/outside')],)");
}

/* Programs */

typedef struct
{
  guint32  pid;
  int      wait_status;
  gboolean done;
} Exited;

static void
on_spawn_exited (NetNsClient *client,
                 guint        pid,
                 int          wait_status,
                 gpointer     user_data)
{
  Exited *exited = user_data;

  if (pid != exited->pid)
    return;
  exited->wait_status = wait_status;
  exited->done = TRUE;
}

static char *
read_all (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[256];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  g_assert_cmpint (n, ==, 0);
  return g_string_free (text, FALSE);
}

/* A program runs inside the namespace with the descriptors given, its
 * end comes as spawn-exited, and Kill reaches it. */
static void
test_spawn (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(NetNsNamespace) prog = netns_test_create (client, "prog");
  const char *const counting[] = { "sh", "-c", "echo $(ip -br link | wc -l) link; exit 3", NULL };
  const char *const sleeping[] = { "sleep", "100", NULL };
  g_auto(NetNsResult) started = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  Exited exited = { 0 };
  int devnull = open ("/dev/null", O_RDWR | O_CLOEXEC);
  int out[2];

  g_assert_cmpint (devnull, >=, 0);
  g_assert_no_errno (pipe2 (out, O_CLOEXEC));
  g_signal_connect (client, "spawn-exited", G_CALLBACK (on_spawn_exited), &exited);

  exited.pid = netns_client_spawn_sync (client, "prog", counting, NULL, devnull, out[1], devnull,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exited.pid, >, 0);
  close (out[1]);
  output = read_all (out[0]);
  close (out[0]);
  g_assert_cmpstr (output, ==, "1 link\n");   /* lo, the namespace's only link */
  netns_test_wait_for (&exited.done, "spawn-exited of sh");
  g_assert_true (WIFEXITED (exited.wait_status));
  g_assert_cmpint (WEXITSTATUS (exited.wait_status), ==, 3);

  exited = (Exited) { 0 };
  netns_client_spawn (client, "prog", sleeping, NULL, devnull, devnull, devnull, NULL,
                      netns_test_keep_result, &started);
  exited.pid = netns_client_spawn_finish (client, netns_test_result_wait (&started, "Spawn"), &error);
  g_assert_no_error (error);
  g_assert_true (netns_client_kill_sync (client, exited.pid, SIGTERM, NULL, &error));
  g_assert_no_error (error);
  netns_test_wait_for (&exited.done, "spawn-exited of sleep");
  g_assert_true (WIFSIGNALED (exited.wait_status));
  g_assert_cmpint (WTERMSIG (exited.wait_status), ==, SIGTERM);

  /* A descriptor that cannot be one fails here, before any call. */
  g_assert_cmpuint (netns_client_spawn_sync (client, "prog", sleeping, NULL, -1, devnull, devnull,
                                             NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_signal_handlers_disconnect_by_data (client, &exited);
  close (devnull);
  netns_test_delete (client, "prog");
}

/* Callers polkit does not allow */

/* Without the interactive flag, polkit's challenge is the D-Bus
 * specification's error; with it, and no agent to ask, a plain denial. */
static void
test_nobody_not_authorized (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_auto(NetNsSeen) notified = { 0 };
  g_auto(NetNsResult) made = { 0 };
  g_autoptr(NetNsNamespace) denied = NULL;
  g_autoptr(NetNsNamespace) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (geteuid (), !=, 0);
  denied = netns_client_create_namespace_sync (client, "mine", NULL, NULL, &error);
  g_assert_null (denied);
  netns_test_assert_error (error, NETNS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
                           "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired",
                           "interactive authorization is required to create namespace 'mine'");
  g_clear_error (&error);

  netns_test_count_notify (client, "interactive", &notified);
  netns_client_set_interactive (client, TRUE);
  netns_client_set_interactive (client, TRUE);
  g_assert_cmpuint (notified.count, ==, 1);
  g_assert_true (netns_client_get_interactive (client));
  netns_client_create_namespace (client, "mine", NULL, NULL, netns_test_keep_result, &made);
  refused = netns_client_create_namespace_finish (client,
                                                  netns_test_result_wait (&made, "CreateNamespace"),
                                                  &error);
  g_assert_null (refused);
  netns_test_assert_error (error, NETNS_ERROR_NOT_AUTHORIZED, "org.example.NetNs.Error.NotAuthorized",
                           "not authorized to create namespace 'mine'");
  g_assert_null (netns_client_get_namespace (client, "mine"));
  g_assert_false (g_file_test ("/run/netns/mine", G_FILE_TEST_EXISTS));
}

/* Once a rule allows it, the same user makes and removes its own. */
static void
test_nobody_allowed (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(NetNsNamespace) mine = NULL;

  g_assert_cmpuint (geteuid (), !=, 0);
  mine = netns_test_create (client, "mine");
  g_assert_cmpuint (netns_namespace_get_owner (mine), ==, geteuid ());
  netns_test_delete (client, "mine");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/libnetns/root/client-sync", test_client_sync);
  g_test_add_func ("/libnetns/root/client-async", test_client_async);
  g_test_add_func ("/libnetns/root/namespace-signals", test_namespace_signals);
  g_test_add_func ("/libnetns/root/create-async", test_create_async);
  g_test_add_func ("/libnetns/root/change-trios", test_change_trios);
  g_test_add_func ("/libnetns/root/apply", test_apply);
  g_test_add_func ("/libnetns/root/operation", test_operation);
  g_test_add_func ("/libnetns/root/errors", test_errors);
  g_test_add_func ("/libnetns/root/call-by-name", test_call_by_name);
  g_test_add_func ("/libnetns/root/spawn", test_spawn);
  g_test_add_func ("/libnetns/nobody/not-authorized", test_nobody_not_authorized);
  g_test_add_func ("/libnetns/nobody/allowed", test_nobody_allowed);

  return g_test_run ();
}
