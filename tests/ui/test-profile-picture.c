/* test-profile-picture.c — the profile page's picture and email against a
 * real timecard-service, and the checks a picture passes before upload.
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-picture.h"
#include "tc-profile-page.h"
#include "tc-ui-test-util.h"

static GBytes *
make_image (int         width,
            int         height,
            const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *buffer = NULL;
  gsize size = 0;
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static void
assert_square_png (GBytes *png,
                   int     side)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  const guchar *data = g_bytes_get_data (png, NULL);

  g_assert_nonnull (pixbuf);
  g_assert_cmpmem (data, 4, "\x89PNG", 4);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, side);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, side);
}

static void
test_prepare (void)
{
  static const struct {
    int width, height;
    const char *type;
    int side;
  } good[] = {
    { 800, 600, "png", 512 },
    { 300, 200, "jpeg", 200 },
    { 64, 900, "png", 64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) image = make_image (good[i].width, good[i].height, good[i].type);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = tc_picture_prepare (image, &error);

      g_assert_no_error (error);
      assert_square_png (png, good[i].side);
    }
}

static void
test_prepare_refused (void)
{
  static const guchar broken_png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDRgarbage";
  g_autoptr(GBytes) small = make_image (63, 200, "png");
  g_autoptr(GBytes) text = g_bytes_new_static ("just some words, not a picture", 30);
  g_autoptr(GBytes) broken = g_bytes_new_static (broken_png, sizeof broken_png);
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (2 * 1024 * 1024 + 1), 2 * 1024 * 1024 + 1);
  struct {
    GBytes *data;
    TcPictureError code;
  } bad[] = {
    { small, TC_PICTURE_ERROR_TOO_SMALL },
    { text, TC_PICTURE_ERROR_UNSUPPORTED },
    { broken, TC_PICTURE_ERROR_UNREADABLE },
    { huge, TC_PICTURE_ERROR_TOO_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = tc_picture_prepare (bad[i].data, &error);

      g_assert_null (png);
      g_assert_error (error, TC_PICTURE_ERROR, bad[i].code);
    }
}

static GFile *
write_image (int width,
             int height)
{
  g_autoptr(GBytes) image = make_image (width, height, "png");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "picture.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (image, NULL),
                                      g_bytes_get_size (image), &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

static gboolean
has_label (gpointer data)
{
  TcUiFixture *fixture = data;

  return tc_ui_find_label (GTK_WIDGET (fixture->overlay), "too small") != NULL;
}

static TcProfilePage *
show_page (TcUiFixture *fixture)
{
  GtkWidget *page = tc_profile_page_new ();

  tc_profile_page_set_session (TC_PROFILE_PAGE (page), fixture->session);
  tc_ui_fixture_show (fixture, page);
  return TC_PROFILE_PAGE (page);
}

/* The buttons follow their actions, disabled while a picture is sent. */
static void
wait_idle (TcProfilePage *page)
{
  GtkWidget *change_button = tc_ui_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, 0);

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (change_button)), ==,
                   "profile.change-picture");
  tc_ui_flush ();
  tc_test_wait_until (widget_sensitive, change_button, 10);
}

static void
test_upload_and_remove (TcUiFixture   *fixture,
                        gconstpointer  data)
{
  TcProfilePage *page = show_page (fixture);
  GtkWidget *avatar = tc_ui_find (GTK_WIDGET (page), ADW_TYPE_AVATAR, 0);
  g_autoptr(GFile) file = write_image (300, 200);
  g_autoptr(JsonObject) user = NULL;

  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));
  tc_profile_page_upload_picture (page, file);
  wait_idle (page);
  user = tc_ui_fixture_get_user (fixture);
  g_assert_nonnull (json_object_get_string_member_with_default (user, "profilePicture", NULL));
  g_assert_nonnull (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));

  tc_profile_page_remove_picture (page);
  wait_idle (page);
  g_clear_pointer (&user, json_object_unref);
  user = tc_ui_fixture_get_user (fixture);
  g_assert_null (json_object_get_string_member_with_default (user, "profilePicture", NULL));
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));
}

