/* fn_strings.c - Sprig v3.3.0's string functions (strings.go, the string entries of
 * functions.go genericMap, list.go sortAlpha) with the exact behaviour of the Go code they wrap:
 * Go's strings package (TrimSpace, Trim, Title, ToUpper, Replace, Split ...), Masterminds/goutils
 * v1.1.1 (Abbreviate, Initials, Wrap, SwapCase, Uncapitalize, DeleteWhiteSpace, CryptoRandom*) and
 * huandu/xstrings v1.5.0 (ToSnakeCase, ToKebabCase, ToPascalCase, Shuffle).
 *
 * Strings are bytes. Where Go ranges over runes, an invalid byte decodes as U+FFFD and is written
 * back as EF BF BD (upper "\xff" -> "\xef\xbf\xbd"); where goutils walks bytes and writes each as
 * a rune, a byte >= 0x80 becomes its Latin-1 code point (nospace "é x" -> "Ã©x"). Unicode
 * classes and case mappings come from utf8proc. */
#include "sprig/sprig.h"
#include "value/fmt.h"
#include "value/env.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ Go unicode, utf8 */

#define RUNE_ERROR 0xFFFD

/* utf8.DecodeRune: an invalid or short sequence is (RuneError, 1). n > 0. */
static int32_t dec(const char *p, size_t n, size_t *w)
{
	int32_t r;
	*w = hutf8_decode(p, n, &r);
	return r;
}

/* utf8.DecodeLastRune. */
static int32_t dec_last(const char *s, size_t n, size_t *w)
{
	size_t start = n - 1;
	size_t lim = n >= 4 ? n - 4 : 0;
	while (start > lim && ((unsigned char)s[start] & 0xC0) == 0x80)
		start--;
	size_t ww;
	int32_t r = dec(s + start, n - start, &ww);
	if (start + ww != n) {
		*w = 1;
		return RUNE_ERROR;
	}
	*w = ww;
	return r;
}

/* utf8.AppendRune: invalid code points become U+FFFD. */
static void put_rune(hbuf *b, int32_t r)
{
	char t[4];
	hbuf_put(b, t, hutf8_encode(r, t));
}

static int cat_of(int32_t r) { return (int)utf8proc_category(r); }
static bool u_upper(int32_t r) { return cat_of(r) == UTF8PROC_CATEGORY_LU; }
static bool u_lower(int32_t r) { return cat_of(r) == UTF8PROC_CATEGORY_LL; }
static bool u_title(int32_t r) { return cat_of(r) == UTF8PROC_CATEGORY_LT; }
static bool u_letter(int32_t r)
{
	int k = cat_of(r);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}
static bool u_digit(int32_t r) { return cat_of(r) == UTF8PROC_CATEGORY_ND; }
static bool u_number(int32_t r)
{
	int k = cat_of(r);
	return k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO;
}
static bool u_punct(int32_t r)
{
	int k = cat_of(r);
	return k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
}
static bool u_space(int32_t r) { return hutf8_is_space(r); }
/* Go's unicode.ToUpper/ToTitle use UnicodeData's simple mappings, where U+00DF (ß) has none;
 * newer utf8proc maps it to U+1E9E. Pinned by conf-funcs/str-case. */
static int32_t u_toupper(int32_t r) { return r == 0xDF ? r : utf8proc_toupper(r); }
static int32_t u_tolower(int32_t r) { return utf8proc_tolower(r); }
static int32_t u_totitle(int32_t r) { return r == 0xDF ? r : utf8proc_totitle(r); }

/* ------------------------------------------------------------------ results */


#define SD(i) (argv[i].s->data)
#define SL(i) (argv[i].s->len)

/* Sprig's strval: strings and []byte as they are, nil as <nil>, everything else %v
 * (Stringers and errors print through their method inside hfmt_value). */
static void strval(hbuf *b, const hv *v)
{
	if (v->type == HT_STRING || v->type == HT_BYTES)
		hbuf_put(b, v->s->data, v->s->len);
	else if (hv_is_nil(v))
		hbuf_puts(b, "<nil>");
	else
		hfmt_value(b, v);
}

static hstr *strval_str(harena *a, const hv *v)
{
	if (v->type == HT_STRING)
		return v->s;
	hbuf b = HBUF_INIT;
	strval(&b, v);
	hstr *s = hbuf_ok(&b) ? hstr_new(a, b.data ? b.data : "", b.len) : NULL;
	hbuf_free(&b);
	return s;
}

/* Maps every rune through f (strings.Map with a total mapping). */
static bool map_runes(hcall *c, const char *s, size_t n, int32_t (*f)(int32_t), hv *out)
{
	hbuf b = HBUF_INIT;
	for (size_t i = 0, w; i < n; i += w)
		put_rune(&b, f(dec(s + i, n - i, &w)));
	return hcall_string_buf(c, &b, out);
}

static bool is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* ------------------------------------------------------------------ trimming, case */

static bool fn_hello(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return htmpl_call_string(c, "Hello!", 6, out);
}

