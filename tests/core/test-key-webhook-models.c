/* test-key-webhook-models.c — TcApiKey, TcWebhook, TcWebhookLog decoding
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table-driven: wrong types, missing required members, nulls, unknown
 * members (ignored), and the list answers.
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-api-key.h"
#include "tc-test-util.h"
#include "tc-webhook.h"
#include "tc-webhook-log.h"

typedef struct {
  const char *name;
  const char *json;
  gboolean    valid;
  const char *error_mentions;
} Case;

#define ID "\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\""
#define AT "\"2026-11-22T10:00:00Z\""

static const Case key_cases[] = {
  { "full", "{" ID ",\"name\":\"CI\",\"createdAt\":" AT ",\"lastUsedAt\":" AT ",\"preview\":\"abcd\"}", TRUE, NULL },
  { "never-used", "{" ID ",\"name\":\"CI\",\"createdAt\":" AT ",\"lastUsedAt\":null,\"preview\":\"abcd\"}", TRUE, NULL },
  { "created-with-key", "{" ID ",\"name\":\"CI\",\"createdAt\":" AT ",\"key\":\"0123456789wxyz\"}", TRUE, NULL },
  { "unknown-ignored", "{" ID ",\"name\":\"CI\",\"createdAt\":" AT ",\"scopes\":[1,2],\"x\":{}}", TRUE, NULL },
  { "missing-id", "{\"name\":\"CI\",\"createdAt\":" AT "}", FALSE, "id" },
  { "null-name", "{" ID ",\"name\":null,\"createdAt\":" AT "}", FALSE, "name" },
  { "name-is-number", "{" ID ",\"name\":5,\"createdAt\":" AT "}", FALSE, "name" },
  { "missing-created", "{" ID ",\"name\":\"CI\"}", FALSE, "createdAt" },
  { "created-not-a-time", "{" ID ",\"name\":\"CI\",\"createdAt\":\"yesterday\"}", FALSE, "createdAt" },
  { "last-used-wrong-type", "{" ID ",\"name\":\"CI\",\"createdAt\":" AT ",\"lastUsedAt\":true}", FALSE, "lastUsedAt" },
  { "preview-is-array", "{" ID ",\"name\":\"CI\",\"createdAt\":" AT ",\"preview\":[]}", FALSE, "preview" },
};

#define HOOK ID ",\"workspaceId\":\"w\",\"userId\":\"u\",\"name\":\"Hook\",\"url\":\"https://example.com/h\"," \
             "\"webhookEvent\":\"USER_UPDATED\",\"triggerSourceType\":\"USER_ID\""

static const Case webhook_cases[] = {
  { "full", "{" HOOK ",\"triggerSource\":[\"u\"],\"enabled\":true,\"deliveryEnabled\":false,"
            "\"planEnabled\":true,\"authToken\":\"secret\"}", TRUE, NULL },
  { "minimal", "{" HOOK "}", TRUE, NULL },
  { "nulls-accepted", "{" HOOK ",\"triggerSource\":null,\"authToken\":null,\"userId\":null}", TRUE, NULL },
  { "unknown-ignored", "{" HOOK ",\"createdAt\":" AT ",\"extra\":[{}]}", TRUE, NULL },
  { "missing-url", "{" ID ",\"workspaceId\":\"w\",\"name\":\"Hook\",\"webhookEvent\":\"X\","
                   "\"triggerSourceType\":\"USER_ID\"}", FALSE, "url" },
  { "null-name", "{" ID ",\"workspaceId\":\"w\",\"name\":null,\"url\":\"u\",\"webhookEvent\":\"X\","
                 "\"triggerSourceType\":\"USER_ID\"}", FALSE, "name" },
  { "enabled-is-string", "{" HOOK ",\"enabled\":\"yes\"}", FALSE, "enabled" },
  { "source-not-strings", "{" HOOK ",\"triggerSource\":[1]}", FALSE, "triggerSource" },
  { "source-not-list", "{" HOOK ",\"triggerSource\":\"u\"}", FALSE, "triggerSource" },
  { "token-is-number", "{" HOOK ",\"authToken\":1}", FALSE, "authToken" },
};

#define LOG ID ",\"webhookId\":\"h\",\"eventType\":\"USER_UPDATED\",\"status\":\"FAILED\",\"attempts\":5," \
            "\"createdAt\":" AT

static const Case log_cases[] = {
  { "full", "{" LOG ",\"statusCode\":500,\"responseBody\":\"no\",\"respondedAt\":" AT ",\"test\":true,"
            "\"requestBody\":\"{}\",\"webhookEventStatusId\":\"x\"}", TRUE, NULL },
  { "no-answer", "{" LOG ",\"statusCode\":null,\"responseBody\":null,\"respondedAt\":null}", TRUE, NULL },
  { "missing-status", "{" ID ",\"webhookId\":\"h\",\"eventType\":\"E\",\"attempts\":1,"
                      "\"createdAt\":" AT "}", FALSE, "status" },
  { "attempts-is-string", "{" ID ",\"webhookId\":\"h\",\"eventType\":\"E\",\"status\":\"S\","
                          "\"attempts\":\"1\",\"createdAt\":" AT "}", FALSE, "attempts" },
  { "attempts-negative", "{" ID ",\"webhookId\":\"h\",\"eventType\":\"E\",\"status\":\"S\","
                         "\"attempts\":-1,\"createdAt\":" AT "}", FALSE, "attempts" },
  { "code-is-double", "{" LOG ",\"statusCode\":200.5}", FALSE, "statusCode" },
  { "test-is-number", "{" LOG ",\"test\":1}", FALSE, "test" },
  { "responded-not-a-time", "{" LOG ",\"respondedAt\":\"soon\"}", FALSE, "respondedAt" },
};

static JsonNode *
parse (const char *json)
{
  JsonNode *node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return node;
}

static void
check (const Case *c,
       gpointer    object,
       GError     *error)
{
  g_test_message ("case %s", c->name);
  if (c->valid)
    {
      g_assert_no_error (error);
      g_assert_nonnull (object);
      return;
    }
  g_assert_null (object);
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, c->error_mentions));
}

typedef gpointer (*DecodeFunc) (JsonObject *object, GError **error);

static void
run_table (const Case *cases,
           guint       n_cases,
           DecodeFunc  decode)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) object = decode (json_node_get_object (node), &error);

      check (&cases[i], object, error);
    }
}

static void
test_key_table (void)
{
  run_table (key_cases, G_N_ELEMENTS (key_cases), (DecodeFunc) tc_api_key_new_from_json);
}

static void
test_webhook_table (void)
{
  run_table (webhook_cases, G_N_ELEMENTS (webhook_cases), (DecodeFunc) tc_webhook_new_from_json);
}

static void
test_log_table (void)
{
  run_table (log_cases, G_N_ELEMENTS (log_cases), (DecodeFunc) tc_webhook_log_new_from_json);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_key_values (void)
{
  g_autoptr(JsonNode) created = parse (key_cases[2].json);
  g_autoptr(JsonNode) listed = parse (key_cases[1].json);
  g_autoptr(TcApiKey) key = tc_api_key_new_from_json (json_node_get_object (created), NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpstr (tc_api_key_get_key (key), ==, "0123456789wxyz");
  g_assert_cmpstr (tc_api_key_get_preview (key), ==, "wxyz");
  g_assert_null (tc_api_key_get_last_used_at (key));
  g_assert_cmpint (g_date_time_get_year (tc_api_key_get_created_at (key)), ==, 2026);

  /* A later answer without the key keeps it; only what changed is
   * notified; clearing wipes it. */
  g_signal_connect (key, "notify", G_CALLBACK (count_notify), names);
  g_assert_true (tc_api_key_update_from_json (key, json_node_get_object (listed), NULL));
  g_assert_cmpstr (tc_api_key_get_key (key), ==, "0123456789wxyz");
  g_assert_cmpstr (tc_api_key_get_preview (key), ==, "abcd");
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "preview");
  tc_api_key_clear_key (key);
  g_assert_null (tc_api_key_get_key (key));
  g_assert_cmpuint (names->len, ==, 2);
}

