/* test-languages.c — the shipped languages on screen, and switching at once
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogs are the build tree's ($TIMECARD_LOCALEDIR, as `meson
 * devenv` sets it). Changing Language in Preferences puts the open window
 * into the new language without rebuilding it: the page, the scroll
 * position and a half-typed name stay. With TC_SCREENSHOT_DIR set, the
 * pages are saved in French and Brazilian Portuguese, wide and narrow.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tc-application.h"
#include "tc-language.h"
#include "tc-preferences-page.h"
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

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static TcWindow *
open_window (int width)
{
  TcWindow *window = tc_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 680);
  gtk_window_present (GTK_WINDOW (window));
  if (g_strcmp0 (tc_window_get_page (window), "welcome") == 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.use-local-account", NULL));
  g_object_set_data (G_OBJECT (window), "wanted-page", (gpointer) "profile");
  tc_test_wait_until (page_is, window, 30);
  /* The Team row shows once the session learnt the owner's role. */
  tc_test_wait_until (widget_visible, tc_ui_find_named (GTK_WIDGET (window), "team"), 10);
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

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 GType       type,
                 const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TcUserSettings *
user_settings (TcWindow *window)
{
  return tc_session_get_settings (tc_window_get_session (window));
}

static gboolean
label_shown (gpointer data)
{
  GtkWidget *window = data;

  return tc_ui_find_label (window, g_object_get_data (data, "wanted-label")) != NULL;
}

static void
wait_for_label (TcWindow   *window,
                const char *text)
{
  g_object_set_data (G_OBJECT (window), "wanted-label", (gpointer) text);
  tc_test_wait_until (label_shown, window, 10);
}

static void
set_lang (TcWindow   *window,
          const char *code,
          const char *label)
{
  g_object_set (user_settings (window), "lang", code, NULL);
  wait_for_label (window, label);
}

