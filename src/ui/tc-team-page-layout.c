/* tc-team-page-layout.c — the Team page's wide and narrow layouts
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Below the width the wide layout needs (phones, a window at 360 px) the
 * page drops the capacity and working-days columns and puts the search
 * and the filters one a line. The page asks for the narrow layout's
 * width only, so the window can get that narrow; it switches once the
 * allocation says which layout fits, and clips the one frame between.
 */

#include "config.h"

#include "tc-member-row.h"
#include "tc-team-page-private.h"

#define NARROW_MINIMUM 320

static void
set_rows_narrow (GtkWidget *widget,
                 gboolean   narrow)
{
  if (TC_IS_MEMBER_ROW (widget))
    {
      tc_member_row_set_narrow (TC_MEMBER_ROW (widget), narrow);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_rows_narrow (child, narrow);
}

static void
set_narrow (TcTeamPage *self,
            gboolean    narrow)
{
  self->narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filters_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_visible (self->capacity_header, !narrow);
  gtk_widget_set_visible (self->days_header, !narrow);
  set_rows_narrow (GTK_WIDGET (self->list_view), narrow);
}

static gboolean
narrow_idle_cb (gpointer data)
{
  TcTeamPage *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->narrow_idle = 0;
  set_narrow (self, self->wide_minimum > 0 && width < self->wide_minimum);
  return G_SOURCE_REMOVE;
}

void
_tc_team_page_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TcTeamPage *self = TC_TEAM_PAGE (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (!self->narrow)
        self->wide_minimum = *minimum;
      *minimum = MIN (*minimum, NARROW_MINIMUM);
      *natural = MAX (*natural, *minimum);
    }
}

void
_tc_team_page_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  TcTeamPage *self = TC_TEAM_PAGE (widget);
  gboolean narrow = self->wide_minimum > 0 && width < self->wide_minimum;
  int child_minimum;

  if (narrow != self->narrow && self->narrow_idle == 0)
    self->narrow_idle = g_idle_add (narrow_idle_cb, self);
  gtk_widget_measure (GTK_WIDGET (self->stack), GTK_ORIENTATION_HORIZONTAL, -1,
                      &child_minimum, NULL, NULL, NULL);
  gtk_widget_allocate (GTK_WIDGET (self->stack), MAX (width, child_minimum), height, baseline, NULL);
}
