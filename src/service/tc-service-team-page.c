/* tc-service-team-page.c — one page of the Team list in a bounded number of queries
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page costs at most four queries, whatever its size:
 *
 *   1. the page itself: memberships joined with users, every column the
 *      entry shows, LIMIT size + 1 (the extra row answers Last-Page);
 *   2. the workspace memberships of the page's users (only when asked for);
 *   3. the workspace's custom fields (a handful of rows), and
 *   4. the custom field values of the page's users.
 *
 * Queries 2 and 4 take the page's user ids as one bound JSON array
 * (`user_id IN (SELECT value FROM json_each(?))`), so the SQL text stays a
 * literal. Sorted by id (the app's order, and the default), the page is
 * cut from the memberships primary key before users are joined, so a page
 * reads its own rows and skips the ones before it in the index; a sort by
 * name or email has to order the whole workspace.
 *
 * The page is written as JSON text directly, without a JsonNode per value:
 * json-glib's objects and generator cost more than the queries. It is, byte
 * for byte, what json-glib wrote from the JsonObjects GET /v1/user builds
 * (tests/service/test-service-team-pages.c compares answers with ones
 * captured from the builder that ran these queries per member, and the
 * string escaping with the installed json-glib's). Settings and values
 * that are not plain are written by json-glib, once per distinct stored
 * text on the page.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define PAGE_COLUMNS \
  "u.id, p.status, COALESCE(p.role, ''), u.email, u.name, u.profile_picture, " \
  "u.active_ws, u.default_ws, u.settings, u.pending_email "

/* Sorted by id, no name or email filter: the page is cut from the
 * memberships primary key before anything else is read. With status ALL
 * the index alone is enough to skip the rows before the page (a bound
 * "?4 = 'ALL' OR status = ?4" would read every skipped row's status). */
#define BY_ID_ALL(dir) \
  "SELECT " PAGE_COLUMNS "FROM (SELECT user_id FROM memberships WHERE workspace_id = ?1 " \
  "ORDER BY user_id " dir " LIMIT ?6 OFFSET ?7) k " \
  "JOIN memberships p ON p.workspace_id = ?1 AND p.user_id = k.user_id " \
  "JOIN users u ON u.id = k.user_id WHERE ?2 IS NULL AND ?3 IS NULL AND ?4 = 'ALL' " \
  "AND ?5 IS NOT NULL ORDER BY u.id " dir

#define BY_ID(dir) \
  "SELECT " PAGE_COLUMNS "FROM (SELECT user_id, status, role FROM memberships " \
  "WHERE workspace_id = ?1 AND status = ?4 " \
  "ORDER BY user_id " dir " LIMIT ?6 OFFSET ?7) p " \
  "JOIN users u ON u.id = p.user_id WHERE ?2 IS NULL AND ?3 IS NULL AND ?5 IS NOT NULL " \
  "ORDER BY u.id " dir

static const char by_id_all_asc[] = BY_ID_ALL ("ASC");
static const char by_id_all_desc[] = BY_ID_ALL ("DESC");
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

static const char fields_sql[] =
  "SELECT id, name, type, status = 'VISIBLE' AND only_admin_can_edit = 0, position "
  "FROM custom_fields WHERE workspace_id = ?1";

/* Through custom_field_values_user; fields of other workspaces are
 * skipped and the values put in field order in C, which costs less than
 * joining and sorting in SQL. */
static const char values_sql[] =
  "SELECT user_id, field_id, value FROM custom_field_values "
  "WHERE user_id IN (SELECT value FROM json_each(?1))";

enum { COL_ID, COL_STATUS, COL_ROLE, COL_EMAIL, COL_NAME, COL_PICTURE, COL_ACTIVE_WS,
       COL_DEFAULT_WS, COL_SETTINGS, COL_PENDING_EMAIL };

