/* tc-api-client.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tc-api-client.h"
#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-wire.h"

#define REQUEST_TIMEOUT_SECONDS 30

struct _TcApiClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *api_key;
};

G_DEFINE_FINAL_TYPE (TcApiClient, tc_api_client, G_TYPE_OBJECT)

static void
tc_api_client_finalize (GObject *object)
{
  TcApiClient *self = (TcApiClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);

  G_OBJECT_CLASS (tc_api_client_parent_class)->finalize (object);
}

static void
tc_api_client_class_init (TcApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tc_api_client_finalize;
}

static void
tc_api_client_init (TcApiClient *self)
{
  self->session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_SECONDS,
                                                 "user-agent", "Timecard/" PACKAGE_VERSION " ",
                                                 NULL);
}

TcApiClient *
tc_api_client_new (const char  *base_url,
                   GError     **error)
{
  g_autoptr(TcApiClient) self = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "“%s” is not a server address", base_url);
      return NULL;
    }

  if (!tc_wire_validate_server_url (base_url))
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INSECURE,
                   "“%s” does not use HTTPS", base_url);
      return NULL;
    }

  self = g_object_new (TC_TYPE_API_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  return g_steal_pointer (&self);
}

const char *
tc_api_client_get_base_url (TcApiClient *self)
{
  g_return_val_if_fail (TC_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

void
tc_api_client_set_api_key (TcApiClient *self,
                           const char  *api_key)
{
  g_return_if_fail (TC_IS_API_CLIENT (self));

  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
}

gboolean
tc_api_client_has_api_key (TcApiClient *self)
{
  g_return_val_if_fail (TC_IS_API_CLIENT (self), FALSE);

  return self->api_key != NULL && self->api_key[0] != '\0';
}

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *transport_error = NULL;
  GError *error = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &transport_error);
  if (bytes == NULL)
    {
      tc_api_error_take_transport (&error, transport_error);
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (message);
  if (!tc_api_error_from_response (status, bytes, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) > 0)
    {
      root = _tc_json_parse (bytes, &error);
      if (root == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

void
tc_api_client_request_async (TcApiClient         *self,
                             const char          *method,
                             const char          *path,
                             JsonNode            *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;

  g_return_if_fail (TC_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_api_client_request_async);

  url = g_strconcat (self->base_url, path, NULL);
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                               "“%s” is not a valid request address", url);
      return;
    }

  /* A redirect could turn HTTPS into HTTP or carry the key elsewhere. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    soup_message_headers_replace (headers, "X-Api-Key", self->api_key);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = _tc_json_to_bytes (body);

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    cancellable, send_and_read_cb,
                                    g_steal_pointer (&task));
}

gboolean
tc_api_client_request_finish (TcApiClient   *self,
                              GAsyncResult  *result,
                              JsonNode     **out_body,
                              GError       **error)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TC_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_api_client_request_async, FALSE);

  body = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_body != NULL)
    *out_body = g_steal_pointer (&body);
  return TRUE;
}

void
tc_api_client_upload_async (TcApiClient         *self,
                            const char          *path,
                            const char          *field_name,
                            const char          *filename,
                            const char          *content_type,
                            GBytes              *data,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  SoupMultipart *multipart;
  SoupMessageHeaders *headers;

  g_return_if_fail (TC_IS_API_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (field_name != NULL && data != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_api_client_request_async);

  url = g_strconcat (self->base_url, path, NULL);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, field_name, filename, content_type, data);
  message = soup_message_new_from_multipart (url, multipart);
  soup_multipart_free (multipart);
  if (message == NULL)
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                               "“%s” is not a valid request address", url);
      return;
    }

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    soup_message_headers_replace (headers, "X-Api-Key", self->api_key);

  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    cancellable, send_and_read_cb,
                                    g_steal_pointer (&task));
}
