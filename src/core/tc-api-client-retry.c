/* tc-api-client-retry.c — when a failed request goes again
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Network errors and 5xx go again for idempotent methods only; a refused
 * connection and a 429 (nothing was processed) for any method. The wait
 * is exponential with jitter, or what Retry-After says, capped by the
 * policy. Split from tc-api-client.c, which waits and sends.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "tc-api-client-private.h"

/* Retry-After in seconds (the HTTP-date form too); -1 when absent. */
static gint64
retry_after_ms (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (gint64) MIN (seconds, G_MAXINT32 / 1000) * 1000;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (date, now) / 1000, 0);
}

static guint
backoff_ms (const TcRetryPolicy *policy,
            guint                attempt)
{
  guint64 delay = (guint64) policy->base_delay_ms << MIN (attempt, 20);

  delay = MIN (delay, policy->max_delay_ms);
  /* Full jitter over the upper half: between delay/2 and delay. */
  return (guint) (delay / 2 + g_random_double () * (delay - delay / 2));
}

gboolean
_tc_retry_policy_decide (const TcRetryPolicy *policy,
                         guint                attempt,
                         gboolean             idempotent,
                         SoupMessage         *message,
                         const GError        *transport_error,
                         guint                status,
                         guint               *out_delay_ms)
{
  gint64 after;
  gboolean last = attempt >= policy->max_attempts;

  /* Set even for the last attempt: a 429 pauses the server's queue this long. */
  *out_delay_ms = backoff_ms (policy, attempt - 1);

  if (transport_error != NULL)
    {
      if (last || g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          transport_error->domain == G_TLS_ERROR)
        return FALSE;
      /* Refused: nothing reached the server, so any method may go again. */
      return idempotent ||
             g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
    }

  after = retry_after_ms (message);
  if (after >= 0)
    *out_delay_ms = (guint) MIN (after, (gint64) policy->max_delay_ms);

  if (last)
    return FALSE;

  /* Refused before it was processed: safe to send again, whatever the method. */
  if (status == 429)
    return TRUE;

  return idempotent && status >= 500;
}
