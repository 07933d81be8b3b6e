/* cc-change.c — the change record: one write to one register, as it travels.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-hlc.h"
#include "cc-uuid.h"

/* json-glib 1.6 parses and writes JSON recursively and crashes on deep
 * nesting, so no text reaches it before its depth is counted. A batch is an
 * array of objects, so a value may use two levels fewer than the batch. */
#define CHANGE_LIST_MAX_DEPTH 32
#define CHANGE_VALUE_MAX_DEPTH (CHANGE_LIST_MAX_DEPTH - 2)

#define CHANGE_ENTITY_MAX 64
#define CHANGE_ROW_ID_MAX 200
#define CHANGE_REG_MAX 400
#define CHANGE_DEVICE_MAX 200

static gboolean
json_bad_text (GError     **error,
               const char  *text,
               const char  *at)
{
  g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
               _("The text is not valid JSON: unexpected character at byte %lu."),
               (gulong) (at - text));
  return FALSE;
}

static gboolean
is_word_end (char c)
{
  return !g_ascii_isalnum (c) && c != '_' && c != '.';
}

/* Reads one JSON number at *p, strictly as RFC 8259 writes it, and checks
 * that it fits: json-glib would wrap a too-large integer silently and write
 * an infinite one as "inf.0". */
static gboolean
json_check_number (const char  *text,
                   const char **p,
                   GError     **error)
{
  const char *start = *p;
  const char *q = start;
  gboolean is_integer = TRUE;
  g_autofree char *token = NULL;

  if (*q == '-')
    q++;
  if (!g_ascii_isdigit (*q))
    return json_bad_text (error, text, q);
  if (*q == '0')
    q++;
  else
    while (g_ascii_isdigit (*q))
      q++;

  if (*q == '.')
    {
      is_integer = FALSE;
      q++;
      if (!g_ascii_isdigit (*q))
        return json_bad_text (error, text, q);
      while (g_ascii_isdigit (*q))
        q++;
    }

  if (*q == 'e' || *q == 'E')
    {
      is_integer = FALSE;
      q++;
      if (*q == '+' || *q == '-')
        q++;
      if (!g_ascii_isdigit (*q))
        return json_bad_text (error, text, q);
      while (g_ascii_isdigit (*q))
        q++;
    }

  if (!is_word_end (*q))
    return json_bad_text (error, text, q);

  token = g_strndup (start, q - start);
  if (is_integer)
    {
      gint64 v;

      if (!g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, &v, NULL))
        {
          g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                               _("The JSON holds a whole number too large to store."));
          return FALSE;
        }
    }
  else if (!isfinite (g_ascii_strtod (token, NULL)))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The JSON holds a number too large to store."));
      return FALSE;
    }

  *p = q;
  return TRUE;
}

static gboolean
json_check_string (const char  *text,
                   const char **p,
                   GError     **error)
{
  const char *q = *p + 1;

  for (;;)
    {
      guchar c = (guchar) *q;

      if (c == '"')
        break;
      if (c == '\0')
        {
          g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                               _("The text is not valid JSON: a string is not closed."));
          return FALSE;
        }
      if (c < 0x20)
        return json_bad_text (error, text, q);

      if (c == '\\')
        {
          q++;
          if (*q == 'u')
            {
              guint unit = 0;

              for (guint i = 1; i <= 4; i++)
                {
                  if (!g_ascii_isxdigit (q[i]))
                    return json_bad_text (error, text, q + i);
                  unit = unit * 16 + g_ascii_xdigit_value (q[i]);
                }
              q += 4;
              /* A surrogate must come as a high and low pair: json-glib
               * leaks memory on a lone one. */
              if (unit >= 0xdc00 && unit <= 0xdfff)
                return json_bad_text (error, text, q - 5);
              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  guint low = 0;

                  if (q[1] != '\\' || q[2] != 'u')
                    return json_bad_text (error, text, q - 5);
                  for (guint i = 3; i <= 6; i++)
                    {
                      if (!g_ascii_isxdigit (q[i]))
                        return json_bad_text (error, text, q + i);
                      low = low * 16 + g_ascii_xdigit_value (q[i]);
                    }
                  if (low < 0xdc00 || low > 0xdfff)
                    return json_bad_text (error, text, q + 1);
                  q += 6;
                }
            }
          else if (*q == '\0' || strchr ("\"\\/bfnrt", *q) == NULL)
            return json_bad_text (error, text, q);
        }
      q++;
    }

  *p = q + 1;
  return TRUE;
}

