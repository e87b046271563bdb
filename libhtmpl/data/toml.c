/* toml.c - TOML encoding as BurntSushi/toml v1.4.0's Encoder writes it (encode.go: eMap,
 * eTable, eArrayOfTables, eElement, dblQuotedReplacer, floatAddDecimal), and a decoder for
 * the TOML that charts feed to fromToml (decode.go/parse.go semantics: int64 integers,
 * float64 floats, nested tables, arrays of tables, inline tables). */
#include "data/toml.h"

#include "core/strconv.h"

#include "core/gotime.h"
#include "core/utf8.h"

#include <ctype.h>
#include <errno.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- encoding */

typedef struct tenc {
	hbuf *b;
	herr *err;
	harena *tmp;
	bool written; /* enc.hasWritten */
	int depth;
	bool v16; /* BurntSushi/toml v1.6.0 (helm 4) */
} tenc;

typedef struct tkey {
	const hstr *part[64];
	int n;
} tkey;

static void wr(tenc *t, const char *s, size_t n)
{
	hbuf_put(t->b, s, n);
	t->written = true;
}

static void wrs(tenc *t, const char *s) { wr(t, s, strlen(s)); }

static void newline(tenc *t)
{
	if (t->written)
		hbuf_putc(t->b, '\n');
}

/* dblQuotedReplacer */
static void quoted(tenc *t, const char *s, size_t n)
{
	hbuf_putc(t->b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\t' ? "\\t"
		              : c == '\n' ? "\\n" : c == '\f' ? "\\f" : c == '\r' ? "\\r" : NULL;
		if (e)
			hbuf_puts(t->b, e);
		else if (c < 0x20 || c == 0x7f)
			hbuf_printf(t->b, "\\u%04x", c);
		else
			hbuf_putc(t->b, (char)c);
	}
	hbuf_putc(t->b, '"');
	t->written = true;
}

