/* nns-nftables.c: netnsd's own nftables table in a namespace, written
 * whole from its rules through libnftables.
 *
 * The table (inet netnsd) is always replaced as a whole, in one
 * transaction: "add table" (a no-op if it is there), "delete table",
 * then the table with every chain and rule. The kernel applies all of it
 * or none, so the table is never seen half written, and whatever else is
 * in it (rules someone added by hand, or left from before a restart)
 * goes. No other table is named, so firewalld's, docker's, ufw's and
 * iptables-nft's are never touched. With no rules, the table goes.
 *
 * The script is written only from parsed values (nns-nat-rules.c):
 * addresses printed from their bytes, numbers as numbers, link names that
 * were checked to hold nothing nftables would read otherwise.
 *
 * Chains, for what each rule needs:
 *   prerouting  (nat, dstnat): port forwards of connections from outside;
 *   output      (nat, dstnat): the same for connections made inside the
 *               namespace;
 *   postrouting (nat, srcnat): masquerades, and for forwarded connections
 *               from 127.0.0.1 the masquerade that gives them an address
 *               the target can answer;
 *   localnet-guard (filter, before NAT): while route_localnet is on for
 *               those, drops packets from other links to or from
 *               127.0.0.0/8, which route_localnet alone would let in.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <netinet/in.h>
#include <nftables/libnftables.h>
#include <string.h>
#include <sys/socket.h>

#include "nns-error.h"
#include "nns-nftables.h"

#define TABLE NNS_NFT_FAMILY " " NNS_NFT_TABLE

struct _NnsNftables
{
  struct nft_ctx *ctx;
};

/* Rendering */

static const char *
family_word (int family)
{
  return family == AF_INET ? "ip" : "ip6";
}

static void
add_chain (GString    *script,
           const char *name,
           const char *type,
           const char *hook,
           int         priority)
{
  g_string_append_printf (script,
                          "add chain " TABLE " %s { type %s hook %s priority %d; policy accept; }\n",
                          name, type, hook, priority);
}

static void
render_masquerade (GString             *script,
                   const NnsMasquerade *masquerade)
{
  g_autofree char *source = nns_cidr_to_string (&masquerade->source);
  const char *family = family_word (masquerade->source.family);

  g_string_append_printf (script, "add rule " TABLE " postrouting %s saddr %s %s daddr != %s ",
                          family, source, family, source);
  if (masquerade->out_link != NULL)
    g_string_append_printf (script, "oifname \"%s\" ", masquerade->out_link);
  g_string_append_printf (script, "masquerade comment \"masquerade %s\"\n", source);
}

/* "meta nfproto ipv4 fib daddr type local tcp dport 8080" and its like:
 * which connections the forward takes. */
static char *
forward_match (const NnsPortForward *forward)
{
  g_autoptr(GString) match = g_string_new (NULL);
  int family = forward->target.family;

  g_string_append_printf (match, "meta nfproto %s ", family == AF_INET ? "ipv4" : "ipv6");
  if (forward->has_address)
    {
      g_autofree char *address = nns_cidr_address_to_string (&forward->address);

      g_string_append_printf (match, "%s daddr %s ", family_word (family), address);
    }
  else
    g_string_append (match, "fib daddr type local ");
  g_string_append_printf (match, "%s dport %u", nns_nat_protocol_to_string (forward->protocol),
                          forward->port);
  return g_string_free (g_steal_pointer (&match), FALSE);
}

static void
render_forward (GString              *script,
                const char           *chain,
                const NnsPortForward *forward)
{
  g_autofree char *match = forward_match (forward);
  g_autofree char *target = nns_nat_target_to_string (&forward->target, forward->target_port);

  g_string_append_printf (script, "add rule " TABLE " %s %s dnat %s to %s comment \"port forward %s %u\"\n",
                          chain, match, family_word (forward->target.family), target,
                          nns_nat_protocol_to_string (forward->protocol), forward->port);
}

/* Connections from 127.0.0.1 or ::1 leave with that source, which the
 * target could not answer: they get the outgoing link's address. */
static void
render_local_masquerade (GString              *script,
                         const NnsPortForward *forward)
{
  g_autofree char *target = nns_cidr_address_to_string (&forward->target);
  gboolean ipv4 = forward->target.family == AF_INET;

  g_string_append_printf (script,
                          "add rule " TABLE " postrouting %s %s daddr %s %s dport %u "
                          "ct status dnat masquerade comment \"port forward %s %u from %s\"\n",
                          ipv4 ? "ip saddr 127.0.0.0/8" : "ip6 saddr ::1",
                          family_word (forward->target.family), target,
                          nns_nat_protocol_to_string (forward->protocol),
                          forward->target_port, nns_nat_protocol_to_string (forward->protocol),
                          forward->port, ipv4 ? "127.0.0.1" : "::1");
}

