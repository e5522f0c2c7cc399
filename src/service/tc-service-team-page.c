/* tc-service-team-page.c — one page of the Team list in a bounded number of queries
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page costs at most three queries, whatever its size:
 *
 *   1. the page itself: memberships joined with users, every column the
 *      entry shows, LIMIT size + 1 (the extra row answers Last-Page);
 *   2. the workspace memberships of the page's users (only when asked for);
 *   3. the custom field values of the page's users in the workspace, with
 *      whether a plain member may see each one.
 *
 * Queries 2 and 3 take the page's user ids as one bound JSON array
 * (`user_id IN (SELECT value FROM json_each(?))`), so the SQL text stays a
 * literal. Sorted by id (the app's order, and the default), the page is
 * cut from the memberships primary key before users are joined, so a page
 * reads its own rows and skips the ones before it in the index; a sort by
 * name or email has to order the whole workspace.
 *
 * The entries are the JSON objects GET /v1/user builds, member for member
 * and byte for byte (tests/service/test-service-team-pages.c compares them
 * with answers captured from the builder that ran these queries per member).
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define PAGE_COLUMNS \
  "u.id, p.status, COALESCE(p.role, ''), u.email, u.name, u.profile_picture, " \
  "u.active_ws, u.default_ws, u.settings, u.pending_email "

/* Sorted by id, no name or email filter: the page from the primary key. */
#define BY_ID(dir) \
  "SELECT " PAGE_COLUMNS "FROM (SELECT user_id, status, role FROM memberships " \
  "WHERE workspace_id = ?1 AND (?4 = 'ALL' OR status = ?4) " \
  "ORDER BY user_id " dir " LIMIT ?6 OFFSET ?7) p " \
  "JOIN users u ON u.id = p.user_id ORDER BY u.id " dir

static const char by_id_asc[] = BY_ID ("ASC");
static const char by_id_desc[] = BY_ID ("DESC");

#define FILTERED \
  "SELECT " PAGE_COLUMNS "FROM memberships p " \
  "JOIN users u ON u.id = p.user_id WHERE p.workspace_id = ?1 " \
  "AND (?2 IS NULL OR u.name LIKE '%' || ?2 || '%' ESCAPE '\\') " \
  "AND (?3 IS NULL OR u.email LIKE '%' || ?3 || '%' ESCAPE '\\') " \
  "AND (?4 = 'ALL' OR p.status = ?4) " \
  "ORDER BY CASE ?5 WHEN 'EMAIL' THEN u.email WHEN 'NAME' THEN u.name " \
  "WHEN 'NAME_LOWERCASE' THEN lower(u.name) ELSE u.id END "

static const char filtered_asc[] = FILTERED "ASC, u.id ASC LIMIT ?6 OFFSET ?7";
static const char filtered_desc[] = FILTERED "DESC, u.id DESC LIMIT ?6 OFFSET ?7";

static const char memberships_sql[] =
  "SELECT user_id, workspace_id, status FROM memberships "
  "WHERE user_id IN (SELECT value FROM json_each(?1)) ORDER BY user_id, workspace_id";

static const char values_sql[] =
  "SELECT v.user_id, f.id, f.name, f.type, v.value, "
  "f.status = 'VISIBLE' AND f.only_admin_can_edit = 0 "
  "FROM custom_field_values v JOIN custom_fields f ON f.id = v.field_id "
  "WHERE f.workspace_id = ?1 AND v.user_id IN (SELECT value FROM json_each(?2)) "
  "ORDER BY v.user_id, f.position";

enum { COL_ID, COL_STATUS, COL_ROLE, COL_EMAIL, COL_NAME, COL_PICTURE, COL_ACTIVE_WS,
       COL_DEFAULT_WS, COL_SETTINGS, COL_PENDING_EMAIL };

static gboolean
sorted_by_id (const TcTeamPage *page)
{
  return page->name == NULL && page->email == NULL &&
         strcmp (page->sort_column, "EMAIL") != 0 && strcmp (page->sort_column, "NAME") != 0 &&
         strcmp (page->sort_column, "NAME_LOWERCASE") != 0;
}

static sqlite3_stmt *
prepare_page (TcService        *self,
              const TcTeamPage *page)
{
  const char *sql;

  if (sorted_by_id (page))
    sql = page->descending ? by_id_desc : by_id_asc;
  else
    sql = page->descending ? filtered_desc : filtered_asc;
  return _tc_db_prepare (self, sql, "sssssii", page->workspace_id, page->name, page->email,
                         page->status, page->sort_column, page->page_size + 1, page->offset);
}

/* The settings as GET /v1/user shows them, built once per distinct stored
 * text on the page (most members share theirs). */
static JsonNode *
settings_node (GHashTable *cache,
               const char *stored)
{
  JsonNode *node;

  if (stored == NULL)
    return json_node_new (JSON_NODE_NULL);
  node = g_hash_table_lookup (cache, stored);
  if (node == NULL)
    {
      node = _tc_settings_to_json (stored);
      g_hash_table_insert (cache, g_strdup (stored), node);
    }
  /* A node holding an object shares it: the page is only serialized. */
  return json_node_copy (node);
}

