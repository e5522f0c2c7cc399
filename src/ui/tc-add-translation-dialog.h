/* tc-add-translation-dialog.h — start a translation into another language
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TC_TYPE_ADD_TRANSLATION_DIALOG (tc_add_translation_dialog_get_type())

G_DECLARE_FINAL_TYPE (TcAddTranslationDialog, tc_add_translation_dialog, TC, ADD_TRANSLATION_DIALOG, AdwWindow)

GtkWidget  *tc_add_translation_dialog_new      (GtkWindow              *parent);
/* Where the translation was started ("…/timecard/po/pl.po"), once it was. */
const char *tc_add_translation_dialog_get_path (TcAddTranslationDialog *self);

G_END_DECLS