static void
test_picture_too_small (TcUiFixture   *fixture,
                        gconstpointer  data)
{
  TcProfilePage *page = show_page (fixture);
  g_autoptr(GFile) file = write_image (40, 40);
  g_autoptr(JsonObject) user = NULL;

  tc_profile_page_upload_picture (page, file);
  tc_test_wait_until (has_label, fixture, 10);
  user = tc_ui_fixture_get_user (fixture);
  g_assert_null (json_object_get_string_member_with_default (user, "profilePicture", NULL));
}

static gboolean
row_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
test_email (TcUiFixture   *fixture,
            gconstpointer  data)
{
  TcProfilePage *page = show_page (fixture);
  GtkWidget *email_row = tc_ui_find (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, 1);
  GtkWidget *pending;
  g_autoptr(JsonObject) user = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "ada@example.com");
  pending = tc_ui_find_label (GTK_WIDGET (page), "Waiting for confirmation");
  g_assert_nonnull (pending);
  pending = gtk_widget_get_ancestor (pending, ADW_TYPE_ACTION_ROW);
  g_assert_false (gtk_widget_get_visible (pending));

  gtk_editable_set_text (GTK_EDITABLE (email_row), "ada@analytical.example");
  g_signal_emit_by_name (email_row, "apply");
  tc_test_wait_until (row_visible, pending, 10);

  user = tc_ui_fixture_get_user (fixture);
  g_assert_cmpstr (json_object_get_string_member (user, "pendingEmail"), ==, "ada@analytical.example");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "ada@example.com");
  /* The confirmed address stays in the row; the new one is pending. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "ada@example.com");
  g_assert_nonnull (tc_ui_find_label (pending, "Confirmation sent to ada@analytical.example"));
}

static gboolean
has_custom_image (gpointer data)
{
  return adw_avatar_get_custom_image (data) != NULL;
}

/* What was uploaded comes back as bytes for a session that never saw it. */
static void
test_fresh_session_loads_picture (TcUiFixture   *fixture,
                                  gconstpointer  data)
{
  TcProfilePage *page = show_page (fixture);
  g_autoptr(GFile) file = write_image (300, 200);
  g_autoptr(TcAccount) account = tc_account_new ("local", fixture->owner_id, NULL);
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) user = NULL;
  GtkWidget *fresh_page, *avatar;

  tc_profile_page_upload_picture (page, file);
  wait_idle (page);
  /* Queued: sent by the session in its own time. */
  user = tc_ui_fixture_get_user (fixture);
  g_assert_nonnull (json_object_get_string_member_with_default (user, "profilePicture", NULL));

  client = tc_api_client_new (tc_api_client_get_base_url (fixture->client), &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (client, fixture->api_key);
  session = tc_session_new (account, client);
  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The core: the stored picture's bytes, a PNG. */
  tc_session_load_picture_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  bytes = tc_session_load_picture_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "\x89PNG", 4);

  /* The view: a new page shows it in its avatar. */
  fresh_page = tc_profile_page_new ();
  avatar = tc_ui_find (fresh_page, ADW_TYPE_AVATAR, 0);
  tc_profile_page_set_session (TC_PROFILE_PAGE (fresh_page), session);
  tc_ui_fixture_show (fixture, fresh_page);
  tc_test_wait_until (has_custom_image, avatar, 10);

  /* Removed elsewhere: back to initials once the page's user knows. */
  tc_profile_page_remove_picture (TC_PROFILE_PAGE (fresh_page));
  wait_idle (TC_PROFILE_PAGE (fresh_page));
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));
}

static void
test_accessible (TcUiFixture   *fixture,
                 gconstpointer  data)
{
  TcProfilePage *page = show_page (fixture);

  tc_ui_assert_accessible (GTK_WIDGET (page));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/picture/prepare", test_prepare);
  g_test_add_func ("/picture/prepare-refused", test_prepare_refused);
  g_test_add ("/profile-page/upload-and-remove", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_upload_and_remove, tc_ui_fixture_tear_down);
  g_test_add ("/profile-page/picture-too-small", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_picture_too_small, tc_ui_fixture_tear_down);
  g_test_add ("/profile-page/email", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_email, tc_ui_fixture_tear_down);
  g_test_add ("/profile-page/fresh-session-loads-picture", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_fresh_session_loads_picture, tc_ui_fixture_tear_down);
  g_test_add ("/profile-page/accessible", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_accessible, tc_ui_fixture_tear_down);

  return g_test_run ();
}
