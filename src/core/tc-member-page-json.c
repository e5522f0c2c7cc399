/* tc-member-page-json.c — a page of members straight from its JSON text
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member in a users page is about 1.75 KB of JSON (settings,
 * memberships, custom fields…) of which a TcMember keeps six values;
 * json-glib builds a tree of all of it, at about 110 µs a member. This
 * scanner reads the page once, with an explicit stack instead of
 * recursion, validates everything (RFC 8259: UTF-8, escapes, surrogate
 * pairs, numbers, no trailing commas or garbage; nesting bounded by
 * TC_WIRE_JSON_MAX_DEPTH like _tc_json_parse()), and copies only id,
 * email, name, profilePicture, status and roles[].role.
 *
 * It gives what the json-glib path (_tc_json_parse(), then
 * tc_member_new_from_json() on each element) gives for the same text:
 *  - a member that appears twice in an object: the last one counts, as
 *    json_object_set_member() does when json-glib parses;
 *  - a string read as a C string: it ends at its first U+0000, as
 *    json-glib's do;
 *  - the same checks in the same order and the same messages, since the
 *    checks are shared (_tc_json_check_found(), _tc_member_new_take());
 *  - a JSON syntax error before any decoding error, whatever comes first
 *    in the text, as a parse of the whole answer does.
 * The tokens (strings, numbers, literals) are read by tc-json-scan.c.
 * Where json-glib is lenient (comments, single quotes, control
 * characters or unknown escapes in strings, leading zeros, "1.", hex
 * numbers, a second value after the first, a lone surrogate followed by
 * text), this decoder refuses: tests/core/test-member-page-json.c.
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-json-scan-private.h"
#include "tc-member-page-json-private.h"
#include "tc-member-private.h"
#include "tc-wire.h"

typedef enum {
  CTX_SKIP,     /* nothing in it is decoded */
  CTX_ROOT,     /* the page: its elements are users */
  CTX_USER,
  CTX_ROLES,    /* a user's "roles" list */
  CTX_ROLE,     /* one element of it */
} Context;

/* What the value being read is, for the decoding. */
typedef enum {
  SLOT_NONE,
  SLOT_ROOT,
  SLOT_USER,
  SLOT_FIELD,   /* + the field's index */
  SLOT_ROLES = SLOT_FIELD + 5,
  SLOT_ROLES_ELEMENT,
  SLOT_ROLE,
} Slot;

typedef enum {
  KIND_STRING,
  KIND_SCALAR,  /* a number, true or false */
  KIND_NULL,
  KIND_OBJECT,
  KIND_ARRAY,
} Kind;

/* A user's string members, in the order tc_member_new_from_json() reads them. */
enum { FIELD_ID, FIELD_EMAIL, FIELD_NAME, FIELD_PICTURE, FIELD_STATUS, N_FIELDS };

static const char * const field_names[N_FIELDS] = {
  "id", "email", "name", "profilePicture", "status",
};
static const TcJsonFlags field_flags[N_FIELDS] = {
  TC_JSON_REQUIRED, TC_JSON_REQUIRED, TC_JSON_LENIENT, TC_JSON_LENIENT, TC_JSON_REQUIRED,
};

typedef struct
{
  guint8 object;    /* an object, or an array */
  guint8 context;   /* Context */
  guint  index;     /* of the element or member being read */
} Frame;

typedef struct
{
  TcJsonFound  found;
  char        *value;   /* when found a string */
} Field;

typedef struct
{
  TcJsonScan    scan;           /* where the text is read */
  gboolean      too_deep;
  GError       *error;          /* the first decoding error */
  GPtrArray    *members;
  guint         depth;
  Frame         stack[TC_WIRE_JSON_MAX_DEPTH];

  /* The user being read. */
  Field         fields[N_FIELDS];
  TcJsonFound   roles_found;
  TcMemberRole  role;           /* the highest in "roles" so far */
  GError       *roles_error;    /* the first bad element of "roles" */

  /* The element of "roles" being read. */
  TcJsonFound   role_found;
  TcMemberRole  element_role;
} Decoder;

