/* tc-team-page-models.c — the Team page's list: search, filters, sort, rows
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TcMemberList → GtkFilterListModel → GtkSortListModel → GtkMultiSelection
 * → GtkListView. The search and sort keys are made with each member, on
 * the thread that decodes its page (tc_member_get_sort_key()), so
 * filtering 10,000 members takes a couple of milliseconds and new members
 * are merged into the sorted list in about as much.
 *
 * GTK 4.8's GtkListView keeps 200 rows (GTK_LIST_VIEW_MAX_LIST_ITEMS)
 * bound whatever its height, and binds them again after a sort, a search
 * or new members: that is most of what each of those costs. A grid of
 * one column keeps 30, but GTK 4.8's GtkGridView loses its rows after a
 * long jump of the scroll bar (all of them hidden, the list blank), so
 * the view stays a list; the member list adds a big team in a few steps
 * instead (TcMemberList:update-interval).
 *
 * Neither model is incremental. GTK 4.8's list view keeps a row widget
 * only for an item that is still there after a change: an incremental
 * sort shows a new half-sorted order at every step, so the view made and
 * destroyed up to 200 rows each time and the main loop stalled for
 * hundreds of milliseconds while pages arrived; a keystroke took many
 * steps, and a frame each, to be filtered (bench-team-page). Sorted at
 * once, a new page only inserts rows and the rows on screen keep theirs.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tc-member-row.h"
#include "tc-team-page-private.h"

typedef enum {
  SORT_NAME,
  SORT_EMAIL,
  SORT_STATUS,
} SortKey;

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TcTeamPage *self = user_data;
  TcMember *member = item;

  if (self->role_filter_value >= 0 && (int) tc_member_get_role (member) != self->role_filter_value)
    return FALSE;
  if (self->status_filter_value >= 0 &&
      (int) tc_member_get_status (member) != self->status_filter_value)
    return FALSE;
  return self->search_folded == NULL ||
         strstr (tc_member_get_search_key (member), self->search_folded) != NULL;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  TcTeamPage *self = user_data;
  TcMember *ma = (TcMember *) a, *mb = (TcMember *) b;
  int result = 0;

  if (self->sort_key == SORT_EMAIL)
    result = g_strcmp0 (tc_member_get_email (ma), tc_member_get_email (mb));
  else if (self->sort_key == SORT_STATUS)
    result = (int) tc_member_get_status (ma) - (int) tc_member_get_status (mb);
  if (result == 0)
    result = strcmp (tc_member_get_sort_key (ma), tc_member_get_sort_key (mb));
  if (result == 0)
    result = g_strcmp0 (tc_member_get_id (ma), tc_member_get_id (mb));
  return result;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  TcTeamPage *self = user_data;
  GtkWidget *row = tc_member_row_new ();

  tc_member_row_set_narrow (TC_MEMBER_ROW (row), self->narrow);
  gtk_list_item_set_child (item, row);
}

/* Member details only for the rows really on screen: a list view binds
 * up to a couple of hundred rows around the visible ones, and a fast
 * scroll binds and recycles many more. Once the view has been still for
 * DETAILS_SETTLE_MS, the rows inside it ask for their details. Which rows
 * those are comes from the scroll position (the rows have one height), so
 * it does not depend on the view having been laid out yet. */
#define DETAILS_SETTLE_MS 150

static gboolean
details_timer_cb (gpointer user_data)
{
  TcTeamPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  GListModel *shown = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (shown);
  double row_height, value, page;
  guint first, last;

  self->details_timer = 0;
  if (self->members == NULL || adjustment == NULL || n == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return G_SOURCE_REMOVE;
  /* While members arrive, the sort moves them under the view and the
   * view then starts again at the top: positions mean nothing yet, so
   * asking now would ask for members nobody sees. */
  if (!_tc_team_page_is_settled (self))
    {
      self->details_timer = g_timeout_add (DETAILS_SETTLE_MS, details_timer_cb, self);
      return G_SOURCE_REMOVE;
    }

  row_height = (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)) / n;
  value = gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_lower (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (row_height <= 0 || page <= 0)
    return G_SOURCE_REMOVE;
  first = (guint) CLAMP (value / row_height, 0, n - 1);
  last = (guint) CLAMP (ceil ((value + page) / row_height), first + 1, n);

  for (guint i = first; i < last; i++)
    {
      g_autoptr(TcMember) member = g_list_model_get_item (shown, i);

      if (member != NULL)
        tc_member_list_request_details (self->members, member);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_details (TcTeamPage *self)
{
  g_clear_handle_id (&self->details_timer, g_source_remove);
  self->details_timer = g_timeout_add (DETAILS_SETTLE_MS, details_timer_cb, self);
}

static void
vadjustment_changed_cb (TcTeamPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (schedule_details), self,
                             G_CONNECT_SWAPPED);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         TcTeamPage               *self)
{
  TcMember *member = gtk_list_item_get_item (item);

  tc_member_row_set_member (TC_MEMBER_ROW (gtk_list_item_get_child (item)), member);
  schedule_details (self);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TcTeamPage               *self)
{
  TcMember *member = gtk_list_item_get_item (item);

  tc_member_row_set_member (TC_MEMBER_ROW (gtk_list_item_get_child (item)), NULL);
  if (self->members != NULL && member != NULL)
    tc_member_list_drop_details (self->members, member);
}

static void
search_changed_cb (TcTeamPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (text[0] != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
filters_changed_cb (TcTeamPage *self)
{
  guint role = gtk_drop_down_get_selected (self->role_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  /* Role items: All, Owner, Admin, Team manager, Project manager, Member. */
  self->role_filter_value = role == 0 || role == GTK_INVALID_LIST_POSITION
                            ? -1 : TC_MEMBER_ROLE_OWNER - (int) (role - 1);
  self->status_filter_value = status == 0 || status == GTK_INVALID_LIST_POSITION
                              ? -1 : (int) status - 1;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
sort_changed_cb (TcTeamPage *self)
{
  self->sort_key = gtk_drop_down_get_selected (self->sort_dropdown);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

void
_tc_team_page_setup_models (TcTeamPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->role_filter_value = -1;
  self->status_filter_value = -1;
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  gtk_filter_list_model_set_incremental (self->filter_model, FALSE);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              GTK_SORTER (self->sorter));
  gtk_sort_list_model_set_incremental (self->sort_model, FALSE);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->list_view, "notify::vadjustment",
                            G_CALLBACK (vadjustment_changed_cb), self);
  g_signal_connect_swapped (self->list_view, "map", G_CALLBACK (schedule_details), self);
  vadjustment_changed_cb (self);

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->role_filter, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected",
                            G_CALLBACK (sort_changed_cb), self);
}
