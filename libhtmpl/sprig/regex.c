/* fn_regex.c - Sprig v3.3.0's regex functions (regex.go) with Go's regexp (RE2 syntax,
 * leftmost-first matching) on top of PCRE2.
 *
 * A Go pattern is parsed here first, as regexp/syntax parses it with Perl flags, so every
 * pattern RE2 rejects is rejected with Go's error text (`error parsing regexp: missing closing ):
 * `(``; backreferences, lookaround, possessive and atomic groups are errors), and translated to
 * an equivalent PCRE2 pattern: literals as \x{...}, \s as Go's [\t\n\f\r ], `$` end of text
 * only (DOLLAR_ENDONLY), captures numbered as Go numbers them, names kept here for Expand.
 * Matching iterates as Go's FindAll/ReplaceAll/Split do (an empty match right after a match is
 * skipped; the search advances one rune after an empty match).
 *
 * Known differences: PCRE2 backtracks, so a match limit stops pathological patterns with an
 * error (`regexp: match limit exceeded`) where Go's linear engine would finish; invalid UTF-8 in
 * the subject never matches `.` (Go reads each bad byte as U+FFFD). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "sprig/sprig.h"
#include "core/codec.h"
#include "value/env.h"
#include "sprig/goregex.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <pcre2.h>
#include <utf8proc.h>
#include <stdio.h>
#include <string.h>

#define MAX_NEST 1000
#define MATCH_LIMIT 10000000
#define DEPTH_LIMIT 100000

typedef struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	uint32_t ncap;       /* capture groups (without group 0) */
	const char **names;  /* names[i] for group i (NULL: unnamed); i in 1..ncap */
	size_t *namelen;
} rx;

typedef struct tr {
	const char *pat, *end; /* the Go pattern */
	const char *p;
	hbuf out;              /* PCRE2 pattern */
	hbuf err;              /* Go's error text, set once */
	uint32_t ncap;
	hbuf names;            /* ncap entries of (size_t off, size_t len) into pat, off SIZE_MAX = none */
} tr;

/* ------------------------------------------------------------------ errors */

static bool fail(tr *t, const char *code, const char *expr, size_t n)
{
	if (t->err.len == 0) {
		hbuf_puts(&t->err, "error parsing regexp: ");
		hbuf_puts(&t->err, code);
		hbuf_puts(&t->err, ": `");
		hbuf_put(&t->err, expr, n);
		hbuf_putc(&t->err, '`');
	}
	return false;
}

/* utf8.DecodeRuneInString; false on invalid UTF-8 (Go's parser rejects it), and then *r and
 * *w are left as they were. */
static bool next_rune(const char *s, const char *end, int32_t *r, size_t *w)
{
	int32_t rr;
	size_t k = hutf8_decode(s, (size_t)(end - s), &rr);
	if (k == 0 || (k == 1 && rr == HUTF8_ERROR))
		return false;
	*r = rr, *w = k;
	return true;
}

static bool rune_or_fail(tr *t, const char *s, int32_t *r, size_t *w)
{
	if (next_rune(s, t->end, r, w))
		return true;
	return fail(t, "invalid UTF-8", s, (size_t)(t->end - s));
}

/* ------------------------------------------------------------------ escapes */

static bool is_alnum(int c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static void put_lit(hbuf *b, int32_t r) { hbuf_printf(b, "\\x{%x}", (unsigned)r); }

/* Checks a \p name by letting PCRE2 compile it. */
static bool pcre_knows_class(const char *s, size_t n)
{
	char pat[80];
	if (n > 60)
		return false;
	snprintf(pat, sizeof pat, "%.*s", (int)n, s);
	int e;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &e, &off, NULL);
	pcre2_code_free(c);
	return c != NULL;
}

/* \pX, \p{Name}, \PX, \P{^Name} at t->p (pointing at the backslash). */
static bool unicode_class(tr *t, hbuf *o)
{
	const char *s = t->p;
	const char *q = s + 2;
	if (q >= t->end)
		return fail(t, "invalid character class range", s, (size_t)(t->end - s));
	if (*q == '{') {
		const char *e = memchr(q, '}', (size_t)(t->end - q));
		if (!e)
			return fail(t, "invalid character class range", s, (size_t)(t->end - s));
		q = e + 1;
	} else {
		int32_t r;
		size_t w;
		if (!rune_or_fail(t, q, &r, &w))
			return false;
		q += w;
	}
	size_t n = (size_t)(q - s);
	/* Go accepts the names of its unicode tables; PCRE2 knows the same categories and
	 * scripts. "Any" is a Go name PCRE2 also has. */
	if (!pcre_knows_class(s, n))
		return fail(t, "invalid character class range", s, n);
	hbuf_put(o, s, n);
	t->p = q;
	return true;
}

