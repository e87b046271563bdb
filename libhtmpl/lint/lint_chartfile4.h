/* lint_chartfile4.h - helm 4's extra Chart.yaml checks (lint_chartfile4.c). */
#ifndef HTMPL_LINT_CHARTFILE4_H
#define HTMPL_LINT_CHARTFILE4_H

#include "value/value.h"

#include <stdbool.h>

/* StrictNewVersion of Masterminds/semver v3.4.0, and the first Chart.yaml key chart.Metadata
 * has no field for (NULL when none). */
bool hlint_semver_strict(const char *v);
const char *hlint_chart_unknown_field(const hv *md);

#endif
