/* ignore.h - .helmignore rules (Helm's pkg/ignore/rules.go) and Go's filepath.Match.
 *
 * Rules are evaluated in order; the first positive match ignores the path. Helm's negation
 * quirk is kept: a `!pattern` rule that does NOT match ignores the path at once. */
#ifndef HTMPL_IGNORE_H
#define HTMPL_IGNORE_H

#include "core/error.h"
#include "value/value.h"

typedef struct hignore_rule {
	const char *pat; /* without '!', trailing '/' and leading '/' */
	size_t len;
	bool negate, must_dir;
	bool whole_path; /* contains or starts with '/': match the whole relative path */
} hignore_rule;

typedef struct hignore {
	hignore_rule *rules;
	size_t n, cap;
	harena *arena;
} hignore;

/* Initialises an empty rule set in arena a. */
void hignore_init(hignore *r, harena *a);
/* Parses .helmignore text (one rule per line, BOM stripped, '#' comments). Errors read as
 * Helm's: `double-star (**) syntax is not supported`, `syntax error in pattern`. */
bool hignore_parse(hignore *r, const char *text, size_t len, herr *err);
/* Adds one rule line (AddDefaults uses `templates/.?*`). */
bool hignore_add(hignore *r, const char *line, size_t len, herr *err);
/* True when path (chart-relative, '/'-separated) is ignored. */
bool hignore_match_path(const hignore *r, const char *path, bool is_dir);

/* Go's path/filepath.Match with '/' as separator: 1 match, 0 no match, -1 bad pattern
 * (ErrBadPattern, `syntax error in pattern`). */
int hignore_fnmatch(const char *pat, size_t plen, const char *name, size_t nlen);

#endif
