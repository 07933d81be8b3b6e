/* test-change.c — change records, their checks and their JSON form.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cc-change.h"
#include "cc-error.h"
#include "cc-hlc.h"
#include "cc-uuid.h"

#define STAMP "001700000000000-0000001f-dev-1"
#define BASE_STAMP "001699999999999-00000000-dev-2"

typedef enum
{
  FIELD_ID,
  FIELD_ENTITY,
  FIELD_ROW,
  FIELD_REG,
  FIELD_VALUE,
  FIELD_HLC,
  FIELD_BASE,
  FIELD_DEVICE,
} Field;

static const char * const member_names[] = {
  "id", "entity", "row", "reg", "value", "hlc", "base", "device",
};

static char **
field_slot (CcChange *change,
            Field     field)
{
  switch (field)
    {
    case FIELD_ID: return &change->change_id;
    case FIELD_ENTITY: return &change->entity;
    case FIELD_ROW: return &change->row_id;
    case FIELD_REG: return &change->reg;
    case FIELD_VALUE: return &change->value;
    case FIELD_HLC: return &change->hlc;
    case FIELD_BASE: return &change->base_hlc;
    case FIELD_DEVICE: return &change->device;
    default: g_assert_not_reached ();
    }
}

static void
set_field (CcChange   *change,
           Field       field,
           const char *text)
{
  char **slot = field_slot (change, field);

  g_free (*slot);
  *slot = g_strdup (text);
}

static CcChange *
make_change (const char *value)
{
  CcChange *change = cc_change_new ();

  change->change_id = cc_uuid_v7_new ();
  change->entity = g_strdup ("product");
  change->row_id = cc_uuid_v7_new ();
  change->reg = g_strdup ("title@hi");
  change->value = g_strdup (value);
  change->hlc = g_strdup (STAMP);
  change->base_hlc = NULL;
  change->device = g_strdup ("dev-1");

  return change;
}

static void
assert_change_equal (const CcChange *a,
                     const CcChange *b)
{
  g_assert_cmpstr (a->change_id, ==, b->change_id);
  g_assert_cmpstr (a->entity, ==, b->entity);
  g_assert_cmpstr (a->row_id, ==, b->row_id);
  g_assert_cmpstr (a->reg, ==, b->reg);
  g_assert_cmpstr (a->value, ==, b->value);
  g_assert_cmpstr (a->hlc, ==, b->hlc);
  g_assert_cmpstr (a->base_hlc, ==, b->base_hlc);
  g_assert_cmpstr (a->device, ==, b->device);
}

static char *
nested_array (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');

  return g_string_free (s, FALSE);
}

static void
test_validate_good (void)
{
  static const char * const values[] = {
    "\"Blue mug\"", "1250", "-7", "true", "false", "null", "-0.5", "{}", "[]",
    "\"😀 हिन्दी\"", "{\"w\":12,\"h\":[1,2.5,\"x\"]}", " [ 1 , 2 ] ",
    "9223372036854775807", "-9223372036854775808", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"",
  };
  g_autofree char *row = g_strnfill (200, 'r');
  g_autofree char *reg = g_strnfill (400, 'g');
  g_autofree char *entity = g_strnfill (64, '_');
  g_autofree char *device = g_strnfill (200, 'd');
  g_autofree char *deep = nested_array (30);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CcChange) change = make_change (values[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (cc_change_validate (change, &error));
      g_assert_no_error (error);

      set_field (change, FIELD_BASE, BASE_STAMP);
      g_assert_true (cc_change_validate (change, &error));
      g_assert_no_error (error);
    }

  {
    g_autoptr(CcChange) change = make_change (deep);
    g_autoptr(GError) error = NULL;

    set_field (change, FIELD_ROW, row);
    set_field (change, FIELD_REG, reg);
    set_field (change, FIELD_ENTITY, entity);
    set_field (change, FIELD_DEVICE, device);
    g_assert_true (cc_change_validate (change, &error));
    g_assert_no_error (error);
  }
}

static void
test_copy (void)
{
  g_autoptr(CcChange) change = make_change ("1250");
  g_autoptr(CcChange) copy = NULL;

  set_field (change, FIELD_BASE, BASE_STAMP);
  copy = cc_change_copy (change);
  assert_change_equal (change, copy);
  g_assert_true (copy->change_id != change->change_id);
  g_assert_true (copy->value != change->value);
  g_assert_true (copy->base_hlc != change->base_hlc);
}

static void
test_json_shape (void)
{
  g_autoptr(CcChange) change = make_change ("{\"w\":12,\"h\":[1,2]}");
  g_autoptr(JsonNode) node = cc_change_to_json (change);
  JsonObject *object;
  JsonNode *value;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (object), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, change->change_id);
  g_assert_cmpstr (json_object_get_string_member (object, "entity"), ==, "product");
  g_assert_cmpstr (json_object_get_string_member (object, "row"), ==, change->row_id);
  g_assert_cmpstr (json_object_get_string_member (object, "reg"), ==, "title@hi");
  g_assert_cmpstr (json_object_get_string_member (object, "hlc"), ==, STAMP);
  g_assert_cmpstr (json_object_get_string_member (object, "device"), ==, "dev-1");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "base")));

  /* The value is embedded as itself, not as a string holding JSON. */
  value = json_object_get_member (object, "value");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (value));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (value), "w"), ==, 12);
}

