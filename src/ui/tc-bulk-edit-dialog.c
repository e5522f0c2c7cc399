/* tc-bulk-edit-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target keeps its profile (read for the preview), why it is skipped
 * (a TcMemberReason, or "already so"), and how its edits went. Apply
 * queues them all in the session's outbox, which sends them in order at
 * the rate the server allows; the progress counts resolved edits
 * (edit-resolved, matched by uuid). Cancel discards those not yet sent.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tc-bulk-edit-dialog.h"
#include "tc-error-message.h"
#include "tc-member-profile.h"
#include "tc-member-rules.h"
#include "tc-member-text.h"

typedef struct
{
  TcMember        *member;
  TcMemberProfile *profile;
  GError          *error;      /* loading or saving failed */
  TcMemberReason   skip;
  gboolean         unchanged;
  gboolean         saved;
  gboolean         cancelled;   /* discarded before it was sent */
  guint            n_waiting;   /* its queued edits not yet resolved */
  AdwActionRow    *row;
} Target;

static void
target_free (Target *t)
{
  g_clear_object (&t->member);
  g_clear_object (&t->profile);
  g_clear_error (&t->error);
  g_free (t);
}

struct _TcBulkEditDialog
{
  AdwWindow        parent_instance;

  TcSession       *session;
  TcApiClient     *client;
  TcWorkspace     *workspace;
  TcMemberRole     caller_role;
  GPtrArray       *targets;
  GHashTable      *edits;       /* uuid → Target, every edit queued here */
  guint            n_edits;
  guint            n_resolved;
  GCancellable    *cancellable;
  TcBulkEditState  state;
  guint            next;
  GtkToggleButton *day_buttons[TC_N_DAYS];

  AdwWindowTitle  *window_title;
  GtkButton       *cancel_button;
  GtkButton       *apply_button;
  GtkProgressBar  *progress_bar;
  GtkCheckButton  *capacity_check;
  GtkSpinButton   *hours_spin;
  GtkSpinButton   *minutes_spin;
  GtkCheckButton  *days_check;
  GtkBox          *days_box;
  AdwComboRow     *week_start_row;
  GtkCheckButton  *week_start_check;
  AdwPreferencesGroup *preview_group;
};

