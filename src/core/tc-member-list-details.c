/* tc-member-list-details.c — requests about one member of the list
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details (capacity, working days) of the rows in view, a few at a
 * time, newest first; and a member's status.
 */

#include "config.h"

#include "tc-member-list-private.h"
#include "tc-member-profile.h"

#define DETAILS_IN_FLIGHT 4

static void load_details (TcMemberList *self);

static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TcMember) member = user_data;
  g_autoptr(TcMemberProfile) profile = tc_member_profile_load_finish (result, NULL);
  g_autoptr(TcMemberList) self = g_object_steal_data (G_OBJECT (member), "tc-member-list");

  /* A failure leaves the columns at "unknown"; the editor shows why. */
  if (profile != NULL)
    {
      tc_member_set_work_capacity (member, tc_member_profile_get_work_capacity (profile));
      tc_member_set_working_days (member, tc_member_profile_get_working_days (profile));
    }
  if (self == NULL)
    return;
  self->details_in_flight--;
  load_details (self);
}

static void
load_details (TcMemberList *self)
{
  while (self->details_in_flight < DETAILS_IN_FLIGHT && self->cancellable != NULL &&
         !g_queue_is_empty (&self->details_wanted))
    {
      TcMember *member = g_queue_pop_head (&self->details_wanted);

      self->details_in_flight++;
      g_object_set_data_full (G_OBJECT (member), "tc-member-list", g_object_ref (self),
                              g_object_unref);
      tc_member_profile_load_async (self->client, self->workspace_id, tc_member_get_id (member),
                                    self->cancellable, details_cb, member);
    }
}

void
tc_member_list_request_details (TcMemberList *self,
                                TcMember     *member)
{
  g_return_if_fail (TC_IS_MEMBER_LIST (self));
  g_return_if_fail (TC_IS_MEMBER (member));

  if (tc_member_get_work_capacity (member) >= 0 ||
      !g_hash_table_add (self->details_asked, g_strdup (tc_member_get_id (member))))
    return;
  g_queue_push_head (&self->details_wanted, g_object_ref (member));
  load_details (self);
}

void
tc_member_list_drop_details (TcMemberList *self,
                             TcMember     *member)
{
  GList *link;

  g_return_if_fail (TC_IS_MEMBER_LIST (self));
  g_return_if_fail (TC_IS_MEMBER (member));

  link = g_queue_find (&self->details_wanted, member);
  if (link == NULL)
    return;
  g_queue_delete_link (&self->details_wanted, link);
  g_hash_table_remove (self->details_asked, tc_member_get_id (member));
  g_object_unref (member);
}

static void
set_status_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcMember *member = g_task_get_task_data (task);
  TcMemberStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "status"));
  GError *error = NULL;

  if (!tc_api_client_request_finish (TC_API_CLIENT (object), result, NULL, &error))
    return g_task_return_error (task, error);
  tc_member_set_status (member, status);
  g_task_return_boolean (task, TRUE);
}

void
tc_member_list_set_status_async (TcMemberList        *self,
                                 TcMember            *member,
                                 TcMemberStatus       status,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *path = NULL;

  g_return_if_fail (TC_IS_MEMBER_LIST (self));
  g_return_if_fail (TC_IS_MEMBER (member));
  g_return_if_fail (status == TC_MEMBER_STATUS_ACTIVE || status == TC_MEMBER_STATUS_INACTIVE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_member_list_set_status_async);
  g_task_set_task_data (task, g_object_ref (member), g_object_unref);
  g_object_set_data (G_OBJECT (task), "status", GUINT_TO_POINTER (status));
  json_object_set_string_member (object, "status", tc_member_status_to_wire (status));
  json_node_set_object (body, object);
  path = g_strdup_printf ("/v1/workspaces/%s/users/%s", self->workspace_id,
                          tc_member_get_id (member));
  tc_api_client_request_async (self->client, "PUT", path, body, cancellable, set_status_cb,
                               g_steal_pointer (&task));
}

gboolean
tc_member_list_set_status_finish (TcMemberList  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tc_member_list_set_status_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
