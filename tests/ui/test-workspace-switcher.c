/* test-workspace-switcher.c — switching and leaving workspaces in the window
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real TcWindow under Xvfb over a session on a seeded timecard-service
 * in-process: the owner is Owner of "Démo Company" (PRO) and "Side
 * Project" (FREE), Admin of "Partner Agency" (STANDARD) and a plain member
 * of "Open Source Club" (BASIC). With TC_SCREENSHOT_DIR set the open
 * switcher is rendered to workspace-switcher.png.
 */

#include "config.h"

#include <string.h>

#include "tc-application.h"
#include "tc-service-private.h"
#include "tc-ui-test-util.h"
#include "tc-window.h"
#include "tc-window-private.h"

static TcApplication *app;

typedef struct {
  TcService *service;
  char      *url;
  char      *key;
  TcSession *session;
  TcWindow  *window;
} Fixture;

static TcSession *
open_session (Fixture *fixture)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (fixture->url, NULL);
  g_autoptr(TcAccount) account = tc_account_new (fixture->url, "seeded-owner", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *session;

  tc_api_client_set_api_key (client, fixture->key);
  session = tc_session_new (account, client);
  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 30);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  return session;
}

/* Borrowed: the session's workspace named @name. */
static TcWorkspace *
workspace_named (TcSession  *session,
                 const char *name)
{
  GListModel *list = tc_session_get_workspaces (session);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TcWorkspace) workspace = g_list_model_get_item (list, i);

      if (g_strcmp0 (tc_workspace_get_name (workspace), name) == 0)
        return workspace;
    }
  return NULL;
}

static gboolean
roles_known (gpointer data)
{
  TcSession *session = data;
  TcWorkspace *partner = workspace_named (session, "Partner Agency");
  TcWorkspace *side = workspace_named (session, "Side Project");

  return partner != NULL && side != NULL &&
         g_strcmp0 (tc_workspace_get_caller_role (partner), "WORKSPACE_ADMIN") == 0 &&
         g_strcmp0 (tc_workspace_get_caller_role (side), "OWNER") == 0 &&
         tc_workspace_get_caller_is_admin (tc_session_get_active_workspace (session));
}

static gboolean
page_is (gpointer data)
{
  return g_strcmp0 (tc_window_get_page (data), g_object_get_data (data, "wanted-page")) == 0;
}

static void
wait_for_page (TcWindow   *window,
               const char *name)
{
  g_object_set_data (G_OBJECT (window), "wanted-page", (gpointer) name);
  tc_test_wait_until (page_is, window, 30);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("switcher-%u.db", ++counter);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->service = tc_service_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (tc_service_seed (fixture->service, 8, &fixture->key, &error));
  /* data 1: a server without our extension, as Clockify. */
  tc_service_set_extensions_enabled (fixture->service, GPOINTER_TO_INT (data) == 0);
  g_assert_true (tc_service_listen (fixture->service, 0, &error));
  g_assert_no_error (error);
  fixture->url = tc_service_dup_base_url (fixture->service);
  fixture->session = open_session (fixture);
  tc_test_wait_until (roles_known, fixture->session, 30);

  fixture->window = tc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 960, 680);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The first time there is no account; then the window reopens it. */
  if (g_strcmp0 (tc_window_get_page (fixture->window), "welcome") == 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.use-local-account", NULL));
  wait_for_page (fixture->window, "profile");
  _tc_window_set_session (fixture->window, fixture->session);
}

static gboolean
only_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  TcWindow *window = fixture->window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  tc_ui_flush ();
  g_assert_null (window);
  tc_test_wait_until (only_ref, fixture->session, 10);
  g_assert_finalize_object (fixture->session);
  tc_service_shutdown (fixture->service);
  tc_test_wait_until (only_ref, fixture->service, 10);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->url);
  g_free (fixture->key);
}

static GtkPopover *
switcher_popover (Fixture *fixture)
{
  return GTK_POPOVER (tc_ui_find (GTK_WIDGET (fixture->window->workspace_switcher), GTK_TYPE_POPOVER, 0));
}

static GtkListBox *
switcher_list (Fixture *fixture)
{
  return GTK_LIST_BOX (tc_ui_find (GTK_WIDGET (switcher_popover (fixture)), GTK_TYPE_LIST_BOX, 0));
}

static AdwActionRow *
row_named (Fixture    *fixture,
           const char *name)
{
  GtkListBox *list = switcher_list (fixture);

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
        return ADW_ACTION_ROW (row);
    }
  return NULL;
}

