/* tc-web-links.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clockify keeps name, email and picture on the account page of its web
 * app, whichever regional API host the account talks to; the core knows
 * which page that is (tc_remote_account_web_page()).
 */

#include "config.h"

#include "tc-remote-account.h"
#include "tc-web-links.h"

char *
tc_web_links_dup_account_page (TcAccount *account)
{
  if (account == NULL || tc_account_is_local (account))
    return NULL;

  return g_strdup (tc_remote_account_web_page (tc_account_get_server (account)));
}

char *
tc_web_links_dup_workspaces_page (TcAccount *account)
{
  g_autofree char *page = tc_web_links_dup_account_page (account);
  g_autoptr(GUri) uri = page ? g_uri_parse (page, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL)
    return NULL;

  /* Same web app, its workspaces page. */
  return g_strdup_printf ("%s://%s/workspaces", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

void
tc_web_links_open (GtkWidget  *widget,
                   const char *uri)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}
