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
 * Where json-glib is lenient (comments, single quotes, control
 * characters or unknown escapes in strings, leading zeros, "1.", hex
 * numbers, a second value after the first, a lone surrogate followed by
 * text), this decoder refuses: tests/core/test-member-page-json.c.
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-json-private.h"
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
  const guchar *start;
  const guchar *p;
  const guchar *end;
  const char   *syntax_error;   /* set: the text is not JSON, at p */
  gboolean      too_deep;
  GError       *error;          /* the first decoding error */
  GPtrArray    *members;
  GString      *scratch;        /* a string with escapes, decoded */
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

/* Bytes that stand for themselves in a string: printable ASCII but '"'
 * and '\\'. */
static const guint8 plain[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static gboolean
fail (Decoder    *d,
      const char *message)
{
  d->syntax_error = message;
  return FALSE;
}

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline void
skip_space (Decoder *d)
{
  while (d->p < d->end && (*d->p == ' ' || *d->p == '\n' || *d->p == '\r' || *d->p == '\t'))
    d->p++;
}

/* The length of the UTF-8 sequence at @p (RFC 3629: no overlong forms,
 * no surrogates, nothing past U+10FFFF), or 0. */
static gsize
utf8_length (const guchar *p,
             const guchar *end)
{
  gsize avail = end - p;
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xbf;

#define CONT(b) ((b) >= 0x80 && (b) <= 0xbf)
  if (c >= 0xc2 && c <= 0xdf)
    return avail >= 2 && CONT (p[1]) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef)
    {
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
      return avail >= 3 && p[1] >= lo && p[1] <= hi && CONT (p[2]) ? 3 : 0;
    }
  if (c >= 0xf0 && c <= 0xf4)
    {
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
      return avail >= 4 && p[1] >= lo && p[1] <= hi && CONT (p[2]) && CONT (p[3]) ? 4 : 0;
    }
#undef CONT
  return 0;
}

/* Four hex digits at @p (before @end), or -1. */
static int
read_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the string whose opening quote was just passed; d->p ends after
 * its closing quote. With @decode, *@out is its text (in the page, or in
 * d->scratch when it had escapes; it may hold U+0000), *@out_len its
 * length. */
static gboolean
read_string (Decoder      *d,
             gboolean      decode,
             const char  **out,
             gsize        *out_len)
{
  const guchar *p = d->p;
  const guchar *end = d->end;
  const guchar *run = p;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c;

      while (p < end && plain[*p])
        p++;
      if (p >= end)
        return fail (d, "a string is not closed");
      c = *p;
      if (c == '"')
        break;
      if (c < 0x20)
        {
          d->p = p;
          return fail (d, "a control character in a string");
        }
      if (c >= 0x80)
        {
          gsize n = utf8_length (p, end);

          if (n == 0)
            {
              d->p = p;
              return fail (d, "a string is not UTF-8");
            }
          p += n;
          continue;
        }

      /* An escape. */
      if (decode)
        {
          if (!escaped)
            g_string_truncate (d->scratch, 0);
          escaped = TRUE;
          g_string_append_len (d->scratch, (const char *) run, p - run);
        }
      d->p = p;
      if (++p >= end)
        return fail (d, "a string is not closed");
      switch (*p++)
        {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
          {
            int unit = read_hex4 (p, end);
            gunichar ch;

            if (unit < 0)
              return fail (d, "a \\u escape without four hex digits");
            p += 4;
            ch = unit;
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return fail (d, "a lone low surrogate");
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = end - p >= 6 && p[0] == '\\' && p[1] == 'u' ? read_hex4 (p + 2, end) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  return fail (d, "a lone high surrogate");
                p += 6;
                ch = 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00);
              }
            if (decode)
              g_string_append_unichar (d->scratch, ch);
            run = p;
            continue;
          }
        default:
          return fail (d, "an unknown escape in a string");
        }
      if (decode)
        g_string_append_c (d->scratch, c);
      run = p;
    }

  if (decode && escaped)
    {
      g_string_append_len (d->scratch, (const char *) run, p - run);
      *out = d->scratch->str;
      *out_len = d->scratch->len;
    }
  else if (decode)
    {
      *out = (const char *) d->p;
      *out_len = p - d->p;
    }
  d->p = p + 1;
  return TRUE;
}

/* RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
read_number (Decoder *d)
{
  const guchar *p = d->p;
  const guchar *end = d->end;

  if (*p == '-')
    p++;
  if (p < end && *p == '0')
    p++;
  else if (p < end && *p >= '1' && *p <= '9')
    while (p < end && is_digit (*p))
      p++;
  else
    return fail (d, "a number without digits");
  if (p < end && *p == '.')
    {
      if (++p >= end || !is_digit (*p))
        return fail (d, "a number without digits after its point");
      while (p < end && is_digit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !is_digit (*p))
        return fail (d, "a number without digits in its exponent");
      while (p < end && is_digit (*p))
        p++;
    }
  d->p = p;
  return TRUE;
}

static gboolean
read_literal (Decoder    *d,
              const char *word,
              gsize       len)
{
  if ((gsize) (d->end - d->p) < len || memcmp (d->p, word, len) != 0)
    return fail (d, "an unknown word");
  d->p += len;
  return TRUE;
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
  skip_space (d);
  if (d->p >= d->end)
    return fail (d, "the text ends where a value should be");
  switch (*d->p)
    {
    case '{':
    case '[':
      {
        Kind kind = *d->p == '{' ? KIND_OBJECT : KIND_ARRAY;

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
        d->p++;
        skip_space (d);
        if (d->p < d->end && *d->p == (top->object ? '}' : ']'))
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

        d->p++;
        if (!read_string (d, decode, &text, &len))
          return FALSE;
        take_value (d, slot, KIND_STRING, text, len);
        break;
      }

    case 't':
      if (!read_literal (d, "true", 4))
        return FALSE;
      take_value (d, slot, KIND_SCALAR, NULL, 0);
      break;

    case 'f':
      if (!read_literal (d, "false", 5))
        return FALSE;
      take_value (d, slot, KIND_SCALAR, NULL, 0);
      break;

    case 'n':
      if (!read_literal (d, "null", 4))
        return FALSE;
      take_value (d, slot, KIND_NULL, NULL, 0);
      break;

    default:
      if (*d->p != '-' && !is_digit (*d->p))
        return fail (d, "an unexpected character where a value should be");
      if (!read_number (d))
        return FALSE;
      take_value (d, slot, KIND_SCALAR, NULL, 0);
      break;
    }

after_value:
  skip_space (d);
  if (d->depth == 0)
    return d->p == d->end ? TRUE : fail (d, "more text after the value");
  top = &d->stack[d->depth - 1];
  if (d->p >= d->end)
    return fail (d, "the text ends inside a list or an object");
  if (*d->p == ',')
    {
      d->p++;
      top->index++;
      skip_space (d);
      if (top->object)
        goto key;
      slot = element_slot (d, top->context);
      goto value;
    }
  if (*d->p != (top->object ? '}' : ']'))
    return fail (d, top->object ? "an unexpected character in an object" :
                                  "an unexpected character in a list");

close:
  /* d->p is on the closing bracket of top. */
  d->p++;
  if (top->context == CTX_USER)
    end_user (d, d->depth >= 2 ? d->stack[d->depth - 2].index : 0);
  else if (top->context == CTX_ROLE)
    end_role (d);
  d->depth--;
  goto after_value;

key:
  if (d->p >= d->end || *d->p != '"')
    return fail (d, "an object member without a quoted name");
  d->p++;
  if (top->context == CTX_USER || top->context == CTX_ROLE)
    {
      const char *key = NULL;
      gsize len = 0;

      if (!read_string (d, TRUE, &key, &len))
        return FALSE;
      slot = key_slot (top->context, key, len);
    }
  else
    {
      if (!read_string (d, FALSE, NULL, NULL))
        return FALSE;
      slot = SLOT_NONE;
    }
  skip_space (d);
  if (d->p >= d->end || *d->p != ':')
    return fail (d, "an object member without a colon after its name");
  d->p++;
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

  d.start = d.p = (const guchar *) data;
  d.end = d.start + size;
  d.members = members;
  d.scratch = g_string_new (NULL);
  ok = scan (&d);
  clear_user (&d);
  g_string_free (d.scratch, TRUE);

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
                     d.syntax_error, (gsize) (d.p - d.start));
      return NULL;
    }
  if (d.error != NULL)
    {
      g_propagate_error (error, d.error);
      return NULL;
    }
  return g_steal_pointer (&members);
}
