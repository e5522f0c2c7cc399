/* test-api-keys-page.c — the API Keys tab against a real timecard-service:
 * a generated key is shown once and really works, rename and delete reach
 * the server (a deleted key is refused at once), and a server without the
 * extension gets the "manage on the web" state.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-api-keys-page.h"
#include "tc-secret-dialog.h"
#include "tc-session-keys.h"
#include "tc-ui-test-util.h"
#include "tc-wire.h"

/* The open toplevel of @type (the newest), or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        found = window;
    }

  return found;
}

static gboolean
has_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* The name question (a plain AdwMessageDialog): types @name, answers. */
static void
answer_name_dialog (const char *name,
                    const char *response)
{
  GtkWidget *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  g_assert_false (TC_IS_SECRET_DIALOG (dialog));
  tc_ui_assert_accessible (dialog);
  gtk_editable_set_text (GTK_EDITABLE (tc_ui_find (dialog, GTK_TYPE_ENTRY, 0)), name);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  tc_ui_flush ();
}

static gboolean
page_state_is (gpointer data)
{
  TcApiKeysPage *page = data;

  return g_strcmp0 (tc_api_keys_page_get_state (page),
                    g_object_get_data (data, "wanted")) == 0;
}

static void
wait_state (GtkWidget  *page,
            const char *state)
{
  g_object_set_data (G_OBJECT (page), "wanted", (gpointer) state);
  tc_test_wait_until (page_state_is, page, 10);
}

static JsonNode *
request (TcUiFixture *fixture,
         const char  *api_key,
         const char  *method,
         const char  *path,
         GError     **error)
{
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  JsonNode *body = NULL;

  client = tc_api_client_new (tc_api_client_get_base_url (fixture->client), NULL);
  tc_api_client_set_api_key (client, api_key);
  tc_api_client_request_async (client, method, path, NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  tc_api_client_request_finish (client, result, &body, error);
  return body;
}

static TcApiKey *
find_key_named (TcSession  *session,
                const char *name)
{
  GListModel *keys = tc_session_get_api_keys (session);

  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(TcApiKey) key = g_list_model_get_item (keys, i);

      if (g_strcmp0 (tc_api_key_get_name (key), name) == 0)
        return key;
    }

  return NULL;
}

static gboolean
key_named (gpointer data)
{
  return find_key_named (data, g_object_get_data (data, "wanted-name")) != NULL;
}

static void
wait_key_named (TcSession  *session,
                const char *name)
{
  g_object_set_data (G_OBJECT (session), "wanted-name", (gpointer) name);
  tc_test_wait_until (key_named, session, 10);
}

static gboolean
key_gone (gpointer data)
{
  return find_key_named (data, "Reports") == NULL;
}

static gboolean
stored_name_is (TcUiFixture *fixture,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) keys = request (fixture, fixture->api_key, "GET", "/v1/user/api-keys", &error);
  JsonArray *array;

  g_assert_no_error (error);
  array = json_node_get_array (keys);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "name"), name) == 0)
      return TRUE;

  return FALSE;
}

static GtkWidget *
show_page (TcUiFixture *fixture)
{
  GtkWidget *page = tc_api_keys_page_new ();

  tc_api_keys_page_set_session (TC_API_KEYS_PAGE (page), fixture->session);
  tc_ui_fixture_show (fixture, page);
  return page;
}

static char *
generate (GtkWidget  *page,
          const char *name)
{
  GtkWidget *dialog;
  char *secret;

  g_assert_true (gtk_widget_activate_action (page, "api-keys.generate", NULL));
  answer_name_dialog (name, "generate");
  tc_test_wait_until (has_toplevel, GSIZE_TO_POINTER (TC_TYPE_SECRET_DIALOG), 10);
  dialog = find_toplevel (TC_TYPE_SECRET_DIALOG);
  secret = g_strdup (tc_secret_dialog_get_secret (TC_SECRET_DIALOG (dialog)));
  g_assert_nonnull (secret);
  g_assert_cmpuint (strlen (secret), ==, TC_WIRE_API_KEY_LENGTH);
  tc_ui_assert_accessible (dialog);
  tc_ui_screenshot (dialog, "api-key-shown-once");

  /* Done: the secret leaves the widget. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "done");
  tc_ui_flush ();
  g_assert_null (tc_secret_dialog_get_secret (TC_SECRET_DIALOG (dialog)));
  return secret;
}

static void
test_generate_rename_delete (TcUiFixture   *fixture,
                             gconstpointer  data)
{
  GtkWidget *page = show_page (fixture);
  g_autofree char *secret = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GError) error = NULL;
  TcApiKey *key;

  wait_state (page, "keys");
  secret = generate (page, "Invoicing");
  wait_key_named (fixture->session, "Invoicing");
  key = find_key_named (fixture->session, "Invoicing");
  g_assert_null (tc_api_key_get_key (key));
  g_assert_true (g_str_has_suffix (secret, tc_api_key_get_preview (key)));

  /* The key that was shown works, with a client of its own. */
  user = request (fixture, secret, "GET", "/v1/user", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (user), "id"), ==, fixture->owner_id);
  tc_ui_assert_accessible (page);
  tc_ui_screenshot (GTK_WIDGET (fixture->window), "api-keys");

  g_assert_true (gtk_widget_activate_action (page, "api-keys.rename", "s", tc_api_key_get_id (key)));
  answer_name_dialog ("Reports", "rename");
  wait_key_named (fixture->session, "Reports");
  g_assert_true (stored_name_is (fixture, "Reports"));
  g_assert_false (stored_name_is (fixture, "Invoicing"));

  g_assert_true (gtk_widget_activate_action (page, "api-keys.delete", "s", tc_api_key_get_id (key)));
  tc_ui_assert_accessible (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "delete");
  tc_test_wait_until (key_gone, fixture->session, 10);
  g_assert_false (stored_name_is (fixture, "Reports"));

  refused = request (fixture, secret, "GET", "/v1/user", &error);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED);
}

