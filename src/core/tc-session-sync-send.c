/* tc-session-sync-send.c — the outbox's flush: sending, and the answers
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flush sends the queue (tc-session-sync.c) one edit at a time, oldest
 * first, each object fetched and checked once before its first edit goes.
 * An accepted edit leaves the queue; a refusal resolves it with the
 * server's reason; a missing route refuses every edit of its kind; any
 * other failure (network, server) ends the flush and the retry timer
 * takes over.
 * README.md describes the flow and every failure.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-private.h"

static void
flush_failed (TcSession    *self,
              const GError *error)
{
  self->flushing = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Edits stay queued: %s", error->message);
  _tc_session_note_error (self, error, FALSE);
  _tc_session_sync_schedule_retry (self);
}

static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, TC_API_ERROR, TC_API_ERROR_VALIDATION) ||
         g_error_matches (error, TC_API_ERROR, TC_API_ERROR_FORBIDDEN) ||
         g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NOT_FOUND) ||
         g_error_matches (error, TC_API_ERROR, TC_API_ERROR_TOO_LARGE);
}

/* The server lacks the route: every queued edit of the same kind is
 * refused (settings: and later writes too, can-edit-settings FALSE). */
static void
unsupported (TcSession     *self,
             TcPendingEdit *failed,
             const GError  *error)
{
  gboolean own_profile = failed->target == TC_EDIT_TARGET_USER ||
                         failed->target == TC_EDIT_TARGET_PICTURE;
  guint i = 0;

  if (failed->target == TC_EDIT_TARGET_SETTINGS)
    _tc_session_set_can_edit_settings (self, FALSE);
  else if (own_profile)
    _tc_session_set_can_edit_profile (self, FALSE);

  while (i < _tc_session_sync_n_pending (self))
    {
      TcPendingEdit *edit = _tc_session_sync_nth_edit (self, i);
      gboolean same = edit == failed || edit->target == failed->target ||
                      (own_profile && (edit->target == TC_EDIT_TARGET_USER ||
                                       edit->target == TC_EDIT_TARGET_PICTURE));

      if (same && (edit == failed || !edit->sending))
        _tc_session_sync_resolve (self, edit, error);
      else
        i++;
    }
}

void
_tc_session_sync_fetched (TcSession    *self,
                          const char   *key,
                          const GError *error)
{
  self->fetching = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->flushing = FALSE;
      return;
    }

  if (error == NULL)
    {
      _tc_session_set_offline (self, FALSE);
      g_hash_table_add (self->checked, g_strdup (key));
      _tc_session_sync_check (self, key);
      _tc_session_sync_send_next (self);
    }
  else if (is_refusal (error) && !g_str_equal (key, "user"))
    {
      guint i = 0;

      /* The member or the workspace is gone, or no longer ours to edit. */
      while (i < _tc_session_sync_n_pending (self))
        {
          TcPendingEdit *edit = _tc_session_sync_nth_edit (self, i);
          g_autofree char *edit_key = _tc_edit_object_key (edit);

          if (g_str_equal (edit_key, key) && !edit->sending)
            _tc_session_sync_resolve (self, edit, error);
          else
            i++;
        }
      _tc_session_sync_send_next (self);
    }
  else
    flush_failed (self, error);
}

void
_tc_session_sync_sent (TcSession     *self,
                       TcPendingEdit *edit,
                       JsonNode      *body,
                       const GError  *error)
{
  g_autoptr(TcPendingEdit) held G_GNUC_UNUSED = g_object_ref (edit);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->flushing = FALSE;
      return;
    }

  _tc_pending_edit_set_sending (edit, FALSE);
  /* Gone meanwhile (discarded while on its way cannot happen; a refresh
   * may have resolved it): the queue goes on. */
  if (_tc_session_sync_find (self, edit->uuid) == NULL)
    {
      _tc_session_sync_continue (self);
      return;
    }

  if (error == NULL)
    {
      _tc_session_set_offline (self, FALSE);
      /* The answer is the server's state (it may already settle the
       * edit: a user answer is checked like any other). */
      _tc_session_target_take_answer (self, edit, body);
      if (_tc_session_sync_find (self, edit->uuid) != NULL)
        _tc_session_sync_resolve (self, edit, NULL);
      _tc_session_sync_send_next (self);
    }
  else if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
    {
      unsupported (self, edit, error);
      _tc_session_sync_send_next (self);
    }
  else if (is_refusal (error))
    {
      _tc_session_sync_resolve (self, edit, error);
      _tc_session_sync_send_next (self);
    }
  else
    flush_failed (self, error);
}

void
_tc_session_sync_send_next (TcSession *self)
{
  TcPendingEdit *edit = _tc_session_sync_head (self);
  g_autofree char *key = NULL;

  if (edit == NULL || self->outbox_paused || g_cancellable_is_cancelled (self->cancellable))
    {
      self->flushing = FALSE;
      if (edit == NULL)
        self->retry_count = 0;
      return;
    }

  /* Written before sent: edit_written_cb comes back here. Already on its
   * way, or its object being fetched: the answer comes back here. Sending
   * it twice would also end the flush early and stall the queue. */
  if (edit->pending_writes > 0 || edit->sending || self->fetching)
    return;

  key = _tc_edit_object_key (edit);
  if (!g_hash_table_contains (self->checked, key))
    {
      self->fetching = TRUE;
      _tc_session_target_fetch (self, edit);
      return;
    }

  self->send_serial++;
  _tc_pending_edit_set_sending (edit, TRUE);
  _tc_session_target_send (self, edit);
}

void
_tc_session_sync_flush (TcSession *self,
                        gboolean   fetch_first)
{
  if (self->flushing || self->outbox_paused || self->settings == NULL ||
      _tc_session_sync_n_pending (self) == 0 || g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Data from the cache: a whole refresh (which sends the outbox after). */
  if (fetch_first && (self->stale || self->offline))
    {
      _tc_session_retry_refresh (self);
      return;
    }

  self->flushing = TRUE;
  /* Each object is checked against the server once per flush, just
   * before its first edit goes; a refresh has just brought the user. */
  g_hash_table_remove_all (self->checked);
  if (!fetch_first)
    g_hash_table_add (self->checked, g_strdup ("user"));
  _tc_session_sync_send_next (self);
}

void
_tc_session_set_outbox_paused (TcSession *self,
                               gboolean   paused)
{
  self->outbox_paused = !!paused;
  if (!paused)
    _tc_session_sync_flush (self, TRUE);
}
