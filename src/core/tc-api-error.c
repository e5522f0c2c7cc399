/* tc-api-error.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-wire.h"

G_DEFINE_QUARK (tc-api-error-quark, tc_api_error)

static TcApiError
code_for_status (guint status,
                 gint64 clockify_code)
{
  if (status == 401)
    return TC_API_ERROR_UNAUTHORIZED;
  if (status == 403)
    return TC_API_ERROR_FORBIDDEN;
  /* A route the server does not know, or a method it does not allow: the
   * server lacks this (an extension Clockify does not have). */
  if ((status == 404 || status == 405) && clockify_code == TC_WIRE_CODE_NOT_FOUND)
    return TC_API_ERROR_UNSUPPORTED;
  if (status == 405)
    return TC_API_ERROR_UNSUPPORTED;
  if (status == 404)
    return TC_API_ERROR_NOT_FOUND;
  if (status == 400 || status == 422 || status == 409)
    return TC_API_ERROR_VALIDATION;
  if (status == 413)
    return TC_API_ERROR_TOO_LARGE;
  if (status == 429)
    return TC_API_ERROR_RATE_LIMITED;
  if (status >= 500)
    return TC_API_ERROR_SERVER;

  return TC_API_ERROR_INVALID_RESPONSE;
}

gboolean
tc_api_error_from_response (guint    status,
                            GBytes  *body,
                            GError **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *message = NULL;
  gint64 code = 0;

  if (status >= 200 && status < 300)
    return TRUE;

  /* The body is the server's word on what went wrong; a body that is not
   * the documented shape still leaves the status to go by. */
  object = _tc_json_parse_object (body, NULL);
  if (object != NULL)
    {
      _tc_json_get_string (object, "message", TC_JSON_LENIENT, &message, NULL);
      _tc_json_get_int (object, "code", TC_JSON_LENIENT, &code, NULL);
    }

  if (message == NULL || message[0] == '\0')
    {
      g_clear_pointer (&message, g_free);
      message = g_strdup_printf ("HTTP status %u", status);
    }

  g_set_error_literal (error, TC_API_ERROR, code_for_status (status, code), message);
  return FALSE;
}

void
tc_api_error_take_transport (GError **error,
                             GError  *transport_error)
{
  g_return_if_fail (transport_error != NULL);

  if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, transport_error);
      return;
    }

  if (transport_error->domain == G_TLS_ERROR)
    g_set_error (error, TC_API_ERROR, TC_API_ERROR_INSECURE,
                 "The server’s certificate is not valid: %s", transport_error->message);
  else
    g_set_error (error, TC_API_ERROR, TC_API_ERROR_NETWORK,
                 "The server could not be reached: %s", transport_error->message);

  g_error_free (transport_error);
}
