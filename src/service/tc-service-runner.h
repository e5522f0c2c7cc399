/* tc-service-runner.h — timecard-service embedded in the app
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a TcService on a thread of its own with its own GMainContext, so the
 * app's main loop never waits for the service's disk or sockets. The app only
 * ever talks to it over HTTP on loopback, exactly as to Clockify.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TC_TYPE_SERVICE_RUNNER (tc_service_runner_get_type ())

G_DECLARE_FINAL_TYPE (TcServiceRunner, tc_service_runner, TC, SERVICE_RUNNER, GObject)

TcServiceRunner *tc_service_runner_new            (const char          *db_path,
                                                   const char          *maildir);
/* Starts the thread, opens the database, listens on 127.0.0.1:0 and makes
 * sure an owner exists (named @owner_name / @owner_email on first run). */
void             tc_service_runner_start_async    (TcServiceRunner     *self,
                                                   const char          *owner_name,
                                                   const char          *owner_email,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         tc_service_runner_start_finish   (TcServiceRunner     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
const char      *tc_service_runner_get_base_url   (TcServiceRunner     *self);
const char      *tc_service_runner_get_owner_id   (TcServiceRunner     *self);
/* The owner's API key when this start created it (first run), else NULL. */
char            *tc_service_runner_dup_new_api_key (TcServiceRunner    *self);
/* A fresh key for the owner, for when the secret store lost the old one. */
void             tc_service_runner_issue_key_async  (TcServiceRunner     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char            *tc_service_runner_issue_key_finish (TcServiceRunner     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Stops the service and joins the thread. Also done on dispose. */
void             tc_service_runner_stop           (TcServiceRunner     *self);

G_END_DECLS
