/* tc-secret-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server hands a new API key or webhook token over once. This dialog
 * is the only place it appears: a selectable label and a Copy button.
 * Closing the dialog empties the label, so the secret does not linger in
 * a widget (or in the accessibility tree) after the person is done.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-secret-dialog.h"

struct _TcSecretDialog
{
  AdwMessageDialog  parent_instance;

  /* Template children */
  GtkLabel         *secret_label;
  GtkButton        *copy_button;
};

G_DEFINE_FINAL_TYPE (TcSecretDialog, tc_secret_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TcSecretDialog *self = TC_SECRET_DIALOG (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_label (self->secret_label));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copied"));
  gtk_button_set_icon_name (self->copy_button, "object-select-symbolic");
}

static void
wipe (TcSecretDialog *self)
{
  if (self->secret_label != NULL)
    gtk_label_set_label (self->secret_label, "");
}

static void
tc_secret_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  wipe (TC_SECRET_DIALOG (dialog));

  if (ADW_MESSAGE_DIALOG_CLASS (tc_secret_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tc_secret_dialog_parent_class)->response (dialog, response);
}

static void
tc_secret_dialog_dispose (GObject *object)
{
  TcSecretDialog *self = (TcSecretDialog *)object;

  wipe (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_SECRET_DIALOG);

  G_OBJECT_CLASS (tc_secret_dialog_parent_class)->dispose (object);
}

static void
tc_secret_dialog_class_init (TcSecretDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tc_secret_dialog_dispose;
  dialog_class->response = tc_secret_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-secret-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TcSecretDialog, secret_label);
  gtk_widget_class_bind_template_child (widget_class, TcSecretDialog, copy_button);

  gtk_widget_class_install_action (widget_class, "secret.copy", NULL, copy_action);
}

static void
tc_secret_dialog_init (TcSecretDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TcSecretDialog *
tc_secret_dialog_new (GtkWidget  *parent,
                      const char *heading,
                      const char *secret)
{
  TcSecretDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  root = gtk_widget_get_root (parent);
  self = g_object_new (TC_TYPE_SECRET_DIALOG,
                       "heading", heading,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  gtk_label_set_label (self->secret_label, secret);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->secret_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  return self;
}

const char *
tc_secret_dialog_get_secret (TcSecretDialog *self)
{
  const char *secret;

  g_return_val_if_fail (TC_IS_SECRET_DIALOG (self), NULL);

  secret = gtk_label_get_label (self->secret_label);
  return secret[0] != '\0' ? secret : NULL;
}