G_DEFINE_FINAL_TYPE (TcBulkEditDialog, tc_bulk_edit_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (TcBulkEditDialog *self,
           TcBulkEditState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar),
                          state == TC_BULK_EDIT_LOADING || state == TC_BULK_EDIT_APPLYING);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), state != TC_BULK_EDIT_DONE);
  gtk_button_set_label (self->cancel_button, state == TC_BULK_EDIT_DONE ? _("_Close")
                                                                          : _("_Cancel"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The edited copy of @t's profile with what the dialog sets. */
static TcMemberProfile *
edited_copy (TcBulkEditDialog *self,
             Target           *t)
{
  TcMemberProfile *copy = tc_member_profile_copy (t->profile);
  guint days = 0;

  if (gtk_check_button_get_active (self->capacity_check))
    tc_member_profile_set_work_capacity (copy, gtk_spin_button_get_value_as_int (self->hours_spin) * 3600 +
                                               gtk_spin_button_get_value_as_int (self->minutes_spin) * 60);
  for (TcDay d = 0; d < TC_N_DAYS; d++)
    if (gtk_toggle_button_get_active (self->day_buttons[d]))
      days |= 1u << d;
  if (gtk_check_button_get_active (self->days_check))
    tc_member_profile_set_working_days (copy, days);
  if (gtk_check_button_get_active (self->week_start_check) &&
      adw_combo_row_get_selected (self->week_start_row) < TC_N_DAYS)
    tc_member_profile_set_week_start (copy,
                                      tc_day_to_wire (adw_combo_row_get_selected (self->week_start_row)));
  return copy;
}

static TcMemberReason
skip_reason (TcBulkEditDialog *self,
             Target           *t)
{
  TcMemberRuleInput in = {
    self->caller_role,
    tc_workspace_has_feature (self->workspace, TC_WIRE_FEATURE_EDIT_MEMBER_PROFILE),
    tc_workspace_has_feature (self->workspace, TC_WIRE_FEATURE_USER_CUSTOM_FIELDS),
    tc_member_get_role (t->member), tc_member_get_status (t->member),
    tc_member_profile_get_workspace_number (t->profile),
    tc_member_profile_get_has_pending_approval_request (t->profile),
  };
  const struct { GtkCheckButton *check; TcMemberField field; } chosen[] = {
    { self->capacity_check, TC_MEMBER_FIELD_WORK_CAPACITY },
    { self->days_check, TC_MEMBER_FIELD_WORKING_DAYS },
    { self->week_start_check, TC_MEMBER_FIELD_WEEK_START },
  };

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    if (gtk_check_button_get_active (chosen[i].check))
      {
        TcMemberReason reason = tc_member_rules_check (&in, chosen[i].field);

        if (reason != TC_MEMBER_REASON_NONE)
          return reason;
      }
  return TC_MEMBER_REASON_NONE;
}

static void
update_row (Target *t)
{
  g_autofree char *message = NULL;
  const char *subtitle;

  if (t->error != NULL)
    subtitle = message = tc_error_message_dup (t->error);
  else if (t->saved)
    subtitle = _("Saved");
  else if (t->cancelled)
    subtitle = _("Not sent: cancelled");
  else if (t->n_waiting > 0)
    subtitle = _("Waiting to be sent…");
  else if (t->profile == NULL)
    subtitle = _("Reading the profile…");
  else if (t->skip != TC_MEMBER_REASON_NONE)
    /* Translators: %s is the reason, e.g. "This member is inactive." */
    subtitle = message = g_strdup_printf (_("Skipped: %s"), tc_member_text_reason (t->skip));
  else if (t->unchanged)
    subtitle = _("Skipped: already set this way");
  else
    subtitle = _("Will change");
  adw_action_row_set_subtitle (t->row, subtitle);
  if (t->error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (t->row), "error");
}

static void
update_preview (TcBulkEditDialog *self)
{
  guint n_changes = 0, n_skipped = 0, n_failed = 0;
  g_autofree char *summary = NULL;

  if (self->state == TC_BULK_EDIT_READY)
    for (guint i = 0; i < self->targets->len; i++)
      {
        Target *t = g_ptr_array_index (self->targets, i);
        g_autoptr(TcMemberProfile) copy = NULL;
        g_autoptr(JsonObject) patch = NULL;

        if (t->profile == NULL)
          continue;
        copy = edited_copy (self, t);
        patch = tc_member_profile_build_patch (t->profile, copy);
        t->skip = skip_reason (self, t);
        t->unchanged = json_object_get_size (patch) == 0;
        update_row (t);
      }
  tc_bulk_edit_dialog_get_counts (self, &n_changes, &n_skipped, &n_failed);
  if (self->state == TC_BULK_EDIT_DONE)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* Translators: the result of a bulk edit */
      g_string_printf (text, _("%u saved, %u failed, %u skipped"), n_changes, n_failed, n_skipped);
      for (guint i = 0; i < self->targets->len; i++)
        {
          Target *t = g_ptr_array_index (self->targets, i);
          g_autofree char *reason = NULL;

          if (t->error == NULL || t->profile == NULL)
            continue;
          reason = tc_error_message_dup (t->error);
          g_string_append_c (text, '\n');
          /* Translators: a member the server refused, and why */
          g_string_append_printf (text, C_("bulk edit refused", "%s: %s"),
                                  tc_member_get_display_name (t->member), reason);
        }
      summary = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else if (self->state == TC_BULK_EDIT_APPLYING && tc_session_get_offline (self->session))
    /* Translators: a bulk edit while the server cannot be reached */
    summary = g_strdup_printf (_("%u of %u changes sent. The rest wait for the connection; you can close this window."),
                               self->n_resolved, self->n_edits);
  else
    summary = g_strdup_printf (_("%u will change, %u skipped"), n_changes, n_skipped + n_failed);
  adw_preferences_group_set_description (self->preview_group, summary);
  {
    const char *newline = strchr (summary, '\n');
    g_autofree char *first = newline ? g_strndup (summary, newline - summary) : g_strdup (summary);

    adw_window_title_set_subtitle (self->window_title, first);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.apply",
                                 self->state == TC_BULK_EDIT_READY && n_changes > 0);
}

void
tc_bulk_edit_dialog_get_counts (TcBulkEditDialog *self,
                                guint            *n_changes,
                                guint            *n_skipped,
                                guint            *n_failed)
{
  guint changes = 0, skipped = 0, failed = 0;

  g_return_if_fail (TC_IS_BULK_EDIT_DIALOG (self));

  for (guint i = 0; i < self->targets->len; i++)
    {
      Target *t = g_ptr_array_index (self->targets, i);

      if (t->error != NULL)
        failed++;
      else if (t->profile == NULL || t->skip != TC_MEMBER_REASON_NONE || t->unchanged)
        skipped++;
      else if (self->state != TC_BULK_EDIT_DONE || t->saved)
        changes++;
      else
        skipped++;   /* not sent: cancelled */
    }
  if (n_changes) *n_changes = changes;
  if (n_skipped) *n_skipped = skipped;
  if (n_failed) *n_failed = failed;
}

static void load_next (TcBulkEditDialog *self);

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TcBulkEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Target *t;

  if (self->next >= self->targets->len)
    return;
  t = g_ptr_array_index (self->targets, self->next);
  t->profile = tc_member_profile_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  t->error = g_steal_pointer (&error);
  update_row (t);
  self->next++;
  load_next (self);
}

static void
load_next (TcBulkEditDialog *self)
{
  Target *t;

  gtk_progress_bar_set_fraction (self->progress_bar, (double) self->next / MAX (self->targets->len, 1));
  if (self->next >= self->targets->len)
    {
      set_state (self, TC_BULK_EDIT_READY);
      update_preview (self);
      return;
    }
  t = g_ptr_array_index (self->targets, self->next);
  tc_member_profile_load_async (self->client, tc_workspace_get_id (self->workspace),
                                tc_member_get_id (t->member), self->cancellable, loaded_cb,
                                g_object_ref (self));
}

static void
update_progress (TcBulkEditDialog *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, (double) self->n_resolved / MAX (self->n_edits, 1));
  if (self->state == TC_BULK_EDIT_APPLYING && self->n_resolved >= self->n_edits)
    set_state (self, TC_BULK_EDIT_DONE);
  update_preview (self);
}

