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
#include "tc-edit-text.h"
#include "tc-error-message.h"
#include "tc-picture.h"
#include "tc-remote-account.h"
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
    case TC_API_ERROR_CONFLICT:
      return g_strdup (_("Changed on the server meanwhile — kept the server’s value."));
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
      /* The key was kept in memory instead: say so, and what keeps it. */
      return g_strdup (_("The password manager could not keep your API key, so it is kept only until you quit. Set up or unlock a password manager, then sign in again to stay signed in."));
    case TC_SECRET_ERROR_NOT_FOUND:
      return g_strdup (_("Your API key is no longer in the password manager. Sign in again."));
    case TC_SECRET_ERROR_FAILED:
      return g_strdup (_("The password manager could not keep your API key."));
    default:
      return NULL;
    }
}

static char *
picture_error_message (const GError *error)
{
  switch ((TcPictureError) error->code)
    {
    case TC_PICTURE_ERROR_TOO_LARGE:
      return g_strdup (_("This picture is larger than 2 MB. Choose a smaller file."));
    case TC_PICTURE_ERROR_UNSUPPORTED:
      return g_strdup (_("Choose a PNG, JPEG or WebP picture."));
    case TC_PICTURE_ERROR_UNREADABLE:
      return g_strdup (_("This file could not be read as a picture."));
    case TC_PICTURE_ERROR_TOO_SMALL:
      /* Translators: %d is a number of pixels */
      return g_strdup_printf (_("This picture is too small. Choose one at least %d pixels wide and high."),
                              TC_PICTURE_MIN_SIZE);
    default:
      return NULL;
    }
}

/* Something answered at the address, but not a Clockify-compatible API:
 * say what it answered, and that the address is the thing to check. */
static char *
remote_account_error_message (const GError *error)
{
  switch ((TcRemoteAccountError) error->code)
    {
    case TC_REMOTE_ACCOUNT_ERROR_NOT_JSON:
      return g_strdup (_("The server answered, but not with JSON, so it is not a Clockify-compatible server. Check the address: for Clockify-compatible servers it usually ends in /api."));
    case TC_REMOTE_ACCOUNT_ERROR_NO_USER_ID:
      return g_strdup (_("The server answered with JSON, but /v1/user has no user ID, so it is not a Clockify-compatible server. Check the address."));
    case TC_REMOTE_ACCOUNT_ERROR_NO_USER_ROUTE:
      return g_strdup (_("The server has no /v1/user at this address, so it is not a Clockify-compatible server. Check the address: it usually ends in /api."));
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
  else if (error->domain == TC_PICTURE_ERROR)
    message = picture_error_message (error);
  else if (error->domain == TC_REMOTE_ACCOUNT_ERROR)
    message = remote_account_error_message (error);

  if (message == NULL)
    /* Translators: %s is a technical description of the problem */
    message = g_strdup_printf (_("Something went wrong: %s"), error->message);

  return message;
}

char *
tc_error_message_dup_for_sign_in (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED))
    return g_strdup (_("The server does not accept this API key. Check that you copied all of it, and that it was not deleted."));
  if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_NETWORK))
    return g_strdup (_("Nothing answers at this address. Check the address and your connection, then try again."));

  return tc_error_message_dup (error);
}

gboolean
tc_error_needs_sign_in (const GError *error)
{
  return g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, TC_SECRET_ERROR, TC_SECRET_ERROR_NOT_FOUND);
}

void
tc_error_get_action (const GError  *error,
                     const char   **label,
                     const char   **action_name)
{
  g_return_if_fail (error != NULL);

  if (tc_error_needs_sign_in (error))
    {
      *label = _("_Sign In Again");
      *action_name = "win.sign-in-again";
    }
  else
    {
      *label = _("_Try Again");
      *action_name = "win.retry";
    }
}

static void
add_toast (GtkWidget  *widget,
           const char *message,
           const char *button_label,
           const char *action_name)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_warning ("No toast overlay to show an error in: %s", message);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
tc_error_present (GtkWidget    *widget,
                  const GError *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = tc_error_message_dup (error);
  add_toast (widget, message, NULL, NULL);
}

/* What a setting is called in a sentence, by its property name. */
static const char *
setting_label (const char *field)
{
  static const struct {
    const char *field;
    const char *label;
  } labels[] = {
    { "theme", N_("the style") },
    { "lang", N_("the language") },
    { "group-similar-entries-disabled", N_("grouping similar entries") },
    { "collapse-all-project-lists", N_("collapsing project lists") },
    { "project-list-collapse", N_("collapsing project lists") },
    { "project-picker-task-filter", N_("the task filter") },
    { "time-zone", N_("the time zone") },
    { "date-format", N_("the date format") },
    { "time-format", N_("the time format") },
    { "my-start-of-day", N_("the day start") },
    { "week-start", N_("the week start") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].field, field) == 0)
      return _(labels[i].label);

  return _("an email notification");
}

void
tc_error_present_refused_edit (GtkWidget    *widget,
                               const char   *field,
                               const GError *error)
{
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  reason = tc_error_message_dup (error);
  /* Translators: the first %s is a setting ("the time zone"), the second
   * the reason ("Not saved: timeZone: unknown zone") */
  message = g_strdup_printf (_("Your change to %s was undone. %s"), setting_label (field), reason);
  add_toast (widget, message, _("_Retry"), "win.retry-edits");
}

char *
tc_error_conflict_message_dup (const char *field)
{
  /* Translators: %s is a setting ("the time zone") */
  return g_strdup_printf (_("Meanwhile %s was changed elsewhere. Keep the value from the server, or use yours?"),
                          setting_label (field));
}

char *
tc_error_edit_message_dup (TcPendingEdit *edit,
                           const GError  *error)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (TC_IS_PENDING_EDIT (edit), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  reason = tc_error_message_dup (error);
  if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_CONFLICT))
    /* Translators: the first %s is a field ("Daily capacity"), the second
     * whose it is ("Your profile", a person's name), the third the reason */
    return g_strdup_printf (_("Your change to %s (%s) was not sent. %s"),
                            tc_edit_text_field (edit), tc_edit_text_object (edit), reason);
  /* Translators: the first %s is a field ("Daily capacity"), the second
   * whose it is ("Your profile", a person's name), the third the reason
   * ("Not saved: workCapacity: at most 24 hours") */
  return g_strdup_printf (_("Your change to %s (%s) was undone. %s"),
                          tc_edit_text_field (edit), tc_edit_text_object (edit), reason);
}

void
tc_error_present_edit (GtkWidget     *widget,
                       TcPendingEdit *edit,
                       const GError  *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = tc_error_edit_message_dup (edit, error);
  add_toast (widget, message, NULL, NULL);
}
