/* tc-session-retry.c — when to try the server again
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timer with back-off (2 s · 2ⁿ ± 25 %, at most 5 min) and
 * GNetworkMonitor::network-changed bring queued edits back to the server:
 * a whole refresh over cached data, otherwise a flush. Split from
 * tc-session-sync.c.
 */

#include "config.h"

#include "tc-session-private.h"

#define RETRY_MIN_MS   2000
#define RETRY_MAX_MS 300000

static void
retry_refresh_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TcSession *self = TC_SESSION (object);
  g_autoptr(GError) error = NULL;

  if (!tc_session_refresh_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _tc_session_sync_schedule_retry (self);
}

void
_tc_session_retry_refresh (TcSession *self)
{
  tc_session_refresh_async (self, self->cancellable, retry_refresh_cb, NULL);
}

static void
retry_now (TcSession *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);

  g_debug ("Trying the server again (%u edits waiting)", tc_session_get_pending_edits (self));

  /* A refresh checks every edit against the server, then sends them. */
  if (self->offline || self->stale || self->user == NULL)
    _tc_session_retry_refresh (self);
  else
    _tc_session_sync_flush (self, TRUE);
}

static gboolean
retry_cb (gpointer user_data)
{
  TcSession *self = user_data;

  self->retry_source = 0;
  retry_now (self);
  return G_SOURCE_REMOVE;
}

void
_tc_session_sync_schedule_retry (TcSession *self)
{
  guint64 delay;

  if (self->retry_source != 0 || g_cancellable_is_cancelled (self->cancellable))
    return;

  delay = (guint64) self->retry_min_ms << MIN (self->retry_count, 20);
  delay = MIN (delay, self->retry_max_ms);
  /* ±25 % so many clients do not come back at the same instant. */
  delay = delay * (guint64) g_random_int_range (75, 126) / 100;
  self->retry_count++;

  self->retry_source = g_timeout_add ((guint) delay, retry_cb, self);
}

void
tc_session_retry_edits (TcSession *self)
{
  g_return_if_fail (TC_IS_SESSION (self));

  self->retry_count = 0;
  retry_now (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    TcSession       *self)
{
  if (!available || (!self->offline && tc_session_get_pending_edits (self) == 0))
    return;

  g_debug ("The network changed: trying the server again");
  self->retry_count = 0;
  retry_now (self);
}

void
_tc_session_retry_init (TcSession *self)
{
  self->retry_min_ms = RETRY_MIN_MS;
  self->retry_max_ms = RETRY_MAX_MS;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_changed_id = g_signal_connect (self->monitor, "network-changed",
                                               G_CALLBACK (network_changed_cb), self);
}

void
_tc_session_retry_dispose (TcSession *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);
}

void
_tc_session_set_retry_delays (TcSession *self,
                              guint      min_ms,
                              guint      max_ms)
{
  self->retry_min_ms = MAX (min_ms, 1);
  self->retry_max_ms = MAX (max_ms, self->retry_min_ms);
}
