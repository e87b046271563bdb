/* exec.h - the template executor (exec.c): runs a template of a set against a value, as
 * Go's text/template/exec.go does, with the hooks the Helm layer gives it.
 *
 * Errors are Go's exact text: `template: NAME:LINE:COL: executing "TPL" at <NODE>: MSG`. The
 * Helm layer rewrites them (execution error at (...)). Value conventions: builtins.h. */
#ifndef HTMPL_EXEC_H
#define HTMPL_EXEC_H

#include "template/builtins.h"
#include "template/parse.h"
#include "template/track.h"

/* Hooks the Helm layer gives the executor. */
typedef struct hexec_opts {
	harena *arena;         /* every value made while executing */
	int lint_mode;         /* Helm LintMode for required/fail */
	uint64_t max_depth;    /* nested template/include/tpl calls (Helm: 1000 per name) */
	uint64_t max_output;   /* bytes of output, 0 = unlimited */
	void *helm;            /* the render context, for fn_helm.c; NULL outside Helm */
	hbuf *warnings;        /* where lint-mode messages go; may be NULL */
	const henv *env;       /* what functions see as their environment (clock, randomness,
	                        * limits); NULL: the set's. Its functions are the set's. */
	htrack *track;         /* records what the templates read (track.h); NULL: off, no cost */
} hexec_opts;

/* Executes template `name` with data as dot, appending to out. False with err set on
 * failure. A missing key prints `<no value>`; Helm's removal of that text is the caller's. */
bool hexec_execute(const htset *s, const char *name, const hv *data, const hexec_opts *o,
                   hbuf *out, herr *err);

/* The render context pointer of the running execution (NULL outside Helm), for fn_helm.c. */
void *hexec_helm(const struct hexec *x);

#endif
