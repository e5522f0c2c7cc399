/* tc-error-message.h — the one place an error becomes a sentence
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A translated sentence a person can act on; never NULL. */
char    *tc_error_message_dup      (const GError *error);
/* Whether the fix for @error is to sign in again. */
gboolean tc_error_needs_sign_in    (const GError *error);
/* Shows @error as a toast in the nearest AdwToastOverlay above @widget.
 * Cancellation is not an error a person needs to see: it is ignored. */
void     tc_error_present          (GtkWidget    *widget,
                                    const GError *error);

G_END_DECLS
