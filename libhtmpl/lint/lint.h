/* lint.h - `helm lint` (lint.c; packaged charts in lint_archive.c, the deprecated-API table
 * in lint_deprecations.c, printing in lint_print.c, Chart.yaml URL/e-mail checks in
 * govalidator.c) plus htmpl's additions: manifest validation (validate.h) and the opt-in
 * best-practice rules (lint_rules.c).
 *
 * A lint run produces, per chart path, a list of messages (severity, path, text) exactly as
 * helm 3.17.3's pkg/lint builds them; the printing (text as helm prints it, JSON, GitHub
 * workflow annotations) is in lint_print.c and the summary/exit logic in lint.c. */
#ifndef HTMPL_LINT_H
#define HTMPL_LINT_H

#include "lint/lint_report.h"

/* htmpl_lint_opts (include/htmpl.h). */
struct htmpl_lint_opts {
	harena *arena;
	htmpl_render_opts *render; /* values, --set, -n, --kube-version */
	const char **paths;
	size_t npaths;
	unsigned flags;
	hlint_output output;
	const char *schema_dir;
	unsigned reports; /* htmpl_report_flag: value reports over each chart's render */
};

/* Lints one chart path into c (every rule of pkg/lint/rules, then --validate and --rules). */
bool hlint_chart_run(hlint *L, const char *path, hlint_chart *c, herr *err);

#endif
