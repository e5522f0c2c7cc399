/* tc-team-page-private.h — shared by tc-team-page.c and tc-team-page-actions.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-member-rules.h"
#include "tc-member-slots.h"
#include "tc-team-page.h"

G_BEGIN_DECLS

struct _TcTeamPage
{
  GtkWidget           parent_instance;

  TcSession          *session;
  TcWorkspace        *workspace;     /* the one whose caller-role is followed */
  TcMemberList       *members;
  GCancellable       *cancellable;
  TcMemberRole        caller_role;
  gboolean            can_manage;
  GtkWindow          *editor;        /* weak */
  GtkWindow          *bulk;          /* weak: the last bulk editor */
  GHashTable         *undo_edits;    /* uuids of the Undo's edits not yet resolved */
  gboolean            undo_failed;
  guint               details_timer; /* rows on screen ask once it settles */
  gboolean            narrow;        /* fewer columns, the filters wrapped */
  gboolean            fonts_prepared; /* tc_member_row_prepare_fonts() */
  int                 wide_minimum;  /* the width the wide layout needs */
  guint               narrow_idle;
  guint               busy_timer;    /* a long sort or filter: the bar shows */
  guint               busy_delay;    /* ms before it does */
  guint               busy_pulse;

  /* Models (tc-team-page-models.c): filter and sorter are owned by
   * order, order by slots, the list view's model. */
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  TcMemberOrder      *order;
  TcMemberSlots      *slots;
  GHashTable         *bound;         /* GtkListItem: the rows the view has bound */
  guint               catch_up_tick; /* rows still to build or to show their member */
  guint               adjusted_n;    /* rows at the view's last layout */
  char               *search_folded;
  int                 role_filter_value;    /* -1: all */
  int                 status_filter_value;  /* -1: all */
  int                 sort_key;

  GtkStack           *stack;
  AdwStatusPage      *error_page;
  GtkRevealer        *stale_revealer;
  GtkLabel           *stale_label;
  GtkBox             *toolbar;
  GtkBox             *filters_box;
  GtkWidget          *capacity_header;
  GtkWidget          *days_header;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *role_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *sort_dropdown;
  GtkLabel           *count_label;
  GtkProgressBar     *progress_bar;
  GtkStack           *list_stack;
  GtkListView        *list_view;
};

void _tc_team_page_class_init_actions (GtkWidgetClass *widget_class);
/* tc-team-page.c: every member is in: row positions are final. */
gboolean _tc_team_page_is_settled     (TcTeamPage     *self);
void     _tc_team_page_set_busy_delay (TcTeamPage     *self,
                                       guint           ms);
/* tc-team-page-models.c: the models, the rows and the search, filter and
 * sort controls, from init; what they hold, from dispose. */
void _tc_team_page_setup_models       (TcTeamPage     *self);
void _tc_team_page_dispose_models     (TcTeamPage     *self);
/* No sort is under way and every row on screen is built and shows the
 * member at its position (the rows catch up over a few frames after a
 * change). */
gboolean _tc_team_page_screen_done    (TcTeamPage     *self);

/* tc-team-page-layout.c: GtkWidget's measure and size_allocate. */
void _tc_team_page_measure            (GtkWidget      *widget,
                                       GtkOrientation  orientation,
                                       int             for_size,
                                       int            *minimum,
                                       int            *natural,
                                       int            *minimum_baseline,
                                       int            *natural_baseline);
void _tc_team_page_size_allocate      (GtkWidget      *widget,
                                       int             width,
                                       int             height,
                                       int             baseline);
void _tc_team_page_open_editor        (TcTeamPage     *self,
                                       TcMember       *member);
void _tc_team_page_edit_resolved      (TcTeamPage     *self,
                                       TcPendingEdit  *edit,
                                       const GError   *error);

G_END_DECLS
