/* tc-service-routes-keys.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-service-private.h"

const TcRoute *
_tc_routes_keys (guint *n_routes)
{
  *n_routes = 0;
  return NULL;
}
