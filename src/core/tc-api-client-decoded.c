/* tc-api-client-decoded.c — GETs decoded on a worker thread
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A big answer (a page of members) is decoded on a worker thread, from
 * its text, by the caller's decoder: the main loop only queues the request
 * and takes the result. The request itself (retries, the rate limit, error
 * mapping) is tc-api-client.c's.
 */

#include "config.h"

#include "tc-api-client.h"
#include "tc-api-client-private.h"

/* On a worker thread: nothing here touches the client or the message. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TcApiResponse *response = task_data;
  GError *error = NULL;
  gsize size = 0;
  const char *data = response->bytes ? g_bytes_get_data (response->bytes, &size) : NULL;

  /* The decoder reads (and validates) the text itself; the text is kept
   * for the caller. */
  response->decoded = response->decode_bytes (data, size, &error);
  if (response->decoded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The caller keeps this text (a team's pages, until the cache has
   * them), but libsoup's is the buffer of a GMemoryOutputStream: grown
   * by doubling and zero-filled, so up to twice the text resident (a
   * page of 1,250 members is 2.2 MB in a 4 MB block; 100,000 members
   * kept 90 MiB more than their text). A copy of the text alone. */
  if (response->bytes != NULL)
    {
      GBytes *text = g_bytes_new (data, size);

      g_bytes_unref (response->bytes);
      response->bytes = text;
    }
  g_task_return_boolean (task, TRUE);
}

static void
parse_thread_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TcApiResponse *response = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* The response is not the thread task's to free: this callback always
   * runs, and hands it on. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _tc_api_response_free (response);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, response, (GDestroyNotify) _tc_api_response_free);
}

void
_tc_api_client_decode_in_thread (GTask         *task,
                                 TcApiResponse *response)
{
  g_autoptr(GTask) thread_task = g_task_new (NULL, NULL, parse_thread_cb, task);

  g_task_set_source_tag (thread_task, parse_thread);
  g_task_set_task_data (thread_task, response, NULL);
  g_task_run_in_thread (thread_task, parse_thread);
}

/**
 * _tc_api_client_get_decoded_bytes_async:
 * @decode_bytes: called on a worker thread with the answer's text (NULL
 *   and 0 when it had none); returns the decoded value, or NULL and an
 *   error
 *
 * A GET like tc_api_client_request_async(), except that the answer is
 * decoded by @decode_bytes on a worker thread, not on the caller's: a big
 * answer (a page of members) costs the main loop nothing. The decoder
 * reads the JSON text itself (tc-member-page-json.c): json-glib never sees
 * the answer. Retries, the rate limit and error mapping are the same.
 * Finish with _tc_api_client_get_decoded_finish().
 */
void
_tc_api_client_get_decoded_bytes_async (TcApiClient          *self,
                                        const char           *path,
                                        TcApiDecodeBytesFunc  decode_bytes,
                                        GDestroyNotify        decoded_free,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_return_if_fail (TC_IS_API_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (decode_bytes != NULL);

  _tc_api_client_start_request (self, "GET", path, NULL, NULL, decode_bytes, decoded_free,
                                cancellable, callback, user_data);
}

/* Returns what @decode_bytes returned (owned by the caller), and the body
 * as it arrived in @out_bytes (JSON text, valid: the decoder accepted
 * it). */
gpointer
_tc_api_client_get_decoded_finish (TcApiClient   *self,
                                   GAsyncResult  *result,
                                   GBytes       **out_bytes,
                                   gboolean      *out_has_last_page,
                                   gboolean      *out_last_page,
                                   GError       **error)
{
  TcApiResponse *response;
  gpointer decoded;

  g_return_val_if_fail (TC_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_api_client_request_async, NULL);

  response = g_task_propagate_pointer (G_TASK (result), error);
  if (response == NULL)
    return NULL;

  if (out_bytes != NULL)
    *out_bytes = g_steal_pointer (&response->bytes);
  if (out_has_last_page != NULL)
    *out_has_last_page = response->has_last_page;
  if (out_last_page != NULL)
    *out_last_page = response->last_page;
  decoded = g_steal_pointer (&response->decoded);
  _tc_api_response_free (response);
  return decoded;
}
