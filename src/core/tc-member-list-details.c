/* tc-member-list-details.c — requests about one member of the list
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details (capacity, working days) of the rows on screen, and a
 * member's status.
 *
 * A row asks for its member's details when it is bound and gives them up
 * when it is unbound; a request goes out only once the row has stayed
 * DETAILS_SETTLE_MS, so rows that only flash by during a fast scroll cost
 * nothing. At most DETAILS_IN_FLIGHT go out at once, newest first (and the
 * API client keeps to the server's rate limit).
 *
 * With a cache, what was read is kept in it with the time it was read
 * (_tc_cache_store_member_details_async, written DETAILS_STORE_DELAY_S
 * after the last change and when the list goes away) and reused on the
 * next start. Freshness: a cached entry younger than DETAILS_MAX_AGE is
 * used as it is, with no request; an older one is shown while it is asked
 * again. tc_member_list_forget_details() (the page's Refresh) drops them
 * all, and a member whose capacity or working days change in any other
 * way (an edit, its undo, a bulk edit, a queued edit laid over the model)
 * loses its entry, so the next start asks the server again. Cached values
 * only fill members whose details are unknown: they never replace what an
 * edit set.
 */

#include "config.h"

#include "tc-cache-private.h"
#include "tc-member-list-private.h"
#include "tc-member-private.h"
#include "tc-member-profile.h"

#define DETAILS_IN_FLIGHT       4
#define DETAILS_SETTLE_MS     100
#define DETAILS_MAX_AGE_S     (24 * 60 * 60)
#define DETAILS_STORE_DELAY_S   2

typedef struct
{
  TcMember *member;
  gint64    bound_at;   /* monotonic µs */
} Wanted;

static void load_details (TcMemberList *self);

static void
wanted_free (gpointer data)
{
  Wanted *wanted = data;

  g_object_unref (wanted->member);
  g_free (wanted);
}

/* The cache */

static void
store_now (TcMemberList *self)
{
  g_clear_handle_id (&self->details_store_timer, g_source_remove);
  if (self->cache == NULL || self->details_cache == NULL || !self->details_dirty)
    return;
  self->details_dirty = FALSE;
  _tc_cache_store_member_details_async (self->cache, self->workspace_id, self->details_cache);
}

static gboolean
store_timer_cb (gpointer user_data)
{
  TcMemberList *self = user_data;

  self->details_store_timer = 0;
  store_now (self);
  return G_SOURCE_REMOVE;
}

static void
store_later (TcMemberList *self)
{
  self->details_dirty = TRUE;
  if (self->details_store_timer == 0)
    self->details_store_timer = g_timeout_add_seconds (DETAILS_STORE_DELAY_S, store_timer_cb, self);
}

static void
remember (TcMemberList *self,
          TcMember     *member)
{
  JsonObject *entry;

  if (self->details_cache == NULL)
    return;
  entry = json_object_new ();
  json_object_set_int_member (entry, "c", tc_member_get_work_capacity (member));
  json_object_set_int_member (entry, "d", tc_member_get_working_days (member));
  json_object_set_int_member (entry, "t", g_get_real_time () / G_USEC_PER_SEC);
  json_object_set_object_member (self->details_cache, tc_member_get_id (member), entry);
  store_later (self);
}

