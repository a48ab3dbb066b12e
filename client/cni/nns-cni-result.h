/* nns-cni-result.h: what the plugin prints: ADD's result (SPEC.md,
 * "ADD Success"), errors and VERSION's answer, in the shape each
 * specification version gives them; and prevResult, read back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "nns-address.h"

G_BEGIN_DECLS

/* The versions the plugin speaks, oldest first. */
extern const char *const nns_cni_versions[];

/* The index of @version in nns_cni_versions, or -1. */
int       nns_cni_version_index       (const char *version);

/* A result: the arrays and dns object of the JSON, kept as JSON so that
 * what a plugin before this one put in prevResult passes on unchanged,
 * members this plugin does not know included. */
typedef struct {
  JsonArray  *interfaces;
  JsonArray  *ips;
  JsonArray  *routes;
  JsonObject *dns;
} NnsCniResult;

NnsCniResult *nns_cni_result_new      (void);
void          nns_cni_result_free     (NnsCniResult *result);

/* Reads a prevResult (of any version the plugin speaks); fails with
 * NNS_CNI_ERROR_INVALID_CONFIG when its shape is wrong. */
NnsCniResult *nns_cni_result_parse    (JsonObject   *object,
                                       GError      **error);

/* Appends; returns the new interface's index. @mac and @sandbox may be NULL. */
guint nns_cni_result_add_interface    (NnsCniResult *result,
                                       const char   *name,
                                       const char   *mac,
                                       const char   *sandbox);
void  nns_cni_result_add_ip           (NnsCniResult  *result,
                                       const NnsCidr *address,
                                       const NnsCidr *gateway,
                                       int            interface);
void  nns_cni_result_add_route        (NnsCniResult  *result,
                                       const NnsCidr *destination,
                                       const NnsCidr *gateway);
/* Takes the members of @dns that the specification defines. */
void  nns_cni_result_set_dns          (NnsCniResult *result,
                                       JsonObject   *dns);

/* Appends @other's interfaces, ips (their interface indices moved along)
 * and routes to @result, and takes its dns if @result has none. */
void  nns_cni_result_append           (NnsCniResult *result,
                                       NnsCniResult *other);

/* Readers for CHECK and DEL, all on the arrays as parsed. */
guint        nns_cni_result_n_interfaces (NnsCniResult *result);
const char  *nns_cni_result_interface    (NnsCniResult *result,
                                          guint         index,
                                          const char   *member);
int          nns_cni_result_find_interface (NnsCniResult *result,
                                            const char   *name,
                                            const char   *sandbox);
guint        nns_cni_result_n_ips        (NnsCniResult *result);
/* ips[index]: its address, gateway (family 0 when none) and interface
 * (-1 when none). */
void         nns_cni_result_ip           (NnsCniResult *result,
                                          guint         index,
                                          NnsCidr      *address,
                                          NnsCidr      *gateway,
                                          int          *interface);
guint        nns_cni_result_n_routes     (NnsCniResult *result);
void         nns_cni_result_route        (NnsCniResult *result,
                                          guint         index,
                                          NnsCidr      *destination,
                                          NnsCidr      *gateway);

/* The JSON text to print, in @version's shape. */
char *nns_cni_result_to_json          (NnsCniResult *result,
                                       const char   *version);
char *nns_cni_error_to_json           (const GError *error,
                                       const char   *version);
char *nns_cni_version_to_json         (const char   *version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsCniResult, nns_cni_result_free)

G_END_DECLS
