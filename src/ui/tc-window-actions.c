/* tc-window-actions.c — the win.* actions and the window's dialogs
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-web-links.h"
#include "tc-window-private.h"

static void
use_local_account_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  _tc_window_open_local_account (TC_WINDOW (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _tc_window_retry (TC_WINDOW (widget));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _tc_window_sign_in (TC_WINDOW (widget), NULL);
}

/* For the local account, reopening it makes a new key when the old one is
 * gone; for another server, the person pastes a key again. */
static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TcWindow *self = TC_WINDOW (widget);
  g_autoptr(TcAccount) account = self->account ? g_object_ref (self->account)
                                               : tc_account_load_last (self->settings);

  if (account == NULL || tc_account_is_local (account))
    _tc_window_open_local_account (self);
  else
    _tc_window_sign_in (self, tc_account_get_server (account));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TcWindow *self = TC_WINDOW (widget);

  if (self->session == NULL)
    return;

  _tc_window_show_content (self, g_variant_get_string (parameter, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TcWindow *self = TC_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Ctrl+F from anywhere in the window (the sidebar, the header bar)
 * searches the page's list; the Team page is the one with a list. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcWindow *self = TC_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "team") == 0 &&
      self->team_page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->team_page), "team.focus-search", NULL);
}

static void
manage_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TcWindow *self = TC_WINDOW (widget);
  g_autofree char *uri = NULL;

  if (self->session != NULL)
    uri = tc_web_links_dup_account_page (tc_session_get_account (self->session));
  if (uri != NULL)
    tc_web_links_open (widget, uri);
}

static void
retry_edits_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TcWindow *self = TC_WINDOW (widget);

  if (self->session != NULL)
    tc_session_retry_edits (self->session);
}

static void
show_pending_edits_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  _tc_window_show_pending_edits (TC_WINDOW (widget));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _tc_window_confirm_sign_out (TC_WINDOW (widget));
}

static void
switch_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *server, *user_id;

  g_variant_get (parameter, "(&s&s)", &server, &user_id);
  _tc_window_switch_account (TC_WINDOW (widget), server, user_id);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _tc_window_add_account (TC_WINDOW (widget));
}

typedef struct {
  TcWindow *window;
  char     *field;
  GVariant *local_value;
} Conflict;

static void
conflict_free (gpointer data)
{
  Conflict *conflict = data;

  g_object_unref (conflict->window);
  g_free (conflict->field);
  g_variant_unref (conflict->local_value);
  g_free (conflict);
}

static void
write_value (GObject    *object,
             const char *property,
             GVariant   *value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (value);

      if (inner != NULL)
        write_value (object, property, inner);
      else
        g_object_set (object, property, NULL, NULL);
      return;
    }

  g_dbus_gvariant_to_gvalue (value, &gvalue);
  g_object_set_property (object, property, &gvalue);
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  Conflict *conflict = user_data;
  TcSession *session = conflict->window->session;

  /* Writing our value again makes a new edit ("keep mine"). */
  if (g_strcmp0 (response, "mine") == 0 && session != NULL)
    write_value (G_OBJECT (tc_session_get_settings (session)),
                 conflict->field, conflict->local_value);
}

void
_tc_window_edit_conflict_cb (TcWindow   *self,
                             const char *field,
                             GVariant   *server_value,
                             GVariant   *local_value)
{
  g_autofree char *body = tc_error_conflict_message_dup (field);
  AdwMessageDialog *dialog;
  Conflict *conflict;

  conflict = g_new0 (Conflict, 1);
  conflict->window = g_object_ref (self);
  conflict->field = g_strdup (field);
  conflict->local_value = g_variant_ref (local_value);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Changed Elsewhere"), body));
  adw_message_dialog_add_responses (dialog,
                                    "server", _("_Keep Server Value"),
                                    "mine", _("_Use Mine"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "server");
  adw_message_dialog_set_close_response (dialog, "server");
  g_signal_connect_data (dialog, "response", G_CALLBACK (conflict_response_cb),
                         conflict, (GClosureNotify) (void (*) (void)) conflict_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+Alt+W: the workspace switcher in the sidebar header, brought into
 * view first when the leaflet is folded on a page. */
static void
switch_workspace_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TcWindow *self = TC_WINDOW (widget);

  if (self->session == NULL)
    return;
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  tc_workspace_switcher_popup (self->workspace_switcher);
}

/* Ctrl+?: the shortcuts window, built the first time it is asked for.
 * Named gtk/help-overlay.ui, GtkApplication would build it with every
 * window, before the window's first frame (issue 13). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (APP_PATH "ui/tc-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

void
_tc_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TcWindow, start_menu_button);

  gtk_widget_class_install_action (widget_class, "win.use-local-account", NULL, use_local_account_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.manage-account", NULL, manage_account_action);
  gtk_widget_class_install_action (widget_class, "win.retry-edits", NULL, retry_edits_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.switch-account", "(ss)", switch_account_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.show-pending-edits", NULL, show_pending_edits_action);
  gtk_widget_class_install_action (widget_class, "win.switch-workspace", NULL, switch_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.show-page", "s", "preferences");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.switch-workspace", NULL);
}