/* Whether the row's check mark (the suffix image) is shown. */
static gboolean
row_checked (AdwActionRow *row)
{
  GtkWidget *image = tc_ui_find (GTK_WIDGET (row), GTK_TYPE_IMAGE, 0);

  for (guint i = 1; image != NULL; i++)
    {
      if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), "object-select-symbolic") == 0)
        return gtk_widget_get_visible (image);
      image = tc_ui_find (GTK_WIDGET (row), GTK_TYPE_IMAGE, i);
    }
  g_assert_not_reached ();
}

static gboolean
active_is (gpointer data)
{
  Fixture *fixture = data;
  TcWorkspace *active = tc_session_get_active_workspace (fixture->session);

  return active != NULL &&
         g_strcmp0 (tc_workspace_get_name (active), g_object_get_data (G_OBJECT (fixture->window), "wanted-ws")) == 0;
}

static void
wait_for_active (Fixture    *fixture,
                 const char *name)
{
  g_object_set_data (G_OBJECT (fixture->window), "wanted-ws", (gpointer) name);
  tc_test_wait_until (active_is, fixture, 30);
}

static void
switch_by_row (Fixture    *fixture,
               const char *name)
{
  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  gtk_widget_activate (GTK_WIDGET (row_named (fixture, name)));
  wait_for_active (fixture, name);
  tc_ui_flush ();
}

static gboolean
team_lists (gpointer data)
{
  Fixture *fixture = data;

  return tc_ui_label_shown (GTK_WIDGET (fixture->window->team_page),
                            g_object_get_data (G_OBJECT (fixture->window), "wanted-member"));
}

static void
wait_for_member (Fixture    *fixture,
                 const char *name)
{
  g_object_set_data (G_OBJECT (fixture->window), "wanted-member", (gpointer) name);
  tc_test_wait_until (team_lists, fixture, 30);
}

/* Every workspace with plan and role, the active one checked; switching
 * changes the pages, the Team page's people, and the server's choice. */
static void
test_list_and_switch (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const expected[][2] = {
    { "Démo Company", "Pro · Owner" },
    { "Side Project", "Free · Owner" },
    { "Partner Agency", "Standard · Admin" },
    { "Open Source Club", "Basic · Member" },
  };
  GtkWidget *team_row = tc_ui_find_named (GTK_WIDGET (fixture->window), "team");
  g_autofree char *club_id = NULL;
  TcSession *again;

  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  tc_ui_flush ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (switcher_list (fixture))));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AdwActionRow *row = row_named (fixture, expected[i][0]);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, expected[i][1]);
      g_assert_true (row_checked (row) == (i == 0));
    }
  g_assert_null (gtk_list_box_get_row_at_index (switcher_list (fixture), 4));
  gtk_popover_popdown (switcher_popover (fixture));

  /* The owner's PRO team: Dmitrij is only there. */
  g_assert_true (gtk_widget_get_visible (team_row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "team"));
  wait_for_member (fixture, "Dmitrij Nowak");

  /* Admin: the Team page stays, with Partner Agency's people. */
  switch_by_row (fixture, "Partner Agency");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (switcher_popover (fixture))));
  g_assert_true (row_checked (row_named (fixture, "Partner Agency")));
  g_assert_false (row_checked (row_named (fixture, "Démo Company")));
  g_assert_cmpstr (tc_window_get_page (fixture->window), ==, "team");
  g_assert_true (gtk_widget_get_visible (team_row));
  wait_for_member (fixture, "Bea Pärtner");
  g_assert_false (tc_ui_label_shown (GTK_WIDGET (fixture->window->team_page), "Dmitrij Nowak"));

  /* Plain member: no Team or Webhooks; the window goes to the Profile. */
  switch_by_row (fixture, "Open Source Club");
  g_assert_false (gtk_widget_get_visible (team_row));
  g_assert_false (gtk_widget_get_visible (tc_ui_find_named (GTK_WIDGET (fixture->window), "webhooks")));
  g_assert_cmpstr (tc_window_get_page (fixture->window), ==, "profile");
  g_assert_false (tc_session_get_local_workspace_choice (fixture->session));
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (fixture->window->workspace_switcher), "Open Source Club"));

  /* Stored on the server: a new session (a restart) starts there. */
  club_id = g_strdup (tc_workspace_get_id (tc_session_get_active_workspace (fixture->session)));
  again = open_session (fixture);
  g_assert_cmpstr (tc_user_get_active_workspace (tc_session_get_user (again)), ==, club_id);
  g_assert_cmpstr (tc_workspace_get_id (tc_session_get_active_workspace (again)), ==, club_id);
  tc_test_wait_until (only_ref, again, 10);
  g_assert_finalize_object (again);
}

