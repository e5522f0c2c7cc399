/* tc-webhook-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Name, address, event, trigger source and the enabled switch of one
 * webhook. The rules are written on the dialog before anyone tries; Save
 * checks each field with the wire validators (marking the row and saying
 * what to fix), then tc_webhook_fields_validate() as the last gate, so
 * nothing invalid is sent. A refusal from the server stays on the dialog.
 * Saving cannot be queued: while the session is offline Save is disabled
 * and a line says why.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-session-webhooks.h"
#include "tc-webhook-dialog.h"
#include "tc-wire.h"

struct _TcWebhookDialog
{
  AdwWindow     parent_instance;

  TcSession    *session;
  TcWebhook    *webhook;
  GCancellable *cancellable;
  gboolean      busy;

  /* Template children */
  GtkButton    *save_button;
  GtkLabel     *message_label;
  GtkLabel     *offline_label;
  AdwEntryRow  *name_row;
  AdwEntryRow  *url_row;
  AdwComboRow  *event_row;
  AdwComboRow  *type_row;
  AdwEntryRow  *ids_row;
  GtkSwitch    *enabled_switch;
};

G_DEFINE_FINAL_TYPE (TcWebhookDialog, tc_webhook_dialog, ADW_TYPE_WINDOW)

char *
tc_webhook_dialog_dup_event_label (const char *event)
{
  static const struct { const char *event, *label; } labels[] = {
    { "USER_UPDATED", N_("User updated") },
    { "USER_EMAIL_CHANGED", N_("User email changed") },
    { "USER_ACTIVATED_ON_WORKSPACE", N_("User activated on the workspace") },
    { "USER_DEACTIVATED_ON_WORKSPACE", N_("User deactivated on the workspace") },
    { "USER_DELETED_FROM_WORKSPACE", N_("User left or was removed from the workspace") },
    { "USER_JOINED_WORKSPACE", N_("User joined the workspace") },
    { "USERS_INVITED_TO_WORKSPACE", N_("Users invited to the workspace") },
    { "USER_GROUP_CREATED", N_("User group created") },
    { "USER_GROUP_UPDATED", N_("User group updated") },
    { "USER_GROUP_DELETED", N_("User group deleted") },
    { "NEW_PROJECT", N_("New project") },
    { "NEW_TASK", N_("New task") },
    { "NEW_CLIENT", N_("New client") },
    { "NEW_TIMER_STARTED", N_("Timer started") },
    { "TIMER_STOPPED", N_("Timer stopped") },
    { "TIME_ENTRY_UPDATED", N_("Time entry updated") },
    { "TIME_ENTRY_DELETED", N_("Time entry deleted") },
    { "TIME_ENTRY_SPLIT", N_("Time entry split") },
    { "NEW_TIME_ENTRY", N_("New time entry") },
    { "TIME_ENTRY_RESTORED", N_("Time entry restored") },
    { "NEW_TAG", N_("New tag") },
    { "NEW_INVOICE", N_("New invoice") },
    { "INVOICE_UPDATED", N_("Invoice updated") },
    { "NEW_APPROVAL_REQUEST", N_("New approval request") },
    { "APPROVAL_REQUEST_STATUS_UPDATED", N_("Approval request status changed") },
    { "TIME_OFF_REQUESTED", N_("Time off requested") },
    { "TIME_OFF_REQUEST_UPDATED", N_("Time off request updated") },
    { "TIME_OFF_REQUEST_APPROVED", N_("Time off request approved") },
    { "TIME_OFF_REQUEST_REJECTED", N_("Time off request rejected") },
    { "TIME_OFF_REQUEST_STARTED", N_("Time off started") },
    { "TIME_OFF_REQUEST_WITHDRAWN", N_("Time off request withdrawn") },
    { "BALANCE_UPDATED", N_("Time off balance updated") },
    { "TAG_UPDATED", N_("Tag updated") },
    { "TAG_DELETED", N_("Tag deleted") },
    { "TASK_UPDATED", N_("Task updated") },
    { "CLIENT_UPDATED", N_("Client updated") },
    { "TASK_DELETED", N_("Task deleted") },
    { "CLIENT_DELETED", N_("Client deleted") },
    { "EXPENSE_RESTORED", N_("Expense restored") },
    { "ASSIGNMENT_CREATED", N_("Assignment created") },
    { "ASSIGNMENT_DELETED", N_("Assignment deleted") },
    { "ASSIGNMENT_PUBLISHED", N_("Assignment published") },
    { "ASSIGNMENT_UPDATED", N_("Assignment updated") },
    { "EXPENSE_CREATED", N_("Expense created") },
    { "EXPENSE_DELETED", N_("Expense deleted") },
    { "EXPENSE_UPDATED", N_("Expense updated") },
    { "PROJECT_UPDATED", N_("Project updated") },
    { "PROJECT_DELETED", N_("Project deleted") },
    { "LIMITED_USERS_ADDED_TO_WORKSPACE", N_("Limited users added to the workspace") },
    { "COST_RATE_UPDATED", N_("Cost rate updated") },
    { "BILLABLE_RATE_UPDATED", N_("Billable rate updated") },
  };
  g_autofree char *lower = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].event, event) == 0)
      return g_strdup (_(labels[i].label));

  /* An event newer than this table, by its enum name:
   * NEW_THING → "New thing". */
  lower = g_ascii_strdown (event, -1);
  g_strdelimit (lower, "_", ' ');
  lower[0] = g_ascii_toupper (lower[0]);
  return g_steal_pointer (&lower);
}

