/* tc-webhook.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strings are freed with _tc_secret_free(): one of them is the auth token,
 * and wiping the others costs nothing.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-model-json-private.h"
#include "tc-webhook.h"
#include "tc-wire.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_WORKSPACE_ID,
  PROP_USER_ID,
  PROP_NAME,
  PROP_URL,
  PROP_WEBHOOK_EVENT,
  PROP_TRIGGER_SOURCE_TYPE,
  PROP_AUTH_TOKEN,
  N_STRING_PROPS,
  PROP_ENABLED = N_STRING_PROPS,
  PROP_DELIVERY_ENABLED,
  PROP_PLAN_ENABLED,
  N_BOOL_PROPS_END,
  PROP_TRIGGER_SOURCE = N_BOOL_PROPS_END,
  N_PROPS
};

#define BOOL_INDEX(prop) ((prop) - N_STRING_PROPS)
#define N_BOOLS (N_BOOL_PROPS_END - N_STRING_PROPS)

struct _TcWebhook
{
  GObject    parent_instance;

  char      *strings[N_STRING_PROPS];
  gboolean   bools[N_BOOLS];
  char     **trigger_source;
};

G_DEFINE_FINAL_TYPE (TcWebhook, tc_webhook, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const wire_strings[N_STRING_PROPS] = {
  [PROP_ID] = "id",
  [PROP_WORKSPACE_ID] = "workspaceId",
  [PROP_USER_ID] = "userId",
  [PROP_NAME] = "name",
  [PROP_URL] = "url",
  [PROP_WEBHOOK_EVENT] = "webhookEvent",
  [PROP_TRIGGER_SOURCE_TYPE] = "triggerSourceType",
  [PROP_AUTH_TOKEN] = "authToken",
};

static const char * const wire_bools[N_BOOLS] = {
  [BOOL_INDEX (PROP_ENABLED)] = "enabled",
  [BOOL_INDEX (PROP_DELIVERY_ENABLED)] = "deliveryEnabled",
  [BOOL_INDEX (PROP_PLAN_ENABLED)] = "planEnabled",
};

static void
tc_webhook_finalize (GObject *object)
{
  TcWebhook *self = (TcWebhook *)object;

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&self->strings[i], _tc_secret_free);
  g_clear_pointer (&self->trigger_source, g_strfreev);

  G_OBJECT_CLASS (tc_webhook_parent_class)->finalize (object);
}

static void
tc_webhook_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TcWebhook *self = TC_WEBHOOK (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id >= N_STRING_PROPS && prop_id < N_BOOL_PROPS_END)
    g_value_set_boolean (value, self->bools[BOOL_INDEX (prop_id)]);
  else if (prop_id == PROP_TRIGGER_SOURCE)
    g_value_set_boxed (value, self->trigger_source);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_webhook_class_init (TcWebhookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const names[N_PROPS] = {
    [PROP_ID] = "id", [PROP_WORKSPACE_ID] = "workspace-id", [PROP_USER_ID] = "user-id",
    [PROP_NAME] = "name", [PROP_URL] = "url", [PROP_WEBHOOK_EVENT] = "webhook-event",
    [PROP_TRIGGER_SOURCE_TYPE] = "trigger-source-type", [PROP_AUTH_TOKEN] = "auth-token",
    [PROP_ENABLED] = "enabled", [PROP_DELIVERY_ENABLED] = "delivery-enabled",
    [PROP_PLAN_ENABLED] = "plan-enabled",
  };

  object_class->finalize = tc_webhook_finalize;
  object_class->get_property = tc_webhook_get_property;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  for (guint i = N_STRING_PROPS; i < N_BOOL_PROPS_END; i++)
    properties[i] = g_param_spec_boolean (names[i], NULL, NULL, FALSE, flags);
  properties[PROP_TRIGGER_SOURCE] =
    g_param_spec_boxed ("trigger-source", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_webhook_init (TcWebhook *self)
{
  self->trigger_source = g_new0 (char *, 1);
}

typedef struct
{
  char      *strings[N_STRING_PROPS];
  gboolean   bools[N_BOOLS];
  char     **trigger_source;
} Decoded;

static void
decoded_clear (Decoded *d)
{
  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&d->strings[i], _tc_secret_free);
  g_clear_pointer (&d->trigger_source, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoded, decoded_clear)

static gboolean
decode (JsonObject  *object,
        Decoded     *d,
        GError     **error)
{
  for (guint i = 1; i < N_STRING_PROPS; i++)
    {
      /* userId and authToken may be left out (a member's view). */
      TcJsonFlags flags = (i == PROP_USER_ID || i == PROP_AUTH_TOKEN) ? TC_JSON_LENIENT
                                                                      : TC_JSON_REQUIRED;

      if (!_tc_json_get_string (object, wire_strings[i], flags, &d->strings[i], error))
        return FALSE;
    }
  d->bools[BOOL_INDEX (PROP_ENABLED)] = TRUE;
  d->bools[BOOL_INDEX (PROP_DELIVERY_ENABLED)] = TRUE;
  d->bools[BOOL_INDEX (PROP_PLAN_ENABLED)] = TRUE;
  for (guint i = 0; i < N_BOOLS; i++)
    if (!_tc_json_get_boolean (object, wire_bools[i], TC_JSON_LENIENT, &d->bools[i], error))
      return FALSE;
  if (!_tc_json_get_strv (object, "triggerSource", TC_JSON_LENIENT, &d->trigger_source, error))
    return FALSE;
  if (d->trigger_source == NULL)
    d->trigger_source = g_new0 (char *, 1);
  return TRUE;
}

