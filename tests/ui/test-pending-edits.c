/* test-pending-edits.c — issue 9 through the window: a rename made while
 * the server cannot be reached waits in the outbox, the banner counts it,
 * the pending-edits dialog lists it and can discard it, and after a quit
 * the next start delivers it, once.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real timecard-service in-process (stopped and started again on the
 * same port and database), a real TcWindow under Xvfb. With
 * TC_SCREENSHOT_DIR set, the banner and the dialog are rendered there.
 */

#include "config.h"

#include <string.h>

#include "tc-application.h"
#include "tc-member-profile.h"
#include "tc-member-text.h"
#include "tc-pending-edits-dialog.h"
#include "tc-session-private.h"
#include "tc-ui-test-util.h"
#include "tc-window.h"
#include "tc-window-private.h"

static TcApplication *app;

typedef struct {
  TcService   *service;
  TcApiClient *client;
  TcSession   *session;
  TcWindow    *window;
  char        *account;
  char        *db;
  char        *owner_id;
  char        *api_key;
  guint        port;
} Fixture;

/* With @extensions FALSE the service answers as real Clockify does: no
 * PATCH /v1/user or /v1/user/settings. */
static void
start_service_with (Fixture  *fixture,
                    gboolean  extensions)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (fixture->service);
  fixture->service = tc_service_new (fixture->db, &error);
  g_assert_no_error (error);
  tc_service_set_extensions_enabled (fixture->service, extensions);
  if (fixture->owner_id == NULL)
    {
      g_assert_true (tc_service_bootstrap_owner (fixture->service, "Ada Lovelace", "ada@example.com",
                                                 &fixture->owner_id, &fixture->api_key, &error));
      g_assert_no_error (error);
    }
  g_assert_true (tc_service_listen (fixture->service, fixture->port, &error));
  g_assert_no_error (error);
  fixture->port = tc_service_get_port (fixture->service);
}

static void
start_service (Fixture *fixture)
{
  start_service_with (fixture, TRUE);
}

static void
stop_service (Fixture *fixture)
{
  tc_service_shutdown (fixture->service);
  g_clear_object (&fixture->service);
}

/* A session over the same account (and so the same cache) as the app's
 * next start would open. */
static TcSession *
open_session (Fixture *fixture)
{
  g_autoptr(TcAccount) account = tc_account_new (fixture->account, fixture->owner_id, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *session;

  session = tc_session_new (account, fixture->client);
  _tc_session_set_retry_delays (session, 60000, 60000);
  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  return session;
}

static void
show_window (Fixture *fixture)
{
  fixture->window = tc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 960, 680);
  gtk_window_present (GTK_WINDOW (fixture->window));
  _tc_window_set_session (fixture->window, fixture->session);
  gtk_stack_set_visible_child_name (fixture->window->stack, "main");
  _tc_window_show_content (fixture->window, "profile");
  tc_ui_flush ();
}

/* What quitting does: the window goes, then the session. */
static void
quit (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      tc_ui_flush ();
      g_assert_null (fixture->window);
    }
  g_clear_object (&fixture->session);
  tc_ui_flush ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *base_url = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->account = g_strdup_printf ("pending-%u.db", ++counter);
  fixture->db = g_build_filename (g_get_user_data_dir (), fixture->account, NULL);
  start_service (fixture);
  base_url = tc_service_dup_base_url (fixture->service);
  fixture->client = tc_api_client_new (base_url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (fixture->client, fixture->api_key);
  tc_api_client_set_retry_policy (fixture->client, 1, 1, 1);
  fixture->session = open_session (fixture);
  show_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  quit (fixture);
  g_clear_object (&fixture->client);
  if (fixture->service != NULL)
    {
      tc_service_shutdown (fixture->service);
      g_assert_finalize_object (fixture->service);
    }
  g_free (fixture->account);
  g_free (fixture->db);
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
}

/* GET /v1/user with a client of its own: what the service stored. */
static char *
stored_name (Fixture *fixture)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (tc_api_client_get_base_url (fixture->client), NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  tc_api_client_set_api_key (client, fixture->api_key);
  tc_api_client_request_async (client, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (client, result, &body, &error));
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (body), "name"));
}

