/* tc-member-editor-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controls edit a copy of the profile; Save queues
 * tc_member_profile_build_patch (original, copy) through the session, one
 * edit per field, and follows them by uuid (edit-resolved). What may be edited comes
 * from tc_member_rules_check(), and each insensitive field says why.
 * Saving and following the edits is tc-member-editor-dialog-save.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-custom-field-row.h"
#include "tc-error-message.h"
#include "tc-member-editor-dialog-private.h"
#include "tc-member-profile.h"
#include "tc-member-rules.h"
#include "tc-member-text.h"
#include "tc-revealer.h"

G_DEFINE_FINAL_TYPE (TcMemberEditorDialog, tc_member_editor_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_tc_member_editor_dialog_set_busy (TcMemberEditorDialog *self,
                                   gboolean              busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->save_spinner, busy && self->n_waiting > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), busy && self->n_waiting > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !busy && self->edited);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static TcMemberRuleInput
rule_input (TcMemberEditorDialog *self)
{
  TcMemberRuleInput in = {
    self->caller_role,
    tc_workspace_has_feature (self->workspace, TC_WIRE_FEATURE_EDIT_MEMBER_PROFILE),
    tc_workspace_has_feature (self->workspace, TC_WIRE_FEATURE_USER_CUSTOM_FIELDS),
    tc_member_get_role (self->member),
    tc_member_get_status (self->member),
    tc_member_profile_get_workspace_number (self->original),
    tc_member_profile_get_has_pending_approval_request (self->original),
  };

  return in;
}

static void
set_row_reason (GtkWidget      *row,
                TcMemberReason  reason,
                const char     *otherwise)
{
  const char *text = tc_member_text_reason (reason);

  gtk_widget_set_sensitive (row, reason == TC_MEMBER_REASON_NONE);
  gtk_widget_remove_css_class (row, "error");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text ? text : otherwise ? otherwise : "");
}

static char *
week_start_hint (TcMemberEditorDialog *self)
{
  TcDay day = tc_day_from_wire (tc_workspace_get_week_start (self->workspace));

  if (day == TC_DAY_INVALID)
    return g_strdup (_("Overrides the workspace’s default week start"));
  /* Translators: %s is a day, "Monday" */
  return g_strdup_printf (_("Overrides the workspace’s default, %s"), tc_member_text_day (day));
}

/* What holds for the whole profile: who the member is, or else the number
 * of workspaces and the plan (both may hold). NULL when nothing does. */
static char *
notice_text (const TcMemberRuleInput *in)
{
  TcMemberReason target = tc_member_rules_check_target (in);
  g_autoptr(GString) text = g_string_new (NULL);

  if (target != TC_MEMBER_REASON_NONE)
    return g_strdup (tc_member_text_reason (target));
  if (in->workspace_number > 1)
    g_string_append (text, tc_member_text_reason (TC_MEMBER_REASON_SEVERAL_WORKSPACES));
  if (!in->edit_member_profile)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "",
                            tc_member_text_reason (TC_MEMBER_REASON_FREE_PLAN));
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
_tc_member_editor_dialog_apply_rules (TcMemberEditorDialog *self)
{
  TcMemberRuleInput in = rule_input (self);
  g_autofree char *hint = week_start_hint (self);
  g_autofree char *notice = notice_text (&in);
  TcMemberReason days = tc_member_rules_check (&in, TC_MEMBER_FIELD_WORKING_DAYS);
  TcMemberReason custom = tc_member_rules_check (&in, TC_MEMBER_FIELD_CUSTOM_FIELDS);

  gtk_label_set_label (self->notice_label, notice ? notice : "");
  gtk_revealer_set_reveal_child (self->notice_revealer, notice != NULL);
  set_row_reason (GTK_WIDGET (self->week_start_row),
                  tc_member_rules_check (&in, TC_MEMBER_FIELD_WEEK_START), hint);
  set_row_reason (GTK_WIDGET (self->capacity_row),
                  tc_member_rules_check (&in, TC_MEMBER_FIELD_WORK_CAPACITY),
                  _("From 0 to 24 hours a day"));
  set_row_reason (GTK_WIDGET (self->employee_row),
                  tc_member_rules_check (&in, TC_MEMBER_FIELD_EMPLOYEE_ID), NULL);
  set_row_reason (GTK_WIDGET (self->employment_row),
                  tc_member_rules_check (&in, TC_MEMBER_FIELD_EMPLOYMENT_TYPE), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_box), days == TC_MEMBER_REASON_NONE);
  adw_preferences_group_set_description (self->days_group, tc_member_text_reason (days));
  adw_preferences_group_set_description (self->custom_group, tc_member_text_reason (custom));
  for (guint i = 0; i < self->custom_rows->len; i++)
    {
      gtk_widget_set_sensitive (g_ptr_array_index (self->custom_rows, i),
                                custom == TC_MEMBER_REASON_NONE);
      tc_custom_field_row_set_server_error (g_ptr_array_index (self->custom_rows, i), NULL);
    }
}