/* Checks the tokens of strict JSON and the nesting depth without recursion,
 * so json-glib only ever sees text it handles safely. Grammar is left to
 * json-glib. */
static gboolean
json_check_text (const char  *text,
                 guint        max_depth,
                 GError     **error)
{
  const char *p = text;
  guint depth = 0;
  gboolean seen_value = FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The text is not valid UTF-8."));
      return FALSE;
    }

  while (*p != '\0')
    {
      /* json-glib 1.6 reads "[] []" as one array and drops the rest. */
      if (depth == 0 && strchr (" \t\n\r", *p) == NULL)
        {
          if (seen_value)
            return json_bad_text (error, text, p);
          if (*p != ']' && *p != '}' && *p != ',' && *p != ':')
            seen_value = TRUE;
        }

      switch (*p)
        {
        case ' ': case '\t': case '\n': case '\r':
        case ',': case ':':
          p++;
          break;

        case '[': case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The JSON is nested more than %u levels deep."),
                           max_depth);
              return FALSE;
            }
          p++;
          break;

        case ']': case '}':
          /* An unbalanced bracket is json-glib's to report. */
          if (depth > 0)
            depth--;
          p++;
          break;

        case '"':
          if (!json_check_string (text, &p, error))
            return FALSE;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!json_check_number (text, &p, error))
            return FALSE;
          break;

        default:
          {
            static const char * const words[] = { "true", "false", "null" };
            gboolean found = FALSE;

            for (guint i = 0; i < G_N_ELEMENTS (words) && !found; i++)
              {
                gsize len = strlen (words[i]);

                if (strncmp (p, words[i], len) == 0 && is_word_end (p[len]))
                  {
                    p += len;
                    found = TRUE;
                  }
              }

            if (!found)
              return json_bad_text (error, text, p);
          }
          break;
        }
    }

  return TRUE;
}

/* Parses checked JSON text into one value. */
static JsonNode *
json_parse_checked (const char  *text,
                    guint        max_depth,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_check_text (text, max_depth, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      /* json-glib quotes the text, which may not be UTF-8 itself. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The text is not valid JSON: %s"), reason);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The text is empty where JSON was expected."));
      return NULL;
    }

  return root;
}

/* Depth of a node built in memory, counted only up to max_depth + 1, so the
 * recursion is bounded whatever the node holds. */
static gboolean
json_node_depth_ok (JsonNode *node,
                    guint     max_depth)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (max_depth == 0)
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!json_node_depth_ok (json_array_get_element (array, i), max_depth - 1))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      if (max_depth == 0)
        return FALSE;
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        if (!json_node_depth_ok (member, max_depth - 1))
          return FALSE;
    }

  return TRUE;
}

/* Whether a (depth-checked) node holds a floating-point number anywhere. */
static gboolean
json_node_has_double (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_DOUBLE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        if (json_node_has_double (json_array_get_element (array, i)))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        if (json_node_has_double (member))
          return TRUE;
    }
  return FALSE;
}

/* A value must survive the wire: json-glib 1.6 writes some doubles (1e20
 * becomes "1e+20.0") as text it cannot read back. */
static JsonNode *
value_parse (const char  *text,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  root = json_parse_checked (text, CHANGE_VALUE_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;
  /* Only doubles can be written as text json-glib cannot read back. */
  if (!json_node_has_double (root))
    return g_steal_pointer (&root);

  written = json_to_string (root, FALSE);
  again = json_parse_checked (written, CHANGE_VALUE_MAX_DEPTH, NULL);
  if (again != NULL)
    rewritten = json_to_string (again, FALSE);

  if (rewritten == NULL || strcmp (written, rewritten) != 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The JSON holds a number that cannot be sent exactly; write it as a whole number or with fewer digits."));
      return NULL;
    }

  return g_steal_pointer (&root);
}

/**
 * cc_change_new:
 *
 * Returns: (transfer full): an empty change; fill every field before use
 */
CcChange *
cc_change_new (void)
{
  return g_new0 (CcChange, 1);
}

/**
 * cc_change_copy:
 * @change: a change
 *
 * Returns: (transfer full): a deep copy of @change
 */
CcChange *
cc_change_copy (const CcChange *change)
{
  CcChange *copy;

  g_return_val_if_fail (change != NULL, NULL);

  copy = cc_change_new ();
  copy->change_id = g_strdup (change->change_id);
  copy->entity = g_strdup (change->entity);
  copy->row_id = g_strdup (change->row_id);
  copy->reg = g_strdup (change->reg);
  copy->value = g_strdup (change->value);
  copy->hlc = g_strdup (change->hlc);
  copy->base_hlc = g_strdup (change->base_hlc);
  copy->device = g_strdup (change->device);

  return copy;
}

void
cc_change_free (CcChange *change)
{
  if (change == NULL)
    return;

  g_free (change->change_id);
  g_free (change->entity);
  g_free (change->row_id);
  g_free (change->reg);
  g_free (change->value);
  g_free (change->hlc);
  g_free (change->base_hlc);
  g_free (change->device);
  g_free (change);
}

static gboolean
text_is_valid (const char *text,
               gsize       max_bytes)
{
  gsize len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  return len > 0 && len <= max_bytes && g_utf8_validate (text, len, NULL);
}

static gboolean
entity_is_valid (const char *entity)
{
  gsize len;

  if (entity == NULL)
    return FALSE;

  len = strlen (entity);
  if (len == 0 || len > CHANGE_ENTITY_MAX)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!(entity[i] >= 'a' && entity[i] <= 'z') && entity[i] != '_')
      return FALSE;

  return TRUE;
}

