/* test-keyboard.c — the window without a mouse: Tab reaches every control of
 * the Profile page and of each Preferences tab, Space and Enter change a
 * setting on the server, and the accelerators (Ctrl+, Ctrl+? Ctrl+F Escape
 * Ctrl+Q) do what the shortcuts window says.
 *
 * Keys go through the widgets' own shortcut controllers (the class
 * keybindings and the application's accelerators), the path a key press
 * takes once GTK has matched it; GTK 4 has no public way to inject one.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-application.h"
#include "tc-preferences-email-page.h"
#include "tc-preferences-page.h"
#include "tc-team-page.h"
#include "tc-time-zone-dialog.h"
#include "tc-ui-test-util.h"
#include "tc-window.h"

#define MAX_TAB_STEPS 200

static TcApplication *app;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Lets size allocation settle (the header bar's view switcher picks its
 * wide or narrow form from it) before moving the focus around. */
static void
wait_for_layout (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, &frames, NULL);

  gtk_widget_queue_draw (widget);
  tc_test_wait_until (two_frames, &frames, 5);
  gtk_widget_remove_tick_callback (widget, id);
  tc_ui_flush ();
}

static gboolean
page_is_profile (gpointer data)
{
  return g_strcmp0 (tc_window_get_page (data), "profile") == 0;
}

static TcWindow *
open_window (void)
{
  TcWindow *window = tc_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  gtk_window_present (GTK_WINDOW (window));
  if (g_strcmp0 (tc_window_get_page (window), "welcome") == 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.use-local-account", NULL));
  tc_test_wait_until (page_is_profile, window, 30);
  wait_for_layout (GTK_WIDGET (window));
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

/* Keys */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers);
  if (!GTK_IS_KEYVAL_TRIGGER (trigger))
    return FALSE;

  return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;
}

static gboolean
activate_in (GtkWidget       *widget,
             guint            keyval,
             GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget, gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

/* Offers the key to the focus widget and then to each of its ancestors up
 * to @window, as the bubble phase does. */
static gboolean
press (GtkWindow       *window,
       guint            keyval,
       GdkModifierType  modifiers)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  gboolean handled = FALSE;

  /* The handler may destroy the widgets: stop at the first that takes it. */
  for (GtkWidget *w = focus ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    if ((handled = activate_in (w, keyval, modifiers)))
      break;
  tc_ui_flush ();
  return handled;
}

/* Tab traversal */

static gboolean
is_control (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
           gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (widget));
  if (ADW_IS_ACTION_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) || ADW_IS_COMBO_ROW (widget);

  return GTK_IS_SWITCH (widget) || GTK_IS_BUTTON (widget) || GTK_IS_LIST_VIEW (widget) || GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_CHECK_BUTTON (widget);
}

/* Controls made of parts, counted once (a list view is one Tab stop, its
 * items are reached with the arrows); and the window manager's buttons,
 * which GTK keeps out of the focus chain on purpose (Alt+F4 closes). */
static gboolean
is_opaque (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) ||
         ADW_IS_COMBO_ROW (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) ||
         GTK_IS_DROP_DOWN (widget) || GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_SCROLLBAR (widget) ||
         GTK_IS_LIST_VIEW (widget);
}

static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return;

  if (is_control (widget))
    g_ptr_array_add (controls, widget);
  if (is_opaque (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, controls);
}

static char *
describe (GtkWidget *widget)
{
  const char *title = NULL;

  if (ADW_IS_PREFERENCES_ROW (widget))
    title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (GTK_IS_BUTTON (widget))
    title = gtk_button_get_label (GTK_BUTTON (widget));

  for (GtkWidget *w = widget; title == NULL && w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_PREFERENCES_ROW (w))
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w));

  return g_strdup_printf ("%s “%s” (%s)", G_OBJECT_TYPE_NAME (widget),
                          title ? title : "", gtk_widget_get_name (widget));
}

/* Moves the focus in @direction from the window's start until it comes
 * back to a widget it rested on before, and returns every widget it rested
 * on. A list box is entered at its cursor row, so rows above the cursor
 * are reached going backward (Shift+Tab), as a person would. */
static GPtrArray *
tab_through (GtkWindow        *window,
             GtkDirectionType  direction)
{
  GPtrArray *visited = g_ptr_array_new ();

  gtk_window_set_focus (window, NULL);
  for (guint step = 0; step < MAX_TAB_STEPS; step++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (window), direction);
      tc_ui_flush ();
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL || g_ptr_array_find (visited, focus, NULL))
        break;
      g_ptr_array_add (visited, focus);
    }

  return visited;
}

