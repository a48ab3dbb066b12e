/* nns-ctl-batch.c: netnsctl -batch FILE, the counterpart of `ip -batch`
 * that is atomic: netnsctl's own commands, one per line, sent to netnsd as
 * one Apply, so that all of them happen or none does.
 *
 * A line is what would follow "netnsctl" on a command line (-n NS may
 * lead), quoted as a shell quotes; '#' starts a comment. Each line is read
 * by its command, as on the command line, but the command's change goes
 * into the batch, as the operation libnetns makes of it
 * (netns_operation_*()), instead of to netnsd (nns_ctl_batch_add()).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nns-ctl.h"

/* The whole of @path, or of stdin for "-". */
static char *
read_batch (const char *path,
            GError    **error)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  char *contents = NULL;

  if (!g_str_equal (path, "-"))
    return g_file_get_contents (path, &contents, NULL, error) ? contents : NULL;

  input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  output = g_memory_output_stream_new_resizable ();
  /* The text, then a NUL to end the string. */
  if (g_output_stream_splice (output, input, G_OUTPUT_STREAM_SPLICE_NONE, NULL, error) < 0 ||
      !g_output_stream_write_all (output, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (output, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
}

/* Runs one line's command, which adds its call to the batch. Its -n NS
 * wins over @namespace, the one netnsctl was given. */
static int
run_line (NnsCtl            *ctl,
          const char        *namespace,
          int                argc,
          char             **argv,
          NnsCtlFindCommand  find_command)
{
  const NnsCtlCommand *command;
  int first = 0;

  g_free (ctl->namespace);
  ctl->namespace = g_strdup (namespace);
  if (argc >= 2 && (g_str_equal (argv[0], "-n") || g_str_equal (argv[0], "--netns")))
    {
      g_free (ctl->namespace);
      ctl->namespace = g_strdup (argv[1]);
      first = 2;
    }
  else if (argc >= 1 && g_str_has_prefix (argv[0], "--netns="))
    {
      g_free (ctl->namespace);
      ctl->namespace = g_strdup (argv[0] + strlen ("--netns="));
      first = 1;
    }
  if (first >= argc)
    return nns_ctl_usage (ctl, "no command given", NULL);
  command = find_command (argv[first]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf ("unknown command '%s'", argv[first]);

      return nns_ctl_usage (ctl, message, NULL);
    }
  return command->run (ctl, argc - first, argv + first);
}

/* Reads every line into ctl->batch; @lines gets, for each operation, the
 * number of the line it came from. */
static int
collect_operations (NnsCtl            *ctl,
                    const char        *path,
                    const char        *contents,
                    GArray            *lines,
                    NnsCtlFindCommand  find_command)
{
  g_auto(GStrv) text = g_strsplit (contents, "\n", -1);
  g_autofree char *namespace = g_strdup (ctl->namespace);

  for (guint i = 0; text[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) argv = NULL;
      g_autofree char **words = NULL;
      g_autofree char *where = g_strdup_printf ("%s:%u", path, i + 1);
      guint line = i + 1;
      int argc, status;

      if (!g_shell_parse_argv (text[i], &argc, &argv, &error))
        {
          g_autofree char *message = NULL;

          if (g_error_matches (error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
            continue;
          message = g_strdup_printf ("%s: %s; nothing was applied", where, error->message);
          return nns_ctl_usage (ctl, message, NULL);
        }
      /* Option parsing reorders and drops words: it gets a copy of the
       * list, while @argv keeps the words to free. */
      words = g_memdup2 (argv, (argc + 1) * sizeof (char *));
      ctl->where = where;
      status = run_line (ctl, namespace, argc, words, find_command);
      ctl->where = NULL;
      if (status != NNS_EXIT_OK)
        {
          /* A JSON error names the line itself (nns-ctl.c). */
          if (!ctl->json)
            g_printerr ("netnsctl: %s: the line above went wrong; nothing was applied\n", where);
          return status;
        }
      while (lines->len < ctl->batch->len)
        g_array_append_val (lines, line);
    }
  return NNS_EXIT_OK;
}

/* Prints the Apply's error with the line of the operation it names
 * ("operation N (METHOD): ..."). */
static int
fail_at_line (NnsCtl       *ctl,
              const char   *path,
              GArray       *lines,
              const GError *error)
{
  g_autoptr(GError) copy = g_error_copy (error);
  g_autofree char *where = NULL;
  guint operation;

  g_dbus_error_strip_remote_error (copy);
  if (sscanf (copy->message, "operation %u ", &operation) == 1 &&
      operation >= 1 && operation <= lines->len)
    where = g_strdup_printf ("%s:%u", path, g_array_index (lines, guint, operation - 1));
  return nns_ctl_fail_at (ctl, error, where);
}

/* Reads @path's commands into @operations (each (sa{sv}), for Apply),
 * with, in @lines, the line each came from. Also for topologies
 * (nns-ctl-topology.c). */
int
nns_ctl_batch_read (NnsCtl            *ctl,
                    const char        *path,
                    NnsCtlFindCommand  find_command,
                    GPtrArray         *operations,
                    GArray            *lines)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = read_batch (path, &error);
  g_autofree char *given = NULL;
  int status;

  if (contents == NULL)
    return nns_ctl_fail (ctl, error);

  /* The commands print nothing while they only add to the batch. Each
   * line may set the namespace: the one given before -batch is back
   * after. */
  given = g_strdup (ctl->namespace);
  ctl->batch = operations;
  status = collect_operations (ctl, path, contents, lines, find_command);
  ctl->batch = NULL;
  g_free (ctl->namespace);
  ctl->namespace = g_steal_pointer (&given);
  return status;
}

int
nns_ctl_batch (NnsCtl            *ctl,
               const char        *path,
               NnsCtlFindCommand  find_command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GVariant) results = NULL;
  NetNsClient *client;
  int status = nns_ctl_batch_read (ctl, path, find_command, operations, lines);

  if (status != NNS_EXIT_OK)
    return status;

  if ((client = nns_ctl_client (ctl, &error)) == NULL)
    return nns_ctl_fail (ctl, error);
  results = netns_client_apply_sync (client,
                                     g_variant_new_array (G_VARIANT_TYPE ("(sa{sv})"),
                                                          (GVariant **) operations->pdata,
                                                          operations->len),
                                     NULL, NULL, &error);
  if (results == NULL)
    return fail_at_line (ctl, path, lines, error);
  return nns_ctl_print_reply (ctl);
}