/**
 * cc_change_validate:
 * @change: a change
 * @error: return location for a #GError
 *
 * Checks every field of @change; a change that passes can be stored and
 * sent.
 *
 * Returns: %TRUE if @change is well formed, %FALSE with
 *   %CC_ERROR_INVALID_INPUT otherwise
 */
gboolean
cc_change_validate (const CcChange  *change,
                    GError         **error)
{
  g_autoptr(JsonNode) value = NULL;
  CcHlcStamp stamp;

  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cc_uuid_is_valid (change->change_id))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The change’s id is not a valid UUID."));
      return FALSE;
    }

  if (!entity_is_valid (change->entity))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The change’s entity must be 1 to %d lowercase letters or underscores."),
                   CHANGE_ENTITY_MAX);
      return FALSE;
    }

  if (!text_is_valid (change->row_id, CHANGE_ROW_ID_MAX))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The change’s row id must be 1 to %d bytes of UTF-8 text."),
                   CHANGE_ROW_ID_MAX);
      return FALSE;
    }

  if (!text_is_valid (change->reg, CHANGE_REG_MAX))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The change’s register name must be 1 to %d bytes of UTF-8 text."),
                   CHANGE_REG_MAX);
      return FALSE;
    }

  if (change->value == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The change has no value."));
      return FALSE;
    }
  value = value_parse (change->value, error);
  if (value == NULL)
    {
      g_prefix_error (error, _("The change’s value is refused: "));
      return FALSE;
    }

  if (change->hlc == NULL)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The change has no clock stamp."));
      return FALSE;
    }
  if (!cc_hlc_stamp_parse (change->hlc, &stamp, error))
    return FALSE;

  if (change->base_hlc != NULL
      && !cc_hlc_stamp_parse (change->base_hlc, &stamp, error))
    {
      g_prefix_error (error, _("The stamp of the value it replaced is refused: "));
      return FALSE;
    }

  if (!text_is_valid (change->device, CHANGE_DEVICE_MAX))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The change’s device id must be 1 to %d bytes of UTF-8 text."),
                   CHANGE_DEVICE_MAX);
      return FALSE;
    }

  return TRUE;
}

/**
 * cc_change_to_json:
 * @change: a valid change
 *
 * Returns: (transfer full): a JSON object with members "id", "entity",
 *   "row", "reg", "value" (the value itself, not a string), "hlc", "base"
 *   (null when none) and "device"
 */
JsonNode *
cc_change_to_json (const CcChange *change)
{
  g_autoptr(JsonNode) value = NULL;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (change != NULL, NULL);
  g_return_val_if_fail (cc_change_validate (change, NULL), NULL);

  value = value_parse (change->value, NULL);
  g_assert (value != NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", change->change_id);
  json_object_set_string_member (object, "entity", change->entity);
  json_object_set_string_member (object, "row", change->row_id);
  json_object_set_string_member (object, "reg", change->reg);
  json_object_set_member (object, "value", g_steal_pointer (&value));
  json_object_set_string_member (object, "hlc", change->hlc);
  if (change->base_hlc != NULL)
    json_object_set_string_member (object, "base", change->base_hlc);
  else
    json_object_set_null_member (object, "base");
  json_object_set_string_member (object, "device", change->device);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static gboolean
take_string_member (JsonObject  *object,
                    const char  *name,
                    gboolean     nullable,
                    char       **out,
                    GError     **error)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The change has no member “%s”."), name);
      return FALSE;
    }

  if (nullable && JSON_NODE_HOLDS_NULL (member))
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      if (nullable)
        g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                     _("The change’s member “%s” must be a string or null."), name);
      else
        g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                     _("The change’s member “%s” must be a string."), name);
      return FALSE;
    }

  *out = json_node_dup_string (member);
  return TRUE;
}