/* strings.TrimSpace */
static bool fn_trim(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *s = SD(0);
	size_t n = SL(0), i = 0, w;
	while (i < n && u_space(dec(s + i, n - i, &w)))
		i += w;
	while (n > i && u_space(dec_last(s + i, n - i, &w)))
		n -= w;
	return htmpl_call_string(c, s + i, n - i, out);
}

/* Does the cutset contain rune r? Invalid bytes of either side compare as U+FFFD, as
 * strings.ContainsRune(cutset, RuneError) does. */
static bool in_cutset(const char *cut, size_t cn, int32_t r)
{
	for (size_t i = 0, w; i < cn; i += w)
		if (dec(cut + i, cn - i, &w) == r)
			return true;
	return false;
}

/* strings.Trim(s, cutset) */
static bool fn_trimAll(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *cut = SD(0), *s = SD(1);
	size_t cn = SL(0), n = SL(1), i = 0, w;
	if (cn == 0)
		return htmpl_call_string(c, s, n, out);
	while (i < n && in_cutset(cut, cn, dec(s + i, n - i, &w)))
		i += w;
	while (n > i && in_cutset(cut, cn, dec_last(s + i, n - i, &w)))
		n -= w;
	return htmpl_call_string(c, s + i, n - i, out);
}

static bool fn_trimPrefix(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (SL(1) >= SL(0) && memcmp(SD(1), SD(0), SL(0)) == 0)
		return htmpl_call_string(c, SD(1) + SL(0), SL(1) - SL(0), out);
	*out = argv[1];
	return true;
}

static bool fn_trimSuffix(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (SL(1) >= SL(0) && memcmp(SD(1) + SL(1) - SL(0), SD(0), SL(0)) == 0)
		return htmpl_call_string(c, SD(1), SL(1) - SL(0), out);
	*out = argv[1];
	return true;
}

/* strings.ToUpper/ToLower: ASCII-only input maps bytes; anything else goes through Map,
 * which turns invalid bytes into U+FFFD. */
static bool fn_upper(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!is_ascii(SD(0), SL(0)))
		return map_runes(c, SD(0), SL(0), u_toupper, out);
	char *d = harena_strndup(c->arena, SD(0), SL(0));
	if (!d)
		return hcall_nomem(c);
	for (size_t i = 0; i < SL(0); i++)
		if (d[i] >= 'a' && d[i] <= 'z')
			d[i] -= 32;
	return htmpl_call_string(c, d, SL(0), out);
}

static bool fn_lower(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!is_ascii(SD(0), SL(0)))
		return map_runes(c, SD(0), SL(0), u_tolower, out);
	char *d = harena_strndup(c->arena, SD(0), SL(0));
	if (!d)
		return hcall_nomem(c);
	for (size_t i = 0; i < SL(0); i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] += 32;
	return htmpl_call_string(c, d, SL(0), out);
}

/* strings.Title's isSeparator */
static bool title_sep(int32_t r)
{
	if (r <= 0x7F)
		return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') ||
		         r == '_');
	if (u_letter(r) || u_digit(r))
		return false;
	return u_space(r);
}

static bool fn_title(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	int32_t prev = ' ';
	for (size_t i = 0, w; i < SL(0); i += w) {
		int32_t r = dec(SD(0) + i, SL(0) - i, &w);
		put_rune(&b, title_sep(prev) ? u_totitle(r) : r);
		prev = r;
	}
	return hcall_string_buf(c, &b, out);
}

/* goutils.Uncapitalize: []rune conversion, first rune after whitespace lowered. */
static bool fn_untitle(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (SL(0) == 0)
		return htmpl_call_string(c, "", 0, out);
	hbuf b = HBUF_INIT;
	bool next = true;
	for (size_t i = 0, w; i < SL(0); i += w) {
		int32_t r = dec(SD(0) + i, SL(0) - i, &w);
		if (u_space(r))
			next = true;
		else if (next)
			r = u_tolower(r), next = false;
		put_rune(&b, r);
	}
	return hcall_string_buf(c, &b, out);
}

/* goutils.SwapCase (word based: a lower-case letter after whitespace becomes title case). */
static bool fn_swapcase(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (SL(0) == 0)
		return htmpl_call_string(c, "", 0, out);
	hbuf b = HBUF_INIT;
	bool ws = true;
	for (size_t i = 0, w; i < SL(0); i += w) {
		int32_t r = dec(SD(0) + i, SL(0) - i, &w);
		if (u_upper(r) || u_title(r)) {
			r = u_tolower(r);
			ws = false;
		} else if (u_lower(r)) {
			r = ws ? u_totitle(r) : u_toupper(r);
			ws = false;
		} else {
			ws = u_space(r);
		}
		put_rune(&b, r);
	}
	return hcall_string_buf(c, &b, out);
}

/* goutils.DeleteWhiteSpace walks bytes: each byte is a rune (Latin-1), so 0x85 and 0xA0 are
 * spaces and every other byte >= 0x80 is re-encoded as two bytes, unless nothing was removed. */
static bool fn_nospace(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	size_t kept = 0;
	for (size_t i = 0; i < SL(0); i++) {
		int32_t r = (unsigned char)SD(0)[i];
		if (!u_space(r)) {
			put_rune(&b, r);
			kept++;
		}
	}
	if (kept == SL(0)) {
		hbuf_free(&b);
		*out = argv[0];
		return true;
	}
	return hcall_string_buf(c, &b, out);
}

