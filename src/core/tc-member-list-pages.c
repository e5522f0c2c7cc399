/* tc-member-list-pages.c — loading a TcMemberList page by page
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are requested in the server's order (by id, stable while paging)
 * until an answer says "Last-Page: true". Without the header (a server
 * that does not send it), a page shorter than page-size is the last one;
 * an empty page always is.
 *
 * The first two pages go one after the other, so a workspace of one or
 * two pages costs exactly the requests it needs. Pages past those grow
 * (PAGE_SIZE_GROWTH) where the server says which page is the last. From the third page on,
 * when the server says which page is the last (timecard-service does),
 * PAGES_IN_FLIGHT requests are kept going (libsoup's connections to one
 * server): the server builds a page while the worker thread parses the
 * one before. A server without the header is asked one page at a time:
 * only a short page tells its end. Answers may come back out of order;
 * they are kept until the pages before them are in, so members are added
 * in the server's order, and a failed page fails the load only if no
 * page before it was the last. Requests beyond the last page are
 * cancelled once it is known.
 *
 * Members that arrived go into the model for each page (update-interval
 * 0) or, with an interval, the first FIRST_UPDATE_SIZE at once and then
 * the others at most once per interval, as one items-changed: each
 * change makes a sorted view merge the new members and remake its rows,
 * so a 10,000-member team is better shown in a few steps than in 50
 * (bench-team-page).
 *
 * Each page's text is decoded on the client's worker thread by
 * tc-member-page-json.c (no json-glib tree: issue 13). The pages' JSON
 * text is kept as it arrives and, once the last page is in, stored in the
 * session's cache (_tc_cache_store_team_async). When the first page
 * cannot reach the server, the cached team is decoded by the same decoder
 * on the cache's worker and appended the same way, and the list is
 * "stale".
 */

#include "config.h"

#include "tc-api-client-private.h"
#include "tc-api-error.h"
#include "tc-cache-private.h"
#include "tc-member-list-private.h"
#include "tc-member-page-json-private.h"

/* A server that never says "last page" is stopped here. */
#define MAX_PAGES 1000
/* libsoup keeps two connections to a server (max-conns-per-host). */
#define PAGES_IN_FLIGHT 2
/* With an update interval, the first update holds at most this many. */
#define FIRST_UPDATE_SIZE 50
/* Past the first pages, a server that says which page is the last is
 * asked for pages this many times bigger, and bigger again, as long as
 * the offset is a multiple of the bigger size and that stays within
 * PAGE_SIZE_MAX: a quick first page for every team (the app asks for 50,
 * a screenful), then fewer round trips (250, then 1,250 for a big team).
 * Bigger pages would only make the last one's parse longer, with two
 * worker threads parsing. */
#define PAGE_SIZE_GROWTH 5
#define PAGE_SIZE_MAX 1250

typedef struct
{
  TcMemberList *list;
  guint         page;   /* the request's place in the load, from 1 */
  guint         size;   /* its page-size */
} PageRequest;

typedef struct
{
  GPtrArray *members;   /* NULL: the page failed with @error */
  GBytes    *bytes;     /* the page's JSON text, for the cache */
  GError    *error;
  guint      size;      /* the page-size asked for */
  gboolean   has_last_page;
  gboolean   last_page;
} Page;

typedef enum {
  TAKEN_MORE,
  TAKEN_LAST,
  TAKEN_FAILED,
} Taken;

static void
page_request_free (PageRequest *request)
{
  g_object_unref (request->list);
  g_free (request);
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->members, g_ptr_array_unref);
  g_clear_pointer (&page->bytes, g_bytes_unref);
  g_clear_error (&page->error);
  g_free (page);
}

/* TcApiDecodeBytesFunc: on the client's worker thread, so that decoding
 * a page of 1,250 members never stalls the main loop. The page's text is
 * read by tc-member-page-json.c, not parsed into a json-glib tree. */
static gpointer
decode_page_thread (const char  *data,
                    gsize        size,
                    GError     **error)
{
  return _tc_member_page_decode (data, size, error);
}

/* Up to @max members go into the model (one items-changed) now. */
static void
flush_held (TcMemberList *self,
            guint         max)
{
  guint n = MIN (max, self->held->len);

  g_clear_handle_id (&self->update_source, g_source_remove);
  self->last_update = g_get_monotonic_time ();
  _tc_member_list_append (self, self->held, n);
  g_ptr_array_remove_range (self->held, 0, n);
}

