/* tc-session-members.c — the queued-edit calls, and edits laid over members
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Own name, email and picture, member profiles and member status become
 * TcPendingEdits in the one outbox (tc-session-sync.c). The session keeps
 * one TcMemberList per workspace (tc_session_get_member_list()) and shows
 * queued member edits on its TcMember items: capacity, working days and
 * status change at once and go back on refusal, conflict or discard.
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-member-list.h"
#include "tc-session-private.h"
#include "tc-wire.h"

#define CUSTOM_PREFIX "customField:"
/* The first page of a team: about a screenful, so it is on screen soon;
 * the pages after it grow (tc-member-list-pages.c). */
#define TEAM_PAGE_SIZE 50

static JsonNode *
string_node (const char *value)
{
  return value != NULL ? json_node_init_string (json_node_alloc (), value) : NULL;
}

/* The server's own value of @wire, NULL for none (an empty picture too). */
static JsonNode *
server_user_value (TcSession  *self,
                   const char *wire)
{
  JsonNode *node = self->server_user ? json_object_get_member (self->server_user, wire) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) == '\0')
    return NULL;
  return _tc_json_node_dup_value (node);
}

static void
queue_user_edit (TcSession    *self,
                 TcEditTarget  target,
                 const char   *wire,
                 JsonNode     *value)
{
  TcPendingEdit *edit = _tc_pending_edit_new (target, NULL, wire);

  edit->base = server_user_value (self, wire);
  edit->value = value;
  _tc_session_sync_add (self, edit);
}

void
tc_session_set_name (TcSession  *self,
                     const char *name)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  if (!tc_wire_validate_name (name))
    {
      /* The service's own rule: refused before anything is queued. */
      g_autoptr(TcPendingEdit) edit = _tc_pending_edit_new (TC_EDIT_TARGET_USER, NULL, "name");
      g_autoptr(GError) error =
        g_error_new (TC_API_ERROR, TC_API_ERROR_VALIDATION,
                     "name: must be 1 to %d characters, not blank, "
                     "without control characters or line breaks", TC_WIRE_NAME_MAX_CHARS);

      edit->base = server_user_value (self, "name");
      edit->value = string_node (name);
      _tc_session_emit (self, TC_SESSION_SIGNAL_EDIT_RESOLVED, edit, error);
      return;
    }

  queue_user_edit (self, TC_EDIT_TARGET_USER, "name", string_node (name));
}

void
tc_session_set_email (TcSession  *self,
                      const char *email)
{
  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (email != NULL);

  queue_user_edit (self, TC_EDIT_TARGET_USER, "email", string_node (email));
}

/* A picture not yet on its way is replaced by a newer one or a removal. */
static void
drop_queued_picture (TcSession *self)
{
  GListModel *pending = G_LIST_MODEL (self->pending);

  for (guint i = 0; i < g_list_model_get_n_items (pending); i++)
    {
      g_autoptr(TcPendingEdit) edit = g_list_model_get_item (pending, i);

      if ((edit->target == TC_EDIT_TARGET_PICTURE ||
           (edit->target == TC_EDIT_TARGET_USER && g_str_equal (edit->wire, "profilePicture"))) &&
          !edit->sending)
        {
          tc_session_discard_edit (self, edit->uuid);
          return drop_queued_picture (self);
        }
    }
}

void
tc_session_set_picture (TcSession  *self,
                        GBytes     *image,
                        const char *content_type)
{
  TcPendingEdit *edit;

  g_return_if_fail (TC_IS_SESSION (self));
  g_return_if_fail (image != NULL);
  g_return_if_fail (content_type != NULL);

  drop_queued_picture (self);
  edit = _tc_pending_edit_new (TC_EDIT_TARGET_PICTURE, NULL, "profilePicture");
  edit->base = server_user_value (self, "profilePicture");
  edit->value = string_node (content_type);
  edit->blob = g_bytes_ref (image);
  _tc_session_sync_add (self, edit);
}

void
tc_session_remove_picture (TcSession *self)
{
  g_return_if_fail (TC_IS_SESSION (self));

  drop_queued_picture (self);
  queue_user_edit (self, TC_EDIT_TARGET_USER, "profilePicture", NULL);
}

/* The value @original has for @wire, in the wire's form. */
static JsonNode *
profile_value (TcMemberProfile *original,
               const char      *wire)
{
  if (g_str_has_prefix (wire, CUSTOM_PREFIX))
    return _tc_json_node_dup_value (tc_member_profile_get_custom_value (original, wire + strlen (CUSTOM_PREFIX)));
  if (g_str_equal (wire, "weekStart"))
    return string_node (tc_member_profile_get_week_start (original));
  if (g_str_equal (wire, "employeeId"))
    return string_node (tc_member_profile_get_employee_id (original));
  if (g_str_equal (wire, "employmentType"))
    return string_node (tc_member_profile_get_employment_type (original));
  if (g_str_equal (wire, "workCapacity"))
    {
      g_autofree char *capacity = tc_wire_format_duration (tc_member_profile_get_work_capacity (original));

      return string_node (capacity);
    }
  if (g_str_equal (wire, "workingDays"))
    {
      g_auto(GStrv) days = tc_days_mask_to_strv (tc_member_profile_get_working_days (original));
      JsonArray *array = json_array_new ();

      for (guint i = 0; days[i] != NULL; i++)
        json_array_add_string_element (array, days[i]);
      return json_node_init_array (json_node_alloc (), array);
    }
  return NULL;
}

