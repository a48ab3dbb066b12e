/* netnsctl.c: the command-line client of netnsd.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "nns-ctl.h"

static const NnsCtlCommand commands[] = {
  { "list", nns_ctl_netns_list, "List network namespaces" },
  { "add", nns_ctl_netns_add, "Create a network namespace" },
  { "delete", nns_ctl_netns_delete, "Delete a network namespace" },
  { "attach", nns_ctl_netns_attach, "Name the network namespace of a process" },
  { "identify", nns_ctl_netns_identify, "Print the names of a process's network namespace" },
  { "pids", nns_ctl_netns_pids, "Print the processes in a network namespace" },
  { "link", nns_ctl_link, "Show, create, change and delete links" },
  { "addr", nns_ctl_addr, "Show, add and remove addresses" },
  { "route", nns_ctl_route, "Show, add and remove routes" },
  { "exec", nns_ctl_exec, "Run a program inside a namespace, as yourself" },
  { "dns", nns_ctl_dns, "Set the nameservers and search domains of a namespace" },
  { "sysctl", nns_ctl_sysctl, "Set a sysctl of a namespace" },
  { "nat", nns_ctl_nat, "Show, add and remove masquerades" },
  { "forward", nns_ctl_forward, "Show, add and remove port forwards" },
  { "connect", nns_ctl_connect, "Join a namespace to the host (veth, addresses, route, NAT)" },
  { "monitor", nns_ctl_monitor, "Print namespaces and links as they come, go and change" },
  { "up", nns_ctl_topology_up, "Make the system match a topology file" },
  { "down", nns_ctl_topology_down, "Remove what up made for a topology file" },
};

/* What `ip netns` users type. */
static const struct {
  const char *alias;
  const char *command;
} aliases[] = {
  { "ls", "list" },
  { "show", "list" },
  { "del", "delete" },
  { "address", "addr" },
  { "a", "addr" },
  { "l", "link" },
  { "r", "route" },
};

static const NnsCtlCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (name, aliases[i].alias))
      name = aliases[i].command;
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return &commands[i];
  return NULL;
}

/* --json, wherever it is before "--": then even errors in reading the
 * command line are JSON. */
static gboolean
wants_json (int    argc,
            char **argv)
{
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--json") || g_str_equal (argv[i], "-j"))
      return TRUE;
  return FALSE;
}

static char *
describe_commands (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, commands[i].summary);
  g_string_append (text,
                   "\nAliases: ls and show for list, del for delete, a and address for addr,\n"
                   "l for link, r for route.\n"
                   "\nOptions may also follow the command; after '--', every word is an\n"
                   "argument, whatever it looks like.\n"
                   "Run 'netnsctl COMMAND --help' for a command's options and words.\n"
                   "\nExit status: 0 success, 1 failure, 2 usage error, 3 not authorized,\n"
                   "4 not found, 5 already exists, 6 invalid argument, 7 busy,\n"
                   "8 not supported, 9 netnsd not reachable; exec exits as its program does.");
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  NnsCtl ctl = { .ask_password = TRUE };
  g_autofree char *batch = NULL;
  gboolean version = FALSE;
  gboolean list_commands = FALSE;
  const NnsCtlCommand *command;
  int status;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &ctl.json,
      "Print results, and errors, as JSON", NULL },
    { "netns", 'n', 0, G_OPTION_ARG_STRING, &ctl.namespace,
      "The namespace of link, addr and route (default: host)", "NS" },
    { "no-ask-password", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &ctl.ask_password,
      "Do not let polkit ask for a password", NULL },
    { "batch", 'b', 0, G_OPTION_ARG_FILENAME, &batch,
      "Run FILE's commands (- for stdin) as one: all or none", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the version and exit", NULL },
    /* For the shell's completion (completions/netnsctl): the command
     * names, one a line, however --help comes to word them. */
    { "list-commands", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &list_commands,
      NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_set_prgname ("netnsctl");
  ctl.json = wants_json (argc, argv);
  ctl.find_command = find_command;
  /* -batch, as ip(8) spells it, among the options before the command. */
  for (int i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "-batch"))
        argv[i] = (char *) "--batch";
      if (g_strv_contains ((const char * const[]) { "-n", "--netns", "-b", "--batch", NULL },
                           argv[i]))
        i++;   /* its value */
    }

  context = g_option_context_new ("COMMAND [ARGS…]");
  g_option_context_set_summary (context, "Manage network namespaces through netnsd.");
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  /* Stop at the command: what follows it is the command's own. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return nns_ctl_usage_error (&ctl, context, error->message);
  if (version)
    {
      g_print ("netnsctl %s\n", PACKAGE_VERSION);
      return NNS_EXIT_OK;
    }
  if (list_commands)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
        g_print ("%s\n", commands[i].name);
      return NNS_EXIT_OK;
    }
  if (argc > 1 && g_str_equal (argv[1], "--"))
    {
      argv++;
      argc--;
    }
  if (batch != NULL && argc > 1)
    return nns_ctl_usage_error (&ctl, context, "-batch takes its commands from FILE only");
  if (batch == NULL && argc < 2)
    return nns_ctl_usage_error (&ctl, context, "no command given");

  command = batch == NULL ? find_command (argv[1]) : NULL;
  if (batch == NULL && command == NULL)
    {
      g_autofree char *message = g_strdup_printf ("unknown command '%s'", argv[1]);

      return nns_ctl_usage_error (&ctl, context, message);
    }

  if (batch != NULL)
    status = nns_ctl_batch (&ctl, batch, find_command);
  else
    status = command->run (&ctl, argc - 1, argv + 1);
  nns_ctl_agent_stop ();
  g_clear_object (&ctl.client);
  g_free (ctl.namespace);
  return status;
}
