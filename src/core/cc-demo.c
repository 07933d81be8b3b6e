/* cc-demo.c — the demo shop: about forty real-looking pieces, made offline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is content, not interface: the English and Hindi texts
 * are what a shop owner would have typed, stored as the "en" and "hi"
 * registers, so they are not marked for translation. The photos are drawn
 * with cairo from a fixed seed per piece, so every load is identical and
 * nothing is fetched from anywhere.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cc-catalogue.h"
#include "cc-demo.h"
#include "cc-photos.h"

#define RUPEES(n) ((gint64) (n) * 100)

/* Drawing units per side of a photo, whatever its pixel size. */
#define UNITS 1000.0
#define PHOTO_PIXELS 1000
#define JPEG_QUALITY "88"

typedef enum
{
  SHAPE_SURAHI,
  SHAPE_BUD_VASE,
  SHAPE_ROUND_VASE,
  SHAPE_TALL_VASE,
  SHAPE_MUG,
  SHAPE_KULHADS,
  SHAPE_TEACUP,
  SHAPE_HANGING_PLANTER,
  SHAPE_PLANTER,
  SHAPE_MINI_POTS,
  SHAPE_SCARF,
  SHAPE_CUSHION,
  SHAPE_RUNNER,
  SHAPE_NAPKINS,
  SHAPE_TABLECLOTH,
  SHAPE_JHUMKAS,
  SHAPE_DROP_EARRINGS,
  SHAPE_CHANDBALIS,
  SHAPE_PENDANT,
  SHAPE_BEAD_NECKLACE,
  SHAPE_CHOKER,
  SHAPE_COIN_NECKLACE,
  SHAPE_SPOONS,
  SHAPE_BOARD,
  SHAPE_CHAKLA,
  SHAPE_BOWL,
  SHAPE_STACKING_RINGS,
  SHAPE_TOPS,
  SHAPE_RATTLE,
  SHAPE_TRAIN,
} DemoShape;

typedef enum
{
  PATTERN_PLAIN,
  PATTERN_BANDS,
  PATTERN_VINES,
  PATTERN_ZIGZAG,
  PATTERN_RIBS,
  PATTERN_DRIP,
  PATTERN_SPECKLE,
  PATTERN_KHAVDA,
  PATTERN_MADHUBANI,
  PATTERN_FLOWER,
  PATTERN_BUTA,
  PATTERN_DOTS,
  PATTERN_STAR,
  PATTERN_MIRROR,
  PATTERN_KANTHA,
  PATTERN_LEAF,
  PATTERN_STRIPES,
  PATTERN_FILIGREE,
} DemoPattern;

enum
{
  FLAG_GLOSSY  = 1 << 0,
  FLAG_CRACKLE = 1 << 1,  /* dabu: dye seeps through the cracked mud */
  FLAG_PLANT   = 1 << 2,
  FLAG_FLAT    = 1 << 3,  /* photographed from above, on cloth */
};

typedef struct
{
  const char  *subcategory;
  const char  *sku;
  const char  *title_en;
  const char  *title_hi;
  const char  *description_en;
  const char  *description_hi;
  gint64       price;
  gint64       compare_at_price;
  gboolean     draft;
  const char  *tags;        /* comma separated */
  const char  *materials;   /* comma separated */
  int          width_mm;
  int          height_mm;
  int          depth_mm;
  int          weight_g;
  int          production_minutes;
  const char  *origin;
  const char  *technique;
  const char  *maker;
  DemoShape    shape;
  DemoPattern  pattern;
  guint        flags;
  guint32      base;
  guint32      accent;
  guint32      accent2;
  guint32      backdrop;
  int          n_photos;
} DemoPiece;

typedef struct
{
  const char *name;
  const char *parent;
} DemoCategory;

static const DemoCategory demo_categories[] = {
  { "Pottery", NULL },
  { "Vases", "Pottery" },
  { "Mugs & Cups", "Pottery" },
  { "Planters", "Pottery" },
  { "Textiles", NULL },
  { "Scarves & Stoles", "Textiles" },
  { "Cushion Covers", "Textiles" },
  { "Table Linen", "Textiles" },
  { "Jewellery", NULL },
  { "Earrings", "Jewellery" },
  { "Necklaces", "Jewellery" },
  { "Woodwork", NULL },
  { "Kitchen", "Woodwork" },
  { "Toys", "Woodwork" },
};

typedef struct
{
  const char *product_sku;
  const char *sku;
  gint64      price;
  const char *option;
  const char *value;
} DemoVariant;

static const DemoVariant demo_variants[] = {
  { "POT-MUG-001", "POT-MUG-001-IND", RUPEES (650), "Glaze", "Indigo drip" },
  { "POT-MUG-001", "POT-MUG-001-CEL", RUPEES (650), "Glaze", "Celadon" },
  { "TEX-SCRF-001", "TEX-SCRF-001-S", RUPEES (1150), "Size", "Stole, 70 × 200 cm" },
  { "TEX-SCRF-001", "TEX-SCRF-001-L", RUPEES (1450), "Size", "Dupatta, 90 × 225 cm" },
  { "TEX-CUSH-001", "TEX-CUSH-001-40", RUPEES (650), "Size", "40 × 40 cm" },
  { "TEX-CUSH-001", "TEX-CUSH-001-45", RUPEES (720), "Size", "45 × 45 cm" },
  { "JWL-EAR-001", "JWL-EAR-001-SLV", RUPEES (3200), "Finish", "Silver" },
  { "JWL-EAR-001", "JWL-EAR-001-GLD", RUPEES (3900), "Finish", "Gold-plated" },
  { "WOD-KIT-002", "WOD-KIT-002-M", RUPEES (1250), "Size", "Medium, 40 × 20 cm" },
  { "WOD-KIT-002", "WOD-KIT-002-L", RUPEES (1650), "Size", "Large, 50 × 25 cm" },
};