static gboolean
update_cb (gpointer user_data)
{
  TcMemberList *self = user_data;

  self->update_source = 0;
  flush_held (self, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* Holds @members until the next update; repeats are skipped (a member
 * added on the server meanwhile may shift a page). */
static void
hold (TcMemberList *self,
      GPtrArray    *members)
{
  for (guint i = 0; i < members->len; i++)
    {
      TcMember *member = g_ptr_array_index (members, i);

      if (g_hash_table_contains (self->by_id, tc_member_get_id (member)))
        continue;
      g_hash_table_insert (self->by_id, (gpointer) tc_member_get_id (member), member);
      g_ptr_array_add (self->held, g_object_ref (member));
    }
}

static void
schedule_update (TcMemberList *self)
{
  gint64 interval = (gint64) self->update_interval * 1000;

  if (self->held->len == 0 || self->update_source != 0)
    return;
  if (interval == 0)
    flush_held (self, G_MAXUINT);
  /* The first screen at once, and only about a screen: GTK 4.8's list
   * view makes and lays out a row for each of up to 200 members, which
   * the first frame would wait for. */
  else if (self->items->len == 0)
    flush_held (self, FIRST_UPDATE_SIZE);
  else if (g_get_monotonic_time () >= self->last_update + interval)
    flush_held (self, G_MAXUINT);
  if (self->held->len == 0)
    return;
  self->update_source = g_timeout_add (MAX (1, (self->last_update + interval -
                                                g_get_monotonic_time ()) / 1000),
                                       update_cb, self);
  g_source_set_name_by_id (self->update_source, "[timecard] member list update");
}

/* The page's text as it came, not its parsed tree: a few hundred bytes
 * a member instead of a few kilobytes (bench-team-page). */
static void
keep_raw (TcMemberList *self,
          GBytes       *bytes)
{
  if (self->cache == NULL || self->raw == NULL || bytes == NULL)
    return;
  g_ptr_array_add (self->raw, g_bytes_ref (bytes));
}

/* The whole team arrived: it replaces the cached one. */
static void
store_raw (TcMemberList *self)
{
  g_autoptr(GPtrArray) raw = g_steal_pointer (&self->raw);

  if (self->cache != NULL && raw != NULL)
    _tc_cache_store_team_async (self->cache, self->workspace_id, raw, NULL, NULL, NULL);
}

/* The load ended (complete or failed): what is still on its way is not needed. */
static void
end_load (TcMemberList *self)
{
  g_cancellable_cancel (self->pages);
  g_clear_object (&self->pages);
  g_hash_table_remove_all (self->arrived);
  self->n_in_flight = 0;
}

static void
cached_team_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TcMemberList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = _tc_cache_load_team_members_finish (TC_CACHE (object), result,
                                                                      &error);
  g_autoptr(GError) offline_error = g_steal_pointer (&self->offline_error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (members == NULL)
    {
      /* Nothing (usable) cached: the server's error is what the user needs. */
      if (error != NULL)
        g_debug ("The cached team of %s is unusable: %s", self->workspace_id, error->message);
      end_load (self);
      _tc_member_list_set_state (self, FALSE, FALSE);
      _tc_member_list_emit_load_failed (self, offline_error);
      return;
    }
  end_load (self);
  hold (self, members);
  flush_held (self, G_MAXUINT);
  _tc_member_list_set_stale (self, TRUE);
  _tc_member_list_set_state (self, FALSE, TRUE);
}

static void
load_cached (TcMemberList *self,
             GError       *offline_error)
{
  g_clear_error (&self->offline_error);
  self->offline_error = offline_error;
  _tc_cache_load_team_members_async (self->cache, self->workspace_id, self->pages,
                                     cached_team_cb, g_object_ref (self));
}

static void page_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static guint
page_size_at (TcMemberList *self,
              guint         offset)
{
  guint size = self->page_size;

  while (self->server_says_last && offset > 0 && size * PAGE_SIZE_GROWTH <= PAGE_SIZE_MAX &&
         offset % (size * PAGE_SIZE_GROWTH) == 0)
    size *= PAGE_SIZE_GROWTH;
  return size;
}

static void
request_pages (TcMemberList *self)
{
  /* One at a time until two full pages came: a small team costs what it needs. */
  guint window = self->next_append > 2 && self->server_says_last ? PAGES_IN_FLIGHT : 1;

  while (self->pages != NULL && !self->end_seen && self->n_in_flight < window &&
         self->next_page <= MAX_PAGES)
    {
      g_autofree char *path = NULL;
      PageRequest *request = g_new0 (PageRequest, 1);

      request->list = g_object_ref (self);
      request->page = self->next_page++;
      request->size = page_size_at (self, self->next_offset);
      path = g_strdup_printf ("/v1/workspaces/%s/users?include-roles=true&status=ALL"
                              "&page=%u&page-size=%u", self->workspace_id,
                              self->next_offset / request->size + 1, request->size);
      self->next_offset += request->size;
      self->n_in_flight++;
      _tc_api_client_get_decoded_bytes_async (self->client, path, decode_page_thread,
                                              (GDestroyNotify) g_ptr_array_unref, self->pages,
                                              page_cb, request);
    }
}

/* Takes the pages that arrived, in order, up to the last one or a failed
 * one (its error in @error). */
static Taken
take_arrived (TcMemberList  *self,
              GError       **error)
{
  Page *page;

  while ((page = g_hash_table_lookup (self->arrived, GUINT_TO_POINTER (self->next_append))))
    {
      gboolean last;

      if (page->members == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&page->error));
          return TAKEN_FAILED;
        }
      if (self->next_append == 1)
        self->server_says_last = page->has_last_page;
      last = page->has_last_page ? page->last_page : page->members->len < page->size;
      last = last || page->members->len == 0 || self->next_append >= MAX_PAGES;
      keep_raw (self, page->bytes);
      hold (self, page->members);
      if (self->update_interval == 0)
        flush_held (self, G_MAXUINT);
      g_hash_table_remove (self->arrived, GUINT_TO_POINTER (self->next_append));
      if (last)
        return TAKEN_LAST;
      self->next_append++;
    }
  return TAKEN_MORE;
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(TcMemberList) self = g_object_ref (request->list);
  g_autoptr(GError) error = NULL;
  guint number = request->page;
  Page *page = g_new0 (Page, 1);

  page->size = request->size;
  page_request_free (request);
  page->members = _tc_api_client_get_decoded_finish (TC_API_CLIENT (object), result, &page->bytes,
                                                     &page->has_last_page, &page->last_page,
                                                     &page->error);
  if (g_error_matches (page->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      page_free (page);
      return;
    }
  self->n_in_flight--;
  if (page->members == NULL && number == 1 && self->cache != NULL &&
      g_error_matches (page->error, TC_API_ERROR, TC_API_ERROR_NETWORK))
    {
      load_cached (self, g_steal_pointer (&page->error));
      page_free (page);
      return;
    }
  /* A page that ends the list, even one that came before the pages in
   * front of it: nothing after it is asked for. */
  if (page->members != NULL &&
      (page->has_last_page ? page->last_page : page->members->len < page->size))
    self->end_seen = TRUE;
  g_hash_table_insert (self->arrived, GUINT_TO_POINTER (number), page);

  switch (take_arrived (self, &error))
    {
    case TAKEN_LAST:
      flush_held (self, G_MAXUINT);
      end_load (self);
      store_raw (self);
      _tc_member_list_set_state (self, FALSE, TRUE);
      break;

    case TAKEN_FAILED:
      /* What arrived before the failed page stays. */
      flush_held (self, G_MAXUINT);
      end_load (self);
      g_clear_pointer (&self->raw, g_ptr_array_unref);
      _tc_member_list_set_state (self, FALSE, FALSE);
      _tc_member_list_emit_load_failed (self, error);
      break;

    case TAKEN_MORE:
    default:
      schedule_update (self);
      request_pages (self);
      break;
    }
}

void
_tc_member_list_pages_start (TcMemberList *self)
{
  _tc_member_list_pages_stop (self, FALSE);
  self->pages = g_cancellable_new ();
  self->raw = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->next_page = 1;
  self->next_offset = 0;
  self->next_append = 1;
  self->server_says_last = FALSE;
  self->end_seen = FALSE;
  self->last_update = 0;
  request_pages (self);
}

/* Stops a load; what arrived goes into the model with @keep_held. */
void
_tc_member_list_pages_stop (TcMemberList *self,
                            gboolean      keep_held)
{
  if (self->pages != NULL)
    end_load (self);
  if (keep_held)
    flush_held (self, G_MAXUINT);
  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->held != NULL)
    g_ptr_array_set_size (self->held, 0);
  g_clear_pointer (&self->raw, g_ptr_array_unref);
  g_clear_error (&self->offline_error);
}

void
_tc_member_list_pages_init (TcMemberList *self)
{
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->arrived = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
}

void
_tc_member_list_pages_finalize (TcMemberList *self)
{
  _tc_member_list_pages_stop (self, FALSE);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->arrived, g_hash_table_unref);
}
