/* nns-ctl-client.c: netnsctl's way to netnsd, a libnetns client made at
 * the first call (so that --help and usage errors need no bus), and the
 * batch that a change joins instead of being made on its own.
 *
 * The client is lazy (NETNS_CLIENT_FLAGS_LAZY): most commands make a call
 * or two, and should not wait for every namespace and link of the machine
 * to be fetched first. Those that read the namespaces (list, identify,
 * pids, up, monitor) fetch them when they ask.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "nns-ctl.h"

/* The client, made at the first call. Calls may let polkit prompt the
 * user (--no-ask-password turns that off): then a text agent runs for
 * this process, and a call waits as long as the user takes to answer.
 * Each call takes the flag as it is then: a batch's lines may turn it
 * off. */
NetNsClient *
nns_ctl_client (NnsCtl  *ctl,
                GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ctl->client == NULL)
    {
      ctl->client = netns_client_new_full_sync (NULL, NETNS_CLIENT_FLAGS_LAZY, NULL, &local_error);
      if (ctl->client == NULL)
        {
          g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER,
                       "cannot connect to the system bus: %s", local_error->message);
          return NULL;
        }
    }
  netns_client_set_interactive (ctl->client, ctl->ask_password);
  if (ctl->ask_password && !ctl->agent_tried)
    nns_ctl_agent_start ();
  ctl->agent_tried = ctl->agent_tried || ctl->ask_password;
  return ctl->client;
}

/* FALSE, with NotSupported, inside a batch: @what ("ListLinks", "exec")
 * cannot be part of one, @why says why. */
gboolean
nns_ctl_not_in_batch (NnsCtl      *ctl,
                      const char  *what,
                      const char  *why,
                      GError     **error)
{
  if (ctl->batch == NULL)
    return TRUE;
  g_set_error (error, NETNS_ERROR, NETNS_ERROR_NOT_SUPPORTED,
               "%s cannot be part of a batch: %s", what, why);
  return FALSE;
}

/* The client for a call that reads (@method), which a batch, made of
 * changes, refuses. */
NetNsClient *
nns_ctl_client_to_read (NnsCtl      *ctl,
                        const char  *method,
                        GError     **error)
{
  if (!nns_ctl_not_in_batch (ctl, method, "a batch only makes changes", error))
    return NULL;
  return nns_ctl_client (ctl, error);
}

/* In a batch, a change is an operation of the Apply (taken), which the
 * line's command adds instead of making the change; output is off. */
int
nns_ctl_batch_add (NnsCtl   *ctl,
                   GVariant *operation)
{
  g_ptr_array_add (ctl->batch, operation);
  return NNS_EXIT_OK;
}

/* Every named namespace with its properties, from one GetManagedObjects
 * (the client's objects, fetched now); sorted by name. */
gboolean
nns_ctl_fetch_namespaces (NnsCtl   *ctl,
                          GList   **namespaces,
                          GError  **error)
{
  NetNsClient *client = nns_ctl_client_to_read (ctl, "GetManagedObjects", error);

  if (client == NULL || !netns_client_load_objects_sync (client, NULL, error))
    return FALSE;
  *namespaces = netns_client_get_namespaces (client);
  return TRUE;
}
