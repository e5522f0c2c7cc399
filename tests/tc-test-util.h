/* tc-test-util.h — shared helpers for the test programs
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tc-service.h"

G_BEGIN_DECLS

/* g_test_init() with isolated XDG dirs, keeping the system's MIME database
 * visible (image loaders need it to recognise SVG and PNG). */
void       tc_test_init         (int           *argc,
                                 char        ***argv);
/* Iterates the thread-default main context until *@result is set, failing
 * the test after @timeout_seconds. */
void       tc_test_wait_result  (GAsyncResult **result,
                                 guint          timeout_seconds);
/* A GAsyncReadyCallback that stores the result in *(GAsyncResult **)user_data. */
void       tc_test_store_result (GObject       *object,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
/* Iterates until @condition returns TRUE for @data. */
void       tc_test_wait_until   (gboolean     (*condition) (gpointer data),
                                 gpointer       data,
                                 guint          timeout_seconds);
/* A real timecard-service on the thread-default context, over a fresh
 * database in the test's temporary directory, with an owner. */
TcService *tc_test_service_new  (char         **out_owner_id,
                                 char         **out_api_key);

G_END_DECLS
