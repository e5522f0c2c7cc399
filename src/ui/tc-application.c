/* tc-application.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "tc-application.h"
#include "tc-language.h"
#include "tc-retranslate.h"
#include "tc-window.h"

struct _TcApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TcSecretStore  *secrets;
  TcAccountList  *accounts;
};

G_DEFINE_FINAL_TYPE (TcApplication, tc_application, ADW_TYPE_APPLICATION)

enum {
  LANGUAGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* After its first frames, the start has freed much more than it keeps:
 * the templates' parsing, the account's JSON, the GL driver's shader
 * compilation. glibc keeps what is freed in the middle of its heaps, and
 * only malloc_trim() gives those pages back to the system (issue 13: about
 * 1.5 MiB with GL, 0.5 MiB with cairo). Once, at low priority. */
#define TRIM_AFTER_START_SECONDS 2

static gboolean
trim_after_start_cb (gpointer data)
{
#if HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
tc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      /* Shown once it has the profile (or after a moment, loading). */
      tc_window_present_when_ready (tc_window_new (TC_APPLICATION (app)));
      if (gtk_application_get_windows (GTK_APPLICATION (app))->next == NULL)
        g_timeout_add_seconds_full (G_PRIORITY_LOW, TRIM_AFTER_START_SECONDS,
                                    trim_after_start_cb, NULL, NULL);
      return;
    }

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

/* A window of its own: it opens the last account used, and the account
 * menu switches it to any other while this one stays as it is. */
static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TcApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (tc_window_new (self)));
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
  { "new-window", new_window_action },
  { "about", about_action },
};

static void
early_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  /* The first window asked for the same account meanwhile and has the
   * session (or the error) too; with no window, the session goes. */
  g_autoptr(TcSession) session = tc_account_list_open_finish (TC_ACCOUNT_LIST (object), result, NULL);
}

/* GTK starts loading the icon theme on a thread of its own, but then
 * GtkApplication and libadwaita add their resource paths to the theme,
 * which drops what that thread loaded. The first icon of the first
 * window then loaded the theme's index files again, on the main thread,
 * before the first frame (issue 13: 36 of its samples in perf). Looking
 * an icon up on a thread loads them again there, while the window is
 * built; the lookups are thread-safe. */
static void
load_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (task_data, "avatar-default-symbolic", NULL,
                                     16, 1, GTK_TEXT_DIR_NONE, 0);
  g_task_return_boolean (task, TRUE);
}

static void
load_icon_theme (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_task_set_source_tag (task, load_icon_theme);
  g_task_set_task_data (task, g_object_ref (theme), g_object_unref);
  g_task_run_in_thread (task, load_icon_theme_thread);
}

static void
tc_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  TcApplication *self = TC_APPLICATION (app);
  g_autoptr(TcAccount) last = tc_account_load_last (self->settings);

  /* The first window opens the last account: start now, before GTK, so
   * that its key lookup and (for the local account) the service's start
   * go on, on threads of their own, while GTK starts and the window is
   * built (issue 13). The window's open joins this one (TcAccountList
   * opens an account once). Only the primary instance gets here. */
  if (last != NULL)
    tc_account_list_open_async (self->accounts, last, NULL, early_open_cb, NULL);

  G_APPLICATION_CLASS (tc_application_parent_class)->startup (app);
  load_icon_theme ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-page::preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);
  /* The windows' icon is set after the first window's first frame
   * (tc-window.c): the frame does not show it. */
}

static void
tc_application_dispose (GObject *object)
{
  TcApplication *self = (TcApplication *)object;

  g_clear_object (&self->accounts);
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

  /**
   * TcApplication::language-changed:
   *
   * Emitted once every open window shows the new language, for text a
   * widget formats itself (counts, dates in words) to be made again.
   */
  signals[LANGUAGE_CHANGED] =
    g_signal_new ("language-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tc_application_init (TcApplication *self)
{
  /* The schema id is the same for the development build. */
  self->settings = g_settings_new ("io.github.timecard.Timecard");
  self->secrets = tc_secret_store_new ();
  self->accounts = tc_account_list_new (self->settings, self->secrets);
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

TcAccountList *
tc_application_get_account_list (TcApplication *self)
{
  g_return_val_if_fail (TC_IS_APPLICATION (self), NULL);
  return self->accounts;
}

/**
 * tc_application_set_language:
 * @self: the application
 * @code: the profile's `lang` ("FR"), or "" for the system's language
 *
 * Applies @code at once to every open window (dialogs and the shortcuts
 * window included) and to what is built from now on. The windows stay as
 * they are: page, scroll position, selection and typed text are kept.
 * (The window caches the profile's `lang` for the next start.)
 */
void
tc_application_set_language (TcApplication *self,
                             const char    *code)
{
  g_autoptr(TcRetranslator) retranslator = NULL;
  GListModel *toplevels;

  g_return_if_fail (TC_IS_APPLICATION (self));

  /* What is on screen is in the language before the change. */
  retranslator = tc_retranslator_new ();
  if (!tc_language_apply (code))
    return;

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      tc_retranslator_apply (retranslator, toplevel);
    }

  g_signal_emit (self, signals[LANGUAGE_CHANGED], 0);
}
