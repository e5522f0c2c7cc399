/* test-accounts.c — several accounts side by side, in real windows
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two real timecard-services in-process — A seeded (owner "Ada Øwner" and
 * members member000NN@demo.example), B with one owner (Ada Lovelace,
 * ada@example.com) — plus the local account, all added through the
 * window's Add Account. Keys in libsecret's file backend. The tests run in
 * order over the same three accounts.
 *
 * With TC_TEST_BROKEN_KEYRING set (a second test() in meson.build) the
 * keyring file lies under a regular file, so every write to it fails: only
 * /accounts/keyring-refuses runs.
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "tc-application.h"
#include "tc-cache.h"
#include "tc-core-test-server.h"
#include "tc-remote-account.h"
#include "tc-sign-in-dialog.h"
#include "tc-test-tmp.h"
#include "tc-ui-test-util.h"
#include "tc-window-private.h"

static TcApplication *app;
static TcService *service_a;
static TcService *service_b;
static char *url_a, *url_b, *key_a, *key_b;
static TcWindow *main_window;

static const SecretSchema key_schema = {
  "io.github.timecard.Timecard.ApiKey", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

/* How many Timecard keys the keyring holds, and whose. */
static guint
count_keys (const char *server)
{
  g_autoptr(GError) error = NULL;
  GList *items;
  guint n = 0;

  if (server != NULL)
    items = secret_password_search_sync (&key_schema, SECRET_SEARCH_ALL, NULL, &error,
                                         "server", server, NULL);
  else
    items = secret_password_search_sync (&key_schema, SECRET_SEARCH_ALL, NULL, &error, NULL);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);
  return n;
}

static gboolean
shows_server (gpointer data)
{
  TcWindow *window = data;
  const char *server = g_object_get_data (data, "wanted-server");
  TcSession *session = tc_window_get_session (window);

  const char *page = tc_window_get_page (window);

  return session != NULL && g_str_equal (tc_account_get_server (tc_session_get_account (session)), server) &&
         !g_str_equal (page, "welcome") && !g_str_equal (page, "loading") && !g_str_equal (page, "error");
}

static void
wait_for_server (TcWindow   *window,
                 const char *server)
{
  g_object_set_data (G_OBJECT (window), "wanted-server", (gpointer) server);
  tc_test_wait_until (shows_server, window, 30);
}

/* The newest mapped toplevel of @type. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        found = toplevel;
    }
  return found;
}

static gboolean
has_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Add Account → "Clockify or Other Server…" → the sign-in dialog. */
static TcSignInDialog *
open_sign_in (TcWindow *window)
{
  AdwMessageDialog *choice;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL));
  choice = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (choice);
  g_assert_true (adw_message_dialog_has_response (choice, "local"));
  adw_message_dialog_response (choice, "server");
  tc_ui_flush ();
  tc_test_wait_until (has_toplevel, GSIZE_TO_POINTER (TC_TYPE_SIGN_IN_DIALOG), 10);
  return find_toplevel (TC_TYPE_SIGN_IN_DIALOG);
}

static void
submit (TcSignInDialog *dialog,
        const char     *server,
        const char     *key)
{
  GtkWidget *key_row = tc_ui_find (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, 0);

  tc_sign_in_dialog_set_server (dialog, server);
  gtk_editable_set_text (GTK_EDITABLE (key_row), key);
  g_signal_emit_by_name (key_row, "entry-activated");
}

static void
add_server_account (TcWindow   *window,
                    const char *server,
                    const char *key)
{
  submit (open_sign_in (window), server, key);
  wait_for_server (window, server);
}

static gboolean
local_named (gpointer data)
{
  TcWindow *window = data;
  g_auto(GStrv) labels = tc_account_menu_dup_labels (window->account_menu);

  return labels[0] != NULL && g_str_has_prefix (labels[0], "Grace Hopper, ");
}