static const DemoPiece demo_pieces[] = {
  /* Pottery: vases */
  {
    .subcategory = "Vases", .sku = "POT-VASE-001",
    .title_en = "Blue Pottery Surahi Vase",
    .title_hi = "ब्लू पॉटरी सुराही फूलदान",
    .description_en = "A long-necked surahi shaped from quartz paste and painted freehand with cobalt and "
                      "turquoise floral vines. Fired at a low temperature in the Jaipur tradition, it has the "
                      "glassy shine blue pottery is known for. Lovely with dried flowers, or on its own.",
    .description_hi = "क्वार्ट्ज़ के लेप से बनी लंबी गर्दन वाली सुराही, जिस पर कोबाल्ट और फ़िरोज़ी रंग की फूल-बेलें "
                      "हाथ से बनाई गई हैं। जयपुर की परंपरा के अनुसार इसे कम आँच पर पकाया गया है, इसलिए इसमें "
                      "ब्लू पॉटरी की पहचान वाली काँच जैसी चमक है। सूखे फूलों के साथ या अकेले भी यह बहुत सुंदर लगती है।",
    .price = RUPEES (2450), .compare_at_price = RUPEES (2900),
    .tags = "blue pottery, hand-painted, floral, vase, gift",
    .materials = "quartz powder, multani mitti, cobalt oxide, glass frit",
    .width_mm = 150, .height_mm = 330, .depth_mm = 150, .weight_g = 900, .production_minutes = 600,
    .origin = "Jaipur, Rajasthan", .technique = "hand-painted blue pottery", .maker = "Gopal Saini",
    .shape = SHAPE_SURAHI, .pattern = PATTERN_VINES, .flags = FLAG_GLOSSY,
    .base = 0xf2f0ea, .accent = 0x1f4e9c, .accent2 = 0x3fa7b5, .backdrop = 0xe6dccb, .n_photos = 3,
  },
  {
    .subcategory = "Vases", .sku = "POT-VASE-002",
    .title_en = "Khurja Glazed Bud Vase",
    .title_hi = "खुर्जा ग्लेज़्ड कली फूलदान",
    .description_en = "A small bud vase thrown on the wheel in Khurja and dipped in a deep mustard glaze that "
                      "pools darker at the shoulder. Just right for a single stem on a desk or windowsill. "
                      "Each one is glazed by hand, so the colour varies a little from piece to piece.",
    .description_hi = "खुर्जा में चाक पर गढ़ा गया छोटा फूलदान, जिसे गहरे सरसों-पीले ग्लेज़ में डुबोया गया है; "
                      "कंधे पर ग्लेज़ जमकर और गहरा दिखता है। मेज़ या खिड़की पर एक फूल सजाने के लिए बिल्कुल सही। "
                      "हर फूलदान पर ग्लेज़ हाथ से चढ़ाया जाता है, इसलिए रंग में हल्का-सा फ़र्क़ रहता है।",
    .price = RUPEES (650),
    .tags = "bud vase, glazed, wheel-thrown, mustard, desk",
    .materials = "ceramic clay, lead-free glaze",
    .width_mm = 80, .height_mm = 170, .depth_mm = 80, .weight_g = 380, .production_minutes = 150,
    .origin = "Khurja, Uttar Pradesh", .technique = "wheel-thrown", .maker = "Salim Qureshi",
    .shape = SHAPE_BUD_VASE, .pattern = PATTERN_BANDS, .flags = FLAG_GLOSSY,
    .base = 0xd49a26, .accent = 0x7a4710, .accent2 = 0xe8c060, .backdrop = 0xcfd8d6, .n_photos = 2,
  },
  {
    .subcategory = "Vases", .sku = "POT-VASE-003",
    .title_en = "Nizamabad Black Pottery Vase",
    .title_hi = "निज़ामाबाद काली मिट्टी का फूलदान",
    .description_en = "Nizamabad's famous black pottery: the vase is burnished, smoke-fired until it turns "
                      "jet black, and etched with silvery geometric patterns. The shine comes from a mud slip "
                      "and patient polishing, not from paint.",
    .description_hi = "निज़ामाबाद की मशहूर काली मिट्टी की कला: इस फूलदान को घोंटकर चमकाया गया है, धुएँ में पकाकर "
                      "गहरा काला किया गया है और उस पर चाँदी जैसे ज्यामितीय नक़्श उकेरे गए हैं। इसकी चमक रंग से "
                      "नहीं, बल्कि मिट्टी के घोल और धैर्य से की गई घुटाई से आती है।",
    .price = RUPEES (1850), .compare_at_price = RUPEES (2200),
    .tags = "black pottery, etched, geometric, vase, home decor",
    .materials = "terracotta clay, kabiz slip, tin alloy inlay",
    .width_mm = 140, .height_mm = 260, .depth_mm = 140, .weight_g = 750, .production_minutes = 480,
    .origin = "Nizamabad, Uttar Pradesh", .technique = "smoke-fired and etched", .maker = "Sohan Prajapati",
    .shape = SHAPE_ROUND_VASE, .pattern = PATTERN_ZIGZAG, .flags = FLAG_GLOSSY,
    .base = 0x1a1a1e, .accent = 0xc8c8cc, .accent2 = 0x8d8d93, .backdrop = 0xd9cfbf, .n_photos = 2,
  },
  {
    .subcategory = "Vases", .sku = "POT-VASE-004", .draft = TRUE,
    .title_en = "Celadon Ribbed Stoneware Vase",
    .title_hi = "सेलाडॉन धारीदार स्टोनवेयर फूलदान",
    .description_en = "A tall stoneware vase with fine vertical ribs pulled by hand while the clay turns on the "
                      "wheel. The celadon glaze breaks pale over every rib and pools deeper green in the grooves. "
                      "Fired to 1280 °C, so it holds water without a trace of seepage.",
    .description_hi = "स्टोनवेयर का लंबा फूलदान, जिसकी बारीक खड़ी धारियाँ चाक पर घूमती मिट्टी में हाथ से खींची "
                      "गई हैं। सेलाडॉन ग्लेज़ हर धारी पर हल्का पड़ता है और खाँचों में गहरा हरा जमता है। इसे "
                      "1280 °C पर पकाया गया है, इसलिए इसमें रखा पानी ज़रा भी नहीं रिसता।",
    .price = RUPEES (3200),
    .tags = "celadon, stoneware, ribbed, vase, wheel-thrown",
    .materials = "stoneware clay, celadon glaze",
    .width_mm = 130, .height_mm = 300, .depth_mm = 130, .weight_g = 1100, .production_minutes = 420,
    .origin = "Puducherry", .technique = "wheel-thrown", .maker = "Anjali Menon",
    .shape = SHAPE_TALL_VASE, .pattern = PATTERN_RIBS, .flags = FLAG_GLOSSY,
    .base = 0x9dc3ab, .accent = 0x5b8a6f, .accent2 = 0xd8ebdf, .backdrop = 0xe9e4da, .n_photos = 2,
  },

  /* Pottery: mugs and cups */
  {
    .subcategory = "Mugs & Cups", .sku = "POT-MUG-001",
    .title_en = "Indigo Drip Stoneware Mug",
    .title_hi = "नील ड्रिप स्टोनवेयर मग",
    .description_en = "A generous 350 ml mug with an indigo glaze that runs in drips over a cream base. The "
                      "handle is pulled by hand and sits comfortably for two fingers. Safe in the microwave and "
                      "the dishwasher.",
    .description_hi = "350 मिलीलीटर का बड़ा मग, जिस पर नील रंग का ग्लेज़ क्रीम रंग की सतह पर बूँदों की तरह बहता है। "
                      "हैंडल हाथ से खींचकर बनाया गया है और दो उँगलियों से आराम से पकड़ में आता है। माइक्रोवेव "
                      "और डिशवॉशर में सुरक्षित।",
    .price = RUPEES (650), .compare_at_price = RUPEES (750),
    .tags = "mug, indigo, drip glaze, coffee, gift",
    .materials = "stoneware clay, lead-free glaze",
    .width_mm = 125, .height_mm = 100, .depth_mm = 90, .weight_g = 380, .production_minutes = 90,
    .origin = "Khurja, Uttar Pradesh", .technique = "wheel-thrown", .maker = "Rukhsana Bano",
    .shape = SHAPE_MUG, .pattern = PATTERN_DRIP, .flags = FLAG_GLOSSY,
    .base = 0xe7dcc4, .accent = 0x25366a, .accent2 = 0x4a5f9a, .backdrop = 0xd7cbb8, .n_photos = 3,
  },
  {
    .subcategory = "Mugs & Cups", .sku = "POT-MUG-002",
    .title_en = "Kulhad Chai Cups, Set of 6",
    .title_hi = "कुल्हड़ चाय कप, छह का सेट",
    .description_en = "Six unglazed terracotta kulhads, thrown quickly on the wheel the way roadside chai cups "
                      "have been made for generations. The porous clay gives tea a faint earthy aroma. Rinse "
                      "before first use; not for the microwave.",
    .description_hi = "बिना ग्लेज़ के छह टेराकोटा कुल्हड़, जो चाक पर उसी फुर्ती से बनाए गए हैं जैसे पीढ़ियों से "
                      "सड़क किनारे की चाय के लिए बनते आए हैं। छिद्रदार मिट्टी चाय में हल्की सोंधी ख़ुशबू घोल "
                      "देती है। पहली बार इस्तेमाल से पहले धो लें; माइक्रोवेव में न रखें।",
    .price = RUPEES (480),
    .tags = "kulhad, chai, terracotta, set, eco-friendly",
    .materials = "terracotta clay",
    .width_mm = 75, .height_mm = 85, .depth_mm = 75, .weight_g = 900, .production_minutes = 60,
    .origin = "Alwar, Rajasthan", .technique = "wheel-thrown", .maker = "Babulal Kumhar",
    .shape = SHAPE_KULHADS, .pattern = PATTERN_PLAIN,
    .base = 0xb4582f, .accent = 0x8a3b1c, .accent2 = 0xc87448, .backdrop = 0xe3d9c6, .n_photos = 2,
  },
  {
    .subcategory = "Mugs & Cups", .sku = "POT-MUG-003",
    .title_en = "Blue Pottery Coffee Mug",
    .title_hi = "ब्लू पॉटरी कॉफ़ी मग",
    .description_en = "A sturdy coffee mug in Jaipur blue pottery, hand-painted with a ring of cobalt flowers "
                      "around the rim. Each mug is signed under the base by its painter. Wash by hand to keep "
                      "the colours bright.",
    .description_hi = "जयपुर ब्लू पॉटरी का मज़बूत कॉफ़ी मग, जिसके किनारे पर कोबाल्ट फूलों की माला हाथ से बनाई "
                      "गई है। हर मग के तले पर उसके चित्रकार के हस्ताक्षर हैं। रंगों की चमक बनाए रखने के लिए "
                      "हाथ से धोएँ।",
    .price = RUPEES (550),
    .tags = "blue pottery, mug, coffee, hand-painted, floral",
    .materials = "quartz powder, multani mitti, cobalt oxide",
    .width_mm = 115, .height_mm = 95, .depth_mm = 85, .weight_g = 320, .production_minutes = 180,
    .origin = "Jaipur, Rajasthan", .technique = "hand-painted blue pottery", .maker = "Leela Devi",
    .shape = SHAPE_MUG, .pattern = PATTERN_VINES, .flags = FLAG_GLOSSY,
    .base = 0xf3f1ea, .accent = 0x1f4e9c, .accent2 = 0x3fa7b5, .backdrop = 0xc9d3d8, .n_photos = 2,
  },
  {
    .subcategory = "Mugs & Cups", .sku = "POT-MUG-004",
    .title_en = "Speckled Tea Cup and Saucer",
    .title_hi = "चित्तीदार चाय कप और तश्तरी",
    .description_en = "A wide tea cup and saucer in a satin oatmeal glaze, flecked with iron speckles from the "
                      "clay. It holds 200 ml, just right for an afternoon masala chai. Sold as one cup with its "
                      "saucer.",
    .description_hi = "साटन जैसे जई-रंग के ग्लेज़ वाला चौड़ा चाय कप और तश्तरी, जिस पर मिट्टी के लोहे से भूरी "
                      "चित्तियाँ उभर आई हैं। इसमें 200 मिलीलीटर आता है — दोपहर की मसाला चाय के लिए बिल्कुल सही। "
                      "एक कप अपनी तश्तरी के साथ मिलता है।",
    .price = RUPEES (890),
    .tags = "tea cup, saucer, speckled, stoneware, chai",
    .materials = "stoneware clay, satin glaze",
    .width_mm = 150, .height_mm = 75, .depth_mm = 150, .weight_g = 420, .production_minutes = 120,
    .origin = "Puducherry", .technique = "wheel-thrown", .maker = "Anjali Menon",
    .shape = SHAPE_TEACUP, .pattern = PATTERN_SPECKLE,
    .base = 0xdacdb2, .accent = 0x5a4030, .accent2 = 0x9a7b5c, .backdrop = 0xb9c4bd, .n_photos = 2,
  },

  /* Pottery: planters */
  {
    .subcategory = "Planters", .sku = "POT-PLNT-001",
    .title_en = "Khavda Painted Hanging Planter",
    .title_hi = "खावड़ा चित्रित लटकने वाला गमला",
    .description_en = "A round terracotta planter from the Khavda potters of Kutch, painted with white and black "
                      "geometric bands in natural clay colours. It hangs from three jute cords and has a "
                      "drainage hole.",
    .description_hi = "कच्छ के खावड़ा कुम्हारों का गोल टेराकोटा गमला, जिस पर प्राकृतिक मिट्टी के रंगों से सफ़ेद "
                      "और काली ज्यामितीय पट्टियाँ बनाई गई हैं। यह जूट की तीन रस्सियों से लटकता है और इसमें पानी "
                      "निकलने का छेद है।",
    .price = RUPEES (950),
    .tags = "planter, hanging, khavda, terracotta, geometric",
    .materials = "terracotta clay, natural earth pigments, jute cord",
    .width_mm = 180, .height_mm = 150, .depth_mm = 180, .weight_g = 850, .production_minutes = 240,
    .origin = "Khavda, Kutch, Gujarat", .technique = "wheel-thrown and slip-painted", .maker = "Abdul Kumbhar",
    .shape = SHAPE_HANGING_PLANTER, .pattern = PATTERN_KHAVDA, .flags = FLAG_PLANT,
    .base = 0xa8492a, .accent = 0xf1e6d2, .accent2 = 0x1c1a18, .backdrop = 0xe4ddd0, .n_photos = 3,
  },
  {
    .subcategory = "Planters", .sku = "POT-PLNT-002",
    .title_en = "Emerald Glazed Planter with Saucer",
    .title_hi = "पन्ना-हरा ग्लेज़्ड गमला, तश्तरी के साथ",
    .description_en = "A straight-sided planter in a deep emerald glaze, with a matching drip saucer. Thrown in "
                      "Khurja and glazed inside too, it is happy indoors with ferns, money plants or herbs.",
    .description_hi = "गहरे पन्ना-हरे ग्लेज़ वाला सीधा गमला और उसी रंग की तश्तरी। खुर्जा में चाक पर बना और अंदर "
                      "से भी ग्लेज़ किया हुआ, इसलिए घर के अंदर फ़र्न, मनी प्लांट या जड़ी-बूटियों के लिए बढ़िया है।",
    .price = RUPEES (1450), .compare_at_price = RUPEES (1650),
    .tags = "planter, glazed, indoor plants, emerald, saucer",
    .materials = "ceramic clay, lead-free glaze",
    .width_mm = 200, .height_mm = 180, .depth_mm = 200, .weight_g = 1900, .production_minutes = 200,
    .origin = "Khurja, Uttar Pradesh", .technique = "wheel-thrown", .maker = "Salim Qureshi",
    .shape = SHAPE_PLANTER, .pattern = PATTERN_BANDS, .flags = FLAG_GLOSSY | FLAG_PLANT,
    .base = 0x1f6b4e, .accent = 0x0f3d2b, .accent2 = 0x4f9b7a, .backdrop = 0xeae3d6, .n_photos = 2,
  },
  {
    .subcategory = "Planters", .sku = "POT-PLNT-003",
    .title_en = "Madhubani Painted Terracotta Planter",
    .title_hi = "मधुबनी चित्रित टेराकोटा गमला",
    .description_en = "A terracotta pot painted by a Madhubani artist with fish, leaves and the double outlines "
                      "the Mithila style is known for. It is sealed inside, so the colours stay bright after "
                      "watering.",
    .description_hi = "टेराकोटा का गमला, जिस पर मधुबनी की कलाकार ने मछलियाँ, पत्तियाँ और मिथिला शैली की पहचान "
                      "वाली दोहरी रेखाएँ बनाई हैं। अंदर से सील किया गया है, ताकि पानी देने के बाद भी रंग चटख "
                      "बने रहें।",
    .price = RUPEES (1200),
    .tags = "madhubani, planter, hand-painted, terracotta, folk art",
    .materials = "terracotta clay, acrylic colours, water sealant",
    .width_mm = 160, .height_mm = 150, .depth_mm = 160, .weight_g = 1000, .production_minutes = 360,
    .origin = "Madhubani, Bihar", .technique = "madhubani painting", .maker = "Sunita Jha",
    .shape = SHAPE_PLANTER, .pattern = PATTERN_MADHUBANI, .flags = FLAG_PLANT,
    .base = 0xb8592f, .accent = 0xf2c230, .accent2 = 0xc0272d, .backdrop = 0xd6dfe0, .n_photos = 2,
  },
  {
    .subcategory = "Planters", .sku = "POT-PLNT-004", .draft = TRUE,
    .title_en = "Mini Succulent Pots, Set of 4",
    .title_hi = "छोटे सकुलेंट गमले, चार का सेट",
    .description_en = "Four small pots in soft pastel glazes, each with a drainage hole, sized for succulents "
                      "and cacti. They sit happily together on a windowsill.",
    .description_hi = "हल्के पेस्टल ग्लेज़ वाले चार छोटे गमले, हर एक में पानी निकलने का छेद, सकुलेंट और कैक्टस "
                      "के नाप के। खिड़की पर एक साथ रखे बहुत प्यारे लगते हैं।",
    .price = RUPEES (720),
    .tags = "succulent, mini pots, pastel, set, windowsill",
    .materials = "ceramic clay, lead-free glaze",
    .width_mm = 80, .height_mm = 75, .depth_mm = 80, .weight_g = 800, .production_minutes = 160,
    .origin = "Khurja, Uttar Pradesh", .technique = "wheel-thrown", .maker = "Rukhsana Bano",
    .shape = SHAPE_MINI_POTS, .pattern = PATTERN_PLAIN, .flags = FLAG_GLOSSY | FLAG_PLANT,
    .base = 0xe8b4a2, .accent = 0x9cc7c0, .accent2 = 0xefd89c, .backdrop = 0xf0ebe2, .n_photos = 1,
  },

  /* Textiles: scarves and stoles */
  {
    .subcategory = "Scarves & Stoles", .sku = "TEX-SCRF-001",
    .title_en = "Dabu Indigo Cotton Stole",
    .title_hi = "दाबू नील सूती स्टोल",
    .description_en = "A soft mulmul stole printed by hand with the dabu mud-resist technique: flowers are "
                      "stamped in clay paste, the cloth is dipped in indigo again and again, and the mud is "
                      "washed away. Fine crackle lines where the dye seeped through are the mark of real dabu.",
    .description_hi = "मुलायम मलमल का स्टोल, जिस पर दाबू तकनीक से हाथ से छपाई की गई है: फूल मिट्टी के लेप से "
                      "छापे जाते हैं, कपड़े को बार-बार नील में डुबोया जाता है और फिर मिट्टी धो दी जाती है। जहाँ "
                      "रंग रिसकर पहुँचा, वहाँ की बारीक दरार जैसी रेखाएँ असली दाबू की निशानी हैं।",
    .price = RUPEES (1150), .compare_at_price = RUPEES (1400),
    .tags = "indigo, dabu, stole, block print, cotton",
    .materials = "cotton, indigo dye, clay resist",
    .width_mm = 700, .height_mm = 2000, .depth_mm = 1, .weight_g = 110, .production_minutes = 900,
    .origin = "Akola, Rajasthan", .technique = "dabu block print", .maker = "Mohammed Yusuf Chhipa",
    .shape = SHAPE_SCARF, .pattern = PATTERN_FLOWER, .flags = FLAG_CRACKLE | FLAG_FLAT,
    .base = 0x22305a, .accent = 0xe2ddcf, .accent2 = 0x8e9cc0, .backdrop = 0xe8e2d6, .n_photos = 3,
  },
  {
    .subcategory = "Scarves & Stoles", .sku = "TEX-SCRF-002",
    .title_en = "Ajrakh Modal Silk Scarf",
    .title_hi = "अजरख मोडाल सिल्क स्कार्फ़",
    .description_en = "An ajrakh scarf printed in Ajrakhpur with madder red, indigo and iron black, in the "
                      "star-and-lattice pattern that takes up to sixteen rounds of printing and washing. The "
                      "modal silk drapes lightly and keeps the colours deep.",
    .description_hi = "अजरखपुर में मजीठ के लाल, नील और लोहे के काले रंग से छापा गया अजरख स्कार्फ़, तारे और जाली "
                      "वाले उस नमूने में जिसे बनाने में छपाई और धुलाई के सोलह दौर तक लगते हैं। मोडाल सिल्क "
                      "हल्के से लहराता है और रंगों की गहराई बनाए रखता है।",
    .price = RUPEES (2800), .compare_at_price = RUPEES (3200),
    .tags = "ajrakh, scarf, madder, indigo, block print, natural dye",
    .materials = "modal silk, madder, indigo dye",
    .width_mm = 550, .height_mm = 1800, .depth_mm = 1, .weight_g = 90, .production_minutes = 1500,
    .origin = "Ajrakhpur, Kutch, Gujarat", .technique = "ajrakh block print", .maker = "Rafiq Khatri",
    .shape = SHAPE_SCARF, .pattern = PATTERN_STAR, .flags = FLAG_FLAT,
    .base = 0x8e1f24, .accent = 0x1e2a55, .accent2 = 0x151515, .backdrop = 0xdcd6c8, .n_photos = 2,
  },
  {
    .subcategory = "Scarves & Stoles", .sku = "TEX-SCRF-003",
    .title_en = "Bandhani Georgette Dupatta",
    .title_hi = "बांधनी जॉर्जेट दुपट्टा",
    .description_en = "Thousands of tiny knots are tied by hand before this georgette dupatta is dyed, leaving "
                      "the dots that give bandhani its name. Magenta with saffron and white dots, finished with "
                      "a narrow gota edge.",
    .description_hi = "इस जॉर्जेट दुपट्टे को रँगने से पहले हाथ से हज़ारों छोटी-छोटी गाँठें बाँधी जाती हैं, जिनसे "
                      "वे बिंदियाँ बनती हैं जिनके कारण इसे बांधनी कहते हैं। रानी रंग पर केसरिया और सफ़ेद बिंदियाँ, "
                      "किनारे पर पतला गोटा।",
    .price = RUPEES (1950),
    .tags = "bandhani, dupatta, tie-dye, magenta, festive",
    .materials = "georgette, gota lace",
    .width_mm = 1000, .height_mm = 2250, .depth_mm = 1, .weight_g = 160, .production_minutes = 2400,
    .origin = "Bhuj, Kutch, Gujarat", .technique = "bandhani tie-dye", .maker = "Zubeda Khatri",
    .shape = SHAPE_SCARF, .pattern = PATTERN_DOTS, .flags = FLAG_FLAT,
    .base = 0xb0245a, .accent = 0xf4b42a, .accent2 = 0xf7efe6, .backdrop = 0xe2ddd3, .n_photos = 2,
  },
  {
    .subcategory = "Scarves & Stoles", .sku = "TEX-SCRF-004",
    .title_en = "Kantha Stitched Silk Stole",
    .title_hi = "कांथा कढ़ाई वाला सिल्क स्टोल",
    .description_en = "Two layers of soft silk quilted together with rows of running stitch, in the kantha "
                      "tradition of Bengal. The stitching gives the stole a gentle ripple, and no two are alike.",
    .description_hi = "बंगाल की कांथा परंपरा में मुलायम रेशम की दो परतों को कच्चे टाँकों की पंक्तियों से जोड़ा गया "
                      "है। टाँकों से स्टोल में हल्की लहर आ जाती है, और कोई भी दो स्टोल एक जैसे नहीं होते।",
    .price = RUPEES (3600), .compare_at_price = RUPEES (4200),
    .tags = "kantha, silk, stole, embroidery, hand-stitched",
    .materials = "silk, cotton thread",
    .width_mm = 700, .height_mm = 2000, .depth_mm = 2, .weight_g = 180, .production_minutes = 4200,
    .origin = "Bolpur, West Bengal", .technique = "kantha embroidery", .maker = "Shibani Das",
    .shape = SHAPE_SCARF, .pattern = PATTERN_KANTHA, .flags = FLAG_FLAT,
    .base = 0xd9a21b, .accent = 0x8c1d40, .accent2 = 0x2a5d8f, .backdrop = 0xd5dbd9, .n_photos = 2,
  },

  /* Textiles: cushion covers */
  {
    .subcategory = "Cushion Covers", .sku = "TEX-CUSH-001",
    .title_en = "Sanganeri Floral Cushion Cover",
    .title_hi = "सांगानेरी फूलदार कुशन कवर",
    .description_en = "A cotton cushion cover block printed by hand in Sanganer, with small madder-red flowers "
                      "and green leaves on a white ground. Zip closure; cushion not included. The colours are "
                      "fast, so it washes well at 30 °C.",
    .description_hi = "सांगानेर में हाथ से ब्लॉक प्रिंट किया गया सूती कुशन कवर, सफ़ेद ज़मीन पर मजीठ-लाल छोटे फूल "
                      "और हरी पत्तियाँ। ज़िप वाला; कुशन साथ नहीं है। रंग पक्के हैं, इसलिए 30 °C पर आराम से धुल "
                      "जाता है।",
    .price = RUPEES (650),
    .tags = "cushion cover, block print, floral, cotton, sanganeri",
    .materials = "cotton, madder",
    .width_mm = 400, .height_mm = 400, .depth_mm = 5, .weight_g = 120, .production_minutes = 120,
    .origin = "Sanganer, Jaipur, Rajasthan", .technique = "hand block print", .maker = "Ramesh Chhipa",
    .shape = SHAPE_CUSHION, .pattern = PATTERN_FLOWER,
    .base = 0xf6f1e6, .accent = 0xb8302f, .accent2 = 0x4f7a3a, .backdrop = 0xcfd6d2, .n_photos = 3,
  },
  {
    .subcategory = "Cushion Covers", .sku = "TEX-CUSH-002",
    .title_en = "Indigo Dabu Paisley Cushion Cover",
    .title_hi = "नील दाबू कैरी बूटी कुशन कवर",
    .description_en = "Deep indigo cotton with pale paisley buti, printed with dabu mud resist in Akola. It "
                      "softens beautifully with every wash. Envelope back, so there is no zip to catch.",
    .description_hi = "अकोला में दाबू मिट्टी-प्रतिरोध छपाई से बना गहरे नील रंग का सूती कवर, जिस पर हल्के रंग की "
                      "कैरी बूटियाँ हैं। हर धुलाई के साथ और मुलायम होता जाता है। पीछे लिफ़ाफ़े जैसा खुलाव है, "
                      "अटकने वाली ज़िप नहीं।",
    .price = RUPEES (700),
    .tags = "indigo, dabu, cushion cover, paisley, cotton",
    .materials = "cotton, indigo dye, clay resist",
    .width_mm = 400, .height_mm = 400, .depth_mm = 5, .weight_g = 130, .production_minutes = 300,
    .origin = "Akola, Rajasthan", .technique = "dabu block print", .maker = "Mohammed Yusuf Chhipa",
    .shape = SHAPE_CUSHION, .pattern = PATTERN_BUTA, .flags = FLAG_CRACKLE,
    .base = 0x1f2d55, .accent = 0xdcd8cc, .accent2 = 0x7b8bb5, .backdrop = 0xe6dfd2, .n_photos = 2,
  },
  {
    .subcategory = "Cushion Covers", .sku = "TEX-CUSH-003",
    .title_en = "Ajrakh Cushion Covers, Set of 2",
    .title_hi = "अजरख कुशन कवर, दो का सेट",
    .description_en = "A pair of cushion covers in classic ajrakh: indigo and madder stars within a black "
                      "lattice, printed on both sides. Natural dyes give the colours a soft, lived-in depth.",
    .description_hi = "क्लासिक अजरख में कुशन कवरों की जोड़ी: काली जाली के भीतर नील और मजीठ के तारे, दोनों ओर "
                      "छपाई। प्राकृतिक रंग इन्हें कोमल और अपनेपन से भरी गहराई देते हैं।",
    .price = RUPEES (1350), .compare_at_price = RUPEES (1500),
    .tags = "ajrakh, cushion cover, natural dye, set, geometric",
    .materials = "cotton, madder, indigo dye",
    .width_mm = 450, .height_mm = 450, .depth_mm = 5, .weight_g = 260, .production_minutes = 1200,
    .origin = "Ajrakhpur, Kutch, Gujarat", .technique = "ajrakh block print", .maker = "Rafiq Khatri",
    .shape = SHAPE_CUSHION, .pattern = PATTERN_STAR,
    .base = 0x1e2a55, .accent = 0x9b2226, .accent2 = 0x121212, .backdrop = 0xddd5c6, .n_photos = 2,
  },
  {
    .subcategory = "Cushion Covers", .sku = "TEX-CUSH-004",
    .title_en = "Kutch Mirror Work Cushion Cover",
    .title_hi = "कच्छी शीशा-कढ़ाई कुशन कवर",
    .description_en = "Small round mirrors held in place with tight buttonhole stitches and framed by "
                      "chain-stitch flowers, worked by women embroiderers in Kutch. Maroon cotton with orange, "
                      "green and white thread.",
    .description_hi = "छोटे गोल शीशों को कसे हुए काज-टाँकों से जड़ा गया है और उनके चारों ओर ज़ंजीरी टाँकों के "
                      "फूल हैं — यह काम कच्छ की कढ़ाई करने वाली महिलाओं का है। मैरून सूती कपड़े पर नारंगी, हरे "
                      "और सफ़ेद धागे।",
    .price = RUPEES (1650),
    .tags = "mirror work, embroidery, cushion cover, kutch, festive",
    .materials = "cotton, glass mirrors, cotton thread",
    .width_mm = 400, .height_mm = 400, .depth_mm = 8, .weight_g = 220, .production_minutes = 1800,
    .origin = "Kutch, Gujarat", .technique = "abhla mirror embroidery", .maker = "Devuben Ahir",
    .shape = SHAPE_CUSHION, .pattern = PATTERN_MIRROR,
    .base = 0x6e1423, .accent = 0xe8772e, .accent2 = 0x3f8f4a, .backdrop = 0xe4ddcf, .n_photos = 2,
  },

  /* Textiles: table linen */
  {
    .subcategory = "Table Linen", .sku = "TEX-LINN-001",
    .title_en = "Bagru Syahi-Begar Table Runner",
    .title_hi = "बगरू स्याही-बेगर टेबल रनर",
    .description_en = "A table runner in the old Bagru palette of syahi, a black from iron and jaggery, and "
                      "begar, a red from alum and madder, on an unbleached ground. Printed by hand, with "
                      "tasselled ends.",
    .description_hi = "बगरू के पुराने रंगों में बना टेबल रनर — बिना ब्लीच की ज़मीन पर स्याही, यानी लोहे और गुड़ से "
                      "बना काला, और बेगर, यानी फिटकरी और मजीठ से बना लाल। हाथ से छपाई, सिरों पर फुँदने।",
    .price = RUPEES (1100),
    .tags = "table runner, bagru, block print, natural dye, dining",
    .materials = "cotton, madder, iron-jaggery black",
    .width_mm = 350, .height_mm = 1800, .depth_mm = 2, .weight_g = 220, .production_minutes = 600,
    .origin = "Bagru, Rajasthan", .technique = "syahi-begar block print", .maker = "Vijay Chhipa",
    .shape = SHAPE_RUNNER, .pattern = PATTERN_FLOWER, .flags = FLAG_FLAT,
    .base = 0xe3d5b3, .accent = 0xa83226, .accent2 = 0x26221f, .backdrop = 0x8a6a4c, .n_photos = 2,
  },
  {
    .subcategory = "Table Linen", .sku = "TEX-LINN-002",
    .title_en = "Kalamkari Napkins, Set of 4",
    .title_hi = "कलमकारी नैपकिन, चार का सेट",
    .description_en = "Four cotton napkins printed in Pedana kalamkari with leaves and vines in madder red and "
                      "black. Each has a hand-rolled hem, and they grow softer with use.",
    .description_hi = "पेडना कलमकारी में छपे चार सूती नैपकिन, मजीठ-लाल और काले रंग में पत्तियों और बेलों के साथ। "
                      "हर नैपकिन की तुरपाई हाथ से की गई है, और इस्तेमाल के साथ ये और मुलायम होते जाते हैं।",
    .price = RUPEES (980),
    .tags = "napkins, kalamkari, dining, cotton, set",
    .materials = "cotton, natural dyes",
    .width_mm = 450, .height_mm = 450, .depth_mm = 2, .weight_g = 200, .production_minutes = 480,
    .origin = "Pedana, Andhra Pradesh", .technique = "kalamkari block print", .maker = "Venkata Ramana",
    .shape = SHAPE_NAPKINS, .pattern = PATTERN_LEAF, .flags = FLAG_FLAT,
    .base = 0xe8dcc0, .accent = 0x9c2a22, .accent2 = 0x2b2522, .backdrop = 0x6f8a86, .n_photos = 2,
  },
  {
    .subcategory = "Table Linen", .sku = "TEX-LINN-003",
    .title_en = "Indigo Dabu Tablecloth, Six Seater",
    .title_hi = "नील दाबू मेज़पोश, छह लोगों की मेज़ के लिए",
    .description_en = "A six-seater tablecloth in indigo dabu with a wide floral border. The cotton is "
                      "pre-washed, so it will not shrink, and the indigo mellows to a softer blue over the years.",
    .description_hi = "चौड़े फूलदार किनारे वाला, छह लोगों की मेज़ का नील दाबू मेज़पोश। सूती कपड़ा पहले से धुला है, "
                      "इसलिए सिकुड़ता नहीं, और बरसों में नील का रंग और कोमल नीला हो जाता है।",
    .price = RUPEES (3400), .compare_at_price = RUPEES (3900),
    .tags = "tablecloth, indigo, dabu, dining, floral",
    .materials = "cotton, indigo dye, clay resist",
    .width_mm = 1500, .height_mm = 2300, .depth_mm = 2, .weight_g = 900, .production_minutes = 2400,
    .origin = "Akola, Rajasthan", .technique = "dabu block print", .maker = "Mohammed Yusuf Chhipa",
    .shape = SHAPE_TABLECLOTH, .pattern = PATTERN_FLOWER, .flags = FLAG_CRACKLE | FLAG_FLAT,
    .base = 0x233260, .accent = 0xe2ddd0, .accent2 = 0x8a98bd, .backdrop = 0xc9b79c, .n_photos = 3,
  },
  {
    .subcategory = "Table Linen", .sku = "TEX-LINN-004", .draft = TRUE,
    .title_en = "Handloom Cotton Placemats, Set of 6",
    .title_hi = "हथकरघा सूती प्लेसमैट, छह का सेट",
    .description_en = "Six thick placemats woven on a pit loom in Kannur, with bands of rust and natural "
                      "cotton. The tight weave protects the table and washes easily.",
    .description_hi = "कन्नूर में गड्ढा-करघे पर बुने छह मोटे प्लेसमैट, जंग जैसे लाल और प्राकृतिक सूती रंग की "
                      "पट्टियों के साथ। कसी हुई बुनाई मेज़ को बचाती है और आसानी से धुल जाती है।",
    .price = RUPEES (1250),
    .tags = "placemats, handloom, cotton, striped, dining",
    .materials = "cotton",
    .width_mm = 480, .height_mm = 330, .depth_mm = 3, .weight_g = 480, .production_minutes = 720,
    .origin = "Kannur, Kerala", .technique = "handloom weaving", .maker = "Prakashan K.",
    .shape = SHAPE_NAPKINS, .pattern = PATTERN_STRIPES, .flags = FLAG_FLAT,
    .base = 0xe6dcc8, .accent = 0xa84a25, .accent2 = 0x3b3a36, .backdrop = 0x7c5b42, .n_photos = 1,
  },

  /* Jewellery: earrings */
  {
    .subcategory = "Earrings", .sku = "JWL-EAR-001",
    .title_en = "Silver Filigree Jhumkas",
    .title_hi = "चाँदी की तारकशी झुमकियाँ",
    .description_en = "Bell-shaped jhumkas in sterling silver filigree from Cuttack, where fine silver wire is "
                      "twisted, flattened and soldered into lace-like scrolls. Light enough to wear all day, with "
                      "tiny silver beads along the rim.",
    .description_hi = "कटक की चाँदी की तारकशी से बनी घंटी जैसी झुमकियाँ, जिनमें चाँदी के बारीक तार को ऐंठकर, "
                      "चपटा करके और जोड़कर जाली जैसी बेलें बनाई जाती हैं। दिन भर पहनने लायक हल्की, किनारे पर "
                      "चाँदी के छोटे मोतियों के साथ।",
    .price = RUPEES (3200), .compare_at_price = RUPEES (3600),
    .tags = "jhumka, filigree, sterling silver, earrings, festive, gift",
    .materials = "sterling silver",
    .width_mm = 28, .height_mm = 55, .depth_mm = 28, .weight_g = 14, .production_minutes = 720,
    .origin = "Cuttack, Odisha", .technique = "filigree", .maker = "Bijay Kumar Sahu",
    .shape = SHAPE_JHUMKAS, .pattern = PATTERN_FILIGREE, .flags = FLAG_GLOSSY | FLAG_FLAT,
    .base = 0xc4c8cf, .accent = 0xf4f5f7, .accent2 = 0x6b7079, .backdrop = 0x2e3b3c, .n_photos = 3,
  },
  {
    .subcategory = "Earrings", .sku = "JWL-EAR-002",
    .title_en = "Dhokra Brass Drop Earrings",
    .title_hi = "ढोकरा पीतल की लटकन बालियाँ",
    .description_en = "Drop earrings cast in brass by the Dhokra lost-wax method of Bastar: every spiral is "
                      "first coiled in beeswax thread, then covered in clay and cast, so no two pairs come out "
                      "quite the same. An antique finish brings out the texture of the wax threads.",
    .description_hi = "बस्तर की ढोकरा लुप्त-मोम विधि से पीतल में ढली लटकन बालियाँ: हर घुमाव पहले मधुमोम के धागे "
                      "से लपेटा जाता है, फिर मिट्टी से ढककर ढाला जाता है, इसलिए कोई दो जोड़ियाँ बिल्कुल एक जैसी "
                      "नहीं बनतीं। पुरानी चमक वाली फ़िनिश मोम के धागों की बनावट को उभार देती है।",
    .price = RUPEES (750),
    .tags = "dhokra, brass, earrings, tribal, lost-wax",
    .materials = "brass",
    .width_mm = 35, .height_mm = 60, .depth_mm = 5, .weight_g = 18, .production_minutes = 300,
    .origin = "Bastar, Chhattisgarh", .technique = "dhokra lost-wax casting", .maker = "Sukhchand Jhara",
    .shape = SHAPE_DROP_EARRINGS, .pattern = PATTERN_PLAIN, .flags = FLAG_FLAT,
    .base = 0xb08a3e, .accent = 0x5d4520, .accent2 = 0xe0c27a, .backdrop = 0xd9cdb8, .n_photos = 2,
  },
  {
    .subcategory = "Earrings", .sku = "JWL-EAR-003",
    .title_en = "Meenakari Chandbali Earrings",
    .title_hi = "मीनाकारी चाँदबाली",
    .description_en = "Crescent-moon chandbalis with red and green meenakari enamel set in gold-plated silver, "
                      "edged with freshwater pearls. Jaipur's meenakars fire the enamel in layers, one colour "
                      "at a time.",
    .description_hi = "सोने की परत चढ़ी चाँदी में लाल और हरे मीने वाली, अर्धचंद्र जैसी चाँदबालियाँ, किनारे पर "
                      "मीठे पानी के मोती। जयपुर के मीनाकार एक-एक रंग करके परतों में मीना पकाते हैं।",
    .price = RUPEES (2100),
    .tags = "chandbali, meenakari, earrings, festive, pearl",
    .materials = "gold-plated silver, enamel, freshwater pearls",
    .width_mm = 45, .height_mm = 60, .depth_mm = 6, .weight_g = 22, .production_minutes = 900,
    .origin = "Jaipur, Rajasthan", .technique = "meenakari enamelling", .maker = "Kamal Soni",
    .shape = SHAPE_CHANDBALIS, .pattern = PATTERN_PLAIN, .flags = FLAG_GLOSSY | FLAG_FLAT,
    .base = 0xd2a43e, .accent = 0xb3122e, .accent2 = 0x1b7a3e, .backdrop = 0x3b1f2c, .n_photos = 2,
  },
  {
    .subcategory = "Earrings", .sku = "JWL-EAR-004",
    .title_en = "Painted Terracotta Jhumkas",
    .title_hi = "चित्रित टेराकोटा झुमके",
    .description_en = "Light terracotta jhumkas shaped and fired in Bishnupur, then painted with dots and bands "
                      "in white, mustard and black. A cheerful everyday pair on nickel-free hooks.",
    .description_hi = "बिष्णुपुर में गढ़े और पकाए गए हल्के टेराकोटा झुमके, जिन पर सफ़ेद, सरसों-पीले और काले रंग "
                      "से बिंदियाँ और पट्टियाँ बनाई गई हैं। निकल-मुक्त हुक वाली, रोज़ पहनने की ख़ुशनुमा जोड़ी।",
    .price = RUPEES (450),
    .tags = "terracotta, jhumka, earrings, hand-painted, everyday",
    .materials = "terracotta clay, acrylic colours, stainless steel hooks",
    .width_mm = 35, .height_mm = 60, .depth_mm = 35, .weight_g = 16, .production_minutes = 180,
    .origin = "Bishnupur, West Bengal", .technique = "hand-painted terracotta", .maker = "Mitali Pal",
    .shape = SHAPE_JHUMKAS, .pattern = PATTERN_DOTS, .flags = FLAG_FLAT,
    .base = 0xa5472a, .accent = 0xf2ead8, .accent2 = 0xd9a21b, .backdrop = 0xe8dfcf, .n_photos = 2,
  },

  /* Jewellery: necklaces */
  {
    .subcategory = "Necklaces", .sku = "JWL-NECK-001",
    .title_en = "Silver Filigree Leaf Pendant",
    .title_hi = "चाँदी की तारकशी पत्ती पेंडेंट",
    .description_en = "A leaf-shaped pendant of Cuttack tarakasi, hundreds of silver scrolls soldered inside a "
                      "twisted frame, on an 18-inch sterling silver chain. It catches the light from every side.",
    .description_hi = "कटक की तारकशी से बना पत्ती के आकार का पेंडेंट, जिसमें ऐंठे हुए फ़्रेम के भीतर चाँदी की "
                      "सैकड़ों बेलें जोड़ी गई हैं, 18 इंच की चाँदी की चेन के साथ। यह हर ओर से रोशनी पकड़ता है।",
    .price = RUPEES (4800), .compare_at_price = RUPEES (5400),
    .tags = "pendant, filigree, sterling silver, necklace, gift",
    .materials = "sterling silver",
    .width_mm = 30, .height_mm = 50, .depth_mm = 4, .weight_g = 12, .production_minutes = 900,
    .origin = "Cuttack, Odisha", .technique = "filigree", .maker = "Bijay Kumar Sahu",
    .shape = SHAPE_PENDANT, .pattern = PATTERN_FILIGREE, .flags = FLAG_GLOSSY | FLAG_FLAT,
    .base = 0xc4c8cf, .accent = 0xf4f5f7, .accent2 = 0x6b7079, .backdrop = 0x243039, .n_photos = 3,
  },
  {
    .subcategory = "Necklaces", .sku = "JWL-NECK-002",
    .title_en = "Dhokra Brass Bead Necklace",
    .title_hi = "ढोकरा पीतल मनकों का हार",
    .description_en = "Chunky brass beads and a sun-disc centrepiece, all cast by the Dhokra lost-wax method in "
                      "Bastar and strung on a black cotton cord with an adjustable knot. A bold, earthy "
                      "statement piece.",
    .description_hi = "बस्तर में ढोकरा लुप्त-मोम विधि से ढले पीतल के मोटे मनके और बीच में सूर्य-चक्र, काली सूती "
                      "डोरी में पिरोए गए, जिसकी गाँठ से लंबाई घटाई-बढ़ाई जा सकती है। मिट्टी से जुड़ा, दमदार गहना।",
    .price = RUPEES (1650),
    .tags = "dhokra, brass, necklace, tribal, statement",
    .materials = "brass, cotton cord",
    .width_mm = 160, .height_mm = 280, .depth_mm = 15, .weight_g = 95, .production_minutes = 720,
    .origin = "Bastar, Chhattisgarh", .technique = "dhokra lost-wax casting", .maker = "Sukhchand Jhara",
    .shape = SHAPE_BEAD_NECKLACE, .pattern = PATTERN_PLAIN, .flags = FLAG_FLAT,
    .base = 0xb08a3e, .accent = 0x1a1a1a, .accent2 = 0x5d4520, .backdrop = 0xd8ccb6, .n_photos = 2,
  },
  {
    .subcategory = "Necklaces", .sku = "JWL-NECK-003",
    .title_en = "Kundan Meenakari Choker",
    .title_hi = "कुंदन मीनाकारी चोकर",
    .description_en = "A bridal choker of kundan-set glass stones in gold-plated silver, with red meenakari on "
                      "the reverse and green drops and seed pearls below. Made over three weeks in a Jaipur "
                      "workshop, with matching silk dori ties.",
    .description_hi = "सोने की परत चढ़ी चाँदी में कुंदन जड़े काँच के नगों वाला दुल्हन का चोकर, पीछे की ओर लाल "
                      "मीनाकारी और नीचे हरी लटकनें और छोटे मोती। जयपुर की एक कार्यशाला में तीन हफ़्तों में बना, "
                      "साथ में मेल खाती रेशमी डोरी।",
    .price = RUPEES (11500), .compare_at_price = RUPEES (12000),
    .tags = "kundan, meenakari, choker, bridal, necklace, festive",
    .materials = "gold-plated silver, kundan glass, enamel, seed pearls",
    .width_mm = 140, .height_mm = 70, .depth_mm = 8, .weight_g = 85, .production_minutes = 9000,
    .origin = "Jaipur, Rajasthan", .technique = "kundan meenakari", .maker = "Kamal Soni",
    .shape = SHAPE_CHOKER, .pattern = PATTERN_PLAIN, .flags = FLAG_GLOSSY | FLAG_FLAT,
    .base = 0xd2a43e, .accent = 0xb3122e, .accent2 = 0x1b7a3e, .backdrop = 0x4a1624, .n_photos = 3,
  },
  {
    .subcategory = "Necklaces", .sku = "JWL-NECK-004", .draft = TRUE,
    .title_en = "Temple Coin Necklace (Kasu Mala)",
    .title_hi = "मंदिर शैली सिक्कों का हार (कासु माला)",
    .description_en = "A kasu mala of hand-stamped coins in gold-plated brass, in the temple jewellery style of "
                      "Nagercoil. The coins sit close together and move with a soft chime.",
    .description_hi = "नागरकोइल की मंदिर आभूषण शैली में, सोने की परत चढ़े पीतल के हाथ से ठप्पा लगे सिक्कों की "
                      "कासु माला। सिक्के पास-पास बैठते हैं और हल्की खनक के साथ हिलते हैं।",
    .price = RUPEES (2650),
    .tags = "kasu mala, temple jewellery, coin necklace, gold-plated, festive",
    .materials = "gold-plated brass",
    .width_mm = 150, .height_mm = 320, .depth_mm = 6, .weight_g = 110, .production_minutes = 1500,
    .origin = "Nagercoil, Tamil Nadu", .technique = "hand-stamped", .maker = "Murugan Achari",
    .shape = SHAPE_COIN_NECKLACE, .pattern = PATTERN_PLAIN, .flags = FLAG_GLOSSY | FLAG_FLAT,
    .base = 0xd8ab44, .accent = 0x7a5a1c, .accent2 = 0xf3dc95, .backdrop = 0x5a1f1a, .n_photos = 1,
  },

  /* Woodwork: kitchen */
  {
    .subcategory = "Kitchen", .sku = "WOD-KIT-001",
    .title_en = "Sheesham Serving Spoon and Spatula",
    .title_hi = "शीशम का परोसने वाला चम्मच और पलटा",
    .description_en = "A serving spoon and a flat spatula carved from one plank of sheesham, sanded smooth and "
                      "finished with food-safe linseed oil. The dense wood will not scratch non-stick pans.",
    .description_hi = "शीशम के एक ही तख़्ते से तराशे गए परोसने का चम्मच और चपटा पलटा, घिसकर चिकने किए गए और "
                      "खाने के लिए सुरक्षित अलसी के तेल से फ़िनिश किए गए। घनी लकड़ी नॉन-स्टिक बर्तनों पर खरोंच "
                      "नहीं डालती।",
    .price = RUPEES (550),
    .tags = "wooden spoon, sheesham, kitchen, carved, non-stick safe",
    .materials = "sheesham wood, linseed oil",
    .width_mm = 70, .height_mm = 300, .depth_mm = 15, .weight_g = 120, .production_minutes = 120,
    .origin = "Saharanpur, Uttar Pradesh", .technique = "hand-carved", .maker = "Irfan Ansari",
    .shape = SHAPE_SPOONS, .pattern = PATTERN_PLAIN, .flags = FLAG_FLAT,
    .base = 0x8f5c36, .accent = 0x5b3a20, .accent2 = 0xc79a6a, .backdrop = 0xe6e1d8, .n_photos = 2,
  },
  {
    .subcategory = "Kitchen", .sku = "WOD-KIT-002",
    .title_en = "Mango Wood Chopping Board",
    .title_hi = "आम की लकड़ी का चॉपिंग बोर्ड",
    .description_en = "A chopping board cut from reclaimed mango wood, with a carved handle and a hanging hole. "
                      "Mango wood is hard-wearing and gentle on knife edges; oil it now and then to keep it "
                      "looking new.",
    .description_hi = "दोबारा काम में ली गई आम की लकड़ी से बना चॉपिंग बोर्ड, नक्काशीदार हत्थे और टाँगने के छेद के "
                      "साथ। आम की लकड़ी टिकाऊ होती है और चाकू की धार को नुक़सान नहीं पहुँचाती; नया जैसा बनाए "
                      "रखने के लिए कभी-कभी तेल लगाएँ।",
    .price = RUPEES (1250), .compare_at_price = RUPEES (1450),
    .tags = "chopping board, mango wood, kitchen, reclaimed, serving",
    .materials = "mango wood, linseed oil",
    .width_mm = 200, .height_mm = 400, .depth_mm = 18, .weight_g = 900, .production_minutes = 150,
    .origin = "Saharanpur, Uttar Pradesh", .technique = "hand-carved", .maker = "Irfan Ansari",
    .shape = SHAPE_BOARD, .pattern = PATTERN_PLAIN, .flags = FLAG_FLAT,
    .base = 0xc39665, .accent = 0x8c6239, .accent2 = 0xe0bf8f, .backdrop = 0xd3d9d4, .n_photos = 2,
  },
  {
    .subcategory = "Kitchen", .sku = "WOD-KIT-003",
    .title_en = "Neem Wood Chakla Belan",
    .title_hi = "नीम की लकड़ी का चकला-बेलन",
    .description_en = "A round chakla on three short feet and a tapered belan, turned on a lathe from seasoned "
                      "neem wood. Made for rolling rotis that come out evenly thin.",
    .description_hi = "तीन छोटे पायों वाला गोल चकला और पतले सिरों वाला बेलन, पकी हुई नीम की लकड़ी से खराद पर "
                      "बनाए गए। एक-सी पतली रोटियाँ बेलने के लिए बने हैं।",
    .price = RUPEES (890),
    .tags = "chakla belan, rolling pin, neem wood, kitchen, roti",
    .materials = "neem wood",
    .width_mm = 260, .height_mm = 40, .depth_mm = 260, .weight_g = 1100, .production_minutes = 180,
    .origin = "Hoshiarpur, Punjab", .technique = "lathe-turned", .maker = "Gurdeep Singh",
    .shape = SHAPE_CHAKLA, .pattern = PATTERN_PLAIN,
    .base = 0xd2a86f, .accent = 0x9a7040, .accent2 = 0xe8c99a, .backdrop = 0xdcd3c4, .n_photos = 2,
  },
  {
    .subcategory = "Kitchen", .sku = "WOD-KIT-004",
    .title_en = "Kashmiri Walnut Wood Salad Bowl",
    .title_hi = "कश्मीरी अखरोट की लकड़ी का सलाद बाउल",
    .description_en = "A wide salad bowl turned from Kashmiri walnut and carved on the outside with chinar "
                      "leaves. The grain deepens to a rich brown with use; wipe it clean and oil it now and then.",
    .description_hi = "कश्मीरी अखरोट की लकड़ी से खरादा गया चौड़ा सलाद बाउल, बाहर की ओर चिनार की पत्तियों की "
                      "नक्काशी के साथ। इस्तेमाल के साथ लकड़ी की धारियाँ गहरे भूरे रंग में निखरती हैं; पोंछकर साफ़ "
                      "करें और कभी-कभी तेल लगाएँ।",
    .price = RUPEES (2900),
    .tags = "salad bowl, walnut wood, kashmir, carved, serving",
    .materials = "walnut wood, walnut oil",
    .width_mm = 280, .height_mm = 110, .depth_mm = 280, .weight_g = 750, .production_minutes = 600,
    .origin = "Srinagar, Jammu and Kashmir", .technique = "hand-carved", .maker = "Ghulam Nabi Dar",
    .shape = SHAPE_BOWL, .pattern = PATTERN_LEAF,
    .base = 0x6e4629, .accent = 0x3e2514, .accent2 = 0xa77c53, .backdrop = 0xe3ddd2, .n_photos = 2,
  },

  /* Woodwork: toys */
  {
    .subcategory = "Toys", .sku = "WOD-TOY-001",
    .title_en = "Channapatna Stacking Rings",
    .title_hi = "चन्नपटना के रंग-बिरंगे छल्लों का खिलौना",
    .description_en = "A stacking toy turned in Channapatna from soft hale wood and coloured with lac and "
                      "vegetable dyes, the way toymakers there have worked for two centuries. Smooth, rounded "
                      "and safe for small hands.",
    .description_hi = "चन्नपटना में हल्की हाले लकड़ी से खराद पर बना और लाख व वनस्पति रंगों से रँगा छल्ले जमाने "
                      "वाला खिलौना, ठीक वैसे जैसे वहाँ के खिलौना-कारीगर दो सदियों से बनाते आए हैं। चिकना, गोल "
                      "किनारों वाला और छोटे हाथों के लिए सुरक्षित।",
    .price = RUPEES (650), .compare_at_price = RUPEES (750),
    .tags = "channapatna, wooden toy, stacking, lac, toddler",
    .materials = "hale wood, lac, vegetable dyes",
    .width_mm = 120, .height_mm = 180, .depth_mm = 120, .weight_g = 300, .production_minutes = 180,
    .origin = "Channapatna, Karnataka", .technique = "lac-turned", .maker = "Shivanna R.",
    .shape = SHAPE_STACKING_RINGS, .pattern = PATTERN_PLAIN, .flags = FLAG_GLOSSY,
    .base = 0xe2c48e, .accent = 0xc8202f, .accent2 = 0x1d4e9e, .backdrop = 0xd8e0e4, .n_photos = 3,
  },
  {
    .subcategory = "Toys", .sku = "WOD-TOY-002",
    .title_en = "Channapatna Spinning Tops, Set of 3",
    .title_hi = "चन्नपटना लट्टू, तीन का सेट",
    .description_en = "Three lattoos turned from hale wood and banded in lac colours while they spin on the "
                      "lathe. They spin long and true on any flat floor.",
    .description_hi = "हाले लकड़ी से खरादे गए तीन लट्टू, जिन पर खराद पर घूमते-घूमते लाख के रंगों की पट्टियाँ "
                      "चढ़ाई जाती हैं। किसी भी समतल फ़र्श पर देर तक सीधे घूमते हैं।",
    .price = RUPEES (420),
    .tags = "lattoo, spinning top, channapatna, lac, wooden toy",
    .materials = "hale wood, lac",
    .width_mm = 55, .height_mm = 60, .depth_mm = 55, .weight_g = 120, .production_minutes = 90,
    .origin = "Channapatna, Karnataka", .technique = "lac-turned", .maker = "Shivanna R.",
    .shape = SHAPE_TOPS, .pattern = PATTERN_BANDS, .flags = FLAG_GLOSSY,
    .base = 0xe2c48e, .accent = 0xe8681c, .accent2 = 0x1f8a4c, .backdrop = 0xeee3cf, .n_photos = 2,
  },
  {
    .subcategory = "Toys", .sku = "WOD-TOY-003",
    .title_en = "Etikoppaka Baby Rattle",
    .title_hi = "एटिकोप्पका का बच्चों का झुनझुना",
    .description_en = "A baby rattle from Etikoppaka, turned from soft ankudu wood and coloured with natural lac "
                      "dyes made from seeds, bark and roots. The rounded ends are easy to grip and safe to chew.",
    .description_hi = "एटिकोप्पका का झुनझुना, नरम अंकुडु लकड़ी से खरादा गया और बीजों, छाल और जड़ों से बने "
                      "प्राकृतिक लाख रंगों से रँगा गया। गोल सिरे पकड़ने में आसान हैं और मुँह में लेने पर भी सुरक्षित।",
    .price = RUPEES (380),
    .tags = "rattle, baby, etikoppaka, natural dye, wooden toy",
    .materials = "ankudu wood, lac, natural dyes",
    .width_mm = 50, .height_mm = 150, .depth_mm = 50, .weight_g = 60, .production_minutes = 60,
    .origin = "Etikoppaka, Andhra Pradesh", .technique = "lac-turned", .maker = "Chinna Rao",
    .shape = SHAPE_RATTLE, .pattern = PATTERN_BANDS, .flags = FLAG_GLOSSY,
    .base = 0xf2b705, .accent = 0xc8202f, .accent2 = 0x1f8a4c, .backdrop = 0xd9d2e0, .n_photos = 2,
  },
  {
    .subcategory = "Toys", .sku = "WOD-TOY-004",
    .title_en = "Channapatna Pull-Along Train",
    .title_hi = "चन्नपटना की खींचने वाली रेलगाड़ी",
    .description_en = "An engine and two wagons in glossy lac colours, joined by wooden pegs and pulled along on "
                      "a cotton string. Every edge is rounded, and the wheels turn freely.",
    .description_hi = "चमकीले लाख रंगों में एक इंजन और दो डिब्बे, जो लकड़ी की खूँटियों से जुड़े हैं और सूती डोरी से "
                      "खींचे जाते हैं। हर किनारा गोल है और पहिये आसानी से घूमते हैं।",
    .price = RUPEES (1150), .compare_at_price = RUPEES (1300),
    .tags = "train, pull-along, channapatna, wooden toy, gift",
    .materials = "hale wood, lac, cotton string",
    .width_mm = 380, .height_mm = 110, .depth_mm = 70, .weight_g = 420, .production_minutes = 300,
    .origin = "Channapatna, Karnataka", .technique = "lac-turned", .maker = "Nagaraju K.",
    .shape = SHAPE_TRAIN, .pattern = PATTERN_PLAIN, .flags = FLAG_GLOSSY,
    .base = 0xc8202f, .accent = 0xf2b705, .accent2 = 0x1d4e9e, .backdrop = 0xdfe6df, .n_photos = 2,
  },
};

