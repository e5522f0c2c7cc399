/* tc-webhook.h — one webhook of a workspace (GET /v1/workspaces/{ws}/webhooks)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only properties, notified only on change: id, workspace-id, user-id,
 * name, url, webhook-event, trigger-source-type (strings), trigger-source
 * (strv of ids, empty for workspace-wide), enabled, delivery-enabled,
 * plan-enabled (bool), auth-token (the secret sent as Clockify-Signature:
 * memory only, never cached or logged, wiped on finalize).
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a person edits: the body of POST and PUT. Borrowed strings. */
typedef struct
{
  const char         *name;                /* 2..30 characters */
  const char         *url;                 /* https, or http to loopback */
  const char         *webhook_event;       /* tc_wire_is_webhook_event() */
  const char         *trigger_source_type; /* NULL: WORKSPACE_ID */
  const char * const *trigger_source;      /* ids; NULL: [] */
  gboolean            enabled;
} TcWebhookFields;

/* Checks @fields with the shared wire validators, so nothing invalid is
 * sent: TC_API_ERROR_VALIDATION with a message that starts with the wire
 * name of the field ("url: …"). */
gboolean    tc_webhook_fields_validate (const TcWebhookFields *fields,
                                        GError               **error);
JsonNode   *tc_webhook_fields_to_json  (const TcWebhookFields *fields);

#define TC_TYPE_WEBHOOK (tc_webhook_get_type ())

G_DECLARE_FINAL_TYPE (TcWebhook, tc_webhook, TC, WEBHOOK, GObject)

TcWebhook          *tc_webhook_new_from_json       (JsonObject  *object,
                                                    GError     **error);
/* All or nothing: on error the webhook is unchanged. */
gboolean            tc_webhook_update_from_json    (TcWebhook   *self,
                                                    JsonObject  *object,
                                                    GError     **error);
/* Fills @fields with borrowed values of @self, e.g. to change one of them
 * and save. */
void                tc_webhook_get_fields          (TcWebhook       *self,
                                                    TcWebhookFields *fields);

const char         *tc_webhook_get_id                  (TcWebhook *self);
const char         *tc_webhook_get_workspace_id        (TcWebhook *self);
const char         *tc_webhook_get_user_id             (TcWebhook *self);
const char         *tc_webhook_get_name                (TcWebhook *self);
const char         *tc_webhook_get_url                 (TcWebhook *self);
const char         *tc_webhook_get_webhook_event       (TcWebhook *self);
const char         *tc_webhook_get_trigger_source_type (TcWebhook *self);
const char * const *tc_webhook_get_trigger_source      (TcWebhook *self);
gboolean            tc_webhook_get_enabled             (TcWebhook *self);
gboolean            tc_webhook_get_delivery_enabled    (TcWebhook *self);
gboolean            tc_webhook_get_plan_enabled        (TcWebhook *self);
const char         *tc_webhook_get_auth_token          (TcWebhook *self);

/* Decodes the list answer {webhooks: […], workspaceWebhookCount} into a
 * new list of TcWebhook; @out_workspace_count (may be NULL) gets the count. */
GListModel *tc_webhook_list_new_from_json (JsonObject  *answer,
                                           guint       *out_workspace_count,
                                           GError     **error);

G_END_DECLS
