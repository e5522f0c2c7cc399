/* tc-cache.h — the last server state and the outbox, in SQLite
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One database per account at $XDG_DATA_HOME/timecard/cache-<hash>.db.
 * Every operation runs on one worker thread, in the order it was asked
 * for, so a write is committed before any later read or write starts.
 * The cache never holds an API key.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One outbox row. The first four members are all a settings edit needs
 * (rows written before schema version 2 are settings edits). */
typedef struct
{
  char     *uuid;
  char     *field;        /* the wire member, e.g. "timeZone", "customField:<id>" */
  JsonNode *base;         /* NULL: the member was absent */
  JsonNode *value;
  int       target;       /* a TcEditTarget; 0 is settings */
  char     *workspace_id; /* member targets */
  char     *object_id;    /* member targets: the member's user id */
  char     *object_label; /* the member's name or email when the edit was made */
  char     *field_label;  /* a custom field's name */
  char     *extra;        /* picture: the uploaded URL; member status: the email */
  GBytes   *blob;         /* picture: the processed image, until sent */
} TcOutboxEntry;

void tc_outbox_entry_free (TcOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TcOutboxEntry, tc_outbox_entry_free)

#define TC_TYPE_CACHE (tc_cache_get_type ())

G_DECLARE_FINAL_TYPE (TcCache, tc_cache, TC, CACHE, GObject)

/* No I/O here: the database is opened (and created, with its directory)
 * by the first operation, on the worker thread. While a cache for @path is
 * alive (its pending writes hold it), the same object is returned, so all
 * work on one file stays in order. */
TcCache    *tc_cache_new              (const char          *path);
/* $XDG_DATA_HOME/timecard/cache-<sha256 of server and user>.db */
char       *tc_cache_path_for_account (const char          *server,
                                       const char          *user_id);
const char *tc_cache_get_path         (TcCache             *self);

/* The JSON stored under @key, or NULL (and no error) when there is none. */
void        tc_cache_get_async        (TcCache             *self,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
JsonNode   *tc_cache_get_finish       (TcCache             *self,
                                       GAsyncResult        *result,
                                       GError             **error);
/* Stores @value under @key. The worker thread writes it later and
 * json_node_copy() shares objects and arrays: @value must not change
 * after the call (hand over a copy of anything still being changed). */
void        tc_cache_put_async        (TcCache             *self,
                                       const char          *key,
                                       JsonNode            *value,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean    tc_cache_put_finish       (TcCache             *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* Adds or replaces (same uuid, keeping its place in the order) an entry. */
void        tc_cache_outbox_put_async    (TcCache             *self,
                                          const TcOutboxEntry *entry,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    tc_cache_outbox_put_finish   (TcCache             *self,
                                          GAsyncResult        *result,
                                          GError             **error);
void        tc_cache_outbox_remove_async (TcCache             *self,
                                          const char          *uuid,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    tc_cache_outbox_remove_finish (TcCache            *self,
                                           GAsyncResult       *result,
                                           GError            **error);
/* Every entry, oldest first: a GPtrArray of TcOutboxEntry. */
void        tc_cache_outbox_list_async   (TcCache             *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray  *tc_cache_outbox_list_finish  (TcCache             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Waits (on the worker) for every operation asked for so far. */
void        tc_cache_sync_async          (TcCache             *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    tc_cache_sync_finish         (TcCache             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
