/* tc-cache-outbox.c — the outbox table of TcCache
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per queued edit, in the order made (seq). Schema version 1 had
 * settings edits only (uuid, field, base, value); version 2 adds the edit's
 * target, its object (workspace and member), labels for the list of
 * waiting changes, an extra text (a picture's uploaded URL, a member's
 * email) and the picture's bytes. A version 1 database is upgraded in
 * place: its rows are settings edits (target 0) and load as before.
 */

#include "config.h"

#include "tc-cache-worker-private.h"

#define OUTBOX_COLUMNS \
  "uuid, field, base, value, target, workspace_id, object_id, object_label, " \
  "field_label, extra, blob"

gboolean
_tc_cache_migrate_outbox (sqlite3  *db,
                          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return _tc_cache_set_sqlite_error (error, db, "schema version");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version >= 2)
    return TRUE;

  if (sqlite3_exec (db,
                    "BEGIN IMMEDIATE;"
                    "ALTER TABLE outbox ADD COLUMN target INTEGER NOT NULL DEFAULT 0;"
                    "ALTER TABLE outbox ADD COLUMN workspace_id TEXT;"
                    "ALTER TABLE outbox ADD COLUMN object_id TEXT;"
                    "ALTER TABLE outbox ADD COLUMN object_label TEXT;"
                    "ALTER TABLE outbox ADD COLUMN field_label TEXT;"
                    "ALTER TABLE outbox ADD COLUMN extra TEXT;"
                    "ALTER TABLE outbox ADD COLUMN blob BLOB;"
                    "PRAGMA user_version = 2;"
                    "COMMIT;",
                    NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cache: outbox upgrade: %s", message);
      sqlite3_free (message);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

void
tc_outbox_entry_free (TcOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->uuid);
  g_free (entry->field);
  g_clear_pointer (&entry->base, json_node_unref);
  g_clear_pointer (&entry->value, json_node_unref);
  g_free (entry->workspace_id);
  g_free (entry->object_id);
  g_free (entry->object_label);
  g_free (entry->field_label);
  g_free (entry->extra);
  g_clear_pointer (&entry->blob, g_bytes_unref);
  g_free (entry);
}

static TcOutboxEntry *
outbox_entry_copy (const TcOutboxEntry *entry)
{
  TcOutboxEntry *copy = g_new0 (TcOutboxEntry, 1);

  copy->uuid = g_strdup (entry->uuid);
  copy->field = g_strdup (entry->field);
  copy->base = entry->base ? json_node_copy (entry->base) : NULL;
  copy->value = entry->value ? json_node_copy (entry->value) : NULL;
  copy->target = entry->target;
  copy->workspace_id = g_strdup (entry->workspace_id);
  copy->object_id = g_strdup (entry->object_id);
  copy->object_label = g_strdup (entry->object_label);
  copy->field_label = g_strdup (entry->field_label);
  copy->extra = g_strdup (entry->extra);
  copy->blob = entry->blob ? g_bytes_ref (entry->blob) : NULL;
  return copy;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
outbox_put_job (TcCache *self,
                GTask   *task)
{
  TcOutboxEntry *entry = g_task_get_task_data (task);
  sqlite3 *db = _tc_cache_get_db (self);
  g_autofree char *base = _tc_cache_node_to_text (entry->base);
  g_autofree char *value = _tc_cache_node_to_text (entry->value);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;
  int rc;

  /* The bytes are written once, with the row; later writes of the same
   * edit (a stored URL) keep them. */
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO outbox (" OUTBOX_COLUMNS ") "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (uuid) DO UPDATE SET field = excluded.field, "
                          "base = excluded.base, value = excluded.value, "
                          "object_label = excluded.object_label, "
                          "field_label = excluded.field_label, extra = excluded.extra, "
                          "blob = COALESCE (excluded.blob, blob)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _tc_cache_set_sqlite_error (&error, db, "prepare");
      g_task_return_error (task, error);
      return;
    }

  bind_text (stmt, 1, entry->uuid);
  bind_text (stmt, 2, entry->field);
  bind_text (stmt, 3, base);
  bind_text (stmt, 4, value);
  sqlite3_bind_int (stmt, 5, entry->target);
  bind_text (stmt, 6, entry->workspace_id);
  bind_text (stmt, 7, entry->object_id);
  bind_text (stmt, 8, entry->object_label);
  bind_text (stmt, 9, entry->field_label);
  bind_text (stmt, 10, entry->extra);
  if (entry->blob != NULL)
    sqlite3_bind_blob64 (stmt, 11, g_bytes_get_data (entry->blob, NULL),
                         g_bytes_get_size (entry->blob), SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 11);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _tc_cache_set_sqlite_error (&error, db, "write");
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
tc_cache_outbox_put_async (TcCache             *self,
                           const TcOutboxEntry *entry,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (entry != NULL && entry->uuid != NULL && entry->field != NULL);

  _tc_cache_queue_job (self, tc_cache_outbox_put_async, outbox_put_job,
                       outbox_entry_copy (entry), (GDestroyNotify) tc_outbox_entry_free,
                       cancellable, callback, user_data);
}

gboolean
tc_cache_outbox_put_finish (TcCache       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
outbox_remove_job (TcCache *self,
                   GTask   *task)
{
  const char *params[] = { g_task_get_task_data (task) };

  _tc_cache_return_exec (task, self, "DELETE FROM outbox WHERE uuid = ?", params, 1);
}

void
tc_cache_outbox_remove_async (TcCache             *self,
                              const char          *uuid,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (uuid != NULL);

  _tc_cache_queue_job (self, tc_cache_outbox_remove_async, outbox_remove_job,
                       g_strdup (uuid), g_free, cancellable, callback, user_data);
}

gboolean
tc_cache_outbox_remove_finish (TcCache       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
outbox_list_job (TcCache *self,
                 GTask   *task)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tc_outbox_entry_free);
  sqlite3 *db = _tc_cache_get_db (self);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY seq",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _tc_cache_set_sqlite_error (&error, db, "read");
      g_ptr_array_unref (entries);
      g_task_return_error (task, error);
      return;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TcOutboxEntry *entry = g_new0 (TcOutboxEntry, 1);

      entry->uuid = column_dup (stmt, 0);
      entry->field = column_dup (stmt, 1);
      entry->base = _tc_cache_text_to_node (sqlite3_column_text (stmt, 2));
      entry->value = _tc_cache_text_to_node (sqlite3_column_text (stmt, 3));
      entry->target = sqlite3_column_int (stmt, 4);
      entry->workspace_id = column_dup (stmt, 5);
      entry->object_id = column_dup (stmt, 6);
      entry->object_label = column_dup (stmt, 7);
      entry->field_label = column_dup (stmt, 8);
      entry->extra = column_dup (stmt, 9);
      if (sqlite3_column_type (stmt, 10) == SQLITE_BLOB)
        entry->blob = g_bytes_new (sqlite3_column_blob (stmt, 10), sqlite3_column_bytes (stmt, 10));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
tc_cache_outbox_list_async (TcCache             *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TC_IS_CACHE (self));

  _tc_cache_queue_job (self, tc_cache_outbox_list_async, outbox_list_job, NULL, NULL,
                       cancellable, callback, user_data);
}

GPtrArray *
tc_cache_outbox_list_finish (TcCache       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
