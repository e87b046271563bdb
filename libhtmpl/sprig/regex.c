/* regex.c - Sprig v3.3.0's regex functions (regex.go): regexMatch, regexFind, regexFindAll,
 * regexReplaceAll(Literal), regexSplit, their must* forms and regexQuoteMeta.
 *
 * Matching is Go's regexp (core/regexp.h: Go's syntax and errors, RE2's engine); this file
 * iterates as Go's regexp.go does: FindAll and Split skip an empty match right after a
 * match and step one rune after an empty match; ReplaceAll does not replace an empty match
 * that abuts the previous one; Expand reads $1, ${1}, $name, ${name} and $$. A pattern is
 * compiled once per environment (the cache on henv), so a loop calling regexMatch with the
 * same pattern compiles it once. */
#include "sprig/sprig.h"
#include "core/regexp.h"
#include "core/strconv.h"
#include "core/utf8.h"
#include "value/env.h"

#include <utf8proc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A compiled argument: the pattern (the cache's or ours), the text and room for offsets. */
typedef struct rx {
	hrx *re;
	bool owned;
	hrx_text text;
	size_t *caps;
	size_t small[16];
} rx;

static void rx_free(rx *r)
{
	if (r->owned)
		hrx_free(r->re);
	hrx_text_free(&r->text);
	if (r->caps != r->small)
		free(r->caps);
}

/* utf8.DecodeRuneInString that tells a bad byte: false (and *r, *w unset) on invalid UTF-8. */
static bool next_rune(const char *s, const char *end, int32_t *r, size_t *w)
{
	int32_t rr;
	size_t k = hutf8_decode(s, (size_t)(end - s), &rr);
	if (k == 0 || (k == 1 && rr == HUTF8_ERROR))
		return false;
	*r = rr, *w = k;
	return true;
}

static bool is_alnum(int c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The width of the rune at pos (Go's DecodeRuneInString: 1 for a bad byte, 0 at the end). */
static size_t rune_width(const char *s, size_t n, size_t pos)
{
	if (pos >= n)
		return 0;
	int32_t r;
	size_t w;
	return next_rune(s + pos, s + n, &r, &w) ? w : 1;
}

/* The Go version whose regexp/syntax reads the pattern: helm 3.17 is built with Go 1.23,
 * helm 4.1 with Go 1.25, whose \p{name} lookup is loose (core/regexp_names.h). The render
 * does not say which helm it follows yet (the --helm flag is another change); when it does,
 * this returns HRX_GO125 for helm 4. Until then a build with -DHTMPL_REGEX_GO125 reads
 * patterns as helm 4 does, so that `tests/compat/regex-diff --major 4` can measure it. */
static unsigned go_flags(const hcall *c)
{
	(void)c;
#ifdef HTMPL_REGEX_GO125
	return HRX_GO125;
#else
	return 0;
#endif
}

/* One search of the subject from pos: 1 match (r->caps filled), 0 none, -1 error (reported). */
static int rx_exec(hcall *c, rx *r, size_t pos)
{
	int rc = hrx_exec(r->re, &r->text, pos, r->caps);
	if (rc < 0)
		hcall_nomem(c);
	return rc;
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

/* Compiles argv[0] (through the environment's cache) and prepares the subject subj; on
 * failure reports Go's panic (MustCompile) or error text. */
static bool compile_arg(hcall *c, const hv *re, const hstr *subj, rx *r, rx_mode mode, bool *bad)
{
	hbuf msg = HBUF_INIT;
	*bad = false;
	memset(r, 0, sizeof *r);
	r->caps = r->small;
	r->re = hrx_cache_get(c->env ? c->env->rx_cache : NULL, re->s->data, re->s->len,
	                      go_flags(c), &msg, &r->owned);
	if (r->re) {
		hbuf_free(&msg);
		size_t need = 2 * ((size_t)hrx_ncap(r->re) + 1);
		if (need > sizeof r->small / sizeof *r->small)
			r->caps = malloc(need * sizeof *r->caps);
		if (!r->caps || !hrx_text_init(&r->text, subj ? subj->data : "", subj ? subj->len : 0)) {
			if (!r->caps)
				r->caps = r->small;
			rx_free(r);
			return hcall_nomem(c);
		}
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
typedef bool (*match_fn)(hcall *c, const char *s, const size_t *ov, void *ud);

static bool all_matches(hcall *c, rx *r, const char *s, size_t len, int64_t n, match_fn each,
                        void *ud)
{
	size_t pos = 0;
	int64_t found = 0;
	size_t prev_end = SIZE_MAX;
	if (n < 0)
		n = INT64_MAX;
	while (found < n && pos <= len) {
		int m = rx_exec(c, r, pos);
		const size_t *ov = r->caps;
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

static bool push_match(hcall *c, const char *s, const size_t *ov, void *ud)
{
	hv v;
	return (hv_string(c->arena, s + ov[0], ov[1] - ov[0], &v) && hlist_push(ud, v)) ||
	       hcall_nomem(c);
}

static bool do_match(hcall *c, const hv *argv, rx_mode mode, hv *out)
{
	rx r;
	bool bad;
	if (!compile_arg(c, &argv[0], argv[1].s, &r, mode, &bad)) {
		if (bad && mode == MODE_QUIET) {
			*out = hv_bool(false);
			return true;
		}
		return false;
	}
	int m = rx_exec(c, &r, 0);
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
	const hstr *s = argv[1].s;
	if (!compile_arg(c, &argv[0], s, &r, mode, &bad))
		return false;
	int m = rx_exec(c, &r, 0);
	const size_t *ov = r.caps;
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
	const hstr *s = argv[1].s;
	if (!compile_arg(c, &argv[0], s, &r, mode, &bad))
		return false;
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
static void expand(hbuf *b, const hrx *re, const char *tpl, size_t tn, const char *s,
                   const size_t *ov)
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
			/* Go's Expand takes the first group of that name */
			for (uint32_t i = 1; i <= hrx_ncap(re); i++) {
				size_t gl;
				const char *g = hrx_name(re, i, &gl);
				if (g && gl == nl && memcmp(g, name, nl) == 0) {
					num = (long)i;
					break;
				}
			}
			if (num < 0)
				continue;
		}
		if ((uint32_t)num <= hrx_ncap(re) && ov[2 * num] != SIZE_MAX)
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
		int m = rx_exec(c, r, pos);
		const size_t *ov = r->caps;
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
				expand(&b, r->re, repl->data, repl->len, s, ov);
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
	if (!compile_arg(c, &argv[0], argv[1].s, &r, mode, &bad))
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

static bool split_each(hcall *c, const char *s, const size_t *ov, void *ud)
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
	const hstr *s = argv[1].s;
	if (!compile_arg(c, &argv[0], s, &r, mode, &bad))
		return false;
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
