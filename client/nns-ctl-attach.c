/* nns-ctl-attach.c: netnsctl attach, identify and pids, the words of
 * `ip netns attach`, `ip netns identify` and `ip netns pids`.
 *
 * attach opens the process's namespace itself, as the user who runs it,
 * and hands netnsd the fd: so it attaches only what that user may open.
 * identify and pids compare namespaces by inode, as netnsd's Inode
 * property gives them, with /proc/PID/ns/net: every namespace is a file
 * of the one nsfs, whose inode numbers tell namespaces apart (`ip netns
 * identify` compares device and inode, and the device is nsfs's for all).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "nns-ctl.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

/* The error for failing to reach @path: a process that is not there is
 * NotFound, one of another user's NotAuthorized. */
static void
set_open_error (GError    **error,
                int         errsv,
                const char *path)
{
  NetNsError code = errsv == EACCES || errsv == EPERM ? NETNS_ERROR_NOT_AUTHORIZED
                  : errsv == ENOENT || errsv == ESRCH ? NETNS_ERROR_NOT_FOUND
                  : NETNS_ERROR_FAILED;

  g_set_error (error, NETNS_ERROR, code, "cannot open %s: %s", path, g_strerror (errsv));
}

/* "/proc/PID/ns/net" for a PID word (a positive number, or "self"), or
 * NULL. */
static char *
pid_namespace_path (const char *word)
{
  guint64 pid;

  if (g_str_equal (word, "self"))
    return g_strdup ("/proc/self/ns/net");
  if (!g_ascii_string_to_unsigned (word, 10, 1, G_MAXINT32, &pid, NULL))
    return NULL;
  return g_strdup_printf ("/proc/%" G_GUINT64_FORMAT "/ns/net", pid);
}

/* The inode of the network namespace @path is (it must be nsfs). */
static gboolean
namespace_inode (const char *path,
                 guint64    *inode,
                 GError    **error)
{
  struct statfs sfs;
  struct stat st;

  if (stat (path, &st) < 0 || statfs (path, &sfs) < 0)
    {
      set_open_error (error, errno, path);
      return FALSE;
    }
  if ((unsigned long) sfs.f_type != (unsigned long) NSFS_MAGIC)
    {
      g_set_error (error, NETNS_ERROR, NETNS_ERROR_INVALID_ARGUMENT,
                   "%s is not a namespace", path);
      return FALSE;
    }
  *inode = st.st_ino;
  return TRUE;
}

/* attach */

static void
print_attached_json (const char *name,
                     const char *object_path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "object_path");
  json_builder_add_string_value (builder, object_path);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  nns_ctl_print_json (root);
}

int
nns_ctl_netns_attach (NnsCtl *ctl,
                      int     argc,
                      char  **argv)
{
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "attach", "NAME PID|PATH",
                            "Give the network namespace of process PID the name NAME, as\n"
                            "`ip netns attach NAME PID` does; or of PATH, a namespace file\n"
                            "such as a bind mount of /proc/PID/ns/net. netnsctl opens it as\n"
                            "you; you own it only if your user owns its user namespace\n"
                            "(as for one of your own `unshare -rn`).", NULL);
  g_autoptr(NetNsNamespace) attached = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  NetNsClient *client;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);
  int fd;

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 3)
    return nns_ctl_usage_error (ctl, context, "attach takes a NAME and a PID or PATH");
  path = argv[2][0] == '/' ? g_strdup (argv[2]) : pid_namespace_path (argv[2]);
  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("'%s' is neither a process id nor a path",
                                                  argv[2]);

      return nns_ctl_usage_error (ctl, context, message);
    }

  /* O_NONBLOCK: a FIFO named by mistake must not hang netnsctl. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_open_error (&error, errno, path);
      return nns_ctl_fail (ctl, error);
    }
  /* A file of lines has no file descriptors to give. */
  if (nns_ctl_not_in_batch (ctl, "AttachNamespace", "it passes a file descriptor", &error) &&
      (client = nns_ctl_client (ctl, &error)) != NULL)
    attached = netns_client_attach_namespace_sync (client, argv[1], fd, NULL, NULL, &error);
  close (fd);
  if (attached == NULL)
    return nns_ctl_fail (ctl, error);
  if (ctl->json)
    print_attached_json (argv[1], netns_namespace_get_object_path (attached));
  return NNS_EXIT_OK;
}

