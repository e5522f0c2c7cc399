/* tc-custom-field.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-custom-field.h"
#include "tc-json-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PLACEHOLDER,
  N_STRING_PROPS,
  PROP_FIELD_TYPE = N_STRING_PROPS,
  PROP_STATUS,
  PROP_REQUIRED,
  PROP_ONLY_ADMIN_CAN_EDIT,
  PROP_ALLOWED_VALUES,
  N_PROPS
};

struct _TcCustomField
{
  GObject              parent_instance;

  char                *strings[N_STRING_PROPS];
  TcCustomFieldType    field_type;
  TcCustomFieldStatus  status;
  gboolean             required;
  gboolean             only_admin_can_edit;
  char               **allowed_values;
  JsonNode            *default_value;
};

G_DEFINE_FINAL_TYPE (TcCustomField, tc_custom_field, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const type_wire[] = {
  "TXT", "NUMBER", "DROPDOWN_SINGLE", "DROPDOWN_MULTIPLE", "CHECKBOX", "LINK", NULL
};
static const char * const status_wire[] = { "VISIBLE", "INVISIBLE", "INACTIVE", NULL };

static void
tc_custom_field_finalize (GObject *object)
{
  TcCustomField *self = (TcCustomField *)object;

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_free (self->strings[i]);
  g_strfreev (self->allowed_values);
  g_clear_pointer (&self->default_value, json_node_unref);

  G_OBJECT_CLASS (tc_custom_field_parent_class)->finalize (object);
}

static void
tc_custom_field_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TcCustomField *self = TC_CUSTOM_FIELD (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_FIELD_TYPE)
    g_value_set_int (value, self->field_type);
  else if (prop_id == PROP_STATUS)
    g_value_set_int (value, self->status);
  else if (prop_id == PROP_REQUIRED)
    g_value_set_boolean (value, self->required);
  else if (prop_id == PROP_ONLY_ADMIN_CAN_EDIT)
    g_value_set_boolean (value, self->only_admin_can_edit);
  else if (prop_id == PROP_ALLOWED_VALUES)
    g_value_set_boxed (value, self->allowed_values);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_custom_field_class_init (TcCustomFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const names[N_STRING_PROPS] = {
    [PROP_ID] = "id", [PROP_NAME] = "name", [PROP_DESCRIPTION] = "description",
    [PROP_PLACEHOLDER] = "placeholder",
  };

  object_class->finalize = tc_custom_field_finalize;
  object_class->get_property = tc_custom_field_get_property;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  properties[PROP_FIELD_TYPE] = g_param_spec_int ("field-type", NULL, NULL, 0,
                                                  TC_CUSTOM_FIELD_LINK, 0, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0,
                                              TC_CUSTOM_FIELD_INACTIVE, 0, flags);
  properties[PROP_REQUIRED] = g_param_spec_boolean ("required", NULL, NULL, FALSE, flags);
  properties[PROP_ONLY_ADMIN_CAN_EDIT] = g_param_spec_boolean ("only-admin-can-edit", NULL,
                                                               NULL, FALSE, flags);
  properties[PROP_ALLOWED_VALUES] = g_param_spec_boxed ("allowed-values", NULL, NULL,
                                                        G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_custom_field_init (TcCustomField *self)
{
}

static gboolean
decode_enum (JsonObject          *object,
             const char          *member,
             const char * const  *values,
             int                 *out_value,
             GError             **error)
{
  g_autofree char *wire = NULL;

  if (!_tc_json_get_string (object, member, TC_JSON_REQUIRED, &wire, error))
    return FALSE;
  for (int i = 0; values[i] != NULL; i++)
    if (strcmp (values[i], wire) == 0)
      {
        *out_value = i;
        return TRUE;
      }
  g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
               "%s: “%s” is not known", member, wire);
  return FALSE;
}

TcCustomField *
tc_custom_field_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(TcCustomField) self = g_object_new (TC_TYPE_CUSTOM_FIELD, NULL);
  int type = 0, status = 0;

  g_return_val_if_fail (object != NULL, NULL);

  if (!_tc_json_get_string (object, "id", TC_JSON_REQUIRED, &self->strings[PROP_ID], error) ||
      !_tc_json_get_string (object, "name", TC_JSON_REQUIRED, &self->strings[PROP_NAME], error) ||
      !_tc_json_get_string (object, "description", TC_JSON_LENIENT,
                            &self->strings[PROP_DESCRIPTION], error) ||
      !_tc_json_get_string (object, "placeholder", TC_JSON_LENIENT,
                            &self->strings[PROP_PLACEHOLDER], error) ||
      !decode_enum (object, "type", type_wire, &type, error) ||
      !decode_enum (object, "status", status_wire, &status, error) ||
      !_tc_json_get_boolean (object, "required", TC_JSON_LENIENT, &self->required, error) ||
      !_tc_json_get_boolean (object, "onlyAdminCanEdit", TC_JSON_LENIENT,
                             &self->only_admin_can_edit, error) ||
      !_tc_json_get_strv (object, "allowedValues", TC_JSON_LENIENT, &self->allowed_values, error))
    return NULL;

  self->field_type = type;
  self->status = status;
  if (self->allowed_values == NULL)
    self->allowed_values = g_new0 (char *, 1);
  if (json_object_has_member (object, "workspaceDefaultValue") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "workspaceDefaultValue")))
    self->default_value = json_node_copy (json_object_get_member (object, "workspaceDefaultValue"));
  return g_steal_pointer (&self);
}

#define GETTER(type, name, expr) \
  type tc_custom_field_get_##name (TcCustomField *self) \
  { g_return_val_if_fail (TC_IS_CUSTOM_FIELD (self), 0); return expr; }

GETTER (const char *, id, self->strings[PROP_ID])
GETTER (const char *, name, self->strings[PROP_NAME])
GETTER (const char *, description, self->strings[PROP_DESCRIPTION])
GETTER (const char *, placeholder, self->strings[PROP_PLACEHOLDER])
GETTER (TcCustomFieldType, field_type, self->field_type)
GETTER (TcCustomFieldStatus, status, self->status)
GETTER (gboolean, required, self->required)
GETTER (gboolean, only_admin_can_edit, self->only_admin_can_edit)
GETTER (const char * const *, allowed_values, (const char * const *) self->allowed_values)
GETTER (JsonNode *, default_value, self->default_value)

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (type == G_TYPE_DOUBLE)
    return json_node_get_value_type (node) == G_TYPE_DOUBLE ||
           json_node_get_value_type (node) == G_TYPE_INT64;
  return json_node_get_value_type (node) == type;
}

static gboolean
is_link (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0' &&
         (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ||
          g_strcmp0 (g_uri_get_scheme (uri), "http") == 0);
}

static TcCustomValueCheck
check_list (TcCustomField *self,
            JsonNode      *value)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return TC_CUSTOM_VALUE_WRONG_TYPE;
  array = json_node_get_array (value);
  if (self->required && json_array_get_length (array) == 0)
    return TC_CUSTOM_VALUE_REQUIRED;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!node_is_type (item, G_TYPE_STRING))
        return TC_CUSTOM_VALUE_WRONG_TYPE;
      if (!g_strv_contains ((const char * const *) self->allowed_values,
                            json_node_get_string (item)))
        return TC_CUSTOM_VALUE_NOT_ALLOWED;
    }
  return TC_CUSTOM_VALUE_OK;
}

TcCustomValueCheck
tc_custom_field_check_value (TcCustomField *self,
                             JsonNode      *value)
{
  const char *text;

  g_return_val_if_fail (TC_IS_CUSTOM_FIELD (self), TC_CUSTOM_VALUE_WRONG_TYPE);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return self->required ? TC_CUSTOM_VALUE_REQUIRED : TC_CUSTOM_VALUE_OK;

  switch (self->field_type)
    {
    case TC_CUSTOM_FIELD_NUMBER:
      return node_is_type (value, G_TYPE_DOUBLE) ? TC_CUSTOM_VALUE_OK : TC_CUSTOM_VALUE_WRONG_TYPE;
    case TC_CUSTOM_FIELD_CHECKBOX:
      return node_is_type (value, G_TYPE_BOOLEAN) ? TC_CUSTOM_VALUE_OK : TC_CUSTOM_VALUE_WRONG_TYPE;
    case TC_CUSTOM_FIELD_DROPDOWN_MULTIPLE:
      return check_list (self, value);
    case TC_CUSTOM_FIELD_TXT:
    case TC_CUSTOM_FIELD_LINK:
    case TC_CUSTOM_FIELD_DROPDOWN_SINGLE:
    default:
      break;
    }
  if (!node_is_type (value, G_TYPE_STRING))
    return TC_CUSTOM_VALUE_WRONG_TYPE;
  text = json_node_get_string (value);
  if (self->required && text[0] == '\0')
    return TC_CUSTOM_VALUE_REQUIRED;
  if (self->field_type == TC_CUSTOM_FIELD_DROPDOWN_SINGLE && text[0] != '\0' &&
      !g_strv_contains ((const char * const *) self->allowed_values, text))
    return TC_CUSTOM_VALUE_NOT_ALLOWED;
  if (self->field_type == TC_CUSTOM_FIELD_LINK && text[0] != '\0' && !is_link (text))
    return TC_CUSTOM_VALUE_BAD_LINK;
  return TC_CUSTOM_VALUE_OK;
}

gboolean
tc_custom_value_equal (JsonNode *a,
                       JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;
  if (node_is_type (a, G_TYPE_DOUBLE) && node_is_type (b, G_TYPE_DOUBLE))
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

GListModel *
tc_custom_field_list_new_from_json (JsonArray  *array,
                                    GError    **error)
{
  g_autoptr(GListStore) store = g_list_store_new (TC_TYPE_CUSTOM_FIELD);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(TcCustomField) field = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "custom field %u is not an object", i);
          return NULL;
        }
      field = tc_custom_field_new_from_json (json_node_get_object (node), error);
      if (field == NULL)
        {
          g_prefix_error (error, "custom field %u: ", i);
          return NULL;
        }
      g_list_store_append (store, field);
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;
  GListModel *fields;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    return g_task_return_error (task, error);
  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    return g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                                    "The custom fields are not a list");
  fields = tc_custom_field_list_new_from_json (json_node_get_array (body), &error);
  if (fields == NULL)
    return g_task_return_error (task, error);
  g_task_return_pointer (task, fields, g_object_unref);
}

void
tc_custom_field_list_load_async (TcApiClient         *client,
                                 const char          *workspace_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TC_IS_API_CLIENT (client));
  g_return_if_fail (workspace_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_custom_field_list_load_async);
  path = g_strdup_printf ("/v1/workspaces/%s/custom-fields?entity-type=USER", workspace_id);
  tc_api_client_request_async (client, "GET", path, NULL, cancellable, load_cb,
                               g_steal_pointer (&task));
}

GListModel *
tc_custom_field_list_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tc_custom_field_list_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
