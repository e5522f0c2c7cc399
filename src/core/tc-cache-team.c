/* tc-cache-team.c — a workspace's team in the cache
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Jobs on the cache's worker, queued with tc_cache_put_async() and
 * tc_cache_get_async(): the same order, so a store is committed before a
 * later load. A team read page by page is stored from the pages' text as
 * it came (_tc_cache_store_team_async), in the team table: the list keeps
 * a few hundred bytes per member instead of their parsed JSON trees until
 * the last page. Also the member details the Team page read
 * (tc-member-list-details.c), in the state table.
 */

#include "config.h"

#include "tc-cache-private.h"
#include "tc-cache-worker-private.h"
#include "tc-member-page-json-private.h"

static char *
team_key (const char *workspace_id)
{
  return g_strconcat ("team:", workspace_id, NULL);
}

typedef struct
{
  char      *key;
  GPtrArray *pages;   /* GBytes: JSON arrays */
} TeamPages;

static void
team_pages_free (TeamPages *pages)
{
  g_free (pages->key);
  g_ptr_array_unref (pages->pages);
  g_free (pages);
}

/* The elements of the JSON array @page (text), without its brackets and
 * the spaces around them: [*start, *end). FALSE if @page is not "[ … ]". */
static gboolean
page_elements (GBytes *page,
               gsize  *start_out,
               gsize  *end_out)
{
  gsize size;
  const char *text = g_bytes_get_data (page, &size);
  gsize start = 0, end = size;

  while (start < end && g_ascii_isspace (text[start]))
    start++;
  while (end > start && g_ascii_isspace (text[end - 1]))
    end--;
  if (end - start < 2 || text[start] != '[' || text[end - 1] != ']')
    return FALSE;
  start++;
  end--;
  while (start < end && g_ascii_isspace (text[start]))
    start++;
  *start_out = start;
  *end_out = end;
  return TRUE;
}

/* Writes into an incremental blob through a small buffer. */
typedef struct
{
  sqlite3_blob *blob;
  int           offset;
  GByteArray   *buffer;
  int           rc;
} BlobWriter;

#define BLOB_CHUNK (256 * 1024)

static void
blob_writer_flush (BlobWriter *w)
{
  if (w->rc == SQLITE_OK && w->buffer->len > 0)
    {
      w->rc = sqlite3_blob_write (w->blob, w->buffer->data, w->buffer->len, w->offset);
      w->offset += w->buffer->len;
    }
  g_byte_array_set_size (w->buffer, 0);
}

static void
blob_writer_append (BlobWriter *w,
                    const char *data,
                    gsize       len)
{
  while (len > 0 && w->rc == SQLITE_OK)
    {
      gsize n = MIN (len, BLOB_CHUNK - w->buffer->len);

      g_byte_array_append (w->buffer, (const guint8 *) data, n);
      data += n;
      len -= n;
      if (w->buffer->len == BLOB_CHUNK)
        blob_writer_flush (w);
    }
}

/* Makes the row of @key hold @size zero bytes, in the open transaction,
 * and opens its json column for writing. A plain INSERT: with an upsert
 * or RETURNING, SQLite makes the zero blob in memory (strace: two
 * 178 MB allocations under sqlite3VdbeMemExpandBlob at 100,000
 * members), and so it does when a column with data follows the blob. */
static int
open_team_blob (sqlite3       *db,
                const char    *key,
                gsize          size,
                sqlite3_blob **blob)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "DELETE FROM team WHERE key = ?", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  rc = sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO team (key, updated, json) VALUES (?, ?, zeroblob(?))",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) size);
  sqlite3_step (stmt);
  rc = sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;

  return sqlite3_blob_open (db, "main", "team", "json", sqlite3_last_insert_rowid (db), 1, blob);
}

/* A page's members' text, in the page. */
typedef struct
{
  const char *text;
  gsize       len;
} Run;

/* The pages' members as one JSON array, written into the row as it is
 * put together. Joined first, then bound, the text (178 MB for
 * bench-team-page's 100,000 members) was held twice more while it was
 * written: a peak of +571 MiB over idle, against +230 once written. Now
 * its size is known first, the row gets a zero blob of that size, which
 * SQLite does not hold (open_team_blob()), and the text is written into
 * the blob's pages in chunks; the transaction makes it one change. */
