/* tc-application.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-application.h"
#include "tc-window.h"

struct _TcApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TcSecretStore  *secrets;
};

G_DEFINE_FINAL_TYPE (TcApplication, tc_application, ADW_TYPE_APPLICATION)

static void
tc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tc_window_new (TC_APPLICATION (app)));

  gtk_window_present (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows;

  /* Closing windows first lets each save its state and cancel its work.
   * Closing one takes it off the application's list: walk a copy. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (app)),
                              (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (app);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Timecard developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Timecard"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Timecard developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/timecard/timecard",
                         "issue-url", "https://github.com/timecard/timecard/issues",
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
tc_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (tc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-page::preferences",
                                         preferences_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
tc_application_dispose (GObject *object)
{
  TcApplication *self = (TcApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->secrets);

  G_OBJECT_CLASS (tc_application_parent_class)->dispose (object);
}

static void
tc_application_class_init (TcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tc_application_dispose;
  app_class->activate = tc_application_activate;
  app_class->startup = tc_application_startup;
}

static void
tc_application_init (TcApplication *self)
{
  /* The schema id is the same for the development build. */
  self->settings = g_settings_new ("io.github.timecard.Timecard");
  self->secrets = tc_secret_store_new ();
}

TcApplication *
tc_application_new (void)
{
  return g_object_new (TC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/timecard/Timecard",
                       NULL);
}

GSettings *
tc_application_get_settings (TcApplication *self)
{
  g_return_val_if_fail (TC_IS_APPLICATION (self), NULL);
  return self->settings;
}

TcSecretStore *
tc_application_get_secret_store (TcApplication *self)
{
  g_return_val_if_fail (TC_IS_APPLICATION (self), NULL);
  return self->secrets;
}
