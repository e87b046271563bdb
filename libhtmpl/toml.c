/* toml.c - TOML encoding as BurntSushi/toml v1.4.0's Encoder writes it (encode.go: eMap,
 * eTable, eArrayOfTables, eElement, dblQuotedReplacer, floatAddDecimal), and a decoder for
 * the TOML that charts feed to fromToml (decode.go/parse.go semantics: int64 integers,
 * float64 floats, nested tables, arrays of tables, inline tables). */
#include "toml.h"

#include "strconv.h"

#include <math.h>
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

static int ttype(tenc *t, const hv *v)
{
	hv tmp;
	v = view(t, v, &tmp);
	if (hv_is_nil(v))
		return TT_NONE;
	if (hv_is_map(v) || v->type == HT_OBJECT)
		return v->m || v->type == HT_OBJECT ? TT_HASH : TT_NONE;
	if (hv_is_list(v))
		return v->l ? list_type(t, v->l) : TT_NONE;
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
			size_t at = t->b->len;
			hstrconv_format_float(t->b, v->f, 'f', -1);
			if (t->b->data && !memchr(t->b->data + at, '.', t->b->len - at))
				hbuf_puts(t->b, ".0");
			t->written = true;
		}
		break;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST:
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