/* goutils.Initials: bytes again, the first byte of each whitespace-separated word. */
static bool fn_initials(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	bool gap = true;
	for (size_t i = 0; i < SL(0); i++) {
		int32_t r = (unsigned char)SD(0)[i];
		if (u_space(r))
			gap = true;
		else if (gap) {
			put_rune(&b, r);
			gap = false;
		}
	}
	return hcall_string_buf(c, &b, out);
}

/* ------------------------------------------------------------------ slicing */

static bool fn_repeat(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t n = argv[0].i;
	size_t len = SL(1);
	if (n < 0)
		return hcall_errorf(c, "strings: negative Repeat count");
	if (len && (uint64_t)n > (uint64_t)INT64_MAX / len)
		return hcall_errorf(c, "strings: Repeat output length overflow");
	size_t total = len * (size_t)n;
	char *d = harena_alloc(c->arena, total + 1);
	if (!d)
		return hcall_nomem(c);
	for (size_t i = 0; i < (size_t)n && len; i++)
		memcpy(d + i * len, SD(1), len);
	return htmpl_call_string(c, d, total, out);
}

/* Sprig's substring: Go slice expressions, whose out-of-range panics become errors. */
static bool fn_substr(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t start = argv[0].i, end = argv[1].i, len = (int64_t)SL(2);
	if (start < 0) {
		if (end < 0)
			return hcall_errorf(c, "runtime error: slice bounds out of range [:%lld]",
			                    (long long)end);
		if (end > len)
			return hcall_errorf(c, "runtime error: slice bounds out of range [:%lld] with length %lld",
			                    (long long)end, (long long)len);
		return htmpl_call_string(c, SD(2), (size_t)end, out);
	}
	if (end < 0 || end > len)
		end = len;
	if (start > end)
		return hcall_errorf(c, "runtime error: slice bounds out of range [%lld:%lld]",
		                    (long long)start, (long long)end);
	return htmpl_call_string(c, SD(2) + start, (size_t)(end - start), out);
}

static bool fn_trunc(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t n = argv[0].i, len = (int64_t)SL(1);
	if (n < 0 && len + n > 0)
		return htmpl_call_string(c, SD(1) + len + n, (size_t)-n, out);
	if (n >= 0 && len > n)
		return htmpl_call_string(c, SD(1), (size_t)n, out);
	*out = argv[1];
	return true;
}

/* goutils.AbbreviateFull (byte offsets). Returns false only on out of memory. */
static bool abbreviate(hcall *c, const char *s, size_t slen, int64_t off, int64_t w, hv *out)
{
	int64_t len = (int64_t)slen;
	if (len == 0 || w < 4 || len <= w)
		return htmpl_call_string(c, s, slen, out);
	if (off > len)
		off = len;
	if (len - off < w - 3)
		off = len - (w - 3);
	hbuf b = HBUF_INIT;
	if (off <= 4) {
		hbuf_put(&b, s, (size_t)(w - 3));
		hbuf_puts(&b, "...");
	} else if (w < 7) {
		/* goutils returns "" with an error, Sprig ignores the error */
	} else if (off + w - 3 < len) {
		/* "..." + Abbreviate(s[off:], w-3) */
		const char *t = s + off;
		int64_t tl = len - off, w2 = w - 3;
		hbuf_puts(&b, "...");
		if (w2 < 4) {
			/* Abbreviate errors: "" */
		} else if (tl <= w2) {
			hbuf_put(&b, t, (size_t)tl);
		} else {
			hbuf_put(&b, t, (size_t)(w2 - 3));
			hbuf_puts(&b, "...");
		}
	} else {
		hbuf_puts(&b, "...");
		hbuf_put(&b, s + len - (w - 3), (size_t)(w - 3));
	}
	return hcall_string_buf(c, &b, out);
}

static bool fn_abbrev(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (argv[0].i < 4) {
		*out = argv[1];
		return true;
	}
	return abbreviate(c, SD(1), SL(1), 0, argv[0].i, out);
}

static bool fn_abbrevboth(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t l = argv[0].i, r = argv[1].i;
	if (r < 4 || (l > 0 && r < 7)) {
		*out = argv[2];
		return true;
	}
	return abbreviate(c, SD(2), SL(2), l, r, out);
}

