/* tc-team-page-models.c — the Team page's list: search, filters, sort, rows
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TcMemberList → TcMemberOrder → TcMemberSlots → GtkListView. The search
 * and sort keys are made with each member, on the thread that decodes
 * its page (tc_member_get_sort_key()), so filtering 10,000 members takes
 * a couple of milliseconds and new members are merged into the sorted
 * list in about as much (TcMemberOrder).
 *
 * GTK 4.8's GtkListView keeps 200 rows (GTK_LIST_VIEW_MAX_LIST_ITEMS)
 * bound whatever its height, and when its items change it destroys the
 * rows whose item went and builds and binds others: given the sorted
 * members themselves, every sort, search or page of a big team cost
 * hundreds of milliseconds of main loop (bench-team-page). (A grid of
 * one column keeps 30 rows, but GTK 4.8's GtkGridView loses its rows
 * after a long jump of the scroll bar.) So the view is given positions
 * (TcMemberSlots), which stay, and this file puts the member now at each
 * position in its row and builds the rows near the screen, a few a
 * frame, those on screen first (catch_up_tick_cb()).
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

/* With nothing to filter by, the filter has no function: it then says
 * it matches all (GTK_FILTER_MATCH_ALL), and the order copies the sorted
 * members instead of asking for each (100,000 calls for each page of a
 * team that big). Setting the function says the filter changed. */
static void
update_filter (TcTeamPage *self)
{
  gboolean filters = self->search_folded != NULL || self->role_filter_value >= 0 ||
                     self->status_filter_value >= 0;

  if (filters)
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
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

/* The positions on screen, from the scroll position. The view sets its
 * adjustment's upper bound for the rows it had at its last layout
 * (adjusted_n), estimating the height of the rows it never measured: a
 * position is where that estimate puts it, and dividing by the rows there
 * are now would be wrong between a change and the next layout. */
static gboolean
visible_range (TcTeamPage *self,
               guint      *first,
               guint      *last)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->order));
  double row_height, value, page;

  if (adjustment == NULL || n == 0 || self->adjusted_n == 0)
    return FALSE;
  row_height = (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)) /
               self->adjusted_n;
  value = gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_lower (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (row_height <= 0 || page <= 0)
    return FALSE;
  *first = (guint) CLAMP (value / row_height, 0, n - 1);
  *last = (guint) CLAMP (ceil ((value + page) / row_height), *first + 1, n);
  return TRUE;
}

static void
adjusted_cb (TcTeamPage *self)
{
  self->adjusted_n = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
}

static gboolean
details_timer_cb (gpointer user_data)
{
  TcTeamPage *self = user_data;
  guint first, last;

  self->details_timer = 0;
  if (self->members == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return G_SOURCE_REMOVE;
  /* While members arrive, the sort moves them under the view: asking
   * now would ask for members nobody sees. */
  if (!_tc_team_page_is_settled (self))
    {
      self->details_timer = g_timeout_add (DETAILS_SETTLE_MS, details_timer_cb, self);
      return G_SOURCE_REMOVE;
    }
  if (!visible_range (self, &first, &last))
    return G_SOURCE_REMOVE;
  for (guint i = first; i < last; i++)
    {
      TcMember *member = tc_member_order_peek (self->order, i);

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

/* @item's row shows @member: the one it showed gives up the details it
 * asked for, as when a row is unbound. */
static void
show_member (TcTeamPage  *self,
             GtkListItem *item,
             TcMember    *member)
{
  TcMemberRow *row = TC_MEMBER_ROW (gtk_list_item_get_child (item));
  TcMember *before = tc_member_row_get_member (row);

  if (before == member)
    return;
  if (self->members != NULL && before != NULL)
    tc_member_list_drop_details (self->members, before);
  tc_member_row_set_member (row, member);
}

static TcMember *
member_of (TcTeamPage  *self,
           GtkListItem *item)
{
  TcMemberSlot *slot = gtk_list_item_get_item (item);

  return slot != NULL ? tc_member_slots_peek (self->slots, slot) : NULL;
}

/* A built row with the list's padding, with the default font: only to
 * guess how many fit before the view has been laid out. */
#define ROW_HEIGHT_GUESS 54

/* The rows on screen, or the first screen's worth before the view has
 * been laid out (as many as the page's height holds). */
static void
screen_range (TcTeamPage *self,
              guint      *first,
              guint      *last)
{
  if (!visible_range (self, first, last))
    {
      int height = gtk_widget_get_height (GTK_WIDGET (self));

      *first = 0;
      *last = height > 0 ? height / ROW_HEIGHT_GUESS + 1 : 20;
    }
}

/* Nothing to do for @item's row: it shows the member at its position
 * and is built if it is within @near_first..@near_last. An empty row
 * (tc_member_row_build()) takes its member at once: nothing to show. */
static gboolean
row_done (TcTeamPage  *self,
          GtkListItem *item,
          guint        near_first,
          guint        near_last)
{
  TcMemberRow *row = TC_MEMBER_ROW (gtk_list_item_get_child (item));
  guint position = gtk_list_item_get_position (item);
  gboolean near = position >= near_first && position < near_last;

  if (!tc_member_row_get_built (row))
    {
      show_member (self, item, member_of (self, item));
      return !near;
    }
  return tc_member_row_get_member (row) == member_of (self, item);
}

static void
finish_row (TcTeamPage  *self,
            GtkListItem *item)
{
  show_member (self, item, member_of (self, item));
  tc_member_row_build (TC_MEMBER_ROW (gtk_list_item_get_child (item)));
}

typedef struct
{
  guint        distance;
  GtkListItem *item;
} Pending;

static int
pending_compare (gconstpointer a,
                 gconstpointer b)
{
  const Pending *pa = a, *pb = b;

  return pa->distance < pb->distance ? -1 : pa->distance > pb->distance;
}

/* Each frame (before its layout) finishes a few rows, those on screen
 * first, then those near it, then the built rows further away that show
 * who was at their position before: a row built, laid out and drawn
 * the first time costs about half a millisecond to a millisecond, and a
 * GTK 4.8 list view binds 200 at once. A big change shows on screen
 * over a few frames, top first, each frame short; rows far from the
 * screen are not built at all. */
#define ROWS_PER_FRAME 6

static gboolean
catch_up_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  TcTeamPage *self = user_data;
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  guint first, last, near_first, near_last;
  guint n = ROWS_PER_FRAME, on_screen = 0, empty_on_screen = 0;
  GHashTableIter iter;
  GtkListItem *item;

  screen_range (self, &first, &last);
  near_first = first > last - first ? first - (last - first) : 0;
  near_last = last + (last - first);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, (gpointer *) &item, NULL))
    {
      guint position = gtk_list_item_get_position (item);
      Pending p = { 0, item };

      if (position >= first && position < last)
        {
          on_screen++;
          if (!tc_member_row_get_built (TC_MEMBER_ROW (gtk_list_item_get_child (item))))
            empty_on_screen++;
        }
      if (row_done (self, item, near_first, near_last))
        continue;
      p.distance = position < first ? first - position : position >= last ? position - last + 1 : 0;
      g_array_append_val (pending, p);
    }
  if (pending->len == 0)
    {
      self->catch_up_tick = 0;
      return G_SOURCE_REMOVE;
    }
  /* A screen with no row on it yet (the first members, a reload) fills
   * in two frames, top half first: there, a few rows a frame only looks
   * slower, and holds up no row already shown. In one frame, the first
   * screen of a team took 30 ms with the cairo renderer (its text laid
   * out and drawn the first time, bench-team-page); in two, the second
   * half shows about when the whole did. */
  if (on_screen > 0 && empty_on_screen == on_screen)
    n = MAX (n, (on_screen + 1) / 2);
  g_array_sort (pending, pending_compare);
  for (guint i = 0; i < MIN (pending->len, n); i++)
    finish_row (self, g_array_index (pending, Pending, i).item);
  return G_SOURCE_CONTINUE;
}

