/* nns-bench.c: timings for the benchmark (tests/bench/run.sh).
 *
 *   nns-bench raw|api|batch|batch-all COUNT FIRST PREFIX
 *       make setups FIRST .. FIRST+COUNT-1 and print each one's time in
 *       microseconds. A setup is the tutorial's kernel work: a namespace,
 *       a veth pair with one end in the host, an address on each end, both
 *       ends up. raw: in-process libnl, the kernel's own limit; api:
 *       netnsd's per-method calls; batch: one Apply per setup; batch-all:
 *       one Apply for all COUNT setups, each getting the mean, as `ip
 *       -batch` is timed.
 *   nns-bench teardown COUNT FIRST PREFIX
 *       DeleteNamespace for each, timed.
 *   nns-bench list REPEAT
 *       ListNamespaces, timed.
 *   nns-bench list-links NAMESPACE REPEAT
 *       ListLinks of NAMESPACE through netnsd, and a raw libnl dump of the
 *       same links with their addresses.
 *   nns-bench managed-objects REPEAT
 *       GetManagedObjects, timed, as a GLib client gets it (the reply
 *       parsed); each line also says how many link objects it held.
 *   nns-bench link-latency NAMESPACE LINK REPEAT
 *       changes LINK's MTU in NAMESPACE ("" is the host) as iproute2 does
 *       (a netlink request from a process other than netnsd), and times
 *       each from the request to netnsd's PropertiesChanged of the link's
 *       object; each line also says when the kernel had answered the
 *       request.
 *   nns-bench polkit COUNT PARALLEL [SUBJECT]
 *       polkitd alone: COUNT CheckAuthorization questions for
 *       org.example.netns.manage, the subject this process's own bus
 *       connection, PARALLEL out at a time (as netnsd asks them). Each line
 *       is one question's time from its sending to its answer and the time
 *       of its batch of PARALLEL, in microseconds. Run it as a user a polkit
 *       rule allows: a no is an error. With SUBJECT (another process's
 *       unique bus name), the questions are for that connection and carry
 *       details, as netnsd asks them for its callers: run it as root.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>
#include <polkit/polkit.h>

#define NETNS_DIR "/run/netns"

typedef struct {
  char namespace[32];
  char host_link[16];
  char peer_link[16];
  char host_address[32];
  char peer_address[32];
} Setup;

static void
setup_names (Setup      *setup,
             const char *prefix,
             guint       i)
{
  /* A /30 each: host .1, namespace .2, from 10.128.0.0 on. */
  guint base = i * 4;

  g_snprintf (setup->namespace, sizeof setup->namespace, "%s%u", prefix, i);
  g_snprintf (setup->host_link, sizeof setup->host_link, "h%s%u", prefix, i);
  g_snprintf (setup->peer_link, sizeof setup->peer_link, "p%s%u", prefix, i);
  g_snprintf (setup->host_address, sizeof setup->host_address, "10.%u.%u.%u/30",
              128 + (base >> 16), (base >> 8) & 255, (base & 255) + 1);
  g_snprintf (setup->peer_address, sizeof setup->peer_address, "10.%u.%u.%u/30",
              128 + (base >> 16), (base >> 8) & 255, (base & 255) + 2);
}

static void
die (const char *what,
     const char *detail)
{
  fprintf (stderr, "nns-bench: %s: %s\n", what, detail);
  exit (1);
}

/* raw: the setup done in-process with libnl, as netnsd does it, with
 * nothing else (no D-Bus, no polkit, no records). */

static struct nl_sock *
raw_socket (void)
{
  struct nl_sock *sock = nl_socket_alloc ();

  if (sock == NULL || nl_connect (sock, NETLINK_ROUTE) < 0)
    die ("netlink", "cannot connect");
  return sock;
}

