/* tc-pending-edit.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-pending-edit-private.h"

G_DEFINE_FINAL_TYPE (TcPendingEdit, tc_pending_edit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tc_pending_edit_finalize (GObject *object)
{
  TcPendingEdit *self = TC_PENDING_EDIT (object);

  g_free (self->uuid);
  g_free (self->workspace_id);
  g_free (self->object_id);
  g_free (self->object_label);
  g_free (self->wire);
  g_free (self->field_label);
  g_free (self->extra);
  g_clear_pointer (&self->base, json_node_unref);
  g_clear_pointer (&self->value, json_node_unref);
  g_clear_pointer (&self->blob, g_bytes_unref);

  G_OBJECT_CLASS (tc_pending_edit_parent_class)->finalize (object);
}

static void
tc_pending_edit_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TcPendingEdit *self = TC_PENDING_EDIT (object);

  switch (prop_id)
    {
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_pending_edit_class_init (TcPendingEditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tc_pending_edit_finalize;
  object_class->get_property = tc_pending_edit_get_property;

  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_pending_edit_init (TcPendingEdit *self)
{
}

TcPendingEdit *
_tc_pending_edit_new (TcEditTarget  target,
                      const char   *uuid,
                      const char   *wire)
{
  TcPendingEdit *self = g_object_new (TC_TYPE_PENDING_EDIT, NULL);

  self->target = target;
  self->uuid = uuid ? g_strdup (uuid) : g_uuid_string_random ();
  self->wire = g_strdup (wire);
  return self;
}

void
_tc_pending_edit_set_sending (TcPendingEdit *self,
                              gboolean       sending)
{
  if (self->sending == !!sending)
    return;
  self->sending = !!sending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

gboolean
_tc_pending_edit_same_field (TcPendingEdit *a,
                             TcPendingEdit *b)
{
  return a->target == b->target &&
         g_strcmp0 (a->workspace_id, b->workspace_id) == 0 &&
         g_strcmp0 (a->object_id, b->object_id) == 0 &&
         g_strcmp0 (a->wire, b->wire) == 0;
}

const char *
tc_pending_edit_get_uuid (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->uuid;
}

TcEditTarget
tc_pending_edit_get_target (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), TC_EDIT_TARGET_SETTINGS);
  return self->target;
}

const char *
tc_pending_edit_get_workspace_id (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->workspace_id;
}

const char *
tc_pending_edit_get_object_id (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->object_id;
}

const char *
tc_pending_edit_get_object_label (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->object_label;
}

const char *
tc_pending_edit_get_field (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->wire;
}

const char *
tc_pending_edit_get_field_label (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->field_label;
}

JsonNode *
tc_pending_edit_get_old_value (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->base;
}

JsonNode *
tc_pending_edit_get_new_value (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), NULL);
  return self->value;
}

gboolean
tc_pending_edit_get_sending (TcPendingEdit *self)
{
  g_return_val_if_fail (TC_IS_PENDING_EDIT (self), FALSE);
  return self->sending;
}
