/* bench-util.h — shared pieces of the benchmark programs
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A seeded timecard-service on a thread of its own with its own
 * GMainContext, rate limit off, listening on 127.0.0.1. */
typedef struct _BenchServer BenchServer;

BenchServer *bench_server_new          (const char  *db_path,
                                        guint        n_members);
void         bench_server_free         (BenchServer *server);
const char  *bench_server_get_base_url (BenchServer *server);
/* The owner's API key. */
const char  *bench_server_get_api_key  (BenchServer *server);

/* Sorts @values in place and returns the value at @fraction (0.5: median). */
double       bench_percentile          (double      *values,
                                        guint        n,
                                        double       fraction);
double       bench_median              (double      *values,
                                        guint        n);
/* Milliseconds since an arbitrary point. */
double       bench_now_ms              (void);
/* Prints "load average: …" from /proc/loadavg and the CPU count. */
void         bench_print_load          (const char  *when);
/* A field of /proc/self/status ("VmHWM", "VmRSS") in KiB, or 0. */
guint64      bench_proc_status_kib     (const char  *field);
/* Size of @path plus its -wal and -shm files, in bytes. */
guint64      bench_db_size             (const char  *path);

/* SQL statements the service has prepared so far. */
guint        bench_server_get_n_queries (BenchServer *server);
/* CPU time the service's thread has used so far, in milliseconds. */
double       bench_server_get_cpu_ms    (BenchServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchServer, bench_server_free)

G_END_DECLS
