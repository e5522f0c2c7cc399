/* tc-edit-text.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values come as the wire has them (tc_pending_edit_get_old_value ()
 * and _get_new_value () are JSON nodes): "PT7H30M", ["MONDAY", …],
 * true, "INACTIVE". Each field knows how to say its value.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-edit-text.h"
#include "tc-member.h"
#include "tc-member-text.h"

typedef enum {
  KIND_TEXT,
  KIND_BOOLEAN,
  KIND_INVERTED_BOOLEAN,  /* "…Disabled" on the wire, shown the other way round */
  KIND_DAY,
  KIND_DURATION,
  KIND_DAYS,
  KIND_STATUS,
  KIND_STYLE,
  KIND_EMPLOYMENT,
  KIND_PICTURE,
} Kind;

typedef struct {
  const char *wire;
  const char *label;
  Kind        kind;
} Field;

/* Settings (TC_EDIT_TARGET_SETTINGS), by their wire name. */
static const Field setting_fields[] = {
  { "weekStart", NC_("edited field", "Week start"), KIND_DAY },
  { "timeZone", NC_("edited field", "Time zone"), KIND_TEXT },
  { "timeFormat", NC_("edited field", "Time format"), KIND_TEXT },
  { "dateFormat", NC_("edited field", "Date format"), KIND_TEXT },
  { "lang", NC_("edited field", "Language"), KIND_TEXT },
  { "theme", NC_("edited field", "Style"), KIND_STYLE },
  { "myStartOfDay", NC_("edited field", "Day start"), KIND_TEXT },
  { "groupSimilarEntriesDisabled", NC_("edited field", "Group similar time entries"), KIND_INVERTED_BOOLEAN },
  { "collapseAllProjectLists", NC_("edited field", "Collapse project lists"), KIND_BOOLEAN },
  { "projectListCollapse", NC_("edited field", "Collapse lists longer than"), KIND_TEXT },
  { "projectPickerTaskFilter", NC_("edited field", "Task filter"), KIND_BOOLEAN },
  { "isCompactViewOn", NC_("edited field", "Compact view"), KIND_BOOLEAN },
  { "sendNewsletter", NC_("edited field", "Newsletter"), KIND_BOOLEAN },
  { "weeklyUpdates", NC_("edited field", "Weekly updates"), KIND_BOOLEAN },
  { "longRunning", NC_("edited field", "Long-running timer"), KIND_BOOLEAN },
  { "scheduledReports", NC_("edited field", "Scheduled reports"), KIND_BOOLEAN },
  { "approval", NC_("edited field", "Approvals"), KIND_BOOLEAN },
  { "pto", NC_("edited field", "Time off"), KIND_BOOLEAN },
  { "alerts", NC_("edited field", "Alerts"), KIND_BOOLEAN },
  { "reminders", NC_("edited field", "Reminders"), KIND_BOOLEAN },
  { "invoiceReminders", NC_("edited field", "Invoice reminders"), KIND_BOOLEAN },
  { "scheduling", NC_("edited field", "Scheduling"), KIND_BOOLEAN },
  { "multiFactorEnabled", NC_("edited field", "Two-step verification"), KIND_BOOLEAN },
};

/* Own profile (USER, PICTURE) and members (MEMBER_PROFILE, MEMBER_STATUS). */
static const Field other_fields[] = {
  { "name", NC_("edited field", "Name"), KIND_TEXT },
  { "email", NC_("edited field", "Email"), KIND_TEXT },
  { "profilePicture", NC_("edited field", "Picture"), KIND_PICTURE },
  { "weekStart", NC_("edited field", "Week start"), KIND_DAY },
  { "workCapacity", NC_("edited field", "Daily capacity"), KIND_DURATION },
  { "workingDays", NC_("edited field", "Working days"), KIND_DAYS },
  { "employeeId", NC_("edited field", "Employee ID"), KIND_TEXT },
  { "employmentType", NC_("edited field", "Employment type"), KIND_EMPLOYMENT },
  { "status", NC_("edited field", "Status"), KIND_STATUS },
};

static const Field *
find_field (TcPendingEdit *edit)
{
  const char *wire = tc_pending_edit_get_field (edit);
  gboolean settings = tc_pending_edit_get_target (edit) == TC_EDIT_TARGET_SETTINGS;
  const Field *fields = settings ? setting_fields : other_fields;
  guint n = settings ? G_N_ELEMENTS (setting_fields) : G_N_ELEMENTS (other_fields);

  if (tc_pending_edit_get_target (edit) == TC_EDIT_TARGET_PICTURE)
    wire = "profilePicture";
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fields[i].wire, wire) == 0)
      return &fields[i];
  return NULL;
}

const char *
tc_edit_text_object (TcPendingEdit *edit)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (edit), NULL);

  switch (tc_pending_edit_get_target (edit))
    {
    case TC_EDIT_TARGET_SETTINGS:
      return C_("edited object", "Your preferences");
    case TC_EDIT_TARGET_USER:
    case TC_EDIT_TARGET_PICTURE:
      return C_("edited object", "Your profile");
    case TC_EDIT_TARGET_MEMBER_PROFILE:
    case TC_EDIT_TARGET_MEMBER_STATUS:
    default:
      if (tc_pending_edit_get_object_label (edit) != NULL)
        return tc_pending_edit_get_object_label (edit);
      return C_("edited object", "A member");
    }
}

