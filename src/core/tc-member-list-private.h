/* tc-member-list-private.h — shared by tc-member-list*.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-cache.h"
#include "tc-member-list.h"

G_BEGIN_DECLS

struct _TcMemberList
{
  GObject       parent_instance;

  TcApiClient  *client;
  TcCache      *cache;        /* NULL: nothing is cached */
  JsonArray    *raw;          /* the pages' members as sent, while loading */
  GError       *offline_error; /* why the cached team is being loaded */
  char         *workspace_id;
  guint         page_size;
  GPtrArray    *items;
  GHashTable   *by_id;        /* borrowed id → TcMember */
  GCancellable *cancellable;
  guint         next_page;
  GQueue        details_wanted;  /* owned TcMember, newest first */
  GHashTable   *details_asked;   /* borrowed id: requested or loaded */
  guint         details_in_flight;
  guint         loading : 1;
  guint         complete : 1;
  guint         stale : 1;
};

G_END_DECLS