static void
raw_add_address (struct nl_sock *sock,
                 const char     *link_name,
                 const char     *cidr)
{
  struct rtnl_link *link = NULL;
  struct rtnl_addr *addr = rtnl_addr_alloc ();
  struct nl_addr *local = NULL;
  int err;

  if ((err = rtnl_link_get_kernel (sock, 0, link_name, &link)) < 0)
    die ("link lookup", nl_geterror (err));
  nl_addr_parse (cidr, AF_INET, &local);
  rtnl_addr_set_ifindex (addr, rtnl_link_get_ifindex (link));
  rtnl_addr_set_local (addr, local);
  if ((err = rtnl_addr_add (sock, addr, 0)) < 0)
    die ("address", nl_geterror (err));
  nl_addr_put (local);
  rtnl_addr_put (addr);
  rtnl_link_put (link);
}

static void
raw_set_up (struct nl_sock *sock,
            const char     *link_name)
{
  struct rtnl_link *link = NULL, *change = rtnl_link_alloc ();
  int err;

  if ((err = rtnl_link_get_kernel (sock, 0, link_name, &link)) < 0)
    die ("link lookup", nl_geterror (err));
  rtnl_link_set_flags (change, IFF_UP);
  if ((err = rtnl_link_change (sock, link, change, 0)) < 0)
    die ("link up", nl_geterror (err));
  rtnl_link_put (change);
  rtnl_link_put (link);
}

/* /run/netns as `ip netns add` leaves it: a shared mount point. */
static void
raw_prepare_dir (void)
{
  g_mkdir_with_parents (NETNS_DIR, 0755);
  if (mount ("", NETNS_DIR, "none", MS_SHARED | MS_REC, NULL) == 0)
    return;
  if (mount (NETNS_DIR, NETNS_DIR, "none", MS_BIND | MS_REC, NULL) < 0 ||
      mount ("", NETNS_DIR, "none", MS_SHARED | MS_REC, NULL) < 0)
    die ("mount", strerror (errno));
}

