/* test-cli.c — craftchain-cli as a person or a script uses it: the real binary on temporary shops.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cc-test-util.h"
#include "cc-cli-test-util.h"

typedef CcCliFixture Fixture;

static JsonObject *
json_object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* Adds a piece and returns its id (what stdout holds). */
static char *
add_product (Fixture    *fixture,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) words = NULL;
  va_list args;
  char *id;

  va_start (args, first);
  words = cc_cli_collect_words ("products", "add", first, args);
  va_end (args);
  g_assert_cmpint (cc_cli_run_words (fixture, fixture->db, NULL, words), ==, 0);
  id = g_strstrip (g_strdup (fixture->out));
  g_assert_cmpuint (strlen (id), ==, 36);
  return id;
}

/* Total of `products list --json` (with any status). */
static gint64
count_products (Fixture *fixture)
{
  g_autoptr(JsonNode) root = NULL;

  cc_cli_run_ok (fixture, "--json", "products", "list");
  root = cc_cli_parse_json (fixture->out);
  return json_object_get_int_member (json_object_of (root), "total");
}

static JsonNode *
show_json (Fixture    *fixture,
           const char *id_or_sku)
{
  cc_cli_run_ok (fixture, "--json", "products", "show", id_or_sku);
  return cc_cli_parse_json (fixture->out);
}

/* Products */

static void
test_add_list_show (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Blue Mug", "--sku", "MUG-01",
                                     "--price", "1250.50", "--tag", "Kitchen",
                                     "--material", "Stoneware clay", NULL);

  g_assert_cmpstr (fixture->err, ==, "");

  cc_cli_run_ok (fixture, "products", "list");
  g_assert_nonnull (strstr (fixture->out, "Blue Mug"));
  g_assert_nonnull (strstr (fixture->out, "MUG-01"));
  g_assert_nonnull (strstr (fixture->out, id));
  g_assert_nonnull (strstr (fixture->out, "1 of 1 piece"));

  /* By SKU as well as by id. */
  cc_cli_run_ok (fixture, "products", "show", "MUG-01");
  g_assert_nonnull (strstr (fixture->out, id));
  g_assert_nonnull (strstr (fixture->out, "Blue Mug"));
  g_assert_nonnull (strstr (fixture->out, "1,250.50"));
  g_assert_nonnull (strstr (fixture->out, "kitchen"));
  g_assert_nonnull (strstr (fixture->out, "Stoneware clay"));
  cc_cli_run_ok (fixture, "products", "show", id);
  g_assert_nonnull (strstr (fixture->out, "MUG-01"));
}

static void
test_json_fields (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Clay Lamp", "--title", "hi=मिट्टी का दीया",
                                     "--description", "Hand-thrown.", "--sku", "LAMP-7",
                                     "--price", "1,250.50", "--status", "active",
                                     "--tag", "Diwali", "--material", "Clay",
                                     "--width-mm", "90", "--weight-g", "350",
                                     "--maker", "Asha", NULL);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonObject *item, *price, *object;
  JsonArray *items;

  cc_cli_run_ok (fixture, "--json", "products", "list");
  list = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (list), "total"), ==, 1);
  items = json_object_get_array_member (json_object_of (list), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Clay Lamp");
  g_assert_cmpstr (json_object_get_string_member (item, "sku"), ==, "LAMP-7");
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "active");
  g_assert_true (json_object_get_null_member (item, "cover"));
  price = json_object_get_object_member (item, "price");
  g_assert_cmpint (json_object_get_int_member (price, "amount"), ==, 125050);
  g_assert_cmpstr (json_object_get_string_member (price, "currency"), ==, "INR");
  g_assert_cmpstr (json_object_get_string_member (price, "formatted"), ==, "₹1,250.50");

  show = show_json (fixture, id);
  object = json_object_of (show);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "sku"), ==, "LAMP-7");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "titles"), "en"),
                   ==, "Clay Lamp");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "titles"), "hi"),
                   ==, "मिट्टी का दीया");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "descriptions"), "en"),
                   ==, "Hand-thrown.");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "price"), "amount"),
                   ==, 125050);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "tags"), 0), ==, "diwali");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "materials"), 0), ==, "Clay");
  g_assert_cmpint (json_object_get_int_member (object, "width_mm"), ==, 90);
  g_assert_cmpint (json_object_get_int_member (object, "weight_g"), ==, 350);
  g_assert_cmpstr (json_object_get_string_member (object, "maker"), ==, "Asha");
  g_assert_true (json_object_get_null_member (object, "category"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "variants")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "photos")), ==, 0);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Blue Mug", "--sku", "MUG-01",
                                     "--price", "1250.50", "--tag", "kitchen", "--tag", "blue", NULL);
  g_autoptr(JsonNode) show = NULL;
  JsonObject *object;
  JsonArray *tags;

  cc_cli_run_ok (fixture, "products", "edit", "MUG-01", "--price", "99", "--untag", "Blue",
          "--tag", "gift", "--title", "hi=नीला मग");
  g_assert_nonnull (strstr (fixture->out, "Blue Mug"));

  show = show_json (fixture, id);
  object = json_object_of (show);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "price"), "amount"),
                   ==, 9900);
  tags = json_object_get_array_member (object, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "gift");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "kitchen");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "titles"), "hi"),
                   ==, "नीला मग");
  /* Untouched fields stay. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "titles"), "en"),
                   ==, "Blue Mug");
  g_assert_cmpstr (json_object_get_string_member (object, "sku"), ==, "MUG-01");

  /* A bad edit changes nothing. */
  g_assert_cmpint (cc_cli_run (fixture, "products", "edit", id, "--price", "abc", "--sku", "NEW", NULL), ==, 1);
  g_clear_pointer (&show, json_node_unref);
  show = show_json (fixture, id);
  object = json_object_of (show);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "price"), "amount"),
                   ==, 9900);
  g_assert_cmpstr (json_object_get_string_member (object, "sku"), ==, "MUG-01");

  /* Nothing to change is a usage error. */
  g_assert_cmpint (cc_cli_run (fixture, "products", "edit", id, NULL), ==, 2);
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Old Vase", "--status", "active", NULL);
  g_autofree char *other = add_product (fixture, "--title", "New Vase", "--status", "active", NULL);
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *items;

  cc_cli_run_ok (fixture, "products", "archive", id);
  g_assert_nonnull (strstr (fixture->out, "Old Vase"));
  show = show_json (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (json_object_of (show), "status"), ==, "archived");

  cc_cli_run_ok (fixture, "--json", "products", "list", "--status", "active");
  list = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (list), "total"), ==, 1);
  items = json_object_get_array_member (json_object_of (list), "items");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"), ==, other);
}

