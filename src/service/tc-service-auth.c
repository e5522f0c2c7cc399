/* tc-service-auth.c — X-Api-Key authentication and key creation
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are 48 characters of [A-Za-z0-9] from getrandom(). Only their
 * SHA-256 is stored; the first 16 hex digits of it find the candidate rows
 * and the full hash is compared in constant time. Keys never reach a log.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define LOOKUP_CHARS 16

static guint
count_auth_headers (SoupMessageHeaders *headers,
                    const char        **out_key)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  guint n = 0;

  *out_key = NULL;
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "X-Api-Key") == 0)
        {
          n++;
          *out_key = value;
        }
      else if (g_ascii_strcasecmp (name, "Authorization") == 0 ||
               g_ascii_strcasecmp (name, "X-Addon-Token") == 0)
        n++;
    }
  return n;
}

/* Returns the key's id and sets @out_user_id and @out_last_used (may be
 * NULL), or NULL for an unknown key. */
static char *
find_key (TcService   *self,
          const char  *key,
          char       **out_user_id,
          char       **out_last_used)
{
  g_autofree char *hash = _tc_sha256_hex (key);
  g_autofree char *lookup = g_strndup (hash, LOOKUP_CHARS);
  sqlite3_stmt *stmt;
  char *key_id = NULL;

  stmt = _tc_db_prepare (self,
                         "SELECT id, user_id, hash, last_used_at FROM api_keys WHERE lookup = ?",
                         "s", lookup);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (_tc_const_time_equal (_tc_db_col_text (stmt, 2), hash) && key_id == NULL)
        {
          key_id = g_strdup (_tc_db_col_text (stmt, 0));
          *out_user_id = g_strdup (_tc_db_col_text (stmt, 1));
          *out_last_used = g_strdup (_tc_db_col_text (stmt, 3));
        }
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return key_id;
}

gboolean
_tc_auth_check (TcRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  g_autofree char *now = NULL;
  g_autofree char *last_used = NULL;
  const char *key;

  if (count_auth_headers (headers, &key) != 1 || key == NULL)
    {
      _tc_reply_error (req, 401, TC_WIRE_CODE_AUTH_MISSING,
                       "Multiple or none auth tokens present");
      return FALSE;
    }

  req->key_id = find_key (req->service, key, &req->user_id, &last_used);
  if (req->key_id == NULL)
    {
      _tc_reply_error (req, 401, TC_WIRE_CODE_BAD_KEY, "Api key does not exist");
      return FALSE;
    }

  /* The stamp has a resolution of a second: most requests find it already
   * written, and skip the UPDATE, which takes SQLite's write lock even
   * when it changes nothing. */
  now = _tc_now_iso ();
  if (g_strcmp0 (last_used, now) != 0)
    _tc_db_exec (req->service,
                 "UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2 "
                 "AND (last_used_at IS NULL OR last_used_at != ?1)",
                 "ss", now, req->key_id);
  return TRUE;
}

/* Stores a new key for @user_id and returns the secret, which is never
 * stored or shown again. */
char *
_tc_auth_create_key (TcService   *self,
                     const char  *user_id,
                     const char  *name,
                     char       **out_key_id)
{
  g_autofree char *key = _tc_new_secret (TC_WIRE_API_KEY_LENGTH);
  g_autofree char *hash = _tc_sha256_hex (key);
  g_autofree char *lookup = g_strndup (hash, LOOKUP_CHARS);
  g_autofree char *id = _tc_new_id ();
  g_autofree char *now = _tc_now_iso ();
  const char *preview = key + TC_WIRE_API_KEY_LENGTH - 4;

  if (!_tc_db_exec (self,
                    "INSERT INTO api_keys (id, user_id, name, hash, lookup, preview, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "sssssss", id, user_id, name, hash, lookup, preview, now))
    return NULL;

  if (out_key_id != NULL)
    *out_key_id = g_steal_pointer (&id);
  return g_steal_pointer (&key);
}