static gboolean
sorted_by_id (const TcTeamPageQuery *page)
{
  return page->name == NULL && page->email == NULL &&
         strcmp (page->sort_column, "EMAIL") != 0 && strcmp (page->sort_column, "NAME") != 0 &&
         strcmp (page->sort_column, "NAME_LOWERCASE") != 0;
}

static sqlite3_stmt *
prepare_page (TcService             *self,
              const TcTeamPageQuery *page)
{
  const char *sql;

  if (sorted_by_id (page) && strcmp (page->status, "ALL") == 0)
    sql = page->descending ? by_id_all_desc : by_id_all_asc;
  else if (sorted_by_id (page))
    sql = page->descending ? by_id_desc : by_id_asc;
  else
    sql = page->descending ? filtered_desc : filtered_asc;
  return _tc_db_prepare (self, sql, "sssssii", page->workspace_id, page->name, page->email,
                         page->status, page->sort_column, page->page_size + 1, page->offset);
}

typedef struct
{
  char    *id;
  char    *status;
  char    *role;
  char    *email;
  char    *name;
  char    *picture;
  char    *active_ws;
  char    *default_ws;
  char    *settings;
  char    *pending_email;
  gboolean full;
  GString *memberships;   /* the members of the array, comma-separated */
  GArray  *values;        /* Value, put in field order before writing */
} Entry;

typedef struct
{
  char    *name;
  char    *type;
  gboolean shown;         /* VISIBLE and not admin-only: plain members see it */
  gint64   position;
} Field;

typedef struct
{
  const char *field_id;   /* the Field's key */
  const Field *field;
  char       *value;
} Value;

static void
field_free (Field *f)
{
  g_free (f->name);
  g_free (f->type);
  g_free (f);
}

static void
value_clear (Value *v)
{
  g_free (v->value);
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const Value *x = a, *y = b;

  return x->field->position < y->field->position ? -1 : x->field->position > y->field->position;
}

static void
entry_free (Entry *e)
{
  g_free (e->id);
  g_free (e->status);
  g_free (e->role);
  g_free (e->email);
  g_free (e->name);
  g_free (e->picture);
  g_free (e->active_ws);
  g_free (e->default_ws);
  g_free (e->settings);
  g_free (e->pending_email);
  g_string_free (e->memberships, TRUE);
  g_array_unref (e->values);
  g_free (e);
}

static Entry *
entry_new (sqlite3_stmt *stmt)
{
  Entry *e = g_new0 (Entry, 1);

  e->id = g_strdup (_tc_db_col_text (stmt, COL_ID));
  e->status = g_strdup (_tc_db_col_text (stmt, COL_STATUS));
  e->role = g_strdup (_tc_db_col_text (stmt, COL_ROLE));
  e->email = g_strdup (_tc_db_col_text (stmt, COL_EMAIL));
  e->name = g_strdup (_tc_db_col_text (stmt, COL_NAME));
  e->picture = g_strdup (_tc_db_col_text (stmt, COL_PICTURE));
  e->active_ws = g_strdup (_tc_db_col_text (stmt, COL_ACTIVE_WS));
  e->default_ws = g_strdup (_tc_db_col_text (stmt, COL_DEFAULT_WS));
  e->settings = g_strdup (_tc_db_col_text (stmt, COL_SETTINGS));
  e->pending_email = g_strdup (_tc_db_col_text (stmt, COL_PENDING_EMAIL));
  e->memberships = g_string_new (NULL);
  e->values = g_array_new (FALSE, FALSE, sizeof (Value));
  g_array_set_clear_func (e->values, (GDestroyNotify) value_clear);
  return e;
}

/* JSON text of what json-glib would write for a value built with
 * @build_node from @stored, once per distinct text on the page. */
static const char *
cached_text (GHashTable  *cache,
             const char  *stored,
             JsonNode   *(*build_node) (const char *))
{
  char *text = g_hash_table_lookup (cache, stored);

  if (text == NULL)
    {
      g_autoptr(JsonNode) node = build_node (stored);

      /* An unparsable value: json-glib refused to set the member (and said
       * so), so the member is left out, as before. */
      text = node != NULL ? json_to_string (node, FALSE) : g_strdup ("");
      g_hash_table_insert (cache, g_strdup (stored), text);
    }
  return text;
}

