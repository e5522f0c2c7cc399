/* tc-window.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens the last account on its own; with none it offers a local
 * account (tc-window-accounts.c: opening, switching, signing out).
 *
 * Once open, a leaflet holds the sidebar (Profile, Preferences, Team for
 * Owners and Admins) and the page; narrow, it folds to one column. The
 * header bar's avatar opens the account menu. The window also applies the
 * style (light, dark or the system's) and turns the session's sync signals
 * into toasts, the offline banner and the conflict question.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-settings.h"
#include "tc-pending-edits-dialog.h"
#include "tc-preferences-page.h"
#include "tc-profile-page.h"
#include "tc-revealer.h"
#include "tc-startup-probe.h"
#include "tc-web-links.h"
#include "tc-window.h"
#include "tc-window-private.h"

G_DEFINE_FINAL_TYPE (TcWindow, tc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_tc_window_ensure_page (TcWindow   *self,
                        const char *name)
{
  if (g_strcmp0 (name, "preferences") == 0 && self->preferences_page == NULL)
    {
      self->preferences_page = g_object_new (TC_TYPE_PREFERENCES_PAGE, NULL);
      adw_bin_set_child (self->preferences_bin, GTK_WIDGET (self->preferences_page));
      adw_view_switcher_title_set_stack (self->switcher_title,
                                         tc_preferences_page_get_view_stack (self->preferences_page));
      g_object_bind_property (self->switcher_title, "title-visible",
                              self->preferences_page, "narrow",
                              G_BINDING_SYNC_CREATE);
      tc_preferences_page_set_session (self->preferences_page, self->session);
    }
  else if (g_strcmp0 (name, "team") == 0 && self->team_page == NULL)
    {
      self->team_page = g_object_new (TC_TYPE_TEAM_PAGE, NULL);
      adw_bin_set_child (self->team_bin, GTK_WIDGET (self->team_page));
      tc_team_page_set_session (self->team_page, self->session);
    }
  else if (g_strcmp0 (name, "webhooks") == 0 && self->webhooks_page == NULL)
    {
      self->webhooks_page = g_object_new (TC_TYPE_WEBHOOKS_PAGE, NULL);
      adw_bin_set_child (self->webhooks_bin, GTK_WIDGET (self->webhooks_page));
      tc_webhooks_page_set_session (self->webhooks_page, self->session);
    }
}

void
_tc_window_show_content (TcWindow   *self,
                         const char *name)
{
  GtkWidget *row = NULL;

  _tc_window_ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->content_stack, name);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      row = child;

  if (row != NULL)
    gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
sidebar_row_activated_cb (TcWindow      *self,
                          GtkListBoxRow *row)
{
  _tc_window_show_content (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
content_page_changed_cb (TcWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->content_stack);
  GtkWidget *child = gtk_stack_get_visible_child (self->content_stack);
  GtkStackPage *page = child ? gtk_stack_get_page (self->content_stack, child) : NULL;

  _tc_window_ensure_page (self, name);
  adw_window_title_set_title (self->window_title, page ? gtk_stack_page_get_title (page) : NULL);
  gtk_stack_set_visible_child_name (self->title_stack,
                                    g_strcmp0 (name, "preferences") == 0 ? "switcher" : "title");
}

static void
update_color_scheme (TcWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  TcUserSettings *settings = self->session ? tc_session_get_settings (self->session) : NULL;
  const char *theme = settings ? tc_user_settings_get_theme (settings) : NULL;

  if (g_settings_get_boolean (self->settings, "theme-follow-system") || theme == NULL)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  else if (g_strcmp0 (theme, "DARK") == 0)
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
cache_language (TcWindow *self)
{
  TcUserSettings *settings = tc_session_get_settings (self->session);
  const char *lang = settings ? tc_user_settings_get_lang (settings) : NULL;

  /* Applied by main() before the first window of the next start. The
   * same again on each start writes nothing. */
  if (lang != NULL)
    tc_settings_set_if_changed (self->settings, "cached-language", g_variant_new_string (lang));
}

static gboolean
apply_language_cb (gpointer data)
{
  TcWindow *self = data;
  TcUserSettings *settings = self->session ? tc_session_get_settings (self->session) : NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->apply_language_id = 0;
  if (settings != NULL && TC_IS_APPLICATION (app))
    tc_application_set_language (TC_APPLICATION (app), tc_user_settings_get_lang (settings));
  return G_SOURCE_REMOVE;
}

/* The profile's language changed, in the Preferences page or on the
 * server: every window follows once the change that made it is over.
 * The window does it, not the Preferences page, which is built only
 * when first shown. (Applying the language it has is a no-op.) */