static bool bare(const hstr *k)
{
	if (!k->len)
		return false;
	for (size_t i = 0; i < k->len; i++) {
		char c = k->data[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static void key_part(tenc *t, const hstr *k)
{
	if (!k->len)
		wrs(t, "\"\"");
	else if (bare(k))
		wr(t, k->data, k->len);
	else
		quoted(t, k->data, k->len);
}

static void key_path(tenc *t, const tkey *k)
{
	for (int i = 0; i < k->n; i++) {
		if (i)
			wrs(t, ".");
		key_part(t, k->part[i]);
	}
}

static void indent(tenc *t, const tkey *k)
{
	for (int i = 1; i < k->n; i++)
		wrs(t, "  ");
}

/* Objects are encoded through their marshal view. */
static const hv *view(tenc *t, const hv *v, hv *tmp)
{
	if (v->type != HT_OBJECT || !v->o || !v->o->cls || !v->o->cls->marshal)
		return v;
	if (!t->tmp && !(t->tmp = harena_new()))
		return v;
	return v->o->cls->marshal(v->o, t->tmp, tmp) ? tmp : v;
}

enum { TT_NONE, TT_SCALAR, TT_ARRAY, TT_HASH, TT_ARRAY_HASH };

static int ttype(tenc *t, const hv *v);

/* isTableArray: a non-empty list of maps; a nil element is an error. */
static int list_type(tenc *t, const hlist *l)
{
	if (!l || !l->len)
		return TT_ARRAY;
	bool all = true;
	for (size_t i = 0; i < l->len; i++) {
		int tt = ttype(t, &l->v[i]);
		if (tt == TT_NONE) {
			herr_set(t->err, HTMPL_ERR_EXEC, "toml: cannot encode array with nil element");
			return TT_NONE;
		}
		all = all && tt == TT_HASH;
	}
	return all ? TT_ARRAY_HASH : TT_ARRAY;
}

/* BurntSushi's isNil: nil interfaces and nil slices are left out like absent keys. */
static bool absent(const hv *v) { return hv_is_nil(v) || hv_is_nil_slice(v); }

static int ttype(tenc *t, const hv *v)
{
	hv tmp;
	v = view(t, v, &tmp);
	if (absent(v))
		return TT_NONE;
	if (hv_is_map(v) || v->type == HT_OBJECT)
		return v->m || v->type == HT_OBJECT ? TT_HASH : TT_NONE;
	if (hv_is_list(v)) /* not nil: absent() took those */
		return list_type(t, v->l);
	return TT_SCALAR;
}

static bool element(tenc *t, const hv *v);

static bool inline_map(tenc *t, hmap *m);

static bool element(tenc *t, const hv *v)
{
	hv tmp;
	v = view(t, v, &tmp);
	if (++t->depth > 1000)
		return herr_set(t->err, HTMPL_ERR_EXEC, "toml: nesting too deep");
	bool ok = true;
	switch (v->type) {
	case HT_STRING:
		quoted(t, v->s->data, v->s->len);
		break;
	case HT_BYTES: /* []uint8 is an array of integers */
		wrs(t, "[");
		for (size_t i = 0; i < v->s->len; i++) {
			if (i)
				wrs(t, ", ");
			hbuf_printf(t->b, "%u", (unsigned char)v->s->data[i]);
		}
		wrs(t, "]");
		break;
	case HT_BOOL:
		wrs(t, v->b ? "true" : "false");
		break;
	case HT_FLOAT64:
		if (isnan(v->f) || isinf(v->f)) {
			wrs(t, signbit(v->f) ? "-" : "");
			wrs(t, isnan(v->f) ? "nan" : "inf");
		} else {
			/* v1.4.0 writes %f, v1.6.0 the shortest %g (data/totoml-floats: 1e+06);
			 * floatAddDecimal adds ".0" where neither has a '.' or an exponent */
			size_t at = t->b->len;
			hstrconv_format_float(t->b, v->f, t->v16 ? 'g' : 'f', -1);
			if (t->b->data && !memchr(t->b->data + at, '.', t->b->len - at) &&
			    !memchr(t->b->data + at, 'e', t->b->len - at))
				hbuf_puts(t->b, ".0");
			t->written = true;
		}
		break;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST:
		wrs(t, "[");
		for (size_t i = 0; v->l && i < v->l->len && ok; i++) {
			if (i)
				wrs(t, ", ");
			ok = element(t, &v->l->v[i]);
		}
		wrs(t, "]");
		break;
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES:
		ok = inline_map(t, v->m);
		break;
	case HT_OBJECT:
		wrs(t, "{}");
		break;
	default:
		if (hv_is_int(v))
			hstrconv_format_int(t->b, v->i, 10);
		else if (hv_is_uint(v))
			hstrconv_format_uint(t->b, v->u, 10);
		else
			ok = herr_set(t->err, HTMPL_ERR_EXEC, "toml: unexpected type: %s", hv_type_name(v));
		t->written = true;
	}
	t->depth--;
	return ok;
}

/* Splits m's live entries (byte order) into plain values and tables, as eMap does. */
static bool split_keys(tenc *t, hmap *m, hmap_entry ***direct, size_t *nd, hmap_entry ***sub, size_t *ns)
{
	size_t n = hmap_len(m);
	hmap_entry **e = hmap_sorted(m);
	if (!t->tmp && !(t->tmp = harena_new()))
		return herr_nomem(t->err);
	*direct = harena_alloc(t->tmp, (n + 1) * sizeof **direct);
	*sub = harena_alloc(t->tmp, (n + 1) * sizeof **sub);
	if ((n && !e) || !*direct || !*sub)
		return herr_nomem(t->err);
	*nd = *ns = 0;
	for (size_t i = 0; i < n; i++) {
		int tt = ttype(t, &e[i]->val);
		if (herr_isset(t->err))
			return false;
		if (tt == TT_HASH || tt == TT_ARRAY_HASH)
			(*sub)[(*ns)++] = e[i];
		else
			(*direct)[(*nd)++] = e[i];
	}
	return true;
}

static bool inline_map(tenc *t, hmap *m)
{
	hmap_entry **d, **s;
	size_t nd, ns;
	if (!split_keys(t, m, &d, &nd, &s, &ns))
		return false;
	wrs(t, "{");
	for (int pass = 0; pass < 2; pass++) {
		hmap_entry **e = pass ? s : d;
		size_t n = pass ? ns : nd;
		bool trail = !pass && ns > 0;
		for (size_t i = 0; i < n; i++) {
			if (absent(&e[i]->val))
				continue;
			key_part(t, e[i]->key);
			wrs(t, " = ");
			if (!element(t, &e[i]->val))
				return false;
			if (trail || i != n - 1)
				wrs(t, ", ");
		}
	}
	wrs(t, "}");
	return true;
}

static bool encode(tenc *t, tkey *k, const hv *v);

static bool map_body(tenc *t, tkey *k, hmap *m)
{
	hmap_entry **d, **s;
	size_t nd, ns;
	if (!split_keys(t, m, &d, &nd, &s, &ns))
		return false;
	if (k->n >= 64)
		return herr_set(t->err, HTMPL_ERR_EXEC, "toml: nesting too deep");
	for (int pass = 0; pass < 2; pass++) {
		hmap_entry **e = pass ? s : d;
		size_t n = pass ? ns : nd;
		for (size_t i = 0; i < n; i++) {
			if (absent(&e[i]->val))
				continue;
			k->part[k->n++] = e[i]->key;
			bool ok = encode(t, k, &e[i]->val);
			k->n--;
			if (!ok)
				return false;
		}
	}
	return true;
}

static bool key_value(tenc *t, const tkey *k, const hv *v)
{
	if (k->n == 0)
		return element(t, v);
	indent(t, k);
	key_part(t, k->part[k->n - 1]);
	wrs(t, " = ");
	if (!element(t, v))
		return false;
	newline(t);
	return true;
}

static bool encode(tenc *t, tkey *k, const hv *v)
{
	hv tmp;
	v = view(t, v, &tmp);
	if (hv_is_nil(v)) /* map_body has left out nil slices; a top-level one prints [] */
		return true;
	if (hv_is_map(v)) {
		if (!v->m)
			return true;
		if (k->n == 1)
			newline(t);
		if (k->n > 0) {
			indent(t, k);
			wrs(t, "[");
			key_path(t, k);
			wrs(t, "]");
			newline(t);
		}
		return map_body(t, k, v->m);
	}
	if (hv_is_list(v) && v->l) {
		int tt = list_type(t, v->l);
		if (herr_isset(t->err))
			return false;
		if (tt == TT_ARRAY_HASH) {
			if (k->n == 0)
				return herr_set(t->err, HTMPL_ERR_EXEC, "toml: top-level values must be Go maps or structs");
			for (size_t i = 0; i < v->l->len; i++) {
				hv tmp2;
				const hv *e = view(t, &v->l->v[i], &tmp2);
				if (hv_is_nil(e) || !e->m)
					continue;
				newline(t);
				indent(t, k);
				wrs(t, "[[");
				key_path(t, k);
				wrs(t, "]]");
				newline(t);
				if (!map_body(t, k, e->m))
					return false;
			}
			return true;
		}
	}
	return key_value(t, k, v);
}

bool htoml_encode(hbuf *b, const hv *v, herr *err) { return htoml_encode_v(b, v, false, err); }

bool htoml_encode_v(hbuf *b, const hv *v, bool v16, herr *err)
{
	tenc t = {.b = b, .err = err, .v16 = v16};
	tkey k = {.n = 0};
	size_t at = b->len;
	bool ok = encode(&t, &k, v);
	harena_free(t.tmp);
	if (ok && !hbuf_ok(b))
		ok = herr_nomem(err);
	if (!ok)
		b->len = at;
	return ok;
}

/* ---------------------------------------------------------------- decoding */

typedef struct tdec {
	harena *a;
	const char *s;
	size_t n, i;
	int line, depth;
	bool v16;     /* v1.6.0 (helm 4): the right line at EOF, "hexadecimal" */
	herr *err;
	hbuf tmp;
	hbuf lastkey; /* BurntSushi's "last key": the key whose value is being read */
	bool in_value;
	hbuf path;    /* the current table's dotted name */
	const hmap **tables; /* tables defined by a [header] (kind 1) or implied by a dotted key (2) */
	uint8_t *kinds;
	size_t ntables, captables;
} tdec;

enum { TK_HEADER = 1, TK_DOTTED = 2 };

static int table_kind(const tdec *d, const hmap *m)
{
	for (size_t i = 0; i < d->ntables; i++)
		if (d->tables[i] == m)
			return d->kinds[i];
	return 0;
}

static bool mark_table(tdec *d, const hmap *m, int kind)
{
	if (d->ntables == d->captables) {
		size_t cap = d->captables ? d->captables * 2 : 16;
		const hmap **t = harena_alloc(d->a, cap * sizeof *t);
		uint8_t *k = harena_alloc(d->a, cap);
		if (!t || !k)
			return herr_nomem(d->err);
		if (d->ntables) {
			memcpy(t, d->tables, d->ntables * sizeof *t);
			memcpy(k, d->kinds, d->ntables);
		}
		d->tables = t, d->kinds = k, d->captables = cap;
	}
	d->tables[d->ntables] = m;
	d->kinds[d->ntables++] = (uint8_t)kind;
	return true;
}

static int tpeek(tdec *d) { return d->i < d->n ? (unsigned char)d->s[d->i] : -1; }

/* ParseError.Error(): `toml: line N (last key "a.b"): msg`. Lexer errors met at the end of
 * the input report the line before (BurntSushi's EOF position), so `a = ` says line 0. */
static bool terr_line(tdec *d, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (d->in_value && d->lastkey.len)
		return herr_set(d->err, HTMPL_ERR_EXEC, "toml: line %d (last key \"%.*s\"): %s", line,
		                (int)d->lastkey.len, d->lastkey.data, msg);
	return herr_set(d->err, HTMPL_ERR_EXEC, "toml: line %d: %s", line, msg);
}

#define terr(d, ...) terr_line(d, (d)->line, __VA_ARGS__)
#define terr_eof(d, ...) terr_line(d, (d)->line - !(d)->v16, __VA_ARGS__)

/* Go's %q of one rune, as the lexer's "but got %q" messages print it. */
static const char *qrune(tdec *d, char *buf, size_t n)
{
	int c = d->i < d->n ? (unsigned char)d->s[d->i] : -1;
	if (c == '\n')
		return "'\\n'";
	if (c == '\r')
		return "'\\r'";
	if (c == '\t')
		return "'\\t'";
	if (c == '\'')
		return "'\\''";
	if (c >= 0x20 && c < 0x7f) {
		snprintf(buf, n, "'%c'", c);
		return buf;
	}
	if (c < 0x80) {
		snprintf(buf, n, "'\\x%02x'", c);
		return buf;
	}
	int32_t r;
	size_t w = hutf8_decode(d->s + d->i, d->n - d->i, &r);
	snprintf(buf, n, "'%.*s'", (int)w, d->s + d->i);
	return buf;
}

static void skip_blank(tdec *d)
{
	while (tpeek(d) == ' ' || tpeek(d) == '\t')
		d->i++;
}

/* Whitespace, newlines and comments (inside arrays). */
static void skip_all(tdec *d)
{
	for (;;) {
		int c = tpeek(d);
		if (c == ' ' || c == '\t' || c == '\r')
			d->i++;
		else if (c == '\n')
			d->i++, d->line++;
		else if (c == '#')
			while (tpeek(d) != -1 && tpeek(d) != '\n')
				d->i++;
		else
			return;
	}
}

static bool bare_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool put_rune(hbuf *b, uint32_t r)
{
	char u[4];
	int n;
	if (r < 0x80)
		u[0] = (char)r, n = 1;
	else if (r < 0x800)
		u[0] = (char)(0xC0 | r >> 6), u[1] = (char)(0x80 | (r & 63)), n = 2;
	else if (r < 0x10000)
		u[0] = (char)(0xE0 | r >> 12), u[1] = (char)(0x80 | (r >> 6 & 63)), u[2] = (char)(0x80 | (r & 63)), n = 3;
	else
		u[0] = (char)(0xF0 | r >> 18), u[1] = (char)(0x80 | (r >> 12 & 63)), u[2] = (char)(0x80 | (r >> 6 & 63)),
		u[3] = (char)(0x80 | (r & 63)), n = 4;
	hbuf_put(b, u, (size_t)n);
	return true;
}

/* Basic ("...", """...""") and literal ('...', '''...''') strings into d->tmp. */
static bool tstring(tdec *d)
{
	char q = d->s[d->i];
	bool multi = d->i + 2 < d->n && d->s[d->i + 1] == q && d->s[d->i + 2] == q;
	hbuf *b = &d->tmp;
	hbuf_reset(b);
	d->i += multi ? 3 : 1;
	if (multi && tpeek(d) == '\n')
		d->i++, d->line++;
	else if (multi && tpeek(d) == '\r' && d->i + 1 < d->n && d->s[d->i + 1] == '\n')
		d->i += 2, d->line++;
	for (;;) {
		int c = tpeek(d);
		if (c == -1)
			return terr_eof(d, q == '"' ? (multi ? "unexpected EOF; expected '\"\"\"'" : "unexpected EOF; expected '\"'")
			                            : (multi ? "unexpected EOF; expected \"'''\"" : "unexpected EOF; expected \"'\""));
		if (c == '\n' && !multi)
			return terr(d, "strings cannot contain newlines");
		if (c == q && (!multi || (d->i + 2 < d->n && d->s[d->i + 1] == q && d->s[d->i + 2] == q))) {
			d->i += multi ? 3 : 1;
			while (multi && tpeek(d) == q && b->len < SIZE_MAX) /* up to two quotes may close */
				hbuf_putc(b, q), d->i++;
			return true;
		}
		if (c == '\n')
			d->line++;
		if (c == '\\' && q == '"') {
			d->i++;
			int e = tpeek(d);
			const char *from = "btnfr\"\\", *to = "\b\t\n\f\r\"\\";
			const char *p = e > 0 ? strchr(from, e) : NULL;
			if (p && e) {
				hbuf_putc(b, to[p - from]);
				d->i++;
			} else if (e == 'e' && d->v16) { /* TOML 1.1 */
				hbuf_putc(b, 0x1b);
				d->i++;
			} else if (e == 'x' && d->v16) {
				uint32_t r = 0;
				d->i++;
				for (int k = 0; k < 2; k++, d->i++) {
					int h = tpeek(d);
					int v = h >= '0' && h <= '9' ? h - '0' : (h | 32) >= 'a' && (h | 32) <= 'f' ? (h | 32) - 'a' + 10 : -1;
					if (v < 0) { /* lexHexEscape: %q of the token so far */
						hbuf qb = HBUF_INIT;
						hstrconv_quote(&qb, d->s + d->i - k - 2, (size_t)(k + 2 + (h >= 0)), false);
						bool r2 = terr(d, "expected two hexadecimal digits after '\\x', but got %s instead",
						               hbuf_cstr(&qb));
						hbuf_free(&qb);
						return r2;
					}
					r = r * 16 + (uint32_t)v;
				}
				put_rune(b, r);
			} else if (e == 'u' || e == 'U') {
				int len = e == 'u' ? 4 : 8;
				uint32_t r = 0;
				d->i++;
				for (int k = 0; k < len; k++, d->i++) {
					int h = tpeek(d);
					int v = h >= '0' && h <= '9' ? h - '0' : (h | 32) >= 'a' && (h | 32) <= 'f' ? (h | 32) - 'a' + 10 : -1;
					if (v < 0)
						return terr(d, "expected %s hexadecimal digits after '\\%c', but got \"%.*s\" instead",
						            len == 4 ? "four" : "eight", len == 4 ? 'u' : 'U', k + 2 + (h >= 0),
						            d->s + d->i - k - 2);
					r = r * 16 + (uint32_t)v;
				}
				put_rune(b, r);
			} else if (multi && (e == '\n' || e == ' ' || e == '\t' || e == '\r')) {
				while (tpeek(d) == ' ' || tpeek(d) == '\t' || tpeek(d) == '\n' || tpeek(d) == '\r')
					d->line += tpeek(d) == '\n', d->i++;
			} else {
				return terr(d, "invalid escape in string '\\%c'", e < 0 ? ' ' : e);
			}
			continue;
		}
		hbuf_putc(b, (char)c);
		d->i++;
	}
}

/* The lexer's lexKeyEnd: after a key comes '=' (or '.' for the next part). */
static bool key_separator(tdec *d)
{
	if (tpeek(d) == '=')
		return true;
	if (tpeek(d) == -1)
		return terr_eof(d, "unexpected EOF; expected key separator '='");
	char q[16];
	/* v1.4.0 reports a newline on the line after it, v1.6.0 on its own (errorPrevLine) */
	return terr_line(d, d->line + (tpeek(d) == '\n' && !d->v16),
	                 "expected '.' or '=', but got %s instead", qrune(d, q, sizeof q));
}

/* lastkey = prefix (the table, or the outer key of an inline table) + the key's parts. */
static void set_lastkey(tdec *d, const hbuf *prefix, hstr **parts, int np)
{
	size_t plen = prefix->len;
	if (prefix != &d->lastkey) {
		hbuf_reset(&d->lastkey);
		hbuf_put(&d->lastkey, prefix->data, plen);
	}
	d->lastkey.len = plen;
	for (int k = 0; k < np; k++) {
		if (d->lastkey.len)
			hbuf_putc(&d->lastkey, '.');
		hbuf_put(&d->lastkey, parts[k]->data, parts[k]->len);
	}
}

static bool tkey_part(tdec *d, hstr **out)
{
	skip_blank(d);
	int c = tpeek(d);
	if (c == '"' || c == '\'') {
		if (!tstring(d))
			return false;
		*out = hstr_new(d->a, d->tmp.data ? d->tmp.data : "", d->tmp.len);
	} else {
		size_t at = d->i;
		while (bare_char(tpeek(d)))
			d->i++;
		if (d->i == at && (tpeek(d) == '=' || tpeek(d) == -1))
			return terr(d, "unexpected '=': key name appears blank");
		if (d->i == at && tpeek(d) == '.')
			return terr(d, "unexpected '.': keys cannot start with a '.'");
		if (d->i == at) {
			char q[16];
			return terr(d, "expected '.' or '=', but got %s instead", qrune(d, q, sizeof q));
		}
		*out = hstr_new(d->a, d->s + at, d->i - at);
	}
	skip_blank(d);
	return *out || herr_nomem(d->err);
}

/* Dotted key: returns its parts. */
static bool tkeys(tdec *d, hstr **parts, int *np)
{
	*np = 0;
	do {
		if (*np > 0)
			d->i++;
		if (*np >= 64)
			return terr(d, "key too long");
		if (!tkey_part(d, &parts[(*np)++]))
			return false;
	} while (tpeek(d) == '.');
	return true;
}

/* The table at key in m, created when absent; for an array of tables its last element. */
static bool descend(tdec *d, hmap *m, hstr *key, hmap **out, bool dotted)
{
	hv *v = hmap_get(m, key->data, key->len);
	if (!v) {
		hmap *t = hmap_new(d->a, 0);
		if (!t || !hmap_set_str(m, key, hv_of_map(HT_MAP, t)))
			return herr_nomem(d->err);
		*out = t;
		return !dotted || mark_table(d, t, TK_DOTTED);
	}
	if (v->type == HT_MAP) {
		*out = v->m;
		return true;
	}
	if (v->type == HT_LIST && v->l->len && v->l->v[v->l->len - 1].type == HT_MAP) {
		*out = v->l->v[v->l->len - 1].m;
		return true;
	}
	return terr(d, "Key '%.*s' was already created as a hash.", (int)(key->len > 100 ? 100 : key->len), key->data);
}

static bool tvalue(tdec *d, hv *out);

/* ---- date-times: BurntSushi returns time.Time; local kinds get the fixed zones it names
 * "datetime-local", "date-local" and "time-local" (decode.go / parse.go dtTypes). */

static void time_format(const hobj *o, hbuf *b) { hgotime_string(b, o->data); }

static bool time_marshal(const hobj *o, harena *a, hv *out)
{
	static const char rfc3339nano[] = "2006-01-02T15:04:05.999999999Z07:00";
	hbuf b = HBUF_INIT;
	hgotime_format(&b, o->data, rfc3339nano, sizeof rfc3339nano - 1);
	bool ok = hbuf_ok(&b) && hv_string(a, b.len ? b.data : "", b.len, out);
	hbuf_free(&b);
	return ok;
}

static bool time_nofield(const hobj *o, const char *name, size_t len, hv *out)
{
	(void)o, (void)name, (void)len, (void)out;
	return false;
}

/* Printing, typeOf and JSON only: Sprig's date functions and methods are fn_date.c's. */
static const hobj_class toml_time_class = {
	.type_name = "time.Time",
	.kind = HK_STRUCT,
	.field = time_nofield,
	.format = time_format,
	.marshal = time_marshal,
};

static int digits(const char *s, size_t n, size_t at, size_t k)
{
	int v = 0;
	if (at + k > n)
		return -1;
	for (size_t i = at; i < at + k; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool days_ok(int y, int m, int d)
{
	static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1 || d > dm[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m != 2 || d < 29 || leap;
}

/* HH:MM:SS[.frac] at s[*i]; v1.6.0 (TOML 1.1) also takes HH:MM. */
static bool parse_clock(const char *s, size_t n, size_t *i, int *h, int *mi, int *se, int *ns,
                        bool v16)
{
	if (v16 && (*i + 5 >= n || s[*i + 5] != ':')) {
		*h = digits(s, n, *i, 2), *mi = digits(s, n, *i + 3, 2), *se = 0, *ns = 0;
		if (*h < 0 || *mi < 0 || s[*i + 2] != ':' || *h > 23 || *mi > 59)
			return false;
		*i += 5;
		return true;
	}
	*h = digits(s, n, *i, 2), *mi = digits(s, n, *i + 3, 2), *se = digits(s, n, *i + 6, 2);
	if (*h < 0 || *mi < 0 || *se < 0 || s[*i + 2] != ':' || s[*i + 5] != ':' || *h > 23 || *mi > 59 || *se > 59)
		return false;
	*i += 8;
	*ns = 0;
	if (*i < n && s[*i] == '.') {
		int k = 0;
		for ((*i)++; *i < n && s[*i] >= '0' && s[*i] <= '9'; (*i)++, k++)
			if (k < 9)
				*ns = *ns * 10 + (s[*i] - '0');
		if (!k)
			return false;
		for (; k < 9; k++)
			*ns *= 10;
	}
	return true;
}

static bool tdatetime(tdec *d, const char *s, size_t n, hv *out)
{
	int y = 0, mo = 1, da = 1, h = 0, mi = 0, se = 0, ns = 0;
	size_t i = 0;
	const char *zone = NULL;
	int32_t off = 0;
	bool date = n >= 10 && s[4] == '-';
	if (date) {
		y = digits(s, n, 0, 4), mo = digits(s, n, 5, 2), da = digits(s, n, 8, 2);
		if (y < 0 || mo < 0 || da < 0 || s[7] != '-' || !days_ok(y, mo, da))
			goto bad;
		i = 10;
		zone = "date-local";
	}
	if (!date || (i < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' '))) {
		i += date;
		if (!parse_clock(s, n, &i, &h, &mi, &se, &ns, d->v16))
			goto bad;
		zone = date ? "datetime-local" : "time-local";
		if (date && i < n && (s[i] == 'Z' || s[i] == 'z')) {
			zone = NULL, i++;
		} else if (date && i < n && (s[i] == '+' || s[i] == '-')) {
			int oh = digits(s, n, i + 1, 2), om = digits(s, n, i + 4, 2);
			if (oh < 0 || om < 0 || s[i + 3] != ':' || oh > 23 || om > 59)
				goto bad;
			off = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
			zone = "", i += 6;
		}
	}
	if (i != n)
		goto bad;
	const hgotime_loc *loc = !zone ? hgotime_utc() : hgotime_fixed(d->a, zone, strlen(zone), off);
	hgotime_time *t = harena_alloc(d->a, sizeof *t);
	hobj *o = harena_alloc(d->a, sizeof *o);
	if (!loc || !t || !o)
		return herr_nomem(d->err);
	if (zone && !*zone && off == 0)
		loc = hgotime_utc(); /* Go's Parse: a zero offset in UTC's place is UTC */
	*t = hgotime_date(y, mo, da, h, mi, se, ns, loc);
	o->cls = &toml_time_class, o->data = t;
	*out = (hv){.type = HT_OBJECT, .o = o};
	return true;
bad:
	return terr(d, "invalid datetime: \"%.*s\"", (int)n, s);
}

/* ---- numbers (lexer states lexNumberOrDate & co., then parser.go's checks) */

static bool underscores_ok(const char *s, size_t n, bool hex)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '_')
			continue;
		bool l = i > 0 && (hex ? isxdigit((unsigned char)s[i - 1]) : isdigit((unsigned char)s[i - 1]));
		bool r = i + 1 < n && (hex ? isxdigit((unsigned char)s[i + 1]) : isdigit((unsigned char)s[i + 1]));
		if (!l || !r)
			return false;
	}
	return true;
}

static bool tint(tdec *d, const char *s, size_t n, hv *out)
{
	bool based = n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b');
	if (based) {
		static const char *const what[] = {"a hexidecimal", "an octal", "a binary"};
		int w = s[1] == 'x' ? 0 : s[1] == 'o' ? 1 : 2;
		const char *name = w == 0 && d->v16 ? "a hexadecimal" : what[w];
		char c = s[2];
		bool ok = w == 0 ? isxdigit((unsigned char)c) : w == 1 ? (c >= '0' && c <= '7') : (c == '0' || c == '1');
		if (!ok)
			return terr(d, "not %s number: '0%c%c'", name, s[1], c);
	}
	if (!underscores_ok(s, n, based && s[1] == 'x'))
		return terr(d, "Invalid integer \"%.*s\": underscores must be surrounded by digits", (int)n, s);
	size_t sign = s[0] == '+' || s[0] == '-';
	if (!based && n > sign + 1 && s[sign] == '0')
		return terr(d, "Invalid integer \"%.*s\": cannot have leading zeroes", (int)n, s);
	char buf[80];
	size_t k = 0;
	for (size_t i = based ? 2 : 0; i < n && k < sizeof buf - 1; i++)
		if (s[i] != '_')
			buf[k++] = s[i];
	int64_t v;
	int base = !based ? 10 : s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
	int e = hstrconv_parse_int(buf, k, base, &v);
	if (e == ERANGE)
		return terr(d, "%.*s is out of range for int64", (int)n, s);
	if (e != 0)
		return terr(d, "Invalid integer \"%.*s\"", (int)n, s);
	*out = hv_int64(v);
	return true;
}

static bool tfloat(tdec *d, const char *s, size_t n, hv *out)
{
	const char *dot = memchr(s, '.', n);
	if (dot && (dot + 1 == s + n || !isdigit((unsigned char)dot[1])))
		return terr(d, "Invalid float \"%.*s\": '.' must be followed by one or more digits", (int)n, s);
	if (!underscores_ok(s, n, false))
		return terr(d, "Invalid float \"%.*s\": underscores must be surrounded by digits", (int)n, s);
	char buf[80];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof buf - 1; i++)
		if (s[i] != '_')
			buf[k++] = s[i];
	double f;
	if (hstrconv_parse_float(buf, k, &f) != 0)
		return terr(d, "Invalid float value: \"%.*s\"", (int)n, s);
	*out = hv_float(f);
	return true;
}

/* A word value: true, false, inf, nan. */
static bool tword(tdec *d, hv *out)
{
	size_t at = d->i;
	while (d->i < d->n && isalpha((unsigned char)d->s[d->i]))
		d->i++;
	const char *s = d->s + at;
	size_t n = d->i - at;
	if ((n == 4 && !memcmp(s, "true", 4)) || (n == 5 && !memcmp(s, "false", 5))) {
		*out = hv_bool(n == 4);
		return true;
	}
	if (n == 3 && (!memcmp(s, "inf", 3) || !memcmp(s, "nan", 3))) {
		*out = hv_float(s[0] == 'i' ? INFINITY : NAN);
		return true;
	}
	return terr(d, "expected value but found \"%.*s\" instead", (int)n, s);
}

static bool tnumber(tdec *d, hv *out)
{
	int c = tpeek(d);
	if (c == -1)
		return terr_eof(d, "unexpected EOF; expected value");
	if (c == '.')
		return terr(d, "floats must start with a digit, not '.'");
	if (c < 0x80 && isalpha(c))
		return tword(d, out);
	if (!(c == '+' || c == '-' || isdigit(c))) {
		char q[16];
		return terr_line(d, d->line + (c == '\n' && !d->v16),
		                 "expected value but found %s instead", qrune(d, q, sizeof q));
	}
	size_t at = d->i;
	for (;;) {
		c = tpeek(d);
		if (bare_char(c) || c == '.' || c == ':' || c == '+')
			d->i++;
		else if (c == ' ' && d->i - at == 10 && d->i + 1 < d->n && d->s[d->i + 1] >= '0' && d->s[d->i + 1] <= '9')
			d->i++; /* "1979-05-27 07:32:00" */
		else
			break;
	}
	const char *s = d->s + at;
	size_t n = d->i - at;
	size_t off = (s[0] == '+' || s[0] == '-');
	if (n - off == 3 && (!memcmp(s + off, "inf", 3) || !memcmp(s + off, "nan", 3))) {
		double f = s[off] == 'i' ? INFINITY : NAN;
		*out = hv_float(s[0] == '-' ? -f : f);
		return true;
	}
	if (!off && ((n >= 10 && s[4] == '-') || (n >= 3 && s[2] == ':')))
		return tdatetime(d, s, n, out);
	bool based = n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b');
	/* The input is not NUL-terminated: search only the token. */
	bool floaty = memchr(s, '.', n) || memchr(s, 'e', n) || memchr(s, 'E', n);
	if (!based && floaty)
		return tfloat(d, s, n, out);
	return tint(d, s, n, out);
}

static bool tarray(tdec *d, hv *out)
{
	hlist *l = hlist_new(d->a, 0);
	if (!l)
		return herr_nomem(d->err);
	*out = hv_of_list(HT_LIST, l);
	d->i++;
	for (;;) {
		skip_all(d);
		if (tpeek(d) == ']')
			break;
		hv v;
		if (!tvalue(d, &v))
			return false;
		if (!hlist_push(l, v))
			return herr_nomem(d->err);
		skip_all(d);
		if (tpeek(d) == ',') {
			d->i++;
			continue;
		}
		if (tpeek(d) == -1)
			return terr_eof(d, "expected a comma (',') or array terminator (']'), but got end of file");
		if (tpeek(d) != ']')
			return terr(d, "expected a comma (',') or array terminator (']'), but got '%.*s'",
			            (int)hutf8_decode(d->s + d->i, d->n - d->i, &(int32_t){0}), d->s + d->i);
	}
	d->i++;
	return true;
}

static bool set_dotted(tdec *d, hmap *m, hstr **parts, int np, hv v)
{
	for (int k = 0; k + 1 < np; k++)
		if (!descend(d, m, parts[k], &m, true))
			return false;
	hstr *last = parts[np - 1];
	hv *old = hmap_get(m, last->data, last->len);
	/* BurntSushi v1.4.0 lets `a = 2` replace a table that `a.b = 1` implied (case
	 * data/fromtoml-err-dotted-redefine). */
	if (old && !(old->type == HT_MAP && table_kind(d, old->m) == TK_DOTTED))
		return terr(d, "Key '%.*s' has already been defined.", (int)(d->lastkey.len > 200 ? 200 : d->lastkey.len),
		            d->lastkey.data ? d->lastkey.data : "");
	return hmap_set_str(m, last, v) || herr_nomem(d->err);
}

/* Blanks inside an inline table; a newline (after an optional comment) is TOML 1.1: v1.6.0
 * skips it, v1.4.0 refuses it (lexInlineTableValue: errorPrevLine, the newline's line). */
static bool inline_gap(tdec *d)
{
	for (;;) {
		skip_blank(d);
		if (tpeek(d) == '#')
			while (tpeek(d) != -1 && tpeek(d) != '\n')
				d->i++;
		bool crlf = tpeek(d) == '\r' && d->i + 1 < d->n && d->s[d->i + 1] == '\n';
		if (tpeek(d) != '\n' && !crlf)
			return true;
		if (!d->v16)
			return terr(d, "newlines not allowed within inline tables");
		d->i += crlf ? 2 : 1;
		d->line++;
	}
}

static bool tinline(tdec *d, hv *out)
{
	hmap *m = hmap_new(d->a, 0);
	if (!m)
		return herr_nomem(d->err);
	*out = hv_of_map(HT_MAP, m);
	d->i++;
	if (!inline_gap(d))
		return false;
	if (tpeek(d) == '}')
		return d->i++, true;
	size_t outer = d->lastkey.len; /* the key holding this table */
	for (;;) {
		hstr *parts[64];
		int np;
		hv v;
		if (!tkeys(d, parts, &np) || !key_separator(d))
			return false;
		d->i++;
		skip_blank(d);
		d->lastkey.len = outer;
		set_lastkey(d, &d->lastkey, parts, np);
		if (!tvalue(d, &v) || !set_dotted(d, m, parts, np, v) || !inline_gap(d))
			return false;
		if (tpeek(d) == ',') {
			d->i++;
			skip_blank(d);
			if (tpeek(d) == '}' && !d->v16)
				return terr(d, "trailing comma not allowed in inline tables");
			if (!inline_gap(d))
				return false;
			if (tpeek(d) == '}') { /* TOML 1.1's trailing comma */
				d->i++;
				d->lastkey.len = outer;
				return true;
			}
			continue;
		}
		if (tpeek(d) == -1)
			return terr_eof(d, "expected a comma or an inline table terminator '}', but got end of file instead");
		if (tpeek(d) != '}')
			return terr(d, "expected a comma or an inline table terminator '}', but got '%.*s' instead",
			            (int)hutf8_decode(d->s + d->i, d->n - d->i, &(int32_t){0}), d->s + d->i);
		d->i++;
		d->lastkey.len = outer;
		return true;
	}
}

static bool tvalue(tdec *d, hv *out)
{
	if (++d->depth > 500)
		return terr(d, "nesting too deep");
	int c = tpeek(d);
	bool ok;
	if (c == '"' || c == '\'') {
		ok = tstring(d) && (hv_string(d->a, d->tmp.data ? d->tmp.data : "", d->tmp.len, out) || herr_nomem(d->err));
	} else if (c == '[') {
		ok = tarray(d, out);
	} else if (c == '{') {
		ok = tinline(d, out);
	} else {
		ok = tnumber(d, out);
	}
	d->depth--;
	return ok;
}

/* [a.b] or [[a.b]]: the table that following keys fill. */
static bool theader(tdec *d, hmap *root, hmap **cur)
{
	bool arr = d->i + 1 < d->n && d->s[d->i + 1] == '[';
	d->i += arr ? 2 : 1;
	hstr *parts[64];
	int np;
	if (!tkeys(d, parts, &np))
		return false;
	if (tpeek(d) != ']') {
		char q[16];
		const char *got = qrune(d, q, sizeof q);
		return terr_line(d, d->line + (tpeek(d) == '\n'), "expected '.' or ']' to end table name, but got %s instead", got);
	}
	if (arr && (d->i + 1 >= d->n || d->s[d->i + 1] != ']'))
		return terr(d, "expected ']]' to end an array table name");
	d->i += arr ? 2 : 1;
	hbuf_reset(&d->path);
	for (int k = 0; k < np; k++) {
		if (k)
			hbuf_putc(&d->path, '.');
		hbuf_put(&d->path, parts[k]->data, parts[k]->len);
	}
	hmap *m = root;
	for (int k = 0; k + 1 < np; k++)
		if (!descend(d, m, parts[k], &m, false))
			return false;
	hstr *last = parts[np - 1];
	hv *v = hmap_get(m, last->data, last->len);
	hmap *t = hmap_new(d->a, 0);
	if (!t)
		return herr_nomem(d->err);
	if (!arr) {
		if (v && (v->type != HT_MAP || table_kind(d, v->m) == TK_HEADER))
			return terr(d, "Key '%.*s' has already been defined.", (int)d->path.len, d->path.data);
		if (v)
			t = v->m;
		else if (!hmap_set_str(m, last, hv_of_map(HT_MAP, t)))
			return herr_nomem(d->err);
		if (!mark_table(d, t, TK_HEADER))
			return false;
	} else {
		if (v && v->type != HT_LIST)
			return terr(d, "Key '%.*s' was already created and cannot be used as an array.", (int)d->path.len,
			            d->path.data);
		if (v && !(v->l && v->l->len && v->l->v[v->l->len - 1].type == HT_MAP &&
		           table_kind(d, v->l->v[v->l->len - 1].m) == TK_HEADER))
			return terr(d, "Key '%.*s' was already created and cannot be used as an array.", (int)d->path.len,
			            d->path.data);
		if (!v) {
			hlist *l = hlist_new(d->a, 1);
			if (!l || !hmap_set_str(m, last, hv_of_list(HT_LIST, l)))
				return herr_nomem(d->err);
			v = hmap_get(m, last->data, last->len);
		}
		if (!hlist_push(v->l, hv_of_map(HT_MAP, t)) || !mark_table(d, t, TK_HEADER))
			return herr_nomem(d->err);
	}
	*cur = t;
	return true;
}

static bool end_of_line(tdec *d)
{
	skip_blank(d);
	if (tpeek(d) == '#')
		while (tpeek(d) != -1 && tpeek(d) != '\n')
			d->i++;
	if (tpeek(d) == '\r')
		d->i++;
	if (tpeek(d) == -1)
		return true;
	if (tpeek(d) != '\n') {
		char q[16];
		return terr(d, "expected a top-level item to end with a newline, comment, or EOF, but got %s instead",
		            qrune(d, q, sizeof q));
	}
	d->i++, d->line++;
	return true;
}

bool htoml_decode(harena *a, const char *text, size_t len, hv *out, herr *err)
{
	return htoml_decode_v(a, text, len, false, out, err);
}

bool htoml_decode_v(harena *a, const char *text, size_t len, bool v16, hv *out, herr *err)
{
	tdec d = {.a = a, .s = text, .n = len, .line = 1, .v16 = v16, .err = err};
	hmap *root = hmap_new(a, 0), *cur = root;
	if (!root)
		return herr_nomem(err);
	*out = hv_of_map(HT_MAP, root);
	bool ok = true;
	while (ok) {
		skip_blank(&d);
		int c = tpeek(&d);
		if (c == -1)
			break;
		if (c == '\n' || c == '\r' || c == '#') {
			ok = end_of_line(&d);
			continue;
		}
		if (c == '[') {
			hbuf_reset(&d.lastkey);
			ok = theader(&d, root, &cur) && end_of_line(&d);
			continue;
		}
		hstr *parts[64];
		int np;
		hv v;
		ok = tkeys(&d, parts, &np) && key_separator(&d);
		if (ok) {
			d.i++;
			skip_blank(&d);
			set_lastkey(&d, &d.path, parts, np);
			d.in_value = true;
			ok = tvalue(&d, &v) && set_dotted(&d, cur, parts, np, v);
			d.in_value = false;
			ok = ok && end_of_line(&d);
		}
	}
	hbuf_free(&d.tmp);
	hbuf_free(&d.lastkey);
	hbuf_free(&d.path);
	if (!ok) {
		hmap *m = hmap_new(a, 0); /* fromToml's map holds only the error */
		if (m)
			*out = hv_of_map(HT_MAP, m);
	}
	return ok;
}