static void
raw_setup (struct nl_sock *host_sock,
           int             host_fd,
           const Setup    *setup)
{
  g_autofree char *path = g_build_filename (NETNS_DIR, setup->namespace, NULL);
  struct rtnl_link *veth, *peer;
  struct nl_sock *ns_sock;
  int fd, ns_fd, err;

  /* ip netns add, with the namespace's own socket opened inside. */
  fd = open (path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
  if (fd < 0)
    die ("create", strerror (errno));
  close (fd);
  if (unshare (CLONE_NEWNET) < 0)
    die ("unshare", strerror (errno));
  ns_sock = raw_socket ();
  if (mount ("/proc/thread-self/ns/net", path, "none", MS_BIND, NULL) < 0)
    die ("mount", strerror (errno));
  ns_fd = open ("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (setns (host_fd, CLONE_NEWNET) < 0)
    die ("setns", strerror (errno));

  /* The veth pair, the peer straight into the namespace, the host end up. */
  veth = rtnl_link_veth_alloc ();
  peer = rtnl_link_veth_get_peer (veth);
  rtnl_link_set_name (veth, setup->host_link);
  rtnl_link_set_flags (veth, IFF_UP);
  rtnl_link_set_name (peer, setup->peer_link);
  rtnl_link_set_ns_fd (peer, ns_fd);
  if ((err = rtnl_link_add (host_sock, veth, NLM_F_CREATE | NLM_F_EXCL)) < 0)
    die ("veth", nl_geterror (err));
  rtnl_link_put (peer);
  rtnl_link_veth_release (veth);
  close (ns_fd);

  raw_add_address (host_sock, setup->host_link, setup->host_address);
  raw_add_address (ns_sock, setup->peer_link, setup->peer_address);
  raw_set_up (ns_sock, setup->peer_link);
  nl_socket_free (ns_sock);
}

/* api and batch: netnsd */

static GVariant *
call (GDBusConnection *bus,
      const char      *method,
      GVariant        *parameters)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (bus, "org.example.NetNs", "/org/example/NetNs",
                                                 "org.example.NetNs", method, parameters, NULL,
                                                 G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);

  if (reply == NULL)
    die (method, error->message);
  return reply;
}

/* The calls are built as a program would build them (not parsed from
 * text, which costs more than the call). */

static GVariant *
vardict_one (const char *key,
             GVariant   *value)
{
  GVariantBuilder dict;

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  if (key != NULL)
    g_variant_builder_add (&dict, "{sv}", key, value);
  return g_variant_builder_end (&dict);
}

static void
api_setup (GDBusConnection *bus,
           const Setup     *setup)
{
  g_variant_unref (call (bus, "CreateNamespace",
                         g_variant_new ("(s@a{sv})", setup->namespace,
                                        vardict_one ("loopback-up",
                                                     g_variant_new_boolean (FALSE)))));
  g_variant_unref (call (bus, "CreateVeth",
                         g_variant_new ("(ssss@a{sv})", "", setup->host_link, setup->namespace,
                                        setup->peer_link,
                                        vardict_one ("up", g_variant_new_boolean (TRUE)))));
  g_variant_unref (call (bus, "AddAddress",
                         g_variant_new ("(sss@a{sv})", "", setup->host_link,
                                        setup->host_address, vardict_one (NULL, NULL))));
  g_variant_unref (call (bus, "AddAddress",
                         g_variant_new ("(sss@a{sv})", setup->namespace, setup->peer_link,
                                        setup->peer_address, vardict_one (NULL, NULL))));
}

/* One operation of an Apply: the method and its arguments by name, given
 * as NULL-terminated name, value pairs. */
static void
add_operation (GVariantBuilder *operations,
               const char      *method,
               ...)
{
  GVariantBuilder arguments;
  const char *name;
  va_list args;

  g_variant_builder_init (&arguments, G_VARIANT_TYPE_VARDICT);
  va_start (args, method);
  while ((name = va_arg (args, const char *)) != NULL)
    g_variant_builder_add (&arguments, "{sv}", name, va_arg (args, GVariant *));
  va_end (args);
  g_variant_builder_add (operations, "(s@a{sv})", method, g_variant_builder_end (&arguments));
}

static void
add_setup_operations (GVariantBuilder *operations,
                      const Setup     *setup)
{
  add_operation (operations, "CreateNamespace",
                 "name", g_variant_new_string (setup->namespace),
                 "options", vardict_one ("loopback-up", g_variant_new_boolean (FALSE)), NULL);
  add_operation (operations, "CreateVeth",
                 "namespace", g_variant_new_string (""),
                 "name", g_variant_new_string (setup->host_link),
                 "peer_namespace", g_variant_new_string (setup->namespace),
                 "peer_name", g_variant_new_string (setup->peer_link),
                 "options", vardict_one ("up", g_variant_new_boolean (TRUE)), NULL);
  add_operation (operations, "AddAddress",
                 "namespace", g_variant_new_string (""),
                 "link", g_variant_new_string (setup->host_link),
                 "address", g_variant_new_string (setup->host_address), NULL);
  add_operation (operations, "AddAddress",
                 "namespace", g_variant_new_string (setup->namespace),
                 "link", g_variant_new_string (setup->peer_link),
                 "address", g_variant_new_string (setup->peer_address), NULL);
}

static void
apply (GDBusConnection *bus,
       GVariantBuilder *operations)
{
  g_variant_unref (call (bus, "Apply",
                         g_variant_new ("(@a(sa{sv})a{sv})",
                                        g_variant_builder_end (operations), NULL)));
}

static void
batch_setup (GDBusConnection *bus,
             const Setup     *setup)
{
  GVariantBuilder operations;

  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  add_setup_operations (&operations, setup);
  apply (bus, &operations);
}

/* batch-all: the COUNT setups in one Apply; each gets the mean. */
static int
run_batch_all (guint       count,
               guint       first,
               const char *prefix)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  GVariantBuilder operations;
  gint64 start;

  start = g_get_monotonic_time ();
  g_variant_builder_init (&operations, G_VARIANT_TYPE ("a(sa{sv})"));
  for (guint i = first; i < first + count; i++)
    {
      Setup setup;

      setup_names (&setup, prefix, i);
      add_setup_operations (&operations, &setup);
    }
  apply (bus, &operations);
  for (guint i = 0; i < count; i++)
    printf ("%" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - start) / count);
  return 0;
}

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static int
run_setups (const char *mode,
            guint       count,
            guint       first,
            const char *prefix)
{
  g_autoptr(GDBusConnection) bus = NULL;
  struct nl_sock *host_sock = NULL;
  int host_fd = -1;

  if (g_str_equal (mode, "raw"))
    {
      raw_prepare_dir ();
      host_sock = raw_socket ();
      host_fd = open ("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    }
  else
    bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);

  for (guint i = first; i < first + count; i++)
    {
      Setup setup;
      gint64 start;

      setup_names (&setup, prefix, i);
      start = now_us ();
      if (host_sock != NULL)
        raw_setup (host_sock, host_fd, &setup);
      else if (g_str_equal (mode, "api"))
        api_setup (bus, &setup);
      else
        batch_setup (bus, &setup);
      printf ("%" G_GINT64_FORMAT "\n", now_us () - start);
    }
  if (host_sock != NULL)
    {
      nl_socket_free (host_sock);
      close (host_fd);
    }
  return 0;
}

static int
run_teardown (guint       count,
              guint       first,
              const char *prefix)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);

  for (guint i = first; i < first + count; i++)
    {
      Setup setup;
      gint64 start;

      setup_names (&setup, prefix, i);
      start = now_us ();
      g_variant_unref (call (bus, "DeleteNamespace",
                             g_variant_new_parsed ("(%s, @a{sv} {})", setup.namespace)));
      printf ("%" G_GINT64_FORMAT "\n", now_us () - start);
    }
  return 0;
}

