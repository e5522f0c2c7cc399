/* test-member-order.c — TcMemberOrder and TcMemberSlots, the Team list's models
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order is checked against a plain sort of what it was given: members
 * coming in batches of random sizes (as pages do) are merged into the
 * same order as one sort of all of them, under each filter; the slots
 * keep their objects, and the selection follows the members.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tc-member-slots.h"
#include "tc-test-util.h"

#define N 500

static const char *names[] = {
  "Zoë", "Ada", "Émile", "bob", "Ångström", "Chloé", "ada", "Łukasz", "Søren", "Mia",
};

static TcMember *
member_new (guint i)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\":\"%024x\",\"email\":\"m%05u@x.example\",\"name\":\"%s %u\","
    "\"status\":\"%s\",\"roles\":[]}",
    i, (i * 7919) % N, names[i % G_N_ELEMENTS (names)], i % 13,
    i % 3 == 0 ? "INACTIVE" : "ACTIVE");
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TcMember *member = tc_member_new_from_json (json_node_get_object (node), &error);

  g_assert_no_error (error);
  return member;
}

typedef struct
{
  gboolean by_email;
  gboolean active_only;
} Rules;

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  Rules *rules = user_data;

  return !rules->active_only || tc_member_get_status (item) == TC_MEMBER_STATUS_ACTIVE;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  Rules *rules = user_data;
  int result = rules->by_email ? strcmp (tc_member_get_email ((TcMember *) a),
                                         tc_member_get_email ((TcMember *) b)) : 0;

  if (result == 0)
    result = strcmp (tc_member_get_sort_key ((TcMember *) a), tc_member_get_sort_key ((TcMember *) b));
  if (result == 0)
    result = strcmp (tc_member_get_id ((TcMember *) a), tc_member_get_id ((TcMember *) b));
  return result;
}

static int
sort_ptr (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  return sort_func (*(gpointer *) a, *(gpointer *) b, user_data);
}

/* A TcMemberOrder over a GListStore, filtered and sorted by @rules. */
typedef struct
{
  Rules          rules;
  GtkFilter     *filter;
  GtkSorter     *sorter;
  GListStore    *source;
  TcMemberOrder *order;
} Models;

static Models *
models_new (void)
{
  Models *m = g_new0 (Models, 1);

  m->filter = GTK_FILTER (gtk_custom_filter_new (filter_func, &m->rules, NULL));
  m->sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, &m->rules, NULL));
  m->source = g_list_store_new (TC_TYPE_MEMBER);
  m->order = tc_member_order_new (m->filter, m->sorter);
  return m;
}

static void
models_free (Models *m)
{
  g_object_unref (m->order);
  g_object_unref (m->source);
  g_object_unref (m->sorter);
  g_object_unref (m->filter);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Models, models_free)

/* The first @known members of @m's source that the filter lets through,
 * in the sorter's order: what a plain filter and sort give. */
static GPtrArray *
expected_order (Models *m,
                guint   known)
{
  GPtrArray *expected = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < known; i++)
    {
      TcMember *member = g_list_model_get_item (G_LIST_MODEL (m->source), i);

      if (filter_func (member, &m->rules))
        g_ptr_array_add (expected, member);
      else
        g_object_unref (member);
    }
  g_ptr_array_sort_with_data (expected, sort_ptr, &m->rules);
  return expected;
}

/* The order holds what a plain filter and sort of the source give. */
static void
assert_order (Models *m)
{
  g_autoptr(GPtrArray) expected =
    expected_order (m, g_list_model_get_n_items (G_LIST_MODEL (m->source)));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m->order)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (tc_member_order_peek (m->order, i) == expected->pdata[i]);
}

/* A sort or a filter under way: what shows is in order, and its first
 * @screen are what the order of the first @known of the source starts
 * with. */
static void
assert_first_screen (Models *m,
                     guint   known,
                     guint   screen)
{
  g_autoptr(GPtrArray) expected = expected_order (m, known);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (m->order));

  g_assert_cmpuint (n, >=, screen);
  for (guint i = 0; i < screen; i++)
    g_assert_true (tc_member_order_peek (m->order, i) == expected->pdata[i]);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (sort_func (tc_member_order_peek (m->order, i - 1),
                                tc_member_order_peek (m->order, i), &m->rules), <, 0);
}

static void
count_changes (guint *count)
{
  (*count)++;
}

