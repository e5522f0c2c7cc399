/* tc-pending-edits-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list box is bound to the session's outbox model, so rows come and
 * go as edits are made, sent, refused or discarded. Each row says which
 * field of what changes, old → new (tc-edit-text.c), and has a Discard
 * button, insensitive with a spinner while its edit is on its way.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-edit-text.h"
#include "tc-pending-edits-dialog.h"

struct _TcPendingEditsDialog
{
  AdwWindow       parent_instance;

  TcSession      *session;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkLabel       *description_label;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (TcPendingEditsDialog, tc_pending_edits_dialog, ADW_TYPE_WINDOW)

static void
update_count (TcPendingEditsDialog *self)
{
  guint n = self->session ? g_list_model_get_n_items (tc_session_get_pending (self->session)) : 0;
  g_autofree char *count = NULL;
  const char *description;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  /* Translators: the dialog's subtitle */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n), n);
  adw_window_title_set_subtitle (self->window_title, n > 0 ? count : NULL);
  if (self->session != NULL && tc_session_get_offline (self->session))
    description = _("The server cannot be reached. These changes are kept on this computer and sent, in this order, when the connection returns.");
  else
    description = _("These changes are on their way to the server, in this order.");
  gtk_label_set_label (self->description_label, description);
}

static void
discard_clicked_cb (GtkButton            *button,
                    TcPendingEditsDialog *self)
{
  TcPendingEdit *edit = g_object_get_data (G_OBJECT (button), "tc-edit");

  if (self->session != NULL && edit != NULL)
    tc_session_discard_edit (self->session, tc_pending_edit_get_uuid (edit));
}

static void
sending_changed_cb (TcPendingEdit *edit,
                    GParamSpec    *pspec,
                    GtkWidget     *row)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "tc-discard");
  GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "tc-spinner");
  gboolean sending = tc_pending_edit_get_sending (edit);

  gtk_widget_set_sensitive (button, !sending);
  gtk_widget_set_visible (spinner, sending);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), sending);
  gtk_widget_set_tooltip_text (button, sending ? _("Being sent now") : NULL);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TcPendingEditsDialog *self = user_data;
  TcPendingEdit *edit = item;
  const char *field = tc_edit_text_field (edit);
  g_autofree char *change = tc_edit_text_change (edit);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row, *button, *spinner;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: in the list of changes waiting: whose ("Your profile",
   * a person's name), then the old and the new value */
  subtitle = g_strdup_printf (C_("pending edit", "%s · %s"), tc_edit_text_object (edit), change);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, tc_pending_edit_get_uuid (edit));

  spinner = gtk_spinner_new ();
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);

  button = gtk_button_new_with_mnemonic (_("_Discard"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: %s is a field, "Name", "Daily capacity" */
  accessible = g_strdup_printf (_("Discard change to %s"), field);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "tc-edit", g_object_ref (edit), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (discard_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_object_set_data (G_OBJECT (row), "tc-discard", button);
  g_object_set_data (G_OBJECT (row), "tc-spinner", spinner);
  g_signal_connect_object (edit, "notify::sending", G_CALLBACK (sending_changed_cb), row, 0);
  sending_changed_cb (edit, NULL, row);
  return row;
}

static void
tc_pending_edits_dialog_dispose (GObject *object)
{
  TcPendingEditsDialog *self = (TcPendingEditsDialog *)object;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (tc_session_get_pending (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_PENDING_EDITS_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tc_pending_edits_dialog_parent_class)->dispose (object);
}

static void
tc_pending_edits_dialog_class_init (TcPendingEditsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_pending_edits_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-pending-edits-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TcPendingEditsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TcPendingEditsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TcPendingEditsDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, TcPendingEditsDialog, list_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tc_pending_edits_dialog_init (TcPendingEditsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tc_pending_edits_dialog_new (GtkWindow *parent,
                             TcSession *session)
{
  TcPendingEditsDialog *self;
  GListModel *pending;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TC_IS_SESSION (session), NULL);

  self = g_object_new (TC_TYPE_PENDING_EDITS_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  pending = tc_session_get_pending (session);
  gtk_list_box_bind_model (self->list_box, pending, create_row, self, NULL);
  g_signal_connect_object (pending, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::offline", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  update_count (self);
  return GTK_WIDGET (self);
}

TcSession *
tc_pending_edits_dialog_get_session (TcPendingEditsDialog *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDITS_DIALOG (self), NULL);
  return self->session;
}

GtkListBox *
tc_pending_edits_dialog_get_list (TcPendingEditsDialog *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDITS_DIALOG (self), NULL);
  return self->list_box;
}
