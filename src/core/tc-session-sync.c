/* tc-session-sync.c — settings edits: outbox, sending, conflicts, retry
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A write to a TcUserSettings property becomes a TcEdit {field, base,
 * value}; it is written to the outbox in the cache and, once that write is
 * committed, sent as PATCH /v1/user/settings {field: value}, one at a time,
 * oldest first. README.md describes the flow and every failure.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-session-private.h"
#include "tc-user-settings-private.h"

static void send_next (TcSession *self);

static JsonNode *
server_value (TcSession  *self,
              const char *wire)
{
  if (self->server_settings == NULL)
    return NULL;
  return json_object_get_member (self->server_settings, wire);
}

static TcEdit *
find_edit (TcSession  *self,
           const char *uuid)
{
  for (GList *l = self->edits.head; l != NULL; l = l->next)
    {
      TcEdit *edit = l->data;

      if (g_str_equal (edit->uuid, uuid))
        return edit;
    }
  return NULL;
}

static TcEdit *
find_last_edit_for (TcSession  *self,
                    const char *wire)
{
  for (GList *l = self->edits.tail; l != NULL; l = l->prev)
    {
      TcEdit *edit = l->data;

      if (g_str_equal (edit->wire, wire))
        return edit;
    }
  return NULL;
}

/* The models show the server's settings with every pending edit laid
 * over them; writing them is not a user edit. */
static void
apply_model (TcSession *self)
{
  if (self->settings == NULL)
    return;

  self->applying++;
  g_object_freeze_notify (G_OBJECT (self->settings));
  if (self->server_settings != NULL)
    tc_user_settings_update_from_json (self->settings, self->server_settings, NULL);
  for (GList *l = self->edits.head; l != NULL; l = l->next)
    {
      TcEdit *edit = l->data;

      _tc_user_settings_set_member (self->settings, edit->wire, edit->value, NULL);
    }
  g_object_thaw_notify (G_OBJECT (self->settings));
  self->applying--;
}

typedef struct
{
  TcSession *self;
  char      *uuid;
} EditRef;

static EditRef *
edit_ref_new (TcSession *self,
              TcEdit    *edit)
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
  TcEdit *edit;

  /* A cache that cannot be written must not lose the edit: it is still
   * sent, it just would not survive a crash. */
  if (!tc_cache_outbox_put_finish (TC_CACHE (object), result, &error))
    g_debug ("The outbox could not be written: %s", error->message);

  edit = find_edit (self, ref->uuid);
  if (edit == NULL)
    return;

  g_assert (edit->pending_writes > 0);
  edit->pending_writes--;
  if (self->flushing && edit->pending_writes == 0 && edit == g_queue_peek_head (&self->edits))
    send_next (self);
}

static void
write_edit (TcSession *self,
            TcEdit    *edit)
{
  TcOutboxEntry entry = { edit->uuid, edit->wire, edit->base, edit->value };

  edit->pending_writes++;
  tc_cache_outbox_put_async (self->cache, &entry, NULL, edit_written_cb,
                             edit_ref_new (self, edit));
}

static void
remove_edit (TcSession *self,
             TcEdit    *edit)
{
  g_queue_remove (&self->edits, edit);
  tc_cache_outbox_remove_async (self->cache, edit->uuid, NULL, NULL, NULL);
  _tc_edit_free (edit);
  _tc_session_notify (self, TC_SESSION_PROP_PENDING_EDITS);
}


/* After an edit left the queue other than by being sent: if a flush is on
 * and nothing is in flight, send the next one (or end the flush). */
static void
continue_flush (TcSession *self)
{
  TcEdit *head = g_queue_peek_head (&self->edits);

  if (self->flushing && (head == NULL || !head->sending))
    send_next (self);
}

