/* tc-pending-edit-private.h — the outbox's edits, as the session sees them
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-pending-edit.h"

G_BEGIN_DECLS

struct _TcPendingEdit
{
  GObject       parent_instance;

  char         *uuid;           /* the outbox row's key */
  TcEditTarget  target;
  char         *workspace_id;   /* member targets */
  char         *object_id;      /* member targets: the member's user id */
  char         *object_label;
  char         *wire;           /* the field: "timeZone", "customField:<id>" */
  char         *field_label;
  JsonNode     *base;           /* the server value it was made over; NULL: none */
  JsonNode     *value;          /* what the user wants; PICTURE: the content type */
  char         *extra;          /* PICTURE: the uploaded URL; MEMBER_STATUS: the email */
  GBytes       *blob;           /* PICTURE: the image, until sent */
  guint         pending_writes; /* cache writes not yet committed */
  gboolean      sending;
};

TcPendingEdit *_tc_pending_edit_new         (TcEditTarget   target,
                                             const char    *uuid,
                                             const char    *wire);
void           _tc_pending_edit_set_sending (TcPendingEdit *self,
                                             gboolean       sending);
/* Whether @a and @b edit the same field of the same object. */
gboolean       _tc_pending_edit_same_field  (TcPendingEdit *a,
                                             TcPendingEdit *b);

G_END_DECLS
