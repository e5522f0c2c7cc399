/* test-webhooks-page.c — the Webhooks page and dialog against a real
 * timecard-service, with a receiver SoupServer inside the test: an invalid
 * address is explained and nothing is sent; a valid webhook is stored,
 * delivers a test, gets a new token (shown once) and is deleted.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "tc-secret-dialog.h"
#include "tc-session-webhooks.h"
#include "tc-ui-test-util.h"
#include "tc-webhook-dialog.h"
#include "tc-webhooks-page.h"

static guint deliveries;

static void
receiver_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  deliveries++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "thanks", 6);
}

static SoupServer *
receiver_new (char **out_url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, "/hook", receiver_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *out_url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

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

static gboolean
no_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
n_webhooks_is (gpointer data)
{
  TcSession *session = data;

  return g_list_model_get_n_items (tc_session_get_webhooks (session)) ==
         GPOINTER_TO_UINT (g_object_get_data (data, "wanted"));
}

static void
wait_n_webhooks (TcSession *session,
                 guint      n)
{
  g_object_set_data (G_OBJECT (session), "wanted", GUINT_TO_POINTER (n));
  tc_test_wait_until (n_webhooks_is, session, 10);
}

/* The webhooks the service stored, over HTTP with a client of its own. */
static JsonArray *
stored_webhooks (TcUiFixture *fixture)
{
  TcWorkspace *workspace = tc_session_get_active_workspace (fixture->session);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/webhooks", tc_workspace_get_id (workspace));
  g_autoptr(TcApiClient) client = tc_api_client_new (tc_api_client_get_base_url (fixture->client), NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  tc_api_client_set_api_key (client, fixture->api_key);
  tc_api_client_request_async (client, "GET", path, NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (client, result, &body, &error));
  g_assert_no_error (error);
  return json_array_ref (json_object_get_array_member (json_node_get_object (body), "webhooks"));
}

static gboolean
page_loaded (gpointer data)
{
  return g_strcmp0 (tc_webhooks_page_get_state (data), "loading") != 0;
}

static gboolean
delivered (gpointer data)
{
  return deliveries > 0 && tc_ui_find_label (data, "HTTP 200") != NULL;
}

static void
create_webhook (TcUiFixture *fixture,
                GtkWidget   *page,
                const char  *url)
{
  GtkWidget *dialog, *url_row;
  g_autoptr(JsonArray) stored = NULL;

  g_assert_true (gtk_widget_activate_action (page, "webhooks.create", NULL));
  dialog = find_toplevel (TC_TYPE_WEBHOOK_DIALOG);
  g_assert_nonnull (dialog);
  tc_ui_assert_accessible (dialog);
  gtk_editable_set_text (GTK_EDITABLE (tc_ui_find (dialog, ADW_TYPE_ENTRY_ROW, 0)), "Payroll");
  url_row = tc_ui_find (dialog, ADW_TYPE_ENTRY_ROW, 1);
  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://example.com/hook");
  gtk_editable_set_text (GTK_EDITABLE (tc_ui_find (dialog, ADW_TYPE_ENTRY_ROW, 2)), fixture->owner_id);

  /* Plain http to another computer: explained on the dialog, not sent. */
  g_assert_true (gtk_widget_activate_action (dialog, "webhook.save", NULL));
  tc_ui_flush ();
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  g_assert_nonnull (tc_ui_find_label (dialog, "https://"));
  stored = stored_webhooks (fixture);
  g_assert_cmpuint (json_array_get_length (stored), ==, 0);
  tc_ui_screenshot (dialog, "webhook-dialog-invalid-url");

  gtk_editable_set_text (GTK_EDITABLE (url_row), url);
  g_assert_true (gtk_widget_activate_action (dialog, "webhook.save", NULL));
  tc_test_wait_until (no_toplevel, GSIZE_TO_POINTER (TC_TYPE_WEBHOOK_DIALOG), 10);
}

static void
test_webhook_lifecycle (TcUiFixture   *fixture,
                        gconstpointer  data)
{
  GtkWidget *page = tc_webhooks_page_new ();
  g_autoptr(SoupServer) receiver = NULL;
  g_autofree char *url = NULL;
  g_autofree char *old_token = NULL;
  g_autoptr(TcWebhook) webhook = NULL;
  g_autoptr(JsonArray) stored = NULL;
  GtkWidget *secret;

  receiver = receiver_new (&url);
  tc_webhooks_page_set_session (TC_WEBHOOKS_PAGE (page), fixture->session);
  tc_ui_fixture_show (fixture, page);
  tc_test_wait_until (page_loaded, page, 10);
  g_assert_cmpstr (tc_webhooks_page_get_state (TC_WEBHOOKS_PAGE (page)), ==, "empty");
  tc_ui_assert_accessible (page);
  tc_ui_screenshot (GTK_WIDGET (fixture->window), "webhooks-empty");

  create_webhook (fixture, page, url);
  wait_n_webhooks (fixture->session, 1);
  stored = stored_webhooks (fixture);
  g_assert_cmpuint (json_array_get_length (stored), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stored, 0), "url"), ==, url);
  g_assert_cmpstr (tc_webhooks_page_get_state (TC_WEBHOOKS_PAGE (page)), ==, "list");
  webhook = g_list_model_get_item (tc_session_get_webhooks (fixture->session), 0);

  /* A test delivery reaches the receiver; the page says how it went. */
  g_assert_true (gtk_widget_activate_action (page, "webhooks.test", "s", tc_webhook_get_id (webhook)));
  tc_test_wait_until (delivered, fixture->window, 10);
  tc_ui_assert_accessible (page);
  tc_ui_screenshot (GTK_WIDGET (fixture->window), "webhooks");

  old_token = g_strdup (tc_webhook_get_auth_token (webhook));
  g_assert_true (gtk_widget_activate_action (page, "webhooks.regenerate", "s", tc_webhook_get_id (webhook)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "regenerate");
  tc_test_wait_until (has_toplevel, GSIZE_TO_POINTER (TC_TYPE_SECRET_DIALOG), 10);
  secret = find_toplevel (TC_TYPE_SECRET_DIALOG);
  g_assert_cmpstr (tc_secret_dialog_get_secret (TC_SECRET_DIALOG (secret)), ==, tc_webhook_get_auth_token (webhook));
  g_assert_cmpstr (tc_webhook_get_auth_token (webhook), !=, old_token);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (secret), "done");
  tc_ui_flush ();

  g_assert_true (gtk_widget_activate_action (page, "webhooks.delete", "s", tc_webhook_get_id (webhook)));
  tc_ui_assert_accessible (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "delete");
  wait_n_webhooks (fixture->session, 0);
  g_clear_pointer (&stored, json_array_unref);
  stored = stored_webhooks (fixture);
  g_assert_cmpuint (json_array_get_length (stored), ==, 0);
  soup_server_disconnect (receiver);
}

