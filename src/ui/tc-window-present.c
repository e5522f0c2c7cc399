/* tc-window-present.c — when a new window first shows
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window opening an account is presented once it shows what the start
 * opened, not with a loading page that would be drawn and replaced at
 * once (issue 13).
 */

#include "config.h"

#include "tc-window-private.h"

/* At most this long without a window while an account opens; then the
 * loading page shows. */
#define PRESENT_LATEST_MS 500

static void present_if_ready (TcWindow *self);

static gboolean
is_opening (TcWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->start_stack), "loading") == 0;
}

static void
present_now (TcWindow *self)
{
  g_clear_handle_id (&self->present_timeout, g_source_remove);
  g_signal_handlers_disconnect_by_func (self->stack, present_if_ready, self);
  g_signal_handlers_disconnect_by_func (self->start_stack, present_if_ready, self);
  gtk_window_present (GTK_WINDOW (self));
}

static void
present_if_ready (TcWindow *self)
{
  if (!is_opening (self))
    present_now (self);
}

static gboolean
present_timeout_cb (gpointer data)
{
  TcWindow *self = data;

  self->present_timeout = 0;
  present_now (self);
  return G_SOURCE_REMOVE;
}

/**
 * tc_window_present_when_ready:
 *
 * Presents the window once it shows what the start opened — the profile,
 * the welcome page, or why the account could not open — or after
 * PRESENT_LATEST_MS with the loading page, whichever comes first. The
 * remembered local account usually opens in less time than drawing the
 * loading page takes, so its first frame is the profile (issue 13: the
 * main loop was drawing a spinner nobody had time to see while the
 * account's steps waited for it).
 */
void
tc_window_present_when_ready (TcWindow *self)
{
  g_return_if_fail (TC_IS_WINDOW (self));

  if (!is_opening (self) || gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      present_now (self);
      return;
    }
  if (self->present_timeout != 0)
    return;
  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (present_if_ready), self);
  g_signal_connect_swapped (self->start_stack, "notify::visible-child-name",
                            G_CALLBACK (present_if_ready), self);
  self->present_timeout = g_timeout_add (PRESENT_LATEST_MS, present_timeout_cb, self);
}
