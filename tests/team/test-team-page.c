/* test-team-page.c — the Team page, the member editor and the bulk editor
 * in real GTK windows against a seeded timecard-service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With TC_SCREENSHOT_DIR set, the page and the editor are also rendered
 * to PNG files there.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "tc-bulk-edit-dialog.h"
#include "tc-custom-field-row.h"
#include "tc-member-editor-dialog.h"
#include "tc-member-profile.h"
#include "tc-member-row.h"
#include "tc-member-text.h"
#include "tc-session.h"
#include "tc-team-page.h"
#include "tc-team-page-private.h"
#include "tc-test-util.h"
#include "team-test-world.h"

typedef struct
{
  TeamWorld  *world;
  TcSession  *session;
  GtkWindow  *window;
  TcTeamPage *page;
} Fixture;

static TcSession *
open_session (TeamWorld   *world,
              TcApiClient *client,
              const char  *user_id)
{
  g_autoptr(TcAccount) account = tc_account_new ("local", user_id, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TcSession *session = tc_session_new (account, client);

  tc_session_refresh_async (session, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 20);
  g_assert_true (tc_session_refresh_finish (session, result, &error));
  g_assert_no_error (error);
  return session;
}

static void
show_page (Fixture   *fixture,
           TcSession *session)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->page = TC_TEAM_PAGE (tc_team_page_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  tc_team_page_set_session (fixture->page, session);
}

static gboolean
list_complete (gpointer data)
{
  TcTeamPage *page = data;
  TcMemberList *list = tc_team_page_get_member_list (page);

  /* Many members at once are sorted in between frames (TcMemberOrder). */
  return list != NULL && tc_member_list_get_complete (list) && _tc_team_page_is_settled (page);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->world = team_world_new (GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : 30);
  fixture->session = open_session (fixture->world, fixture->world->client,
                                   fixture->world->owner_id);
  show_page (fixture, fixture->session);
  tc_test_wait_until (list_complete, fixture->page, 60);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->world, team_world_free);
}

static void
settle (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
drawn (gpointer data)
{
  settle ();
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* The main loop run for @n frames' time: a layout and a paint happen. */
static void
settle_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      settle ();
      g_usleep (20000);
    }
  settle ();
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("TC_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  tc_test_wait_until (drawn, widget, 10);
  settle_frames (20);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static guint
n_shown (Fixture *fixture)
{
  tc_test_wait_until (list_complete, fixture->page, 60);
  return g_list_model_get_n_items (tc_team_page_get_shown (fixture->page));
}

static GtkWidget *
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Runs the main loop (frames included) for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  g_autoptr(GSource) source = g_timeout_source_new (10);

  g_source_set_callback (source, wake_cb, NULL, NULL);
  g_source_attach (source, NULL);
  tc_test_wait_until (time_passed, &end, 10 + ms / 1000);
}

/* The member whose row is the topmost one (even partly) in view. */
static TcMember *
first_visible_member (GtkWidget *list_view)
{
  TcMember *first = NULL;
  float first_y = G_MAXFLOAT;

  for (GtkWidget *c = gtk_widget_get_first_child (list_view); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = gtk_widget_get_first_child (c);
      graphene_rect_t bounds;

      if (!TC_IS_MEMBER_ROW (row) || !gtk_widget_get_child_visible (c) ||
          !gtk_widget_compute_bounds (c, list_view, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0.5f || bounds.origin.y >= first_y)
        continue;
      first_y = bounds.origin.y;
      first = tc_member_row_get_member (TC_MEMBER_ROW (row));
    }
  return first;
}

static gboolean
shows_top (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *list_view = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "list_view");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  g_autoptr(TcMember) item0 = g_list_model_get_item (tc_team_page_get_shown (fixture->page), 0);

  return gtk_adjustment_get_value (adjustment) == gtk_adjustment_get_lower (adjustment) &&
         item0 != NULL && first_visible_member (list_view) == item0;
}

static TcMemberRow *row_of (Fixture  *fixture,
                            TcMember *member);

static gboolean
top_row_built (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(TcMember) item0 = g_list_model_get_item (tc_team_page_get_shown (fixture->page), 0);
  TcMemberRow *row = item0 != NULL ? row_of (fixture, item0) : NULL;

  return shows_top (fixture) && row != NULL && tc_member_row_get_built (row);
}

/* However the pages and the sort arrive, the loaded list comes to start
 * at its first member (frames may be slow: under a sanitizer, say), and
 * stays there. */
static void
test_starts_at_top (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *list_view = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "list_view");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));

  g_assert_cmpuint (n_shown (fixture), ==, GPOINTER_TO_UINT (data) + 1);
  tc_test_wait_until (shows_top, fixture, 20);
  run_for (300);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment),
                     >, gtk_adjustment_get_lower (adjustment));   /* it can scroll */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));
  g_assert_true (shows_top (fixture));
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *search = child (page, TC_TYPE_TEAM_PAGE, "search_entry");
  g_autoptr(TcMember) first = NULL;
  GtkBitset *bits;

  g_assert_true (tc_team_page_get_can_manage (fixture->page));
  g_assert_cmpuint (n_shown (fixture), ==, 31);
  first = g_list_model_get_item (tc_team_page_get_shown (fixture->page), 0);
  g_test_message ("first by name: %s", tc_member_get_display_name (first));
  g_clear_object (&first);
  tc_test_wait_until (shows_top, fixture, 10);
  save_png (GTK_WIDGET (fixture->window), "team.png");

  /* Search as you type, over name and email. */
  gtk_editable_set_text (GTK_EDITABLE (search), "MEMBER0001");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_shown (fixture), ==, 10);
  gtk_editable_set_text (GTK_EDITABLE (search), "øwner");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_shown (fixture), ==, 31);

  /* Role Admin: members 0, 8, 16, 24. Status Inactive: 3, 10, 17, 24. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, TC_TYPE_TEAM_PAGE, "role_filter")), 2);
  g_assert_cmpuint (n_shown (fixture), ==, 4);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, TC_TYPE_TEAM_PAGE, "status_filter")), 2);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, TC_TYPE_TEAM_PAGE, "role_filter")), 0);
  g_assert_cmpuint (n_shown (fixture), ==, 4);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, TC_TYPE_TEAM_PAGE, "status_filter")), 0);

  /* Sort by email: member00000 first, the owner last. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, TC_TYPE_TEAM_PAGE, "sort_dropdown")), 1);
  g_assert_cmpuint (n_shown (fixture), ==, 31);
  first = g_list_model_get_item (tc_team_page_get_shown (fixture->page), 0);
  g_assert_cmpstr (tc_member_get_email (first), ==, "member00000@demo.example");
  /* The rows catch up (a few a frame): the top row shows that member,
   * built, and the sort kept the view at its top. */
  tc_test_wait_until (top_row_built, fixture, 20);

  /* Ctrl+F focuses the search. */
  gtk_widget_activate_action (page, "team.focus-search", NULL);
  g_assert_true (gtk_widget_has_focus (search) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), search));

  /* Selection survives the editor opening and closing. */
  gtk_selection_model_select_range (tc_team_page_get_selection (fixture->page), 2, 3, TRUE);
  gtk_widget_activate_action (page, "team.edit-member", "s", tc_member_get_id (first));
  g_assert_nonnull (tc_team_page_get_editor (fixture->page));
  gtk_window_close (tc_team_page_get_editor (fixture->page));
  settle ();
  g_assert_null (tc_team_page_get_editor (fixture->page));
  bits = gtk_selection_model_get_selection (tc_team_page_get_selection (fixture->page));
  g_assert_cmpuint (gtk_bitset_get_size (bits), ==, 3);
  gtk_bitset_unref (bits);
}

