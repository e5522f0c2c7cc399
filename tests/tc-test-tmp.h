/* tc-test-tmp.h — temporary folders that go away with the test, pass or fail
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every folder made with tc_test_tmp_dir() is removed when the process
 * exits, and also when it dies of an assertion (SIGABRT), a crash or the
 * test runner's timeout (SIGTERM). The same goes for GLib's own
 * G_TEST_OPTION_ISOLATE_DIRS folder, which GLib removes only when
 * g_test_run() returns. build-aux/test.sh runs the suite in a fresh
 * TMPDIR and fails when anything is left there.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_dir_make_tmp() (@tmpl as there, e.g. "tc-exe-XXXXXX") that aborts on
 * failure and registers the folder for removal. Free the string. */
char *tc_test_tmp_dir    (const char *tmpl);
/* Removes @path and everything under it now, and forgets it. */
void  tc_test_tmp_remove (const char *path);

G_END_DECLS
