/* tc-fuzz-tmp.h — a temporary folder for a fuzz target, removed at exit
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer ends with exit() after -runs or -max_total_time, so an atexit()
 * handler removes the folder also when a target runs outside
 * run-fuzzer.py; after a crash the runner's own TMPDIR is removed instead.
 */

#pragma once

#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

static char *tc_fuzz_tmp_dir;

static void
tc_fuzz_tmp_dir_remove (void)
{
  g_autoptr(GDir) dir = g_dir_open (tc_fuzz_tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tc_fuzz_tmp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tc_fuzz_tmp_dir);
  g_clear_pointer (&tc_fuzz_tmp_dir, g_free);
}

/* A new folder in $TMPDIR, e.g. "tc-fuzz-outbox-XXXXXX"; aborts on error. */
static inline const char *
tc_fuzz_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;

  g_assert (tc_fuzz_tmp_dir == NULL);
  tc_fuzz_tmp_dir = g_dir_make_tmp (tmpl, &error);
  if (tc_fuzz_tmp_dir == NULL)
    g_error ("Cannot make a temporary folder: %s", error->message);
  atexit (tc_fuzz_tmp_dir_remove);
  return tc_fuzz_tmp_dir;
}
