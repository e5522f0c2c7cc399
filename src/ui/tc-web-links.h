/* tc-web-links.h — pages of the server's web app the window can open
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tc-account.h"

G_BEGIN_DECLS

/* The web page where the person manages their account (name, email,
 * picture) for @account's server, or NULL where none is known: the local
 * account and self-hosted services have no web app. */
char    *tc_web_links_dup_account_page (TcAccount *account);
/* The web page listing the person's workspaces (where Clockify leaves
 * one), or NULL where none is known. */
char    *tc_web_links_dup_workspaces_page (TcAccount *account);
/* Opens @uri in the browser (through the portal in Flatpak). */
void     tc_web_links_open             (GtkWidget  *widget,
                                        const char *uri);

G_END_DECLS