static void
test_not_admin (void)
{
  g_autoptr(TeamWorld) world = team_world_new (10);
  g_autofree char *id = team_world_member_id (world, 1);   /* a team manager */
  g_autoptr(TcApiClient) client = team_world_client_for (world, id);
  g_autoptr(TcSession) session = open_session (world, client, id);
  Fixture fixture = { NULL, };
  GtkWidget *stack;

  show_page (&fixture, session);
  stack = child (GTK_WIDGET (fixture.page), TC_TYPE_TEAM_PAGE, "stack");
  while (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "not-admin");
  g_assert_false (tc_team_page_get_can_manage (fixture.page));
  g_assert_null (tc_team_page_get_member_list (fixture.page));
  gtk_window_destroy (fixture.window);
}

/* The page follows the role the session learned (TcWorkspace:caller-role)
 * without asking the server itself. */
static void
test_follows_role (Fixture       *fixture,
                   gconstpointer  data)
{
  TcWorkspace *workspace = tc_session_get_active_workspace (fixture->session);
  GtkWidget *stack = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "stack");

  g_assert_cmpstr (tc_workspace_get_caller_role (workspace), ==, "OWNER");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");

  tc_workspace_set_caller_role (workspace, "TEAM_MANAGER");
  g_assert_false (tc_team_page_get_can_manage (fixture->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "not-admin");
  g_assert_null (tc_team_page_get_member_list (fixture->page));

  tc_workspace_set_caller_role (workspace, "WORKSPACE_ADMIN");
  g_assert_true (tc_team_page_get_can_manage (fixture->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  g_assert_cmpuint (n_shown (fixture), ==, 31);
}

/* Issue 4: with the server down, a new Team page shows the team as last
 * seen and says so. */
static void
test_offline_cache (Fixture       *fixture,
                    gconstpointer  data)
{
  Fixture offline = { fixture->world, fixture->session, NULL, NULL };
  GtkWidget *revealer;

  revealer = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "stale_revealer");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  tc_api_client_set_retry_policy (fixture->world->client, 1, 10, 10);
  tc_service_shutdown (fixture->world->service);
  show_page (&offline, fixture->session);
  tc_test_wait_until (list_complete, offline.page, 30);
  g_assert_cmpuint (n_shown (&offline), ==, 31);
  g_assert_true (tc_member_list_get_stale (tc_team_page_get_member_list (offline.page)));
  revealer = child (GTK_WIDGET (offline.page), TC_TYPE_TEAM_PAGE, "stale_revealer");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (GTK_WIDGET (offline.page),
                                                          TC_TYPE_TEAM_PAGE, "stale_label"))), ==,
                   "Showing the team as last seen — the server cannot be reached");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (GTK_WIDGET (offline.page),
                                                                       TC_TYPE_TEAM_PAGE, "stack"))),
                   ==, "list");
  gtk_window_destroy (offline.window);
}

static gboolean
editor_ready (gpointer data)
{
  return !tc_member_editor_dialog_get_busy (data);
}

static TcMemberEditorDialog *
open_editor (Fixture    *fixture,
             const char *user_id)
{
  TcMemberEditorDialog *editor;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "team.edit-member", "s", user_id);
  editor = TC_MEMBER_EDITOR_DIALOG (tc_team_page_get_editor (fixture->page));
  g_assert_nonnull (editor);
  tc_test_wait_until (editor_ready, editor, 20);
  return editor;
}

static gboolean
sensitive (TcMemberEditorDialog *editor,
           const char           *name)
{
  return gtk_widget_get_sensitive (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG, name));
}

static const char *
subtitle (TcMemberEditorDialog *editor,
          const char           *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (GTK_WIDGET (editor),
                                                             TC_TYPE_MEMBER_EDITOR_DIALOG, name)));
}

static const char *
notice (TcMemberEditorDialog *editor)
{
  GtkWidget *revealer = child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG, "notice_revealer");

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG,
                                                "notice_label")));
}