/* goutils.WrapCustom (byte based, words split on ' ' only). */
static bool wrap_custom(hcall *c, const hv *sv, int64_t wl, const char *nl, size_t nll,
                        bool long_words, hv *out)
{
	const char *s = sv->s->data;
	size_t len = sv->s->len, off = 0;
	if (len == 0)
		return htmpl_call_string(c, "", 0, out);
	if (nll == 0)
		nl = "\n", nll = 1;
	if (wl < 1)
		wl = 1;
	size_t W = (uint64_t)wl > len ? len + 1 : (size_t)wl;
	hbuf b = HBUF_INIT;
	while (len - off > W) {
		if (s[off] == ' ') {
			off++;
			continue;
		}
		/* strings.LastIndex(s[off:off+W+1], " ") */
		size_t sp = (size_t)-1;
		for (size_t k = off + W + 1; k > off; k--)
			if (s[k - 1] == ' ') {
				sp = k - 1;
				break;
			}
		if (sp != (size_t)-1) {
			hbuf_put(&b, s + off, sp - off);
			hbuf_put(&b, nl, nll);
			off = sp + 1;
		} else if (long_words) {
			hbuf_put(&b, s + off, W);
			hbuf_put(&b, nl, nll);
			off += W;
		} else {
			const char *q = memchr(s + off + W, ' ', len - off - W);
			if (!q) {
				hbuf_put(&b, s + off, len - off);
				off = len;
			} else {
				hbuf_put(&b, s + off, (size_t)(q - s) - off);
				hbuf_put(&b, nl, nll);
				off = (size_t)(q - s) + 1;
			}
		}
	}
	hbuf_put(&b, s + off, len - off);
	return hcall_string_buf(c, &b, out);
}

static bool fn_wrap(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return wrap_custom(c, &argv[1], argv[0].i, "", 0, false, out);
}

static bool fn_wrapWith(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return wrap_custom(c, &argv[2], argv[0].i, SD(1), SL(1), true, out);
}

/* ------------------------------------------------------------------ searching */

static const char *find(const char *s, size_t n, const char *sub, size_t m)
{
	if (m == 0)
		return s;
	return memmem(s, n, sub, m);
}

static bool fn_contains(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(find(SD(1), SL(1), SD(0), SL(0)) != NULL);
	return true;
}

static bool fn_hasPrefix(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(SL(1) >= SL(0) && memcmp(SD(1), SD(0), SL(0)) == 0);
	return true;
}

static bool fn_hasSuffix(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(SL(1) >= SL(0) && memcmp(SD(1) + SL(1) - SL(0), SD(0), SL(0)) == 0);
	return true;
}

/* strings.Replace(s, old, new, -1); an empty old inserts new before every rune and at the end. */
static bool fn_replace(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *old = SD(0), *nw = SD(1), *s = SD(2);
	size_t on = SL(0), nn = SL(1), n = SL(2), start = 0;
	hbuf b = HBUF_INIT;
	if (on == 0) {
		for (size_t w; start < n; start += w) {
			hbuf_put(&b, nw, nn);
			dec(s + start, n - start, &w);
			hbuf_put(&b, s + start, w);
		}
		hbuf_put(&b, nw, nn);
		return hcall_string_buf(c, &b, out);
	}
	const char *p;
	while ((p = find(s + start, n - start, old, on))) {
		hbuf_put(&b, s + start, (size_t)(p - s) - start);
		hbuf_put(&b, nw, nn);
		start = (size_t)(p - s) + on;
	}
	if (start == 0) {
		hbuf_free(&b);
		*out = argv[2];
		return true;
	}
	hbuf_put(&b, s + start, n - start);
	return hcall_string_buf(c, &b, out);
}

static bool fn_plural(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = argv[2].i == 1 ? argv[0] : argv[1];
	return true;
}

/* ------------------------------------------------------------------ quoting, joining */

static bool fn_quote(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT, t = HBUF_INIT;
	bool first = true;
	for (size_t i = 0; i < argc; i++) {
		if (hv_is_nil(&argv[i]))
			continue;
		if (!first)
			hbuf_putc(&b, ' ');
		first = false;
		hbuf_reset(&t);
		strval(&t, &argv[i]);
		hstrconv_quote(&b, t.data ? t.data : "", t.len, false);
	}
	if (!hbuf_ok(&t))
		b.oom = true;
	hbuf_free(&t);
	return hcall_string_buf(c, &b, out);
}

/* The non-nil arguments formatted with '%v' (not strval: []byte prints as [104 105]),
 * space-separated, each between two `quote` bytes when quote is not 0: squote and cat. */
static bool join_values(hcall *c, size_t argc, const hv *argv, char quote, hv *out)
{
	hbuf b = HBUF_INIT;
	bool first = true;
	for (size_t i = 0; i < argc; i++) {
		if (hv_is_nil(&argv[i]))
			continue;
		if (!first)
			hbuf_putc(&b, ' ');
		first = false;
		if (quote)
			hbuf_putc(&b, quote);
		hfmt_value(&b, &argv[i]);
		if (quote)
			hbuf_putc(&b, quote);
	}
	return hcall_string_buf(c, &b, out);
}

static bool fn_squote(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return join_values(c, argc, argv, '\'', out);
}

static bool fn_cat(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return join_values(c, argc, argv, 0, out);
}

