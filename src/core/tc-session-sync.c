/* tc-session-sync.c — the outbox: queue, writing, checking
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit of server state is a TcPendingEdit {target, object, field,
 * base, value}. It is written to the outbox in the cache and, once that
 * write is committed, checked against the server's current value of its
 * object and sent, one at a time, oldest first. What differs per target
 * (requests, server values) is in tc-session-outbox-targets.c, the
 * sending and what each answer does in tc-session-sync-send.c.
 * README.md describes the flow and every failure.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-private.h"
#include "tc-user-settings-private.h"

TcPendingEdit *
_tc_session_sync_find (TcSession  *self,
           const char *uuid)
{
  for (guint i = 0; i < _tc_session_sync_n_pending (self); i++)
    {
      TcPendingEdit *edit = _tc_session_sync_nth_edit (self, i);

      if (g_str_equal (edit->uuid, uuid))
        return edit;
    }
  return NULL;
}

TcPendingEdit *
_tc_session_sync_find_last (TcSession     *self,
                            TcPendingEdit *like)
{
  for (guint i = _tc_session_sync_n_pending (self); i > 0; i--)
    {
      TcPendingEdit *edit = _tc_session_sync_nth_edit (self, i - 1);

      if (edit != like && _tc_pending_edit_same_field (edit, like))
        return edit;
    }
  return NULL;
}

/* Shows @edit's field again after it changed or left the queue;
 * @fallback: the value to show when neither a queued edit nor the server
 * has one known (a member never fetched). */
void
_tc_session_sync_apply (TcSession     *self,
              TcPendingEdit *edit,
              JsonNode      *fallback)
{
  switch (edit->target)
    {
    case TC_EDIT_TARGET_SETTINGS:
      _tc_session_apply_settings (self);
      break;
    case TC_EDIT_TARGET_USER:
    case TC_EDIT_TARGET_PICTURE:
      _tc_session_apply_user (self);
      break;
    case TC_EDIT_TARGET_MEMBER_PROFILE:
    case TC_EDIT_TARGET_MEMBER_STATUS:
    default:
      _tc_session_members_apply (self, edit, fallback);
      break;
    }
}

typedef struct
{
  TcSession *self;
  char      *uuid;
} EditRef;

static EditRef *
edit_ref_new (TcSession     *self,
              TcPendingEdit *edit)
{
  EditRef *ref = g_new0 (EditRef, 1);

  ref->self = g_object_ref (self);
  ref->uuid = g_strdup (edit->uuid);
  return ref;
}

static void
edit_ref_free (EditRef *ref)
{
  g_object_unref (ref->self);
  g_free (ref->uuid);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EditRef, edit_ref_free)

static void
edit_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EditRef) ref = user_data;
  TcSession *self = ref->self;
  g_autoptr(GError) error = NULL;
  TcPendingEdit *edit;

  /* A cache that cannot be written must not lose the edit: it is still
   * sent, it just would not survive a crash. */
  if (!tc_cache_outbox_put_finish (TC_CACHE (object), result, &error))
    g_debug ("The outbox could not be written: %s", error->message);

  edit = _tc_session_sync_find (self, ref->uuid);
  if (edit == NULL)
    return;

  g_assert (edit->pending_writes > 0);
  edit->pending_writes--;
  if (self->flushing && edit->pending_writes == 0 && edit == _tc_session_sync_head (self))
    _tc_session_sync_send_next (self);
}

static void
write_edit (TcSession     *self,
            TcPendingEdit *edit)
{
  TcOutboxEntry entry = {
    edit->uuid, edit->wire, edit->base, edit->value, edit->target,
    edit->workspace_id, edit->object_id, edit->object_label, edit->field_label,
    edit->extra, edit->blob,
  };

  edit->pending_writes++;
  tc_cache_outbox_put_async (self->cache, &entry, NULL, edit_written_cb,
                             edit_ref_new (self, edit));
}

void
_tc_session_sync_rewrite (TcSession     *self,
                          TcPendingEdit *edit)
{
  _tc_pending_edit_set_sending (edit, FALSE);
  write_edit (self, edit);
}

