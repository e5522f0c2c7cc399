/* test-preferences-pages.c — General, Time and Email notifications against
 * a real timecard-service: every kind of control is changed in the page
 * and the change is read back over HTTP.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-preferences-email-page.h"
#include "tc-preferences-general-page.h"
#include "tc-preferences-page.h"
#include "tc-preferences-time-page.h"
#include "tc-time-zone-dialog.h"
#include "tc-ui-test-util.h"
#include "tc-wire.h"

/* The nth GtkSwitch of @page is the one of the nth switch row. */
static GtkSwitch *
nth_switch (GtkWidget *page,
            guint      nth)
{
  GtkWidget *toggle = tc_ui_find (page, GTK_TYPE_SWITCH, nth);

  g_assert_nonnull (toggle);
  return GTK_SWITCH (toggle);
}

static AdwComboRow *
nth_combo (GtkWidget *page,
           guint      nth)
{
  GtkWidget *row = tc_ui_find (page, ADW_TYPE_COMBO_ROW, nth);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static GtkWidget *
show_page (TcUiFixture *fixture,
           GType        type)
{
  GtkWidget *page = g_object_new (type, NULL);

  g_object_set (page, "session", fixture->session, NULL);
  tc_ui_fixture_show (fixture, page);
  return page;
}

static void
test_general_switches (TcUiFixture   *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = show_page (fixture, TC_TYPE_PREFERENCES_GENERAL_PAGE);
  GtkSwitch *group_similar = nth_switch (page, 0);
  GtkSwitch *collapse = nth_switch (page, 1);
  GtkSwitch *task_filter = nth_switch (page, 2);
  GtkSpinButton *threshold = GTK_SPIN_BUTTON (tc_ui_find (page, GTK_TYPE_SPIN_BUTTON, 0));
  g_autoptr(JsonObject) before = tc_ui_fixture_get_settings (fixture);
  g_autoptr(JsonObject) after = NULL;
  gboolean grouped = !json_object_get_boolean_member (before, "groupSimilarEntriesDisabled");

  g_assert_cmpint (gtk_switch_get_active (group_similar), ==, grouped);

  gtk_switch_set_active (group_similar, !grouped);
  gtk_switch_set_active (collapse, !json_object_get_boolean_member (before, "collapseAllProjectLists"));
  gtk_switch_set_active (task_filter, !json_object_get_boolean_member (before, "projectPickerTaskFilter"));
  gtk_switch_set_active (collapse, TRUE);
  gtk_spin_button_set_value (threshold, 42);

  after = tc_ui_fixture_get_settings (fixture);
  /* The switch is the inverse of the stored "disabled" flag. */
  g_assert_cmpint (json_object_get_boolean_member (after, "groupSimilarEntriesDisabled"), ==, grouped);
  g_assert_true (json_object_get_boolean_member (after, "collapseAllProjectLists"));
  g_assert_cmpint (json_object_get_boolean_member (after, "projectPickerTaskFilter"), !=,
                   json_object_get_boolean_member (before, "projectPickerTaskFilter"));
  g_assert_cmpint (json_object_get_int_member (after, "projectListCollapse"), ==, 42);
}

static void
test_general_theme_and_language (TcUiFixture   *fixture,
                                 gconstpointer  data)
{
  GtkWidget *page = show_page (fixture, TC_TYPE_PREFERENCES_GENERAL_PAGE);
  AdwComboRow *theme = nth_combo (page, 0);
  AdwComboRow *language = nth_combo (page, 1);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autoptr(JsonObject) stored = NULL;

  adw_combo_row_set_selected (theme, 1);  /* Dark */
  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "theme"), ==, "DARK");
  g_assert_false (g_settings_get_boolean (settings, "theme-follow-system"));

  adw_combo_row_set_selected (theme, 2);  /* Follow system: local only */
  g_assert_true (g_settings_get_boolean (settings, "theme-follow-system"));
  g_clear_pointer (&stored, json_object_unref);
  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "theme"), ==, "DARK");

  adw_combo_row_set_selected (theme, 0);  /* Light */
  g_clear_pointer (&stored, json_object_unref);
  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "theme"), ==, "DEFAULT");
  g_assert_false (g_settings_get_boolean (settings, "theme-follow-system"));

  adw_combo_row_set_selected (language, 1);  /* German */
  g_clear_pointer (&stored, json_object_unref);
  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "lang"), ==, "DE");

  /* A value changed on the model (e.g. by a refresh) shows in the row. */
  g_object_set (tc_session_get_settings (fixture->session), "theme", "DARK", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (theme), ==, 1);
}

