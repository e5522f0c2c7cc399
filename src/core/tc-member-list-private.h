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
  GPtrArray    *raw;          /* GBytes: the pages as sent, while loading */
  GError       *offline_error; /* why the cached team is being loaded */
  char         *workspace_id;
  guint         page_size;
  GPtrArray    *items;
  GHashTable   *by_id;        /* borrowed id → TcMember */
  GCancellable *cancellable;   /* member details */
  GCancellable *pages;         /* the pages of a load; NULL when none runs */
  guint         next_page;     /* the next page to ask for */
  guint         next_offset;   /* the first member it starts at */
  guint         next_append;   /* the next page to add to the model */
  guint         n_in_flight;
  GHashTable   *arrived;       /* page number → Page, until the ones before are in */
  GPtrArray    *held;          /* members arrived, not in the model yet */
  guint         update_interval; /* ms */
  gint64        last_update;
  guint         update_source;
  GQueue        details_wanted;  /* Wanted (a row on screen), newest first */
  GHashTable   *details_asked;   /* borrowed id: requested or loaded */
  guint         details_in_flight;
  JsonObject   *details_cache;   /* user id → details as read; NULL: no cache */
  guint         details_timer;   /* wakes rows that have settled */
  guint         details_store_timer;
  guint         details_requested; /* member-profile GETs sent */
  guint         server_says_last : 1; /* the first page had Last-Page */
  guint         end_seen : 1;         /* a page that arrived ends the list */
  guint         details_cache_ready : 1;
  guint         details_dirty : 1;
  guint         applying_details : 1;
  guint         loading : 1;
  guint         complete : 1;
  guint         stale : 1;
};

/* tc-member-list.c */
void  _tc_member_list_append            (TcMemberList *self,
                                         GPtrArray    *members,
                                         guint         n);
void  _tc_member_list_set_state         (TcMemberList *self,
                                         gboolean      loading,
                                         gboolean      complete);
void  _tc_member_list_set_stale         (TcMemberList *self,
                                         gboolean      stale);
void  _tc_member_list_emit_load_failed  (TcMemberList *self,
                                         const GError *error);
void  _tc_member_list_emit_member_notify (TcMemberList *self,
                                          TcMember     *member,
                                          GParamSpec   *pspec);

/* tc-member-list-pages.c */
void  _tc_member_list_pages_init        (TcMemberList *self);
void  _tc_member_list_pages_finalize    (TcMemberList *self);
void  _tc_member_list_pages_start       (TcMemberList *self);
void  _tc_member_list_pages_stop        (TcMemberList *self,
                                         gboolean      keep_held);

/* tc-member-list-details.c */
void  _tc_member_list_details_start     (TcMemberList *self);
void  _tc_member_list_details_clear     (TcMemberList *self);
void  _tc_member_list_details_dispose   (TcMemberList *self);
void  _tc_member_list_details_watch     (TcMemberList *self,
                                         TcMember     *member);
/* How many member-profile requests the list sent (tests, figures). */
guint _tc_member_list_get_details_requested (TcMemberList *self);

G_END_DECLS