static bool do_indent(hcall *c, int64_t n, const hv *sv, bool lead_nl, hv *out)
{
	if (n < 0)
		return hcall_errorf(c, "strings: negative Repeat count");
	/* The result is n times the line count larger than s: refuse what could never fit in
	 * the render's memory before building it (the buffer is outside the arena's count). */
	size_t lines = 1;
	for (size_t i = 0; i < sv->s->len; i++)
		lines += sv->s->data[i] == '\n';
	uint64_t lim = c->env ? c->env->limits[HTMPL_LIMIT_MEMORY_BYTES] : 0;
	if (lim && n > 0 && (sv->s->len >= lim || (uint64_t)n > (lim - sv->s->len) / lines)) {
		(void)harena_alloc(c->arena, (size_t)(lim > SIZE_MAX / 2 ? SIZE_MAX / 2 : lim)); /* marks the limit hit */
		return hcall_nomem(c);
	}
	hbuf b = HBUF_INIT;
	if (lead_nl)
		hbuf_putc(&b, '\n');
	hbuf_putn(&b, ' ', (size_t)n);
	const char *s = sv->s->data;
	for (size_t i = 0; i < sv->s->len; i++) {
		hbuf_putc(&b, s[i]);
		if (s[i] == '\n')
			hbuf_putn(&b, ' ', (size_t)n);
		if (!hbuf_ok(&b))
			break;
	}
	return hcall_string_buf(c, &b, out);
}

static bool fn_indent(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_indent(c, argv[0].i, &argv[1], false, out);
}

static bool fn_nindent(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return do_indent(c, argv[0].i, &argv[1], true, out);
}

static bool fn_toString(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hstr *s = strval_str(c->arena, &argv[0]);
	if (!s)
		return hcall_nomem(c);
	*out = hv_of_str(s);
	return true;
}

/* Sprig's strslice: []string as is; lists strval'd with nils dropped; nil -> []; anything
 * else -> [strval v]. Returns the list (shared when v is already []string). */
static hlist *strslice(hcall *c, const hv *v)
{
	if (v->type == HT_STRLIST)
		return v->l;
	if (v->type == HT_BYTES) {
		hlist *l = hlist_new(c->arena, v->s->len);
		char num[4];
		for (size_t i = 0; l && i < v->s->len; i++) {
			int k = snprintf(num, sizeof num, "%u", (unsigned char)v->s->data[i]);
			hv sv;
			if (!hv_string(c->arena, num, (size_t)k, &sv) || !hlist_push(l, sv))
				return NULL;
		}
		return l;
	}
	size_t n = hv_is_list(v) ? v->l->len : 1;
	hlist *l = hlist_new(c->arena, n);
	if (!l)
		return NULL;
	if (!hv_is_list(v)) {
		if (hv_is_nil(v))
			return l;
		hstr *s = strval_str(c->arena, v);
		return s && hlist_push(l, hv_of_str(s)) ? l : NULL;
	}
	for (size_t i = 0; i < v->l->len; i++) {
		if (hv_is_nil(&v->l->v[i]))
			continue;
		hstr *s = strval_str(c->arena, &v->l->v[i]);
		if (!s || !hlist_push(l, hv_of_str(s)))
			return NULL;
	}
	return l;
}

static bool fn_toStrings(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l = strslice(c, &argv[0]);
	if (!l)
		return hcall_nomem(c);
	*out = hv_of_list(HT_STRLIST, l);
	return true;
}

static bool fn_join(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l = strslice(c, &argv[1]);
	if (!l)
		return hcall_nomem(c);
	hbuf b = HBUF_INIT;
	for (size_t i = 0; i < l->len; i++) {
		if (i)
			hbuf_put(&b, SD(0), SL(0));
		hbuf_put(&b, l->v[i].s->data, l->v[i].s->len);
	}
	return hcall_string_buf(c, &b, out);
}