static void
test_webhook_update_notifies_changes (void)
{
  g_autoptr(JsonNode) full = parse (webhook_cases[0].json);
  g_autoptr(JsonNode) minimal = parse (webhook_cases[1].json);
  g_autoptr(TcWebhook) hook = tc_webhook_new_from_json (json_node_get_object (full), NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) broken = parse ("{" HOOK ",\"enabled\":0}");
  g_autoptr(GError) error = NULL;
  TcWebhookFields fields;

  g_assert_cmpstr (tc_webhook_get_auth_token (hook), ==, "secret");
  g_assert_false (tc_webhook_get_delivery_enabled (hook));
  g_assert_cmpstr (tc_webhook_get_trigger_source (hook)[0], ==, "u");

  g_signal_connect (hook, "notify", G_CALLBACK (count_notify), names);
  /* Refused whole: nothing changes, nothing is notified. */
  g_assert_false (tc_webhook_update_from_json (hook, json_node_get_object (broken), &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (names->len, ==, 0);

  g_assert_true (tc_webhook_update_from_json (hook, json_node_get_object (minimal), NULL));
  /* trigger-source → [], delivery-enabled → TRUE, auth-token → NULL. */
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_true (tc_webhook_get_delivery_enabled (hook));
  g_assert_null (tc_webhook_get_auth_token (hook));

  tc_webhook_get_fields (hook, &fields);
  g_assert_cmpstr (fields.name, ==, "Hook");
  g_assert_cmpstr (fields.trigger_source_type, ==, "USER_ID");

  g_ptr_array_set_size (names, 0);
  g_assert_true (tc_webhook_update_from_json (hook, json_node_get_object (minimal), NULL));
  g_assert_cmpuint (names->len, ==, 0);
}

static void
test_webhook_list_answer (void)
{
  const struct {
    const char *json;
    gint        n;        /* -1: invalid */
    guint       count;
    const char *mentions;
  } cases[] = {
    { "{\"webhooks\":[{" HOOK "},{" HOOK "}],\"workspaceWebhookCount\":7}", 2, 7, NULL },
    { "{\"webhooks\":[]}", 0, 0, NULL },
    { "{\"webhooks\":[{" HOOK "}],\"workspaceWebhookCount\":null}", 1, 1, NULL },
    { "{\"workspaceWebhookCount\":1}", -1, 0, "webhooks" },
    { "{\"webhooks\":{}}", -1, 0, "webhooks" },
    { "{\"webhooks\":[1]}", -1, 0, "Webhook 0" },
    { "{\"webhooks\":[{" HOOK "},{\"id\":\"x\"}]}", -1, 0, "Webhook 1" },
    { "{\"webhooks\":[],\"workspaceWebhookCount\":\"2\"}", -1, 0, "workspaceWebhookCount" },
    { "{\"webhooks\":[],\"workspaceWebhookCount\":-2}", -1, 0, "workspaceWebhookCount" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = NULL;
      guint count = 12345;

      g_test_message ("list case %u", i);
      list = tc_webhook_list_new_from_json (json_node_get_object (node), &count, &error);
      if (cases[i].n < 0)
        {
          g_assert_null (list);
          g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
          g_assert_nonnull (strstr (error->message, cases[i].mentions));
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, cases[i].n);
      g_assert_true (g_list_model_get_item_type (list) == TC_TYPE_WEBHOOK);
      g_assert_cmpuint (count, ==, cases[i].count);
    }
}

static void
test_key_and_log_lists (void)
{
  g_autoptr(JsonNode) keys = parse ("[{" ID ",\"name\":\"a\",\"createdAt\":" AT "},"
                                    "{" ID ",\"name\":\"b\",\"createdAt\":" AT "}]");
  g_autoptr(JsonNode) bad_keys = parse ("[{" ID ",\"name\":\"a\",\"createdAt\":" AT "},\"x\"]");
  g_autoptr(JsonNode) logs = parse ("[{" LOG "}]");
  g_autoptr(JsonNode) bad_logs = parse ("[{" LOG ",\"attempts\":null}]");
  g_autoptr(GListModel) key_list = tc_api_key_list_new_from_json (json_node_get_array (keys), NULL);
  g_autoptr(GListModel) log_list = tc_webhook_log_list_new_from_json (json_node_get_array (logs), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TcWebhookLog) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (key_list), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (log_list), ==, 1);
  first = g_list_model_get_item (log_list, 0);
  g_assert_cmpuint (tc_webhook_log_get_attempts (first), ==, 5);
  g_assert_cmpuint (tc_webhook_log_get_status_code (first), ==, 0);
  g_assert_cmpstr (tc_webhook_log_get_status (first), ==, "FAILED");

  g_assert_null (tc_api_key_list_new_from_json (json_node_get_array (bad_keys), &error));
  g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "API key 1"));
  g_clear_error (&error);
  g_assert_null (tc_webhook_log_list_new_from_json (json_node_get_array (bad_logs), &error));
  g_assert_nonnull (strstr (error->message, "Delivery 0"));
}