static void
test_variant (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Kurta", "--sku", "KURTA", "--price", "800", NULL);
  g_autofree char *variant_id = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonArray *variants;
  JsonObject *variant, *option;

  cc_cli_run_ok (fixture, "products", "variant", "add", "KURTA", "--option", "Size=Large",
          "--option", "Colour=Indigo", "--price", "950");
  variant_id = g_strstrip (g_strdup (fixture->out));
  g_assert_cmpuint (strlen (variant_id), ==, 36);

  g_assert_cmpint (cc_cli_run (fixture, "products", "variant", "add", "KURTA", "--option", "Large", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "NAME=VALUE"));

  show = show_json (fixture, id);
  variants = json_object_get_array_member (json_object_of (show), "variants");
  g_assert_cmpuint (json_array_get_length (variants), ==, 1);
  variant = json_array_get_object_element (variants, 0);
  g_assert_cmpstr (json_object_get_string_member (variant, "id"), ==, variant_id);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (variant, "price"), "amount"),
                   ==, 95000);
  option = json_array_get_object_element (json_object_get_array_member (variant, "options"), 1);
  g_assert_cmpstr (json_object_get_string_member (option, "name"), ==, "Colour");
  g_assert_cmpstr (json_object_get_string_member (option, "value"), ==, "Indigo");
}

static void
test_invalid_price (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) error_node = NULL;
  JsonObject *error_object;

  g_assert_cmpint (cc_cli_run (fixture, "products", "add", "--title", "Bowl", "--price", "12,5x", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (fixture->err, "craftchain-cli: "));
  g_assert_cmpuint (strlen (fixture->err), >, strlen ("craftchain-cli: \n"));
  g_assert_cmpstr (fixture->out, ==, "");
  g_assert_cmpint (count_products (fixture), ==, 0);

  /* The same in JSON mode: a structured error on stderr. */
  g_assert_cmpint (cc_cli_run (fixture, "--json", "products", "add", "--title", "Bowl", "--price", "12,5x", NULL), ==, 1);
  error_node = cc_cli_parse_json (fixture->err);
  error_object = json_object_get_object_member (json_object_of (error_node), "error");
  g_assert_cmpstr (json_object_get_string_member (error_object, "code"), ==, "invalid-input");
  g_assert_cmpstr (json_object_get_string_member (error_object, "message"), !=, "");
  g_assert_cmpint (count_products (fixture), ==, 0);

  /* A missing title, an unknown status or currency: refused, nothing added. */
  g_assert_cmpint (cc_cli_run (fixture, "products", "add", "--title", "  ", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "products", "add", "--title", "Bowl", "--status", "sold", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "sold"));
  g_assert_cmpint (cc_cli_run (fixture, "products", "add", "--title", "Bowl", "--currency", "XYZ", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "products", "add", "--title", "Bowl", "--width-mm", "wide", NULL), ==, 1);
  g_assert_cmpint (count_products (fixture), ==, 0);
}

static void
test_not_found_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) error_node = NULL;
  JsonObject *error_object;

  g_assert_cmpint (cc_cli_run (fixture, "--json", "products", "show", "NO-SUCH-SKU", NULL), ==, 1);
  g_assert_cmpstr (fixture->out, ==, "");
  error_node = cc_cli_parse_json (fixture->err);
  error_object = json_object_get_object_member (json_object_of (error_node), "error");
  g_assert_cmpstr (json_object_get_string_member (error_object, "code"), ==, "not-found");
  g_assert_nonnull (strstr (json_object_get_string_member (error_object, "message"), "NO-SUCH-SKU"));

  g_assert_cmpint (cc_cli_run (fixture, "products", "archive", "NO-SUCH-SKU", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (fixture->err, "craftchain-cli: "));
}

