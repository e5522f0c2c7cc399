/* tc-member.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-member.h"

struct _TcMember
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (TcMember, tc_member, G_TYPE_OBJECT)

static void
tc_member_class_init (TcMemberClass *klass)
{
}

static void
tc_member_init (TcMember *self)
{
}
