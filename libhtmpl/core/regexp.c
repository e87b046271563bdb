/* regexp.c - Go's regexp (regexp/syntax parsing, regexp.go matching) on top of RE2.
 *
 * A Go pattern is parsed here first, as regexp/syntax parses it with the Perl flags, so every
 * pattern Go rejects is rejected with Go's error text (`error parsing regexp: missing closing
 * ): `(``; backreferences, lookaround, possessive forms and \C are errors; repeat counts above
 * 1000, also nested ones as Go's repeatIsValid counts them, are `invalid repeat count`), and
 * rewritten for RE2: literals as \x{...}, captures unnamed (names are kept here, for Expand;
 * Go 1.22's `(?<name>` is newer than Debian's RE2), the rest as written. RE2 then compiles
 * and runs it: it is the C++ library Go's regexp was ported from, with the same
 * leftmost-first submatch rules (captures in repeated empty-matchable groups such as (a*)*
 * and (|a), multiline `^` after a final newline) and the same linear-time guarantee.
 *
 * Two places where RE2 and Go part, handled here (tests/golden/cases/regex-go.case):
 * - Go reads each byte of invalid UTF-8 in the text as U+FFFD of width 1; RE2 never matches
 *   it. Such a text is searched as a copy with U+FFFD in its place (hrx_text).
 * - Go tries a match only at rune boundaries; RE2's unanchored search steps bytes, so an
 *   empty-width match (\B) can land inside a multi-byte rune. Such a match is retried from
 *   the next rune boundary, which is where Go would have found the same leftmost match.
 * HRX_GO125 reads \p{name} as Go 1.25 (helm 4) does (regexp_names.c).
 *
 * Known limit: RE2 expands each Unicode class into UTF-8 byte ranges, so a pattern with
 * many large repeated classes (\pL{1000} twelve times) exceeds RE2's 64 MB budget and fails
 * with Go's `expression too large` text where Go, which keeps a class as one instruction,
 * accepts it. */
#include "core/regexp.h"

#include "core/codec.h"
#include "core/re2shim.h"
#include "core/regexp_names.h"
#include "core/utf8.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NEST 1000
#define MAX_REPEAT 1000

/* A bounded repeat x{min,max} in the parse tree, for Go's repeatIsValid: kids are the
 * bounded repeats directly inside x. Indices into tr.reps; -1 ends a list. */
typedef struct rep {
	int min, max;
	int kid, next;
} rep;

/* A list of rep indices: head and tail. */
typedef struct replist {
	int head, tail;
} replist;

typedef struct tr {
	const char *pat, *end; /* the Go pattern */
	const char *p;
	hbuf out;              /* the pattern for RE2 */
	hbuf err;              /* Go's error text, set once */
	uint32_t ncap;
	hbuf names;            /* ncap entries of (size_t off, size_t len) into pat, off SIZE_MAX = none */
	unsigned flags;        /* HRX_* */
	rep *reps;             /* bounded repeats seen so far */
	size_t nreps, capreps;
} tr;
static const replist NOREPS = {-1, -1};

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

/* Checks a \p name by letting RE2 compile it: RE2 knows Go's names, the categories and
 * scripts of package unicode and "Any", spelled exactly (no loose matching). -1: out of
 * memory. */
static int re2_knows_class(const char *s, size_t n)
{
	bool oom;
	int code;
	hre2 *re = hre2_new(s, n, &oom, &code);
	hre2_free(re);
	return re ? 1 : oom ? -1 : 0;
}

/* \pX, \p{Name}, \PX, \P{^Name} at t->p (pointing at the backslash); in_class: inside
 * brackets. */
