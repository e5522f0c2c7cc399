/* tc-service-routes-workspaces.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-service-private.h"

const TcRoute *
_tc_routes_workspaces (guint *n_routes)
{
  *n_routes = 0;
  return NULL;
}

gboolean
_tc_require_member (TcRequest   *req,
                    const char  *workspace_id,
                    char       **out_role)
{
  return FALSE;
}
