/* bench-util.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "tc-service-private.h"
#include "bench-util.h"

struct _BenchServer
{
  char         *db_path;
  guint         n_members;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  char         *base_url;
  char         *api_key;
  TcService    *service;   /* owned by the thread, while it runs */
  clockid_t     cpu_clock; /* the thread's CPU-time clock */
};

static gpointer
server_thread (gpointer user_data)
{
  BenchServer *server = user_data;
  g_autoptr(TcService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *maildir = g_strconcat (server->db_path, ".mail", NULL);
  g_autofree char *key = NULL;

  g_main_context_push_thread_default (server->context);
  service = tc_service_new (server->db_path, &error);
  g_assert_no_error (error);
  tc_service_set_maildir (service, maildir);
  /* per_second <= 0 lets every request through (tc-service-ratelimit.c). */
  tc_service_set_rate_limit (service, 0, 0);
  if (!tc_service_seed (service, server->n_members, &key, &error) ||
      !tc_service_listen (service, 0, &error))
    g_error ("bench server: %s", error->message);

  g_mutex_lock (&server->mutex);
  if (pthread_getcpuclockid (pthread_self (), &server->cpu_clock) != 0)
    g_error ("bench server: no CPU-time clock for the thread");
  server->base_url = tc_service_dup_base_url (service);
  server->api_key = g_steal_pointer (&key);
  server->service = service;
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);

  g_main_loop_run (server->loop);
  tc_service_shutdown (service);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

BenchServer *
bench_server_new (const char *db_path,
                  guint       n_members)
{
  BenchServer *server = g_new0 (BenchServer, 1);

  server->db_path = g_strdup (db_path);
  server->n_members = n_members;
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  g_mutex_init (&server->mutex);
  g_cond_init (&server->cond);
  server->thread = g_thread_new ("bench-service", server_thread, server);

  g_mutex_lock (&server->mutex);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->mutex);
  g_mutex_unlock (&server->mutex);
  return server;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
bench_server_free (BenchServer *server)
{
  if (server == NULL)
    return;
  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_mutex_clear (&server->mutex);
  g_cond_clear (&server->cond);
  g_free (server->db_path);
  g_free (server->base_url);
  g_free (server->api_key);
  g_free (server);
}

const char *
bench_server_get_base_url (BenchServer *server)
{
  return server->base_url;
}

const char *
bench_server_get_api_key (BenchServer *server)
{
  return server->api_key;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_percentile (double *values,
                  guint   n,
                  double  fraction)
{
  guint index;

  if (n == 0)
    return 0;
  qsort (values, n, sizeof (double), compare_doubles);
  index = (guint) (fraction * (n - 1) + 0.5);
  return values[MIN (index, n - 1)];
}

double
bench_median (double *values,
              guint   n)
{
  return bench_percentile (values, n, 0.5);
}

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

void
bench_print_load (const char *when)
{
  g_autofree char *loadavg = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_strchomp (loadavg);
  g_print ("load average %s: %s (%u CPUs)\n", when, loadavg ? loadavg : "?",
           g_get_num_processors ());
}

guint64
bench_proc_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, len) == 0 && lines[i][len] == ':')
      return g_ascii_strtoull (lines[i] + len + 1, NULL, 10);
  return 0;
}

guint64
bench_db_size (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  guint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf buf;

      if (g_stat (file, &buf) == 0)
        total += buf.st_size;
    }
  return total;
}

/* SQL statements the service has prepared so far (it counts them
 * atomically); the difference around one request is that request's. */
guint
bench_server_get_n_queries (BenchServer *server)
{
  return (guint) g_atomic_int_get (&server->service->n_queries);
}

/* CPU time (user + system) the service's thread has used so far, in ms. */
double
bench_server_get_cpu_ms (BenchServer *server)
{
  struct timespec ts;

  if (clock_gettime (server->cpu_clock, &ts) != 0)
    return 0;
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}