/* Each rule and the editor it gives, on seeded members. */
static void
test_editor_rules (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    int             index;   /* -1: the owner */
    TcMemberReason  target;  /* the notice; NONE: no notice */
    TcMemberReason  week_start, capacity, employee;
  } rows[] = {
    { 1, TC_MEMBER_REASON_NONE, TC_MEMBER_REASON_NONE, TC_MEMBER_REASON_NONE, TC_MEMBER_REASON_NONE },
    { -1, TC_MEMBER_REASON_TARGET_OWNER, TC_MEMBER_REASON_TARGET_OWNER,
      TC_MEMBER_REASON_TARGET_OWNER, TC_MEMBER_REASON_TARGET_OWNER },
    { 3, TC_MEMBER_REASON_TARGET_INACTIVE, TC_MEMBER_REASON_TARGET_INACTIVE,
      TC_MEMBER_REASON_TARGET_INACTIVE, TC_MEMBER_REASON_TARGET_INACTIVE },
    { 4, TC_MEMBER_REASON_TARGET_NOT_ACCEPTED, TC_MEMBER_REASON_TARGET_NOT_ACCEPTED,
      TC_MEMBER_REASON_TARGET_NOT_ACCEPTED, TC_MEMBER_REASON_TARGET_NOT_ACCEPTED },
    { 5, TC_MEMBER_REASON_TARGET_NOT_ACCEPTED, TC_MEMBER_REASON_TARGET_NOT_ACCEPTED,
      TC_MEMBER_REASON_TARGET_NOT_ACCEPTED, TC_MEMBER_REASON_TARGET_NOT_ACCEPTED },
    { 20, TC_MEMBER_REASON_SEVERAL_WORKSPACES, TC_MEMBER_REASON_SEVERAL_WORKSPACES,
      TC_MEMBER_REASON_NONE, TC_MEMBER_REASON_SEVERAL_WORKSPACES },
    { 6, TC_MEMBER_REASON_NONE, TC_MEMBER_REASON_PENDING_APPROVAL, TC_MEMBER_REASON_NONE,
      TC_MEMBER_REASON_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *id = rows[i].index < 0 ? g_strdup (fixture->world->owner_id)
                                              : team_world_member_id (fixture->world, rows[i].index);
      TcMemberEditorDialog *editor = open_editor (fixture, id);
      const char *target = tc_member_text_reason (rows[i].target);

      g_test_message ("member %d", rows[i].index);
      g_assert_cmpstr (notice (editor), ==, target);
      g_assert_cmpint (sensitive (editor, "week_start_row"), ==, rows[i].week_start == TC_MEMBER_REASON_NONE);
      g_assert_cmpint (sensitive (editor, "capacity_row"), ==, rows[i].capacity == TC_MEMBER_REASON_NONE);
      g_assert_cmpint (sensitive (editor, "days_box"), ==, rows[i].capacity == TC_MEMBER_REASON_NONE);
      g_assert_cmpint (sensitive (editor, "employee_row"), ==, rows[i].employee == TC_MEMBER_REASON_NONE);
      if (rows[i].week_start != TC_MEMBER_REASON_NONE)
        g_assert_cmpstr (subtitle (editor, "week_start_row"), ==,
                         tc_member_text_reason (rows[i].week_start));
      else
        g_assert_nonnull (strstr (subtitle (editor, "week_start_row"), "Overrides"));
      if (rows[i].employee != TC_MEMBER_REASON_NONE)
        g_assert_cmpstr (subtitle (editor, "employee_row"), ==,
                         tc_member_text_reason (rows[i].employee));
      if (rows[i].index == 1)
        save_png (GTK_WIDGET (editor), "member-editor.png");
      gtk_window_destroy (GTK_WINDOW (editor));
      settle ();
    }
}

/* A FREE workspace: the notice says so and what stays editable. */
static void
test_editor_free_plan (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *workspaces = tc_session_get_workspaces (fixture->session);
  g_autoptr(TcWorkspace) free_ws = NULL;
  g_autofree char *id = team_world_member_id (fixture->world, 0);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(TcMemberList) list = NULL;
  GtkWidget *editor;

  for (guint i = 0; i < g_list_model_get_n_items (workspaces); i++)
    {
      g_autoptr(TcWorkspace) ws = g_list_model_get_item (workspaces, i);

      if (g_strcmp0 (tc_workspace_get_id (ws), fixture->world->free_ws) == 0)
        free_ws = g_steal_pointer (&ws);
    }
  g_assert_nonnull (free_ws);
  editor = tc_member_editor_dialog_new (fixture->session, free_ws,
                                        tc_member_list_find (tc_team_page_get_member_list (fixture->page), id),
                                        TC_MEMBER_ROLE_OWNER);
  gtk_window_present (GTK_WINDOW (editor));
  tc_test_wait_until (editor_ready, editor, 20);
  g_assert_nonnull (strstr (notice (TC_MEMBER_EDITOR_DIALOG (editor)),
                            tc_member_text_reason (TC_MEMBER_REASON_FREE_PLAN)));
  g_assert_false (sensitive (TC_MEMBER_EDITOR_DIALOG (editor), "capacity_row"));
  g_assert_cmpstr (subtitle (TC_MEMBER_EDITOR_DIALOG (editor), "capacity_row"), ==,
                   tc_member_text_reason (TC_MEMBER_REASON_FREE_PLAN));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static JsonObject *
stored_profile (Fixture    *fixture,
                const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           fixture->world->pro_ws, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = team_world_request (fixture->world->client, "GET", path, NULL, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first row, once built: rows are built a few per frame, those on
 * screen first (tc-team-page-models.c). */
static gboolean
row_shown (gpointer data)
{
  GtkWidget *row;

  settle ();
  row = find_type (data, TC_TYPE_MEMBER_ROW);
  return row != NULL && tc_member_row_get_built (TC_MEMBER_ROW (row));
}

/* A row's menu is made when it opens, not when the row is bound: binding
 * hundreds of rows each built a popover, and stalled the main loop for
 * seconds with 10,000 members (issue 13, bench-team-page). It is made for
 * the member the row shows at that moment. */
static void
test_row_menu_on_open (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *row, *button;
  GMenuModel *menu, *section;
  TcMember *member;
  g_autofree char *label = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *action = NULL;

  tc_test_wait_until (row_shown, fixture->page, 30);
  row = find_type (GTK_WIDGET (fixture->page), TC_TYPE_MEMBER_ROW);
  member = tc_member_row_get_member (TC_MEMBER_ROW (row));
  button = find_type (row, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (member);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "_Edit Profile…");
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "team.edit-member");
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, tc_member_get_id (member));
  section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_object_unref (section);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

/* Enter on a row (the list view's list.activate-item) opens the editor
 * on the member at that position, in the order shown: the view's items
 * are positions (TcMemberSlots), not members. */
static void
test_activate_row (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *list_view = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "list_view");
  GtkWidget *sort = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "sort_dropdown");
  g_autoptr(TcMember) third = NULL;
  TcMemberEditorDialog *editor;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (sort), 1);
  third = g_list_model_get_item (tc_team_page_get_shown (fixture->page), 2);
  g_assert_nonnull (third);
  gtk_widget_grab_focus (list_view);
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 2));
  editor = TC_MEMBER_EDITOR_DIALOG (tc_team_page_get_editor (fixture->page));
  g_assert_nonnull (editor);
  g_assert_cmpstr (tc_member_get_id (tc_member_editor_dialog_get_member (editor)), ==,
                   tc_member_get_id (third));
  gtk_window_close (GTK_WINDOW (editor));
}