static void
remove_edit (TcSession     *self,
             TcPendingEdit *edit)
{
  guint position;

  if (!g_list_store_find (self->pending, edit, &position))
    return;
  tc_cache_outbox_remove_async (self->cache, edit->uuid, NULL, NULL, NULL);
  g_list_store_remove (self->pending, position);
  _tc_session_notify (self, TC_SESSION_PROP_PENDING_EDITS);
}

/* @edit leaves the outbox: @error NULL (accepted), a refusal, a conflict
 * or G_IO_ERROR_CANCELLED (discarded). The next edit of the same field
 * now builds on what the server has (or, discarded, on this one's base);
 * the models show what is left; the views hear how it ended. */
void
_tc_session_sync_resolve (TcSession     *self,
              TcPendingEdit *edit,
              const GError  *error)
{
  g_autoptr(TcPendingEdit) held G_GNUC_UNUSED = g_object_ref (edit);
  g_autoptr(JsonNode) fallback = NULL;
  TcPendingEdit *later;

  remove_edit (self, edit);

  if (error != NULL)
    {
      gboolean discarded = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      JsonNode *server = _tc_session_server_value (self, edit);

      fallback = _tc_json_node_dup_value (discarded || server == NULL ? edit->base : server);
      later = _tc_session_sync_find_last (self, edit);
      /* The first later edit of the field is the one built on this one. */
      for (guint i = 0; later != NULL && i < _tc_session_sync_n_pending (self); i++)
        {
          TcPendingEdit *next = _tc_session_sync_nth_edit (self, i);

          if (!_tc_pending_edit_same_field (next, edit) || next->sending)
            continue;
          g_clear_pointer (&next->base, json_node_unref);
          next->base = _tc_json_node_dup_value (fallback);
          write_edit (self, next);
          break;
        }
    }
  else
    fallback = _tc_json_node_dup_value (edit->value);

  _tc_session_sync_apply (self, edit, fallback);
  _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_RESOLVED, edit, error);
  if (error != NULL && edit->target == TC_EDIT_TARGET_SETTINGS &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, TC_API_ERROR, TC_API_ERROR_CONFLICT))
    _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_REFUSED,
                      tc_user_settings_wire_to_property (edit->wire), error);
}

/* After an edit left the queue other than by being sent: if a flush is on
 * and nothing is in flight, send the next one (or end the flush). */
void
_tc_session_sync_continue (TcSession *self)
{
  TcPendingEdit *head = _tc_session_sync_head (self);

  if (self->flushing && (head == NULL || !head->sending))
    _tc_session_sync_send_next (self);
}

const char *
_tc_session_sync_add (TcSession     *self,
                      TcPendingEdit *edit)
{
  g_autoptr(TcPendingEdit) owned G_GNUC_UNUSED = edit;
  TcPendingEdit *last = _tc_session_sync_find_last (self, edit);

  /* An edit not yet on its way takes the newer value. */
  if (last != NULL && !last->sending)
    {
      if (_tc_json_node_equal (edit->value, last->base))
        {
          g_autoptr(GError) error =
            g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Changed back before it was sent");

          /* Back where it started: nothing to send. The flush may have
           * been waiting for this edit's write; go on with the rest. */
          _tc_session_sync_resolve (self, last, error);
          _tc_session_sync_continue (self);
          return NULL;
        }

      g_clear_pointer (&last->value, json_node_unref);
      last->value = _tc_json_node_dup_value (edit->value);
      if (edit->blob != NULL)
        {
          g_clear_pointer (&last->blob, g_bytes_unref);
          last->blob = g_bytes_ref (edit->blob);
          g_clear_pointer (&last->extra, g_free);
        }
      write_edit (self, last);
      /* A settings model already shows what was written into it. */
      if (last->target != TC_EDIT_TARGET_SETTINGS)
        _tc_session_sync_apply (self, last, NULL);
      return last->uuid;
    }

  if (last != NULL)
    {
      g_clear_pointer (&edit->base, json_node_unref);
      edit->base = _tc_json_node_dup_value (last->value);
    }
  if (edit->target != TC_EDIT_TARGET_PICTURE && _tc_json_node_equal (edit->value, edit->base))
    return NULL;

  g_list_store_append (self->pending, edit);
  write_edit (self, edit);
  _tc_session_notify (self, TC_SESSION_PROP_PENDING_EDITS);
  if (edit->target != TC_EDIT_TARGET_SETTINGS)
    _tc_session_sync_apply (self, edit, NULL);
  _tc_session_sync_flush (self, TRUE);
  return edit->uuid;
}