/* A single-rune escape (regexp/syntax parseEscape) at t->p; *r gets the rune. */
static bool rune_escape(tr *t, int32_t *r)
{
	const char *s = t->p, *q = s + 1;
	if (q >= t->end)
		return fail(t, "trailing backslash at end of expression", "", 0);
	int32_t c;
	size_t w;
	if (!rune_or_fail(t, q, &c, &w))
		return false;
	q += w;
	switch (c) {
	case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		/* a single non-zero digit would be a backreference */
		if (q >= t->end || *q < '0' || *q > '7')
			break;
		/* fallthrough */
	case '0': {
		int v = c - '0';
		for (int i = 1; i < 3 && q < t->end && *q >= '0' && *q <= '7'; i++)
			v = v * 8 + (*q++ - '0');
		*r = v;
		t->p = q;
		return true;
	}
	case 'x': {
		if (q >= t->end)
			break;
		if (*q == '{') {
			uint32_t v = 0;
			int nd = 0;
			for (q++; q < t->end && *q != '}'; q++, nd++) {
				int h = hcodec_unhex((unsigned char)*q);
				if (h < 0 || v > 0x10FFFF)
					goto bad;
				v = v * 16 + (uint32_t)h;
			}
			if (q >= t->end || nd == 0 || v > 0x10FFFF)
				goto bad;
			*r = (int32_t)v;
			t->p = q + 1;
			return true;
		}
		if (t->end - q < 2 || hcodec_unhex((unsigned char)q[0]) < 0 || hcodec_unhex((unsigned char)q[1]) < 0)
			goto bad;
		*r = hcodec_unhex((unsigned char)q[0]) * 16 + hcodec_unhex((unsigned char)q[1]);
		t->p = q + 2;
		return true;
	}
	case 'a': *r = 7; t->p = q; return true;
	case 'f': *r = '\f'; t->p = q; return true;
	case 'n': *r = '\n'; t->p = q; return true;
	case 'r': *r = '\r'; t->p = q; return true;
	case 't': *r = '\t'; t->p = q; return true;
	case 'v': *r = '\v'; t->p = q; return true;
	default:
		if (c < 0x80 && !is_alnum(c)) {
			*r = c;
			t->p = q;
			return true;
		}
	}
bad:
	/* Go reports the backslash and the rune after it */
	{
		int32_t cc;
		size_t ww = 0;
		next_rune(s + 1, t->end, &cc, &ww);
		return fail(t, "invalid escape sequence", s, 1 + ww);
	}
}

/* Perl classes \d \s \w and their negations, Go's ASCII definitions. */
static const char *perl_class(char c, bool in_class)
{
	switch (c) {
	case 'd': return in_class ? "0-9" : "[0-9]";
	case 'D': return in_class ? NULL : "[^0-9]";
	case 's': return in_class ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
	case 'S': return in_class ? NULL : "[^\\t\\n\\f\\r ]";
	case 'w': return in_class ? "0-9A-Za-z_" : "[0-9A-Za-z_]";
	case 'W': return in_class ? NULL : "[^0-9A-Za-z_]";
	}
	return NULL;
}

/* ------------------------------------------------------------------ classes */

static const char *const posix_names[] = {
	"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower",
	"print", "punct", "space", "upper", "word", "xdigit",
};

/* [:name:] or [:^name:] at t->p inside a class. Returns 1 done, 0 not a POSIX class, -1 error. */
static int posix_class(tr *t)
{
	const char *s = t->p;
	if (t->end - s < 2 || s[0] != '[' || s[1] != ':')
		return 0;
	const char *e = NULL;
	for (const char *q = s + 2; q + 1 < t->end; q++)
		if (q[0] == ':' && q[1] == ']') {
			e = q;
			break;
		}
	if (!e)
		return 0;
	size_t n = (size_t)(e + 2 - s);
	const char *name = s + 2;
	size_t nl = (size_t)(e - name);
	if (nl && *name == '^')
		name++, nl--;
	for (size_t i = 0; i < sizeof posix_names / sizeof *posix_names; i++)
		if (strlen(posix_names[i]) == nl && memcmp(posix_names[i], name, nl) == 0) {
			hbuf_put(&t->out, s, n);
			t->p = s + n;
			return 1;
		}
	fail(t, "invalid character class range", s, n);
	return -1;
}

/* One class char (literal or single-rune escape). */
static bool class_char(tr *t, const char *whole, int32_t *r)
{
	if (t->p >= t->end)
		return fail(t, "missing closing ]", whole, (size_t)(t->end - whole));
	if (*t->p == '\\')
		return rune_escape(t, r);
	size_t w;
	if (!rune_or_fail(t, t->p, r, &w))
		return false;
	t->p += w;
	return true;
}

