/* test-pseudo-locale.c — every string on screen went through gettext
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under the pseudo-translation tests/i18n/make-pseudo.py makes of
 * the template (LANGUAGE=en@pseudo, the catalog in $TIMECARD_LOCALEDIR):
 * every message comes out as "[Ŵéļçöɱé ~~]". The test opens the pages,
 * dialogs, menus, toasts and error states a person reaches and reads
 * every visible label, row title and subtitle, placeholder, tooltip,
 * window title and menu item; a word in plain ASCII letters outside the
 * brackets is text that did not go through gettext, and the test fails
 * naming it and where it was. Exceptions, each for a reason: what the
 * person typed or the server holds (the account's name and email, the
 * API key's name), languages by their own names, format patterns of the
 * profile (MM/DD/YYYY) and the clock's AM/PM.
 *
 * Dates, times and numbers follow the profile's formats, not the UI
 * language: the API key's date follows the profile's date format.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tc-add-translation-dialog.h"
#include "tc-api-keys-page.h"
#include "tc-bulk-edit-dialog.h"
#include "tc-member-editor-dialog.h"
#include "tc-member-row.h"
#include "tc-pending-edits-dialog.h"
#include "tc-secret-dialog.h"
#include "tc-team-page.h"
#include "tc-webhook-dialog.h"
#include "tc-webhooks-page.h"
#include "tc-api-error.h"
#include "tc-application.h"
#include "tc-error-message.h"
#include "tc-language.h"
#include "tc-language-table.h"
#include "tc-session-keys.h"
#include "tc-preferences-page.h"
#include "tc-ui-test-util.h"
#include "tc-window.h"

static TcApplication *app;
static GHashTable *allowed;   /* words that are data, not interface */
static GPtrArray *findings;

static void
allow_words (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) words = NULL;

  for (char *p = copy; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isalnum (g_utf8_get_char (p)))
      *p = ' ';
  words = g_strsplit (copy, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_hash_table_add (allowed, g_strdup (words[i]));
}

/* The text outside "[…]", with addresses and paths taken out. */
static char *
outside_brackets (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '[')
        depth++;
      else if (*p == ']' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Addresses, paths, and long letters-and-digits runs: keys and ids,
 * never copied to the test's output. */
static gboolean
is_data_token (const char *token)
{
  gboolean digit = FALSE;

  for (const char *c = token; *c != '\0'; c++)
    digit |= g_ascii_isdigit (*c);
  return strchr (token, '@') != NULL || strchr (token, '/') != NULL ||
         g_str_has_prefix (token, "http") || strchr (token, '.') != NULL ||
         (digit && strlen (token) >= 16);
}

/* "Asia/Ho Chi Minh": a time zone's name is the tz database's. */
static gboolean
is_time_zone (const char *text)
{
  g_autofree char *id = g_strdelimit (g_strdup (text), " ", '_');
  g_autoptr(GTimeZone) zone = NULL;

  if (!g_str_equal (id, "UTC") && strchr (id, '/') == NULL)
    return FALSE;
  zone = g_time_zone_new_identifier (id);
  return zone != NULL;
}

static void
check_text (const char *where,
            const char *text)
{
  g_autofree char *outside = NULL;
  g_auto(GStrv) tokens = NULL;

  if (text == NULL || text[0] == '\0' || is_time_zone (text))
    return;
  outside = outside_brackets (text);
  tokens = g_strsplit_set (outside, " \n\t", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *copy = NULL;
      g_auto(GStrv) words = NULL;

      if (is_data_token (tokens[i]))
        continue;
      copy = g_strdup (tokens[i]);
      for (char *p = copy; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isalpha (g_utf8_get_char (p)))
          *p = ' ';
      words = g_strsplit (copy, " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        {
          gboolean ascii = TRUE;

          for (const char *c = words[w]; *c != '\0'; c++)
            ascii &= g_ascii_isalpha (*c);
          if (strlen (words[w]) >= 2 && ascii && !g_hash_table_contains (allowed, words[w]))
            {
              g_autofree char *finding = g_strdup_printf ("%s: “%s”", where, text);

              if (!g_ptr_array_find_with_equal_func (findings, finding, g_str_equal, NULL))
                {
                  g_test_message ("not through gettext: %s", finding);
                  g_ptr_array_add (findings, g_steal_pointer (&finding));
                }
              break;
            }
        }
    }
}

static void
check_menu (const char *where,
            GMenuModel *menu)
{
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (where, label);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          check_menu (where, link);
        }
    }
}

static void
check_string_property (const char *where,
                       GObject    *object,
                       const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_autofree char *value = NULL;

  if (pspec == NULL || pspec->value_type != G_TYPE_STRING)
    return;
  g_object_get (object, property, &value, NULL);
  check_text (where, value);
}

