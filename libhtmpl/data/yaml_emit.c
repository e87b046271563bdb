/* yaml_emit.c - Helm's toYaml (sigs.k8s.io/yaml.Marshal); toYamlPretty is yaml_pretty.c.
 *
 * toYaml marshals to JSON, re-reads the JSON with goyaml.v2 and emits it with goyaml.v2. The
 * value is walked directly with the same effects:
 *  - JSON's view: floats become their JSON text, which goyaml.v2 types again (1000000 is an
 *    int, 1e-06 a float printed with 'g'); invalid UTF-8 becomes U+FFFD; NaN/Inf, complex
 *    numbers and cycles fail as json.Marshal does; objects use their class's marshal view.
 *  - goyaml.v2's encoder (encode.go): map keys in keyList order (sorter.go: a "natural"
 *    order where digit runs compare as numbers and letters sort after non-letters), strings
 *    double-quoted when plain text would resolve to another YAML 1.1 type or look like a
 *    base-60 float, literal style when they hold a newline, plain otherwise.
 *  - libyaml's emitter, of which goyaml.v2's emitterc.go is a port, does the rest: falls back
 *    to single or double quotes (indicators, `: `, ` #`, edge spaces, control characters),
 *    folds long plain and quoted scalars at 80 columns, writes `|`, `|-`, `|+`, `|2`, keeps
 *    sequences unindented under a mapping key, `{}` and `[]` for empty collections.
 * goyaml.v2's is_bom quirk (every rune escaped after a leading U+FEFF) is patched in after
 * libyaml has written the document (emit_bom_string). */
#include "data/yaml.h"

#include "data/json.h"
#include "core/strconv.h"
#include "core/utf8.h"
#include "data/yaml_style.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <yaml.h>

#define MAX_DEPTH 1000 /* json.Marshal starts cycle detection here */

typedef struct yemit {
	yaml_emitter_t em;
	yaml_event_t ev;
	hbuf *out;
	herr *err;
	harena *tmp; /* object views, sanitised strings, sorted keys */
	hbuf boms;   /* BOM-quirk texts, each NUL-terminated, in placeholder order */
	hbuf num[2]; /* number text scratch, reused for every scalar of the call */
	size_t nboms;
	char mark[4]; /* the placeholder's private-use rune (UTF-8), see emit_bom_string */
	int depth;
	bool ls_end;  /* a value ends with U+2028/U+2029: see fix_ls_end */
} yemit;

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	hbuf_put(data, buffer, size);
	return 1;
}

static bool emit(yemit *y)
{
	if (yaml_emitter_emit(&y->em, &y->ev))
		return true;
	if (y->em.error == YAML_MEMORY_ERROR)
		return herr_nomem(y->err);
	return herr_set(y->err, HTMPL_ERR_YAML, "yaml: %s",
	                y->em.problem ? y->em.problem : "unknown problem generating YAML content");
}

static bool scalar(yemit *y, const char *s, size_t n, yaml_scalar_style_t style)
{
	if (!yaml_scalar_event_initialize(&y->ev, NULL, NULL, (yaml_char_t *)s, (int)n, 1, 1, style))
		return herr_nomem(y->err);
	return emit(y);
}

static bool plain(yemit *y, const char *s) { return scalar(y, s, strlen(s), YAML_PLAIN_SCALAR_STYLE); }

/* ---------------------------------------------------------------- strings */

/* goyaml.v2's is_bom looks at the value's first bytes at every position, so a string that
 * starts with U+FEFF (always double-quoted: the BOM is not printable) has every rune
 * escaped, `"\uFEFF\x62..."`. libyaml checks the right position, so such a string is
 * emitted as a plain placeholder of the same width (a private-use rune, 'B', its index,
 * 'x'...) that fix_boms replaces once the document is written. The rune is U+E000 unless the
 * document's own strings already hold it before a 'B' (pick_mark). Pinned by data/toyaml-bom
 * and data/toyaml-bom-mark. */
