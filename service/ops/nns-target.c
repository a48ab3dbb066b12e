/* nns-target.c: the namespaces a call acts on, and the polkit questions
 * a change of them asks.
 *
 * A target is resolved from the call's namespace argument when the call is
 * parsed, and checked again when it is performed: the polkit answer may
 * take minutes, and if the name then holds another namespace than the one
 * the caller was authorized for, nothing is done. The questions name the
 * namespace, its owner, the link and the peer namespace, so that an
 * admin's rule can tell them apart.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <pwd.h>
#include <string.h>

#include "nns-error.h"
#include "nns-manager-private.h"
#include "nns-names.h"

/* Resolves the namespace argument @name: "" is the host, anything else
 * must name an existing namespace, or one that an earlier operation of
 * @batch creates. */
gboolean
nns_target_init (NnsTarget  *target,
                 NnsManager *manager,
                 NnsBatch   *batch,
                 const char *name,
                 GError    **error)
{
  NnsNamespace *ns;
  g_autofree char *quoted = NULL;

  memset (target, 0, sizeof *target);
  target->batch = batch;
  if (name[0] == '\0')
    {
      target->name = g_strdup ("");
      target->inode = nns_registry_get_host_inode (manager->registry);
      target->is_host = TRUE;
      target->description = g_strdup ("the host namespace");
      return TRUE;
    }

  if (!nns_namespace_entry_validate (name, error))
    return FALSE;
  quoted = nns_quote (name);
  target->name = g_strdup (name);
  target->description = g_strdup_printf ("namespace %s", quoted);
  if (nns_batch_has_namespace (batch, name))
    {
      target->planned = TRUE;
      return TRUE;
    }
  ns = nns_registry_lookup (manager->registry, name);
  if (ns == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "namespace %s not found", quoted);
      nns_target_clear (target);
      return FALSE;
    }
  target->inode = nns_namespace_get_inode (ns);
  /* A name bound to the host's own namespace (ip netns attach NAME 1) is
   * the host, whatever it is called. */
  target->is_host = target->inode == nns_registry_get_host_inode (manager->registry);
  return TRUE;
}

void
nns_target_clear (NnsTarget *target)
{
  g_clear_pointer (&target->name, g_free);
  g_clear_pointer (&target->description, g_free);
}

/* Two names for one namespace ("" and a name bound to the host's) are
 * the same place; so is one name an Apply creates, named twice. */
gboolean
nns_target_same (const NnsTarget *a,
                 const NnsTarget *b)
{
  if (a->planned || b->planned)
    return a->planned && b->planned && g_str_equal (a->name, b->name);
  return a->inode == b->inode && a->inode != 0;
}

/* The netlink sockets of @target, once authorized: if the name now holds
 * another namespace than the one the caller was authorized for, nothing
 * is done. A namespace an earlier operation of the same Apply created is
 * the one it made. */
NnsNetlink *
nns_target_netlink (NnsManager *self,
                    NnsTarget  *target,
                    GError    **error)
{
  NnsNamespace *ns;

  if (target->name[0] == '\0')
    return nns_registry_get_host_netlink (self->registry);
  if (target->planned && target->inode == 0)
    target->inode = nns_batch_get_namespace_inode (target->batch, target->name);

  ns = nns_registry_lookup (self->registry, target->name);
  if (ns == NULL)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "%s not found", target->description);
      return NULL;
    }
  if (nns_namespace_get_inode (ns) != target->inode)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
                   "%s changed while the call was being authorized; try again",
                   target->description);
      return NULL;
    }
  return nns_registry_get_netlink (self->registry, ns, error);
}

/* The netlink sockets of the namespace argument @name, for reading (no
 * authorization needed). */
NnsNetlink *
nns_target_lookup_netlink (NnsManager *self,
                           const char *name,
                           GError    **error)
{
  g_auto(NnsTarget) target = { 0 };

  if (!nns_target_init (&target, self, NULL, name, error))
    return NULL;
  return nns_target_netlink (self, &target, error);
}

/* The owner details of a host link: its recorded creator, for a link the
 * call creates the caller, or what an earlier operation of its Apply
 * made it. */
