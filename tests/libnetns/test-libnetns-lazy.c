/* test-libnetns-lazy.c: lazy clients (NETNS_CLIENT_FLAGS_LAZY), which
 * fetch netnsd's objects only when asked, and what a program that only
 * calls methods needs besides: the operations of each method, and Apply
 * with file descriptors. The GetManagedObjects a client sends are counted
 * on its own connection, as they leave. tests/integration/libnetns-lazy.sh
 * runs it as root.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "netns-test.h"

/* A connection of the test's own to the system bus, whose outgoing
 * GetManagedObjects calls are counted. */
typedef struct
{
  GDBusConnection *bus;
  guint            filter;
  gint             fetches;
} CountedBus;

static GDBusMessage *
count_fetches (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         user_data)
{
  CountedBus *counted = user_data;

  if (!incoming &&
      g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL &&
      g_strcmp0 (g_dbus_message_get_member (message), "GetManagedObjects") == 0)
    g_atomic_int_inc (&counted->fetches);
  return message;
}

static void
counted_bus_init (CountedBus *counted)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  GDBusConnectionFlags flags = G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION;

  g_assert_no_error (error);
  counted->bus = g_dbus_connection_new_for_address_sync (address, flags, NULL, NULL, &error);
  g_assert_no_error (error);
  counted->fetches = 0;
  counted->filter = g_dbus_connection_add_filter (counted->bus, count_fetches, counted, NULL);
}

static gint
fetches (CountedBus *counted)
{
  return g_atomic_int_get (&counted->fetches);
}

static void
counted_bus_clear (CountedBus *counted)
{
  if (counted->bus == NULL)
    return;
  g_dbus_connection_remove_filter (counted->bus, counted->filter);
  g_dbus_connection_close_sync (counted->bus, NULL, NULL);
  g_clear_object (&counted->bus);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CountedBus, counted_bus_clear)