static void
edit_resolved_cb (TcBulkEditDialog *self,
                  TcPendingEdit    *edit,
                  const GError     *error)
{
  Target *t = g_hash_table_lookup (self->edits, tc_pending_edit_get_uuid (edit));

  if (t == NULL || t->n_waiting == 0)
    return;
  t->n_waiting--;
  self->n_resolved++;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    t->cancelled = TRUE;
  else if (error != NULL && t->error == NULL)
    t->error = g_error_copy (error);
  if (t->n_waiting == 0)
    t->saved = t->error == NULL && !t->cancelled;
  update_row (t);
  update_progress (self);
}

static void
apply_all (TcBulkEditDialog *self)
{
  for (guint i = 0; i < self->targets->len; i++)
    {
      Target *t = g_ptr_array_index (self->targets, i);
      g_autoptr(TcMemberProfile) copy = NULL;
      g_autoptr(JsonObject) patch = NULL;
      g_auto(GStrv) uuids = NULL;

      if (t->profile == NULL || t->error != NULL || t->skip != TC_MEMBER_REASON_NONE || t->unchanged)
        continue;
      copy = edited_copy (self, t);
      patch = tc_member_profile_build_patch (t->profile, copy);
      uuids = tc_session_edit_member_profile (self->session, tc_workspace_get_id (self->workspace),
                                              t->profile, patch);
      for (guint j = 0; uuids != NULL && uuids[j] != NULL; j++)
        {
          g_hash_table_insert (self->edits, g_strdup (uuids[j]), t);
          t->n_waiting++;
          self->n_edits++;
        }
      if (t->n_waiting == 0)
        t->saved = TRUE;   /* nothing left to send: already so */
      update_row (t);
    }
  update_progress (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TcBulkEditDialog *self = TC_BULK_EDIT_DIALOG (widget);

  if (self->state != TC_BULK_EDIT_READY)
    return;
  update_preview (self);
  set_state (self, TC_BULK_EDIT_APPLYING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->capacity_check), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_check), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->week_start_check), FALSE);
  gtk_widget_action_set_enabled (widget, "bulk.apply", FALSE);
  apply_all (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcBulkEditDialog *self = TC_BULK_EDIT_DIALOG (widget);

  if (self->state == TC_BULK_EDIT_APPLYING)
    {
      GHashTableIter iter;
      gpointer uuid, target;
      g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (g_free);

      /* Those on their way still resolve; the others are dropped. */
      g_hash_table_iter_init (&iter, self->edits);
      while (g_hash_table_iter_next (&iter, &uuid, &target))
        if (((Target *) target)->n_waiting > 0)
          g_ptr_array_add (waiting, g_strdup (uuid));
      for (guint i = 0; i < waiting->len; i++)
        tc_session_discard_edit (self->session, g_ptr_array_index (waiting, i));
    }
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
tc_bulk_edit_dialog_dispose (GObject *object)
{
  TcBulkEditDialog *self = (TcBulkEditDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_BULK_EDIT_DIALOG);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (tc_bulk_edit_dialog_parent_class)->dispose (object);
}

static void
tc_bulk_edit_dialog_finalize (GObject *object)
{
  TcBulkEditDialog *self = (TcBulkEditDialog *)object;

  g_clear_pointer (&self->edits, g_hash_table_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);

  G_OBJECT_CLASS (tc_bulk_edit_dialog_parent_class)->finalize (object);
}

static void
tc_bulk_edit_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TcBulkEditDialog *self = TC_BULK_EDIT_DIALOG (object);

  if (prop_id == PROP_STATE)
    g_value_set_int (value, self->state);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_bulk_edit_dialog_class_init (TcBulkEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_bulk_edit_dialog_dispose;
  object_class->finalize = tc_bulk_edit_dialog_finalize;
  object_class->get_property = tc_bulk_edit_dialog_get_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, TC_BULK_EDIT_LOADING,
                                             TC_BULK_EDIT_DONE, TC_BULK_EDIT_LOADING,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/timecard/Timecard/ui/tc-bulk-edit-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, TcBulkEditDialog, name)
  CHILD (window_title); CHILD (cancel_button); CHILD (apply_button); CHILD (progress_bar);
  CHILD (capacity_check); CHILD (hours_spin); CHILD (minutes_spin); CHILD (days_check);
  CHILD (days_box); CHILD (week_start_row); CHILD (week_start_check); CHILD (preview_group);
#undef CHILD
  gtk_widget_class_install_action (widget_class, "bulk.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "bulk.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "bulk.cancel", NULL);
}

