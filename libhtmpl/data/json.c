/* json.c - Go's encoding/json over htmpl values, as Helm's and Sprig's toJson/fromJson use it.
 *
 * Encoding (encode.go): map keys sorted bytewise; strings escaped as encodeState.string does
 * (`<` `>` `&` as \u003c \u003e \u0026 unless HJSON_RAW, U+2028/U+2029 escaped, \b \f \n \r \t
 * short forms (Go >= 1.22), other controls \u00XX, each invalid UTF-8 byte \ufffd); float64 in
 * 'f' form unless |x| < 1e-6 or |x| >= 1e21, then 'e' with `e-07` trimmed to `e-7`; NaN/Inf
 * and complex numbers fail (`json: unsupported value: NaN`, `json: unsupported type:
 * complex128`); []byte as base64; nil slices and maps as null; objects through their class's
 * marshal view. HJSON_PRETTY is MarshalIndent(v, "", "  ").
 *
 * Decoding (scanner.go, decode.go): Unmarshal into interface{}: the whole text is checked
 * first, so syntax errors carry Go's texts (`invalid character 'x' looking for beginning of
 * value`, `unexpected end of JSON input`); numbers are float64, duplicate keys keep the last. */
#include "data/json.h"

#include "core/codec.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 1000 /* encoding/json starts cycle detection here */

typedef struct jenc {
	hbuf *b;
	unsigned flags;
	harena *tmp; /* object marshal views, created on first use */
	herr *err;
	int depth;
} jenc;

static const char hexd[] = "0123456789abcdef";

/* encodeState.string */
static void put_string(hbuf *b, const char *s, size_t n, bool html)
{
	hbuf_putc(b, '"');
	size_t start = 0, i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			bool safe = c >= 0x20 && c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&'));
			if (safe) {
				i++;
				continue;
			}
			hbuf_put(b, s + start, i - start);
			const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
			                : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
			                : c == '\t' ? "\\t" : NULL;
			if (esc) {
				hbuf_puts(b, esc);
			} else {
				hbuf_puts(b, "\\u00");
				hbuf_putc(b, hexd[c >> 4]);
				hbuf_putc(b, hexd[c & 15]);
			}
			start = ++i;
			continue;
		}
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		if ((r == HUTF8_ERROR && w == 1) || r == 0x2028 || r == 0x2029) {
			hbuf_put(b, s + start, i - start);
			hbuf_puts(b, r == 0x2028 ? "\\u2028" : r == 0x2029 ? "\\u2029" : "\\ufffd");
			start = i + w;
		}
		i += w;
	}
	hbuf_put(b, s + start, n - start);
	hbuf_putc(b, '"');
}

