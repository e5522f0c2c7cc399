/* test-rate-limit.c — the client's token bucket against the real service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test puts timecard-service back to its default limit (50 a second
 * per key, burst 100) and the client to its default bucket, then counts
 * the 429 answers on the service side.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "tc-api-client.h"
#include "tc-api-origin-private.h"
#include "tc-test-util.h"
#include "tc-wire.h"
#include "team-test-world.h"

typedef struct
{
  guint  pending;
  guint  ok;
  guint  failed;
  GError *first_error;
} Batch;

static void
batch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  if (tc_api_client_request_finish (TC_API_CLIENT (object), result, &body, &error))
    batch->ok++;
  else
    {
      batch->failed++;
      if (batch->first_error == NULL)
        batch->first_error = g_steal_pointer (&error);
    }
  batch->pending--;
}

static gboolean
batch_done (gpointer data)
{
  return ((Batch *) data)->pending == 0;
}

static void
batch_wait (Batch *batch,
            guint  timeout_seconds)
{
  tc_test_wait_until (batch_done, batch, timeout_seconds);
  if (batch->first_error != NULL)
    g_test_message ("first failure: %s", batch->first_error->message);
  g_clear_error (&batch->first_error);
}

static TeamWorld *
world_with_default_limits (guint n_members)
{
  TeamWorld *world = team_world_new (n_members);

  tc_service_set_rate_limit (world->service, TC_WIRE_RATE_LIMIT_PER_SECOND,
                             TC_WIRE_RATE_LIMIT_BURST);
  tc_api_client_set_rate_limit (world->client, -1, 0);
  return world;
}

static GPtrArray *
member_ids (TeamWorld *world,
            guint      n)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint page = 1; ids->len < n; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users?status=ACTIVE"
                                               "&page=%u&page-size=200", world->pro_ws, page);
      g_autoptr(JsonNode) node = team_world_request (world->client, "GET", path, NULL, &error);
      JsonArray *array;

      g_assert_no_error (error);
      array = json_node_get_array (node);
      g_assert_cmpuint (json_array_get_length (array), >, 0);
      for (guint i = 0; i < json_array_get_length (array) && ids->len < n; i++)
        {
          const char *id = json_object_get_string_member (json_array_get_object_element (array, i),
                                                          "id");

          if (g_strcmp0 (id, world->owner_id) != 0)
            g_ptr_array_add (ids, g_strdup (id));
        }
    }
  return g_steal_pointer (&ids);
}

static void
patch_capacity (TeamWorld  *world,
                Batch      *batch,
                const char *user_id,
                guint       hours)
{
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s",
                                           world->pro_ws, user_id);
  g_autofree char *json = g_strdup_printf ("{\"workCapacity\":\"PT%uH\"}", hours);
  g_autoptr(JsonNode) body = json_from_string (json, NULL);

  batch->pending++;
  tc_api_client_request_async (world->client, "PATCH", path, body, NULL, batch_cb, batch);
}

/* (a) 600 GETs at once: queued, none refused. */
static void
test_many_gets (void)
{
  g_autoptr(TeamWorld) world = world_with_default_limits (5);
  TcApiOrigin *origin = _tc_api_origin_get (world->base_url);
  Batch batch = { 0, };
  guint before = tc_service_get_rate_limited_count (world->service);
  gint64 start = g_get_monotonic_time ();
  guint max_waiting = 0;

  for (guint i = 0; i < 600; i++)
    {
      batch.pending++;
      tc_api_client_request_async (world->client, "GET", "/v1/user", NULL, NULL, batch_cb, &batch);
    }
  batch_wait (&batch, 60);
  _tc_api_origin_get_stats (origin, &max_waiting, NULL);
  g_test_message ("600 GETs: %u ok, %u failed, %u answered 429, most waiting %u, %.1f s",
                  batch.ok, batch.failed,
                  tc_service_get_rate_limited_count (world->service) - before, max_waiting,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (batch.failed, ==, 0);
  g_assert_cmpuint (batch.ok, ==, 600);
  g_assert_cmpuint (tc_service_get_rate_limited_count (world->service) - before, ==, 0);
  /* They did wait in the client's queue instead of going out at once. */
  g_assert_cmpuint (max_waiting, >, 500);
}

static void
raw_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  (*pending)--;
}

static gboolean
zero (gpointer data)
{
  return *(guint *) data == 0;
}

/* Empties the service's bucket for @key behind the client's back. */
static void
exhaust_with_raw_session (TeamWorld  *world,
                          const char *key)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 8, NULL);
  g_autofree char *url = g_strconcat (world->base_url, "/v1/user", NULL);
  guint before = tc_service_get_rate_limited_count (world->service);

  /* Batches until the service refuses some (a slow build, under a
   * sanitizer, may answer slower than the bucket refills). */
  for (guint batch = 0; batch < 20 && tc_service_get_rate_limited_count (world->service) == before;
       batch++)
    {
      guint pending = 0;

      for (guint i = 0; i < TC_WIRE_RATE_LIMIT_BURST + 20; i++)
        {
          g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

          soup_message_headers_replace (soup_message_get_request_headers (message), "X-Api-Key", key);
          pending++;
          soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                            raw_cb, &pending);
        }
      tc_test_wait_until (zero, &pending, 30);
    }
}

