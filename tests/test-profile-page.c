/* test-profile-page.c — the profile page in a real GTK window
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "tc-profile-page.h"
#include "tc-test-util.h"

typedef struct {
  TcService   *service;
  TcApiClient *client;
  TcSession   *session;
  GtkWindow   *window;
  TcProfilePage *page;
  char        *owner_id;
  char        *api_key;
} Fixture;

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TcAccount) account = NULL;
  g_autofree char *base_url = NULL;
  GtkWidget *overlay;

  fixture->service = tc_test_service_new (&fixture->owner_id, &fixture->api_key);
  base_url = tc_service_dup_base_url (fixture->service);
  fixture->client = tc_api_client_new (base_url, &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (fixture->client, fixture->api_key);

  account = tc_account_new ("local", fixture->owner_id, NULL);
  fixture->session = tc_session_new (account, fixture->client);
  tc_session_refresh_async (fixture->session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_refresh_finish (fixture->session, result, &error));

  fixture->page = TC_PROFILE_PAGE (tc_profile_page_new ());
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 700);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  tc_service_shutdown (fixture->service);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
}

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

  return g_strdup (json_object_get_string_member (json_node_get_object (body), "name"));
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (data) == 0;
}

/* Applies @name in the row: queued and shown at once, then sent (or
 * refused at once when the wire rules refuse it). */
static void
apply_name (Fixture    *fixture,
            GtkWidget  *row,
            const char *name)
{
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  g_signal_emit_by_name (row, "apply");
  tc_test_wait_until (no_pending_edits, fixture->session, 10);
}

static void
test_shows_user (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *row, *avatar;

  tc_profile_page_set_session (fixture->page, fixture->session);
  row = find_descendant (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW);
  avatar = find_descendant (GTK_WIDGET (fixture->page), ADW_TYPE_AVATAR);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Ada Lovelace");
  g_assert_cmpstr (adw_avatar_get_text (ADW_AVATAR (avatar)), ==, "Ada Lovelace");
  g_assert_true (adw_avatar_get_show_initials (ADW_AVATAR (avatar)));
}

static void
test_edit_name (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *row;
  g_autofree char *name = NULL;
  g_autofree char *too_long = g_strnfill (101, 'x');

  tc_profile_page_set_session (fixture->page, fixture->session);
  row = find_descendant (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW);

  apply_name (fixture, row, "Grace Hopper");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  name = stored_name (fixture);
  g_assert_cmpstr (name, ==, "Grace Hopper");
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Grace Hopper");

  /* Refused values: the row returns to the stored name and says why. */
  apply_name (fixture, row, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Grace Hopper");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  apply_name (fixture, row, too_long);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Grace Hopper");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Grace Hopper");
  /* Typing again clears it. */
  gtk_editable_set_text (GTK_EDITABLE (row), "Grace B. Hopper");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_clear_pointer (&name, g_free);
  name = stored_name (fixture);
  g_assert_cmpstr (name, ==, "Grace Hopper");
}

static void
test_finalizes (void)
{
  GtkWidget *page = tc_profile_page_new ();

  g_object_ref_sink (page);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add ("/profile-page/shows-user", Fixture, NULL, fixture_set_up, test_shows_user, fixture_tear_down);
  g_test_add ("/profile-page/edit-name", Fixture, NULL, fixture_set_up, test_edit_name, fixture_tear_down);
  g_test_add_func ("/profile-page/finalizes", test_finalizes);

  return g_test_run ();
}