static void
test_duplicate_sku (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *first = add_product (fixture, "--title", "Mug", "--sku", "MUG-01", NULL);
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *warnings;

  g_assert_cmpstr (fixture->err, ==, "");
  second = add_product (fixture, "--title", "Another Mug", "--sku", "MUG-01", NULL);
  g_assert_cmpstr (second, !=, first);
  g_assert_nonnull (strstr (fixture->err, "warning"));
  g_assert_nonnull (strstr (fixture->err, "MUG-01"));
  g_assert_nonnull (strstr (fixture->err, "already used"));
  g_assert_cmpint (count_products (fixture), ==, 2);

  cc_cli_run_ok (fixture, "--json", "products", "add", "--title", "Third Mug", "--sku", "MUG-01");
  root = cc_cli_parse_json (fixture->out);
  warnings = json_object_get_array_member (json_object_of (root), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (warnings, 0), "MUG-01"));
  g_assert_cmpint (count_products (fixture), ==, 3);
}

/* Search */

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *scarf = add_product (fixture, "--title", "Indigo Block-Print Scarf",
                                        "--price", "1800", NULL);
  g_autofree char *lamp = add_product (fixture, "--title", "मिट्टी का दीया", "--price", "250", NULL);
  g_autofree char *mug = add_product (fixture, "--title", "Blue Mug", "--price", "450", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *items;

  cc_cli_run_ok (fixture, "search", "ind");
  g_assert_nonnull (strstr (fixture->out, "Indigo Block-Print Scarf"));
  g_assert_null (strstr (fixture->out, "Blue Mug"));
  g_assert_nonnull (strstr (fixture->out, "1 of 1 piece"));

  cc_cli_run_ok (fixture, "--json", "search", "मिट्टी");
  root = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (root), "total"), ==, 1);
  items = json_object_get_array_member (json_object_of (root), "items");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"), ==, lamp);

  /* A prefix of a Devanagari word. */
  g_clear_pointer (&root, json_node_unref);
  cc_cli_run_ok (fixture, "--json", "search", "दी");
  root = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (root), "total"), ==, 1);
  items = json_object_get_array_member (json_object_of (root), "items");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"), ==, lamp);

  /* Filters and counts: "N of M" when the page is smaller. */
  g_clear_pointer (&root, json_node_unref);
  cc_cli_run_ok (fixture, "--json", "search", "", "--max-price", "500", "--sort", "price-high");
  root = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (root), "total"), ==, 2);
  items = json_object_get_array_member (json_object_of (root), "items");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"), ==, mug);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "id"), ==, lamp);

  cc_cli_run_ok (fixture, "search", "", "--limit", "1", "--sort", "price-low");
  g_assert_nonnull (strstr (fixture->out, "1 of 3 pieces"));
  g_assert_nonnull (strstr (fixture->out, lamp));

  cc_cli_run_ok (fixture, "search", "zzz");
  g_assert_nonnull (strstr (fixture->out, "No pieces found"));

  g_assert_cmpint (cc_cli_run (fixture, "search", "a", "--sort", "cheapest", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "search", NULL), ==, 2);
  (void)scarf;
}

/* Categories */

/* TRUE if text has a line that is exactly line. */
static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_contains ((const char * const *)lines, line);
}

static char *
categories_json (Fixture *fixture)
{
  cc_cli_run_ok (fixture, "--json", "categories", "list");
  return g_strdup (fixture->out);
}

static void
test_categories (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pottery = NULL;
  g_autofree char *mug = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonArray *items;

  cc_cli_run_ok (fixture, "categories", "add", "Pottery");
  pottery = g_strstrip (g_strdup (fixture->out));
  cc_cli_run_ok (fixture, "categories", "add", "Mugs", "--parent", "Pottery");
  cc_cli_run_ok (fixture, "categories", "add", "Bowls", "--parent", "pottery");
  cc_cli_run_ok (fixture, "categories", "add", "Textiles");

  cc_cli_run_ok (fixture, "categories", "list");
  g_assert_true (has_line (fixture->out, "Pottery"));
  g_assert_true (has_line (fixture->out, "  Mugs"));
  g_assert_true (has_line (fixture->out, "  Bowls"));
  g_assert_true (has_line (fixture->out, "Textiles"));

  /* A cycle is refused and the tree stays as it was. */
  before = categories_json (fixture);
  g_assert_cmpint (cc_cli_run (fixture, "categories", "move", "Pottery", "--parent", "Mugs", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "inside"));
  g_assert_nonnull (strstr (fixture->err, "Pottery"));
  after = categories_json (fixture);
  g_assert_cmpstr (before, ==, after);

  /* Pieces can sit in a category and are listed by it, subcategories too. */
  mug = add_product (fixture, "--title", "Blue Mug", "--category", "Mugs", NULL);
  show = show_json (fixture, mug);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_of (show), "category"),
                                                  "name"), ==, "Pottery › Mugs");
  cc_cli_run_ok (fixture, "--json", "products", "list", "--category", "Pottery");
  root = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (root), "total"), ==, 1);

  /* Moves. */
  cc_cli_run_ok (fixture, "categories", "move", "Bowls", "--top");
  cc_cli_run_ok (fixture, "categories", "move", "Mugs", "--parent", "Textiles");
  g_assert_cmpint (cc_cli_run (fixture, "categories", "move", "Mugs", NULL), ==, 2);
  cc_cli_run_ok (fixture, "categories", "list");
  g_assert_true (has_line (fixture->out, "Bowls"));
  g_assert_nonnull (strstr (fixture->out, "Textiles\n  Mugs\n"));

  /* Rename. */
  cc_cli_run_ok (fixture, "categories", "rename", "Textiles", "Fabric");
  cc_cli_run_ok (fixture, "categories", "list");
  g_assert_nonnull (strstr (fixture->out, "Fabric\n  Mugs\n"));

  /* A category with something in it needs a target. */
  g_free (before);
  before = categories_json (fixture);
  g_assert_cmpint (cc_cli_run (fixture, "categories", "remove", "Fabric", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "Fabric"));
  g_free (after);
  after = categories_json (fixture);
  g_assert_cmpstr (before, ==, after);

  cc_cli_run_ok (fixture, "categories", "remove", "Fabric", "--into", "Pottery");
  cc_cli_run_ok (fixture, "categories", "remove", "Bowls");
  cc_cli_run_ok (fixture, "--json", "categories", "list");
  g_clear_pointer (&root, json_node_unref);
  root = cc_cli_parse_json (fixture->out);
  items = json_object_get_array_member (json_object_of (root), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "name"), ==, "Pottery");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "name"), ==, "Mugs");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "parent_id"),
                   ==, pottery);

  g_assert_cmpint (cc_cli_run (fixture, "categories", "remove", "Nowhere", NULL), ==, 1);
}