static void
test_order_batches (void)
{
  g_autoptr(Models) m = models_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  guint added = 0, changes = 0;

  tc_member_order_set_model (m->order, G_LIST_MODEL (m->source));
  g_signal_connect_swapped (m->order, "items-changed", G_CALLBACK (count_changes), &changes);
  while (added < N)
    {
      guint batch = MIN ((guint) g_rand_int_range (rand, 1, 80), N - added);
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < batch; i++)
        g_ptr_array_add (members, member_new (added + i));
      g_list_store_splice (m->source, added, 0, members->pdata, batch);
      added += batch;
      assert_order (m);
      /* Filter while loading, as a search typed early; without it the
       * filter has no function (it matches all), as on the Team page. */
      m->rules.active_only = !m->rules.active_only;
      gtk_custom_filter_set_filter_func (GTK_CUSTOM_FILTER (m->filter),
                                         m->rules.active_only ? filter_func : NULL,
                                         m->rules.active_only ? &m->rules : NULL, NULL);
      assert_order (m);
    }
  g_assert_cmpuint (changes, >, 0);

  m->rules.by_email = TRUE;
  gtk_sorter_changed (m->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  assert_order (m);

  /* Anything but an addition at the end: read again. */
  g_list_store_remove (m->source, 17);
  assert_order (m);
  tc_member_order_set_model (m->order, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m->order)), ==, 0);
  g_assert_null (tc_member_order_peek (m->order, 0));
}

static gboolean
not_pending (gpointer data)
{
  return !tc_member_order_get_pending (data);
}

/* A big list is sorted in slices between frames: the old order stays
 * until it is done, members added meanwhile are merged in at the end, a
 * filter meanwhile works on the old order, and a sort asked for again
 * starts over. */
static void
test_order_sliced_sort (void)
{
  g_autoptr(Models) m = models_new ();
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  TcMember *first_before;
  guint notified = 0;

  for (guint i = 0; i < 5 * N + 7; i++)
    g_ptr_array_add (members, member_new (i));
  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (more, member_new (100000 + i));
  tc_member_order_set_model (m->order, G_LIST_MODEL (m->source));
  g_list_store_splice (m->source, 0, 0, members->pdata, members->len);
  tc_test_wait_until (not_pending, m->order, 30);
  assert_order (m);

  g_signal_connect_swapped (m->order, "notify::pending", G_CALLBACK (count_changes), &notified);
  first_before = tc_member_order_peek (m->order, 0);
  m->rules.by_email = TRUE;
  gtk_sorter_changed (m->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  g_assert_true (tc_member_order_get_pending (m->order));
  g_assert_true (tc_member_order_peek (m->order, 0) == first_before);
  /* Changed again before it is done: started over, with the new rules. */
  m->rules.by_email = FALSE;
  gtk_sorter_changed (m->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  m->rules.by_email = TRUE;
  gtk_sorter_changed (m->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  /* Members arrive and a filter changes while it runs. */
  g_list_store_splice (m->source, members->len, 0, more->pdata, more->len);
  m->rules.active_only = TRUE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_true (tc_member_order_get_pending (m->order));
  {
    guint active = 0;

    /* Those who arrived wait, not shown, for the sort's end. */
    for (guint i = 0; i < members->len; i++)
      active += tc_member_get_status (members->pdata[i]) == TC_MEMBER_STATUS_ACTIVE;
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m->order)), ==, active);
  }

  tc_test_wait_until (not_pending, m->order, 30);
  assert_order (m);
  g_assert_cmpuint (notified, >=, 2);

  /* A removal while a sort runs reads the source again: its first
   * screen at once, in the new order. */
  m->rules.by_email = FALSE;
  gtk_sorter_changed (m->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  g_assert_true (tc_member_order_get_pending (m->order));
  g_list_store_remove (m->source, 3);
  assert_first_screen (m, g_list_model_get_n_items (G_LIST_MODEL (m->source)), 40);
  tc_test_wait_until (not_pending, m->order, 30);
  assert_order (m);
}

/* Many new members at once, as the rest of a team after its first page
 * or a cached team: the first screen of them is sorted in at once, the
 * others between frames and shown when they are; more arriving
 * meanwhile wait for that; a filter meanwhile works on those shown. */
static void
test_order_sliced_append (void)
{
  g_autoptr(Models) m = models_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  guint notified = 0, shown_before;

  tc_member_order_set_model (m->order, G_LIST_MODEL (m->source));
  g_signal_connect_swapped (m->order, "notify::pending", G_CALLBACK (count_changes), &notified);

  /* A page first, then many: both kinds of start. */
  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (batch, member_new (3 * (6 * N - i - 1)));
  g_list_store_splice (m->source, 0, 0, batch->pdata, batch->len);
  g_assert_false (tc_member_order_get_pending (m->order));
  assert_order (m);

  g_ptr_array_set_size (batch, 0);
  for (guint i = 0; i < 6 * N; i++)
    g_ptr_array_add (batch, member_new (3 * i + 1));
  /* In no order: the first screen is not simply the first few. */
  for (guint i = batch->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gpointer swap = batch->pdata[i];

      batch->pdata[i] = batch->pdata[j];
      batch->pdata[j] = swap;
    }
  g_list_store_splice (m->source, 50, 0, batch->pdata, batch->len);
  g_assert_true (tc_member_order_get_pending (m->order));
  g_assert_cmpuint (notified, ==, 1);
  assert_first_screen (m, 50 + 6 * N, 40);
  shown_before = g_list_model_get_n_items (G_LIST_MODEL (m->order));
  g_assert_cmpuint (shown_before, <, 50 + 6 * N);

  /* More while it runs: not shown yet. */
  g_ptr_array_set_size (batch, 0);
  for (guint i = 0; i < 5 * N; i++)
    g_ptr_array_add (batch, member_new (3 * i + 2));
  g_list_store_splice (m->source, 50 + 6 * N, 0, batch->pdata, batch->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m->order)), ==, shown_before);
  m->rules.active_only = TRUE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m->order)), <, shown_before);
  assert_first_screen (m, 50 + 6 * N, 40);

  /* Then they are sorted in too, the same way, before it says done. */
  tc_test_wait_until (not_pending, m->order, 30);
  assert_order (m);
  g_assert_cmpuint (notified, ==, 2);
}

