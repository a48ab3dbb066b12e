/* nns-nat-records.h: the masquerades and port forwards of each namespace,
 * kept across daemon restarts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "nns-nat-rules.h"

G_BEGIN_DECLS

/* The sysctls netnsd turns on for the rules, each with the value it found
 * (NULL: netnsd did not turn it on). */
typedef enum {
  NNS_NAT_SYSCTL_IPV4_FORWARDING,
  NNS_NAT_SYSCTL_IPV6_FORWARDING,
  NNS_NAT_SYSCTL_ROUTE_LOCALNET,
  NNS_NAT_N_SYSCTLS,
} NnsNatSysctl;

typedef struct {
  char        *namespace;   /* "" for the host */
  guint64      inode;       /* which namespace: names get reused */
  guint64      cookie;      /* 0 when the kernel gives none */
  NnsNatRules *rules;
  char        *found[NNS_NAT_N_SYSCTLS];
} NnsNatRecord;

NnsNatRecord *nns_nat_record_new  (const char          *namespace);
void          nns_nat_record_free (NnsNatRecord        *record);

#define NNS_TYPE_NAT_RECORDS (nns_nat_records_get_type ())
G_DECLARE_FINAL_TYPE (NnsNatRecords, nns_nat_records, NNS, NAT_RECORDS, GObject)

NnsNatRecords *nns_nat_records_new    (const char          *directory,
                                       GError             **error);
gboolean       nns_nat_records_save   (NnsNatRecords       *self,
                                       const NnsNatRecord  *record,
                                       GError             **error);
void           nns_nat_records_forget (NnsNatRecords       *self,
                                       const char          *namespace);
GPtrArray     *nns_nat_records_load_all (NnsNatRecords     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsNatRecord, nns_nat_record_free)

G_END_DECLS