static int cmp_hv_str(const void *a, const void *b)
{
	const hstr *x = ((const hv *)a)->s, *y = ((const hv *)b)->s;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->data, y->data, n);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* list.go sortAlpha: sorts a []string in place (the caller's slice changes, as in Go). A
 * non-list, nil included, gives [strval v]. */
static bool fn_sortAlpha(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l;
	if (hv_is_list(&argv[0]) || argv[0].type == HT_BYTES) {
		l = strslice(c, &argv[0]);
	} else {
		hstr *s = strval_str(c->arena, &argv[0]);
		l = s ? hlist_new(c->arena, 1) : NULL;
		if (l && !hlist_push(l, hv_of_str(s)))
			l = NULL;
	}
	if (!l)
		return hcall_nomem(c);
	if (l->len > 1)
		qsort(l->v, l->len, sizeof *l->v, cmp_hv_str);
	*out = hv_of_list(HT_STRLIST, l);
	return true;
}

/* ------------------------------------------------------------------ splitting */

/* strings.SplitN(s, sep, n) into a list of strings (n < 0: all). */
static hlist *split_n(hcall *c, const hv *sv, const char *sep, size_t sl, int64_t n)
{
	const char *s = sv->s->data;
	size_t len = sv->s->len;
	hlist *l = hlist_new(c->arena, 0);
	if (!l || n == 0)
		return l;
	hv piece;
	size_t start = 0;
	if (sl == 0) {
		/* explode: one piece per rune, the last piece takes the rest */
		for (size_t w; start < len; start += w) {
			dec(s + start, len - start, &w);
			if (n > 0 && (int64_t)l->len == n - 1)
				w = len - start;
			if (!hv_string(c->arena, s + start, w, &piece) || !hlist_push(l, piece))
				return NULL;
		}
		return l;
	}
	const char *p;
	while ((n < 0 || (int64_t)l->len < n - 1) && (p = find(s + start, len - start, sep, sl))) {
		if (!hv_string(c->arena, s + start, (size_t)(p - s) - start, &piece) || !hlist_push(l, piece))
			return NULL;
		start = (size_t)(p - s) + sl;
	}
	if (!hv_string(c->arena, s + start, len - start, &piece) || !hlist_push(l, piece))
		return NULL;
	return l;
}

static bool to_split_map(hcall *c, hlist *l, hv *out)
{
	hmap *m = l ? hmap_new(c->arena, l->len) : NULL;
	if (!m)
		return hcall_nomem(c);
	char key[32];
	for (size_t i = 0; i < l->len; i++) {
		int k = snprintf(key, sizeof key, "_%zu", i);
		if (!hmap_set(m, key, (size_t)k, l->v[i]))
			return hcall_nomem(c);
	}
	*out = hv_of_map(HT_STRMAP, m);
	return true;
}

static bool fn_split(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return to_split_map(c, split_n(c, &argv[1], SD(0), SL(0), -1), out);
}

static bool fn_splitn(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return to_split_map(c, split_n(c, &argv[2], SD(0), SL(0), argv[1].i), out);
}

static bool fn_splitList(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l = split_n(c, &argv[1], SD(0), SL(0), -1);
	if (!l)
		return hcall_nomem(c);
	*out = hv_of_list(HT_STRLIST, l);
	return true;
}

/* ------------------------------------------------------------------ xstrings */

enum { W_INVALID, W_NUMBER, W_UPPER, W_ALPHA, W_CONNECTOR, W_PUNCT, W_OTHER };

static bool x_connector(int32_t r) { return r == '-' || r == '_' || u_space(r); }

/* xstrings isAlphabet: letters except the common CJK ideographs. */
static bool x_alpha(int32_t r)
{
	if (!u_letter(r))
		return false;
	if (r < 0x3400)
		return true;
	if ((r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4D85) ||
	    (r >= 0x20000 && r <= 0x2B81D))
		return false;
	return true;
}

/* xstrings nextValidRune: skips invalid bytes (counting them); prev if none is valid. */
static int32_t next_valid(const char *s, size_t n, int32_t prev, size_t *size)
{
	*size = 0;
	while (n > 0) {
		size_t w;
		int32_t r = dec(s, n, &w);
		*size += w;
		if (r != RUNE_ERROR)
			return r;
		s += w, n -= w;
	}
	return prev;
}

typedef struct xword {
	int wt;
	const char *w;
	size_t wl;
	const char *rem;
	size_t rl;
} xword;

/* Runs while pred(r) holds, extending the word. */
static void x_extend(xword *x, size_t *off, bool (*pred)(int32_t), bool stop_upper, int32_t r)
{
	size_t size;
	while (x->rl > 0) {
		r = next_valid(x->rem, x->rl, r, &size);
		if (!pred(r) || (stop_upper && u_upper(r)))
			break;
		*off += size, x->rem += size, x->rl -= size;
	}
}

static bool x_not_word_char(int32_t r)
{
	return !(x_connector(r) || x_alpha(r) || u_number(r) || u_punct(r));
}

/* The upper-case word branch of xstrings nextWord ("HTTPStatus" -> "HTTP", "Status"). */
static void x_upper(xword *x, const char *str, size_t *off, int32_t r)
{
	size_t size;
	if (x->rl == 0)
		return;
	r = next_valid(x->rem, x->rl, r, &size);
	if (u_upper(r)) {
		size_t prev = size;
		*off += size, x->rem += size, x->rl -= size;
		while (x->rl > 0) {
			r = next_valid(x->rem, x->rl, r, &size);
			if (!u_upper(r))
				break;
			prev = size;
			*off += size, x->rem += size, x->rl -= size;
		}
		if (x->rl > 0 && x_alpha(r)) {
			size_t total = (size_t)(x->rem - str) + x->rl;
			*off -= prev;
			x->rem = str + *off;
			x->rl = total - *off;
		}
	} else if (x_alpha(r)) {
		*off += size, x->rem += size, x->rl -= size;
		x_extend(x, off, x_alpha, true, r);
	}
}

static xword x_next(const char *str, size_t n)
{
	xword x = {W_INVALID, str, 0, str, n};
	if (n == 0)
		return x;
	size_t off, size;
	int32_t r = next_valid(str, n, RUNE_ERROR, &size);
	off = size;
	if (r == RUNE_ERROR) {
		x.wl = off, x.rem = str + off, x.rl = n - off;
		return x;
	}
	x.rem += size, x.rl -= size;
	if (x_connector(r)) {
		x.wt = W_CONNECTOR;
		x_extend(&x, &off, x_connector, false, r);
	} else if (u_punct(r)) {
		x.wt = W_PUNCT;
		x_extend(&x, &off, u_punct, false, r);
	} else if (u_upper(r)) {
		x.wt = W_UPPER;
		x_upper(&x, str, &off, r);
	} else if (x_alpha(r)) {
		x.wt = W_ALPHA;
		x_extend(&x, &off, x_alpha, true, r);
	} else if (u_number(r)) {
		x.wt = W_NUMBER;
		x_extend(&x, &off, u_number, false, r);
	} else {
		x.wt = W_OTHER;
		x_extend(&x, &off, x_not_word_char, false, r);
	}
	x.wl = off;
	return x;
}

/* xstrings toLower: only upper-case and connector words are rewritten. */
static void x_lower(hbuf *b, int wt, const char *s, size_t n, char conn)
{
	if (wt != W_UPPER && wt != W_CONNECTOR) {
		hbuf_put(b, s, n);
		return;
	}
	for (size_t i = 0, w; i < n; i += w) {
		int32_t r = dec(s + i, n - i, &w);
		if (x_connector(r))
			hbuf_putc(b, conn);
		else if (u_upper(r))
			put_rune(b, u_tolower(r));
		else
			put_rune(b, r);
	}
}

/* The word after a letter-ish word (xstrings camelCaseToLowerCase's default branch). */
static void x_after_word(hbuf *b, xword *x, char conn)
{
	if (x->wt != W_NUMBER) {
		if (x->wt != W_CONNECTOR && x->wt != W_PUNCT)
			hbuf_putc(b, conn);
		return;
	}
	if (x->rl == 0)
		return;
	xword num = *x;
	*x = x_next(x->rem, x->rl);
	if (x->wt != W_ALPHA) {
		x_lower(b, W_NUMBER, num.w, num.wl, conn);
		if (x->wt != W_CONNECTOR && x->wt != W_PUNCT)
			hbuf_putc(b, conn);
		return;
	}
	hbuf_putc(b, conn);
	x_lower(b, W_NUMBER, num.w, num.wl, conn);
	while (x->wt == W_ALPHA || x->wt == W_NUMBER) {
		x_lower(b, x->wt, x->w, x->wl, conn);
		*x = x_next(x->rem, x->rl);
	}
	if (x->wt != W_INVALID && x->wt != W_CONNECTOR && x->wt != W_PUNCT)
		hbuf_putc(b, conn);
}

static bool camel_to_lower(hcall *c, const hv *sv, char conn, hv *out)
{
	hbuf b = HBUF_INIT;
	if (sv->s->len == 0)
		return htmpl_call_string(c, "", 0, out);
	xword x = x_next(sv->s->data, sv->s->len);
	while (x.rl > 0) {
		if (x.wt != W_CONNECTOR)
			x_lower(&b, x.wt, x.w, x.wl, conn);
		xword last = x;
		x = x_next(x.rem, x.rl);
		switch (last.wt) {
		case W_NUMBER:
			while (x.wt == W_ALPHA || x.wt == W_NUMBER) {
				x_lower(&b, x.wt, x.w, x.wl, conn);
				x = x_next(x.rem, x.rl);
			}
			if (x.wt != W_INVALID && x.wt != W_PUNCT && x.wt != W_CONNECTOR)
				hbuf_putc(&b, conn);
			break;
		case W_CONNECTOR:
			x_lower(&b, last.wt, last.w, last.wl, conn);
			break;
		case W_PUNCT:
			break;
		default:
			x_after_word(&b, &x, conn);
		}
	}
	x_lower(&b, x.wt, x.w, x.wl, conn);
	return hcall_string_buf(c, &b, out);
}

static bool fn_snakecase(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return camel_to_lower(c, &argv[0], '_', out);
}

static bool fn_kebabcase(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return camel_to_lower(c, &argv[0], '-', out);
}

/* xstrings.ToPascalCase (toCamelCase with isBig). Leading connectors are kept; a connector
 * run keeps all but its last rune; the rune after a connector is upper-cased; inside a word
 * that started upper-case, further upper-case runes are lowered until a non-upper one. */
static bool fn_camelcase(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *s = SD(0);
	size_t n = SL(0), i = 0, w = 0;
	if (n == 0)
		return htmpl_call_string(c, "", 0, out);
	hbuf b = HBUF_INIT;
	int32_t r0 = 0, r1;
	bool first_upper = false;
	while (i < n) {
		r0 = dec(s + i, n - i, &w);
		i += w;
		if (!x_connector(r0)) {
			first_upper = u_upper(r0);
			r0 = u_toupper(r0);
			break;
		}
		put_rune(&b, r0);
	}
	if (i >= n) {
		/* Go writes r0 here even when it is a connector already written: "_" -> "__" */
		if (w != 0)
			put_rune(&b, r0);
		return hcall_string_buf(c, &b, out);
	}
	while (i < n) {
		r1 = r0;
		r0 = dec(s + i, n - i, &w);
		i += w;
		if (x_connector(r0) && x_connector(r1)) {
			put_rune(&b, r1);
			continue;
		}
		if (x_connector(r1)) {
			first_upper = u_upper(r0);
			r0 = u_toupper(r0);
		} else {
			if (first_upper) {
				if (u_upper(r0))
					r0 = u_tolower(r0);
				else
					first_upper = false;
			}
			put_rune(&b, r1);
		}
	}
	put_rune(&b, r0);
	return hcall_string_buf(c, &b, out);
}

/* ------------------------------------------------------------------ random */

/* A uniform integer in [0, n) from the environment's random source. */
static bool rand_below(hcall *c, uint64_t n, uint64_t *out)
{
	uint64_t lim = UINT64_MAX - UINT64_MAX % n, x;
	do {
		if (!henv_random(c->env, &x, sizeof x))
			return false;
	} while (x >= lim);
	*out = x % n;
	return true;
}

/* goutils.CryptoRandom over an ASCII alphabet; a negative count gives "" (Sprig drops the
 * error). */
static bool rand_from(hcall *c, int64_t count, const char *alphabet, hv *out)
{
	if (count <= 0)
		return htmpl_call_string(c, "", 0, out);
	if ((uint64_t)count > c->env->limits[HTMPL_LIMIT_LIST_ITEMS])
		return hcall_errorf(c, "random string of %lld characters exceeds the limit",
		                    (long long)count);
	char *d = harena_alloc(c->arena, (size_t)count + 1);
	if (!d)
		return hcall_nomem(c);
	size_t an = strlen(alphabet);
	for (int64_t i = 0; i < count; i++) {
		uint64_t k;
		if (!rand_below(c, an, &k))
			return hcall_errorf(c, "random source failed");
		d[i] = alphabet[k];
	}
	return htmpl_call_string(c, d, (size_t)count, out);
}

static const char ALNUM[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char ASCII[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                            "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

static bool fn_randAlphaNum(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return rand_from(c, argv[0].i, ALNUM, out);
}

static bool fn_randAlpha(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return rand_from(c, argv[0].i, ALNUM + 10, out);
}

static bool fn_randNumeric(hcall *c, size_t argc, const hv *argv, hv *out)
{
	static const char digits[] = "0123456789";
	return rand_from(c, argv[0].i, digits, out);
}

static bool fn_randAscii(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return rand_from(c, argv[0].i, ASCII, out);
}

/* xstrings.Shuffle: Fisher-Yates over the runes (invalid bytes become U+FFFD). */
static bool fn_shuffle(hcall *c, size_t argc, const hv *argv, hv *out)
{
	size_t n = SL(0), k = 0;
	if (n == 0)
		return htmpl_call_string(c, "", 0, out);
	int32_t *r = harena_alloc(c->arena, n * sizeof *r);
	if (!r)
		return hcall_nomem(c);
	for (size_t i = 0, w; i < n; i += w)
		r[k++] = dec(SD(0) + i, n - i, &w);
	for (size_t i = k; i-- > 1;) {
		uint64_t j;
		if (!rand_below(c, i + 1, &j))
			return hcall_errorf(c, "random source failed");
		int32_t t = r[i];
		r[i] = r[j];
		r[j] = t;
	}
	hbuf b = HBUF_INIT;
	for (size_t i = 0; i < k; i++)
		put_rune(&b, r[i]);
	return hcall_string_buf(c, &b, out);
}

/* ------------------------------------------------------------------ registration */

static const hfunc_def defs[] = {
	{"hello", fn_hello, ""},
	{"trim", fn_trim, "s"},
	{"trimAll", fn_trimAll, "ss"},
	{"trimall", fn_trimAll, "ss"},
	{"trimPrefix", fn_trimPrefix, "ss"},
	{"trimSuffix", fn_trimSuffix, "ss"},
	{"upper", fn_upper, "s"},
	{"lower", fn_lower, "s"},
	{"title", fn_title, "s"},
	{"untitle", fn_untitle, "s"},
	{"swapcase", fn_swapcase, "s"},
	{"nospace", fn_nospace, "s"},
	{"initials", fn_initials, "s"},
	{"repeat", fn_repeat, "is"},
	{"substr", fn_substr, "iis"},
	{"trunc", fn_trunc, "is"},
	{"abbrev", fn_abbrev, "is"},
	{"abbrevboth", fn_abbrevboth, "iis"},
	{"wrap", fn_wrap, "is"},
	{"wrapWith", fn_wrapWith, "iss"},
	{"contains", fn_contains, "ss"},
	{"hasPrefix", fn_hasPrefix, "ss"},
	{"hasSuffix", fn_hasSuffix, "ss"},
	{"replace", fn_replace, "sss"},
	{"plural", fn_plural, "ssi"},
	{"quote", fn_quote, "v*"},
	{"squote", fn_squote, "v*"},
	{"cat", fn_cat, "v*"},
	{"indent", fn_indent, "is"},
	{"nindent", fn_nindent, "is"},
	{"toString", fn_toString, "v"},
	{"toStrings", fn_toStrings, "v"},
	{"join", fn_join, "sv"},
	{"sortAlpha", fn_sortAlpha, "v"},
	{"split", fn_split, "ss"},
	{"splitn", fn_splitn, "sis"},
	{"splitList", fn_splitList, "ss"},
	{"snakecase", fn_snakecase, "s"},
	{"kebabcase", fn_kebabcase, "s"},
	{"camelcase", fn_camelcase, "s"},
	{"shuffle", fn_shuffle, "s"},
	{"randAlphaNum", fn_randAlphaNum, "i"},
	{"randAlpha", fn_randAlpha, "i"},
	{"randNumeric", fn_randNumeric, "i"},
	{"randAscii", fn_randAscii, "i"},
};

bool hsprig_strings(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