static gboolean
was_reached (GtkWidget *control,
             GPtrArray *visited)
{
  for (guint i = 0; i < visited->len; i++)
    if (visited->pdata[i] == control || gtk_widget_is_ancestor (visited->pdata[i], control))
      return TRUE;

  return FALSE;
}

static void
assert_all_reached (GtkWindow  *window,
                    const char *page)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GPtrArray) visited = tab_through (window, GTK_DIR_TAB_FORWARD);
  g_autoptr(GPtrArray) backward = tab_through (window, GTK_DIR_TAB_BACKWARD);
  guint stops = visited->len, missed = 0;

  g_ptr_array_extend_and_steal (visited, g_steal_pointer (&backward));
  collect_controls (GTK_WIDGET (window), controls);
  for (guint i = 0; i < controls->len; i++)
    {
      g_autofree char *name = describe (controls->pdata[i]);

      if (was_reached (controls->pdata[i], visited))
        continue;
      g_test_message ("%s: Tab never reaches %s", page, name);
      missed++;
    }

  g_test_message ("%s: %u controls, %u focus stops forward, %u backward, %u missed",
                  page, controls->len, stops, visited->len - stops, missed);
  g_assert_cmpuint (controls->len, >, 3);
  g_assert_cmpuint (visited->len, <, 2 * MAX_TAB_STEPS);
  g_assert_cmpuint (missed, ==, 0);
}

static AdwViewStack *
preferences_stack (TcWindow *window)
{
  GtkWidget *page = tc_ui_find (GTK_WIDGET (window), TC_TYPE_PREFERENCES_PAGE, 0);

  return tc_preferences_page_get_view_stack (TC_PREFERENCES_PAGE (page));
}

static void
show_tab (TcWindow   *window,
          const char *tab)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "preferences"));
  adw_view_stack_set_visible_child_name (preferences_stack (window), tab);
  wait_for_layout (GTK_WIDGET (window));
}

static void
test_tab_profile (void)
{
  TcWindow *window = open_window ();

  assert_all_reached (GTK_WINDOW (window), "Profile");
  close_window (window);
}

static void
test_tab_preferences (gconstpointer data)
{
  const char *tab = data;
  TcWindow *window = open_window ();

  show_tab (window, tab);
  /* The spin button next to it is only sensitive with it on. */
  if (g_str_equal (tab, "general"))
    {
      GtkWidget *collapse = tc_ui_find (GTK_WIDGET (window), GTK_TYPE_SWITCH, 1);

      gtk_switch_set_active (GTK_SWITCH (collapse), TRUE);
      wait_for_layout (GTK_WIDGET (window));
      g_assert_nonnull (tc_ui_find (GTK_WIDGET (window), GTK_TYPE_SPIN_BUTTON, 0));
    }
  assert_all_reached (GTK_WINDOW (window), tab);
  close_window (window);
}

/* Activation */

static char *
lookup_key (TcSession *session)
{
  TcAccount *account = tc_session_get_account (session);
  g_autoptr(TcSecretStore) store = tc_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  tc_secret_store_lookup_async (store, tc_account_get_server (account), tc_account_get_user_id (account),
                                NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  key = tc_secret_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);
  return key;
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (data) == 0;
}

