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
 * Sorted by id (the app's order, and the default), the page is cut from
 * the memberships_page index before users are joined, so a page reads its
 * own rows and skips the ones before it in the index, and queries 2 and 4
 * read the workspace's members between the page's first and last id from
 * the same index. Otherwise (a sort by name or email, which has to order
 * the whole workspace, or a filter) they take the page's user ids as one
 * bound JSON array (`user_id IN (SELECT value FROM json_each(?))`), so the
 * SQL text stays a literal.
 *
 * The page is written as JSON text directly (tc-service-team-page-json.c).
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"
#include "tc-service-team-page-private.h"

#define PAGE_COLUMNS \
  "u.id, p.status, COALESCE(p.role, ''), u.email, u.name, u.profile_picture, " \
  "u.active_ws, u.default_ws, u.settings, u.pending_email "

/* Sorted by id, no name or email filter: the page is cut from the
 * memberships_page index (workspace, user, status, role) before users are
 * joined, so the rows before the page are skipped in the index and a
 * member's status and role come from it too, without a seek in the
 * memberships table. With status ALL no status is compared at all. The
 * rows come in the order of the cut, but SQL does not promise it without
 * an ORDER BY, which would sort every column of the page: the entries are
 * put in id order in C (sort_entries()). */
#define BY_ID_ALL(dir) \
  "SELECT " PAGE_COLUMNS "FROM (SELECT user_id, status, role FROM memberships " \
  "WHERE workspace_id = ?1 ORDER BY user_id " dir " LIMIT ?6 OFFSET ?7) p " \
  "JOIN users u ON u.id = p.user_id WHERE ?2 IS NULL AND ?3 IS NULL AND ?4 = 'ALL' " \
  "AND ?5 IS NOT NULL"

#define BY_ID(dir) \
  "SELECT " PAGE_COLUMNS "FROM (SELECT user_id, status, role FROM memberships " \
  "WHERE workspace_id = ?1 AND status = ?4 " \
  "ORDER BY user_id " dir " LIMIT ?6 OFFSET ?7) p " \
  "JOIN users u ON u.id = p.user_id WHERE ?2 IS NULL AND ?3 IS NULL AND ?5 IS NOT NULL"

/* The next page of the one before, from the page cursor: the index is
 * entered at the last id of that page instead of counting OFFSET rows
 * from the start (a third of a page of 50 in a 10,000-member workspace).
 * Without OFFSET, users are joined row by row in the index's order, and
 * the ORDER BY costs no sort. */
#define BY_ID_AFTER(dir, cmp) \
  "SELECT " PAGE_COLUMNS "FROM memberships p JOIN users u ON u.id = p.user_id " \
  "WHERE p.workspace_id = ?1 AND p.user_id " cmp " ?7 AND ?2 IS NULL AND ?3 IS NULL " \
  "AND ?4 = 'ALL' AND ?5 IS NOT NULL ORDER BY p.user_id " dir " LIMIT ?6"

static const char by_id_after_asc[] = BY_ID_AFTER ("ASC", ">");
static const char by_id_after_desc[] = BY_ID_AFTER ("DESC", "<");
static const char by_id_all_asc[] = BY_ID_ALL ("ASC");
static const char by_id_all_desc[] = BY_ID_ALL ("DESC");
static const char by_id_asc[] = BY_ID ("ASC");
static const char by_id_desc[] = BY_ID ("DESC");

/* Sorted by name or email, or filtered. A name or email filter is a
 * substring (LIKE) that no index finds: then the users are read in table
 * order and only those that match are looked up in the workspace (CROSS
 * JOIN keeps SQLite to that order). Taking the workspace's members first,
 * each one's user looked up by id, costs 20 ms against 3 for the app's
 * role check (?email=) in a workspace of 10,000; without such a filter it
 * is the cheaper order, and the one kept. */
#define MEMBERS_FIRST \
  "FROM memberships p JOIN users u ON u.id = p.user_id WHERE p.workspace_id = ?1 "
#define USERS_FIRST \
  "FROM users u CROSS JOIN memberships p ON p.user_id = u.id AND p.workspace_id = ?1 WHERE 1 "
#define FILTERED(from, dir) \
  "SELECT " PAGE_COLUMNS from \
  "AND (?2 IS NULL OR u.name LIKE '%' || ?2 || '%' ESCAPE '\\') " \
  "AND (?3 IS NULL OR u.email LIKE '%' || ?3 || '%' ESCAPE '\\') " \
  "AND (?4 = 'ALL' OR p.status = ?4) " \
  "ORDER BY CASE ?5 WHEN 'EMAIL' THEN u.email WHEN 'NAME' THEN u.name " \
  "WHEN 'NAME_LOWERCASE' THEN lower(u.name) ELSE u.id END " dir ", u.id " dir " " \
  "LIMIT ?6 OFFSET ?7"

static const char filtered_asc[] = FILTERED (MEMBERS_FIRST, "ASC");
static const char filtered_desc[] = FILTERED (MEMBERS_FIRST, "DESC");
static const char searched_asc[] = FILTERED (USERS_FIRST, "ASC");
static const char searched_desc[] = FILTERED (USERS_FIRST, "DESC");

static const char memberships_sql[] =
  "SELECT user_id, workspace_id, status FROM memberships "
  "WHERE user_id IN (SELECT value FROM json_each(?1)) ORDER BY user_id, workspace_id";

static const char fields_sql[] =
  "SELECT id, name, type, status = 'VISIBLE' AND only_admin_can_edit = 0, position "
  "FROM custom_fields WHERE workspace_id = ?1";

/* From the custom_field_values_user index alone (user, field, value);
 * fields of other workspaces are skipped and the values put in field
 * order in C, which costs less than joining and sorting in SQL. */
static const char values_sql[] =
  "SELECT user_id, field_id, value FROM custom_field_values "
  "WHERE user_id IN (SELECT value FROM json_each(?1))";

/* A page sorted by id is every member of the workspace between its first
 * and last id (of its status, when one is asked for: members of other
 * statuses in that range are read too, and skipped). These read the
 * range from the memberships_page index instead of building a list from
 * the ids' JSON array and seeking each one: a third of the two queries'
 * time. */
static const char memberships_range_sql[] =
  "SELECT m.user_id, m.workspace_id, m.status FROM memberships p "
  "JOIN memberships m ON m.user_id = p.user_id "
  "WHERE p.workspace_id = ?1 AND p.user_id BETWEEN ?2 AND ?3 "
  "ORDER BY m.user_id, m.workspace_id";

static const char values_range_sql[] =
  "SELECT v.user_id, v.field_id, v.value FROM memberships p "
  "JOIN custom_field_values v ON v.user_id = p.user_id "
  "WHERE p.workspace_id = ?1 AND p.user_id BETWEEN ?2 AND ?3";

static gboolean
sorted_by_id (const TcTeamPageQuery *page)
{
  return page->name == NULL && page->email == NULL &&
         strcmp (page->sort_column, "EMAIL") != 0 && strcmp (page->sort_column, "NAME") != 0 &&
         strcmp (page->sort_column, "NAME_LOWERCASE") != 0;
}

/* Sorted by id, every status: the pages the app loads one after another. */
static gboolean
cursor_kind (const TcTeamPageQuery *page)
{
  return sorted_by_id (page) && strcmp (page->status, "ALL") == 0;
}

/* The page cursor holds while nothing was written since it was stored:
 * the service's connection is the only writer of its database, and
 * sqlite3_total_changes64() counts every row it inserted, updated or
 * deleted (a key's lastUsedAt stamp too, at most once a second). */
static gboolean
cursor_matches (TcService             *self,
                const TcTeamPageQuery *page)
{
  return cursor_kind (page) && page->offset > 0 && self->page_cursor.after_id != NULL &&
         self->page_cursor.offset == page->offset &&
         self->page_cursor.descending == page->descending &&
         self->page_cursor.changes == sqlite3_total_changes64 (self->db) &&
         strcmp (self->page_cursor.workspace_id, page->workspace_id) == 0;
}

void
_tc_team_page_forget_cursor (TcService *self)
{
  g_clear_pointer (&self->page_cursor.workspace_id, g_free);
  g_clear_pointer (&self->page_cursor.after_id, g_free);
}

static void
cursor_store (TcService             *self,
              const TcTeamPageQuery *page,
              const char            *last_id)
{
  _tc_team_page_forget_cursor (self);
  self->page_cursor.workspace_id = g_strdup (page->workspace_id);
  self->page_cursor.descending = page->descending;
  self->page_cursor.offset = page->offset + page->page_size;
  self->page_cursor.after_id = g_strdup (last_id);
  self->page_cursor.changes = sqlite3_total_changes64 (self->db);
}

static sqlite3_stmt *
prepare_page (TcService             *self,
              const TcTeamPageQuery *page)
{
  const char *sql;

  if (cursor_matches (self, page))
    {
      self->n_cursor_pages++;
      return _tc_db_prepare (self, page->descending ? by_id_after_desc : by_id_after_asc,
                             "sssssis", page->workspace_id, page->name, page->email,
                             page->status, page->sort_column, page->page_size + 1,
                             self->page_cursor.after_id);
    }
  if (cursor_kind (page))
    sql = page->descending ? by_id_all_desc : by_id_all_asc;
  else if (sorted_by_id (page))
    sql = page->descending ? by_id_desc : by_id_asc;
  else if (page->name != NULL || page->email != NULL)
    sql = page->descending ? searched_desc : searched_asc;
  else
    sql = page->descending ? filtered_desc : filtered_asc;
  return _tc_db_prepare (self, sql, "sssssii", page->workspace_id, page->name, page->email,
                         page->status, page->sort_column, page->page_size + 1, page->offset);
}

static void
field_free (Field *f)
{
  g_string_free (f->prefix, TRUE);
  g_free (f->name);
  g_free (f->type);
  g_free (f);
}

static void
entry_free (Entry *e)
{
  if (e->memberships != NULL)
    g_string_free (e->memberships, TRUE);
  g_free (e);
}

/* Values of an entry in field order; a tie in position (which the
 * service does not make) is broken by the field's id, so there is one
 * order whatever the order of the rows. */
static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const Value *x = a, *y = b;

  if (x->entry != y->entry)
    return x->entry < y->entry ? -1 : 1;
  if (x->field->position != y->field->position)
    return x->field->position < y->field->position ? -1 : 1;
  return strcmp (x->field_id, y->field_id);
}