/* Creating, editing, testing and deleting need the server: offline the
 * page and an open dialog say so, their controls are off, and they come
 * back by themselves. */
static void
test_offline (TcUiFixture   *fixture,
              gconstpointer  data)
{
  GtkWidget *page = tc_webhooks_page_new ();
  g_autoptr(SoupServer) receiver = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TcWebhook) webhook = NULL;
  GtkWidget *dialog, *create_button;
  const char *reason = "needs a connection to the server";

  receiver = receiver_new (&url);
  tc_webhooks_page_set_session (TC_WEBHOOKS_PAGE (page), fixture->session);
  tc_ui_fixture_show (fixture, page);
  tc_test_wait_until (page_loaded, page, 10);
  create_webhook (fixture, page, url);
  wait_n_webhooks (fixture->session, 1);
  webhook = g_list_model_get_item (tc_session_get_webhooks (fixture->session), 0);
  create_button = tc_ui_find_action (page, "webhooks.create");
  g_assert_true (gtk_widget_is_sensitive (create_button));
  g_assert_false (tc_ui_label_shown (page, reason));

  /* An edit dialog is open when the server goes away. */
  g_assert_true (gtk_widget_activate_action (page, "webhooks.edit", "s", tc_webhook_get_id (webhook)));
  dialog = find_toplevel (TC_TYPE_WEBHOOK_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_is_sensitive (tc_ui_find_action (dialog, "webhook.save")));
  g_assert_false (tc_ui_label_shown (dialog, reason));

  tc_ui_fixture_stop_service (fixture);
  g_assert_false (gtk_widget_is_sensitive (tc_ui_find_action (dialog, "webhook.save")));
  g_assert_true (tc_ui_label_shown (dialog, reason));
  tc_ui_assert_accessible (dialog);
  tc_ui_screenshot (dialog, "webhook-dialog-offline");
  gtk_window_close (GTK_WINDOW (dialog));
  tc_test_wait_until (no_toplevel, GSIZE_TO_POINTER (TC_TYPE_WEBHOOK_DIALOG), 10);

  g_assert_true (tc_ui_label_shown (page, reason));
  g_assert_false (gtk_widget_is_sensitive (create_button));
  /* The actions are off, not only the button: nothing opens. */
  gtk_widget_activate_action (page, "webhooks.create", NULL);
  gtk_widget_activate_action (page, "webhooks.edit", "s", tc_webhook_get_id (webhook));
  gtk_widget_activate_action (page, "webhooks.delete", "s", tc_webhook_get_id (webhook));
  tc_ui_flush ();
  g_assert_null (find_toplevel (TC_TYPE_WEBHOOK_DIALOG));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  tc_ui_assert_accessible (page);
  tc_ui_screenshot (GTK_WIDGET (fixture->window), "webhooks-offline");

  tc_ui_fixture_restart_service (fixture);
  g_assert_false (tc_ui_label_shown (page, reason));
  create_button = tc_ui_find_action (page, "webhooks.create");
  g_assert_true (gtk_widget_is_sensitive (create_button));
  g_assert_true (gtk_widget_activate_action (page, "webhooks.edit", "s", tc_webhook_get_id (webhook)));
  dialog = find_toplevel (TC_TYPE_WEBHOOK_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_is_sensitive (tc_ui_find_action (dialog, "webhook.save")));
  gtk_window_close (GTK_WINDOW (dialog));
  tc_test_wait_until (no_toplevel, GSIZE_TO_POINTER (TC_TYPE_WEBHOOK_DIALOG), 10);
  soup_server_disconnect (receiver);
}

static void
test_finalizes (void)
{
  GtkWidget *page = tc_webhooks_page_new ();

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

  g_test_add ("/webhooks/lifecycle", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_webhook_lifecycle, tc_ui_fixture_tear_down);
  g_test_add ("/webhooks/offline", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_offline, tc_ui_fixture_tear_down);
  g_test_add_func ("/webhooks/finalizes", test_finalizes);

  return g_test_run ();
}
