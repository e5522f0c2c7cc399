/* tc-profile-page-picture.c — change and remove the profile picture
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File → bytes (GFile, async) → checked, cropped, scaled PNG (tc-picture.c,
 * on a thread) → queued in the session's outbox, shown at once. Every failure on the way
 * becomes one toast through tc-error-message.c. The other way, the user's
 * picture comes as bytes from the session and becomes the avatar's texture;
 * a picture that cannot be loaded leaves the initials, quietly.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-picture.h"
#include "tc-profile-page-private.h"
#include "tc-wire.h"

typedef struct {
  TcProfilePage *page;
  GBytes        *png;
} Upload;

static void
upload_free (Upload *upload)
{
  g_clear_object (&upload->page);
  g_clear_pointer (&upload->png, g_bytes_unref);
  g_free (upload);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Upload, upload_free)

static void
set_busy (TcProfilePage *self,
          gboolean       busy)
{
  self->busy = busy;
  _tc_profile_page_update_actions (self);
}

static void
fail (Upload       *upload,
      const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  tc_error_present (GTK_WIDGET (upload->page), error);
  set_busy (upload->page, FALSE);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Upload) upload = user_data;
  g_autoptr(GError) error = NULL;
  TcProfilePage *self = upload->page;
  g_autoptr(GdkTexture) texture = NULL;

  upload->png = tc_picture_prepare_finish (result, &error);
  if (upload->png == NULL)
    {
      fail (upload, error);
      return;
    }
  if (self->session == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  /* Queued with its bytes (kept in the cache until sent) and shown at
   * once; a refusal comes back through edit-resolved. */
  tc_session_set_picture (self->session, upload->png, "image/png");
  texture = gdk_texture_new_from_bytes (upload->png, NULL);
  _tc_profile_page_set_picture (self, GDK_PAINTABLE (texture));
  set_busy (self, FALSE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Upload) upload = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GCancellable *cancellable = upload->page->cancellable;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      fail (upload, error);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  tc_picture_prepare_async (bytes, cancellable, prepare_cb, g_steal_pointer (&upload));
}

void
tc_profile_page_upload_picture (TcProfilePage *self,
                                GFile         *file)
{
  Upload *upload;

  g_return_if_fail (TC_IS_PROFILE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  upload = g_new0 (Upload, 1);
  upload->page = g_object_ref (self);
  set_busy (self, TRUE);
  g_file_load_contents_async (file, self->cancellable, load_cb, upload);
}

static GtkFileFilter *
image_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TcProfilePage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    tc_profile_page_upload_picture (self, file);
}

static void
choose_file (TcProfilePage *self,
             GtkWindow     *parent)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = image_filter ();

  gtk_file_dialog_set_title (dialog, _("Choose a Picture"));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_open (dialog, parent, self->cancellable, file_dialog_cb, g_object_ref (self));
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
file_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(TcProfilePage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        tc_profile_page_upload_picture (self, file);
    }

  g_object_unref (chooser);
}

static void
choose_file (TcProfilePage *self,
             GtkWindow     *parent)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Picture"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), image_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
#endif

void
_tc_profile_page_change_picture_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  choose_file (TC_PROFILE_PAGE (widget), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
picture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TcProfilePage) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = tc_session_load_picture_finish (TC_SESSION (object), result, &error);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      /* Initials stay: a picture that cannot be shown is no error to act on. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The profile picture cannot be shown: %s", error->message);
      return;
    }

  _tc_profile_page_set_picture (self, GDK_PAINTABLE (texture));
}

void
_tc_profile_page_load_picture (TcProfilePage *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;

  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);

  if (user == NULL || tc_user_get_profile_picture (user) == NULL)
    {
      _tc_profile_page_set_picture (self, NULL);
      return;
    }

  self->picture_cancellable = g_cancellable_new ();
  tc_session_load_picture_async (self->session, self->picture_cancellable,
                                 picture_loaded_cb, g_object_ref (self));
}

void
tc_profile_page_remove_picture (TcProfilePage *self)
{
  g_return_if_fail (TC_IS_PROFILE_PAGE (self));

  if (self->session == NULL)
    return;

  tc_session_remove_picture (self->session);
  _tc_profile_page_set_picture (self, NULL);
  _tc_profile_page_update_actions (self);
}

static void
remove_response_cb (TcProfilePage *self,
                    const char    *response)
{
  if (g_strcmp0 (response, "remove") == 0)
    tc_profile_page_remove_picture (self);
}

void
_tc_profile_page_remove_picture_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove Your Picture?"),
                                                       _("People will see your initials instead.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb),
                           widget, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