static const char *
trigger_type_label (const char *type)
{
  static const struct { const char *type, *label; } labels[] = {
    { "WORKSPACE_ID", NC_("webhook source", "Whole workspace") },
    { "USER_ID", NC_("webhook source", "User") },
    { "PROJECT_ID", NC_("webhook source", "Project") },
    { "TASK_ID", NC_("webhook source", "Task") },
    { "TAG_ID", NC_("webhook source", "Tag") },
    { "ASSIGNMENT_ID", NC_("webhook source", "Assignment") },
    { "EXPENSE_ID", NC_("webhook source", "Expense") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].type, type) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "webhook source", labels[i].label);

  return type;
}

static guint
index_of (const char * const *values,
          const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return 0;
}

static void
fill_choices (TcWebhookDialog *self)
{
  const char * const *events = tc_wire_webhook_events ();
  const char * const *types = tc_wire_webhook_trigger_types ();
  g_autoptr(GtkStringList) event_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) type_labels = gtk_string_list_new (NULL);

  for (guint i = 0; events[i] != NULL; i++)
    {
      g_autofree char *label = tc_webhook_dialog_dup_event_label (events[i]);

      gtk_string_list_append (event_labels, label);
    }
  for (guint i = 0; types[i] != NULL; i++)
    gtk_string_list_append (type_labels, trigger_type_label (types[i]));

  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (event_labels));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (type_labels));
  adw_combo_row_set_selected (self->event_row, index_of (events, "USER_UPDATED"));
  adw_combo_row_set_selected (self->type_row, index_of (types, "USER_ID"));
}

static void
show_message (TcWebhookDialog *self,
              const char      *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
mark (GtkWidget *row,
      gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static char **
dup_ids (TcWebhookDialog *self)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,\\s]+", gtk_editable_get_text (GTK_EDITABLE (self->ids_row)), 0, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

static void
get_fields (TcWebhookDialog  *self,
            TcWebhookFields  *fields,
            const char      **ids)
{
  fields->name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  fields->url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  fields->webhook_event = tc_wire_webhook_events ()[adw_combo_row_get_selected (self->event_row)];
  fields->trigger_source_type = tc_wire_webhook_trigger_types ()[adw_combo_row_get_selected (self->type_row)];
  fields->trigger_source = ids;
  fields->enabled = gtk_switch_get_active (self->enabled_switch);
}

/* Says what to fix, one field at a time, before anything is sent. */
static gboolean
check_fields (TcWebhookDialog       *self,
              const TcWebhookFields *fields)
{
  gboolean needs_user = g_str_equal (fields->webhook_event, "USER_UPDATED") ||
                        g_str_equal (fields->webhook_event, "USER_EMAIL_CHANGED");
  gboolean bad_name = !tc_wire_validate_webhook_name (fields->name);
  gboolean bad_url = !tc_wire_validate_webhook_url (fields->url);
  gboolean bad_source = needs_user && (!g_str_equal (fields->trigger_source_type, "USER_ID") ||
                                       fields->trigger_source[0] == NULL);

  mark (GTK_WIDGET (self->name_row), bad_name);
  mark (GTK_WIDGET (self->url_row), bad_url);
  mark (GTK_WIDGET (self->ids_row), bad_source);

  if (bad_name)
    show_message (self, _("Give the webhook a name of 2 to 30 characters."));
  else if (bad_url)
    show_message (self, _("The address must be a full URL starting with https:// — plain http:// only works for this computer (localhost)."));
  else if (bad_source)
    show_message (self, _("This event needs the source “User” and at least one user ID."));
  else
    show_message (self, NULL);

  return !bad_name && !bad_url && !bad_source;
}

static void
set_busy (TcWebhookDialog *self,
          gboolean         busy)
{
  /* Saving cannot wait in the outbox: it needs the server now. */
  gboolean offline = self->session != NULL && tc_session_get_offline (self->session);

  self->busy = !!busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "webhook.save", !self->busy && !offline);
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline);
}

