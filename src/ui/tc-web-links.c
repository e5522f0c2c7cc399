/* tc-web-links.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clockify keeps name, email and picture on the account page of its web
 * app, whichever regional API host (euc1.clockify.me, api.clockify.me…)
 * the account talks to.
 */

#include "config.h"

#include "tc-web-links.h"

#define CLOCKIFY_DOMAIN "clockify.me"
#define CLOCKIFY_ACCOUNT_PAGE "https://app.clockify.me/user/settings"

static gboolean
is_clockify_host (const char *host)
{
  if (host == NULL)
    return FALSE;

  return g_ascii_strcasecmp (host, CLOCKIFY_DOMAIN) == 0 ||
         g_str_has_suffix (host, "." CLOCKIFY_DOMAIN);
}

char *
tc_web_links_dup_account_page (TcAccount *account)
{
  g_autoptr(GUri) uri = NULL;

  if (account == NULL || tc_account_is_local (account))
    return NULL;

  uri = g_uri_parse (tc_account_get_server (account), G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || !is_clockify_host (g_uri_get_host (uri)))
    return NULL;

  return g_strdup (CLOCKIFY_ACCOUNT_PAGE);
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