/* Photos */

static char *
make_png (const char *dir,
          const char *name,
          guint32     colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, colour);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
test_photos (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Blue Mug", "--sku", "MUG-01", NULL);
  g_autofree char *png = make_png (fixture->dir, "mug.png", 0x3366ccff);
  g_autofree char *second_png = make_png (fixture->dir, "mug-side.png", 0xcc6633ff);
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *photos;
  JsonObject *photo;
  g_autofree char *sha = NULL;

  g_assert_true (g_file_set_contents (text, "not a picture\n", -1, NULL));

  /* The text file fails, the PNG after it still goes in. */
  g_assert_cmpint (cc_cli_run (fixture, "photos", "add", "MUG-01", text, png, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "notes.txt"));
  g_assert_null (strstr (fixture->err, "mug.png"));
  g_assert_nonnull (strstr (fixture->out, "mug.png"));

  show = show_json (fixture, id);
  photos = json_object_get_array_member (json_object_of (show), "photos");
  g_assert_cmpuint (json_array_get_length (photos), ==, 1);
  photo = json_array_get_object_element (photos, 0);
  sha = g_strdup (json_object_get_string_member (photo, "sha256"));
  g_assert_cmpuint (strlen (sha), ==, 64);
  g_assert_cmpint (json_object_get_int_member (photo, "position"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (photo, "width"), ==, 64);
  g_assert_true (g_file_test (json_object_get_string_member (photo, "path"), G_FILE_TEST_IS_REGULAR));

  cc_cli_run_ok (fixture, "--json", "products", "list");
  list = cc_cli_parse_json (fixture->out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_object_of (list), "items"), 0), "cover"), ==, sha);

  /* No files is a usage error; an unknown piece adds nothing. */
  g_assert_cmpint (cc_cli_run (fixture, "photos", "add", "MUG-01", NULL), ==, 2);
  g_assert_cmpint (cc_cli_run (fixture, "photos", "add", "NO-SUCH", png, NULL), ==, 1);
  g_clear_pointer (&show, json_node_unref);
  show = show_json (fixture, id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_of (show), "photos")), ==, 1);

  /* Only good files: exit 0, and the new photo goes after the cover. */
  cc_cli_run_ok (fixture, "photos", "add", "MUG-01", second_png);
  g_assert_cmpstr (fixture->err, ==, "");
  g_clear_pointer (&show, json_node_unref);
  show = show_json (fixture, id);
  photos = json_object_get_array_member (json_object_of (show), "photos");
  g_assert_cmpuint (json_array_get_length (photos), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (photos, 0), "sha256"), ==, sha);

  /* The same photo twice on one piece is refused. */
  g_assert_cmpint (cc_cli_run (fixture, "photos", "add", "MUG-01", png, NULL), ==, 1);
}

/* Backup and restore */

static void
test_backup_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *kept = add_product (fixture, "--title", "Kept Bowl", NULL);
  g_autofree char *later = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *items;

  cc_cli_run_ok (fixture, "backup", backup);
  g_assert_nonnull (strstr (fixture->out, backup));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  /* Never over an existing file. */
  g_assert_cmpint (cc_cli_run (fixture, "backup", backup, NULL), ==, 1);

  later = add_product (fixture, "--title", "Later Bowl", NULL);
  g_assert_cmpint (count_products (fixture), ==, 2);

  cc_cli_run_ok (fixture, "restore", backup);
  cc_cli_run_ok (fixture, "--json", "products", "list");
  list = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (list), "total"), ==, 1);
  items = json_object_get_array_member (json_object_of (list), "items");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"), ==, kept);
  g_assert_cmpint (cc_cli_run (fixture, "products", "show", later, NULL), ==, 1);
}

