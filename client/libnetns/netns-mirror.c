/* netns-mirror.c: a D-Bus property's change as a GObject notify::.
 *
 * NetNsNamespace and NetNsLink read their properties from the generated
 * proxies, whose own properties carry the same names (gdbus-codegen
 * hyphenates them as GObject does: OperState is "oper-state") and are
 * notified when PropertiesChanged arrives. So one handler serves both:
 * a notification of the proxy becomes the wrapper's property of that
 * name, and the proxy's other properties (g-name-owner, ...) are ignored.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-link-private.h"

static void
on_proxy_notify (GObject    *proxy,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GObject *target = user_data;
  GParamSpec *mirrored = g_object_class_find_property (G_OBJECT_GET_CLASS (target), pspec->name);

  if (mirrored != NULL && mirrored->owner_type == G_OBJECT_TYPE (target))
    g_object_notify_by_pspec (target, mirrored);
}

/* @target's properties follow @proxy's, as long as @target lives. */
void
netns_mirror_notify (GObject  *target,
                     gpointer  proxy)
{
  g_signal_connect_object (proxy, "notify", G_CALLBACK (on_proxy_notify), target, 0);
}