static gboolean
fail (Decoder    *d,
      const char *message)
{
  return _tc_json_scan_fail (&d->scan, message);
}

static TcJsonFound
found_string (Kind kind)
{
  switch (kind)
    {
    case KIND_STRING: return TC_JSON_FOUND_EXPECTED;
    case KIND_NULL: return TC_JSON_FOUND_NULL;
    case KIND_SCALAR:
    case KIND_OBJECT:
    case KIND_ARRAY:
    default:
      return TC_JSON_FOUND_OTHER;
    }
}

static void
clear_user (Decoder *d)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_clear_pointer (&d->fields[i].value, g_free);
      d->fields[i].found = TC_JSON_FOUND_ABSENT;
    }
  d->roles_found = TC_JSON_FOUND_ABSENT;
  d->role = TC_MEMBER_ROLE_MEMBER;
  g_clear_error (&d->roles_error);
}

/* A value of @kind was found for @slot (@text, @len: a string's). */
static void
take_value (Decoder    *d,
            Slot        slot,
            Kind        kind,
            const char *text,
            gsize       len)
{
  switch (slot)
    {
    case SLOT_ROOT:
      if (kind != KIND_ARRAY)
        g_set_error_literal (&d->error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                             "The workspace's users are not a list");
      break;

    case SLOT_USER:
      if (kind == KIND_OBJECT)
        clear_user (d);
      else
        g_set_error (&d->error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                     "user %u is not an object", d->stack[d->depth - 1].index);
      break;

    case SLOT_ROLES:
      /* A second "roles" replaces the first. */
      d->roles_found = kind == KIND_ARRAY ? TC_JSON_FOUND_EXPECTED :
                       kind == KIND_NULL ? TC_JSON_FOUND_NULL : TC_JSON_FOUND_OTHER;
      d->role = TC_MEMBER_ROLE_MEMBER;
      g_clear_error (&d->roles_error);
      break;

    case SLOT_ROLES_ELEMENT:
      if (kind == KIND_OBJECT)
        {
          d->role_found = TC_JSON_FOUND_ABSENT;
          d->element_role = TC_MEMBER_ROLE_MEMBER;
        }
      else if (d->roles_error == NULL)
        g_set_error (&d->roles_error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                     "roles: element %u is not an object", d->stack[d->depth - 1].index);
      break;

    case SLOT_ROLE:
      d->role_found = found_string (kind);
      if (kind == KIND_STRING)
        {
          g_autofree char *wire = g_strndup (text, len);

          d->element_role = tc_member_role_from_wire (wire);
        }
      break;

    case SLOT_NONE:
      break;

    default:
      {
        Field *field = &d->fields[slot - SLOT_FIELD];

        g_assert (slot >= SLOT_FIELD && slot < SLOT_FIELD + N_FIELDS);
        g_clear_pointer (&field->value, g_free);
        field->found = found_string (kind);
        /* A C string, as json-glib's: it ends at a U+0000. */
        if (kind == KIND_STRING)
          field->value = g_strndup (text, len);
      }
      break;
    }
}

/* The end of an element of "roles". */
static void
end_role (Decoder *d)
{
  if (d->roles_error != NULL)
    return;
  if (!_tc_json_check_found ("role", d->role_found, TC_JSON_REQUIRED, "a string",
                             &d->roles_error))
    {
      g_prefix_error (&d->roles_error, "roles: ");
      return;
    }
  d->role = MAX (d->role, d->element_role);
}