/* Somebody changed @edit's field meanwhile: every queued edit of it is
 * dropped and the server's value stays. */
static void
take_conflict (TcSession     *self,
               TcPendingEdit *edit)
{
  g_autoptr(TcPendingEdit) first = g_object_ref (edit);
  g_autoptr(GVariant) server = NULL;
  g_autoptr(GVariant) local = NULL;
  g_autoptr(GError) error = NULL;
  TcPendingEdit *last;

  if (edit->target == TC_EDIT_TARGET_SETTINGS)
    {
      server = g_variant_ref_sink (_tc_json_node_to_variant (_tc_session_server_value (self, edit)));
      local = g_variant_ref_sink (_tc_json_node_to_variant (
        (_tc_session_sync_find_last (self, edit) ?: edit)->value));
    }

  error = g_error_new_literal (TC_API_ERROR, TC_API_ERROR_CONFLICT,
                               "Changed on the server since this edit was made; "
                               "the server's value was kept");
  while ((last = _tc_session_sync_find_last (self, first)) != NULL)
    _tc_session_sync_resolve (self, last, error);
  _tc_session_sync_resolve (self, first, error);

  if (server != NULL)
    _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_CONFLICT,
                      tc_user_settings_wire_to_property (first->wire), server, local);
}

void
_tc_session_sync_check (TcSession  *self,
                        const char *key)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  guint i = 0;

  while (i < _tc_session_sync_n_pending (self))
    {
      TcPendingEdit *edit = _tc_session_sync_nth_edit (self, i);
      g_autofree char *edit_key = _tc_edit_object_key (edit);
      gboolean first = TRUE;

      if (!g_str_equal (edit_key, key))
        {
          i++;
          continue;
        }

      for (guint j = 0; j < seen->len && first; j++)
        first = !_tc_pending_edit_same_field (g_ptr_array_index (seen, j), edit);
      if (!first || edit->sending)
        {
          g_ptr_array_add (seen, edit);
          i++;
          continue;
        }

      switch (_tc_session_edit_state (self, edit))
        {
        case TC_EDIT_STATE_BASE:
          g_ptr_array_add (seen, edit);
          i++;
          break;
        case TC_EDIT_STATE_APPLIED:
          /* Sent before, its answer lost (killed before the row was
           * removed): done, and it must not go twice. */
          _tc_session_sync_resolve (self, edit, NULL);
          break;
        case TC_EDIT_STATE_CONFLICT:
        default:
          take_conflict (self, edit);
          g_ptr_array_set_size (seen, 0);
          i = 0;
          break;
        }
    }
}

void
_tc_session_sync_server_user (TcSession  *self,
                              JsonObject *user)
{
  g_clear_pointer (&self->server_user, json_object_unref);
  self->server_user = json_object_ref (user);

  /* Cached state is old news: only the server's word makes a conflict. */
  if (!self->applying_cache)
    _tc_session_sync_check (self, "user");
  _tc_session_apply_user (self);
}

void
_tc_session_sync_init (TcSession *self)
{
  self->pending = g_list_store_new (TC_TYPE_PENDING_EDIT);
  self->checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->server_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_object_unref);
  _tc_session_members_init (self);
  _tc_session_retry_init (self);
}

void
_tc_session_sync_dispose (TcSession *self)
{
  _tc_session_retry_dispose (self);
  _tc_session_members_dispose (self);
  _tc_session_outbox_dispose (self);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->server_members, g_hash_table_unref);
  g_clear_pointer (&self->server_user, json_object_unref);
}