static void
team_pages_job (TcCache *self,
                GTask   *task)
{
  TeamPages *pages = g_task_get_task_data (task);
  sqlite3 *db = _tc_cache_get_db (self);
  /* The members' text of each page that has some, joined by commas. */
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  BlobWriter writer = { NULL, 0, NULL, SQLITE_OK };
  gsize size = 2;
  GError *error = NULL;

  for (guint i = 0; i < pages->pages->len; i++)
    {
      GBytes *page = g_ptr_array_index (pages->pages, i);
      Run run;
      gsize start, end;

      if (!page_elements (page, &start, &end))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   "Page %u of the team is not a list", i + 1);
          return;
        }
      if (start == end)
        continue;   /* an empty page */
      run.text = (const char *) g_bytes_get_data (page, NULL) + start;
      run.len = end - start;
      size += (runs->len > 0 ? 1 : 0) + run.len;
      g_array_append_val (runs, run);
    }
  if (size > G_MAXINT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               "The team is too big to cache (%" G_GSIZE_FORMAT " bytes)", size);
      return;
    }

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      _tc_cache_set_sqlite_error (&error, db, "write");
      g_task_return_error (task, error);
      return;
    }
  writer.rc = open_team_blob (db, pages->key, size, &writer.blob);
  writer.buffer = g_byte_array_sized_new (BLOB_CHUNK);
  blob_writer_append (&writer, "[", 1);
  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);

      if (i > 0)
        blob_writer_append (&writer, ",", 1);
      blob_writer_append (&writer, run->text, run->len);
    }
  blob_writer_append (&writer, "]", 1);
  blob_writer_flush (&writer);
  g_byte_array_unref (writer.buffer);
  if (writer.blob != NULL && sqlite3_blob_close (writer.blob) != SQLITE_OK && writer.rc == SQLITE_OK)
    writer.rc = sqlite3_errcode (db);

  if (writer.rc != SQLITE_OK || sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      _tc_cache_set_sqlite_error (&error, db, "write");
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
_tc_cache_store_team_async (TcCache             *self,
                            const char          *workspace_id,
                            GPtrArray           *pages,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  TeamPages *data;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);
  g_return_if_fail (pages != NULL);

  data = g_new0 (TeamPages, 1);
  data->key = team_key (workspace_id);
  data->pages = g_ptr_array_ref (pages);
  _tc_cache_queue_job (self, _tc_cache_store_team_async, team_pages_job, data,
                       (GDestroyNotify) team_pages_free, cancellable, callback, user_data);
}

gboolean
_tc_cache_store_team_finish (TcCache       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _tc_cache_store_team_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GPtrArray *members;
  GError    *error;
} Decoded;

static void
read_members (const char *text,
              gsize       size,
              gpointer    user_data)
{
  Decoded *decoded = user_data;

  if (text != NULL)
    decoded->members = _tc_member_page_decode (text, size, &decoded->error);
}

/* On the worker: the stored text, decoded straight into members. */
static void
team_members_job (TcCache *self,
                  GTask   *task)
{
  Decoded decoded = { NULL, NULL };

  if (!_tc_cache_read_column (self, "SELECT json FROM team WHERE key = ?",
                              g_task_get_task_data (task), read_members, &decoded, &decoded.error) ||
      decoded.error != NULL)
    g_task_return_error (task, decoded.error);
  else
    g_task_return_pointer (task, decoded.members,
                           decoded.members ? (GDestroyNotify) g_ptr_array_unref : NULL);
}

void
_tc_cache_load_team_members_async (TcCache             *self,
                                   const char          *workspace_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);

  _tc_cache_queue_job (self, _tc_cache_load_team_members_async, team_members_job,
                       team_key (workspace_id), g_free, cancellable, callback, user_data);
}

GPtrArray *
_tc_cache_load_team_members_finish (TcCache       *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _tc_cache_load_team_members_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Member details */

/* What a load expects under its key: an object (the member details);
 * anything else is data this version cannot use. */
typedef struct
{
  JsonNodeType  type;
  const char   *what;   /* for the error: "The cached member details are not an object" */
} Expected;

static const Expected details_expected = { JSON_NODE_OBJECT,
                                           "The cached member details are not an object" };

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const Expected *expected = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = tc_cache_get_finish (TC_CACHE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (node == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else if (JSON_NODE_TYPE (node) != expected->type)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", expected->what);
  else
    g_task_return_pointer (task, json_object_ref (json_node_get_object (node)),
                           (GDestroyNotify) json_object_unref);
}

/* Reads @key for a task tagged @source_tag; the answer is checked against
 * @expected in loaded_cb(). */
static void
load_async (TcCache             *self,
            const char          *key,
            const Expected      *expected,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) expected, NULL);
  tc_cache_get_async (self, key, cancellable, loaded_cb, task);
}

static char *
details_key (const char *workspace_id)
{
  return g_strconcat ("member-details:", workspace_id, NULL);
}

static void
details_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tc_cache_put_finish (TC_CACHE (object), result, &error))
    g_debug ("Could not cache the member details: %s", error->message);
}

static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (copy, name, json_node_copy (member));
  return copy;
}

void
_tc_cache_store_member_details_async (TcCache    *self,
                                      const char *workspace_id,
                                      JsonObject *details)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *key = NULL;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);
  g_return_if_fail (details != NULL);

  /* The worker writes the node later while the list goes on adding to
   * @details: it gets a copy of its own. json_node_copy() would share the
   * object; the entries themselves are replaced, never changed. */
  json_node_take_object (node, copy_object (details));
  key = details_key (workspace_id);
  tc_cache_put_async (self, key, node, NULL, details_stored_cb, NULL);
}

void
_tc_cache_load_member_details_async (TcCache             *self,
                                     const char          *workspace_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *key = NULL;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (workspace_id != NULL);

  key = details_key (workspace_id);
  load_async (self, key, &details_expected, _tc_cache_load_member_details_async, cancellable,
              callback, user_data);
}

JsonObject *
_tc_cache_load_member_details_finish (TcCache       *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _tc_cache_load_member_details_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