static void
test_json_round_trip (void)
{
  static const char * const values[] = {
    "\"Blue mug\"", "1250", "true", "null", "-0.5", "[]", "{\"w\":12,\"h\":[1,2]}",
    "\"😀 हिन्दी\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CcChange) change = make_change (values[i]);
      g_autoptr(CcChange) back = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      if (i % 2 == 1)
        set_field (change, FIELD_BASE, BASE_STAMP);

      node = cc_change_to_json (change);
      back = cc_change_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);
      assert_change_equal (change, back);
    }
}

static void
test_to_json_refuses_invalid (void)
{
  g_autoptr(CcChange) change = make_change ("not json");
  JsonNode *node;

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*cc_change_validate*");
  node = cc_change_to_json (change);
  g_test_assert_expected_messages ();
  g_assert_null (node);
}

typedef struct
{
  const char *path;
  Field       field;
  const char *bad;     /* NULL: the field is missing */
  guint       repeat;  /* if set, bad is repeated this many times */
  guint       nest;    /* if set, the value is nested this deep */
} BadCase;

static const BadCase bad_cases[] = {
  { "id-missing", FIELD_ID, NULL },
  { "id-empty", FIELD_ID, "" },
  { "id-not-uuid", FIELD_ID, "not-a-uuid" },
  { "id-short", FIELD_ID, "017f22e2-79b0-7cc3-98c4-dc0c0c07398" },
  { "id-not-hex", FIELD_ID, "017f22e2-79b0-7cc3-98c4-dc0c0c07398g" },
  { "entity-missing", FIELD_ENTITY, NULL },
  { "entity-empty", FIELD_ENTITY, "" },
  { "entity-uppercase", FIELD_ENTITY, "Product" },
  { "entity-dash", FIELD_ENTITY, "pro-duct" },
  { "entity-digit", FIELD_ENTITY, "product1" },
  { "entity-space", FIELD_ENTITY, "pro duct" },
  { "entity-accent", FIELD_ENTITY, "produít" },
  { "entity-too-long", FIELD_ENTITY, "e", 65 },
  { "row-missing", FIELD_ROW, NULL },
  { "row-empty", FIELD_ROW, "" },
  { "row-too-long", FIELD_ROW, "r", 201 },
  { "row-not-utf8", FIELD_ROW, "\xff\xfe" },
  { "reg-missing", FIELD_REG, NULL },
  { "reg-empty", FIELD_REG, "" },
  { "reg-too-long", FIELD_REG, "g", 401 },
  { "reg-not-utf8", FIELD_REG, "title@\xc3" },
  { "value-missing", FIELD_VALUE, NULL },
  { "value-empty", FIELD_VALUE, "" },
  { "value-blank", FIELD_VALUE, "   " },
  { "value-unclosed", FIELD_VALUE, "{" },
  { "value-bare-word", FIELD_VALUE, "Blue mug" },
  { "value-two-values", FIELD_VALUE, "1 2" },
  { "value-single-quotes", FIELD_VALUE, "'a'" },
  { "value-hex", FIELD_VALUE, "0x10" },
  { "value-leading-zero", FIELD_VALUE, "01" },
  { "value-integer-overflow", FIELD_VALUE, "99999999999999999999" },
  { "value-infinite", FIELD_VALUE, "1e400" },
  { "value-minus-infinite", FIELD_VALUE, "[-1e400]" },
  { "value-unwritable-double", FIELD_VALUE, "1e20" },
  { "value-line-comment", FIELD_VALUE, "[1] // c" },
  { "value-block-comment", FIELD_VALUE, "/* c */ 1" },
  { "value-nan", FIELD_VALUE, "NaN" },
  { "value-bad-literal", FIELD_VALUE, "tru" },
  { "value-bad-escape", FIELD_VALUE, "\"a\\x41\"" },
  { "value-short-unicode-escape", FIELD_VALUE, "\"\\u00e\"" },
  { "value-raw-control", FIELD_VALUE, "\"tab\there\"" },
  { "value-not-utf8", FIELD_VALUE, "\"\xff\"" },
  { "value-too-deep", FIELD_VALUE, NULL, 0, 31 },
  { "hlc-missing", FIELD_HLC, NULL },
  { "hlc-empty", FIELD_HLC, "" },
  { "hlc-garbage", FIELD_HLC, "garbage" },
  { "hlc-uppercase-hex", FIELD_HLC, "001700000000000-0000001F-dev-1" },
  { "hlc-no-node", FIELD_HLC, "001700000000000-0000001f-" },
  { "base-empty", FIELD_BASE, "" },
  { "base-garbage", FIELD_BASE, "garbage" },
  { "base-bad-node", FIELD_BASE, "001700000000000-0000001f-dev_1" },
  { "device-missing", FIELD_DEVICE, NULL },
  { "device-empty", FIELD_DEVICE, "" },
  { "device-too-long", FIELD_DEVICE, "d", 201 },
  { "device-not-utf8", FIELD_DEVICE, "\xff" },
};