static void
lang_changed_cb (TcWindow *self)
{
  cache_language (self);
  if (self->apply_language_id == 0)
    self->apply_language_id = g_idle_add (apply_language_cb, self);
}

static void
edit_refused_cb (TcWindow     *self,
                 const char   *field,
                 const GError *error)
{
  tc_error_present_refused_edit (GTK_WIDGET (self->content_stack), field, error);
}

static gboolean
reveal_banner_cb (gpointer data)
{
  TcWindow *self = data;

  self->banner_timeout = 0;
  gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

/* Offline, or edits waiting: the banner says which and how many, with a
 * way to see them. Edits on their way while online show it only when
 * they take a moment, so that each quick edit does not flash it. */
static void
update_banner (TcWindow *self)
{
  gboolean offline = self->session && tc_session_get_offline (self->session);
  guint pending = self->session ? tc_session_get_pending_edits (self->session) : 0;
  g_autofree char *text = NULL;

  if (offline && pending > 0)
    /* Translators: the offline banner; %u is a number of changes */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Offline — %u change waiting to be sent",
                                         "Offline — %u changes waiting to be sent", pending),
                            pending);
  else if (offline || pending == 0)
    text = g_strdup (_("Offline — changes will be sent when the connection returns"));
  else
    /* Translators: the banner while changes are on their way */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting to be sent",
                                         "%u changes waiting to be sent", pending),
                            pending);
  gtk_label_set_label (self->offline_label, text);
  gtk_image_set_from_icon_name (self->banner_icon, offline ? "network-offline-symbolic"
                                                           : "emblem-synchronizing-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->pending_button), pending > 0);

  if (!offline && pending > 0 && !gtk_revealer_get_reveal_child (self->offline_revealer))
    {
      if (self->banner_timeout == 0)
        self->banner_timeout = g_timeout_add_seconds (1, reveal_banner_cb, self);
      return;
    }
  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->offline_revealer, offline || pending > 0);
}

static void
update_manage_account (TcWindow *self)
{
  TcAccount *account = self->session ? tc_session_get_account (self->session) : NULL;
  g_autofree char *page = tc_web_links_dup_account_page (account);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-account", page != NULL);
}

/* The Team row follows the caller's role in the active workspace. */
static void
update_team_row (TcWindow *self)
{
  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;
  gboolean visible = workspace != NULL && tc_workspace_get_caller_is_admin (workspace);

  g_signal_group_set_target (self->workspace_signals, workspace);
  gtk_widget_set_visible (self->team_row, visible);
  gtk_widget_set_visible (self->webhooks_row, visible);
  if (!visible && (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "team") == 0 ||
                   g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "webhooks") == 0))
    _tc_window_show_content (self, "profile");
}

