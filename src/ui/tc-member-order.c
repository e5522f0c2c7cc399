/* tc-member-order.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A filter and a sort over a list of members, in one model: @all holds
 * every member in the sorter's order, @shown those of them the filter
 * lets through, in the same order. So a search or a filter is one pass
 * over @all (no sorting), done at once, and new members at the end of
 * the source (a page arriving) are sorted among themselves and merged
 * in. Sorting many members runs in slices between frames
 * (TcMemberOrder:pending): a new sort shows the old order until it is
 * done; many new members show the first screen of them at once, sorted
 * in, and the others once they are. Each change is one items-changed
 * over the whole list: the view of the Team page does not bind rows to
 * these items (TcMemberSlots), so nothing depends on a finer one.
 */

#include "config.h"

#include <string.h>

#include "tc-member-order.h"
#include "tc-member-order-sort-private.h"

/* A sort of this many members or more runs in slices, between frames. */
#define SLICED_SORT_MIN 2000
/* Comparisons a slice of a sort makes, members a slice of a filter
 * asks about: 2-5 ms (a member's memory is seldom in the CPU's cache). */
#define SLICE_SIZE      20000
/* Of many new members, this many first are sorted in at once: more than
 * a screen of rows. */
#define FIRST_SCREEN    256

struct _TcMemberOrder
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;
  GtkSorter  *sorter;
  GPtrArray  *all;      /* TcMember, owned, sorted up to @n_sorted (but
                         * see @job), then new ones waiting, not shown */
  guint       n_sorted;
  GPtrArray  *shown;    /* TcMember, borrowed from @all */
  gpointer   *merged;   /* what merges write, @merged_size long */
  guint       merged_size;
  TcSortJob  *job;      /* a sliced sort under way: @all keeps its order
                         * until it is done, members added meanwhile at
                         * its end */
  guint       job_idle;
  guint       filtered; /* a sliced filter under way: @all up to here */
  guint       filter_idle;
  guint       slice;
};

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TcMemberOrder, tc_member_order, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *list)
{
  return TC_TYPE_MEMBER;
}

