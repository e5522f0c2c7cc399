/* tc-member-profile-private.h — shared by tc-member-profile*.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-member-profile.h"

G_BEGIN_DECLS

/* The string properties index TcMemberProfile.strings. */
enum {
  PROP_0,
  PROP_USER_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_IMAGE_URL,
  PROP_WEEK_START,
  PROP_EMPLOYEE_ID,
  PROP_EMPLOYMENT_TYPE,
  N_STRING_PROPS,
  PROP_HAS_PASSWORD = N_STRING_PROPS,
  PROP_HAS_PENDING_APPROVAL_REQUEST,
  PROP_WORKSPACE_NUMBER,
  PROP_WORK_CAPACITY,
  PROP_WORKING_DAYS,
  N_PROPS
};

struct _TcMemberProfile
{
  GObject     parent_instance;

  char       *strings[N_STRING_PROPS];
  gboolean    has_password;
  gboolean    has_pending_approval_request;
  gint64      workspace_number;
  gint64      work_capacity;
  guint       working_days;
  GHashTable *custom;   /* field id → JsonNode */
};

G_END_DECLS