/* The end of user @index: in the order tc_member_new_from_json() checks. */
static void
end_user (Decoder *d,
          guint    index)
{
  g_autoptr(GError) error = NULL;
  TcMember *member;

  for (guint i = 0; i < N_FIELDS; i++)
    if (!_tc_json_check_found (field_names[i], d->fields[i].found, field_flags[i], "a string",
                               &error))
      goto failed;
  if (!_tc_json_check_found ("roles", d->roles_found, TC_JSON_LENIENT, "a list", &error))
    goto failed;
  if (d->roles_error != NULL)
    {
      error = g_steal_pointer (&d->roles_error);
      goto failed;
    }
  member = _tc_member_new_take (g_steal_pointer (&d->fields[FIELD_ID].value),
                                g_steal_pointer (&d->fields[FIELD_EMAIL].value),
                                g_steal_pointer (&d->fields[FIELD_NAME].value),
                                g_steal_pointer (&d->fields[FIELD_PICTURE].value),
                                d->fields[FIELD_STATUS].value, d->role, &error);
  if (member == NULL)
    goto failed;
  g_ptr_array_add (d->members, member);
  clear_user (d);
  return;

failed:
  g_prefix_error (&error, "user %u: ", index);
  d->error = g_steal_pointer (&error);
  clear_user (d);
}

/* The slot of a member named @key (@len bytes, maybe with a U+0000, which
 * ends the name as it does in json-glib) of an object in @context. */
static Slot
key_slot (Context     context,
          const char *key,
          gsize       len)
{
  const char *nul = memchr (key, '\0', len);

  if (nul != NULL)
    len = nul - key;
#define IS(name) (len == sizeof (name) - 1 && memcmp (key, name, len) == 0)
  if (context == CTX_ROLE)
    return IS ("role") ? SLOT_ROLE : SLOT_NONE;
  if (IS ("id"))
    return SLOT_FIELD + FIELD_ID;
  if (IS ("email"))
    return SLOT_FIELD + FIELD_EMAIL;
  if (IS ("name"))
    return SLOT_FIELD + FIELD_NAME;
  if (IS ("profilePicture"))
    return SLOT_FIELD + FIELD_PICTURE;
  if (IS ("status"))
    return SLOT_FIELD + FIELD_STATUS;
  if (IS ("roles"))
    return SLOT_ROLES;
#undef IS
  return SLOT_NONE;
}

/* The context of a container of @kind read for @slot. */
static Context
container_context (Decoder *d,
                   Slot     slot,
                   Kind     kind)
{
  if (d->error != NULL)
    return CTX_SKIP;
  if (kind == KIND_ARRAY)
    return slot == SLOT_ROOT ? CTX_ROOT : slot == SLOT_ROLES ? CTX_ROLES : CTX_SKIP;
  return slot == SLOT_USER ? CTX_USER : slot == SLOT_ROLES_ELEMENT ? CTX_ROLE : CTX_SKIP;
}

static Slot
element_slot (Decoder *d,
              Context  context)
{
  if (d->error != NULL)
    return SLOT_NONE;
  return context == CTX_ROOT ? SLOT_USER : context == CTX_ROLES ? SLOT_ROLES_ELEMENT : SLOT_NONE;
}

