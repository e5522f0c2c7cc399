/* tc-service-routes-settings.c — ext PATCH /v1/user/settings
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every writable setting is checked against the wire vocabulary before
 * anything is stored; one bad member refuses the whole body.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

typedef enum {
  KIND_BOOL,
  KIND_INT,
  KIND_ENUM,
  KIND_DAY,
  KIND_TIME_ZONE,
  KIND_TIME_OF_DAY,
  KIND_LANG,
  KIND_REPORT,
  KIND_READ_ONLY,
} Kind;

static const char * const dashboard_selections[] = { "ME", "TEAM", NULL };
static const char * const dashboard_view_types[] = { "PROJECT", "BILLABILITY", NULL };

typedef struct
{
  const char *name;
  Kind        kind;
  const char * const *(*values) (void);
  const char * const *fixed_values;
} Setting;

static const Setting settings[] = {
  { "weekStart", KIND_DAY, NULL, NULL },
  { "timeZone", KIND_TIME_ZONE, NULL, NULL },
  { "timeFormat", KIND_ENUM, tc_wire_time_formats, NULL },
  { "dateFormat", KIND_ENUM, tc_wire_date_formats, NULL },
  { "lang", KIND_LANG, NULL, NULL },
  { "theme", KIND_ENUM, tc_wire_themes, NULL },
  { "myStartOfDay", KIND_TIME_OF_DAY, NULL, NULL },
  { "groupSimilarEntriesDisabled", KIND_BOOL, NULL, NULL },
  { "collapseAllProjectLists", KIND_BOOL, NULL, NULL },
  { "projectListCollapse", KIND_INT, NULL, NULL },
  { "projectPickerTaskFilter", KIND_BOOL, NULL, NULL },
  { "isCompactViewOn", KIND_BOOL, NULL, NULL },
  { "sendNewsletter", KIND_BOOL, NULL, NULL },
  { "weeklyUpdates", KIND_BOOL, NULL, NULL },
  { "longRunning", KIND_BOOL, NULL, NULL },
  { "scheduledReports", KIND_BOOL, NULL, NULL },
  { "approval", KIND_BOOL, NULL, NULL },
  { "pto", KIND_BOOL, NULL, NULL },
  { "alerts", KIND_BOOL, NULL, NULL },
  { "reminders", KIND_BOOL, NULL, NULL },
  { "invoiceReminders", KIND_BOOL, NULL, NULL },
  { "scheduling", KIND_BOOL, NULL, NULL },
  { "dashboardSelection", KIND_ENUM, NULL, dashboard_selections },
  { "dashboardViewType", KIND_ENUM, NULL, dashboard_view_types },
  { "dashboardPinToTop", KIND_BOOL, NULL, NULL },
  { "showOnlyWorkingDays", KIND_BOOL, NULL, NULL },
  { "timeTrackingManual", KIND_BOOL, NULL, NULL },
  { "onboarding", KIND_BOOL, NULL, NULL },
  { "summaryReportSettings", KIND_REPORT, NULL, NULL },
  { "multiFactorEnabled", KIND_READ_ONLY, NULL, NULL },
};

static const Setting *
find_setting (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (strcmp (settings[i].name, name) == 0)
      return &settings[i];
  return NULL;
}

static const char *
node_string (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
report_ok (JsonNode *node)
{
  g_autoptr(GList) values = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  values = json_object_get_values (json_node_get_object (node));
  for (GList *l = values; l != NULL; l = l->next)
    if (!node_is (l->data, G_TYPE_STRING))
      return FALSE;
  return TRUE;
}

/* Returns NULL when the value is fine, else what is wrong with it. On
 * success *normalized holds the value to store. */