static void set_mark(yemit *y, int32_t cp)
{
	hutf8_encode(cp, y->mark); /* 3 bytes: the Private Use Area is U+E000..U+F8FF */
	y->mark[3] = 'B';
}

/* Where the output holds a mark that is not ours (a string of the value contains it),
 * returns the first private-use rune that never appears before a 'B' in b[at..]; else 0. */
static int32_t pick_mark(const hbuf *b, size_t at, size_t nboms, const char *mark)
{
	size_t seen = 0;
	for (const char *p = b->data + at, *end = b->data + b->len; (p = memmem(p, (size_t)(end - p), mark, 4));
	     p += 4)
		seen++;
	if (seen == nboms)
		return 0; /* every occurrence is a placeholder */
	int32_t cp = hutf8_unused_private(b->data + at, b->len - at, 'B');
	return cp > 0 ? cp : 0; /* all 6400 taken: keep U+E000 (fix_boms then also rewrites a string) */
}

static bool emit_bom_string(yemit *y, const char *s, size_t n)
{
	size_t width = hyaml_quote_all(&y->boms, s, n);
	hbuf_putc(&y->boms, '\0');
	char ph[64];
	int k = snprintf(ph, sizeof ph, "%.4s%zu", y->mark, y->nboms);
	if (!hbuf_ok(&y->boms) || k < 0)
		return herr_nomem(y->err);
	hbuf t = HBUF_INIT;
	hbuf_put(&t, ph, (size_t)k);
	for (size_t cols = (size_t)k - 2; cols < width; cols++) /* U+E000 is one column */
		hbuf_putc(&t, 'x');
	y->nboms++;
	bool ok = hbuf_ok(&t) ? scalar(y, t.data, t.len, YAML_PLAIN_SCALAR_STYLE) : herr_nomem(y->err);
	hbuf_free(&t);
	return ok;
}

/* Replace the placeholders in b[at..] by their texts. */
static bool fix_boms(yemit *y, hbuf *b, size_t at)
{
	hbuf out = HBUF_INIT;
	const char *texts = y->boms.data;
	size_t i = at, ml = sizeof y->mark;
	while (i < b->len) {
		const char *m = memmem(b->data + i, b->len - i, y->mark, ml);
		size_t stop = m ? (size_t)(m - b->data) : b->len;
		hbuf_put(&out, b->data + i, stop - i);
		if (!m)
			break;
		size_t j = stop + ml, idx = 0;
		while (j < b->len && b->data[j] >= '0' && b->data[j] <= '9' && idx < y->nboms)
			idx = idx * 10 + (size_t)(b->data[j++] - '0');
		while (j < b->len && b->data[j] == 'x')
			j++;
		const char *t = texts;
		for (size_t k = 0; k < idx && idx < y->nboms; k++)
			t += strlen(t) + 1;
		if (idx < y->nboms)
			hbuf_puts(&out, t);
		else
			hbuf_put(&out, b->data + stop, j - stop);
		i = j;
	}
	if (!hbuf_ok(&out)) {
		hbuf_free(&out);
		return herr_nomem(y->err);
	}
	b->len = at;
	hbuf_put(b, out.data, out.len);
	hbuf_free(&out);
	return hbuf_ok(b) || herr_nomem(y->err);
}

static bool emit_string(yemit *y, const char *s, size_t n)
{
	yaml_scalar_style_t style;
	if (hyaml_starts_with_bom(s, n))
		return emit_bom_string(y, s, n);
	bool can_plain = hyaml_resolve_plain(s, n) == HYAML_STR && !hyaml_is_base60_float(s, n);
	if (memchr(s, '\n', n))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (can_plain)
		style = YAML_PLAIN_SCALAR_STYLE;
	else
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	return scalar(y, s, n, style);
}

/* The string after json.Marshal + goyaml.v2's reading of the JSON: each invalid UTF-8 byte
 * becomes U+FFFD, and a raw U+0085 (NEL, which JSON leaves unescaped) is a line break inside
 * the double-quoted JSON string, so YAML folds it with the raw spaces around it: one break
 * becomes a space, k breaks become k-1 newlines. */