static void
test_time_formats (TcUiFixture   *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = show_page (fixture, TC_TYPE_PREFERENCES_TIME_PAGE);
  AdwComboRow *date_format = nth_combo (page, 0);
  AdwComboRow *time_format = nth_combo (page, 1);
  GtkWidget *day_start = tc_ui_find (page, ADW_TYPE_ENTRY_ROW, 0);
  const char * const *date_formats = tc_wire_date_formats ();
  g_autoptr(GtkStringObject) preview = NULL;
  g_autoptr(JsonObject) stored = NULL;
  guint dotted = 0;

  while (g_strcmp0 (date_formats[dotted], "DD.MM.YYYY") != 0)
    dotted++;
  /* Each choice previews today's date in its own format. */
  preview = g_list_model_get_item (adw_combo_row_get_model (date_format), dotted);
  g_assert_true (g_str_has_suffix (gtk_string_object_get_string (preview), "(DD.MM.YYYY)"));
  g_assert_nonnull (strchr (gtk_string_object_get_string (preview), '.'));

  adw_combo_row_set_selected (date_format, dotted);
  adw_combo_row_set_selected (time_format, 0);
  gtk_editable_set_text (GTK_EDITABLE (day_start), "08:30");
  g_signal_emit_by_name (day_start, "apply");

  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "dateFormat"), ==, "DD.MM.YYYY");
  g_assert_cmpstr (json_object_get_string_member (stored, "timeFormat"), ==, tc_wire_time_formats ()[0]);
  g_assert_cmpstr (json_object_get_string_member (stored, "myStartOfDay"), ==, "08:30");

  /* Not a time of day: marked, not sent. */
  gtk_editable_set_text (GTK_EDITABLE (day_start), "25:61");
  g_signal_emit_by_name (day_start, "apply");
  g_assert_true (gtk_widget_has_css_class (day_start, "error"));
  g_clear_pointer (&stored, json_object_unref);
  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "myStartOfDay"), ==, "08:30");
}

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (TC_IS_TIME_ZONE_DIALOG (window))
        return window;
    }

  return NULL;
}

static gboolean
dialog_loaded (gpointer data)
{
  GtkWidget *dialog = find_dialog ();

  return dialog != NULL && tc_time_zone_dialog_is_loaded (TC_TIME_ZONE_DIALOG (dialog));
}

static gboolean
revealer_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

static void
test_time_zone (TcUiFixture   *fixture,
                gconstpointer  data)
{
  GtkWidget *page = show_page (fixture, TC_TYPE_PREFERENCES_TIME_PAGE);
  GtkWidget *revealer = tc_ui_find (page, GTK_TYPE_REVEALER, 0);
  GtkWidget *dialog, *list;
  g_autoptr(JsonObject) stored = NULL;

  /* Pick from the searchable list: Enter takes the first match. */
  g_assert_true (gtk_widget_activate_action (page, "prefs-time.choose-zone", NULL));
  tc_test_wait_until (dialog_loaded, NULL, 10);
  dialog = find_dialog ();
  list = tc_ui_find (dialog, GTK_TYPE_LIST_BOX, 0);
  g_assert_nonnull (tc_ui_find_named (list, "Europe/Paris"));
  tc_time_zone_dialog_search (TC_TIME_ZONE_DIALOG (dialog), "tokyo");
  g_assert_null (tc_ui_find_named (list, "Europe/Paris"));
  g_assert_nonnull (tc_ui_find_named (list, "Asia/Tokyo"));
  tc_ui_assert_accessible (dialog);
  g_signal_emit_by_name (tc_ui_find (dialog, GTK_TYPE_SEARCH_ENTRY, 0), "activate");

  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "timeZone"), ==, "Asia/Tokyo");

  /* TZ is Europe/Berlin for this program: the banner offers it. */
  tc_test_wait_until (revealer_shown, revealer, 5);
  g_assert_nonnull (tc_ui_find_label (revealer, "Asia/Tokyo"));
  g_assert_true (gtk_widget_activate_action (page, "prefs-time.use-system-zone", NULL));
  g_clear_pointer (&stored, json_object_unref);
  stored = tc_ui_fixture_get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "timeZone"), ==, "Europe/Berlin");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

