/* test-spawn-child.c: the steps of a spawned program's child that need no
 * privileges: putting the caller's fds on 0, 1 and 2 whatever numbers they
 * arrived with, and closing every other fd, with close_range() and with
 * the fallbacks for kernels without it.
 *
 * Each case runs in a forked child, since it rearranges the fds of the
 * process; the child reports what went wrong on a copy of stderr it keeps
 * out of the way.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nns-spawn-child.h"
#include "nns-spawn-plan.h"

#define REPORT_FD 200
#define SKIP_STATUS 77

static G_NORETURN void
child_fail (const char *format,
            ...) G_GNUC_PRINTF (1, 2);

static void
child_fail (const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  vdprintf (REPORT_FD, format, args);
  va_end (args);
  dprintf (REPORT_FD, "\n");
  _exit (1);
}

/* Runs @body in a child; fails the test if the child did. */
static void
run_in_child (void (*body) (gconstpointer data),
              gconstpointer data)
{
  int status;
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (dup2 (2, REPORT_FD) < 0)
        _exit (2);
      body (data);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == SKIP_STATUS)
    {
      g_test_skip ("the fd limit is too low here");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static ino_t
inode_of (int fd)
{
  struct stat st;

  if (fstat (fd, &st) < 0)
    child_fail ("fd %d is not open: %s", fd, g_strerror (errno));
  return st.st_ino;
}

/* Where the caller's stdin, stdout and stderr sit in netnsd, as
 * GUnixFDList gives them: close-on-exec. The same number twice is the same
 * fd passed twice. */
typedef struct {
  int numbers[3];
} StdioCase;

static void
stdio_case (gconstpointer data)
{
  const StdioCase *c = data;
  ino_t expected[3];
  int files[3];

  /* A file of its own for each distinct number, made above the range
   * first, so that placing one cannot overwrite another. */
  for (int i = 0; i < 3; i++)
    {
      files[i] = -1;
      for (int j = 0; j < i; j++)
        if (c->numbers[j] == c->numbers[i])
          files[i] = files[j];
      if (files[i] < 0)
        {
          int fd = memfd_create ("stdio", MFD_CLOEXEC);

          files[i] = fcntl (fd, F_DUPFD_CLOEXEC, 100 + i);
          close (fd);
        }
      expected[i] = inode_of (files[i]);
    }
  for (int fd = 0; fd < 3; fd++)
    close (fd);
  for (int i = 0; i < 3; i++)
    if (c->numbers[i] != files[i] && dup3 (files[i], c->numbers[i], O_CLOEXEC) < 0)
      child_fail ("cannot place fd %d: %s", c->numbers[i], g_strerror (errno));
  for (int i = 0; i < 3; i++)
    if (files[i] >= 100)
      close (files[i]);

  if (nns_spawn_child_set_up_stdio (c->numbers) < 0)
    child_fail ("set_up_stdio failed: %s", g_strerror (errno));
  for (int fd = 0; fd < 3; fd++)
    {
      if (inode_of (fd) != expected[fd])
        child_fail ("stdio {%d, %d, %d}: fd %d is not the file passed for it",
                    c->numbers[0], c->numbers[1], c->numbers[2], fd);
      if (fcntl (fd, F_GETFD) & FD_CLOEXEC)
        child_fail ("stdio {%d, %d, %d}: fd %d would close at execve()",
                    c->numbers[0], c->numbers[1], c->numbers[2], fd);
    }
}

static void
test_stdio (gconstpointer data)
{
  run_in_child (stdio_case, data);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The fds the process has open, as /proc/self/fd lists them (less the
 * listing's own), as text: "0 1 2 5". */
static char *
open_fds (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (int));
  DIR *dir = opendir ("/proc/self/fd");
  struct dirent *entry;

  while ((entry = readdir (dir)) != NULL)
    {
      int fd = atoi (entry->d_name);

      if (entry->d_name[0] != '.' && fd != dirfd (dir))
        g_array_append_val (fds, fd);
    }
  closedir (dir);
  g_array_sort (fds, compare_ints);
  for (guint i = 0; i < fds->len; i++)
    g_string_append_printf (text, "%s%d", i > 0 ? " " : "", g_array_index (fds, int, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef enum {
  CLOSE_ANY,       /* close_range(), as on this kernel */
  CLOSE_LISTED,    /* the /proc/self/fd walk */
  CLOSE_COUNTING,  /* every number below the limit */
} CloseWay;

/* fds everywhere, up to just below the hard limit (far above 65536 where
 * the limit allows it: netnsd's unit sets 524288) and above the soft
 * limit, which can be lowered while higher fds stay open: only 0 to 2 and
 * the one kept (the report pipe in netnsd; here the copy of stderr that
 * reports) may stay. */
static void
close_case (gconstpointer data)
{
  CloseWay way = GPOINTER_TO_INT (data);
  const int numbers[] = { 3, 4, 9, 10, 99, 1023, 1024, 4096, 65535, 65536, 70000 };
  struct rlimit limit;
  g_autofree char *left = NULL;
  g_autofree char *expected = NULL;
  int keep = REPORT_FD;
  int null_fd;
  int fd_limit;
  int result;

  if (getrlimit (RLIMIT_NOFILE, &limit) < 0)
    child_fail ("getrlimit: %s", g_strerror (errno));
  if (limit.rlim_max <= 70000)
    {
      struct rlimit raised = { 70001, 70001 };

      if (setrlimit (RLIMIT_NOFILE, &raised) == 0)
        limit = raised;
    }
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) < 0 || limit.rlim_max < 4097)
    _exit (SKIP_STATUS);

  null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    if ((rlim_t) numbers[i] < limit.rlim_max && dup2 (null_fd, numbers[i]) < 0)
      child_fail ("cannot open fd %d: %s", numbers[i], g_strerror (errno));
  if (dup2 (null_fd, (int) limit.rlim_max - 1) < 0)
    child_fail ("cannot open fd %d: %s", (int) limit.rlim_max - 1, g_strerror (errno));
  close (null_fd);
  limit.rlim_cur = 1024;
  if (setrlimit (RLIMIT_NOFILE, &limit) < 0)
    child_fail ("cannot lower the soft fd limit: %s", g_strerror (errno));

  /* As the spawner reads it before fork(). */
  fd_limit = nns_spawn_plan_read_fd_limit ();
  switch (way)
    {
    case CLOSE_LISTED:
      result = nns_spawn_child_close_fds_listed (keep, 1);
      break;
    case CLOSE_COUNTING:
      result = nns_spawn_child_close_fds_counting (keep, 1, fd_limit);
      break;
    case CLOSE_ANY:
    default:
      result = nns_spawn_child_close_fds (keep, 1, fd_limit);
      break;
    }
  if (result < 0)
    child_fail ("closing failed: %s", g_strerror (errno));

  left = open_fds ();
  expected = g_strdup_printf ("0 1 2 %d", keep);
  if (!g_str_equal (left, expected))
    child_fail ("open fds after closing (fd limit %d, read as %d): '%s', expected '%s'",
                (int) limit.rlim_max, fd_limit, left, expected);
}

static void
test_close_fds (gconstpointer data)
{
  run_in_child (close_case, data);
}

int
main (int    argc,
      char **argv)
{
  static const StdioCase stdio_cases[] = {
    { { 0, 1, 2 } },     /* each already in place, close-on-exec */
    { { 1, 0, 2 } },     /* stdin arrived as 1, stdout as 0 */
    { { 2, 0, 1 } },
    { { 1, 2, 0 } },
    { { 2, 2, 2 } },     /* a terminal passed three times, as 2 */
    { { 0, 7, 7 } },
    { { 7, 8, 9 } },     /* the usual case */
  };

  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (stdio_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/spawn-child/stdio/%d-%d-%d",
                                               stdio_cases[i].numbers[0],
                                               stdio_cases[i].numbers[1],
                                               stdio_cases[i].numbers[2]);

      g_test_add_data_func (path, &stdio_cases[i], test_stdio);
    }
  g_test_add_data_func ("/spawn-child/close-fds/close-range", GINT_TO_POINTER (CLOSE_ANY),
                        test_close_fds);
  g_test_add_data_func ("/spawn-child/close-fds/listed", GINT_TO_POINTER (CLOSE_LISTED),
                        test_close_fds);
  g_test_add_data_func ("/spawn-child/close-fds/counting", GINT_TO_POINTER (CLOSE_COUNTING),
                        test_close_fds);

  return g_test_run ();
}