/* identify */

static void
print_names (NnsCtl    *ctl,
             GPtrArray *names)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!ctl->json)
    {
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *escaped = g_strescape (names->pdata[i], NULL);

          g_print ("%s\n", escaped);
        }
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < names->len; i++)
    json_builder_add_string_value (builder, names->pdata[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  nns_ctl_print_json (root);
}

int
nns_ctl_netns_identify (NnsCtl *ctl,
                        int     argc,
                        char  **argv)
{
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "identify", "[PID]",
                            "Print the names of the network namespace of process PID\n"
                            "(default: netnsctl's own), one a line, as `ip netns identify`\n"
                            "does.", NULL);
  g_autoptr(GList) namespaces = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint64 inode;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc > 2)
    return nns_ctl_usage_error (ctl, context, "identify takes at most one PID");
  path = pid_namespace_path (argc == 2 ? argv[1] : "self");
  if (path == NULL)
    return nns_ctl_usage_error (ctl, context, "PID is not a process id");
  if (!namespace_inode (path, &inode, &error) ||
      !nns_ctl_fetch_namespaces (ctl, &namespaces, &error))
    return nns_ctl_fail (ctl, error);

  for (GList *l = namespaces; l != NULL; l = l->next)
    {
      const char *name = netns_namespace_get_name (l->data);

      /* "": a namespace named by nothing printable. */
      if (name[0] != '\0' && netns_namespace_get_inode (l->data) == inode)
        g_ptr_array_add (names, (gpointer) name);
    }
  print_names (ctl, names);
  return NNS_EXIT_OK;
}

/* pids */

static int
compare_pids (gconstpointer a,
              gconstpointer b)
{
  guint pid_a = *(const guint *) a, pid_b = *(const guint *) b;

  return pid_a < pid_b ? -1 : pid_a > pid_b;
}

/* The processes whose network namespace has @inode; those netnsctl may
 * not look at (another user's, to a user other than root) are skipped,
 * as ip skips them. */
static GArray *
find_pids (guint64  inode,
           GError **error)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, error);
  const char *entry;

  if (proc == NULL)
    return NULL;
  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      guint64 pid;
      struct stat st;

      if (!g_ascii_string_to_unsigned (entry, 10, 1, G_MAXINT32, &pid, NULL))
        continue;
      path = g_strdup_printf ("/proc/%s/ns/net", entry);
      if (stat (path, &st) == 0 && st.st_ino == inode)
        {
          guint value = (guint) pid;

          g_array_append_val (pids, value);
        }
    }
  g_array_sort (pids, compare_pids);
  return g_steal_pointer (&pids);
}

static void
print_pids (NnsCtl *ctl,
            GArray *pids)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!ctl->json)
    {
      for (guint i = 0; i < pids->len; i++)
        g_print ("%u\n", g_array_index (pids, guint, i));
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < pids->len; i++)
    json_builder_add_int_value (builder, g_array_index (pids, guint, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  nns_ctl_print_json (root);
}

int
nns_ctl_netns_pids (NnsCtl *ctl,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "pids", "NAME",
                            "Print the processes whose network namespace is NAME, one a\n"
                            "line, as `ip netns pids NAME` does (as a user other than root,\n"
                            "only your own processes).", NULL);
  g_autoptr(GList) namespaces = NULL;
  g_autoptr(GArray) pids = NULL;
  g_autoptr(GError) error = NULL;
  NetNsNamespace *found = NULL;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "pids takes one NAME");
  if (!nns_ctl_fetch_namespaces (ctl, &namespaces, &error))
    return nns_ctl_fail (ctl, error);
  for (GList *l = namespaces; l != NULL && found == NULL; l = l->next)
    if (g_str_equal (netns_namespace_get_name (l->data), argv[1]))
      found = l->data;
  if (found == NULL || argv[1][0] == '\0')
    {
      g_autofree char *escaped = g_strescape (argv[1], NULL);

      g_set_error (&error, NETNS_ERROR, NETNS_ERROR_NOT_FOUND, "namespace '%s' not found", escaped);
      return nns_ctl_fail (ctl, error);
    }
  pids = find_pids (netns_namespace_get_inode (found), &error);
  if (pids == NULL)
    return nns_ctl_fail (ctl, error);
  print_pids (ctl, pids);
  return NNS_EXIT_OK;
}