static gboolean
editor_closed (gpointer data)
{
  return tc_team_page_get_editor (data) == NULL;
}

static gboolean
no_pending_edits (gpointer data)
{
  return tc_session_get_pending_edits (data) == 0;
}

typedef struct { Fixture *fixture; const char *id; const char *capacity; } CapacityWait;

static gboolean
capacity_is (gpointer data)
{
  CapacityWait *wait = data;
  g_autoptr(JsonObject) stored = stored_profile (wait->fixture, wait->id);

  return g_strcmp0 (json_object_get_string_member (stored, "workCapacity"), wait->capacity) == 0;
}

static void
test_editor_save_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = team_world_member_id (fixture->world, 1);
  g_autoptr(JsonObject) before = stored_profile (fixture, id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonNode) before_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) after_node = json_node_new (JSON_NODE_OBJECT);
  TcMemberEditorDialog *editor = open_editor (fixture, id);
  GtkWidget *undo;
  CapacityWait wait = { fixture, id, "PT8H" };
  GtkToggleButton *saturday;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG,
                                                     "hours_spin")), 6);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG,
                                                     "minutes_spin")), 30);
  saturday = GTK_TOGGLE_BUTTON (gtk_widget_get_last_child (gtk_widget_get_prev_sibling (
    gtk_widget_get_last_child (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG, "days_box")))) ?
    gtk_widget_get_prev_sibling (gtk_widget_get_last_child (child (GTK_WIDGET (editor),
                                 TC_TYPE_MEMBER_EDITOR_DIALOG, "days_box"))) : NULL);
  g_assert_nonnull (saturday);
  gtk_toggle_button_set_active (saturday, !gtk_toggle_button_get_active (saturday));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tc_test_wait_until (editor_closed, fixture->page, 20);
  /* The editor closes once both edits are answered, or at once when the
   * session goes offline meanwhile (the edits then wait in the outbox and
   * go when the server answers again): either way they reach the server. */
  if (tc_session_get_pending_edits (fixture->session) > 0)
    g_test_message ("editor closed with %u edits queued (session %s)",
                    tc_session_get_pending_edits (fixture->session),
                    tc_session_get_offline (fixture->session) ? "offline" : "online");
  tc_test_wait_until (no_pending_edits, fixture->session, 30);

  /* Exactly the changed fields were stored. */
  after = stored_profile (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (after, "workCapacity"), ==, "PT6H30M");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "workingDays")),
                    !=, json_array_get_length (json_object_get_array_member (before, "workingDays")));
  json_object_set_member (after, "workCapacity", json_node_copy (json_object_get_member (before, "workCapacity")));
  json_object_set_member (after, "workingDays", json_node_copy (json_object_get_member (before, "workingDays")));
  json_node_set_object (before_node, before);
  json_node_set_object (after_node, after);
  g_assert_true (json_node_equal (before_node, after_node));

  /* The toast says the member was emailed; Undo restores. */
  settle ();
  undo = find_button (gtk_widget_get_parent (GTK_WIDGET (fixture->page)), "_Undo");
  g_assert_nonnull (undo);
  gtk_widget_activate (undo);
  tc_test_wait_until (capacity_is, &wait, 20);
}

static void
test_editor_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = team_world_member_id (fixture->world, 2);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users/%s", fixture->world->pro_ws, id);
  g_autoptr(JsonNode) answer = NULL;
  TcMemberEditorDialog *editor = open_editor (fixture, id);
  GtkWidget *revealer;

  /* Someone deactivates the member while the editor is open. */
  answer = team_world_request (fixture->world->client, "PUT", path, "{\"status\":\"INACTIVE\"}", NULL);
  g_assert_nonnull (answer);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG,
                                                     "hours_spin")), 3);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (tc_member_editor_dialog_get_busy (editor));
  tc_test_wait_until (editor_ready, editor, 20);
  revealer = child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG, "error_revealer");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (GTK_WIDGET (editor),
                            TC_TYPE_MEMBER_EDITOR_DIALOG, "error_label"))), "inactive"));
  g_assert_nonnull (tc_team_page_get_editor (fixture->page));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static TcCustomFieldRow *
