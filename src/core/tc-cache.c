/* tc-cache.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All SQLite work happens on one worker (a GThreadPool of one thread), in
 * the order asked for: the main thread never waits for the disk, and an
 * outbox row is committed before the session is told it is written. WAL
 * with synchronous=FULL: a committed row survives the process being
 * killed.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tc-cache-worker-private.h"

struct _TcCache
{
  GObject      parent_instance;

  char        *path;
  GThreadPool *pool;
  /* Only ever touched on the worker. */
  sqlite3     *db;
};

G_DEFINE_FINAL_TYPE (TcCache, tc_cache, G_TYPE_OBJECT)

typedef struct
{
  GTask   *task;
  JobFunc  func;
} Job;

static const char schema_sql[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = FULL;"
  "CREATE TABLE IF NOT EXISTS state ("
  "  key TEXT PRIMARY KEY, json TEXT NOT NULL, updated INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,"
  "  field TEXT NOT NULL, base TEXT, value TEXT);"
  /* Teams (tc-cache-team.c), in a table of their own with the text last:
   * SQLite writes a zeroblob() there without making it in memory, and
   * incremental blob I/O fills it in. Teams an older version kept in
   * state move here once. */
  "CREATE TABLE IF NOT EXISTS team ("
  "  key TEXT PRIMARY KEY, updated INTEGER NOT NULL, json BLOB NOT NULL);"
  "INSERT OR IGNORE INTO team (key, updated, json)"
  "  SELECT key, updated, CAST(json AS BLOB) FROM state WHERE key GLOB 'team:*';"
  "DELETE FROM state WHERE key GLOB 'team:*';";

gboolean
_tc_cache_set_sqlite_error (GError  **error,
                  sqlite3  *db,
                  const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cache: %s: %s",
               what, db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

/* Runs on the worker. */
static gboolean
ensure_open (TcCache  *self,
             GError  **error)
{
  g_autofree char *dir = NULL;
  char *message = NULL;

  if (self->db != NULL)
    return TRUE;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Could not create “%s”: %s", dir, g_strerror (errsv));
      return FALSE;
    }

  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      _tc_cache_set_sqlite_error (error, self->db, "open");
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  g_chmod (self->path, 0600);
  sqlite3_busy_timeout (self->db, 5000);

  if (sqlite3_exec (self->db, schema_sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cache: schema: %s", message);
      sqlite3_free (message);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  if (!_tc_cache_migrate_outbox (self->db, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  return TRUE;
}

static gboolean
unref_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  TcCache *self = g_task_get_source_object (job->task);
  GSource *source;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (job->task))
    ;
  else if (!ensure_open (self, &error))
    g_task_return_error (job->task, error);
  else
    job->func (self, job->task);

  /* The last reference to the task, and through it to us, is dropped on
   * the caller's context, never on the worker. */
  source = g_idle_source_new ();
  g_source_set_callback (source, unref_task_cb, job->task, NULL);
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
  g_free (job);
}

static void
tc_cache_finalize (GObject *object)
{
  TcCache *self = (TcCache *)object;

  /* Every job holds a reference on us, so none is queued or running. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tc_cache_parent_class)->finalize (object);
}

static void
tc_cache_class_init (TcCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tc_cache_finalize;
}

static void
tc_cache_init (TcCache *self)
{
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
}

/* One TcCache per database file, so that every job on a file runs on one
 * worker in the order asked for: a session opened right after another one
 * on the same account reads what the first was still writing, never an
 * older state. Path → GWeakRef; an entry whose cache is gone is replaced. */
static GHashTable *caches;
G_LOCK_DEFINE_STATIC (caches);

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

TcCache *
tc_cache_new (const char *path)
{
  TcCache *self;
  GWeakRef *ref;

  g_return_val_if_fail (path != NULL, NULL);

  G_LOCK (caches);
  if (caches == NULL)
    caches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) weak_ref_free);

  ref = g_hash_table_lookup (caches, path);
  self = ref ? g_weak_ref_get (ref) : NULL;
  if (self == NULL)
    {
      self = g_object_new (TC_TYPE_CACHE, NULL);
      self->path = g_strdup (path);
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, self);
      g_hash_table_replace (caches, g_strdup (path), ref);
    }
  G_UNLOCK (caches);

  return self;
}

char *
tc_cache_path_for_account (const char *server,
                           const char *user_id)
{
  g_autofree char *id = g_strconcat (server, "\n", user_id, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
  g_autofree char *name = NULL;

  g_return_val_if_fail (server != NULL && user_id != NULL, NULL);

  hash[16] = '\0';
  name = g_strdup_printf ("cache-%s.db", hash);
  return g_build_filename (g_get_user_data_dir (), "timecard", name, NULL);
}

const char *
tc_cache_get_path (TcCache *self)
{
  g_return_val_if_fail (TC_IS_CACHE (self), NULL);
  return self->path;
}

sqlite3 *
_tc_cache_get_db (TcCache *self)
{
  return self->db;
}

void
_tc_cache_queue_job (TcCache             *self,
           gpointer             source_tag,
           JobFunc              func,
           gpointer             task_data,
           GDestroyNotify       task_data_free,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  g_task_set_task_data (job->task, task_data, task_data_free);
  job->func = func;
  g_thread_pool_push (self->pool, job, NULL);
}

char *
_tc_cache_node_to_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : NULL;
}

JsonNode *
_tc_cache_text_to_node (const unsigned char *text)
{
  return text ? json_from_string ((const char *) text, NULL) : NULL;
}

/* get / put */

typedef struct
{
  char     *key;
  JsonNode *value;
} KeyValue;

static void
key_value_free (KeyValue *kv)
{
  g_free (kv->key);
  g_clear_pointer (&kv->value, json_node_unref);
  g_free (kv);
}

gboolean
_tc_cache_read_text (TcCache          *self,
                     const char       *key,
                     TcCacheReadFunc   read,
                     gpointer          user_data,
                     GError          **error)
{
  return _tc_cache_read_column (self, "SELECT json FROM state WHERE key = ?", key, read, user_data, error);
}

gboolean
_tc_cache_read_column (TcCache          *self,
                       const char       *sql,
                       const char       *key,
                       TcCacheReadFunc   read,
                       gpointer          user_data,
                       GError          **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _tc_cache_set_sqlite_error (error, self->db, "read");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      read (text, text ? (gsize) sqlite3_column_bytes (stmt, 0) : 0, user_data);
    }
  else
    read (NULL, 0, user_data);
  sqlite3_finalize (stmt);
  return TRUE;
}

