/* nns-exporter.h: the registry's namespaces as objects on the bus.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nns-registry.h"

G_BEGIN_DECLS

#define NNS_TYPE_EXPORTER (nns_exporter_get_type ())
G_DECLARE_FINAL_TYPE (NnsExporter, nns_exporter, NNS, EXPORTER, GObject)

NnsExporter *nns_exporter_new (NnsRegistry              *registry,
                               GDBusObjectManagerServer *object_manager);

G_END_DECLS