/* The window on the local account, then A, then B added to it. */
static void
ensure_accounts (void)
{
  if (main_window != NULL)
    return;

  main_window = tc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (main_window), 960, 680);
  gtk_window_present (GTK_WINDOW (main_window));
  g_assert_cmpstr (tc_window_get_page (main_window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.use-local-account", NULL));
  wait_for_server (main_window, TC_ACCOUNT_SERVER_LOCAL);
  /* A name of the person's own rather than the login's; the menu follows
   * the profile. */
  tc_session_set_name (tc_window_get_session (main_window), "Grace Hopper");
  tc_test_wait_until (local_named, main_window, 30);
  add_server_account (main_window, url_a, key_a);
  add_server_account (main_window, url_b, key_b);
}

static char *
host_label (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
}

static GtkListBoxRow *
find_row (TcAccountMenu *menu,
          const char    *server)
{
  GtkWidget *list = tc_ui_find (GTK_WIDGET (menu), GTK_TYPE_LIST_BOX, 0);
  /* The rows are made when the menu opens, or when asked for these. */
  g_auto(GStrv) labels = tc_account_menu_dup_labels (menu);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      TcAccount *account = g_object_get_data (G_OBJECT (row), "tc-account");

      if (account != NULL && g_str_equal (tc_account_get_server (account), server))
        return GTK_LIST_BOX_ROW (row);
    }
  return NULL;
}

/* One click (or Enter) on the row of @server. */
static void
switch_to (TcWindow   *window,
           const char *server)
{
  GtkListBoxRow *row = find_row (window->account_menu, server);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
  gtk_widget_activate (GTK_WIDGET (row));
  wait_for_server (window, server);
}

static void
test_server_labels (void)
{
  static const char * const cases[] = {
    "local", "Local",
    "https://api.clockify.me/api", "Clockify",
    "https://euc1.clockify.me/api", "Clockify EU",
    "https://use2.clockify.me/api", "Clockify US",
    "https://euw2.clockify.me/api", "Clockify UK",
    "https://apse2.clockify.me/api", "Clockify AU",
    "https://developer.clockify.me/api", "Developer Sandbox",
    "https://time.example.com/api", "time.example.com",
    "https://time.example.com:443/api", "time.example.com",
    "https://time.example.com:8443/api", "time.example.com:8443",
    "http://127.0.0.1:4242/api", "127.0.0.1:4242",
  };
  const char * const *known = tc_remote_account_known_servers ();
  guint n_known = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i += 2)
    {
      g_autofree char *label = tc_account_dup_server_label_for (cases[i]);

      g_assert_cmpstr (label, ==, cases[i + 1]);
    }

  /* Every server the sign-in dialog offers has a short name. */
  for (; known[n_known * 2] != NULL; n_known++)
    {
      g_autofree char *label = tc_account_dup_server_label_for (known[n_known * 2]);

      g_assert_true (g_str_has_prefix (label, "Clockify") || g_str_equal (label, "Developer Sandbox"));
    }
  g_assert_cmpuint (n_known, ==, 6);
}

static void
test_menu_lists_accounts (void)
{
  g_auto(GStrv) labels = NULL;
  g_autofree char *host_a = host_label (url_a);
  g_autofree char *host_b = host_label (url_b);
  g_autofree char *want_a = NULL;
  g_autofree char *want_b = NULL;
  GtkListBoxRow *row;

  ensure_accounts ();

  /* In the order added; B is the one shown. */
  labels = tc_account_menu_dup_labels (main_window->account_menu);
  g_assert_cmpuint (g_strv_length (labels), ==, 3);
  g_test_message ("Rows: %s | %s | %s", labels[0], labels[1], labels[2]);
  g_assert_true (g_str_has_prefix (labels[0], "Grace Hopper, "));
  g_assert_true (g_str_has_suffix (labels[0], ", Local"));
  want_a = g_strdup_printf ("Ada Øwner, owner@demo.example, %s", host_a);
  want_b = g_strdup_printf ("Ada Lovelace, ada@example.com, %s, current account", host_b);
  g_assert_cmpstr (labels[1], ==, want_a);
  g_assert_cmpstr (labels[2], ==, want_b);

  /* Each row says it all to a screen reader, and shows an avatar. */
  row = find_row (main_window->account_menu, url_b);
  g_assert_nonnull (tc_ui_find (GTK_WIDGET (row), ADW_TYPE_AVATAR, 0));
  tc_ui_assert_accessible (GTK_WIDGET (main_window->account_menu));

  /* The menu is the primary menu: F10 opens it. */
  g_assert_true (gtk_menu_button_get_primary (main_window->account_button));

  /* Three keys, one per account. */
  g_assert_cmpuint (count_keys (NULL), ==, 3);
}

/* Binary data (SQLite pages) may hold NULs: no strstr. */
static gboolean
bytes_contain (const char *data,
               gsize       size,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
file_has (const char *path,
          const char *needle)
{
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *data = NULL;
      gsize size = 0;

      if (g_file_get_contents (file, &data, &size, NULL) &&
          bytes_contain (data, size, needle))
        return TRUE;
    }
  return FALSE;
}

