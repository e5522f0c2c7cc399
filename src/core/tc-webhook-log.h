/* tc-webhook-log.h — one delivery of a webhook (POST …/webhooks/{id}/logs)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only properties: id, webhook-id, event-type, status (PENDING,
 * SUCCEEDED, FAILED), response-body (string or NULL), attempts (int),
 * status-code (int; 0 when no answer came), test (bool: a test delivery),
 * responded-at (GDateTime or NULL), created-at (GDateTime).
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TC_TYPE_WEBHOOK_LOG (tc_webhook_log_get_type ())

G_DECLARE_FINAL_TYPE (TcWebhookLog, tc_webhook_log, TC, WEBHOOK_LOG, GObject)

TcWebhookLog *tc_webhook_log_new_from_json     (JsonObject   *object,
                                                GError      **error);

const char   *tc_webhook_log_get_id            (TcWebhookLog *self);
const char   *tc_webhook_log_get_webhook_id    (TcWebhookLog *self);
const char   *tc_webhook_log_get_event_type    (TcWebhookLog *self);
const char   *tc_webhook_log_get_status        (TcWebhookLog *self);
const char   *tc_webhook_log_get_response_body (TcWebhookLog *self);
guint         tc_webhook_log_get_attempts      (TcWebhookLog *self);
guint         tc_webhook_log_get_status_code   (TcWebhookLog *self);
gboolean      tc_webhook_log_get_test          (TcWebhookLog *self);
GDateTime    *tc_webhook_log_get_responded_at  (TcWebhookLog *self);
GDateTime    *tc_webhook_log_get_created_at    (TcWebhookLog *self);

/* Decodes the logs answer (a JSON array) into a new list of TcWebhookLog. */
GListModel   *tc_webhook_log_list_new_from_json (JsonArray   *array,
                                                 GError     **error);

G_END_DECLS
