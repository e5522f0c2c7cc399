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
#include "tc-ui-test-util.h"
#include "tc-window.h"

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
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* The Team page is for Owners and Admins: hidden until told. */
  g_assert_false (gtk_widget_get_visible (tc_ui_find_named (GTK_WIDGET (window), "team")));
  tc_window_set_team_visible (window, TRUE);
  g_assert_true (gtk_widget_get_visible (tc_ui_find_named (GTK_WIDGET (window), "team")));
  close_window (window);
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

static void
test_sign_out (void)
{
  TcWindow *window = open_window ();
  GListModel *toplevels;
  AdwMessageDialog *dialog = NULL;

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
  TcPreferencesPage *preferences =
    TC_PREFERENCES_PAGE (tc_ui_find (GTK_WIDGET (window), TC_TYPE_PREFERENCES_PAGE, 0));
  AdwViewStack *stack = tc_preferences_page_get_view_stack (preferences);
  g_autofree char *profile = g_strconcat ("profile", suffix, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "profile");
  tc_ui_screenshot (GTK_WIDGET (window), profile);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "preferences");
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
  tc_session_set_name_async (tc_window_get_session (window), "Ada Lovelace", NULL,
                             tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_set_name_finish (tc_window_get_session (window), result, &error));
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
  g_test_add_func ("/window/refused-edit", test_refused_edit);
  g_test_add_func ("/window/accessible", test_accessible);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/sign-out", test_sign_out);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