/* Whether @member's cached details were used (and are fresh). */
static gboolean
use_cached (TcMemberList *self,
            TcMember     *member,
            gboolean     *out_fresh)
{
  JsonNode *node;
  JsonObject *entry;
  gint64 capacity, days, read_at;

  *out_fresh = FALSE;
  if (self->details_cache == NULL ||
      (node = json_object_get_member (self->details_cache, tc_member_get_id (member))) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  entry = json_node_get_object (node);
  capacity = json_object_get_int_member_with_default (entry, "c", -1);
  days = json_object_get_int_member_with_default (entry, "d", -1);
  read_at = json_object_get_int_member_with_default (entry, "t", 0);
  if (capacity < 0 || days < 0 || days > G_MAXUINT)
    return FALSE;

  /* Never over what an edit set meanwhile. */
  if (tc_member_get_work_capacity (member) < 0)
    {
      self->applying_details = TRUE;
      tc_member_set_work_capacity (member, capacity);
      tc_member_set_working_days (member, (guint) days);
      self->applying_details = FALSE;
    }
  *out_fresh = g_get_real_time () / G_USEC_PER_SEC - read_at < DETAILS_MAX_AGE_S &&
               read_at <= g_get_real_time () / G_USEC_PER_SEC + 60;
  return TRUE;
}

static void
cached_details_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TcMemberList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) cached = _tc_cache_load_member_details_finish (TC_CACHE (object), result,
                                                                        &error);

  /* Gone (disposed) or told to forget meanwhile. */
  if (self->client == NULL || self->details_cache_ready)
    return;
  if (error != NULL)
    g_debug ("The cached member details of %s are unusable: %s", self->workspace_id,
             error->message);
  g_clear_pointer (&self->details_cache, json_object_unref);
  self->details_cache = cached ? g_steal_pointer (&cached) : json_object_new ();
  self->details_cache_ready = TRUE;
  load_details (self);
}

/* A load starts: the cached details are read once per list. */
void
_tc_member_list_details_start (TcMemberList *self)
{
  if (self->details_cache_ready || self->details_cache != NULL)
    return;
  if (self->cache == NULL)
    {
      self->details_cache_ready = TRUE;
      return;
    }
  /* A placeholder until the cache answers (an edit may land meanwhile). */
  self->details_cache = json_object_new ();
  /* Not cancelled by a reload: it is a quick local read, needed anyway. */
  _tc_cache_load_member_details_async (self->cache, self->workspace_id, NULL,
                                       cached_details_cb, g_object_ref (self));
}

static void
member_notify_cb (TcMember   *member,
                  GParamSpec *pspec,
                  gpointer    data)
{
  TcMemberList *self = data;
  const char *name = g_param_spec_get_name (pspec);

  _tc_member_list_emit_member_notify (self, member, pspec);
  if (self->applying_details || self->details_cache == NULL ||
      (g_strcmp0 (name, "work-capacity") != 0 && g_strcmp0 (name, "working-days") != 0))
    return;
  /* Changed by something else than a read: what was cached is stale. */
  if (json_object_has_member (self->details_cache, tc_member_get_id (member)))
    {
      json_object_remove_member (self->details_cache, tc_member_get_id (member));
      store_later (self);
    }
}

void
_tc_member_list_details_watch (TcMemberList *self,
                               TcMember     *member)
{
  /* The one watch per member (TcMemberList::member-notify passes it
   * on), plain (no reference): dropped in _tc_member_list_details_clear(). */
  _tc_member_set_watch (member, member_notify_cb, self);
}

void
_tc_member_list_details_clear (TcMemberList *self)
{
  for (guint i = 0; i < self->items->len; i++)
    _tc_member_set_watch (g_ptr_array_index (self->items, i), NULL, NULL);
  g_hash_table_remove_all (self->details_asked);
  g_queue_clear_full (&self->details_wanted, wanted_free);
  g_clear_handle_id (&self->details_timer, g_source_remove);
}

void
_tc_member_list_details_dispose (TcMemberList *self)
{
  _tc_member_list_details_clear (self);
  store_now (self);
  g_clear_pointer (&self->details_cache, json_object_unref);
}

void
tc_member_list_forget_details (TcMemberList *self)
{
  g_return_if_fail (TC_IS_MEMBER_LIST (self));

  if (self->details_cache == NULL)
    return;
  g_clear_pointer (&self->details_cache, json_object_unref);
  self->details_cache = json_object_new ();
  self->details_cache_ready = TRUE;
  self->details_dirty = TRUE;
  store_now (self);
}

guint
_tc_member_list_get_details_requested (TcMemberList *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_LIST (self), 0);

  return self->details_requested;
}