static bool parse_class(tr *t)
{
	const char *whole = t->p;
	t->p++;
	hbuf_putc(&t->out, '[');
	if (t->p < t->end && *t->p == '^') {
		hbuf_putc(&t->out, '^');
		t->p++;
	}
	bool first = true;
	while (t->p >= t->end || *t->p != ']' || first) {
		first = false;
		if (t->p >= t->end)
			return fail(t, "missing closing ]", whole, (size_t)(t->end - whole));
		int pc = posix_class(t);
		if (pc < 0)
			return false;
		if (pc > 0)
			continue;
		if (*t->p == '\\' && t->end - t->p >= 2 && (t->p[1] == 'p' || t->p[1] == 'P')) {
			if (!unicode_class(t, &t->out))
				return false;
			continue;
		}
		if (*t->p == '\\' && t->end - t->p >= 2 && strchr("dDsSwW", t->p[1]) && t->p[1]) {
			const char *in = perl_class(t->p[1], true);
			if (in)
				hbuf_puts(&t->out, in);
			else /* a negated Perl class inside brackets: PCRE2 has the ASCII forms */
				hbuf_puts(&t->out, t->p[1] == 'D' ? "\\x{0}-/:-\\x{10ffff}"
				                  : t->p[1] == 'W' ? "\\x{0}-/:-@\\[-\\^`{-\\x{10ffff}"
				                                   : "\\x{0}-\\x{8}\\x{b}\\x{e}-\\x{1f}!-\\x{10ffff}");
			t->p += 2;
			continue;
		}
		const char *rng = t->p;
		int32_t lo, hi;
		if (!class_char(t, whole, &lo))
			return false;
		hi = lo;
		if (t->end - t->p >= 2 && t->p[0] == '-' && t->p[1] != ']') {
			t->p++;
			if (!class_char(t, whole, &hi))
				return false;
			if (hi < lo)
				return fail(t, "invalid character class range", rng, (size_t)(t->p - rng));
		}
		put_lit(&t->out, lo);
		if (hi != lo) {
			hbuf_putc(&t->out, '-');
			put_lit(&t->out, hi);
		}
	}
	t->p++;
	hbuf_putc(&t->out, ']');
	return true;
}

/* ------------------------------------------------------------------ groups, repeats */

static bool add_cap(tr *t, const char *name, size_t n)
{
	size_t rec[2] = {name ? (size_t)(name - t->pat) : SIZE_MAX, n};
	hbuf_put(&t->names, rec, sizeof rec);
	t->ncap++;
	return true;
}

static bool parse_alt(tr *t, int depth);

/* "(?" forms: named captures and flag groups. Returns with t->p after the group. */
static bool parse_perl_group(tr *t, int depth)
{
	const char *s = t->p;
	size_t rest = (size_t)(t->end - s);
	if ((rest > 4 && s[2] == 'P' && s[3] == '<') || (rest > 3 && s[2] == '<')) {
		size_t begin = s[2] == 'P' ? 4 : 3;
		const char *e = memchr(s, '>', rest);
		if (!e)
			return fail(t, "invalid named capture", s, rest);
		const char *name = s + begin;
		size_t nl = (size_t)(e - name);
		bool ok = nl > 0;
		for (size_t i = 0; i < nl; i++)
			if (!is_alnum((unsigned char)name[i]) && name[i] != '_')
				ok = false;
		if (!ok)
			return fail(t, "invalid named capture", s, (size_t)(e + 1 - s));
		add_cap(t, name, nl);
		hbuf_putc(&t->out, '(');
		t->p = e + 1;
		return parse_alt(t, depth + 1);
	}
	const char *q = s + 2;
	int sign = 1;
	bool saw = false;
	while (q < t->end) {
		char c = *q++;
		if (c == 'i' || c == 'm' || c == 's' || c == 'U') {
			saw = true;
			continue;
		}
		if (c == '-') {
			if (sign < 0)
				break;
			sign = -1, saw = false;
			continue;
		}
		if (c == ':' || c == ')') {
			if (sign < 0 && !saw)
				break;
			/* PCRE2 reads the same flag letters the same way */
			hbuf_put(&t->out, s, (size_t)(q - s));
			t->p = q;
			return c == ':' ? parse_alt(t, depth + 1) : true;
		}
		if ((unsigned char)c >= 0x80) {
			int32_t r;
			size_t w;
			if (!rune_or_fail(t, q - 1, &r, &w))
				return false;
			q += w - 1;
		}
		break;
	}
	return fail(t, "invalid or unsupported Perl syntax", s, (size_t)(q - s));
}

