/* nns-ctl.h: what every netnsctl command shares.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <netns/netns.h>

G_BEGIN_DECLS

/* Exit codes a shell can test; README.md has the table of which error
 * gives which. */
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

typedef struct _NnsCtlCommand NnsCtlCommand;

typedef struct {
  NetNsClient     *client;        /* NULL until the first call */
  gboolean         json;
  gboolean         ask_password;
  gboolean         agent_tried;
  char            *namespace;     /* -n NAME given before the command; NULL: the host */
  GPtrArray       *batch;         /* -batch: the changes, as operations of one Apply */
  const char      *where;         /* -batch: "FILE:LINE" of the line being read */
  const NnsCtlCommand *(*find_command) (const char *name);  /* the command table's lookup */
} NnsCtl;

struct _NnsCtlCommand {
  const char *name;
  int       (*run) (NnsCtl *ctl, int argc, char **argv);
  const char *summary;
};

/* Words after a verb, read the way ip(8) reads them. */
typedef struct {
  NnsCtl      *ctl;
  int          argc;
  char       **argv;
  int          next;
  const char  *command;   /* "link add" */
  const char  *syntax;    /* the words it takes */
} NnsCtlWords;

void        nns_ctl_words_init      (NnsCtlWords *words,
                                     NnsCtl      *ctl,
                                     int          argc,
                                     char       **argv,
                                     const char  *command,
                                     const char  *syntax);
gboolean    nns_ctl_words_done      (NnsCtlWords *words);
const char *nns_ctl_words_peek      (NnsCtlWords *words);
const char *nns_ctl_words_take      (NnsCtlWords *words);
gboolean    nns_ctl_words_take_if   (NnsCtlWords *words,
                                     const char  *keyword);
const char *nns_ctl_words_value     (NnsCtlWords *words,
                                     const char  *keyword,
                                     GError     **error);
gboolean    nns_ctl_words_uint      (NnsCtlWords *words,
                                     const char  *keyword,
                                     guint32     *value,
                                     GError     **error);
int         nns_ctl_words_error     (NnsCtlWords *words,
                                     const char  *message);

int         nns_ctl_run_verb        (NnsCtl              *ctl,
                                     const char          *group,
                                     const NnsCtlCommand *verbs,
                                     gsize                n_verbs,
                                     int                  argc,
                                     char               **argv);
const char *nns_ctl_namespace       (NnsCtl      *ctl,
                                     const char  *option);
int         nns_ctl_print_reply     (NnsCtl      *ctl);

GOptionContext *nns_ctl_option_context (NnsCtl             *ctl,
                                        const char         *command,
                                        const char         *parameters,
                                        const char         *summary,
                                        const GOptionEntry *entries);
int       nns_ctl_parse_options  (NnsCtl          *ctl,
                                  GOptionContext  *context,
                                  int             *argc,
                                  char          ***argv);
int       nns_ctl_usage_error    (NnsCtl          *ctl,
                                  GOptionContext  *context,
                                  const char      *message);
int       nns_ctl_usage          (NnsCtl          *ctl,
                                  const char      *message,
                                  const char      *usage);
int       nns_ctl_parse_verb_options (NnsCtl       *ctl,
                                      int          *argc,
                                      char       ***argv,
                                      const char   *command,
                                      const char   *syntax,
                                      const char   *summary,
                                      char        **namespace);

/* netnsd, through libnetns (nns-ctl-client.c). */
NetNsClient *nns_ctl_client          (NnsCtl      *ctl,
                                      GError     **error);
NetNsClient *nns_ctl_client_to_read  (NnsCtl      *ctl,
                                      const char  *method,
                                      GError     **error);
gboolean     nns_ctl_not_in_batch    (NnsCtl      *ctl,
                                      const char  *what,
                                      const char  *why,
                                      GError     **error);
int          nns_ctl_batch_add       (NnsCtl      *ctl,
                                      GVariant    *operation);

int       nns_ctl_fail           (NnsCtl       *ctl,
                                  const GError *error);
int       nns_ctl_fail_at        (NnsCtl       *ctl,
                                  const GError *error,
                                  const char   *where);
void      nns_ctl_print_json     (JsonNode     *node);

/* Prints a ListLinks answer, only the link named @only if not NULL. */
typedef void (*NnsCtlLinksPrinter) (GVariant   *links,
                                    const char *only);

int         nns_ctl_show_links       (NnsCtl             *ctl,
                                      int                 argc,
                                      char              **argv,
                                      const char         *command,
                                      const char         *syntax,
                                      const char         *summary,
                                      NnsCtlLinksPrinter  print_table);
void        nns_ctl_print_json_dicts (GVariant    *dicts,
                                      const char  *only);

/* -batch FILE: the commands of FILE, one per line, as one Apply. */
typedef const NnsCtlCommand *(*NnsCtlFindCommand) (const char *name);

int         nns_ctl_batch            (NnsCtl             *ctl,
                                      const char         *path,
                                      NnsCtlFindCommand   find_command);
int         nns_ctl_batch_read       (NnsCtl             *ctl,
                                      const char         *path,
                                      NnsCtlFindCommand   find_command,
                                      GPtrArray          *operations,
                                      GArray             *lines);

/* up and down: declared topologies (nns-ctl-topology.c). */
int nns_ctl_topology_up   (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_topology_down (NnsCtl *ctl, int argc, char **argv);

/* The named namespaces, sorted by name, the client's (nns-ctl-client.c). */
gboolean    nns_ctl_fetch_namespaces (NnsCtl   *ctl,
                                      GList   **namespaces,
                                      GError  **error);

/* Commands, by group (one file each). */
int nns_ctl_netns_list   (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_netns_add    (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_netns_delete (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_netns_attach (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_netns_identify (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_netns_pids   (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_link         (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_addr         (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_route        (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_exec         (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_dns          (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_sysctl       (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_nat          (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_forward      (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_connect      (NnsCtl *ctl, int argc, char **argv);
int nns_ctl_monitor      (NnsCtl *ctl, int argc, char **argv);

/* link add ... type KIND, for the kinds but veth (nns-ctl-link-kinds.c). */
int nns_ctl_link_add_kind (NnsCtl      *ctl,
                           NnsCtlWords *words,
                           const char  *namespace,
                           const char  *name,
                           const char  *address,
                           const char  *parent,
                           guint32      mtu,
                           gboolean     up);

void nns_ctl_agent_start (void);
void nns_ctl_agent_stop  (void);

/* exec on a terminal: a pty of its own for the program (nns-ctl-pty.c). */
typedef struct _NnsCtlPty NnsCtlPty;

gboolean   nns_ctl_pty_wanted        (void);
NnsCtlPty *nns_ctl_pty_new           (GError    **error);
int        nns_ctl_pty_get_slave     (NnsCtlPty  *pty);
void       nns_ctl_pty_start         (NnsCtlPty  *pty);
void       nns_ctl_pty_finish        (NnsCtlPty  *pty);
gboolean   nns_ctl_pty_drained       (NnsCtlPty  *pty);
void       nns_ctl_pty_free          (NnsCtlPty  *pty);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsCtlPty, nns_ctl_pty_free)

G_END_DECLS
