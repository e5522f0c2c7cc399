/* tc-service-team-page-json.c — a Team page's JSON text
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is written as JSON text directly, without a JsonNode per value:
 * json-glib's objects and generator cost more than the queries. It is, byte
 * for byte, what json-glib wrote from the JsonObjects GET /v1/user builds
 * (tests/service/test-service-team-pages.c compares answers with ones
 * captured from the builder that ran these queries per member, and the
 * string escaping with the installed json-glib's). Settings and values
 * that are not plain are written by json-glib, once per distinct stored
 * text (the service's caches of JSON text).
 */

#include "config.h"

#include <string.h>

#include "tc-service-team-page-private.h"

/* Distinct stored texts kept in the service's caches of JSON text; past
 * this a cache starts again empty. */
#define TEXT_CACHE_MAX 512

/* JSON text of what json-glib would write for a value built with
 * @build_node from @stored, kept in @cache (one of the service's, so
 * a text is converted once, not once a page). */
static const char *
cached_text (GHashTable **cache,
             const char  *stored,
             JsonNode   *(*build_node) (const char *))
{
  char *text;

  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text = g_hash_table_lookup (*cache, stored);
  if (text == NULL)
    {
      g_autoptr(JsonNode) node = build_node (stored);

      if (g_hash_table_size (*cache) >= TEXT_CACHE_MAX)
        g_hash_table_remove_all (*cache);
      /* An unparsable value: json-glib refused to set the member (and said
       * so), so the member is left out, as before. */
      text = node != NULL ? json_to_string (node, FALSE) : g_strdup ("");
      g_hash_table_insert (*cache, g_strdup (stored), text);
    }
  return text;
}

/* The JSON text of a custom field value as stored: itself when plain,
 * else json-glib's text of it (cached); "" when json-glib cannot parse it
 * (the value member is then left out, as json_object_set_member() with
 * no node does). */
const char *
_tc_custom_value_text (TcService  *self,
                       const char *stored)
{
  if (_tc_custom_value_is_plain (stored))
    return stored;
  return cached_text (&self->value_text, stored ? stored : "", _tc_json_parse_text);
}

void
_tc_team_page_clear_caches (TcService *self)
{
  g_clear_pointer (&self->settings_text, g_hash_table_unref);
  g_clear_pointer (&self->value_text, g_hash_table_unref);
}

static void
append_values (GString *out,
               Page    *p,
               Entry   *e)
{
  for (guint i = 0; i < e->n_values; i++)
    {
      const Value *v = &g_array_index (p->values, Value, e->first_value + i);
      const char *value_text = _tc_custom_value_text (p->service, v->value);

      if (i > 0)
        g_string_append_c (out, ',');
      _tc_string_append_len (out, v->field->prefix->str, v->field->prefix->len);
      _tc_string_append_len (out, e->id_json, e->id_json_len);
      if (value_text[0] != '\0')
        {
          APPEND_LITERAL (out, ",\"value\":");
          _tc_string_append_len (out, value_text, strlen (value_text));
        }
      g_string_append_c (out, '}');
    }
}

/* One entry, member for member what GET /v1/user shows, except: the
 * membership's status stands where the user's is; others than the caller
 * have no settings and no pendingEmail for a plain member. */
void
_tc_team_page_append_entry (GString               *out,
                            Page                  *p,
                            const TcTeamPageQuery *page,
                            Entry                 *e)
{
  APPEND_LITERAL (out, "{\"id\":");
  _tc_string_append_len (out, e->id_json, e->id_json_len);
  APPEND_LITERAL (out, ",\"email\":");
  _tc_json_append_string (out, e->col[COL_EMAIL]);
  APPEND_LITERAL (out, ",\"name\":");
  _tc_json_append_nullable (out, e->col[COL_NAME]);
  APPEND_LITERAL (out, ",\"profilePicture\":");
  _tc_json_append_nullable (out, e->col[COL_PICTURE]);
  APPEND_LITERAL (out, ",\"activeWorkspace\":");
  _tc_json_append_nullable (out, e->col[COL_ACTIVE_WS]);
  APPEND_LITERAL (out, ",\"defaultWorkspace\":");
  _tc_json_append_nullable (out, e->col[COL_DEFAULT_WS]);
  APPEND_LITERAL (out, ",\"status\":");
  _tc_json_append_string (out, e->col[COL_STATUS]);
  APPEND_LITERAL (out, ",\"settings\":");
  if (e->full && e->col[COL_SETTINGS] != NULL)
    {
      const char *text = cached_text (&p->service->settings_text, e->col[COL_SETTINGS],
                                      _tc_settings_to_json);

      _tc_string_append_len (out, text, strlen (text));
    }
  else
    APPEND_LITERAL (out, "null");
  if (p->service->extensions)
    {
      APPEND_LITERAL (out, ",\"pendingEmail\":");
      _tc_json_append_nullable (out, e->full ? e->col[COL_PENDING_EMAIL] : NULL);
    }
  APPEND_LITERAL (out, ",\"memberships\":[");
  if (e->memberships != NULL)
    _tc_string_append_len (out, e->memberships->str, e->memberships->len);
  APPEND_LITERAL (out, "],\"customFields\":[");
  append_values (out, p, e);
  g_string_append_c (out, ']');
  if (page->roles)
    {
      APPEND_LITERAL (out, ",\"roles\":[");
      if (e->col[COL_ROLE][0] != '\0')
        {
          APPEND_LITERAL (out, "{\"role\":");
          _tc_json_append_string (out, e->col[COL_ROLE]);
          APPEND_LITERAL (out, ",\"entities\":[]}");
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
}
