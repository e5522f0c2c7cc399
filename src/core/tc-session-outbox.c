/* tc-session-outbox.c — the outbox's edges: settings, cache, the list
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where edits come from and where people see them: writes to the
 * TcUserSettings model become settings edits, the cache's outbox rows come
 * back at start, and tc_session_get_pending() / tc_session_discard_edit()
 * show and drop them. The queue itself is in tc-session-sync.c.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-private.h"
#include "tc-user-settings-private.h"

/* The models show the server's state with every pending edit laid over
 * them; writing them is not a user edit. */
void
_tc_session_apply_settings (TcSession *self)
{
  if (self->settings == NULL)
    return;

  self->applying++;
  g_object_freeze_notify (G_OBJECT (self->settings));
  if (self->server_settings != NULL)
    tc_user_settings_update_from_json (self->settings, self->server_settings, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->pending)); i++)
    {
      g_autoptr(TcPendingEdit) edit = g_list_model_get_item (G_LIST_MODEL (self->pending), i);

      if (edit->target == TC_EDIT_TARGET_SETTINGS)
        _tc_user_settings_set_member (self->settings, edit->wire, edit->value, NULL);
    }
  g_object_thaw_notify (G_OBJECT (self->settings));
  self->applying--;
}

static void
settings_notify_cb (GObject    *settings,
                    GParamSpec *pspec,
                    TcSession  *self)
{
  const char *wire = tc_user_settings_property_to_wire (pspec->name);
  TcPendingEdit *edit;

  if (self->applying > 0 || wire == NULL || !_tc_user_settings_is_writable (wire))
    return;

  if (!self->can_edit_settings)
    {
      g_autoptr(GError) error =
        g_error_new_literal (TC_API_ERROR, TC_API_ERROR_UNSUPPORTED,
                             "This server does not let Timecard change settings");

      _tc_session_apply_settings (self);
      _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_REFUSED, pspec->name, error);
      return;
    }

  edit = _tc_pending_edit_new (TC_EDIT_TARGET_SETTINGS, NULL, wire);
  edit->value = _tc_user_settings_dup_member (TC_USER_SETTINGS (settings), wire);
  edit->base = _tc_json_node_dup_value (self->server_settings
                                        ? json_object_get_member (self->server_settings, wire)
                                        : NULL);
  _tc_session_sync_add (self, edit);
}

void
_tc_session_sync_attach_settings (TcSession *self)
{
  g_signal_connect (self->settings, "notify", G_CALLBACK (settings_notify_cb), self);
}

void
_tc_session_outbox_dispose (TcSession *self)
{
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_notify_cb, self);
}

void
_tc_session_sync_server_settings (TcSession  *self,
                                  JsonObject *settings)
{
  g_clear_pointer (&self->server_settings, json_object_unref);
  self->server_settings = json_object_ref (settings);
  _tc_session_apply_settings (self);
}

void
_tc_session_sync_take_outbox (TcSession *self,
                              GPtrArray *entries)
{
  guint added = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      TcOutboxEntry *entry = g_ptr_array_index (entries, i);
      TcPendingEdit *edit;

      if (_tc_session_sync_find (self, entry->uuid) != NULL ||
          entry->target < TC_EDIT_TARGET_SETTINGS || entry->target > TC_EDIT_TARGET_MEMBER_STATUS ||
          (entry->target == TC_EDIT_TARGET_SETTINGS && !_tc_user_settings_is_writable (entry->field)) ||
          (entry->target == TC_EDIT_TARGET_PICTURE && entry->blob == NULL) ||
          (entry->target >= TC_EDIT_TARGET_MEMBER_PROFILE &&
           (entry->workspace_id == NULL || entry->object_id == NULL)))
        continue;

      edit = _tc_pending_edit_new (entry->target, entry->uuid, entry->field);
      edit->workspace_id = g_strdup (entry->workspace_id);
      edit->object_id = g_strdup (entry->object_id);
      edit->object_label = g_strdup (entry->object_label);
      edit->field_label = g_strdup (entry->field_label);
      edit->extra = g_strdup (entry->extra);
      edit->blob = entry->blob ? g_bytes_ref (entry->blob) : NULL;
      edit->base = _tc_json_node_dup_value (entry->base);
      edit->value = _tc_json_node_dup_value (entry->value);
      g_list_store_append (self->pending, edit);
      _tc_session_sync_apply (self, edit, NULL);
      g_object_unref (edit);
      added++;
    }

  if (added > 0)
    _tc_session_notify (self, TC_SESSION_PROP_PENDING_EDITS);
}

GListModel *
tc_session_get_pending (TcSession *self)
{
  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->pending);
}

gboolean
tc_session_discard_edit (TcSession  *self,
                         const char *uuid)
{
  g_autoptr(GError) error = NULL;
  TcPendingEdit *edit;

  g_return_val_if_fail (TC_IS_SESSION (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  edit = _tc_session_sync_find (self, uuid);
  if (edit == NULL || edit->sending)
    return FALSE;

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Discarded");
  _tc_session_sync_resolve (self, edit, error);
  _tc_session_sync_continue (self);
  return TRUE;
}