/* The page's user ids as a JSON array, bound as one value. */
static char *
ids_json (GPtrArray *entries)
{
  GString *ids = g_string_new ("[");

  for (guint i = 0; i < entries->len; i++)
    {
      if (i > 0)
        g_string_append_c (ids, ',');
      _tc_json_append_string (ids, ((Entry *) entries->pdata[i])->id);
    }
  g_string_append_c (ids, ']');
  return g_string_free (ids, FALSE);
}

static void
load_memberships (TcService  *self,
                  const char *ids,
                  GHashTable *by_id)
{
  sqlite3_stmt *stmt = _tc_db_prepare (self, memberships_sql, "s", ids);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Entry *e = g_hash_table_lookup (by_id, _tc_db_col_text (stmt, 0));

      if (e == NULL)
        continue;
      if (e->memberships->len > 0)
        g_string_append_c (e->memberships, ',');
      g_string_append (e->memberships, "{\"userId\":");
      _tc_json_append_string (e->memberships, e->id);
      g_string_append (e->memberships, ",\"targetId\":");
      _tc_json_append_string (e->memberships, _tc_db_col_text (stmt, 1));
      g_string_append (e->memberships, ",\"membershipType\":\"WORKSPACE\",\"membershipStatus\":");
      _tc_json_append_string (e->memberships, _tc_db_col_text (stmt, 2));
      g_string_append (e->memberships, ",\"hourlyRate\":null,\"costRate\":null}");
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static GHashTable *
load_fields (TcService  *self,
             const char *workspace_id)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) field_free);
  sqlite3_stmt *stmt = _tc_db_prepare (self, fields_sql, "s", workspace_id);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Field *f = g_new0 (Field, 1);

      f->name = g_strdup (_tc_db_col_text (stmt, 1));
      f->type = g_strdup (_tc_db_col_text (stmt, 2));
      f->shown = sqlite3_column_int (stmt, 3) != 0;
      f->position = sqlite3_column_int64 (stmt, 4);
      g_hash_table_insert (fields, g_strdup (_tc_db_col_text (stmt, 0)), f);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return fields;
}

/* Values of the caller's own entry and, for owners and admins, of every
 * entry; a plain member sees only VISIBLE fields that are not admin-only
 * of the others (as on Clockify's Team page). */
static void
load_custom_values (TcService        *self,
                    const char       *ids,
                    GHashTable       *by_id,
                    GHashTable       *fields)
{
  sqlite3_stmt *stmt;

  if (g_hash_table_size (fields) == 0)
    return;
  stmt = _tc_db_prepare (self, values_sql, "s", ids);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Entry *e = g_hash_table_lookup (by_id, _tc_db_col_text (stmt, 0));
      const char *field_id = NULL;
      Field *field = NULL;
      Value v;

      if (e == NULL ||
          !g_hash_table_lookup_extended (fields, _tc_db_col_text (stmt, 1),
                                         (gpointer *) &field_id, (gpointer *) &field) ||
          (!e->full && !field->shown))
        continue;
      v.field_id = field_id;
      v.field = field;
      v.value = g_strdup (_tc_db_col_text (stmt, 2));
      g_array_append_val (e->values, v);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
append_values (GString    *out,
               Entry      *e,
               GHashTable *value_cache)
{
  g_array_sort (e->values, compare_values);
  for (guint i = 0; i < e->values->len; i++)
    {
      const Value *v = &g_array_index (e->values, Value, i);
      const char *value_text = _tc_custom_value_is_plain (v->value)
                               ? v->value
                               : cached_text (value_cache, v->value ? v->value : "",
                                              _tc_json_parse_text);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"customFieldId\":");
      _tc_json_append_string (out, v->field_id);
      g_string_append (out, ",\"customFieldName\":");
      _tc_json_append_string (out, v->field->name);
      g_string_append (out, ",\"customFieldType\":");
      _tc_json_append_string (out, v->field->type);
      g_string_append (out, ",\"userId\":");
      _tc_json_append_string (out, e->id);
      if (value_text[0] != '\0')
        {
          g_string_append (out, ",\"value\":");
          g_string_append (out, value_text);
        }
      g_string_append_c (out, '}');
    }
}

