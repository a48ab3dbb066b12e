/* nns-operation.h: one change method as parse, plan, perform and undo
 * steps, and the runner of a method call of its own (nns-runner.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gio/gunixfdlist.h>

#include "nns-authority.h"
#include "nns-batch.h"

G_BEGIN_DECLS

/* The manager an operation is run by (bus/nns-manager.h). */
typedef struct _NnsManager NnsManager;

/* One change method, in the parts that a call of its own and Apply both
 * run: parse the arguments (before the caller is known), plan the polkit
 * checks, perform the change, and put it back if a later operation of
 * the same Apply fails. */
typedef struct {
  const char *method;
  /* @parameters is the method's argument tuple; @batch is NULL for a call
   * of its own. Returns the call's state, freed with @free. */
  gpointer  (*parse)   (NnsManager  *manager,
                        GVariant    *parameters,
                        NnsBatch    *batch,
                        GError     **error);
  /* Instead of @parse, for a method that takes file descriptors: @fds is
   * the fd list of the call's message (for Apply, the Apply's), or NULL
   * when it carries none. */
  gpointer  (*parse_fds) (NnsManager  *manager,
                          GVariant    *parameters,
                          GUnixFDList *fds,
                          NnsBatch    *batch,
                          GError     **error);
  NnsAuthPlanFunc plan;
  gboolean  (*perform) (gpointer     call,
                        NnsCaller   *caller,
                        GError     **error);
  /* NULL: the change cannot be undone, so the method cannot be applied. */
  gboolean  (*undo)    (gpointer     call,
                        GError     **error);
  /* The method's return values; NULL: it returns nothing. */
  GVariant *(*reply)   (gpointer     call);
  GDestroyNotify free;
} NnsOperation;

gpointer nns_operation_parse (const NnsOperation    *operation,
                              NnsManager            *manager,
                              GVariant              *parameters,
                              GUnixFDList           *fds,
                              NnsBatch              *batch,
                              GError               **error);
gboolean nns_operation_run (NnsManager            *manager,
                            GDBusMethodInvocation *invocation,
                            const NnsOperation    *operation);

G_END_DECLS
