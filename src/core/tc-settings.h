/* tc-settings.h — writing Timecard's GSettings without needless writes
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *tc_settings_new_batch     (GSettings  *settings);
void       tc_settings_set_if_changed (GSettings  *settings,
                                       const char *key,
                                       GVariant   *value);

G_END_DECLS