static gboolean
host_link_owner (NnsManager      *self,
                 NnsCaller       *caller,
                 const NnsTarget *target,
                 const char      *link,
                 NnsLinkRole      role,
                 uid_t           *owner,
                 GError         **error)
{
  NnsNetlink *host = nns_registry_get_host_netlink (self->registry);
  int ifindex;

  if (role == NNS_LINK_NEW)
    {
      *owner = nns_caller_get_uid (caller);
      return TRUE;
    }
  if (nns_batch_lookup_link (target->batch, target->name, link, owner))
    return TRUE;
  ifindex = nns_netlink_link_index (host, link, error);
  if (ifindex <= 0)
    return FALSE;
  if (!nns_link_owners_lookup (self->link_owners, ifindex, owner))
    *owner = (uid_t) -1;
  return TRUE;
}

/* The uid as a detail, and the user's name ("" for none recorded). */
void
nns_target_owner_details (uid_t  owner,
                          char **uid_text,
                          char **user_name)
{
  struct passwd *pw;

  if (owner == (uid_t) -1)
    {
      *uid_text = g_strdup ("");
      *user_name = g_strdup ("");
      return;
    }
  pw = getpwuid (owner);
  *uid_text = g_strdup_printf ("%u", (guint) owner);
  *user_name = pw != NULL ? g_strdup (pw->pw_name) : g_strdup (*uid_text);
}

static void
add_host_check (NnsAuthRequest *request,
                const char     *what,
                const char     *link,
                const char     *peer_namespace,
                uid_t           owner)
{
  g_autofree char *owner_uid = NULL;
  g_autofree char *owner_user = NULL;

  nns_target_owner_details (owner, &owner_uid, &owner_user);
  nns_auth_request_add (request, NNS_ACTION_HOST, what,
                        "namespace", "",
                        "link", link != NULL ? link : "",
                        "peer-namespace", peer_namespace != NULL ? peer_namespace : "",
                        "owner", owner_uid,
                        "owner-user", owner_user,
                        NULL);
}

/* The recorded owner of @target, or -1 for a namespace another tool
 * made. A namespace the same Apply creates is the caller's. An existing
 * @link must be there (NotFound before polkit is asked anything). */
static gboolean
namespace_owner (NnsManager      *self,
                 NnsCaller       *caller,
                 const NnsTarget *target,
                 const char      *link,
                 NnsLinkRole      role,
                 uid_t           *owner,
                 GError         **error)
{
  NnsNamespace *ns;
  uid_t userns_owner;

  if (target->planned)
    {
      *owner = nns_caller_get_uid (caller);
      /* One it attaches is the caller's only by its user namespace: else
       * another tool's, as it will be once attached. */
      if (nns_batch_lookup_attached (target->batch, target->name, &userns_owner) &&
          userns_owner != *owner)
        *owner = (uid_t) -1;
      return TRUE;
    }
  ns = nns_registry_lookup (self->registry, target->name);
  if (ns == NULL || nns_namespace_get_inode (ns) != target->inode)
    {
      g_set_error (error, NNS_ERROR, NNS_ERROR_NOT_FOUND, "%s not found", target->description);
      return FALSE;
    }
  if (role == NNS_LINK_EXISTING && !nns_batch_lookup_link (target->batch, target->name, link, NULL))
    {
      NnsNetlink *netlink = nns_registry_get_netlink (self->registry, ns, error);

      if (netlink == NULL || nns_netlink_link_index (netlink, link, error) <= 0)
        return FALSE;
    }
  *owner = nns_namespace_is_recorded (ns) ? nns_namespace_get_owner (ns) : (uid_t) -1;
  return TRUE;
}

/* Notes which link the name @link is now, so that the change made once
 * polkit has answered (minutes later, if a person types a password) is
 * made to that link and no other. A link an earlier operation of the same
 * Apply makes or renames has no index yet: the batch answers for it. */
static gboolean
remember_link (NnsManager *self,
               NnsTarget  *target,
               const char *link,
               GError    **error)
{
  NnsNetlink *netlink;

  target->link_index = 0;
  if (target->planned || nns_batch_lookup_link (target->batch, target->name, link, NULL))
    return TRUE;
  netlink = nns_target_netlink (self, target, error);
  if (netlink == NULL)
    return FALSE;
  target->link_index = nns_netlink_link_index (netlink, link, error);
  return target->link_index > 0;
}