static void
update_save (TcMemberEditorDialog *self)
{
  gboolean valid = self->edited != NULL && !self->busy &&
                   !tc_member_rules_read_only ((TcMemberRuleInput[]) { rule_input (self) });

  for (guint i = 0; valid && i < self->custom_rows->len; i++)
    valid = tc_custom_field_row_get_valid (g_ptr_array_index (self->custom_rows, i));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

static void
controls_changed_cb (TcMemberEditorDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->week_start_row);
  int hours = gtk_spin_button_get_value_as_int (self->hours_spin);
  int minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);
  const char *employee = gtk_editable_get_text (GTK_EDITABLE (self->employee_entry));
  guint days = 0;

  if (self->filling || self->edited == NULL)
    return;
  if (hours == 24 && minutes != 0)
    gtk_spin_button_set_value (self->minutes_spin, 0);
  for (TcDay d = 0; d < TC_N_DAYS; d++)
    if (gtk_toggle_button_get_active (self->day_buttons[d]))
      days |= 1u << d;
  if (selected < TC_N_DAYS)
    tc_member_profile_set_week_start (self->edited, tc_day_to_wire (selected));
  tc_member_profile_set_work_capacity (self->edited, MIN (hours * 3600 + minutes * 60, 24 * 3600));
  tc_member_profile_set_working_days (self->edited, days);
  if (employee[0] != '\0' || tc_member_profile_get_employee_id (self->original) != NULL)
    tc_member_profile_set_employee_id (self->edited, employee);
  if (tc_member_profile_get_employment_type (self->original) != NULL)
    tc_member_profile_set_employment_type (self->edited,
                                           adw_combo_row_get_selected (self->employment_row) == 1
                                           ? "PART_TIME" : "FULL_TIME");
  update_save (self);
}

static void
fill_controls (TcMemberEditorDialog *self)
{
  TcMemberProfile *p = self->original;
  gint64 capacity = tc_member_profile_get_work_capacity (p);
  TcDay week_start = tc_day_from_wire (tc_member_profile_get_week_start (p));
  const char *name = tc_member_profile_get_name (p);

  self->filling = TRUE;
  adw_window_title_set_subtitle (self->window_title, name ? name : tc_member_profile_get_email (p));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row),
                                 name ? name : tc_member_profile_get_email (p));
  adw_action_row_set_subtitle (self->person_row, tc_member_profile_get_email (p));
  adw_avatar_set_text (self->avatar, name ? name : tc_member_profile_get_email (p));
  adw_combo_row_set_selected (self->week_start_row,
                              week_start == TC_DAY_INVALID ? GTK_INVALID_LIST_POSITION : week_start);
  gtk_spin_button_set_value (self->hours_spin, capacity / 3600);
  gtk_spin_button_set_value (self->minutes_spin, (capacity % 3600) / 60);
  for (TcDay d = 0; d < TC_N_DAYS; d++)
    gtk_toggle_button_set_active (self->day_buttons[d],
                                  (tc_member_profile_get_working_days (p) & (1u << d)) != 0);
  gtk_editable_set_text (GTK_EDITABLE (self->employee_entry),
                         tc_member_profile_get_employee_id (p) ?: "");
  adw_combo_row_set_selected (self->employment_row,
                              g_strcmp0 (tc_member_profile_get_employment_type (p),
                                         "PART_TIME") == 0);
  /* Without the server's extension these two are not part of the profile. */
  gtk_widget_set_visible (GTK_WIDGET (self->employee_row),
                          tc_member_profile_get_employment_type (p) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->employment_row),
                          tc_member_profile_get_employment_type (p) != NULL);
  self->filling = FALSE;
}