/* goyaml.v2's reader (readerc.go) refuses the JSON text when it holds a character outside
 * YAML's printable set that json.Marshal leaves raw: DEL, the C1 controls other than NEL,
 * U+FFFE and U+FFFF. helm's toYaml then prints "" (golden gosem/toyaml-del). */
static bool json_text_unreadable(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		if (u[i] == 0x7F)
			return true;
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F && u[i + 1] != 0x85)
			return true;
		if (u[i] == 0xEF && i + 2 < n && u[i + 1] == 0xBF && (u[i + 2] == 0xBE || u[i + 2] == 0xBF))
			return true;
	}
	return false;
}

static bool clean_string(yemit *y, const hstr *s, const char **out, size_t *n)
{
	if (json_text_unreadable(s->data, s->len))
		return herr_set(y->err, HTMPL_ERR_YAML, "yaml: control characters are not allowed");
	bool nel = s->len >= 2 && memmem(s->data, s->len, "\xC2\x85", 2);
	if (!nel && hutf8_valid(s->data, s->len)) {
		*out = s->data, *n = s->len;
		return true;
	}
	hbuf b = HBUF_INIT;
	for (size_t i = 0; i < s->len;) {
		int32_t r;
		size_t w = hutf8_decode(s->data + i, s->len - i, &r);
		if (r == 0x85 && nel) {
			size_t breaks = 0, j = i;
			while (b.len && b.data[b.len - 1] == ' ')
				b.len--;
			while (j < s->len) {
				if (s->data[j] == ' ')
					j++;
				else if (j + 1 < s->len && (unsigned char)s->data[j] == 0xC2 && (unsigned char)s->data[j + 1] == 0x85)
					j += 2, breaks++;
				else
					break;
			}
			if (breaks == 1)
				hbuf_putc(&b, ' ');
			else
				hbuf_putn(&b, '\n', breaks - 1);
			i = j;
			continue;
		}
		if (r == HUTF8_ERROR && w == 1)
			hbuf_puts(&b, "\xEF\xBF\xBD");
		else
			hbuf_put(&b, s->data + i, w);
		i += w;
	}
	char *c = hbuf_ok(&b) ? harena_strndup(y->tmp, b.data ? b.data : "", b.len) : NULL;
	*n = b.len;
	hbuf_free(&b);
	*out = c;
	return c || herr_nomem(y->err);
}

static bool ends_with_ls(const char *s, size_t n)
{
	return n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
	       ((unsigned char)s[n - 1] == 0xA8 || (unsigned char)s[n - 1] == 0xA9);
}

static bool emit_str_value(yemit *y, const hstr *s)
{
	const char *p = NULL;
	size_t n = 0;
	if (!clean_string(y, s, &p, &n))
		return false;
	y->ls_end |= ends_with_ls(p, n);
	return emit_string(y, p, n);
}

/* A single-quoted scalar that ends with a line or paragraph separator: libyaml 0.2.5 writes
 * the indentation before the closing quote, goyaml.v2's write_single_quoted does not
 * (`- '\u2028'`, golden gosem/toyaml-ls). Drop spaces between such a break and a closing
 * quote at the end of a line. */
static void fix_ls_end(hbuf *b, size_t at)
{
	size_t w = at;
	for (size_t i = at; i < b->len;) {
		b->data[w++] = b->data[i];
		if (i + 2 < b->len && (unsigned char)b->data[i] == 0xE2 && (unsigned char)b->data[i + 1] == 0x80 &&
		    ((unsigned char)b->data[i + 2] == 0xA8 || (unsigned char)b->data[i + 2] == 0xA9)) {
			b->data[w++] = b->data[i + 1];
			b->data[w++] = b->data[i + 2];
			i += 3;
			size_t j = i;
			while (j < b->len && b->data[j] == ' ')
				j++;
			if (j > i && j < b->len && b->data[j] == '\'' && (j + 1 == b->len || b->data[j + 1] == '\n'))
				i = j;
			continue;
		}
		i++;
	}
	b->len = w;
}

/* ---------------------------------------------------------------- numbers */

