/* tc-custom-field.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-custom-field.h"

struct _TcCustomField
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (TcCustomField, tc_custom_field, G_TYPE_OBJECT)

static void
tc_custom_field_class_init (TcCustomFieldClass *klass)
{
}

static void
tc_custom_field_init (TcCustomField *self)
{
}
