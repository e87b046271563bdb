/* deps.h - Helm's dependency processing (deps.c: pkg/chartutil/dependencies.go and
 * action.CheckDependencies) over the render's hwchart tree (coalesce.h). */
#ifndef HTMPL_DEPS_H
#define HTMPL_DEPS_H

#include "helm/coalesce.h"

hwchart *hdeps_build(hvctx *x, const hchart *c);
/* The `found in Chart.yaml, but missing in charts/ directory` check (top level only). */
bool hdeps_check(const hchart *c, herr *err);
/* ProcessDependenciesWithMerge(c, vals). */
bool hdeps_process(hvctx *x, hwchart *c, hmap *vals);
/* The string value of key in a dependency map ("" when absent). */
const char *hdeps_str(const hmap *dep, const char *key);

#endif
