/* tc-session-sync.c — settings edits: outbox, sending, conflicts, retry
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-private.h"
#include "tc-user-settings-private.h"

void
_tc_edit_free (TcEdit *edit)
{
  g_free (edit->uuid);
  g_free (edit->wire);
  g_clear_pointer (&edit->base, json_node_unref);
  g_clear_pointer (&edit->value, json_node_unref);
  g_free (edit);
}

void _tc_session_sync_init (TcSession *self) { }
void _tc_session_sync_dispose (TcSession *self) { }
void _tc_session_sync_attach_settings (TcSession *self) { }
void
_tc_session_sync_server_settings (TcSession  *self,
                                  JsonObject *settings)
{
  g_clear_pointer (&self->server_settings, json_object_unref);
  self->server_settings = json_object_ref (settings);
  tc_user_settings_update_from_json (self->settings, settings, NULL);
}
void _tc_session_sync_take_outbox (TcSession *self, GPtrArray *entries) { }
void _tc_session_sync_flush (TcSession *self, gboolean fetch_first) { }
void _tc_session_sync_schedule_retry (TcSession *self) { }
void tc_session_retry_edits (TcSession *self) { }