static void
test_webhook_fields_validate (void)
{
  const char * const one_user[] = { "aaaaaaaaaaaaaaaaaaaaaaaa", NULL };
  const char * const bad_id[] = { "nope", NULL };
  const struct {
    TcWebhookFields fields;
    const char     *field;   /* NULL: valid */
  } cases[] = {
    { { "Hook", "https://example.com/h", "NEW_PROJECT", NULL, NULL, TRUE }, NULL },
    { { "Hook", "http://127.0.0.1:9/h", "USER_UPDATED", "USER_ID", one_user, TRUE }, NULL },
    { { "H", "https://example.com/h", "NEW_PROJECT", NULL, NULL, TRUE }, "name" },
    { { NULL, "https://example.com/h", "NEW_PROJECT", NULL, NULL, TRUE }, "name" },
    { { "Hook", "http://example.com/h", "NEW_PROJECT", NULL, NULL, TRUE }, "url" },
    { { "Hook", "example.com", "NEW_PROJECT", NULL, NULL, TRUE }, "url" },
    { { "Hook", "https://example.com/h", "NO_SUCH_EVENT", NULL, NULL, TRUE }, "webhookEvent" },
    { { "Hook", "https://example.com/h", "NEW_PROJECT", "PLANET_ID", NULL, TRUE }, "triggerSourceType" },
    { { "Hook", "https://example.com/h", "NEW_PROJECT", "PROJECT_ID", bad_id, TRUE }, "triggerSource" },
    { { "Hook", "https://example.com/h", "USER_UPDATED", NULL, NULL, TRUE }, "triggerSource" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *prefix = NULL;
      gboolean ok = tc_webhook_fields_validate (&cases[i].fields, &error);

      g_test_message ("fields case %u", i);
      if (cases[i].field == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_VALIDATION);
      prefix = g_strconcat (cases[i].field, ":", NULL);
      g_assert_true (g_str_has_prefix (error->message, prefix));
    }
}

int
main (int    argc,
      char **argv)
{
  tc_test_init (&argc, &argv);

  g_test_add_func ("/models/api-key/table", test_key_table);
  g_test_add_func ("/models/api-key/values", test_key_values);
  g_test_add_func ("/models/webhook/table", test_webhook_table);
  g_test_add_func ("/models/webhook/update-notifies-changes", test_webhook_update_notifies_changes);
  g_test_add_func ("/models/webhook/list-answer", test_webhook_list_answer);
  g_test_add_func ("/models/webhook/fields-validate", test_webhook_fields_validate);
  g_test_add_func ("/models/webhook-log/table", test_log_table);
  g_test_add_func ("/models/lists", test_key_and_log_lists);

  return g_test_run ();
}