static void
settings_notify_cb (GObject    *settings,
                    GParamSpec *pspec,
                    TcSession  *self)
{
  const char *wire = tc_user_settings_property_to_wire (pspec->name);
  g_autoptr(JsonNode) value = NULL;
  TcEdit *last;
  TcEdit *edit;

  if (self->applying > 0 || wire == NULL || !_tc_user_settings_is_writable (wire))
    return;

  if (!self->can_edit_settings)
    {
      g_autoptr(GError) error =
        g_error_new_literal (TC_API_ERROR, TC_API_ERROR_UNSUPPORTED,
                             "This server does not let Timecard change settings");

      apply_model (self);
      _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_REFUSED, pspec->name, error);
      return;
    }

  value = _tc_user_settings_dup_member (TC_USER_SETTINGS (settings), wire);
  last = find_last_edit_for (self, wire);

  /* An edit not yet on its way takes the newer value. */
  if (last != NULL && !last->sending)
    {
      if (_tc_json_node_equal (value, last->base))
        {
          /* Back where it started: nothing to send. The flush may have
           * been waiting for this edit's write; go on with the rest. */
          remove_edit (self, last);
          continue_flush (self);
        }
      else
        {
          g_clear_pointer (&last->value, json_node_unref);
          last->value = g_steal_pointer (&value);
          write_edit (self, last);
        }
      return;
    }

  edit = g_new0 (TcEdit, 1);
  edit->base = last ? _tc_json_node_dup_value (last->value) : _tc_json_node_dup_value (server_value (self, wire));
  if (_tc_json_node_equal (value, edit->base))
    {
      _tc_edit_free (edit);
      return;
    }

  edit->uuid = g_uuid_string_random ();
  edit->wire = g_strdup (wire);
  edit->value = g_steal_pointer (&value);
  g_queue_push_tail (&self->edits, edit);
  write_edit (self, edit);
  _tc_session_notify (self, TC_SESSION_PROP_PENDING_EDITS);
  _tc_session_sync_flush (self, TRUE);
}

void
_tc_session_sync_attach_settings (TcSession *self)
{
  g_signal_connect (self->settings, "notify", G_CALLBACK (settings_notify_cb), self);
}

typedef struct
{
  char     *property;
  GVariant *server;
  GVariant *local;
} Conflict;

static void
conflict_free (Conflict *conflict)
{
  g_free (conflict->property);
  g_variant_unref (conflict->server);
  g_variant_unref (conflict->local);
  g_free (conflict);
}

/* Drops every edit of @wire and describes the conflict. */
static Conflict *
take_conflict (TcSession  *self,
               const char *wire)
{
  Conflict *conflict = g_new0 (Conflict, 1);
  TcEdit *edit;

  conflict->property = g_strdup (tc_user_settings_wire_to_property (wire));
  conflict->server = g_variant_ref_sink (_tc_json_node_to_variant (server_value (self, wire)));
  conflict->local = g_variant_ref_sink (_tc_json_node_to_variant (find_last_edit_for (self, wire)->value));

  while ((edit = find_last_edit_for (self, wire)) != NULL)
    remove_edit (self, edit);

  return conflict;
}

/* For the first edit of each field: the server still has the edit's base
 * (fine), already has its value (it was accepted before; done), or has
 * something else (a conflict: the server's value stays). */
static GPtrArray *
check_conflicts (TcSession *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);
  GList *l = self->edits.head;

  while (l != NULL)
    {
      TcEdit *edit = l->data;
      JsonNode *server = server_value (self, edit->wire);

      l = l->next;
      if (edit->sending || g_hash_table_contains (seen, edit->wire))
        {
          g_hash_table_add (seen, edit->wire);
          continue;
        }

      if (_tc_json_node_equal (server, edit->base))
        g_hash_table_add (seen, edit->wire);
      else if (_tc_json_node_equal (server, edit->value))
        remove_edit (self, edit);
      else
        {
          g_ptr_array_add (conflicts, take_conflict (self, edit->wire));
          l = self->edits.head;
          g_hash_table_remove_all (seen);
        }
    }

  return conflicts;
}

void
_tc_session_sync_server_settings (TcSession  *self,
                                  JsonObject *settings)
{
  g_autoptr(GPtrArray) conflicts = NULL;

  g_clear_pointer (&self->server_settings, json_object_unref);
  self->server_settings = json_object_ref (settings);

  /* Cached state is old news: only the server's word makes a conflict. */
  if (!self->applying_cache)
    conflicts = check_conflicts (self);
  apply_model (self);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      Conflict *c = g_ptr_array_index (conflicts, i);

      _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_CONFLICT, c->property, c->server, c->local);
    }
}

void
_tc_session_sync_take_outbox (TcSession *self,
                              GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      TcOutboxEntry *entry = g_ptr_array_index (entries, i);
      TcEdit *edit;

      if (find_edit (self, entry->uuid) != NULL ||
          !_tc_user_settings_is_writable (entry->field))
        continue;

      edit = g_new0 (TcEdit, 1);
      edit->uuid = g_strdup (entry->uuid);
      edit->wire = g_strdup (entry->field);
      edit->base = _tc_json_node_dup_value (entry->base);
      edit->value = _tc_json_node_dup_value (entry->value);
      g_queue_push_tail (&self->edits, edit);
    }

  if (entries->len > 0)
    _tc_session_notify (self, TC_SESSION_PROP_PENDING_EDITS);
  apply_model (self);
}

/* Sending */

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

/* The server said no to @edit: it leaves the outbox, the model shows the
 * server's value again, and the view hears why. */