static void
render_forwards (GString           *script,
                 const NnsNatRules *rules)
{
  /* Forwards of one address before those of every address: the first
   * that matches takes the connection. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < rules->forwards->len; i++)
      {
        const NnsPortForward *forward = rules->forwards->pdata[i];

        if (forward->has_address != (pass == 0))
          continue;
        render_forward (script, "prerouting", forward);
        if (forward->from_local)
          render_forward (script, "output", forward);
      }
  for (guint i = 0; i < rules->forwards->len; i++)
    {
      const NnsPortForward *forward = rules->forwards->pdata[i];

      if ((forward->from_local && forward->target.family == AF_INET) ||
          nns_port_forward_takes_ipv6_loopback (forward))
        render_local_masquerade (script, forward);
    }
}

static gboolean
any_from_local (const NnsNatRules *rules)
{
  for (guint i = 0; i < rules->forwards->len; i++)
    if (((NnsPortForward *) rules->forwards->pdata[i])->from_local)
      return TRUE;
  return FALSE;
}

/* The transaction that makes the table hold exactly @rules: none, with
 * no rules. */
char *
nns_nftables_render (const NnsNatRules *rules)
{
  g_autoptr(GString) script = g_string_new ("add table " TABLE "\ndelete table " TABLE "\n");

  if (nns_nat_rules_is_empty (rules))
    return g_string_free (g_steal_pointer (&script), FALSE);

  g_string_append (script, "add table " TABLE "\n");
  if (rules->forwards->len > 0)
    add_chain (script, "prerouting", "nat", "prerouting", -100);
  if (any_from_local (rules))
    add_chain (script, "output", "nat", "output", -100);
  if (rules->masquerades->len > 0 || nns_nat_rules_use_localnet (rules) ||
      nns_nat_rules_use_ipv6_loopback (rules))
    add_chain (script, "postrouting", "nat", "postrouting", 100);
  if (nns_nat_rules_use_localnet (rules))
    {
      add_chain (script, "localnet-guard", "filter", "prerouting", -150);
      g_string_append (script,
                       "add rule " TABLE " localnet-guard iifname != \"lo\" ip daddr 127.0.0.0/8 drop\n"
                       "add rule " TABLE " localnet-guard iifname != \"lo\" ip saddr 127.0.0.0/8 drop\n");
    }
  for (guint i = 0; i < rules->masquerades->len; i++)
    render_masquerade (script, rules->masquerades->pdata[i]);
  render_forwards (script, rules);
  return g_string_free (g_steal_pointer (&script), FALSE);
}

/* Contexts */

NnsNftables *
nns_nftables_new_here (GError **error)
{
  g_autoptr(NnsNftables) self = g_new0 (NnsNftables, 1);

  self->ctx = nft_ctx_new (NFT_CTX_DEFAULT);
  if (self->ctx == NULL)
    {
      g_set_error_literal (error, NNS_ERROR, NNS_ERROR_FAILED,
                           "cannot open a connection to nftables");
      return NULL;
    }
  nft_ctx_buffer_output (self->ctx);
  nft_ctx_buffer_error (self->ctx);
  return g_steal_pointer (&self);
}

void
nns_nftables_free (NnsNftables *self)
{
  if (self == NULL)
    return;
  if (self->ctx != NULL)
    nft_ctx_free (self->ctx);
  g_free (self);
}

/* libnftables' first line, without "Error: ". */
static char *
first_error_line (const char *text)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\n"));

  if (g_str_has_prefix (line, "Error: "))
    return g_strdup (line + strlen ("Error: "));
  return line[0] != '\0' ? g_steal_pointer (&line) : g_strdup ("nftables gave no reason");
}

/* Runs @script in one transaction, in the namespace @self was made in;
 * @where names it for messages. */
gboolean
nns_nftables_run (NnsNftables *self,
                  const char  *script,
                  const char  *where,
                  GError     **error)
{
  g_autofree char *reason = NULL;

  g_debug ("nftables in %s:\n%s", where, script);
  /* Reading a buffer empties it: what a run says is its own. */
  nft_ctx_get_output_buffer (self->ctx);
  nft_ctx_get_error_buffer (self->ctx);
  if (nft_run_cmd_from_buffer (self->ctx, script) == 0)
    return TRUE;
  reason = first_error_line (nft_ctx_get_error_buffer (self->ctx));
  g_set_error (error, NNS_ERROR, NNS_ERROR_FAILED,
               "cannot write the nftables table " TABLE " of %s: %s", where, reason);
  return FALSE;
}
