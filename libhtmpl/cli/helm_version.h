/* helm_version.h - the CLI's Helm version switch: `--helm 3|4` on every command, and the
 * environment variable HTMPL_HELM=3|4 (the flag wins; default 4). The value goes to the
 * library through htmpl_env_set_helm_version.
 *
 * Wiring (cli/main.c): hcli_helm_parse(&argc, argv) in main() before any command parses
 * its flags (it removes `--helm N` and `--helm=N` from argv), then hcli_helm_apply(env)
 * after every htmpl_env_new(). Not thread-safe: it keeps the choice in a static. */
#ifndef HTMPL_CLI_HELM_VERSION_H
#define HTMPL_CLI_HELM_VERSION_H

#include <htmpl.h>

/* Reads HTMPL_HELM, then takes every `--helm N` / `--helm=N` out of argv (nothing after a
 * `--` argument), updating *argc. Returns 0, or 1 after printing a usage error that names
 * the accepted values. */
int hcli_helm_parse(int *argc, char **argv);

/* The chosen version (3 or 4). */
int hcli_helm_version(void);

/* Sets the chosen version on env. */
void hcli_helm_apply(htmpl_env *env);

/* The help text of the flag (ends with a newline). */
extern const char hcli_helm_usage[];

#endif
