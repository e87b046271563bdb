/* lint_deprecations.h - the deprecated-API table (lint_deprecations.c). */
#ifndef HTMPL_LINT_DEPRECATIONS_H
#define HTMPL_LINT_DEPRECATIONS_H

#include <stddef.h>

/* lint_deprecations.c: k8s.io/api v0.32 (helm 3) or v0.35 (helm 4) prerelease-lifecycle facts: deprecated in
 * vMAJOR.MINOR, and the rest of deprecation.WarningMessage after `is deprecated in vX.Y+`. */
typedef struct hlint_depr {
	const char *api_version, *kind;
	unsigned char major, minor;
	const char *tail;
} hlint_depr;

/* The table entry of an apiVersion/kind pair for helm 3 or 4, or NULL when it is not
 * deprecated. */
const hlint_depr *hlint_find_deprecation(int helm, const char *av, const char *kind);

#endif
