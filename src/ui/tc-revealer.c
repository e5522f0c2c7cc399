/* tc-revealer.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A concealed GtkRevealer (GTK 4.8) is still measured with its child
 * whenever its parent is, and a wrapping label in it is laid out again at
 * every width asked: the window's offline banner was measured about 80
 * times in each start-up, the Team page's stale banner 125 times before
 * its first members showed. Hidden, it costs nothing.
 *
 * Its visibility follows reveal-child and child-revealed: shown as soon as
 * it is asked to reveal (shown while its parent is mapped, it is mapped
 * at once, so the child still slides in), hidden once the child has slid
 * out.
 */

#include "config.h"

#include "tc-revealer.h"

static void
sync_visible (GtkRevealer *revealer)
{
  gtk_widget_set_visible (GTK_WIDGET (revealer),
                          gtk_revealer_get_reveal_child (revealer) ||
                          gtk_revealer_get_child_revealed (revealer));
}

void
tc_revealer_hide_concealed (GtkRevealer *revealer)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));

  g_signal_connect (revealer, "notify::reveal-child", G_CALLBACK (sync_visible), NULL);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (sync_visible), NULL);
  sync_visible (revealer);
}