find_custom_row (GtkWidget  *widget,
                 const char *field_name)
{
  if (TC_IS_CUSTOM_FIELD_ROW (widget) &&
      g_strcmp0 (tc_custom_field_get_name (tc_custom_field_row_get_field (TC_CUSTOM_FIELD_ROW (widget))),
                 field_name) == 0)
    return TC_CUSTOM_FIELD_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      TcCustomFieldRow *found = find_custom_row (c, field_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A custom field the server refuses says why on its own row, like the
 * other fields, and not only at the top of the editor. */
static void
test_editor_custom_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *id = team_world_member_id (fixture->world, 1);
  TcMemberEditorDialog *editor = open_editor (fixture, id);
  TcCustomFieldRow *pronouns = find_custom_row (GTK_WIDGET (editor), "Pronouns");
  TcCustomFieldRow *department = find_custom_row (GTK_WIDGET (editor), "Department");
  g_autofree char *too_long = g_strnfill (3001, 'x');
  const char *row_text;
  const char *top_text;

  g_assert_nonnull (pronouns);
  g_assert_nonnull (department);
  /* The client has no length limit for text fields; the service has. */
  gtk_editable_set_text (GTK_EDITABLE (tc_custom_field_row_get_control (pronouns)), too_long);
  g_assert_true (tc_custom_field_row_get_valid (pronouns));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  {
    /* Queued with the field's name, for the list of changes waiting. */
    g_autoptr(TcPendingEdit) edit = g_list_model_get_item (tc_session_get_pending (fixture->session), 0);

    g_assert_nonnull (edit);
    g_assert_cmpstr (tc_pending_edit_get_field_label (edit), ==, "Pronouns");
  }
  tc_test_wait_until (editor_ready, editor, 20);

  row_text = adw_action_row_get_subtitle (ADW_ACTION_ROW (pronouns));
  g_test_message ("row: %s", row_text);
  g_assert_nonnull (strstr (row_text, "3000"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pronouns), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (department), "error"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (department)), "3000"));
  top_text = gtk_label_get_label (GTK_LABEL (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG,
                                                    "error_label")));
  g_assert_cmpstr (top_text, ==, row_text);
  g_assert_nonnull (tc_team_page_get_editor (fixture->page));

  /* Changing the value again clears the row's error. */
  gtk_editable_set_text (GTK_EDITABLE (tc_custom_field_row_get_control (pronouns)), "she/her");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (pronouns), "error"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pronouns)), "3000"));
  gtk_window_destroy (GTK_WINDOW (editor));
}


static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row the list shows for @member, or NULL when it is not on screen. */
static TcMemberRow *
row_of (Fixture  *fixture,
        TcMember *member)
{
  GtkWidget *list_view = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "list_view");

  for (GtkWidget *c = gtk_widget_get_first_child (list_view); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = gtk_widget_get_first_child (c);

      if (TC_IS_MEMBER_ROW (row) && gtk_widget_get_child_visible (c) &&
          tc_member_row_get_member (TC_MEMBER_ROW (row)) == member)
        return TC_MEMBER_ROW (row);
    }
  return NULL;
}

/* Opens the editor on seeded member @index while the service runs, stops
 * the service, sets the capacity to @hours and saves: the editor closes
 * with the edit queued. */
static TcMember *
save_capacity_offline (Fixture *fixture,
                       guint    index,
                       int      hours)
{
  g_autofree char *id = team_world_member_id (fixture->world, index);
  TcMember *member = tc_member_list_find (tc_team_page_get_member_list (fixture->page), id);
  TcMemberEditorDialog *editor = open_editor (fixture, id);

  tc_api_client_set_retry_policy (fixture->world->client, 1, 10, 10);
  team_world_stop (fixture->world);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG,
                                                     "hours_spin")), hours);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (GTK_WIDGET (editor), TC_TYPE_MEMBER_EDITOR_DIALOG,
                                                     "minutes_spin")), 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tc_test_wait_until (editor_closed, fixture->page, 30);
  g_assert_true (tc_session_get_offline (fixture->session));
  g_assert_cmpuint (tc_session_get_pending_edits (fixture->session), ==, 1);
  /* The Team list shows the queued value at once. */
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, hours * 3600);
  return member;
}

/* A text the row drew: where it starts, and its colour's alpha. */
typedef struct
{
  float  x;
  float  end;   /* where its glyphs end */
  double alpha;
} DrawnText;

static void
collect_texts (GskRenderNode *node,
               float          dx,
               GArray        *texts)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      {
        graphene_rect_t bounds;
        DrawnText text = { dx + gsk_text_node_get_offset (node)->x, 0, gsk_text_node_get_color (node)->alpha };

        gsk_render_node_get_bounds (node, &bounds);
        text.end = dx + bounds.origin.x + bounds.size.width;

        g_array_append_val (texts, text);
      }
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_texts (gsk_container_node_get_child (node, i), dx, texts);
      break;
    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float x = 0, y = 0;

        g_assert_cmpint (gsk_transform_get_category (transform), >=, GSK_TRANSFORM_CATEGORY_2D_TRANSLATE);
        gsk_transform_to_translate (transform, &x, &y);
        collect_texts (gsk_transform_node_get_child (node), dx + x, texts);
      }
      break;
    case GSK_CLIP_NODE:
      collect_texts (gsk_clip_node_get_child (node), dx, texts);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_texts (gsk_rounded_clip_node_get_child (node), dx, texts);
      break;
    case GSK_OPACITY_NODE:
      collect_texts (gsk_opacity_node_get_child (node), dx, texts);
      break;
    case GSK_DEBUG_NODE:
      collect_texts (gsk_debug_node_get_child (node), dx, texts);
      break;
    default:
      break;
    }
}

/* The texts @row draws (it draws them itself: no labels), in the row's
 * coordinates. */
static GArray *
drawn_texts (TcMemberRow *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (row));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GArray *texts = g_array_new (FALSE, FALSE, sizeof (DrawnText));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (row)),
                          gtk_widget_get_height (GTK_WIDGET (row)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  collect_texts (node, 0, texts);
  return texts;
}

