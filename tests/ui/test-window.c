/* test-window.c — the main window over the local account: navigation, the
 * account menu, a refused edit's toast, accessibility, and screenshots of
 * every page in light and dark.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-application.h"
#include "tc-preferences-page.h"
#include "tc-test-session.h"
#include "tc-ui-test-util.h"
#include "tc-window.h"
#include "tc-window-private.h"

static TcApplication *app;

static gboolean
page_is (gpointer data)
{
  const char *wanted = g_object_get_data (data, "wanted-page");

  return g_strcmp0 (tc_window_get_page (data), wanted) == 0;
}

static void
wait_for_page (TcWindow   *window,
               const char *name)
{
  g_object_set_data (G_OBJECT (window), "wanted-page", (gpointer) name);
  tc_test_wait_until (page_is, window, 30);
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static TcWindow *
open_window (void)
{
  TcWindow *window = tc_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  gtk_window_present (GTK_WINDOW (window));
  /* The first time there is no account; then the window reopens it. */
  if (g_strcmp0 (tc_window_get_page (window), "welcome") == 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.use-local-account", NULL));
  wait_for_page (window, "profile");
  return window;
}

static void
close_window (TcWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  tc_ui_flush ();
  g_assert_null (window);
}

static gboolean
default_icon_set (gpointer data)
{
  return g_strcmp0 (gtk_window_get_default_icon_name (), APP_ID) == 0;
}

static void
test_navigation (void)
{
  TcWindow *window = open_window ();
  const char *preferences[] = { "<Control>comma", NULL };
  g_auto(GStrv) accels = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "preferences"));
  g_assert_cmpstr (tc_window_get_page (window), ==, "preferences");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "profile"));
  g_assert_cmpstr (tc_window_get_page (window), ==, "profile");

  /* Keyboard: Ctrl+, preferences, Ctrl+Q quit, Ctrl+? the shortcuts window. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-page::preferences");
  g_assert_cmpstrv (accels, preferences);
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  /* The shortcuts window is built when first asked for (issue 13). */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))), FALSE);

  /* The Team page is for Owners and Admins: the local owner sees it once
   * the session learnt the role. */
  tc_test_wait_until (widget_visible, tc_ui_find_named (GTK_WIDGET (window), "team"), 10);
  g_assert_true (tc_workspace_get_caller_is_admin (tc_session_get_active_workspace (tc_window_get_session (window))));
  tc_window_set_team_visible (window, FALSE);
  g_assert_false (gtk_widget_get_visible (tc_ui_find_named (GTK_WIDGET (window), "team")));

  /* The windows' icon (X11) is set once the first window has drawn a
   * frame, not before: that frame does not show it (issue 13). */
  tc_test_wait_until (default_icon_set, NULL, 10);
  close_window (window);
}

/* The first frame waits for nothing it does not show: the pages not on
 * screen are built the first time they are shown (issue 13), with the
 * session the window has by then. */
static void
test_pages_built_when_shown (void)
{
  TcWindow *window = open_window ();
  const GType types[] = { TC_TYPE_PREFERENCES_PAGE, TC_TYPE_TEAM_PAGE, TC_TYPE_WEBHOOKS_PAGE };
  const char *names[] = { "preferences", "team", "webhooks" };

  g_assert_nonnull (tc_ui_find (GTK_WIDGET (window), TC_TYPE_PROFILE_PAGE, 0));
  tc_test_wait_until (widget_visible, tc_ui_find_named (GTK_WIDGET (window), "team"), 10);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_null (tc_ui_find (GTK_WIDGET (window), types[i], 0));

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *page;
      g_autoptr(TcSession) session = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", names[i]));
      g_assert_cmpstr (tc_window_get_page (window), ==, names[i]);
      page = tc_ui_find (GTK_WIDGET (window), types[i], 0);
      g_assert_nonnull (page);
      g_assert_true (gtk_widget_get_mapped (page));
      g_object_get (page, "session", &session, NULL);
      g_assert_true (session == tc_window_get_session (window));
    }
  /* Shown again: the same page, not a second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "preferences"));
  g_assert_null (tc_ui_find (GTK_WIDGET (window), TC_TYPE_PREFERENCES_PAGE, 1));
  close_window (window);
}

/* The error page's icon (a scalable one: librsvg) is set when the page
 * shows, not loaded by every start that opens an account (issue 13). */