/* Colours */

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb white = { 1.0, 1.0, 1.0 };
static const Rgb black = { 0.0, 0.0, 0.0 };

/* Lac colours of Channapatna and Etikoppaka toys. */
static const guint32 lac_colours[] = { 0xc8202f, 0xf2b705, 0x1f8a4c, 0x1d4e9e, 0xe8681c, 0xd6337f };

static Rgb
rgb (guint32 hex)
{
  return (Rgb) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0 };
}

static Rgb
mix (Rgb   a,
     Rgb   b,
     double t)
{
  return (Rgb) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

/* Below 1 darkens; above 1 moves towards white. */
static Rgb
shade (Rgb    c,
       double f)
{
  if (f <= 1.0)
    return (Rgb) { c.r * f, c.g * f, c.b * f };
  return mix (c, white, MIN (f - 1.0, 1.0));
}

static void
set_colour (cairo_t *cr,
            Rgb      c,
            double   alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static void
add_stop (cairo_pattern_t *pattern,
          double           offset,
          Rgb              c,
          double           alpha)
{
  cairo_pattern_add_color_stop_rgba (pattern, offset, c.r, c.g, c.b, alpha);
}

static void
paint_with (cairo_t         *cr,
            cairo_pattern_t *pattern)
{
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
}

static void
fill_with (cairo_t         *cr,
           cairo_pattern_t *pattern,
           gboolean         preserve)
{
  cairo_set_source (cr, pattern);
  if (preserve)
    cairo_fill_preserve (cr);
  else
    cairo_fill (cr);
  cairo_pattern_destroy (pattern);
}

/* The scene one photo is drawn from. */
typedef struct
{
  cairo_t         *cr;
  GRand           *rand;
  const DemoPiece *piece;
  Rgb              base;
  Rgb              accent;
  Rgb              accent2;
} Scene;

static double
rnd (Scene  *s,
     double  lo,
     double  hi)
{
  return g_rand_double_range (s->rand, lo, hi);
}

static void
ellipse_path (cairo_t *cr,
              double   cx,
              double   cy,
              double   rx,
              double   ry)
{
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, MAX (rx, 0.01), MAX (ry, 0.01));
  cairo_new_sub_path (cr);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_close_path (cr);
  cairo_restore (cr);
}

/* Continues the current path along an elliptical arc. */
static void
ellipse_arc (cairo_t *cr,
             double   cx,
             double   cy,
             double   rx,
             double   ry,
             double   from,
             double   to)
{
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, MAX (rx, 0.01), MAX (ry, 0.01));
  if (to >= from)
    cairo_arc (cr, 0, 0, 1, from, to);
  else
    cairo_arc_negative (cr, 0, 0, 1, from, to);
  cairo_restore (cr);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A paper sweep: wall fading into the floor, darker towards the corners. */
static void
draw_sweep (cairo_t *cr,
            Rgb      tone,
            double   horizon)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (0, 0, 0, UNITS);

  add_stop (pattern, 0.0, shade (tone, 1.22), 1);
  add_stop (pattern, horizon - 0.08, shade (tone, 1.08), 1);
  add_stop (pattern, horizon + 0.08, shade (tone, 0.95), 1);
  add_stop (pattern, 1.0, shade (tone, 0.84), 1);
  paint_with (cr, pattern);

  pattern = cairo_pattern_create_radial (UNITS / 2, UNITS * 0.45, UNITS * 0.25,
                                         UNITS / 2, UNITS * 0.45, UNITS * 0.85);
  add_stop (pattern, 0, black, 0);
  add_stop (pattern, 1, black, 0.28);
  paint_with (cr, pattern);
}

/* A cloth or table seen from above: even light, a faint weave. */
static void
draw_flat_surface (Scene *s,
                   Rgb    tone)
{
  cairo_t *cr = s->cr;
  cairo_pattern_t *pattern;

  pattern = cairo_pattern_create_linear (0, 0, UNITS, UNITS);
  add_stop (pattern, 0, shade (tone, 1.1), 1);
  add_stop (pattern, 1, shade (tone, 0.88), 1);
  paint_with (cr, pattern);

  /* The weave, drawn once on a tile and repeated: a stroke per thread
   * across the whole photo would cost more than the rest of it. */
  {
    cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
    cairo_t *tcr = cairo_create (tile);

    cairo_set_line_width (tcr, 1.0);
    for (int i = 0; i < 50; i++)
      {
        double p = i * 4.0 + 0.5;

        cairo_move_to (tcr, 0, p + rnd (s, -0.4, 0.4));
        cairo_line_to (tcr, 200, p + rnd (s, -0.4, 0.4));
        set_colour (tcr, i % 2 ? white : black, rnd (s, 0.02, 0.06));
        cairo_stroke (tcr);
        cairo_move_to (tcr, p, 0);
        cairo_line_to (tcr, p, 200);
        set_colour (tcr, black, rnd (s, 0.015, 0.045));
        cairo_stroke (tcr);
      }
    cairo_destroy (tcr);
    pattern = cairo_pattern_create_for_surface (tile);
    cairo_surface_destroy (tile);
    cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
    paint_with (cr, pattern);
  }

  pattern = cairo_pattern_create_radial (UNITS / 2, UNITS / 2, UNITS * 0.3,
                                         UNITS / 2, UNITS / 2, UNITS * 0.8);
  add_stop (pattern, 0, black, 0);
  add_stop (pattern, 1, black, 0.3);
  paint_with (cr, pattern);
}

/* A soft contact shadow on the floor. */
static void
floor_shadow (cairo_t *cr,
              double   cx,
              double   cy,
              double   rx,
              double   ry,
              double   strength)
{
  cairo_pattern_t *pattern;

  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, rx, ry);
  pattern = cairo_pattern_create_radial (0, 0, 0, 0, 0, 1);
  add_stop (pattern, 0, black, strength);
  add_stop (pattern, 0.5, black, strength * 0.6);
  add_stop (pattern, 1, black, 0);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  fill_with (cr, pattern, FALSE);
  cairo_restore (cr);
}

/* A blurred drop shadow of the current path, for things lying flat. The
 * path is kept. */
static void
drop_shadow (cairo_t *cr,
             double   dx,
             double   dy,
             double   spread,
             double   strength)
{
  cairo_path_t *path = cairo_copy_path (cr);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_translate (cr, dx, dy);
  cairo_append_path (cr, path);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int i = 6; i >= 1; i--)
    {
      set_colour (cr, black, strength / 7.0);
      cairo_set_line_width (cr, spread * i / 3.0);
      cairo_stroke_preserve (cr);
    }
  set_colour (cr, black, strength * 0.6);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_new_path (cr);
  cairo_append_path (cr, path);
  cairo_path_destroy (path);
}

/* Turned vessels: a profile (radius against height) spun on the wheel,
 * seen from slightly above. */

typedef struct
{
  double y;   /* 0 at the top, 1 at the foot */
  double r;   /* of the vessel's radius */
} ProfilePoint;

#define PROFILE_SAMPLES 160

typedef struct
{
  double cx;
  double top;
  double height;
  double radius;
  double tilt;              /* ry / rx of a horizontal circle */
  /* The smooth profile, sampled top to bottom. */
  double ys[PROFILE_SAMPLES];
  double rs[PROFILE_SAMPLES];
  guint n_samples;
} Vessel;

static void
catmull (const double *v,
         guint         n,
         guint         i,
         double        t,
         double       *out)
{
  double p0 = v[i > 0 ? i - 1 : 0];
  double p1 = v[i];
  double p2 = v[i + 1];
  double p3 = v[i + 2 < n ? i + 2 : n - 1];
  double t2 = t * t;
  double t3 = t2 * t;

  *out = 0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 +
                (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
}

static void
vessel_init (Vessel             *v,
             double              cx,
             double              top,
             double              height,
             double              radius,
             double              tilt,
             const ProfilePoint *points,
             guint               n_points)
{
  double xs[16], ys[16];
  guint per;

  g_assert (n_points >= 2 && n_points <= G_N_ELEMENTS (xs));

  v->cx = cx;
  v->top = top;
  v->height = height;
  v->radius = radius;
  v->tilt = tilt;

  for (guint i = 0; i < n_points; i++)
    {
      xs[i] = points[i].r * radius;
      ys[i] = top + points[i].y * height;
    }
  per = (PROFILE_SAMPLES - 1) / (n_points - 1);
  v->n_samples = 0;
  for (guint i = 0; i + 1 < n_points; i++)
    for (guint k = 0; k < per; k++)
      {
        double t = (double) k / per;

        catmull (xs, n_points, i, t, &v->rs[v->n_samples]);
        catmull (ys, n_points, i, t, &v->ys[v->n_samples]);
        v->n_samples++;
      }
  v->rs[v->n_samples] = xs[n_points - 1];
  v->ys[v->n_samples] = ys[n_points - 1];
  v->n_samples++;
}

static double
vessel_top (const Vessel *v)
{
  return v->ys[0];
}

static double
vessel_bottom (const Vessel *v)
{
  return v->ys[v->n_samples - 1];
}

static double
vessel_max_radius (const Vessel *v)
{
  double r = 0;

  for (guint i = 0; i < v->n_samples; i++)
    r = MAX (r, v->rs[i]);
  return r;
}

static double
vessel_radius_at (const Vessel *v,
                  double        y)
{
  if (y <= v->ys[0])
    return v->rs[0];
  for (guint i = 1; i < v->n_samples; i++)
    if (y <= v->ys[i])
      {
        double span = v->ys[i] - v->ys[i - 1];
        double t = span > 0 ? (y - v->ys[i - 1]) / span : 0;

        return v->rs[i - 1] + (v->rs[i] - v->rs[i - 1]) * t;
      }
  return v->rs[v->n_samples - 1];
}

/* Where a point of the surface lands: phi is 0 facing the camera,
 * ±π/2 at the silhouette. */
static void
vessel_point (const Vessel *v,
              double        phi,
              double        y,
              double       *px,
              double       *py)
{
  double r = vessel_radius_at (v, y);

  *px = v->cx + r * sin (phi);
  *py = y + r * v->tilt * cos (phi);
}

static void
vessel_outline (cairo_t      *cr,
                const Vessel *v)
{
  guint n = v->n_samples;

  cairo_new_path (cr);
  ellipse_arc (cr, v->cx, v->ys[0], v->rs[0], v->rs[0] * v->tilt, G_PI, 2 * G_PI);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, v->cx + v->rs[i], v->ys[i]);
  ellipse_arc (cr, v->cx, v->ys[n - 1], v->rs[n - 1], v->rs[n - 1] * v->tilt, 0, G_PI);
  for (guint i = n; i-- > 0;)
    cairo_line_to (cr, v->cx - v->rs[i], v->ys[i]);
  cairo_close_path (cr);
}

