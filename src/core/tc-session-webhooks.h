/* tc-session-webhooks.h — webhooks of the active workspace (Owner, Admins)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fields are checked locally first (tc_webhook_fields_validate()) and
 * nothing invalid is sent. Without an active workspace the list and create
 * calls fail with TC_API_ERROR_NOT_FOUND. Auth tokens stay in the TcWebhook
 * objects, in memory: nothing here is cached or logged.
 */

#pragma once

#include "tc-session.h"
#include "tc-webhook.h"
#include "tc-webhook-log.h"

G_BEGIN_DECLS

/* The webhooks as last loaded: a GListModel of TcWebhook, the same object
 * for the session's life. */
GListModel   *tc_session_get_webhooks                  (TcSession              *self);

/* GET /v1/workspaces/{active}/webhooks into tc_session_get_webhooks(). */
void          tc_session_load_webhooks_async           (TcSession              *self,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
/* Returns a new reference to tc_session_get_webhooks();
 * @out_workspace_count (may be NULL): workspaceWebhookCount. */
GListModel   *tc_session_load_webhooks_finish          (TcSession              *self,
                                                        GAsyncResult           *result,
                                                        guint                  *out_workspace_count,
                                                        GError                **error);
/* POST; the new webhook is appended to the list and returned. */
void          tc_session_create_webhook_async          (TcSession              *self,
                                                        const TcWebhookFields  *fields,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
TcWebhook    *tc_session_create_webhook_finish         (TcSession              *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
/* PUT …/{id} with @fields; @webhook takes the server's answer (saving also
 * turns delivery back on). */
void          tc_session_update_webhook_async          (TcSession              *self,
                                                        TcWebhook              *webhook,
                                                        const TcWebhookFields  *fields,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean      tc_session_update_webhook_finish         (TcSession              *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
/* DELETE …/{id}; @webhook leaves the list. */
void          tc_session_delete_webhook_async          (TcSession              *self,
                                                        TcWebhook              *webhook,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean      tc_session_delete_webhook_finish         (TcSession              *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
/* PATCH …/{id}/token: @webhook's auth-token becomes the new one; the old
 * one stops signing at once. */
void          tc_session_regenerate_webhook_token_async  (TcSession            *self,
                                                          TcWebhook            *webhook,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean      tc_session_regenerate_webhook_token_finish (TcSession            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* POST …/{id}/logs?page=@page&size=@page_size {status, sortByNewest: true}:
 * @status is ALL (or NULL), SUCCEEDED or FAILED; @page counts from 1. */
void          tc_session_load_webhook_logs_async       (TcSession              *self,
                                                        TcWebhook              *webhook,
                                                        const char             *status,
                                                        guint                   page,
                                                        guint                   page_size,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
/* A new list of TcWebhookLog, newest first. */
GListModel   *tc_session_load_webhook_logs_finish      (TcSession              *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
/* ext POST …/{id}/test: one test delivery, answered once it is over. */
void          tc_session_test_webhook_async            (TcSession              *self,
                                                        TcWebhook              *webhook,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
TcWebhookLog *tc_session_test_webhook_finish           (TcSession              *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

G_END_DECLS