static Entry *
entry_new (Page         *p,
           sqlite3_stmt *stmt)
{
  Entry *e = g_new0 (Entry, 1);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *text = _tc_db_col_text (stmt, i);

      e->col[i] = text != NULL ? g_string_chunk_insert (p->texts, text) : NULL;
    }
  g_string_truncate (p->scratch, 0);
  _tc_json_append_string (p->scratch, e->col[COL_ID]);
  e->id_json = g_string_chunk_insert_len (p->texts, p->scratch->str, p->scratch->len);
  e->id_json_len = p->scratch->len;
  e->index = p->entries->len;
  return e;
}

/* The page's user ids as a JSON array, bound as one value. */
static char *
ids_json (GPtrArray *entries)
{
  GString *ids = g_string_sized_new (entries->len * 27 + 2);

  g_string_append_c (ids, '[');
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = entries->pdata[i];

      if (i > 0)
        g_string_append_c (ids, ',');
      _tc_string_append_len (ids, e->id_json, e->id_json_len);
    }
  g_string_append_c (ids, ']');
  return g_string_free (ids, FALSE);
}

/* The rows of the page's users: by the range of the page's ids when the
 * page is sorted by id (every member of the workspace in that range), by
 * the list of its ids otherwise. */
typedef struct
{
  const char *workspace_id;
  const char *first;   /* the smallest id on the page, or NULL */
  const char *last;
  char       *ids;     /* JSON array, when not by range */
} PageUsers;

