/* nns-ctl-config.c: netnsctl dns and sysctl: what a namespace's programs
 * need beyond links.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "nns-ctl.h"

int
nns_ctl_dns (NnsCtl *ctl,
             int     argc,
             char  **argv)
{
  g_auto(GStrv) nameservers = NULL;
  g_auto(GStrv) search = NULL;
  gboolean clear = FALSE;
  const GOptionEntry entries[] = {
    { "nameserver", 0, 0, G_OPTION_ARG_STRING_ARRAY, &nameservers,
      "A nameserver's address; up to 3, one option each", "ADDRESS" },
    { "search", 0, 0, G_OPTION_ARG_STRING_ARRAY, &search,
      "A search domain; up to 6, one option each", "DOMAIN" },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear,
      "Remove NAME's resolv.conf (then the host's applies)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "dns", "NAME",
                            "Set the nameservers and search domains of the namespace NAME.\n"
                            "netnsd writes them to /etc/netns/NAME/resolv.conf, which programs\n"
                            "in NAME see as /etc/resolv.conf (netnsctl exec, ip netns exec).\n"
                            "Give --nameserver and --search, each as often as needed, or --clear;\n"
                            "each call replaces the file.", entries);
  g_autoptr(GError) error = NULL;
  NetNsClient *client;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 2)
    return nns_ctl_usage_error (ctl, context, "dns takes one NAME");
  if (!clear && nameservers == NULL && search == NULL)
    return nns_ctl_usage_error (ctl, context, "give --nameserver, --search or --clear");
  if (clear && (nameservers != NULL || search != NULL))
    return nns_ctl_usage_error (ctl, context, "--clear goes alone");

  /* --clear: no nameservers and no search domains. */
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_set_dns (argv[1],
                                                            (const char *const *) nameservers,
                                                            (const char *const *) search));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_set_dns_sync (client, argv[1], (const char *const *) nameservers,
                                  (const char *const *) search, NULL, &error))
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}

int
nns_ctl_sysctl (NnsCtl *ctl,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context =
    nns_ctl_option_context (ctl, "sysctl", "NAME KEY=VALUE",
                            "Set a sysctl of the namespace NAME (\"\" for the host). netnsd sets\n"
                            "only these: net.ipv4.ip_forward, net.ipv4.ip_unprivileged_port_start,\n"
                            "net.ipv4.ping_group_range, net.ipv4.conf.LINK.{forwarding,rp_filter}\n"
                            "and net.ipv6.conf.LINK.{forwarding,disable_ipv6,accept_dad}, where\n"
                            "LINK is a link's name, 'all' or 'default'.", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  NetNsClient *client;
  const char *eq;
  int status = nns_ctl_parse_options (ctl, context, &argc, &argv);

  if (status != NNS_EXIT_OK)
    return status;
  if (argc != 3 || (eq = strchr (argv[2], '=')) == NULL)
    return nns_ctl_usage_error (ctl, context, "sysctl takes NAME and KEY=VALUE");

  key = g_strstrip (g_strndup (argv[2], (gsize) (eq - argv[2])));
  if (ctl->batch != NULL)
    return nns_ctl_batch_add (ctl, netns_operation_set_sysctl (argv[1], key, eq + 1));
  if ((client = nns_ctl_client (ctl, &error)) == NULL ||
      !netns_client_set_sysctl_sync (client, argv[1], key, eq + 1, NULL, &error))
    return nns_ctl_fail (ctl, error);
  return nns_ctl_print_reply (ctl);
}
