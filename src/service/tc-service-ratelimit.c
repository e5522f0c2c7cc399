/* tc-service-ratelimit.c — a token bucket per API key
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "tc-service-private.h"

typedef struct
{
  double tokens;
  gint64 updated_us;
} Bucket;

struct _TcRateLimiter
{
  double      per_second;
  guint       burst;
  GHashTable *buckets;   /* key id → Bucket */
  guint       refused;   /* atomic: read by tests from another thread */
};

TcRateLimiter *
_tc_rate_limiter_new (double per_second,
                      guint  burst)
{
  TcRateLimiter *limiter = g_new0 (TcRateLimiter, 1);

  limiter->per_second = per_second;
  limiter->burst = MAX (burst, 1);
  limiter->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return limiter;
}

void
_tc_rate_limiter_free (TcRateLimiter *limiter)
{
  g_hash_table_unref (limiter->buckets);
  g_free (limiter);
}

gboolean
_tc_rate_limiter_take (TcRateLimiter *limiter,
                       const char    *key_id,
                       guint         *out_retry_after)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  if (limiter->per_second <= 0)
    return TRUE;

  bucket = g_hash_table_lookup (limiter->buckets, key_id);
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = limiter->burst;
      bucket->updated_us = now;
      g_hash_table_insert (limiter->buckets, g_strdup (key_id), bucket);
    }

  bucket->tokens = MIN ((double) limiter->burst,
                        bucket->tokens + limiter->per_second *
                        (double) (now - bucket->updated_us) / G_USEC_PER_SEC);
  bucket->updated_us = now;

  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }

  g_atomic_int_inc (&limiter->refused);
  *out_retry_after = (guint) MAX (1.0, ceil ((1.0 - bucket->tokens) / limiter->per_second));
  return FALSE;
}

guint
_tc_rate_limiter_get_refused (TcRateLimiter *limiter)
{
  return (guint) g_atomic_int_get (&limiter->refused);
}