static void
connect_session (TcWindow *self)
{
  TcUserSettings *settings = tc_session_get_settings (self->session);

  g_signal_connect_object (self->session, "edit-refused",
                           G_CALLBACK (edit_refused_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "edit-conflict",
                           G_CALLBACK (_tc_window_edit_conflict_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::theme",
                           G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::lang",
                           G_CALLBACK (lang_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::active-workspace",
                           G_CALLBACK (update_team_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::offline",
                           G_CALLBACK (update_banner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::pending-edits",
                           G_CALLBACK (update_banner), self, G_CONNECT_SWAPPED);
}

void
_tc_window_set_session (TcWindow  *self,
                        TcSession *session)
{
  if (self->session == session)
    return;

  /* The list of changes waiting belongs to the account going away. */
  if (self->pending_dialog != NULL)
    gtk_window_destroy (self->pending_dialog);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (tc_session_get_settings (self->session), self);
    }

  g_set_object (&self->session, session);
  tc_profile_page_set_session (self->profile_page, session);
  if (self->preferences_page != NULL)
    tc_preferences_page_set_session (self->preferences_page, session);
  if (self->team_page != NULL)
    tc_team_page_set_session (self->team_page, session);
  if (self->webhooks_page != NULL)
    tc_webhooks_page_set_session (self->webhooks_page, session);

  if (session != NULL)
    {
      connect_session (self);
      cache_language (self);
    }

  update_color_scheme (self);
  update_manage_account (self);
  update_team_row (self);
  update_banner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static gboolean
tc_window_close_request (GtkWindow *window)
{
  TcWindow *self = TC_WINDOW (window);
  g_autoptr(GSettings) batch = tc_settings_new_batch (self->settings);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  tc_settings_set_if_changed (batch, "window-maximized",
                              g_variant_new_boolean (gtk_window_is_maximized (window)));
  if (!gtk_window_is_maximized (window))
    {
      tc_settings_set_if_changed (batch, "window-width", g_variant_new_int32 (width));
      tc_settings_set_if_changed (batch, "window-height", g_variant_new_int32 (height));
    }
  g_settings_apply (batch);

  return GTK_WINDOW_CLASS (tc_window_parent_class)->close_request (window);
}

static void
first_paint_cb (GdkFrameClock *clock,
                TcWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  if (g_strcmp0 (gtk_window_get_default_icon_name (), APP_ID) != 0)
    gtk_window_set_default_icon_name (APP_ID);
}

/* The icon the window manager shows for every window (X11), set after the
 * first frame: loading and scaling it at realize (an SVG through librsvg)
 * was on the first frame's path, which does not show it (issue 13).
 * GTK sets it on the windows already realized. */
static void
tc_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tc_window_parent_class)->realize (widget);

  if (gtk_window_get_default_icon_name () == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (first_paint_cb), widget, 0);
}

/* Called by tc_window_new(): GtkWindow:application is not a construct
 * property, so it is still NULL in constructed(). */
static void
tc_window_start (TcWindow      *self,
                 TcApplication *app)
{
  self->settings = g_object_ref (tc_application_get_settings (app));
  self->secrets = g_object_ref (tc_application_get_secret_store (app));
  g_signal_connect_object (self->settings, "changed::theme-follow-system",
                           G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  update_color_scheme (self);
  update_manage_account (self);
  _tc_window_setup_accounts (self, app);
  tc_startup_probe_watch (self);
  _tc_window_open_last_account (self);
}

static void
tc_window_dispose (GObject *object)
{
  TcWindow *self = (TcWindow *)object;
  /* GTK 4.8's expression watches in the pages' templates let go of the
   * models they looked up only when the templates are disposed: keep the
   * session (and its user) alive until then. */
  g_autoptr(TcSession) session = self->session ? g_object_ref (self->session) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  g_clear_handle_id (&self->apply_language_id, g_source_remove);
  g_clear_handle_id (&self->present_timeout, g_source_remove);
  if (self->session != NULL)
    _tc_window_set_session (self, NULL);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);
  g_clear_object (&self->account);
  g_clear_object (&self->accounts);

  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_WINDOW);
  /* After the template: its expression watches may still point at the
   * workspace this group holds. */
  g_clear_object (&self->workspace_signals);

  G_OBJECT_CLASS (tc_window_parent_class)->dispose (object);
}

static void
tc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TcWindow *self = TC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_window_class_init (TcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tc_window_dispose;
  object_class->get_property = tc_window_get_property;
  widget_class->realize = tc_window_realize;
  window_class->close_request = tc_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TC_TYPE_PROFILE_PAGE);
  g_type_ensure (TC_TYPE_WORKSPACE_SWITCHER);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, start_stack);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, error_button);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, team_row);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, webhooks_row);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, account_button);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, header_avatar);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, pending_button);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, profile_page);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, preferences_bin);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, team_bin);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, webhooks_bin);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, sidebar_header_bar);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, workspace_switcher);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, content_header_bar);
  gtk_widget_class_bind_template_child (widget_class, TcWindow, back_button);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, content_page_changed_cb);

  _tc_window_class_install_actions (widget_class);
}

static void
tc_window_init (TcWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  tc_revealer_hide_concealed (self->offline_revealer);

  self->workspace_signals = g_signal_group_new (TC_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::caller-is-admin",
                                  G_CALLBACK (update_team_row), self);

  adw_status_page_set_icon_name (self->welcome_page, APP_ID);
  /* Bindings between template children are made here, not as <lookup>s
   * in the template: GTK 4.8 unwatches those after the children are gone
   * and warns when the window is disposed. */
  g_object_bind_property (self->leaflet, "folded", self->sidebar_header_bar,
                          "show-end-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->content_header_bar,
                          "show-start-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->back_button,
                          "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->profile_page, "picture", self->header_avatar,
                          "custom-image", G_BINDING_SYNC_CREATE);
  content_page_changed_cb (self);
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

void
_tc_window_show_pending_edits (TcWindow *self)
{
  if (self->session == NULL)
    return;
  if (self->pending_dialog == NULL)
    {
      self->pending_dialog = GTK_WINDOW (tc_pending_edits_dialog_new (GTK_WINDOW (self), self->session));
      g_object_add_weak_pointer (G_OBJECT (self->pending_dialog), (gpointer *) &self->pending_dialog);
    }
  gtk_window_present (self->pending_dialog);
}

const char *
tc_window_get_page (TcWindow *self)
{
  g_return_val_if_fail (TC_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0)
    return gtk_stack_get_visible_child_name (self->content_stack);

  return gtk_stack_get_visible_child_name (self->start_stack);
}

void
tc_window_set_team_visible (TcWindow *self,
                            gboolean  visible)
{
  g_return_if_fail (TC_IS_WINDOW (self));

  gtk_widget_set_visible (self->team_row, visible);
}
