/* netnsd-cni.c: the netnsd CNI plugin, installed as lib/cni/netnsd, where
 * container runtimes find plugins by their type.
 *
 * The runtime gives the command and the attachment in CNI_* variables and
 * the network configuration on stdin (SPEC.md, section 2); the plugin
 * prints the result or an error as JSON on stdout and exits 0 or 1. Run
 * by hand without CNI_COMMAND, it says what it is, as the reference
 * plugins do.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <unistd.h>

#include "nns-cni-commands.h"
#include "nns-cni-error.h"
#include "nns-cni-result.h"

/* A configuration is a few kilobytes; a runtime's prevResult adds a few
 * more. */
#define STDIN_MAX (16 * 1024 * 1024)

static const char *
newest_version (void)
{
  return nns_cni_versions[g_strv_length ((char **) nns_cni_versions) - 1];
}

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[8192];

  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          nns_cni_set_error (error, NNS_CNI_ERROR_IO_FAILURE, "cannot read stdin", "%s",
                             g_strerror (errno));
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > STDIN_MAX)
        {
          nns_cni_set_error (error, NNS_CNI_ERROR_IO_FAILURE, "cannot read stdin",
                             "the network configuration is over %d bytes", STDIN_MAX);
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static int
fail (GError     *error,
      const char *version)
{
  g_autofree char *json = NULL;

  if (nns_cni_version_index (version) < 0)
    version = newest_version ();
  json = nns_cni_error_to_json (error, version);
  g_print ("%s\n", json);
  g_error_free (error);
  return 1;
}

static void
print_about (void)
{
  g_autofree char *versions = g_strjoinv (", ", (char **) nns_cni_versions);

  g_printerr ("CNI netnsd plugin " PACKAGE_VERSION "\n"
              "CNI protocol versions supported: %s\n", versions);
}

static gboolean
run (const NnsCniEnv *env,
     NnsCniNetConf   *conf,
     GError         **error)
{
  g_autofree char *result = NULL;

  switch (env->command)
    {
    case NNS_CNI_COMMAND_ADD:
      result = nns_cni_add (env, conf, error);
      if (result == NULL)
        return FALSE;
      g_print ("%s\n", result);
      return TRUE;
    case NNS_CNI_COMMAND_DEL:
      return nns_cni_del (env, conf, error);
    case NNS_CNI_COMMAND_CHECK:
      return nns_cni_check (env, conf, error);
    case NNS_CNI_COMMAND_GC:
      return nns_cni_gc (conf, error);
    case NNS_CNI_COMMAND_STATUS:
      return nns_cni_status (conf, error);
    case NNS_CNI_COMMAND_VERSION:
    case NNS_CNI_COMMAND_NONE:
      break;
    }
  g_assert_not_reached ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(NnsCniEnv) env = NULL;
  g_autoptr(NnsCniNetConf) conf = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autofree char *version = NULL;
  GError *error = NULL;
  const char *text;
  gsize length;

  setlocale (LC_ALL, "");
  env = nns_cni_env_load (g_getenv, &error);
  if (env != NULL && env->command == NNS_CNI_COMMAND_NONE)
    {
      print_about ();
      return 0;
    }
  input = read_stdin (error == NULL ? &error : NULL);
  text = input != NULL ? g_bytes_get_data (input, &length) : NULL;
  if (text != NULL)
    version = nns_cni_netconf_peek_version (text, length);
  if (error != NULL)
    return fail (error, version);

  if (env->command == NNS_CNI_COMMAND_VERSION)
    {
      g_autofree char *json = nns_cni_version_to_json (version != NULL ? version
                                                                       : newest_version ());

      g_print ("%s\n", json);
      return 0;
    }
  conf = nns_cni_netconf_parse (text != NULL ? text : "", text != NULL ? length : 0, env, &error);
  if (conf == NULL || !run (env, conf, &error))
    return fail (error, version);
  return 0;
}