/* (b) The server's bucket is empty when the client starts: the first 429
 * pauses every request for Retry-After, then all of them go through. */
static void
test_pause_on_429 (void)
{
  g_autoptr(TeamWorld) world = world_with_default_limits (100);
  g_autoptr(GPtrArray) ids = member_ids (world, 50);
  g_autofree char *key = tc_service_issue_api_key (world->service, world->owner_id, "raw", NULL);
  TcApiOrigin *origin = _tc_api_origin_get (world->base_url);
  Batch batch = { 0, };
  guint pauses_before = 0;
  guint pauses = 0;
  guint before;
  guint refused;

  g_assert_nonnull (key);
  /* The bucket is per key: exhaust the client's own key. */
  tc_api_client_set_api_key (world->client, key);
  exhaust_with_raw_session (world, key);
  before = tc_service_get_rate_limited_count (world->service);
  g_assert_cmpuint (before, >, 0);

  _tc_api_origin_get_stats (origin, NULL, &pauses_before);
  for (guint i = 0; i < 150; i++)
    {
      batch.pending++;
      tc_api_client_request_async (world->client, "GET", "/v1/user", NULL, NULL, batch_cb, &batch);
    }
  /* PATCHes too: a 429 means the server did not process them. */
  for (guint i = 0; i < ids->len; i++)
    patch_capacity (world, &batch, g_ptr_array_index (ids, i), 6);
  batch_wait (&batch, 60);
  _tc_api_origin_get_stats (origin, NULL, &pauses);
  refused = tc_service_get_rate_limited_count (world->service) - before;
  g_test_message ("after a 429 burst: %u ok, %u failed, %u answered 429, %u pauses",
                  batch.ok, batch.failed, refused, pauses - pauses_before);
  g_assert_cmpuint (batch.failed, ==, 0);
  g_assert_cmpuint (batch.ok, ==, 150 + ids->len);
  g_assert_cmpuint (pauses - pauses_before, >=, 1);
  /* Only the requests already out when the first 429 came were refused:
   * the pause held back all the others (at most 4 are out at once). */
  g_assert_cmpuint (refused, >=, 1);
  g_assert_cmpuint (refused, <=, 4);
}

/* (d) The bulk edit's load: 500 member-profile PATCHes at once. */
static void
test_many_patches (void)
{
  g_autoptr(TeamWorld) world = world_with_default_limits (900);
  g_autoptr(GPtrArray) ids = member_ids (world, 500);
  Batch batch = { 0, };
  guint before = tc_service_get_rate_limited_count (world->service);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) last = NULL;

  g_assert_cmpuint (ids->len, ==, 500);
  for (guint i = 0; i < ids->len; i++)
    patch_capacity (world, &batch, g_ptr_array_index (ids, i), 5);
  batch_wait (&batch, 90);
  g_test_message ("500 PATCHes: %u ok, %u failed, %u answered 429", batch.ok, batch.failed,
                  tc_service_get_rate_limited_count (world->service) - before);
  g_assert_cmpuint (batch.failed, ==, 0);
  g_assert_cmpuint (batch.ok, ==, 500);
  g_assert_cmpuint (tc_service_get_rate_limited_count (world->service) - before, ==, 0);

  /* And they were applied. */
  path = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", world->pro_ws,
                          (const char *) g_ptr_array_index (ids, 499));
  last = team_world_request (world->client, "GET", path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (last), "workCapacity"),
                   ==, "PT5H");
}

/* A queued request that is cancelled leaves the queue at once. */
static void
test_cancel_queued (void)
{
  g_autoptr(TeamWorld) world = world_with_default_limits (2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Batch batch = { 0, };

  /* A burst of 3, then one request per 100 s: the fourth would wait long
   * after tc_test_wait_result() gives up. */
  tc_api_client_set_rate_limit (world->client, 0.01, 3);
  for (guint i = 0; i < 3; i++)
    {
      batch.pending++;
      tc_api_client_request_async (world->client, "GET", "/v1/user", NULL, NULL, batch_cb, &batch);
    }
  tc_api_client_request_async (world->client, "GET", "/v1/user", NULL, cancellable,
                               tc_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  tc_test_wait_result (&result, 10);
  g_assert_false (tc_api_client_request_finish (world->client, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  batch_wait (&batch, 20);
  g_assert_cmpuint (batch.ok, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/rate-limit/600-gets", test_many_gets);
  g_test_add_func ("/rate-limit/pause-on-429", test_pause_on_429);
  g_test_add_func ("/rate-limit/500-patches", test_many_patches);
  g_test_add_func ("/rate-limit/cancel-queued", test_cancel_queued);

  return g_test_run ();
}
