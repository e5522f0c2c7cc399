/* fuzz-member-page.c — libFuzzer target: the members' page decoder
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a users page as a server could answer it. It is decoded
 * by _tc_member_page_decode() (tc-member-page-json.c, what TcMemberList
 * uses) and by the json-glib path it replaced
 * (tests/tc-member-page-reference.c): where the decoder gives members,
 * json-glib must give the same ones; where json-glib refuses, so must the
 * decoder; json-glib may accept what RFC 8259 forbids and the decoder
 * refuses, as a syntax error only.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tc-api-error.h"
#include "tc-member.h"
#include "tc-member-page-json-private.h"
#include "tc-member-page-reference.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reference_error = NULL;
  g_autoptr(GPtrArray) members = _tc_member_page_decode ((const char *) data, size, &error);
  g_autoptr(GPtrArray) reference = tc_member_page_reference_decode ((const char *) data, size,
                                                                    &reference_error);

  g_assert ((members == NULL) == (error != NULL));
  g_assert ((reference == NULL) == (reference_error != NULL));
  g_assert (error == NULL || g_error_matches (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE));

  if (members != NULL)
    {
      g_autofree char *difference = NULL;

      if (reference == NULL)
        g_error ("The decoder read %u members where json-glib says: %s", members->len,
                 reference_error->message);
      difference = tc_member_page_compare (members, reference);
      if (difference != NULL)
        g_error ("Decoded differently: %s", difference);
      for (guint i = 0; i < members->len; i++)
        g_assert (g_utf8_validate (tc_member_get_search_key (g_ptr_array_index (members, i)),
                                   -1, NULL));
    }
  else if (reference != NULL)
    {
      /* Only RFC 8259 is stricter than json-glib: valid JSON is decoded alike. */
      if (!g_str_has_prefix (error->message, "The answer is not valid JSON: "))
        g_error ("json-glib decoded %u members where the decoder says: %s", reference->len,
                 error->message);
    }
  else if (!g_str_has_prefix (error->message, "The answer is not valid JSON: ") &&
           !g_str_has_prefix (error->message, "The server sent something") &&
           strcmp (error->message, reference_error->message) != 0)
    {
      /* The decoder read valid JSON and refused a user: json-glib must
       * have read it too, and refused the same user for the same reason. */
      g_error ("Different errors: “%s” / “%s”", error->message, reference_error->message);
    }
  return 0;
}