typedef struct
{
  guint n_before;
  guint count;
  gboolean only_added_at_end;
} Growth;

static void
growth_cb (GListModel *order,
           guint       position,
           guint       removed,
           guint       added,
           Growth     *growth)
{
  growth->only_added_at_end &= removed == 0 && position == growth->n_before;
  growth->n_before += added - removed;
  growth->count++;
}

/* Slices of a few members: every sort and filter is sliced and every
 * merge stops part way many times, and all of it still gives the order
 * a plain sort and filter give. A sliced filter shows the start of its
 * result at once and adds the rest at the end. */
static void
test_order_small_slices (void)
{
  g_autoptr(Models) m = models_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  Growth growth = { 0, };
  gulong handler;

  _tc_member_order_set_slice_size (m->order, 37);
  tc_member_order_set_model (m->order, G_LIST_MODEL (m->source));
  for (guint round = 0; round < 2; round++)
    {
      guint first = g_list_model_get_n_items (G_LIST_MODEL (m->source));

      g_ptr_array_set_size (batch, 0);
      for (guint i = 0; i < 6 * N; i++)
        g_ptr_array_add (batch, member_new (first + g_rand_int_range (rand, 0, 1000000)));
      g_list_store_splice (m->source, first, 0, batch->pdata, batch->len);
      g_assert_true (tc_member_order_get_pending (m->order));
      tc_test_wait_until (not_pending, m->order, 30);
      assert_order (m);

      m->rules.active_only = TRUE;
      growth.n_before = g_list_model_get_n_items (G_LIST_MODEL (m->order));
      gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_MORE_STRICT);
      g_assert_true (tc_member_order_get_pending (m->order));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m->order)), >, 0);
      assert_first_screen (m, g_list_model_get_n_items (G_LIST_MODEL (m->source)),
                           g_list_model_get_n_items (G_LIST_MODEL (m->order)));
      growth.n_before = g_list_model_get_n_items (G_LIST_MODEL (m->order));
      growth.count = 0;
      growth.only_added_at_end = TRUE;
      handler = g_signal_connect (m->order, "items-changed", G_CALLBACK (growth_cb), &growth);
      tc_test_wait_until (not_pending, m->order, 30);
      g_signal_handler_disconnect (m->order, handler);
      g_assert_cmpuint (growth.count, >, 1);
      g_assert_true (growth.only_added_at_end);
      assert_order (m);

      m->rules.by_email = !m->rules.by_email;
      gtk_sorter_changed (m->sorter, GTK_SORTER_CHANGE_DIFFERENT);
      g_assert_true (tc_member_order_get_pending (m->order));
      tc_test_wait_until (not_pending, m->order, 30);
      assert_order (m);
      m->rules.active_only = FALSE;
      gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_LESS_STRICT);
      tc_test_wait_until (not_pending, m->order, 30);
      assert_order (m);
    }
}

