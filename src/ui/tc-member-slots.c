/* tc-member-slots.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model a GtkListView shows in place of a TcMemberOrder: one item per
 * position (a TcMemberSlot), which stays the same object when the
 * members under it are sorted, filtered or added. GTK 4.8's list view
 * binds 200 rows around the visible ones and, when its items change,
 * destroys the rows whose item went and builds and binds new ones: after
 * a sort, a search or a page of a big team, 200 rows each time, a
 * main-loop stall of hundreds of milliseconds (bench-team-page). Over
 * slots the view only sees positions added or removed at the end; the
 * page shows the new member in each row itself, a few rows a frame,
 * those on screen first (tc-team-page-models.c).
 *
 * The selection follows the members, not the positions: a selected
 * member stays selected wherever a sort moves it, and while a search
 * hides it.
 */

#include "config.h"

#include "tc-member-slots.h"

struct _TcMemberSlot
{
  GObject parent_instance;
  guint   position;
};

G_DEFINE_FINAL_TYPE (TcMemberSlot, tc_member_slot, G_TYPE_OBJECT)

static void
tc_member_slot_class_init (TcMemberSlotClass *klass)
{
}

static void
tc_member_slot_init (TcMemberSlot *self)
{
}

guint
tc_member_slot_get_position (TcMemberSlot *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_SLOT (self), 0);
  return self->position;
}

struct _TcMemberSlots
{
  GObject        parent_instance;

  TcMemberOrder *order;
  GPtrArray     *slots;     /* TcMemberSlot or NULL until asked for */
  GHashTable    *selected;  /* TcMember, owned */
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TcMemberSlots, tc_member_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static GType
get_item_type (GListModel *list)
{
  return TC_TYPE_MEMBER_SLOT;
}

static guint
get_n_items (GListModel *list)
{
  return TC_MEMBER_SLOTS (list)->slots->len;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  TcMemberSlots *self = TC_MEMBER_SLOTS (list);
  TcMemberSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (TC_TYPE_MEMBER_SLOT, NULL);
      slot->position = position;
      self->slots->pdata[position] = slot;
    }
  return g_object_ref (slot);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  TcMemberSlots *self = TC_MEMBER_SLOTS (model);
  TcMember *member = tc_member_order_peek (self->order, position);

  return member != NULL && g_hash_table_contains (self->selected, member);
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n_items)
{
  TcMemberSlots *self = TC_MEMBER_SLOTS (model);
  GtkBitset *bits = gtk_bitset_new_empty ();
  guint end = MIN (position + n_items, self->slots->len);

  if (g_hash_table_size (self->selected) == 0)
    return bits;
  for (guint i = position; i < end; i++)
    if (g_hash_table_contains (self->selected, tc_member_order_peek (self->order, i)))
      gtk_bitset_add (bits, i);
  return bits;
}

static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *selected,
               GtkBitset         *mask)
{
  TcMemberSlots *self = TC_MEMBER_SLOTS (model);
  GtkBitsetIter iter;
  guint position, first = G_MAXUINT, last = 0;
  gboolean valid;

  /* Over the whole list ("select only this"): hidden members too. */
  if (gtk_bitset_get_size (mask) >= self->slots->len && g_hash_table_size (self->selected) > 0)
    {
      g_hash_table_remove_all (self->selected);
      if (self->slots->len > 0)
        {
          first = 0;
          last = self->slots->len - 1;
        }
    }
  for (valid = gtk_bitset_iter_init_first (&iter, mask, &position);
       valid && position < self->slots->len;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      TcMember *member = tc_member_order_peek (self->order, position);
      gboolean changed;

      if (gtk_bitset_contains (selected, position))
        changed = g_hash_table_add (self->selected, g_object_ref (member));
      else
        changed = g_hash_table_remove (self->selected, member);
      if (changed)
        {
          first = MIN (first, position);
          last = MAX (last, position);
        }
    }
  if (first <= last)
    gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

/* All: also the selected members a search hides. */
static gboolean
unselect_all (GtkSelectionModel *model)
{
  TcMemberSlots *self = TC_MEMBER_SLOTS (model);

  if (g_hash_table_size (self->selected) == 0)
    return TRUE;
  g_hash_table_remove_all (self->selected);
  if (self->slots->len > 0)
    gtk_selection_model_selection_changed (model, 0, self->slots->len);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->set_selection = set_selection;
  iface->unselect_all = unselect_all;
}

static void
order_changed_cb (TcMemberSlots *self)
{
  guint before = self->slots->len;
  guint now = g_list_model_get_n_items (G_LIST_MODEL (self->order));

  if (now < before)
    {
      g_ptr_array_set_size (self->slots, now);
      g_list_model_items_changed (G_LIST_MODEL (self), now, before - now, 0);
    }
  else if (now > before)
    {
      g_ptr_array_set_size (self->slots, now);
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, now - before);
    }
  /* The members under the selected positions may have moved. */
  if (g_hash_table_size (self->selected) > 0 && now > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, now);
}

TcMemberOrder *
tc_member_slots_get_order (TcMemberSlots *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_SLOTS (self), NULL);
  return self->order;
}

TcMember *
tc_member_slots_peek (TcMemberSlots *self,
                      TcMemberSlot  *slot)
{
  g_return_val_if_fail (TC_IS_MEMBER_SLOTS (self), NULL);
  g_return_val_if_fail (TC_IS_MEMBER_SLOT (slot), NULL);

  return tc_member_order_peek (self->order, slot->position);
}

GPtrArray *
tc_member_slots_get_selected (TcMemberSlots *self)
{
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (TC_IS_MEMBER_SLOTS (self), members);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->order));
  for (guint i = 0; i < n && g_hash_table_size (self->selected) > 0; i++)
    {
      TcMember *member = tc_member_order_peek (self->order, i);

      if (g_hash_table_contains (self->selected, member))
        g_ptr_array_add (members, g_object_ref (member));
    }
  return members;
}

static void
tc_member_slots_dispose (GObject *object)
{
  TcMemberSlots *self = (TcMemberSlots *)object;

  if (self->order != NULL)
    g_signal_handlers_disconnect_by_data (self->order, self);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (tc_member_slots_parent_class)->dispose (object);
}

static void
tc_member_slots_finalize (GObject *object)
{
  TcMemberSlots *self = (TcMemberSlots *)object;

  g_ptr_array_unref (self->slots);
  g_hash_table_unref (self->selected);

  G_OBJECT_CLASS (tc_member_slots_parent_class)->finalize (object);
}

static void
tc_member_slots_class_init (TcMemberSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_member_slots_dispose;
  object_class->finalize = tc_member_slots_finalize;
}

static void
slot_free (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
tc_member_slots_init (TcMemberSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
  self->selected = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

TcMemberSlots *
tc_member_slots_new (TcMemberOrder *order)
{
  TcMemberSlots *self;

  g_return_val_if_fail (TC_IS_MEMBER_ORDER (order), NULL);

  self = g_object_new (TC_TYPE_MEMBER_SLOTS, NULL);
  self->order = g_object_ref (order);
  g_signal_connect_swapped (order, "items-changed", G_CALLBACK (order_changed_cb), self);
  order_changed_cb (self);
  return self;
}
