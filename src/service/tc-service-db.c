/* tc-service-db.c — SQLite storage: open, WAL, migrations, statements
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value reaches SQLite through sqlite3_bind_*(); SQL text is always a
 * string literal. Prepared statements are cached per SQL text.
 */

#include "config.h"

#include "tc-service-private.h"

/* Migration N brings the schema from version N-1 to N. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE users ("
  "  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT,"
  "  status TEXT NOT NULL DEFAULT 'ACTIVE', profile_picture TEXT,"
  "  active_ws TEXT, default_ws TEXT, pending_email TEXT,"
  "  settings TEXT, has_password INTEGER NOT NULL DEFAULT 1,"
  "  is_bootstrap_owner INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);"
  "CREATE TABLE api_keys ("
  "  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL, hash TEXT NOT NULL, lookup TEXT NOT NULL, preview TEXT NOT NULL,"
  "  created_at TEXT NOT NULL, last_used_at TEXT);"
  "CREATE INDEX api_keys_lookup ON api_keys(lookup);"
  "CREATE INDEX api_keys_user ON api_keys(user_id);"
  "CREATE TABLE email_tokens ("
  "  hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  email TEXT NOT NULL, expires_at INTEGER NOT NULL);"
  "CREATE TABLE images ("
  "  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, content_type TEXT NOT NULL,"
  "  width INTEGER NOT NULL, height INTEGER NOT NULL, data BLOB NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE workspaces ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL, image_url TEXT, plan TEXT NOT NULL,"
  "  week_start TEXT NOT NULL DEFAULT 'MONDAY', owner_id TEXT NOT NULL);"
  "CREATE TABLE memberships ("
  "  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,"
  "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL, role TEXT, week_start TEXT,"
  "  work_capacity INTEGER NOT NULL DEFAULT 28800,"
  "  working_days TEXT NOT NULL DEFAULT 'MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY',"
  "  employee_id TEXT, employment_type TEXT NOT NULL DEFAULT 'FULL_TIME',"
  "  pending_approval INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (workspace_id, user_id));"
  "CREATE INDEX memberships_user ON memberships(user_id);"
  "CREATE TABLE custom_fields ("
  "  id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL, description TEXT, placeholder TEXT, type TEXT NOT NULL,"
  "  status TEXT NOT NULL, required INTEGER NOT NULL DEFAULT 0,"
  "  only_admin_can_edit INTEGER NOT NULL DEFAULT 0, allowed_values TEXT NOT NULL DEFAULT '[]',"
  "  default_value TEXT, position INTEGER NOT NULL);"
  "CREATE INDEX custom_fields_ws ON custom_fields(workspace_id);"
  "CREATE TABLE custom_field_values ("
  "  field_id TEXT NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,"
  "  user_id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (field_id, user_id));"
  "CREATE INDEX custom_field_values_user ON custom_field_values(user_id);"
  "CREATE TABLE webhooks ("
  "  id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,"
  "  user_id TEXT NOT NULL, name TEXT NOT NULL, url TEXT NOT NULL, event TEXT NOT NULL,"
  "  trigger_type TEXT NOT NULL, trigger_source TEXT NOT NULL DEFAULT '[]',"
  "  enabled INTEGER NOT NULL DEFAULT 1, delivery_enabled INTEGER NOT NULL DEFAULT 1,"
  "  auth_token TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);"
  "CREATE INDEX webhooks_ws ON webhooks(workspace_id);"
  "CREATE TABLE webhook_deliveries ("
  "  id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,"
  "  event TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0, status_code INTEGER, response_body TEXT,"
  "  is_test INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, responded_at TEXT,"
  "  seq INTEGER NOT NULL);"
  "CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, seq);",
  /* 2: covering indexes for the Team list (tc-service-team-page.c). A page
   * reads each member's status and role, and each value's field and text,
   * from the index alone instead of seeking every row in its table. */
  "CREATE INDEX memberships_page ON memberships(workspace_id, user_id, status, role);"
  "DROP INDEX custom_field_values_user;"
  "CREATE INDEX custom_field_values_user ON custom_field_values(user_id, field_id, value);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TC_SERVICE_SCHEMA_VERSION);

static gboolean
exec_script (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_DATABASE,
                   "SQLite: %s", errmsg ? errmsg : "unknown error");
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

