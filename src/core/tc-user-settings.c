/* tc-user-settings.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table below is the one place a wire member is tied to its property.
 * Values are kept as JSON scalars in a fixed array indexed like the table,
 * so decoding, comparing and encoding are one loop each.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-user-settings.h"
#include "tc-user-settings-private.h"

typedef enum {
  KIND_STRING,
  KIND_BOOLEAN,
  KIND_INT,
} Kind;

typedef struct
{
  const char *wire;
  const char *property;
  Kind        kind;
  gboolean    read_only;
} Field;

static const Field fields[] = {
  { "weekStart",                   "week-start",                     KIND_STRING,  FALSE },
  { "timeZone",                    "time-zone",                      KIND_STRING,  FALSE },
  { "timeFormat",                  "time-format",                    KIND_STRING,  FALSE },
  { "dateFormat",                  "date-format",                    KIND_STRING,  FALSE },
  { "lang",                        "lang",                           KIND_STRING,  FALSE },
  { "theme",                       "theme",                          KIND_STRING,  FALSE },
  { "myStartOfDay",                "my-start-of-day",                KIND_STRING,  FALSE },
  { "groupSimilarEntriesDisabled", "group-similar-entries-disabled", KIND_BOOLEAN, FALSE },
  { "collapseAllProjectLists",     "collapse-all-project-lists",     KIND_BOOLEAN, FALSE },
  { "projectListCollapse",         "project-list-collapse",          KIND_INT,     FALSE },
  { "projectPickerTaskFilter",     "project-picker-task-filter",     KIND_BOOLEAN, FALSE },
  { "isCompactViewOn",             "is-compact-view-on",             KIND_BOOLEAN, FALSE },
  { "sendNewsletter",              "send-newsletter",                KIND_BOOLEAN, FALSE },
  { "weeklyUpdates",               "weekly-updates",                 KIND_BOOLEAN, FALSE },
  { "longRunning",                 "long-running",                   KIND_BOOLEAN, FALSE },
  { "scheduledReports",            "scheduled-reports",              KIND_BOOLEAN, FALSE },
  { "approval",                    "approval",                       KIND_BOOLEAN, FALSE },
  { "pto",                         "pto",                            KIND_BOOLEAN, FALSE },
  { "alerts",                      "alerts",                         KIND_BOOLEAN, FALSE },
  { "reminders",                   "reminders",                      KIND_BOOLEAN, FALSE },
  { "invoiceReminders",            "invoice-reminders",              KIND_BOOLEAN, FALSE },
  { "scheduling",                  "scheduling",                     KIND_BOOLEAN, FALSE },
  { "multiFactorEnabled",          "multi-factor-enabled",           KIND_BOOLEAN, TRUE },
};

#define N_FIELDS G_N_ELEMENTS (fields)

/* Property ids are the field index + 1. */
enum {
  PROP_0,
  N_PROPS = N_FIELDS + 1
};

struct _TcUserSettings
{
  GObject     parent_instance;

  /* A JSON scalar per field, or NULL when the server did not send it. */
  JsonNode   *values[N_FIELDS];
  /* Members the table does not know, kept for the round trip. */
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (TcUserSettings, tc_user_settings, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static int
field_for_wire (const char *wire)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (fields[i].wire, wire) == 0)
      return i;
  return -1;
}

static int
field_for_property (const char *property)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (fields[i].property, property) == 0)
      return i;
  return -1;
}

const char *
tc_user_settings_property_to_wire (const char *property_name)
{
  int i = field_for_property (property_name);

  return i < 0 ? NULL : fields[i].wire;
}

const char *
tc_user_settings_wire_to_property (const char *wire_name)
{
  int i = field_for_wire (wire_name);

  return i < 0 ? NULL : fields[i].property;
}

static void
clear_values (JsonNode *values[N_FIELDS])
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&values[i], json_node_unref);
}

static void
tc_user_settings_finalize (GObject *object)
{
  TcUserSettings *self = (TcUserSettings *)object;

  clear_values (self->values);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (tc_user_settings_parent_class)->finalize (object);
}

