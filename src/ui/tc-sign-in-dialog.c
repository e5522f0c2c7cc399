/* tc-sign-in-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pick a server (the Clockify regions, the developer sandbox, or another
 * compatible address), paste the API key, Sign In. The core checks the key
 * before anything is kept; a refusal is shown in the dialog, with the key
 * still there to correct.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-remote-account.h"
#include "tc-sign-in-dialog.h"
#include "tc-wire.h"

struct _TcSignInDialog
{
  AdwWindow      parent_instance;

  GSettings     *settings;
  TcSecretStore *secrets;
  GCancellable  *cancellable;
  guint          n_known;

  /* Template children */
  GtkStack      *submit_stack;
  GtkSpinner    *spinner;
  AdwComboRow   *server_row;
  AdwEntryRow   *address_row;
  AdwEntryRow   *key_row;
  GtkLabel      *message_label;
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TcSignInDialog, tc_sign_in_dialog, ADW_TYPE_WINDOW)

static guint signals[N_SIGNALS];

static gboolean
is_other_server (TcSignInDialog *self)
{
  return adw_combo_row_get_selected (self->server_row) >= self->n_known;
}

/* The address the dialog would sign in to; borrowed. */
static const char *
chosen_server (TcSignInDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->server_row);

  if (selected < self->n_known)
    return tc_remote_account_known_servers ()[selected * 2];

  return gtk_editable_get_text (GTK_EDITABLE (self->address_row));
}

static gboolean
can_submit (TcSignInDialog *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autofree char *stripped = g_strstrip (g_strdup (key));

  return stripped[0] != '\0' && tc_wire_validate_server_url (chosen_server (self)) &&
         !gtk_spinner_get_spinning (self->spinner);
}

static void
show_message (TcSignInDialog *self,
              const char     *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
validate_cb (TcSignInDialog *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  gboolean bad_address = is_other_server (self) && address[0] != '\0' &&
                         !tc_wire_validate_server_url (address);

  if (bad_address)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
      show_message (self, _("The address must start with https:// (plain http:// is only for this computer)."));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
      show_message (self, NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", can_submit (self));
}

static void
server_changed_cb (TcSignInDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), is_other_server (self));
  validate_cb (self);
}

static void
set_busy (TcSignInDialog *self,
          gboolean        busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->submit_stack, busy ? "busy" : "button");
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  validate_cb (self);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TcSignInDialog) self = user_data;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  session = tc_remote_account_sign_in_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (session == NULL)
    {
      message = tc_error_message_dup_for_sign_in (error);
      show_message (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, session);
  gtk_window_close (GTK_WINDOW (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcSignInDialog *self = TC_SIGN_IN_DIALOG (widget);

  if (!can_submit (self))
    return;

  set_busy (self, TRUE);
  show_message (self, NULL);
  tc_remote_account_sign_in_async (self->settings, self->secrets, chosen_server (self),
                                   gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                                   self->cancellable, sign_in_cb, g_object_ref (self));
}

static void
entry_activated_cb (TcSignInDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

static void
fill_servers (TcSignInDialog *self)
{
  const char * const *servers = tc_remote_account_known_servers ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; servers[i] != NULL; i += 2, self->n_known++)
    gtk_string_list_append (names, _(servers[i + 1]));
  gtk_string_list_append (names, C_("server", "Other…"));

  adw_combo_row_set_model (self->server_row, G_LIST_MODEL (names));
}

static void
tc_sign_in_dialog_dispose (GObject *object)
{
  TcSignInDialog *self = (TcSignInDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->secrets);

  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (tc_sign_in_dialog_parent_class)->dispose (object);
}

static void
tc_sign_in_dialog_class_init (TcSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_sign_in_dialog_dispose;

  /**
   * TcSignInDialog::signed-in:
   * @session: the open session of the new account
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, TC_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TcSignInDialog, submit_stack);
  gtk_widget_class_bind_template_child (widget_class, TcSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TcSignInDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, TcSignInDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, TcSignInDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, TcSignInDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tc_sign_in_dialog_init (TcSignInDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  fill_servers (self);
  validate_cb (self);
}

TcSignInDialog *
tc_sign_in_dialog_new (GtkWindow     *parent,
                       GSettings     *settings,
                       TcSecretStore *secrets)
{
  TcSignInDialog *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (TC_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (TC_TYPE_SIGN_IN_DIALOG, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->secrets = g_object_ref (secrets);

  return self;
}

void
tc_sign_in_dialog_set_server (TcSignInDialog *self,
                              const char     *server_url)
{
  const char * const *servers = tc_remote_account_known_servers ();

  g_return_if_fail (TC_IS_SIGN_IN_DIALOG (self));
  g_return_if_fail (server_url != NULL);

  for (guint i = 0; i < self->n_known; i++)
    {
      if (g_str_equal (servers[i * 2], server_url))
        {
          adw_combo_row_set_selected (self->server_row, i);
          return;
        }
    }

  adw_combo_row_set_selected (self->server_row, self->n_known);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), server_url);
}
