/* cc-cli-private.h — what the craftchain-cli command files share: options, output, errors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cc-catalogue.h"
#include "cc-search.h"
#include "cc-store.h"

G_BEGIN_DECLS

/* Exit statuses. */
#define CC_CLI_OK      0
#define CC_CLI_FAILED  1
#define CC_CLI_USAGE   2

typedef struct
{
  char     *prgname;
  char     *db_path;
  gboolean  json;
  CcStore  *store;    /* opened on first use */
} CcCli;

typedef enum
{
  CC_CLI_FLAG,    /* --name */
  CC_CLI_VALUE,   /* --name VALUE; the last one counts */
  CC_CLI_LIST,    /* --name VALUE, repeatable */
} CcCliOptionKind;

typedef struct
{
  const char      *name;
  CcCliOptionKind  kind;
} CcCliOption;

typedef struct
{
  GPtrArray  *positional;   /* char* */
  GHashTable *values;       /* name → GPtrArray of char* (flags: "") */
  GPtrArray  *empty;
} CcCliArgs;

/* Splits argv (the words after the command) into options from specs
 * (a NULL-named entry ends the table) and positional words. On a usage
 * error, reports it and returns FALSE. */
gboolean     cc_cli_parse_args          (CcCli              *cli,
                                         const CcCliOption  *specs,
                                         int                 argc,
                                         char              **argv,
                                         CcCliArgs          *out);
void         cc_cli_args_clear          (CcCliArgs *args);
gboolean     cc_cli_args_has            (CcCliArgs  *args,
                                         const char *name);
/* The last value given, or NULL. */
const char  *cc_cli_args_get            (CcCliArgs  *args,
                                         const char *name);
/* Every value given, in order; never NULL. */
GPtrArray   *cc_cli_args_get_all        (CcCliArgs  *args,
                                         const char *name);
/* Checks the count of positional words; reports a usage error if wrong. */
gboolean     cc_cli_args_expect         (CcCli      *cli,
                                         CcCliArgs  *args,
                                         guint       min,
                                         guint       max,
                                         const char *usage);

CcStore     *cc_cli_get_store           (CcCli   *cli,
                                         GError **error);

/* "not-found", "invalid-input", "conflict", "corrupt", "io" or "failed". */
const char  *cc_cli_error_code          (const GError *error);
/* Reports error (plain, or JSON on stderr) and returns CC_CLI_FAILED. */
int          cc_cli_fail                (CcCli        *cli,
                                         const GError *error);
/* Reports a usage error and returns CC_CLI_USAGE. */
int          cc_cli_usage_error         (CcCli      *cli,
                                         const char *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* A warning on stderr, prefixed with the program name. */
void         cc_cli_warn                (CcCli      *cli,
                                         const char *message);

/* Numbers typed by a person: CC_ERROR_INVALID_INPUT naming the option. */
gboolean     cc_cli_parse_int           (const char  *text,
                                         const char  *option,
                                         gint64       min,
                                         gint64       max,
                                         gint64      *out,
                                         GError     **error);

/* A price for people; never fails, even on an unknown currency. */
char        *cc_cli_format_money        (gint64      amount,
                                         const char *currency);
/* {"amount": …, "currency": …, "formatted": …} */
void         cc_cli_add_money           (JsonBuilder *builder,
                                         gint64       amount,
                                         const char  *currency);
/* Adds a string member, or null for NULL or "" text. */
void         cc_cli_add_string_or_null  (JsonBuilder *builder,
                                         const char  *name,
                                         const char  *text);
/* Writes the builder's root to stdout, UTF-8, pretty printed. */
void         cc_cli_print_json          (JsonBuilder *builder);

/* Columns on a terminal, allowing for wide and combining characters. */
int          cc_cli_text_width          (const char *text);
/* text padded (or cut with "…") to width columns. */
char        *cc_cli_fit                 (const char *text,
                                         int         width);

/* Adds "total" and "items" to the object being built. */
void         cc_cli_add_hits            (JsonBuilder *builder,
                                         GPtrArray   *hits,
                                         gint64       total);
/* The hits as a table with a count line (or {"total", "items"} in JSON
 * mode). */
void         cc_cli_print_hits          (CcCli      *cli,
                                         GPtrArray  *hits,
                                         gint64      total,
                                         guint       offset);

/* Commands: each returns the exit status. argv[0] is the first word after
 * the command name. */
int          cc_cli_cmd_products        (CcCli  *cli,
                                         int     argc,
                                         char  **argv);
int          cc_cli_cmd_search          (CcCli  *cli,
                                         int     argc,
                                         char  **argv);
int          cc_cli_cmd_photos          (CcCli  *cli,
                                         int     argc,
                                         char  **argv);
/* photo analyze|similar|export, moodboard and video add (cc-cli-photos.c);
 * -1 when command is none of them. */
int          cc_cli_cmd_media           (CcCli       *cli,
                                         const char  *command,
                                         int          argc,
                                         char       **argv);
int          cc_cli_cmd_categories      (CcCli  *cli,
                                         int     argc,
                                         char  **argv);
/* import FILE [--dry-run] and export products|orders FILE (cc-cli-import.c). */
int          cc_cli_cmd_import          (CcCli  *cli,
                                         int     argc,
                                         char  **argv);
int          cc_cli_cmd_export          (CcCli  *cli,
                                         int     argc,
                                         char  **argv);
/* materials, recipe, settings, batch, stock, customers, orders and sell
 * (cc-cli-shop.c); -1 when command is none of them. */
int          cc_cli_cmd_shop            (CcCli       *cli,
                                         const char  *command,
                                         int          argc,
                                         char       **argv);
/* sync [enrol|status] and conflicts list|settle (cc-cli-sync.c). */
int          cc_cli_cmd_sync            (CcCli  *cli,
                                         int     argc,
                                         char  **argv);
int          cc_cli_cmd_conflicts       (CcCli  *cli,
                                         int     argc,
                                         char  **argv);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CcCliArgs, cc_cli_args_clear)

G_END_DECLS
