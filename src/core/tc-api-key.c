/* tc-api-key.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-api-key.h"
#include "tc-model-json-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PREVIEW,
  N_STRING_PROPS,
  PROP_CREATED_AT = N_STRING_PROPS,
  PROP_LAST_USED_AT,
  PROP_KEY,
  N_PROPS
};

struct _TcApiKey
{
  GObject    parent_instance;

  char      *strings[N_STRING_PROPS];
  GDateTime *created_at;
  GDateTime *last_used_at;
  char      *key;   /* secret; wiped on clear and finalize */
};

G_DEFINE_FINAL_TYPE (TcApiKey, tc_api_key, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tc_api_key_finalize (GObject *object)
{
  TcApiKey *self = (TcApiKey *)object;

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_used_at, g_date_time_unref);
  g_clear_pointer (&self->key, _tc_secret_free);

  G_OBJECT_CLASS (tc_api_key_parent_class)->finalize (object);
}

static void
tc_api_key_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TcApiKey *self = TC_API_KEY (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_CREATED_AT)
    g_value_set_boxed (value, self->created_at);
  else if (prop_id == PROP_LAST_USED_AT)
    g_value_set_boxed (value, self->last_used_at);
  else if (prop_id == PROP_KEY)
    g_value_set_string (value, self->key);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_api_key_class_init (TcApiKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tc_api_key_finalize;
  object_class->get_property = tc_api_key_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PREVIEW] = g_param_spec_string ("preview", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_LAST_USED_AT] =
    g_param_spec_boxed ("last-used-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_api_key_init (TcApiKey *self)
{
}

typedef struct
{
  char      *strings[N_STRING_PROPS];
  GDateTime *created_at;
  GDateTime *last_used_at;
  char      *key;
} Decoded;

static void
decoded_clear (Decoded *d)
{
  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&d->strings[i], g_free);
  g_clear_pointer (&d->created_at, g_date_time_unref);
  g_clear_pointer (&d->last_used_at, g_date_time_unref);
  g_clear_pointer (&d->key, _tc_secret_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoded, decoded_clear)

static gboolean
decode (JsonObject  *object,
        Decoded     *d,
        GError     **error)
{
  if (!_tc_json_get_string (object, "id", TC_JSON_REQUIRED, &d->strings[PROP_ID], error) ||
      !_tc_json_get_string (object, "name", TC_JSON_REQUIRED, &d->strings[PROP_NAME], error) ||
      !_tc_json_get_date_time (object, "createdAt", TC_JSON_REQUIRED, &d->created_at, error) ||
      !_tc_json_get_date_time (object, "lastUsedAt", TC_JSON_LENIENT, &d->last_used_at, error) ||
      !_tc_json_get_string (object, "preview", TC_JSON_LENIENT, &d->strings[PROP_PREVIEW], error) ||
      !_tc_json_get_string (object, "key", TC_JSON_LENIENT, &d->key, error))
    return FALSE;

  /* The creation answer has the key but no preview: the preview is its
   * last four characters. */
  if (d->strings[PROP_PREVIEW] == NULL && d->key != NULL)
    d->strings[PROP_PREVIEW] = g_strdup (d->key + MAX (strlen (d->key), 4) - 4);
  return TRUE;
}

static gboolean
date_time_equal (GDateTime *a,
                 GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static void
take_date_time (TcApiKey   *self,
                GDateTime **field,
                GDateTime **value,
                guint       prop)
{
  if (date_time_equal (*field, *value))
    return;
  g_clear_pointer (field, g_date_time_unref);
  *field = g_steal_pointer (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
tc_api_key_update_from_json (TcApiKey    *self,
                             JsonObject  *object,
                             GError     **error)
{
  g_auto(Decoded) d = { { NULL }, NULL, NULL, NULL };

  g_return_val_if_fail (TC_IS_API_KEY (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!decode (object, &d, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_STRING_PROPS; i++)
    {
      if (d.strings[i] == NULL && i == PROP_PREVIEW)
        continue;
      if (g_strcmp0 (self->strings[i], d.strings[i]) == 0)
        continue;
      g_free (self->strings[i]);
      self->strings[i] = g_steal_pointer (&d.strings[i]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }
  take_date_time (self, &self->created_at, &d.created_at, PROP_CREATED_AT);
  take_date_time (self, &self->last_used_at, &d.last_used_at, PROP_LAST_USED_AT);
  if (d.key != NULL && g_strcmp0 (self->key, d.key) != 0)
    {
      g_clear_pointer (&self->key, _tc_secret_free);
      self->key = g_steal_pointer (&d.key);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

TcApiKey *
tc_api_key_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(TcApiKey) self = g_object_new (TC_TYPE_API_KEY, NULL);

  g_return_val_if_fail (object != NULL, NULL);

  if (!tc_api_key_update_from_json (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

#define DEFINE_GETTER(type, name, expr)                  \
  type                                                   \
  tc_api_key_get_##name (TcApiKey *self)                 \
  {                                                      \
    g_return_val_if_fail (TC_IS_API_KEY (self), NULL);   \
    return expr;                                         \
  }

DEFINE_GETTER (const char *, id, self->strings[PROP_ID])
DEFINE_GETTER (const char *, name, self->strings[PROP_NAME])
DEFINE_GETTER (const char *, preview, self->strings[PROP_PREVIEW])
DEFINE_GETTER (GDateTime *, created_at, self->created_at)
DEFINE_GETTER (GDateTime *, last_used_at, self->last_used_at)
DEFINE_GETTER (const char *, key, self->key)

void
tc_api_key_clear_key (TcApiKey *self)
{
  g_return_if_fail (TC_IS_API_KEY (self));

  if (self->key == NULL)
    return;
  g_clear_pointer (&self->key, _tc_secret_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

GListModel *
tc_api_key_list_new_from_json (JsonArray  *array,
                               GError    **error)
{
  g_return_val_if_fail (array != NULL, NULL);

  return _tc_json_decode_list (array, TC_TYPE_API_KEY,
                               (TcJsonDecodeFunc) tc_api_key_new_from_json, "API key", error);
}