/* How many of the texts @row draws are dimmed: at .dim-label's 55 % of
 * the row's colour (Adwaita's text is itself translucent). The others
 * are in that colour, or the avatar's. */
static guint
n_dimmed_texts (TcMemberRow *row)
{
  g_autoptr(GArray) texts = drawn_texts (row);
  guint dimmed = 0, full = 0;
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (row)), &color);
  for (guint i = 0; i < texts->len; i++)
    {
      double alpha = g_array_index (texts, DrawnText, i).alpha;

      if (alpha < color.alpha - 0.01)
        {
          g_assert_cmpfloat_with_epsilon (alpha, color.alpha * 0.55, 0.01);
          dimmed++;
        }
      else
        full++;
    }
  /* The name, role, capacity, days and the avatar's initials at least. */
  g_assert_cmpuint (full, >=, 5);
  return dimmed;
}

/* Emails and statuses other than Active are dimmed as .dim-label looks,
 * with translucent text rather than the class (an offscreen surface per
 * label with cairo). */
static gboolean
top_rows_built (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(TcMember) first = g_list_model_get_item (tc_team_page_get_shown (fixture->page), 0);
  TcMemberRow *row = first != NULL ? row_of (fixture, first) : NULL;

  settle ();
  return row != NULL && tc_member_row_get_built (row);
}

static gboolean
row_built (gpointer data)
{
  return tc_member_row_get_built (data);
}

static void
test_row_dimmed (Fixture       *fixture,
                 gconstpointer  data)
{
  guint active = 0, other = 0;

  tc_test_wait_until (top_rows_built, fixture, 30);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(TcMember) member = g_list_model_get_item (tc_team_page_get_shown (fixture->page), i);
      TcMemberRow *row = row_of (fixture, member);
      g_autofree char *text = NULL;

      g_assert_nonnull (row);
      tc_test_wait_until (row_built, row, 30);
      text = tc_member_row_dup_text (row);
      g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL, text));
      g_assert_nonnull (strstr (text, tc_member_get_email (member)));
      g_assert_nonnull (strstr (text, tc_member_text_status (tc_member_get_status (member))));
      /* The email, and the status unless Active (one text node each:
       * both are ASCII, in the row's one font). */
      if (tc_member_get_status (member) == TC_MEMBER_STATUS_ACTIVE)
        {
          g_assert_cmpuint (n_dimmed_texts (row), ==, 1);
          active++;
        }
      else
        {
          g_assert_cmpuint (n_dimmed_texts (row), ==, 2);
          other++;
        }
    }
  g_assert_cmpuint (active, >, 0);
  g_assert_cmpuint (other, >, 0);
}

/* How many of @texts start (or with @end, end) at @x, give or take the
 * glyphs' side bearings. */
static guint
n_texts_at (GArray   *texts,
            float     x,
            gboolean  end)
{
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      DrawnText *text = &g_array_index (texts, DrawnText, i);

      n += fabsf ((end ? text->end : text->x) - x) <= 3;
    }
  return n;
}

/* The drawn row: avatar at the start, columns after the name, mirrored
 * for right-to-left text; the narrow layout drops capacity and days. */
static void
test_row_drawn (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TcMember) member = NULL;
  g_autoptr(GArray) ltr = NULL;
  g_autoptr(GArray) rtl = NULL;
  g_autoptr(GArray) narrow = NULL;
  TcMemberRow *row;
  float width, first = G_MAXFLOAT, last = -1;

  tc_test_wait_until (top_rows_built, fixture, 30);
  member = g_list_model_get_item (tc_team_page_get_shown (fixture->page), 0);
  row = row_of (fixture, member);
  g_assert_nonnull (row);
  width = gtk_widget_get_width (GTK_WIDGET (row));

  /* Initials, name, email, role, status, capacity, days. */
  ltr = drawn_texts (row);
  g_assert_cmpuint (ltr->len, >=, 7);
  for (guint i = 0; i < ltr->len; i++)
    {
      first = MIN (first, g_array_index (ltr, DrawnText, i).x);
      last = MAX (last, g_array_index (ltr, DrawnText, i).x);
    }
  g_assert_cmpfloat (first, <, 32);          /* the initials, in the avatar */
  g_assert_cmpfloat (last, >, width * 0.6);  /* the working days */
  /* The name and email start after the avatar and its spacing. */
  g_assert_cmpuint (n_texts_at (ltr, 44, FALSE), >=, 2);

  gtk_widget_set_direction (GTK_WIDGET (row), GTK_TEXT_DIR_RTL);
  settle_frames (10);
  rtl = drawn_texts (row);
  g_assert_cmpuint (rtl->len, ==, ltr->len);
  first = G_MAXFLOAT, last = -1;
  for (guint i = 0; i < rtl->len; i++)
    {
      first = MIN (first, g_array_index (rtl, DrawnText, i).x);
      last = MAX (last, g_array_index (rtl, DrawnText, i).x);
    }
  g_assert_cmpfloat (last, >, width - 32);   /* the initials, at the right */
  g_assert_cmpfloat (first, <, width * 0.4);
  /* The name and email end before the avatar. */
  g_assert_cmpuint (n_texts_at (rtl, width - 44, TRUE), >=, 2);
  gtk_widget_set_direction (GTK_WIDGET (row), GTK_TEXT_DIR_NONE);

  tc_member_row_set_narrow (row, TRUE);
  settle_frames (10);
  narrow = drawn_texts (row);
  g_assert_cmpuint (narrow->len, ==, ltr->len - 2);
  {
    g_autofree char *text = tc_member_row_dup_text (row);

    /* A screen reader still hears them. */
    g_assert_nonnull (strstr (text, tc_member_text_days (tc_member_get_working_days (member))));
  }
  tc_member_row_set_narrow (row, FALSE);
}

