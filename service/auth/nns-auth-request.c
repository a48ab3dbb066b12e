/* nns-auth-request.c: the polkit questions one method call asks.
 *
 * A method's plan adds a check per thing it changes, with details that
 * name it (namespace, link, owner, ...) so that an admin's rule can tell
 * them apart. A question asked twice within one call (the same action
 * with the same details) is kept once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "netnsd"

#include "config.h"

#include <string.h>

#include "nns-auth-request.h"

struct _NnsAuthRequest {
  GPtrArray  *checks;   /* of NnsAuthCheck */
  GHashTable *keys;     /* the checks' keys */
  char       *origin;   /* for the checks added from now on */
};

static void
auth_check_free (gpointer data)
{
  NnsAuthCheck *check = data;

  g_free (check->action_id);
  g_free (check->what);
  g_clear_object (&check->details);
  g_free (check->key);
  g_free (check->origin);
  g_free (check);
}

NnsAuthRequest *
nns_auth_request_new (void)
{
  NnsAuthRequest *request = g_new0 (NnsAuthRequest, 1);

  request->checks = g_ptr_array_new_with_free_func (auth_check_free);
  request->keys = g_hash_table_new (g_str_hash, g_str_equal);
  return request;
}

void
nns_auth_request_free (NnsAuthRequest *request)
{
  g_hash_table_unref (request->keys);
  g_ptr_array_unref (request->checks);
  g_free (request->origin);
  g_free (request);
}

/* Names the part of the call (an operation of Apply) that the checks
 * added from now on are for; a denial starts with it. */
void
nns_auth_request_set_origin (NnsAuthRequest *request,
                             const char     *origin)
{
  g_free (request->origin);
  request->origin = g_strdup (origin);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* What a check asks, as one string: the action and every detail. */
static char *
check_key (const char    *action_id,
           PolkitDetails *details)
{
  g_auto(GStrv) keys = polkit_details_get_keys (details);
  g_autoptr(GString) key = g_string_new (action_id);

  if (keys != NULL)
    g_qsort_with_data (keys, (gint) g_strv_length (keys), sizeof (char *), compare_strings, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    g_string_append_printf (key, "\x1f%s=%s", keys[i],
                            polkit_details_lookup (details, keys[i]));
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* Adds a check of @action_id; @what says in words what the caller asked
 * for ("create namespace 'red'"), for the denial message. The details are
 * key/value string pairs that polkit rules read with action.lookup(). */
void
nns_auth_request_add (NnsAuthRequest *request,
                      const char     *action_id,
                      const char     *what,
                      const char     *first_detail_key,
                      ...)
{
  NnsAuthCheck *check = g_new0 (NnsAuthCheck, 1);
  const char *key;
  va_list args;

  check->action_id = g_strdup (action_id);
  check->what = g_strdup (what);
  check->origin = g_strdup (request->origin);
  check->details = polkit_details_new ();

  va_start (args, first_detail_key);
  for (key = first_detail_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      polkit_details_insert (check->details, key, value);
    }
  va_end (args);

  check->key = check_key (check->action_id, check->details);
  if (g_hash_table_contains (request->keys, check->key))
    {
      auth_check_free (check);
      return;
    }
  g_hash_table_add (request->keys, check->key);
  g_ptr_array_add (request->checks, check);
}

guint
nns_auth_request_get_n_checks (NnsAuthRequest *request)
{
  return request->checks->len;
}

const NnsAuthCheck *
nns_auth_request_get_check (NnsAuthRequest *request,
                            guint           index)
{
  g_return_val_if_fail (index < request->checks->len, NULL);

  return g_ptr_array_index (request->checks, index);
}