/* {n}, {n,}, {n,m} at t->p: true and the counts when well formed (else '{' is a literal). */
static bool parse_repeat(const char *p, const char *end, int *min, int *max, const char **after)
{
	const char *q = p + 1;
	long a = -1, b;
	if (q >= end || *q < '0' || *q > '9')
		return false;
	for (a = 0; q < end && *q >= '0' && *q <= '9'; q++)
		a = a < 100000 ? a * 10 + (*q - '0') : a;
	b = a;
	if (q < end && *q == ',') {
		q++;
		if (q < end && *q >= '0' && *q <= '9') {
			for (b = 0; q < end && *q >= '0' && *q <= '9'; q++)
				b = b < 100000 ? b * 10 + (*q - '0') : b;
		} else {
			b = -1;
		}
	}
	if (q >= end || *q != '}')
		return false;
	*min = (int)a, *max = (int)b, *after = q + 1;
	return true;
}

/* Applies a repetition to the atom that starts at out offset atom (SIZE_MAX: none). */
static bool repeat(tr *t, size_t atom, const char *op, const char **last)
{
	const char *after = t->p;
	if (after < t->end && *after == '?')
		after++;
	if (*last)
		return fail(t, "invalid nested repetition operator", *last, (size_t)(after - *last));
	if (atom == SIZE_MAX)
		return fail(t, "missing argument to repetition operator", op, (size_t)(after - op));
	/* wrap the atom so any operand (even ^ or \b) can be repeated in PCRE2 */
	size_t n = t->out.len - atom;
	if (!hbuf_grow(&t->out, 4)) {
		t->out.oom = true;
		return false;
	}
	memmove(t->out.data + atom + 3, t->out.data + atom, n);
	memcpy(t->out.data + atom, "(?:", 3);
	t->out.len += 3;
	hbuf_putc(&t->out, ')');
	hbuf_put(&t->out, op, (size_t)(after - op));
	*last = op;
	t->p = after;
	return true;
}

/* An escape outside a class. */
static bool parse_escape(tr *t)
{
	const char *s = t->p;
	if (s + 1 < t->end) {
		char c = s[1];
		const char *pc = perl_class(c, false);
		if (pc) {
			hbuf_puts(&t->out, pc);
			t->p += 2;
			return true;
		}
		if (c == 'A' || c == 'z' || c == 'b' || c == 'B') {
			hbuf_put(&t->out, s, 2);
			t->p += 2;
			return true;
		}
		if (c == 'p' || c == 'P')
			return unicode_class(t, &t->out);
		if (c == 'Q') {
			const char *e = s + 2, *stop = t->end;
			for (const char *q = e; q + 1 < t->end; q++)
				if (q[0] == '\\' && q[1] == 'E') {
					stop = q;
					break;
				}
			for (const char *q = e; q < stop;) {
				int32_t r;
				size_t w;
				if (!rune_or_fail(t, q, &r, &w))
					return false;
				put_lit(&t->out, r);
				q += w;
			}
			t->p = stop < t->end ? stop + 2 : stop;
			return true;
		}
	}
	int32_t r;
	if (!rune_escape(t, &r))
		return false;
	put_lit(&t->out, r);
	return true;
}

/* Alternation up to ')' (depth > 0, consumed) or the end (depth 0). */
static bool parse_alt(tr *t, int depth)
{
	if (depth > MAX_NEST)
		return fail(t, "expression nests too deeply", t->pat, (size_t)(t->end - t->pat));
	size_t atom = SIZE_MAX;
	const char *last = NULL;
	while (t->p < t->end) {
		const char *s = t->p;
		char c = *s;
		const char *was_last = last;
		last = NULL;
		if (c == '*' || c == '+' || c == '?') {
			t->p++;
			last = was_last;
			if (!repeat(t, atom, s, &last))
				return false;
			continue;
		}
		if (c == '{') {
			int mn, mx;
			const char *after;
			if (parse_repeat(s, t->end, &mn, &mx, &after)) {
				const char *a2 = after < t->end && *after == '?' ? after + 1 : after;
				if (mn > 1000 || mx > 1000 || (mx >= 0 && mn > mx))
					return fail(t, "invalid repeat count", s, (size_t)(a2 - s));
				t->p = after;
				last = was_last;
				if (!repeat(t, atom, s, &last))
					return false;
				continue;
			}
		}
		if (c == '|') {
			hbuf_putc(&t->out, '|');
			t->p++;
			atom = SIZE_MAX;
			continue;
		}
		if (c == ')') {
			if (depth == 0)
				return fail(t, "unexpected )", t->pat, (size_t)(t->end - t->pat));
			hbuf_putc(&t->out, ')');
			t->p++;
			return true;
		}
		atom = t->out.len;
		if (c == '(') {
			if (t->end - s >= 2 && s[1] == '?') {
				if (!parse_perl_group(t, depth))
					return false;
			} else {
				add_cap(t, NULL, 0);
				hbuf_putc(&t->out, '(');
				t->p++;
				if (!parse_alt(t, depth + 1))
					return false;
			}
			continue;
		}
		if (c == '[') {
			if (!parse_class(t))
				return false;
			continue;
		}
		if (c == '\\') {
			if (!parse_escape(t))
				return false;
			continue;
		}
		if (c == '.' || c == '^' || c == '$') {
			hbuf_putc(&t->out, c);
			t->p++;
			continue;
		}
		int32_t r;
		size_t w;
		if (!rune_or_fail(t, s, &r, &w))
			return false;
		put_lit(&t->out, r);
		t->p += w;
	}
	if (depth > 0)
		return fail(t, "missing closing )", t->pat, (size_t)(t->end - t->pat));
	return true;
}

