/* cli/deps_cmd.h - `htmpl dependency` and --dependency-update (cli/deps_cmd.c). */
#ifndef HTMPL_CLI_DEPS_CMD_H
#define HTMPL_CLI_DEPS_CMD_H

#include "cli/repo_cache.h"

/* `htmpl dependency list|build|update [CHART]`; argv[0] is "dependency". Exit status. */
int hcli_dependency(int argc, char **argv);
/* helm dependency update CHART for file:// and cached repository dependencies:
 * charts/NAME-VERSION.tgz and Chart.lock, with helm's `Saving N charts` / `Deleting outdated
 * charts` lines on stdout. 0, or 1 after an error. */
int hcli_deps_update(const char *chart, const hrepo_paths *rp);

#endif