/* floatEncoder.encode for 64-bit floats. */
static bool put_float(jenc *j, double f)
{
	if (isnan(f) || isinf(f))
		return herr_set(j->err, HTMPL_ERR_EXEC, "json: unsupported value: %s",
		                isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
	double a = fabs(f);
	char fmt = a != 0 && (a < 1e-6 || a >= 1e21) ? 'e' : 'f';
	size_t at = j->b->len;
	hstrconv_format_float(j->b, f, fmt, -1);
	size_t n = j->b->len - at;
	char *p = j->b->data ? j->b->data + at : NULL;
	if (fmt == 'e' && p && n >= 4 && p[n - 4] == 'e' && p[n - 3] == '-' && p[n - 2] == '0') {
		p[n - 2] = p[n - 1];
		j->b->len--;
		j->b->data[j->b->len] = 0;
	}
	return true;
}

static void put_base64(hbuf *b, const char *s, size_t n)
{
	hbuf_putc(b, '"');
	hcodec_b64_encode(b, s, n);
	hbuf_putc(b, '"');
}

static void newline(jenc *j)
{
	if (!(j->flags & HJSON_PRETTY))
		return;
	hbuf_putc(j->b, '\n');
	hbuf_putn(j->b, ' ', (size_t)j->depth * 2);
}

static bool encode(jenc *j, const hv *v);

static bool encode_list(jenc *j, const hv *v)
{
	if (hv_is_nil_slice(v))
		return hbuf_puts(j->b, "null"), true;
	hbuf_putc(j->b, '[');
	j->depth++;
	for (size_t i = 0; i < v->l->len; i++) {
		if (i)
			hbuf_putc(j->b, ',');
		newline(j);
		if (!encode(j, &v->l->v[i]))
			return false;
	}
	j->depth--;
	if (v->l->len)
		newline(j);
	hbuf_putc(j->b, ']');
	return true;
}

/* Go maps marshal with sorted keys; a struct (an object's marshal view, `ordered`) keeps its
 * field order, which the view map holds as insertion order. */
static bool encode_map(jenc *j, const hv *v, bool ordered)
{
	if (!v->m)
		return hbuf_puts(j->b, "null"), true;
	size_t n = hmap_len(v->m);
	hmap_entry **e = ordered ? NULL : hmap_sorted(v->m);
	if (ordered && n) {
		if (!j->tmp && !(j->tmp = harena_new()))
			return herr_nomem(j->err);
		e = harena_alloc(j->tmp, n * sizeof *e);
		for (size_t i = 0, k = 0; e && i < v->m->n && k < n; i++)
			if (v->m->e[i].key)
				e[k++] = &v->m->e[i];
	}
	if (n && !e)
		return herr_nomem(j->err);
	hbuf_putc(j->b, '{');
	j->depth++;
	for (size_t i = 0; i < n; i++) {
		if (i)
			hbuf_putc(j->b, ',');
		newline(j);
		put_string(j->b, e[i]->key->data, e[i]->key->len, !(j->flags & HJSON_RAW));
		hbuf_puts(j->b, j->flags & HJSON_PRETTY ? ": " : ":");
		if (!encode(j, &e[i]->val))
			return false;
	}
	j->depth--;
	if (n)
		newline(j);
	hbuf_putc(j->b, '}');
	return true;
}

static bool encode_object(jenc *j, const hv *v)
{
	const hobj_class *cls = v->o ? v->o->cls : NULL;
	if (!cls || !cls->marshal)
		return hbuf_puts(j->b, "{}"), true;
	if (!j->tmp && !(j->tmp = harena_new()))
		return herr_nomem(j->err);
	hv view;
	if (!cls->marshal(v->o, j->tmp, &view))
		return herr_nomem(j->err);
	if (view.type == HT_OBJECT && view.o == v->o)
		return hbuf_puts(j->b, "{}"), true; /* a class must not marshal to itself */
	if (hv_is_map(&view))
		return encode_map(j, &view, true);
	return encode(j, &view);
}

static bool encode(jenc *j, const hv *v)
{
	if (j->depth >= MAX_DEPTH)
		return herr_set(j->err, HTMPL_ERR_EXEC, "json: unsupported value: encountered a cycle via %s",
		                hv_type_name(v));
	switch (v->type) {
	case HT_INVALID:
	case HT_NIL:
		hbuf_puts(j->b, "null");
		return true;
	case HT_BOOL:
		hbuf_puts(j->b, v->b ? "true" : "false");
		return true;
	case HT_INT:
	case HT_INT64:
	case HT_INT32:
		hstrconv_format_int(j->b, v->i, 10);
		return true;
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64:
		hstrconv_format_uint(j->b, v->u, 10);
		return true;
	case HT_FLOAT64:
		return put_float(j, v->f);
	case HT_COMPLEX:
		return herr_set(j->err, HTMPL_ERR_EXEC, "json: unsupported type: complex128");
	case HT_STRING:
		put_string(j->b, v->s->data, v->s->len, !(j->flags & HJSON_RAW));
		return true;
	case HT_BYTES:
		put_base64(j->b, v->s->data, v->s->len);
		return true;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST:
		return encode_list(j, v);
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES:
		return encode_map(j, v, false);
	case HT_OBJECT:
		return encode_object(j, v);
	default:
		hbuf_puts(j->b, "null");
		return true;
	}
}

bool hjson_encode(hbuf *b, const hv *v, unsigned flags, herr *err)
{
	jenc j = {.b = b, .flags = flags, .err = err};
	size_t at = b->len;
	bool ok = encode(&j, v);
	harena_free(j.tmp);
	if (!ok) {
		b->len = at; /* Marshal returns nothing on error */
		return false;
	}
	return hbuf_ok(b) || herr_nomem(err);
}

/* ---------------------------------------------------------------- decoding */

typedef struct jdec {
	harena *a;
	const char *s;
	size_t n, i;
	int depth;
	herr *err;
	bool at_end;           /* the syntax error came at the end of the input */
	const char *range_num; /* first number beyond float64: reported after the syntax check */
	size_t range_len;
	hbuf tmp;
} jdec;

#define EOI 256

static int peekc(jdec *d) { return d->i < d->n ? (unsigned char)d->s[d->i] : EOI; }

static void skip_ws(jdec *d)
{
	while (d->i < d->n && strchr(" \t\r\n", d->s[d->i]) && d->s[d->i])
		d->i++;
}

/* scanner.go quoteChar + the SyntaxError text. At the end of the input Go's scanner steps
 * on one more space (scanner.eof): inside a number, a literal or an escape that is an
 * invalid character ' ' (`fromJson "-"`); elsewhere the input ended too soon. */
static bool syntax(jdec *d, const char *ctx)
{
	int c = peekc(d);
	d->at_end = c == EOI;
	if (c == EOI && (strncmp(ctx, "in ", 3) == 0 || strncmp(ctx, "after decimal point", 19) == 0))
		return herr_set(d->err, HTMPL_ERR_YAML, "invalid character ' ' %s", ctx);
	if (c == EOI)
		return herr_set(d->err, HTMPL_ERR_YAML, "unexpected end of JSON input");
	char q[16];
	if (c == '\'')
		snprintf(q, sizeof q, "'\\''");
	else if (c == '"')
		snprintf(q, sizeof q, "'\"'");
	else {
		hbuf b = HBUF_INIT;
		char u[4];
		size_t w = hutf8_encode(c, u); /* string(byte) is the rune of that byte value */
		hstrconv_quote(&b, u, w, false);
		snprintf(q, sizeof q, "'%.*s'", b.len >= 2 ? (int)b.len - 2 : 0, b.len >= 2 ? b.data + 1 : "");
		hbuf_free(&b);
	}
	return herr_set(d->err, HTMPL_ERR_YAML, "invalid character %s %s", q, ctx);
}

static bool dec_value(jdec *d, hv *out);

static bool read_u4(jdec *d, int32_t *r)
{
	*r = 0;
	for (int k = 0; k < 4; k++) {
		int h = hcodec_unhex(peekc(d));
		if (h < 0)
			return syntax(d, "in \\u hexadecimal character escape");
		*r = *r * 16 + h;
		d->i++;
	}
	return true;
}

static bool dec_escape(jdec *d, hbuf *b)
{
	int c = peekc(d);
	const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
	const char *p = c != EOI && c ? strchr(from, c) : NULL;
	if (p) {
		hbuf_putc(b, to[p - from]);
		d->i++;
		return true;
	}
	if (c != 'u')
		return syntax(d, "in string escape code");
	d->i++;
	int32_t r, r2;
	if (!read_u4(d, &r))
		return false;
	if (r >= 0xD800 && r < 0xDC00 && d->i + 1 < d->n && d->s[d->i] == '\\' && d->s[d->i + 1] == 'u') {
		size_t save = d->i;
		d->i += 2;
		if (!read_u4(d, &r2))
			return false;
		if (r2 >= 0xDC00 && r2 < 0xE000)
			r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
		else
			d->i = save, r = HUTF8_ERROR; /* the second escape is decoded on its own */
	} else if (r >= 0xD800 && r < 0xE000) {
		r = HUTF8_ERROR;
	}
	char u[4];
	hbuf_put(b, u, hutf8_encode(r, u));
	return true;
}

static bool dec_string(jdec *d, hstr **out)
{
	hbuf *b = &d->tmp;
	hbuf_reset(b);
	d->i++; /* opening quote */
	for (;;) {
		int c = peekc(d);
		if (c == EOI)
			return syntax(d, "");
		if (c == '"')
			break;
		if (c < 0x20)
			return syntax(d, "in string literal");
		if (c == '\\') {
			d->i++;
			if (!dec_escape(d, b))
				return false;
			continue;
		}
		int32_t r;
		size_t w = hutf8_decode(d->s + d->i, d->n - d->i, &r);
		if (r == HUTF8_ERROR && w == 1)
			hbuf_puts(b, "\xEF\xBF\xBD");
		else
			hbuf_put(b, d->s + d->i, w);
		d->i += w;
	}
	d->i++;
	if (!hbuf_ok(b))
		return herr_nomem(d->err);
	*out = b->len ? hstr_new(d->a, b->data, b->len) : hstr_empty();
	return *out || herr_nomem(d->err);
}

static bool digits_run(jdec *d)
{
	size_t at = d->i;
	while (peekc(d) >= '0' && peekc(d) <= '9')
		d->i++;
	return d->i > at;
}

static bool dec_number(jdec *d, hv *out)
{
	size_t at = d->i;
	if (peekc(d) == '-')
		d->i++;
	if (peekc(d) == '0')
		d->i++;
	else if (!digits_run(d))
		return syntax(d, "in numeric literal");
	if (peekc(d) == '.') {
		d->i++;
		if (!digits_run(d))
			return syntax(d, "after decimal point in numeric literal");
	}
	if (peekc(d) == 'e' || peekc(d) == 'E') {
		d->i++;
		if (peekc(d) == '+' || peekc(d) == '-')
			d->i++;
		if (!digits_run(d))
			return syntax(d, "in exponent of numeric literal");
	}
	/* Validated JSON number syntax is a subset of strtod's (C locale, see yaml_load.c). */
	char sbuf[128], *p = sbuf;
	size_t len = d->i - at;
	if (len >= sizeof sbuf && !(p = malloc(len + 1)))
		return herr_nomem(d->err);
	memcpy(p, d->s + at, len);
	p[len] = 0;
	double f = strtod(p, NULL);
	if (p != sbuf)
		free(p);
	*out = hv_float(f);
	if (isinf(f)) { /* Go saves the error, leaves the value nil and decodes on */
		*out = hv_nil();
		if (!d->range_num)
			d->range_num = d->s + at, d->range_len = len;
	}
	return true;
}

static bool literal(jdec *d, const char *word, hv v, hv *out)
{
	char ctx[48];
	d->i++;
	for (const char *p = word + 1; *p; p++) {
		if (peekc(d) != *p) {
			snprintf(ctx, sizeof ctx, "in literal %s (expecting '%c')", word, *p);
			return syntax(d, ctx);
		}
		d->i++;
	}
	*out = v;
	return true;
}

static bool dec_object(jdec *d, hv *out)
{
	hmap *m = hmap_new(d->a, 0);
	if (!m)
		return herr_nomem(d->err);
	*out = hv_of_map(HT_MAP, m);
	d->i++;
	skip_ws(d);
	if (peekc(d) == '}') {
		d->i++;
		return true;
	}
	for (;;) {
		hstr *k;
		hv v;
		if (peekc(d) != '"')
			return syntax(d, "looking for beginning of object key string");
		if (!dec_string(d, &k))
			return false;
		skip_ws(d);
		if (peekc(d) != ':')
			return syntax(d, "after object key");
		d->i++;
		skip_ws(d);
		if (!dec_value(d, &v))
			return false;
		if (!hmap_set_str(m, k, v))
			return herr_nomem(d->err);
		skip_ws(d);
		if (peekc(d) == '}')
			break;
		if (peekc(d) != ',')
			return syntax(d, "after object key:value pair");
		d->i++;
		skip_ws(d);
	}
	d->i++;
	return true;
}

static bool dec_array(jdec *d, hv *out)
{
	hlist *l = hlist_new(d->a, 0);
	if (!l)
		return herr_nomem(d->err);
	*out = hv_of_list(HT_LIST, l);
	d->i++;
	skip_ws(d);
	if (peekc(d) == ']') {
		d->i++;
		return true;
	}
	for (;;) {
		hv v;
		if (!dec_value(d, &v))
			return false;
		if (!hlist_push(l, v))
			return herr_nomem(d->err);
		skip_ws(d);
		if (peekc(d) == ']')
			break;
		if (peekc(d) != ',')
			return syntax(d, "after array element");
		d->i++;
		skip_ws(d);
	}
	d->i++;
	return true;
}

static bool dec_value(jdec *d, hv *out)
{
	int c = peekc(d);
	bool ok;
	switch (c) {
	case '{':
	case '[':
		if (++d->depth > 10000)
			return herr_set(d->err, HTMPL_ERR_YAML, "exceeded max depth");
		ok = c == '{' ? dec_object(d, out) : dec_array(d, out);
		d->depth--;
		return ok;
	case '"': {
		hstr *s;
		if (!dec_string(d, &s))
			return false;
		*out = hv_of_str(s);
		return true;
	}
	case 't':
		return literal(d, "true", hv_bool(true), out);
	case 'f':
		return literal(d, "false", hv_bool(false), out);
	case 'n':
		return literal(d, "null", hv_nil(), out);
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return dec_number(d, out);
		return syntax(d, "looking for beginning of value");
	}
}

bool hjson_decode(harena *a, const char *text, size_t len, hv *out, herr *err)
{
	bool at_end;
	return hjson_decode_at_end(a, text, len, out, &at_end, err);
}

bool hjson_decode_at_end(harena *a, const char *text, size_t len, hv *out, bool *at_end, herr *err)
{
	jdec d = {.a = a, .s = text, .n = len, .err = err};
	*out = hv_nil();
	skip_ws(&d);
	bool ok = dec_value(&d, out);
	if (ok) {
		skip_ws(&d);
		if (d.i < d.n)
			ok = syntax(&d, "after top-level value");
	}
	hbuf_free(&d.tmp);
	*at_end = !ok && d.at_end;
	if (!ok)
		*out = hv_nil(); /* the syntax check runs before any decoding */
	if (ok && d.range_num) {
		hbuf m = HBUF_INIT;
		hbuf_puts(&m, "json: cannot unmarshal number ");
		hbuf_put(&m, d.range_num, d.range_len);
		hbuf_puts(&m, " into Go value of type float64");
		ok = hbuf_ok(&m) ? herr_setn(err, HTMPL_ERR_YAML, m.data, m.len) : herr_nomem(err);
		hbuf_free(&m);
	}
	return ok;
}

/* The JSON kind encoding/json names in "cannot unmarshal KIND into Go value of type ...". */
const char *hjson_kind(const hv *v)
{
	if (v->type == HT_BOOL)
		return "bool";
	if (v->type == HT_STRING)
		return "string";
	if (hv_is_list(v))
		return "array";
	if (hv_is_map(v))
		return "object";
	return "number";
}

const char *hjson_schema_type(const hv *v)
{
	if (hv_is_nil(v))
		return "null";
	if (v->type == HT_BOOL)
		return "boolean";
	if (v->type == HT_STRING)
		return "string";
	if (hv_is_list(v))
		return "array";
	if (hv_is_map(v))
		return "object";
	return "number";
}
