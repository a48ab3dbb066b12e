/* nns-spawn-resolve.h: finds the program of a Spawn as its caller would,
 * and opens it once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Who looks, and for what. */
typedef struct {
  uid_t         uid;
  gid_t         gid;
  const gid_t  *groups;
  guint         n_groups;
  const char   *program;     /* argv[0] as the caller gave it */
  const char   *path_list;   /* the program's PATH */
  const char   *cwd;         /* absolute */
  guint         timeout;     /* seconds */
} NnsResolveRequest;

/* The answer: the file's canonical absolute path, and the file itself,
 * opened O_PATH | O_CLOEXEC. */
typedef struct {
  char *path;
  int   fd;
} NnsResolvedProgram;

void                nns_resolved_program_free (NnsResolvedProgram *program);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NnsResolvedProgram, nns_resolved_program_free)

GStrv               nns_spawn_resolve_candidates (const char *program,
                                                  const char *path_list);

void                nns_spawn_resolve_async   (const NnsResolveRequest *request,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
NnsResolvedProgram *nns_spawn_resolve_finish  (GAsyncResult            *result,
                                               GError                 **error);

G_END_DECLS
