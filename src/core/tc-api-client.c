/* tc-api-client.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request is one GTask that may make several attempts: an idempotent
 * request (GET, HEAD, PUT, DELETE) is tried again after a network error or
 * a 5xx, waiting Retry-After when the server sent it and otherwise an
 * exponential back-off with jitter; any other request only when the
 * connection was refused, since then it cannot have reached the server.
 * A 429 means the server did not process the request (it refuses before
 * routing), so any method goes again, first in the queue, once the pause
 * it caused is over.
 *
 * Each attempt first waits its turn in the origin's queue
 * (tc-api-origin.c: one token bucket per server, shared by every client of
 * the process). Paging lives in tc-api-client-list.c, GETs decoded on a
 * worker thread in tc-api-client-decoded.c.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tc-api-client.h"
#include "tc-api-client-private.h"
#include "tc-api-error.h"
#include "tc-api-origin-private.h"
#include "tc-json-private.h"
#include "tc-wire.h"

#define REQUEST_TIMEOUT_SECONDS 30
#define DEFAULT_MAX_ATTEMPTS     4
#define DEFAULT_BASE_DELAY_MS  500
#define DEFAULT_MAX_DELAY_MS 30000

struct _TcApiClient
{
  GObject      parent_instance;

  SoupSession *session;
  TcApiOrigin *origin;      /* shared, lives as long as the process */
  char        *base_url;
  char        *api_key;
  TcRetryPolicy retry;
};

G_DEFINE_FINAL_TYPE (TcApiClient, tc_api_client, G_TYPE_OBJECT)

typedef struct
{
  char     *method;
  char     *url;
  GBytes   *body;
  char     *content_type;
  gboolean  idempotent;
  guint     attempt;
  SoupMessage *message;
  /* Set for _tc_api_client_get_decoded_bytes_async(): the text is
   * decoded on a worker thread (tc-api-client-decoded.c). */
  TcApiDecodeBytesFunc decode_bytes;
  GDestroyNotify  decoded_free;
} Request;

static void send_attempt (GTask *task);
static void queue_attempt (GTask *task,
                           gboolean front);

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->url);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_clear_object (&request->message);
  g_free (request);
}

void
_tc_api_response_free (TcApiResponse *response)
{
  g_clear_pointer (&response->body, json_node_unref);
  g_clear_pointer (&response->bytes, g_bytes_unref);
  if (response->decoded != NULL && response->decoded_free != NULL)
    response->decoded_free (response->decoded);
  g_free (response);
}

static void
wipe_key (TcApiClient *self)
{
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
}

static void
tc_api_client_finalize (GObject *object)
{
  TcApiClient *self = (TcApiClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  wipe_key (self);

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
  self->retry.max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->retry.base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->retry.max_delay_ms = DEFAULT_MAX_DELAY_MS;
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
  self->origin = _tc_api_origin_get (self->base_url);
  g_assert (self->origin != NULL);

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

  wipe_key (self);
  self->api_key = g_strdup (api_key);
}

gboolean
tc_api_client_has_api_key (TcApiClient *self)
{
  g_return_val_if_fail (TC_IS_API_CLIENT (self), FALSE);

  return self->api_key != NULL && self->api_key[0] != '\0';
}

void
tc_api_client_set_retry_policy (TcApiClient *self,
                                guint        max_attempts,
                                guint        base_delay_ms,
                                guint        max_delay_ms)
{
  g_return_if_fail (TC_IS_API_CLIENT (self));

  self->retry.max_attempts = MAX (max_attempts, 1);
  self->retry.base_delay_ms = base_delay_ms;
  self->retry.max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

void
tc_api_client_set_rate_limit (TcApiClient *self,
                              double       per_second,
                              guint        burst)
{
  g_return_if_fail (TC_IS_API_CLIENT (self));

  if (per_second < 0)
    {
      per_second = TC_WIRE_RATE_LIMIT_PER_SECOND;
      burst = TC_WIRE_RATE_LIMIT_BURST / 2;
    }
  _tc_api_origin_set_limit (self->origin, per_second, burst);
}

/* Retry */

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    queue_attempt (g_object_ref (task), FALSE);
  return G_SOURCE_REMOVE;
}

/* Waits @delay_ms, or less when the request is cancelled meanwhile: the
 * timeout has the cancellable's source as a child, so either wakes it. */
static void
wait_then_retry (GTask *task,
                 guint  delay_ms)
{
  g_autoptr(GSource) source = g_timeout_source_new (delay_ms);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancel_source = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancel_source);
      g_source_add_child_source (source, cancel_source);
    }

  g_source_set_callback (source, wait_done_cb, task, g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

/* Sending */

static gboolean
take_answer (SoupMessage    *message,
             GBytes         *bytes,
             TcApiResponse  *response,
             gboolean        parse,
             GError        **error)
{
  const char *last_page;

  if (!tc_api_error_from_response (soup_message_get_status (message), bytes, error))
    return FALSE;

  last_page = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                            "Last-Page");
  response->has_last_page = last_page != NULL;
  response->last_page = last_page != NULL && g_ascii_strcasecmp (last_page, "true") == 0;

  if (g_bytes_get_size (bytes) > 0 && !parse)
    response->bytes = g_bytes_ref (bytes);
  else if (g_bytes_get_size (bytes) > 0)
    {
      response->body = _tc_json_parse (bytes, error);
      if (response->body == NULL)
        return FALSE;
    }

  return TRUE;
}

