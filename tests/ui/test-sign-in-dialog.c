/* test-sign-in-dialog.c — signing in from the dialog, in a real window
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tc-application.h"
#include "tc-sign-in-dialog.h"
#include "tc-window-private.h"
#include "tc-test-tmp.h"
#include "tc-test-util.h"
#include "tc-ui-test-util.h"

typedef struct {
  TcService      *service;
  GSettings      *settings;
  TcSecretStore  *secrets;
  TcSignInDialog *dialog;
  TcSession      *session;
  char           *base_url;
  char           *api_key;
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

/* The dialog's message label: the one with the "error" style class. */
static GtkWidget *
find_message (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_message (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
signed_in_cb (TcSignInDialog *dialog,
              TcSession      *session,
              Fixture        *fixture)
{
  g_set_object (&fixture->session, session);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->service = tc_test_service_new (NULL, &fixture->api_key);
  fixture->base_url = tc_service_dup_base_url (fixture->service);
  fixture->settings = g_settings_new ("io.github.timecard.Timecard");
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "last-account");
  fixture->secrets = tc_secret_store_new ();

  fixture->dialog = tc_sign_in_dialog_new (NULL, fixture->settings, fixture->secrets);
  g_object_ref (fixture->dialog);
  g_signal_connect (fixture->dialog, "signed-in", G_CALLBACK (signed_in_cb), fixture);
  tc_sign_in_dialog_set_server (fixture->dialog, fixture->base_url);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  tc_ui_assert_accessible (GTK_WIDGET (fixture->dialog));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_assert_finalize_object (fixture->dialog);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->settings);
  tc_service_shutdown (fixture->service);
  g_assert_finalize_object (fixture->service);
  g_free (fixture->base_url);
  g_free (fixture->api_key);
}

static gboolean
is_signed_in (gpointer data)
{
  return ((Fixture *) data)->session != NULL;
}

static gboolean
message_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* The Sign In button follows its action's enabled state. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
submit_enabled (Fixture *fixture)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (fixture->dialog), "sign-in.submit");

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *key_row = find_descendant (GTK_WIDGET (fixture->dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_autoptr(TcAccount) last = NULL;

  gtk_editable_set_text (GTK_EDITABLE (key_row), fixture->api_key);
  g_signal_emit_by_name (key_row, "entry-activated");
  tc_test_wait_until (is_signed_in, fixture, 20);

  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (fixture->session)), ==, "Ada Lovelace");
  last = tc_account_load_last (fixture->settings);
  g_assert_nonnull (last);
  g_assert_cmpstr (tc_account_get_server (last), ==, fixture->base_url);
}

static TcApplication *app;

static gboolean
page_is (TcWindow   *window,
         const char *name)
{
  return g_strcmp0 (tc_window_get_page (window), name) == 0;
}

static gboolean
window_shows_profile (gpointer data)
{
  return page_is (data, "profile");
}

static gboolean
window_shows_welcome_or_error (gpointer data)
{
  return page_is (data, "welcome") || page_is (data, "error");
}

/* The remembered account opens by itself in a new window; signed out, the
 * next window offers the choice again. */
static void
test_window_reopens (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *key_row = find_descendant (GTK_WIDGET (fixture->dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  TcWindow *window;

  gtk_editable_set_text (GTK_EDITABLE (key_row), fixture->api_key);
  g_signal_emit_by_name (key_row, "entry-activated");
  tc_test_wait_until (is_signed_in, fixture, 20);
  g_clear_object (&fixture->session);

  window = tc_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  tc_test_wait_until (window_shows_profile, window, 20);
  g_assert_cmpstr (tc_user_get_name (tc_session_get_user (tc_window_get_session (window))), ==,
                   "Ada Lovelace");
  g_assert_false (tc_account_is_local (tc_session_get_account (tc_window_get_session (window))));

  /* What Sign Out does once confirmed. */
  _tc_window_sign_out (window);
  gtk_window_destroy (GTK_WINDOW (window));
  tc_ui_flush ();

  window = tc_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  tc_test_wait_until (window_shows_welcome_or_error, window, 20);
  gtk_window_destroy (GTK_WINDOW (window));
  tc_ui_flush ();
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *key_row = find_descendant (GTK_WIDGET (fixture->dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  GtkWidget *message = find_message (GTK_WIDGET (fixture->dialog));

  g_assert_nonnull (message);
  gtk_editable_set_text (GTK_EDITABLE (key_row), "Wrong0000000000000000000000000000000000000000000");
  g_signal_emit_by_name (key_row, "entry-activated");
  tc_test_wait_until (message_shown, message, 20);

  /* The translated sentence from the one error-to-message place; the key
   * stays for the person to correct, and nothing was remembered. */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "does not accept this API key"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==,
                   "Wrong0000000000000000000000000000000000000000000");
  g_assert_null (fixture->session);
  g_assert_null (tc_account_load_last (fixture->settings));
  tc_ui_screenshot (GTK_WIDGET (fixture->dialog), "sign-in-dialog-error");
}

static void
test_insecure_address (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *key_row = find_descendant (GTK_WIDGET (fixture->dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  GtkWidget *message = find_message (GTK_WIDGET (fixture->dialog));

  gtk_editable_set_text (GTK_EDITABLE (key_row), fixture->api_key);
  g_assert_true (submit_enabled (fixture));
  tc_sign_in_dialog_set_server (fixture->dialog, "http://time.example.com/api");
  gtk_editable_set_text (GTK_EDITABLE (key_row), fixture->api_key);

  /* Explained before anyone tries, and Sign In stays off. */
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "https://"));
  g_assert_false (submit_enabled (fixture));
  g_assert_null (fixture->session);
  tc_ui_screenshot (GTK_WIDGET (fixture->dialog), "sign-in-dialog-insecure");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  g_autofree char *keyring = NULL;
  int ret;

  tc_test_init (&argc, &argv);
  keyring_dir = tc_test_tmp_dir ("timecard-keyring-XXXXXX");
  keyring = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);
  gtk_init ();
  adw_init ();
  app = tc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/sign-in-dialog/sign-in", Fixture, NULL, fixture_set_up, test_sign_in, fixture_tear_down);
  g_test_add ("/sign-in-dialog/wrong-key", Fixture, NULL, fixture_set_up, test_wrong_key, fixture_tear_down);
  g_test_add ("/sign-in-dialog/insecure-address", Fixture, NULL, fixture_set_up, test_insecure_address, fixture_tear_down);

  g_test_add ("/sign-in-dialog/window-reopens", Fixture, NULL, fixture_set_up, test_window_reopens, fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&app);

  g_unlink (keyring);
  g_rmdir (keyring_dir);

  return ret;
}
