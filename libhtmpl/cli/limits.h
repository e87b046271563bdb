/* limits.h - the CLI's resource-limit flags (`--max-output-bytes N` ...) and their
 * environment-variable fallbacks (HTMPL_MAX_OUTPUT_BYTES=N ...), one per htmpl_limit.
 *
 * Wiring (cli/main.c), two calls:
 *   hcli_limits lim;
 *   if (hcli_limits_parse(&argc, argv, &lim)) return 1;   // in main(), before parsing flags:
 *                                                          // removes the limit flags from argv
 *   hcli_limits_apply(&lim, env);                          // after htmpl_env_new()
 * and hcli_limits_usage appended to the --help text.
 *
 * Precedence: a flag beats the environment variable, which beats the library default.
 * Values are decimal integers with an optional K, M or G suffix (powers of 1024); 0 and
 * anything else are refused with helm-style `Error: invalid argument ...`. Not thread-safe
 * only in that it reads the process environment once. */
#ifndef HTMPL_CLI_LIMITS_H
#define HTMPL_CLI_LIMITS_H

#include <htmpl.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct hcli_limits {
	uint64_t value[HTMPL_LIMIT__COUNT];
	bool set[HTMPL_LIMIT__COUNT];
} hcli_limits;

/* Fills l from the environment, then takes every limit flag out of argv (both `--flag N`
 * and `--flag=N`; nothing after a `--` argument), shifting the rest down and updating *argc.
 * Returns 0, or 1 after printing `Error: ...` on stderr. */
int hcli_limits_parse(int *argc, char **argv, hcli_limits *l);

/* Sets every limit l holds on env. */
void hcli_limits_apply(const hcli_limits *l, htmpl_env *env);

/* The help text of the limit flags (ends with a newline). */
extern const char hcli_limits_usage[];

#endif
