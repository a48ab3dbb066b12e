/* netns-test.c: what the C tests of libnetns share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <sys/stat.h>

#include "netns-test.h"

/* Far beyond anything these tests wait for; it only stops a hang. */
#define GUARD_SECONDS 60

NetNsClient *
netns_test_client (void)
{
  g_autoptr(GError) error = NULL;
  NetNsClient *client = netns_client_new_sync (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

NetNsNamespace *
netns_test_create (NetNsClient *client,
                   const char  *name)
{
  g_autoptr(GError) error = NULL;
  NetNsNamespace *ns = netns_client_create_namespace_sync (client, name, NULL, NULL, &error);

  g_assert_no_error (error);
  return ns;
}

void
netns_test_delete (NetNsClient *client,
                   const char  *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (netns_client_delete_namespace_sync (client, name, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
on_guard (gpointer user_data)
{
  g_error ("timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

void
netns_test_wait_until (gboolean   (*holds) (gpointer data),
                       gpointer     data,
                       const char  *what)
{
  GMainContext *context = g_main_context_get_thread_default ();
  GSource *guard = g_timeout_source_new_seconds (GUARD_SECONDS);

  g_source_set_callback (guard, on_guard, (gpointer) what, NULL);
  g_source_attach (guard, context);
  while (!holds (data))
    g_main_context_iteration (context, TRUE);
  g_source_destroy (guard);
  g_source_unref (guard);
}

static gboolean
is_true (gpointer data)
{
  return *(const gboolean *) data;
}

void
netns_test_wait_for (const gboolean *done,
                     const char     *what)
{
  netns_test_wait_until (is_true, (gpointer) done, what);
}

char *
netns_test_run (const char *command_line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_test_message ("$ %s", command_line);
  g_spawn_command_line_sync (command_line, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("'%s' failed: %s: %s", command_line, error->message, err);
  return out;
}

guint64
netns_test_inode_of (const char *name)
{
  g_autofree char *path = g_build_filename ("/run/netns", name, NULL);
  struct stat st;

  g_assert_no_errno (stat (path, &st));
  return st.st_ino;
}

static void
on_counted (gpointer instance,
            gpointer object,
            gpointer user_data)
{
  NetNsSeen *seen = user_data;

  seen->count++;
  seen->seen = TRUE;
  g_set_object (&seen->last, object);
}

gulong
netns_test_count_signal (gpointer    instance,
                         const char *signal_name,
                         NetNsSeen  *seen)
{
  return g_signal_connect (instance, signal_name, G_CALLBACK (on_counted), seen);
}

static void
on_notified (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  NetNsSeen *seen = user_data;

  seen->count++;
  seen->seen = TRUE;
}

/* Counts notify::@property of @instance (last stays NULL). */
gulong
netns_test_count_notify (gpointer    instance,
                         const char *property,
                         NetNsSeen  *seen)
{
  g_autofree char *signal_name = g_strconcat ("notify::", property, NULL);

  return g_signal_connect (instance, signal_name, G_CALLBACK (on_notified), seen);
}

void
netns_test_seen_clear (NetNsSeen *seen)
{
  seen->count = 0;
  seen->seen = FALSE;
  g_clear_object (&seen->last);
}

void
netns_test_keep_result (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  NetNsResult *kept = user_data;

  kept->result = g_object_ref (result);
  kept->done = TRUE;
}

GAsyncResult *
netns_test_result_wait (NetNsResult *kept,
                        const char  *what)
{
  netns_test_wait_for (&kept->done, what);
  return kept->result;
}

void
netns_test_result_clear (NetNsResult *kept)
{
  g_clear_object (&kept->result);
  kept->done = FALSE;
}

void
netns_test_assert_error (const GError *error,
                         int           code,
                         const char   *dbus_name,
                         const char   *fragment)
{
  g_autofree char *name = NULL;

  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, NETNS_ERROR, code);
  g_assert_null (strstr (error->message, "GDBus.Error"));
  g_assert_nonnull (strstr (error->message, fragment));
  name = netns_error_get_dbus_name (error);
  g_assert_cmpstr (name, ==, dbus_name);
}