static void
test_email_toggles (TcUiFixture   *fixture,
                    gconstpointer  data)
{
  static const char *members[] = {
    "sendNewsletter", "weeklyUpdates", "longRunning", "reminders", "scheduledReports",
    "approval", "pto", "alerts", "scheduling", "invoiceReminders",
  };
  GtkWidget *page = show_page (fixture, TC_TYPE_PREFERENCES_EMAIL_PAGE);
  g_autoptr(JsonObject) before = tc_ui_fixture_get_settings (fixture);
  g_autoptr(JsonObject) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      GtkSwitch *toggle = nth_switch (page, i);

      g_assert_cmpint (gtk_switch_get_active (toggle), ==,
                       json_object_get_boolean_member (before, members[i]));
      gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
    }
  g_assert_null (tc_ui_find (page, GTK_TYPE_SWITCH, G_N_ELEMENTS (members)));

  after = tc_ui_fixture_get_settings (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_cmpint (json_object_get_boolean_member (after, members[i]), !=,
                     json_object_get_boolean_member (before, members[i]));
}

static gboolean
session_offline (gpointer data)
{
  return tc_session_get_offline (data);
}

static void
test_offline_keeps_edit (TcUiFixture   *fixture,
                         gconstpointer  data)
{
  GtkWidget *page = show_page (fixture, TC_TYPE_PREFERENCES_GENERAL_PAGE);
  GtkSwitch *task_filter = nth_switch (page, 2);
  gboolean wanted = !gtk_switch_get_active (task_filter);

  /* The server goes away: the change stays, queued, not reverted. */
  tc_service_shutdown (fixture->service);
  gtk_switch_set_active (task_filter, wanted);
  tc_test_wait_until (session_offline, fixture->session, 30);
  g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), >=, 1);
  g_assert_cmpint (gtk_switch_get_active (task_filter), ==, wanted);
}

static void
test_accessible (TcUiFixture   *fixture,
                 gconstpointer  data)
{
  GtkWidget *page = show_page (fixture, TC_TYPE_PREFERENCES_PAGE);
  AdwViewStack *stack = tc_preferences_page_get_view_stack (TC_PREFERENCES_PAGE (page));
  static const char *tabs[] = { "general", "time", "email" };

  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      adw_view_stack_set_visible_child_name (stack, tabs[i]);
      tc_ui_flush ();
      tc_ui_assert_accessible (adw_view_stack_get_visible_child (stack));
    }
}

static void
test_finalizes (void)
{
  GType types[] = {
    TC_TYPE_PREFERENCES_PAGE,
    TC_TYPE_PREFERENCES_GENERAL_PAGE,
    TC_TYPE_PREFERENCES_TIME_PAGE,
    TC_TYPE_PREFERENCES_EMAIL_PAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *page = g_object_new (types[i], NULL);

      g_object_ref_sink (page);
      g_assert_finalize_object (page);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Fixed for the time zone banner; the test accessibility backend lets
   * the test read the names back. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add ("/preferences/general/switches", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_general_switches, tc_ui_fixture_tear_down);
  g_test_add ("/preferences/general/theme-and-language", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_general_theme_and_language, tc_ui_fixture_tear_down);
  g_test_add ("/preferences/time/formats", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_time_formats, tc_ui_fixture_tear_down);
  g_test_add ("/preferences/time/zone", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_time_zone, tc_ui_fixture_tear_down);
  g_test_add ("/preferences/email/toggles", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_email_toggles, tc_ui_fixture_tear_down);
  g_test_add ("/preferences/general/offline", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_offline_keeps_edit, tc_ui_fixture_tear_down);
  g_test_add ("/preferences/accessible", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_accessible, tc_ui_fixture_tear_down);
  g_test_add_func ("/preferences/finalizes", test_finalizes);

  return g_test_run ();
}