static void
offline_changed_cb (TcWebhookDialog *self)
{
  set_busy (self, self->busy);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TcWebhookDialog) self = user_data;
  g_autoptr(TcWebhook) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->webhook == NULL)
    created = tc_session_create_webhook_finish (TC_SESSION (object), result, &error);
  else
    tc_session_update_webhook_finish (TC_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  message = tc_error_message_dup (error);
  show_message (self, message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TcWebhookDialog *self = TC_WEBHOOK_DIALOG (widget);
  g_auto(GStrv) ids = dup_ids (self);
  g_autoptr(GError) error = NULL;
  TcWebhookFields fields;

  get_fields (self, &fields, (const char **) ids);
  if (!check_fields (self, &fields))
    return;

  if (!tc_webhook_fields_validate (&fields, &error))
    {
      g_autofree char *message = tc_error_message_dup (error);

      show_message (self, message);
      return;
    }

  set_busy (self, TRUE);
  if (self->webhook == NULL)
    tc_session_create_webhook_async (self->session, &fields, self->cancellable,
                                     saved_cb, g_object_ref (self));
  else
    tc_session_update_webhook_async (self->session, self->webhook, &fields, self->cancellable,
                                     saved_cb, g_object_ref (self));
}

static void
load_webhook (TcWebhookDialog *self)
{
  TcWebhookFields fields;
  g_autofree char *ids = NULL;

  tc_webhook_get_fields (self->webhook, &fields);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), fields.name);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), fields.url);
  adw_combo_row_set_selected (self->event_row, index_of (tc_wire_webhook_events (), fields.webhook_event));
  adw_combo_row_set_selected (self->type_row,
                              index_of (tc_wire_webhook_trigger_types (),
                                        fields.trigger_source_type ? fields.trigger_source_type : "WORKSPACE_ID"));
  ids = fields.trigger_source ? g_strjoinv (", ", (char **) fields.trigger_source) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->ids_row), ids);
  gtk_switch_set_active (self->enabled_switch, fields.enabled);
}

static void
tc_webhook_dialog_dispose (GObject *object)
{
  TcWebhookDialog *self = (TcWebhookDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->webhook);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_WEBHOOK_DIALOG);

  G_OBJECT_CLASS (tc_webhook_dialog_parent_class)->dispose (object);
}

static void
tc_webhook_dialog_class_init (TcWebhookDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_webhook_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-webhook-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, offline_label);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, event_row);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, ids_row);
  gtk_widget_class_bind_template_child (widget_class, TcWebhookDialog, enabled_switch);

  gtk_widget_class_install_action (widget_class, "webhook.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tc_webhook_dialog_init (TcWebhookDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_choices (self);
}

TcWebhookDialog *
tc_webhook_dialog_new (GtkWidget *parent,
                       TcSession *session,
                       TcWebhook *webhook)
{
  TcWebhookDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (TC_IS_SESSION (session), NULL);
  g_return_val_if_fail (!webhook || TC_IS_WEBHOOK (webhook), NULL);

  root = gtk_widget_get_root (parent);
  self = g_object_new (TC_TYPE_WEBHOOK_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "title", webhook ? _("Edit Webhook") : _("New Webhook"),
                       NULL);
  self->session = g_object_ref (session);
  g_set_object (&self->webhook, webhook);
  if (webhook != NULL)
    load_webhook (self);
  g_signal_connect_object (session, "notify::offline", G_CALLBACK (offline_changed_cb),
                           self, G_CONNECT_SWAPPED);
  set_busy (self, FALSE);

  return self;
}