static void
apply (TcWebhook *self,
       Decoded   *d)
{
  for (guint i = 1; i < N_STRING_PROPS; i++)
    {
      if (g_strcmp0 (self->strings[i], d->strings[i]) == 0)
        continue;
      g_clear_pointer (&self->strings[i], _tc_secret_free);
      self->strings[i] = g_steal_pointer (&d->strings[i]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }
  for (guint i = 0; i < N_BOOLS; i++)
    {
      if (self->bools[i] == d->bools[i])
        continue;
      self->bools[i] = d->bools[i];
      g_object_notify_by_pspec (G_OBJECT (self), properties[N_STRING_PROPS + i]);
    }
  if (!g_strv_equal ((const char * const *) self->trigger_source,
                     (const char * const *) d->trigger_source))
    {
      g_strfreev (self->trigger_source);
      self->trigger_source = g_steal_pointer (&d->trigger_source);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_SOURCE]);
    }
}

gboolean
tc_webhook_update_from_json (TcWebhook   *self,
                             JsonObject  *object,
                             GError     **error)
{
  g_auto(Decoded) d = { { NULL }, { FALSE }, NULL };

  g_return_val_if_fail (TC_IS_WEBHOOK (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!decode (object, &d, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  apply (self, &d);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

TcWebhook *
tc_webhook_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(TcWebhook) self = g_object_new (TC_TYPE_WEBHOOK, NULL);

  g_return_val_if_fail (object != NULL, NULL);

  if (!tc_webhook_update_from_json (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
tc_webhook_get_fields (TcWebhook       *self,
                       TcWebhookFields *fields)
{
  g_return_if_fail (TC_IS_WEBHOOK (self));
  g_return_if_fail (fields != NULL);

  fields->name = self->strings[PROP_NAME];
  fields->url = self->strings[PROP_URL];
  fields->webhook_event = self->strings[PROP_WEBHOOK_EVENT];
  fields->trigger_source_type = self->strings[PROP_TRIGGER_SOURCE_TYPE];
  fields->trigger_source = (const char * const *) self->trigger_source;
  fields->enabled = self->bools[BOOL_INDEX (PROP_ENABLED)];
}

#define DEFINE_GETTER(type, name, expr, fallback)              \
  type                                                         \
  tc_webhook_get_##name (TcWebhook *self)                      \
  {                                                            \
    g_return_val_if_fail (TC_IS_WEBHOOK (self), fallback);     \
    return expr;                                               \
  }

DEFINE_GETTER (const char *, id, self->strings[PROP_ID], NULL)
DEFINE_GETTER (const char *, workspace_id, self->strings[PROP_WORKSPACE_ID], NULL)
DEFINE_GETTER (const char *, user_id, self->strings[PROP_USER_ID], NULL)
DEFINE_GETTER (const char *, name, self->strings[PROP_NAME], NULL)
DEFINE_GETTER (const char *, url, self->strings[PROP_URL], NULL)
DEFINE_GETTER (const char *, webhook_event, self->strings[PROP_WEBHOOK_EVENT], NULL)
DEFINE_GETTER (const char *, trigger_source_type, self->strings[PROP_TRIGGER_SOURCE_TYPE], NULL)
DEFINE_GETTER (const char * const *, trigger_source,
               (const char * const *) self->trigger_source, NULL)
DEFINE_GETTER (gboolean, enabled, self->bools[BOOL_INDEX (PROP_ENABLED)], FALSE)
DEFINE_GETTER (gboolean, delivery_enabled, self->bools[BOOL_INDEX (PROP_DELIVERY_ENABLED)], FALSE)
DEFINE_GETTER (gboolean, plan_enabled, self->bools[BOOL_INDEX (PROP_PLAN_ENABLED)], FALSE)
DEFINE_GETTER (const char *, auth_token, self->strings[PROP_AUTH_TOKEN], NULL)

GListModel *
tc_webhook_list_new_from_json (JsonObject  *answer,
                               guint       *out_workspace_count,
                               GError     **error)
{
  JsonArray *webhooks = NULL;
  gint64 count = 0;
  GListModel *list;

  g_return_val_if_fail (answer != NULL, NULL);

  if (!_tc_json_get_array (answer, "webhooks", TC_JSON_REQUIRED, &webhooks, error))
    return NULL;
  list = _tc_json_decode_list (webhooks, TC_TYPE_WEBHOOK,
                               (TcJsonDecodeFunc) tc_webhook_new_from_json, "Webhook", error);
  if (list == NULL)
    return NULL;
  count = g_list_model_get_n_items (list);
  if (!_tc_json_get_int (answer, "workspaceWebhookCount", TC_JSON_LENIENT, &count, error) ||
      count < 0 || count > G_MAXUINT)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                             "Member “workspaceWebhookCount” is out of range");
      g_object_unref (list);
      return NULL;
    }
  if (out_workspace_count != NULL)
    *out_workspace_count = (guint) count;
  return list;
}

/* TcWebhookFields */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_VALIDATION, message);
  return FALSE;
}

gboolean
tc_webhook_fields_validate (const TcWebhookFields  *fields,
                            GError                **error)
{
  const char *type;

  g_return_val_if_fail (fields != NULL, FALSE);

  type = fields->trigger_source_type ? fields->trigger_source_type : "WORKSPACE_ID";
  if (fields->name == NULL || !tc_wire_validate_webhook_name (fields->name))
    return invalid (error, "name: must be 2 to 30 characters, "
                    "without control characters or line breaks");
  if (fields->url == NULL || !tc_wire_validate_webhook_url (fields->url))
    return invalid (error, "url: must be an absolute https url (http only to loopback)");
  if (fields->webhook_event == NULL || !tc_wire_is_webhook_event (fields->webhook_event))
    return invalid (error, "webhookEvent: is not a webhook event");
  if (!tc_wire_is_webhook_trigger_type (type))
    return invalid (error, "triggerSourceType: is not a trigger source type");
  for (guint i = 0; fields->trigger_source && fields->trigger_source[i]; i++)
    if (!tc_wire_validate_id (fields->trigger_source[i]))
      return invalid (error, "triggerSource: each entry must be an id of 24 hex characters");
  if ((g_str_equal (fields->webhook_event, "USER_UPDATED") ||
       g_str_equal (fields->webhook_event, "USER_EMAIL_CHANGED")) &&
      (!g_str_equal (type, "USER_ID") || fields->trigger_source == NULL ||
       fields->trigger_source[0] == NULL))
    return invalid (error, "triggerSource: USER_UPDATED and USER_EMAIL_CHANGED webhooks need "
                    "triggerSourceType USER_ID and at least one user id");
  return TRUE;
}

JsonNode *
tc_webhook_fields_to_json (const TcWebhookFields *fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (fields != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, fields->name);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, fields->url);
  json_builder_set_member_name (builder, "webhookEvent");
  json_builder_add_string_value (builder, fields->webhook_event);
  json_builder_set_member_name (builder, "triggerSourceType");
  json_builder_add_string_value (builder, fields->trigger_source_type ? fields->trigger_source_type
                                                                      : "WORKSPACE_ID");
  json_builder_set_member_name (builder, "triggerSource");
  json_builder_begin_array (builder);
  for (guint i = 0; fields->trigger_source && fields->trigger_source[i]; i++)
    json_builder_add_string_value (builder, fields->trigger_source[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, fields->enabled);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