/* ------------------------------------------------------------------ compile */

static void rx_free(rx *r)
{
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	pcre2_code_free(r->code);
}

/* regexp.Compile. On a syntax error *msg (malloc'ed) holds Go's err.Error() and false is
 * returned; out of memory also returns false with *msg NULL. */
static bool rx_compile(harena *a, const char *pat, size_t n, rx *r, hbuf *msg)
{
	tr t = {.pat = pat, .end = pat + n, .p = pat};
	memset(r, 0, sizeof *r);
	bool ok = parse_alt(&t, 0) && hbuf_ok(&t.out) && hbuf_ok(&t.names);
	if (!ok && t.err.len) {
		hbuf_put(msg, t.err.data, t.err.len);
	} else if (ok) {
		int e;
		PCRE2_SIZE off;
		pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
		if (cc)
			pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
		r->code = cc ? pcre2_compile((PCRE2_SPTR)(t.out.data ? t.out.data : ""), t.out.len,
		                             PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_INVALID_UTF |
		                                 PCRE2_NO_UTF_CHECK,
		                             &e, &off, cc)
		             : NULL;
		pcre2_compile_context_free(cc);
		if (!r->code) {
			/* a construct we translated but PCRE2 refused (should not happen): report it
			 * the way Go reports a too-large expression; out of memory leaves msg empty */
			if (cc && e != PCRE2_ERROR_HEAP_FAILED)
				hbuf_printf(msg, "error parsing regexp: expression too large: `%.*s`", (int)n, pat);
			ok = false;
		} else {
			r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
			r->mctx = pcre2_match_context_create(NULL);
			if (r->mctx) {
				pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
				pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
			}
			r->ncap = t.ncap;
			r->names = harena_zalloc(a, (t.ncap + 1) * sizeof *r->names);
			r->namelen = harena_zalloc(a, (t.ncap + 1) * sizeof *r->namelen);
			ok = r->md && r->mctx && r->names && r->namelen;
			for (uint32_t i = 0; ok && i < t.ncap; i++) {
				size_t rec[2];
				memcpy(rec, t.names.data + i * sizeof rec, sizeof rec);
				if (rec[0] != SIZE_MAX) {
					r->names[i + 1] = pat + rec[0];
					r->namelen[i + 1] = rec[1];
				}
			}
			if (!ok)
				rx_free(r);
		}
	}
	hbuf_free(&t.out);
	hbuf_free(&t.err);
	hbuf_free(&t.names);
	return ok;
}

/* Runs the regexp at pos. 1 match (ov filled), 0 none, -1 error (reported). */
static int rx_exec(hcall *c, rx *r, const char *s, size_t n, size_t pos, PCRE2_SIZE **ov)
{
	int rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, pos, PCRE2_NO_UTF_CHECK, r->md, r->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		if (rc == PCRE2_ERROR_NOMEMORY)
			hcall_nomem(c);
		else if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
		    rc == PCRE2_ERROR_HEAPLIMIT)
			hcall_errorf(c, "regexp: match limit exceeded");
		else
			hcall_errorf(c, "regexp: match error %d", rc);
		return -1;
	}
	*ov = pcre2_get_ovector_pointer(r->md);
	return 1;
}

/* The width of the rune at pos (Go's DecodeRuneInString: 1 for a bad byte, 0 at the end). */
static size_t rune_width(const char *s, size_t n, size_t pos)
{
	if (pos >= n)
		return 0;
	int32_t r;
	size_t w;
	return next_rune(s + pos, s + n, &r, &w) ? w : 1;
}

/* ------------------------------------------------------------------ goregex.h */

struct hrx {
	rx r;
};

hrx *hrx_compile(harena *a, const char *pat, size_t n, hbuf *msg)
{
	hrx *h = harena_zalloc(a, sizeof *h);
	if (!h || !rx_compile(a, pat, n, &h->r, msg))
		return NULL;
	return h;
}

int hrx_search(hrx *h, const char *s, size_t n)
{
	int rc = pcre2_match(h->r.code, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, h->r.md,
			     h->r.mctx);
	if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
		return rc >= 0;
	return rc == PCRE2_ERROR_NOMEMORY ? -2 : -1;
}

