/* tc-member.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-member.h"
#include "tc-member-private.h"

G_DEFINE_ENUM_TYPE (TcMemberRole, tc_member_role,
  G_DEFINE_ENUM_VALUE (TC_MEMBER_ROLE_MEMBER, "member"),
  G_DEFINE_ENUM_VALUE (TC_MEMBER_ROLE_PROJECT_MANAGER, "project-manager"),
  G_DEFINE_ENUM_VALUE (TC_MEMBER_ROLE_TEAM_MANAGER, "team-manager"),
  G_DEFINE_ENUM_VALUE (TC_MEMBER_ROLE_ADMIN, "admin"),
  G_DEFINE_ENUM_VALUE (TC_MEMBER_ROLE_OWNER, "owner"))

G_DEFINE_ENUM_TYPE (TcMemberStatus, tc_member_status,
  G_DEFINE_ENUM_VALUE (TC_MEMBER_STATUS_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (TC_MEMBER_STATUS_INACTIVE, "inactive"),
  G_DEFINE_ENUM_VALUE (TC_MEMBER_STATUS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (TC_MEMBER_STATUS_DECLINED, "declined"))

static const char * const status_wire[] = { "ACTIVE", "INACTIVE", "PENDING", "DECLINED" };

TcMemberRole
tc_member_role_from_wire (const char *wire)
{
  static const struct { const char *wire; TcMemberRole role; } roles[] = {
    { "OWNER", TC_MEMBER_ROLE_OWNER },
    { "WORKSPACE_ADMIN", TC_MEMBER_ROLE_ADMIN },
    { "TEAM_MANAGER", TC_MEMBER_ROLE_TEAM_MANAGER },
    { "PROJECT_MANAGER", TC_MEMBER_ROLE_PROJECT_MANAGER },
  };

  for (guint i = 0; wire != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (wire, roles[i].wire) == 0)
      return roles[i].role;
  return TC_MEMBER_ROLE_MEMBER;
}

gboolean
tc_member_status_from_wire (const char     *wire,
                            TcMemberStatus *out_status)
{
  for (guint i = 0; wire != NULL && i < G_N_ELEMENTS (status_wire); i++)
    if (g_ascii_strcasecmp (wire, status_wire[i]) == 0)
      {
        *out_status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tc_member_status_to_wire (TcMemberStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_wire), NULL);

  return status_wire[status];
}

guint
tc_days_mask_from_strv (const char * const  *days,
                        GError             **error)
{
  guint mask = 0;

  for (guint i = 0; days != NULL && days[i] != NULL; i++)
    {
      TcDay day = tc_day_from_wire (days[i]);

      if (day == TC_DAY_INVALID)
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "workingDays: “%s” is not a day", days[i]);
          return 0;
        }
      mask |= 1u << day;
    }
  return mask;
}

char **
tc_days_mask_to_strv (guint mask)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (TcDay day = TC_DAY_MONDAY; day < TC_N_DAYS; day++)
    if (mask & (1u << day))
      g_strv_builder_add (builder, tc_day_to_wire (day));
  return g_strv_builder_end (builder);
}

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_PROFILE_PICTURE,
  PROP_DISPLAY_NAME,
  PROP_ROLE,
  PROP_STATUS,
  PROP_WORK_CAPACITY,
  PROP_WORKING_DAYS,
  N_PROPS
};

struct _TcMember
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *email;
  char           *profile_picture;
  TcMemberRole    role;
  TcMemberStatus  status;
  gint64          work_capacity;
  guint           working_days;
  /* Derived from name and email (which never change) when decoded, on
   * the worker thread that decodes a page: a list of 10,000 sorts and
   * filters on these without computing anything. */
  char           *sort_key;
  char           *search_key;

  TcMemberWatchFunc watch;
  gpointer          watch_data;
};

G_DEFINE_FINAL_TYPE (TcMember, tc_member, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tc_member_notify (GObject    *object,
                  GParamSpec *pspec)
{
  TcMember *self = (TcMember *)object;

  if (self->watch != NULL)
    self->watch (self, pspec, self->watch_data);
}

void
_tc_member_set_watch (TcMember          *member,
                      TcMemberWatchFunc  func,
                      gpointer           data)
{
  g_return_if_fail (TC_IS_MEMBER (member));

  member->watch = func;
  member->watch_data = data;
}

static void
tc_member_finalize (GObject *object)
{
  TcMember *self = (TcMember *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->email);
  g_free (self->profile_picture);
  g_free (self->sort_key);
  g_free (self->search_key);

  G_OBJECT_CLASS (tc_member_parent_class)->finalize (object);
}

static void
tc_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TcMember *self = TC_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_PROFILE_PICTURE: g_value_set_string (value, self->profile_picture); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, tc_member_get_display_name (self)); break;
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_WORK_CAPACITY: g_value_set_int64 (value, self->work_capacity); break;
    case PROP_WORKING_DAYS: g_value_set_uint (value, self->working_days); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_member_class_init (TcMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tc_member_finalize;
  object_class->get_property = tc_member_get_property;
  object_class->notify = tc_member_notify;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_PROFILE_PICTURE] = g_param_spec_string ("profile-picture", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, TC_TYPE_MEMBER_ROLE,
                                             TC_MEMBER_ROLE_MEMBER, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, TC_TYPE_MEMBER_STATUS,
                                               TC_MEMBER_STATUS_ACTIVE, flags);
  properties[PROP_WORK_CAPACITY] = g_param_spec_int64 ("work-capacity", NULL, NULL, -1,
                                                       G_MAXINT64, -1, flags);
  properties[PROP_WORKING_DAYS] = g_param_spec_uint ("working-days", NULL, NULL, 0,
                                                     TC_DAYS_ALL, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_member_init (TcMember *self)
{
  self->work_capacity = -1;
}

static gboolean
decode_role (JsonObject    *object,
             TcMemberRole  *out_role,
             GError       **error)
{
  JsonArray *roles = NULL;

  *out_role = TC_MEMBER_ROLE_MEMBER;
  if (!_tc_json_get_array (object, "roles", TC_JSON_LENIENT, &roles, error))
    return FALSE;
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      JsonNode *node = json_array_get_element (roles, i);
      g_autofree char *wire = NULL;
      TcMemberRole role;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "roles: element %u is not an object", i);
          return FALSE;
        }
      if (!_tc_json_get_string (json_node_get_object (node), "role", TC_JSON_REQUIRED,
                                &wire, error))
        {
          g_prefix_error (error, "roles: ");
          return FALSE;
        }
      role = tc_member_role_from_wire (wire);
      *out_role = MAX (*out_role, role);
    }
  return TRUE;
}