static gboolean
cache_has_team_of_a (gpointer data)
{
  return file_has (data, "member00001@demo.example");
}

static gboolean
team_shows (gpointer data)
{
  const char *text = g_object_get_data (data, "wanted-label");

  return tc_ui_label_shown (data, text);
}

static void
wait_for_label (TcWindow   *window,
                const char *text)
{
  g_object_set_data (G_OBJECT (window), "wanted-label", (gpointer) text);
  tc_test_wait_until (team_shows, window, 30);
}

static char *
cache_path (TcWindow *window)
{
  TcAccount *account = tc_session_get_account (tc_window_get_session (window));

  return tc_cache_path_for_account (tc_account_get_server (account), tc_account_get_user_id (account));
}

/* Switching keeps each account's data apart: on screen and on disk. */
static void
test_switch_keeps_data_apart (void)
{
  g_autofree char *cache_a = NULL;
  g_autofree char *cache_b = NULL;
  TcSession *session_a;
  guint keys_before;

  ensure_accounts ();
  keys_before = count_keys (NULL);

  /* A, in one click, with its stored key: its team. */
  switch_to (main_window, url_a);
  session_a = tc_window_get_session (main_window);
  g_assert_null (find_toplevel (TC_TYPE_SIGN_IN_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-page", "s", "team"));
  wait_for_label (main_window, "@demo.example");
  cache_a = cache_path (main_window);
  tc_test_wait_until (cache_has_team_of_a, cache_a, 30);
  {
    g_autofree char *host_a = host_label (url_a);
    g_autofree char *title = g_strdup_printf ("Timecard — Ada Øwner (%s)", host_a);

    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (main_window)), ==, title);
  }

  /* B: its own team, and nothing of A's. */
  switch_to (main_window, url_b);
  g_assert_true (tc_window_get_session (main_window) != session_a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-page", "s", "team"));
  wait_for_label (main_window, "ada@example.com");
  g_assert_false (tc_ui_label_shown (GTK_WIDGET (main_window), "demo.example"));
  /* (The account menu, closed, names A: on screen is what counts.) */
  g_assert_false (tc_ui_label_shown (GTK_WIDGET (main_window), "Ada Øwner"));
  g_assert_null (tc_ui_find_label (GTK_WIDGET (main_window->team_page), "demo.example"));
  cache_b = cache_path (main_window);
  g_assert_cmpstr (cache_a, !=, cache_b);

  /* On disk: A's cache has no trace of B, B's none of A. */
  g_assert_true (file_has (cache_a, "member00001@demo.example"));
  g_assert_false (file_has (cache_a, "ada@example.com"));
  g_assert_false (file_has (cache_a, "Ada Lovelace"));
  g_assert_true (file_has (cache_b, "ada@example.com"));
  g_assert_false (file_has (cache_b, "demo.example"));
  g_assert_false (file_has (cache_b, "Ada Øwner"));
  /* Nor any key. */
  g_assert_false (file_has (cache_a, key_a));
  g_assert_false (file_has (cache_b, key_b));

  /* Nobody was asked for a key, and no key was added or removed. */
  g_assert_cmpuint (count_keys (NULL), ==, keys_before);
}

/* The application's window other than @window. */
static TcWindow *
other_window (TcWindow *window)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (l->data != window && TC_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_two_windows (void)
{
  g_auto(GStrv) accels = NULL;
  g_autofree char *title_a = NULL;
  g_autofree char *title_b = NULL;
  g_autofree char *host_a = NULL;
  g_autofree char *host_b = NULL;
  const char *page;
  TcWindow *second;

  ensure_accounts ();
  switch_to (main_window, url_b);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.new-window");
  g_assert_cmpstr (accels[0], ==, "<Control>n");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  second = other_window (main_window);
  g_assert_nonnull (second);

  /* It opens the last account used; the same account is the same session. */
  wait_for_server (second, url_b);
  g_assert_true (tc_window_get_session (second) == tc_window_get_session (main_window));

  /* Switched to A, the two windows show two accounts at once. */
  switch_to (second, url_a);
  g_assert_true (tc_window_get_session (second) != tc_window_get_session (main_window));
  g_assert_cmpstr (tc_account_get_server (tc_session_get_account (tc_window_get_session (main_window))), ==, url_b);
  host_a = host_label (url_a);
  host_b = host_label (url_b);
  title_a = g_strdup_printf ("Timecard — Ada Øwner (%s)", host_a);
  title_b = g_strdup_printf ("Timecard — Ada Lovelace (%s)", host_b);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (second)), ==, title_a);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (main_window)), ==, title_b);

  /* Each marks its own account as the current one. */
  {
    g_auto(GStrv) first_labels = tc_account_menu_dup_labels (main_window->account_menu);
    g_auto(GStrv) second_labels = tc_account_menu_dup_labels (second->account_menu);

    g_assert_true (g_str_has_suffix (first_labels[2], "current account"));
    g_assert_false (g_str_has_suffix (first_labels[1], "current account"));
    g_assert_true (g_str_has_suffix (second_labels[1], "current account"));
    g_assert_false (g_str_has_suffix (second_labels[2], "current account"));
  }

  /* Closing one leaves the other, and the application, as they were. */
  page = tc_window_get_page (main_window);
  gtk_window_close (GTK_WINDOW (second));
  tc_ui_flush ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_null (other_window (main_window));
  g_assert_cmpstr (tc_window_get_page (main_window), ==, page);
  g_assert_cmpstr (tc_account_get_server (tc_session_get_account (tc_window_get_session (main_window))), ==, url_b);
}

