/* tc-cache-worker-private.h — the cache's worker, for tc-cache*.c only
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "tc-cache.h"

G_BEGIN_DECLS

typedef void (*JobFunc) (TcCache *self,
                         GTask   *task);

/* Runs @func on the worker with the database open; @task_data is the
 * task's data. */
void      _tc_cache_queue_job        (TcCache             *self,
                                      gpointer             source_tag,
                                      JobFunc              func,
                                      gpointer             task_data,
                                      GDestroyNotify       task_data_free,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* On the worker only. */
sqlite3  *_tc_cache_get_db           (TcCache             *self);
gboolean  _tc_cache_set_sqlite_error (GError             **error,
                                      sqlite3             *db,
                                      const char          *what);
char     *_tc_cache_node_to_text     (JsonNode            *node);
JsonNode *_tc_cache_text_to_node     (const unsigned char *text);
/* Calls @read with the text stored under @key in the state table (NULL
 * and 0 when there is none) while the row is read: no copy of a big value
 * (a team). FALSE, with @error, when the database cannot be read. */
typedef void (*TcCacheReadFunc) (const char *text,
                                 gsize       size,
                                 gpointer    user_data);
gboolean  _tc_cache_read_text        (TcCache             *self,
                                      const char          *key,
                                      TcCacheReadFunc      read,
                                      gpointer             user_data,
                                      GError             **error);
/* The same with @sql, a SELECT of one column with the key as its one
 * parameter. */
gboolean  _tc_cache_read_column      (TcCache             *self,
                                      const char          *sql,
                                      const char          *key,
                                      TcCacheReadFunc      read,
                                      gpointer             user_data,
                                      GError             **error);
/* Runs @sql with text parameters (NULL binds SQL NULL). */
gboolean  _tc_cache_exec_text        (TcCache             *self,
                                      const char          *sql,
                                      const char         **params,
                                      guint                n_params,
                                      GError             **error);
void      _tc_cache_return_exec      (GTask               *task,
                                      TcCache             *self,
                                      const char          *sql,
                                      const char         **params,
                                      guint                n_params);
/* tc-cache-outbox.c: brings the outbox table to the current schema
 * (user_version 2: edit targets, objects and picture bytes). */
gboolean  _tc_cache_migrate_outbox   (sqlite3             *db,
                                      GError             **error);

G_END_DECLS