static void
read_node (const char *text,
           gsize       size,
           gpointer    user_data)
{
  *(JsonNode **) user_data = _tc_cache_text_to_node ((const unsigned char *) text);
}

static void
get_job (TcCache *self,
         GTask   *task)
{
  KeyValue *kv = g_task_get_task_data (task);
  JsonNode *node = NULL;
  GError *error = NULL;

  if (!_tc_cache_read_text (self, kv->key, read_node, &node, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, node, node ? (GDestroyNotify) json_node_unref : NULL);
}

void
tc_cache_get_async (TcCache             *self,
                    const char          *key,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  KeyValue *kv;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (key != NULL);

  kv = g_new0 (KeyValue, 1);
  kv->key = g_strdup (key);
  _tc_cache_queue_job (self, tc_cache_get_async, get_job, kv, (GDestroyNotify) key_value_free,
             cancellable, callback, user_data);
}

JsonNode *
tc_cache_get_finish (TcCache       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Runs @sql with text parameters (NULL binds SQL NULL) on the worker. */
gboolean
_tc_cache_exec_text (TcCache     *self,
           const char  *sql,
           const char **params,
           guint        n_params,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _tc_cache_set_sqlite_error (error, self->db, "prepare");

  /* The parameters outlive the statement: no copy. */
  for (guint i = 0; i < n_params; i++)
    {
      if (params[i] != NULL)
        sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, i + 1);
    }

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _tc_cache_set_sqlite_error (error, self->db, "write");

  return TRUE;
}

void
_tc_cache_return_exec (GTask      *task,
             TcCache    *self,
             const char *sql,
             const char **params,
             guint       n_params)
{
  GError *error = NULL;

  if (!_tc_cache_exec_text (self, sql, params, n_params, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Stores @json_text under @key (the state table) and returns the task. */
static void
return_put_text (GTask      *task,
                 TcCache    *self,
                 const char *key,
                 const char *json_text)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  const char *params[] = { key, json_text, now };

  _tc_cache_return_exec (task, self,
               "INSERT INTO state (key, json, updated) VALUES (?, ?, CAST(? AS INTEGER)) "
               "ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated = excluded.updated",
               params, G_N_ELEMENTS (params));
}

static void
put_job (TcCache *self,
         GTask   *task)
{
  KeyValue *kv = g_task_get_task_data (task);
  g_autofree char *text = _tc_cache_node_to_text (kv->value);

  return_put_text (task, self, kv->key, text);
}

void
tc_cache_put_async (TcCache             *self,
                    const char          *key,
                    JsonNode            *value,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  KeyValue *kv;

  g_return_if_fail (TC_IS_CACHE (self));
  g_return_if_fail (key != NULL && value != NULL);

  kv = g_new0 (KeyValue, 1);
  kv->key = g_strdup (key);
  kv->value = json_node_copy (value);
  _tc_cache_queue_job (self, tc_cache_put_async, put_job, kv, (GDestroyNotify) key_value_free,
             cancellable, callback, user_data);
}

gboolean
tc_cache_put_finish (TcCache       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sync_job (TcCache *self,
          GTask   *task)
{
  g_task_return_boolean (task, TRUE);
}

void
tc_cache_sync_async (TcCache             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (TC_IS_CACHE (self));

  _tc_cache_queue_job (self, tc_cache_sync_async, sync_job, NULL, NULL, cancellable, callback, user_data);
}

gboolean
tc_cache_sync_finish (TcCache       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
