/* nns-netns-monitor.c: notices namespaces that other tools add or remove.
 *
 * The kernel has no event for a namespace getting a name, so, like
 * `ip netns monitor`, this watches /run/netns with inotify. An entry is
 * created before its namespace is bind-mounted onto it, so the mount table
 * is watched too (/proc/self/mountinfo polls with POLLPRI on any change,
 * including mounts that propagate in from `ip` run in another mount
 * namespace).
 *
 * Signals:
 *   entry-changed (name): an entry was created, removed or renamed.
 *   mounts-changed (): the mount table changed.
 *   overflow (): events were lost; everything must be looked at again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-netns-monitor.h"

#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
                    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct _NnsNetnsMonitor
{
  GObject  parent_instance;

  int      inotify_fd;
  int      mountinfo_fd;
  guint    inotify_source;
  guint    mountinfo_source;
};

enum {
  SIGNAL_ENTRY_CHANGED,
  SIGNAL_MOUNTS_CHANGED,
  SIGNAL_OVERFLOW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NnsNetnsMonitor, nns_netns_monitor, G_TYPE_OBJECT)

static void
nns_netns_monitor_finalize (GObject *object)
{
  NnsNetnsMonitor *self = NNS_NETNS_MONITOR (object);

  g_clear_handle_id (&self->inotify_source, g_source_remove);
  g_clear_handle_id (&self->mountinfo_source, g_source_remove);
  nns_clear_fd (&self->inotify_fd);
  nns_clear_fd (&self->mountinfo_fd);

  G_OBJECT_CLASS (nns_netns_monitor_parent_class)->finalize (object);
}

static void
nns_netns_monitor_class_init (NnsNetnsMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_netns_monitor_finalize;

  signals[SIGNAL_ENTRY_CHANGED] =
    g_signal_new ("entry-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_MOUNTS_CHANGED] =
    g_signal_new ("mounts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_OVERFLOW] =
    g_signal_new ("overflow", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nns_netns_monitor_init (NnsNetnsMonitor *self)
{
  self->inotify_fd = -1;
  self->mountinfo_fd = -1;
}

static void
handle_event (NnsNetnsMonitor            *self,
              const struct inotify_event *event)
{
  if (event->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))
    {
      g_debug ("lost track of the namespace directory; rescanning");
      g_signal_emit (self, signals[SIGNAL_OVERFLOW], 0);
      return;
    }
  if (event->len > 0 && event->name[0] != '\0' &&
      g_utf8_validate (event->name, -1, NULL))
    g_signal_emit (self, signals[SIGNAL_ENTRY_CHANGED], 0, event->name);
}

static gboolean
on_inotify (int          fd,
            GIOCondition condition,
            gpointer     user_data)
{
  NnsNetnsMonitor *self = user_data;
  char buffer[16384] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  ssize_t len;

  while ((len = read (fd, buffer, sizeof buffer)) > 0)
    {
      for (char *p = buffer; p < buffer + len; )
        {
          const struct inotify_event *event = (const struct inotify_event *) p;

          handle_event (self, event);
          p += sizeof (struct inotify_event) + event->len;
        }
    }
  if (len < 0 && errno != EAGAIN && errno != EINTR)
    g_warning ("cannot read namespace events: %s", g_strerror (errno));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_mountinfo (int          fd,
              GIOCondition condition,
              gpointer     user_data)
{
  NnsNetnsMonitor *self = user_data;

  /* The poll itself re-arms the notification; nothing needs reading. */
  g_signal_emit (self, signals[SIGNAL_MOUNTS_CHANGED], 0);
  return G_SOURCE_CONTINUE;
}

NnsNetnsMonitor *
nns_netns_monitor_new (const char *path,
                       GError    **error)
{
  g_autoptr(NnsNetnsMonitor) self = g_object_new (NNS_TYPE_NETNS_MONITOR, NULL);

  self->inotify_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  if (self->inotify_fd < 0 ||
      inotify_add_watch (self->inotify_fd, path, WATCH_MASK) < 0)
    {
      nns_set_error_errno (error, errno, "cannot watch %s", path);
      return NULL;
    }
  self->mountinfo_fd = open ("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
  if (self->mountinfo_fd < 0)
    {
      nns_set_error_errno (error, errno, "cannot watch the mount table");
      return NULL;
    }

  self->inotify_source = g_unix_fd_add (self->inotify_fd, G_IO_IN, on_inotify, self);
  self->mountinfo_source = g_unix_fd_add (self->mountinfo_fd, G_IO_PRI | G_IO_ERR,
                                          on_mountinfo, self);
  return g_steal_pointer (&self);
}