static void
tc_user_settings_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TcUserSettings *self = TC_USER_SETTINGS (object);
  JsonNode *node;

  if (prop_id == PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  node = self->values[prop_id - 1];
  switch (fields[prop_id - 1].kind)
    {
    case KIND_STRING:
      g_value_set_string (value, node ? json_node_get_string (node) : NULL);
      break;
    case KIND_BOOLEAN:
      g_value_set_boolean (value, node ? json_node_get_boolean (node) : FALSE);
      break;
    case KIND_INT:
      g_value_set_int (value, node ? (int) json_node_get_int (node) : 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
node_from_value (Kind          kind,
                 const GValue *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (kind)
    {
    case KIND_STRING:
      if (g_value_get_string (value) == NULL)
        {
          json_node_init_null (node);
          return node;
        }
      json_node_set_string (node, g_value_get_string (value));
      break;
    case KIND_BOOLEAN:
      json_node_set_boolean (node, g_value_get_boolean (value));
      break;
    case KIND_INT:
      json_node_set_int (node, g_value_get_int (value));
      break;
    default:
      g_assert_not_reached ();
    }

  return node;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* Takes @node (may be NULL) as field @i; notifies when it changed. */
static void
take_value (TcUserSettings *self,
            guint           i,
            JsonNode       *node)
{
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    g_clear_pointer (&node, json_node_unref);

  if (nodes_equal (self->values[i], node))
    {
      g_clear_pointer (&node, json_node_unref);
      return;
    }

  g_clear_pointer (&self->values[i], json_node_unref);
  self->values[i] = node;
  g_object_notify_by_pspec (G_OBJECT (self), properties[i + 1]);
}

static void
tc_user_settings_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TcUserSettings *self = TC_USER_SETTINGS (object);

  if (prop_id == PROP_0 || prop_id >= N_PROPS || fields[prop_id - 1].read_only)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  take_value (self, prop_id - 1, node_from_value (fields[prop_id - 1].kind, value));
}

static GParamSpec *
make_pspec (const Field *field)
{
  GParamFlags flags = G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  flags |= field->read_only ? G_PARAM_READABLE : G_PARAM_READWRITE;

  switch (field->kind)
    {
    case KIND_STRING:
      return g_param_spec_string (field->property, NULL, NULL, NULL, flags);
    case KIND_BOOLEAN:
      return g_param_spec_boolean (field->property, NULL, NULL, FALSE, flags);
    case KIND_INT:
      return g_param_spec_int (field->property, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
    default:
      g_assert_not_reached ();
    }
}

static void
tc_user_settings_class_init (TcUserSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tc_user_settings_finalize;
  object_class->get_property = tc_user_settings_get_property;
  object_class->set_property = tc_user_settings_set_property;

  for (guint i = 0; i < N_FIELDS; i++)
    properties[i + 1] = make_pspec (&fields[i]);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_user_settings_init (TcUserSettings *self)
{
  self->extra = json_object_new ();
}

TcUserSettings *
tc_user_settings_new (void)
{
  return g_object_new (TC_TYPE_USER_SETTINGS, NULL);
}

/* Checks one member's type; on success *@out_node is a copy, or NULL when
 * the member is absent or null (a client accepts both). */
static gboolean
decode_field (JsonObject   *object,
              const Field  *field,
              JsonNode    **out_node,
              GError      **error)
{
  g_autofree char *s = NULL;
  gboolean b = FALSE;
  gint64 n = 0;
  JsonNode *node = json_object_get_member (object, field->wire);

  *out_node = NULL;
  switch (field->kind)
    {
    case KIND_STRING:
      if (!_tc_json_get_string (object, field->wire, TC_JSON_LENIENT, &s, error))
        return FALSE;
      break;
    case KIND_BOOLEAN:
      if (!_tc_json_get_boolean (object, field->wire, TC_JSON_LENIENT, &b, error))
        return FALSE;
      break;
    case KIND_INT:
      if (!_tc_json_get_int (object, field->wire, TC_JSON_LENIENT, &n, error))
        return FALSE;
      if (n < G_MININT || n > G_MAXINT)
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "Member “%s” is out of range", field->wire);
          return FALSE;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    *out_node = json_node_copy (node);
  return TRUE;
}

static gboolean
decode (JsonObject  *object,
        JsonNode    *values[N_FIELDS],
        JsonObject **out_extra,
        GError     **error)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (!decode_field (object, &fields[i], &values[i], error))
        {
          clear_values (values);
          return FALSE;
        }
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (field_for_wire (member) < 0)
        json_object_set_member (extra, member, json_node_copy (node));
    }

  *out_extra = g_steal_pointer (&extra);
  return TRUE;
}

gboolean
tc_user_settings_update_from_json (TcUserSettings  *self,
                                   JsonObject      *object,
                                   GError         **error)
{
  JsonNode *values[N_FIELDS] = { NULL };
  JsonObject *extra = NULL;

  g_return_val_if_fail (TC_IS_USER_SETTINGS (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!decode (object, values, &extra, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_FIELDS; i++)
    take_value (self, i, g_steal_pointer (&values[i]));
  g_object_thaw_notify (G_OBJECT (self));

  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
  return TRUE;
}

TcUserSettings *
tc_user_settings_new_from_json (JsonObject  *object,
                                GError     **error)
{
  g_autoptr(TcUserSettings) self = tc_user_settings_new ();

  g_return_val_if_fail (object != NULL, NULL);

  if (!tc_user_settings_update_from_json (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

JsonObject *
tc_user_settings_to_json (TcUserSettings *self)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  g_return_val_if_fail (TC_IS_USER_SETTINGS (self), NULL);

  object = json_object_new ();
  json_object_iter_init (&iter, self->extra);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (object, member, json_node_copy (node));

  for (guint i = 0; i < N_FIELDS; i++)
    if (self->values[i] != NULL)
      json_object_set_member (object, fields[i].wire, json_node_copy (self->values[i]));

  return object;
}

JsonNode *
_tc_user_settings_dup_member (TcUserSettings *self,
                              const char     *wire)
{
  int i = field_for_wire (wire);

  g_return_val_if_fail (TC_IS_USER_SETTINGS (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);

  return self->values[i] ? json_node_copy (self->values[i]) : NULL;
}

gboolean
_tc_user_settings_set_member (TcUserSettings  *self,
                              const char      *wire,
                              JsonNode        *value,
                              GError         **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = NULL;
  int i = field_for_wire (wire);

  g_return_val_if_fail (TC_IS_USER_SETTINGS (self), FALSE);
  g_return_val_if_fail (i >= 0, FALSE);

  if (value != NULL)
    json_object_set_member (object, wire, json_node_copy (value));
  if (!decode_field (object, &fields[i], &node, error))
    return FALSE;

  take_value (self, i, node);
  return TRUE;
}

gboolean
_tc_user_settings_is_writable (const char *wire)
{
  int i = field_for_wire (wire);

  return i >= 0 && !fields[i].read_only;
}

static const char *
get_string (TcUserSettings *self,
            const char     *wire)
{
  int i = field_for_wire (wire);

  g_return_val_if_fail (TC_IS_USER_SETTINGS (self), NULL);

  return self->values[i] ? json_node_get_string (self->values[i]) : NULL;
}

const char *tc_user_settings_get_week_start (TcUserSettings *self) { return get_string (self, "weekStart"); }
const char *tc_user_settings_get_time_zone (TcUserSettings *self) { return get_string (self, "timeZone"); }
const char *tc_user_settings_get_time_format (TcUserSettings *self) { return get_string (self, "timeFormat"); }
const char *tc_user_settings_get_date_format (TcUserSettings *self) { return get_string (self, "dateFormat"); }
const char *tc_user_settings_get_lang (TcUserSettings *self) { return get_string (self, "lang"); }
const char *tc_user_settings_get_theme (TcUserSettings *self) { return get_string (self, "theme"); }
const char *tc_user_settings_get_my_start_of_day (TcUserSettings *self) { return get_string (self, "myStartOfDay"); }

gboolean
tc_user_settings_get_multi_factor_enabled (TcUserSettings *self)
{
  int i = field_for_wire ("multiFactorEnabled");

  g_return_val_if_fail (TC_IS_USER_SETTINGS (self), FALSE);

  return self->values[i] ? json_node_get_boolean (self->values[i]) : FALSE;
}
