/* netns-error-private.h: what libnetns does to the errors it passes on.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "netns/netns-error.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
void netns_error_strip_remote (GError *error);

G_END_DECLS