static void
test_restore_corrupt (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.db", NULL);
  g_autofree char *id = add_product (fixture, "--title", "Safe Bowl", NULL);
  g_autoptr(JsonNode) error_node = NULL;
  g_autoptr(JsonNode) show = NULL;
  g_autoptr(GString) junk = g_string_new ("SQLite format 3");

  for (guint i = 0; i < 500; i++)
    g_string_append (junk, "garbage ");
  g_assert_true (g_file_set_contents (bad, junk->str, junk->len, NULL));

  g_assert_cmpint (cc_cli_run (fixture, "--json", "restore", bad, NULL), ==, 1);
  error_node = cc_cli_parse_json (fixture->err);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_of (error_node),
                                                                                  "error"), "code"),
                   ==, "corrupt");

  g_assert_cmpint (cc_cli_run (fixture, "restore", bad, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (fixture->err, "craftchain-cli: "));

  /* The shop is intact. */
  g_assert_cmpint (count_products (fixture), ==, 1);
  show = show_json (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_of (show), "titles"),
                                                  "en"), ==, "Safe Bowl");

  g_assert_cmpint (cc_cli_run (fixture, "restore", "/nonexistent/backup.db", NULL), ==, 1);
  g_assert_cmpint (count_products (fixture), ==, 1);
}

/* The shop as a whole */

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 n;

  cc_cli_run_ok (fixture, "demo");
  g_assert_nonnull (strstr (fixture->out, "demo shop"));
  n = count_products (fixture);
  g_assert_cmpint (n, >=, 30);
  g_assert_cmpint (n, <=, 50);

  /* Only into a shop without pieces. */
  g_assert_cmpint (cc_cli_run (fixture, "demo", NULL), ==, 1);
  g_assert_cmpint (count_products (fixture), ==, n);

  cc_cli_run_ok (fixture, NULL);
  g_assert_null (strstr (fixture->out, "Your shop is empty"));
  g_assert_nonnull (strstr (fixture->out, "10 of "));
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *id = NULL;

  cc_cli_run_ok (fixture, NULL);
  g_assert_nonnull (strstr (fixture->out, "My craft shop"));
  g_assert_nonnull (strstr (fixture->out, fixture->db));
  g_assert_nonnull (strstr (fixture->out, "0 pieces"));
  g_assert_nonnull (strstr (fixture->out, "Your shop is empty. Load the demo shop with: craftchain-cli demo"));

  id = add_product (fixture, "--title", "Blue Mug", NULL);
  cc_cli_run_ok (fixture, NULL);
  g_assert_null (strstr (fixture->out, "Your shop is empty"));
  g_assert_nonnull (strstr (fixture->out, "1 piece"));
  g_assert_nonnull (strstr (fixture->out, id));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const char *commands[] = {
    "products list", "products show", "products add", "products edit", "products archive",
    "products variant add", "search", "categories list", "categories add", "categories move",
    "categories rename", "categories remove", "photos add", "demo", "backup", "restore",
    "--db", "--json",
  };
  g_autoptr(JsonNode) error_node = NULL;

  cc_cli_run_ok (fixture, "--help");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (fixture->out, commands[i]));
  cc_cli_run_ok (fixture, "help");
  cc_cli_run_ok (fixture, "--version");
  g_assert_true (g_str_has_prefix (fixture->out, "craftchain-cli "));

  g_assert_cmpint (cc_cli_run (fixture, "sell", NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "sell"));
  g_assert_cmpint (cc_cli_run (fixture, "products", "list", "--colour", "red", NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "--colour"));
  g_assert_cmpint (cc_cli_run (fixture, "products", "add", "--title", NULL), ==, 2);
  g_assert_cmpint (cc_cli_run (fixture, "--json", "products", NULL), ==, 2);
  error_node = cc_cli_parse_json (fixture->err);
  g_assert_true (json_object_has_member (json_object_of (error_node), "error"));
  g_assert_cmpint (count_products (fixture), ==, 0);
}