static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *trigger)
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
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (text, trigger) == 0)
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Ctrl+Alt+W opens the switcher on the active row; Down and Enter switch. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GtkShortcut) shortcut = find_shortcut (GTK_WIDGET (fixture->window), "<Control><Alt>w");
  GtkListBox *list = switcher_list (fixture);
  GtkWidget *focus;
  GtkWidget *next;

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (fixture->window), NULL));
  tc_test_wait_until (popover_shown, switcher_popover (fixture), 10);
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (switcher_popover (fixture))));
  g_assert_true (focus == GTK_WIDGET (row_named (fixture, "Démo Company")));

  /* What the Down arrow and Enter keys are bound to in a GtkListBox. */
  next = gtk_widget_get_next_sibling (focus);
  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (switcher_popover (fixture)))) == next);
  g_signal_emit_by_name (list, "activate-cursor-row");
  wait_for_active (fixture, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (next)));
  g_assert_cmpstr (tc_workspace_get_name (tc_session_get_active_workspace (fixture->session)), !=,
                   "Démo Company");
}

static gboolean
dialog_open (gpointer data)
{
  Fixture *fixture = data;
  GList *windows = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        g_object_set_data (G_OBJECT (fixture->window), "dialog", l->data);
        found = TRUE;
      }
  g_list_free (windows);
  return found;
}

static gboolean
left (gpointer data)
{
  Fixture *fixture = data;

  return workspace_named (fixture->session, "Open Source Club") == NULL &&
         tc_session_get_active_workspace (fixture->session) != NULL;
}

/* Leave: refused for the Owner before pressing anything, confirmed in a
 * dialog naming the workspace, done on the server. */
static void
test_leave (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *switcher = GTK_WIDGET (fixture->window->workspace_switcher);
  GtkWidget *leave = tc_ui_find_label (GTK_WIDGET (switcher_popover (fixture)), "Leave “Démo Company”");
  GtkWidget *profile = GTK_WIDGET (fixture->window->profile_page);
  AdwMessageDialog *dialog;
  g_autofree char *club_id = g_strdup (tc_workspace_get_id (workspace_named (fixture->session, "Open Source Club")));

  /* Owner: insensitive, with the reason on screen, here and on the Profile. */
  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  g_assert_nonnull (leave);
  g_assert_false (gtk_widget_is_sensitive (leave));
  g_assert_true (tc_ui_label_shown (switcher, "The owner cannot leave a workspace; transfer ownership first"));
  gtk_popover_popdown (switcher_popover (fixture));
  g_assert_true (tc_ui_label_shown (profile, "The owner cannot leave a workspace"));
  g_assert_false (gtk_widget_is_sensitive (tc_ui_find_action (profile, "profile.leave-workspace")));

  /* A member may leave, from the Profile page as from the switcher. */
  switch_by_row (fixture, "Open Source Club");
  g_assert_false (tc_ui_label_shown (profile, "cannot leave"));
  g_assert_true (gtk_widget_is_sensitive (tc_ui_find_action (profile, "profile.leave-workspace")));
  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  leave = tc_ui_find_label (GTK_WIDGET (switcher_popover (fixture)), "Leave “Open Source Club”");
  g_assert_true (gtk_widget_is_sensitive (leave));
  gtk_widget_activate (gtk_widget_get_ancestor (leave, GTK_TYPE_BUTTON));
  tc_test_wait_until (dialog_open, fixture, 10);
  dialog = g_object_get_data (G_OBJECT (fixture->window), "dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Leave “Open Source Club”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "lose your membership"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "leave"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  tc_ui_screenshot (GTK_WIDGET (dialog), "leave-workspace-dialog");
  adw_message_dialog_response (dialog, "leave");

  tc_test_wait_until (left, fixture, 30);
  g_assert_cmpint (_tc_db_int (fixture->service, -1, "SELECT COUNT(*) FROM memberships m "
                               "JOIN users u ON u.id = m.user_id WHERE u.is_bootstrap_owner = 1 "
                               "AND m.workspace_id = ?", "s", club_id), ==, 0);
  g_assert_null (row_named (fixture, "Open Source Club"));
  g_assert_nonnull (row_named (fixture, "Démo Company"));
}

static gboolean
toast_shown (gpointer data)
{
  return tc_ui_find_label (data, "you are not an active member of this workspace") != NULL;
}

static gboolean
spinner_spins (gpointer data)
{
  GtkWidget *spinner = tc_ui_find (data, GTK_TYPE_SPINNER, 0);

  return spinner != NULL && gtk_widget_get_visible (spinner) &&
         gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

static gboolean
switch_failed (gpointer data)
{
  return !spinner_spins (g_object_get_data (data, "row")) && toast_shown (data);
}

/* The server refuses (the membership went away meanwhile): a spinner
 * while asking, then the server's reason in a toast, and the window stays
 * where it was. */
static void
test_switch_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwActionRow *row;

  g_assert_true (_tc_db_exec (fixture->service, "UPDATE memberships SET status = 'INACTIVE' "
                             "WHERE workspace_id = ? AND role = 'WORKSPACE_ADMIN'", "s",
                             tc_workspace_get_id (workspace_named (fixture->session, "Partner Agency"))));
  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  row = row_named (fixture, "Partner Agency");
  gtk_widget_activate (GTK_WIDGET (row));
  /* The request may fail at once; the spinner is checked when it did not. */
  if (!toast_shown (fixture->window))
    g_assert_true (spinner_spins (row) || toast_shown (fixture->window));
  g_object_set_data (G_OBJECT (fixture->window), "row", row);
  tc_test_wait_until (switch_failed, fixture->window, 60);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (switcher_list (fixture))));
  g_assert_cmpstr (tc_workspace_get_name (tc_session_get_active_workspace (fixture->session)), ==,
                   "Démo Company");
  g_assert_true (row_checked (row_named (fixture, "Démo Company")));
}

