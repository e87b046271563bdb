/* render_error4.c - helm 4's multi-line execution errors: reformatExecErrorMsg and
 * parseTemplateExecErrorString of pkg/engine/engine.go (helm v4.1.4), used under
 * htmpl_env_set_helm_version(env, 4) only; helm 3.17 prints text/template's error as it is.
 *
 * Helm walks the errors.Unwrap chain of the ExecError and turns each link whose text starts
 * with "template: " into a block
 *     LOCATION
 *       executing "NAME" at <NODE>:
 *         MESSAGE
 * and gives up (keeping the one-line error) as soon as one link is not a template error. Our
 * errors are flat strings, but the chain can be read back from the text: text/template's
 * evalCall wraps a function's error with "error calling NAME: %w", so the link after
 * `... at <NODE>: error calling NAME: REST` is REST, and any other message ends the chain.
 * An include's error is a template error (the chain goes on: lang/err-exec-nested-include-chain);
 * eq's `incompatible types` or a semver error is not, so those stay on one line
 * (lang/err-eq-float-int). */
#include "helm/render.h"

#include <string.h>

/* One TraceableError: empty parts are not printed. */
typedef struct terr {
	const char *loc, *fn, *node, *msg;
	size_t nloc, nfn, nnode, nmsg;
} terr;

static bool terr_eq(const terr *a, const terr *b)
{
	return a->nloc == b->nloc && a->nfn == b->nfn && a->nnode == b->nnode &&
	       a->nmsg == b->nmsg && !memcmp(a->loc, b->loc, a->nloc) &&
	       !memcmp(a->fn, b->fn, a->nfn) && !memcmp(a->node, b->node, a->nnode) &&
	       !memcmp(a->msg, b->msg, a->nmsg);
}

/* TraceableError.String() */
static void terr_put(hbuf *b, const terr *t)
{
	if (t->nloc) {
		hbuf_put(b, t->loc, t->nloc);
		hbuf_puts(b, "\n  ");
	}
	if (t->fn) {
		hbuf_puts(b, "executing \"");
		hbuf_put(b, t->fn, t->nfn);
		hbuf_puts(b, "\" at <");
		hbuf_put(b, t->node, t->nnode);
		hbuf_puts(b, ">:\n    ");
	}
	if (t->nmsg) {
		hbuf_put(b, t->msg, t->nmsg);
		hbuf_putc(b, '\n');
	}
}

static const char *find(const char *s, const char *e, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = s; p + n <= e; p++)
		if (!memcmp(p, needle, n))
			return p;
	return NULL;
}

/* The message is cut before a chained " template:" (what follows is the next link). */
static size_t cut_template(const char *m, const char *e)
{
	const char *c = find(m, e, " template:");
	return (size_t)((c ? c : e) - m);
}

/* parseTemplateExecutingAtErrorType on REM (after "template: "). On success *next is the
 * wrapped error's text (after "error calling NAME: ") or NULL. */
static bool executing_form(const char *rem, const char *e, terr *t, const char **next)
{
	const char *x = find(rem, e, ": executing ");
	if (!x)
		return false;
	const char *after = x + 12;
	if (after >= e || *after != '"')
		return false;
	const char *q = memchr(after + 1, '"', (size_t)(e - after - 1));
	if (!q || (size_t)(e - q) < 6 || memcmp(q + 1, " at <", 5))
		return false;
	const char *node = q + 6;
	const char *ne = find(node, e, ">: ");
	if (!ne)
		return false;
	const char *msg = ne + 3;
	*t = (terr){.loc = rem, .nloc = (size_t)(x - rem), .fn = after + 1,
	            .nfn = (size_t)(q - after - 1), .node = node, .nnode = (size_t)(ne - node),
	            .msg = msg, .nmsg = cut_template(msg, e)};
	*next = NULL;
	if ((size_t)(e - msg) > 14 && !memcmp(msg, "error calling ", 14)) {
		const char *sep = find(msg + 14, e, ": ");
		if (sep)
			*next = sep + 2;
	}
	return true;
}

bool hrender_exec_error4(const char *msg, size_t n, hbuf *out)
{
	const char *e = msg + n, *cur = msg;
	terr prev = {0};
	bool have_prev = false;
	size_t start = out->len;
	while (cur) {
		if ((size_t)(e - cur) < 10 || memcmp(cur, "template: ", 10))
			goto keep;
		const char *rem = cur + 10, *next = NULL;
		terr t = {0};
		if ((size_t)(e - rem) >= 12 && !memcmp(rem, "no template ", 12)) {
			/* the whole text, unparsed (tpl-local-define-not-visible-outside) */
			t.msg = cur;
			t.nmsg = (size_t)(e - cur);
		} else if (!executing_form(rem, e, &t, &next)) {
			/* simple form "NAME: MSG", split at the last ": " */
			const char *sep = NULL;
			for (const char *p = rem; (p = find(p, e, ": ")); p++)
				sep = p;
			if (!sep)
				goto keep;
			t.loc = rem;
			t.nloc = (size_t)(sep - rem);
			t.msg = sep + 2;
			t.nmsg = cut_template(sep + 2, e);
		}
		if (!have_prev || !terr_eq(&prev, &t))
			terr_put(out, &t);
		prev = t;
		have_prev = true;
		cur = next;
	}
	while (out->len > start && strchr(" \t\n\r\v\f", out->data[out->len - 1]))
		out->len--;
	if (out->len > start)
		out->data[out->len] = 0;
	return true;
keep:
	out->len = start;
	if (out->data)
		out->data[start] = 0;
	return false;
}