static void
add_custom_rows (TcMemberEditorDialog *self)
{
  guint n = self->fields ? g_list_model_get_n_items (self->fields) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TcCustomField) field = g_list_model_get_item (self->fields, i);
      GtkWidget *row;

      if (tc_custom_field_get_status (field) != TC_CUSTOM_FIELD_VISIBLE)
        continue;
      row = tc_custom_field_row_new (field, self->edited);
      g_signal_connect_swapped (row, "notify::valid", G_CALLBACK (update_save), self);
      adw_preferences_group_add (self->custom_group, row);
      g_ptr_array_add (self->custom_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_group), self->custom_rows->len > 0);
}

static void
show_form (TcMemberEditorDialog *self)
{
  self->edited = tc_member_profile_copy (self->original);
  fill_controls (self);
  add_custom_rows (self);
  _tc_member_editor_dialog_apply_rules (self);
  gtk_stack_set_visible_child_name (self->content_stack, "form");
  _tc_member_editor_dialog_set_busy (self, FALSE);
  update_save (self);
}

static void
show_load_error (TcMemberEditorDialog *self,
                 const GError         *error)
{
  g_autofree char *message = tc_error_message_dup (error);

  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
  _tc_member_editor_dialog_set_busy (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

static void
load_done (TcMemberEditorDialog *self)
{
  if (--self->pending_loads > 0)
    return;
  if (self->original != NULL)
    show_form (self);
}

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TcMemberEditorDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->original = tc_member_profile_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->original == NULL)
    show_load_error (self, error);
  else
    {
      tc_member_set_work_capacity (self->member, tc_member_profile_get_work_capacity (self->original));
      tc_member_set_working_days (self->member, tc_member_profile_get_working_days (self->original));
    }
  load_done (self);
}

static void
fields_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TcMemberEditorDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->fields = tc_custom_field_list_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Without the fields the rest of the profile is still editable. */
  load_done (self);
}

static void
load (TcMemberEditorDialog *self)
{
  const char *ws = tc_workspace_get_id (self->workspace);

  _tc_member_editor_dialog_set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  self->pending_loads = 1;
  tc_member_profile_load_async (self->client, ws, tc_member_get_id (self->member),
                                self->cancellable, profile_loaded_cb, g_object_ref (self));
  if (tc_workspace_has_feature (self->workspace, TC_WIRE_FEATURE_USER_CUSTOM_FIELDS))
    {
      self->pending_loads++;
      tc_custom_field_list_load_async (self->client, ws, self->cancellable, fields_loaded_cb,
                                       g_object_ref (self));
    }
}

void
_tc_member_editor_dialog_finish_save (TcMemberEditorDialog *self)
{
  g_autoptr(TcMemberProfile) before = g_steal_pointer (&self->saving_before);
  g_autoptr(TcMemberProfile) after = g_steal_pointer (&self->saving_after);

  _tc_member_editor_dialog_set_busy (self, FALSE);
  if (self->n_refused > 0 && !self->queued)
    {
      update_save (self);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, before, after);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
tc_member_editor_dialog_dispose (GObject *object)
{
  TcMemberEditorDialog *self = (TcMemberEditorDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_MEMBER_EDITOR_DIALOG);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->saving_before);
  g_clear_object (&self->saving_after);
  g_clear_pointer (&self->followed, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->workspace);
  g_clear_object (&self->member);
  g_clear_object (&self->original);
  g_clear_object (&self->edited);
  g_clear_object (&self->fields);
  g_clear_pointer (&self->custom_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tc_member_editor_dialog_parent_class)->dispose (object);
}