static guint
get_n_items (GListModel *list)
{
  return TC_MEMBER_ORDER (list)->shown->len;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  TcMemberOrder *self = TC_MEMBER_ORDER (list);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static int
compare (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  TcMemberOrder *self = user_data;

  return gtk_sorter_compare (self->sorter, *(gpointer *) a, *(gpointer *) b);
}

/* Adds those of @all[@from, @to) the filter lets through to @shown. */
static void
filter_some (TcMemberOrder *self,
             guint          from,
             guint          to)
{
  for (guint i = from; i < to; i++)
    {
      gpointer member = g_ptr_array_index (self->all, i);

      if (gtk_filter_match (self->filter, member))
        g_ptr_array_add (self->shown, member);
    }
}

static gboolean is_pending (TcMemberOrder *self);
static void notify_pending (TcMemberOrder *self,
                            gboolean       was_pending);

/* The next slice of a filter: those it lets through are added at the
 * end, so the view shows the list's start at once and gets longer. */
static gboolean
filter_idle_cb (gpointer user_data)
{
  TcMemberOrder *self = user_data;
  guint before = self->shown->len;
  guint to = MIN (self->filtered + self->slice, self->n_sorted);
  gboolean done = to == self->n_sorted;

  filter_some (self, self->filtered, to);
  self->filtered = to;
  if (done)
    self->filter_idle = 0;
  if (self->shown->len > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->shown->len - before);
  if (!done)
    return G_SOURCE_CONTINUE;
  notify_pending (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
refilter (TcMemberOrder *self)
{
  guint removed = self->shown->len;

  g_clear_handle_id (&self->filter_idle, g_source_remove);
  g_ptr_array_set_size (self->shown, 0);
  switch (gtk_filter_get_strictness (self->filter))
    {
    case GTK_FILTER_MATCH_NONE:
      break;

    /* Nothing filters (the Team page then has no filter function): a
     * copy, not a call per member; 100,000 of them take milliseconds. */
    case GTK_FILTER_MATCH_ALL:
      g_ptr_array_set_size (self->shown, self->n_sorted);
      if (self->n_sorted > 0)
        memcpy (self->shown->pdata, self->all->pdata, self->n_sorted * sizeof (gpointer));
      break;

    /* A slice at once, the rest between frames: a search through
     * 100,000 members held the main loop for 50-60 ms. */
    case GTK_FILTER_MATCH_SOME:
    default:
      self->filtered = MIN (self->n_sorted, self->slice);
      filter_some (self, 0, self->filtered);
      if (self->filtered < self->n_sorted)
        {
          self->filter_idle = g_idle_add (filter_idle_cb, self);
          g_source_set_name_by_id (self->filter_idle, "[timecard] member order filter");
        }
      break;
    }
  if (removed > 0 || self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown->len);
}

static void
filter_changed_cb (TcMemberOrder *self)
{
  gboolean was_pending = is_pending (self);

  refilter (self);
  notify_pending (self, was_pending);
}

static void
stop_job (TcMemberOrder *self)
{
  g_clear_handle_id (&self->job_idle, g_source_remove);
  g_clear_pointer (&self->job, _tc_sort_job_free);
}

static gboolean
is_pending (TcMemberOrder *self)
{
  return self->job != NULL || self->filter_idle != 0;
}

/* Called by each change with whether a sort or a filter was under way
 * before it. */
static void
notify_pending (TcMemberOrder *self,
                gboolean       was_pending)
{
  if (was_pending != is_pending (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/* Kept from one page to the next: a new block of a big team's size each
 * time is fresh pages from the kernel to fault in. */
static void
ensure_merged (TcMemberOrder *self,
               guint          size)
{
  if (self->merged_size >= size)
    return;
  g_free (self->merged);
  self->merged_size = MAX (size, self->merged_size * 2);
  self->merged = g_new (gpointer, self->merged_size);
}

/* @all[0, @first) and [@first, @end), each sorted, merged. */
static void
merge_sorted (TcMemberOrder *self,
              guint          first,
              guint          end)
{
  gpointer *items = self->all->pdata;

  if (first == 0 || first >= end || compare (&items[first - 1], &items[first], self) <= 0)
    return;
  ensure_merged (self, end);
  _tc_sort_merge (self->sorter, items, self->merged, first, end);
  memcpy (items, self->merged, end * sizeof (gpointer));
}

static gboolean sort_job_idle_cb (gpointer user_data);

/* @all[@offset, @offset + @n), sorted between frames. */
static void
start_job (TcMemberOrder *self,
           guint          offset,
           guint          n)
{
  /* Its last phase writes the whole list there. */
  ensure_merged (self, offset + n);
  self->job = _tc_sort_job_new ((gpointer *) self->all->pdata, offset, n);
  self->job_idle = g_idle_add (sort_job_idle_cb, self);
  g_source_set_name_by_id (self->job_idle, "[timecard] member order sort");
}

/* The members after @n_sorted, sorted in: a few at once; many, the
 * first screen of them at once and the others between frames (sorting
 * 10,000 at once held the main loop for 30 ms, 25,000 into 100,000 for
 * 100). Not during a sliced sort: they wait for its end. */
static void
sort_in (TcMemberOrder *self)
{
  guint first = self->n_sorted, n = self->all->len;
  gpointer *items = self->all->pdata;

  if (self->job != NULL || first >= n)
    return;
  if (n - first < SLICED_SORT_MIN)
    {
      g_qsort_with_data (items + first, n - first, sizeof (gpointer), compare, self);
      merge_sorted (self, first, n);
      self->n_sorted = n;
      return;
    }
  _tc_sort_take_first (self->sorter, items + first, n - first, FIRST_SCREEN);
  merge_sorted (self, first, first + FIRST_SCREEN);
  self->n_sorted = first + FIRST_SCREEN;
  start_job (self, self->n_sorted, n - self->n_sorted);
}

static gboolean
sort_job_idle_cb (gpointer user_data)
{
  TcMemberOrder *self = user_data;
  TcSortJob *job = self->job;
  guint end = job->offset + job->n;

  if (!_tc_sort_job_step (job, self->sorter, (gpointer *) self->all->pdata, self->merged,
                          self->slice))
    return G_SOURCE_CONTINUE;
  /* The members sorted (with those before them), then those added
   * since sorted in. */
  self->job_idle = 0;
  memcpy (self->all->pdata, self->merged, end * sizeof (gpointer));
  g_clear_pointer (&self->job, _tc_sort_job_free);
  self->n_sorted = end;
  sort_in (self);
  refilter (self);
  notify_pending (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* A big list is sorted between frames, a slice at a time, and shows its
 * old order until then (TcMemberOrder:pending): sorting 10,000 members
 * at once held the main loop for 10-30 ms, 100,000 for 360. */
static void
resort (TcMemberOrder *self)
{
  gboolean was_pending = is_pending (self);

  stop_job (self);
  if (self->all->len < SLICED_SORT_MIN)
    {
      g_ptr_array_sort_with_data (self->all, compare, self);
      self->n_sorted = self->all->len;
      refilter (self);
    }
  else
    start_job (self, 0, self->all->len);
  notify_pending (self, was_pending);
}

/* The source's order means nothing: its members, as if all new. */
static void
reload (TcMemberOrder *self)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;
  gboolean was_pending = is_pending (self);

  stop_job (self);
  g_ptr_array_set_size (self->all, 0);
  self->n_sorted = 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->all, g_list_model_get_item (self->model, i));
  sort_in (self);
  refilter (self);
  notify_pending (self, was_pending);
}

static void
items_changed_cb (TcMemberOrder *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  gboolean was_pending = is_pending (self);

  /* Anything but members added at the end (a reload, a replacement)
   * starts again from the source. */
  if (removed > 0 || position != self->all->len)
    {
      reload (self);
      return;
    }
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (self->all, g_list_model_get_item (model, position + i));
  /* During a sliced sort they wait at the end, sorted in when it is done. */
  if (self->job == NULL)
    {
      sort_in (self);
      refilter (self);
      notify_pending (self, was_pending);
    }
}

void
tc_member_order_set_model (TcMemberOrder *self,
                           GListModel    *members)
{
  g_return_if_fail (TC_IS_MEMBER_ORDER (self));
  g_return_if_fail (members == NULL || G_IS_LIST_MODEL (members));

  if (self->model == members)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, members);
  if (members != NULL)
    g_signal_connect_swapped (members, "items-changed", G_CALLBACK (items_changed_cb), self);
  reload (self);
}

/* A sort or a filter is under way: the order is the one before the sort
 * until it is done, new members are sorted in when it is, and the list
 * gets longer as the filter goes (TcMemberOrder:pending goes back to
 * FALSE when all is done). */
gboolean
tc_member_order_get_pending (TcMemberOrder *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_ORDER (self), FALSE);
  return is_pending (self);
}

/* For tests: the size of a slice (SLICE_SIZE), so that a small list
 * goes through every state of a sliced sort and filter. */
void
_tc_member_order_set_slice_size (TcMemberOrder *self,
                                 guint          size)
{
  g_return_if_fail (TC_IS_MEMBER_ORDER (self));
  g_return_if_fail (size > 0);
  self->slice = size;
}

TcMember *
tc_member_order_peek (TcMemberOrder *self,
                      guint          position)
{
  g_return_val_if_fail (TC_IS_MEMBER_ORDER (self), NULL);

  return position < self->shown->len ? g_ptr_array_index (self->shown, position) : NULL;
}

static void
tc_member_order_dispose (GObject *object)
{
  TcMemberOrder *self = (TcMemberOrder *)object;

  g_clear_handle_id (&self->job_idle, g_source_remove);
  g_clear_handle_id (&self->filter_idle, g_source_remove);
  g_clear_pointer (&self->job, _tc_sort_job_free);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (tc_member_order_parent_class)->dispose (object);
}

static void
tc_member_order_finalize (GObject *object)
{
  TcMemberOrder *self = (TcMemberOrder *)object;

  g_ptr_array_unref (self->shown);
  g_free (self->merged);
  g_ptr_array_unref (self->all);

  G_OBJECT_CLASS (tc_member_order_parent_class)->finalize (object);
}

static void
tc_member_order_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TcMemberOrder *self = TC_MEMBER_ORDER (object);

  if (prop_id == PROP_PENDING)
    g_value_set_boolean (value, is_pending (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_member_order_class_init (TcMemberOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_member_order_dispose;
  object_class->finalize = tc_member_order_finalize;
  object_class->get_property = tc_member_order_get_property;

  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_member_order_init (TcMemberOrder *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new ();
  self->slice = SLICE_SIZE;
}

TcMemberOrder *
tc_member_order_new (GtkFilter *filter,
                     GtkSorter *sorter)
{
  TcMemberOrder *self;

  g_return_val_if_fail (GTK_IS_FILTER (filter), NULL);
  g_return_val_if_fail (GTK_IS_SORTER (sorter), NULL);

  self = g_object_new (TC_TYPE_MEMBER_ORDER, NULL);
  self->filter = g_object_ref (filter);
  self->sorter = g_object_ref (sorter);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (sorter, "changed", G_CALLBACK (resort), self);
  return self;
}
