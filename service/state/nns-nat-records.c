/* nns-nat-records.c: the masquerades and port forwards of each namespace,
 * kept across daemon restarts.
 *
 * One record per namespace that has any, in an NnsRecordStore: the
 * namespace's inode and cookie (so that rules are put back only into the
 * very namespace they were made for, not one that took its name while
 * netnsd was down), the sysctls netnsd turned on for them with the values
 * it found, and the rules. The host's record is "@host", a key no
 * namespace name can be. Rules are read back through the same checks a
 * caller's arguments pass, so a damaged record cannot put anything into
 * nftables that a caller could not.
 *
 *   [Namespace]              Name=red  Inode=...  Cookie=...
 *   [Sysctls]                IPv4Forwarding=0  (the value found)
 *   [Masquerade 1]           Source=10.200.0.0/30  OutLink=eth0
 *   [PortForward 1]          Protocol=tcp  Port=8080  Target=10.200.0.2:80
 *                            Address=...  FromLocal=true
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>

#include "nns-nat-records.h"
#include "nns-names.h"
#include "nns-record-store.h"

#define HOST_KEY "@host"
#define NAMESPACE_GROUP "Namespace"
#define SYSCTL_GROUP "Sysctls"
#define MASQUERADE_PREFIX "Masquerade "
#define FORWARD_PREFIX "PortForward "

static const char *const sysctl_keys[NNS_NAT_N_SYSCTLS] = {
  [NNS_NAT_SYSCTL_IPV4_FORWARDING] = "IPv4Forwarding",
  [NNS_NAT_SYSCTL_IPV6_FORWARDING] = "IPv6Forwarding",
  [NNS_NAT_SYSCTL_ROUTE_LOCALNET] = "RouteLocalnet",
};

struct _NnsNatRecords
{
  GObject         parent_instance;

  NnsRecordStore *records;
};

G_DEFINE_FINAL_TYPE (NnsNatRecords, nns_nat_records, G_TYPE_OBJECT)

NnsNatRecord *
nns_nat_record_new (const char *namespace)
{
  NnsNatRecord *record = g_new0 (NnsNatRecord, 1);

  record->namespace = g_strdup (namespace);
  record->rules = nns_nat_rules_new ();
  return record;
}

void
nns_nat_record_free (NnsNatRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->namespace);
  nns_nat_rules_free (record->rules);
  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    g_free (record->found[i]);
  g_free (record);
}

static void
nns_nat_records_finalize (GObject *object)
{
  g_clear_object (&NNS_NAT_RECORDS (object)->records);

  G_OBJECT_CLASS (nns_nat_records_parent_class)->finalize (object);
}

static void
nns_nat_records_class_init (NnsNatRecordsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nns_nat_records_finalize;
}

static void
nns_nat_records_init (NnsNatRecords *self)
{
}

NnsNatRecords *
nns_nat_records_new (const char *directory,
                     GError    **error)
{
  g_autoptr(NnsNatRecords) self = g_object_new (NNS_TYPE_NAT_RECORDS, NULL);

  self->records = nns_record_store_new (directory, error);
  if (self->records == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* Only names netnsd could have created have records: each key is a
 * plain, safe file name. */
static const char *
record_key (const char *namespace)
{
  if (namespace[0] == '\0')
    return HOST_KEY;
  return nns_namespace_name_validate (namespace, NULL) ? namespace : NULL;
}

static void
save_masquerade (GKeyFile            *file,
                 guint                number,
                 const NnsMasquerade *masquerade)
{
  g_autofree char *group = g_strdup_printf (MASQUERADE_PREFIX "%u", number);
  g_autofree char *source = nns_cidr_to_string (&masquerade->source);

  g_key_file_set_string (file, group, "Source", source);
  if (masquerade->out_link != NULL)
    g_key_file_set_string (file, group, "OutLink", masquerade->out_link);
}

static void
save_forward (GKeyFile             *file,
              guint                 number,
              const NnsPortForward *forward)
{
  g_autofree char *group = g_strdup_printf (FORWARD_PREFIX "%u", number);
  g_autofree char *target = nns_nat_target_to_string (&forward->target, forward->target_port);

  g_key_file_set_string (file, group, "Protocol", nns_nat_protocol_to_string (forward->protocol));
  g_key_file_set_uint64 (file, group, "Port", forward->port);
  g_key_file_set_string (file, group, "Target", target);
  g_key_file_set_boolean (file, group, "FromLocal", forward->from_local);
  if (forward->has_address)
    {
      g_autofree char *address = nns_cidr_address_to_string (&forward->address);

      g_key_file_set_string (file, group, "Address", address);
    }
}

