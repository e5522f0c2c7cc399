/* tc-retranslate.h — put open windows into another language in place
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _TcRetranslator TcRetranslator;

/* Remembers, from the catalog gettext uses now, which message each
 * translated text came from. Call before changing the language. */
TcRetranslator *tc_retranslator_new         (void);
void            tc_retranslator_free        (TcRetranslator *self);
/* Looks @text up and returns the same message in the current language,
 * or NULL when @text is not a message of Timecard's. */
const char     *tc_retranslator_translate   (TcRetranslator *self,
                                             const char     *text);
/* Every string property, stack page, column, combo row item and menu
 * item under @widget that shows a message gets the new language's. The
 * widgets stay: typed text, selection, focus and scrolling are kept. */
void            tc_retranslator_apply       (TcRetranslator *self,
                                             GtkWidget      *widget);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TcRetranslator, tc_retranslator_free)

G_END_DECLS
