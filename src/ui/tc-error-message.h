/* tc-error-message.h — the one place an error becomes a sentence
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tc-pending-edit.h"

G_BEGIN_DECLS

/* A translated sentence a person can act on; never NULL. */
char    *tc_error_message_dup      (const GError *error);
/* The same, for an error while signing in, where "sign in again" is no
 * help: a refused key is a key to check. */
char    *tc_error_message_dup_for_sign_in (const GError *error);
/* Whether the fix for @error is to sign in again. */
gboolean tc_error_needs_sign_in    (const GError *error);
/* Shows @error as a toast in the nearest AdwToastOverlay above @widget.
 * Cancellation is not an error a person needs to see: it is ignored. */
void     tc_error_present          (GtkWidget    *widget,
                                    const GError *error);

/* The button that fixes @error on an error page: "Try Again" (win.retry)
 * or "Sign In Again" (win.sign-in-again). */
void     tc_error_get_action       (const GError  *error,
                                    const char   **label,
                                    const char   **action_name);
/* A toast saying the change to setting @field (a TcUserSettings property
 * name) was refused and undone, with a Retry button (win.retry-edits). */
void     tc_error_present_refused_edit (GtkWidget    *widget,
                                        const char   *field,
                                        const GError *error);
/* The question to ask when setting @field changed on the server while a
 * change of ours waited. */
char    *tc_error_conflict_message_dup (const char   *field);

/* A queued edit that left the outbox refused (or in conflict): which
 * field of what, and why ("Your change to Daily capacity (Ada) was
 * undone. Not saved: …"). */
char    *tc_error_edit_message_dup (TcPendingEdit *edit,
                                    const GError  *error);
/* The same as a toast; discarded edits (cancelled) are not shown. */
void     tc_error_present_edit     (GtkWidget     *widget,
                                    TcPendingEdit *edit,
                                    const GError  *error);

G_END_DECLS