static void
test_global_options (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *other_db = g_build_filename (fixture->dir, "other", "shop.db", NULL);
  g_auto(GStrv) env = cc_cli_environment (fixture->dir);
  g_autoptr(JsonNode) root = NULL;

  /* Global options after the command. */
  g_assert_cmpint (cc_cli_run_with (fixture, NULL, NULL, "products", "add", "--title", "Far Mug",
                             "--db", other_db, NULL), ==, 0);
  g_assert_cmpint (cc_cli_run_with (fixture, NULL, NULL, "products", "list", "--json", "--db", other_db, NULL), ==, 0);
  root = cc_cli_parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_object_of (root), "total"), ==, 1);

  /* CRAFTCHAIN_DB names the default shop; --db wins over it. */
  env = g_environ_setenv (env, "CRAFTCHAIN_DB", other_db, TRUE);
  g_assert_cmpint (cc_cli_run_with (fixture, NULL, env, "products", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Far Mug"));
  g_assert_cmpint (cc_cli_run_with (fixture, fixture->db, env, "products", "list", NULL), ==, 0);
  g_assert_null (strstr (fixture->out, "Far Mug"));
}

/* Materials, recipes, batches, stock and orders */

/* A member of the JSON object on stdout of the last run. */
static JsonObject *
out_object (Fixture   *fixture,
            JsonNode **root)
{
  *root = cc_cli_parse_json (fixture->out);
  return json_object_of (*root);
}

static gint64
material_on_hand (Fixture    *fixture,
                  const char *name)
{
  g_autoptr(JsonNode) root = NULL;

  cc_cli_run_ok (fixture, "--json", "materials", "show", name);
  return json_object_get_int_member (out_object (fixture, &root), "on_hand");
}

static gint64
stock_level (Fixture    *fixture,
             const char *sku,
             const char *field)
{
  g_autoptr(JsonNode) root = NULL;

  cc_cli_run_ok (fixture, "--json", "stock", "show", sku);
  return json_object_get_int_member (out_object (fixture, &root), field);
}

static gint64
money_member (JsonObject *object,
              const char *name)
{
  return json_object_get_int_member (json_object_get_object_member (object, name), "amount");
}

static const char *
order_status (Fixture    *fixture,
              const char *number,
              JsonNode  **root)
{
  cc_cli_run_ok (fixture, "--json", "orders", "show", number);
  return json_object_get_string_member (out_object (fixture, root), "status");
}

/* Meera dyes scarves: materials bought, a recipe costed, a batch made,
 * an order reserved and shipped, a sale at the stall. */
static void
test_shop_journey (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Indigo scarf", "--sku", "SCARF-1",
                                     "--price", "2500", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) order_root = NULL;
  g_autoptr(JsonNode) sale_root = NULL;
  g_autoptr(JsonNode) shown_root = NULL;
  g_autofree char *number = NULL;
  JsonObject *object;
  JsonArray *lines;

  cc_cli_run_ok (fixture, "materials", "add", "Cotton", "--unit", "m");
  cc_cli_run_ok (fixture, "materials", "buy", "Cotton", "--quantity", "20", "--cost", "2000",
          "--supplier", "Bunkar Mills", "--date", "2026-03-01");
  cc_cli_run_ok (fixture, "materials", "add", "Indigo", "--unit", "g");
  cc_cli_run_ok (fixture, "materials", "buy", "Indigo", "--quantity", "500", "--cost", "1000");
  cc_cli_run_ok (fixture, "settings", "fair-wage", "250");
  cc_cli_run_ok (fixture, "recipe", "set", "SCARF-1", "--material", "Cotton=2 m",
          "--material", "Indigo=40 g", "--labour-minutes", "180");
  g_assert_cmpint (material_on_hand (fixture, "Cotton"), ==, 20000);

  cc_cli_run_ok (fixture, "materials", "list");
  g_assert_nonnull (strstr (fixture->out, "₹100.00 / m"));
  g_assert_nonnull (strstr (fixture->out, "₹2.00 / g"));

  /* 2 m × ₹100 + 40 g × ₹2 + 3 h × ₹250, no overhead. */
  cc_cli_run_ok (fixture, "--json", "recipe", "show", "SCARF-1");
  object = out_object (fixture, &root);
  lines = json_object_get_array_member (object, "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  g_assert_cmpint (money_member (json_array_get_object_element (lines, 0), "cost"), ==, 20000);
  g_assert_cmpint (money_member (json_array_get_object_element (lines, 1), "cost"), ==, 8000);
  g_assert_cmpint (money_member (object, "labour"), ==, 75000);
  g_assert_cmpint (money_member (object, "overhead"), ==, 0);
  g_assert_cmpint (money_member (object, "total"), ==, 103000);
  cc_cli_run_ok (fixture, "recipe", "show", "SCARF-1");
  g_assert_nonnull (strstr (fixture->out, "₹1,030.00"));

  cc_cli_run_ok (fixture, "batch", "make", "SCARF-1", "5");
  g_assert_nonnull (strstr (fixture->out, "lot B-"));
  g_assert_cmpint (material_on_hand (fixture, "Cotton"), ==, 10000);
  g_assert_cmpint (material_on_hand (fixture, "Indigo"), ==, 300000);
  g_assert_cmpint (stock_level (fixture, "SCARF-1", "on_hand"), ==, 5);

  /* Six more need 12 m of cotton: refused, and nothing moves. */
  g_assert_cmpint (cc_cli_run (fixture, "batch", "make", "SCARF-1", "6", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "cotton"));
  g_assert_cmpint (material_on_hand (fixture, "Cotton"), ==, 10000);
  g_assert_cmpint (material_on_hand (fixture, "Indigo"), ==, 300000);
  g_assert_cmpint (stock_level (fixture, "SCARF-1", "on_hand"), ==, 5);

  /* An order: confirming reserves two. */
  cc_cli_run_ok (fixture, "--json", "orders", "create", "--line", "SCARF-1=2");
  object = out_object (fixture, &order_root);
  number = g_strdup (json_object_get_string_member (object, "number"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  g_assert_cmpint (money_member (object, "total"), >=, 500000);
  cc_cli_run_ok (fixture, "orders", "confirm", number);
  g_assert_cmpint (stock_level (fixture, "SCARF-1", "reserved"), ==, 2);
  g_assert_cmpint (stock_level (fixture, "SCARF-1", "available"), ==, 3);

  /* Shipped cannot be cancelled. */
  cc_cli_run_ok (fixture, "orders", "ship", number);
  g_assert_cmpint (cc_cli_run (fixture, "orders", "cancel", number, NULL), ==, 1);
  g_assert_cmpstr (order_status (fixture, number, &shown_root), ==, "shipped");
  g_assert_cmpint (stock_level (fixture, "SCARF-1", "on_hand"), ==, 3);
  g_assert_cmpint (stock_level (fixture, "SCARF-1", "reserved"), ==, 0);

  /* A stall sale: delivered, paid, stock down, change given. */
  g_clear_pointer (&shown_root, json_node_unref);
  cc_cli_run_ok (fixture, "--json", "sell", "--line", "SCARF-1=1", "--method", "cash", "--amount", "3000");
  object = out_object (fixture, &sale_root);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "delivered");
  g_assert_cmpstr (json_object_get_string_member (object, "payment_state"), ==, "paid");
  g_assert_cmpint (money_member (object, "balance"), ==, 0);
  g_assert_cmpint (money_member (object, "change"), ==, 300000 - money_member (object, "total"));
  g_assert_cmpstr (order_status (fixture, json_object_get_string_member (object, "number"), &shown_root),
                   ==, "delivered");
  g_assert_cmpint (stock_level (fixture, "SCARF-1", "on_hand"), ==, 2);

  cc_cli_run_ok (fixture, "--json", "orders", "list", "--status", "delivered");
  g_clear_pointer (&shown_root, json_node_unref);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out_object (fixture, &shown_root), "items")),
                    ==, 1);
}