static bool unicode_class(tr *t, hbuf *o, bool in_class)
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
	if (t->flags & HRX_GO125) {
		const char *name = s + 2 + (s[2] == '{');
		size_t nl = (size_t)(q - name) - (s[2] == '{');
		bool neg = s[1] == 'P';
		if (s[2] == '{' && nl && *name == '^')
			name++, nl--, neg = !neg;
		if (!hrx_go125_class(name, nl, neg, in_class, o))
			return fail(t, "invalid character class range", s, n);
		t->p = q;
		return true;
	}
	int known = re2_knows_class(s, n);
	if (known < 0) {
		t->out.oom = true;
		return false;
	}
	if (!known)
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
		/* Go's parseEscape consumes as it goes and reports what it consumed: `\xZ`,
		 * `\x{}`, `\x{12Z`, `\x{110000` */
		if (q >= t->end)
			break;
		int32_t d;
		size_t dw;
		if (!rune_or_fail(t, q, &d, &dw))
			return false;
		q += dw;
		if (d == '{') {
			uint32_t v = 0;
			int nd = 0;
			for (;;) {
				if (q >= t->end)
					goto bad;
				if (!rune_or_fail(t, q, &d, &dw))
					return false;
				q += dw;
				if (d == '}')
					break;
				int h = d < 0x80 ? hcodec_unhex((unsigned char)d) : -1;
				if (h < 0)
					goto bad;
				v = v * 16 + (uint32_t)h;
				if (v > 0x10FFFF)
					goto bad;
				nd++;
			}
			if (nd == 0)
				goto bad;
			*r = (int32_t)v;
			t->p = q;
			return true;
		}
		int x = d < 0x80 ? hcodec_unhex((unsigned char)d) : -1, y = -1;
		if (q < t->end) {
			if (!rune_or_fail(t, q, &d, &dw))
				return false;
			q += dw;
			y = d < 0x80 ? hcodec_unhex((unsigned char)d) : -1;
		}
		if (x < 0 || y < 0)
			goto bad;
		*r = x * 16 + y;
		t->p = q;
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
	/* the backslash and what was read after it: the rune, or the \x digits */
	return fail(t, "invalid escape sequence", s, (size_t)(q - s));
}

/* Perl classes \d \s \w and their negations: RE2's are Go's ASCII ones, and RE2 folds a
 * negated one under (?i) as Go does (the positive class folded, then negated: (?i)\W does
 * not match k, whose fold U+212A is outside \w), so they pass as written. */