/* Light from the upper left on a body of revolution: each slice gets a
 * gradient as wide as the body is there. Expects a clip to the body. */
static void
vessel_light (cairo_t      *cr,
              const Vessel *v,
              gboolean      glossy)
{
  double top = vessel_top (v) - v->rs[0] * v->tilt;
  double bottom = vessel_bottom (v) + v->rs[v->n_samples - 1] * v->tilt;
  double step = 3.0;

  /* Slices must abut exactly: antialiased edges would show as stripes. */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (double y = top; y < bottom; y += step)
    {
      double r = MAX (vessel_radius_at (v, y + step / 2), 1.0);
      cairo_pattern_t *pattern = cairo_pattern_create_linear (v->cx - r, 0, v->cx + r, 0);

      add_stop (pattern, 0.0, black, 0.55);
      add_stop (pattern, 0.12, black, 0.28);
      add_stop (pattern, 0.33, white, glossy ? 0.16 : 0.1);
      add_stop (pattern, 0.5, black, 0.0);
      add_stop (pattern, 0.78, black, 0.2);
      add_stop (pattern, 1.0, black, 0.6);
      cairo_rectangle (cr, v->cx - r - 4, y, 2 * r + 8, step);
      fill_with (cr, pattern, FALSE);

      if (glossy)
        {
          pattern = cairo_pattern_create_linear (v->cx - r * 0.55, 0, v->cx - r * 0.2, 0);
          add_stop (pattern, 0.0, white, 0);
          add_stop (pattern, 0.45, white, 0.5);
          add_stop (pattern, 1.0, white, 0);
          cairo_rectangle (cr, v->cx - r * 0.55, y, r * 0.35, step);
          fill_with (cr, pattern, FALSE);
        }
    }
  cairo_restore (cr);

  /* Occlusion near the floor. */
  {
    cairo_pattern_t *pattern = cairo_pattern_create_linear (0, bottom - v->height * 0.3, 0, bottom);

    add_stop (pattern, 0, black, 0);
    add_stop (pattern, 1, black, 0.3);
    paint_with (cr, pattern);
  }
}

/* The open mouth: the rim, and the inside wall lit from above. */
static void
vessel_mouth (cairo_t      *cr,
              const Vessel *v,
              Rgb           rim,
              Rgb           inside)
{
  double r = v->rs[0];
  double lip = MAX (3.0, r * 0.07);
  cairo_pattern_t *pattern;

  ellipse_path (cr, v->cx, v->ys[0], r, r * v->tilt);
  set_colour (cr, shade (rim, 1.08), 1);
  cairo_fill (cr);

  ellipse_path (cr, v->cx, v->ys[0] + lip * 0.15, r - lip, (r - lip) * v->tilt);
  pattern = cairo_pattern_create_linear (0, v->ys[0] - r * v->tilt, 0, v->ys[0] + r * v->tilt);
  add_stop (pattern, 0, shade (inside, 0.85), 1);
  add_stop (pattern, 0.7, shade (inside, 0.45), 1);
  add_stop (pattern, 1, shade (inside, 0.3), 1);
  fill_with (cr, pattern, FALSE);

  cairo_set_line_width (cr, 2.0);
  ellipse_arc (cr, v->cx, v->ys[0], r - 1, (r - 1) * v->tilt, 0.1, G_PI - 0.1);
  set_colour (cr, white, 0.45);
  cairo_stroke (cr);
  cairo_new_path (cr);
}

/* A closed top (a toy, a lid): a lit cap. */
static void
vessel_cap (cairo_t      *cr,
            const Vessel *v,
            Rgb           colour)
{
  double r = v->rs[0];
  cairo_pattern_t *pattern;

  ellipse_path (cr, v->cx, v->ys[0], r, r * v->tilt);
  pattern = cairo_pattern_create_linear (v->cx - r, v->ys[0] - r * v->tilt, v->cx + r, v->ys[0] + r * v->tilt);
  add_stop (pattern, 0, shade (colour, 1.25), 1);
  add_stop (pattern, 1, shade (colour, 0.8), 1);
  fill_with (cr, pattern, FALSE);
}

typedef void (*DecorateFunc) (Scene *s, const Vessel *v);

static void
draw_vessel_body (Scene        *s,
                  const Vessel *v,
                  Rgb           colour,
                  DecorateFunc  decorate,
                  gboolean      glossy)
{
  cairo_t *cr = s->cr;

  cairo_save (cr);
  vessel_outline (cr, v);
  set_colour (cr, colour, 1);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  if (decorate != NULL)
    decorate (s, v);
  vessel_light (cr, v, glossy);
  cairo_restore (cr);
}

/* A ring around the body at height y, front half only. */
static void
vessel_ring (cairo_t      *cr,
             const Vessel *v,
             double        y,
             double        width,
             Rgb           colour,
             double        alpha)
{
  double r = vessel_radius_at (v, y);

  cairo_new_path (cr);
  ellipse_arc (cr, v->cx, y, r + 1, (r + 1) * v->tilt, -0.05, G_PI + 0.05);
  cairo_set_line_width (cr, width);
  set_colour (cr, colour, alpha);
  cairo_stroke (cr);
}

/* A small flower painted on the surface, foreshortened towards the edges. */
static void
surface_flower (Scene        *s,
                const Vessel *v,
                double        phi,
                double        y,
                double        size,
                Rgb           petals,
                Rgb           heart)
{
  cairo_t *cr = s->cr;
  double x, py;

  vessel_point (v, phi, y, &x, &py);
  cairo_save (cr);
  cairo_translate (cr, x, py);
  cairo_scale (cr, MAX (cos (phi), 0.05), 1);
  for (int k = 0; k < 6; k++)
    {
      cairo_save (cr);
      cairo_rotate (cr, k * G_PI / 3);
      ellipse_path (cr, 0, -size * 0.55, size * 0.24, size * 0.48);
      set_colour (cr, petals, 0.95);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_arc (cr, 0, 0, size * 0.22, 0, 2 * G_PI);
  set_colour (cr, heart, 1);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
decorate_bands (Scene        *s,
                const Vessel *v)
{
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;

  vessel_ring (s->cr, v, top + h * 0.08, h * 0.025, s->accent, 0.85);
  vessel_ring (s->cr, v, top + h * 0.13, h * 0.008, s->accent2, 0.9);
  vessel_ring (s->cr, v, top + h * 0.82, h * 0.012, s->accent, 0.7);
  vessel_ring (s->cr, v, top + h * 0.9, h * 0.05, s->accent, 0.5);
}

static void
decorate_vines (Scene        *s,
                const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;
  double size = vessel_max_radius (v) * 0.18;
  double rows[] = { 0.36, 0.62 };

  vessel_ring (cr, v, top + h * 0.06, h * 0.03, s->accent, 0.95);
  vessel_ring (cr, v, top + h * 0.93, h * 0.04, s->accent, 0.95);
  vessel_ring (cr, v, top + h * 0.88, h * 0.01, s->accent2, 0.9);
  for (guint row = 0; row < G_N_ELEMENTS (rows); row++)
    {
      double y = top + h * rows[row];
      double offset = row * 0.22;

      /* The vine: a wave around the body. */
      cairo_new_path (cr);
      for (double phi = -G_PI / 2; phi <= G_PI / 2; phi += 0.05)
        {
          double x, py;

          vessel_point (v, phi, y + sin (phi * 7 + offset * 9) * size * 0.6, &x, &py);
          cairo_line_to (cr, x, py);
        }
      cairo_set_line_width (cr, MAX (2.0, size * 0.12));
      set_colour (cr, s->accent2, 0.9);
      cairo_stroke (cr);

      for (double phi = -1.35 + offset; phi < 1.4; phi += 0.45)
        {
          double lx, ly;

          surface_flower (s, v, phi, y + sin (phi * 7 + offset * 9) * size * 0.6, size, s->accent,
                          s->accent2);
          vessel_point (v, phi + 0.2, y + size * 0.7, &lx, &ly);
          cairo_save (cr);
          cairo_translate (cr, lx, ly);
          cairo_scale (cr, MAX (cos (phi + 0.2), 0.05), 1);
          cairo_rotate (cr, 0.6);
          ellipse_path (cr, 0, 0, size * 0.18, size * 0.42);
          set_colour (cr, s->accent2, 0.85);
          cairo_fill (cr);
          cairo_restore (cr);
        }
    }
}

static void
decorate_zigzag (Scene        *s,
                 const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;
  double bands[][2] = { { 0.22, 0.34 }, { 0.48, 0.66 }, { 0.78, 0.86 } };

  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      double y0 = top + h * bands[b][0];
      double y1 = top + h * bands[b][1];

      vessel_ring (cr, v, y0, 3, s->accent, 0.9);
      vessel_ring (cr, v, y1, 3, s->accent, 0.9);
      /* Triangles etched into the black, filled with silver. */
      for (double phi = -G_PI / 2; phi < G_PI / 2; phi += 0.26)
        {
          double x, y;

          cairo_new_path (cr);
          vessel_point (v, phi, y1 - 3, &x, &y);
          cairo_move_to (cr, x, y);
          vessel_point (v, phi + 0.13, y0 + 4, &x, &y);
          cairo_line_to (cr, x, y);
          vessel_point (v, phi + 0.26, y1 - 3, &x, &y);
          cairo_line_to (cr, x, y);
          cairo_close_path (cr);
          set_colour (cr, b == 1 ? s->accent : s->accent2, 0.9);
          if (b == 1)
            cairo_fill (cr);
          else
            {
              cairo_set_line_width (cr, 2.5);
              cairo_stroke (cr);
            }
          if (b == 1)
            {
              vessel_point (v, phi + 0.13, (y0 + y1) / 2 + (y1 - y0) * 0.2, &x, &y);
              cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
              set_colour (cr, s->base, 1);
              cairo_fill (cr);
            }
        }
    }
}

static void
decorate_ribs (Scene        *s,
               const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double bottom = vessel_bottom (v);

  for (double phi = -G_PI / 2 + 0.06; phi < G_PI / 2; phi += 0.15)
    {
      for (int pass = 0; pass < 2; pass++)
        {
          cairo_new_path (cr);
          for (double y = top + 12; y <= bottom - 16; y += 6)
            {
              double x, py;

              vessel_point (v, phi + pass * 0.05, y, &x, &py);
              cairo_line_to (cr, x, py);
            }
          cairo_set_line_width (cr, MAX (1.0, 7 * cos (phi)));
          set_colour (cr, pass == 0 ? s->accent2 : s->accent, pass == 0 ? 0.55 : 0.6);
          cairo_stroke (cr);
        }
    }
}

static void
decorate_drip (Scene        *s,
               const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;
  double edge = top + h * 0.42;
  double drips[7];
  double lengths[7];

  for (guint i = 0; i < G_N_ELEMENTS (drips); i++)
    {
      drips[i] = -1.4 + i * 0.45 + rnd (s, -0.1, 0.1);
      lengths[i] = h * rnd (s, 0.06, 0.3);
    }

  cairo_new_path (cr);
  cairo_move_to (cr, v->cx - v->radius * 2, top - 40);
  cairo_line_to (cr, v->cx + v->radius * 2, top - 40);
  for (double phi = G_PI / 2; phi >= -G_PI / 2; phi -= 0.02)
    {
      double y = edge + sin (phi * 5.3) * h * 0.02;
      double x, py;

      for (guint i = 0; i < G_N_ELEMENTS (drips); i++)
        {
          double d = (phi - drips[i]) / 0.07;

          y += lengths[i] * exp (-d * d);
        }
      vessel_point (v, phi, y, &x, &py);
      cairo_line_to (cr, x, py);
    }
  cairo_close_path (cr);
  set_colour (cr, s->accent, 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 7);
  set_colour (cr, shade (s->accent, 0.6), 0.6);
  cairo_stroke (cr);

  /* Where the glaze thins over the rim. */
  vessel_ring (cr, v, top + 4, 8, s->accent2, 0.8);
}

static void
decorate_speckle (Scene        *s,
                  const Vessel *v)
{
  cairo_t *cr = s->cr;
  double r = vessel_max_radius (v);
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;

  for (int i = 0; i < 420; i++)
    {
      cairo_arc (cr, v->cx + rnd (s, -r, r), top + rnd (s, 0, h), rnd (s, 0.6, 2.6), 0, 2 * G_PI);
      set_colour (cr, i % 3 ? s->accent : s->accent2, rnd (s, 0.45, 0.9));
      cairo_fill (cr);
    }
  vessel_ring (cr, v, top + 3, 6, shade (s->accent2, 0.9), 0.8);
}

static void
decorate_khavda (Scene        *s,
                 const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;
  double y0 = top + h * 0.25;
  double y1 = top + h * 0.55;

  vessel_ring (cr, v, top + h * 0.1, h * 0.06, s->accent, 0.95);
  vessel_ring (cr, v, y0, h * 0.03, s->accent2, 0.95);
  vessel_ring (cr, v, y1, h * 0.03, s->accent2, 0.95);
  vessel_ring (cr, v, top + h * 0.72, h * 0.05, s->accent, 0.95);
  for (double phi = -G_PI / 2; phi < G_PI / 2; phi += 0.3)
    {
      double x, y;

      /* A white triangle, a black ladder. */
      cairo_new_path (cr);
      vessel_point (v, phi, y1 - 6, &x, &y);
      cairo_move_to (cr, x, y);
      vessel_point (v, phi + 0.1, y0 + 8, &x, &y);
      cairo_line_to (cr, x, y);
      vessel_point (v, phi + 0.2, y1 - 6, &x, &y);
      cairo_line_to (cr, x, y);
      cairo_close_path (cr);
      set_colour (cr, s->accent, 0.95);
      cairo_fill (cr);
      for (int k = 0; k < 3; k++)
        {
          double x0, yy0, x1, yy1;

          vessel_point (v, phi + 0.22 + k * 0.025, y0 + 8, &x0, &yy0);
          vessel_point (v, phi + 0.22 + k * 0.025, y1 - 8, &x1, &yy1);
          cairo_move_to (cr, x0, yy0);
          cairo_line_to (cr, x1, yy1);
        }
      cairo_set_line_width (cr, 2.5 * MAX (cos (phi), 0.2));
      set_colour (cr, s->accent2, 0.95);
      cairo_stroke (cr);

      vessel_point (v, phi + 0.15, top + h * 0.63, &x, &y);
      cairo_arc (cr, x, y, 4.5 * MAX (cos (phi), 0.3), 0, 2 * G_PI);
      set_colour (cr, s->accent, 0.95);
      cairo_fill (cr);
    }
}

/* A Mithila fish: a filled body, a double outline, scales. */
static void
madhubani_fish (Scene  *s,
                double  size,
                gboolean flip)
{
  cairo_t *cr = s->cr;

  if (flip)
    cairo_scale (cr, -1, 1);
  cairo_new_path (cr);
  cairo_move_to (cr, -size, 0);
  cairo_curve_to (cr, -size * 0.5, -size * 0.55, size * 0.45, -size * 0.5, size * 0.7, 0);
  cairo_curve_to (cr, size * 0.45, size * 0.5, -size * 0.5, size * 0.55, -size, 0);
  cairo_close_path (cr);
  cairo_move_to (cr, size * 0.65, 0);
  cairo_line_to (cr, size * 1.1, -size * 0.35);
  cairo_line_to (cr, size * 1.0, 0);
  cairo_line_to (cr, size * 1.1, size * 0.35);
  cairo_close_path (cr);
  set_colour (cr, s->accent, 1);
  cairo_fill_preserve (cr);
  set_colour (cr, black, 0.9);
  cairo_set_line_width (cr, size * 0.07);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_scale (cr, 0.8, 0.7);
  cairo_move_to (cr, -size, 0);
  cairo_curve_to (cr, -size * 0.5, -size * 0.55, size * 0.45, -size * 0.5, size * 0.7, 0);
  cairo_curve_to (cr, size * 0.45, size * 0.5, -size * 0.5, size * 0.55, -size, 0);
  cairo_restore (cr);
  set_colour (cr, s->accent2, 1);
  cairo_set_line_width (cr, size * 0.06);
  cairo_stroke (cr);

  for (int k = 0; k < 4; k++)
    {
      cairo_arc (cr, -size * 0.2 + k * size * 0.18, size * 0.02, size * 0.1, G_PI * 0.1, G_PI * 0.9);
      cairo_new_sub_path (cr);
    }
  set_colour (cr, black, 0.8);
  cairo_set_line_width (cr, size * 0.04);
  cairo_stroke (cr);
  cairo_arc (cr, -size * 0.62, -size * 0.08, size * 0.07, 0, 2 * G_PI);
  set_colour (cr, black, 1);
  cairo_fill (cr);
}

static void
decorate_madhubani (Scene        *s,
                    const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;
  double size = vessel_max_radius (v) * 0.3;

  vessel_ring (cr, v, top + h * 0.2, 4, black, 0.9);
  vessel_ring (cr, v, top + h * 0.24, 4, black, 0.9);
  vessel_ring (cr, v, top + h * 0.22, 4, s->accent2, 0.95);
  vessel_ring (cr, v, top + h * 0.82, 4, black, 0.9);
  vessel_ring (cr, v, top + h * 0.86, 4, black, 0.9);
  vessel_ring (cr, v, top + h * 0.84, 4, s->accent2, 0.95);
  for (double phi = -1.1; phi < 1.2; phi += 0.73)
    {
      double x, y;

      vessel_point (v, phi, top + h * 0.47, &x, &y);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, MAX (cos (phi), 0.05), 1);
      cairo_rotate (cr, -0.15);
      madhubani_fish (s, size, phi > 0);
      cairo_restore (cr);
    }
  for (double phi = -1.45; phi < 1.5; phi += 0.36)
    surface_flower (s, v, phi, top + h * 0.7, size * 0.4, s->accent2, s->accent);
}

static DecorateFunc
vessel_decoration (DemoPattern pattern)
{
  switch (pattern)
    {
    case PATTERN_BANDS:
      return decorate_bands;
    case PATTERN_VINES:
      return decorate_vines;
    case PATTERN_ZIGZAG:
      return decorate_zigzag;
    case PATTERN_RIBS:
      return decorate_ribs;
    case PATTERN_DRIP:
      return decorate_drip;
    case PATTERN_SPECKLE:
      return decorate_speckle;
    case PATTERN_KHAVDA:
      return decorate_khavda;
    case PATTERN_MADHUBANI:
      return decorate_madhubani;
    case PATTERN_PLAIN:
    case PATTERN_FLOWER:
    case PATTERN_BUTA:
    case PATTERN_DOTS:
    case PATTERN_STAR:
    case PATTERN_MIRROR:
    case PATTERN_KANTHA:
    case PATTERN_LEAF:
    case PATTERN_STRIPES:
    case PATTERN_FILIGREE:
    default:
      return NULL;
    }
}

/* Pottery */

static const ProfilePoint surahi_profile[] = {
  { 0.0, 0.2 }, { 0.05, 0.15 }, { 0.2, 0.13 }, { 0.33, 0.24 }, { 0.5, 0.8 },
  { 0.66, 1.0 }, { 0.82, 0.86 }, { 0.94, 0.52 }, { 1.0, 0.44 },
};
static const ProfilePoint bud_vase_profile[] = {
  { 0.0, 0.3 }, { 0.08, 0.24 }, { 0.28, 0.36 }, { 0.6, 1.0 }, { 0.86, 0.9 }, { 1.0, 0.6 },
};
static const ProfilePoint round_vase_profile[] = {
  { 0.0, 0.42 }, { 0.08, 0.35 }, { 0.22, 0.5 }, { 0.5, 1.0 }, { 0.78, 0.86 }, { 1.0, 0.5 },
};
static const ProfilePoint tall_vase_profile[] = {
  { 0.0, 0.62 }, { 0.05, 0.56 }, { 0.2, 0.66 }, { 0.55, 0.8 }, { 0.85, 0.74 }, { 1.0, 0.62 },
};
static const ProfilePoint mug_profile[] = {
  { 0.0, 0.97 }, { 0.3, 1.0 }, { 0.75, 1.0 }, { 0.94, 0.96 }, { 1.0, 0.9 },
};
static const ProfilePoint kulhad_profile[] = {
  { 0.0, 1.0 }, { 0.12, 0.96 }, { 0.55, 0.86 }, { 0.88, 0.68 }, { 1.0, 0.6 },
};
static const ProfilePoint teacup_profile[] = {
  { 0.0, 1.0 }, { 0.3, 0.96 }, { 0.7, 0.78 }, { 0.92, 0.55 }, { 1.0, 0.48 },
};
static const ProfilePoint planter_profile[] = {
  { 0.0, 1.0 }, { 0.09, 1.0 }, { 0.13, 0.92 }, { 0.6, 0.86 }, { 1.0, 0.72 },
};
static const ProfilePoint hanging_profile[] = {
  { 0.0, 0.8 }, { 0.06, 0.8 }, { 0.1, 0.84 }, { 0.45, 1.0 }, { 0.8, 0.8 }, { 1.0, 0.42 },
};