/* Another client (a browser tab) renames the user. */
static void
rename_elsewhere (Fixture    *fixture,
                  const char *name)
{
  g_autoptr(TcApiClient) client = tc_api_client_new (tc_api_client_get_base_url (fixture->client), NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (object, "name", name);
  json_node_set_object (body, object);
  tc_api_client_set_api_key (client, fixture->api_key);
  tc_api_client_request_async (client, "PATCH", "/v1/user", body, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (client, result, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
is_offline (gpointer data)
{
  return tc_session_get_offline (data);
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (data) == 0;
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (data) && gtk_widget_get_child_visible (data);
}

/* Keys, as the window's shortcut controllers take them (bubble phase). */
static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval);
  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0;
}

static gboolean
press (GtkWindow *window,
       guint      keyval)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval) &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                GTK_SHORTCUT_ACTION_EXCLUSIVE, w,
                                                gtk_shortcut_get_arguments (shortcut)))
                {
                  tc_ui_flush ();
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}

/* Tabs from the start of @window until @target has the focus. */
static void
tab_to (GtkWindow *window,
        GtkWidget *target)
{
  gtk_window_set_focus (window, NULL);
  for (guint step = 0; step < 200; step++)
    {
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      tc_ui_flush ();
      if (gtk_root_get_focus (GTK_ROOT (window)) == target)
        return;
    }
  g_error ("Tab never reaches %s", G_OBJECT_TYPE_NAME (target));
}

/* The server is gone; the person renames themselves on the Profile page. */
static void
rename_offline (Fixture    *fixture,
                const char *name)
{
  GtkWidget *profile = GTK_WIDGET (fixture->window->profile_page);
  GtkWidget *name_row = tc_ui_find (profile, ADW_TYPE_ENTRY_ROW, 0);
  GtkWidget *status;

  stop_service (fixture);
  gtk_editable_set_text (GTK_EDITABLE (name_row), name);
  g_signal_emit_by_name (name_row, "apply");
  /* Shown at once, and it stays. */
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, name);
  tc_test_wait_until (is_offline, fixture->session, 20);
  tc_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, name);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, name);
  g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), ==, 1);
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_null (tc_ui_find_label (GTK_WIDGET (fixture->window), "Cannot reach the server"));
  /* The row says it waits. */
  status = GTK_WIDGET (gtk_widget_get_template_child (profile, TC_TYPE_PROFILE_PAGE, "name_status"));
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (status), ==, "Waiting to be sent");
}

static TcPendingEditsDialog *
open_pending_dialog (Fixture *fixture)
{
  GtkWidget *button = GTK_WIDGET (fixture->window->pending_button);
  GtkWindow *dialog;

  /* The banner's button is reachable from the keyboard. */
  g_assert_true (gtk_widget_get_visible (button));
  tab_to (GTK_WINDOW (fixture->window), button);
  g_signal_emit_by_name (button, "clicked");
  tc_ui_flush ();
  dialog = fixture->window->pending_dialog;
  g_assert_true (TC_IS_PENDING_EDITS_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  return TC_PENDING_EDITS_DIALOG (dialog);
}

static GtkWidget *
nth_row (TcPendingEditsDialog *dialog,
         int                   n)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (tc_pending_edits_dialog_get_list (dialog), n));
}

/* Issue 9's own reproducer: renamed while offline, then quit; the next
 * start sends the name, once. */
