/* test-window-states.c — the window's states that need a server of their
 * own: a server without Timecard's extensions (read-only profile and
 * preferences), an edit conflict and its two answers, the offline banner.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs a timecard-service in-process and puts a session over it
 * into a real TcWindow; what was stored is checked over HTTP.
 */

#include "config.h"

#include "tc-application.h"
#include "tc-preferences-page.h"
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
  char        *db;
  char        *owner_id;
  char        *api_key;
  guint        port;
} Fixture;

static TcService *
start_service (Fixture *fixture)
{
  g_autoptr(TcService) service = NULL;
  g_autoptr(GError) error = NULL;

  service = tc_service_new (fixture->db, &error);
  g_assert_no_error (error);
  if (fixture->owner_id == NULL)
    {
      g_assert_true (tc_service_bootstrap_owner (service, "Ada Lovelace", "ada@example.com",
                                                 &fixture->owner_id, &fixture->api_key, &error));
      g_assert_no_error (error);
    }
  g_assert_true (tc_service_listen (service, fixture->port, &error));
  g_assert_no_error (error);
  fixture->port = tc_service_get_port (service);
  return g_steal_pointer (&service);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("states-%u.db", ++counter);
  g_autofree char *base_url = NULL;
  g_autoptr(TcAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->db = g_build_filename (g_get_user_data_dir (), name, NULL);
  fixture->service = start_service (fixture);
  tc_service_set_extensions_enabled (fixture->service, GPOINTER_TO_INT (data) == 0);

  base_url = tc_service_dup_base_url (fixture->service);
  fixture->client = tc_api_client_new (base_url, &error);
  tc_api_client_set_api_key (fixture->client, fixture->api_key);
  tc_api_client_set_retry_policy (fixture->client, 1, 1, 1);
  account = tc_account_new (name, fixture->owner_id, NULL);
  fixture->session = tc_session_new (account, fixture->client);
  _tc_session_set_retry_delays (fixture->session, 60000, 60000);
  tc_session_refresh_async (fixture->session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_refresh_finish (fixture->session, result, &error));
  g_assert_no_error (error);

  /* A real window, over this session instead of the local account. */
  fixture->window = tc_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 960, 680);
  gtk_window_present (GTK_WINDOW (fixture->window));
  _tc_window_set_session (fixture->window, fixture->session);
  gtk_stack_set_visible_child_name (fixture->window->stack, "main");
  _tc_window_show_content (fixture->window, "profile");
  tc_ui_flush ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  tc_ui_flush ();
  g_assert_null (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  if (fixture->service != NULL)
    {
      tc_service_shutdown (fixture->service);
      g_assert_finalize_object (fixture->service);
    }
  g_free (fixture->db);
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
}

static JsonObject *
get_settings (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  tc_api_client_request_async (fixture->client, "GET", "/v1/user", NULL, NULL,
                               tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (fixture->client, result, &body, &error));
  g_assert_no_error (error);
  return json_object_ref (json_object_get_object_member (json_node_get_object (body), "settings"));
}

/* A second client (a browser tab) changes a setting on the server. */
static void
patch_elsewhere (Fixture    *fixture,
                 const char *json)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;

  tc_api_client_request_async (fixture->client, "PATCH", "/v1/user/settings", body, NULL,
                               tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (fixture->client, result, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
is_false (gpointer data)
{
  return !*(gboolean *) data;
}

static gboolean
session_learnt (gpointer data)
{
  TcSession *session = data;

  return !tc_session_get_can_edit_profile (session) && !tc_session_get_can_edit_settings (session);
}

/* Against real Clockify (no ext routes): values read-only, a way to the web. */
static void
test_without_extensions (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *profile = GTK_WIDGET (fixture->window->profile_page);
  GtkWidget *name_row = tc_ui_find (profile, ADW_TYPE_ENTRY_ROW, 0);
  GtkWidget *email_row = tc_ui_find (profile, ADW_TYPE_ENTRY_ROW, 1);
  GtkWidget *web_label = tc_ui_find_label (profile, "does not let Timecard");
  GtkWidget *preferences;
  TcUserSettings *settings = tc_session_get_settings (fixture->session);
  g_autofree char *zone = g_strdup (tc_user_settings_get_time_zone (settings));
  GtkWidget *control;

  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (name_row)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (web_label, ADW_TYPE_ACTION_ROW)));

  /* The first writes tell the session the routes are missing. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Ada King");
  g_signal_emit_by_name (name_row, "apply");
  g_object_set (settings, "time-zone", "Europe/Paris", NULL);
  tc_test_wait_until (session_learnt, fixture->session, 10);
  tc_ui_flush ();

  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (name_row)));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (email_row)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (web_label, ADW_TYPE_ACTION_ROW)));
  g_assert_nonnull (tc_ui_find_label (profile, "Edit on the Web"));
  g_assert_cmpstr (tc_user_settings_get_time_zone (settings), ==, zone);

  /* Every preference control is insensitive, also on a page built after
   * the session learnt it (pages are built when first shown). */
  _tc_window_show_content (fixture->window, "preferences");
  tc_ui_flush ();
  preferences = GTK_WIDGET (fixture->window->preferences_page);
  g_assert_nonnull (preferences);
  for (guint i = 0; (control = tc_ui_find (preferences, GTK_TYPE_SWITCH, i)) != NULL; i++)
    g_assert_false (gtk_widget_is_sensitive (control));
  g_assert_nonnull (tc_ui_find (preferences, GTK_TYPE_SWITCH, 0));
  control = tc_ui_find (preferences, ADW_TYPE_COMBO_ROW, 0);
  g_assert_nonnull (control);
  g_assert_false (gtk_widget_is_sensitive (control));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (data) == 0;
}

/* My edit waits in the outbox; meanwhile another client changes the same
 * setting; the flush finds the server value neither the edit's base nor
 * its value, and asks. */
static void
provoke_conflict (Fixture    *fixture,
                  const char *mine,
                  const char *theirs)
{
  TcUserSettings *settings = tc_session_get_settings (fixture->session);
  g_autofree char *json = g_strdup_printf ("{\"dateFormat\": \"%s\"}", theirs);

  _tc_session_set_outbox_paused (fixture->session, TRUE);
  g_object_set (settings, "date-format", mine, NULL);
  g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), ==, 1);
  patch_elsewhere (fixture, json);
  _tc_session_set_outbox_paused (fixture->session, FALSE);
  tc_test_wait_until (has_dialog, NULL, 10);
}

