/* strvals.c - the --set, --set-string, --set-json, --set-file and --set-literal parser.
 *
 * Reproduces helm v3.17.3 pkg/strvals/parser.go and literal_parser.go: the same recursive
 * descent over runes (invalid UTF-8 reads as U+FFFD, like bytes.Buffer.ReadRune), the same
 * typing (typedVal), the same silent successes (`a[0]` alone makes an empty list) and the
 * same error texts. Go panics (failed type assertions such as `a=1,a.b=2`) are recovered by
 * the innermost key() in Helm and reported as `unable to parse key: <panic>`; here they are
 * the status P_PANIC that key() turns into that text. */
#include "helm/strvals.h"

#include "data/json.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <string.h>

enum { P_OK, P_EOF, P_ERR, P_PANIC, P_NOTLIST };
enum { M_TYPED, M_STRING, M_JSON, M_FILE, M_LITERAL };

typedef struct sp {
	const char *s;
	size_t n, pos, prev; /* prev: position before the last rune read, for unread */
	harena *a;
	int mode;
	hstrvals_reader rd;
	void *ud;
	herr *err;
	hbuf msg; /* error or panic text */
	bool nomem;
	bool wrapped_eof; /* the error wraps io.EOF (`error parsing index: EOF`) */
} sp;

/* ------------------------------------------------------------------ runes */

/* utf8.DecodeRune: invalid or truncated sequences give U+FFFD with width 1 (n > 0). */
static int32_t decode_rune(const unsigned char *s, size_t n, size_t *w)
{
	int32_t r;
	*w = hutf8_decode((const char *)s, n, &r);
	return r;
}

static void put_rune(hbuf *b, int32_t r)
{
	char t[4];
	hbuf_put(b, t, hutf8_encode(r, t));
}

static bool read_rune(sp *p, int32_t *r)
{
	if (p->pos >= p->n)
		return false;
	size_t w;
	p->prev = p->pos;
	*r = decode_rune((const unsigned char *)p->s + p->pos, p->n - p->pos, &w);
	p->pos += w;
	return true;
}

static void unread_rune(sp *p)
{
	p->pos = p->prev;
}

static int nomem(sp *p)
{
	p->nomem = true;
	return P_ERR;
}

/* runesUntil / runesUntilLiteral: reads runes into out until one in stop (returned in
 * *last). Backslash escapes the next rune unless literal. P_EOF at the end of input. A text
 * that could not be kept is out of memory, never a shorter key. */
static int runes_until(sp *p, const char *stop, hbuf *out, int32_t *last)
{
	int32_t r;
	*last = 0;
	hbuf_reset(out);
	while (read_rune(p, &r)) {
		if (r < 0x80 && r && strchr(stop, (int)r)) {
			*last = r;
			return hbuf_ok(out) ? P_OK : nomem(p);
		}
		if (r == '\\' && p->mode != M_LITERAL) {
			if (!read_rune(p, &r))
				break;
		}
		put_rune(out, r);
	}
	return hbuf_ok(out) ? P_EOF : nomem(p);
}

/* ------------------------------------------------------------------ errors */

static int fail(sp *p, const char *fmt, const char *arg)
{
	hbuf_reset(&p->msg);
	hbuf_printf(&p->msg, fmt, arg);
	return P_ERR;
}

static int failq(sp *p, const char *fmt, const hbuf *k)
{
	hbuf q = HBUF_INIT;
	hstrconv_quote(&q, k->data ? k->data : "", k->len, false);
	int r = hbuf_ok(&q) ? fail(p, fmt, hbuf_cstr(&q)) : nomem(p);
	hbuf_free(&q);
	return r;
}

/* A failed Go type assertion `x.(T)`. */
static int panic_conv(sp *p, const hv *have, const char *want)
{
	hbuf_reset(&p->msg);
	hbuf_printf(&p->msg, "interface conversion: interface {} is %s, not %s",
		    hv_is_nil(have) ? "nil" : hv_type_name(have), want);
	return P_PANIC;
}

