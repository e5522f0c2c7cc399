/* fuzz-outbox.c — libFuzzer target: an outbox row read back from the cache
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache file is the user's and may be damaged or edited. The input is
 * a stored row, "FIELD \0 BASE \0 VALUE" (a missing part is SQL NULL), that
 * is written into a real cache file with SQLite and read back through
 * tc_cache_outbox_list_async(), the way TcSession reloads its queued edits;
 * each entry then goes where _tc_session_sync_take_outbox() and the model
 * take it: the writable check, a copy, the comparison with the base, the
 * GVariant the settings view gets and the user settings model.
 *
 * Only the public cache API is used, so the target follows the outbox's
 * schema as long as a row keeps a field, a base and a value.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "tc-cache.h"
#include "tc-session-private.h"
#include "tc-user-settings-private.h"
#include "tc-fuzz-tmp.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static TcCache *cache;
static sqlite3 *db;
static sqlite3_stmt *update;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *dir = tc_fuzz_make_tmp_dir ("tc-fuzz-outbox-XXXXXX");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  TcOutboxEntry entry = { (char *) "fuzz", (char *) "timeZone", NULL, value };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  path = g_build_filename (dir, "cache.db", NULL);
  cache = tc_cache_new (path);

  json_node_set_string (value, "Europe/Berlin");
  tc_cache_outbox_put_async (cache, &entry, NULL, done_cb, &result);
  if (!tc_cache_outbox_put_finish (cache, wait_for (&result), &error))
    g_error ("Cannot create the outbox: %s", error->message);

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "UPDATE outbox SET field = ?1, base = ?2, value = ?3",
                          -1, &update, NULL) != SQLITE_OK)
    g_error ("Cannot write the outbox row: %s", sqlite3_errmsg (db));
  return 0;
}

/* The next '\0'-terminated part of the input, bound as TEXT; NULL when
 * the input has ended. */
static void
bind_part (int             column,
           const uint8_t **data,
           size_t         *size)
{
  const uint8_t *end;
  size_t len;

  if (*data == NULL)
    {
      sqlite3_bind_null (update, column);
      return;
    }
  end = memchr (*data, '\0', *size);
  len = end ? (size_t) (end - *data) : *size;
  sqlite3_bind_text (update, column, (const char *) *data, (int) len, SQLITE_TRANSIENT);
  if (end == NULL)
    *data = NULL;
  else
    {
      *size -= len + 1;
      *data = end + 1;
    }
}

static void
take_entry (TcUserSettings *settings,
            TcOutboxEntry  *entry)
{
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GVariant) variant = NULL;

  g_assert (entry->uuid != NULL);
  if (entry->field == NULL || !_tc_user_settings_is_writable (entry->field))
    return;

  base = _tc_json_node_dup_value (entry->base);
  value = _tc_json_node_dup_value (entry->value);
  (void) _tc_json_node_equal (value, base);
  variant = g_variant_ref_sink (_tc_json_node_to_variant (value));
  _tc_user_settings_set_member (settings, entry->field, value, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TcUserSettings) settings = tc_user_settings_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 1024 * 1024)
    return 0;

  for (int column = 1; column <= 3; column++)
    bind_part (column, &data, &size);
  if (sqlite3_step (update) != SQLITE_DONE)
    g_error ("Cannot write the outbox row: %s", sqlite3_errmsg (db));
  sqlite3_reset (update);

  tc_cache_outbox_list_async (cache, NULL, done_cb, &result);
  entries = tc_cache_outbox_list_finish (cache, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert (entries != NULL && entries->len == 1);

  for (guint i = 0; i < entries->len; i++)
    take_entry (settings, g_ptr_array_index (entries, i));

  /* The cache drops its task on this context once the job is done. */
  g_clear_object (&result);
  tc_cache_sync_async (cache, NULL, done_cb, &result);
  g_assert (tc_cache_sync_finish (cache, wait_for (&result), NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