/* Without the extension (Clockify): the choice is kept on this computer,
 * the switcher says so, and leaving points to the web. */
static void
test_no_extension (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *switcher = GTK_WIDGET (fixture->window->workspace_switcher);
  const char *line = "Remembered on this computer; Clockify keeps its own active workspace";
  AdwMessageDialog *dialog;
  g_autofree char *server_active = NULL;

  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  g_assert_false (tc_ui_label_shown (switcher, line));
  switch_by_row (fixture, "Open Source Club");
  server_active = _tc_db_dup_string (fixture->service, "SELECT active_ws FROM users "
                                     "WHERE is_bootstrap_owner = 1", NULL);
  g_assert_cmpstr (server_active, !=, tc_workspace_get_id (tc_session_get_active_workspace (fixture->session)));
  g_assert_false (gtk_widget_get_visible (tc_ui_find_named (GTK_WIDGET (fixture->window), "team")));
  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  g_assert_true (tc_ui_label_shown (switcher, line));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window->profile_page),
                                             "profile.leave-workspace", NULL));
  tc_test_wait_until (dialog_open, fixture, 10);
  dialog = g_object_get_data (G_OBJECT (fixture->window), "dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Leave “Open Source Club” on the Web");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "does not let apps leave"));
  g_assert_false (adw_message_dialog_has_response (dialog, "leave"));
  adw_message_dialog_response (dialog, "close");
  g_assert_nonnull (workspace_named (fixture->session, "Open Source Club"));
}

/* The window with the open popover drawn over it where it sits. */
static void
shoot_switcher (Fixture *fixture)
{
  const char *dir = g_getenv ("TC_SCREENSHOT_DIR");
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *popover = GTK_WIDGET (switcher_popover (fixture));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  g_autoptr(GdkPaintable) window_paint = gtk_widget_paintable_new (window);
  g_autoptr(GdkPaintable) popover_paint = gtk_widget_paintable_new (popover);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  double window_x, window_y, popover_x, popover_y;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  gdk_paintable_snapshot (window_paint, snapshot, width, height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
                            gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
                            gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y));
  gdk_paintable_snapshot (popover_paint, snapshot,
                          gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  gtk_snapshot_restore (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  if (dir != NULL && dir[0] != '\0')
    {
      g_autofree char *path = g_build_filename (dir, "workspace-switcher.png", NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Saved %s", path);
    }
}

/* Accessible names, and the screenshot of the open switcher. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 560);
  tc_workspace_switcher_popup (fixture->window->workspace_switcher);
  tc_test_wait_until (popover_shown, switcher_popover (fixture), 10);
  tc_ui_assert_accessible (GTK_WIDGET (switcher_popover (fixture)));
  tc_ui_assert_accessible (GTK_WIDGET (fixture->window->workspace_switcher));
  /* Rendered alone first, so layout and style have settled. */
  tc_ui_screenshot (GTK_WIDGET (switcher_popover (fixture)), "workspace-switcher-popover");
  shoot_switcher (fixture);
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/switcher/list-and-switch", test_list_and_switch);
  ADD ("/switcher/keyboard", test_keyboard);
  ADD ("/switcher/leave", test_leave);
  ADD ("/switcher/screenshot", test_screenshot);
  ADD ("/switcher/switch-fails", test_switch_fails);
#undef ADD
  g_test_add ("/switcher/no-extension", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_no_extension, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