static char *
bad_case_text (const BadCase *bc)
{
  if (bc->nest > 0)
    return nested_array (bc->nest);

  if (bc->repeat > 0)
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < bc->repeat; i++)
        g_string_append (s, bc->bad);
      return g_string_free (s, FALSE);
    }

  return g_strdup (bc->bad);
}

/* The same change as a batch of one, with the bad field put in on the wire. */
static char *
bad_case_batch (const BadCase *bc,
                const char    *bad)
{
  g_autoptr(CcChange) good = make_change ("\"@@VALUE@@\"");
  g_autoptr(JsonNode) node = cc_change_to_json (good);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autofree char *text = NULL;
  JsonObject *object = json_node_get_object (node);
  const char *member = member_names[bc->field];
  GString *s;
  const char *at;

  if (bad == NULL)
    json_object_remove_member (object, member);
  else if (bc->field != FIELD_VALUE)
    json_object_set_string_member (object, member, bad);

  json_array_add_element (array, g_steal_pointer (&node));
  json_node_set_array (root, array);
  text = json_to_string (root, FALSE);

  if (bad == NULL || bc->field != FIELD_VALUE)
    return g_steal_pointer (&text);

  /* A value travels as raw JSON: splice the bad text in as it is. */
  at = strstr (text, "\"@@VALUE@@\"");
  g_assert_nonnull (at);
  s = g_string_new_len (text, at - text);
  g_string_append (s, bad);
  g_string_append (s, at + strlen ("\"@@VALUE@@\""));
  return g_string_free (s, FALSE);
}

static void
test_bad_field (gconstpointer data)
{
  const BadCase *bc = data;
  g_autoptr(CcChange) change = make_change ("\"Blue mug\"");
  g_autoptr(CcChange) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autofree char *bad = bad_case_text (bc);
  g_autofree char *text = NULL;

  set_field (change, bc->field, bad);
  before = cc_change_copy (change);

  g_assert_false (cc_change_validate (change, &error));
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  assert_change_equal (before, change);

  /* Refused on the wire too, never half read. */
  text = bad_case_batch (bc, bad);
  batch = cc_change_list_from_json (text, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (batch);
}

static void
test_wrong_member_type (void)
{
  static const char * const wrong[] = { "5", "true", "null", "[\"x\"]", "{\"a\":\"x\"}", "1.5" };
  static const Field string_fields[] = {
    FIELD_ID, FIELD_ENTITY, FIELD_ROW, FIELD_REG, FIELD_HLC, FIELD_BASE, FIELD_DEVICE,
  };

  for (guint f = 0; f < G_N_ELEMENTS (string_fields); f++)
    for (guint w = 0; w < G_N_ELEMENTS (wrong); w++)
      {
        g_autoptr(CcChange) change = make_change ("1250");
        g_autoptr(JsonNode) node = cc_change_to_json (change);
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(CcChange) back = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *quoted = NULL;
        const char *member = member_names[string_fields[f]];

        /* "base" may be null: that is how a change says it replaced nothing. */
        if (string_fields[f] == FIELD_BASE && strcmp (wrong[w], "null") == 0)
          continue;

        g_assert_true (json_parser_load_from_data (parser, wrong[w], -1, NULL));
        json_object_set_member (json_node_get_object (node), member,
                                json_node_copy (json_parser_get_root (parser)));

        back = cc_change_from_json (node, &error);
        g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
        g_assert_null (back);
        quoted = g_strdup_printf ("“%s”", member);
        g_assert_nonnull (strstr (error->message, quoted));
      }

  /* Every member must be there, "value" and "base" included. */
  for (guint m = 0; m < G_N_ELEMENTS (member_names); m++)
    {
      g_autoptr(CcChange) change = make_change ("1250");
      g_autoptr(JsonNode) node = cc_change_to_json (change);
      g_autoptr(CcChange) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", member_names[m]);

      json_object_remove_member (json_node_get_object (node), member_names[m]);
      back = cc_change_from_json (node, &error);
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_assert_null (back);
      g_assert_nonnull (strstr (error->message, quoted));
    }

  /* A change is an object. */
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
    g_autoptr(CcChange) back = NULL;
    g_autoptr(GError) error = NULL;

    json_node_take_array (node, json_array_new ());
    back = cc_change_from_json (node, &error);
    g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
    g_assert_null (back);
  }
}