/* The popover is a surface of its own: put it over the window where it
 * opened, as a person sees it. */
static void
screenshot_menu (TcWindow *window)
{
  const char *dir = g_getenv ("TC_SCREENSHOT_DIR");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (window->account_button));
  g_autoptr(GdkPaintable) window_paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GdkPaintable) popover_paintable = gtk_widget_paintable_new (popover);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  double wx, wy, px, py;
  int width, height;
  int x = gdk_popup_get_position_x (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover))));
  int y = gdk_popup_get_position_y (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover))));

  /* Make sure both are drawn first (the helper waits for the layout). */
  tc_ui_screenshot (popover, "account-menu-popover");
  gtk_native_get_surface_transform (GTK_NATIVE (window), &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &px, &py);

  /* The popover may reach past the window's edge: keep all of it. */
  width = MAX (gtk_widget_get_width (GTK_WIDGET (window)),
               (int) (x + px - wx) + gtk_widget_get_width (popover));
  height = MAX (gtk_widget_get_height (GTK_WIDGET (window)),
                (int) (y + py - wy) + gtk_widget_get_height (popover));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (window_paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + px - wx, y + py - wy));
  gdk_paintable_snapshot (popover_paintable, snapshot, gtk_widget_get_width (popover),
                          gtk_widget_get_height (popover));
  gtk_snapshot_restore (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  if (dir != NULL && dir[0] != '\0')
    {
      g_autofree char *path = g_build_filename (dir, "account-menu.png", NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Saved %s", path);
    }
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
test_menu_screenshot (void)
{
  GtkPopover *popover;

  ensure_accounts ();
  switch_to (main_window, url_b);
  popover = gtk_menu_button_get_popover (main_window->account_button);
  gtk_menu_button_popup (main_window->account_button);
  tc_test_wait_until (popover_shown, popover, 10);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (main_window->account_menu)));
  screenshot_menu (main_window);

  /* Keyboard: the arrow keys reach the account rows from the menu. */
  {
    GtkWidget *focus = NULL;

    for (guint i = 0; i < 12 && !GTK_IS_LIST_BOX_ROW (focus); i++)
      {
        gtk_widget_child_focus (GTK_WIDGET (popover), GTK_DIR_DOWN);
        focus = gtk_root_get_focus (GTK_ROOT (main_window));
      }
    g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (main_window->account_menu)));
  }
  gtk_menu_button_popdown (main_window->account_button);
  tc_ui_flush ();
}

