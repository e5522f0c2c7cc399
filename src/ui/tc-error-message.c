/* tc-error-message.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every error the core returns passes through tc_error_message_dup() before
 * a person sees it, so each failure has one translated explanation.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tc-api-error.h"
#include "tc-error-message.h"
#include "tc-secret-store.h"

static char *
api_error_message (const GError *error)
{
  switch ((TcApiError) error->code)
    {
    case TC_API_ERROR_UNAUTHORIZED:
      return g_strdup (_("The server no longer accepts your API key. Sign in again."));
    case TC_API_ERROR_FORBIDDEN:
      return g_strdup (_("Your role in this workspace does not allow this."));
    case TC_API_ERROR_NOT_FOUND:
      return g_strdup (_("The server could not find this. It may have been removed."));
    case TC_API_ERROR_VALIDATION:
      /* Translators: %s is the server's reason, e.g. "name: must be 1 to 100 characters" */
      return g_strdup_printf (_("Not saved: %s"), error->message);
    case TC_API_ERROR_RATE_LIMITED:
      return g_strdup (_("The server is busy. Try again in a moment."));
    case TC_API_ERROR_SERVER:
      return g_strdup (_("The server ran into a problem. Try again later."));
    case TC_API_ERROR_INVALID_RESPONSE:
      return g_strdup (_("The server sent an answer Timecard does not understand."));
    case TC_API_ERROR_UNSUPPORTED:
      return g_strdup (_("This server does not support this. You can change it on the web."));
    case TC_API_ERROR_NETWORK:
      return g_strdup (_("Cannot reach the server. Check your connection and try again."));
    case TC_API_ERROR_INSECURE:
      return g_strdup (_("The connection to the server is not secure, so Timecard did not use it."));
    case TC_API_ERROR_TOO_LARGE:
      return g_strdup (_("This is too large for the server."));
    default:
      return NULL;
    }
}

static char *
secret_error_message (const GError *error)
{
  switch ((TcSecretError) error->code)
    {
    case TC_SECRET_ERROR_UNAVAILABLE:
      return g_strdup (_("No password manager is available. Your API key is kept only until you quit."));
    case TC_SECRET_ERROR_NOT_FOUND:
      return g_strdup (_("Your API key is no longer in the password manager. Sign in again."));
    case TC_SECRET_ERROR_FAILED:
      return g_strdup (_("The password manager could not keep your API key."));
    default:
      return NULL;
    }
}

char *
tc_error_message_dup (const GError *error)
{
  char *message = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == TC_API_ERROR)
    message = api_error_message (error);
  else if (error->domain == TC_SECRET_ERROR)
    message = secret_error_message (error);

  if (message == NULL)
    /* Translators: %s is a technical description of the problem */
    message = g_strdup_printf (_("Something went wrong: %s"), error->message);

  return message;
}

gboolean
tc_error_needs_sign_in (const GError *error)
{
  return g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND);
}

void
tc_error_present (GtkWidget    *widget,
                  const GError *error)
{
  g_autofree char *message = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = tc_error_message_dup (error);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_warning ("No toast overlay to show an error in: %s", message);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}