/* Once authorized: fails unless @link is still the very link the call was
 * authorized for. A link deleted and made again under its name meanwhile
 * (by anyone) is another link, maybe with another owner. */
gboolean
nns_target_verify_link (const NnsTarget *target,
                        NnsNetlink      *netlink,
                        const char      *link,
                        GError         **error)
{
  g_autoptr(GError) lookup_error = NULL;
  int ifindex;

  if (target->link_index == 0)
    return TRUE;
  ifindex = nns_netlink_link_index (netlink, link, &lookup_error);
  if (ifindex == target->link_index)
    return TRUE;
  g_set_error (error, NNS_ERROR, NNS_ERROR_BUSY,
               "link '%s' in %s %s while the call was being authorized; try again",
               link, target->description, ifindex > 0 ? "was replaced" : "went away");
  return FALSE;
}

/* Adds the check for changing @target: host for the host namespace,
 * manage for the caller's own namespace, manage-any for anyone else's or
 * one another tool made. */
gboolean
nns_target_plan_change (NnsManager     *self,
                        NnsAuthRequest *request,
                        NnsCaller      *caller,
                        NnsTarget      *target,
                        const char     *what,
                        const char     *link,
                        NnsLinkRole     role,
                        const char     *peer_namespace,
                        GError        **error)
{
  uid_t owner = (uid_t) -1;
  g_autofree char *owner_uid = NULL;
  g_autofree char *owner_user = NULL;

  if (role == NNS_LINK_EXISTING && !remember_link (self, target, link, error))
    return FALSE;
  if (target->is_host)
    {
      if (target->name[0] == '\0' && role != NNS_LINK_NONE &&
          !host_link_owner (self, caller, target, link, role, &owner, error))
        return FALSE;
      add_host_check (request, what, link, peer_namespace, owner);
      return TRUE;
    }

  if (!namespace_owner (self, caller, target, link, role, &owner, error))
    return FALSE;
  nns_target_owner_details (owner, &owner_uid, &owner_user);
  nns_auth_request_add (request,
                        owner == nns_caller_get_uid (caller) ? NNS_ACTION_MANAGE
                                                             : NNS_ACTION_MANAGE_ANY,
                        what,
                        "namespace", target->name,
                        "owner", owner_uid,
                        "owner-user", owner_user,
                        "link", link != NULL ? link : "",
                        "peer-namespace", peer_namespace != NULL ? peer_namespace : "",
                        NULL);
  return TRUE;
}

/* Whether @addresses (CIDR strings) hold @address, its prefix aside. */
static gboolean
holds_address (GStrv          addresses,
               const NnsCidr *address)
{
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      NnsCidr held;

      if (!nns_cidr_parse (addresses[i], NNS_CIDR_PREFIX_OPTIONAL, "address", &held, NULL))
        continue;
      held.prefix = address->prefix;
      if (nns_cidr_equal (&held, address))
        return TRUE;
    }
  return FALSE;
}

/* The owner of whichever namespace @address is on, as @ns_name (or NULL)
 * and @owner (-1: none, or namespaces of different owners hold it). The
 * host counts as root's. An address an earlier operation of the same
 * Apply adds counts where it goes. */