/* ------------------------------------------------------------------ typing */

static bool fold_eq(const char *s, size_t n, const char *word)
{
	/* strings.EqualFold against an ASCII word: only 's' has a non-ASCII fold (U+017F). */
	size_t i = 0;
	for (; *word; word++) {
		if (i < n && (s[i] | 0x20) == *word &&
		    ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
			i++;
		} else if (*word == 's' && i + 1 < n && (unsigned char)s[i] == 0xC5 &&
			   (unsigned char)s[i + 1] == 0xBF) {
			i += 2;
		} else {
			return false;
		}
	}
	return i == n;
}

/* strconv.ParseInt(s, 10, 64) success. */
static bool parse_dec(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	if (n && (s[0] == '+' || s[0] == '-'))
		neg = s[0] == '-', i = 1;
	if (i == n)
		return false;
	uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (lim - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

/* typedVal */
static bool typed_val(harena *a, const char *s, size_t n, bool as_string, hv *out)
{
	int64_t i;
	if (!as_string) {
		if (fold_eq(s, n, "true") || fold_eq(s, n, "false")) {
			*out = hv_bool(s[0] == 't' || s[0] == 'T');
			return true;
		}
		if (fold_eq(s, n, "null")) {
			*out = hv_nil();
			return true;
		}
		if (n == 1 && s[0] == '0') {
			*out = hv_int64(0);
			return true;
		}
		if (n && s[0] != '0' && parse_dec(s, n, &i)) {
			*out = hv_int64(i);
			return true;
		}
	}
	return hv_string(a, s, n, out);
}

/* The parser's reader: typedVal, or the --set-file callback. */
static int read_value(sp *p, const hbuf *rs, hv *out)
{
	const char *s = rs->data ? rs->data : "";
	if (p->mode == M_FILE) {
		if (!p->rd)
			return fail(p, "%s", "no file reader");
		herr e = HTMPL_ERROR_INIT;
		if (p->rd(p->ud, p->a, s, rs->len, out, &e))
			return P_OK;
		if (e.code == HTMPL_ERR_NOMEM) {
			htmpl_error_clear(&e);
			return nomem(p);
		}
		fail(p, "%s", htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return P_ERR;
	}
	if (p->mode == M_LITERAL)
		return hv_string(p->a, s, rs->len, out) ? P_OK : nomem(p);
	return typed_val(p->a, s, rs->len, p->mode == M_STRING, out) ? P_OK : nomem(p);
}

/* ------------------------------------------------------------------ containers */

static int set_key(sp *p, hmap *data, const hbuf *k, hv v)
{
	if (!k->len)
		return P_OK;
	return hmap_set(data, k->data, k->len, v) ? P_OK : nomem(p);
}

static hv *get_key(hmap *data, const hbuf *k)
{
	return hmap_get(data, k->data ? k->data : "", k->len);
}

/* setIndex: pads with nil up to index. */
static int set_index(sp *p, hlist *l, int64_t i, hv v)
{
	if (i < 0) {
		hbuf_reset(&p->msg);
		hbuf_printf(&p->msg, "negative %lld index not allowed", (long long)i);
		return P_ERR;
	}
	if (i > HSTRVALS_MAX_INDEX) {
		hbuf_reset(&p->msg);
		hbuf_printf(&p->msg, "index of %lld is greater than maximum supported index of %d",
			    (long long)i, HSTRVALS_MAX_INDEX);
		return P_ERR;
	}
	while (l->len <= (size_t)i)
		if (!hlist_push(l, hv_nil()))
			return nomem(p);
	l->v[i] = v;
	return P_OK;
}

/* ------------------------------------------------------------------ JSON values */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

static bool json_value_end(const char *s, size_t n, size_t i, int depth, size_t *end);

static bool json_string_end(const char *s, size_t n, size_t i, size_t *end)
{
	for (i++; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"') {
			*end = i + 1;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (++i >= n)
				return false;
			if (s[i] == 'u') {
				for (int k = 0; k < 4; k++)
					if (++i >= n || !strchr("0123456789abcdefABCDEF", s[i]) ||
					    !s[i])
						return false;
			} else if (!strchr("\"\\/bfnrt", s[i]) || !s[i]) {
				return false;
			}
		}
	}
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A JSON number as Go's scanner reads it: it ends at the first byte that cannot continue it. */
static bool json_number_end(const char *s, size_t n, size_t i, size_t *end)
{
	if (s[i] == '-' && ++i >= n)
		return false;
	if (!is_digit(s[i]))
		return false;
	if (s[i] == '0')
		i++;
	else
		while (i < n && is_digit(s[i]))
			i++;
	if (i < n && s[i] == '.') {
		if (++i >= n || !is_digit(s[i]))
			return false;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit(s[i]))
			return false;
		while (i < n && is_digit(s[i]))
			i++;
	}
	*end = i;
	return true;
}

static bool json_container_end(const char *s, size_t n, size_t i, int depth, size_t *end)
{
	char close = s[i] == '{' ? '}' : ']';
	bool obj = s[i] == '{';
	i = skip_ws(s, n, i + 1);
	if (i < n && s[i] == close) {
		*end = i + 1;
		return true;
	}
	for (;;) {
		if (obj) {
			if (i >= n || s[i] != '"' || !json_string_end(s, n, i, &i))
				return false;
			i = skip_ws(s, n, i);
			if (i >= n || s[i] != ':')
				return false;
			i++;
		}
		if (!json_value_end(s, n, i, depth + 1, &i))
			return false;
		i = skip_ws(s, n, i);
		if (i < n && s[i] == close) {
			*end = i + 1;
			return true;
		}
		if (i >= n || s[i] != ',')
			return false;
		i = skip_ws(s, n, i + 1);
	}
}

/* The extent of the first JSON value at s[i:], as json.Decoder.Decode consumes it. */
static bool json_value_end(const char *s, size_t n, size_t i, int depth, size_t *end)
{
	if (depth > 10000)
		return false;
	i = skip_ws(s, n, i);
	if (i >= n)
		return false;
	switch (s[i]) {
	case '{':
	case '[':
		return json_container_end(s, n, i, depth, end);
	case '"':
		return json_string_end(s, n, i, end);
	case 't':
		*end = i + 4;
		return n - i >= 4 && !memcmp(s + i, "true", 4);
	case 'f':
		*end = i + 5;
		return n - i >= 5 && !memcmp(s + i, "false", 5);
	case 'n':
		*end = i + 4;
		return n - i >= 4 && !memcmp(s + i, "null", 4);
	default:
		return json_number_end(s, n, i, end);
	}
}

/* emptyVal: skips spaces; true at end of input or after a consumed ','. */
static bool empty_val(sp *p)
{
	int32_t r;
	while (read_rune(p, &r)) {
		if (r == ',')
			return true;
		if (!(r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 ||
		      r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 ||
		      r == 0x202f || r == 0x205f || r == 0x3000)) {
			unread_rune(p);
			return false;
		}
	}
	return true;
}

/* The JSON value after '=': nil when empty, else one decoded JSON value. */
static int json_val(sp *p, hv *out)
{
	if (empty_val(p)) {
		*out = hv_nil();
		return P_OK;
	}
	size_t end;
	if (!json_value_end(p->s, p->n, p->pos, 0, &end))
		return fail(p, "%s", "invalid JSON value");
	herr e = HTMPL_ERROR_INIT;
	bool ok = hjson_decode(p->a, p->s + p->pos, end - p->pos, out, &e);
	if (!ok) {
		fail(p, "%s", htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return P_ERR;
	}
	p->pos = end;
	empty_val(p);
	return P_OK;
}

/* ------------------------------------------------------------------ grammar */

static int key(sp *p, hmap *data, int level);

/* keyIndex: the digits up to ']' through strconv.Atoi. */
static int key_index(sp *p, int64_t *i)
{
	hbuf v = HBUF_INIT;
	int32_t last;
	int st = runes_until(p, "]", &v, &last);
	if (st == P_EOF) {
		hbuf_free(&v);
		p->wrapped_eof = true;
		return fail(p, "%s", "error parsing index: EOF");
	}
	const char *s = v.data ? v.data : "";
	if (!parse_dec(s, v.len, i)) {
		bool range = v.len > 0;
		size_t k = v.len && (s[0] == '+' || s[0] == '-');
		if (k == v.len)
			range = false;
		for (; k < v.len; k++)
			if (!is_digit(s[k]))
				range = false;
		hbuf q = HBUF_INIT;
		hstrconv_quote(&q, s, v.len, false);
		hbuf_reset(&p->msg);
		hbuf_printf(&p->msg, "error parsing index: strconv.Atoi: parsing %s: %s",
			    hbuf_cstr(&q), range ? "value out of range" : "invalid syntax");
		hbuf_free(&q);
		st = P_ERR;
	}
	hbuf_free(&v);
	return st;
}

/* valList: `{a,b}` → a list of read values; P_NOTLIST when the value does not open with '{'. */
static int val_list(sp *p, hv *out)
{
	int32_t r, last;
	if (!read_rune(p, &r))
		return P_EOF;
	if (r != '{') {
		unread_rune(p);
		return P_NOTLIST;
	}
	hlist *l = hlist_new(p->a, 0);
	if (!l)
		return nomem(p);
	*out = hv_of_list(HT_LIST, l);
	hbuf rs = HBUF_INIT;
	int st;
	for (;;) {
		hv v;
		if (runes_until(p, ",}", &rs, &last) == P_EOF) {
			st = fail(p, "%s", "list must terminate with '}'");
			break;
		}
		if (last == '}' && read_rune(p, &r) && r != ',')
			unread_rune(p);
		st = read_value(p, &rs, &v);
		if (st != P_OK || !hlist_push(l, v) || last == '}')
			break;
	}
	hbuf_free(&rs);
	return p->nomem ? P_ERR : st;
}

/* The value after '=' in the typed, string, file and literal parsers: valList, else val()
 * through the reader. P_EOF when nothing at all follows (valList's io.EOF). */
static int plain_val(sp *p, hv *out)
{
	hbuf rs = HBUF_INIT;
	int32_t r;
	if (p->mode == M_LITERAL) {
		while (read_rune(p, &r))
			put_rune(&rs, r);
	} else {
		int st = val_list(p, out);
		if (st != P_NOTLIST)
			return st;
		runes_until(p, ",", &rs, &r);
	}
	int st = read_value(p, &rs, out);
	hbuf_free(&rs);
	return st;
}

static int list_item(sp *p, hlist *l, int64_t i, int level);

/* listItem after '=': the value at index i. */
static int list_item_value(sp *p, hlist *l, int64_t i)
{
	hv v;
	int st = p->mode == M_JSON ? json_val(p, &v) : plain_val(p, &v);
	if (st == P_EOF)
		st = hv_string(p->a, "", 0, &v) ? P_OK : nomem(p);
	return st == P_OK ? set_index(p, l, i, v) : st;
}

/* listItem after '[': a nested list at index i. */
static int list_item_nested(sp *p, hlist *l, int64_t i, int level)
{
	int64_t next;
	int st = key_index(p, &next);
	if (st != P_OK)
		return st;
	hlist *cur = NULL;
	if ((int64_t)l->len > i && !hv_is_nil(&l->v[i])) {
		if (l->v[i].type != HT_LIST)
			return panic_conv(p, &l->v[i], "[]interface {}");
		cur = l->v[i].l;
	}
	if (!cur && !(cur = hlist_new(p->a, 0)))
		return nomem(p);
	if ((st = list_item(p, cur, next, level)) != P_OK)
		return st;
	return set_index(p, l, i, hv_of_list(HT_LIST, cur));
}

/* listItem after '.': a map at index i. */
static int list_item_map(sp *p, hlist *l, int64_t i, int level)
{
	hmap *inner = NULL;
	if ((int64_t)l->len > i) {
		if (l->v[i].type == HT_MAP) {
			inner = l->v[i].m;
		} else {
			/* indices out of order: Helm puts an empty map there first */
			if (!(inner = hmap_new(p->a, 0)))
				return nomem(p);
			l->v[i] = hv_of_map(HT_MAP, inner);
		}
	}
	if (!inner && !(inner = hmap_new(p->a, 0)))
		return nomem(p);
	int st = key(p, inner, level);
	if (st != P_OK)
		return st;
	return set_index(p, l, i, hv_of_map(HT_MAP, inner));
}

/* listItem: what follows `name[i]`. */
static int list_item(sp *p, hlist *l, int64_t i, int level)
{
	if (i < 0) {
		hbuf_reset(&p->msg);
		hbuf_printf(&p->msg, "negative %lld index not allowed", (long long)i);
		return P_ERR;
	}
	hbuf k = HBUF_INIT;
	int32_t last;
	int st = runes_until(p, "[.=", &k, &last);
	if (k.len > 0) {
		/* %q of a []rune prints each rune quoted: ['x' 'y'] */
		hbuf_reset(&p->msg);
		hbuf_puts(&p->msg, "unexpected data at end of array index: [");
		size_t off = 0;
		for (bool first = true; off < k.len; first = false) {
			size_t w;
			int32_t r =
			    decode_rune((const unsigned char *)k.data + off, k.len - off, &w);
			off += w;
			if (!first)
				hbuf_putc(&p->msg, ' ');
			hstrconv_quote_rune(&p->msg, r, false);
		}
		hbuf_putc(&p->msg, ']');
		hbuf_free(&k);
		return P_ERR;
	}
	hbuf_free(&k);
	if (st == P_EOF)
		return P_EOF;
	if (last == '=')
		return list_item_value(p, l, i);
	if (last == '[')
		return list_item_nested(p, l, i, level);
	return list_item_map(p, l, i, level);
}

/* key() after `name[`: the list element. */
static int key_list(sp *p, hmap *data, const hbuf *k, int level)
{
	int64_t i;
	int st = key_index(p, &i);
	if (st != P_OK)
		return st;
	hlist *l = NULL;
	hv *old = get_key(data, k);
	if (old) {
		if (old->type != HT_LIST)
			return panic_conv(p, old, "[]interface {}");
		l = old->l;
	} else if (!(l = hlist_new(p->a, 0))) {
		return nomem(p);
	}
	st = list_item(p, l, i, level);
	int s2 = set_key(p, data, k, hv_of_list(HT_LIST, l));
	return st != P_OK ? st : s2;
}

/* key() after `name.`: a nested map. */
static int key_map(sp *p, hmap *data, const hbuf *k, int level)
{
	if (++level > HSTRVALS_MAX_NESTING) {
		hbuf_reset(&p->msg);
		hbuf_printf(
		    &p->msg,
		    "value name nested level is greater than maximum supported nested level of %d",
		    HSTRVALS_MAX_NESTING);
		return P_ERR;
	}
	hmap *inner;
	hv *old = get_key(data, k);
	if (old) {
		if (old->type != HT_MAP)
			return panic_conv(p, old, "map[string]interface {}");
		inner = old->m;
	} else if (!(inner = hmap_new(p->a, 0))) {
		return nomem(p);
	}
	int st = key(p, inner, level);
	if (p->nomem)
		return P_ERR;
	if (st == P_OK && hmap_len(inner) == 0)
		return failq(p, "key map %s has no value", k);
	if (hmap_len(inner) && set_key(p, data, k, hv_of_map(HT_MAP, inner)) != P_OK)
		return P_ERR;
	return st;
}

/* key() after `name=`. */
static int key_value(sp *p, hmap *data, const hbuf *k)
{
	hv v;
	int st;
	if (p->mode == M_JSON) {
		if ((st = json_val(p, &v)) != P_OK)
			return st;
		return set_key(p, data, k, v);
	}
	st = plain_val(p, &v);
	if (st == P_EOF) {
		/* `a=` at the very end: the empty string, and the parse ends */
		if (!hv_string(p->a, "", 0, &v) || set_key(p, data, k, v) != P_OK)
			return nomem(p);
		return P_EOF;
	}
	if (st == P_ERR && p->mode == M_FILE && !p->nomem)
		set_key(p, data, k, hv_nil());
	if (st != P_OK)
		return st;
	return set_key(p, data, k, v);
}

static int key_body(sp *p, hmap *data, int level)
{
	hbuf k = HBUF_INIT;
	int32_t last;
	const char *stop = p->mode == M_LITERAL ? "=[." : "=[,.";
	int st = runes_until(p, stop, &k, &last);
	if (st == P_EOF) {
		st = k.len ? failq(p, "key %s has no value", &k) : P_EOF;
	} else if (last == '[') {
		st = key_list(p, data, &k, level);
	} else if (last == '=') {
		st = key_value(p, data, &k);
	} else if (last == ',') {
		hv e;
		if (hv_string(p->a, "", 0, &e))
			set_key(p, data, &k, e);
		st = failq(p, "key %s has no value (cannot end with ,)", &k);
	} else {
		st = key_map(p, data, &k, level);
	}
	hbuf_free(&k);
	return st;
}

/* key: Helm recovers panics here, so a failed type assertion becomes an error. */
static int key(sp *p, hmap *data, int level)
{
	int st = key_body(p, data, level);
	if (st == P_PANIC) {
		hbuf m = HBUF_INIT;
		hbuf_puts(&m, "unable to parse key: ");
		hbuf_put(&m, p->msg.data, p->msg.len);
		hbuf_free(&p->msg);
		p->msg = m;
		st = P_ERR;
	}
	return st;
}

bool hstrvals_parse(harena *a, htmpl_set_kind kind, const char *s, size_t n, hmap *dest,
		    hstrvals_reader reader, void *ud, herr *err)
{
	return hstrvals_parse_v(a, kind, s, n, dest, reader, ud, false, err);
}

bool hstrvals_parse_v(harena *a, htmpl_set_kind kind, const char *s, size_t n, hmap *dest,
                      hstrvals_reader reader, void *ud, bool helm4, herr *err)
{
	sp p = {.s = s ? s : "", .n = s ? n : 0, .a = a, .rd = reader, .ud = ud, .err = err};
	switch (kind) {
	case HTMPL_SET_STRING:
		p.mode = M_STRING;
		break;
	case HTMPL_SET_JSON:
		p.mode = M_JSON;
		break;
	case HTMPL_SET_FILE:
		p.mode = M_FILE;
		break;
	case HTMPL_SET_LITERAL:
		p.mode = M_LITERAL;
		break;
	default:
		p.mode = M_TYPED;
		break;
	}
	int st;
	do
		st = key(&p, dest, 0);
	while (st == P_OK);
	/* helm 4's parse() tests errors.Is(err, io.EOF), so a wrapped EOF ends the parse as
	 * success, keeping what was set (set/err-index-eof: `--set a[0`); helm 3 compares == */
	bool ok = st == P_EOF || (helm4 && st == P_ERR && p.wrapped_eof && !p.nomem);
	if (!ok) {
		if (p.nomem || !hbuf_ok(&p.msg))
			herr_nomem(err);
		else
			herr_setn(err, HTMPL_ERR_SET, p.msg.data ? p.msg.data : "", p.msg.len);
	}
	hbuf_free(&p.msg);
	return ok;
}
