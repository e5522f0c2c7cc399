/* tc-member-private.h — making TcMembers inside src/core
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-member.h"

G_BEGIN_DECLS

/* A member from its decoded values: takes the strings (also on failure),
 * maps @status (the wire text; an unknown one is
 * TC_API_ERROR_INVALID_RESPONSE), drops an empty name and computes the
 * sort and search keys. */
TcMember *_tc_member_new_take (char          *id,
                               char          *email,
                               char          *name,
                               char          *profile_picture,
                               const char    *status,
                               TcMemberRole   role,
                               GError       **error);

/* Called at each of @member's notifications, with @data; one per member
 * (the TcMemberList that holds it), NULL to stop. A signal handler for
 * each of 10,000 members cost the main loop 5 ms a page. */
typedef void (*TcMemberWatchFunc) (TcMember   *member,
                                   GParamSpec *pspec,
                                   gpointer    data);
void      _tc_member_set_watch (TcMember          *member,
                                TcMemberWatchFunc  func,
                                gpointer           data);

G_END_DECLS