static int
schema_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  int version = schema_version (db);

  if (version < 0 || version > TC_SERVICE_SCHEMA_VERSION)
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_DATABASE,
                   "The database schema version %d is newer than this "
                   "timecard-service (%d)", version, TC_SERVICE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version; v < TC_SERVICE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!exec_script (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec_script (db, migrations[v], error) || !exec_script (db, bump, error))
        {
          exec_script (db, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!exec_script (db, "COMMIT", error))
        return FALSE;
      g_debug ("Database migrated to schema version %d", v + 1);
    }
  return TRUE;
}

gboolean
_tc_service_db_open (TcService  *self,
                     GError    **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->db_path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_DATABASE,
                   "Cannot open %s: %s", self->db_path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, 5000);
  if (!exec_script (self->db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = NORMAL;"
                    /* Pages are read from a mapping instead of being copied
                     * by a pread() each (a third of a Team page's time in a
                     * 10,000-member workspace); clean file pages, not heap. */
                    "PRAGMA mmap_size = 268435456;"
                    "PRAGMA foreign_keys = ON;", error) ||
      !migrate (self->db, error))
    {
      _tc_service_db_close (self);
      return FALSE;
    }

  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) sqlite3_finalize);
  return TRUE;
}

void
_tc_service_db_close (TcService *self)
{
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
}

/* @types: one letter per argument: 's' const char* (NULL binds NULL),
 * 'i' gint64, 'b' a GBytes* blob. */
static gboolean
bind_va (sqlite3_stmt *stmt,
         const char   *types,
         va_list       args)
{
  for (int i = 0; types != NULL && types[i] != '\0'; i++)
    {
      int rc = SQLITE_MISUSE;

      if (types[i] == 's')
        {
          const char *s = va_arg (args, const char *);
          rc = s ? sqlite3_bind_text (stmt, i + 1, s, -1, SQLITE_TRANSIENT)
                 : sqlite3_bind_null (stmt, i + 1);
        }
      else if (types[i] == 'i')
        rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
      else if (types[i] == 'b')
        {
          GBytes *bytes = va_arg (args, GBytes *);
          gsize len;
          gconstpointer data = g_bytes_get_data (bytes, &len);
          rc = sqlite3_bind_blob64 (stmt, i + 1, data, len, SQLITE_TRANSIENT);
        }
      if (rc != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare_va (TcService  *self,
            const char *sql,
            const char *types,
            va_list     args)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  g_atomic_int_inc (&self->n_queries);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                              &stmt, NULL) != SQLITE_OK)
        {
          g_warning ("Cannot prepare statement: %s (%s)",
                     sqlite3_errmsg (self->db), sql);
          return NULL;
        }
      g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (!bind_va (stmt, types, args))
    {
      g_warning ("Cannot bind values: %s", sqlite3_errmsg (self->db));
      return NULL;
    }
  return stmt;
}

/* Returns a cached statement with the values bound, ready to step. It is
 * reset the next time the same SQL is prepared. */
sqlite3_stmt *
_tc_db_prepare (TcService  *self,
                const char *sql,
                const char *types,
                ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = prepare_va (self, sql, types, args);
  va_end (args);
  return stmt;
}

gboolean
_tc_db_exec (TcService  *self,
             const char *sql,
             const char *types,
             ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, types);
  stmt = prepare_va (self, sql, types, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_warning ("SQLite step failed: %s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

char *
_tc_db_dup_string (TcService  *self,
                   const char *sql,
                   const char *types,
                   ...)
{
  sqlite3_stmt *stmt;
  char *result = NULL;
  va_list args;

  va_start (args, types);
  stmt = prepare_va (self, sql, types, args);
  va_end (args);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return result;
}

gint64
_tc_db_int (TcService  *self,
            gint64      fallback,
            const char *sql,
            const char *types,
            ...)
{
  sqlite3_stmt *stmt;
  gint64 result = fallback;
  va_list args;

  va_start (args, types);
  stmt = prepare_va (self, sql, types, args);
  va_end (args);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return result;
}

gboolean
_tc_db_begin (TcService *self)
{
  return _tc_db_exec (self, "BEGIN IMMEDIATE", NULL);
}

gboolean
_tc_db_commit (TcService *self)
{
  return _tc_db_exec (self, "COMMIT", NULL);
}

void
_tc_db_rollback (TcService *self)
{
  if (!sqlite3_get_autocommit (self->db))
    _tc_db_exec (self, "ROLLBACK", NULL);
}

const char *
_tc_db_col_text (sqlite3_stmt *stmt,
                 int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

int
_tc_db_changes (TcService *self)
{
  return sqlite3_changes (self->db);
}
