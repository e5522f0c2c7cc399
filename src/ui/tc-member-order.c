/* tc-member-order.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A filter and a sort over a list of members, in one model: @all holds
 * every member in the sorter's order, @shown those of them the filter
 * lets through, in the same order. So a search or a filter is one pass
 * over @all (no sorting), a sort sorts @all once, and new members at the
 * end of the source (a page arriving) are sorted among themselves and
 * merged in: each is milliseconds for 10,000 members, done at once on
 * the main thread, and there is never anything pending. Each change is
 * one items-changed over the whole list: the view of the Team page does
 * not bind rows to these items (TcMemberSlots), so nothing depends on a
 * finer one.
 */

#include "config.h"

#include <string.h>

#include "tc-member-order.h"

struct _TcMemberOrder
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;
  GtkSorter  *sorter;
  GPtrArray  *all;     /* TcMember, owned, sorted */
  GPtrArray  *shown;   /* TcMember, borrowed from @all */
};

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

static void
refilter (TcMemberOrder *self)
{
  guint removed = self->shown->len;

  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; i < self->all->len; i++)
    {
      gpointer member = g_ptr_array_index (self->all, i);

      if (gtk_filter_match (self->filter, member))
        g_ptr_array_add (self->shown, member);
    }
  if (removed > 0 || self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown->len);
}

static void
resort (TcMemberOrder *self)
{
  g_ptr_array_sort_with_data (self->all, compare, self);
  refilter (self);
}

static void
reload (TcMemberOrder *self)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

  g_ptr_array_set_size (self->all, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->all, g_list_model_get_item (self->model, i));
  resort (self);
}

/* @first..end of @all are new: sorted, then merged with the rest. */
static void
merge_tail (TcMemberOrder *self,
            guint          first)
{
  guint n = self->all->len;
  g_autofree gpointer *merged = NULL;
  gpointer *items = self->all->pdata;
  guint a = 0, b = first, out = 0;

  g_qsort_with_data (items + first, n - first, sizeof (gpointer), compare, self);
  if (first == 0 || compare (&items[first - 1], &items[first], self) <= 0)
    return;
  merged = g_new (gpointer, n);
  while (a < first && b < n)
    merged[out++] = compare (&items[b], &items[a], self) < 0 ? items[b++] : items[a++];
  while (a < first)
    merged[out++] = items[a++];
  while (b < n)
    merged[out++] = items[b++];
  memcpy (items, merged, n * sizeof (gpointer));
}

static void
items_changed_cb (TcMemberOrder *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  guint first = self->all->len;

  /* Anything but members added at the end (a reload, a replacement)
   * starts again from the source. */
  if (removed > 0 || position != first)
    {
      reload (self);
      return;
    }
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (self->all, g_list_model_get_item (model, position + i));
  merge_tail (self, first);
  refilter (self);
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
  g_ptr_array_unref (self->all);

  G_OBJECT_CLASS (tc_member_order_parent_class)->finalize (object);
}

static void
tc_member_order_class_init (TcMemberOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_member_order_dispose;
  object_class->finalize = tc_member_order_finalize;
}

static void
tc_member_order_init (TcMemberOrder *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new ();
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
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (sorter, "changed", G_CALLBACK (resort), self);
  return self;
}