/* One entry, member for member what GET /v1/user shows, except: the
 * membership's status stands where the user's is; others than the caller
 * have no settings and no pendingEmail for a plain member. */
static void
append_entry (GString               *out,
              TcService             *self,
              const TcTeamPageQuery *page,
              Entry                 *e,
              GHashTable            *settings_cache,
              GHashTable            *value_cache)
{
  g_string_append (out, "{\"id\":");
  _tc_json_append_string (out, e->id);
  g_string_append (out, ",\"email\":");
  _tc_json_append_string (out, e->email);
  g_string_append (out, ",\"name\":");
  _tc_json_append_nullable (out, e->name);
  g_string_append (out, ",\"profilePicture\":");
  _tc_json_append_nullable (out, e->picture);
  g_string_append (out, ",\"activeWorkspace\":");
  _tc_json_append_nullable (out, e->active_ws);
  g_string_append (out, ",\"defaultWorkspace\":");
  _tc_json_append_nullable (out, e->default_ws);
  g_string_append (out, ",\"status\":");
  _tc_json_append_string (out, e->status);
  g_string_append (out, ",\"settings\":");
  if (e->full && e->settings != NULL)
    g_string_append (out, cached_text (settings_cache, e->settings, _tc_settings_to_json));
  else
    g_string_append (out, "null");
  if (self->extensions)
    {
      g_string_append (out, ",\"pendingEmail\":");
      _tc_json_append_nullable (out, e->full ? e->pending_email : NULL);
    }
  g_string_append (out, ",\"memberships\":[");
  g_string_append_len (out, e->memberships->str, e->memberships->len);
  g_string_append (out, "],\"customFields\":[");
  append_values (out, e, value_cache);
  g_string_append_c (out, ']');
  if (page->roles)
    {
      g_string_append (out, ",\"roles\":[");
      if (e->role[0] != '\0')
        {
          g_string_append (out, "{\"role\":");
          _tc_json_append_string (out, e->role);
          g_string_append (out, ",\"entities\":[]}");
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
}

GString *
_tc_team_page_build (TcService             *self,
                     const TcTeamPageQuery *page,
                     gboolean              *out_last)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) settings_cache = NULL;
  g_autoptr(GHashTable) value_cache = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *ids = NULL;
  GString *out;
  sqlite3_stmt *stmt;
  gboolean last = TRUE;

  stmt = prepare_page (self, page);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Entry *e;

      if (entries->len == (guint) page->page_size)
        {
          last = FALSE;
          break;
        }
      e = entry_new (stmt);
      e->full = page->full || strcmp (e->id, page->caller_id) == 0;
      g_ptr_array_add (entries, e);
      g_hash_table_insert (by_id, e->id, e);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  *out_last = last;
  if (entries->len == 0)
    return g_string_new ("[]");

  ids = ids_json (entries);
  settings_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  value_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (page->memberships)
    load_memberships (self, ids, by_id);
  fields = load_fields (self, page->workspace_id);
  load_custom_values (self, ids, by_id, fields);

  /* ≈1.9 KB an owner sees of a seeded member. */
  out = g_string_sized_new (entries->len * 2048 + 2);
  g_string_append_c (out, '[');
  for (guint i = 0; i < entries->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_entry (out, self, page, entries->pdata[i], settings_cache, value_cache);
    }
  g_string_append_c (out, ']');
  return out;
}
