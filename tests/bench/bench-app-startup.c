/* bench-app-startup.c — Timecard's start-up and idle memory next to a bare window
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real `timecard` program with a remembered local account and,
 * alternately, bench-bare-window (an AdwApplicationWindow with a header bar
 * and a label, the floor any libadwaita app pays), both under the display
 * this runs on, with the GL renderer and then with the cairo one. For each:
 *
 *  - start-up: from just before the exec to the end of the paint of the
 *    first frame that shows the profile with the user's name (Timecard,
 *    src/ui/tc-startup-probe.c) or the label (bare); both print the
 *    CLOCK_MONOTONIC time of that paint;
 *  - idle memory: Private_Dirty of /proc/PID/smaps_rollup 4 s after that
 *    frame (memory only this process has written to: heap, GL buffers,
 *    caches; not the shared libraries).
 *
 * Medians of RUNS alternated runs (bare, Timecard, bare, …) after a warm-up
 * start of each that is not counted. The local account is created in this
 * process first (database, owner, key in libsecret's file backend), so
 * every counted start of Timecard is the everyday one: it finds them.
 * GSettings use the keyfile backend in the temporary home, shared by this
 * process and the programs it starts.
 *
 * Prints TABLE lines for build-aux/bench.sh. TC_BENCH_SHORT=1: 3 runs.
 * Without a display (DISPLAY unset) it says so and exits 77 (skipped).
 */

#include "config.h"

#include <signal.h>

#include "tc-local-account.h"
#include "tc-test-util.h"
#include "bench-util.h"

#define IDLE_SECONDS 4

typedef struct
{
  double first_frame_ms;
  double private_dirty_mib;
} Run;

typedef struct
{
  GDataInputStream *input;
  char             *line;
  gboolean          done;
} LineWait;

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (wait->input, result, NULL, NULL);
  wait->done = TRUE;
}

static gboolean
line_done (gpointer data)
{
  return ((LineWait *) data)->done;
}

static double
private_dirty_mib (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/smaps_rollup",
                                           g_subprocess_get_identifier (process));
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Private_Dirty:"))
      return g_ascii_strtod (lines[i] + strlen ("Private_Dirty:"), NULL) / 1024.0;
  g_assert_not_reached ();
}

/* With TC_BENCH_SMAPS set: where a program's Private_Dirty is, by mapping
 * (file name, [heap], [stack], or each anonymous mapping of 512 KiB or
 * more on its own: glibc's per-thread malloc arenas, GL buffers…). */
static void
print_smaps (GSubprocess *process,
             const char  *program)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/smaps", g_subprocess_get_identifier (process));
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *current = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL)
        {
          g_auto(GStrv) fields = g_strsplit_set (line, " ", -1);
          const char *name = NULL;

          for (guint f = 5; fields[f] != NULL; f++)
            if (fields[f][0] != '\0')
              name = fields[f];
          g_free (current);
          current = g_strdup (name != NULL ? name : fields[0]);
        }
      else if (g_str_has_prefix (line, "Private_Dirty:") && current != NULL)
        {
          double kib = g_ascii_strtod (line + strlen ("Private_Dirty:"), NULL);
          const char *name = current;
          double *total;

          if (g_ascii_isxdigit (current[0]) && kib < 512)
            name = "(anonymous, each under 512 KiB)";
          total = g_hash_table_lookup (by_name, name);
          if (total == NULL)
            {
              total = g_new0 (double, 1);
              g_hash_table_insert (by_name, g_strdup (name), total);
            }
          *total += kib;
        }
    }
  g_print ("    Private_Dirty of %s by mapping (KiB, 256 or more):\n", program);
  g_hash_table_iter_init (&iter, by_name);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(double *) value >= 256)
      g_print ("    %8.0f %s\n", *(double *) value, (const char *) key);
}

static Run
run_once (const char *program,
          const char *renderer)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  LineWait wait = { 0 };
  gint64 start, frame = 0;
  Run run;

  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
  g_subprocess_launcher_setenv (launcher, "TIMECARD_STARTUP_PROBE", "1", TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  g_assert_no_error (error);

  wait.input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  /* Lines before it ("NAME MONOTONIC-µs", from a build instrumented by
   * hand) are shown relative to the exec with TC_BENCH_VERBOSE set. */
  for (;;)
    {
      g_clear_pointer (&wait.line, g_free);
      wait.done = FALSE;
      g_data_input_stream_read_line_async (wait.input, G_PRIORITY_DEFAULT, NULL, read_line_cb, &wait);
      tc_test_wait_until (line_done, &wait, 60);
      if (wait.line == NULL || g_str_has_prefix (wait.line, "TIMECARD_FIRST_FRAME "))
        break;
      if (g_getenv ("TC_BENCH_VERBOSE") != NULL)
        {
          const char *space = strrchr (wait.line, ' ');

          if (space != NULL)
            g_print ("    %7.1f ms %.*s\n",
                     (g_ascii_strtoll (space + 1, NULL, 10) - start) / 1000.0,
                     (int) (space - wait.line), wait.line);
        }
    }
  if (wait.line != NULL)
    frame = g_ascii_strtoll (wait.line + strlen ("TIMECARD_FIRST_FRAME "), NULL, 10);
  if (frame <= 0)
    g_error ("%s printed no first frame (got \"%s\")", program, wait.line ? wait.line : "EOF");
  run.first_frame_ms = (frame - start) / 1000.0;

  /* The benchmark's own wait: the program under test runs on its own. */
  g_usleep (IDLE_SECONDS * G_USEC_PER_SEC);
  run.private_dirty_mib = private_dirty_mib (process);
  if (g_getenv ("TC_BENCH_SMAPS") != NULL)
    print_smaps (process, program);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_free (wait.line);
  g_object_unref (wait.input);
  return run;
}

