/* tc-member-list.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are requested one after the other (the server's order, by id, is
 * stable while paging) until an answer says "Last-Page: true". Without
 * the header (a server that does not send it), a page shorter than
 * page-size is the last one; an empty page always is.
 *
 * The pages' JSON is kept as it arrives and, once the last page is in,
 * stored in the session's cache (_tc_cache_store_team_async). When the
 * first page cannot reach the server, the cached team is decoded and
 * appended the same way, and the list is "stale".
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
/* A server that never says "last page" is stopped here. */
#define MAX_PAGES 1000

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE,
  PROP_WORKSPACE_ID,
  PROP_PAGE_SIZE,
  PROP_LOADING,
  PROP_COMPLETE,
  PROP_N_LOADED,
  PROP_STALE,
  N_PROPS
};

enum {
  LOAD_FAILED,
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
  g_clear_pointer (&self->raw, json_array_unref);
  g_clear_error (&self->offline_error);
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
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_COMPLETE] = g_param_spec_boolean ("complete", NULL, NULL, FALSE, ro);
  properties[PROP_N_LOADED] = g_param_spec_uint ("n-loaded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOAD_FAILED] = g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
tc_member_list_init (TcMemberList *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->details_asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->details_wanted);
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

static void
set_state (TcMemberList *self,
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

static void
set_stale (TcMemberList *self,
           gboolean      stale)
{
  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

static GPtrArray *
decode_page (JsonNode  *body,
             GError   **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "The workspace's users are not a list");
      return NULL;
    }
  array = json_node_get_array (body);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      TcMember *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "user %u is not an object", i);
          return NULL;
        }
      member = tc_member_new_from_json (json_node_get_object (node), error);
      if (member == NULL)
        {
          g_prefix_error (error, "user %u: ", i);
          return NULL;
        }
      g_ptr_array_add (members, member);
    }
  return g_steal_pointer (&members);
}

/* TcApiDecodeFunc: on the client's worker thread, so that parsing and
 * decoding a page of 200 (≈6 ms) or 1000 members never stalls the
 * main loop. */
static gpointer
decode_page_thread (JsonNode  *body,
                    GError   **error)
{
  return decode_page (body, error);
}

static guint
append_page (TcMemberList *self,
             GPtrArray    *members)
{
  guint position = self->items->len;
  guint added = 0;

  for (guint i = 0; i < members->len; i++)
    {
      TcMember *member = g_ptr_array_index (members, i);

      /* A member added on the server meanwhile may shift a page: skip repeats. */
      if (g_hash_table_contains (self->by_id, tc_member_get_id (member)))
        continue;
      g_ptr_array_add (self->items, g_object_ref (member));
      g_hash_table_insert (self->by_id, (gpointer) tc_member_get_id (member), member);
      _tc_member_list_details_watch (self, member);
      added++;
    }
  if (added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
    }
  return members->len;
}

static void load_next_page (TcMemberList *self);

static void
keep_raw (TcMemberList *self,
          JsonNode     *body)
{
  JsonArray *page = json_node_get_array (body);

  if (self->cache == NULL)
    return;
  /* Shared, not copied: nothing changes the parsed pages. */
  for (guint i = 0; i < json_array_get_length (page); i++)
    json_array_add_element (self->raw, json_node_ref (json_array_get_element (page, i)));
}

/* The whole team arrived: it replaces the cached one. */
static void
store_raw (TcMemberList *self)
{
  g_autoptr(JsonArray) raw = g_steal_pointer (&self->raw);

  if (self->cache != NULL && raw != NULL)
    _tc_cache_store_team_async (self->cache, self->workspace_id, raw, NULL, NULL, NULL);
}

static void
cached_team_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TcMemberList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) cached = _tc_cache_load_team_finish (TC_CACHE (object), result, &error);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) offline_error = g_steal_pointer (&self->offline_error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (cached != NULL)
    {
      body = json_node_init_array (json_node_alloc (), cached);
      members = decode_page (body, &error);
    }
  if (members == NULL)
    {
      /* Nothing (usable) cached: the server's error is what the user needs. */
      if (error != NULL)
        g_debug ("The cached team of %s is unusable: %s", self->workspace_id, error->message);
      set_state (self, FALSE, FALSE);
      g_signal_emit (self, signals[LOAD_FAILED], 0, offline_error);
      return;
    }
  append_page (self, members);
  set_stale (self, TRUE);
  set_state (self, FALSE, TRUE);
}

static void
load_cached (TcMemberList *self,
             GError       *offline_error)
{
  g_clear_error (&self->offline_error);
  self->offline_error = offline_error;
  _tc_cache_load_team_async (self->cache, self->workspace_id, self->cancellable,
                             cached_team_cb, g_object_ref (self));
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TcMemberList) self = user_data;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_last_page = FALSE;
  gboolean last_page = FALSE;
  guint n_members;

  members = _tc_api_client_get_decoded_finish (TC_API_CLIENT (object), result, &body,
                                               &has_last_page, &last_page, &error);
  if (members == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NETWORK) &&
          self->next_page == 1 && self->items->len == 0 && self->cache != NULL)
        {
          load_cached (self, g_steal_pointer (&error));
          return;
        }
      set_state (self, FALSE, FALSE);
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }

  keep_raw (self, body);
  n_members = append_page (self, members);
  if (!has_last_page)
    last_page = n_members < self->page_size;
  if (last_page || n_members == 0 || self->next_page >= MAX_PAGES)
    {
      store_raw (self);
      set_state (self, FALSE, TRUE);
      return;
    }
  self->next_page++;
  load_next_page (self);
}

static void
load_next_page (TcMemberList *self)
{
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/v1/workspaces/%s/users?include-roles=true&status=ALL"
                          "&page=%u&page-size=%u", self->workspace_id, self->next_page,
                          self->page_size);
  _tc_api_client_get_decoded_async (self->client, path, decode_page_thread,
                                    (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                                    page_cb, g_object_ref (self));
}

void
tc_member_list_reload (TcMemberList *self)
{
  guint removed;

  g_return_if_fail (TC_IS_MEMBER_LIST (self));

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
  g_clear_pointer (&self->raw, json_array_unref);
  self->raw = json_array_new ();
  g_clear_error (&self->offline_error);
  self->next_page = 1;
  set_stale (self, FALSE);
  set_state (self, TRUE, FALSE);
  _tc_member_list_details_start (self);
  load_next_page (self);
}

void
tc_member_list_cancel (TcMemberList *self)
{
  g_return_if_fail (TC_IS_MEMBER_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_state (self, FALSE, self->complete);
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