static bool perl_class(char c) { return c && strchr("dDsSwW", c); }

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
			if (!unicode_class(t, &t->out, true))
				return false;
			continue;
		}
		if (*t->p == '\\' && t->end - t->p >= 2 && perl_class(t->p[1])) {
			hbuf_put(&t->out, t->p, 2);
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

/* Appends list b to list a. */
static void reps_join(tr *t, replist *a, replist b)
{
	if (b.head < 0)
		return;
	if (a->head < 0)
		*a = b;
	else
		t->reps[a->tail].next = b.head, a->tail = b.tail;
}

/* A new bounded repeat over the repeats in kids; -1 on out of memory. */
static int reps_new(tr *t, int min, int max, replist kids)
{
	if (t->nreps == t->capreps) {
		size_t nc = t->capreps ? 2 * t->capreps : 16;
		rep *n = realloc(t->reps, nc * sizeof *n);
		if (!n)
			return -1;
		t->reps = n, t->capreps = nc;
	}
	t->reps[t->nreps] = (rep){min, max, kids.head, -1};
	return (int)t->nreps++;
}

/* regexp/syntax repeatIsValid: at most n copies of the innermost thing. Only bounded
 * repeats count (x* and x+ do not), and x{0} hides what it repeats. */
static bool repeat_valid(const tr *t, int i, int n)
{
	const rep *r = &t->reps[i];
	int m = r->max;
	if (m == 0)
		return true;
	if (m < 0)
		m = r->min;
	if (m > n)
		return false;
	if (m > 0)
		n /= m;
	for (int k = r->kid; k >= 0; k = t->reps[k].next)
		if (!repeat_valid(t, k, n))
			return false;
	return true;
}

static bool parse_alt(tr *t, int depth, replist *reps);

/* "(?" forms: named captures, groups with flags and flag changes. Returns with t->p after
 * the group; *group tells a group (an atom) from a flag change such as (?i), which is none. */
static bool parse_perl_group(tr *t, int depth, replist *inner, bool *group)
{
	const char *s = t->p;
	size_t rest = (size_t)(t->end - s);
	*group = true;
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
		return parse_alt(t, depth + 1, inner);
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
			/* RE2 reads the same flag letters the same way */
			hbuf_put(&t->out, s, (size_t)(q - s));
			t->p = q;
			*group = c == ':';
			return c == ':' ? parse_alt(t, depth + 1, inner) : true;
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

/* regexp/syntax parseInt: digits without a leading zero; -1 past 1e8. */
static bool parse_int(const char **pp, const char *end, long *v)
{
	const char *q = *pp;
	if (q >= end || *q < '0' || *q > '9')
		return false;
	if (end - q >= 2 && q[0] == '0' && q[1] >= '0' && q[1] <= '9')
		return false;
	long n = 0;
	for (; q < end && *q >= '0' && *q <= '9'; q++)
		if (n >= 0)
			n = n >= 100000000 ? -1 : n * 10 + (*q - '0');
	*v = n, *pp = q;
	return true;
}

/* parseRepeat: {n}, {n,}, {n,m} at p; true and the counts when well formed (else '{' is a
 * literal: `a{,2}` and `a{01}` match themselves in Go). max -1: no upper bound. */
static bool parse_repeat(const char *p, const char *end, long *min, long *max, const char **after)
{
	const char *q = p + 1;
	long a, b;
	if (!parse_int(&q, end, &a))
		return false;
	b = a;
	if (q < end && *q == ',') {
		q++;
		if (q < end && *q == '}')
			b = -1;
		else if (!parse_int(&q, end, &b))
			return false;
		else if (b < 0)
			b = -2; /* overflowed: an invalid count, unlike "no bound" */
	}
	if (q >= end || *q != '}')
		return false;
	*min = a, *max = b, *after = q + 1;
	return true;
}

/* Applies a repetition to the atom that starts at out offset atom (SIZE_MAX: none); flags is
 * where flag changes that followed the atom begin (SIZE_MAX: none): they stay after it. */
static bool repeat(tr *t, size_t atom, size_t flags, const char *op, const char **last)
{
	const char *after = t->p;
	if (after < t->end && *after == '?')
		after++;
	if (*last)
		return fail(t, "invalid nested repetition operator", *last, (size_t)(after - *last));
	if (atom == SIZE_MAX)
		return fail(t, "missing argument to repetition operator", op, (size_t)(after - op));
	size_t fl = flags == SIZE_MAX ? 0 : t->out.len - flags;
	char ftext[64];
	char *fbuf = fl <= sizeof ftext ? ftext : malloc(fl);
	if (!fbuf || !hbuf_grow(&t->out, 4 + (size_t)(after - op))) {
		if (fbuf != ftext)
			free(fbuf);
		t->out.oom = true;
		return false;
	}
	memcpy(fbuf, t->out.data + t->out.len - fl, fl);
	t->out.len -= fl;
	/* wrap the atom so any operand (even ^ or \b) can be repeated */
	size_t n = t->out.len - atom;
	memmove(t->out.data + atom + 3, t->out.data + atom, n);
	memcpy(t->out.data + atom, "(?:", 3);
	t->out.len += 3;
	hbuf_putc(&t->out, ')');
	hbuf_put(&t->out, op, (size_t)(after - op));
	hbuf_put(&t->out, fbuf, fl);
	if (fbuf != ftext)
		free(fbuf);
	*last = op;
	t->p = after;
	return true;
}

/* An escape outside a class. *atom is left as it is, or set to where the last literal of
 * \Q...\E starts (a repeat applies to it alone), or to SIZE_MAX for an empty \Q\E. */
static bool parse_escape(tr *t, size_t *atom)
{
	const char *s = t->p;
	if (s + 1 < t->end) {
		char c = s[1];
		if (perl_class(c)) {
			hbuf_put(&t->out, s, 2);
			t->p += 2;
			return true;
		}
		if (c == 'A' || c == 'z' || c == 'b' || c == 'B') {
			hbuf_put(&t->out, s, 2);
			t->p += 2;
			return true;
		}
		if (c == 'p' || c == 'P')
			return unicode_class(t, &t->out, false);
		if (c == 'Q') {
			const char *e = s + 2, *stop = t->end;
			for (const char *q = e; q + 1 < t->end; q++)
				if (q[0] == '\\' && q[1] == 'E') {
					stop = q;
					break;
				}
			*atom = SIZE_MAX;
			for (const char *q = e; q < stop;) {
				int32_t r;
				size_t w;
				if (!rune_or_fail(t, q, &r, &w))
					return false;
				*atom = t->out.len;
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

/* A bounded repeat {n,m} at s, already parsed: checks the counts as Go does. */
static bool bounded(tr *t, const char *s, long mn, long mx, const char *after, size_t atom,
                    size_t flags, const char **last, replist *atom_reps)
{
	if (mn < 0 || mn > MAX_REPEAT || mx > MAX_REPEAT || mx == -2 || (mx >= 0 && mn > mx))
		return fail(t, "invalid repeat count", s, (size_t)(after - s));
	const char *op_end = after < t->end && *after == '?' ? after + 1 : after;
	t->p = after;
	if (!repeat(t, atom, flags, s, last))
		return false;
	int r = reps_new(t, (int)mn, (int)mx, *atom_reps);
	if (r < 0) {
		t->out.oom = true;
		return false;
	}
	atom_reps->head = atom_reps->tail = r;
	if ((mn >= 2 || mx >= 2) && !repeat_valid(t, r, MAX_REPEAT))
		return fail(t, "invalid repeat count", s, (size_t)(op_end - s));
	return true;
}

/* Alternation up to ')' (depth > 0, consumed) or the end (depth 0); *reps gets the bounded
 * repeats it holds at its top level. */
static bool parse_alt(tr *t, int depth, replist *reps)
{
	if (depth > MAX_NEST)
		return fail(t, "expression nests too deeply", t->pat, (size_t)(t->end - t->pat));
	size_t atom = SIZE_MAX, flags = SIZE_MAX;
	replist atom_reps = NOREPS;
	*reps = NOREPS;
	const char *last = NULL;
	while (t->p < t->end) {
		const char *s = t->p;
		char c = *s;
		const char *was_last = last;
		last = NULL;
		if (c == '*' || c == '+' || c == '?') {
			t->p++;
			last = was_last;
			if (!repeat(t, atom, flags, s, &last))
				return false;
			flags = SIZE_MAX;
			continue;
		}
		if (c == '{') {
			long mn, mx;
			const char *after;
			if (parse_repeat(s, t->end, &mn, &mx, &after)) {
				last = was_last;
				if (!bounded(t, s, mn, mx, after, atom, flags, &last, &atom_reps))
					return false;
				flags = SIZE_MAX;
				continue;
			}
		}
		if (c == '|') {
			hbuf_putc(&t->out, '|');
			t->p++;
			reps_join(t, reps, atom_reps);
			atom = flags = SIZE_MAX;
			atom_reps = NOREPS;
			continue;
		}
		if (c == ')') {
			if (depth == 0)
				return fail(t, "unexpected )", t->pat, (size_t)(t->end - t->pat));
			hbuf_putc(&t->out, ')');
			t->p++;
			reps_join(t, reps, atom_reps);
			return true;
		}
		size_t start = t->out.len;
		replist inner = NOREPS;
		bool group = true;
		if (c == '(') {
			if (t->end - s >= 2 && s[1] == '?') {
				if (!parse_perl_group(t, depth, &inner, &group))
					return false;
			} else {
				add_cap(t, NULL, 0);
				hbuf_putc(&t->out, '(');
				t->p++;
				if (!parse_alt(t, depth + 1, &inner))
					return false;
			}
		} else if (c == '[') {
			if (!parse_class(t))
				return false;
		} else if (c == '\\') {
			if (!parse_escape(t, &start))
				return false;
			group = start != SIZE_MAX;
		} else if (c == '.' || c == '^' || c == '$') {
			hbuf_putc(&t->out, c);
			t->p++;
		} else {
			int32_t r;
			size_t w;
			if (!rune_or_fail(t, s, &r, &w))
				return false;
			put_lit(&t->out, r);
			t->p += w;
		}
		if (!group) {
			/* (?i) and an empty \Q\E are no atom: a repeat after them applies to the
			 * atom before them (Go's stack top); as in Go, a*(?i)* is no stacked repeat. */
			if (flags == SIZE_MAX && start != SIZE_MAX)
				flags = start;
			continue;
		}
		reps_join(t, reps, atom_reps);
		atom = start, flags = SIZE_MAX;
		atom_reps = inner;
	}
	if (depth > 0)
		return fail(t, "missing closing )", t->pat, (size_t)(t->end - t->pat));
	reps_join(t, reps, atom_reps);
	return true;
}

/* ------------------------------------------------------------------ compile */

struct hrx {
	hre2 *re;
	uint32_t ncap;  /* capture groups (without group 0) */
	char **names;   /* names[i] for group i (NULL: unnamed); i in 1..ncap */
	size_t *namelen;
	/* for the cache */
	char *pat;
	size_t patlen;
	uint64_t hash;
	unsigned flags;
	struct hrx *chain;
};

void hrx_free(hrx *h)
{
	if (!h)
		return;
	hre2_free(h->re);
	if (h->names)
		for (uint32_t i = 0; i <= h->ncap; i++)
			free(h->names[i]);
	free(h->names);
	free(h->namelen);
	free(h->pat);
	free(h);
}

/* Fills the group names from the translation's records. */
static bool take_names(hrx *h, const tr *t)
{
	h->names = calloc(t->ncap + 1, sizeof *h->names);
	h->namelen = calloc(t->ncap + 1, sizeof *h->namelen);
	if (!h->names || !h->namelen)
		return false;
	for (uint32_t i = 0; i < t->ncap; i++) {
		size_t rec[2];
		memcpy(rec, t->names.data + i * sizeof rec, sizeof rec);
		if (rec[0] == SIZE_MAX)
			continue;
		h->names[i + 1] = malloc(rec[1] + 1);
		if (!h->names[i + 1])
			return false;
		memcpy(h->names[i + 1], t->pat + rec[0], rec[1]);
		h->names[i + 1][rec[1]] = 0;
		h->namelen[i + 1] = rec[1];
	}
	return true;
}

hrx *hrx_compile(harena *a, const char *pat, size_t n, hbuf *msg)
{
	(void)a;
	return hrx_compile_flags(pat, n, 0, msg);
}

hrx *hrx_compile_flags(const char *pat, size_t n, unsigned flags, hbuf *msg)
{
	tr t = {.pat = pat, .end = pat + n, .p = pat, .flags = flags};
	replist top;
	hrx *h = NULL;
	bool ok = parse_alt(&t, 0, &top) && hbuf_ok(&t.out) && hbuf_ok(&t.names);
	if (!ok && t.err.len) {
		hbuf_put(msg, t.err.data, t.err.len);
	} else if (ok) {
		h = calloc(1, sizeof *h);
		bool oom = h == NULL;
		int code = 0;
		if (h)
			h->re = hre2_new(t.out.data ? t.out.data : "", t.out.len, &oom, &code);
		if (h && h->re) {
			h->ncap = t.ncap;
			/* RE2 counts the groups it was given; they are ours, one for one */
			if ((uint32_t)hre2_ncap(h->re) != t.ncap || !take_names(h, &t))
				oom = true;
		} else if (!oom) {
			/* a pattern Go accepts but RE2 would not build: its program would be larger
			 * than RE2's memory budget. Go's nearest error is this one. */
			hbuf_printf(msg, "error parsing regexp: expression too large: `%.*s`", (int)n, pat);
		}
		if (oom || !h->re) {
			hrx_free(h);
			h = NULL;
		}
	}
	hbuf_free(&t.out);
	hbuf_free(&t.err);
	hbuf_free(&t.names);
	free(t.reps);
	return h;
}

uint32_t hrx_ncap(const hrx *h) { return h->ncap; }

const char *hrx_name(const hrx *h, uint32_t i, size_t *len)
{
	if (i == 0 || i > h->ncap || !h->names[i])
		return NULL;
	*len = h->namelen[i];
	return h->names[i];
}

/* ------------------------------------------------------------------ subject */

bool hrx_text_init(hrx_text *t, const char *s, size_t n)
{
	memset(t, 0, sizeof *t);
	t->s = s, t->n = n;
	if (hutf8_valid(s, n))
		return true;
	size_t bad = 0;
	for (size_t i = 0; i < n;) {
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		bad += w == 1 && r == HUTF8_ERROR;
		i += w;
	}
	t->fn = n + 2 * bad;
	t->fixed = malloc(t->fn + 1);
	t->to_fixed = malloc((n + 1) * sizeof *t->to_fixed);
	t->to_orig = malloc((t->fn + 1) * sizeof *t->to_orig);
	if (!t->fixed || !t->to_fixed || !t->to_orig) {
		hrx_text_free(t);
		return false;
	}
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		t->to_fixed[i] = o;
		if (w == 1 && r == HUTF8_ERROR) {
			t->to_orig[o] = t->to_orig[o + 1] = t->to_orig[o + 2] = i;
			memcpy(t->fixed + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			for (size_t k = 0; k < w; k++) {
				t->to_fixed[i + k] = o + k;
				t->to_orig[o + k] = i + k;
			}
			memcpy(t->fixed + o, s + i, w);
			o += w;
		}
		i += w;
	}
	t->to_fixed[n] = o;
	t->to_orig[o] = n;
	t->fixed[o] = 0;
	return true;
}

void hrx_text_free(hrx_text *t)
{
	free(t->fixed);
	free(t->to_fixed);
	free(t->to_orig);
	t->fixed = NULL;
	t->to_fixed = t->to_orig = NULL;
}

/* ------------------------------------------------------------------ match */

int hrx_exec(const hrx *h, const hrx_text *t, size_t pos, size_t *caps)
{
	const char *s = t->fixed ? t->fixed : t->s;
	size_t n = t->fixed ? t->fn : t->n;
	size_t p = t->fixed ? t->to_fixed[pos] : pos;
	int ncaps = (int)h->ncap + 1;
	for (;;) {
		int rc = hre2_match(h->re, s, n, p, caps, ncaps);
		if (rc <= 0)
			return rc;
		size_t at = caps[0];
		if (at >= n || ((unsigned char)s[at] & 0xC0) != 0x80)
			break;
		/* an empty match inside a rune (the text is valid UTF-8 here): Go never tries
		 * there; the leftmost match Go finds starts at a later rune boundary */
		for (p = at; p < n && ((unsigned char)s[p] & 0xC0) == 0x80; p++)
			;
	}
	if (t->fixed)
		for (int i = 0; i < 2 * ncaps; i++)
			if (caps[i] != SIZE_MAX)
				caps[i] = t->to_orig[caps[i]];
	return 1;
}

int hrx_search(hrx *h, const char *s, size_t n)
{
	hrx_text t;
	size_t small[16];
	size_t need = 2 * ((size_t)h->ncap + 1);
	size_t *caps = need <= 16 ? small : malloc(need * sizeof *caps);
	if (!caps || !hrx_text_init(&t, s, n)) {
		if (caps != small)
			free(caps);
		return -2;
	}
	int rc = hrx_exec(h, &t, 0, caps);
	hrx_text_free(&t);
	if (caps != small)
		free(caps);
	return rc < 0 ? -2 : rc;
}

/* ------------------------------------------------------------------ cache */

#define CACHE_SLOTS 256
#define CACHE_MAX 256        /* patterns kept (each up to RE2's 8 MB budget); past that, compiled per call */
#define CACHE_MAX_PAT 65536  /* longer patterns are not kept */

struct hrx_cache {
	pthread_mutex_t mu;
	hrx *slot[CACHE_SLOTS];
	size_t count;
};

hrx_cache *hrx_cache_new(void)
{
	hrx_cache *c = calloc(1, sizeof *c);
	if (c && pthread_mutex_init(&c->mu, NULL) != 0) {
		free(c);
		c = NULL;
	}
	return c;
}

void hrx_cache_free(hrx_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		for (hrx *h = c->slot[i], *next; h; h = next) {
			next = h->chain;
			hrx_free(h);
		}
	pthread_mutex_destroy(&c->mu);
	free(c);
}

/* FNV-1a */
static uint64_t hash_of(const char *s, size_t n)
{
	uint64_t x = 14695981039346656037u;
	for (size_t i = 0; i < n; i++)
		x = (x ^ (unsigned char)s[i]) * 1099511628211u;
	return x;
}

static hrx *lookup(hrx_cache *c, uint64_t x, const char *pat, size_t n, unsigned flags)
{
	for (hrx *h = c->slot[x % CACHE_SLOTS]; h; h = h->chain)
		if (h->hash == x && h->patlen == n && h->flags == flags && memcmp(h->pat, pat, n) == 0)
			return h;
	return NULL;
}

hrx *hrx_cache_get(hrx_cache *c, const char *pat, size_t n, unsigned flags, hbuf *msg,
                   bool *owned)
{
	*owned = true;
	if (!c || n > CACHE_MAX_PAT)
		return hrx_compile_flags(pat, n, flags, msg);
	uint64_t x = hash_of(pat, n) ^ flags;
	pthread_mutex_lock(&c->mu);
	hrx *h = lookup(c, x, pat, n, flags);
	pthread_mutex_unlock(&c->mu);
	if (h) {
		*owned = false;
		return h;
	}
	/* compiled outside the lock; a thread that raced us may have inserted it meanwhile */
	h = hrx_compile_flags(pat, n, flags, msg);
	if (!h)
		return NULL;
	h->pat = malloc(n + 1);
	if (!h->pat)
		return h;
	memcpy(h->pat, pat, n);
	h->patlen = n, h->hash = x, h->flags = flags;
	pthread_mutex_lock(&c->mu);
	hrx *other = lookup(c, x, pat, n, flags);
	if (other) {
		pthread_mutex_unlock(&c->mu);
		hrx_free(h);
		*owned = false;
		return other;
	}
	if (c->count < CACHE_MAX) {
		h->chain = c->slot[x % CACHE_SLOTS];
		c->slot[x % CACHE_SLOTS] = h;
		c->count++;
		*owned = false;
	}
	pthread_mutex_unlock(&c->mu);
	return h;
}