void hrx_free(hrx *h)
{
	if (h)
		rx_free(&h->r);
}

/* ------------------------------------------------------------------ template functions */

/* strconv.CanBackquote: valid UTF-8 without control characters (tab allowed), '`' or U+FEFF. */
static bool is_backquotable(const hstr *s)
{
	const char *p = s->data, *end = s->data + s->len;
	while (p < end) {
		int32_t r;
		size_t w;
		if (!next_rune(p, end, &r, &w))
			return false;
		if ((r < ' ' && r != '\t') || r == 0x7F || r == '`' || r == 0xFEFF)
			return false;
		p += w;
	}
	return true;
}

typedef enum { MODE_PANIC, MODE_ERROR, MODE_QUIET } rx_mode;

/* Compiles argv[0]; on failure reports Go's panic (MustCompile) or error text. */
static bool compile_arg(hcall *c, const hv *re, rx *r, rx_mode mode, bool *bad)
{
	hbuf msg = HBUF_INIT;
	*bad = false;
	if (rx_compile(c->arena, re->s->data, re->s->len, r, &msg)) {
		hbuf_free(&msg);
		return true;
	}
	if (msg.len == 0) {
		hbuf_free(&msg);
		return hcall_nomem(c);
	}
	*bad = true;
	if (mode == MODE_PANIC) {
		/* regexp.MustCompile: "regexp: Compile(" + quote(expr) + "): " + err */
		hbuf q = HBUF_INIT;
		hbuf_puts(&q, "regexp: Compile(");
		if (is_backquotable(re->s))
			hbuf_putc(&q, '`'), hbuf_put(&q, re->s->data, re->s->len), hbuf_putc(&q, '`');
		else
			hstrconv_quote(&q, re->s->data, re->s->len, false);
		hbuf_puts(&q, "): ");
		hbuf_put(&q, msg.data, msg.len);
		hcall_errorn(c, q.data, q.len);
		hbuf_free(&q);
	} else if (mode == MODE_ERROR) {
		hcall_errorn(c, msg.data, msg.len);
	}
	hbuf_free(&msg);
	return false;
}


/* Go's FindAll iteration: calls each(match) for up to n matches (n < 0: all). */
typedef bool (*match_fn)(hcall *c, const char *s, const PCRE2_SIZE *ov, void *ud);

static bool all_matches(hcall *c, rx *r, const char *s, size_t len, int64_t n, match_fn each,
                        void *ud)
{
	size_t pos = 0;
	int64_t found = 0;
	size_t prev_end = SIZE_MAX;
	if (n < 0)
		n = INT64_MAX;
	while (found < n && pos <= len) {
		PCRE2_SIZE *ov;
		int m = rx_exec(c, r, s, len, pos, &ov);
		if (m < 0)
			return false;
		if (m == 0)
			break;
		size_t a = ov[0], b = ov[1];
		bool accept = true;
		if (b == pos) {
			/* an empty match right after the previous match is not allowed */
			if (a == prev_end)
				accept = false;
			size_t w = rune_width(s, len, pos);
			pos = w ? pos + w : len + 1;
		} else {
			pos = b;
		}
		prev_end = b;
		if (accept) {
			if (!each(c, s, ov, ud))
				return false;
			found++;
		}
	}
	return true;
}

static bool push_match(hcall *c, const char *s, const PCRE2_SIZE *ov, void *ud)
{
	hv v;
	return (hv_string(c->arena, s + ov[0], ov[1] - ov[0], &v) && hlist_push(ud, v)) ||
	       hcall_nomem(c);
}

static bool do_match(hcall *c, const hv *argv, rx_mode mode, hv *out)
{
	rx r;
	bool bad;
	if (!compile_arg(c, &argv[0], &r, mode, &bad)) {
		if (bad && mode == MODE_QUIET) {
			*out = hv_bool(false);
			return true;
		}
		return false;
	}
	PCRE2_SIZE *ov;
	int m = rx_exec(c, &r, argv[1].s->data, argv[1].s->len, 0, &ov);
	rx_free(&r);
	if (m < 0)
		return false;
	*out = hv_bool(m == 1);
	return true;
}

static bool fn_regexMatch(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_match(c, argv, MODE_QUIET, out);
}

static bool fn_mustRegexMatch(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_match(c, argv, MODE_ERROR, out);
}

static bool do_find(hcall *c, const hv *argv, rx_mode mode, hv *out)
{
	rx r;
	bool bad;
	if (!compile_arg(c, &argv[0], &r, mode, &bad))
		return false;
	PCRE2_SIZE *ov;
	const hstr *s = argv[1].s;
	int m = rx_exec(c, &r, s->data, s->len, 0, &ov);
	bool ok = m >= 0 && htmpl_call_string(c, m ? s->data + ov[0] : "", m ? ov[1] - ov[0] : 0, out);
	rx_free(&r);
	return ok;
}