static void
refuse_edit (TcSession    *self,
             TcEdit       *edit,
             const GError *error)
{
  g_autofree char *wire = g_strdup (edit->wire);
  const char *property = tc_user_settings_wire_to_property (wire);

  remove_edit (self, edit);
  for (GList *l = self->edits.head; l != NULL; l = l->next)
    {
      TcEdit *later = l->data;

      if (!g_str_equal (later->wire, wire))
        continue;
      g_clear_pointer (&later->base, json_node_unref);
      later->base = _tc_json_node_dup_value (server_value (self, wire));
      write_edit (self, later);
      break;
    }

  apply_model (self);
  _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_REFUSED, property, error);
}

static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, TC_API_ERROR, TC_API_ERROR_VALIDATION) ||
         g_error_matches (error, TC_API_ERROR, TC_API_ERROR_FORBIDDEN) ||
         g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NOT_FOUND) ||
         g_error_matches (error, TC_API_ERROR, TC_API_ERROR_TOO_LARGE);
}

static void
unsupported (TcSession    *self,
             const GError *error)
{
  TcEdit *edit;

  _tc_session_set_can_edit_settings (self, FALSE);
  while ((edit = g_queue_peek_head (&self->edits)) != NULL)
    refuse_edit (self, edit, error);
  self->flushing = FALSE;
}

static void
patch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EditRef) ref = user_data;
  TcSession *self = ref->self;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  TcEdit *edit;

  tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->flushing = FALSE;
      return;
    }

  /* Gone meanwhile: the queue goes on, a stopped flush would stall it. */
  edit = find_edit (self, ref->uuid);
  if (edit == NULL)
    {
      continue_flush (self);
      return;
    }

  edit->sending = FALSE;
  if (error == NULL)
    {
      remove_edit (self, edit);
      _tc_session_set_offline (self, FALSE);
      if (!_tc_session_take_user (self, body, &error))
        g_debug ("The answer to an edit was not a user: %s", error->message);
      send_next (self);
    }
  else if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
    unsupported (self, error);
  else if (is_refusal (error))
    {
      refuse_edit (self, edit, error);
      send_next (self);
    }
  else
    flush_failed (self, error);
}

static void
send_next (TcSession *self)
{
  TcEdit *edit = g_queue_peek_head (&self->edits);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (edit == NULL || self->outbox_paused)
    {
      self->flushing = FALSE;
      if (edit == NULL)
        self->retry_count = 0;
      return;
    }

  /* Written before sent: edit_written_cb comes back here. Already on its
   * way (the write and the pre-send fetch both lead here): its answer comes
   * back to patch_cb, which goes on. Sending it twice would also end the
   * flush early and stall the queue. */
  if (edit->pending_writes > 0 || edit->sending || self->fetching)
    return;

  object = json_object_new ();
  json_object_set_member (object, edit->wire,
                          edit->value ? json_node_copy (edit->value) : json_node_new (JSON_NODE_NULL));
  body = json_node_init_object (json_node_alloc (), object);

  edit->sending = TRUE;
  tc_api_client_request_async (self->client, "PATCH", "/v1/user/settings", body,
                               self->cancellable, patch_cb, edit_ref_new (self, edit));
}

static void
flush_user_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TcSession) self = user_data;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  self->fetching = FALSE;
  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error) ||
      !_tc_session_take_user (self, body, &error))
    {
      flush_failed (self, error);
      return;
    }

  _tc_session_set_offline (self, FALSE);
  send_next (self);
}

void
_tc_session_sync_flush (TcSession *self,
                        gboolean   fetch_first)
{
  if (self->flushing || self->outbox_paused || self->settings == NULL ||
      g_queue_is_empty (&self->edits) || g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Data from the cache: a whole refresh (which sends the outbox after). */
  if (fetch_first && (self->stale || self->offline))
    {
      _tc_session_retry_refresh (self);
      return;
    }

  self->flushing = TRUE;
  self->fetching = fetch_first;
  if (fetch_first)
    tc_api_client_request_async (self->client, "GET", "/v1/user", NULL,
                                 self->cancellable, flush_user_cb, g_object_ref (self));
  else
    send_next (self);
}

void
_tc_session_sync_init (TcSession *self)
{
  g_queue_init (&self->edits);
  _tc_session_retry_init (self);
}

void
_tc_session_sync_dispose (TcSession *self)
{
  _tc_session_retry_dispose (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_notify_cb, self);
  g_queue_clear_full (&self->edits, (GDestroyNotify) _tc_edit_free);
}

void
_tc_session_set_outbox_paused (TcSession *self,
                               gboolean   paused)
{
  self->outbox_paused = !!paused;
  if (!paused)
    _tc_session_sync_flush (self, TRUE);
}
