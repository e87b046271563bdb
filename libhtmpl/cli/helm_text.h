/* helm_text.h - what the dependency commands (deps_cmd.c) and the repository cache
 * (repo_cache.c) share: reading a small text file whole, and running a template with helm's
 * functions over YAML data (how they read Chart.yaml, index.yaml and repositories.yaml
 * through the public API alone). */
#ifndef HTMPL_CLI_HELM_TEXT_H
#define HTMPL_CLI_HELM_TEXT_H

/* The whole file, NUL-terminated and malloc'ed; NULL when it cannot be opened. */
char *hcli_read_text(const char *path);

/* text executed over the YAML data, under the chosen --helm version; malloc'ed. NULL on
 * failure, with the error text (malloc'ed) in *why when why is non-NULL. */
char *hcli_run_template(const char *name, const char *text, const char *data, char **why);

#endif
