/* tc-member-page-reference.h — the json-glib way to decode a page of members
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What TcMemberList did with a users page before tc-member-page-json.c:
 * _tc_json_parse() (json-glib, depth bounded first), then
 * tc_member_new_from_json() for each element, stopping at the first bad
 * one. The differential test and fuzz target compare the decoder with it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A GPtrArray of TcMember, or NULL with @error set. */
GPtrArray *tc_member_page_reference_decode (const char  *data,
                                            gsize        size,
                                            GError     **error);
/* NULL when the members of @a and @b are the same (id, email, name,
 * picture, status, role, sort and search keys), else what differs. */
char      *tc_member_page_compare          (GPtrArray   *a,
                                            GPtrArray   *b);

G_END_DECLS
