/* template.h - Go's text/template for the rest of the library: a set of named templates,
 * parsed from text, executed against a value (lex.c, parse.c, exec.c, builtins.c).
 *
 * Errors are Go's exact text: parse errors `template: NAME:LINE: MSG`, execution errors
 * `template: NAME:LINE:COL: executing "TPL" at <NODE>: MSG`. The Helm layer rewrites them
 * (parse error at (...), execution error at (...)). */
#ifndef HTMPL_TEMPLATE_H
#define HTMPL_TEMPLATE_H

#include "value/env.h"

typedef struct htset htset;

/* A new, empty set whose function table is env's (borrowed). */
htset *htset_new(const henv *env);
void htset_free(htset *s);
/* Parses text as template `name` (copied). Its {{define}}s join the set; a later parse
 * replaces earlier definitions of the same name (Go's AddParseTree), except that an empty
 * redefinition never replaces a non-empty one. The text is copied. */
bool htset_parse(htset *s, const char *name, const char *text, size_t len, herr *err);
bool htset_has(const htset *s, const char *name);

/* Hooks the Helm layer gives the executor. */
typedef struct hexec_opts {
	harena *arena;         /* every value made while executing */
	int lint_mode;         /* Helm LintMode for required/fail */
	uint64_t max_depth;    /* nested template/include/tpl calls (Helm: 1000 per name) */
	uint64_t max_output;   /* bytes of output, 0 = unlimited */
	void *helm;            /* the render context, for fn_helm.c; NULL outside Helm */
	hbuf *warnings;        /* where lint-mode messages go; may be NULL */
} hexec_opts;

/* Executes template `name` with data as dot, appending to out. False with err set on
 * failure. A missing key prints `<no value>`; Helm's removal of that text is the caller's. */
bool hexec_execute(const htset *s, const char *name, const hv *data, const hexec_opts *o,
                   hbuf *out, herr *err);

/* The render context pointer of the running execution (NULL outside Helm), for fn_helm.c. */
void *hexec_helm(const struct hexec *x);

#endif
