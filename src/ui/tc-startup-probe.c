/* tc-startup-probe.c — reports the first frame that shows the profile
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests/bench/bench-app-startup.c: with $TIMECARD_STARTUP_PROBE set,
 * the window prints one line to stdout,
 *
 *   TIMECARD_FIRST_FRAME <g_get_monotonic_time()>
 *
 * after the paint of the first frame in which the Profile page is on
 * screen with the user's name (not a spinner, not an empty page). The
 * clock is CLOCK_MONOTONIC, the same in every process, so the benchmark
 * subtracts the time it started the program at. Without the variable
 * nothing is watched.
 */

#include "config.h"

#include <stdio.h>

#include "tc-startup-probe.h"

typedef struct
{
  TcWindow      *window; /* weak */
  GdkFrameClock *clock;
  gulong         handler;
} Probe;

static gboolean
profile_shown (TcWindow *window)
{
  TcSession *session = tc_window_get_session (window);
  TcUser *user = session ? tc_session_get_user (session) : NULL;
  const char *name = user ? tc_user_get_display_name (user) : NULL;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (tc_window_get_page (window), "profile") == 0 &&
         name != NULL && name[0] != '\0';
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  if (probe->window == NULL || !profile_shown (probe->window))
    return;

  printf ("TIMECARD_FIRST_FRAME %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_clear_signal_handler (&probe->handler, clock);
}

static void
realize_cb (GtkWidget *widget,
            Probe     *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (probe->handler != 0 || clock == NULL)
    return;
  probe->clock = g_object_ref (clock);
  probe->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), probe);
}

static void
probe_free (gpointer data,
            GClosure *closure)
{
  Probe *probe = data;

  if (probe->clock != NULL)
    g_clear_signal_handler (&probe->handler, probe->clock);
  g_clear_object (&probe->clock);
  g_clear_weak_pointer (&probe->window);
  g_free (probe);
}

void
tc_startup_probe_watch (TcWindow *window)
{
  Probe *probe;

  g_return_if_fail (TC_IS_WINDOW (window));

  if (g_getenv ("TIMECARD_STARTUP_PROBE") == NULL)
    return;

  probe = g_new0 (Probe, 1);
  g_set_weak_pointer (&probe->window, window);
  g_signal_connect_data (window, "realize", G_CALLBACK (realize_cb), probe, probe_free, 0);
}