/* Wrong input: exit 1 (or 2 for usage), the message, and nothing written. */
static void
test_shop_bad_input (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Clay cup", "--sku", "CUP-1",
                                     "--price", "300", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list_root = NULL;

  g_assert_cmpint (cc_cli_run (fixture, "materials", "add", "Clay", NULL), ==, 2);
  g_assert_cmpint (cc_cli_run (fixture, "materials", "add", "Clay", "--unit", "furlong", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "furlong"));
  cc_cli_run_ok (fixture, "--json", "materials", "list");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out_object (fixture, &list_root), "items")),
                    ==, 0);

  cc_cli_run_ok (fixture, "materials", "add", "Clay", "--unit", "kg");
  g_assert_cmpint (cc_cli_run (fixture, "materials", "buy", "Clay", "--quantity", "5", "--cost", "lots", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "materials", "buy", "Clay", "--quantity", "5", "--unit", "m",
                        "--cost", "100", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "materials", "buy", "Clay", "--quantity", "5", "--cost", "100",
                        "--supplier", "Potter", "--date", "2026-02-30", NULL), ==, 1);
  g_assert_cmpint (material_on_hand (fixture, "Clay"), ==, 0);
  /* 500 g in a material kept in kg. */
  cc_cli_run_ok (fixture, "materials", "buy", "Clay", "--quantity", "500", "--unit", "g", "--cost", "50");
  g_assert_cmpint (material_on_hand (fixture, "Clay"), ==, 500000);

  g_assert_cmpint (cc_cli_run (fixture, "recipe", "show", "CUP-1", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "recipe", "set", "CUP-1", "--material", "Glaze=1 kg", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "recipe", "show", "CUP-1", NULL), ==, 1);

  g_assert_cmpint (cc_cli_run (fixture, "stock", "adjust", "CUP-1", "-1", "--reason", "damaged", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "stock", "adjust", "CUP-1", "3", NULL), ==, 2);
  cc_cli_run_ok (fixture, "stock", "adjust", "CUP-1", "3", "--reason", "count");
  cc_cli_run_ok (fixture, "stock", "adjust", "CUP-1", "-1", "--reason", "damaged", "--note", "chipped");
  g_assert_cmpint (stock_level (fixture, "CUP-1", "on_hand"), ==, 2);

  g_assert_cmpint (cc_cli_run (fixture, "orders", "create", "--line", "NOPE=1", NULL), ==, 1);
  g_assert_cmpint (cc_cli_run (fixture, "orders", "create", NULL), ==, 2);
  g_assert_cmpint (cc_cli_run (fixture, "sell", "--line", "CUP-1=1", "--method", "barter", NULL), ==, 1);
  cc_cli_run_ok (fixture, "--json", "orders", "list");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out_object (fixture, &root), "items")),
                    ==, 0);
  g_assert_cmpint (stock_level (fixture, "CUP-1", "on_hand"), ==, 2);

  cc_cli_run_ok (fixture, "customers", "add", "Asha", "--email", "asha@example.com");
  g_assert_cmpint (cc_cli_run (fixture, "customers", "add", "Ravi", "--email", "not-an-email", NULL), ==, 1);
  cc_cli_run_ok (fixture, "customers", "list");
  g_assert_nonnull (strstr (fixture->out, "Asha"));
  g_assert_null (strstr (fixture->out, "Ravi"));
}

/* Import and export */