/* A float64 as goyaml.v2 sees its JSON text: integral text is an int (or uint64), anything
 * else a float printed with FormatFloat(f, 'g', -1, 64). */
static bool emit_json_float(yemit *y, double f)
{
	hbuf *t = &y->num[0], *txt = &y->num[1];
	hv v = hv_float(f);
	hbuf_reset(t);
	hbuf_reset(txt);
	if (!hjson_encode(t, &v, 0, y->err))
		return false;
	const char *s = hbuf_cstr(t);
	bool integral = !strpbrk(s, ".eE");
	if (integral) {
		const char *d = s + (*s == '-');
		bool neg = *s == '-';
		size_t nd = strlen(d);
		/* int64 or uint64 range: 19 digits always fit one of them, 20 digits fit uint64
		 * only when positive and <= 18446744073709551615. */
		bool fits = nd < 20 || (nd == 20 && !neg && strcmp(d, "18446744073709551615") <= 0);
		if (nd == 19 && neg)
			fits = strcmp(d, "9223372036854775808") <= 0;
		else if (nd == 19 && !neg)
			fits = true;
		if (fits) {
			bool zero = strspn(d, "0") == nd;
			hbuf_puts(txt, zero ? "0" : s);
		} else {
			integral = false;
		}
	}
	if (!integral)
		hstrconv_format_float(txt, f, 'g', -1);
	return hbuf_ok(txt) ? plain(y, hbuf_cstr(txt)) : herr_nomem(y->err);
}

static bool emit_int(yemit *y, const hv *v)
{
	hbuf *t = &y->num[0];
	hbuf_reset(t);
	if (hv_is_uint(v))
		hstrconv_format_uint(t, v->u, 10);
	else
		hstrconv_format_int(t, v->i, 10);
	bool ok = hbuf_ok(t) ? plain(y, hbuf_cstr(t)) : herr_nomem(y->err);
	return ok;
}

/* ---------------------------------------------------------------- values */

static bool node(yemit *y, const hv *v);

static bool emit_list(yemit *y, const hlist *l)
{
	if (!yaml_sequence_start_event_initialize(&y->ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE))
		return herr_nomem(y->err);
	if (!emit(y))
		return false;
	for (size_t i = 0; i < l->len; i++)
		if (!node(y, &l->v[i]))
			return false;
	if (!yaml_sequence_end_event_initialize(&y->ev))
		return herr_nomem(y->err);
	return emit(y);
}

static bool emit_map(yemit *y, hmap *m)
{
	if (!m)
		return plain(y, "null");
	size_t n;
	hmap_entry **k = hyaml_sorted_keys(y->tmp, m, false, &n);
	if (!k)
		return herr_nomem(y->err);
	if (!yaml_mapping_start_event_initialize(&y->ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE))
		return herr_nomem(y->err);
	if (!emit(y))
		return false;
	for (size_t i = 0; i < n; i++) {
		/* In the JSON text goyaml.v2 reads back, a raw NEL makes a key span two lines, which
		 * a flow mapping refuses: helm's toYaml of such a map fails (prints ""). */
		const hstr *key = k[i]->key;
		if (key->len >= 2 && memmem(key->data, key->len, "\xC2\x85", 2))
			return herr_set(y->err, HTMPL_ERR_YAML, "yaml: line 1: did not find expected ',' or '}'");
		if (!emit_str_value(y, key) || !node(y, &k[i]->val))
			return false;
	}
	if (!yaml_mapping_end_event_initialize(&y->ev))
		return herr_nomem(y->err);
	return emit(y);
}

static bool emit_bytes(yemit *y, const hstr *s)
{
	/* json.Marshal writes []byte as a base64 string; so does goyaml.v3 for a string view. */
	hbuf t = HBUF_INIT;
	hv v = hv_of_str((hstr *)s);
	v.type = HT_BYTES;
	bool ok = hjson_encode(&t, &v, 0, y->err) && hbuf_ok(&t) && t.len >= 2 &&
	          emit_string(y, t.data + 1, t.len - 2);
	hbuf_free(&t);
	return ok;
}