static int
run_list (guint repeat)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);

  for (guint i = 0; i < repeat; i++)
    {
      gint64 start = now_us ();

      g_variant_unref (call (bus, "ListNamespaces", NULL));
      printf ("%" G_GINT64_FORMAT "\n", now_us () - start);
    }
  return 0;
}

/* A netlink socket in @namespace ("" for the host). */
static struct nl_sock *
socket_in (const char *namespace)
{
  g_autofree char *path = g_build_filename (NETNS_DIR, namespace, NULL);
  int host_fd = open ("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  int ns_fd = *namespace != '\0' ? open (path, O_RDONLY | O_CLOEXEC) : -1;
  struct nl_sock *sock;

  if (*namespace != '\0' && (ns_fd < 0 || setns (ns_fd, CLONE_NEWNET) < 0))
    die ("enter", namespace);
  sock = raw_socket ();
  setns (host_fd, CLONE_NEWNET);
  if (ns_fd >= 0)
    close (ns_fd);
  close (host_fd);
  return sock;
}

/* A raw dump of a namespace's links and addresses, for comparison. */
static void
raw_dump (const char *namespace)
{
  struct nl_sock *sock = socket_in (namespace);
  struct nl_cache *links = NULL, *addrs = NULL;

  rtnl_link_alloc_cache (sock, AF_UNSPEC, &links);
  rtnl_addr_alloc_cache (sock, &addrs);
  nl_cache_free (addrs);
  nl_cache_free (links);
  nl_socket_free (sock);
}

static int
run_list_links (const char *namespace,
                guint       repeat)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);

  for (guint i = 0; i < repeat; i++)
    {
      gint64 start = now_us ();
      gint64 middle;

      g_variant_unref (call (bus, "ListLinks", g_variant_new ("(s)", namespace)));
      middle = now_us ();
      raw_dump (namespace);
      printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", middle - start, now_us () - middle);
    }
  return 0;
}

