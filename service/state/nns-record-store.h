/* nns-record-store.h: a directory of small records, each a key file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NNS_TYPE_RECORD_STORE (nns_record_store_get_type ())
G_DECLARE_FINAL_TYPE (NnsRecordStore, nns_record_store, NNS, RECORD_STORE, GObject)

NnsRecordStore *nns_record_store_new       (const char     *directory,
                                            GError        **error);
const char     *nns_record_store_get_directory (NnsRecordStore *self);
gboolean        nns_record_store_save      (NnsRecordStore *self,
                                            const char     *key,
                                            GKeyFile       *record,
                                            GError        **error);
GKeyFile       *nns_record_store_load      (NnsRecordStore *self,
                                            const char     *key);
void            nns_record_store_forget    (NnsRecordStore *self,
                                            const char     *key);
GPtrArray      *nns_record_store_list_keys (NnsRecordStore *self);

G_END_DECLS
