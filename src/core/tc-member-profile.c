/* tc-member-profile.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object, its copy, its properties and the requests. The JSON both
 * ways (decoding an answer, building a PATCH) is in tc-member-profile-json.c.
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-custom-field.h"
#include "tc-json-private.h"
#include "tc-member.h"
#include "tc-member-profile.h"
#include "tc-member-profile-private.h"

enum {
  CUSTOM_VALUE_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TcMemberProfile, tc_member_profile, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
tc_member_profile_finalize (GObject *object)
{
  TcMemberProfile *self = (TcMemberProfile *)object;

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_free (self->strings[i]);
  g_hash_table_unref (self->custom);

  G_OBJECT_CLASS (tc_member_profile_parent_class)->finalize (object);
}

static void
tc_member_profile_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TcMemberProfile *self = TC_MEMBER_PROFILE (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_HAS_PASSWORD)
    g_value_set_boolean (value, self->has_password);
  else if (prop_id == PROP_HAS_PENDING_APPROVAL_REQUEST)
    g_value_set_boolean (value, self->has_pending_approval_request);
  else if (prop_id == PROP_WORKSPACE_NUMBER)
    g_value_set_int64 (value, self->workspace_number);
  else if (prop_id == PROP_WORK_CAPACITY)
    g_value_set_int64 (value, self->work_capacity);
  else if (prop_id == PROP_WORKING_DAYS)
    g_value_set_uint (value, self->working_days);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_member_profile_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TcMemberProfile *self = TC_MEMBER_PROFILE (object);

  switch (prop_id)
    {
    case PROP_WEEK_START:
      tc_member_profile_set_week_start (self, g_value_get_string (value));
      break;
    case PROP_EMPLOYEE_ID:
      tc_member_profile_set_employee_id (self, g_value_get_string (value));
      break;
    case PROP_EMPLOYMENT_TYPE:
      tc_member_profile_set_employment_type (self, g_value_get_string (value));
      break;
    case PROP_WORK_CAPACITY:
      tc_member_profile_set_work_capacity (self, g_value_get_int64 (value));
      break;
    case PROP_WORKING_DAYS:
      tc_member_profile_set_working_days (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_member_profile_class_init (TcMemberProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const names[N_STRING_PROPS] = {
    [PROP_USER_ID] = "user-id", [PROP_EMAIL] = "email", [PROP_NAME] = "name",
    [PROP_IMAGE_URL] = "image-url", [PROP_WEEK_START] = "week-start",
    [PROP_EMPLOYEE_ID] = "employee-id", [PROP_EMPLOYMENT_TYPE] = "employment-type",
  };

  object_class->finalize = tc_member_profile_finalize;
  object_class->get_property = tc_member_profile_get_property;
  object_class->set_property = tc_member_profile_set_property;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         i >= PROP_WEEK_START ? rw : ro);
  properties[PROP_HAS_PASSWORD] = g_param_spec_boolean ("has-password", NULL, NULL, FALSE, ro);
  properties[PROP_HAS_PENDING_APPROVAL_REQUEST] =
    g_param_spec_boolean ("has-pending-approval-request", NULL, NULL, FALSE, ro);
  properties[PROP_WORKSPACE_NUMBER] = g_param_spec_int64 ("workspace-number", NULL, NULL,
                                                          0, G_MAXINT64, 1, ro);
  properties[PROP_WORK_CAPACITY] = g_param_spec_int64 ("work-capacity", NULL, NULL, 0,
                                                       TC_WIRE_WORK_CAPACITY_MAX_MINUTES * 60,
                                                       0, rw);
  properties[PROP_WORKING_DAYS] = g_param_spec_uint ("working-days", NULL, NULL, 0,
                                                     TC_DAYS_ALL, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CUSTOM_VALUE_CHANGED] =
    g_signal_new ("custom-value-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tc_member_profile_init (TcMemberProfile *self)
{
  self->workspace_number = 1;
  self->custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_node_unref);
}

TcMemberProfile *
tc_member_profile_copy (TcMemberProfile *self)
{
  TcMemberProfile *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), NULL);

  copy = g_object_new (TC_TYPE_MEMBER_PROFILE, NULL);
  for (guint i = 0; i < N_STRING_PROPS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);
  copy->has_password = self->has_password;
  copy->has_pending_approval_request = self->has_pending_approval_request;
  copy->workspace_number = self->workspace_number;
  copy->work_capacity = self->work_capacity;
  copy->working_days = self->working_days;
  g_hash_table_iter_init (&iter, self->custom);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->custom, g_strdup (key), json_node_copy (value));
  return copy;
}

#define STRING_GETTER(name, prop) \
  const char *tc_member_profile_get_##name (TcMemberProfile *self) \
  { g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), NULL); return self->strings[prop]; }

STRING_GETTER (user_id, PROP_USER_ID)
STRING_GETTER (email, PROP_EMAIL)
STRING_GETTER (name, PROP_NAME)
STRING_GETTER (image_url, PROP_IMAGE_URL)
STRING_GETTER (week_start, PROP_WEEK_START)
STRING_GETTER (employee_id, PROP_EMPLOYEE_ID)
STRING_GETTER (employment_type, PROP_EMPLOYMENT_TYPE)

gboolean
tc_member_profile_get_has_password (TcMemberProfile *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), FALSE);
  return self->has_password;
}

gboolean
tc_member_profile_get_has_pending_approval_request (TcMemberProfile *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), FALSE);
  return self->has_pending_approval_request;
}

gint64
tc_member_profile_get_workspace_number (TcMemberProfile *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), 0);
  return self->workspace_number;
}

gint64
tc_member_profile_get_work_capacity (TcMemberProfile *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), 0);
  return self->work_capacity;
}

guint
tc_member_profile_get_working_days (TcMemberProfile *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), 0);
  return self->working_days;
}

static void
set_string (TcMemberProfile *self,
            guint            prop,
            const char      *value)
{
  if (g_strcmp0 (self->strings[prop], value) == 0)
    return;
  g_free (self->strings[prop]);
  self->strings[prop] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
tc_member_profile_set_week_start (TcMemberProfile *self,
                                  const char      *week_start)
{
  g_return_if_fail (TC_IS_MEMBER_PROFILE (self));
  set_string (self, PROP_WEEK_START, week_start);
}

void
tc_member_profile_set_employee_id (TcMemberProfile *self,
                                   const char      *employee_id)
{
  g_return_if_fail (TC_IS_MEMBER_PROFILE (self));
  set_string (self, PROP_EMPLOYEE_ID, employee_id);
}

void
tc_member_profile_set_employment_type (TcMemberProfile *self,
                                       const char      *employment_type)
{
  g_return_if_fail (TC_IS_MEMBER_PROFILE (self));
  set_string (self, PROP_EMPLOYMENT_TYPE, employment_type);
}

void
tc_member_profile_set_work_capacity (TcMemberProfile *self,
                                     gint64           seconds)
{
  g_return_if_fail (TC_IS_MEMBER_PROFILE (self));

  seconds = CLAMP (seconds, 0, TC_WIRE_WORK_CAPACITY_MAX_MINUTES * 60);
  if (self->work_capacity == seconds)
    return;
  self->work_capacity = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_CAPACITY]);
}

void
tc_member_profile_set_working_days (TcMemberProfile *self,
                                    guint            mask)
{
  g_return_if_fail (TC_IS_MEMBER_PROFILE (self));

  mask &= TC_DAYS_ALL;
  if (self->working_days == mask)
    return;
  self->working_days = mask;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING_DAYS]);
}

JsonNode *
tc_member_profile_get_custom_value (TcMemberProfile *self,
                                    const char      *field_id)
{
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  return g_hash_table_lookup (self->custom, field_id);
}

void
tc_member_profile_set_custom_value (TcMemberProfile *self,
                                    const char      *field_id,
                                    JsonNode        *value)
{
  JsonNode *old;

  g_return_if_fail (TC_IS_MEMBER_PROFILE (self));
  g_return_if_fail (field_id != NULL);

  old = g_hash_table_lookup (self->custom, field_id);
  if (old == NULL && (value == NULL || JSON_NODE_HOLDS_NULL (value)))
    return;
  if (old != NULL && value != NULL && json_node_equal (old, value))
    return;
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    g_hash_table_remove (self->custom, field_id);
  else
    g_hash_table_replace (self->custom, g_strdup (field_id), json_node_copy (value));
  g_signal_emit (self, signals[CUSTOM_VALUE_CHANGED], 0, field_id);
}

typedef struct
{
  char *user_id;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_free (data->user_id);
  g_free (data);
}

static void
profile_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;
  TcMemberProfile *profile;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    return g_task_return_error (task, error);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                                    "The member profile is not an object");
  profile = tc_member_profile_new_from_json (data->user_id, json_node_get_object (body), &error);
  if (profile == NULL)
    return g_task_return_error (task, error);
  g_task_return_pointer (task, profile, g_object_unref);
}

static void
send_request (TcApiClient         *client,
              const char          *method,
              const char          *workspace_id,
              const char          *user_id,
              JsonObject          *patch,
              GCancellable        *cancellable,
              gpointer             source_tag,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  RequestData *data = g_new0 (RequestData, 1);

  g_task_set_source_tag (task, source_tag);
  data->user_id = g_strdup (user_id);
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);
  if (patch != NULL)
    {
      body = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (body, patch);
    }
  path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", workspace_id, user_id);
  tc_api_client_request_async (client, method, path, body, cancellable, profile_cb,
                               g_steal_pointer (&task));
}

void
tc_member_profile_load_async (TcApiClient         *client,
                              const char          *workspace_id,
                              const char          *user_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (TC_IS_API_CLIENT (client));
  g_return_if_fail (workspace_id != NULL && user_id != NULL);

  send_request (client, "GET", workspace_id, user_id, NULL, cancellable,
                tc_member_profile_load_async, callback, user_data);
}

TcMemberProfile *
tc_member_profile_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tc_member_profile_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