static int
run_managed_objects (guint repeat)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);

  for (guint i = 0; i < repeat; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GVariant) objects = NULL;
      gint64 start = now_us ();
      gint64 took;
      GVariantIter iter;
      const char *path;
      guint links = 0;

      reply = g_dbus_connection_call_sync (bus, "org.example.NetNs", "/org/example/NetNs",
                                           "org.freedesktop.DBus.ObjectManager",
                                           "GetManagedObjects", NULL, NULL,
                                           G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);
      took = now_us () - start;
      if (reply == NULL)
        die ("GetManagedObjects", error->message);
      objects = g_variant_get_child_value (reply, 0);
      g_variant_iter_init (&iter, objects);
      while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, NULL))
        if (strstr (path, "/link/") != NULL)
          links++;
      printf ("%" G_GINT64_FORMAT " %u\n", took, links);
    }
  return 0;
}

/* link-latency: the time from a change the kernel makes for another
 * process to netnsd's signal of it. */

typedef struct {
  gint64 received;
  guint  mtu;
} Latency;

static void
on_link_properties_changed (GDBusConnection *bus,
                            const char      *sender,
                            const char      *path,
                            const char      *interface,
                            const char      *signal,
                            GVariant        *parameters,
                            gpointer         user_data)
{
  Latency *latency = user_data;
  g_autoptr(GVariant) changed = g_variant_get_child_value (parameters, 1);
  guint32 mtu;

  if (g_variant_lookup (changed, "Mtu", "u", &mtu) && mtu == latency->mtu)
    latency->received = now_us ();
}

static int
run_link_latency (const char *namespace,
                  const char *link_name,
                  guint       repeat)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  g_autofree char *escaped = g_dbus_escape_object_path (namespace);
  g_autofree char *path = NULL;
  struct nl_sock *sock = socket_in (namespace);
  struct rtnl_link *link = NULL;
  Latency latency = { 0, 0 };
  int err;

  if ((err = rtnl_link_get_kernel (sock, 0, link_name, &link)) < 0)
    die ("link lookup", nl_geterror (err));
  if (*namespace == '\0')
    path = g_strdup_printf ("/org/example/NetNs/host/link/%d", rtnl_link_get_ifindex (link));
  else
    path = g_strdup_printf ("/org/example/NetNs/namespace/%s/link/%d", escaped,
                            rtnl_link_get_ifindex (link));
  g_dbus_connection_signal_subscribe (bus, "org.example.NetNs", "org.freedesktop.DBus.Properties",
                                      "PropertiesChanged", path, "org.example.NetNs.Link",
                                      G_DBUS_SIGNAL_FLAGS_NONE, on_link_properties_changed,
                                      &latency, NULL);
  /* A round trip: the bus has the match rule before the first change. */
  g_variant_unref (g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                "org.freedesktop.DBus", "GetId", NULL, NULL,
                                                G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL));
  for (guint i = 0; i < repeat; i++)
    {
      struct rtnl_link *change = rtnl_link_alloc ();
      gint64 start, acked, deadline;

      latency.mtu = 1400 + i % 2;
      latency.received = 0;
      rtnl_link_set_mtu (change, latency.mtu);
      start = now_us ();
      if ((err = rtnl_link_change (sock, link, change, 0)) < 0)
        die ("mtu", nl_geterror (err));
      acked = now_us ();
      rtnl_link_put (change);
      deadline = start + 5 * G_USEC_PER_SEC;
      while (latency.received == 0 && now_us () < deadline)
        g_main_context_iteration (NULL, FALSE);
      if (latency.received == 0)
        die ("link-latency", "no PropertiesChanged within 5 s");
      printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", latency.received - start,
              acked - start);
    }
  rtnl_link_put (link);
  nl_socket_free (sock);
  return 0;
}

/* polkit: the questions netnsd asks polkitd for a user, without netnsd. */

typedef struct {
  gint64   sent;
  gint64   answered;
  guint   *outstanding;
} PolkitQuestion;

