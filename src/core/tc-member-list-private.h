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
  GQueue        details_wanted;  /* Wanted (a row on screen), newest first */
  GHashTable   *details_asked;   /* borrowed id: requested or loaded */
  guint         details_in_flight;
  JsonObject   *details_cache;   /* user id → details as read; NULL: no cache */
  guint         details_timer;   /* wakes rows that have settled */
  guint         details_store_timer;
  guint         details_requested; /* member-profile GETs sent */
  guint         details_cache_ready : 1;
  guint         details_dirty : 1;
  guint         applying_details : 1;
  guint         loading : 1;
  guint         complete : 1;
  guint         stale : 1;
};

/* tc-member-list-details.c */
void  _tc_member_list_details_start     (TcMemberList *self);
void  _tc_member_list_details_clear     (TcMemberList *self);
void  _tc_member_list_details_dispose   (TcMemberList *self);
void  _tc_member_list_details_watch     (TcMemberList *self,
                                         TcMember     *member);
/* How many member-profile requests the list sent (tests, figures). */
guint _tc_member_list_get_details_requested (TcMemberList *self);

G_END_DECLS
