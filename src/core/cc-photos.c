/* cc-photos.c — being written. */
#include "config.h"
typedef int cc_placeholder_cc_photos;