static JsonObject *
entry_new (TcService    *self,
           sqlite3_stmt *stmt,
           GHashTable   *settings_cache,
           gboolean      full)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", _tc_db_col_text (stmt, COL_ID));
  json_object_set_string_member (obj, "email", _tc_db_col_text (stmt, COL_EMAIL));
  _tc_json_set_nullable (obj, "name", _tc_db_col_text (stmt, COL_NAME));
  _tc_json_set_nullable (obj, "profilePicture", _tc_db_col_text (stmt, COL_PICTURE));
  _tc_json_set_nullable (obj, "activeWorkspace", _tc_db_col_text (stmt, COL_ACTIVE_WS));
  _tc_json_set_nullable (obj, "defaultWorkspace", _tc_db_col_text (stmt, COL_DEFAULT_WS));
  /* The user's status stands here in GET /v1/user; the list shows the
   * membership's, in the same place. */
  json_object_set_string_member (obj, "status", _tc_db_col_text (stmt, COL_STATUS));
  if (full)
    json_object_set_member (obj, "settings",
                            settings_node (settings_cache,
                                           _tc_db_col_text (stmt, COL_SETTINGS)));
  else
    json_object_set_null_member (obj, "settings");
  if (self->extensions)
    {
      if (full)
        _tc_json_set_nullable (obj, "pendingEmail", _tc_db_col_text (stmt, COL_PENDING_EMAIL));
      else
        json_object_set_null_member (obj, "pendingEmail");
    }
  return obj;
}

/* The page's user ids as a JSON array, bound as one value. */
static char *
ids_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    json_builder_add_string_value (builder,
                                   json_object_get_string_member (entries->pdata[i], "id"));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static GHashTable *
arrays_by_user (GPtrArray *entries)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) json_array_unref);

  for (guint i = 0; i < entries->len; i++)
    g_hash_table_insert (table,
                         (gpointer) json_object_get_string_member (entries->pdata[i], "id"),
                         json_array_new ());
  return table;
}

static void
load_memberships (TcService  *self,
                  const char *ids,
                  GHashTable *by_user)
{
  sqlite3_stmt *stmt = _tc_db_prepare (self, memberships_sql, "s", ids);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonArray *array = g_hash_table_lookup (by_user, _tc_db_col_text (stmt, 0));
      JsonObject *m;

      if (array == NULL)
        continue;
      m = json_object_new ();
      json_object_set_string_member (m, "userId", _tc_db_col_text (stmt, 0));
      json_object_set_string_member (m, "targetId", _tc_db_col_text (stmt, 1));
      json_object_set_string_member (m, "membershipType", "WORKSPACE");
      json_object_set_string_member (m, "membershipStatus", _tc_db_col_text (stmt, 2));
      json_object_set_null_member (m, "hourlyRate");
      json_object_set_null_member (m, "costRate");
      json_array_add_object_element (array, m);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* Values of the caller's own entry and, for owners and admins, of every
 * entry; a plain member sees only VISIBLE fields that are not admin-only
 * of the others (as on Clockify's Team page). */
static void
load_custom_values (TcService        *self,
                    const TcTeamPage *page,
                    const char       *ids,
                    GHashTable       *by_user)
{
  sqlite3_stmt *stmt = _tc_db_prepare (self, values_sql, "ss", page->workspace_id, ids);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *user_id = _tc_db_col_text (stmt, 0);
      JsonArray *array = g_hash_table_lookup (by_user, user_id);
      JsonObject *v;

      if (array == NULL)
        continue;
      if (!page->full && strcmp (user_id, page->caller_id) != 0 &&
          sqlite3_column_int (stmt, 5) == 0)
        continue;
      v = json_object_new ();
      json_object_set_string_member (v, "customFieldId", _tc_db_col_text (stmt, 1));
      json_object_set_string_member (v, "customFieldName", _tc_db_col_text (stmt, 2));
      json_object_set_string_member (v, "customFieldType", _tc_db_col_text (stmt, 3));
      json_object_set_string_member (v, "userId", user_id);
      json_object_set_member (v, "value", _tc_custom_value_node (_tc_db_col_text (stmt, 4)));
      json_array_add_object_element (array, v);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static JsonArray *
roles_to_json (const char *role)
{
  JsonArray *roles = json_array_new ();
  JsonObject *entry;

  if (role[0] == '\0')
    return roles;
  entry = json_object_new ();
  json_object_set_string_member (entry, "role", role);
  json_object_set_array_member (entry, "entities", json_array_new ());
  json_array_add_object_element (roles, entry);
  return roles;
}

JsonNode *
_tc_team_page_build (TcService        *self,
                     const TcTeamPage *page,
                     gboolean         *out_last)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) settings_cache = NULL;
  g_autoptr(GHashTable) memberships = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *ids = NULL;
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_sized_new (MIN (page->page_size, 1024));
  sqlite3_stmt *stmt;
  gboolean last = TRUE;

  json_node_take_array (node, array);
  settings_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) json_node_unref);
  stmt = prepare_page (self, page);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean full;

      if (entries->len == (guint) page->page_size)
        {
          last = FALSE;
          break;
        }
      full = page->full || strcmp (_tc_db_col_text (stmt, COL_ID), page->caller_id) == 0;
      g_ptr_array_add (entries, entry_new (self, stmt, settings_cache, full));
      g_ptr_array_add (roles, g_strdup (_tc_db_col_text (stmt, COL_ROLE)));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  *out_last = last;
  if (entries->len == 0)
    return node;

  ids = ids_json (entries);
  memberships = arrays_by_user (entries);
  values = arrays_by_user (entries);
  if (page->memberships)
    load_memberships (self, ids, memberships);
  load_custom_values (self, page, ids, values);

  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *obj = entries->pdata[i];
      const char *id = json_object_get_string_member (obj, "id");

      json_object_set_array_member (obj, "memberships",
                                    json_array_ref (g_hash_table_lookup (memberships, id)));
      json_object_set_array_member (obj, "customFields",
                                    json_array_ref (g_hash_table_lookup (values, id)));
      if (page->roles)
        json_object_set_array_member (obj, "roles", roles_to_json (roles->pdata[i]));
      json_array_add_object_element (array, json_object_ref (obj));
    }
  return node;
}
