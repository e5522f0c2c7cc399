/* tc-member-profile-json.c — a member profile from and to the wire
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor works on a copy (tc_member_profile_copy()) and sends
 * tc_member_profile_build_patch (original, copy): one PATCH with only what
 * changed. Undo is the patch the other way round.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-custom-field.h"
#include "tc-json-private.h"
#include "tc-member.h"
#include "tc-member-profile-private.h"

static gboolean
decode_custom_values (TcMemberProfile  *self,
                      JsonObject       *object,
                      GError          **error)
{
  JsonArray *values = NULL;

  if (!_tc_json_get_array (object, "userCustomFieldValues", TC_JSON_LENIENT, &values, error))
    return FALSE;
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      g_autofree char *field_id = NULL;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "userCustomFieldValues: element %u is not an object", i);
          return FALSE;
        }
      if (!_tc_json_get_string (json_node_get_object (node), "customFieldId", TC_JSON_REQUIRED,
                                &field_id, error))
        {
          g_prefix_error (error, "userCustomFieldValues: ");
          return FALSE;
        }
      value = json_object_get_member (json_node_get_object (node), "value");
      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        g_hash_table_replace (self->custom, g_steal_pointer (&field_id), json_node_copy (value));
    }
  return TRUE;
}

static gboolean
decode_days (TcMemberProfile  *self,
             JsonObject       *object,
             GError          **error)
{
  g_auto(GStrv) days = NULL;
  GError *local_error = NULL;

  if (!_tc_json_get_strv (object, "workingDays", TC_JSON_LENIENT, &days, error))
    return FALSE;
  self->working_days = tc_days_mask_from_strv ((const char * const *) days, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decode_capacity (TcMemberProfile  *self,
                 JsonObject       *object,
                 GError          **error)
{
  g_autofree char *capacity = NULL;

  if (!_tc_json_get_string (object, "workCapacity", TC_JSON_LENIENT, &capacity, error))
    return FALSE;
  if (capacity != NULL && !tc_wire_parse_duration (capacity, &self->work_capacity))
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "workCapacity: “%s” is not a duration", capacity);
      return FALSE;
    }
  return TRUE;
}

TcMemberProfile *
tc_member_profile_new_from_json (const char  *user_id,
                                 JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(TcMemberProfile) self = g_object_new (TC_TYPE_MEMBER_PROFILE, NULL);
  char **s = self->strings;

  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (object != NULL, NULL);

  s[PROP_USER_ID] = g_strdup (user_id);
  if (!_tc_json_get_string (object, "email", TC_JSON_REQUIRED, &s[PROP_EMAIL], error) ||
      !_tc_json_get_string (object, "name", TC_JSON_LENIENT, &s[PROP_NAME], error) ||
      !_tc_json_get_string (object, "imageUrl", TC_JSON_LENIENT, &s[PROP_IMAGE_URL], error) ||
      !_tc_json_get_string (object, "weekStart", TC_JSON_LENIENT, &s[PROP_WEEK_START], error) ||
      !_tc_json_get_string (object, "employeeId", TC_JSON_LENIENT, &s[PROP_EMPLOYEE_ID], error) ||
      !_tc_json_get_string (object, "employmentType", TC_JSON_LENIENT,
                            &s[PROP_EMPLOYMENT_TYPE], error) ||
      !_tc_json_get_boolean (object, "hasPassword", TC_JSON_LENIENT, &self->has_password, error) ||
      !_tc_json_get_boolean (object, "hasPendingApprovalRequest", TC_JSON_LENIENT,
                             &self->has_pending_approval_request, error) ||
      !_tc_json_get_int (object, "workspaceNumber", TC_JSON_LENIENT,
                         &self->workspace_number, error) ||
      !decode_capacity (self, object, error) ||
      !decode_days (self, object, error) ||
      !decode_custom_values (self, object, error))
    return NULL;

  if (s[PROP_WEEK_START] != NULL && tc_day_from_wire (s[PROP_WEEK_START]) == TC_DAY_INVALID)
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "weekStart: “%s” is not a day", s[PROP_WEEK_START]);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static JsonArray *
custom_patch (TcMemberProfile *original,
              TcMemberProfile *edited)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  JsonArray *array = json_array_new ();
  GHashTable *tables[] = { original->custom, edited->custom };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_add (seen, key))
          g_ptr_array_add (ids, key);
    }
  g_ptr_array_sort (ids, compare_ids);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      JsonNode *after = g_hash_table_lookup (edited->custom, id);
      JsonObject *entry;

      if (tc_custom_value_equal (g_hash_table_lookup (original->custom, id), after))
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "customFieldId", id);
      if (after != NULL)
        json_object_set_member (entry, "value", json_node_copy (after));
      else
        json_object_set_null_member (entry, "value");
      json_array_add_object_element (array, entry);
    }
  return array;
}

static void
set_days (JsonObject *patch,
          guint       mask)
{
  g_auto(GStrv) days = tc_days_mask_to_strv (mask);
  JsonArray *array = json_array_new ();

  for (guint i = 0; days[i] != NULL; i++)
    json_array_add_string_element (array, days[i]);
  json_object_set_array_member (patch, "workingDays", array);
}

JsonObject *
tc_member_profile_build_patch (TcMemberProfile *original,
                               TcMemberProfile *edited)
{
  JsonObject *patch = json_object_new ();
  char **a, **b;
  JsonArray *custom;

  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (original), patch);
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (edited), patch);

  a = original->strings;
  b = edited->strings;
  if (g_strcmp0 (a[PROP_WEEK_START], b[PROP_WEEK_START]) != 0 && b[PROP_WEEK_START] != NULL)
    json_object_set_string_member (patch, "weekStart", b[PROP_WEEK_START]);
  if (original->work_capacity != edited->work_capacity)
    {
      g_autofree char *capacity = tc_wire_format_duration (edited->work_capacity);

      json_object_set_string_member (patch, "workCapacity", capacity);
    }
  if (original->working_days != edited->working_days)
    set_days (patch, edited->working_days);
  if (g_strcmp0 (a[PROP_EMPLOYEE_ID], b[PROP_EMPLOYEE_ID]) != 0)
    {
      if (b[PROP_EMPLOYEE_ID] != NULL)
        json_object_set_string_member (patch, "employeeId", b[PROP_EMPLOYEE_ID]);
      else
        json_object_set_null_member (patch, "employeeId");
    }
  if (g_strcmp0 (a[PROP_EMPLOYMENT_TYPE], b[PROP_EMPLOYMENT_TYPE]) != 0 &&
      b[PROP_EMPLOYMENT_TYPE] != NULL)
    json_object_set_string_member (patch, "employmentType", b[PROP_EMPLOYMENT_TYPE]);
  custom = custom_patch (original, edited);
  if (json_array_get_length (custom) > 0)
    json_object_set_array_member (patch, "userCustomFields", custom);
  else
    json_array_unref (custom);
  return patch;
}

gboolean
tc_member_profile_patch_notifies (JsonObject *patch)
{
  g_return_val_if_fail (patch != NULL, FALSE);

  return json_object_has_member (patch, "weekStart") ||
         json_object_has_member (patch, "workingDays");
}
