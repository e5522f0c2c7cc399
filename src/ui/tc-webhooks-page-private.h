/* tc-webhooks-page-private.h — what the files of TcWebhooksPage share
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-webhooks-page.h"

G_BEGIN_DECLS

struct _TcWebhooksPage
{
  AdwBin                parent_instance;

  TcSession            *session;
  GCancellable         *cancellable;
  GSignalGroup         *workspace_signals; /* the active workspace's */
  gboolean              loaded;
  guint                 workspace_count;

  /* Template children */
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwPreferencesGroup  *list_group;
  GtkListBox           *webhooks_list;
  GtkLabel             *offline_label;
};

/* tc-webhooks-page-actions.c: webhooks.create, and each row's edit, test,
 * logs, regenerate and delete */
void _tc_webhooks_page_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