static void
find_address_owner (NnsManager      *self,
                    NnsCaller       *caller,
                    const NnsTarget *target,
                    const NnsCidr   *address,
                    char           **ns_name,
                    uid_t           *owner)
{
  const char *planned = nns_batch_find_address (target->batch, address);
  g_autoptr(GPtrArray) namespaces = NULL;
  g_auto(GStrv) host_addresses = NULL;
  guint found = 0;

  *ns_name = NULL;
  *owner = (uid_t) -1;
  if (planned != NULL)
    {
      NnsNamespace *ns = nns_registry_lookup (self->registry, planned);

      *ns_name = g_strdup (planned);
      if (planned[0] == '\0')
        *owner = 0;
      else if (nns_batch_has_namespace (target->batch, planned))
        *owner = nns_caller_get_uid (caller);
      else if (ns != NULL && nns_namespace_is_recorded (ns))
        *owner = nns_namespace_get_owner (ns);
      return;
    }

  host_addresses = nns_netlink_list_addresses (nns_registry_get_host_netlink (self->registry),
                                               NULL, NULL);
  if (holds_address (host_addresses, address))
    {
      *ns_name = g_strdup ("");
      *owner = 0;
      found++;
    }
  namespaces = nns_registry_list (self->registry);
  for (guint i = 0; i < namespaces->len; i++)
    {
      NnsNamespace *ns = namespaces->pdata[i];
      NnsNetlink *netlink = nns_registry_get_netlink (self->registry, ns, NULL);
      g_auto(GStrv) addresses = netlink != NULL ? nns_netlink_list_addresses (netlink, NULL, NULL)
                                                : NULL;
      uid_t ns_owner = nns_namespace_is_recorded (ns) ? nns_namespace_get_owner (ns) : (uid_t) -1;

      if (!holds_address (addresses, address))
        continue;
      if (found++ == 0)
        {
          *ns_name = g_strdup (nns_namespace_get_name (ns));
          *owner = ns_owner;
        }
      else if (ns_owner != *owner)
        *owner = (uid_t) -1;
    }
  if (found > 1)
    g_clear_pointer (ns_name, g_free);
}

/* Adds the check for changing the rules of @target, as
 * nns_target_plan_change() does for a link, with details that name the
 * rule and, for a port forward, the namespace its target is in and that
 * namespace's owner, so that a rule can let users forward to their own
 * namespaces only. */
gboolean
nns_target_plan_rule (NnsManager           *self,
                      NnsAuthRequest       *request,
                      NnsCaller            *caller,
                      const NnsTarget      *target,
                      const char           *what,
                      const NnsRuleDetails *rule,
                      GError              **error)
{
  uid_t owner = (uid_t) -1, target_owner = (uid_t) -1;
  g_autofree char *owner_uid = NULL, *owner_user = NULL;
  g_autofree char *target_uid = NULL, *target_user = NULL, *target_ns = NULL;
  const char *action = NNS_ACTION_HOST;

  if (!target->is_host)
    {
      if (!namespace_owner (self, caller, target, NULL, NNS_LINK_NONE, &owner, error))
        return FALSE;
      action = owner == nns_caller_get_uid (caller) ? NNS_ACTION_MANAGE : NNS_ACTION_MANAGE_ANY;
    }
  if (rule->target_address != NULL)
    find_address_owner (self, caller, target, rule->target_address, &target_ns, &target_owner);
  nns_target_owner_details (owner, &owner_uid, &owner_user);
  nns_target_owner_details (target_owner, &target_uid, &target_user);
  nns_auth_request_add (request, action, what,
                        "namespace", target->is_host ? "" : target->name,
                        "owner", owner_uid,
                        "owner-user", owner_user,
                        "link", "",
                        "peer-namespace", "",
                        "source", rule->source != NULL ? rule->source : "",
                        "out-link", rule->out_link != NULL ? rule->out_link : "",
                        "protocol", rule->protocol != NULL ? rule->protocol : "",
                        "port", rule->port != NULL ? rule->port : "",
                        "target", rule->target != NULL ? rule->target : "",
                        "address", rule->address != NULL ? rule->address : "",
                        "target-namespace", target_ns != NULL ? target_ns : "",
                        "target-owner", target_uid,
                        "target-owner-user", target_user,
                        NULL);
  return TRUE;
}

/* Notes, for the operations after this one in an Apply, that @link of
 * @from is now @new_link of @to, with the owner it has there. */
void
nns_target_note_link_moved (NnsManager      *self,
                            NnsCaller       *caller,
                            const NnsTarget *from,
                            const char      *link,
                            const NnsTarget *to,
                            const char      *new_link)
{
  uid_t owner = (uid_t) -1;

  if (from->batch == NULL)
    return;
  if (!nns_batch_lookup_link (from->batch, from->name, link, &owner) && from->name[0] == '\0')
    host_link_owner (self, caller, from, link, NNS_LINK_EXISTING, &owner, NULL);
  nns_batch_remove_link (from->batch, from->name, link);
  /* A link moved into the host becomes the caller's (MoveLink records it). */
  if (to->is_host && !nns_target_same (from, to))
    owner = nns_caller_get_uid (caller);
  nns_batch_add_link (to->batch, to->name, new_link, owner);
}