/* A saucer or drip plate: a low disc with a raised rim. */
static void
draw_saucer (Scene  *s,
             double  cx,
             double  cy,
             double  r,
             double  tilt,
             Rgb     colour,
             gboolean glossy)
{
  cairo_t *cr = s->cr;
  double thick = r * 0.07;
  cairo_pattern_t *pattern;

  floor_shadow (cr, cx, cy + thick + r * tilt * 0.3, r * 1.1, r * tilt * 1.1, 0.45);

  cairo_new_path (cr);
  ellipse_arc (cr, cx, cy, r, r * tilt, G_PI, 0);
  ellipse_arc (cr, cx, cy + thick, r * 0.92, r * 0.92 * tilt, 0, G_PI);
  cairo_close_path (cr);
  pattern = cairo_pattern_create_linear (cx - r, 0, cx + r, 0);
  add_stop (pattern, 0, shade (colour, 0.45), 1);
  add_stop (pattern, 0.35, shade (colour, 0.95), 1);
  add_stop (pattern, 1, shade (colour, 0.4), 1);
  fill_with (cr, pattern, FALSE);

  ellipse_path (cr, cx, cy, r, r * tilt);
  pattern = cairo_pattern_create_linear (cx - r, cy - r * tilt, cx + r * 0.6, cy + r * tilt);
  add_stop (pattern, 0, shade (colour, glossy ? 1.3 : 1.1), 1);
  add_stop (pattern, 1, shade (colour, 0.75), 1);
  fill_with (cr, pattern, FALSE);

  ellipse_path (cr, cx, cy + r * tilt * 0.05, r * 0.72, r * 0.72 * tilt);
  set_colour (cr, black, 0.12);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

/* Leaves from the soil of a planter. */
static void
draw_foliage (Scene  *s,
              double  cx,
              double  cy,
              double  spread,
              gboolean succulent)
{
  cairo_t *cr = s->cr;
  Rgb leaf = succulent ? rgb (0x7fa88c) : rgb (0x3f7d3a);
  int n = succulent ? 14 : 11;

  for (int i = 0; i < n; i++)
    {
      double angle = succulent ? -G_PI / 2 + (i - n / 2.0) * 0.32 : -G_PI / 2 + rnd (s, -1.05, 1.05);
      double length = succulent ? spread * rnd (s, 0.45, 0.7) : spread * rnd (s, 0.8, 1.5);
      double width = succulent ? length * 0.42 : length * rnd (s, 0.22, 0.32);
      Rgb c = shade (leaf, rnd (s, 0.75, 1.15));
      cairo_pattern_t *pattern;

      cairo_save (cr);
      cairo_translate (cr, cx + rnd (s, -spread * 0.15, spread * 0.15), cy);
      cairo_rotate (cr, angle + G_PI / 2);
      cairo_new_path (cr);
      cairo_move_to (cr, 0, 0);
      cairo_curve_to (cr, -width, -length * 0.3, -width * 0.6, -length * 0.8, 0, -length);
      cairo_curve_to (cr, width * 0.6, -length * 0.8, width, -length * 0.3, 0, 0);
      pattern = cairo_pattern_create_linear (-width, 0, width, 0);
      add_stop (pattern, 0, shade (c, 1.2), 1);
      add_stop (pattern, 1, shade (c, 0.65), 1);
      fill_with (cr, pattern, FALSE);
      cairo_move_to (cr, 0, -length * 0.05);
      cairo_curve_to (cr, width * 0.05, -length * 0.4, width * 0.05, -length * 0.7, 0, -length * 0.92);
      set_colour (cr, shade (c, 1.35), 0.6);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
draw_pot (Scene              *s,
          double              cx,
          double              floor_y,
          double              height,
          double              radius,
          const ProfilePoint *profile,
          guint               n_profile,
          Rgb                 colour,
          Rgb                 inside,
          DecorateFunc        decorate,
          gboolean            glossy,
          gboolean            shadow)
{
  Vessel v;

  vessel_init (&v, cx, floor_y - height, height, radius, 0.2, profile, n_profile);
  if (shadow)
    floor_shadow (s->cr, cx + radius * 0.15, floor_y + 4, vessel_radius_at (&v, floor_y) * 1.5,
                  radius * 0.16, 0.55);
  draw_vessel_body (s, &v, colour, decorate, glossy);
  vessel_mouth (s->cr, &v, colour, inside);
}

static void
draw_vase (Scene              *s,
           const ProfilePoint *profile,
           guint               n_profile,
           double              height,
           double              radius)
{
  draw_pot (s, 500, 830, height, radius, profile, n_profile, s->base, shade (s->base, 0.7),
            vessel_decoration (s->piece->pattern), s->piece->flags & FLAG_GLOSSY, TRUE);
}

static void
draw_mug_handle (Scene  *s,
                 double  x,
                 double  top,
                 double  height,
                 Rgb     colour,
                 double  width)
{
  cairo_t *cr = s->cr;

  cairo_new_path (cr);
  cairo_move_to (cr, x - 10, top + height * 0.18);
  cairo_curve_to (cr, x + height * 0.5, top + height * 0.1, x + height * 0.5, top + height * 0.78,
                  x - 10, top + height * 0.78);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, width);
  set_colour (cr, shade (colour, 0.55), 1);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, width * 0.7);
  set_colour (cr, colour, 1);
  cairo_stroke_preserve (cr);
  cairo_save (cr);
  cairo_translate (cr, -width * 0.12, -width * 0.12);
  cairo_set_line_width (cr, width * 0.2);
  set_colour (cr, white, 0.35);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_new_path (cr);
}

static void
draw_mug (Scene *s)
{
  Vessel v;
  double height = 400;
  double radius = 175;
  double floor_y = 790;
  /* A dipped glaze covers the handle and the inside too. */
  Rgb glaze = s->piece->pattern == PATTERN_DRIP ? s->accent : s->base;

  vessel_init (&v, 470, floor_y - height, height, radius, 0.2, mug_profile, G_N_ELEMENTS (mug_profile));
  floor_shadow (s->cr, 520, floor_y + 6, radius * 1.8, radius * 0.2, 0.55);
  draw_mug_handle (s, 470 + radius, floor_y - height, height, glaze, 44);
  draw_vessel_body (s, &v, s->base, vessel_decoration (s->piece->pattern), TRUE);
  vessel_mouth (s->cr, &v, glaze, glaze);
}

static void
draw_kulhads (Scene *s)
{
  struct { double x, y, scale; } cups[] = {
    { 360, 640, 0.9 }, { 620, 630, 0.92 }, { 490, 800, 1.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cups); i++)
    {
      Rgb colour = shade (s->base, 0.92 + 0.08 * i);

      draw_pot (s, cups[i].x, cups[i].y, 300 * cups[i].scale, 140 * cups[i].scale, kulhad_profile,
                G_N_ELEMENTS (kulhad_profile), colour, shade (s->accent, 0.9), NULL, FALSE, TRUE);
    }
}

static void
draw_teacup (Scene *s)
{
  cairo_t *cr = s->cr;
  Vessel v;
  double floor_y = 700;

  draw_saucer (s, 500, floor_y + 40, 320, 0.22, s->base, FALSE);
  /* The saucer is speckled too. */
  cairo_save (cr);
  ellipse_path (cr, 500, floor_y + 40, 320, 70);
  cairo_clip (cr);
  for (int i = 0; i < 160; i++)
    {
      cairo_arc (cr, rnd (s, 180, 820), rnd (s, floor_y - 30, floor_y + 110), rnd (s, 0.6, 2.2), 0, 2 * G_PI);
      set_colour (cr, s->accent, rnd (s, 0.4, 0.85));
      cairo_fill (cr);
    }
  cairo_restore (cr);

  vessel_init (&v, 480, floor_y - 250, 270, 215, 0.22, teacup_profile, G_N_ELEMENTS (teacup_profile));
  floor_shadow (cr, 510, floor_y + 20, 150, 34, 0.5);
  draw_mug_handle (s, 480 + 200, floor_y - 240, 180, s->base, 30);
  draw_vessel_body (s, &v, s->base, decorate_speckle, FALSE);
  vessel_mouth (cr, &v, s->base, s->base);
}

static void
draw_planter (Scene *s)
{
  Vessel v;
  double floor_y = 800;
  double height = 380;
  double radius = 240;

  if (s->piece->flags & FLAG_GLOSSY)
    draw_saucer (s, 500, floor_y - 8, radius * 1.12, 0.2, s->base, TRUE);
  vessel_init (&v, 500, floor_y - height, height, radius, 0.2, planter_profile, G_N_ELEMENTS (planter_profile));
  floor_shadow (s->cr, 530, floor_y, radius * 1.1, radius * 0.16, 0.5);
  draw_vessel_body (s, &v, s->base, vessel_decoration (s->piece->pattern), s->piece->flags & FLAG_GLOSSY);
  vessel_mouth (s->cr, &v, s->base, rgb (0x3b2a1e));
  draw_foliage (s, 500, floor_y - height + 10, 250, FALSE);
  /* The front rim over the stems. */
  {
    double r = v.rs[0];

    cairo_new_path (s->cr);
    ellipse_arc (s->cr, v.cx, v.ys[0], r - 4, (r - 4) * v.tilt, 0.05, G_PI - 0.05);
    cairo_set_line_width (s->cr, 10);
    set_colour (s->cr, shade (s->base, 1.05), 1);
    cairo_stroke (s->cr);
  }
}

static void
draw_jute_cord (cairo_t *cr,
                double   x0,
                double   y0,
                double   x1,
                double   y1)
{
  double dashes[] = { 6, 5 };

  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_set_line_width (cr, 8);
  set_colour (cr, rgb (0x8a6a3e), 1);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_line_width (cr, 6);
  set_colour (cr, rgb (0xc9a66b), 1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_hanging_planter (Scene *s)
{
  cairo_t *cr = s->cr;
  Vessel v;
  double top = 430;
  double height = 330;
  double radius = 250;
  double knot_y = 40;

  vessel_init (&v, 500, top, height, radius, 0.2, hanging_profile, G_N_ELEMENTS (hanging_profile));
  /* Shadow far below: the planter hangs. */
  floor_shadow (cr, 540, 930, radius * 1.1, 34, 0.35);
  draw_jute_cord (cr, 500, knot_y, 500, top - v.rs[0] * v.tilt + 4);
  draw_vessel_body (s, &v, s->base, vessel_decoration (s->piece->pattern), FALSE);
  vessel_mouth (cr, &v, s->base, rgb (0x3b2a1e));
  draw_foliage (s, 500, top + 12, 230, FALSE);
  for (int side = -1; side <= 1; side += 2)
    {
      double x, y;

      vessel_point (&v, side * 0.9, top + 6, &x, &y);
      draw_jute_cord (cr, 500, knot_y, x, y);
      /* The cord runs on under the belly. */
      cairo_new_path (cr);
      for (double t = top + 6; t < vessel_bottom (&v) + 20; t += 8)
        {
          double px, py;

          vessel_point (&v, side * 0.9 * (1 - (t - top) / (height * 1.6)), t, &px, &py);
          cairo_line_to (cr, px, py);
        }
      cairo_set_line_width (cr, 7);
      set_colour (cr, rgb (0xb8955c), 0.95);
      cairo_stroke (cr);
    }
  cairo_arc (cr, 500, knot_y, 14, 0, 2 * G_PI);
  set_colour (cr, rgb (0x9c7a48), 1);
  cairo_fill (cr);
}

static void
draw_mini_pots (Scene *s)
{
  struct { double x, y; guint32 colour; } pots[] = {
    { 320, 600, 0 }, { 650, 590, 1 }, { 230, 820, 2 }, { 560, 840, 3 },
  };
  Rgb colours[] = { s->base, s->accent, s->accent2, rgb (0xc9c3e6) };

  for (guint i = 0; i < G_N_ELEMENTS (pots); i++)
    {
      Vessel v;

      vessel_init (&v, pots[i].x, pots[i].y - 220, 220, 140, 0.2, planter_profile, G_N_ELEMENTS (planter_profile));
      floor_shadow (s->cr, pots[i].x + 20, pots[i].y + 4, 170, 26, 0.5);
      draw_vessel_body (s, &v, colours[pots[i].colour], decorate_bands, TRUE);
      vessel_mouth (s->cr, &v, colours[pots[i].colour], rgb (0x4a3626));
      draw_foliage (s, pots[i].x, pots[i].y - 205, 150, TRUE);
    }
}

/* Textiles: motifs repeated over cloth, as a printer's block would. */

static void
motif_flower (Scene  *s,
              double  u)
{
  cairo_t *cr = s->cr;

  for (int k = 0; k < 2; k++)
    {
      cairo_save (cr);
      cairo_rotate (cr, G_PI * 0.75 + k * G_PI * 0.5);
      ellipse_path (cr, 0, -u * 0.42, u * 0.09, u * 0.2);
      set_colour (cr, s->accent2, 0.95);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  for (int k = 0; k < 6; k++)
    {
      cairo_save (cr);
      cairo_rotate (cr, k * G_PI / 3);
      ellipse_path (cr, 0, -u * 0.17, u * 0.09, u * 0.16);
      set_colour (cr, s->accent, 1);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_arc (cr, 0, 0, u * 0.07, 0, 2 * G_PI);
  set_colour (cr, s->accent2, 1);
  cairo_fill (cr);
}

static void
paisley_path (cairo_t *cr,
              double   u)
{
  cairo_new_path (cr);
  cairo_move_to (cr, 0, 0.75 * u);
  cairo_curve_to (cr, -0.6 * u, 0.75 * u, -0.62 * u, 0.0, -0.25 * u, -0.35 * u);
  cairo_curve_to (cr, 0.0, -0.6 * u, 0.2 * u, -0.7 * u, 0.35 * u, -0.95 * u);
  cairo_curve_to (cr, 0.55 * u, -0.55 * u, 0.62 * u, 0.0, 0.5 * u, 0.3 * u);
  cairo_curve_to (cr, 0.4 * u, 0.65 * u, 0.2 * u, 0.75 * u, 0, 0.75 * u);
  cairo_close_path (cr);
}

static void
motif_buta (Scene  *s,
            double  u)
{
  cairo_t *cr = s->cr;

  paisley_path (cr, u * 0.36);
  set_colour (cr, s->accent, 1);
  cairo_fill (cr);
  cairo_save (cr);
  cairo_translate (cr, 0, u * 0.04);
  paisley_path (cr, u * 0.24);
  cairo_restore (cr);
  set_colour (cr, s->base, 1);
  cairo_set_line_width (cr, u * 0.025);
  cairo_stroke (cr);
  cairo_arc (cr, 0, u * 0.1, u * 0.05, 0, 2 * G_PI);
  set_colour (cr, s->accent2, 1);
  cairo_fill (cr);
}

static void
bandhani_dot (cairo_t *cr,
              double   x,
              double   y,
              double   r,
              Rgb      colour,
              Rgb      ground)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_colour (cr, colour, 0.95);
  cairo_fill (cr);
  cairo_arc (cr, x + r * 0.1, y + r * 0.1, r * 0.35, 0, 2 * G_PI);
  set_colour (cr, ground, 0.7);
  cairo_fill (cr);
}

static void
motif_dots (Scene  *s,
            double  u)
{
  cairo_t *cr = s->cr;
  double step = u * 0.12;

  /* A diamond of tied dots, with a white heart. */
  for (int i = -2; i <= 2; i++)
    for (int j = -2; j <= 2; j++)
      if (ABS (i) + ABS (j) == 2 || (i == 0 && j == 0))
        bandhani_dot (cr, i * step, j * step, u * 0.04, i == 0 && j == 0 ? s->accent2 : s->accent, s->base);
  bandhani_dot (cr, u * 0.5, u * 0.5, u * 0.035, s->accent2, s->base);
}

static void
motif_star (Scene  *s,
            double  u)
{
  cairo_t *cr = s->cr;
  Rgb line = shade (s->base, 1.7);

  for (int layer = 0; layer < 2; layer++)
    {
      double r = u * (layer == 0 ? 0.36 : 0.24);

      cairo_new_path (cr);
      for (int k = 0; k < 16; k++)
        {
          double a = k * G_PI / 8;
          double rr = (k % 2 == 0) ? r : r * 0.62;

          cairo_line_to (cr, rr * cos (a), rr * sin (a));
        }
      cairo_close_path (cr);
      set_colour (cr, layer == 0 ? s->accent2 : s->accent, 1);
      cairo_fill_preserve (cr);
      set_colour (cr, line, 0.9);
      cairo_set_line_width (cr, u * 0.018);
      cairo_stroke (cr);
    }
  cairo_arc (cr, 0, 0, u * 0.07, 0, 2 * G_PI);
  set_colour (cr, line, 1);
  cairo_fill (cr);

  /* Lattice and its white dots. */
  cairo_move_to (cr, -u / 2, -u / 2);
  cairo_line_to (cr, u / 2, -u / 2);
  cairo_move_to (cr, -u / 2, -u / 2);
  cairo_line_to (cr, -u / 2, u / 2);
  set_colour (cr, s->accent2, 1);
  cairo_set_line_width (cr, u * 0.07);
  cairo_stroke (cr);
  for (int k = 0; k < 5; k++)
    {
      cairo_arc (cr, -u / 2 + k * u / 5, -u / 2, u * 0.018, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, -u / 2, -u / 2 + k * u / 5, u * 0.018, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
    }
  set_colour (cr, line, 1);
  cairo_fill (cr);
}

static void
motif_mirror (Scene  *s,
              double  u)
{
  cairo_t *cr = s->cr;
  double r = u * 0.17;
  cairo_pattern_t *pattern;

  /* Buttonhole stitches around the glass. */
  for (int k = 0; k < 24; k++)
    {
      double a = k * G_PI / 12;

      cairo_move_to (cr, r * 0.9 * cos (a), r * 0.9 * sin (a));
      cairo_line_to (cr, r * 1.45 * cos (a), r * 1.45 * sin (a));
    }
  cairo_set_line_width (cr, u * 0.025);
  set_colour (cr, s->accent, 1);
  cairo_stroke (cr);

  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  pattern = cairo_pattern_create_linear (-r, -r, r, r);
  add_stop (pattern, 0, rgb (0xf4f6f8), 1);
  add_stop (pattern, 0.45, rgb (0x9aa3ad), 1);
  add_stop (pattern, 0.55, rgb (0xdfe4ea), 1);
  add_stop (pattern, 1, rgb (0x5c6570), 1);
  fill_with (cr, pattern, FALSE);

  /* Chain-stitch flowers between the mirrors. */
  for (int k = 0; k < 5; k++)
    {
      cairo_save (cr);
      cairo_translate (cr, u / 2, u / 2);
      cairo_rotate (cr, k * 2 * G_PI / 5);
      ellipse_path (cr, 0, -u * 0.09, u * 0.04, u * 0.08);
      set_colour (cr, k % 2 ? s->accent2 : rgb (0xf2eee4), 1);
      cairo_set_line_width (cr, u * 0.02);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
motif_leaf (Scene  *s,
            double  u)
{
  cairo_t *cr = s->cr;

  cairo_save (cr);
  cairo_rotate (cr, 0.5);
  cairo_new_path (cr);
  cairo_move_to (cr, 0, -u * 0.4);
  cairo_curve_to (cr, u * 0.28, -u * 0.2, u * 0.22, u * 0.2, 0, u * 0.35);
  cairo_curve_to (cr, -u * 0.22, u * 0.2, -u * 0.28, -u * 0.2, 0, -u * 0.4);
  set_colour (cr, s->accent, 0.9);
  cairo_fill_preserve (cr);
  set_colour (cr, s->accent2, 1);
  cairo_set_line_width (cr, u * 0.025);
  cairo_stroke (cr);
  cairo_move_to (cr, 0, -u * 0.35);
  cairo_line_to (cr, 0, u * 0.45);
  for (int k = -2; k <= 2; k++)
    {
      cairo_move_to (cr, 0, k * u * 0.1);
      cairo_line_to (cr, -u * 0.12, k * u * 0.1 - u * 0.08);
      cairo_move_to (cr, 0, k * u * 0.1);
      cairo_line_to (cr, u * 0.12, k * u * 0.1 - u * 0.08);
    }
  cairo_set_line_width (cr, u * 0.015);
  cairo_stroke (cr);
  cairo_restore (cr);
  /* The vine to the next leaf. */
  cairo_move_to (cr, u * 0.15, u * 0.3);
  cairo_curve_to (cr, u * 0.4, u * 0.5, u * 0.3, u * 0.7, u * 0.55, u * 0.85);
  set_colour (cr, s->accent2, 0.9);
  cairo_set_line_width (cr, u * 0.02);
  cairo_stroke (cr);
  cairo_arc (cr, u * 0.5, u * 0.1, u * 0.04, 0, 2 * G_PI);
  set_colour (cr, s->accent, 1);
  cairo_fill (cr);
}

/* Running stitches over the whole cloth, and little stitched flowers. */
static void
fill_kantha (Scene  *s,
             double  x0,
             double  y0,
             double  x1,
             double  y1,
             double  u)
{
  cairo_t *cr = s->cr;
  double dashes[] = { u * 0.06, u * 0.045 };

  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_line_width (cr, u * 0.018);
  /* Every seventh row in the second colour; each colour one stroke. */
  for (int pass = 0; pass < 2; pass++)
    {
      int row = 0;

      cairo_new_path (cr);
      for (double y = y0; y < y1; y += u * 0.09, row++)
        {
          if ((row % 7 == 3) != (pass == 1))
            continue;
          cairo_move_to (cr, x0, y + sin (x0 / (u * 0.5) + row * 0.4) * u * 0.03);
          for (double x = x0 + 10; x <= x1; x += 10)
            cairo_line_to (cr, x, y + sin (x / (u * 0.5) + row * 0.4) * u * 0.03);
        }
      set_colour (cr, pass ? s->accent2 : s->accent, pass ? 0.9 : 0.55);
      cairo_stroke (cr);
    }
  cairo_set_line_width (cr, u * 0.03);
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (cr);
      for (double y = y0 + u / 2; y < y1; y += u * 1.4)
        for (double x = x0 + u / 2 + (fmod (y, u * 2.8) < u ? u * 0.7 : 0); x < x1; x += u * 1.4)
          for (int k = pass; k < 8; k += 2)
            {
              double a = k * G_PI / 4;

              cairo_new_sub_path (cr);
              cairo_arc (cr, x + u * 0.16 * cos (a), y + u * 0.16 * sin (a), u * 0.08, 0, 2 * G_PI);
            }
      set_colour (cr, pass ? s->accent : s->accent2, 0.95);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
fill_stripes (Scene  *s,
              double  x0,
              double  y0,
              double  x1,
              double  y1,
              double  u)
{
  cairo_t *cr = s->cr;
  double widths[] = { 0.6, 0.08, 0.12, 0.08, 0.9, 0.2, 0.05, 0.2 };
  guint i = 0;

  for (double x = x0; x < x1; i++)
    {
      double w = widths[i % G_N_ELEMENTS (widths)] * u * 0.5;

      if (i % 2 == 1)
        {
          cairo_rectangle (cr, x, y0, w, y1 - y0);
          set_colour (cr, i % 4 == 1 ? s->accent : s->accent2, 0.95);
          cairo_fill (cr);
        }
      x += w;
    }
  /* The weave: fine weft lines. */
  cairo_set_line_width (cr, 1.2);
  for (double y = y0; y < y1; y += 5)
    {
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      set_colour (cr, (int) (y / 5) % 2 ? white : black, 0.07);
      cairo_stroke (cr);
    }
}

/* Where dye seeped through the cracked mud of a dabu print. */
static void
draw_crackle (Scene  *s,
              double  x0,
              double  y0,
              double  x1,
              double  y1)
{
  cairo_t *cr = s->cr;
  int n = (int) ((x1 - x0) * (y1 - y0) / 9000);

  cairo_set_line_width (cr, 1.3);
  for (int i = 0; i < n; i++)
    {
      double x = rnd (s, x0, x1);
      double y = rnd (s, y0, y1);
      double a = rnd (s, 0, 2 * G_PI);

      cairo_move_to (cr, x, y);
      for (int k = 0; k < 6; k++)
        {
          a += rnd (s, -0.9, 0.9);
          x += cos (a) * rnd (s, 8, 22);
          y += sin (a) * rnd (s, 8, 22);
          cairo_line_to (cr, x, y);
        }
      set_colour (cr, s->accent2, rnd (s, 0.2, 0.45));
      cairo_stroke (cr);
    }
}

/* Fills the current clip (the cloth, covering x0..x1, y0..y1) with the
 * ground colour and the piece's print. */
static void
fill_cloth (Scene  *s,
            double  x0,
            double  y0,
            double  x1,
            double  y1,
            double  u,
            Rgb     ground)
{
  cairo_t *cr = s->cr;
  DemoPattern pattern = s->piece->pattern;

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  set_colour (cr, ground, 1);
  cairo_fill (cr);

  if (pattern == PATTERN_KANTHA)
    fill_kantha (s, x0, y0, x1, y1, u);
  else if (pattern == PATTERN_STRIPES)
    fill_stripes (s, x0, y0, x1, y1, u);
  else
    {
      int row = 0;

      for (double y = y0 - u; y < y1 + u; y += u, row++)
        for (double x = x0 - u + (row % 2 && pattern != PATTERN_STAR ? u / 2 : 0); x < x1 + u; x += u)
          {
            cairo_save (cr);
            cairo_translate (cr, x, y);
            switch (pattern)
              {
              case PATTERN_BUTA:
                cairo_rotate (cr, row % 2 ? 0.35 : -0.35);
                motif_buta (s, u);
                break;
              case PATTERN_DOTS:
                motif_dots (s, u);
                break;
              case PATTERN_STAR:
                motif_star (s, u);
                break;
              case PATTERN_MIRROR:
                motif_mirror (s, u);
                break;
              case PATTERN_LEAF:
                cairo_rotate (cr, row % 2 ? 0.4 : -0.2);
                motif_leaf (s, u);
                break;
              case PATTERN_FLOWER:
              default:
                motif_flower (s, u);
                break;
              }
            cairo_restore (cr);
          }
    }

  if (s->piece->flags & FLAG_CRACKLE)
    draw_crackle (s, x0, y0, x1, y1);
}

/* A border band along one edge of a cloth (in its own coordinates). */
static void
cloth_border (Scene  *s,
              double  x0,
              double  y0,
              double  x1,
              double  y1,
              double  u)
{
  cairo_t *cr = s->cr;

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  set_colour (cr, s->accent2, 1);
  cairo_fill (cr);
  cairo_rectangle (cr, x0, y0 + (y1 - y0) * 0.12, x1 - x0, (y1 - y0) * 0.76);
  set_colour (cr, s->piece->flags & FLAG_CRACKLE ? s->base : s->accent, 1);
  cairo_fill (cr);
  for (double x = x0 + u * 0.3; x < x1; x += u * 0.6)
    {
      cairo_save (cr);
      cairo_translate (cr, x, (y0 + y1) / 2);
      cairo_scale (cr, 0.5, 0.5);
      if (s->piece->flags & FLAG_CRACKLE)
        motif_flower (s, u * 1.1);
      else
        {
          for (int k = 0; k < 4; k++)
            {
              cairo_save (cr);
              cairo_rotate (cr, k * G_PI / 2);
              ellipse_path (cr, 0, -u * 0.16, u * 0.07, u * 0.14);
              set_colour (cr, shade (s->base, 1.1), 1);
              cairo_fill (cr);
              cairo_restore (cr);
            }
        }
      cairo_restore (cr);
    }
}

/* Soft folds: alternating light and shade across a cloth. */
static void
cloth_folds (Scene  *s,
             double  x0,
             double  x1,
             int     n,
             double  strength)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (x0, 0, x1, 0);

  for (int k = 0; k <= n; k++)
    {
      double t = (double) k / n;
      double jitter = k > 0 && k < n ? rnd (s, -0.3, 0.3) / n : 0;

      add_stop (pattern, CLAMP (t + jitter, 0, 1), k % 2 ? white : black, k % 2 ? strength * 0.6 : strength);
    }
  paint_with (s->cr, pattern);
}

static void
draw_fringe (Scene  *s,
             double  x0,
             double  x1,
             double  y,
             double  length,
             Rgb     colour)
{
  cairo_t *cr = s->cr;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (double x = x0 + 4; x < x1 - 2; x += 9)
    {
      double l = length * rnd (s, 0.8, 1.15);

      cairo_move_to (cr, x, y);
      cairo_curve_to (cr, x + rnd (s, -4, 4), y + l * 0.4, x + rnd (s, -8, 8), y + l * 0.7, x + rnd (s, -6, 6), y + l);
      cairo_set_line_width (cr, 4);
      set_colour (cr, shade (colour, rnd (s, 0.75, 1.05)), 1);
      cairo_stroke (cr);
    }
}

static void
draw_scarf (Scene *s)
{
  cairo_t *cr = s->cr;
  double x0 = -280, x1 = 280, y0 = -380, y1 = 340;
  double fold = -140;
  double u = s->piece->pattern == PATTERN_DOTS ? 120 : 110;

  cairo_save (cr);
  cairo_translate (cr, 500, 470);
  cairo_rotate (cr, -0.1);

  /* The lower layer, showing beyond the fold, with its fringe. */
  draw_fringe (s, x0, x1, y1 - 2, 60, s->base);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  drop_shadow (cr, 10, 14, 12, 0.5);
  cairo_save (cr);
  cairo_clip (cr);
  fill_cloth (s, x0, y0, x1, y1, u, s->base);
  cloth_border (s, x0, y1 - 70, x1, y1, u);
  cloth_folds (s, x0, x1, 7, 0.22);
  cairo_restore (cr);

  /* The folded-over top: a little darker, with a soft crease. */
  cairo_new_path (cr);
  cairo_move_to (cr, x0 - 6, y0);
  cairo_line_to (cr, x1 + 6, y0);
  cairo_line_to (cr, x1 + 12, fold);
  cairo_curve_to (cr, x1 * 0.3, fold + 16, x0 * 0.3, fold - 10, x0 - 8, fold + 6);
  cairo_close_path (cr);
  drop_shadow (cr, 0, 12, 10, 0.45);
  cairo_save (cr);
  cairo_clip (cr);
  cairo_translate (cr, 23, 0);
  fill_cloth (s, x0 - 40, y0, x1 + 40, fold + 20, u, s->base);
  cloth_folds (s, x0, x1, 5, 0.28);
  {
    cairo_pattern_t *pattern = cairo_pattern_create_linear (0, fold - 60, 0, fold + 10);

    add_stop (pattern, 0, black, 0);
    add_stop (pattern, 1, black, 0.35);
    paint_with (cr, pattern);
  }
  cairo_restore (cr);
  cairo_restore (cr);
}

static void
cushion_path (cairo_t *cr,
              double   half,
              double   bow)
{
  cairo_new_path (cr);
  cairo_move_to (cr, -half, -half);
  cairo_curve_to (cr, -half / 3, -half + bow, half / 3, -half + bow, half, -half);
  cairo_curve_to (cr, half - bow, -half / 3, half - bow, half / 3, half, half);
  cairo_curve_to (cr, half / 3, half - bow, -half / 3, half - bow, -half, half);
  cairo_curve_to (cr, -half + bow, half / 3, -half + bow, -half / 3, -half, -half);
  cairo_close_path (cr);
}

static void
draw_cushion (Scene *s)
{
  cairo_t *cr = s->cr;
  double half = 300;
  double u = s->piece->pattern == PATTERN_MIRROR ? 150 : 120;
  cairo_pattern_t *pattern;

  floor_shadow (cr, 520, 820, 380, 60, 0.55);
  cairo_save (cr);
  cairo_translate (cr, 500, 500);
  cairo_rotate (cr, 0.06);

  cushion_path (cr, half, 30);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  fill_cloth (s, -half, -half, half, half, u, s->base);
  /* Plump in the middle, falling away to the seams. */
  pattern = cairo_pattern_create_radial (-half * 0.2, -half * 0.25, half * 0.1, 0, 0, half * 1.25);
  add_stop (pattern, 0, white, 0.18);
  add_stop (pattern, 0.45, black, 0);
  add_stop (pattern, 0.85, black, 0.3);
  add_stop (pattern, 1, black, 0.5);
  paint_with (cr, pattern);
  /* Creases from the corners. */
  for (int corner = 0; corner < 4; corner++)
    {
      cairo_save (cr);
      cairo_rotate (cr, corner * G_PI / 2);
      for (int k = -1; k <= 1; k++)
        {
          cairo_move_to (cr, -half + 6, -half + 6);
          cairo_curve_to (cr, -half * 0.7, -half * 0.7 + k * 30, -half * 0.55 + k * 20, -half * 0.5,
                          -half * 0.45 + k * 10, -half * 0.4 + k * 25);
          cairo_set_line_width (cr, 9);
          set_colour (cr, black, 0.1);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
  cairo_restore (cr);
  /* The piping. */
  cushion_path (cr, half, 30);
  cairo_set_line_width (cr, 12);
  set_colour (cr, shade (s->piece->pattern == PATTERN_MIRROR ? s->accent : s->base, 0.75), 1);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 4);
  set_colour (cr, white, 0.2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_tassel (Scene  *s,
             double  x,
             double  y,
             Rgb     colour)
{
  cairo_t *cr = s->cr;

  for (int k = -4; k <= 4; k++)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + k * 3 + rnd (s, -2, 2), y + 60 + rnd (s, -5, 5));
    }
  cairo_set_line_width (cr, 3);
  set_colour (cr, colour, 1);
  cairo_stroke (cr);
  cairo_arc (cr, x, y + 8, 8, 0, 2 * G_PI);
  set_colour (cr, shade (colour, 0.8), 1);
  cairo_fill (cr);
}

static void
draw_runner (Scene *s)
{
  cairo_t *cr = s->cr;
  double x0 = -900, x1 = 380, y0 = -180, y1 = 180;
  double u = 110;

  cairo_save (cr);
  cairo_translate (cr, 520, 520);
  cairo_rotate (cr, -0.42);
  for (double y = y0 + 20; y < y1; y += 55)
    draw_tassel (s, x1 + 2, y, s->accent);

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  drop_shadow (cr, 8, 12, 10, 0.5);
  cairo_save (cr);
  cairo_clip (cr);
  fill_cloth (s, x0, y0, x1, y1, u, s->base);
  /* Borders along the long sides and across the end. */
  cloth_border (s, x0, y0, x1, y0 + 46, u * 0.8);
  cloth_border (s, x0, y1 - 46, x1, y1, u * 0.8);
  cairo_save (cr);
  cairo_translate (cr, x1 - 100, 0);
  cairo_rotate (cr, G_PI / 2);
  cloth_border (s, y0, -40, y1, 40, u * 0.8);
  cairo_restore (cr);
  {
    cairo_pattern_t *pattern = cairo_pattern_create_linear (0, y0, 0, y1);

    add_stop (pattern, 0, white, 0.1);
    add_stop (pattern, 0.5, black, 0.0);
    add_stop (pattern, 1, black, 0.16);
    paint_with (cr, pattern);
  }
  cairo_restore (cr);
  cairo_restore (cr);
}

static void
draw_square_cloth (Scene  *s,
                   double  cx,
                   double  cy,
                   double  half,
                   double  angle,
                   double  u)
{
  cairo_t *cr = s->cr;

  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, angle);
  cairo_rectangle (cr, -half, -half, 2 * half, 2 * half);
  drop_shadow (cr, 6, 10, 9, 0.45);
  cairo_save (cr);
  cairo_clip (cr);
  fill_cloth (s, -half, -half, half, half, u, s->base);
  if (s->piece->pattern != PATTERN_STRIPES)
    for (int side = 0; side < 4; side++)
      {
        cairo_save (cr);
        cairo_rotate (cr, side * G_PI / 2);
        cloth_border (s, -half, -half, half, -half + 30, u * 0.7);
        cairo_restore (cr);
      }
  cloth_folds (s, -half, half, 3, 0.12);
  cairo_restore (cr);
  /* A hand-rolled hem catches the light. */
  cairo_rectangle (cr, -half + 2, -half + 2, 2 * half - 4, 2 * half - 4);
  cairo_set_line_width (cr, 3);
  set_colour (cr, white, 0.25);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_napkins (Scene *s)
{
  double u = s->piece->pattern == PATTERN_STRIPES ? 160 : 100;

  if (s->piece->pattern == PATTERN_STRIPES)
    {
      draw_square_cloth (s, 430, 380, 250, -0.1, u);
      draw_square_cloth (s, 520, 520, 250, 0.04, u);
      draw_square_cloth (s, 560, 640, 250, 0.14, u);
      return;
    }
  draw_square_cloth (s, 380, 380, 230, -0.25, u);
  draw_square_cloth (s, 600, 470, 230, 0.12, u);
  draw_square_cloth (s, 470, 640, 230, -0.05, u);
}

static void
draw_tablecloth (Scene *s)
{
  cairo_t *cr = s->cr;
  double x0 = -330, x1 = 330, y0 = -250, y1 = 250;
  double u = 105;

  cairo_save (cr);
  cairo_translate (cr, 500, 500);
  cairo_rotate (cr, -0.05);

  /* Folded layers under the top one. */
  for (int layer = 3; layer >= 1; layer--)
    {
      cairo_rectangle (cr, x0 + layer * 3, y0 + layer * 9, x1 - x0, y1 - y0);
      if (layer == 3)
        drop_shadow (cr, 8, 14, 12, 0.5);
      set_colour (cr, shade (s->base, 0.8 + layer * 0.04), 1);
      cairo_fill (cr);
      cairo_move_to (cr, x0 + layer * 3, y1 + layer * 9);
      cairo_line_to (cr, x1 + layer * 3, y1 + layer * 9);
      set_colour (cr, s->accent, 0.4);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_save (cr);
  cairo_clip (cr);
  fill_cloth (s, x0, y0, x1, y1, u, s->base);
  cloth_border (s, x0, y0, x1, y0 + 90, u);
  cloth_border (s, x0, y1 - 90, x1, y1, u);
  /* The centre fold. */
  {
    cairo_pattern_t *pattern = cairo_pattern_create_linear (0, -30, 0, 30);

    add_stop (pattern, 0, black, 0);
    add_stop (pattern, 0.5, black, 0.3);
    add_stop (pattern, 0.55, white, 0.15);
    add_stop (pattern, 1, black, 0);
    paint_with (cr, pattern);
  }
  cairo_restore (cr);

  /* One corner turned back, showing the paler reverse. */
  cairo_new_path (cr);
  cairo_move_to (cr, x1 - 170, y0);
  cairo_line_to (cr, x1, y0);
  cairo_line_to (cr, x1, y0 + 170);
  cairo_close_path (cr);
  set_colour (cr, shade (s->base, 0.84), 1);
  cairo_fill (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x1 - 170, y0);
  cairo_line_to (cr, x1 - 170, y0 + 170);
  cairo_line_to (cr, x1, y0 + 170);
  cairo_close_path (cr);
  drop_shadow (cr, -6, 8, 8, 0.4);
  set_colour (cr, mix (s->base, white, 0.35), 1);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Jewellery */

/* Polished metal: a bright spot up left, a dark band, a rim reflection. */
static cairo_pattern_t *
metal_pattern (double x,
               double y,
               double r,
               Rgb    metal)
{
  cairo_pattern_t *pattern = cairo_pattern_create_radial (x - r * 0.35, y - r * 0.4, 0, x, y, r);

  add_stop (pattern, 0, shade (metal, 1.75), 1);
  add_stop (pattern, 0.22, shade (metal, 1.2), 1);
  add_stop (pattern, 0.6, metal, 1);
  add_stop (pattern, 0.88, shade (metal, 0.5), 1);
  add_stop (pattern, 1, shade (metal, 0.8), 1);
  return pattern;
}

static void
metal_bead (cairo_t *cr,
            double   x,
            double   y,
            double   r,
            Rgb      metal)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  fill_with (cr, metal_pattern (x, y, r, metal), FALSE);
}

static void
pearl (cairo_t *cr,
       double   x,
       double   y,
       double   r)
{
  cairo_pattern_t *pattern = cairo_pattern_create_radial (x - r * 0.3, y - r * 0.35, 0, x, y, r);

  add_stop (pattern, 0, white, 1);
  add_stop (pattern, 0.5, rgb (0xf1ece2), 1);
  add_stop (pattern, 0.9, rgb (0xb9b0a6), 1);
  add_stop (pattern, 1, rgb (0xd8d0c8), 1);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  fill_with (cr, pattern, FALSE);
}

/* A wire stroke: dark edge, body, highlight. Consumes the path. */
static void
metal_wire (cairo_t *cr,
            double   width,
            Rgb      metal)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, width);
  set_colour (cr, shade (metal, 0.45), 1);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, width * 0.6);
  set_colour (cr, metal, 1);
  cairo_stroke_preserve (cr);
  cairo_save (cr);
  cairo_translate (cr, -width * 0.12, -width * 0.12);
  cairo_set_line_width (cr, width * 0.22);
  set_colour (cr, shade (metal, 1.6), 0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_new_path (cr);
}

static void
ear_hook (cairo_t *cr,
          double   x,
          double   y,
          Rgb      metal)
{
  cairo_move_to (cr, x, y);
  cairo_curve_to (cr, x - 6, y - 70, x + 70, y - 110, x + 80, y - 40);
  cairo_curve_to (cr, x + 84, y - 10, x + 70, y + 20, x + 62, y + 40);
  metal_wire (cr, 7, metal);
}

/* Openwork of a filigree surface: dark gaps between silver scrolls. */
static void
filigree_over (Scene        *s,
               const Vessel *v,
               Rgb           metal)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;

  int row = 0;

  for (double y = top + h * 0.14; y < top + h * 0.94; y += h * 0.1, row++)
    {
      for (double phi = -1.5 + (row % 2) * 0.1; phi < 1.5; phi += 0.2)
        {
          double x, py;
          double f = MAX (cos (phi), 0.1);
          double u = h * 0.05 * (0.6 + 0.4 * (y - top) / h);

          vessel_point (v, phi, y, &x, &py);
          cairo_save (cr);
          cairo_translate (cr, x, py);
          cairo_scale (cr, f, 1);
          /* An opening framed by two scrolls of flattened wire. */
          ellipse_path (cr, 0, 0, u * 0.45, u * 0.6);
          set_colour (cr, shade (metal, 0.2), 0.9);
          cairo_fill (cr);
          cairo_arc (cr, -u * 0.45, 0, u * 0.45, -G_PI / 2, G_PI / 2);
          cairo_new_sub_path (cr);
          cairo_arc_negative (cr, u * 0.45, 0, u * 0.45, -G_PI / 2, G_PI / 2);
          set_colour (cr, shade (metal, 1.55), 0.95);
          cairo_set_line_width (cr, 1.6);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      vessel_ring (cr, v, y + h * 0.05, 2.5, shade (metal, 1.5), 0.9);
    }
}

static void
painted_over (Scene        *s,
              const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;

  vessel_ring (cr, v, top + h * 0.35, h * 0.06, black, 0.85);
  vessel_ring (cr, v, top + h * 0.85, h * 0.08, s->accent2, 0.95);
  for (double phi = -1.4; phi < 1.45; phi += 0.28)
    {
      double x, y;

      vessel_point (v, phi, top + h * 0.6, &x, &y);
      cairo_arc (cr, x, y, h * 0.045 * MAX (cos (phi), 0.3), 0, 2 * G_PI);
      set_colour (cr, s->accent, 0.95);
      cairo_fill (cr);
      vessel_point (v, phi + 0.14, top + h * 0.2, &x, &y);
      cairo_arc (cr, x, y, h * 0.025 * MAX (cos (phi), 0.3), 0, 2 * G_PI);
      set_colour (cr, s->accent2, 0.95);
      cairo_fill (cr);
    }
}

static const ProfilePoint bell_profile[] = {
  { 0.0, 0.12 }, { 0.1, 0.32 }, { 0.32, 0.66 }, { 0.62, 0.9 }, { 1.0, 1.0 },
};

static void
draw_jhumka (Scene  *s,
             double  cx,
             gboolean matte)
{
  cairo_t *cr = s->cr;
  Rgb metal = matte ? rgb (0xb8b8b8) : s->base;
  Vessel v;

  ear_hook (cr, cx - 62, 230, matte ? rgb (0xb9bcc2) : metal);

  /* The stud: a flower of beads, or a painted disc. */
  if (matte)
    {
      cairo_arc (cr, cx, 280, 48, 0, 2 * G_PI);
      set_colour (cr, s->base, 1);
      cairo_fill (cr);
      for (int k = 0; k < 10; k++)
        {
          double a = k * G_PI / 5;

          cairo_arc (cr, cx + 32 * cos (a), 280 + 32 * sin (a), 5, 0, 2 * G_PI);
          set_colour (cr, k % 2 ? s->accent : s->accent2, 1);
          cairo_fill (cr);
        }
      cairo_arc (cr, cx, 280, 14, 0, 2 * G_PI);
      set_colour (cr, black, 0.85);
      cairo_fill (cr);
    }
  else
    {
      for (int k = 0; k < 8; k++)
        {
          double a = k * G_PI / 4;

          metal_bead (cr, cx + 30 * cos (a), 280 + 30 * sin (a), 13, metal);
        }
      metal_bead (cr, cx, 280, 18, metal);
    }
  cairo_arc (cr, cx, 338, 10, 0, 2 * G_PI);
  metal_wire (cr, 5, matte ? rgb (0xb9bcc2) : metal);

  vessel_init (&v, cx, 345, 230, 125, 0.28, bell_profile, G_N_ELEMENTS (bell_profile));
  cairo_save (cr);
  vessel_outline (cr, &v);
  drop_shadow (cr, 14, 18, 10, 0.45);
  set_colour (cr, matte ? s->base : metal, 1);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  if (matte)
    painted_over (s, &v);
  else
    filigree_over (s, &v, metal);
  vessel_light (cr, &v, !matte);
  cairo_restore (cr);

  /* Beads hanging from the rim. */
  for (double phi = -1.4; phi <= 1.41; phi += 0.2)
    {
      double x, y;

      vessel_point (&v, phi, vessel_bottom (&v), &x, &y);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y + 20);
      set_colour (cr, shade (matte ? rgb (0xb9bcc2) : metal, 0.6), 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      if (matte)
        {
          cairo_arc (cr, x, y + 28, 9, 0, 2 * G_PI);
          set_colour (cr, fmod (phi + 1.4, 0.4) < 0.2 ? s->accent2 : s->base, 1);
          cairo_fill (cr);
        }
      else
        metal_bead (cr, x, y + 28, 9, metal);
    }
}

static void
draw_jhumkas (Scene *s)
{
  gboolean matte = !(s->piece->flags & FLAG_GLOSSY);

  draw_jhumka (s, 330, matte);
  draw_jhumka (s, 680, matte);
}

static void
draw_dhokra_drop (Scene  *s,
                  double  cx)
{
  cairo_t *cr = s->cr;
  Rgb metal = s->base;

  ear_hook (cr, cx - 62, 200, metal);
  cairo_arc (cr, cx, 262, 14, 0, 2 * G_PI);
  metal_wire (cr, 7, metal);

  /* The oval frame, drawn from coiled wax thread. */
  ellipse_path (cr, cx, 470, 105, 180);
  drop_shadow (cr, 12, 16, 10, 0.4);
  fill_with (cr, metal_pattern (cx, 470, 200, shade (metal, 0.4)), FALSE);
  ellipse_path (cr, cx, 470, 105, 180);
  metal_wire (cr, 22, metal);
  {
    double dashes[] = { 3, 5 };

    ellipse_path (cr, cx, 470, 105, 180);
    cairo_set_dash (cr, dashes, 2, 0);
    cairo_set_line_width (cr, 18);
    set_colour (cr, shade (metal, 0.4), 0.6);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }

  /* Three spirals inside. */
  for (int k = 0; k < 3; k++)
    {
      double sy = 360 + k * 110;

      cairo_new_path (cr);
      for (double a = 0; a < 4.2 * G_PI; a += 0.15)
        {
          double r = 4 + a * 3.1;

          cairo_line_to (cr, cx + r * cos (a + k), sy + r * sin (a + k));
        }
      metal_wire (cr, 8, metal);
    }

  /* Little bells. */
  for (int k = -1; k <= 1; k++)
    {
      double x = cx + k * 55;
      double y = 650 + (k == 0 ? 20 : 0);

      cairo_move_to (cr, x, y - 35);
      cairo_line_to (cr, x, y - 10);
      metal_wire (cr, 4, metal);
      cairo_new_path (cr);
      cairo_move_to (cr, x - 24, y + 28);
      cairo_curve_to (cr, x - 22, y - 20, x + 22, y - 20, x + 24, y + 28);
      cairo_close_path (cr);
      fill_with (cr, metal_pattern (x, y, 30, metal), FALSE);
    }
}

static void
draw_drop_earrings (Scene *s)
{
  draw_dhokra_drop (s, 320);
  draw_dhokra_drop (s, 680);
}

/* The part of the circle (cx, cy, r1) below the circle (cx, cy - d, r2):
 * a crescent with its horns up. */
static void
crescent_path (cairo_t *cr,
               double   cx,
               double   cy,
               double   r1,
               double   d,
               double   r2)
{
  double t = -(r1 * r1 - r2 * r2 + d * d) / (2 * d);
  double x = sqrt (MAX (r1 * r1 - t * t, 0));
  double a = atan2 (t, x);
  double b = atan2 (t + d, x);

  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r1, a, G_PI - a);
  cairo_arc_negative (cr, cx, cy - d, r2, G_PI - b, b);
  cairo_close_path (cr);
}

static void
draw_chandbali (Scene  *s,
                double  cx)
{
  cairo_t *cr = s->cr;
  Rgb gold = s->base;
  double cy = 470;

  ear_hook (cr, cx - 62, 200, gold);
  metal_bead (cr, cx, 240, 30, gold);
  cairo_arc (cr, cx, 240, 16, 0, 2 * G_PI);
  set_colour (cr, s->accent, 1);
  cairo_fill (cr);
  cairo_arc (cr, cx, 282, 10, 0, 2 * G_PI);
  metal_wire (cr, 5, gold);

  /* The crescent. */
  crescent_path (cr, cx, cy, 150, 85, 125);
  drop_shadow (cr, 12, 16, 10, 0.5);
  fill_with (cr, metal_pattern (cx, cy, 160, gold), TRUE);
  cairo_save (cr);
  cairo_clip (cr);
  /* The enamel, inset from the gold. */
  crescent_path (cr, cx, cy, 132, 70, 128);
  set_colour (cr, s->accent, 1);
  cairo_fill (cr);
  for (double a = 0.35; a < G_PI - 0.3; a += 0.28)
    {
      double x = cx + 100 * cos (a);
      double y = cy + 100 * sin (a) - 10;

      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, a);
      ellipse_path (cr, 0, 0, 7, 13);
      set_colour (cr, s->accent2, 1);
      cairo_fill (cr);
      cairo_restore (cr);
      metal_bead (cr, cx + 118 * cos (a + 0.14), cy + 118 * sin (a + 0.14) - 6, 4, gold);
    }
  {
    cairo_pattern_t *pattern = cairo_pattern_create_linear (cx - 150, cy - 150, cx + 150, cy + 150);

    add_stop (pattern, 0, white, 0.35);
    add_stop (pattern, 0.4, white, 0);
    add_stop (pattern, 1, black, 0.3);
    paint_with (cr, pattern);
  }
  cairo_restore (cr);
  cairo_new_path (cr);

  for (double a = 0.15; a < G_PI - 0.1; a += 0.2)
    {
      double x = cx + 166 * cos (a);
      double y = cy + 166 * sin (a);

      cairo_move_to (cr, cx + 150 * cos (a), cy + 150 * sin (a));
      cairo_line_to (cr, x, y);
      set_colour (cr, shade (gold, 0.7), 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      pearl (cr, x, y, 12);
    }
}

static void
draw_chandbalis (Scene *s)
{
  draw_chandbali (s, 320);
  draw_chandbali (s, 690);
}

/* A necklace hangs along a cubic curve. Samples points along it at even
 * spacing, calling func for each. */
typedef struct
{
  double x0, y0, x1, y1, x2, y2, x3, y3;
} Curve;

static void
curve_at (const Curve *c,
          double       t,
          double      *x,
          double      *y,
          double      *angle)
{
  double u = 1 - t;
  double dx, dy;

  *x = u * u * u * c->x0 + 3 * u * u * t * c->x1 + 3 * u * t * t * c->x2 + t * t * t * c->x3;
  *y = u * u * u * c->y0 + 3 * u * u * t * c->y1 + 3 * u * t * t * c->y2 + t * t * t * c->y3;
  dx = 3 * u * u * (c->x1 - c->x0) + 6 * u * t * (c->x2 - c->x1) + 3 * t * t * (c->x3 - c->x2);
  dy = 3 * u * u * (c->y1 - c->y0) + 6 * u * t * (c->y2 - c->y1) + 3 * t * t * (c->y3 - c->y2);
  *angle = atan2 (dy, dx);
}

/* Parameters of points spaced `step` apart along the curve, between t0 and t1. */
static GArray *
curve_spaced (const Curve *c,
              double       t0,
              double       t1,
              double       step)
{
  GArray *ts = g_array_new (FALSE, FALSE, sizeof (double));
  double px, py, angle, travelled = step;

  curve_at (c, t0, &px, &py, &angle);
  for (double t = t0; t <= t1; t += 0.0005)
    {
      double x, y;

      curve_at (c, t, &x, &y, &angle);
      travelled += hypot (x - px, y - py);
      px = x;
      py = y;
      if (travelled >= step)
        {
          g_array_append_val (ts, t);
          travelled = 0;
        }
    }
  return ts;
}

static void
draw_chain (Scene       *s,
            const Curve *c,
            Rgb          metal)
{
  cairo_t *cr = s->cr;
  g_autoptr(GArray) ts = curve_spaced (c, 0, 1, 13);

  for (guint i = 0; i < ts->len; i++)
    {
      double x, y, angle;

      curve_at (c, g_array_index (ts, double, i), &x, &y, &angle);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, angle);
      ellipse_path (cr, 0, 0, 10, i % 2 ? 2.5 : 6);
      cairo_restore (cr);
      metal_wire (cr, 3.2, metal);
    }
}

static void
filigree_fill (Scene  *s,
               double  x0,
               double  y0,
               double  x1,
               double  y1,
               Rgb     metal)
{
  cairo_t *cr = s->cr;

  set_colour (cr, shade (metal, 0.2), 1);
  cairo_paint (cr);
  for (double y = y0; y < y1; y += 26)
    for (double x = x0 + (fmod (y - y0, 52) < 26 ? 13 : 0); x < x1; x += 26)
      {
        cairo_new_path (cr);
        for (double a = 0; a < 3.2 * G_PI; a += 0.3)
          {
            double r = 1 + a * 1.25;

            cairo_line_to (cr, x + r * cos (a), y + r * sin (a));
          }
        metal_wire (cr, 3.2, metal);
      }
}

static void
draw_pendant (Scene *s)
{
  cairo_t *cr = s->cr;
  Curve chain = { 120, -20, 170, 560, 830, 560, 880, -20 };
  Rgb metal = s->base;
  double top = 440, bottom = 790, half = 115;

  draw_chain (s, &chain, metal);
  cairo_arc (cr, 500, 430, 16, 0, 2 * G_PI);
  metal_wire (cr, 7, metal);

  cairo_new_path (cr);
  cairo_move_to (cr, 500, top + 20);
  cairo_curve_to (cr, 500 + half * 1.4, top + 90, 500 + half * 0.9, bottom - 120, 500, bottom);
  cairo_curve_to (cr, 500 - half * 0.9, bottom - 120, 500 - half * 1.4, top + 90, 500, top + 20);
  cairo_close_path (cr);
  drop_shadow (cr, 12, 16, 10, 0.55);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  filigree_fill (s, 500 - half * 1.2, top, 500 + half * 1.2, bottom, metal);
  cairo_restore (cr);
  metal_wire (cr, 12, metal);
  /* The twisted midrib. */
  cairo_move_to (cr, 500, top + 30);
  cairo_curve_to (cr, 510, top + 140, 490, bottom - 140, 500, bottom - 10);
  metal_wire (cr, 8, metal);
  metal_bead (cr, 500, top + 24, 12, metal);
}

static void
draw_bead_necklace (Scene *s)
{
  cairo_t *cr = s->cr;
  Curve cord = { 100, -30, 150, 620, 850, 620, 900, -30 };
  Rgb metal = s->base;
  g_autoptr(GArray) ts = curve_spaced (&cord, 0.16, 0.84, 52);
  double cx, cy, angle;

  cairo_move_to (cr, cord.x0, cord.y0);
  cairo_curve_to (cr, cord.x1, cord.y1, cord.x2, cord.y2, cord.x3, cord.y3);
  cairo_set_line_width (cr, 6);
  set_colour (cr, s->accent, 1);
  cairo_stroke (cr);

  for (guint i = 0; i < ts->len; i++)
    {
      double x, y;

      curve_at (&cord, g_array_index (ts, double, i), &x, &y, &angle);
      if (fabs (x - 500) < 70)
        continue;
      if (i % 2 == 0)
        {
          cairo_arc (cr, x + 6, y + 8, 22, 0, 2 * G_PI);
          set_colour (cr, black, 0.3);
          cairo_fill (cr);
          metal_bead (cr, x, y, 22, metal);
          /* Wax-thread texture. */
          for (int k = 1; k <= 3; k++)
            {
              cairo_save (cr);
              cairo_translate (cr, x, y);
              cairo_rotate (cr, angle + G_PI / 2);
              ellipse_path (cr, 0, 0, 22 * k / 4.0, 22);
              cairo_restore (cr);
              set_colour (cr, shade (metal, 0.4), 0.6);
              cairo_set_line_width (cr, 2);
              cairo_stroke (cr);
            }
        }
      else
        {
          cairo_save (cr);
          cairo_translate (cr, x, y);
          cairo_rotate (cr, angle);
          rounded_rect (cr, -14, -10, 28, 20, 6);
          cairo_restore (cr);
          fill_with (cr, metal_pattern (x, y, 18, shade (metal, 0.85)), FALSE);
        }
    }

  /* The sun disc. */
  curve_at (&cord, 0.5, &cx, &cy, &angle);
  cy += 90;
  cairo_move_to (cr, 500, cy - 90);
  cairo_line_to (cr, 500, cy - 20);
  cairo_set_line_width (cr, 6);
  set_colour (cr, s->accent, 1);
  cairo_stroke (cr);
  cairo_new_path (cr);
  for (int k = 0; k < 24; k++)
    {
      double a = k * G_PI / 12;
      double r = k % 2 ? 80 : 110;

      cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
    }
  cairo_close_path (cr);
  drop_shadow (cr, 10, 14, 10, 0.45);
  fill_with (cr, metal_pattern (cx, cy, 115, metal), FALSE);
  cairo_arc (cr, cx, cy, 72, 0, 2 * G_PI);
  set_colour (cr, shade (metal, 0.35), 0.8);
  cairo_fill (cr);
  cairo_new_path (cr);
  for (double a = 0; a < 7 * G_PI; a += 0.12)
    {
      double r = 3 + a * 3.0;

      cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
    }
  metal_wire (cr, 7, metal);
}

static void
draw_choker (Scene *s)
{
  cairo_t *cr = s->cr;
  Curve band = { 150, 220, 230, 560, 770, 560, 850, 220 };
  Rgb gold = s->base;
  g_autoptr(GArray) ts = curve_spaced (&band, 0.08, 0.92, 56);

  /* Silk dori ties running off the frame. */
  for (int side = -1; side <= 1; side += 2)
    {
      double x = side < 0 ? band.x0 : band.x3;

      cairo_move_to (cr, x, band.y0);
      cairo_curve_to (cr, x + side * 40, band.y0 - 100, x + side * 10, band.y0 - 200, x + side * 90, -10);
      cairo_set_line_width (cr, 9);
      set_colour (cr, shade (s->accent, 0.8), 1);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 3);
      set_colour (cr, shade (s->accent, 1.3), 0.6);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < ts->len; i++)
    {
      double t = g_array_index (ts, double, i);
      double x, y, angle;
      gboolean centre = i == ts->len / 2;
      double size = centre ? 40 : 25;
      cairo_pattern_t *pattern;

      curve_at (&band, t, &x, &y, &angle);

      /* The emerald drop and pearls below. */
      cairo_move_to (cr, x, y + size);
      cairo_line_to (cr, x, y + size + 26);
      set_colour (cr, shade (gold, 0.6), 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      for (int k = 0; k < 3; k++)
        pearl (cr, x, y + size + 10 + k * 9, 4.5);
      cairo_new_path (cr);
      cairo_move_to (cr, x, y + size + 30);
      cairo_curve_to (cr, x + 18, y + size + 55, x + 14, y + size + 78, x, y + size + 80);
      cairo_curve_to (cr, x - 14, y + size + 78, x - 18, y + size + 55, x, y + size + 30);
      pattern = cairo_pattern_create_radial (x - 5, y + size + 50, 1, x, y + size + 60, 24);
      add_stop (pattern, 0, shade (s->accent2, 1.6), 1);
      add_stop (pattern, 0.5, s->accent2, 1);
      add_stop (pattern, 1, shade (s->accent2, 0.4), 1);
      fill_with (cr, pattern, FALSE);

      /* The setting: gold frame, kundan stone. */
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, angle);
      if (centre)
        cairo_arc (cr, 0, 0, size, 0, 2 * G_PI);
      else
        rounded_rect (cr, -size, -size, 2 * size, 2 * size, 6);
      drop_shadow (cr, 6, 10, 6, 0.5);
      fill_with (cr, metal_pattern (0, 0, size * 1.3, gold), FALSE);
      if (centre)
        {
          cairo_arc (cr, 0, 0, size * 0.8, 0, 2 * G_PI);
          set_colour (cr, s->accent, 1);
          cairo_fill (cr);
          cairo_arc (cr, 0, 0, size * 0.55, 0, 2 * G_PI);
        }
      else
        rounded_rect (cr, -size * 0.7, -size * 0.7, size * 1.4, size * 1.4, 3);
      pattern = cairo_pattern_create_linear (-size, -size, size, size);
      add_stop (pattern, 0, white, 1);
      add_stop (pattern, 0.35, rgb (0xe9eef5), 1);
      add_stop (pattern, 0.5, rgb (0xf7e9ef), 1);
      add_stop (pattern, 0.7, rgb (0xc9d3de), 1);
      add_stop (pattern, 1, rgb (0x8f9aa8), 1);
      fill_with (cr, pattern, FALSE);
      cairo_arc (cr, -size * 0.25, -size * 0.25, size * 0.12, 0, 2 * G_PI);
      set_colour (cr, white, 0.95);
      cairo_fill (cr);
      cairo_restore (cr);
    }
}

static void
draw_coin_necklace (Scene *s)
{
  cairo_t *cr = s->cr;
  Curve curve = { 110, -20, 150, 760, 850, 760, 890, -20 };
  Rgb gold = s->base;
  g_autoptr(GArray) ts = curve_spaced (&curve, 0.16, 0.84, 64);
  double r = 46;

  draw_chain (s, &curve, gold);
  for (guint i = 0; i < ts->len; i++)
    {
      double x, y, angle;

      curve_at (&curve, g_array_index (ts, double, i), &x, &y, &angle);
      cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
      metal_wire (cr, 4, gold);
      y += r + 4;
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      drop_shadow (cr, 6, 9, 6, 0.45);
      fill_with (cr, metal_pattern (x, y, r * 1.05, gold), FALSE);
      /* The stamp, a beaded rim round a lotus, worn smooth: drawn twice,
       * dark and then light, so it stands up from the coin. */
      for (int pass = 0; pass < 2; pass++)
        {
          double o = pass ? -1.2 : 1.2;

          cairo_save (cr);
          cairo_translate (cr, x + o, y + o);
          cairo_arc (cr, 0, 0, r * 0.78, 0, 2 * G_PI);
          for (int k = -2; k <= 2; k++)
            {
              cairo_save (cr);
              cairo_translate (cr, 0, r * 0.3);
              cairo_rotate (cr, k * 0.5);
              ellipse_path (cr, 0, -r * 0.32, r * 0.12, r * 0.3);
              cairo_restore (cr);
            }
          cairo_move_to (cr, -r * 0.45, r * 0.42);
          cairo_curve_to (cr, -r * 0.2, r * 0.55, r * 0.2, r * 0.55, r * 0.45, r * 0.42);
          cairo_restore (cr);
          set_colour (cr, pass ? shade (gold, 1.5) : shade (gold, 0.45), pass ? 0.6 : 0.75);
          cairo_set_line_width (cr, 2.4);
          cairo_stroke (cr);
        }
      for (int k = 0; k < 20; k++)
        {
          double a = k * G_PI / 10;

          cairo_arc (cr, x + r * 0.9 * cos (a), y + r * 0.9 * sin (a), 1.8, 0, 2 * G_PI);
          set_colour (cr, shade (gold, 0.5), 0.7);
          cairo_fill (cr);
        }
    }
}

/* Wood */

/* Grain running along `angle`, over the current clip (which covers the
 * box x0..x1, y0..y1). */
static void
wood_grain (Scene  *s,
            double  x0,
            double  y0,
            double  x1,
            double  y1,
            double  angle,
            Rgb     wood)
{
  cairo_t *cr = s->cr;
  double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  double half = hypot (x1 - x0, y1 - y0) / 2;

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  set_colour (cr, wood, 1);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, angle);
  /* Broad figure first, then fine lines. */
  for (double y = -half; y < half; y += rnd (s, 18, 40))
    {
      cairo_rectangle (cr, -half, y, 2 * half, rnd (s, 8, 26));
      set_colour (cr, rnd (s, 0, 1) > 0.5 ? shade (wood, 0.8) : shade (wood, 1.12), rnd (s, 0.15, 0.35));
      cairo_fill (cr);
    }
  for (double y = -half; y < half; y += rnd (s, 3, 9))
    {
      double phase = rnd (s, 0, 2 * G_PI);
      double amp = rnd (s, 1, 6);
      double freq = rnd (s, 0.004, 0.012);

      cairo_move_to (cr, -half, y);
      for (double x = -half; x <= half; x += 20)
        cairo_line_to (cr, x, y + amp * sin (x * freq + phase) + 3 * sin (x * 0.031 + y * 0.01));
      cairo_set_line_width (cr, rnd (s, 0.6, 2.6));
      set_colour (cr, shade (wood, rnd (s, 0.5, 0.8)), rnd (s, 0.2, 0.5));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Gloss or oil: light from the upper left over the current clip. */
static void
sheen (cairo_t *cr,
       double   x0,
       double   y0,
       double   x1,
       double   y1,
       double   strength)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (x0, y0, x1, y1);

  add_stop (pattern, 0, white, strength);
  add_stop (pattern, 0.45, white, 0);
  add_stop (pattern, 1, black, strength * 1.3);
  paint_with (cr, pattern);
}

static void
spoon_path (cairo_t *cr,
            gboolean spatula)
{
  cairo_new_path (cr);
  cairo_move_to (cr, -16, -340);
  cairo_arc (cr, 0, -340, 16, G_PI, 2 * G_PI);
  cairo_line_to (cr, 22, 20);
  if (spatula)
    {
      cairo_curve_to (cr, 70, 60, 72, 200, 66, 290);
      cairo_curve_to (cr, 40, 320, -40, 320, -66, 290);
      cairo_curve_to (cr, -72, 200, -70, 60, -22, 20);
    }
  else
    {
      cairo_curve_to (cr, 95, 60, 100, 260, 0, 290);
      cairo_curve_to (cr, -100, 260, -95, 60, -22, 20);
    }
  cairo_close_path (cr);
}

static void
draw_spoon (Scene   *s,
            double   x,
            double   y,
            double   angle,
            gboolean spatula)
{
  cairo_t *cr = s->cr;
  cairo_pattern_t *pattern;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  spoon_path (cr, spatula);
  drop_shadow (cr, 12, 14, 10, 0.5);
  cairo_save (cr);
  cairo_clip (cr);
  wood_grain (s, -110, -370, 110, 330, G_PI / 2 + 0.02, s->base);
  if (!spatula)
    {
      /* The hollow of the bowl: shaded where the light cannot reach. */
      cairo_new_path (cr);
      cairo_move_to (cr, 0, 45);
      cairo_curve_to (cr, 80, 80, 82, 250, 0, 268);
      cairo_curve_to (cr, -82, 250, -80, 80, 0, 45);
      pattern = cairo_pattern_create_linear (-80, 60, 80, 260);
      add_stop (pattern, 0, black, 0.45);
      add_stop (pattern, 0.6, black, 0.05);
      add_stop (pattern, 1, white, 0.25);
      fill_with (cr, pattern, FALSE);
    }
  sheen (cr, -100, -360, 100, 320, 0.18);
  cairo_restore (cr);
  spoon_path (cr, spatula);
  cairo_set_line_width (cr, 2.5);
  set_colour (cr, shade (s->base, 0.5), 0.7);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_spoons (Scene *s)
{
  draw_spoon (s, 400, 470, -0.22, FALSE);
  draw_spoon (s, 620, 520, 0.18, TRUE);
}

static void
board_path (cairo_t *cr)
{
  cairo_new_path (cr);
  rounded_rect (cr, -220, -250, 440, 560, 46);
  rounded_rect (cr, -75, -400, 150, 200, 60);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, 0, -335, 24, 2 * G_PI, 0);
  cairo_close_path (cr);
}

static void
draw_board (Scene *s)
{
  cairo_t *cr = s->cr;

  cairo_save (cr);
  cairo_translate (cr, 500, 540);
  cairo_rotate (cr, -0.12);

  /* The edge, seen under the top face. */
  cairo_save (cr);
  cairo_translate (cr, 0, 20);
  board_path (cr);
  drop_shadow (cr, 12, 14, 12, 0.5);
  set_colour (cr, shade (s->base, 0.55), 1);
  cairo_fill (cr);
  cairo_restore (cr);

  board_path (cr);
  cairo_save (cr);
  cairo_clip (cr);
  wood_grain (s, -240, -420, 240, 330, G_PI / 2, s->base);
  /* A juice groove. */
  rounded_rect (cr, -190, -220, 380, 500, 30);
  cairo_set_line_width (cr, 9);
  set_colour (cr, shade (s->base, 0.55), 0.5);
  cairo_stroke (cr);
  rounded_rect (cr, -186, -216, 380, 500, 30);
  cairo_set_line_width (cr, 3);
  set_colour (cr, white, 0.2);
  cairo_stroke (cr);
  sheen (cr, -220, -400, 220, 310, 0.16);
  cairo_restore (cr);
  board_path (cr);
  cairo_set_line_width (cr, 3);
  set_colour (cr, shade (s->base, 1.3), 0.6);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A turned cylinder lying down, along x, centred on 0. */
static void
rolling_pin (Scene  *s,
             double  length,
             double  radius,
             Rgb     wood)
{
  cairo_t *cr = s->cr;
  double half = length / 2;
  cairo_pattern_t *pattern;

  cairo_new_path (cr);
  cairo_move_to (cr, -half, -radius * 0.55);
  cairo_curve_to (cr, -half * 0.6, -radius, -half * 0.2, -radius, 0, -radius);
  cairo_curve_to (cr, half * 0.2, -radius, half * 0.6, -radius, half, -radius * 0.55);
  cairo_arc (cr, half, 0, radius * 0.55, -G_PI / 2, G_PI / 2);
  cairo_curve_to (cr, half * 0.6, radius, half * 0.2, radius, 0, radius);
  cairo_curve_to (cr, -half * 0.2, radius, -half * 0.6, radius, -half, radius * 0.55);
  cairo_arc (cr, -half, 0, radius * 0.55, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  drop_shadow (cr, 10, 22, 10, 0.55);
  cairo_save (cr);
  cairo_clip (cr);
  wood_grain (s, -half - radius, -radius, half + radius, radius, 0, wood);
  pattern = cairo_pattern_create_linear (0, -radius, 0, radius);
  add_stop (pattern, 0, black, 0.3);
  add_stop (pattern, 0.25, white, 0.35);
  add_stop (pattern, 0.45, white, 0);
  add_stop (pattern, 1, black, 0.5);
  paint_with (cr, pattern);
  cairo_restore (cr);
}

static void
draw_chakla (Scene *s)
{
  cairo_t *cr = s->cr;
  double cx = 490, cy = 520, r = 320, tilt = 0.5, thick = 50;
  cairo_pattern_t *pattern;

  floor_shadow (cr, cx + 20, cy + thick + r * tilt * 0.5, r * 1.15, r * tilt * 0.9, 0.5);
  /* Feet. */
  for (int k = -1; k <= 1; k += 2)
    {
      rounded_rect (cr, cx + k * r * 0.55 - 30, cy + thick + r * tilt * 0.55 - 20, 60, 50, 12);
      set_colour (cr, shade (s->base, 0.5), 1);
      cairo_fill (cr);
    }
  /* The side of the disc. */
  cairo_new_path (cr);
  ellipse_arc (cr, cx, cy, r, r * tilt, G_PI, 0);
  ellipse_arc (cr, cx, cy + thick, r, r * tilt, 0, G_PI);
  cairo_close_path (cr);
  pattern = cairo_pattern_create_linear (cx - r, 0, cx + r, 0);
  add_stop (pattern, 0, shade (s->base, 0.45), 1);
  add_stop (pattern, 0.35, shade (s->base, 0.85), 1);
  add_stop (pattern, 1, shade (s->base, 0.4), 1);
  fill_with (cr, pattern, FALSE);
  for (int k = 1; k < 4; k++)
    {
      cairo_new_path (cr);
      ellipse_arc (cr, cx, cy + thick * k / 4.0, r, r * tilt, 0.05, G_PI - 0.05);
      set_colour (cr, black, 0.12);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  /* The top face. */
  ellipse_path (cr, cx, cy, r, r * tilt);
  cairo_save (cr);
  cairo_clip (cr);
  wood_grain (s, cx - r, cy - r * tilt, cx + r, cy + r * tilt, 0.15, s->base);
  /* Turning rings from the lathe. */
  for (double k = 0.25; k < 1; k += 0.2)
    {
      ellipse_path (cr, cx, cy, r * k, r * k * tilt);
      set_colour (cr, shade (s->base, 0.6), 0.12);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  sheen (cr, cx - r, cy - r * tilt, cx + r, cy + r * tilt, 0.18);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, cx + 20, cy + 10);
  cairo_rotate (cr, -0.38);
  rolling_pin (s, 600, 34, s->accent2);
  cairo_restore (cr);
}

static const ProfilePoint bowl_profile[] = {
  { 0.0, 1.0 }, { 0.3, 0.96 }, { 0.65, 0.8 }, { 0.9, 0.56 }, { 1.0, 0.46 },
};

static void
chinar_leaf (cairo_t *cr,
             double   size,
             Rgb      dark,
             Rgb      light)
{
  cairo_new_path (cr);
  for (int k = 0; k <= 10; k++)
    {
      double a = -G_PI / 2 + (k - 5) * 0.28;
      double r = size * (k % 2 ? 0.6 : 1.0) * (1 - ABS (k - 5) * 0.08);

      cairo_line_to (cr, r * cos (a), r * sin (a) + size * 0.35);
    }
  cairo_close_path (cr);
  set_colour (cr, dark, 0.55);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
  for (int k = -2; k <= 2; k++)
    {
      double a = -G_PI / 2 + k * 0.55;

      cairo_move_to (cr, 0, size * 0.35);
      cairo_line_to (cr, size * 0.75 * cos (a), size * 0.75 * sin (a) + size * 0.35);
    }
  set_colour (cr, light, 0.4);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
decorate_chinar (Scene        *s,
                 const Vessel *v)
{
  cairo_t *cr = s->cr;
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;

  wood_grain (s, v->cx - v->radius, top - 40, v->cx + v->radius, vessel_bottom (v) + 40, 0.05, s->base);
  for (double phi = -1.2; phi < 1.25; phi += 0.6)
    {
      double x, y;

      vessel_point (v, phi, top + h * 0.45, &x, &y);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, MAX (cos (phi), 0.1), 1);
      chinar_leaf (cr, h * 0.32, shade (s->base, 0.4), shade (s->base, 1.4));
      cairo_restore (cr);
    }
  vessel_ring (cr, v, top + h * 0.08, 3, shade (s->base, 0.5), 0.6);
  vessel_ring (cr, v, top + h * 0.85, 3, shade (s->base, 0.5), 0.6);
}

static void
draw_bowl (Scene *s)
{
  cairo_t *cr = s->cr;
  Vessel v;
  double r;
  cairo_pattern_t *pattern;

  vessel_init (&v, 500, 470, 270, 330, 0.36, bowl_profile, G_N_ELEMENTS (bowl_profile));
  floor_shadow (cr, 530, 750, 300, 56, 0.55);
  draw_vessel_body (s, &v, s->base, decorate_chinar, FALSE);

  /* Inside: grain in the hollow, darker under the far rim. */
  r = v.rs[0];
  ellipse_path (cr, v.cx, v.ys[0], r, r * v.tilt);
  set_colour (cr, shade (s->base, 1.15), 1);
  cairo_fill (cr);
  ellipse_path (cr, v.cx, v.ys[0] + 3, r - 14, (r - 14) * v.tilt);
  cairo_save (cr);
  cairo_clip (cr);
  wood_grain (s, v.cx - r, v.ys[0] - r * v.tilt, v.cx + r, v.ys[0] + r * v.tilt, 0.1, s->base);
  pattern = cairo_pattern_create_linear (0, v.ys[0] - r * v.tilt, 0, v.ys[0] + r * v.tilt);
  add_stop (pattern, 0, black, 0.05);
  add_stop (pattern, 0.5, black, 0.3);
  add_stop (pattern, 1, black, 0.6);
  paint_with (cr, pattern);
  cairo_restore (cr);
}

/* Toys */

static const ProfilePoint ring_profile[] = {
  { 0.0, 0.84 }, { 0.2, 0.96 }, { 0.5, 1.0 }, { 0.8, 0.96 }, { 1.0, 0.84 },
};
static const ProfilePoint disc_profile[] = {
  { 0.0, 1.0 }, { 1.0, 1.0 },
};
static const ProfilePoint pole_profile[] = {
  { 0.0, 1.0 }, { 1.0, 1.0 },
};

static void
draw_lac_vessel (Scene              *s,
                 double              cx,
                 double              top,
                 double              height,
                 double              radius,
                 const ProfilePoint *profile,
                 guint               n_profile,
                 Rgb                 colour,
                 DecorateFunc        decorate)
{
  Vessel v;

  vessel_init (&v, cx, top, height, radius, 0.24, profile, n_profile);
  draw_vessel_body (s, &v, colour, decorate, TRUE);
  vessel_cap (s->cr, &v, colour);
}

static void
draw_stacking_rings (Scene *s)
{
  cairo_t *cr = s->cr;
  double floor_y = 860;
  double ring_h = 78;
  int n = 5;

  floor_shadow (cr, 520, floor_y, 280, 44, 0.55);
  draw_lac_vessel (s, 500, floor_y - 60, 60, 230, disc_profile, 2, s->base, NULL);
  draw_lac_vessel (s, 500, floor_y - 60 - n * ring_h - 60, n * ring_h + 60, 30, pole_profile, 2, s->base, NULL);
  for (int i = 0; i < n; i++)
    {
      double top = floor_y - 60 - (i + 1) * ring_h;
      Vessel v;

      vessel_init (&v, 500, top, ring_h, 205 - i * 28, 0.24, ring_profile, G_N_ELEMENTS (ring_profile));
      draw_vessel_body (s, &v, rgb (lac_colours[i]), NULL, TRUE);
      vessel_cap (cr, &v, rgb (lac_colours[i]));
      ellipse_path (cr, 500, top, 30, 30 * 0.24);
      set_colour (cr, shade (s->base, 0.8), 1);
      cairo_fill (cr);
    }
  /* The knob on top. */
  {
    double y = floor_y - 60 - n * ring_h - 70;

    cairo_arc (cr, 500, y, 58, 0, 2 * G_PI);
    fill_with (cr, metal_pattern (500, y, 62, rgb (lac_colours[0])), FALSE);
  }
}

static void
decorate_lac_bands (Scene        *s,
                    const Vessel *v)
{
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;
  guint first = g_rand_int_range (s->rand, 0, G_N_ELEMENTS (lac_colours));

  for (int k = 0; k < 6; k++)
    vessel_ring (s->cr, v, top + h * (0.2 + k * 0.11), h * rnd (s, 0.025, 0.07),
                 rgb (lac_colours[(first + k) % G_N_ELEMENTS (lac_colours)]), 0.95);
}

static const ProfilePoint top_profile[] = {
  { 0.0, 0.2 }, { 0.14, 0.22 }, { 0.2, 0.6 }, { 0.34, 1.0 }, { 0.5, 0.92 },
  { 0.75, 0.38 }, { 0.94, 0.06 }, { 1.0, 0.03 },
};

static void
draw_tops (Scene *s)
{
  cairo_t *cr = s->cr;
  struct { double x, angle, scale; } tops[] = {
    { 270, -0.2, 0.9 }, { 720, 0.16, 0.95 }, { 490, 0.02, 1.05 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tops); i++)
    {
      double tip = 800 - (i == 2 ? 0 : 90);
      double height = 380 * tops[i].scale;

      floor_shadow (cr, tops[i].x + 40, tip + 2, 150 * tops[i].scale, 26, 0.5);
      cairo_save (cr);
      cairo_translate (cr, tops[i].x, tip);
      cairo_rotate (cr, tops[i].angle);
      cairo_translate (cr, -tops[i].x, -tip);
      draw_lac_vessel (s, tops[i].x, tip - height, height, 150 * tops[i].scale, top_profile,
                       G_N_ELEMENTS (top_profile), rgb (lac_colours[(i * 2 + 1) % G_N_ELEMENTS (lac_colours)]),
                       decorate_lac_bands);
      cairo_restore (cr);
    }
}

static const ProfilePoint rattle_profile[] = {
  { 0.0, 0.3 }, { 0.06, 0.8 }, { 0.16, 1.0 }, { 0.27, 0.78 }, { 0.34, 0.3 }, { 0.5, 0.26 },
  { 0.66, 0.3 }, { 0.73, 0.78 }, { 0.84, 1.0 }, { 0.94, 0.8 }, { 1.0, 0.3 },
};

static void
decorate_rattle (Scene        *s,
                 const Vessel *v)
{
  double top = vessel_top (v);
  double h = vessel_bottom (v) - top;

  for (int end = 0; end < 2; end++)
    {
      double base_y = top + h * (end ? 0.84 : 0.16);

      vessel_ring (s->cr, v, base_y - h * 0.06, h * 0.03, s->accent, 0.95);
      vessel_ring (s->cr, v, base_y, h * 0.04, s->accent2, 0.95);
      vessel_ring (s->cr, v, base_y + h * 0.06, h * 0.03, s->accent, 0.95);
    }
  for (double y = top + h * 0.36; y < top + h * 0.64; y += h * 0.04)
    vessel_ring (s->cr, v, y, h * 0.012, s->accent, 0.9);
}

static void
draw_rattle (Scene *s)
{
  cairo_t *cr = s->cr;

  floor_shadow (cr, 530, 720, 330, 50, 0.5);
  cairo_save (cr);
  cairo_translate (cr, 500, 520);
  cairo_rotate (cr, -1.15);
  cairo_translate (cr, -500, -520);
  draw_lac_vessel (s, 500, 230, 580, 110, rattle_profile, G_N_ELEMENTS (rattle_profile), s->base,
                   decorate_rattle);
  cairo_restore (cr);
}

/* A lacquered block seen in oblique projection: front, top and side. */
static void
lac_block (cairo_t *cr,
           double   x,
           double   y,
           double   w,
           double   h,
           double   d,
           Rgb      colour)
{
  double ox = d * 0.55, oy = -d * 0.45;
  cairo_pattern_t *pattern;

  cairo_new_path (cr);
  cairo_move_to (cr, x, y - h);
  cairo_line_to (cr, x + ox, y - h + oy);
  cairo_line_to (cr, x + w + ox, y - h + oy);
  cairo_line_to (cr, x + w, y - h);
  cairo_close_path (cr);
  set_colour (cr, shade (colour, 1.25), 1);
  cairo_fill (cr);

  cairo_move_to (cr, x + w, y - h);
  cairo_line_to (cr, x + w + ox, y - h + oy);
  cairo_line_to (cr, x + w + ox, y + oy);
  cairo_line_to (cr, x + w, y);
  cairo_close_path (cr);
  set_colour (cr, shade (colour, 0.6), 1);
  cairo_fill (cr);

  rounded_rect (cr, x, y - h, w, h, 8);
  pattern = cairo_pattern_create_linear (0, y - h, 0, y);
  add_stop (pattern, 0, shade (colour, 1.35), 1);
  add_stop (pattern, 0.2, colour, 1);
  add_stop (pattern, 0.8, shade (colour, 0.85), 1);
  add_stop (pattern, 1, shade (colour, 0.6), 1);
  fill_with (cr, pattern, FALSE);
  rounded_rect (cr, x + w * 0.08, y - h * 0.9, w * 0.5, h * 0.12, 4);
  set_colour (cr, white, 0.35);
  cairo_fill (cr);
}

static void
lac_wheel (cairo_t *cr,
           double   x,
           double   y,
           double   r,
           Rgb      colour,
           Rgb      hub)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  fill_with (cr, metal_pattern (x, y, r, colour), FALSE);
  cairo_arc (cr, x, y, r * 0.55, 0, 2 * G_PI);
  set_colour (cr, hub, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r * 0.15, 0, 2 * G_PI);
  set_colour (cr, black, 0.7);
  cairo_fill (cr);
}

static void
draw_train (Scene *s)
{
  cairo_t *cr = s->cr;
  double floor_y = 720;
  double wheel = 40;
  double body_y = floor_y - wheel * 0.9;
  Rgb wood = rgb (0xe2c48e);
  Rgb blue = s->accent2, red = s->base, yellow = s->accent, green = rgb (lac_colours[2]);
  struct { double x, w; Rgb colour; } cars[] = {
    { 100, 280, red }, { 410, 220, blue }, { 660, 220, green },
  };

  floor_shadow (cr, 520, floor_y + 8, 460, 40, 0.55);
  /* The pull string, leading off to the left. */
  cairo_move_to (cr, 100, body_y - 40);
  cairo_curve_to (cr, 40, body_y, 60, floor_y + 80, -20, floor_y + 150);
  cairo_set_line_width (cr, 4);
  set_colour (cr, rgb (0xf0e6d0), 1);
  cairo_stroke (cr);

  for (guint i = 0; i < G_N_ELEMENTS (cars); i++)
    {
      double x = cars[i].x, w = cars[i].w;

      if (i > 0)
        {
          rounded_rect (cr, x - 40, body_y - 50, 50, 16, 6);
          set_colour (cr, wood, 1);
          cairo_fill (cr);
        }
      lac_block (cr, x, body_y, w, 90, 120, cars[i].colour);
      if (i == 0)
        {
          /* Cab, boiler, chimney. */
          lac_block (cr, x + 150, body_y - 90, 130, 130, 120, yellow);
          rounded_rect (cr, x + 170, body_y - 200, 90, 60, 10);
          set_colour (cr, shade (yellow, 0.5), 1);
          cairo_fill (cr);
          draw_lac_vessel (s, x + 70, body_y - 210, 120, 34, pole_profile, 2, shade (blue, 1.0), NULL);
          draw_lac_vessel (s, x + 70, body_y - 240, 34, 50, disc_profile, 2, red, NULL);
        }
      else
        {
          /* A load of little blocks. */
          for (int k = 0; k < 3; k++)
            lac_block (cr, x + 20 + k * 62, body_y - 90, 52, 52, 60,
                       rgb (lac_colours[(i * 3 + k + 1) % G_N_ELEMENTS (lac_colours)]));
        }
      lac_wheel (cr, x + 50, floor_y - wheel, wheel, yellow, wood);
      lac_wheel (cr, x + w - 50, floor_y - wheel, wheel, yellow, wood);
    }
}

/* Photos */

static void
draw_piece (Scene *s)
{
  const DemoPiece *piece = s->piece;

  switch (piece->shape)
    {
    case SHAPE_SURAHI:
      draw_vase (s, surahi_profile, G_N_ELEMENTS (surahi_profile), 680, 250);
      break;
    case SHAPE_BUD_VASE:
      draw_vase (s, bud_vase_profile, G_N_ELEMENTS (bud_vase_profile), 560, 220);
      break;
    case SHAPE_ROUND_VASE:
      draw_vase (s, round_vase_profile, G_N_ELEMENTS (round_vase_profile), 600, 280);
      break;
    case SHAPE_TALL_VASE:
      draw_vase (s, tall_vase_profile, G_N_ELEMENTS (tall_vase_profile), 700, 250);
      break;
    case SHAPE_MUG:
      draw_mug (s);
      break;
    case SHAPE_KULHADS:
      draw_kulhads (s);
      break;
    case SHAPE_TEACUP:
      draw_teacup (s);
      break;
    case SHAPE_HANGING_PLANTER:
      draw_hanging_planter (s);
      break;
    case SHAPE_PLANTER:
      draw_planter (s);
      break;
    case SHAPE_MINI_POTS:
      draw_mini_pots (s);
      break;
    case SHAPE_SCARF:
      draw_scarf (s);
      break;
    case SHAPE_CUSHION:
      draw_cushion (s);
      break;
    case SHAPE_RUNNER:
      draw_runner (s);
      break;
    case SHAPE_NAPKINS:
      draw_napkins (s);
      break;
    case SHAPE_TABLECLOTH:
      draw_tablecloth (s);
      break;
    case SHAPE_JHUMKAS:
      draw_jhumkas (s);
      break;
    case SHAPE_DROP_EARRINGS:
      draw_drop_earrings (s);
      break;
    case SHAPE_CHANDBALIS:
      draw_chandbalis (s);
      break;
    case SHAPE_PENDANT:
      draw_pendant (s);
      break;
    case SHAPE_BEAD_NECKLACE:
      draw_bead_necklace (s);
      break;
    case SHAPE_CHOKER:
      draw_choker (s);
      break;
    case SHAPE_COIN_NECKLACE:
      draw_coin_necklace (s);
      break;
    case SHAPE_SPOONS:
      draw_spoons (s);
      break;
    case SHAPE_BOARD:
      draw_board (s);
      break;
    case SHAPE_CHAKLA:
      draw_chakla (s);
      break;
    case SHAPE_BOWL:
      draw_bowl (s);
      break;
    case SHAPE_STACKING_RINGS:
      draw_stacking_rings (s);
      break;
    case SHAPE_TOPS:
      draw_tops (s);
      break;
    case SHAPE_RATTLE:
      draw_rattle (s);
      break;
    case SHAPE_TRAIN:
      draw_train (s);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Where the second and third photos look: a closer view, then a detail. */
static void
camera_for (DemoShape  shape,
            int        photo,
            double    *fx,
            double    *fy,
            double    *zoom)
{
  *fx = 500;
  *fy = 520;
  *zoom = 1.0;
  if (photo == 0)
    return;

  switch (shape)
    {
    case SHAPE_JHUMKAS:
    case SHAPE_DROP_EARRINGS:
    case SHAPE_CHANDBALIS:
      *fx = 330;
      *fy = photo == 1 ? 420 : 520;
      *zoom = photo == 1 ? 1.6 : 2.6;
      break;
    case SHAPE_PENDANT:
    case SHAPE_BEAD_NECKLACE:
    case SHAPE_COIN_NECKLACE:
      *fy = photo == 1 ? 520 : 600;
      *zoom = photo == 1 ? 1.6 : 2.6;
      break;
    case SHAPE_CHOKER:
      *fy = photo == 1 ? 420 : 470;
      *zoom = photo == 1 ? 1.7 : 2.8;
      break;
    case SHAPE_SURAHI:
    case SHAPE_ROUND_VASE:
    case SHAPE_TALL_VASE:
    case SHAPE_BUD_VASE:
      *fy = photo == 1 ? 540 : 560;
      *zoom = photo == 1 ? 1.35 : 2.2;
      break;
    case SHAPE_HANGING_PLANTER:
      *fy = photo == 1 ? 540 : 600;
      *zoom = photo == 1 ? 1.4 : 2.2;
      break;
    case SHAPE_TABLECLOTH:
      *fy = photo == 1 ? 480 : 300;
      *zoom = photo == 1 ? 1.4 : 2.4;
      break;
    case SHAPE_STACKING_RINGS:
      *fy = photo == 1 ? 560 : 600;
      *zoom = photo == 1 ? 1.35 : 1.9;
      break;
    case SHAPE_TRAIN:
      *fx = photo == 1 ? 480 : 300;
      *fy = photo == 1 ? 600 : 580;
      *zoom = photo == 1 ? 1.2 : 2.0;
      break;
    case SHAPE_MUG:
      *fx = 480;
      *fy = photo == 1 ? 560 : 540;
      *zoom = photo == 1 ? 1.4 : 2.1;
      break;
    default:
      *zoom = photo == 1 ? 1.45 : 2.4;
      break;
    }
}

static void
render_photo (cairo_surface_t *surface,
              const DemoPiece *piece,
              guint            index,
              int              photo)
{
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GRand) backdrop_rand = g_rand_new_with_seed (0xc4af7 + index * 31 + photo);
  g_autoptr(GRand) piece_rand = g_rand_new_with_seed (0x5eed + index * 7919);
  Scene s = {
    .cr = cr,
    .rand = backdrop_rand,
    .piece = piece,
    .base = rgb (piece->base),
    .accent = rgb (piece->accent),
    .accent2 = rgb (piece->accent2),
  };
  Rgb tone = rgb (piece->backdrop);
  double fx, fy, zoom;

  cairo_scale (cr, cairo_image_surface_get_width (surface) / UNITS,
               cairo_image_surface_get_height (surface) / UNITS);
  if (photo == 1)
    tone = mix (tone, rgb (0xf3ede2), 0.3);
  if (piece->flags & FLAG_FLAT)
    draw_flat_surface (&s, tone);
  else
    draw_sweep (cr, tone, 0.62);

  /* The same piece, whatever the camera: its details come from its own seed. */
  s.rand = piece_rand;
  camera_for (piece->shape, photo, &fx, &fy, &zoom);
  cairo_translate (cr, UNITS / 2, UNITS / 2);
  cairo_scale (cr, zoom, zoom);
  if (photo == 1 && (piece->flags & FLAG_FLAT))
    cairo_rotate (cr, index % 2 ? 0.06 : -0.06);
  cairo_translate (cr, -fx, -fy);
  draw_piece (&s);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

/* cairo's RGB24 is one native-endian 32-bit word per pixel, 0xXXRRGGBB. */
static void
surface_to_pixbuf (cairo_surface_t *surface,
                   GdkPixbuf       *pixbuf)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);

  g_assert (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24);
  g_assert (width == cairo_image_surface_get_width (surface));
  g_assert (height == cairo_image_surface_get_height (surface));

  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);
      guchar *dst = pixels + (gsize) y * rowstride;

      for (int x = 0; x < width; x++)
        {
          guint32 p = src[x];

          dst[0] = (p >> 16) & 0xff;
          dst[1] = (p >> 8) & 0xff;
          dst[2] = p & 0xff;
          dst += 3;
        }
    }
}

/* Loading */

typedef struct
{
  CcStore         *store;
  GCancellable    *cancellable;
  char            *tmp_dir;
  cairo_surface_t *surface;
  GdkPixbuf       *pixbuf;
  GPtrArray       *new_blobs;   /* blob paths this load added to the photo store */
  GHashTable      *categories;  /* name → id */
} DemoLoad;

static void
demo_load_free (DemoLoad *load)
{
  if (load->tmp_dir != NULL)
    g_rmdir (load->tmp_dir);
  g_free (load->tmp_dir);
  g_clear_pointer (&load->surface, cairo_surface_destroy);
  g_clear_object (&load->pixbuf);
  g_clear_pointer (&load->new_blobs, g_ptr_array_unref);
  g_clear_pointer (&load->categories, g_hash_table_unref);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DemoLoad, demo_load_free)

static gboolean
photo_error (GError     **error,
             GError      *cause)
{
  g_set_error (error, CC_ERROR, CC_ERROR_IO, _("Could not make the demo shop’s photos: %s"), cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
add_photo (DemoLoad         *load,
           const char       *product_id,
           const DemoPiece  *piece,
           guint             index,
           int               photo,
           GError          **error)
{
  g_autofree char *name = g_strdup_printf ("%s-%d.jpg", piece->sku, photo + 1);
  g_autofree char *path = g_build_filename (load->tmp_dir, name, NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *blob_path = NULL;
  g_autofree char *photo_id = NULL;
  g_autofree gchar *jpeg = NULL;
  GError *local_error = NULL;
  gboolean existed;
  gsize size = 0;

  render_photo (load->surface, piece, index, photo);
  surface_to_pixbuf (load->surface, load->pixbuf);
  if (!gdk_pixbuf_save_to_buffer (load->pixbuf, &jpeg, &size, "jpeg", &local_error,
                                  "quality", JPEG_QUALITY, NULL))
    return photo_error (error, local_error);
  if (!g_file_set_contents_full (path, jpeg, size, G_FILE_SET_CONTENTS_NONE, 0600, &local_error))
    return photo_error (error, local_error);

  /* The photo store names blobs by their SHA-256: note which ones are new,
   * so a failed load can take them away again. */
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) jpeg, size);
  blob_path = cc_photos_dup_blob_path (cc_store_get_data_dir (load->store), sha256);
  existed = g_file_test (blob_path, G_FILE_TEST_EXISTS);

  photo_id = cc_photos_add_file (load->store, product_id, path, error);
  g_unlink (path);
  if (photo_id == NULL)
    return FALSE;
  if (!existed && g_file_test (blob_path, G_FILE_TEST_EXISTS))
    g_ptr_array_add (load->new_blobs, g_steal_pointer (&blob_path));
  return TRUE;
}

static void
add_list (GPtrArray  *array,
          const char *list)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (*items[i] != '\0')
        g_ptr_array_add (array, g_strdup (items[i]));
    }
}

static gboolean
add_piece (DemoLoad         *load,
           const DemoPiece  *piece,
           guint             index,
           GError          **error)
{
  g_autoptr(CcProduct) product = cc_product_new ();
  const char *category_id = g_hash_table_lookup (load->categories, piece->subcategory);
  g_autofree char *id = NULL;

  g_assert (category_id != NULL);

  product->sku = g_strdup (piece->sku);
  product->category_id = g_strdup (category_id);
  product->status = piece->draft ? CC_PRODUCT_DRAFT : CC_PRODUCT_ACTIVE;
  product->price = piece->price;
  product->compare_at_price = piece->compare_at_price;
  g_free (product->currency);
  product->currency = g_strdup ("INR");
  product->width_mm = piece->width_mm;
  product->height_mm = piece->height_mm;
  product->depth_mm = piece->depth_mm;
  product->weight_g = piece->weight_g;
  product->production_minutes = piece->production_minutes;
  product->cultural_origin = g_strdup (piece->origin);
  product->technique = g_strdup (piece->technique);
  product->maker = g_strdup (piece->maker);
  cc_product_set_title (product, "en", piece->title_en);
  cc_product_set_title (product, "hi", piece->title_hi);
  cc_product_set_description (product, "en", piece->description_en);
  cc_product_set_description (product, "hi", piece->description_hi);
  add_list (product->tags, piece->tags);
  add_list (product->materials, piece->materials);

  id = cc_catalogue_create_product (load->store, product, error);
  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_variants); i++)
    {
      const DemoVariant *dv = &demo_variants[i];
      g_autoptr(CcVariant) variant = NULL;
      g_autofree char *variant_id = NULL;

      if (strcmp (dv->product_sku, piece->sku) != 0)
        continue;
      variant = cc_variant_new ();
      variant->product_id = g_strdup (id);
      variant->sku = g_strdup (dv->sku);
      variant->price = dv->price;
      cc_variant_add_option (variant, dv->option, dv->value);
      variant_id = cc_catalogue_add_variant (load->store, variant, error);
      if (variant_id == NULL)
        return FALSE;
    }

  for (int photo = 0; photo < piece->n_photos; photo++)
    if (!add_photo (load, id, piece, index, photo, error))
      return FALSE;
  return TRUE;
}

static gboolean
add_categories (DemoLoad  *load,
                GError   **error)
{
  g_autoptr(GPtrArray) existing = cc_catalogue_list_categories (load->store);

  for (guint i = 0; i < G_N_ELEMENTS (demo_categories); i++)
    {
      const char *parent_id = NULL;
      char *id = NULL;

      if (demo_categories[i].parent != NULL)
        {
          parent_id = g_hash_table_lookup (load->categories, demo_categories[i].parent);
          g_assert (parent_id != NULL);
        }
      /* A shop may already have made some of these: use them. */
      for (guint k = 0; existing != NULL && k < existing->len && id == NULL; k++)
        {
          CcCategory *category = g_ptr_array_index (existing, k);

          if (g_strcmp0 (category->name, demo_categories[i].name) == 0 &&
              g_strcmp0 (category->parent_id, parent_id) == 0)
            id = g_strdup (category->id);
        }
      if (id == NULL)
        id = cc_catalogue_add_category (load->store, demo_categories[i].name, parent_id, error);
      if (id == NULL)
        return FALSE;
      g_hash_table_insert (load->categories, g_strdup (demo_categories[i].name), id);
    }
  return TRUE;
}

static gboolean
setting_is_empty (CcStore    *store,
                  const char *key)
{
  g_autofree char *value = cc_store_dup_setting (store, key, NULL);

  return value == NULL || *g_strstrip (value) == '\0';
}

static gboolean
add_settings (DemoLoad  *load,
              GError   **error)
{
  g_autofree char *current = cc_store_dup_setting (load->store, "languages", NULL);
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  /* The demo names the shop and its money only if the owner has not. */
  if (setting_is_empty (load->store, "shop-name") &&
      !cc_store_set_setting (load->store, "shop-name", "Rangrez Craft Studio", error))
    return FALSE;
  if (setting_is_empty (load->store, "currency") &&
      !cc_store_set_setting (load->store, "currency", "INR", error))
    return FALSE;
  /* The workshop's labour is costed at ₹250 an hour unless the shop set its own. */
  if (setting_is_empty (load->store, "fair-wage") &&
      !cc_store_set_setting (load->store, "fair-wage", "25000", error))
    return FALSE;

  /* Its texts are in English and Hindi: both must be shop languages. */
  if (current != NULL)
    add_list (languages, current);
  if (!g_ptr_array_find_with_equal_func (languages, "en", g_str_equal, NULL))
    g_ptr_array_add (languages, g_strdup ("en"));
  if (!g_ptr_array_find_with_equal_func (languages, "hi", g_str_equal, NULL))
    g_ptr_array_add (languages, g_strdup ("hi"));
  g_ptr_array_add (languages, NULL);
  joined = g_strjoinv (",", (char **) languages->pdata);
  return cc_store_set_setting (load->store, "languages", joined, error);
}

static gboolean
load_everything (DemoLoad  *load,
                 GError   **error)
{
  gint64 existing = cc_catalogue_count_products (load->store);

  if (existing > 0)
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_CONFLICT,
                           _("The demo shop can only be loaded into an empty shop, and this shop already "
                             "has pieces"));
      return FALSE;
    }

  if (!add_settings (load, error) || !add_categories (load, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_pieces); i++)
    {
      if (g_cancellable_set_error_if_cancelled (load->cancellable, error))
        return FALSE;
      if (!add_piece (load, &demo_pieces[i], i, error))
        return FALSE;
    }
  return cc_demo_load_workshop (load->store, error);
}