static void
test_error_icon_when_shown (void)
{
  TcWindow *window = open_window ();
  g_autoptr(TcAccount) account = tc_account_new ("http://127.0.0.1:1", "no-such-user", "Nobody");

  g_assert_null (adw_status_page_get_icon_name (window->error_page));

  /* No key for it in the keyring: it cannot open. */
  _tc_window_open_account (window, account);
  wait_for_page (window, "error");
  g_assert_cmpstr (adw_status_page_get_icon_name (window->error_page), ==, "dialog-error-symbolic");
  g_assert_nonnull (adw_status_page_get_description (window->error_page));
  close_window (window);
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The app presents its window once the remembered account shows its
 * profile: no frame of the loading page first (issue 13). */
static void
test_present_when_ready (void)
{
  TcWindow *window;

  /* Remembers the local account, as after the first start. */
  close_window (open_window ());

  window = tc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  g_assert_cmpstr (tc_window_get_page (window), ==, "loading");
  tc_window_present_when_ready (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  tc_test_wait_until (window_mapped, window, 30);
  /* Shown with the profile, unless opening took longer than the wait. */
  if (g_strcmp0 (tc_window_get_page (window), "profile") != 0)
    g_test_message ("The account took longer than the window waits: loading shown");
  wait_for_page (window, "profile");
  close_window (window);
}

static gboolean
role_asked (gpointer data)
{
  TcSession *session = data;
  TcWorkspace *workspace = tc_session_get_active_workspace (session);

  return workspace != NULL && !g_object_get_data (G_OBJECT (workspace), "tc-session-role-pending");
}

/* A seeded member without a role, signed in with a key of their own. */
static TcSession *
member_session (TcService *service)
{
  g_autofree char *base_url = tc_service_dup_base_url (service);
  g_autoptr(TcApiClient) owner = NULL;
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(TcAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) workspaces = NULL;
  g_autoptr(JsonArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner_key = NULL;
  g_autofree char *member_key = NULL;
  g_autofree char *path = NULL;
  const char *member_id = NULL;

  g_assert_true (tc_service_seed (service, 8, &owner_key, &error));
  g_assert_no_error (error);
  owner = tc_api_client_new (base_url, &error);
  tc_api_client_set_api_key (owner, owner_key);
  tc_api_client_request_async (owner, "GET", "/v1/workspaces", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (owner, result, &workspaces, &error));
  g_clear_object (&result);
  /* The PRO workspace, the members' active one. */
  path = g_strdup_printf ("/v1/workspaces/%s/users?status=ACTIVE&include-roles=true",
                          json_object_get_string_member (json_array_get_object_element (json_node_get_array (workspaces), 0), "id"));
  tc_api_client_list_async (owner, path, 50, NULL, NULL, NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  users = tc_api_client_list_finish (owner, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (users) && member_id == NULL; i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (json_array_get_length (json_object_get_array_member (user, "roles")) == 0 &&
          g_str_has_prefix (json_object_get_string_member (user, "email"), "member"))
        member_id = json_object_get_string_member (user, "id");
    }
  g_assert_nonnull (member_id);

  member_key = tc_service_issue_api_key (service, member_id, "test", &error);
  g_assert_no_error (error);
  client = tc_api_client_new (base_url, &error);
  tc_api_client_set_api_key (client, member_key);
  account = tc_account_new ("member-test", member_id, NULL);
  session = tc_session_new (account, client);
  g_clear_object (&result);
  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  tc_test_wait_until (role_asked, session, 10);
  return g_steal_pointer (&session);
}

static void
test_team_hidden_for_member (void)
{
  TcWindow *window = open_window ();
  GtkWidget *team_row = tc_ui_find_named (GTK_WIDGET (window), "team");
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "seeded.db", NULL);
  g_autoptr(TcService) service = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  TcWorkspace *workspace;

  tc_test_wait_until (widget_visible, team_row, 10);
  service = tc_service_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (tc_service_listen (service, 0, &error));
  session = member_session (service);
  workspace = tc_session_get_active_workspace (session);
  g_assert_false (tc_workspace_get_caller_is_admin (workspace));
  g_assert_null (tc_workspace_get_caller_role (workspace));

  /* The owner was on the Team page: a member's window leaves it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "team"));
  g_assert_cmpstr (tc_window_get_page (window), ==, "team");
  _tc_window_set_session (window, session);
  g_assert_false (gtk_widget_get_visible (team_row));
  g_assert_cmpstr (tc_window_get_page (window), ==, "profile");

  close_window (window);
  g_clear_object (&session);
  tc_service_shutdown (service);
}

static gboolean
has_toast (gpointer data)
{
  return tc_ui_find_label (data, "was undone") != NULL;
}

static void
test_refused_edit (void)
{
  TcWindow *window = open_window ();
  TcSession *session = tc_window_get_session (window);
  TcUserSettings *settings = tc_session_get_settings (session);
  g_autofree char *zone = g_strdup (tc_user_settings_get_time_zone (settings));
  GtkWidget *label;

  g_object_set (settings, "time-zone", "Mars/Olympus_Mons", NULL);
  tc_test_wait_until (has_toast, window, 10);

  label = tc_ui_find_label (GTK_WIDGET (window), "was undone");
  g_test_message ("Toast: %s", gtk_label_get_label (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "time zone"));
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (window), "Retry"));
  g_assert_cmpstr (tc_user_settings_get_time_zone (settings), ==, zone);
  close_window (window);
}

static gboolean
is_welcome (gpointer data)
{
  return g_strcmp0 (tc_window_get_page (data), "welcome") == 0;
}

static char *
lookup_key (const char  *user_id,
            GError     **error)
{
  g_autoptr(TcSecretStore) store = tc_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;

  tc_secret_store_lookup_async (store, TC_ACCOUNT_SERVER_LOCAL, user_id, NULL,
                                tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  return tc_secret_store_lookup_finish (store, result, error);
}

static void
test_sign_out (void)
{
  TcWindow *window = open_window ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autofree char *owner_id = g_strdup (tc_account_get_user_id (tc_session_get_account (tc_window_get_session (window))));
  g_autofree char *key = NULL;
  g_autofree char *last_server = NULL;
  g_autofree char *last_user = NULL;
  g_autoptr(GVariant) accounts = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *toplevels;
  AdwMessageDialog *dialog = NULL;

  /* Before: the key is in the keyring. */
  key = lookup_key (owner_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "sign-out"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "sign-out");
  tc_test_wait_until (is_welcome, window, 10);
  g_assert_null (tc_window_get_session (window));
  close_window (window);

  /* The account is forgotten: a new window welcomes. */
  g_settings_get (settings, "last-account", "(ss)", &last_server, &last_user);
  g_assert_cmpstr (last_server, ==, "");
  accounts = g_settings_get_value (settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (accounts), ==, 0);
  window = tc_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (tc_window_get_page (window), ==, "welcome");
  close_window (window);

  /* And its key is gone from the keyring. */
  lookup_key (owner_id, &error);
  g_assert_error (error, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND);
}

static void
test_accessible (void)
{
  TcWindow *window = open_window ();

  tc_ui_assert_accessible (GTK_WIDGET (window));
  close_window (window);
}

static void
shoot_pages (TcWindow   *window,
             const char *suffix)
{
  static const char *tabs[] = { "general", "time", "email" };
  AdwViewStack *stack;
  g_autofree char *profile = g_strconcat ("profile", suffix, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "profile");
  tc_ui_screenshot (GTK_WIDGET (window), profile);

  /* The page is built the first time it is shown. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "preferences");
  stack = tc_preferences_page_get_view_stack (TC_PREFERENCES_PAGE (tc_ui_find (GTK_WIDGET (window),
                                                                               TC_TYPE_PREFERENCES_PAGE, 0)));
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_autofree char *name = g_strconcat ("preferences-", tabs[i], suffix, NULL);

      adw_view_stack_set_visible_child_name (stack, tabs[i]);
      tc_ui_screenshot (GTK_WIDGET (window), name);
    }
}

static void
test_screenshots (void)
{
  TcWindow *window = open_window ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  TcUserSettings *settings = tc_session_get_settings (tc_window_get_session (window));
  g_autoptr(GSettings) gsettings = g_settings_new ("io.github.timecard.Timecard");

  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A person's name rather than the system account's, for the metainfo. */
  g_assert_true (tc_test_session_set_name (tc_window_get_session (window), "Ada Lovelace", 10,
                                           &error));
  g_assert_no_error (error);

  /* A zone other than the system's (UTC under test) shows the banner. */
  g_object_set (settings, "time-zone", "America/New_York", NULL);

  /* Through the preferences, as a person would: Light, then Dark. */
  g_settings_set_boolean (gsettings, "theme-follow-system", FALSE);
  g_object_set (settings, "theme", "DEFAULT", NULL);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  shoot_pages (window, "");

  g_object_set (settings, "theme", "DARK", NULL);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  shoot_pages (window, "-dark");

  g_settings_set_boolean (gsettings, "theme-follow-system", TRUE);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  /* Narrow: the leaflet folds to one column. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "profile");
  tc_ui_screenshot (GTK_WIDGET (window), "profile-narrow");
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (tc_ui_find (GTK_WIDGET (window), ADW_TYPE_LEAFLET, 0))));
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = NULL;
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  /* A working (file) secret store: no "kept in memory" toast over the
   * screenshots. */
  keyring = g_build_filename (g_get_user_data_dir (), "k.keyring", NULL);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "timecard-test", TRUE);
  gtk_init ();
  adw_init ();
  /* Screenshots of pages, not of crossfades between them. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/window/navigation", test_navigation);
  g_test_add_func ("/window/pages-built-when-shown", test_pages_built_when_shown);
  g_test_add_func ("/window/present-when-ready", test_present_when_ready);
  g_test_add_func ("/window/error-icon-when-shown", test_error_icon_when_shown);
  g_test_add_func ("/window/team-hidden-for-member", test_team_hidden_for_member);
  g_test_add_func ("/window/refused-edit", test_refused_edit);
  g_test_add_func ("/window/accessible", test_accessible);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/sign-out", test_sign_out);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
