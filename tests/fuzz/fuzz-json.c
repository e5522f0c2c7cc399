/* fuzz-json.c — libFuzzer target: every JSON decoder of the core
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the decoder (modulo the number of decoders), the
 * rest is a server's answer. It is parsed by _tc_json_parse(), the parser
 * TcApiClient reads every answer with, and handed to the decoder the way
 * the client does: an object to *_new_from_json(), an array to the list
 * decoder. A decoded model is updated from the same object again and
 * encoded back, so the update and encode paths see every decoded value.
 */

#include "config.h"

#include <stdint.h>

#include "tc-api-error.h"
#include "tc-api-key.h"
#include "tc-custom-field.h"
#include "tc-json-private.h"
#include "tc-member.h"
#include "tc-member-profile.h"
#include "tc-user.h"
#include "tc-user-settings.h"
#include "tc-webhook.h"
#include "tc-webhook-log.h"
#include "tc-workspace.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef enum {
  DECODE_USER,
  DECODE_SETTINGS,
  DECODE_WORKSPACE,
  DECODE_MEMBER,
  DECODE_MEMBER_PROFILE,
  DECODE_CUSTOM_FIELD,
  DECODE_API_KEY,
  DECODE_WEBHOOK,
  DECODE_WEBHOOK_LOG,
  DECODE_ERROR_BODY,
  N_DECODERS
} Decoder;

static void
drop (gpointer object)
{
  g_assert (object == NULL || G_IS_OBJECT (object));
  g_clear_object (&object);
}

/* Walks a decoded list (every item is a real object) and drops it. */
static void
drop_list (GListModel *list)
{
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_assert (G_IS_OBJECT (item));
    }
  g_clear_object (&list);
}

static void
decode_user (JsonObject *object)
{
  g_autoptr(TcUser) user = tc_user_new_from_json (object, NULL);

  if (user != NULL)
    {
      g_autoptr(JsonObject) encoded = NULL;

      tc_user_update_from_json (user, object, NULL);
      encoded = tc_user_to_json (user);
    }
}

static void
decode_settings (JsonObject *object)
{
  g_autoptr(TcUserSettings) settings = tc_user_settings_new_from_json (object, NULL);

  if (settings != NULL)
    {
      g_autoptr(JsonObject) encoded = NULL;

      tc_user_settings_update_from_json (settings, object, NULL);
      encoded = tc_user_settings_to_json (settings);
    }
}

static void
decode_workspace (JsonNode *root)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      drop_list (tc_workspace_list_new_from_json (json_node_get_array (root), NULL));
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr(TcWorkspace) workspace = tc_workspace_new_from_json (object, NULL);

      if (workspace != NULL)
        {
          g_autoptr(JsonObject) encoded = NULL;

          tc_workspace_update_from_json (workspace, object, NULL);
          encoded = tc_workspace_to_json (workspace);
        }
    }
}

/* GET /v1/workspaces/{ws}/users: TcMemberList decodes each element of a
 * page with tc_member_new_from_json() and stops at the first bad one. */
static void
decode_members (JsonNode *root)
{
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      drop (tc_member_new_from_json (json_node_get_object (root), NULL));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (root), i);
      g_autoptr(TcMember) member = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return;
      member = tc_member_new_from_json (json_node_get_object (node), NULL);
      if (member == NULL)
        return;
      (void) tc_member_get_display_name (member);
    }
}

static void
decode_member_profile (JsonObject *object)
{
  g_autoptr(TcMemberProfile) profile = tc_member_profile_new_from_json ("0123456789abcdef01234567",
                                                                       object, NULL);

  if (profile != NULL)
    {
      g_autoptr(TcMemberProfile) copy = tc_member_profile_copy (profile);
      g_autoptr(JsonObject) patch = tc_member_profile_build_patch (profile, copy);

      g_assert (json_object_get_size (patch) == 0);
    }
}

static void
decode_custom_field (JsonNode *root)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      drop_list (tc_custom_field_list_new_from_json (json_node_get_array (root), NULL));
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      drop (tc_custom_field_new_from_json (json_node_get_object (root), NULL));
    }
}

static void
decode_api_key (JsonNode *root)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      drop_list (tc_api_key_list_new_from_json (json_node_get_array (root), NULL));
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr(TcApiKey) key = tc_api_key_new_from_json (object, NULL);

      if (key != NULL)
        tc_api_key_update_from_json (key, object, NULL);
    }
}

static void
decode_webhook (JsonObject *object)
{
  g_autoptr(TcWebhook) webhook = tc_webhook_new_from_json (object, NULL);
  g_autoptr(GListModel) list = NULL;
  guint count = 0;

  if (webhook != NULL)
    tc_webhook_update_from_json (webhook, object, NULL);
  /* The list answer {webhooks: […], workspaceWebhookCount}. */
  list = tc_webhook_list_new_from_json (object, &count, NULL);
}

static void
decode_webhook_log (JsonNode *root)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      drop_list (tc_webhook_log_list_new_from_json (json_node_get_array (root), NULL));
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      drop (tc_webhook_log_new_from_json (json_node_get_object (root), NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  Decoder decoder;

  if (size < 1)
    return 0;
  decoder = data[0] % N_DECODERS;
  bytes = g_bytes_new (data + 1, size - 1);

  if (decoder == DECODE_ERROR_BODY)
    {
      g_autoptr(GError) error = NULL;
      /* Any status of 400 and above, chosen by the second byte. */
      guint status = 400 + (size > 1 ? data[1] % 200 : 0);

      g_assert (!tc_api_error_from_response (status, bytes, &error));
      g_assert (error != NULL && error->domain == TC_API_ERROR && error->message != NULL);
      return 0;
    }

  root = _tc_json_parse (bytes, NULL);
  if (root == NULL)
    return 0;

  switch (decoder)
    {
    case DECODE_USER:
      if (JSON_NODE_HOLDS_OBJECT (root))
        decode_user (json_node_get_object (root));
      break;
    case DECODE_SETTINGS:
      if (JSON_NODE_HOLDS_OBJECT (root))
        decode_settings (json_node_get_object (root));
      break;
    case DECODE_WORKSPACE:
      decode_workspace (root);
      break;
    case DECODE_MEMBER:
      decode_members (root);
      break;
    case DECODE_MEMBER_PROFILE:
      if (JSON_NODE_HOLDS_OBJECT (root))
        decode_member_profile (json_node_get_object (root));
      break;
    case DECODE_CUSTOM_FIELD:
      decode_custom_field (root);
      break;
    case DECODE_API_KEY:
      decode_api_key (root);
      break;
    case DECODE_WEBHOOK:
      if (JSON_NODE_HOLDS_OBJECT (root))
        decode_webhook (json_node_get_object (root));
      break;
    case DECODE_WEBHOOK_LOG:
      decode_webhook_log (root);
      break;
    case DECODE_ERROR_BODY:
    case N_DECODERS:
    default:
      g_assert_not_reached ();
    }
  return 0;
}