const char *
tc_edit_text_field (TcPendingEdit *edit)
{
  const Field *field;

  g_return_val_if_fail (TC_IS_PENDING_EDIT (edit), NULL);

  if (g_str_has_prefix (tc_pending_edit_get_field (edit), "customField:"))
    return tc_pending_edit_get_field_label (edit) ? tc_pending_edit_get_field_label (edit)
                                                  : C_("edited field", "Custom field");
  field = find_field (edit);
  if (field != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, "edited field", field->label);
  return tc_pending_edit_get_field (edit);
}

static const char *
on_off (gboolean value)
{
  return value ? C_("edited value", "On") : C_("edited value", "Off");
}

/* A value with no special words: strings as they are, lists joined. */
static char *
plain_value (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = plain_value (json_array_get_element (array, i));

          g_string_append_printf (text, "%s%s", i ? ", " : "", item);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (on_off (json_node_get_boolean (node)));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) text = G_VALUE_INIT;

      json_node_get_value (node, &value);
      g_value_init (&text, G_TYPE_STRING);
      if (g_value_transform (&value, &text))
        return g_value_dup_string (&text);
    }
  return json_to_string (node, FALSE);
}

static char *
days_value (JsonNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return plain_value (node);
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return g_strdup (C_("edited value", "None"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *day = json_array_get_element (array, i);
      TcDay d = JSON_NODE_HOLDS_VALUE (day) ? tc_day_from_wire (json_node_get_string (day))
                                            : TC_DAY_INVALID;

      g_string_append_printf (text, "%s%s", i ? ", " : "",
                              d == TC_DAY_INVALID ? "?" : tc_member_text_day_short (d));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
string_value (Kind        kind,
              const char *wire)
{
  TcMemberStatus status;
  gint64 seconds;
  TcDay day;

  switch (kind)
    {
    case KIND_DAY:
      day = tc_day_from_wire (wire);
      return g_strdup (day == TC_DAY_INVALID ? wire : tc_member_text_day (day));
    case KIND_DURATION:
      return tc_wire_parse_duration (wire, &seconds) ? tc_member_text_capacity (seconds)
                                                     : g_strdup (wire);
    case KIND_STATUS:
      return g_strdup (tc_member_status_from_wire (wire, &status) ? tc_member_text_status (status)
                                                                   : wire);
    case KIND_STYLE:
      if (g_strcmp0 (wire, "DARK") == 0)
        return g_strdup (C_("style", "Dark"));
      if (g_strcmp0 (wire, "LIGHT") == 0)
        return g_strdup (C_("style", "Light"));
      if (g_strcmp0 (wire, "DEFAULT") == 0)
        return g_strdup (C_("style", "Follow System"));
      return g_strdup (wire);
    case KIND_EMPLOYMENT:
      if (g_strcmp0 (wire, "PART_TIME") == 0)
        return g_strdup (C_("employment type", "Part time"));
      if (g_strcmp0 (wire, "FULL_TIME") == 0)
        return g_strdup (C_("employment type", "Full time"));
      return g_strdup (wire);
    case KIND_PICTURE:
      return g_strdup (C_("edited value", "A picture"));
    case KIND_TEXT:
    case KIND_BOOLEAN:
    case KIND_INVERTED_BOOLEAN:
    case KIND_DAYS:
    default:
      return g_strdup (wire);
    }
}

char *
tc_edit_text_value (TcPendingEdit *edit,
                    gboolean       new_value)
{
  JsonNode *node;
  const Field *field;
  Kind kind;

  g_return_val_if_fail (TC_IS_PENDING_EDIT (edit), NULL);

  node = new_value ? tc_pending_edit_get_new_value (edit) : tc_pending_edit_get_old_value (edit);
  field = find_field (edit);
  kind = field ? field->kind : KIND_TEXT;

  if (tc_pending_edit_get_target (edit) == TC_EDIT_TARGET_PICTURE && new_value)
    return g_strdup (C_("edited value", "New picture"));
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (kind == KIND_PICTURE ? C_("edited value", "No picture")
                                          : C_("edited value", "None"));
  if (kind == KIND_DAYS)
    return days_value (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (on_off (kind == KIND_INVERTED_BOOLEAN ? !json_node_get_boolean (node)
                                                          : json_node_get_boolean (node)));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *wire = json_node_get_string (node);

      if (wire[0] == '\0')
        return g_strdup (C_("edited value", "None"));
      return string_value (kind, wire);
    }
  return plain_value (node);
}

char *
tc_edit_text_change (TcPendingEdit *edit)
{
  g_autofree char *old_value = tc_edit_text_value (edit, FALSE);
  g_autofree char *new_value = tc_edit_text_value (edit, TRUE);

  /* Translators: a queued change, the old value and the new one: "8 h → 6 h" */
  return g_strdup_printf (C_("edit", "%s → %s"), old_value, new_value);
}