static const char *
queue_member_edit (TcSession       *self,
                   TcEditTarget     target,
                   const char      *workspace_id,
                   const char      *user_id,
                   const char      *label,
                   const char      *wire,
                   JsonNode        *base,
                   JsonNode        *value,
                   const char      *extra)
{
  TcPendingEdit *edit = _tc_pending_edit_new (target, NULL, wire);

  edit->workspace_id = g_strdup (workspace_id);
  edit->object_id = g_strdup (user_id);
  edit->object_label = g_strdup (label);
  edit->extra = g_strdup (extra);
  edit->base = base;
  edit->value = _tc_json_node_dup_value (value);
  return _tc_session_sync_add (self, edit);
}

static void
set_field_label (TcSession  *self,
                 const char *uuid,
                 const char *name)
{
  GListModel *pending = G_LIST_MODEL (self->pending);

  for (guint i = 0; name != NULL && i < g_list_model_get_n_items (pending); i++)
    {
      g_autoptr(TcPendingEdit) edit = g_list_model_get_item (pending, i);

      if (g_str_equal (edit->uuid, uuid) && !edit->sending &&
          g_strcmp0 (edit->field_label, name) != 0)
        {
          g_free (edit->field_label);
          edit->field_label = g_strdup (name);
          /* Kept with the row (the edit was just written; this rewrite
           * is queued behind it). */
          _tc_session_sync_rewrite (self, edit);
        }
    }
}

char **
tc_session_edit_member_profile (TcSession       *self,
                                const char      *workspace_id,
                                TcMemberProfile *original,
                                JsonObject      *patch)
{
  g_autoptr(GStrvBuilder) uuids = g_strv_builder_new ();
  const char *user_id;
  const char *label;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  g_return_val_if_fail (workspace_id != NULL, NULL);
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (original), NULL);
  g_return_val_if_fail (patch != NULL, NULL);

  user_id = tc_member_profile_get_user_id (original);
  label = tc_member_profile_get_name (original);
  if (label == NULL || *label == '\0')
    label = tc_member_profile_get_email (original);

  json_object_iter_init (&iter, patch);
  while (json_object_iter_next (&iter, &member, &node))
    {
      JsonArray *custom;

      if (!g_str_equal (member, "userCustomFields"))
        {
          const char *uuid = queue_member_edit (self, TC_EDIT_TARGET_MEMBER_PROFILE, workspace_id,
                                                user_id, label, member,
                                                profile_value (original, member), node, NULL);

          if (uuid != NULL)
            g_strv_builder_add (uuids, uuid);
          continue;
        }

      custom = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      for (guint i = 0; custom != NULL && i < json_array_get_length (custom); i++)
        {
          JsonNode *element = json_array_get_element (custom, i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          const char *id = object ? json_object_get_string_member_with_default (object, "customFieldId", NULL) : NULL;
          g_autofree char *wire = NULL;
          const char *uuid;

          if (id == NULL)
            continue;
          wire = g_strconcat (CUSTOM_PREFIX, id, NULL);
          uuid = queue_member_edit (self, TC_EDIT_TARGET_MEMBER_PROFILE, workspace_id, user_id,
                                    label, wire, profile_value (original, wire),
                                    json_object_get_member (object, "value"), NULL);
          /* The field's name, when the caller put it beside the id. */
          if (uuid != NULL && json_object_has_member (object, "name"))
            set_field_label (self, uuid,
                             json_object_get_string_member_with_default (object, "name", NULL));
          if (uuid != NULL)
            g_strv_builder_add (uuids, uuid);
        }
    }

  return g_strv_builder_end (uuids);
}

char *
tc_session_set_member_status (TcSession      *self,
                              const char     *workspace_id,
                              TcMember       *member,
                              TcMemberStatus  status)
{
  g_autoptr(JsonNode) value = NULL;

  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  g_return_val_if_fail (workspace_id != NULL, NULL);
  g_return_val_if_fail (TC_IS_MEMBER (member), NULL);

  value = string_node (tc_member_status_to_wire (status));
  return g_strdup (queue_member_edit (self, TC_EDIT_TARGET_MEMBER_STATUS, workspace_id,
                                      tc_member_get_id (member), tc_member_get_display_name (member),
                                      "status", string_node (tc_member_status_to_wire (tc_member_get_status (member))),
                                      value, tc_member_get_email (member)));
}

