/* tc-ui-test-util.h — helpers for the widget tests under tests/ui
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"
#include "tc-test-util.h"

G_BEGIN_DECLS

typedef struct {
  TcService       *service;
  TcApiClient     *client;
  TcSession       *session;
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  char            *owner_id;
  char            *api_key;
  char            *db;       /* set while the service is stopped */
  guint            port;
} TcUiFixture;

/* A service with an owner, a session over it (refreshed), and a window
 * with a toast overlay to put the widget under test in. */
void        tc_ui_fixture_set_up        (TcUiFixture *fixture,
                                         gconstpointer data);
void        tc_ui_fixture_tear_down     (TcUiFixture *fixture,
                                         gconstpointer data);
void        tc_ui_fixture_show          (TcUiFixture *fixture,
                                         GtkWidget   *widget);
/* Waits until the session sent every edit, then GETs /v1/user with a
 * client of its own: what the service stored. */
JsonObject *tc_ui_fixture_get_user      (TcUiFixture *fixture);
JsonObject *tc_ui_fixture_get_settings  (TcUiFixture *fixture);

/* Stops the service (its requests then find nobody listening) and waits
 * until the session, refreshed, says it is offline. */
void        tc_ui_fixture_stop_service  (TcUiFixture *fixture);
/* Starts it again over the same database on the same port and refreshes
 * the session, which is then online again. */
void        tc_ui_fixture_restart_service (TcUiFixture *fixture);
/* Iterates the main context until nothing is pending. */
void        tc_ui_flush                 (void);
/* The @nth (from 0) descendant of @type, or NULL. */
GtkWidget  *tc_ui_find                  (GtkWidget   *widget,
                                         GType        type,
                                         guint        nth);
/* The descendant with the given accessible/widget name (gtk_widget_get_name). */
GtkWidget  *tc_ui_find_named            (GtkWidget   *widget,
                                         const char  *name);
/* A GtkLabel (or a Team row, which draws its texts) whose text contains
 * @text, or NULL. */
GtkWidget  *tc_ui_find_label            (GtkWidget   *widget,
                                         const char  *text);
/* The first descendant GtkActionable whose action is @action_name, or NULL. */
GtkWidget  *tc_ui_find_action           (GtkWidget   *widget,
                                         const char  *action_name);
/* Whether a label (or a Team row) containing @text is on screen (mapped)
 * under @widget. */
gboolean    tc_ui_label_shown           (GtkWidget   *widget,
                                         const char  *text);
/* Fails the test for each focusable control under @widget without an
 * accessible name (a label property, a labelled-by relation, or a text
 * label of its own), naming its type. */
void        tc_ui_assert_accessible     (GtkWidget   *widget);
/* Renders @widget to $TC_SCREENSHOT_DIR/@name.png when that is set;
 * always renders, so a widget that cannot be drawn fails the test. */
void        tc_ui_screenshot            (GtkWidget   *widget,
                                         const char  *name);

G_END_DECLS