static sqlite3_stmt *
prepare_for_users (Page            *p,
                   const PageUsers *users,
                   const char      *range_sql,
                   const char      *list_sql)
{
  if (users->first != NULL)
    return _tc_db_prepare (p->service, range_sql, "sss", users->workspace_id, users->first,
                           users->last);
  return _tc_db_prepare (p->service, list_sql, "s", users->ids);
}

static void
load_memberships (Page            *p,
                  const PageUsers *users)
{
  sqlite3_stmt *stmt = prepare_for_users (p, users, memberships_range_sql, memberships_sql);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Entry *e = g_hash_table_lookup (p->by_id, _tc_db_col_text (stmt, 0));

      if (e == NULL)
        continue;
      if (e->memberships == NULL)
        e->memberships = g_string_sized_new (256);
      else
        g_string_append_c (e->memberships, ',');
      APPEND_LITERAL (e->memberships, "{\"userId\":");
      _tc_string_append_len (e->memberships, e->id_json, e->id_json_len);
      APPEND_LITERAL (e->memberships, ",\"targetId\":");
      _tc_json_append_string (e->memberships, _tc_db_col_text (stmt, 1));
      APPEND_LITERAL (e->memberships, ",\"membershipType\":\"WORKSPACE\",\"membershipStatus\":");
      _tc_json_append_string (e->memberships, _tc_db_col_text (stmt, 2));
      APPEND_LITERAL (e->memberships, ",\"hourlyRate\":null,\"costRate\":null}");
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
load_fields (Page       *p,
             const char *workspace_id)
{
  sqlite3_stmt *stmt = _tc_db_prepare (p->service, fields_sql, "s", workspace_id);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Field *f = g_new0 (Field, 1);
      const char *id = _tc_db_col_text (stmt, 0);

      f->name = g_strdup (_tc_db_col_text (stmt, 1));
      f->type = g_strdup (_tc_db_col_text (stmt, 2));
      f->shown = sqlite3_column_int (stmt, 3) != 0;
      f->position = sqlite3_column_int64 (stmt, 4);
      /* What every value of the field starts with, written once a page. */
      f->prefix = g_string_new ("{\"customFieldId\":");
      _tc_json_append_string (f->prefix, id);
      APPEND_LITERAL (f->prefix, ",\"customFieldName\":");
      _tc_json_append_string (f->prefix, f->name);
      APPEND_LITERAL (f->prefix, ",\"customFieldType\":");
      _tc_json_append_string (f->prefix, f->type);
      APPEND_LITERAL (f->prefix, ",\"userId\":");
      g_hash_table_insert (p->fields, g_strdup (id), f);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* Values of the caller's own entry and, for owners and admins, of every
 * entry; a plain member sees only VISIBLE fields that are not admin-only
 * of the others (as on Clockify's Team page). */
static void
load_custom_values (Page            *p,
                    const PageUsers *users)
{
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *stmt;
  Entry *e = NULL;

  if (g_hash_table_size (p->fields) == 0)
    return;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (Value), p->entries->len * 8);
  stmt = prepare_for_users (p, users, values_range_sql, values_sql);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *user_id = _tc_db_col_text (stmt, 0);
      const char *field_id = NULL;
      const char *value;
      Field *field = NULL;
      Value v;

      /* A user's values come one after another: one lookup a user. */
      if (e == NULL || strcmp (e->col[COL_ID], user_id) != 0)
        e = g_hash_table_lookup (p->by_id, user_id);
      if (e == NULL ||
          !g_hash_table_lookup_extended (p->fields, _tc_db_col_text (stmt, 1),
                                         (gpointer *) &field_id, (gpointer *) &field) ||
          (!e->full && !field->shown))
        continue;
      value = _tc_db_col_text (stmt, 2);
      v.field_id = field_id;
      v.field = field;
      v.value = value != NULL ? g_string_chunk_insert (p->texts, value) : NULL;
      v.entry = e->index;
      e->n_values++;
      g_array_append_val (rows, v);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  /* Each entry's values in a slice of their own, in page order, then
   * each slice (a handful of values) in field order. */
  g_array_set_size (p->values, rows->len);
  for (guint i = 0, first = 0; i < p->entries->len; i++)
    {
      e = p->entries->pdata[i];
      e->first_value = first;
      first += e->n_values;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const Value *v = &g_array_index (rows, Value, i);

      e = p->entries->pdata[v->entry];
      g_array_index (p->values, Value, e->first_value + e->n_placed++) = *v;
    }
  for (guint i = 0; i < p->entries->len; i++)
    {
      Value *slice;

      e = p->entries->pdata[i];
      /* Nothing to sort; and with no values on the page at all, the
       * array has no data to point into (UBSan, fuzz-service). */
      if (e->n_values < 2)
        continue;
      slice = &g_array_index (p->values, Value, e->first_value);
      for (guint j = 1; j < e->n_values; j++)
        for (guint k = j; k > 0 && compare_values (&slice[k - 1], &slice[k]) > 0; k--)
          {
            Value tmp = slice[k];

            slice[k] = slice[k - 1];
            slice[k - 1] = tmp;
          }
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a, *y = *(const Entry * const *) b;

  return strcmp (x->col[COL_ID], y->col[COL_ID]);
}

/* Puts a page sorted by id in id order (SQLite compares text as strcmp()
 * does) when its query did not say ORDER BY: the rows nearly always come
 * in that order already, and then nothing moves. */
static void
sort_entries (Page    *p,
              gboolean descending)
{
  gboolean in_order = TRUE;

  for (guint i = 1; i < p->entries->len && in_order; i++)
    {
      int c = compare_entries (&p->entries->pdata[i - 1], &p->entries->pdata[i]);

      in_order = descending ? c > 0 : c < 0;
    }
  if (in_order)
    return;
  g_ptr_array_sort (p->entries, compare_entries);
  if (descending)
    for (guint i = 0, j = p->entries->len - 1; i < j; i++, j--)
      {
        gpointer tmp = p->entries->pdata[i];

        p->entries->pdata[i] = p->entries->pdata[j];
        p->entries->pdata[j] = tmp;
      }
  for (guint i = 0; i < p->entries->len; i++)
    ((Entry *) p->entries->pdata[i])->index = i;
}

GString *
_tc_team_page_build (TcService             *self,
                     const TcTeamPageQuery *page,
                     gboolean              *out_last)
{
  Page p = { 0, };
  PageUsers users = { 0, };
  GString *out;
  sqlite3_stmt *stmt;
  gboolean last = TRUE;
  gboolean by_id = sorted_by_id (page);
  gsize bytes = 2;

  p.service = self;
  p.texts = g_string_chunk_new (16 * 1024);
  p.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  p.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  p.fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) field_free);
  p.values = g_array_new (FALSE, FALSE, sizeof (Value));
  p.scratch = g_string_sized_new (64);

  stmt = prepare_page (self, page);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Entry *e;

      /* The extra row (LIMIT size + 1) answers Last-Page. A page sorted
       * by id comes from a query that promises no order (above): every
       * row is read, and the last one in id order is the extra one. */
      if (!by_id && p.entries->len == (guint) page->page_size)
        {
          last = FALSE;
          break;
        }
      e = entry_new (&p, stmt);
      e->full = page->full || strcmp (e->col[COL_ID], page->caller_id) == 0;
      g_ptr_array_add (p.entries, e);
      g_hash_table_insert (p.by_id, (gpointer) e->col[COL_ID], e);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (by_id)
    {
      sort_entries (&p, page->descending);
      if (p.entries->len > (guint) page->page_size)
        {
          Entry *extra = p.entries->pdata[p.entries->len - 1];

          g_hash_table_remove (p.by_id, extra->col[COL_ID]);
          g_ptr_array_remove_index (p.entries, p.entries->len - 1);
          last = FALSE;
        }
    }
  *out_last = last;
  if (!last && cursor_kind (page))
    cursor_store (self, page, ((Entry *) p.entries->pdata[p.entries->len - 1])->col[COL_ID]);

  if (p.entries->len > 0)
    {
      users.workspace_id = page->workspace_id;
      if (by_id)
        {
          const Entry *a = p.entries->pdata[0];
          const Entry *b = p.entries->pdata[p.entries->len - 1];

          users.first = page->descending ? b->col[COL_ID] : a->col[COL_ID];
          users.last = page->descending ? a->col[COL_ID] : b->col[COL_ID];
        }
      else
        users.ids = ids_json (p.entries);
      if (page->memberships)
        load_memberships (&p, &users);
      load_fields (&p, page->workspace_id);
      load_custom_values (&p, &users);
    }

  /* ≈1.9 KB an owner sees of a seeded member: one allocation, no copy
   * while it grows, and libsoup takes it as it is. */
  bytes += p.entries->len * 2048;
  out = g_string_sized_new (bytes);
  g_string_append_c (out, '[');
  for (guint i = 0; i < p.entries->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      _tc_team_page_append_entry (out, &p, page, p.entries->pdata[i]);
    }
  g_string_append_c (out, ']');

  g_free (users.ids);
  g_string_free (p.scratch, TRUE);
  g_array_unref (p.values);
  g_hash_table_unref (p.fields);
  g_hash_table_unref (p.by_id);
  g_ptr_array_unref (p.entries);
  g_string_chunk_free (p.texts);
  return out;
}
