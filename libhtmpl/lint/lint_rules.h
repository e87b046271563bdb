/* lint_rules.h - htmpl's opt-in best-practice rules (lint_rules.c). */
#ifndef HTMPL_LINT_RULES_H
#define HTMPL_LINT_RULES_H

#include "lint/lint_report.h"

/* lint_rules.c: the recommended rules over every rendered document of one chart.
 * docs are the decoded documents (maps), sources the template path of each
 * ("templates/x.yaml") and lines their first line in the rendered file. */
typedef struct hlint_doc {
	const char *source;
	int line;
	hv doc;
} hlint_doc;
bool hlint_rules_run(hlint *L, hlint_chart *c, const hlint_doc *docs, size_t n);

/* The one-line fix text of a rule id, or NULL. */
const char *hlint_rule_fix(const char *id);

#endif
