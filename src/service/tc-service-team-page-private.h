/* tc-service-team-page-private.h — a Team page while it is built
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by tc-service-team-page.c (the queries) and
 * tc-service-team-page-json.c (the page's JSON text).
 */

#pragma once

#include "tc-service-private.h"

G_BEGIN_DECLS

/* The columns of the page query (PAGE_COLUMNS), in order. */
enum { COL_ID, COL_STATUS, COL_ROLE, COL_EMAIL, COL_NAME, COL_PICTURE, COL_ACTIVE_WS,
       COL_DEFAULT_WS, COL_SETTINGS, COL_PENDING_EMAIL, N_COLUMNS };

/* The texts of an entry and of the values live in the page's string
 * chunk: a page allocates a few blocks, not a string per column. */
typedef struct
{
  const char *col[N_COLUMNS];   /* NULL for SQL NULL */
  const char *id_json;          /* the id as a JSON string, quotes included */
  gsize       id_json_len;
  guint       index;            /* on the page */
  gboolean    full;
  GString    *memberships;      /* the members of the array, comma-separated, or NULL */
  guint       first_value;      /* into the page's sorted values */
  guint       n_values;
  guint       n_placed;         /* while they are put in their slice */
} Entry;

typedef struct
{
  char    *name;
  char    *type;
  gboolean shown;         /* VISIBLE and not admin-only: plain members see it */
  gint64   position;
  GString *prefix;        /* a value's members up to "userId": (the same for every value) */
} Field;

typedef struct
{
  const char  *field_id;   /* the Field's key */
  const Field *field;
  const char  *value;
  guint        entry;      /* the entry's index on the page */
} Value;

typedef struct
{
  TcService          *service;
  GStringChunk       *texts;
  GPtrArray          *entries;   /* Entry*, in page order */
  GHashTable         *by_id;     /* id → Entry*, not owned */
  GHashTable         *fields;    /* field id → Field* */
  GArray             *values;    /* Value, sorted by entry, then field position */
  GString            *scratch;
} Page;

#define APPEND_LITERAL(out, literal) _TC_APPEND_LITERAL (out, literal)

void _tc_team_page_append_entry (GString               *out,
                                 Page                  *p,
                                 const TcTeamPageQuery *page,
                                 Entry                 *e);

G_END_DECLS