gboolean
cc_demo_load (CcStore       *store,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(DemoLoad) load = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CC_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  load = g_new0 (DemoLoad, 1);
  load->store = store;
  load->cancellable = cancellable;
  load->new_blobs = g_ptr_array_new_with_free_func (g_free);
  load->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  load->tmp_dir = g_dir_make_tmp ("craftchain-demo-XXXXXX", &local_error);
  if (load->tmp_dir == NULL)
    return photo_error (error, local_error);
  load->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PHOTO_PIXELS, PHOTO_PIXELS);
  if (cairo_surface_status (load->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CC_ERROR, CC_ERROR_FAILED, _("Could not make the demo shop’s photos: %s"),
                   cairo_status_to_string (cairo_surface_status (load->surface)));
      return FALSE;
    }
  load->pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, PHOTO_PIXELS, PHOTO_PIXELS);

  /* One transaction: a load that fails or is cancelled leaves nothing. */
  if (!cc_store_begin (store, error))
    return FALSE;
  if (!load_everything (load, error))
    {
      cc_store_rollback (store);
      for (guint i = 0; i < load->new_blobs->len; i++)
        g_unlink (g_ptr_array_index (load->new_blobs, i));
      return FALSE;
    }
  if (!cc_store_commit (store, error))
    {
      for (guint i = 0; i < load->new_blobs->len; i++)
        g_unlink (g_ptr_array_index (load->new_blobs, i));
      return FALSE;
    }
  return TRUE;
}
