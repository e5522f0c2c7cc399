/* tc-user.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-json-private.h"
#include "tc-user.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_PROFILE_PICTURE,
  PROP_ACTIVE_WORKSPACE,
  PROP_DEFAULT_WORKSPACE,
  PROP_STATUS,
  PROP_PENDING_EMAIL,
  N_STRING_PROPS,
  PROP_DISPLAY_NAME = N_STRING_PROPS,
  N_PROPS
};

struct _TcUser
{
  GObject  parent_instance;

  /* Indexed by the PROP_ ids above; PROP_0 unused. */
  char    *strings[N_STRING_PROPS];
};

G_DEFINE_FINAL_TYPE (TcUser, tc_user, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* Wire member for each string property, and whether it may be missing or
 * null. Unknown members are ignored. */
static const struct {
  const char  *member;
  TcJsonFlags  flags;
} string_members[N_STRING_PROPS] = {
  [PROP_ID]                = { "id",               TC_JSON_REQUIRED },
  [PROP_EMAIL]             = { "email",            TC_JSON_REQUIRED },
  [PROP_NAME]              = { "name",             TC_JSON_LENIENT },
  [PROP_PROFILE_PICTURE]   = { "profilePicture",   TC_JSON_LENIENT },
  [PROP_ACTIVE_WORKSPACE]  = { "activeWorkspace",  TC_JSON_LENIENT },
  [PROP_DEFAULT_WORKSPACE] = { "defaultWorkspace", TC_JSON_LENIENT },
  [PROP_STATUS]            = { "status",           TC_JSON_LENIENT },
  [PROP_PENDING_EMAIL]     = { "pendingEmail",     TC_JSON_LENIENT },
};

static void
tc_user_finalize (GObject *object)
{
  TcUser *self = (TcUser *)object;

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&self->strings[i], g_free);

  G_OBJECT_CLASS (tc_user_parent_class)->finalize (object);
}

static void
tc_user_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  TcUser *self = TC_USER (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_DISPLAY_NAME)
    g_value_set_string (value, tc_user_get_display_name (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_user_class_init (TcUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_PROPS] = {
    [PROP_ID] = "id",
    [PROP_EMAIL] = "email",
    [PROP_NAME] = "name",
    [PROP_PROFILE_PICTURE] = "profile-picture",
    [PROP_ACTIVE_WORKSPACE] = "active-workspace",
    [PROP_DEFAULT_WORKSPACE] = "default-workspace",
    [PROP_STATUS] = "status",
    [PROP_PENDING_EMAIL] = "pending-email",
    [PROP_DISPLAY_NAME] = "display-name",
  };

  object_class->finalize = tc_user_finalize;
  object_class->get_property = tc_user_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         (G_PARAM_READABLE |
                                          G_PARAM_EXPLICIT_NOTIFY |
                                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_user_init (TcUser *self)
{
}

static gboolean
decode (JsonObject  *object,
        char        *out_strings[N_STRING_PROPS],
        GError     **error)
{
  JsonObject *settings;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    {
      if (!_tc_json_get_string (object, string_members[i].member,
                                string_members[i].flags, &out_strings[i], error))
        return FALSE;
    }

  /* Settings are the preferences model's business; here they need only be
   * an object or null (users who never finished onboarding). */
  return _tc_json_get_object (object, "settings", TC_JSON_LENIENT, &settings, error);
}

static void
clear_strings (char *strings[N_STRING_PROPS])
{
  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_clear_pointer (&strings[i], g_free);
}

gboolean
tc_user_update_from_json (TcUser      *self,
                          JsonObject  *object,
                          GError     **error)
{
  char *strings[N_STRING_PROPS] = { NULL };
  gboolean display_name_changed = FALSE;

  g_return_val_if_fail (TC_IS_USER (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!decode (object, strings, error))
    {
      clear_strings (strings);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_STRING_PROPS; i++)
    {
      if (g_strcmp0 (self->strings[i], strings[i]) == 0)
        continue;

      g_free (self->strings[i]);
      self->strings[i] = g_steal_pointer (&strings[i]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
      display_name_changed |= (i == PROP_NAME || i == PROP_EMAIL);
    }
  if (display_name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  g_object_thaw_notify (G_OBJECT (self));

  clear_strings (strings);
  return TRUE;
}

TcUser *
tc_user_new_from_json (JsonObject  *object,
                       GError     **error)
{
  g_autoptr(TcUser) self = g_object_new (TC_TYPE_USER, NULL);

  g_return_val_if_fail (object != NULL, NULL);

  if (!tc_user_update_from_json (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

JsonObject *
tc_user_to_json (TcUser *self)
{
  JsonObject *object;

  g_return_val_if_fail (TC_IS_USER (self), NULL);

  object = json_object_new ();
  for (guint i = 1; i < N_STRING_PROPS; i++)
    {
      if (self->strings[i] != NULL)
        json_object_set_string_member (object, string_members[i].member, self->strings[i]);
      else
        json_object_set_null_member (object, string_members[i].member);
    }

  return object;
}

#define DEFINE_GETTER(name, prop)                  \
  const char *                                     \
  tc_user_get_##name (TcUser *self)                \
  {                                                \
    g_return_val_if_fail (TC_IS_USER (self), NULL); \
    return self->strings[prop];                    \
  }

DEFINE_GETTER (id, PROP_ID)
DEFINE_GETTER (email, PROP_EMAIL)
DEFINE_GETTER (name, PROP_NAME)
DEFINE_GETTER (profile_picture, PROP_PROFILE_PICTURE)
DEFINE_GETTER (active_workspace, PROP_ACTIVE_WORKSPACE)
DEFINE_GETTER (default_workspace, PROP_DEFAULT_WORKSPACE)
DEFINE_GETTER (status, PROP_STATUS)
DEFINE_GETTER (pending_email, PROP_PENDING_EMAIL)

const char *
tc_user_get_display_name (TcUser *self)
{
  g_return_val_if_fail (TC_IS_USER (self), NULL);

  if (self->strings[PROP_NAME] != NULL && self->strings[PROP_NAME][0] != '\0')
    return self->strings[PROP_NAME];

  return self->strings[PROP_EMAIL];
}