static void
create_local_account (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.timecard.Timecard");
  g_autoptr(TcSecretStore) secrets = tc_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TcSession) session = NULL;

  tc_local_account_open_async (settings, secrets, NULL, tc_test_store_result, &result);
  tc_test_wait_result (&result, 60);
  session = tc_local_account_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tc_session_get_user (session));
  g_assert_false (tc_session_get_key_in_memory (session));
  g_assert_finalize_object (g_steal_pointer (&session));
  g_settings_sync ();
}

static void
bench_renderer (const char *timecard,
                const char *bare,
                const char *renderer,
                guint       runs)
{
  g_autofree double *app_ms = g_new0 (double, runs);
  g_autofree double *bare_ms = g_new0 (double, runs);
  g_autofree double *app_mib = g_new0 (double, runs);
  g_autofree double *bare_mib = g_new0 (double, runs);
  double app_ms_median, bare_ms_median, app_mib_median, bare_mib_median;
  const char *label = g_str_equal (renderer, "cairo") ? "cairo" : "GL";

  /* Warm-ups, not counted: the disk cache, fontconfig's cache, the
   * application's own first run over the account's cache. */
  run_once (bare, renderer);
  run_once (timecard, renderer);

  for (guint i = 0; i < runs; i++)
    {
      Run b = run_once (bare, renderer);
      Run a = run_once (timecard, renderer);

      bare_ms[i] = b.first_frame_ms;
      bare_mib[i] = b.private_dirty_mib;
      app_ms[i] = a.first_frame_ms;
      app_mib[i] = a.private_dirty_mib;
      g_print ("  %-5s run %u: bare %6.1f ms %6.1f MiB   Timecard %6.1f ms %6.1f MiB\n",
               label, i + 1, b.first_frame_ms, b.private_dirty_mib,
               a.first_frame_ms, a.private_dirty_mib);
    }

  bare_ms_median = bench_median (bare_ms, runs);
  app_ms_median = bench_median (app_ms, runs);
  bare_mib_median = bench_median (bare_mib, runs);
  app_mib_median = bench_median (app_mib, runs);
  g_print ("  %-5s median of %u: start-up %.1f ms vs bare %.1f ms (%.2fx, range %.1f-%.1f); "
           "Private_Dirty %.1f MiB vs bare %.1f MiB (%+.1f MiB)\n",
           label, runs, app_ms_median, bare_ms_median, app_ms_median / bare_ms_median,
           app_ms[0], app_ms[runs - 1], app_mib_median, bare_mib_median,
           app_mib_median - bare_mib_median);
  g_print ("TABLE\tstart-up to the profile's first frame, %s\t%.1f\tms\t%.1f\tbare libadwaita window\t<=1.3x\n",
           label, app_ms_median, bare_ms_median);
  g_print ("TABLE\tidle Private_Dirty 4 s after the first frame, %s\t%.1f\tMiB\t%.1f\tbare libadwaita window\t<=+12\n",
           label, app_mib_median, bare_mib_median);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  guint runs = g_getenv ("TC_BENCH_SHORT") ? 3 : 5;

  tc_test_init (&argc, &argv);
  if (argc != 3)
    g_error ("usage: %s TIMECARD BARE-WINDOW", argv[0]);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("bench-app-startup: no X display (run under xvfb-run): skipped\n");
      return 77;
    }

  /* libsecret's file backend and keyfile GSettings in this run's temporary
   * home, inherited by the programs started below. */
  keyring = g_build_filename (g_get_home_dir (), "bench.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "bench-password", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);

  bench_print_load ("at start");
  create_local_account ();
  g_print ("exec to the first frame showing the profile (Timecard) or the label (bare), "
           "and Private_Dirty %d s later:\n", IDLE_SECONDS);
  bench_renderer (argv[1], argv[2], "gl", runs);
  bench_renderer (argv[1], argv[2], "cairo", runs);
  bench_print_load ("at end");
  return 0;
}
