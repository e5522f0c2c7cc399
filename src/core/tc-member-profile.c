/* tc-member-profile.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-member-profile.h"

struct _TcMemberProfile
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (TcMemberProfile, tc_member_profile, G_TYPE_OBJECT)

static void
tc_member_profile_class_init (TcMemberProfileClass *klass)
{
}

static void
tc_member_profile_init (TcMemberProfile *self)
{
}