static gboolean
shows_other_account (gpointer data)
{
  TcSession *session = tc_window_get_session (data);

  return session != NULL && g_strcmp0 (tc_window_get_page (data), "profile") == 0 &&
         !g_str_equal (tc_account_get_server (tc_session_get_account (session)), url_b);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Sign out of B: confirmed by name; exactly B's key and cache go. */
static void
test_sign_out_one (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autoptr(GVariant) accounts = NULL;
  g_autofree char *cache_b = NULL;
  g_autofree char *cache_a = NULL;
  AdwMessageDialog *dialog;
  g_auto(GStrv) labels = NULL;

  ensure_accounts ();
  switch_to (main_window, url_a);
  cache_a = cache_path (main_window);
  switch_to (main_window, url_b);
  cache_b = cache_path (main_window);
  g_assert_true (g_file_test (cache_b, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_keys (NULL), ==, 3);
  g_assert_cmpuint (count_keys (url_b), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.sign-out", NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sign Out of Ada Lovelace?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "ada@example.com"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "sign-out"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "sign-out");

  /* The window moves to another remembered account. */
  tc_test_wait_until (shows_other_account, main_window, 30);
  tc_test_wait_until (file_gone, cache_b, 30);

  g_assert_cmpuint (count_keys (url_b), ==, 0);
  g_assert_cmpuint (count_keys (NULL), ==, 2);
  g_assert_cmpuint (count_keys (url_a), ==, 1);
  g_assert_cmpuint (count_keys (TC_ACCOUNT_SERVER_LOCAL), ==, 1);
  g_assert_true (g_file_test (cache_a, G_FILE_TEST_EXISTS));

  accounts = g_settings_get_value (settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (accounts), ==, 2);
  labels = tc_account_menu_dup_labels (main_window->account_menu);
  g_assert_cmpuint (g_strv_length (labels), ==, 2);
  for (guint i = 0; labels[i] != NULL; i++)
    g_assert_null (strstr (labels[i], "Ada Lovelace"));
}

static gboolean
message_shown (gpointer data)
{
  return gtk_widget_get_visible (data) && gtk_label_get_label (data)[0] != '\0';
}

static GtkWidget *
find_error_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Signs in to @server from a fresh dialog and returns what it says. */
static char *
sign_in_message (const char *server,
                 const char *key)
{
  TcSignInDialog *dialog = open_sign_in (main_window);
  GtkWidget *message = find_error_label (GTK_WIDGET (dialog));
  char *text;

  g_assert_nonnull (message);
  submit (dialog, server, key);
  tc_test_wait_until (message_shown, message, 60);
  text = g_strdup (gtk_label_get_label (GTK_LABEL (message)));
  g_test_message ("%s → %s", server, text);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tc_ui_flush ();
  return text;
}

static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_errors (void)
{
  g_autoptr(TcCoreTestServer) html = tc_core_test_server_new (NULL);
  g_autoptr(TcCoreTestServer) empty = tc_core_test_server_new (NULL);
  g_autoptr(TcCoreTestServer) elsewhere = tc_core_test_server_new (NULL);
  g_autofree char *html_url = tc_core_test_server_dup_base_url (html);
  g_autofree char *empty_url = tc_core_test_server_dup_base_url (empty);
  g_autofree char *elsewhere_url = tc_core_test_server_dup_base_url (elsewhere);
  g_autofree char *closed_url = g_strdup_printf ("http://127.0.0.1:%u/api", closed_port ());
  g_autofree char *text = NULL;
  guint keys_before;

  ensure_accounts ();
  keys_before = count_keys (NULL);

  /* A wrong key. */
  text = sign_in_message (url_a, "Wrong0000000000000000000000000000000000000000000");
  g_assert_nonnull (strstr (text, "does not accept this API key"));
  g_clear_pointer (&text, g_free);

  /* A web page where the API should be. */
  tc_core_test_server_push (html, 200, "<!DOCTYPE html><html><body>Welcome</body></html>",
                            "Content-Type", "text/html", 0);
  text = sign_in_message (html_url, "AnyKey000000000000000000000000000000000000000000");
  g_assert_nonnull (strstr (text, "not with JSON"));
  g_assert_nonnull (strstr (text, "Check the address"));
  g_clear_pointer (&text, g_free);

  /* JSON, but no user id. */
  tc_core_test_server_push (empty, 200, "{}", "Content-Type", "application/json", 0);
  text = sign_in_message (empty_url, "AnyKey000000000000000000000000000000000000000000");
  g_assert_nonnull (strstr (text, "has no user ID"));
  g_clear_pointer (&text, g_free);

  /* Something else entirely: no /v1/user here. */
  tc_core_test_server_push (elsewhere, 404, "<html>Not Found</html>", "Content-Type", "text/html", 0);
  text = sign_in_message (elsewhere_url, "AnyKey000000000000000000000000000000000000000000");
  g_assert_nonnull (strstr (text, "has no /v1/user"));
  g_clear_pointer (&text, g_free);

  /* Nobody listening. */
  text = sign_in_message (closed_url, "AnyKey000000000000000000000000000000000000000000");
  g_assert_nonnull (strstr (text, "Nothing answers at this address"));
  g_clear_pointer (&text, g_free);

  /* None of these kept anything. */
  g_assert_cmpuint (count_keys (NULL), ==, keys_before);
  g_assert_cmpuint (tc_core_test_server_count (html, "GET", "/v1/user"), ==, 1);
  g_assert_cmpuint (tc_core_test_server_count (empty, "GET", "/v1/user"), ==, 1);
}

static gboolean
has_memory_toast (gpointer data)
{
  GtkWidget *label = tc_ui_find_label (data, "kept only until you quit");

  /* What happened, and what helps. */
  return label != NULL && strstr (gtk_label_get_label (GTK_LABEL (label)), "unlock a password manager") != NULL;
}

/* The keyring refuses every write: each added account keeps its key in
 * memory for the session, the window says so, and switching back and
 * forth still needs no key. */
static void
test_keyring_refuses (void)
{
  TcWindow *window = tc_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (tc_window_get_page (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  tc_test_wait_until (has_toplevel, GSIZE_TO_POINTER (TC_TYPE_SIGN_IN_DIALOG), 10);
  submit (find_toplevel (TC_TYPE_SIGN_IN_DIALOG), url_a, key_a);
  wait_for_server (window, url_a);
  g_assert_true (tc_session_get_key_in_memory (tc_window_get_session (window)));
  tc_test_wait_until (has_memory_toast, window, 10);

  /* An added account too. */
  submit (open_sign_in (window), url_b, key_b);
  wait_for_server (window, url_b);
  g_assert_true (tc_session_get_key_in_memory (tc_window_get_session (window)));
  tc_test_wait_until (has_memory_toast, window, 10);

  /* Back to A, then B: from memory, no dialog, no error page. */
  switch_to (window, url_a);
  g_assert_true (tc_session_get_key_in_memory (tc_window_get_session (window)));
  switch_to (window, url_b);
  g_assert_null (find_toplevel (TC_TYPE_SIGN_IN_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
  tc_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring_dir = NULL;
  g_autofree char *keyring = NULL;
  gboolean broken_keyring = g_getenv ("TC_TEST_BROKEN_KEYRING") != NULL;
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  keyring_dir = tc_test_tmp_dir ("timecard-keyring-XXXXXX");
  if (broken_keyring)
    {
      g_autofree char *file = g_build_filename (keyring_dir, "not-a-folder", NULL);

      g_assert_true (g_file_set_contents (file, "", 0, NULL));
      keyring = g_build_filename (file, "test.keyring", NULL);
    }
  else
    keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "timecard-test", TRUE);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* A: seeded, with members; B: one owner. */
  {
    g_autofree char *db = g_build_filename (g_get_user_data_dir (), "service-a.db", NULL);

    g_mkdir_with_parents (g_get_user_data_dir (), 0700);
    service_a = tc_service_new (db, &error);
    g_assert_no_error (error);
    g_assert_true (tc_service_seed (service_a, 20, &key_a, &error));
    g_assert_no_error (error);
    g_assert_true (tc_service_listen (service_a, 0, &error));
    g_assert_no_error (error);
    url_a = tc_service_dup_base_url (service_a);
  }
  service_b = tc_test_service_new (NULL, &key_b);
  url_b = tc_service_dup_base_url (service_b);

  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  if (broken_keyring)
    g_test_add_func ("/accounts/keyring-refuses", test_keyring_refuses);
  else
    {
      g_test_add_func ("/accounts/server-labels", test_server_labels);
      g_test_add_func ("/accounts/menu-lists-accounts", test_menu_lists_accounts);
      g_test_add_func ("/accounts/switch-keeps-data-apart", test_switch_keeps_data_apart);
      g_test_add_func ("/accounts/two-windows", test_two_windows);
      g_test_add_func ("/accounts/menu-screenshot", test_menu_screenshot);
      g_test_add_func ("/accounts/errors", test_errors);
      g_test_add_func ("/accounts/sign-out-one", test_sign_out_one);
    }

  status = g_test_run ();

  if (main_window != NULL)
    gtk_window_destroy (GTK_WINDOW (main_window));
  tc_ui_flush ();
  g_clear_object (&app);
  tc_service_shutdown (service_a);
  tc_service_shutdown (service_b);
  g_clear_object (&service_a);
  g_clear_object (&service_b);
  g_free (url_a);
  g_free (url_b);
  g_free (key_a);
  g_free (key_b);
  return status;
}