static bool fn_regexFind(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_find(c, argv, MODE_PANIC, out);
}

static bool fn_mustRegexFind(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_find(c, argv, MODE_ERROR, out);
}

static bool do_find_all(hcall *c, const hv *argv, rx_mode mode, hv *out)
{
	rx r;
	bool bad;
	hlist *l = hlist_new(c->arena, 0);
	if (!l)
		return hcall_nomem(c);
	if (!compile_arg(c, &argv[0], &r, mode, &bad))
		return false;
	const hstr *s = argv[1].s;
	bool ok = argv[2].i == 0 || all_matches(c, &r, s->data, s->len, argv[2].i, push_match, l);
	rx_free(&r);
	*out = hv_of_list(HT_STRLIST, l);
	if (!l->len) /* Go's FindAllString: nil when nothing matched */
		hv_set_nil_slice(out);
	return ok;
}

static bool fn_regexFindAll(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_find_all(c, argv, MODE_PANIC, out);
}

static bool fn_mustRegexFindAll(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_find_all(c, argv, MODE_ERROR, out);
}

/* Go's Regexp.Expand for one match. */
static void expand(hbuf *b, const rx *r, const char *tpl, size_t tn, const char *s,
                   const PCRE2_SIZE *ov)
{
	const char *p = tpl, *end = tpl + tn;
	while (p < end) {
		const char *d = memchr(p, '$', (size_t)(end - p));
		if (!d)
			break;
		hbuf_put(b, p, (size_t)(d - p));
		p = d + 1;
		if (p < end && *p == '$') {
			hbuf_putc(b, '$');
			p++;
			continue;
		}
		/* extract: ${name} or $name, name = letters, digits, '_' (Unicode) */
		const char *q = p;
		bool brace = q < end && *q == '{';
		if (brace)
			q++;
		const char *name = q;
		while (q < end) {
			int32_t ru;
			size_t w;
			if (!next_rune(q, end, &ru, &w)) {
				ru = 0xFFFD, w = 1;
			}
			bool word = ru == '_' || (ru < 0x80 ? is_alnum(ru)
			                           : (utf8proc_category(ru) >= UTF8PROC_CATEGORY_LU &&
			                              utf8proc_category(ru) <= UTF8PROC_CATEGORY_LO) ||
			                                 utf8proc_category(ru) == UTF8PROC_CATEGORY_ND);
			if (!word)
				break;
			q += w;
		}
		size_t nl = (size_t)(q - name);
		if (nl == 0 || (brace && (q >= end || *q != '}'))) {
			hbuf_putc(b, '$'); /* malformed: the $ is literal text */
			continue;
		}
		if (brace)
			q++;
		p = q;
		long num = 0;
		for (size_t i = 0; i < nl; i++) {
			if (name[i] < '0' || name[i] > '9' || num >= 100000000) {
				num = -1;
				break;
			}
			num = num * 10 + (name[i] - '0');
		}
		if (name[0] == '0' && nl > 1)
			num = -1;
		if (num < 0) {
			for (uint32_t i = 1; i <= r->ncap; i++)
				if (r->names[i] && r->namelen[i] == nl && memcmp(r->names[i], name, nl) == 0) {
					num = (long)i;
					break;
				}
			if (num < 0)
				continue;
		}
		if ((uint32_t)num <= r->ncap && ov[2 * num] != PCRE2_UNSET)
			hbuf_put(b, s + ov[2 * num], ov[2 * num + 1] - ov[2 * num]);
	}
	hbuf_put(b, p, (size_t)(end - p));
}

/* Go's replaceAll loop. */
static bool replace_all(hcall *c, rx *r, const hstr *src, const hstr *repl, bool literal,
                        hv *out)
{
	const char *s = src->data;
	size_t len = src->len, last = 0, pos = 0;
	hbuf b = HBUF_INIT;
	bool ok = true;
	while (pos <= len) {
		PCRE2_SIZE *ov;
		int m = rx_exec(c, r, s, len, pos, &ov);
		if (m < 0) {
			ok = false;
			break;
		}
		if (m == 0)
			break;
		size_t a0 = ov[0], a1 = ov[1];
		hbuf_put(&b, s + last, a0 - last);
		/* no replacement for an empty match right after the previous match */
		if (a1 > last || a0 == 0) {
			if (literal)
				hbuf_put(&b, repl->data, repl->len);
			else
				expand(&b, r, repl->data, repl->len, s, ov);
		}
		last = a1;
		size_t w = rune_width(s, len, pos);
		if (pos + w > a1)
			pos += w;
		else if (pos + 1 > a1)
			pos++;
		else
			pos = a1;
	}
	hbuf_put(&b, s + last, len - last);
	ok = ok && hbuf_ok(&b) && (hv_string(c->arena, b.data ? b.data : "", b.len, out) || hcall_nomem(c));
	if (!hbuf_ok(&b))
		hcall_nomem(c);
	hbuf_free(&b);
	return ok;
}

