/* cc-cli.c — being written. */
#include "config.h"
#include "cc-cli.h"
int cc_cli_main (int argc, char **argv) { return 1; }