static bool node(yemit *y, const hv *v)
{
	if (y->depth >= MAX_DEPTH)
		return herr_set(y->err, HTMPL_ERR_EXEC, "json: unsupported value: encountered a cycle via %s",
		                hv_type_name(v));
	bool ok;
	switch (v->type) {
	case HT_BOOL:
		return plain(y, v->b ? "true" : "false");
	case HT_INT:
	case HT_INT64:
	case HT_INT32:
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64:
		return emit_int(y, v);
	case HT_FLOAT64:
		return emit_json_float(y, v->f);
	case HT_COMPLEX:
		return herr_set(y->err, HTMPL_ERR_EXEC, "json: unsupported type: complex128");
	case HT_STRING:
		return emit_str_value(y, v->s);
	case HT_BYTES:
		return emit_bytes(y, v->s);
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST:
		if (hv_is_nil_slice(v))
			return plain(y, "null"); /* a nil slice marshals as JSON null */
		y->depth++;
		ok = emit_list(y, v->l);
		y->depth--;
		return ok;
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES:
		y->depth++;
		ok = emit_map(y, v->m);
		y->depth--;
		return ok;
	case HT_OBJECT: {
		hv view;
		if (!v->o || !v->o->cls || !v->o->cls->marshal) {
			hmap *m = hmap_new(y->tmp, 0);
			return m ? emit_map(y, m) : herr_nomem(y->err);
		}
		if (!v->o->cls->marshal(v->o, y->tmp, &view))
			return herr_nomem(y->err);
		if (view.type == HT_OBJECT && view.o == v->o)
			return plain(y, "{}");
		y->depth++;
		ok = node(y, &view);
		y->depth--;
		return ok;
	}
	default:
		return plain(y, "null");
	}
}

/* One libyaml pass over v, appended to y->out (placeholders not yet replaced). */
static bool emit_document(yemit *y, const hv *v)
{
	if (!yaml_emitter_initialize(&y->em))
		return herr_nomem(y->err);
	yaml_emitter_set_output(&y->em, write_handler, y->out);
	yaml_emitter_set_unicode(&y->em, 1);
	bool ok = yaml_stream_start_event_initialize(&y->ev, YAML_UTF8_ENCODING) && emit(y) &&
	          yaml_document_start_event_initialize(&y->ev, NULL, NULL, NULL, 1) && emit(y) &&
	          node(y, v) && yaml_document_end_event_initialize(&y->ev, 1) && emit(y);
	if (ok) {
		/* goyaml's encoder.finish clears open_ended, so a trailing `|+` gets no `...`. */
		y->em.open_ended = 0;
		ok = yaml_stream_end_event_initialize(&y->ev) && emit(y);
	}
	if (ok && !yaml_emitter_flush(&y->em))
		ok = herr_nomem(y->err);
	yaml_emitter_delete(&y->em);
	return ok;
}

bool hyaml_emit(hbuf *b, const hv *v, herr *err)
{
	yemit y = {.out = b, .err = err};
	size_t at = b->len;
	if (!(y.tmp = harena_new()))
		return herr_nomem(err);
	set_mark(&y, 0xE000);
	bool ok = emit_document(&y, v);
	int32_t cp = ok && y.nboms ? pick_mark(b, at, y.nboms, y.mark) : 0;
	if (cp) { /* the value's own strings hold the mark: write it again with another one */
		b->len = at;
		y.boms.len = 0;
		y.nboms = 0;
		set_mark(&y, cp);
		ok = emit_document(&y, v);
	}
	if (ok && y.nboms)
		ok = fix_boms(&y, b, at);
	if (ok && y.ls_end && hbuf_ok(b))
		fix_ls_end(b, at);
	if (ok && !hbuf_ok(b))
		ok = herr_nomem(err);
	if (!ok && !herr_isset(err))
		herr_nomem(err);
	harena_free(y.tmp);
	hbuf_free(&y.boms);
	hbuf_free(&y.num[0]);
	hbuf_free(&y.num[1]);
	if (!ok)
		b->len = at;
	return ok;
}
