/* fuzz-common.h: what the libFuzzer targets share.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a C string, as a D-Bus string argument would arrive (D-Bus
 * strings hold no NUL: cut at the first). */
static inline char *
fuzz_string (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* An invariant the code under test must keep: abort, so libFuzzer keeps
 * the input that broke it. */
#define FUZZ_ASSERT(condition) \
  do { if (!(condition)) { g_printerr ("invariant broken: %s\n", #condition); abort (); } } while (0)
