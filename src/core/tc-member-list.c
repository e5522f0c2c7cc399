/* tc-member-list.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model and its state. How pages are asked for, put in order and
 * added, and when the cached team is shown instead: tc-member-list-pages.c.
 * Member details: tc-member-list-details.c.
 */

#include "config.h"

#include "tc-api-client-private.h"
#include "tc-api-error.h"
#include "tc-cache-private.h"
#include "tc-member-list.h"
#include "tc-member-list-private.h"
#include "tc-member-profile.h"
#include "tc-session-private.h"

#define DEFAULT_PAGE_SIZE 200

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE,
  PROP_WORKSPACE_ID,
  PROP_PAGE_SIZE,
  PROP_UPDATE_INTERVAL,
  PROP_LOADING,
  PROP_COMPLETE,
  PROP_N_LOADED,
  PROP_STALE,
  N_PROPS
};

enum {
  LOAD_FAILED,
  MEMBER_NOTIFY,
  N_SIGNALS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TcMemberList, tc_member_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return TC_TYPE_MEMBER;
}

static guint
get_n_items (GListModel *model)
{
  return TC_MEMBER_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TcMemberList *self = TC_MEMBER_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
tc_member_list_dispose (GObject *object)
{
  TcMemberList *self = (TcMemberList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _tc_member_list_pages_stop (self, FALSE);
  _tc_member_list_details_dispose (self);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (tc_member_list_parent_class)->dispose (object);
}

static void
tc_member_list_finalize (GObject *object)
{
  TcMemberList *self = (TcMemberList *)object;

  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->details_asked);
  g_ptr_array_unref (self->items);
  _tc_member_list_pages_finalize (self);
  g_free (self->workspace_id);

  G_OBJECT_CLASS (tc_member_list_parent_class)->finalize (object);
}

static void
tc_member_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TcMemberList *self = TC_MEMBER_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    case PROP_CACHE: g_value_set_object (value, self->cache); break;
    case PROP_WORKSPACE_ID: g_value_set_string (value, self->workspace_id); break;
    case PROP_PAGE_SIZE: g_value_set_uint (value, self->page_size); break;
    case PROP_UPDATE_INTERVAL: g_value_set_uint (value, self->update_interval); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_COMPLETE: g_value_set_boolean (value, self->complete); break;
    case PROP_N_LOADED: g_value_set_uint (value, self->items->len); break;
    case PROP_STALE: g_value_set_boolean (value, self->stale); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_member_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TcMemberList *self = TC_MEMBER_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT: self->client = g_value_dup_object (value); break;
    case PROP_CACHE: self->cache = g_value_dup_object (value); break;
    case PROP_WORKSPACE_ID: self->workspace_id = g_value_dup_string (value); break;
    case PROP_PAGE_SIZE:
      self->page_size = g_value_get_uint (value) ? g_value_get_uint (value) : DEFAULT_PAGE_SIZE;
      break;
    case PROP_UPDATE_INTERVAL:
      tc_member_list_set_update_interval (self, g_value_get_uint (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_member_list_class_init (TcMemberListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tc_member_list_dispose;
  object_class->finalize = tc_member_list_finalize;
  object_class->get_property = tc_member_list_get_property;
  object_class->set_property = tc_member_list_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, TC_TYPE_API_CLIENT, co);
  properties[PROP_CACHE] = g_param_spec_object ("cache", NULL, NULL, TC_TYPE_CACHE, co);
  properties[PROP_WORKSPACE_ID] = g_param_spec_string ("workspace-id", NULL, NULL, NULL, co);
  properties[PROP_PAGE_SIZE] = g_param_spec_uint ("page-size", NULL, NULL, 0, 5000,
                                                  DEFAULT_PAGE_SIZE, co);
  properties[PROP_UPDATE_INTERVAL] =
    g_param_spec_uint ("update-interval", NULL, NULL, 0, 60000, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_COMPLETE] = g_param_spec_boolean ("complete", NULL, NULL, FALSE, ro);
  properties[PROP_N_LOADED] = g_param_spec_uint ("n-loaded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOAD_FAILED] = g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[MEMBER_NOTIFY] = g_signal_new ("member-notify", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 2, TC_TYPE_MEMBER, G_TYPE_PARAM);
}

static void
tc_member_list_init (TcMemberList *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->details_asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->details_wanted);
  _tc_member_list_pages_init (self);
}

TcMemberList *
tc_member_list_new (TcApiClient *client,
                    const char  *workspace_id,
                    guint        page_size)
{
  g_return_val_if_fail (TC_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (workspace_id != NULL, NULL);

  return g_object_new (TC_TYPE_MEMBER_LIST, "client", client, "workspace-id", workspace_id,
                       "page-size", page_size, NULL);
}

TcMemberList *
tc_member_list_new_for_session (TcSession  *session,
                                const char *workspace_id,
                                guint       page_size)
{
  g_return_val_if_fail (TC_IS_SESSION (session), NULL);
  g_return_val_if_fail (workspace_id != NULL, NULL);

  return g_object_new (TC_TYPE_MEMBER_LIST, "client", tc_session_get_client (session),
                       "cache", _tc_session_get_cache (session), "workspace-id", workspace_id,
                       "page-size", page_size, NULL);
}

void
_tc_member_list_set_state (TcMemberList *self,
                           gboolean      loading,
                           gboolean      complete)
{
  if (self->loading != !!loading)
    {
      self->loading = !!loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (self->complete != !!complete)
    {
      self->complete = !!complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

void
_tc_member_list_set_stale (TcMemberList *self,
                           gboolean      stale)
{
  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

void
_tc_member_list_emit_load_failed (TcMemberList *self,
                                  const GError *error)
{
  g_signal_emit (self, signals[LOAD_FAILED], 0, error);
}

void
_tc_member_list_emit_member_notify (TcMemberList *self,
                                    TcMember     *member,
                                    GParamSpec   *pspec)
{
  g_signal_emit (self, signals[MEMBER_NOTIFY], g_param_spec_get_name_quark (pspec), member, pspec);
}

/* The first @n of @members are new (not in the model): one items-changed
 * for all. */
void
_tc_member_list_append (TcMemberList *self,
                        GPtrArray    *members,
                        guint         n)
{
  guint position = self->items->len;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      TcMember *member = g_ptr_array_index (members, i);

      g_ptr_array_add (self->items, g_object_ref (member));
      _tc_member_list_details_watch (self, member);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

void
tc_member_list_reload (TcMemberList *self)
{
  guint removed;

  g_return_if_fail (TC_IS_MEMBER_LIST (self));

  /* What arrived of a running load goes too: it is not added first. */
  _tc_member_list_pages_stop (self, FALSE);
  tc_member_list_cancel (self);
  self->cancellable = g_cancellable_new ();
  removed = self->items->len;
  g_hash_table_remove_all (self->by_id);
  _tc_member_list_details_clear (self);
  g_ptr_array_set_size (self->items, 0);
  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
    }
  _tc_member_list_set_stale (self, FALSE);
  _tc_member_list_set_state (self, TRUE, FALSE);
  _tc_member_list_details_start (self);
  _tc_member_list_pages_start (self);
}

void
tc_member_list_cancel (TcMemberList *self)
{
  g_return_if_fail (TC_IS_MEMBER_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _tc_member_list_pages_stop (self, TRUE);
  _tc_member_list_set_state (self, FALSE, self->complete);
}

guint
tc_member_list_get_update_interval (TcMemberList *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), 0);
  return self->update_interval;
}

void
tc_member_list_set_update_interval (TcMemberList *self,
                                    guint         interval_ms)
{
  g_return_if_fail (TC_IS_MEMBER_LIST (self));

  if (self->update_interval == interval_ms)
    return;
  self->update_interval = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATE_INTERVAL]);
}

const char *
tc_member_list_get_workspace_id (TcMemberList *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), NULL);
  return self->workspace_id;
}

gboolean
tc_member_list_get_loading (TcMemberList *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), FALSE);
  return self->loading;
}

gboolean
tc_member_list_get_stale (TcMemberList *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), FALSE);
  return self->stale;
}

gboolean
tc_member_list_get_complete (TcMemberList *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), FALSE);
  return self->complete;
}

guint
tc_member_list_get_n_loaded (TcMemberList *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), 0);
  return self->items->len;
}

TcMember *
tc_member_list_find (TcMemberList *self,
                     const char   *user_id)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, user_id);
}