static void
test_slots_selection (void)
{
  g_autoptr(Models) m = models_new ();
  g_autoptr(TcMemberSlots) slots = tc_member_slots_new (m->order);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (slots);
  g_autoptr(TcMemberSlot) slot0 = NULL;
  g_autoptr(TcMemberSlot) slot0_again = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(GtkBitset) bits = NULL;
  TcMember *picked[2];
  guint slot_changes = 0, selection_changes = 0;

  tc_member_order_set_model (m->order, G_LIST_MODEL (m->source));
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(TcMember) member = member_new (i);

      g_list_store_append (m->source, member);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 40);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == TC_TYPE_MEMBER_SLOT);
  slot0 = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 40));

  /* Select an inactive and an active member, then sort: they stay
   * selected where they went, and the slots (the view's items) are the
   * same objects. */
  picked[0] = picked[1] = NULL;
  for (guint i = 0; i < 40; i++)
    {
      TcMember *member = tc_member_order_peek (m->order, i);
      gboolean active = tc_member_get_status (member) == TC_MEMBER_STATUS_ACTIVE;

      if (picked[active] == NULL)
        {
          picked[active] = member;
          gtk_selection_model_select_item (selection, i, FALSE);
        }
    }
  g_assert_nonnull (picked[0]);
  g_assert_nonnull (picked[1]);
  g_signal_connect_swapped (slots, "items-changed", G_CALLBACK (count_changes), &slot_changes);
  g_signal_connect_swapped (slots, "selection-changed", G_CALLBACK (count_changes),
                            &selection_changes);
  m->rules.by_email = TRUE;
  gtk_sorter_changed (m->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (slot_changes, ==, 0);
  /* The view is told: the selected rows are others now. */
  g_assert_cmpuint (selection_changes, ==, 1);
  slot0_again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (slot0 == slot0_again);
  g_assert_true (tc_member_slots_peek (slots, slot0) == tc_member_order_peek (m->order, 0));
  selected = tc_member_slots_get_selected (slots);
  g_assert_cmpuint (selected->len, ==, 2);
  for (guint i = 0; i < selected->len; i++)
    g_assert_true (selected->pdata[i] == picked[0] || selected->pdata[i] == picked[1]);
  bits = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (bits), ==, 2);
  for (guint i = 0; i < 40; i++)
    g_assert_cmpint (gtk_selection_model_is_selected (selection, i), ==,
                     tc_member_order_peek (m->order, i) == picked[0] ||
                     tc_member_order_peek (m->order, i) == picked[1]);

  /* A filter that hides the inactive one: fewer slots, at the end; the
   * hidden member is still selected when it shows again. */
  m->rules.active_only = TRUE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (m->order)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), <, 40);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = tc_member_slots_get_selected (slots);
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_true (selected->pdata[0] == picked[1]);
  m->rules.active_only = FALSE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = tc_member_slots_get_selected (slots);
  g_assert_cmpuint (selected->len, ==, 2);

  /* Hidden, then "select only this": the hidden ones go too. */
  m->rules.active_only = TRUE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_selection_model_select_item (selection, 0, TRUE);
  m->rules.active_only = FALSE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = tc_member_slots_get_selected (slots);
  g_assert_cmpuint (selected->len, ==, 1);

  /* Unselect all, hidden ones included. */
  gtk_selection_model_select_all (selection);
  m->rules.active_only = TRUE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_selection_model_unselect_all (selection);
  m->rules.active_only = FALSE;
  gtk_filter_changed (m->filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = tc_member_slots_get_selected (slots);
  g_assert_cmpuint (selected->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/team/member-order/batches", test_order_batches);
  g_test_add_func ("/team/member-order/sliced-sort", test_order_sliced_sort);
  g_test_add_func ("/team/member-order/sliced-append", test_order_sliced_append);
  g_test_add_func ("/team/member-order/small-slices", test_order_small_slices);
  g_test_add_func ("/team/member-slots/selection", test_slots_selection);
  return g_test_run ();
}
