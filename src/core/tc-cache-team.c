/* tc-cache-team.c — a workspace's team in the cache
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin layer over tc_cache_put_async()/tc_cache_get_async(): the same
 * worker, the same order, so a store is committed before a later load.
 * A team read page by page is stored from the pages' text as it came
 * (_tc_cache_store_team_async): the list keeps a few hundred bytes
 * per member instead of their parsed JSON trees until the last page.
 * Also the member details the Team page read (tc-member-list-details.c).
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

/* Appends the elements of the JSON array @page (text) to @out, after a
 * comma when @out has some already; FALSE if @page is not "[ … ]". */
static gboolean
append_elements (GString *out,
                 GBytes  *page)
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
  if (start == end)
    return TRUE;   /* an empty page */
  if (out->len > 1)
    g_string_append_c (out, ',');
  g_string_append_len (out, text + start, end - start);
  return TRUE;
}

static void
team_pages_job (TcCache *self,
                GTask   *task)
{
  TeamPages *pages = g_task_get_task_data (task);
  g_autoptr(GString) text = NULL;
  gsize size = 2;

  /* At its size at once: grown by doubling, the text of 100,000 members
   * was copied a few times over and took up to twice its size. */
  for (guint i = 0; i < pages->pages->len; i++)
    size += g_bytes_get_size (g_ptr_array_index (pages->pages, i)) + 1;
  text = g_string_sized_new (size);
  g_string_append_c (text, '[');
  for (guint i = 0; i < pages->pages->len; i++)
    if (!append_elements (text, g_ptr_array_index (pages->pages, i)))
      {
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 "Page %u of the team is not a list", i + 1);
        return;
      }
  g_string_append_c (text, ']');
  _tc_cache_return_put_text (task, self, pages->key, text->str);
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

  if (!_tc_cache_read_text (self, g_task_get_task_data (task), read_members, &decoded,
                            &decoded.error) ||
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
