/* nns-spawn-limits.c: the resource limits a spawned program gets: its
 * caller's.
 *
 * A program netnsd starts is the caller's, so it gets the caller's
 * limits, not netnsd's (whose fd limit is raised to the hard limit, and
 * whose process limit is a service's). They are read from
 * /proc/PID/limits of the caller's process, the pid the bus gives; the
 * same /proc/PID directory's status must show the caller's uid, so that a
 * pid reused by another user's process is not read (one of the same user
 * has limits that user could have called with). What cannot be read fails
 * the call: there is no right default. Each limit is capped at netnsd's
 * own hard limit, which only CAP_SYS_RESOURCE (not in netnsd's unit)
 * could raise.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nns-error.h"
#include "nns-fd.h"
#include "nns-spawn-plan.h"

/* The text of @name in the directory @dir_fd. */
static char *
read_at (int         dir_fd,
         const char *name,
         GError    **error)
{
  nns_autofd int fd = openat (dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  ssize_t got;

  if (fd < 0)
    return NULL;
  while ((got = read (fd, buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR))
    if (got > 0)
      g_string_append_len (text, buffer, got);
  if (got < 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
parse_value (const char *word,
             rlim_t     *value)
{
  guint64 number;

  if (g_str_equal (word, "unlimited"))
    {
      *value = RLIM_INFINITY;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (word, 10, 0, G_MAXUINT64, &number, NULL))
    return FALSE;
  *value = (rlim_t) number;
  return TRUE;
}

/* /proc/PID/limits: a heading, then one line per resource in the order
 * of their numbers; the name takes the first 26 columns. */
static gboolean
parse_limits (const char   *text,
              struct rlimit limits[RLIM_NLIMITS])
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (g_strv_length (lines) < RLIM_NLIMITS + 1)
    return FALSE;
  for (int resource = 0; resource < RLIM_NLIMITS; resource++)
    {
      const char *line = lines[resource + 1];
      g_auto(GStrv) words = NULL;

      if (strlen (line) < 26)
        return FALSE;
      words = g_strsplit_set (line + 26, " ", -1);
      {
        const char *values[2] = { NULL, NULL };
        guint n = 0;

        for (guint i = 0; words[i] != NULL && n < 2; i++)
          if (words[i][0] != '\0')
            values[n++] = words[i];
        if (n < 2 || !parse_value (values[0], &limits[resource].rlim_cur) ||
            !parse_value (values[1], &limits[resource].rlim_max))
          return FALSE;
      }
    }
  return TRUE;
}

/* The real uid on the Uid: line of /proc/PID/status. */
static gboolean
status_uid (const char *status,
            uid_t      *uid)
{
  const char *line = strstr (status, "\nUid:");
  guint64 value;
  g_auto(GStrv) words = NULL;

  if (line == NULL)
    return FALSE;
  words = g_strsplit_set (line + strlen ("\nUid:"), "\t \n", 8);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        if (!g_ascii_string_to_unsigned (words[i], 10, 0, G_MAXUINT32, &value, NULL))
          return FALSE;
        *uid = (uid_t) value;
        return TRUE;
      }
  return FALSE;
}

/* Fills @limits with the caller's, each no higher than netnsd's hard
 * limit. */
gboolean
nns_spawn_read_caller_limits (NnsCaller    *caller,
                              struct rlimit limits[RLIM_NLIMITS],
                              GError      **error)
{
  pid_t pid = nns_caller_get_pid (caller);
  g_autofree char *dir_path = g_strdup_printf ("/proc/%d", (int) pid);
  nns_autofd int dir_fd = -1;
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  uid_t uid = (uid_t) -1;

  if (pid > 0)
    dir_fd = open (dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0 || (status = read_at (dir_fd, "status", NULL)) == NULL ||
      (text = read_at (dir_fd, "limits", NULL)) == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED,
                   "cannot read the resource limits of the caller's process %d: %s",
                   (int) pid, pid > 0 ? g_strerror (errno) : "the bus gave no pid");
      return FALSE;
    }
  if (!status_uid (status, &uid) || uid != nns_caller_get_uid (caller) ||
      !parse_limits (text, limits))
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED,
                   "cannot read the resource limits of the caller's process %d: it is "
                   "gone, or not the caller's", (int) pid);
      return FALSE;
    }
  for (int resource = 0; resource < RLIM_NLIMITS; resource++)
    {
      struct rlimit own;

      if (getrlimit (resource, &own) < 0)
        continue;
      limits[resource].rlim_max = MIN (limits[resource].rlim_max, own.rlim_max);
      limits[resource].rlim_cur = MIN (limits[resource].rlim_cur, limits[resource].rlim_max);
    }
  return TRUE;
}