static void
test_rename_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkRevealer *banner = fixture->window->offline_revealer;
  TcPendingEditsDialog *dialog;
  GtkWidget *row, *discard;
  g_autofree char *name = NULL;
  g_autofree char *accessible = NULL;

  rename_offline (fixture, "Ada King");

  /* The banner tells the truth. */
  tc_test_wait_until (banner_shown, banner, 10);
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (banner), "Offline"));
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (banner), "1 change waiting to be sent"));
  tc_ui_screenshot (GTK_WIDGET (fixture->window), "pending-banner");

  /* The dialog lists it: which object, which field, old → new. */
  dialog = open_pending_dialog (fixture);
  row = nth_row (dialog, 0);
  g_assert_nonnull (row);
  g_assert_null (nth_row (dialog, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Name");
  g_test_message ("row: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Your profile · Ada Lovelace → Ada King");
  discard = tc_ui_find (row, GTK_TYPE_BUTTON, 0);
  g_assert_nonnull (discard);
  g_assert_true (gtk_widget_is_sensitive (discard));
  g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Discard change to Name") == NULL);
  tc_ui_assert_accessible (GTK_WIDGET (dialog));
  tab_to (GTK_WINDOW (dialog), discard);
  tc_ui_screenshot (GTK_WIDGET (dialog), "pending-edits");

  /* Escape closes it; the edit stays. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (press (GTK_WINDOW (dialog), GDK_KEY_Escape));
  g_assert_null (dialog);
  g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), ==, 1);

  /* Quitting does not wait for the network, and loses nothing. */
  quit (fixture);
  start_service (fixture);
  name = stored_name (fixture);
  g_assert_cmpstr (name, ==, "Ada Lovelace");

  /* The next start sends it. */
  fixture->session = open_session (fixture);
  tc_test_wait_until (no_pending_edits, fixture->session, 20);
  g_clear_pointer (&name, g_free);
  name = stored_name (fixture);
  g_assert_cmpstr (name, ==, "Ada King");

  /* Once: renamed elsewhere afterwards, neither this session nor the
   * start after it sends it again. */
  rename_elsewhere (fixture, "Ada Byron");
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (no_pending_edits, fixture->session, 20);
  quit (fixture);
  fixture->session = open_session (fixture);
  tc_test_wait_until (no_pending_edits, fixture->session, 20);
  g_clear_pointer (&name, g_free);
  name = stored_name (fixture);
  g_assert_cmpstr (name, ==, "Ada Byron");
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Ada Byron");
}

/* Discarded from the dialog: the old name is back and nothing is sent. */
static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *name_row = tc_ui_find (GTK_WIDGET (fixture->window->profile_page), ADW_TYPE_ENTRY_ROW, 0);
  TcPendingEditsDialog *dialog;
  GtkWidget *discard;
  GtkStack *stack;
  g_autofree char *name = NULL;

  rename_offline (fixture, "Ada King");
  dialog = open_pending_dialog (fixture);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (dialog), TC_TYPE_PENDING_EDITS_DIALOG, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  discard = tc_ui_find (nth_row (dialog, 0), GTK_TYPE_BUTTON, 0);
  g_signal_emit_by_name (discard, "clicked");
  tc_ui_flush ();

  g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), ==, 0);
  g_assert_null (nth_row (dialog, 0));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Ada Lovelace");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Ada Lovelace");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window->pending_button)));
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (fixture->window->offline_revealer),
                                      "changes will be sent when the connection returns"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Back online and after a new start: the server never got it. */
  quit (fixture);
  start_service (fixture);
  fixture->session = open_session (fixture);
  tc_test_wait_until (no_pending_edits, fixture->session, 20);
  name = stored_name (fixture);
  g_assert_cmpstr (name, ==, "Ada Lovelace");
}

/* Two edits waiting: the count is plural. Then the server that comes
 * back no longer lets Timecard change the profile (a Clockify server):
 * the name goes back and its row says why. */
static void
test_refused_on_row (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *profile = GTK_WIDGET (fixture->window->profile_page);
  GtkWidget *name_row = tc_ui_find (profile, ADW_TYPE_ENTRY_ROW, 0);
  GtkWidget *status = GTK_WIDGET (gtk_widget_get_template_child (profile, TC_TYPE_PROFILE_PAGE, "name_status"));
  GtkWidget *email_row = tc_ui_find (profile, ADW_TYPE_ENTRY_ROW, 1);
  g_autofree char *name = NULL;

  rename_offline (fixture, "Ada King");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "ada.king@example.com");
  g_signal_emit_by_name (email_row, "apply");
  tc_ui_flush ();
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (fixture->window->offline_revealer),
                                      "2 changes waiting to be sent"));

  start_service_with (fixture, FALSE);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (no_pending_edits, fixture->session, 20);
  tc_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Ada Lovelace");
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Ada Lovelace");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (gtk_widget_get_visible (status));
  g_test_message ("reason: %s", gtk_widget_get_tooltip_text (status));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (status), "does not support"));
  /* One toast at a time: the one shown says which field and why. */
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (fixture->window), "(Your profile) was undone. This server does not support this"));
  name = stored_name (fixture);
  g_assert_cmpstr (name, ==, "Ada Lovelace");
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "ada@example.com");
  g_assert_null (tc_user_get_pending_email (tc_session_get_user (fixture->session)));
}