static void
make_keys (TcMember *self)
{
  g_autofree char *both = g_strconcat (self->name ?: "", "\n", self->email, NULL);

  self->sort_key = g_utf8_collate_key (tc_member_get_display_name (self), -1);
  self->search_key = g_utf8_casefold (both, -1);
}

/* Takes @id, @email, @name and @profile_picture (freed on failure too);
 * @status is the wire text. The one place that makes a member from the
 * decoded values, for tc_member_new_from_json() and the page decoder
 * (tc-member-page-json.c). */
TcMember *
_tc_member_new_take (char          *id,
                     char          *email,
                     char          *name,
                     char          *profile_picture,
                     const char    *status,
                     TcMemberRole   role,
                     GError       **error)
{
  g_autoptr(TcMember) self = g_object_new (TC_TYPE_MEMBER, NULL);

  self->id = id;
  self->email = email;
  self->name = name;
  self->profile_picture = profile_picture;
  self->role = role;
  if (!tc_member_status_from_wire (status, &self->status))
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "status: “%s” is not a membership status", status);
      return NULL;
    }
  if (self->name != NULL && self->name[0] == '\0')
    g_clear_pointer (&self->name, g_free);
  make_keys (self);
  return g_steal_pointer (&self);
}

TcMember *
tc_member_new_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *profile_picture = NULL;
  g_autofree char *status = NULL;
  TcMemberRole role = TC_MEMBER_ROLE_MEMBER;

  g_return_val_if_fail (object != NULL, NULL);

  if (!_tc_json_get_string (object, "id", TC_JSON_REQUIRED, &id, error) ||
      !_tc_json_get_string (object, "email", TC_JSON_REQUIRED, &email, error) ||
      !_tc_json_get_string (object, "name", TC_JSON_LENIENT, &name, error) ||
      !_tc_json_get_string (object, "profilePicture", TC_JSON_LENIENT,
                            &profile_picture, error) ||
      !_tc_json_get_string (object, "status", TC_JSON_REQUIRED, &status, error) ||
      !decode_role (object, &role, error))
    return NULL;
  return _tc_member_new_take (g_steal_pointer (&id), g_steal_pointer (&email),
                              g_steal_pointer (&name), g_steal_pointer (&profile_picture),
                              status, role, error);
}

const char *
tc_member_get_id (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), NULL);
  return self->id;
}

const char *
tc_member_get_name (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), NULL);
  return self->name;
}

const char *
tc_member_get_email (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), NULL);
  return self->email;
}

const char *
tc_member_get_profile_picture (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), NULL);
  return self->profile_picture;
}

const char *
tc_member_get_display_name (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), NULL);
  return self->name != NULL ? self->name : self->email;
}

const char *
tc_member_get_sort_key (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), NULL);
  return self->sort_key;
}

const char *
tc_member_get_search_key (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), NULL);
  return self->search_key;
}

TcMemberRole
tc_member_get_role (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), TC_MEMBER_ROLE_MEMBER);
  return self->role;
}

TcMemberStatus
tc_member_get_status (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), TC_MEMBER_STATUS_ACTIVE);
  return self->status;
}

void
tc_member_set_status (TcMember       *self,
                      TcMemberStatus  status)
{
  g_return_if_fail (TC_IS_MEMBER (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gint64
tc_member_get_work_capacity (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), -1);
  return self->work_capacity;
}

void
tc_member_set_work_capacity (TcMember *self,
                             gint64    seconds)
{
  g_return_if_fail (TC_IS_MEMBER (self));

  if (self->work_capacity == seconds)
    return;
  self->work_capacity = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_CAPACITY]);
}

guint
tc_member_get_working_days (TcMember *self)
{
  g_return_val_if_fail (TC_IS_MEMBER (self), 0);
  return self->working_days;
}

void
tc_member_set_working_days (TcMember *self,
                            guint     mask)
{
  g_return_if_fail (TC_IS_MEMBER (self));

  mask &= TC_DAYS_ALL;
  if (self->working_days == mask)
    return;
  self->working_days = mask;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING_DAYS]);
}
