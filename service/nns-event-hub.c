/* nns-event-hub.c: one main-loop source for the notification sockets of
 * every namespace.
 *
 * Each namespace has a socket of link notifications. As a GSource each,
 * thousands of namespaces would make every main-loop iteration poll
 * thousands of fds, so every D-Bus call would cost O(namespaces). Instead
 * they share one epoll set, and only the epoll fd is in the main loop:
 * an iteration costs the same with five namespaces or five thousand.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <sys/epoll.h>

#include "nns-error.h"
#include "nns-event-hub.h"
#include "nns-fd.h"

/* Events handled per wake-up; more wait for the next iteration. */
#define MAX_EVENTS 64

typedef struct {
  NnsEventFunc func;
  gpointer     user_data;
} Watch;

struct _NnsEventHub
{
  GObject     parent_instance;

  int         epoll_fd;
  guint       source;
  GHashTable *watches;   /* fd -> Watch */
};

G_DEFINE_FINAL_TYPE (NnsEventHub, nns_event_hub, G_TYPE_OBJECT)

static void
nns_event_hub_finalize (GObject *object)
{
  NnsEventHub *self = NNS_EVENT_HUB (object);

  g_clear_handle_id (&self->source, g_source_remove);
  nns_clear_fd (&self->epoll_fd);
  g_hash_table_unref (self->watches);

  G_OBJECT_CLASS (nns_event_hub_parent_class)->finalize (object);
}

static void
nns_event_hub_class_init (NnsEventHubClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_event_hub_finalize;
}

static gboolean
on_ready (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  NnsEventHub *self = user_data;
  struct epoll_event events[MAX_EVENTS];
  int n = epoll_wait (self->epoll_fd, events, MAX_EVENTS, 0);

  for (int i = 0; i < n; i++)
    {
      /* Looked up again: an earlier callback may have removed this one. */
      Watch *watch = g_hash_table_lookup (self->watches, GINT_TO_POINTER (events[i].data.fd));

      if (watch != NULL)
        watch->func (watch->user_data);
    }
  return G_SOURCE_CONTINUE;
}

static void
nns_event_hub_init (NnsEventHub *self)
{
  self->watches = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (self->epoll_fd < 0)
    g_error ("cannot create an epoll set: %s", g_strerror (errno));
  self->source = g_unix_fd_add (self->epoll_fd, G_IO_IN, on_ready, self);
}

/* The hub of the main thread's default main context. */
NnsEventHub *
nns_event_hub_get_default (void)
{
  static NnsEventHub *hub = NULL;

  if (hub == NULL)
    hub = g_object_new (NNS_TYPE_EVENT_HUB, NULL);
  return hub;
}

/* Calls @func from the main loop whenever @fd is readable, until
 * nns_event_hub_remove(). */
gboolean
nns_event_hub_add (NnsEventHub  *self,
                   int           fd,
                   NnsEventFunc  func,
                   gpointer      user_data,
                   GError      **error)
{
  struct epoll_event event = { .events = EPOLLIN, .data.fd = fd };
  Watch *watch;

  g_return_val_if_fail (NNS_IS_EVENT_HUB (self), FALSE);

  if (epoll_ctl (self->epoll_fd, EPOLL_CTL_ADD, fd, &event) < 0)
    {
      nns_set_error_errno (error, errno, "cannot watch a notification socket");
      return FALSE;
    }
  watch = g_new0 (Watch, 1);
  watch->func = func;
  watch->user_data = user_data;
  g_hash_table_replace (self->watches, GINT_TO_POINTER (fd), watch);
  return TRUE;
}

void
nns_event_hub_remove (NnsEventHub *self,
                      int          fd)
{
  g_return_if_fail (NNS_IS_EVENT_HUB (self));

  epoll_ctl (self->epoll_fd, EPOLL_CTL_DEL, fd, NULL);
  g_hash_table_remove (self->watches, GINT_TO_POINTER (fd));
}
