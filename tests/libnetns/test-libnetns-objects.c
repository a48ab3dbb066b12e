/* test-libnetns-objects.c: netnsd's objects as libnetns shows them: the
 * links of a namespace coming and going and their properties notified as
 * ip(8) changes them, the host, and everything going and coming back when
 * netnsd restarts. Run as root by tests/integration/libnetns-objects.sh.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns-test.h"

static void
run (const char *command_line)
{
  g_free (netns_test_run (command_line));
}

/* What a wait waits for: a link of a namespace, by name, and what it
 * shows. */
typedef struct
{
  NetNsNamespace *ns;
  const char     *link;
  const char     *address;
  const char     *peer;
  guint           mtu;
  gboolean        present;
  gboolean        up;
} Expected;

static gboolean
link_is (gpointer data)
{
  const Expected *expected = data;
  NetNsLink *link = netns_namespace_get_link (expected->ns, expected->link);

  if (!expected->present)
    return link == NULL;
  if (link == NULL)
    return FALSE;
  if (expected->mtu != 0 && netns_link_get_mtu (link) != expected->mtu)
    return FALSE;
  if (expected->address != NULL &&
      !g_strv_contains (netns_link_get_addresses (link), expected->address))
    return FALSE;
  if (expected->peer != NULL && g_strcmp0 (netns_link_get_peer (link), expected->peer) != 0)
    return FALSE;
  return netns_link_get_up (link) == expected->up;
}

static NetNsLink *
wait_for_link (const Expected *expected,
               const char     *what)
{
  netns_test_wait_until (link_is, (gpointer) expected, what);
  return netns_namespace_get_link (expected->ns, expected->link);
}

/* Links */

/* A namespace's links are there from the start (lo), come with the veth
 * made through the library, follow ip's changes with notify::, and go. */
static void
test_links_follow_the_kernel (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(NetNsNamespace) red = netns_test_create (client, "red");
  g_autoptr(GList) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NetNsLink) v0 = NULL;
  g_autofree char *v0_prefix = NULL;
  g_auto(NetNsSeen) added = { 0 };
  g_auto(NetNsSeen) removed = { 0 };
  g_auto(NetNsSeen) mtu = { 0 };
  g_auto(NetNsSeen) up = { 0 };
  g_auto(NetNsSeen) addresses = { 0 };
  NetNsLink *lo;

  lo = wait_for_link (&(Expected) { .ns = red, .link = "lo", .present = TRUE, .up = TRUE },
                      "lo of red");
  g_assert_cmpstr (netns_link_get_kind (lo), ==, "loopback");
  g_assert_cmpint (netns_link_get_index (lo), ==, 1);
  g_assert_true (netns_link_get_namespace (lo) == red);
  links = netns_namespace_get_links (red);
  g_assert_true (links->data == lo);

  netns_test_count_signal (red, "link-added", &added);
  g_assert_true (netns_client_create_veth_sync (client, "red", "v0", "red", "v1",
                                                g_variant_new_parsed ("{'up': <true>}"),
                                                NULL, &error));
  g_assert_no_error (error);
  v0 = g_object_ref (wait_for_link (&(Expected) { .ns = red, .link = "v0", .present = TRUE,
                                                  .up = TRUE }, "v0 in red"));
  wait_for_link (&(Expected) { .ns = red, .link = "v1", .present = TRUE, .up = TRUE }, "v1 in red");
  g_assert_cmpuint (added.count, ==, 2);
  g_assert_cmpstr (netns_link_get_kind (v0), ==, "veth");
  wait_for_link (&(Expected) { .ns = red, .link = "v0", .present = TRUE, .up = TRUE,
                               .peer = "red/v1" }, "v0's peer");
  g_assert_cmpuint (netns_link_get_mtu (v0), ==, 1500);
  g_assert_cmpstr (netns_link_get_master (v0), ==, "");
  g_assert_cmpuint (strlen (netns_link_get_address (v0)), ==, strlen ("02:00:00:00:00:00"));
  v0_prefix = g_strconcat (netns_namespace_get_object_path (red), "/link/", NULL);
  g_assert_true (g_str_has_prefix (netns_link_get_object_path (v0), v0_prefix));

  netns_test_count_notify (v0, "mtu", &mtu);
  run ("ip -n red link set v0 mtu 1400");
  wait_for_link (&(Expected) { .ns = red, .link = "v0", .present = TRUE, .up = TRUE, .mtu = 1400 },
                 "v0's MTU 1400");
  g_assert_true (mtu.seen);

  netns_test_count_notify (v0, "up", &up);
  run ("ip -n red link set v0 down");
  wait_for_link (&(Expected) { .ns = red, .link = "v0", .present = TRUE, .up = FALSE },
                 "v0 down");
  g_assert_true (up.seen);
  g_assert_cmpstr (netns_link_get_oper_state (v0), ==, "down");

  netns_test_count_notify (v0, "addresses", &addresses);
  run ("ip -n red addr add 10.5.0.1/24 dev v0");
  wait_for_link (&(Expected) { .ns = red, .link = "v0", .present = TRUE, .address = "10.5.0.1/24" },
                 "v0's address");
  g_assert_true (addresses.seen);

  netns_test_count_signal (red, "link-removed", &removed);
  run ("ip -n red link del v0");
  wait_for_link (&(Expected) { .ns = red, .link = "v0" }, "v0 gone");
  wait_for_link (&(Expected) { .ns = red, .link = "v1" }, "v1 gone");
  g_assert_cmpuint (removed.count, ==, 2);
  g_assert_null (netns_link_get_namespace (v0));
  netns_test_delete (client, "red");
}

