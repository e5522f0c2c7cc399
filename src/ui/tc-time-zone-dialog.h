/* tc-time-zone-dialog.h — pick an IANA time zone from a searchable list
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TC_TYPE_TIME_ZONE_DIALOG (tc_time_zone_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcTimeZoneDialog, tc_time_zone_dialog, TC, TIME_ZONE_DIALOG, AdwWindow)

/* Emits "zone-chosen" (const char *zone) and closes when a zone is picked. */
TcTimeZoneDialog *tc_time_zone_dialog_new           (GtkWindow        *parent,
                                                     const char       *current_zone);
/* TRUE once the zone list is read (for tests). */
gboolean          tc_time_zone_dialog_is_loaded     (TcTimeZoneDialog *self);
/* Shows only the zones whose name contains @text. */
void              tc_time_zone_dialog_search        (TcTimeZoneDialog *self,
                                                     const char       *text);
/* "Europe/Paris" → "Europe/Paris (UTC+01:00)", the offset as of now. */
char             *tc_time_zone_dialog_dup_label     (const char       *zone);

G_END_DECLS