static gboolean
scan (Decoder *d)
{
  Slot slot = SLOT_ROOT;
  Frame *top = NULL;

value:
  _tc_json_scan_skip_space (&d->scan);
  if (d->scan.p >= d->scan.end)
    return fail (d, "the text ends where a value should be");
  switch (*d->scan.p)
    {
    case '{':
    case '[':
      {
        Kind kind = *d->scan.p == '{' ? KIND_OBJECT : KIND_ARRAY;

        if (d->depth == TC_WIRE_JSON_MAX_DEPTH)
          {
            d->too_deep = TRUE;
            return FALSE;
          }
        take_value (d, slot, kind, NULL, 0);
        top = &d->stack[d->depth++];
        top->object = kind == KIND_OBJECT;
        top->context = container_context (d, slot, kind);
        top->index = 0;
        d->scan.p++;
        _tc_json_scan_skip_space (&d->scan);
        if (d->scan.p < d->scan.end && *d->scan.p == (top->object ? '}' : ']'))
          goto close;
        if (top->object)
          goto key;
        slot = element_slot (d, top->context);
        goto value;
      }

    case '"':
      {
        gboolean decode = slot >= SLOT_FIELD && slot != SLOT_ROLES && slot != SLOT_ROLES_ELEMENT;
        const char *text = NULL;
        gsize len = 0;

        d->scan.p++;
        if (!_tc_json_scan_string (&d->scan, decode, &text, &len))
          return FALSE;
        take_value (d, slot, KIND_STRING, text, len);
        break;
      }

    case 't':
      if (!_tc_json_scan_literal (&d->scan, "true", 4))
        return FALSE;
      take_value (d, slot, KIND_SCALAR, NULL, 0);
      break;

    case 'f':
      if (!_tc_json_scan_literal (&d->scan, "false", 5))
        return FALSE;
      take_value (d, slot, KIND_SCALAR, NULL, 0);
      break;

    case 'n':
      if (!_tc_json_scan_literal (&d->scan, "null", 4))
        return FALSE;
      take_value (d, slot, KIND_NULL, NULL, 0);
      break;

    default:
      if (*d->scan.p != '-' && !_tc_json_scan_is_digit (*d->scan.p))
        return fail (d, "an unexpected character where a value should be");
      if (!_tc_json_scan_number (&d->scan))
        return FALSE;
      take_value (d, slot, KIND_SCALAR, NULL, 0);
      break;
    }

after_value:
  _tc_json_scan_skip_space (&d->scan);
  if (d->depth == 0)
    return d->scan.p == d->scan.end ? TRUE : fail (d, "more text after the value");
  top = &d->stack[d->depth - 1];
  if (d->scan.p >= d->scan.end)
    return fail (d, "the text ends inside a list or an object");
  if (*d->scan.p == ',')
    {
      d->scan.p++;
      top->index++;
      _tc_json_scan_skip_space (&d->scan);
      if (top->object)
        goto key;
      slot = element_slot (d, top->context);
      goto value;
    }
  if (*d->scan.p != (top->object ? '}' : ']'))
    return fail (d, top->object ? "an unexpected character in an object" :
                                  "an unexpected character in a list");

close:
  /* d->scan.p is on the closing bracket of top. */
  d->scan.p++;
  if (top->context == CTX_USER)
    end_user (d, d->depth >= 2 ? d->stack[d->depth - 2].index : 0);
  else if (top->context == CTX_ROLE)
    end_role (d);
  d->depth--;
  goto after_value;

key:
  if (d->scan.p >= d->scan.end || *d->scan.p != '"')
    return fail (d, "an object member without a quoted name");
  d->scan.p++;
  if (top->context == CTX_USER || top->context == CTX_ROLE)
    {
      const char *key = NULL;
      gsize len = 0;

      if (!_tc_json_scan_string (&d->scan, TRUE, &key, &len))
        return FALSE;
      slot = key_slot (top->context, key, len);
    }
  else
    {
      if (!_tc_json_scan_string (&d->scan, FALSE, NULL, NULL))
        return FALSE;
      slot = SLOT_NONE;
    }
  _tc_json_scan_skip_space (&d->scan);
  if (d->scan.p >= d->scan.end || *d->scan.p != ':')
    return fail (d, "an object member without a colon after its name");
  d->scan.p++;
  goto value;
}

GPtrArray *
_tc_member_page_decode (const char  *data,
                        gsize        size,
                        GError     **error)
{
  Decoder d = { 0, };
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  /* An empty answer: what decode_page() said of a NULL body. */
  if (size == 0)
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The workspace's users are not a list");
      return NULL;
    }

  d.scan.start = d.scan.p = (const guchar *) data;
  d.scan.end = d.scan.start + size;
  d.members = members;
  d.scan.scratch = g_string_new (NULL);
  ok = scan (&d);
  clear_user (&d);
  g_string_free (d.scan.scratch, TRUE);

  if (!ok)
    {
      g_clear_error (&d.error);
      if (d.too_deep)
        g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                             "The server sent something Timecard cannot read: "
                             "the answer is nested too deeply");
      else
        g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                     "The answer is not valid JSON: %s at byte %" G_GSIZE_FORMAT,
                     d.scan.syntax_error, (gsize) (d.scan.p - d.scan.start));
      return NULL;
    }
  if (d.error != NULL)
    {
      g_propagate_error (error, d.error);
      return NULL;
    }
  return g_steal_pointer (&members);
}
