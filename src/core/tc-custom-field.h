/* tc-custom-field.h — a workspace's custom user field and its typed values
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoded from GET /v1/workspaces/{ws}/custom-fields?entity-type=USER.
 * Read-only properties: id, name, description, placeholder, field-type
 * (TcCustomFieldType), status (TcCustomFieldStatus), required,
 * only-admin-can-edit, allowed-values (strv).
 *
 * Values are JsonNodes of the type the wire uses: NUMBER a number,
 * DROPDOWN_MULTIPLE a list of strings, CHECKBOX a boolean, the rest a
 * string. tc_custom_field_check_value() says whether a value is acceptable
 * (type, allowedValues, required, a link is an absolute http(s) URL).
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tc-api-client.h"

G_BEGIN_DECLS

typedef enum {
  TC_CUSTOM_FIELD_TXT,
  TC_CUSTOM_FIELD_NUMBER,
  TC_CUSTOM_FIELD_DROPDOWN_SINGLE,
  TC_CUSTOM_FIELD_DROPDOWN_MULTIPLE,
  TC_CUSTOM_FIELD_CHECKBOX,
  TC_CUSTOM_FIELD_LINK,
} TcCustomFieldType;

typedef enum {
  TC_CUSTOM_FIELD_VISIBLE,
  TC_CUSTOM_FIELD_INVISIBLE,
  TC_CUSTOM_FIELD_INACTIVE,
} TcCustomFieldStatus;

typedef enum {
  TC_CUSTOM_VALUE_OK,
  TC_CUSTOM_VALUE_WRONG_TYPE,
  TC_CUSTOM_VALUE_REQUIRED,
  TC_CUSTOM_VALUE_NOT_ALLOWED,
  TC_CUSTOM_VALUE_BAD_LINK,
} TcCustomValueCheck;

#define TC_TYPE_CUSTOM_FIELD (tc_custom_field_get_type ())

G_DECLARE_FINAL_TYPE (TcCustomField, tc_custom_field, TC, CUSTOM_FIELD, GObject)

TcCustomField      *tc_custom_field_new_from_json   (JsonObject     *object,
                                                     GError        **error);
const char         *tc_custom_field_get_id          (TcCustomField  *self);
const char         *tc_custom_field_get_name        (TcCustomField  *self);
const char         *tc_custom_field_get_description (TcCustomField  *self);
const char         *tc_custom_field_get_placeholder (TcCustomField  *self);
TcCustomFieldType   tc_custom_field_get_field_type  (TcCustomField  *self);
TcCustomFieldStatus tc_custom_field_get_status      (TcCustomField  *self);
gboolean            tc_custom_field_get_required    (TcCustomField  *self);
gboolean            tc_custom_field_get_only_admin_can_edit (TcCustomField *self);
const char * const *tc_custom_field_get_allowed_values (TcCustomField *self);
/* The workspace default value, or NULL. */
JsonNode           *tc_custom_field_get_default_value (TcCustomField *self);

/* Whether @value (NULL or a null node: no value) fits this field. */
TcCustomValueCheck  tc_custom_field_check_value     (TcCustomField  *self,
                                                     JsonNode       *value);
/* Whether two values are the same (NULL equals a null node). */
gboolean            tc_custom_value_equal           (JsonNode       *a,
                                                     JsonNode       *b);

/* A GListModel of TcCustomField from a JSON array. */
GListModel         *tc_custom_field_list_new_from_json (JsonArray   *array,
                                                        GError     **error);
/* GET /v1/workspaces/{ws}/custom-fields?entity-type=USER. */
void                tc_custom_field_list_load_async  (TcApiClient        *client,
                                                      const char         *workspace_id,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
GListModel         *tc_custom_field_list_load_finish (GAsyncResult       *result,
                                                      GError            **error);

G_END_DECLS