/* The rows on screen still to finish: finished now if @finish, else
 * only counted. */
static guint
rows_on_screen_left (TcTeamPage *self,
                     gboolean    finish)
{
  GHashTableIter iter;
  GtkListItem *item;
  guint first, last, left = 0;

  screen_range (self, &first, &last);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, (gpointer *) &item, NULL))
    {
      guint position = gtk_list_item_get_position (item);

      if (position < first || position >= last || row_done (self, item, first, last))
        continue;
      left++;
      if (finish)
        finish_row (self, item);
    }
  return left;
}

gboolean
_tc_team_page_screen_done (TcTeamPage *self)
{
  return !tc_member_order_get_pending (self->order) && rows_on_screen_left (self, FALSE) == 0;
}

static void
catch_up (TcTeamPage *self)
{
  if (self->catch_up_tick == 0)
    self->catch_up_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                        catch_up_tick_cb, self, NULL);
}

/* The order changed (TcMemberSlots has already added or removed the
 * positions at the end): the rows catch up from the next frame. */
static void
order_changed_cb (TcTeamPage *self)
{
  /* Emptied (a reload, a search that finds no one): the view starts
   * again at its top. GTK 4.8's list view keeps its old scroll position
   * over an empty model and shows none of the rows that come back;
   * given its model again, it starts at the first. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->slots)) == 0)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->slots));
      return;
    }
  catch_up (self);
  schedule_details (self);
}

/* Before the view lays out the new position: the rows it brings on
 * screen that are bound already are finished now, so a scroll shows no
 * empty or outdated row; the others catch up. */
static void
scrolled_cb (TcTeamPage *self)
{
  rows_on_screen_left (self, TRUE);
  catch_up (self);
  schedule_details (self);
}

static void
vadjustment_changed_cb (TcTeamPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  self->adjusted_n = 0;
  if (adjustment == NULL)
    return;
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (adjusted_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         TcTeamPage               *self)
{
  g_hash_table_add (self->bound, item);
  show_member (self, item, member_of (self, item));
  catch_up (self);
  schedule_details (self);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TcTeamPage               *self)
{
  g_hash_table_remove (self->bound, item);
  show_member (self, item, NULL);
}

static void
search_changed_cb (TcTeamPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (text[0] != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  update_filter (self);
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
  update_filter (self);
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
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->order = tc_member_order_new (GTK_FILTER (self->filter), GTK_SORTER (self->sorter));
  self->slots = tc_member_slots_new (self->order);
  self->bound = g_hash_table_new (NULL, NULL);
  /* After the slots': the positions are there when the rows are told. */
  g_signal_connect_swapped (self->order, "items-changed", G_CALLBACK (order_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->slots));
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

void
_tc_team_page_dispose_models (TcTeamPage *self)
{
  /* The list view went with the template, and its tick callback. */
  self->catch_up_tick = 0;
  if (self->order != NULL)
    g_signal_handlers_disconnect_by_data (self->order, self);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_object (&self->slots);
  g_clear_object (&self->order);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
}