static void
answer_conflict (const char *response)
{
  AdwMessageDialog *dialog = find_dialog ();

  g_assert_true (adw_message_dialog_has_response (dialog, "server"));
  g_assert_true (adw_message_dialog_has_response (dialog, "mine"));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tc_ui_flush ();
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  TcUserSettings *settings = tc_session_get_settings (fixture->session);
  g_autoptr(JsonObject) stored = NULL;

  /* "Keep Server Value": theirs stays, on the server and in the model. */
  provoke_conflict (fixture, "DD.MM.YYYY", "YYYY-MM-DD");
  answer_conflict ("server");
  tc_test_wait_until (no_pending_edits, fixture->session, 10);
  stored = get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "dateFormat"), ==, "YYYY-MM-DD");
  g_assert_cmpstr (tc_user_settings_get_date_format (settings), ==, "YYYY-MM-DD");
  g_clear_pointer (&stored, json_object_unref);

  /* "Use Mine": mine is sent over theirs. */
  provoke_conflict (fixture, "DD/MM/YYYY", "MM-DD-YYYY");
  answer_conflict ("mine");
  tc_test_wait_until (no_pending_edits, fixture->session, 10);
  stored = get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "dateFormat"), ==, "DD/MM/YYYY");
  g_assert_cmpstr (tc_user_settings_get_date_format (settings), ==, "DD/MM/YYYY");
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (data) && gtk_widget_get_child_visible (data);
}

static gboolean
banner_hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data);
}

static void
test_offline_banner (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkRevealer *banner = fixture->window->offline_revealer;
  TcUserSettings *settings = tc_session_get_settings (fixture->session);
  g_autoptr(JsonObject) stored = NULL;
  gboolean offline = TRUE;

  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (tc_ui_find_label (GTK_WIDGET (banner), "Offline"));

  /* The service stops; the next edit finds it gone. */
  tc_service_shutdown (fixture->service);
  g_clear_object (&fixture->service);
  g_object_set (settings, "date-format", "YYYY-MM-DD", NULL);
  tc_test_wait_until (banner_shown, banner, 20);
  g_assert_true (tc_session_get_offline (fixture->session));

  /* It comes back on the same port; a retry clears the banner and sends. */
  fixture->service = start_service (fixture);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (banner_hidden, banner, 20);
  g_object_get (fixture->session, "offline", &offline, NULL);
  tc_test_wait_until (is_false, &offline, 1);
  tc_test_wait_until (no_pending_edits, fixture->session, 10);
  stored = get_settings (fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "dateFormat"), ==, "YYYY-MM-DD");
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

  g_test_add ("/window-states/without-extensions", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_without_extensions, fixture_tear_down);
  g_test_add ("/window-states/conflict", Fixture, NULL,
              fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/window-states/offline-banner", Fixture, NULL,
              fixture_set_up, test_offline_banner, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