/* What the service stored, asked with a client of our own. */
static gboolean
server_newsletter (TcSession *session)
{
  const char *base_url = tc_api_client_get_base_url (tc_session_get_client (session));
  g_autofree char *key = lookup_key (session);
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *settings;

  tc_ui_flush ();
  tc_test_wait_until (no_pending_edits, session, 10);
  client = tc_api_client_new (base_url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (client, key);
  tc_api_client_request_async (client, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (client, result, &body, &error));
  g_assert_no_error (error);
  settings = json_object_get_object_member (json_node_get_object (body), "settings");
  return json_object_get_boolean_member (settings, "sendNewsletter");
}

/* Tabs from the start of the window until @target has the focus. */
static void
tab_to (GtkWindow *window,
        GtkWidget *target)
{
  gtk_window_set_focus (window, NULL);
  for (guint step = 0; step < MAX_TAB_STEPS; step++)
    {
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      tc_ui_flush ();
      if (gtk_root_get_focus (GTK_ROOT (window)) == target)
        return;
    }

  g_error ("Tab never reaches %s", G_OBJECT_TYPE_NAME (target));
}

static void
test_activate_switch (void)
{
  TcWindow *window = open_window ();
  TcSession *session = tc_window_get_session (window);
  GtkWidget *page, *toggle, *row;
  gboolean before = server_newsletter (session);

  show_tab (window, "email");
  page = tc_ui_find (GTK_WIDGET (window), TC_TYPE_PREFERENCES_EMAIL_PAGE, 0);
  toggle = tc_ui_find (page, GTK_TYPE_SWITCH, 0);
  row = gtk_widget_get_ancestor (toggle, ADW_TYPE_ACTION_ROW);
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (toggle)), ==, before);

  /* Space on the Newsletter switch. */
  tab_to (GTK_WINDOW (window), toggle);
  g_assert_true (press (GTK_WINDOW (window), GDK_KEY_space, 0));
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (toggle)), !=, before);
  g_assert_cmpint (server_newsletter (session), !=, before);

  /* Enter on its row flips it back. */
  tab_to (GTK_WINDOW (window), row);
  g_assert_true (press (GTK_WINDOW (window), GDK_KEY_Return, 0));
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (toggle)), ==, before);
  g_assert_cmpint (server_newsletter (session), ==, before);
  close_window (window);
}

/* Accelerators */

static char *
accel_key (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  return g_strdup_printf ("%u/%u", gdk_keyval_to_lower (keyval), modifiers);
}

/* Every accelerator the shortcuts window shows, normalised. */
static GHashTable *
listed_accels (GtkWidget *overlay)
{
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *shortcut;

  for (guint i = 0; (shortcut = tc_ui_find (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT, i)) != NULL; i++)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (shortcut, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator ? accelerator : "", " ", -1);
      for (guint j = 0; accels[j] != NULL; j++)
        if (accels[j][0] != '\0')
          g_hash_table_add (listed, accel_key (accels[j]));
    }

  return listed;
}

static void
assert_listed (GHashTable *listed,
               const char *accelerator,
               const char *what)
{
  g_autofree char *key = accel_key (accelerator);

  if (!g_hash_table_contains (listed, key))
    {
      g_test_message ("The shortcuts window does not list %s (%s)", accelerator, what);
      g_test_fail ();
    }
}

static void
assert_shortcuts_complete (GtkWidget *overlay)
{
  /* Keybindings of the app's own widgets, which no action description names. */
  static const char *bindings[][2] = {
    { "<Control>f", "search a list (time zones, team members)" },
    { "Escape", "close a dialog" },
    { "<Control>s", "save the member editor" },
  };
  g_autoptr(GHashTable) listed = listed_accels (overlay);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        assert_listed (listed, accels[j], actions[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    assert_listed (listed, bindings[i][0], bindings[i][1]);
}

static void
assert_accel (const char *action,
              const char *accelerator)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_true (g_strv_contains ((const char * const *) accels, accelerator));
}

static void
test_preferences_and_shortcuts (void)
{
  TcWindow *window = open_window ();
  GtkWidget *overlay;

  assert_accel ("win.show-page::preferences", "<Control>comma");
  assert_accel ("win.show-help-overlay", "<Control>question");
  assert_accel ("app.quit", "<Control>q");

  /* From the Name field: accelerators work while typing too. */
  g_assert_true (gtk_widget_grab_focus (tc_ui_find (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, 0)));
  g_assert_true (press (GTK_WINDOW (window), GDK_KEY_comma, GDK_CONTROL_MASK));
  g_assert_cmpstr (tc_window_get_page (window), ==, "preferences");

  g_assert_true (press (GTK_WINDOW (window), GDK_KEY_question, GDK_CONTROL_MASK));
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (overlay));
  assert_shortcuts_complete (overlay);

  g_assert_true (press (GTK_WINDOW (overlay), GDK_KEY_Escape, 0));
  g_assert_false (gtk_widget_get_visible (overlay));
  /* Again: the same window, shown again, not a second one. */
  g_assert_true (press (GTK_WINDOW (window), GDK_KEY_question, GDK_CONTROL_MASK));
  g_assert_true (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) == overlay);
  g_assert_true (gtk_widget_get_visible (overlay));
  g_assert_true (press (GTK_WINDOW (overlay), GDK_KEY_Escape, 0));
  close_window (window);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }

  return NULL;
}

static gboolean
zones_loaded (gpointer data)
{
  return tc_time_zone_dialog_is_loaded (data);
}

