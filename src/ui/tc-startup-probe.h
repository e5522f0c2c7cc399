/* tc-startup-probe.h — reports the first frame that shows the profile
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-window.h"

G_BEGIN_DECLS

void tc_startup_probe_watch (TcWindow *window);

G_END_DECLS