/* Requests */

static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TcMember) member = user_data;
  g_autoptr(TcMemberProfile) profile = tc_member_profile_load_finish (result, NULL);
  g_autoptr(TcMemberList) self = g_object_steal_data (G_OBJECT (member), "tc-member-list");

  /* A failure leaves the columns as they were (unknown, or cached); the
   * editor shows why. */
  if (profile != NULL)
    {
      if (self != NULL)
        self->applying_details = TRUE;
      tc_member_set_work_capacity (member, tc_member_profile_get_work_capacity (profile));
      tc_member_set_working_days (member, tc_member_profile_get_working_days (profile));
      if (self != NULL)
        {
          self->applying_details = FALSE;
          remember (self, member);
        }
    }
  if (self == NULL)
    return;
  self->details_in_flight--;
  load_details (self);
}

static gboolean
details_timer_cb (gpointer user_data)
{
  TcMemberList *self = user_data;

  self->details_timer = 0;
  load_details (self);
  return G_SOURCE_REMOVE;
}

static void
send_request (TcMemberList *self,
              TcMember     *member)
{
  self->details_in_flight++;
  self->details_requested++;
  g_object_set_data_full (G_OBJECT (member), "tc-member-list", g_object_ref (self),
                          g_object_unref);
  tc_member_profile_load_async (self->client, self->workspace_id, tc_member_get_id (member),
                                self->cancellable, details_cb, g_object_ref (member));
}

static void
load_details (TcMemberList *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 next_due = G_MAXINT64;
  GList *link, *next;

  if (!self->details_cache_ready || self->cancellable == NULL)
    return;

  for (link = self->details_wanted.head; link != NULL; link = next)
    {
      Wanted *wanted = link->data;
      gboolean fresh = FALSE;
      gboolean cached = use_cached (self, wanted->member, &fresh);

      next = link->next;
      if (cached && fresh)
        {
          /* Read recently enough: no request at all. */
          g_queue_delete_link (&self->details_wanted, link);
          wanted_free (wanted);
          continue;
        }
      if (now - wanted->bound_at < DETAILS_SETTLE_MS * 1000)
        {
          next_due = MIN (next_due, wanted->bound_at + DETAILS_SETTLE_MS * 1000);
          continue;
        }
      if (self->details_in_flight >= DETAILS_IN_FLIGHT)
        continue;
      g_queue_delete_link (&self->details_wanted, link);
      send_request (self, wanted->member);
      wanted_free (wanted);
    }

  if (next_due != G_MAXINT64 && self->details_timer == 0)
    self->details_timer = g_timeout_add (MAX ((next_due - now + 999) / 1000, 1),
                                         details_timer_cb, self);
}

void
tc_member_list_request_details (TcMemberList *self,
                                TcMember     *member)
{
  Wanted *wanted;

  g_return_if_fail (TC_IS_MEMBER_LIST (self));
  g_return_if_fail (TC_IS_MEMBER (member));

  if (tc_member_get_work_capacity (member) >= 0 ||
      !g_hash_table_add (self->details_asked, g_strdup (tc_member_get_id (member))))
    return;
  wanted = g_new0 (Wanted, 1);
  wanted->member = g_object_ref (member);
  wanted->bound_at = g_get_monotonic_time ();
  g_queue_push_head (&self->details_wanted, wanted);
  load_details (self);
}

void
tc_member_list_drop_details (TcMemberList *self,
                             TcMember     *member)
{
  g_return_if_fail (TC_IS_MEMBER_LIST (self));
  g_return_if_fail (TC_IS_MEMBER (member));

  for (GList *link = self->details_wanted.head; link != NULL; link = link->next)
    {
      Wanted *wanted = link->data;

      if (wanted->member != member)
        continue;
      g_queue_delete_link (&self->details_wanted, link);
      g_hash_table_remove (self->details_asked, tc_member_get_id (member));
      wanted_free (wanted);
      return;
    }
}