/* A name the wire rules refuse is refused at once, on the row. */
static void
test_refused_at_once (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *profile = GTK_WIDGET (fixture->window->profile_page);
  GtkWidget *name_row = tc_ui_find (profile, ADW_TYPE_ENTRY_ROW, 0);
  GtkWidget *status = GTK_WIDGET (gtk_widget_get_template_child (profile, TC_TYPE_PROFILE_PAGE, "name_status"));
  g_autofree char *too_long = g_strnfill (101, 'x');

  gtk_editable_set_text (GTK_EDITABLE (name_row), too_long);
  g_signal_emit_by_name (name_row, "apply");
  tc_ui_flush ();
  g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Ada Lovelace");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (gtk_widget_get_visible (status));
  g_test_message ("reason: %s", gtk_widget_get_tooltip_text (status));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (status), "name"));
  /* Typing again clears it. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Ada");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_false (gtk_widget_get_visible (status));
}

static gboolean
has_row (TcPendingEditsDialog *dialog,
         const char           *title,
         const char           *subtitle)
{
  GtkWidget *row;

  for (int i = 0; (row = nth_row (dialog, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      {
        g_test_message ("%s: %s", title, adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
        return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) == 0;
      }
  return FALSE;
}

/* Each kind of value as people read it: weekdays, hours, On/Off, a
 * member's name as the object. */
static void
test_formats (Fixture       *fixture,
              gconstpointer  data)
{
  TcUserSettings *settings = tc_session_get_settings (fixture->session);
  TcWorkspace *workspace = tc_session_get_active_workspace (fixture->session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TcMemberProfile) profile = NULL;
  g_autoptr(TcMemberProfile) edited = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) uuids = NULL;
  g_autofree char *capacity = NULL;
  g_autofree char *subtitle = NULL;
  TcPendingEditsDialog *dialog;
  gboolean newsletter;

  tc_member_profile_load_async (fixture->client, tc_workspace_get_id (workspace), fixture->owner_id,
                                NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  profile = tc_member_profile_load_finish (result, &error);
  g_assert_no_error (error);
  capacity = tc_member_text_capacity (tc_member_profile_get_work_capacity (profile));
  g_object_get (settings, "send-newsletter", &newsletter, NULL);

  rename_offline (fixture, "Ada King");
  g_object_set (settings, "week-start", "SUNDAY", "send-newsletter", !newsletter,
                "theme", "DARK", NULL);
  edited = tc_member_profile_copy (profile);
  tc_member_profile_set_work_capacity (edited, 6 * 3600 + 30 * 60);
  tc_member_profile_set_working_days (edited, 0xf);   /* Monday to Thursday */
  patch = tc_member_profile_build_patch (profile, edited);
  uuids = tc_session_edit_member_profile (fixture->session, tc_workspace_get_id (workspace),
                                          profile, patch);
  g_assert_cmpuint (g_strv_length (uuids), ==, 2);
  tc_ui_flush ();
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (fixture->window->offline_revealer),
                                      "Offline — 6 changes waiting to be sent"));

  dialog = open_pending_dialog (fixture);
  g_assert_true (has_row (dialog, "Name", "Your profile · Ada Lovelace → Ada King"));
  subtitle = g_strdup_printf ("Your preferences · %s → %s", newsletter ? "On" : "Off", newsletter ? "Off" : "On");
  g_assert_true (has_row (dialog, "Newsletter", subtitle));
  g_clear_pointer (&subtitle, g_free);
  g_assert_true (has_row (dialog, "Week start", "Your preferences · Monday → Sunday"));
  g_assert_true (has_row (dialog, "Style", "Your preferences · Follow System → Dark"));
  subtitle = g_strdup_printf ("Ada Lovelace · %s → 6 h 30 min", capacity);
  g_assert_true (has_row (dialog, "Daily capacity", subtitle));
  g_assert_true (has_row (dialog, "Working days", "Ada Lovelace · Mon, Tue, Wed, Thu, Fri → Mon, Tue, Wed, Thu"));
  tc_ui_assert_accessible (GTK_WIDGET (dialog));
  tc_ui_screenshot (GTK_WIDGET (dialog), "pending-edits-several");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add ("/pending-edits/rename-offline", Fixture, NULL,
              fixture_set_up, test_rename_offline, fixture_tear_down);
  g_test_add ("/pending-edits/discard", Fixture, NULL,
              fixture_set_up, test_discard, fixture_tear_down);
  g_test_add ("/pending-edits/formats", Fixture, NULL,
              fixture_set_up, test_formats, fixture_tear_down);
  g_test_add ("/pending-edits/refused-on-row", Fixture, NULL,
              fixture_set_up, test_refused_on_row, fixture_tear_down);
  g_test_add ("/pending-edits/refused-at-once", Fixture, NULL,
              fixture_set_up, test_refused_at_once, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