/**
 * cc_change_from_json:
 * @node: a JSON object as cc_change_to_json() makes it
 * @error: return location for a #GError
 *
 * Reads and validates a change. Members of the wrong type are refused,
 * never converted.
 *
 * Returns: (transfer full) (nullable): the change, or %NULL with
 *   %CC_ERROR_INVALID_INPUT
 */
CcChange *
cc_change_from_json (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(CcChange) change = NULL;
  JsonObject *object;
  JsonNode *value;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A change must be a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);
  change = cc_change_new ();

  if (!take_string_member (object, "id", FALSE, &change->change_id, error)
      || !take_string_member (object, "entity", FALSE, &change->entity, error)
      || !take_string_member (object, "row", FALSE, &change->row_id, error)
      || !take_string_member (object, "reg", FALSE, &change->reg, error)
      || !take_string_member (object, "hlc", FALSE, &change->hlc, error)
      || !take_string_member (object, "base", TRUE, &change->base_hlc, error)
      || !take_string_member (object, "device", FALSE, &change->device, error))
    return NULL;

  value = json_object_get_member (object, "value");
  if (value == NULL)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The change has no member “%s”."), "value");
      return NULL;
    }
  /* A node built in memory may be nested deeper than any parsed text. */
  if (!json_node_depth_ok (value, CHANGE_VALUE_MAX_DEPTH))
    {
      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The JSON is nested more than %u levels deep."),
                   (guint) CHANGE_VALUE_MAX_DEPTH);
      g_prefix_error (error, _("The change’s value is refused: "));
      return NULL;
    }
  change->value = json_to_string (value, FALSE);

  if (!cc_change_validate (change, error))
    return NULL;

  return g_steal_pointer (&change);
}

/**
 * cc_change_list_to_json:
 * @changes: (element-type CcChange): valid changes
 *
 * Returns: (transfer full): the changes as the text of a JSON array
 */
char *
cc_change_list_to_json (GPtrArray *changes)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (changes != NULL, NULL);

  array = json_array_sized_new (changes->len);
  for (guint i = 0; i < changes->len; i++)
    {
      JsonNode *node = cc_change_to_json (g_ptr_array_index (changes, i));

      /* cc_change_to_json() has already said why. */
      if (node == NULL)
        return NULL;
      json_array_add_element (array, node);
    }

  root = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (root, array);
  return json_to_string (root, FALSE);
}

/**
 * cc_change_list_from_json:
 * @text: the text of a JSON array of changes
 * @error: return location for a #GError
 *
 * Reads a batch; one bad change refuses the whole batch.
 *
 * Returns: (transfer full) (element-type CcChange) (nullable): the changes,
 *   or %NULL with %CC_ERROR_INVALID_INPUT
 */
GPtrArray *
cc_change_list_from_json (const char  *text,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = json_parse_checked (text, CHANGE_LIST_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("A batch of changes must be a JSON array."));
      return NULL;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  changes = g_ptr_array_new_full (n, (GDestroyNotify) cc_change_free);

  for (guint i = 0; i < n; i++)
    {
      CcChange *change = cc_change_from_json (json_array_get_element (array, i), error);

      if (change == NULL)
        {
          g_prefix_error (error, _("Change %u of %u: "), i + 1, n);
          return NULL;
        }
      g_ptr_array_add (changes, change);
    }

  return g_steal_pointer (&changes);
}

char *
cc_change_dup_blob_ref (const CcChange *change)
{
  g_autoptr(JsonNode) value = NULL;
  const char *text;

  g_return_val_if_fail (change != NULL, NULL);

  if (change->reg == NULL || change->value == NULL ||
      !(g_str_equal (change->reg, "sha256") || g_str_has_suffix (change->reg, "_sha256")))
    return NULL;

  value = json_parse_checked (change->value, 1, NULL);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (value);
  if (strlen (text) != 64)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return NULL;
  return g_strdup (text);
}

JsonNode *
cc_json_parse (const char  *text,
               guint        max_depth,
               GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return json_parse_checked (text, max_depth, error);
}