/* Issue 9: a capacity saved while the server cannot be reached closes the
 * editor with a note, shows in the Team row, and reaches the server once
 * when it is back. */
static void
test_editor_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *search = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "search_entry");
  g_autofree char *id = team_world_member_id (fixture->world, 1);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           fixture->world->pro_ws, id);
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  TcMemberRow *row;
  TcMember *member;

  /* Only this member in the list, so its row is on screen. */
  gtk_editable_set_text (GTK_EDITABLE (search), "member00001@");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  member = save_capacity_offline (fixture, 1, 5);
  settle ();
  g_assert_nonnull (find_label (gtk_widget_get_parent (GTK_WIDGET (fixture->page)),
                                "when the connection returns"));
  tc_test_wait_until (drawn, fixture->page, 10);
  row = row_of (fixture, member);
  g_assert_nonnull (row);
  {
    g_autofree char *text = tc_member_row_dup_text (row);

    g_assert_nonnull (strstr (text, "5 h"));
  }

  team_world_restart (fixture->world);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (no_pending_edits, fixture->session, 30);
  stored = stored_profile (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (stored, "workCapacity"), ==, "PT5H");
  g_assert_false (tc_session_get_offline (fixture->session));

  /* Once: changed elsewhere afterwards, it is not sent again. */
  answer = team_world_request (fixture->world->client, "PATCH", path, "{\"workCapacity\":\"PT7H\"}",
                               &error);
  g_assert_no_error (error);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (no_pending_edits, fixture->session, 30);
  run_for (300);
  g_clear_pointer (&stored, json_object_unref);
  stored = stored_profile (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (stored, "workCapacity"), ==, "PT7H");
}

/* Issue 9: a queued edit the server refuses when it finally arrives (the
 * member was deactivated meanwhile) goes back, with the server's reason. */
static void
test_queued_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = team_world_member_id (fixture->world, 2);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users/%s", fixture->world->pro_ws, id);
  g_autoptr(JsonObject) before = stored_profile (fixture, id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 capacity = 0;
  GtkWidget *toast;
  TcMember *member;

  g_assert_true (tc_wire_parse_duration (json_object_get_string_member (before, "workCapacity"),
                                         &capacity));
  g_assert_cmpint (capacity, !=, 3 * 3600);
  member = save_capacity_offline (fixture, 2, 3);

  team_world_restart (fixture->world);
  answer = team_world_request (fixture->world->client, "PUT", path, "{\"status\":\"INACTIVE\"}", &error);
  g_assert_no_error (error);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (no_pending_edits, fixture->session, 30);
  settle ();

  toast = find_label (gtk_widget_get_parent (GTK_WIDGET (fixture->page)), "was undone");
  g_assert_nonnull (toast);
  g_test_message ("toast: %s", gtk_label_get_label (GTK_LABEL (toast)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast)), "Daily capacity"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast)), "inactive"));
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, capacity);
  after = stored_profile (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (after, "workCapacity"), ==,
                   json_object_get_string_member (before, "workCapacity"));
}

/* Issue 9: another admin changed the capacity while ours waited: ours is
 * not sent, theirs stays, and a toast says so. */
static void
test_queued_conflict (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = team_world_member_id (fixture->world, 1);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           fixture->world->pro_ws, id);
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *toast;
  TcMember *member;

  member = save_capacity_offline (fixture, 1, 4);
  team_world_restart (fixture->world);
  answer = team_world_request (fixture->world->client, "PATCH", path, "{\"workCapacity\":\"PT2H\"}",
                               &error);
  g_assert_no_error (error);
  tc_session_retry_edits (fixture->session);
  tc_test_wait_until (no_pending_edits, fixture->session, 30);
  settle ();

  toast = find_label (gtk_widget_get_parent (GTK_WIDGET (fixture->page)), "meanwhile");
  g_assert_nonnull (toast);
  g_test_message ("toast: %s", gtk_label_get_label (GTK_LABEL (toast)));
  stored = stored_profile (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (stored, "workCapacity"), ==, "PT2H");
  g_assert_cmpint (tc_member_get_work_capacity (member), ==, 2 * 3600);
}

static gboolean
bulk_state_is (gpointer data)
{
  return tc_bulk_edit_dialog_get_state (data) ==
         GPOINTER_TO_INT (g_object_get_data (data, "wanted"));
}

static void
wait_bulk (TcBulkEditDialog *dialog,
           TcBulkEditState   state)
{
  g_object_set_data (G_OBJECT (dialog), "wanted", GINT_TO_POINTER (state));
  tc_test_wait_until (bulk_state_is, dialog, 30);
}