static bool do_replace(hcall *c, const hv *argv, rx_mode mode, bool literal, hv *out)
{
	rx r;
	bool bad;
	if (!compile_arg(c, &argv[0], &r, mode, &bad))
		return false;
	bool ok = replace_all(c, &r, argv[1].s, argv[2].s, literal, out);
	rx_free(&r);
	return ok;
}

static bool fn_regexReplaceAll(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_replace(c, argv, MODE_PANIC, false, out);
}

static bool fn_mustRegexReplaceAll(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_replace(c, argv, MODE_ERROR, false, out);
}

static bool fn_regexReplaceAllLiteral(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_replace(c, argv, MODE_PANIC, true, out);
}

static bool fn_mustRegexReplaceAllLiteral(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_replace(c, argv, MODE_ERROR, true, out);
}

typedef struct split_state {
	hlist *l;
	const char *s;
	size_t beg, end;
	int64_t n;
} split_state;

static bool split_each(hcall *c, const char *s, const PCRE2_SIZE *ov, void *ud)
{
	split_state *st = ud;
	if (st->n > 0 && (int64_t)st->l->len == st->n - 1)
		return true;
	st->end = ov[0];
	if (ov[1] != 0) {
		hv v;
		if (!hv_string(c->arena, s + st->beg, st->end - st->beg, &v) || !hlist_push(st->l, v))
			return hcall_nomem(c);
	}
	st->beg = ov[1];
	return true;
}

/* Go's Regexp.Split. */
static bool do_split(hcall *c, const hv *argv, rx_mode mode, hv *out)
{
	rx r;
	bool bad;
	hlist *l = hlist_new(c->arena, 0);
	if (!l)
		return hcall_nomem(c);
	if (!compile_arg(c, &argv[0], &r, mode, &bad))
		return false;
	const hstr *s = argv[1].s;
	int64_t n = argv[2].i;
	bool ok = true;
	hv v;
	if (n == 0) {
		/* Go's Split returns nil: marked below */
	} else if (argv[0].s->len > 0 && s->len == 0) {
		ok = (hv_string(c->arena, "", 0, &v) && hlist_push(l, v)) || hcall_nomem(c);
	} else {
		split_state st = {l, s->data, 0, 0, n};
		ok = all_matches(c, &r, s->data, s->len, n, split_each, &st);
		if (ok && st.end != s->len)
			ok = (hv_string(c->arena, s->data + st.beg, s->len - st.beg, &v) && hlist_push(l, v)) ||
			     hcall_nomem(c);
	}
	rx_free(&r);
	*out = hv_of_list(HT_STRLIST, l);
	if (n == 0)
		hv_set_nil_slice(out);
	return ok;
}

static bool fn_regexSplit(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_split(c, argv, MODE_PANIC, out);
}

static bool fn_mustRegexSplit(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_split(c, argv, MODE_ERROR, out);
}

/* regexp.QuoteMeta: a backslash before each of \.+*?()|[]{}^$ */
static bool fn_regexQuoteMeta(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	const hstr *s = argv[0].s;
	for (size_t i = 0; i < s->len; i++) {
		if (strchr("\\.+*?()|[]{}^$", s->data[i]) && s->data[i])
			hbuf_putc(&b, '\\');
		hbuf_putc(&b, s->data[i]);
	}
	bool ok = hbuf_ok(&b) && hv_string(c->arena, b.data ? b.data : "", b.len, out);
	hbuf_free(&b);
	return ok || hcall_nomem(c);
}

static const hfunc_def defs[] = {
	{"regexMatch", fn_regexMatch, "ss"},
	{"mustRegexMatch", fn_mustRegexMatch, "ss"},
	{"regexFind", fn_regexFind, "ss"},
	{"mustRegexFind", fn_mustRegexFind, "ss"},
	{"regexFindAll", fn_regexFindAll, "ssi"},
	{"mustRegexFindAll", fn_mustRegexFindAll, "ssi"},
	{"regexReplaceAll", fn_regexReplaceAll, "sss"},
	{"mustRegexReplaceAll", fn_mustRegexReplaceAll, "sss"},
	{"regexReplaceAllLiteral", fn_regexReplaceAllLiteral, "sss"},
	{"mustRegexReplaceAllLiteral", fn_mustRegexReplaceAllLiteral, "sss"},
	{"regexSplit", fn_regexSplit, "ssi"},
	{"mustRegexSplit", fn_mustRegexSplit, "ssi"},
	{"regexQuoteMeta", fn_regexQuoteMeta, "s"},
};

bool hsprig_regex(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