static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "etsy.csv", NULL);
  g_autofree char *products = g_build_filename (fixture->dir, "products.csv", NULL);
  g_autofree char *orders = g_build_filename (fixture->dir, "orders.csv", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *problems;

  g_file_set_contents (csv,
                       "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,SKU\n"
                       "Blue pot,A pot,450.00,INR,3,POT-1\n"
                       "Red mug,\"A mug, red\",abc,INR,1,MUG-1\n"
                       "Wool shawl,Warm,1200.00,INR,2,SHAWL-1\n",
                       -1, &error);
  g_assert_no_error (error);

  /* A dry run shows the preview and the bad line, and changes nothing. */
  cc_cli_run_ok (fixture, "import", csv, "--dry-run");
  g_assert_nonnull (strstr (fixture->out, "Etsy"));
  g_assert_nonnull (strstr (fixture->out, "2 pieces to create"));
  g_assert_nonnull (strstr (fixture->out, "0 pieces to update"));
  g_assert_nonnull (strstr (fixture->out, "line 3: "));
  g_assert_cmpint (count_products (fixture), ==, 0);

  /* The real run creates the good rows and still exits 0. */
  cc_cli_run_ok (fixture, "--json", "import", csv);
  root = cc_cli_parse_json (fixture->out);
  object = json_object_of (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "etsy");
  g_assert_cmpint (json_object_get_int_member (object, "created"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "updated"), ==, 0);
  problems = json_object_get_array_member (object, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 0), "line"), ==, 3);
  g_assert_cmpint (count_products (fixture), ==, 2);
  g_clear_pointer (&root, json_node_unref);
  root = show_json (fixture, "SHAWL-1");
  g_assert_cmpint (cc_cli_run (fixture, "products", "show", "MUG-1", NULL), ==, 1);

  /* An unreadable file is exit 1 and adds nothing. */
  g_assert_cmpint (cc_cli_run (fixture, "import", missing, NULL), ==, 1);
  g_assert_cmpint (count_products (fixture), ==, 2);

  /* Exports, each with its header. */
  cc_cli_run_ok (fixture, "orders", "create", "--line", "POT-1=2");
  cc_cli_run_ok (fixture, "export", "products", products);
  g_assert_true (g_file_get_contents (products, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "Handle,Title,Body (HTML),"));
  g_assert_nonnull (strstr (text, "SHAWL-1,1200.00"));
  g_clear_pointer (&text, g_free);

  cc_cli_run_ok (fixture, "export", "orders", orders);
  g_assert_true (g_file_get_contents (orders, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "Order,Date,Status,Customer,Email,SKU,Title,Quantity,"
                                         "Unit price,Line total,Subtotal,Discount,Shipping,Tax,Total,Paid,Currency\r\n"));
  g_assert_nonnull (strstr (text, ",POT-1,Blue pot,2,450.00,900.00,"));

  g_assert_cmpint (cc_cli_run (fixture, "export", "invoices", orders, NULL), ==, 2);
}

/* An order's invoice, receipt and packing slip are saved as PDF files; an
 * unknown order saves nothing. */
static void
test_order_documents (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = add_product (fixture, "--title", "Indigo stole", "--sku", "STOLE-1",
                                     "--price", "1150", NULL);
  g_autofree char *number = NULL;
  g_autofree char *invoice = g_build_filename (fixture->dir, "invoice.pdf", NULL);
  g_autofree char *slip = g_build_filename (fixture->dir, "slip.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  cc_cli_run_ok (fixture, "customers", "add", "Meera Sharma");
  cc_cli_run_ok (fixture, "orders", "create", "--customer", "Meera Sharma", "--line", "STOLE-1=2");
  number = g_strstrip (g_strdup (fixture->out));
  g_assert_cmpstr (number, !=, "");

  /* A pending order is not invoiced yet: no file, exit 1. */
  g_assert_cmpint (cc_cli_run (fixture, "orders", "invoice", number, invoice, NULL), ==, 1);
  g_assert_false (g_file_test (invoice, G_FILE_TEST_EXISTS));
  cc_cli_run_ok (fixture, "orders", "confirm", number, "--backorder");

  cc_cli_run_ok (fixture, "orders", "invoice", number, invoice);
  g_assert_true (g_file_get_contents (invoice, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  cc_cli_run_ok (fixture, "orders", "invoice", number, slip, "--packing-slip");
  g_assert_true (g_file_test (slip, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (cc_cli_run (fixture, "orders", "invoice", number, slip, "--packing-slip", "--receipt", NULL), ==, 2);
  g_assert_cmpint (cc_cli_run (fixture, "orders", "invoice", "NOPE-99", missing, NULL), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (fixture->err, "NOPE-99"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cc_cli_fixture_setup, func, cc_cli_fixture_teardown)

  ADD ("/cli/products/add-list-show", test_add_list_show);
  ADD ("/cli/products/json-fields", test_json_fields);
  ADD ("/cli/products/edit", test_edit);
  ADD ("/cli/products/archive", test_archive);
  ADD ("/cli/products/variant", test_variant);
  ADD ("/cli/products/invalid-price-adds-nothing", test_invalid_price);
  ADD ("/cli/products/not-found-json", test_not_found_json);
  ADD ("/cli/products/duplicate-sku-warns", test_duplicate_sku);
  ADD ("/cli/search/prefix-filters-count", test_search);
  ADD ("/cli/categories/tree-and-refused-cycle", test_categories);
  ADD ("/cli/photos/bad-file-does-not-stop-others", test_photos);
  ADD ("/cli/backup/round-trip", test_backup_restore);
  ADD ("/cli/backup/restore-corrupt-refused", test_restore_corrupt);
  ADD ("/cli/shop/demo", test_demo);
  ADD ("/cli/shop/overview-empty-hint", test_overview);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/global-options", test_global_options);
  ADD ("/cli/shop/journey", test_shop_journey);
  ADD ("/cli/shop/bad-input-changes-nothing", test_shop_bad_input);
  ADD ("/cli/import-export", test_import_export);
  ADD ("/cli/orders/documents", test_order_documents);

#undef ADD

  return g_test_run ();
}
