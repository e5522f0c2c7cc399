/* tc-ui-test-util.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-member-row.h"
#include "tc-ui-test-util.h"

void
tc_ui_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
tc_ui_fixture_set_up (TcUiFixture   *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TcAccount) account = NULL;
  g_autofree char *base_url = NULL;

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
  g_assert_no_error (error);

  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 720, 900);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
}

void
tc_ui_fixture_show (TcUiFixture *fixture,
                    GtkWidget   *widget)
{
  adw_toast_overlay_set_child (fixture->overlay, widget);
  gtk_window_present (fixture->window);
  tc_ui_flush ();
}

void
tc_ui_fixture_tear_down (TcUiFixture   *fixture,
                         gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  tc_ui_flush ();
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  if (fixture->service != NULL)
    {
      tc_service_shutdown (fixture->service);
      g_assert_finalize_object (fixture->service);
    }
  g_free (fixture->owner_id);
  g_free (fixture->api_key);
  g_free (fixture->db);
}

static void
refresh (TcUiFixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;

  tc_session_refresh_async (fixture->session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  tc_session_refresh_finish (fixture->session, result, NULL);
}

void
tc_ui_fixture_stop_service (TcUiFixture *fixture)
{
  g_assert_nonnull (fixture->service);
  fixture->db = g_strdup (g_object_get_data (G_OBJECT (fixture->service), "tc-test-db"));
  fixture->port = tc_service_get_port (fixture->service);
  g_assert_nonnull (fixture->db);
  tc_service_shutdown (fixture->service);
  g_assert_finalize_object (g_steal_pointer (&fixture->service));
  refresh (fixture);
  g_assert_true (tc_session_get_offline (fixture->session));
}

void
tc_ui_fixture_restart_service (TcUiFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (fixture->service);
  fixture->service = tc_service_new (fixture->db, &error);
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (fixture->service), "tc-test-db",
                          g_steal_pointer (&fixture->db), g_free);
  g_assert_true (tc_service_listen (fixture->service, fixture->port, &error));
  g_assert_no_error (error);
  refresh (fixture);
  g_assert_false (tc_session_get_offline (fixture->session));
}

static gboolean
no_pending_edits (gpointer data)
{
  TcSession *session = data;

  return tc_session_get_pending_edits (session) == 0;
}

JsonObject *
tc_ui_fixture_get_user (TcUiFixture *fixture)
{
  g_autoptr(TcApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  tc_ui_flush ();
  tc_test_wait_until (no_pending_edits, fixture->session, 10);

  client = tc_api_client_new (tc_api_client_get_base_url (fixture->client), &error);
  g_assert_no_error (error);
  tc_api_client_set_api_key (client, fixture->api_key);
  tc_api_client_request_async (client, "GET", "/v1/user", NULL, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 10);
  g_assert_true (tc_api_client_request_finish (client, result, &body, &error));
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (body));
}

JsonObject *
tc_ui_fixture_get_settings (TcUiFixture *fixture)
{
  g_autoptr(JsonObject) user = tc_ui_fixture_get_user (fixture);

  return json_object_ref (json_object_get_object_member (user, "settings"));
}

static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint     *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*nth == 0)
        return widget;
      (*nth)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, nth);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
tc_ui_find (GtkWidget *widget,
            GType      type,
            guint      nth)
{
  return find_nth (widget, type, &nth);
}

GtkWidget *
tc_ui_find_named (GtkWidget  *widget,
                  const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tc_ui_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label's text, or a Team row's: it draws its texts itself. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget))
    return strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
  if (TC_IS_MEMBER_ROW (widget))
    {
      g_autofree char *shown = tc_member_row_dup_text (TC_MEMBER_ROW (widget));

      return strstr (shown, text) != NULL;
    }
  return FALSE;
}

GtkWidget *
tc_ui_find_label (GtkWidget  *widget,
                  const char *text)
{
  if (shows_text (widget, text))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tc_ui_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
tc_ui_find_action (GtkWidget  *widget,
                   const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tc_ui_find_action (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  if (gtk_widget_get_mapped (widget) && shows_text (widget, text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;

  return FALSE;
}

gboolean
tc_ui_label_shown (GtkWidget  *widget,
                   const char *text)
{
  tc_ui_flush ();
  return label_shown (widget, text);
}

static gboolean
is_control (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
           gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (widget));
  if (ADW_IS_ACTION_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) || ADW_IS_COMBO_ROW (widget);

  return GTK_IS_SWITCH (widget) || GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_CHECK_BUTTON (widget);
}

/* Composite controls: their inner parts are named by the outer one. */
static gboolean
is_composite (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) ||
         ADW_IS_COMBO_ROW (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) ||
         GTK_IS_DROP_DOWN (widget) || ADW_IS_TAB_BAR (widget) || GTK_IS_SCROLLBAR (widget);
}

static gboolean
has_own_name (GtkWidget *widget)
{
  const char *text = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  return text != NULL && text[0] != '\0';
}

static void
check_accessible (GtkWidget *widget,
                  guint     *checked)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (is_control (widget))
    {
      (*checked)++;
      if (!has_own_name (widget))
        {
          g_autofree char *message =
            g_strdup_printf ("%s (%s) has no accessible name", G_OBJECT_TYPE_NAME (widget),
                             gtk_widget_get_name (widget));

          g_test_message ("%s", message);
          g_test_fail ();
        }
    }

  if (is_composite (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_accessible (child, checked);
}

void
tc_ui_assert_accessible (GtkWidget *widget)
{
  guint checked = 0;

  check_accessible (widget, &checked);
  g_test_message ("%u controls checked for an accessible name", checked);
  g_assert_cmpuint (checked, >, 0);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
tc_ui_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("TC_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  gboolean waited = FALSE;
  int width, height;

  /* Let layout, style changes and transitions settle. */
  g_timeout_add (600, timeout_cb, &waited);
  tc_test_wait_until (is_true, &waited, 5);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  if (dir != NULL && dir[0] != '\0')
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Saved %s", path);
    }
}