/* Members of the session's lists */

/* Sets @wire of @member to @value (NULL: leaves it). */
static void
set_member_field (TcSession  *self,
                  TcMember   *member,
                  const char *wire,
                  JsonNode   *value)
{
  if (value == NULL)
    return;

  self->applying++;
  if (g_str_equal (wire, "workCapacity") && JSON_NODE_HOLDS_VALUE (value))
    {
      gint64 seconds;

      if (tc_wire_parse_duration (json_node_get_string (value), &seconds))
        tc_member_set_work_capacity (member, seconds);
    }
  else if (g_str_equal (wire, "workingDays") && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GPtrArray) days = g_ptr_array_new ();
      guint mask;

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (days, (gpointer) json_array_get_string_element (array, i));
      g_ptr_array_add (days, NULL);
      mask = tc_days_mask_from_strv ((const char * const *) days->pdata, NULL);
      if (mask != 0)
        tc_member_set_working_days (member, mask);
    }
  else if (g_str_equal (wire, "status") && JSON_NODE_HOLDS_VALUE (value))
    {
      TcMemberStatus status;

      if (tc_member_status_from_wire (json_node_get_string (value), &status))
        tc_member_set_status (member, status);
    }
  self->applying--;
}

void
_tc_session_members_apply (TcSession     *self,
                           TcPendingEdit *edit,
                           JsonNode      *fallback)
{
  TcMemberList *list = g_hash_table_lookup (self->member_lists, edit->workspace_id);
  TcPendingEdit *last;
  TcMember *member;
  JsonNode *value;

  if (list == NULL || (member = tc_member_list_find (list, edit->object_id)) == NULL)
    return;

  /* The last queued value, else the server's, else @fallback. */
  last = _tc_session_sync_find_last (self, edit);
  value = last ? last->value : NULL;
  if (last == NULL && g_list_store_find (self->pending, edit, NULL))
    value = edit->value;
  if (value == NULL)
    value = _tc_session_server_value (self, edit);
  if (value == NULL)
    value = fallback;
  set_member_field (self, member, edit->wire, value);
}

/* Members that (re)appear in a list, or whose details arrive from the
 * server, show their queued edits again. */
static void
apply_workspace (TcSession    *self,
                 const char   *workspace_id,
                 const char   *user_id)
{
  GListModel *pending = G_LIST_MODEL (self->pending);

  for (guint i = 0; pending != NULL && i < g_list_model_get_n_items (pending); i++)
    {
      g_autoptr(TcPendingEdit) edit = g_list_model_get_item (pending, i);

      if (edit->target >= TC_EDIT_TARGET_MEMBER_PROFILE &&
          g_strcmp0 (edit->workspace_id, workspace_id) == 0 &&
          (user_id == NULL || g_strcmp0 (edit->object_id, user_id) == 0))
        _tc_session_members_apply (self, edit, NULL);
    }
}

static void
member_notify_cb (TcMemberList *list,
                  TcMember     *member,
                  GParamSpec   *pspec,
                  TcSession    *self)
{
  if (self->applying == 0)
    apply_workspace (self, tc_member_list_get_workspace_id (list), tc_member_get_id (member));
}

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  TcSession  *self)
{
  if (added > 0)
    apply_workspace (self, tc_member_list_get_workspace_id (TC_MEMBER_LIST (list)), NULL);
}

TcMemberList *
tc_session_get_member_list (TcSession  *self,
                            const char *workspace_id)
{
  TcMemberList *list;

  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  g_return_val_if_fail (workspace_id != NULL, NULL);

  list = g_hash_table_lookup (self->member_lists, workspace_id);
  if (list == NULL)
    {
      list = tc_member_list_new_for_session (self, workspace_id, TEAM_PAGE_SIZE);
      g_signal_connect_object (list, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
      g_signal_connect_object (list, "member-notify::work-capacity",
                               G_CALLBACK (member_notify_cb), self, 0);
      g_signal_connect_object (list, "member-notify::working-days",
                               G_CALLBACK (member_notify_cb), self, 0);
      g_signal_connect_object (list, "member-notify::status", G_CALLBACK (member_notify_cb), self, 0);
      g_hash_table_insert (self->member_lists, g_strdup (workspace_id), list);
    }
  return list;
}

void
_tc_session_members_init (TcSession *self)
{
  self->member_lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
_tc_session_members_dispose (TcSession *self)
{
  if (self->member_lists != NULL)
    {
      GHashTableIter iter;
      gpointer list;

      g_hash_table_iter_init (&iter, self->member_lists);
      while (g_hash_table_iter_next (&iter, NULL, &list))
        tc_member_list_cancel (list);
    }
  g_clear_pointer (&self->member_lists, g_hash_table_unref);
}