/* A link moved to another namespace leaves the one and comes to the
 * other, as a new object. */
static void
test_link_moves (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(NetNsNamespace) red = netns_test_create (client, "red");
  g_autoptr(NetNsNamespace) blue = netns_test_create (client, "blue");
  g_autoptr(GError) error = NULL;
  g_auto(NetNsSeen) left = { 0 };
  g_auto(NetNsSeen) came = { 0 };
  NetNsLink *m1;

  g_assert_true (netns_client_create_veth_sync (client, "red", "m0", "red", "m1", NULL, NULL, &error));
  g_assert_no_error (error);
  m1 = wait_for_link (&(Expected) { .ns = red, .link = "m1", .present = TRUE }, "m1 in red");
  netns_test_count_signal (red, "link-removed", &left);
  netns_test_count_signal (blue, "link-added", &came);
  g_assert_true (netns_client_move_link_sync (client, "red", "m1", "blue", NULL, NULL, &error));
  g_assert_no_error (error);
  wait_for_link (&(Expected) { .ns = blue, .link = "m1", .present = TRUE }, "m1 in blue");
  wait_for_link (&(Expected) { .ns = red, .link = "m1" }, "m1 gone from red");
  g_assert_true (left.last == G_OBJECT (m1));
  g_assert_true (came.last != G_OBJECT (m1));
  /* The other end follows: its peer is in blue now. */
  wait_for_link (&(Expected) { .ns = red, .link = "m0", .present = TRUE, .peer = "blue/m1" },
                 "m0's peer in blue");
  netns_test_delete (client, "red");
  netns_test_delete (client, "blue");
}

/* The host */

static gboolean
has_host (gpointer data)
{
  return netns_client_get_host (data) != NULL;
}

/* The host's namespace is its own object, not among the named ones. */
static void
test_host (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(GList) named = NULL;
  NetNsNamespace *host;
  struct stat own;

  netns_test_wait_until (has_host, client, "the host");
  host = netns_client_get_host (client);
  g_assert_true (netns_namespace_is_host (host));
  g_assert_cmpstr (netns_namespace_get_name (host), ==, "");
  g_assert_cmpuint (netns_namespace_get_owner (host), ==, 0);
  g_assert_no_errno (stat ("/proc/self/ns/net", &own));   /* netnsd's own, in the sandbox */
  g_assert_cmpuint (netns_namespace_get_inode (host), ==, own.st_ino);
  g_assert_true (netns_client_get_namespace (client, "") == host);
  named = netns_client_get_namespaces (client);
  g_assert_null (g_list_find (named, host));
  wait_for_link (&(Expected) { .ns = host, .link = "lo", .present = TRUE, .up = TRUE },
                 "the host's lo");
}

/* Restarts */

typedef struct
{
  NetNsClient *client;
  char        *old_owner;
} Restarted;

static gboolean
is_back (gpointer data)
{
  Restarted *restarted = data;
  g_autofree char *owner = netns_client_dup_name_owner (restarted->client);

  return owner != NULL && g_strcmp0 (owner, restarted->old_owner) != 0 &&
         netns_client_get_namespace (restarted->client, "red") != NULL;
}

/* netnsd restarting: its objects go and come back as new ones, and the
 * client follows the new netnsd. */
static void
test_restart (void)
{
  g_autoptr(NetNsClient) client = netns_test_client ();
  g_autoptr(NetNsNamespace) red = netns_test_create (client, "red");
  g_autofree char *restart = NULL;
  g_auto(NetNsSeen) removed = { 0 };
  g_auto(NetNsSeen) owner = { 0 };
  Restarted restarted = { client, netns_client_dup_name_owner (client) };
  NetNsNamespace *back;

  netns_test_count_signal (client, "namespace-removed", &removed);
  netns_test_count_notify (client, "name-owner", &owner);
  restart = g_strdup_printf ("bash -c 'source %s/tests/lib/testlib.sh && restart_netnsd'",
                             g_getenv ("NNS_SRCDIR"));
  run (restart);
  netns_test_wait_until (is_back, &restarted, "red back from the restarted netnsd");
  g_assert_true (owner.seen);
  g_assert_cmpuint (removed.count, >=, 1);
  back = netns_client_get_namespace (client, "red");
  g_assert_true (back != red);
  g_assert_cmpuint (netns_namespace_get_inode (back), ==, netns_namespace_get_inode (red));
  g_assert_cmpuint (netns_namespace_get_owner (back), ==, 0);
  netns_test_delete (client, "red");
  g_free (restarted.old_owner);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/libnetns/objects/restart", test_restart);
  g_test_add_func ("/libnetns/links/follow-the-kernel", test_links_follow_the_kernel);
  g_test_add_func ("/libnetns/links/moves", test_link_moves);
  g_test_add_func ("/libnetns/links/host", test_host);

  return g_test_run ();
}