gboolean
nns_nat_records_save (NnsNatRecords      *self,
                      const NnsNatRecord *record,
                      GError            **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  const char *key = record_key (record->namespace);

  g_return_val_if_fail (NNS_IS_NAT_RECORDS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  g_key_file_set_string (file, NAMESPACE_GROUP, "Name", record->namespace);
  g_key_file_set_uint64 (file, NAMESPACE_GROUP, "Inode", record->inode);
  g_key_file_set_uint64 (file, NAMESPACE_GROUP, "Cookie", record->cookie);
  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    if (record->found[i] != NULL)
      g_key_file_set_string (file, SYSCTL_GROUP, sysctl_keys[i], record->found[i]);
  for (guint i = 0; i < record->rules->masquerades->len; i++)
    save_masquerade (file, i + 1, record->rules->masquerades->pdata[i]);
  for (guint i = 0; i < record->rules->forwards->len; i++)
    save_forward (file, i + 1, record->rules->forwards->pdata[i]);

  if (!nns_record_store_save (self->records, key, file, error))
    {
      g_prefix_error (error, "cannot record the rules of %s: ",
                      record->namespace[0] == '\0' ? "the host" : record->namespace);
      return FALSE;
    }
  return TRUE;
}

void
nns_nat_records_forget (NnsNatRecords *self,
                        const char    *namespace)
{
  const char *key = record_key (namespace);

  g_return_if_fail (NNS_IS_NAT_RECORDS (self));

  if (key != NULL)
    nns_record_store_forget (self->records, key);
}

/* Loading: every value through the checks a caller's pass. */

static gboolean
load_masquerade (GKeyFile    *file,
                 const char  *group,
                 NnsNatRules *rules)
{
  g_autofree char *source = g_key_file_get_string (file, group, "Source", NULL);
  g_autofree char *out_link = g_key_file_get_string (file, group, "OutLink", NULL);
  NnsMasquerade masquerade = { .out_link = out_link };

  if (source == NULL || !nns_nat_source_parse (source, &masquerade.source, NULL) ||
      (out_link != NULL && !nns_nat_link_validate (out_link, NULL)))
    return FALSE;
  nns_nat_rules_add_masquerade (rules, &masquerade);
  return TRUE;
}

static gboolean
load_forward (GKeyFile    *file,
              const char  *group,
              NnsNatRules *rules)
{
  g_autofree char *protocol = g_key_file_get_string (file, group, "Protocol", NULL);
  g_autofree char *target = g_key_file_get_string (file, group, "Target", NULL);
  g_autofree char *address = g_key_file_get_string (file, group, "Address", NULL);
  g_autoptr(GError) error = NULL;
  guint64 port = g_key_file_get_uint64 (file, group, "Port", &error);
  NnsPortForward forward = { 0 };

  forward.from_local = g_key_file_get_boolean (file, group, "FromLocal", NULL);
  forward.has_address = address != NULL;
  if (error != NULL || port > G_MAXUINT16 || protocol == NULL || target == NULL ||
      !nns_nat_protocol_parse (protocol, &forward.protocol, NULL) ||
      !nns_nat_port_validate ((guint) port, "port", NULL) ||
      !nns_nat_target_parse (target, &forward.target, &forward.target_port, NULL) ||
      (address != NULL && !nns_cidr_parse (address, NNS_CIDR_NO_PREFIX, "address",
                                           &forward.address, NULL)) ||
      !nns_port_forward_check (&forward, NULL))
    return FALSE;
  forward.port = (guint16) port;
  nns_nat_rules_add_forward (rules, &forward);
  return TRUE;
}

/* A value netnsd will write back into a sysctl: a small number. */
static gboolean
is_sysctl_value (const char *value)
{
  if (value[0] == '\0' || strlen (value) > 10)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static NnsNatRecord *
load_record (GKeyFile   *file,
             const char *key)
{
  g_autofree char *name = g_key_file_get_string (file, NAMESPACE_GROUP, "Name", NULL);
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  g_autoptr(NnsNatRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (name == NULL || g_strcmp0 (record_key (name), key) != 0)
    return NULL;
  record = nns_nat_record_new (name);
  record->inode = g_key_file_get_uint64 (file, NAMESPACE_GROUP, "Inode", &error);
  if (error == NULL)
    record->cookie = g_key_file_get_uint64 (file, NAMESPACE_GROUP, "Cookie", &error);
  if (error != NULL)
    return NULL;
  for (guint i = 0; i < NNS_NAT_N_SYSCTLS; i++)
    {
      record->found[i] = g_key_file_get_string (file, SYSCTL_GROUP, sysctl_keys[i], NULL);
      ok = ok && (record->found[i] == NULL || is_sysctl_value (record->found[i]));
    }
  for (guint i = 0; ok && groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], MASQUERADE_PREFIX))
        ok = load_masquerade (file, groups[i], record->rules);
      else if (g_str_has_prefix (groups[i], FORWARD_PREFIX))
        ok = load_forward (file, groups[i], record->rules);
    }
  return ok ? g_steal_pointer (&record) : NULL;
}

/* Every record there is, of NnsNatRecord. A damaged one is dropped:
 * nothing it says can be trusted. */
GPtrArray *
nns_nat_records_load_all (NnsNatRecords *self)
{
  g_autoptr(GPtrArray) keys = nns_record_store_list_keys (self->records);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) nns_nat_record_free);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(GKeyFile) file = nns_record_store_load (self->records, keys->pdata[i]);
      NnsNatRecord *record = file != NULL ? load_record (file, keys->pdata[i]) : NULL;

      if (record != NULL)
        g_ptr_array_add (records, record);
      else
        {
          g_message ("dropping the unreadable rules record %s", (char *) keys->pdata[i]);
          nns_record_store_forget (self->records, keys->pdata[i]);
        }
    }
  return records;
}
