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

G_END_DECLS
