/* tc-api-origin.c — one token bucket and one queue per server
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clockify (and timecard-service) allow 50 requests a second per API key
 * and answer 429 beyond that. Every TcApiClient of the process that talks
 * to the same origin (scheme, host, port) shares one TcApiOrigin: a token
 * bucket (50 a second, a burst of half the server's) and a first-in,
 * first-out queue of the requests that found it empty. A request leaves
 * the bucket only when fewer than MAX_IN_FLIGHT requests are out, so it
 * reaches the server right after taking its token and the server's bucket
 * (which refills at the same rate from a burst twice as large) always has
 * one for it.
 *
 * A 429 pauses the whole origin for the server's Retry-After and empties
 * the bucket, so after the pause requests go out at the steady rate
 * instead of in a burst the server would refuse again.
 *
 * The table of origins is process-wide under one mutex; a request's
 * callbacks run on its GTask's context. Timers are attached to the
 * context of the request at the head of the queue.
 */

#include "config.h"

#include <math.h>

#include "tc-api-origin-private.h"
#include "tc-wire.h"

/* Requests out at once per origin: libsoup's two connections per host and
 * session, and a little more for a second client of the same origin. */
#define MAX_IN_FLIGHT 4

struct _TcApiOrigin
{
  double   per_second;
  guint    burst;
  double   tokens;
  gint64   updated_us;
  gint64   paused_until_us;
  guint    in_flight;
  GQueue   waiting;       /* Waiter, one reference each */
  GSource *timer;
  gint64   timer_due_us;
  guint    max_waiting;
  guint    pauses;
};

typedef struct
{
  gatomicrefcount    ref_count;
  TcApiOrigin       *origin;
  GTask             *task;
  TcApiOriginGoFunc  go;
  GSource           *cancel_source;
} Waiter;

static GMutex      origins_lock;
static GHashTable *origins;   /* "scheme://host:port" → TcApiOrigin, never freed */

static void pump (TcApiOrigin *origin);

static Waiter *
waiter_ref (Waiter *waiter)
{
  g_atomic_ref_count_inc (&waiter->ref_count);
  return waiter;
}

static void
waiter_unref (Waiter *waiter)
{
  if (!g_atomic_ref_count_dec (&waiter->ref_count))
    return;
  g_clear_object (&waiter->task);
  g_clear_pointer (&waiter->cancel_source, g_source_unref);
  g_free (waiter);
}

static int
default_port (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80;
}

TcApiOrigin *
_tc_api_origin_get (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *key = NULL;
  TcApiOrigin *origin;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  key = g_strdup_printf ("%s://%s:%d", scheme, host,
                         g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : default_port (scheme));

  g_mutex_lock (&origins_lock);
  if (origins == NULL)
    origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  origin = g_hash_table_lookup (origins, key);
  if (origin == NULL)
    {
      origin = g_new0 (TcApiOrigin, 1);
      origin->per_second = TC_WIRE_RATE_LIMIT_PER_SECOND;
      origin->burst = TC_WIRE_RATE_LIMIT_BURST / 2;
      origin->tokens = origin->burst;
      origin->updated_us = g_get_monotonic_time ();
      g_queue_init (&origin->waiting);
      g_hash_table_insert (origins, g_steal_pointer (&key), origin);
    }
  g_mutex_unlock (&origins_lock);

  return origin;
}

void
_tc_api_origin_set_limit (TcApiOrigin *origin,
                          double       per_second,
                          guint        burst)
{
  g_mutex_lock (&origins_lock);
  origin->per_second = per_second;
  origin->burst = MAX (burst, 1);
  origin->tokens = origin->burst;
  origin->updated_us = g_get_monotonic_time ();
  g_mutex_unlock (&origins_lock);

  pump (origin);
}

/* Going */

static gboolean
go_idle_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->go (g_steal_pointer (&waiter->task));
  return G_SOURCE_REMOVE;
}

/* @waiter left the queue (its reference is the caller's now): sends it on
 * its own context. */
static void
release (Waiter *waiter)
{
  GMainContext *context = g_task_get_context (waiter->task);
  g_autoptr(GMainContext) here = g_main_context_ref_thread_default ();

  if (waiter->cancel_source != NULL)
    g_source_destroy (waiter->cancel_source);

  if (here == context)
    {
      waiter->go (g_steal_pointer (&waiter->task));
    }
  else
    {
      g_autoptr(GSource) idle = g_idle_source_new ();

      /* Not below redraws: a busy window must not starve the request. */
      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, go_idle_cb, waiter_ref (waiter),
                             (GDestroyNotify) waiter_unref);
      g_source_attach (idle, context);
    }
  waiter_unref (waiter);
}

static gboolean
timer_cb (gpointer user_data)
{
  TcApiOrigin *origin = user_data;

  g_mutex_lock (&origins_lock);
  if (origin->timer == g_main_current_source ())
    g_clear_pointer (&origin->timer, g_source_unref);
  g_mutex_unlock (&origins_lock);

  pump (origin);
  return G_SOURCE_REMOVE;
}

