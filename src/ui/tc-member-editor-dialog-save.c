/* tc-member-editor-dialog-save.c — Save, and following its edits
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save queues tc_member_profile_build_patch (original, copy) through the
 * session, one edit per field, and follows them by uuid (edit-resolved):
 * an accepted field becomes the original's, a refused one says why on its
 * row. Offline the edits wait in the outbox and the dialog closes.
 */

#include "config.h"

#include <string.h>

#include "tc-custom-field-row.h"
#include "tc-error-message.h"
#include "tc-member-editor-dialog-private.h"

/* The row of a field by its wire name ("workCapacity"); NULL for the
 * working days (a group) and custom fields. */
static GtkWidget *
row_for_field (TcMemberEditorDialog *self,
               const char           *field)
{
  static const struct { const char *field; gsize offset; } rows[] = {
    { "weekStart", G_STRUCT_OFFSET (TcMemberEditorDialog, week_start_row) },
    { "workCapacity", G_STRUCT_OFFSET (TcMemberEditorDialog, capacity_row) },
    { "employeeId", G_STRUCT_OFFSET (TcMemberEditorDialog, employee_row) },
    { "employmentType", G_STRUCT_OFFSET (TcMemberEditorDialog, employment_row) },
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (field, rows[i].field))
      return G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);
  return NULL;
}

static TcCustomFieldRow *
custom_row_for_field (TcMemberEditorDialog *self,
                      const char           *field)
{
  if (field == NULL || !g_str_has_prefix (field, "customField:"))
    return NULL;
  for (guint i = 0; i < self->custom_rows->len; i++)
    {
      TcCustomFieldRow *row = g_ptr_array_index (self->custom_rows, i);

      if (g_strcmp0 (tc_custom_field_get_id (tc_custom_field_row_get_field (row)),
                     field + strlen ("customField:")) == 0)
        return row;
    }
  return NULL;
}

/* The server's reason at the top and on the field the edit was for. */
static void
show_save_error (TcMemberEditorDialog *self,
                 TcPendingEdit        *edit,
                 const GError         *error)
{
  g_autofree char *message = tc_error_message_dup (error);
  const char *field = tc_pending_edit_get_field (edit);
  GtkWidget *row = row_for_field (self, field);
  TcCustomFieldRow *custom_row = custom_row_for_field (self, field);

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (custom_row != NULL)
    tc_custom_field_row_set_server_error (custom_row, message);
  else if (row != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
      gtk_widget_add_css_class (row, "error");
    }
  else if (g_strcmp0 (field, "workingDays") == 0)
    adw_preferences_group_set_description (self->days_group, message);
}

/* An accepted field is the server's value now: the next Save must not
 * send it again. */
static void
take_field (TcMemberProfile *to,
            TcMemberProfile *from,
            const char      *field)
{
  if (g_strcmp0 (field, "weekStart") == 0)
    tc_member_profile_set_week_start (to, tc_member_profile_get_week_start (from));
  else if (g_strcmp0 (field, "workCapacity") == 0)
    tc_member_profile_set_work_capacity (to, tc_member_profile_get_work_capacity (from));
  else if (g_strcmp0 (field, "workingDays") == 0)
    tc_member_profile_set_working_days (to, tc_member_profile_get_working_days (from));
  else if (g_strcmp0 (field, "employeeId") == 0)
    tc_member_profile_set_employee_id (to, tc_member_profile_get_employee_id (from));
  else if (g_strcmp0 (field, "employmentType") == 0)
    tc_member_profile_set_employment_type (to, tc_member_profile_get_employment_type (from));
  else if (field != NULL && g_str_has_prefix (field, "customField:"))
    {
      const char *id = field + strlen ("customField:");

      tc_member_profile_set_custom_value (to, id, tc_member_profile_get_custom_value (from, id));
    }
}

/* Offline, the edits wait in the outbox: nothing to wait for here. */
void
_tc_member_editor_dialog_offline_changed_cb (TcMemberEditorDialog *self)
{
  if (self->n_waiting == 0 || self->saving_after == NULL || !tc_session_get_offline (self->session))
    return;
  self->queued = TRUE;
  _tc_member_editor_dialog_finish_save (self);
}

void
_tc_member_editor_dialog_edit_resolved_cb (TcMemberEditorDialog *self,
                  TcPendingEdit        *edit,
                  const GError         *error)
{
  const char *field = tc_pending_edit_get_field (edit);

  if (!g_hash_table_contains (self->followed, tc_pending_edit_get_uuid (edit)) ||
      self->n_waiting == 0 || self->saving_after == NULL)
    return;
  self->n_waiting--;
  if (error == NULL)
    take_field (self->original, self->saving_after, field);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->n_refused++;
      show_save_error (self, edit, error);
    }
  if (self->n_waiting == 0)
    _tc_member_editor_dialog_finish_save (self);
}

/* Each custom value carries its field's name, for the list of changes
 * waiting (the session keeps it with the edit and never sends it). */
static void
name_custom_fields (TcMemberEditorDialog *self,
                    JsonObject           *patch)
{
  JsonArray *values = json_object_has_member (patch, "userCustomFields")
                      ? json_object_get_array_member (patch, "userCustomFields") : NULL;

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonObject *value = json_array_get_object_element (values, i);
      const char *id = value ? json_object_get_string_member_with_default (value, "customFieldId", NULL)
                             : NULL;

      for (guint j = 0; id != NULL && j < self->custom_rows->len; j++)
        {
          TcCustomField *field = tc_custom_field_row_get_field (g_ptr_array_index (self->custom_rows, j));

          if (g_strcmp0 (tc_custom_field_get_id (field), id) == 0)
            json_object_set_string_member (value, "name", tc_custom_field_get_name (field));
        }
    }
}

void
_tc_member_editor_dialog_save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TcMemberEditorDialog *self = TC_MEMBER_EDITOR_DIALOG (widget);
  g_autoptr(JsonObject) patch = NULL;
  g_auto(GStrv) uuids = NULL;

  if (self->edited == NULL || self->busy)
    return;
  patch = tc_member_profile_build_patch (self->original, self->edited);
  if (json_object_get_size (patch) == 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  name_custom_fields (self, patch);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  _tc_member_editor_dialog_apply_rules (self);
  g_clear_object (&self->saving_before);
  self->saving_before = tc_member_profile_copy (self->original);
  g_clear_object (&self->saving_after);
  self->saving_after = tc_member_profile_copy (self->edited);
  self->n_refused = 0;
  uuids = tc_session_edit_member_profile (self->session, tc_workspace_get_id (self->workspace),
                                          self->original, patch);
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    if (g_hash_table_add (self->followed, g_strdup (uuids[i])))
      self->n_waiting++;
  if (self->n_waiting == 0)
    {
      _tc_member_editor_dialog_finish_save (self);
      return;
    }
  _tc_member_editor_dialog_set_busy (self, TRUE);
  _tc_member_editor_dialog_offline_changed_cb (self);
}
