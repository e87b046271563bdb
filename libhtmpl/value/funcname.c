/* funcname.c - which names htmpl_env_add_func accepts.
 *
 * Go's text/template (funcs.go, addValueFuncs) panics with `function name %q is not a valid
 * identifier` unless goodName(name) holds: not empty, each rune '_' or a Unicode letter, or
 * a Unicode digit after the first rune. We return that text as an HTMPL_ERR_USAGE instead of
 * aborting. Go also accepts the names its lexer turns into keywords or constants (if, range,
 * end, nil, true ...), but a template can never call those, so a function registered under
 * one is certainly a mistake: we refuse them too, with our own message. */
#include "value/funcname.h"

#include "core/buf.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <string.h>

/* parse/lex.go's key map plus the bool constants (lexIdentifier makes itemBool of them).
 * "." is in Go's key map too, but goodName already refuses it. break and continue are not
 * here: Go's parser lexes them as plain identifiers once a function of that name exists
 * (parse.go: breakOK = !hasFunction("break")), so such a function can be called. */
static const char *const keywords[] = {
	"block", "define", "else", "end", "false", "if", "nil", "range", "template", "true", "with",
};

static bool good_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n;) {
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		if (r == 0xFFFD && w == 1)
			return false; /* invalid UTF-8: Go decodes U+FFFD, which is not a letter */
		if (r != '_' && !hutf8_is_letter(r) && (i == 0 || !hutf8_is_digit(r)))
			return false;
		i += w;
	}
	return true;
}

bool hfuncname_check(const char *name, herr *err)
{
	size_t n = strlen(name);
	const char *why = NULL;
	if (!good_name(name, n))
		why = "is not a valid identifier";
	for (size_t i = 0; !why && i < sizeof keywords / sizeof *keywords; i++)
		if (strcmp(name, keywords[i]) == 0)
			why = "is a template keyword, so a template could never call it";
	if (!why)
		return true;
	hbuf q = HBUF_INIT;
	hstrconv_quote(&q, name, n, false);
	if (hbuf_ok(&q))
		herr_set(err, HTMPL_ERR_USAGE, "function name %s %s", hbuf_cstr(&q), why);
	else
		herr_nomem(err);
	hbuf_free(&q);
	return false;
}