/* Everything a person can read under @widget, as long as it is shown. */
static void
walk (const char *where,
      GtkWidget  *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    check_text (where, gtk_label_get_text (GTK_LABEL (widget)));
  if (TC_IS_MEMBER_ROW (widget))
    {
      g_autofree char *text = tc_member_row_dup_text (TC_MEMBER_ROW (widget));

      check_text (where, text);
    }
  if (GTK_IS_WINDOW (widget))
    check_text (where, gtk_window_get_title (GTK_WINDOW (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (where, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      check_text (where, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
      check_text (where, adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
    }
  if (ADW_IS_ACTION_ROW (widget))
    check_text (where, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget))
    check_text (where, adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  if (ADW_IS_COMBO_ROW (widget) && GTK_IS_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (widget))))
    {
      GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        check_text (where, gtk_string_list_get_string (list, i));
    }
  if (ADW_IS_STATUS_PAGE (widget))
    {
      check_text (where, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      check_text (where, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  if (ADW_IS_WINDOW_TITLE (widget))
    {
      check_text (where, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
      check_text (where, adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
    }
  if (ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (ADW_VIEW_STACK (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

          check_text (where, adw_view_stack_page_get_title (page));
        }
    }
  /* Entries: the placeholder; what is typed in them is data. */
  if (GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_TEXT (widget))
    check_string_property (where, G_OBJECT (widget), "placeholder-text");
  if (GTK_IS_MENU_BUTTON (widget))
    {
      check_menu (where, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
      check_text (where, gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
    }
  if (GTK_IS_POPOVER_MENU (widget))
    check_menu (where, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)));
  if (GTK_IS_BUTTON (widget))
    check_text (where, gtk_button_get_label (GTK_BUTTON (widget)));
  check_text (where, gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (where, child);
}

static gboolean
page_is (gpointer data)
{
  return g_strcmp0 (tc_window_get_page (data), g_object_get_data (data, "wanted-page")) == 0;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
nothing_spinning (gpointer data)
{
  for (guint i = 0; ; i++)
    {
      GtkWidget *spinner = tc_ui_find (data, GTK_TYPE_SPINNER, i);

      if (spinner == NULL)
        return TRUE;
      if (gtk_widget_get_mapped (spinner) && gtk_spinner_get_spinning (GTK_SPINNER (spinner)))
        return FALSE;
    }
}

static gboolean
label_shown (gpointer data)
{
  return tc_ui_label_shown (data, g_object_get_data (data, "wanted-label"));
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Waits for a window of @type, reads it, and closes it. */
static void
walk_toplevel (const char *where,
               GType       type)
{
  GtkWidget *window;

  tc_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), 10);
  window = find_toplevel (type);
  tc_test_wait_until (nothing_spinning, window, 30);
  tc_ui_flush ();
  walk (where, window);
  tc_ui_screenshot (window, where);
  gtk_window_destroy (GTK_WINDOW (window));
  tc_ui_flush ();
}

static void
show_page (TcWindow   *window,
           const char *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  g_object_set_data (G_OBJECT (window), "wanted-page", (gpointer) page);
  tc_test_wait_until (page_is, window, 10);
  tc_test_wait_until (nothing_spinning, window, 30);
  tc_ui_flush ();
}

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the server holds: the account's name and email, the names of its
 * workspaces (the server names the first "NAME's workspace") and of its
 * API keys. */
static void
allow_account_data (TcSession *session)
{
  TcUser *user = tc_session_get_user (session);
  GListModel *workspaces = tc_session_get_workspaces (session);
  GListModel *keys = tc_session_get_api_keys (session);

  if (user != NULL)
    {
      allow_words (tc_user_get_name (user));
      allow_words (tc_user_get_email (user));
    }
  for (guint i = 0; workspaces != NULL && i < g_list_model_get_n_items (workspaces); i++)
    {
      g_autoptr(TcWorkspace) workspace = g_list_model_get_item (workspaces, i);

      allow_words (tc_workspace_get_name (workspace));
    }
  for (guint i = 0; keys != NULL && i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(TcApiKey) key = g_list_model_get_item (keys, i);

      allow_words (tc_api_key_get_name (key));
    }
}

static void
test_everything (void)
{
  TcWindow *window = tc_window_new (app);
  TcPreferencesPage *preferences;
  AdwViewStack *tabs;
  static const char *tab_names[] = { "general", "time", "email", "api-keys" };
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay, *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 700);
  gtk_window_present (GTK_WINDOW (window));
  tc_ui_flush ();

  /* The welcome page, and signing in from it. */
  g_object_set_data (G_OBJECT (window), "wanted-page", (gpointer) "welcome");
  tc_test_wait_until (page_is, window, 30);
  walk ("welcome", GTK_WIDGET (window));
  tc_ui_screenshot (GTK_WIDGET (window), "pseudo-welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  walk_toplevel ("sign-in dialog", g_type_from_name ("TcSignInDialog"));

  /* The local account: every page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.use-local-account", NULL));
  g_object_set_data (G_OBJECT (window), "wanted-page", (gpointer) "profile");
  tc_test_wait_until (page_is, window, 30);
  tc_test_wait_until (widget_visible, tc_ui_find_named (GTK_WIDGET (window), "team"), 10);
  allow_account_data (tc_window_get_session (window));

  show_page (window, "profile");
  walk ("profile", GTK_WIDGET (window));
  tc_ui_screenshot (GTK_WIDGET (window), "pseudo-profile");

  show_page (window, "preferences");
  preferences = TC_PREFERENCES_PAGE (tc_ui_find (GTK_WIDGET (window), TC_TYPE_PREFERENCES_PAGE, 0));
  tabs = tc_preferences_page_get_view_stack (preferences);
  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    {
      g_autofree char *where = g_strconcat ("preferences ", tab_names[i], NULL);

      if (adw_view_stack_get_child_by_name (tabs, tab_names[i]) == NULL)
        continue;
      adw_view_stack_set_visible_child_name (tabs, tab_names[i]);
      tc_test_wait_until (nothing_spinning, window, 30);
      tc_ui_flush ();
      allow_account_data (tc_window_get_session (window));
      walk (where, GTK_WIDGET (window));
      tc_ui_screenshot (GTK_WIDGET (window), where);
    }

  /* Dates and numbers follow the profile, not the language: the API
   * key's creation date in the profile's date format, the collapse
   * threshold's number in the locale's digits. */
  {
    TcUserSettings *settings = tc_session_get_settings (tc_window_get_session (window));
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();
    g_autofree char *expected = g_date_time_format (today, "%d.%m.%Y");
    GtkWidget *spin;

    g_object_set (settings, "date-format", "DD.MM.YYYY", "project-list-collapse", 987, NULL);
    adw_view_stack_set_visible_child_name (tabs, "api-keys");
    g_object_set_data_full (G_OBJECT (window), "wanted-label", g_strdup (expected), g_free);
    tc_test_wait_until (label_shown, window, 10);
    adw_view_stack_set_visible_child_name (tabs, "general");
    tc_ui_flush ();
    spin = tc_ui_find (adw_view_stack_get_child_by_name (tabs, "general"), GTK_TYPE_SPIN_BUTTON, 0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "987");
  }

  /* The dialogs of the preferences. */
  adw_view_stack_set_visible_child_name (tabs, "time");
  tc_ui_flush ();
  page = adw_view_stack_get_child_by_name (tabs, "time");
  g_assert_true (gtk_widget_activate_action (page, "prefs-time.choose-zone", NULL));
  walk_toplevel ("time zone dialog", g_type_from_name ("TcTimeZoneDialog"));

  adw_view_stack_set_visible_child_name (tabs, "general");
  tc_ui_flush ();
  page = adw_view_stack_get_child_by_name (tabs, "general");
  adw_action_row_activate (ADW_ACTION_ROW (find_row_titled (page, gettext ("Add a Translation…"))));
  walk_toplevel ("add translation dialog", TC_TYPE_ADD_TRANSLATION_DIALOG);

  /* A new API key: the name asked for, then the key shown once. */
  adw_view_stack_set_visible_child_name (tabs, "api-keys");
  tc_ui_flush ();
  page = tc_ui_find (GTK_WIDGET (window), TC_TYPE_API_KEYS_PAGE, 0);
  g_assert_true (gtk_widget_activate_action (page, "api-keys.generate", NULL));
  tc_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10);
  {
    GtkWidget *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    GtkWidget *entry = tc_ui_find (dialog, GTK_TYPE_EDITABLE, 0);

    walk ("generate API key dialog", dialog);
    allow_words ("Pseudo key");
    gtk_editable_set_text (GTK_EDITABLE (entry), "Pseudo key");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "generate");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  walk_toplevel ("new API key dialog", TC_TYPE_SECRET_DIALOG);

  show_page (window, "team");
  walk ("team", GTK_WIDGET (window));
  tc_ui_screenshot (GTK_WIDGET (window), "pseudo-team");
  page = tc_ui_find (GTK_WIDGET (window), TC_TYPE_TEAM_PAGE, 0);
  g_assert_true (gtk_widget_activate_action (page, "team.edit-member", "s",
                                             tc_user_get_id (tc_session_get_user (tc_window_get_session (window)))));
  walk_toplevel ("member editor", TC_TYPE_MEMBER_EDITOR_DIALOG);
  /* The bulk editor over the members listed (the owner). */
  {
    GListModel *members = tc_team_page_get_shown (TC_TEAM_PAGE (page));
    g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
    TcSession *session = tc_window_get_session (window);
    GtkWidget *dialog;

    for (guint i = 0; i < g_list_model_get_n_items (members); i++)
      g_ptr_array_add (chosen, g_list_model_get_item (members, i));
    g_assert_cmpuint (chosen->len, >, 0);
    dialog = tc_bulk_edit_dialog_new (session, tc_session_get_active_workspace (session),
                                      chosen, TC_MEMBER_ROLE_OWNER);
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
    gtk_window_present (GTK_WINDOW (dialog));
    walk_toplevel ("bulk edit dialog", TC_TYPE_BULK_EDIT_DIALOG);
  }

  show_page (window, "webhooks");
  walk ("webhooks", GTK_WIDGET (window));
  tc_ui_screenshot (GTK_WIDGET (window), "pseudo-webhooks");
  page = tc_ui_find (GTK_WIDGET (window), TC_TYPE_WEBHOOKS_PAGE, 0);
  g_assert_true (gtk_widget_activate_action (page, "webhooks.create", NULL));
  walk_toplevel ("webhook dialog", TC_TYPE_WEBHOOK_DIALOG);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pending-edits", NULL));
  walk_toplevel ("pending edits dialog", TC_TYPE_PENDING_EDITS_DIALOG);

  /* Toasts and error messages. */
  overlay = tc_ui_find (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, 0);
  for (int code = TC_API_ERROR_UNAUTHORIZED; code <= TC_API_ERROR_CONFLICT; code++)
    {
      g_autoptr(GError) api_error = g_error_new_literal (TC_API_ERROR, code, "");
      g_autofree char *message = tc_error_message_dup (api_error);
      g_autofree char *where = g_strdup_printf ("error message %d", code);

      check_text (where, message);
    }
  error = g_error_new_literal (TC_API_ERROR, TC_API_ERROR_NETWORK, "");
  tc_error_present (overlay, error);
  tc_ui_flush ();
  walk ("toast", overlay);

  /* The shortcuts, the about window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  walk_toplevel ("shortcuts window", GTK_TYPE_SHORTCUTS_WINDOW);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  tc_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 10);
  {
    GtkWidget *about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);

    /* Its own pages are libadwaita's, in libadwaita's domain. */
    check_string_property ("about", G_OBJECT (about), "application-name");
    check_string_property ("about", G_OBJECT (about), "comments");
    check_string_property ("about", G_OBJECT (about), "translator-credits");
    gtk_window_destroy (GTK_WINDOW (about));
  }

  for (guint i = 0; i < findings->len; i++)
    g_printerr ("not through gettext: %s\n", (char *) findings->pdata[i]);
  if (findings->len > 0)
    g_test_fail_printf ("%u texts on screen did not go through gettext (listed above)", findings->len);

  gtk_window_destroy (GTK_WINDOW (window));
  tc_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = NULL;
  guint n_languages;
  const TcLanguage *languages;
  int status;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tc_test_init (&argc, &argv);
  keyring = g_build_filename (g_get_user_data_dir (), "k.keyring", NULL);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "timecard-test", TRUE);
  g_setenv ("LANGUAGE", "en@pseudo", TRUE);
  tc_language_init_gettext ();
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The pseudo catalog is there, or the test would prove nothing. */
  g_assert_true (g_str_has_prefix (_("Welcome to Timecard"), "[Ŵéļçöɱé"));

  allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  findings = g_ptr_array_new_with_free_func (g_free);
  /* Languages by their own names. */
  languages = tc_language_get_all (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    allow_words (languages[i].native);
  /* The profile's date patterns and the clock. */
  allow_words ("MM DD YYYY AM PM");
  /* GTK's own words, in GTK's catalog: the key names of the shortcuts
   * window, its title bar and the password entry's "Show Text" tooltip. */
  allow_words ("Ctrl Shift Alt Escape Show Text Shortcuts");
  /* "Add a Translation…" names each language in English on purpose (the
   * name a translator searches for) and in the language itself. */
  {
    const TcLanguageInfo *table = tc_language_table_get (&n_languages);

    for (guint i = 0; i < n_languages; i++)
      {
        allow_words (table[i].english);
        allow_words (table[i].native);
        allow_words (table[i].code);
      }
  }

  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/pseudo-locale/everything", test_everything);

  status = g_test_run ();
  g_clear_object (&app);
  g_clear_pointer (&allowed, g_hash_table_unref);
  g_clear_pointer (&findings, g_ptr_array_unref);
  return status;
}