static void
tc_bulk_edit_dialog_init (TcBulkEditDialog *self)
{
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  self->edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (TcDay d = 0; d < TC_N_DAYS; d++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (tc_member_text_day_short (d));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), d < TC_DAY_SATURDAY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tc_member_text_day (d), -1);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (update_preview), self);
      gtk_box_append (self->days_box, button);
      self->day_buttons[d] = GTK_TOGGLE_BUTTON (button);
      gtk_string_list_append (days, tc_member_text_day (d));
    }
  adw_combo_row_set_model (self->week_start_row, G_LIST_MODEL (days));
  g_signal_connect_swapped (self->capacity_check, "toggled", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->days_check, "toggled", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->week_start_check, "toggled", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->hours_spin, "value-changed", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->minutes_spin, "value-changed", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->week_start_row, "notify::selected",
                            G_CALLBACK (update_preview), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.apply", FALSE);
}

GtkWidget *
tc_bulk_edit_dialog_new (TcSession    *session,
                         TcWorkspace  *workspace,
                         GPtrArray    *members,
                         TcMemberRole  caller_role)
{
  TcBulkEditDialog *self;

  g_return_val_if_fail (TC_IS_SESSION (session), NULL);
  g_return_val_if_fail (TC_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (members != NULL, NULL);

  self = g_object_new (TC_TYPE_BULK_EDIT_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->client = g_object_ref (tc_session_get_client (session));
  g_signal_connect_object (session, "edit-resolved", G_CALLBACK (edit_resolved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::offline", G_CALLBACK (update_preview), self,
                           G_CONNECT_SWAPPED);
  self->workspace = g_object_ref (workspace);
  self->caller_role = caller_role;
  for (guint i = 0; i < members->len; i++)
    {
      Target *t = g_new0 (Target, 1);

      t->member = g_object_ref (g_ptr_array_index (members, i));
      t->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (t->row),
                                     tc_member_get_display_name (t->member));
      adw_preferences_group_add (self->preview_group, GTK_WIDGET (t->row));
      g_ptr_array_add (self->targets, t);
      update_row (t);
    }
  self->state = TC_BULK_EDIT_APPLYING;   /* so that set_state notifies */
  set_state (self, TC_BULK_EDIT_LOADING);
  load_next (self);
  return GTK_WIDGET (self);
}

TcBulkEditState
tc_bulk_edit_dialog_get_state (TcBulkEditDialog *self)
{
  g_return_val_if_fail (TC_IS_BULK_EDIT_DIALOG (self), TC_BULK_EDIT_LOADING);
  return self->state;
}

void
tc_bulk_edit_dialog_choose (TcBulkEditDialog *self,
                            gint64            capacity,
                            guint             working_days,
                            const char       *week_start)
{
  g_return_if_fail (TC_IS_BULK_EDIT_DIALOG (self));

  gtk_spin_button_set_value (self->hours_spin, capacity >= 0 ? capacity / 3600 : 8);
  gtk_spin_button_set_value (self->minutes_spin, capacity >= 0 ? (capacity % 3600) / 60 : 0);
  gtk_check_button_set_active (self->capacity_check, capacity >= 0);
  for (TcDay d = 0; d < TC_N_DAYS; d++)
    gtk_toggle_button_set_active (self->day_buttons[d], (working_days & (1u << d)) != 0);
  gtk_check_button_set_active (self->days_check, working_days != 0);
  if (week_start != NULL)
    adw_combo_row_set_selected (self->week_start_row, tc_day_from_wire (week_start));
  gtk_check_button_set_active (self->week_start_check, week_start != NULL);
  update_preview (self);
}


gboolean
tc_bulk_edit_dialog_follows_edit (TcBulkEditDialog *self,
                                  const char       *uuid)
{
  g_return_val_if_fail (TC_IS_BULK_EDIT_DIALOG (self), FALSE);
  return uuid != NULL && g_hash_table_contains (self->edits, uuid);
}