static void
tc_member_editor_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TcMemberEditorDialog *self = TC_MEMBER_EDITOR_DIALOG (object);

  if (prop_id == PROP_BUSY)
    g_value_set_boolean (value, self->busy);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_member_editor_dialog_class_init (TcMemberEditorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_member_editor_dialog_dispose;
  object_class->get_property = tc_member_editor_dialog_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2,
                                 TC_TYPE_MEMBER_PROFILE, TC_TYPE_MEMBER_PROFILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/timecard/Timecard/ui/tc-member-editor-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, TcMemberEditorDialog, name)
  CHILD (window_title); CHILD (save_button); CHILD (save_spinner); CHILD (content_stack); CHILD (error_page);
  CHILD (notice_revealer); CHILD (notice_label); CHILD (error_revealer); CHILD (error_label);
  CHILD (person_row); CHILD (avatar); CHILD (week_start_row); CHILD (capacity_row);
  CHILD (hours_spin); CHILD (minutes_spin); CHILD (employee_row); CHILD (employee_entry);
  CHILD (employment_row); CHILD (days_group); CHILD (days_box); CHILD (custom_group);
#undef CHILD
  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   _tc_member_editor_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
build_days (TcMemberEditorDialog *self)
{
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);

  for (TcDay d = 0; d < TC_N_DAYS; d++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (tc_member_text_day_short (d));

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tc_member_text_day (d), -1);
      gtk_widget_set_tooltip_text (button, tc_member_text_day (d));
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (controls_changed_cb), self);
      gtk_box_append (self->days_box, button);
      self->day_buttons[d] = GTK_TOGGLE_BUTTON (button);
      gtk_string_list_append (days, tc_member_text_day (d));
    }
  adw_combo_row_set_model (self->week_start_row, G_LIST_MODEL (days));
}

static void
tc_member_editor_dialog_init (TcMemberEditorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tc_revealer_hide_concealed (self->notice_revealer);
  tc_revealer_hide_concealed (self->error_revealer);
  self->cancellable = g_cancellable_new ();
  self->custom_rows = g_ptr_array_new ();
  self->followed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build_days (self);
  g_signal_connect_swapped (self->week_start_row, "notify::selected",
                            G_CALLBACK (controls_changed_cb), self);
  g_signal_connect_swapped (self->employment_row, "notify::selected",
                            G_CALLBACK (controls_changed_cb), self);
  g_signal_connect_swapped (self->hours_spin, "value-changed",
                            G_CALLBACK (controls_changed_cb), self);
  g_signal_connect_swapped (self->minutes_spin, "value-changed",
                            G_CALLBACK (controls_changed_cb), self);
  g_signal_connect_swapped (self->employee_entry, "changed",
                            G_CALLBACK (controls_changed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

GtkWidget *
tc_member_editor_dialog_new (TcSession    *session,
                             TcWorkspace  *workspace,
                             TcMember     *member,
                             TcMemberRole  caller_role)
{
  TcMemberEditorDialog *self;

  g_return_val_if_fail (TC_IS_SESSION (session), NULL);
  g_return_val_if_fail (TC_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TC_IS_MEMBER (member), NULL);

  self = g_object_new (TC_TYPE_MEMBER_EDITOR_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->client = g_object_ref (tc_session_get_client (session));
  g_signal_connect_object (session, "edit-resolved",
                           G_CALLBACK (_tc_member_editor_dialog_edit_resolved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::offline",
                           G_CALLBACK (_tc_member_editor_dialog_offline_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->workspace = g_object_ref (workspace);
  self->member = g_object_ref (member);
  self->caller_role = caller_role;
  load (self);
  return GTK_WIDGET (self);
}

gboolean
tc_member_editor_dialog_get_busy (TcMemberEditorDialog *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_EDITOR_DIALOG (self), FALSE);
  return self->busy;
}

TcMember *
tc_member_editor_dialog_get_member (TcMemberEditorDialog *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_EDITOR_DIALOG (self), NULL);
  return self->member;
}

gboolean
tc_member_editor_dialog_get_queued (TcMemberEditorDialog *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_EDITOR_DIALOG (self), FALSE);
  return self->queued;
}

gboolean
tc_member_editor_dialog_follows_edit (TcMemberEditorDialog *self,
                                      const char           *uuid)
{
  g_return_val_if_fail (TC_IS_MEMBER_EDITOR_DIALOG (self), FALSE);
  return uuid != NULL && g_hash_table_contains (self->followed, uuid);
}