static void
assert_batch_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = cc_change_list_from_json (text, &error);

  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (batch);
}

static void
test_deep_nesting (void)
{
  g_autofree char *depth32 = nested_array (32);
  g_autofree char *depth33 = nested_array (33);
  g_autofree char *huge = nested_array (200000);
  g_autofree char *quote_trick = g_strconcat ("['\"', ", huge, "]", NULL);
  g_autofree char *comment_trick = g_strconcat ("[/* \" */ ", huge, "]", NULL);
  g_autofree char *escape_trick = g_strconcat ("[\"\\\"\", ", huge, "]", NULL);
  g_autofree char *object_trick = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  GString *objects = g_string_new (NULL);

  /* 32 levels pass the depth check (and fail later: not changes). */
  batch = cc_change_list_from_json (depth32, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (strstr (error->message, "nested"));
  g_clear_error (&error);

  batch = cc_change_list_from_json (depth33, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  for (guint i = 0; i < 100000; i++)
    g_string_append (objects, "{\"a\":");
  object_trick = g_string_free (objects, FALSE);

  /* None of these may reach json-glib, which would overflow its stack. */
  assert_batch_refused (huge);
  assert_batch_refused (quote_trick);
  assert_batch_refused (comment_trick);
  assert_batch_refused (escape_trick);
  assert_batch_refused (object_trick);
}

static void
test_brackets_in_strings (void)
{
  g_autofree char *brackets = g_strnfill (1000, '[');
  g_autofree char *value = g_strdup_printf ("\"%s\\\"%s\"", brackets, brackets);
  g_autofree char *deep = nested_array (30);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (changes, make_change (value));
  g_ptr_array_add (changes, make_change (deep));
  set_field (g_ptr_array_index (changes, 1), FIELD_REG, "{[\"");

  text = cc_change_list_to_json (changes);
  back = cc_change_list_from_json (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  assert_change_equal (g_ptr_array_index (changes, 0), g_ptr_array_index (back, 0));
  assert_change_equal (g_ptr_array_index (changes, 1), g_ptr_array_index (back, 1));
}

static void
test_from_json_deep_node (void)
{
  g_autoptr(CcChange) change = make_change ("1");
  g_autoptr(JsonNode) node = cc_change_to_json (change);
  g_autoptr(CcChange) back = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *value = json_node_new (JSON_NODE_NULL);

  /* Built in memory, not parsed, and deep enough that writing it out
   * would overflow json-glib's stack: the depth check must come first. */
  for (guint i = 0; i < 100000; i++)
    {
      JsonArray *array = json_array_new ();
      JsonNode *wrap = json_node_new (JSON_NODE_ARRAY);

      json_array_add_element (array, value);
      json_node_take_array (wrap, array);
      value = wrap;
    }
  json_object_set_member (json_node_get_object (node), "value", value);

  back = cc_change_from_json (node, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (back);
}

static void
test_list_round_trip (void)
{
  static const char * const values[] = {
    "\"Blue mug\"", "1250", "true", "false", "null", "{\"w\":12}", "[1,2,3]", "\"नमस्ते\"",
  };
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;

  for (guint i = 0; i < 50; i++)
    {
      CcChange *change = make_change (values[i % G_N_ELEMENTS (values)]);

      if (i % 3 == 0)
        set_field (change, FIELD_BASE, BASE_STAMP);
      if (i % 4 == 0)
        set_field (change, FIELD_ENTITY, "variant");
      g_ptr_array_add (changes, change);
    }

  text = cc_change_list_to_json (changes);
  g_assert_nonnull (text);
  back = cc_change_list_from_json (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, changes->len);
  for (guint i = 0; i < changes->len; i++)
    assert_change_equal (g_ptr_array_index (changes, i), g_ptr_array_index (back, i));

  g_ptr_array_set_size (changes, 0);
  empty_text = cc_change_list_to_json (changes);
  g_assert_cmpstr (empty_text, ==, "[]");
  empty = cc_change_list_from_json (" [ ] ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_list_refuses (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_change_free);
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_auto(GStrv) parts = NULL;

  assert_batch_refused ("");
  assert_batch_refused ("{}");
  assert_batch_refused ("[1]");
  assert_batch_refused ("[{}]");
  assert_batch_refused ("[");
  assert_batch_refused ("[] []");
  assert_batch_refused ("\xff");

  /* One bad change refuses the whole batch, and says which one. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (changes, make_change ("1"));
  text = cc_change_list_to_json (changes);
  parts = g_strsplit (text, "\"entity\":\"product\"", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  broken = g_strconcat (parts[0], "\"entity\":\"product\"",
                        parts[1], "\"entity\":\"Product\"",
                        parts[2], "\"entity\":\"product\"",
                        parts[3], NULL);

  batch = cc_change_list_from_json (broken, &error);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_assert_null (batch);
  g_assert_nonnull (strstr (error->message, "2 of 3"));
}

static void
test_blob_ref (void)
{
  const char *hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", hex);
  g_autofree char *upper = g_ascii_strup (quoted, -1);
  struct { const char *reg; const char *value; gboolean named; } cases[] = {
    { "sha256", quoted, TRUE },
    { "poster_sha256", quoted, TRUE },
    { "sha256", upper, FALSE },              /* blobs are named in lower case */
    { "sha256", "\"9f86\"", FALSE },         /* too short */
    { "title@en", quoted, FALSE },           /* not a blob register */
    { "sha256", "42", FALSE },
    { "sha256", "null", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CcChange) change = cc_change_new ();
      g_autofree char *ref = NULL;

      change->reg = g_strdup (cases[i].reg);
      change->value = g_strdup (cases[i].value);
      ref = cc_change_dup_blob_ref (change);
      if (cases[i].named)
        g_assert_cmpstr (ref, ==, hex);
      else
        g_assert_null (ref);
    }
}

static void
test_json_parse_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = cc_json_parse ("{\"a\": [1, {\"b\": 2}]}", 3, &error);
  g_autoptr(JsonNode) deep = NULL;
  g_autoptr(JsonNode) bad = NULL;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (ok));

  deep = cc_json_parse ("{\"a\": [1, {\"b\": 2}]}", 2, &error);
  g_assert_null (deep);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  bad = cc_json_parse ("{\"a\": tru}", 8, &error);
  g_assert_null (bad);
  g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
}

/* json-glib 1.6 leaks on a lone surrogate escape and quotes it, invalid
 * UTF-8, in its message: such text is refused before it gets there. */
static void
test_lone_surrogates (void)
{
  const char *bad[] = { "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pair = cc_json_parse ("\"\\ud83d\\ude00\"", 2, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (pair), ==, "\xf0\x9f\x98\x80");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = cc_json_parse (bad[i], 2, &error);

      g_assert_null (node);
      g_assert_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proto/change/validate-good", test_validate_good);
  g_test_add_func ("/proto/change/copy", test_copy);
  g_test_add_func ("/proto/change/json-shape", test_json_shape);
  g_test_add_func ("/proto/change/json-round-trip", test_json_round_trip);
  g_test_add_func ("/proto/change/to-json-refuses-invalid", test_to_json_refuses_invalid);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/change/refuses/%s", bad_cases[i].path);

      g_test_add_data_func (path, &bad_cases[i], test_bad_field);
    }
  g_test_add_func ("/proto/change/wrong-member-type", test_wrong_member_type);
  g_test_add_func ("/proto/change/deep-nesting", test_deep_nesting);
  g_test_add_func ("/proto/change/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/proto/change/from-json-deep-node", test_from_json_deep_node);
  g_test_add_func ("/proto/change/list-round-trip", test_list_round_trip);
  g_test_add_func ("/proto/change/list-refuses", test_list_refuses);
  g_test_add_func ("/proto/change/blob-ref", test_blob_ref);
  g_test_add_func ("/proto/change/json-parse-depth", test_json_parse_depth);
  g_test_add_func ("/proto/change/lone-surrogates", test_lone_surrogates);

  return g_test_run ();
}
