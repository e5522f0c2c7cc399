/* tc-webhook-log.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A log entry never changes once decoded, so it has no update function
 * and its properties are never notified.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-model-json-private.h"
#include "tc-webhook-log.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_WEBHOOK_ID,
  PROP_EVENT_TYPE,
  PROP_STATUS,
  PROP_RESPONSE_BODY,
  N_STRING_PROPS,
  PROP_ATTEMPTS = N_STRING_PROPS,
  PROP_STATUS_CODE,
  PROP_TEST,
  PROP_RESPONDED_AT,
  PROP_CREATED_AT,
  N_PROPS
};

struct _TcWebhookLog
{
  GObject    parent_instance;

  char      *strings[N_STRING_PROPS];
  guint      attempts;
  guint      status_code;
  gboolean   test;
  GDateTime *responded_at;
  GDateTime *created_at;
};

G_DEFINE_FINAL_TYPE (TcWebhookLog, tc_webhook_log, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tc_webhook_log_finalize (GObject *object)
{
  TcWebhookLog *self = (TcWebhookLog *)object;

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_pointer (&self->responded_at, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (tc_webhook_log_parent_class)->finalize (object);
}

static void
tc_webhook_log_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TcWebhookLog *self = TC_WEBHOOK_LOG (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_ATTEMPTS)
    g_value_set_uint (value, self->attempts);
  else if (prop_id == PROP_STATUS_CODE)
    g_value_set_uint (value, self->status_code);
  else if (prop_id == PROP_TEST)
    g_value_set_boolean (value, self->test);
  else if (prop_id == PROP_RESPONDED_AT)
    g_value_set_boxed (value, self->responded_at);
  else if (prop_id == PROP_CREATED_AT)
    g_value_set_boxed (value, self->created_at);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_webhook_log_class_init (TcWebhookLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const names[N_STRING_PROPS] = {
    [PROP_ID] = "id", [PROP_WEBHOOK_ID] = "webhook-id", [PROP_EVENT_TYPE] = "event-type",
    [PROP_STATUS] = "status", [PROP_RESPONSE_BODY] = "response-body",
  };

  object_class->finalize = tc_webhook_log_finalize;
  object_class->get_property = tc_webhook_log_get_property;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STATUS_CODE] =
    g_param_spec_uint ("status-code", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TEST] = g_param_spec_boolean ("test", NULL, NULL, FALSE, flags);
  properties[PROP_RESPONDED_AT] =
    g_param_spec_boxed ("responded-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_webhook_log_init (TcWebhookLog *self)
{
}

static gboolean
get_count (JsonObject  *object,
           const char  *member,
           TcJsonFlags  flags,
           guint       *out_value,
           GError     **error)
{
  gint64 value = 0;

  if (!_tc_json_get_int (object, member, flags, &value, error))
    return FALSE;
  if (value < 0 || value > G_MAXUINT)
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "Member “%s” is out of range", member);
      return FALSE;
    }
  *out_value = (guint) value;
  return TRUE;
}

static gboolean
decode (TcWebhookLog  *self,
        JsonObject    *object,
        GError       **error)
{
  static const char * const wire[N_STRING_PROPS] = {
    [PROP_ID] = "id", [PROP_WEBHOOK_ID] = "webhookId", [PROP_EVENT_TYPE] = "eventType",
    [PROP_STATUS] = "status", [PROP_RESPONSE_BODY] = "responseBody",
  };

  for (guint i = 1; i < N_STRING_PROPS; i++)
    if (!_tc_json_get_string (object, wire[i],
                              i == PROP_RESPONSE_BODY ? TC_JSON_LENIENT : TC_JSON_REQUIRED,
                              &self->strings[i], error))
      return FALSE;

  return get_count (object, "attempts", TC_JSON_REQUIRED, &self->attempts, error) &&
         get_count (object, "statusCode", TC_JSON_LENIENT, &self->status_code, error) &&
         _tc_json_get_boolean (object, "test", TC_JSON_LENIENT, &self->test, error) &&
         _tc_json_get_date_time (object, "respondedAt", TC_JSON_LENIENT,
                                 &self->responded_at, error) &&
         _tc_json_get_date_time (object, "createdAt", TC_JSON_REQUIRED,
                                 &self->created_at, error);
}

TcWebhookLog *
tc_webhook_log_new_from_json (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(TcWebhookLog) self = g_object_new (TC_TYPE_WEBHOOK_LOG, NULL);

  g_return_val_if_fail (object != NULL, NULL);

  /* Not yet visible to anyone: decoding straight into it is all or nothing. */
  if (!decode (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

#define DEFINE_GETTER(type, name, expr, fallback)                \
  type                                                           \
  tc_webhook_log_get_##name (TcWebhookLog *self)                 \
  {                                                              \
    g_return_val_if_fail (TC_IS_WEBHOOK_LOG (self), fallback);   \
    return expr;                                                 \
  }

DEFINE_GETTER (const char *, id, self->strings[PROP_ID], NULL)
DEFINE_GETTER (const char *, webhook_id, self->strings[PROP_WEBHOOK_ID], NULL)
DEFINE_GETTER (const char *, event_type, self->strings[PROP_EVENT_TYPE], NULL)
DEFINE_GETTER (const char *, status, self->strings[PROP_STATUS], NULL)
DEFINE_GETTER (const char *, response_body, self->strings[PROP_RESPONSE_BODY], NULL)
DEFINE_GETTER (guint, attempts, self->attempts, 0)
DEFINE_GETTER (guint, status_code, self->status_code, 0)
DEFINE_GETTER (gboolean, test, self->test, FALSE)
DEFINE_GETTER (GDateTime *, responded_at, self->responded_at, NULL)
DEFINE_GETTER (GDateTime *, created_at, self->created_at, NULL)

GListModel *
tc_webhook_log_list_new_from_json (JsonArray  *array,
                                   GError    **error)
{
  g_return_val_if_fail (array != NULL, NULL);

  return _tc_json_decode_list (array, TC_TYPE_WEBHOOK_LOG,
                               (TcJsonDecodeFunc) tc_webhook_log_new_from_json,
                               "Delivery", error);
}
