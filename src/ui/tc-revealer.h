/* tc-revealer.h — revealers that cost nothing while concealed
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From now on @revealer is visible only while its child is revealed or
 * sliding: call once, after the template is built. */
void tc_revealer_hide_concealed (GtkRevealer *revealer);

G_END_DECLS
