/* netns-test.h: what the C tests of libnetns share: waiting for the
 * client's signals, running ip(8) as a user would, and checking errors.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <netns/netns.h>

G_BEGIN_DECLS

/* A client of the sandbox's netnsd, made synchronously; and a namespace
 * made or deleted through it, which must succeed. */
NetNsClient    *netns_test_client      (void);
NetNsNamespace *netns_test_create      (NetNsClient    *client,
                                        const char     *name);
void            netns_test_delete      (NetNsClient    *client,
                                        const char     *name);

/* Runs the thread's main context until *@done, failing the test (with
 * @what) if a guard of many seconds passes first: a hang is a failure,
 * never how fast something happened. */
void         netns_test_wait_for       (const gboolean *done,
                                        const char     *what);

/* Runs the thread's main context until @holds (@data) is TRUE, with the
 * same guard. */
void         netns_test_wait_until     (gboolean      (*holds) (gpointer data),
                                        gpointer        data,
                                        const char     *what);

/* Runs @command_line (ip, as an admin would), which must succeed; returns
 * its standard output. */
char        *netns_test_run            (const char     *command_line);

/* The inode of /run/netns/@name, as `stat -L` shows it. */
guint64      netns_test_inode_of       (const char     *name);

/* Counts the signal @signal_name of @instance, and remembers the object
 * the last one carried. */
typedef struct
{
  guint    count;
  gboolean seen;
  GObject *last;
} NetNsSeen;

gulong       netns_test_count_signal   (gpointer        instance,
                                        const char     *signal_name,
                                        NetNsSeen      *seen);
gulong       netns_test_count_notify   (gpointer        instance,
                                        const char     *property,
                                        NetNsSeen      *seen);
void         netns_test_seen_clear     (NetNsSeen      *seen);

/* The result of an asynchronous call: pass netns_test_keep_result and a
 * NetNsResult as its callback and data, then wait for it. */
typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} NetNsResult;

void          netns_test_keep_result   (GObject        *source,
                                        GAsyncResult   *result,
                                        gpointer        user_data);
GAsyncResult *netns_test_result_wait   (NetNsResult    *kept,
                                        const char     *what);
void          netns_test_result_clear  (NetNsResult    *kept);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NetNsResult, netns_test_result_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NetNsSeen, netns_test_seen_clear)

/* @error is @code of NETNS_ERROR, its message contains @fragment and has
 * no "GDBus.Error:" prefix, and its D-Bus name is @dbus_name. */
void         netns_test_assert_error   (const GError   *error,
                                        int             code,
                                        const char     *dbus_name,
                                        const char     *fragment);

G_END_DECLS
