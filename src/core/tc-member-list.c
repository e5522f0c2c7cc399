/* tc-member-list.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-member-list.h"

struct _TcMemberList
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (TcMemberList, tc_member_list, G_TYPE_OBJECT)

static void
tc_member_list_class_init (TcMemberListClass *klass)
{
}

static void
tc_member_list_init (TcMemberList *self)
{
}