static GtkWidget *
find_titled_row (GtkWidget  *widget,
                 const char *title)
{
  GtkWidget *row;

  for (guint i = 0; (row = tc_ui_find (widget, ADW_TYPE_ACTION_ROW, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;

  return NULL;
}

static void
test_time_zone_dialog (void)
{
  TcWindow *window = open_window ();
  GtkWidget *zone_row, *search, *first_row;
  GtkWindow *dialog;

  show_tab (window, "time");
  zone_row = find_titled_row (GTK_WIDGET (window), "Time zone");
  g_assert_nonnull (zone_row);
  tab_to (GTK_WINDOW (window), zone_row);
  g_assert_true (press (GTK_WINDOW (window), GDK_KEY_Return, 0));
  dialog = find_toplevel (TC_TYPE_TIME_ZONE_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tc_test_wait_until (zones_loaded, dialog, 10);
  tc_ui_flush ();
  tc_ui_assert_accessible (GTK_WIDGET (dialog));

  /* From the list, Ctrl+F goes back to the search entry. */
  search = tc_ui_find (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY, 0);
  first_row = tc_ui_find (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX_ROW, 0);
  g_assert_true (gtk_widget_grab_focus (first_row));
  g_assert_true (press (dialog, GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), search));

  /* Tab from the search entry reaches the list. */
  gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         tc_ui_find (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, 0)) ||
                 GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (dialog))));

  /* Escape closes it, and the zone stays. */
  g_assert_true (press (dialog, GDK_KEY_Escape, 0));
  g_assert_null (dialog);
  close_window (window);
}

static void
test_escape_closes_sign_out (void)
{
  TcWindow *window = open_window ();
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tc_ui_assert_accessible (GTK_WIDGET (dialog));
  g_assert_true (press (dialog, GDK_KEY_Escape, 0));
  g_assert_null (dialog);
  /* Cancelled: still signed in. */
  g_assert_nonnull (tc_window_get_session (window));
  close_window (window);
}

static gboolean
team_row_visible (gpointer data)
{
  return gtk_widget_get_visible (tc_ui_find_named (data, "team"));
}

static GtkWidget *
show_team (TcWindow *window)
{
  tc_test_wait_until (team_row_visible, window, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "team"));
  wait_for_layout (GTK_WIDGET (window));
  return tc_ui_find (GTK_WIDGET (window), TC_TYPE_TEAM_PAGE, 0);
}

static void
test_tab_team (void)
{
  TcWindow *window = open_window ();

  show_team (window);
  assert_all_reached (GTK_WINDOW (window), "Team");
  close_window (window);
}

/* Ctrl+F searches the members from the page and from the sidebar. */
static void
test_team_search (void)
{
  TcWindow *window = open_window ();
  GtkWidget *page = show_team (window);
  GtkWidget *search = tc_ui_find (page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *sources[] = { tc_ui_find (page, GTK_TYPE_LIST_VIEW, 0), tc_ui_find_named (GTK_WIDGET (window), "team") };

  g_assert_nonnull (search);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_assert_nonnull (sources[i]);
      g_assert_true (gtk_widget_grab_focus (sources[i]));
      g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search));
      g_assert_true (press (GTK_WINDOW (window), GDK_KEY_f, GDK_CONTROL_MASK));
      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search));
    }
  close_window (window);
}

static void
test_quit (void)
{
  TcWindow *window = open_window ();

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (press (GTK_WINDOW (window), GDK_KEY_q, GDK_CONTROL_MASK));
  g_assert_null (window);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
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
  keyring = g_build_filename (g_get_user_data_dir (), "k.keyring", NULL);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "timecard-test", TRUE);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/keyboard/tab-profile", test_tab_profile);
  g_test_add_data_func ("/keyboard/tab-preferences-general", "general", test_tab_preferences);
  g_test_add_data_func ("/keyboard/tab-preferences-time", "time", test_tab_preferences);
  g_test_add_data_func ("/keyboard/tab-preferences-email", "email", test_tab_preferences);
  g_test_add_func ("/keyboard/tab-team", test_tab_team);
  g_test_add_func ("/keyboard/activate-switch", test_activate_switch);
  g_test_add_func ("/keyboard/preferences-and-shortcuts", test_preferences_and_shortcuts);
  g_test_add_func ("/keyboard/time-zone-dialog", test_time_zone_dialog);
  g_test_add_func ("/keyboard/escape-closes-sign-out", test_escape_closes_sign_out);
  g_test_add_func ("/keyboard/team-search", test_team_search);
  /* Last: it closes every window. */
  g_test_add_func ("/keyboard/quit", test_quit);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
