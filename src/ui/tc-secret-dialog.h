/* tc-secret-dialog.h — a secret (a new API key, a webhook token) shown once
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TC_TYPE_SECRET_DIALOG (tc_secret_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcSecretDialog, tc_secret_dialog, TC, SECRET_DIALOG, AdwMessageDialog)

/* A modal dialog over @parent's window showing @secret with a Copy button
 * and the warning that it will not be shown again. The secret is never
 * logged, and is wiped from the dialog when it closes. */
TcSecretDialog *tc_secret_dialog_new        (GtkWidget      *parent,
                                             const char     *heading,
                                             const char     *secret);
/* The secret while the dialog is open, for tests; NULL once closed. */
const char     *tc_secret_dialog_get_secret (TcSecretDialog *self);

G_END_DECLS
