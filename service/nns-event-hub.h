/* nns-event-hub.h: one main-loop source for the notification sockets of
 * every namespace.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef void (*NnsEventFunc) (gpointer user_data);

#define NNS_TYPE_EVENT_HUB (nns_event_hub_get_type ())
G_DECLARE_FINAL_TYPE (NnsEventHub, nns_event_hub, NNS, EVENT_HUB, GObject)

NnsEventHub *nns_event_hub_get_default (void);
gboolean     nns_event_hub_add         (NnsEventHub  *self,
                                        int           fd,
                                        NnsEventFunc  func,
                                        gpointer      user_data,
                                        GError      **error);
void         nns_event_hub_remove      (NnsEventHub  *self,
                                        int           fd);

G_END_DECLS
