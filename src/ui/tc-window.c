/* tc-window.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens the last account on its own; with none it offers a local
 * account. While an account opens it shows progress, and if opening fails
 * it says why with a way to try again — never an empty page.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-local-account.h"
#include "tc-profile-page.h"
#include "tc-window.h"

struct _TcWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  TcSecretStore        *secrets;
  TcSession            *session;
  GCancellable         *cancellable;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *welcome_page;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  TcProfilePage        *profile_page;
};

G_DEFINE_FINAL_TYPE (TcWindow, tc_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_page (TcWindow   *self,
           const char *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
show_loading (TcWindow   *self,
              const char *message)
{
  gtk_label_set_label (self->loading_label, message);
  show_page (self, "loading");
}

static void
show_error (TcWindow     *self,
            const GError *error)
{
  g_autofree char *message = tc_error_message_dup (error);

  adw_status_page_set_description (self->error_page, message);
  show_page (self, "error");
}

static void
local_account_open_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TcWindow) self = user_data;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = tc_local_account_open_finish (result, &error);
  if (session == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_set_object (&self->session, session);
  tc_profile_page_set_session (self->profile_page, session);
  show_page (self, "profile");

  if (tc_session_get_key_in_memory (session))
    {
      g_autoptr(GError) unavailable =
        g_error_new_literal (TC_SECRET_ERROR, TC_SECRET_ERROR_UNAVAILABLE, "");

      tc_error_present (GTK_WIDGET (self->profile_page), unavailable);
    }
}

static void
open_local_account (TcWindow *self)
{
  show_loading (self, _("Starting your local account…"));
  tc_local_account_open_async (self->settings, self->secrets, self->cancellable,
                               local_account_open_cb, g_object_ref (self));
}

static void
use_local_account_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  open_local_account (TC_WINDOW (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  open_local_account (TC_WINDOW (widget));
}

static void
open_last_account (TcWindow *self)
{
  g_autoptr(TcAccount) account = tc_account_load_last (self->settings);

  if (account != NULL && tc_account_is_local (account))
    open_local_account (self);
  else
    show_page (self, "welcome");
}

static gboolean
tc_window_close_request (GtkWindow *window)
{
  TcWindow *self = TC_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (tc_window_parent_class)->close_request (window);
}

/* Called by tc_window_new(): GtkWindow:application is not a construct
 * property, so it is still NULL in constructed(). */
static void
tc_window_start (TcWindow      *self,
                 TcApplication *app)
{
  self->settings = g_object_ref (tc_application_get_settings (app));
  self->secrets = g_object_ref (tc_application_get_secret_store (app));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  open_last_account (self);
}

static void
tc_window_dispose (GObject *object)
{
  TcWindow *self = (TcWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_WINDOW);

  G_OBJECT_CLASS (tc_window_parent_class)->dispose (object);
}

static void
tc_window_class_init (TcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tc_window_dispose;
  window_class->close_request = tc_window_close_request;

  g_type_ensure (TC_TYPE_PROFILE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, profile_page);

  gtk_widget_class_install_action (widget_class, "win.use-local-account", NULL, use_local_account_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
}

static void
tc_window_init (TcWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->welcome_page, APP_ID);
#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

TcWindow *
tc_window_new (TcApplication *application)
{
  TcWindow *self;

  g_return_val_if_fail (TC_IS_APPLICATION (application), NULL);

  self = g_object_new (TC_TYPE_WINDOW, "application", application, NULL);
  tc_window_start (self, application);

  return self;
}

TcSession *
tc_window_get_session (TcWindow *self)
{
  g_return_val_if_fail (TC_IS_WINDOW (self), NULL);

  return self->session;
}

const char *
tc_window_get_page (TcWindow *self)
{
  g_return_val_if_fail (TC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