/* libsoup 3.2 hands back what arrived when the connection closes before
 * Content-Length bytes: that is a lost answer, not an answer. */
static gboolean
answer_cut_short (SoupMessage *message,
                  GBytes      *bytes)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);

  return g_strcmp0 (soup_message_get_method (message), "HEAD") != 0 &&
         soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
         soup_message_headers_get_content_length (headers) > (goffset) g_bytes_get_size (bytes);
}

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcApiClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  TcApiResponse *response;
  GError *transport_error = NULL;
  GError *error = NULL;
  guint delay_ms = 0;
  guint status;
  gboolean retry;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &transport_error);
  if (bytes != NULL && answer_cut_short (request->message, bytes))
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      transport_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                             "The connection closed in the middle of the answer");
    }

  status = bytes ? soup_message_get_status (request->message) : 0;
  retry = _tc_retry_policy_decide (&self->retry, request->attempt, request->idempotent,
                                   request->message, transport_error, status, &delay_ms);
  if (status == 429)
    {
      /* Every request to this server waits, not only this one; paused
       * before the slot is given back, so no other request takes it. */
      g_debug ("%s %s: rate limited, pausing requests to the server for %u ms",
               request->method, request->url, delay_ms);
      _tc_api_origin_pause (self->origin, delay_ms);
    }
  _tc_api_origin_done (self->origin);
  if (retry)
    {
      g_debug ("%s %s: attempt %u failed, trying again in %u ms",
               request->method, request->url, request->attempt, delay_ms);
      g_clear_error (&transport_error);
      if (status == 429)
        queue_attempt (g_steal_pointer (&task), TRUE);
      else
        wait_then_retry (g_steal_pointer (&task), delay_ms);
      return;
    }

  if (bytes == NULL)
    {
      tc_api_error_take_transport (&error, transport_error);
      g_task_return_error (task, error);
      return;
    }

  response = g_new0 (TcApiResponse, 1);
  if (!take_answer (request->message, bytes, response, request->decode_bytes == NULL, &error))
    {
      _tc_api_response_free (response);
      g_task_return_error (task, error);
      return;
    }

  if (request->decode_bytes != NULL)
    {
      response->decode_bytes = request->decode_bytes;
      response->decoded_free = request->decoded_free;
      _tc_api_client_decode_in_thread (g_steal_pointer (&task), response);
      return;
    }

  g_task_return_pointer (task, response, (GDestroyNotify) _tc_api_response_free);
}

/* Takes @task; it is sent once the server's bucket allows it. */
static void
queue_attempt (GTask    *task,
               gboolean  front)
{
  TcApiClient *self = g_task_get_source_object (task);

  _tc_api_origin_enqueue (self->origin, task, front, send_attempt);
}

