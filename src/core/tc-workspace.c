/* tc-workspace.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-workspace.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_IMAGE_URL,
  PROP_PLAN,
  PROP_WEEK_START,
  N_STRING_PROPS,
  PROP_FEATURES = N_STRING_PROPS,
  PROP_CALLER_ROLE,
  PROP_CALLER_IS_ADMIN,
  N_PROPS
};

struct _TcWorkspace
{
  GObject     parent_instance;

  char       *strings[N_STRING_PROPS];
  char      **features;
  /* The signed-in user's highest role here (not in the workspace JSON:
   * the session learns it from the workspace's user list). */
  char       *caller_role;
  /* The object as decoded, so the cache stores what the server sent. */
  JsonObject *json;
};

G_DEFINE_FINAL_TYPE (TcWorkspace, tc_workspace, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tc_workspace_finalize (GObject *object)
{
  TcWorkspace *self = (TcWorkspace *)object;

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_pointer (&self->features, g_strfreev);
  g_clear_pointer (&self->caller_role, g_free);
  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (tc_workspace_parent_class)->finalize (object);
}

static void
tc_workspace_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TcWorkspace *self = TC_WORKSPACE (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_FEATURES)
    g_value_set_boxed (value, self->features);
  else if (prop_id == PROP_CALLER_ROLE)
    g_value_set_string (value, self->caller_role);
  else if (prop_id == PROP_CALLER_IS_ADMIN)
    g_value_set_boolean (value, tc_workspace_get_caller_is_admin (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_workspace_class_init (TcWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const names[N_STRING_PROPS] = {
    [PROP_ID] = "id",
    [PROP_NAME] = "name",
    [PROP_IMAGE_URL] = "image-url",
    [PROP_PLAN] = "plan",
    [PROP_WEEK_START] = "week-start",
  };

  object_class->finalize = tc_workspace_finalize;
  object_class->get_property = tc_workspace_get_property;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  properties[PROP_FEATURES] = g_param_spec_boxed ("features", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CALLER_ROLE] = g_param_spec_string ("caller-role", NULL, NULL, NULL, flags);
  properties[PROP_CALLER_IS_ADMIN] = g_param_spec_boolean ("caller-is-admin", NULL, NULL,
                                                           FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_workspace_init (TcWorkspace *self)
{
}

typedef struct
{
  char  *strings[N_STRING_PROPS];
  char **features;
} Decoded;

static void
decoded_clear (Decoded *d)
{
  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&d->strings[i], g_free);
  g_clear_pointer (&d->features, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoded, decoded_clear)

static gboolean
decode (JsonObject  *object,
        Decoded     *d,
        GError     **error)
{
  JsonObject *settings = NULL;

  if (!_tc_json_get_string (object, "id", TC_JSON_REQUIRED, &d->strings[PROP_ID], error) ||
      !_tc_json_get_string (object, "name", TC_JSON_LENIENT, &d->strings[PROP_NAME], error) ||
      !_tc_json_get_string (object, "imageUrl", TC_JSON_LENIENT, &d->strings[PROP_IMAGE_URL], error) ||
      !_tc_json_get_string (object, "featureSubscriptionType", TC_JSON_LENIENT,
                            &d->strings[PROP_PLAN], error) ||
      !_tc_json_get_strv (object, "features", TC_JSON_LENIENT, &d->features, error) ||
      !_tc_json_get_object (object, "workspaceSettings", TC_JSON_LENIENT, &settings, error))
    return FALSE;

  if (settings != NULL &&
      !_tc_json_get_string (settings, "weekStart", TC_JSON_LENIENT,
                            &d->strings[PROP_WEEK_START], error))
    {
      g_prefix_error (error, "workspaceSettings: ");
      return FALSE;
    }

  if (d->features == NULL)
    d->features = g_new0 (char *, 1);
  return TRUE;
}

static gboolean
strv_equal (char **a,
            char **b)
{
  guint n = g_strv_length (a);

  if (n != g_strv_length (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

gboolean
tc_workspace_update_from_json (TcWorkspace  *self,
                               JsonObject   *object,
                               GError      **error)
{
  g_auto(Decoded) d = { { NULL }, NULL };

  g_return_val_if_fail (TC_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!decode (object, &d, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_STRING_PROPS; i++)
    {
      if (g_strcmp0 (self->strings[i], d.strings[i]) == 0)
        continue;
      g_free (self->strings[i]);
      self->strings[i] = g_steal_pointer (&d.strings[i]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }
  if (self->features == NULL || !strv_equal (self->features, d.features))
    {
      g_strfreev (self->features);
      self->features = g_steal_pointer (&d.features);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURES]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_clear_pointer (&self->json, json_object_unref);
  self->json = json_object_ref (object);
  return TRUE;
}

TcWorkspace *
tc_workspace_new_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(TcWorkspace) self = g_object_new (TC_TYPE_WORKSPACE, NULL);

  g_return_val_if_fail (object != NULL, NULL);

  if (!tc_workspace_update_from_json (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

JsonObject *
tc_workspace_to_json (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);

  return json_object_ref (self->json);
}

const char *
tc_workspace_get_id (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);
  return self->strings[PROP_ID];
}

const char *
tc_workspace_get_name (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);
  return self->strings[PROP_NAME];
}

const char *
tc_workspace_get_image_url (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);
  return self->strings[PROP_IMAGE_URL];
}

const char *
tc_workspace_get_plan (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);
  return self->strings[PROP_PLAN];
}

TcPlan
tc_workspace_get_plan_tier (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), TC_PLAN_FREE);
  return tc_plan_from_wire (self->strings[PROP_PLAN]);
}

const char * const *
tc_workspace_get_features (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);
  return (const char * const *) self->features;
}

gboolean
tc_workspace_has_feature (TcWorkspace *self,
                          const char  *feature)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (feature != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->features, feature);
}

const char *
tc_workspace_get_week_start (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);
  return self->strings[PROP_WEEK_START];
}

const char *
tc_workspace_get_caller_role (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), NULL);
  return self->caller_role;
}

static gboolean
role_is_admin (const char *role)
{
  return g_strcmp0 (role, "OWNER") == 0 || g_strcmp0 (role, "WORKSPACE_ADMIN") == 0;
}

gboolean
tc_workspace_get_caller_is_admin (TcWorkspace *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE (self), FALSE);
  return role_is_admin (self->caller_role);
}

void
tc_workspace_set_caller_role (TcWorkspace *self,
                              const char  *role)
{
  gboolean was_admin;

  g_return_if_fail (TC_IS_WORKSPACE (self));

  if (g_strcmp0 (self->caller_role, role) == 0)
    return;

  was_admin = role_is_admin (self->caller_role);
  g_free (self->caller_role);
  self->caller_role = g_strdup (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLER_ROLE]);
  if (was_admin != role_is_admin (role))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLER_IS_ADMIN]);
}

GListModel *
tc_workspace_list_new_from_json (JsonArray  *array,
                                 GError    **error)
{
  g_autoptr(GListStore) store = g_list_store_new (TC_TYPE_WORKSPACE);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(TcWorkspace) workspace = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "Workspace %u is not an object", i);
          return NULL;
        }
      workspace = tc_workspace_new_from_json (json_node_get_object (element), error);
      if (workspace == NULL)
        {
          g_prefix_error (error, "Workspace %u: ", i);
          return NULL;
        }
      g_list_store_append (store, workspace);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