static void
test_bulk_partial_failure (Fixture       *fixture,
                           gconstpointer  data)
{
  static const guint seeded[] = { 1, 2, 3, 6, 20 };
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  char *ids[G_N_ELEMENTS (seeded)];
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  TcBulkEditDialog *dialog;
  guint changes, skipped, failed;

  for (guint i = 0; i < G_N_ELEMENTS (seeded); i++)
    {
      ids[i] = team_world_member_id (fixture->world, seeded[i]);
      g_ptr_array_add (members, g_object_ref (tc_member_list_find (
        tc_team_page_get_member_list (fixture->page), ids[i])));
    }
  dialog = TC_BULK_EDIT_DIALOG (tc_bulk_edit_dialog_new (fixture->session,
                                                         tc_session_get_active_workspace (fixture->session),
                                                         members, TC_MEMBER_ROLE_OWNER));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_bulk (dialog, TC_BULK_EDIT_READY);

  tc_bulk_edit_dialog_choose (dialog, 5 * 3600, 0, NULL);
  tc_bulk_edit_dialog_get_counts (dialog, &changes, &skipped, &failed);
  g_assert_cmpuint (changes, ==, 4);   /* 3 is inactive */
  g_assert_cmpuint (skipped, ==, 1);
  save_png (GTK_WIDGET (dialog), "bulk-edit.png");

  /* Member 2 is deactivated meanwhile: the service refuses that one. */
  path = g_strdup_printf ("/v1/workspaces/%s/users/%s", fixture->world->pro_ws, ids[1]);
  answer = team_world_request (fixture->world->client, "PUT", path, "{\"status\":\"INACTIVE\"}", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.apply", NULL);
  wait_bulk (dialog, TC_BULK_EDIT_DONE);
  tc_bulk_edit_dialog_get_counts (dialog, &changes, &skipped, &failed);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_cmpuint (skipped, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (seeded); i++)
    {
      g_autoptr(JsonObject) stored = stored_profile (fixture, ids[i]);
      gboolean changed = seeded[i] != 2 && seeded[i] != 3;

      g_assert_cmpint (g_strcmp0 (json_object_get_string_member (stored, "workCapacity"), "PT5H") == 0,
                       ==, changed);
      g_free (ids[i]);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
member_inactive (gpointer data)
{
  return tc_member_get_status (data) == TC_MEMBER_STATUS_INACTIVE;
}

static void
test_deactivate (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id = team_world_member_id (fixture->world, 1);
  TcMember *member = tc_member_list_find (tc_team_page_get_member_list (fixture->page), id);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "team.deactivate-member", "s", id);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpint (tc_member_get_status (member), ==, TC_MEMBER_STATUS_ACTIVE);
  adw_message_dialog_response (dialog, "confirm");
  tc_test_wait_until (member_inactive, member, 20);
}

static gboolean
progress_shown (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (TC_TEAM_PAGE (data)->progress_bar));
}

static gboolean
order_settled (gpointer data)
{
  return !tc_member_order_get_pending (TC_MEMBER_ORDER (data));
}

/* A big team's search goes through it a slice at a time (here slices of
 * 4 members, as TcMemberOrder does by 20,000): until it has been through
 * everyone, the page does not say that nothing matches. */
static void
test_filter_in_slices (Fixture       *fixture,
                       gconstpointer  data)
{
  TcTeamPage *page = fixture->page;
  TcMemberOrder *order = TC_MEMBER_ORDER (tc_team_page_get_shown (page));

  _tc_member_order_set_slice_size (order, 4);
  /* By email, member00029 is far from the first slice. */
  gtk_drop_down_set_selected (page->sort_dropdown, 1);
  tc_test_wait_until (order_settled, order, 20);
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "member00029@");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_true (tc_member_order_get_pending (order));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (order)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "members");
  tc_test_wait_until (order_settled, order, 20);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "members");

  /* A long one shows the progress bar, named for what it does, after a
   * moment (none here), and hides it when done. */
  _tc_team_page_set_busy_delay (page, 0);
  _tc_member_order_set_slice_size (order, 1);
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "member000");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_true (tc_member_order_get_pending (order));
  tc_test_wait_until (progress_shown, page, 20);
  g_assert_true (tc_member_order_get_pending (order));
  g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (page->progress_bar),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                    "Sorting and filtering members") == NULL);
  tc_test_wait_until (order_settled, order, 20);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->progress_bar)));
  g_assert_true (gtk_test_accessible_check_property (GTK_ACCESSIBLE (page->progress_bar),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                    "Loading members") == NULL);

  /* No one: said once everyone has been asked. */
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "nobody-at-all");
  g_signal_emit_by_name (page->search_entry, "search-changed");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "members");
  tc_test_wait_until (order_settled, order, 20);
  g_assert_cmpuint (n_shown (fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "empty");
}

/* 10,000 members load page by page and filter (bounded, not timed). */
static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *search = child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE, "search_entry");

  g_assert_cmpuint (n_shown (fixture), ==, 10001);
  gtk_editable_set_text (GTK_EDITABLE (search), "member0999");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_shown (fixture), ==, 10);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (GTK_WIDGET (fixture->page), TC_TYPE_TEAM_PAGE,
                                                    "sort_dropdown")), 2);
  g_assert_cmpuint (n_shown (fixture), ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  /* Accessible properties readable (/team/page/filter-in-slices). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

#define ADD(path, fn, n) g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, fn, fixture_tear_down)
  ADD ("/team/page/list", test_list, 30);
  ADD ("/team/page/starts-at-top", test_starts_at_top, 30);
  ADD ("/team/page/starts-at-top-paged", test_starts_at_top, 700);
  g_test_add_func ("/team/page/not-admin", test_not_admin);
  ADD ("/team/page/follows-role", test_follows_role, 30);
  ADD ("/team/page/offline-cache", test_offline_cache, 30);
  ADD ("/team/editor/rules", test_editor_rules, 30);
  ADD ("/team/editor/free-plan", test_editor_free_plan, 30);
  ADD ("/team/editor/save-undo", test_editor_save_undo, 30);
  ADD ("/team/editor/refused", test_editor_refused, 30);
  ADD ("/team/editor/custom-refused", test_editor_custom_refused, 30);
  ADD ("/team/bulk/partial-failure", test_bulk_partial_failure, 30);
  ADD ("/team/editor/offline", test_editor_offline, 30);
  ADD ("/team/editor/queued-refused", test_queued_refused, 30);
  ADD ("/team/editor/queued-conflict", test_queued_conflict, 30);
  ADD ("/team/page/deactivate", test_deactivate, 30);
  ADD ("/team/page/row-menu-on-open", test_row_menu_on_open, 30);
  ADD ("/team/page/activate-row", test_activate_row, 30);
  ADD ("/team/page/row-dimmed", test_row_dimmed, 30);
  ADD ("/team/page/row-drawn", test_row_drawn, 30);
  ADD ("/team/page/filter-in-slices", test_filter_in_slices, 30);
  ADD ("/team/page/ten-thousand", test_large, 10000);
#undef ADD

  return g_test_run ();
}
