/* fuzz-common.h — what the libFuzzer targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
fuzz_ignore_log (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
}

/* Messages are not what a fuzzer looks for, and printing them is slow. */
static inline void
fuzz_quiet_logs (void)
{
  static gboolean done;

  if (!done)
    {
      g_log_set_default_handler (fuzz_ignore_log, NULL);
      done = TRUE;
    }
}