/* Wakes the queue in @delay_us (called locked, with a waiting request). */
static void
arm_timer (TcApiOrigin *origin,
           gint64       now,
           gint64       delay_us)
{
  Waiter *head = g_queue_peek_head (&origin->waiting);
  gint64 due = now + MAX (delay_us, 1000);

  if (origin->timer != NULL && origin->timer_due_us <= due &&
      !g_source_is_destroyed (origin->timer))
    return;
  if (origin->timer != NULL)
    {
      g_source_destroy (origin->timer);
      g_clear_pointer (&origin->timer, g_source_unref);
    }
  origin->timer = g_timeout_source_new ((guint) ((due - now + 999) / 1000));
  origin->timer_due_us = due;
  g_source_set_callback (origin->timer, timer_cb, origin, NULL);
  g_source_attach (origin->timer, g_task_get_context (head->task));
}

/* Sends what the bucket allows now and arms a timer for the rest. */
static void
pump (TcApiOrigin *origin)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&origins_lock);
  if (!g_queue_is_empty (&origin->waiting) && now < origin->paused_until_us)
    {
      arm_timer (origin, now, origin->paused_until_us - now);
    }
  else if (origin->per_second <= 0)
    {
      while (!g_queue_is_empty (&origin->waiting))
        {
          origin->in_flight++;
          g_ptr_array_add (ready, g_queue_pop_head (&origin->waiting));
        }
    }
  else
    {
      if (now > origin->updated_us)
        {
          origin->tokens = MIN ((double) origin->burst,
                                origin->tokens + origin->per_second *
                                (double) (now - origin->updated_us) / G_USEC_PER_SEC);
          origin->updated_us = now;
        }
      while (!g_queue_is_empty (&origin->waiting) && origin->in_flight < MAX_IN_FLIGHT)
        {
          if (origin->tokens < 1.0)
            {
              arm_timer (origin, now, (gint64) ceil ((1.0 - origin->tokens) / origin->per_second *
                                                     G_USEC_PER_SEC));
              break;
            }
          origin->tokens -= 1.0;
          origin->in_flight++;
          g_ptr_array_add (ready, g_queue_pop_head (&origin->waiting));
        }
    }
  g_mutex_unlock (&origins_lock);

  for (guint i = 0; i < ready->len; i++)
    release (g_ptr_array_index (ready, i));
}

/* Waiting */

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  Waiter *waiter = user_data;
  TcApiOrigin *origin = waiter->origin;
  gboolean removed;

  g_mutex_lock (&origins_lock);
  removed = g_queue_remove (&origin->waiting, waiter);
  g_mutex_unlock (&origins_lock);

  if (removed)
    {
      g_autoptr(GTask) task = g_steal_pointer (&waiter->task);

      g_task_return_error_if_cancelled (task);
      waiter_unref (waiter);
    }
  return G_SOURCE_REMOVE;
}

void
_tc_api_origin_enqueue (TcApiOrigin       *origin,
                        GTask             *task,
                        gboolean           front,
                        TcApiOriginGoFunc  go)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_atomic_ref_count_init (&waiter->ref_count);
  waiter->origin = origin;
  waiter->task = task;
  waiter->go = go;

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, (GSourceFunc) cancelled_cb,
                             waiter_ref (waiter), (GDestroyNotify) waiter_unref);
    }

  g_mutex_lock (&origins_lock);
  if (front)
    g_queue_push_head (&origin->waiting, waiter);
  else
    g_queue_push_tail (&origin->waiting, waiter);
  origin->max_waiting = MAX (origin->max_waiting, origin->waiting.length);
  /* Attached under the lock: a cancel can then only find it queued. */
  if (waiter->cancel_source != NULL)
    g_source_attach (waiter->cancel_source, g_task_get_context (task));
  g_mutex_unlock (&origins_lock);

  pump (origin);
}

void
_tc_api_origin_done (TcApiOrigin *origin)
{
  g_mutex_lock (&origins_lock);
  g_assert (origin->in_flight > 0);
  origin->in_flight--;
  g_mutex_unlock (&origins_lock);

  pump (origin);
}

void
_tc_api_origin_pause (TcApiOrigin *origin,
                      guint        delay_ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) delay_ms * 1000;

  g_mutex_lock (&origins_lock);
  origin->pauses++;
  if (until > origin->paused_until_us)
    origin->paused_until_us = until;
  origin->tokens = 0;
  origin->updated_us = MAX (origin->updated_us, origin->paused_until_us);
  g_mutex_unlock (&origins_lock);
}

void
_tc_api_origin_get_stats (TcApiOrigin *origin,
                          guint       *out_max_waiting,
                          guint       *out_pauses)
{
  g_mutex_lock (&origins_lock);
  if (out_max_waiting != NULL)
    *out_max_waiting = origin->max_waiting;
  if (out_pauses != NULL)
    *out_pauses = origin->pauses;
  g_mutex_unlock (&origins_lock);
}