static NetNsClient *
lazy_client (CountedBus *counted)
{
  g_autoptr(GError) error = NULL;
  NetNsClient *client = netns_client_new_full_sync (counted->bus, NETNS_CLIENT_FLAGS_LAZY, NULL,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

static void
run (const char *command_line)
{
  g_autofree char *out = netns_test_run (command_line);
}

/* Lazy clients */

/* Made, calling methods, making a namespace, asking who owns the name:
 * no GetManagedObjects. The first get_namespaces() sends one, and the
 * client follows the objects from then on. */
static void
test_lazy_until_asked (void)
{
  g_auto(CountedBus) counted = { 0 };
  g_autoptr(NetNsClient) client = NULL;
  g_autoptr(NetNsNamespace) made = NULL;
  g_autoptr(GVariant) links = NULL;
  g_autoptr(GList) namespaces = NULL;
  g_autoptr(GList) made_links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_auto(NetNsSeen) added = { 0 };

  counted_bus_init (&counted);
  client = lazy_client (&counted);
  g_assert_cmpint (netns_client_get_flags (client), ==, NETNS_CLIENT_FLAGS_LAZY);
  netns_test_count_signal (client, "namespace-added", &added);

  made = netns_client_create_namespace_sync (client, "lazy", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (netns_namespace_get_name (made), ==, "lazy");
  g_assert_cmpstr (netns_namespace_get_object_path (made), ==,
                   "/org/example/NetNs/namespace/lazy");
  g_assert_cmpuint (netns_namespace_get_inode (made), ==, netns_test_inode_of ("lazy"));
  g_assert_cmpuint (netns_namespace_get_owner (made), ==, 0);
  made_links = netns_namespace_get_links (made);
  g_assert_null (made_links);   /* a namespace of its own: links unknown */
  links = netns_client_list_links_sync (client, "lazy", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (links), ==, 1);   /* lo */
  owner = netns_client_dup_name_owner (client);
  g_assert_true (owner != NULL && g_dbus_is_unique_name (owner));
  run ("ip netns add other");
  g_assert_cmpint (fetches (&counted), ==, 0);

  /* Asked: the objects, those there already among them, without
   * namespace-added for them. */
  namespaces = netns_client_get_namespaces (client);
  g_assert_cmpint (fetches (&counted), ==, 1);
  g_assert_cmpuint (g_list_length (namespaces), ==, 2);
  g_assert_cmpstr (netns_namespace_get_name (namespaces->data), ==, "lazy");
  g_assert_cmpstr (netns_namespace_get_name (namespaces->next->data), ==, "other");
  g_assert_nonnull (netns_client_get_host (client));
  g_assert_nonnull (netns_client_get_namespace (client, "other"));
  g_assert_cmpint (fetches (&counted), ==, 1);
  g_assert_false (added.seen);

  /* Followed from now on. */
  run ("ip netns add third");
  netns_test_wait_for (&added.seen, "namespace-added for third");
  g_assert_cmpstr (netns_namespace_get_name (NETNS_NAMESPACE (added.last)), ==, "third");
  g_assert_cmpint (fetches (&counted), ==, 1);
  netns_test_delete (client, "lazy");
  run ("ip netns del other");
  run ("ip netns del third");
}

typedef struct
{
  NetNsResult first;
  NetNsResult second;
} TwoLoads;

static gboolean
both_loaded (gpointer data)
{
  TwoLoads *loads = data;

  return loads->first.done && loads->second.done;
}

/* Two asynchronous loads at once share one GetManagedObjects; a client
 * that has the objects finishes a third at once. */
static void
test_load_async (void)
{
  g_auto(CountedBus) counted = { 0 };
  g_autoptr(NetNsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  TwoLoads loads = { { 0 }, { 0 } };

  counted_bus_init (&counted);
  client = lazy_client (&counted);
  run ("ip netns add loaded");
  netns_client_load_objects (client, NULL, netns_test_keep_result, &loads.first);
  netns_client_load_objects (client, NULL, netns_test_keep_result, &loads.second);
  netns_test_wait_until (both_loaded, &loads, "both loads");
  g_assert_true (netns_client_load_objects_finish (client, loads.first.result, &error));
  g_assert_no_error (error);
  g_assert_true (netns_client_load_objects_finish (client, loads.second.result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fetches (&counted), ==, 1);
  g_assert_nonnull (netns_client_get_namespace (client, "loaded"));
  g_assert_true (netns_client_load_objects_sync (client, NULL, &error));
  g_assert_cmpint (fetches (&counted), ==, 1);
  netns_test_result_clear (&loads.first);
  netns_test_result_clear (&loads.second);
  run ("ip netns del loaded");
}

static gboolean
has_owner (NetNsClient *client)
{
  g_autofree char *owner = netns_client_dup_name_owner (client);

  return owner != NULL;
}

static gboolean
has_owner_now (gpointer client)
{
  return has_owner (client);
}

/* Without objects, a lazy client still follows netnsd's name: it hears
 * netnsd go and come back; while none runs, a load says so. */
static void
test_lazy_name_owner (void)
{
  g_auto(CountedBus) counted = { 0 };
  g_autoptr(NetNsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *testlib = g_strdup_printf ("bash -c 'source %s/tests/lib/testlib.sh && ",
                                              g_getenv ("NNS_SRCDIR"));
  g_autofree char *stop = g_strconcat (testlib, "stop_netnsd'", NULL);
  g_autofree char *start = g_strconcat (testlib, "start_netnsd'", NULL);
  g_auto(NetNsSeen) owner = { 0 };

  counted_bus_init (&counted);
  client = lazy_client (&counted);
  g_assert_true (has_owner (client));
  netns_test_count_notify (client, "name-owner", &owner);

  run (stop);
  netns_test_wait_for (&owner.seen, "notify::name-owner as netnsd went");
  g_assert_false (has_owner (client));
  g_assert_false (netns_client_load_objects_sync (client, NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "org.example.NetNs"));
  g_clear_error (&error);

  /* The client now has the objects (none) and follows the next netnsd. */
  owner.seen = FALSE;
  run (start);
  /* GDBus's object manager notifies first that the old owner (none) went,
   * then, once it has the new netnsd's objects, the new one. */
  netns_test_wait_until (has_owner_now, client, "netnsd's new name owner");
  g_assert_true (owner.seen);
  g_assert_true (netns_client_load_objects_sync (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (netns_client_get_host (client));
}

/* Operations */

static char *
text_of (GVariant *value)
{
  return g_variant_print (value, FALSE);
}

/* Each method's operation is netns_operation_new()'s of the same
 * arguments; by name, missing options are empty, and a misspelt or
 * missing argument is refused. */
static void
test_operations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) typed = netns_operation_create_veth ("", "veth0", "red", "veth1", NULL);
  g_autoptr(GVariant) generic =
    netns_operation_new ("CreateVeth",
                         g_variant_new_parsed ("('', 'veth0', 'red', 'veth1', @a{sv} {})"),
                         &error);
  g_autoptr(GVariant) forward = netns_operation_add_port_forward ("", "tcp", 8080,
                                                                  "10.0.0.2:80", NULL);
  g_autoptr(GVariant) dns = netns_operation_set_dns ("red", NULL, NULL);
  g_autoptr(GVariant) attach = netns_operation_attach_namespace ("held", 0, NULL);
  g_autoptr(GVariant) by_name = NULL;
  g_autoptr(GVariant) misspelt = NULL;
  g_autoptr(GVariant) missing = NULL;
  g_autofree char *forward_text = text_of (forward);
  g_autofree char *dns_text = text_of (dns);
  g_autofree char *attach_text = text_of (attach);
  g_autofree char *by_name_text = NULL;

  g_assert_no_error (error);
  g_assert_true (g_variant_equal (typed, generic));
  g_assert_cmpstr (forward_text, ==,
                   "('AddPortForward', {'namespace': <''>, 'protocol': <'tcp'>, 'port': "
                   "<uint16 8080>, 'target': <'10.0.0.2:80'>, 'options': <@a{sv} {}>})");
  g_assert_cmpstr (dns_text, ==,
                   "('SetDns', {'namespace': <'red'>, 'nameservers': <@as []>, "
                   "'search': <@as []>})");
  g_assert_cmpstr (attach_text, ==,
                   "('AttachNamespace', {'name': <'held'>, 'netns': <handle 0>, "
                   "'options': <@a{sv} {}>})");

  by_name = netns_operation_new_from_arguments (
    "RemoveRoute", g_variant_new_parsed ("{'destination': <'default'>, 'namespace': <'red'>}"),
    &error);
  g_assert_no_error (error);
  by_name_text = text_of (by_name);
  g_assert_cmpstr (by_name_text, ==,
                   "('RemoveRoute', {'namespace': <'red'>, 'destination': <'default'>, "
                   "'options': <@a{sv} {}>})");
  misspelt = netns_operation_new_from_arguments ("DeleteLink",
                                                 g_variant_new_parsed ("{'namespace': <'red'>, "
                                                                       "'nmae': <'veth1'>}"),
                                                 &error);
  g_assert_null (misspelt);
  netns_test_assert_error (error, NETNS_ERROR_INVALID_ARGUMENT,
                           "org.example.NetNs.Error.InvalidArgument", "'nmae'");
  g_clear_error (&error);
  missing = netns_operation_new_from_arguments ("DeleteLink",
                                                g_variant_new_parsed ("{'namespace': <'red'>}"),
                                                &error);
  g_assert_null (missing);
  netns_test_assert_error (error, NETNS_ERROR_INVALID_ARGUMENT,
                           "org.example.NetNs.Error.InvalidArgument", "'name' is missing");
}

/* Apply with file descriptors */

/* A child that holds a network namespace of its own until killed. */
static pid_t
hold_namespace (void)
{
  int ready[2];
  char byte = 0;
  pid_t pid;

  g_assert_no_errno (pipe (ready));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (unshare (CLONE_NEWNET) < 0)
        _exit (1);
      if (write (ready[1], &byte, 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  close (ready[1]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);
  return pid;
}

static GVariant *
operations_of (GVariant *first,
               GVariant *second)
{
  GVariantBuilder operations;

  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  g_variant_builder_add_value (&operations, first);
  g_variant_builder_add_value (&operations, second);
  g_variant_unref (first);
  g_variant_unref (second);
  return g_variant_builder_end (&operations);
}

/* AttachNamespace "held", of the Apply's fd 0. */
static GVariant *
attach_held (void)
{
  return netns_operation_attach_namespace ("held", 0, NULL);
}

/* A namespace that only a process holds, attached and given a veth in
 * one Apply, by a lazy client; and none of it when the Apply fails. */
static void
test_apply_with_fds (void)
{
  g_auto(CountedBus) counted = { 0 };
  g_autoptr(NetNsClient) client = NULL;
  g_autoptr(GVariant) results = NULL;
  g_autoptr(GVariant) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *results_text = NULL;
  g_autofree char *path = NULL;
  GVariant *operations;
  pid_t holder = hold_namespace ();
  int fd;

  counted_bus_init (&counted);
  client = lazy_client (&counted);
  path = g_strdup_printf ("/proc/%d/ns/net", (int) holder);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  g_assert_no_errno (fd);

  /* DeleteLink is not one Apply takes (but in a topology): nothing done. */
  operations = operations_of (attach_held (), netns_operation_delete_link ("held", "x"));
  failed = netns_client_apply_with_fds_sync (client, operations, NULL, &fd, 1, NULL, &error);
  g_assert_null (failed);
  netns_test_assert_error (error, NETNS_ERROR_NOT_SUPPORTED,
                           "org.example.NetNs.Error.NotSupported", "operation 2 (DeleteLink)");
  g_clear_error (&error);
  g_assert_false (g_file_test ("/run/netns/held", G_FILE_TEST_EXISTS));

  operations = operations_of (attach_held (),
                              netns_operation_create_veth ("held", "h0", "", "h1", NULL));
  results = netns_client_apply_with_fds_sync (client, operations, NULL, &fd, 1, NULL, &error);
  g_assert_no_error (error);
  results_text = text_of (results);
  g_assert_cmpstr (results_text, ==, "[[<objectpath '/org/example/NetNs/namespace/held'>], []]");
  close (fd);
  kill (holder, SIGKILL);
  g_assert_cmpint (waitpid (holder, NULL, 0), ==, holder);
  /* Pinned: the namespace outlives its process. */
  run ("ip -n held link show h0");
  run ("ip link show h1");
  g_assert_cmpint (fetches (&counted), ==, 0);
  run ("ip link del h1");
  netns_test_delete (client, "held");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/libnetns/lazy/until-asked", test_lazy_until_asked);
  g_test_add_func ("/libnetns/lazy/load-async", test_load_async);
  g_test_add_func ("/libnetns/lazy/name-owner", test_lazy_name_owner);
  g_test_add_func ("/libnetns/operations", test_operations);
  g_test_add_func ("/libnetns/apply-with-fds", test_apply_with_fds);

  return g_test_run ();
}