static const char *
check_value (const Setting *setting,
             JsonNode      *node,
             JsonNode     **normalized)
{
  const char *s = node_string (node);

  *normalized = NULL;
  switch (setting->kind)
    {
    case KIND_BOOL:
      if (!node_is (node, G_TYPE_BOOLEAN))
        return "must be true or false";
      break;
    case KIND_INT:
      if (!node_is (node, G_TYPE_INT64) || json_node_get_int (node) < 0 ||
          json_node_get_int (node) > 10000)
        return "must be a whole number from 0 to 10000";
      break;
    case KIND_ENUM:
      if (!tc_wire_string_in (setting->values ? setting->values () : setting->fixed_values, s))
        return "is not one of the accepted values";
      break;
    case KIND_DAY:
      if (tc_day_from_wire (s) == TC_DAY_INVALID)
        return "must be a day from MONDAY to SUNDAY";
      *normalized = json_node_init_string (json_node_alloc (),
                                           tc_day_to_wire (tc_day_from_wire (s)));
      break;
    case KIND_TIME_ZONE:
      if (!tc_wire_validate_time_zone (s))
        return "must be an IANA time zone such as Europe/Paris";
      break;
    case KIND_TIME_OF_DAY:
      if (!tc_wire_validate_time_of_day (s))
        return "must be a time as HH:mm, from 00:00 to 23:59";
      break;
    case KIND_LANG:
      if (!tc_wire_validate_language (s))
        return "must be a language code such as EN or PT_BR";
      {
        g_autofree char *up = g_ascii_strup (s, -1);
        g_strdelimit (up, "-", '_');
        *normalized = json_node_init_string (json_node_alloc (), up);
      }
      break;
    case KIND_REPORT:
      if (!report_ok (node))
        return "must be an object of strings such as {\"group\":\"PROJECT\",\"subgroup\":\"CLIENT\"}";
      {
        /* Stored as it is and copied into every Team list answer. */
        g_autofree char *text = _tc_json_to_text (node);

        if (strlen (text) > TC_WIRE_SETTINGS_OBJECT_MAX_BYTES)
          return "must be at most 16 KiB as JSON";
      }
      break;
    case KIND_READ_ONLY:
      return "is read-only";
    default:
      g_assert_not_reached ();
    }
  if (*normalized == NULL)
    *normalized = json_node_copy (node);
  return NULL;
}

/* Validates every member and merges them into @stored. */
static gboolean
merge_settings (TcRequest  *req,
                JsonObject *body,
                JsonObject *stored)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &member, &value))
    {
      const Setting *setting = find_setting (member);
      JsonNode *normalized = NULL;
      const char *problem;

      if (setting == NULL)
        {
          _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                           "%s: is not a known setting", member);
          return FALSE;
        }
      problem = check_value (setting, value, &normalized);
      if (problem != NULL)
        {
          _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION, "%s: %s", member, problem);
          return FALSE;
        }
      json_object_set_member (stored, member, normalized);
    }
  return TRUE;
}

static void
patch_settings (TcRequest *req)
{
  TcService *self = req->service;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonObject) user = NULL;
  JsonNode *payload;

  text = _tc_db_dup_string (self, "SELECT COALESCE(settings, '{}') FROM users WHERE id = ?",
                            "s", req->user_id);
  stored = _tc_json_parse_text (text);
  if (stored == NULL || !JSON_NODE_HOLDS_OBJECT (stored))
    stored = json_node_init_object (json_node_alloc (), json_object_new ());
  if (!merge_settings (req, _tc_req_object (req), json_node_get_object (stored)))
    return;

  g_free (text);
  text = _tc_json_to_text (stored);
  if (!_tc_db_exec (self, "UPDATE users SET settings = ? WHERE id = ?", "ss",
                    text, req->user_id))
    {
      _tc_reply_error (req, 500, 500, "The settings could not be saved");
      return;
    }

  user = _tc_user_to_json (self, req->user_id, FALSE);
  payload = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (payload, user);
  _tc_req_queue_event (req, "USER_UPDATED", NULL, req->user_id, payload);
  _tc_reply_object (req, 200, user);
}

static const TcRoute routes[] = {
  { "PATCH", "user/settings", patch_settings, TRUE, TRUE },
};

const TcRoute *
_tc_routes_settings (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
