/* bench-bare-window.c — the floor bench-app-startup measures Timecard against
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a libadwaita app shows: an AdwApplicationWindow of Timecard's
 * default size with a header bar and a label. It prints the same line as
 * Timecard's start-up probe (src/ui/tc-startup-probe.c) after the paint of
 * the first frame that shows the label, and then keeps running until it is
 * killed, so its idle memory can be read too.
 */

#include "config.h"

#include <stdio.h>
#include <adwaita.h>

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *label)
{
  if (!gtk_widget_get_mapped (label))
    return;

  printf ("TIMECARD_FIRST_FRAME %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, label);
}

static void
realize_cb (GtkWidget *window,
            GtkWidget *label)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), label, 0);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Hello");

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), label);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.timecard.BenchBareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