static void
test_cancel_sends_nothing (TcUiFixture   *fixture,
                           gconstpointer  data)
{
  GtkWidget *page = show_page (fixture);
  GListModel *keys = tc_session_get_api_keys (fixture->session);
  guint n;

  wait_state (page, "keys");
  n = g_list_model_get_n_items (keys);
  g_assert_true (gtk_widget_activate_action (page, "api-keys.generate", NULL));
  answer_name_dialog ("Never", "cancel");
  g_assert_null (find_toplevel (TC_TYPE_SECRET_DIALOG));
  g_assert_false (stored_name_is (fixture, "Never"));
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, n);
}

static void
test_managed_on_web (TcUiFixture   *fixture,
                     gconstpointer  data)
{
  GtkWidget *page;

  /* Like Clockify: the key routes do not exist. */
  tc_service_set_extensions_enabled (fixture->service, FALSE);
  page = show_page (fixture);
  wait_state (page, "web");
  g_assert_false (tc_session_get_can_manage_api_keys (fixture->session));
  g_assert_nonnull (tc_ui_find_label (page, "web app"));
  tc_ui_assert_accessible (page);
  tc_ui_screenshot (GTK_WIDGET (fixture->window), "api-keys-managed-on-web");
}

/* Nothing about keys can be queued: offline, the page says so and its
 * controls are off until the server is back. */
static void
test_offline (TcUiFixture   *fixture,
              gconstpointer  data)
{
  GtkWidget *page = show_page (fixture);
  GtkWidget *generate_button, *delete_button;
  GListModel *keys = tc_session_get_api_keys (fixture->session);
  g_autoptr(TcApiKey) key = NULL;
  const char *reason = "needs a connection to the server";

  wait_state (page, "keys");
  key = g_list_model_get_item (keys, 0);
  generate_button = tc_ui_find_action (page, "api-keys.generate");
  delete_button = tc_ui_find_action (page, "api-keys.delete");
  g_assert_nonnull (generate_button);
  g_assert_nonnull (delete_button);
  g_assert_true (gtk_widget_is_sensitive (generate_button));
  g_assert_true (gtk_widget_is_sensitive (delete_button));
  g_assert_false (tc_ui_label_shown (page, reason));

  tc_ui_fixture_stop_service (fixture);
  g_assert_true (tc_ui_label_shown (page, reason));
  g_assert_false (gtk_widget_is_sensitive (generate_button));
  g_assert_false (gtk_widget_is_sensitive (delete_button));
  /* The actions themselves are off, shortcuts included: no name question. */
  gtk_widget_activate_action (page, "api-keys.generate", NULL);
  gtk_widget_activate_action (page, "api-keys.delete", "s", tc_api_key_get_id (key));
  tc_ui_flush ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  tc_ui_assert_accessible (page);
  tc_ui_screenshot (GTK_WIDGET (fixture->window), "api-keys-offline");

  /* Back by themselves once the session reaches the server again. */
  tc_ui_fixture_restart_service (fixture);
  g_assert_false (tc_ui_label_shown (page, reason));
  generate_button = tc_ui_find_action (page, "api-keys.generate");
  g_assert_true (gtk_widget_is_sensitive (generate_button));
  g_assert_true (gtk_widget_is_sensitive (tc_ui_find_action (page, "api-keys.delete")));
}

static void
test_finalizes (void)
{
  GtkWidget *page = tc_api_keys_page_new ();

  g_object_ref_sink (page);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/api-keys/generate-rename-delete", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_generate_rename_delete, tc_ui_fixture_tear_down);
  g_test_add ("/api-keys/cancel-sends-nothing", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_cancel_sends_nothing, tc_ui_fixture_tear_down);
  g_test_add ("/api-keys/managed-on-web", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_managed_on_web, tc_ui_fixture_tear_down);
  g_test_add ("/api-keys/offline", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_offline, tc_ui_fixture_tear_down);
  g_test_add_func ("/api-keys/finalizes", test_finalizes);

  return g_test_run ();
}