static void
on_polkit_answer (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PolkitQuestion *question = user_data;
  g_autoptr(PolkitAuthorizationResult) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = polkit_authority_check_authorization_finish (POLKIT_AUTHORITY (source), result,
                                                        &error);
  question->answered = now_us ();
  (*question->outstanding)--;
  if (answer == NULL)
    die ("CheckAuthorization", error->message);
  if (!polkit_authorization_result_get_is_authorized (answer))
    die ("CheckAuthorization", "not authorized (no polkit rule allows this user?)");
}

static int
run_polkit (guint       count,
            guint       parallel,
            const char *for_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(PolkitAuthority) authority = NULL;
  g_autoptr(PolkitSubject) subject = NULL;
  g_autoptr(PolkitDetails) details = NULL;
  g_autofree PolkitQuestion *questions = NULL;

  if (bus == NULL)
    die ("system bus", error->message);
  authority = polkit_authority_get_sync (NULL, &error);
  if (authority == NULL)
    die ("polkit", error->message);
  /* PolkitAuthority talks over the same shared connection: the subject is
   * the caller itself, as a client of netnsd is its subject, or, as
   * netnsd asks, another connection, with the details of a change. Only a
   * trusted caller (root) may pass details. */
  if (for_name != NULL)
    {
      subject = polkit_system_bus_name_new (for_name);
      details = polkit_details_new ();
      polkit_details_insert (details, "namespace", "bench");
      polkit_details_insert (details, "polkit.message", "Create namespace 'bench'");
    }
  else
    subject = polkit_system_bus_name_new (g_dbus_connection_get_unique_name (bus));
  parallel = MAX (parallel, 1);
  questions = g_new0 (PolkitQuestion, parallel);

  for (guint done = 0; done < count; done += parallel)
    {
      guint batch = MIN (parallel, count - done);
      guint outstanding = batch;
      gint64 start = now_us ();

      for (guint j = 0; j < batch; j++)
        {
          questions[j].outstanding = &outstanding;
          questions[j].sent = now_us ();
          polkit_authority_check_authorization (authority, subject, "org.example.netns.manage",
                                                details, POLKIT_CHECK_AUTHORIZATION_FLAGS_NONE,
                                                NULL, on_polkit_answer, &questions[j]);
        }
      while (outstanding > 0)
        g_main_context_iteration (NULL, TRUE);
      for (guint j = 0; j < batch; j++)
        printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                questions[j].answered - questions[j].sent, now_us () - start);
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc == 5 && (g_str_equal (argv[1], "raw") || g_str_equal (argv[1], "api") ||
                    g_str_equal (argv[1], "batch")))
    return run_setups (argv[1], (guint) atoi (argv[2]), (guint) atoi (argv[3]), argv[4]);
  if (argc == 5 && g_str_equal (argv[1], "batch-all"))
    return run_batch_all ((guint) atoi (argv[2]), (guint) atoi (argv[3]), argv[4]);
  if (argc == 5 && g_str_equal (argv[1], "teardown"))
    return run_teardown ((guint) atoi (argv[2]), (guint) atoi (argv[3]), argv[4]);
  if (argc == 3 && g_str_equal (argv[1], "list"))
    return run_list ((guint) atoi (argv[2]));
  if (argc == 4 && g_str_equal (argv[1], "list-links"))
    return run_list_links (argv[2], (guint) atoi (argv[3]));
  if (argc == 3 && g_str_equal (argv[1], "managed-objects"))
    return run_managed_objects ((guint) atoi (argv[2]));
  if (argc == 5 && g_str_equal (argv[1], "link-latency"))
    return run_link_latency (argv[2], argv[3], (guint) atoi (argv[4]));
  if ((argc == 4 || argc == 5) && g_str_equal (argv[1], "polkit"))
    return run_polkit ((guint) atoi (argv[2]), (guint) atoi (argv[3]), argc == 5 ? argv[4] : NULL);
  fprintf (stderr, "usage: see the comment at the top of tests/bench/nns-bench.c\n");
  return 2;
}
