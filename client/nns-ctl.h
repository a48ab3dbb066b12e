/* nns-ctl.h: what every netnsctl command shares.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit codes a shell can test. */
typedef enum {
  NNS_EXIT_OK = 0,
  NNS_EXIT_FAILED = 1,
  NNS_EXIT_USAGE = 2,
  NNS_EXIT_NOT_AUTHORIZED = 3,
  NNS_EXIT_NOT_FOUND = 4,
  NNS_EXIT_EXISTS = 5,
  NNS_EXIT_INVALID_ARGUMENT = 6,
  NNS_EXIT_BUSY = 7,
  NNS_EXIT_NOT_SUPPORTED = 8,
  NNS_EXIT_NO_SERVICE = 9,
} NnsExitCode;

typedef struct {
  GDBusConnection *bus;
  gboolean         json;
  gboolean         ask_password;
} NnsCtl;

typedef struct {
  const char *name;
  int       (*run) (NnsCtl *ctl, int argc, char **argv);
  const char *summary;
} NnsCtlCommand;

GOptionContext *nns_ctl_option_context (const char         *command,
                                        const char         *parameters,
                                        const char         *summary,
                                        const GOptionEntry *entries);
int       nns_ctl_parse_options  (GOptionContext *context,
                                  int            *argc,
                                  char         ***argv);
int       nns_ctl_usage_error    (GOptionContext *context,
                                  const char     *message);

GVariant *nns_ctl_call           (NnsCtl             *ctl,
                                  const char         *method,
                                  GVariant           *parameters,
                                  const GVariantType *reply_type,
                                  GError            **error);
GVariant *nns_ctl_call_on        (NnsCtl             *ctl,
                                  const char         *object_path,
                                  const char         *interface,
                                  const char         *method,
                                  GVariant           *parameters,
                                  const GVariantType *reply_type,
                                  GError            **error);

int       nns_ctl_fail           (NnsCtl       *ctl,
                                  const GError *error);
void      nns_ctl_print_json     (JsonNode     *node);

/* Commands, by group (one file each). */
int nns_ctl_netns_list   (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_netns_add    (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_netns_delete (NnsCtl *ctl, int argc, char **argv);

G_END_DECLS