/* Labels that pango had to cut short: the text does not fit. */
static guint
count_ellipsized (GtkWidget  *widget,
                  const char *shot)
{
  guint count = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_LABEL (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_test_message ("%s: cut short: “%s”", shot, gtk_label_get_text (GTK_LABEL (widget)));
      count++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_ellipsized (child, shot);
  return count;
}

static guint
shoot (TcWindow   *window,
       const char *name)
{
  int width;

  tc_ui_screenshot (GTK_WIDGET (window), name);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  g_test_message ("%s: %d px wide", name, width);
  /* Every page fits a phone: nothing asks for more than 360 px. */
  if (strstr (name, "-narrow-") != NULL)
    g_assert_cmpint (width, <=, 360);
  return count_ellipsized (GTK_WIDGET (window), name);
}

static guint
shoot_pages (TcWindow   *window,
             const char *prefix)
{
  static const char *tabs[] = { "general", "time", "email", "api-keys" };
  AdwViewStack *stack;
  g_autofree char *profile = g_strconcat (prefix, "-profile", NULL);
  g_autofree char *team = g_strconcat (prefix, "-team", NULL);
  guint cut = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "profile");
  cut += shoot (window, profile);

  /* The page is built the first time it is shown. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "preferences");
  stack = tc_preferences_page_get_view_stack (TC_PREFERENCES_PAGE (tc_ui_find (GTK_WIDGET (window),
                                                                               TC_TYPE_PREFERENCES_PAGE, 0)));
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_autofree char *name = g_strconcat (prefix, "-preferences-", tabs[i], NULL);

      if (adw_view_stack_get_child_by_name (stack, tabs[i]) == NULL)
        continue;
      adw_view_stack_set_visible_child_name (stack, tabs[i]);
      cut += shoot (window, name);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "team");
  cut += shoot (window, team);
  return cut;
}

/* French and Brazilian Portuguese reach every page, wide and at 360 px. */
static void
test_screens (void)
{
  static const struct {
    const char *code, *prefix, *preferences;
  } languages[] = {
    { "EN", "en", "Preferences" },
    { "FR", "fr", "Préférences" },
    { "PT", "pt_BR", "Preferências" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      TcWindow *window = open_window (960);
      g_autofree char *narrow = g_strconcat (languages[i].prefix, "-narrow", NULL);
      guint cut;

      set_lang (window, languages[i].code, languages[i].preferences);
      /* Text formatted at run time follows too. */
      if (!g_str_equal (languages[i].code, "EN"))
        {
          g_assert_null (tc_ui_find_label (GTK_WIDGET (window), "(12-hour)"));
          g_assert_null (tc_ui_find_label (GTK_WIDGET (window), "Created "));
        }
      cut = shoot_pages (window, languages[i].prefix);

      gtk_window_set_default_size (GTK_WINDOW (window), 360, 680);
      cut += shoot_pages (window, narrow);
      g_test_message ("%s: %u labels cut short", languages[i].prefix, cut);
      close_window (window);
    }

  /* Back to English for the other tests. */
  tc_application_set_language (app, "EN");
}

static gboolean
team_row_title_is (gpointer data)
{
  return tc_ui_find_label (data, "Équipe") != NULL;
}

/* German to French from the Language row of an open window: the window
 * is the same, and what the person was doing in it is still there. */
static void
test_switch_at_once (void)
{
  TcWindow *window = open_window (960);
  GSettings *settings = tc_application_get_settings (app);
  GtkWidget *name_row, *language_row, *theme_row, *scrolled;
  g_autofree char *theme = NULL;
  guint theme_selected;
  GtkAdjustment *vadjustment;
  g_autofree char *cached = NULL;
  double scrolled_to;
  guint n_languages;
  const TcLanguage *languages = tc_language_get_all (&n_languages);
  guint french = tc_language_lookup ("FR") - languages;

  set_lang (window, "DE", "Einstellungen");

  /* A name half typed on the profile page, not applied. */
  name_row = find_row_titled (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Ada Lovel");

  /* The General tab of the preferences, scrolled down a little. */
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 400);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "preferences");
  tc_ui_flush ();
  language_row = find_row_titled (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, "Sprache");
  g_assert_nonnull (language_row);
  /* German "Stil" is both the row's "Style" and "the style" of messages. */
  theme_row = find_row_titled (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, "Stil");
  g_assert_nonnull (theme_row);
  theme_selected = adw_combo_row_get_selected (ADW_COMBO_ROW (theme_row));
  theme = g_strdup (tc_user_settings_get_theme (user_settings (window)));
  scrolled = gtk_widget_get_ancestor (language_row, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  tc_ui_screenshot (GTK_WIDGET (window), "switch-before");
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment), >, 40);
  gtk_adjustment_set_value (vadjustment, 40);
  scrolled_to = gtk_adjustment_get_value (vadjustment);

  /* Offered by its own name and in German; ones without a catalog say so. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (language_row))), french),
                   ==, "Français · Französisch");
  g_assert_nonnull (strstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (language_row))),
                                                        tc_language_lookup ("RU") - languages),
                            "Русский"));
  g_assert_false (tc_language_is_translated (tc_language_lookup ("RU")));

  /* As a person would: pick French. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (language_row), french);
  tc_test_wait_until (team_row_title_is, window, 10);

  /* This page, in French. */
  g_assert_cmpstr (tc_window_get_page (window), ==, "preferences");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (language_row)), ==, "Langue");
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (window), "Apparence"));
  g_assert_null (tc_ui_find_label (GTK_WIDGET (window), "Erscheinungsbild"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (language_row))), french),
                   ==, "Français");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (language_row)), ==, french);
  /* The style row: its own title, and its choice as it was, not an edit. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (theme_row)), ==, "Style");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (theme_row)), ==, theme_selected);
  g_assert_cmpstr (tc_user_settings_get_theme (user_settings (window)), ==, theme);
  /* The same widgets: the scroll position and the typed name are kept. */
  g_assert_true (find_row_titled (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Nom") == name_row);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, scrolled_to);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Ada Lovel");

  /* The profile says French, and the next start begins in French. */
  g_assert_cmpstr (tc_user_settings_get_lang (user_settings (window)), ==, "FR");
  cached = g_settings_get_string (settings, "cached-language");
  g_assert_cmpstr (cached, ==, "FR");

  /* And back to English, the same way. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (language_row), tc_language_lookup ("EN") - languages);
  wait_for_label (window, "Appearance");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (language_row)), ==, "Language");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (theme_row)), ==, "Style");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Ada Lovel");
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = NULL;
  int status;

  tc_test_init (&argc, &argv);
  keyring = g_build_filename (g_get_user_data_dir (), "k.keyring", NULL);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "timecard-test", TRUE);
  g_unsetenv ("LANGUAGE");
  tc_language_init_gettext ();
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/languages/switch-at-once", test_switch_at_once);
  g_test_add_func ("/languages/screens", test_screens);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