static void
send_attempt (GTask *task)
{
  TcApiClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      _tc_api_origin_done (self->origin);
      return;
    }

  request->attempt++;
  g_clear_object (&request->message);
  request->message = soup_message_new (request->method, request->url);
  g_assert (request->message != NULL);

  /* A redirect could turn HTTPS into HTTP or carry the key elsewhere. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    soup_message_headers_replace (headers, "X-Api-Key", self->api_key);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, request->content_type,
                                              request->body);

  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_and_read_cb, task);
}

static gboolean
is_idempotent (const char *method)
{
  static const char * const methods[] = { "GET", "HEAD", "PUT", "DELETE", "OPTIONS", NULL };

  return g_strv_contains (methods, method);
}

void
_tc_api_client_start_request (TcApiClient          *self,
                              const char           *method,
                              const char           *path,
                              GBytes               *body,
                              const char           *content_type,
                              TcApiDecodeBytesFunc  decode_bytes,
                              GDestroyNotify        decoded_free,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GUri) uri = NULL;
  Request *request;

  g_task_set_source_tag (task, tc_api_client_request_async);

  request = g_new0 (Request, 1);
  request->method = g_ascii_strup (method, -1);
  request->url = g_strconcat (self->base_url, path, NULL);
  request->body = body ? g_bytes_ref (body) : NULL;
  request->content_type = g_strdup (content_type);
  request->idempotent = is_idempotent (request->method);
  request->decode_bytes = decode_bytes;
  request->decoded_free = decoded_free;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  uri = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                               "“%s” is not a valid request address", request->url);
      return;
    }

  queue_attempt (g_steal_pointer (&task), FALSE);
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
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (TC_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  if (body != NULL)
    bytes = _tc_json_to_bytes (body);

  _tc_api_client_start_request (self, method, path, bytes, "application/json", NULL, NULL,
                                cancellable, callback, user_data);
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
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;
  SoupMultipart *multipart;

  g_return_if_fail (TC_IS_API_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (field_name != NULL && content_type != NULL && data != NULL);

  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, field_name, filename, content_type, data);
  soup_multipart_to_message (multipart, headers, &body);
  soup_multipart_free (multipart);

  _tc_api_client_start_request (self, "POST", path, body,
                                soup_message_headers_get_one (headers, "Content-Type"),
                                NULL, NULL, cancellable, callback, user_data);
}

gboolean
_tc_api_client_request_finish_full (TcApiClient   *self,
                                    GAsyncResult  *result,
                                    JsonNode     **out_body,
                                    gboolean      *out_has_last_page,
                                    gboolean      *out_last_page,
                                    GError       **error)
{
  TcApiResponse *response;

  g_return_val_if_fail (TC_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_api_client_request_async, FALSE);

  response = g_task_propagate_pointer (G_TASK (result), error);
  if (response == NULL)
    return FALSE;

  if (out_body != NULL)
    *out_body = g_steal_pointer (&response->body);
  if (out_has_last_page != NULL)
    *out_has_last_page = response->has_last_page;
  if (out_last_page != NULL)
    *out_last_page = response->last_page;
  _tc_api_response_free (response);
  return TRUE;
}

gboolean
tc_api_client_request_finish (TcApiClient   *self,
                              GAsyncResult  *result,
                              JsonNode     **out_body,
                              GError       **error)
{
  return _tc_api_client_request_finish_full (self, result, out_body, NULL, NULL, error);
}

SoupSession *
_tc_api_client_get_soup_session (TcApiClient *self)
{
  g_return_val_if_fail (TC_IS_API_CLIENT (self), NULL);

  return self->session;
}

static int
port_of (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

gboolean
_tc_api_client_authorize (TcApiClient *self,
                          SoupMessage *message)
{
  g_autoptr(GUri) base = NULL;
  GUri *uri;

  g_return_val_if_fail (TC_IS_API_CLIENT (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (message), FALSE);

  base = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  uri = soup_message_get_uri (message);
  if (self->api_key == NULL || base == NULL || uri == NULL ||
      g_ascii_strcasecmp (g_uri_get_scheme (base), g_uri_get_scheme (uri)) != 0 ||
      g_ascii_strcasecmp (g_uri_get_host (base), g_uri_get_host (uri)) != 0 ||
      port_of (base) != port_of (uri))
    return FALSE;

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "X-Api-Key", self->api_key);
  return TRUE;
}
