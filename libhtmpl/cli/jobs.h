/* jobs.h - the CLI's thread count: `-j N` / `--jobs N` on every command, and the environment
 * variable HTMPL_JOBS=N (the flag wins; default 0, the online CPUs; 1 is the serial path).
 * The value goes to the library through htmpl_env_set_jobs.
 *
 * Wiring (cli/main.c): hcli_jobs_parse(&argc, argv) in main() before any command parses its
 * flags (it removes the flag from argv), then hcli_jobs_apply(env) after every
 * htmpl_env_new(). Not thread-safe: it keeps the choice in a static. */
#ifndef HTMPL_CLI_JOBS_H
#define HTMPL_CLI_JOBS_H

#include <htmpl.h>

/* Reads HTMPL_JOBS, then takes every `-j N`, `-jN`, `--jobs N` and `--jobs=N` out of argv
 * (nothing after a `--` argument), updating *argc. Returns 0, or 1 after printing a usage
 * error. */
int hcli_jobs_parse(int *argc, char **argv);

/* Sets the chosen count on env. */
void hcli_jobs_apply(htmpl_env *env);
/* The chosen count (0: the online CPUs). */
unsigned hcli_jobs(void);

#endif
