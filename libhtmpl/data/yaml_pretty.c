/* yaml_pretty.c - Helm's toYamlPretty (pkg/engine/funcs.go toYAMLPretty): goyaml.v3's
 * Encoder with SetIndent(2), applied to the Go value itself (no JSON step).
 *
 * libyaml's emitter cannot produce v3's layout (sequences indented under a mapping key), so
 * this is a small block-style emitter of its own. It keeps the state goyaml.v3's
 * emitterc.go works with (indent, column, whitespace, indention) and applies its rules:
 *  - increase_indent: a node nested in a sequence item indents by 2 past the "- ", anything
 *    else aligns to the next multiple of the best indent (2), the root starts at 0;
 *  - write_indent / write_indicator decide line breaks and spaces exactly as there, so
 *    `- - x`, `- a: 1`, `k:\n  - x`, ` {}`, ` []` and `? key\n: value` fall out;
 *  - analyze_scalar + select_scalar_style: plain, single-quoted, double-quoted or literal
 *    (tabs forbid plain and single quotes but allow literal blocks; a trailing space or a
 *    space before a break forbid literal blocks; non-printable runes, including every
 *    4-byte rune and the BOM, force double quotes with \x, \u, \U escapes);
 *  - best_width is unlimited in v3, so nothing is ever folded.
 * Helm imports sigs.k8s.io/yaml/goyaml.v3 (v1.4.0), a fork whose literal blocks always
 * break after the header (see write_literal). encode.go supplies the values' styles: strings are quoted when they would resolve to
 * another type, are base-60 floats or YAML 1.1 booleans (isOldBool), get a literal block
 * when they hold "\n", and become `!!binary` base64 when not valid UTF-8; floats print with
 * strconv 'g' (1e+06, .inf, .nan); []byte is a sequence of numbers; time.Time prints
 * RFC 3339 plain. Keys follow v3's keyList order. Pinned by golden cases data/toyamlpretty-*. */
#include "data/yaml.h"

#include "core/codec.h"
#include "core/strconv.h"
#include "core/utf8.h"
#include "data/yaml_style.h"

#include <math.h>
#include <string.h>

#define MAX_DEPTH 1000 /* Go would overflow its stack; we fail instead */
#define BEST_INDENT 2

typedef struct pem {
	hbuf *b;
	herr *err;
	harena *tmp;
	int indent; /* emitter.indent; -1 before the root node */
	int column;
	bool ws;        /* emitter.whitespace: the last thing written was a space */
	bool indention; /* emitter.indention: only indentation so far on this line */
	int depth;
} pem;

enum style { ST_PLAIN, ST_SINGLE, ST_DOUBLE, ST_LITERAL };

/* ---------------------------------------------------------------- output */

static void put(pem *p, char c)
{
	hbuf_putc(p->b, c);
	p->column++;
}

static void put_break(pem *p)
{
	hbuf_putc(p->b, '\n');
	p->column = 0;
	p->indention = true;
}

static size_t width(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
}

/* One rune of s at *i, counted as one column. */
static void write_rune(pem *p, const char *s, size_t n, size_t *i)
{
	size_t w = width((unsigned char)s[*i]);
	if (*i + w > n)
		w = n - *i;
	hbuf_put(p->b, s + *i, w);
	p->column++;
	*i += w;
}

static void write_indent(pem *p)
{
	int indent = p->indent < 0 ? 0 : p->indent;
	if (!p->indention || p->column > indent || (p->column == indent && !p->ws))
		put_break(p);
	while (p->column < indent)
		put(p, ' ');
	p->ws = true;
}

static void indicator(pem *p, const char *s, bool need_ws, bool is_ws, bool is_indention)
{
	if (need_ws && !p->ws)
		put(p, ' ');
	size_t n = s[1] ? strlen(s) : 1;
	hbuf_put(p->b, s, n);
	p->column += (int)n;
	p->ws = is_ws;
	p->indention = p->indention && is_indention;
}

/* increase_indent; in_seq: the node is a sequence item (the state under it is
 * BLOCK_SEQUENCE_ITEM), flow: scalars and flow collections start at best_indent. */
static void indent_in(pem *p, bool flow, bool in_seq)
{
	if (p->indent < 0)
		p->indent = flow ? BEST_INDENT : 0;
	else if (in_seq)
		p->indent += 2;
	else
		p->indent = BEST_INDENT * ((p->indent + BEST_INDENT) / BEST_INDENT);
}

/* ---------------------------------------------------------------- scalar analysis */

static inline bool is_break_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '\r' || c == '\n')
		return true;
	if (c == 0xC2 && i + 1 < n)
		return (unsigned char)s[i + 1] == 0x85;
	if (c == 0xE2 && i + 2 < n)
		return (unsigned char)s[i + 1] == 0x80 &&
		       ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9);
	return false;
}

static bool is_blank_at(const char *s, size_t n, size_t i) { return i < n && (s[i] == ' ' || s[i] == '\t'); }

/* yamlprivateh.go is_printable, on valid UTF-8: no C0/C1 controls but \n, no DEL,
 * no surrogates, no BOM or U+FFFE/U+FFFF, and no 4-byte runes at all. */
static inline bool is_printable_at(const char *s, size_t n, size_t i)
{
	if ((unsigned char)s[i] < 0x80)
		return s[i] == 0x0A || (s[i] >= 0x20 && s[i] <= 0x7E);
	unsigned char c = (unsigned char)s[i];
	unsigned char c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
	unsigned char c2 = i + 2 < n ? (unsigned char)s[i + 2] : 0;
	return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED) ||
	       (c == 0xED && c1 < 0xA0) || c == 0xEE ||
	       (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}

typedef struct sinfo {
	bool multiline, plain_ok, single_ok, block_ok;
} sinfo;

static void indicator_flags(const char *s, size_t n, size_t i, bool followed_ws, bool preceded_ws,
                            bool *block_ind)
{
	char c = s[i];
	if (i == 0) {
		switch (c) {
		case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
		case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
			*block_ind = true;
			return;
		default:
			break;
		}
		if ((c == '?' || c == ':' || c == '-') && followed_ws)
			*block_ind = true;
		return;
	}
	if ((c == ':' && followed_ws) || (c == '#' && preceded_ws)) {
		*block_ind = true;
	}
	(void)n;
}

/* yaml_emitter_analyze_scalar, reduced to what block context needs. */
static void analyze(const char *s, size_t n, sinfo *o)
{
	if (n == 0) {
		*o = (sinfo){.plain_ok = true, .single_ok = true};
		return;
	}
	bool block_ind = n >= 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0);
	bool breaks = false, special = false, tabs = false, lead = false, trail_space = false, trail_break = false;
	bool break_space = false, space_break = false, prev_space = false, prev_break = false, preceded_ws = true;
	for (size_t i = 0, w; i < n; i += w) {
		w = width((unsigned char)s[i]);
		bool followed_ws = i + w >= n || is_blank_at(s, n, i + w);
		indicator_flags(s, n, i, followed_ws, preceded_ws, &block_ind);
		if (s[i] == '\t')
			tabs = true;
		else if (!is_printable_at(s, n, i))
			special = true;
		bool brk = is_break_at(s, n, i);
		if (s[i] == ' ') {
			lead |= i == 0;
			trail_space |= i + w == n;
			break_space |= prev_break;
			prev_space = true, prev_break = false;
		} else if (brk) {
			breaks = true;
			lead |= i == 0;
			trail_break |= i + w == n;
			space_break |= prev_space;
			prev_space = false, prev_break = true;
		} else {
			prev_space = prev_break = false;
		}
		preceded_ws = s[i] == ' ' || s[i] == '\t' || s[i] == '\0' || brk;
	}
	o->multiline = breaks;
	o->plain_ok = !(lead || trail_space || trail_break || break_space || space_break || tabs || special ||
	                breaks || block_ind);
	o->single_ok = !(break_space || space_break || tabs || special);
	o->block_ok = !(trail_space || space_break || special);
}

/* select_scalar_style for a requested style. */
static enum style select_style(enum style want, size_t n, const sinfo *si, bool simple_key)
{
	if (want == ST_PLAIN) {
		if (!si->plain_ok || (n == 0 && simple_key))
			want = ST_SINGLE;
	}
	if (want == ST_SINGLE && !si->single_ok)
		want = ST_DOUBLE;
	if (want == ST_LITERAL && (!si->block_ok || simple_key))
		want = ST_DOUBLE;
	return want;
}

/* ---------------------------------------------------------------- scalar writers */

static void write_break(pem *p, const char *s, size_t n, size_t *i)
{
	if (s[*i] == '\n') {
		put_break(p);
		(*i)++;
		return;
	}
	write_rune(p, s, n, i);
	p->column = 0;
	p->indention = true;
}

static void write_plain(pem *p, const char *s, size_t n)
{
	if (n && !p->ws)
		put(p, ' ');
	/* No breaks in a plain scalar here; the column only has to exceed the indent
	 * afterwards, so bytes count as columns. */
	hbuf_put(p->b, s, n);
	p->column += (int)n;
	if (n)
		p->ws = false;
	p->indention = false;
}

static void write_single(pem *p, const char *s, size_t n)
{
	bool breaks = false;
	indicator(p, "'", true, false, false);
	for (size_t i = 0; i < n;) {
		if (is_break_at(s, n, i)) {
			if (!breaks && s[i] == '\n')
				put_break(p);
			write_break(p, s, n, &i);
			breaks = true;
			continue;
		}
		if (breaks)
			write_indent(p);
		if (s[i] == '\'')
			put(p, '\'');
		write_rune(p, s, n, &i);
		p->indention = false;
		breaks = false;
	}
	indicator(p, "'", false, false, false);
	p->ws = false;
	p->indention = false;
}

/* is_bom in yamlprivateh.go looks at the first three bytes of the value whatever the
 * position, so a value that starts with a BOM has every rune escaped (case
 * data/toyamlpretty-bom). */
static void write_double(pem *p, const char *s, size_t n)
{
	bool bom = hyaml_starts_with_bom(s, n);
	if (bom) {
		if (!p->ws)
			put(p, ' ');
		p->column += (int)hyaml_quote_all(p->b, s, n);
		p->ws = p->indention = false;
		return;
	}
	indicator(p, "\"", true, false, false);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (!is_printable_at(s, n, i) || is_break_at(s, n, i) || c == '"' || c == '\\') {
			int32_t r;
			size_t w = hutf8_decode(s + i, n - i, &r);
			size_t before = p->b->len;
			hyaml_escape_rune(p->b, r);
			p->column += (int)(p->b->len - before);
			i += w ? w : 1;
		} else {
			size_t j = i + width(c);
			while (j < n) {
				unsigned char cj = (unsigned char)s[j];
				if (cj < 0x20 || cj >= 0x7F || cj == '"' || cj == '\\')
					break; /* let the checks above look at anything but plain ASCII */
				j++;
			}
			if (j > n)
				j = n;
			hbuf_put(p->b, s + i, j - i);
			p->column += (int)(j - i);
			i = j;
		}
	}
	indicator(p, "\"", false, false, false);
	p->ws = false;
	p->indention = false;
}

static size_t rune_start_before(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static void write_literal(pem *p, const char *s, size_t n)
{
	indicator(p, "|", true, false, false);
	if (s[0] == ' ' || is_break_at(s, n, 0))
		indicator(p, "2", false, false, false); /* best_indent, whatever the real indent */
	size_t i = rune_start_before(s, n - 1);
	const char *chomp = NULL;
	if (!is_break_at(s, n, i))
		chomp = "-";
	else if (i == 0 || is_break_at(s, n, rune_start_before(s, i - 1)))
		chomp = "+";
	if (chomp)
		indicator(p, chomp, false, false, false);
	/* sigs.k8s.io/yaml's goyaml.v3 fork (process_line_comment_linebreak, go-yaml issue 755)
	 * ends the header line here, so a leading break shows as an extra empty line. */
	put_break(p);
	p->ws = true;
	bool breaks = true;
	for (i = 0; i < n;) {
		if (is_break_at(s, n, i)) {
			write_break(p, s, n, &i);
			breaks = true;
			continue;
		}
		if (breaks)
			write_indent(p);
		size_t j = i;
		while (j < n && !is_break_at(s, n, j))
			j++;
		hbuf_put(p->b, s + i, j - i);
		p->column += (int)(j - i);
		i = j;
		p->indention = false;
		breaks = false;
	}
}

/* emit_scalar: tag (NULL or "!!binary"), then the text at the scalar's own indent. */
static void scalar(pem *p, const char *s, size_t n, enum style want, const char *tag, bool in_seq, bool simple_key)
{
	sinfo si;
	analyze(s, n, &si);
	enum style st = select_style(want, n, &si, simple_key);
	if (tag) {
		if (!p->ws)
			put(p, ' ');
		indicator(p, tag, false, false, false);
	}
	int saved = p->indent;
	indent_in(p, true, in_seq);
	switch (st) {
	case ST_PLAIN:
		write_plain(p, s, n);
		break;
	case ST_SINGLE:
		write_single(p, s, n);
		break;
	case ST_DOUBLE:
		write_double(p, s, n);
		break;
	case ST_LITERAL:
		write_literal(p, s, n);
		break;
	}
	p->indent = saved;
}

static void plain_text(pem *p, const char *s, bool in_seq)
{
	scalar(p, s, strlen(s), ST_PLAIN, NULL, in_seq, false);
}

/* ---------------------------------------------------------------- strings */

static bool is_old_bool(const char *s, size_t n)
{
	static const char w[][4] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
	                            "n", "N", "no", "No", "NO", "off", "Off", "OFF"};
	if (n == 0 || n > 3 || !strchr("yYoOnN", s[0]))
		return false;
	for (size_t i = 0; i < sizeof w / sizeof *w; i++)
		if (w[i][n] == 0 && (n < 2 || w[i][n - 1]) && memcmp(w[i], s, n) == 0)
			return true;
	return false;
}

/* encodeBase64: standard base64, broken into 70-column lines (each ending in "\n") once
 * it is longer than one line. */
static bool base64_lines(pem *p, const char *s, size_t n, const char **out, size_t *outn)
{
	size_t enc = hcodec_b64_encoded_len(n), lines = enc / 70 + 1;
	char *e = harena_alloc(p->tmp, enc * 2 + lines + 1);
	if (!e)
		return false;
	/* Encode into the tail, then copy forward with the line breaks, as Go does. */
	char *in = e + enc + lines + 1;
	hcodec_b64_encode_to(in, s, n);
	size_t k = 0;
	for (size_t i = 0; i < enc; i += 70) {
		size_t j = enc - i < 70 ? enc - i : 70;
		memcpy(e + k, in + i, j);
		k += j;
		if (lines > 1)
			e[k++] = '\n';
	}
	*out = e, *outn = k;
	return true;
}

/* encoder.stringv: the text, tag and style goyaml.v3 asks the emitter for. */
typedef struct pstr {
	const char *s;
	size_t n;
	const char *tag;
	enum style want;
} pstr;

static bool prepare(pem *p, const char *s, size_t n, pstr *o)
{
	bool can_plain = true;
	o->tag = NULL;
	if (!hutf8_valid(s, n)) {
		o->tag = "!!binary";
		if (!base64_lines(p, s, n, &s, &n))
			return herr_nomem(p->err);
	} else {
		can_plain = hyaml_resolve_plain(s, n) == HYAML_STR && !hyaml_is_base60_float(s, n) && !is_old_bool(s, n);
	}
	o->s = s, o->n = n;
	o->want = memchr(s, '\n', n) ? ST_LITERAL : can_plain ? ST_PLAIN : ST_DOUBLE;
	return true;
}

static bool string_node(pem *p, const char *s, size_t n, bool in_seq)
{
	pstr ps;
	if (!prepare(p, s, n, &ps))
		return false;
	scalar(p, ps.s, ps.n, ps.want, ps.tag, in_seq, false);
	return true;
}

/* ---------------------------------------------------------------- collections */

static bool node(pem *p, const hv *v, bool in_seq);

/* check_simple_key for a scalar key: one line, at most 128 bytes with the tag ("!!" and
 * "binary" count, as handle and suffix). */
static bool simple_key(const pstr *k)
{
	if (k->n + (k->tag ? 8 : 0) > 128)
		return false;
	for (size_t i = 0; i < k->n; i++)
		if (is_break_at(k->s, k->n, i))
			return false;
	return true;
}

static bool map_node(pem *p, hmap *m, bool in_seq)
{
	size_t n = 0;
	hmap_entry **e = m ? hyaml_sorted_keys(p->tmp, m, true, &n) : NULL;
	if (m && !e)
		return herr_nomem(p->err);
	if (!n) {
		indicator(p, "{", true, true, false);
		indicator(p, "}", false, false, false);
		return true;
	}
	int saved = p->indent;
	indent_in(p, false, in_seq);
	for (size_t i = 0; i < n; i++) {
		pstr k;
		if (!prepare(p, e[i]->key->data, e[i]->key->len, &k))
			return false;
		write_indent(p);
		if (simple_key(&k)) {
			scalar(p, k.s, k.n, k.want, k.tag, false, true);
			indicator(p, ":", false, false, false);
		} else {
			indicator(p, "?", true, false, true);
			scalar(p, k.s, k.n, k.want, k.tag, false, false);
			write_indent(p);
			indicator(p, ":", true, false, true);
		}
		if (!node(p, &e[i]->val, false))
			return false;
	}
	p->indent = saved;
	return true;
}

static bool seq_node(pem *p, const hv *items, const unsigned char *bytes, size_t n, bool in_seq)
{
	if (!n) {
		indicator(p, "[", true, true, false);
		indicator(p, "]", false, false, false);
		return true;
	}
	int saved = p->indent;
	indent_in(p, false, in_seq);
	for (size_t i = 0; i < n; i++) {
		write_indent(p);
		indicator(p, "-", true, false, true);
		hv b = bytes ? (hv){.type = HT_UINT8, .u = bytes[i]} : items[i];
		if (!node(p, &b, true))
			return false;
	}
	p->indent = saved;
	return true;
}

static bool number_node(pem *p, const hv *v, bool in_seq)
{
	char tmp[40];
	hbuf t = {.data = NULL};
	const char *s = NULL;
	if (v->type == HT_FLOAT64 && isnan(v->f))
		s = ".nan";
	else if (v->type == HT_FLOAT64 && isinf(v->f))
		s = v->f > 0 ? ".inf" : "-.inf";
	else if (v->type == HT_FLOAT64)
		hstrconv_format_float(&t, v->f, 'g', -1);
	else if (hv_is_uint(v))
		hstrconv_format_uint(&t, v->u, 10);
	else
		hstrconv_format_int(&t, v->i, 10);
	if (!s) {
		if (!hbuf_ok(&t) || t.len >= sizeof tmp) {
			hbuf_free(&t);
			return herr_nomem(p->err);
		}
		memcpy(tmp, t.data, t.len);
		tmp[t.len] = 0;
		hbuf_free(&t);
		s = tmp;
	}
	plain_text(p, s, in_seq);
	return true;
}

static bool object_node(pem *p, const hv *v, bool in_seq)
{
	hv view;
	if (!v->o || !v->o->cls || !v->o->cls->marshal)
		return map_node(p, NULL, in_seq);
	if (!v->o->cls->marshal(v->o, p->tmp, &view))
		return herr_nomem(p->err);
	/* timev: time.Time is written plain in RFC 3339 (its JSON view, unquoted). */
	if (v->o->cls->type_name && strcmp(v->o->cls->type_name, "time.Time") == 0 && view.type == HT_STRING) {
		scalar(p, view.s->data, view.s->len, ST_PLAIN, NULL, in_seq, false);
		return true;
	}
	if (view.type == HT_OBJECT && view.o == v->o)
		return map_node(p, NULL, in_seq);
	return node(p, &view, in_seq);
}

static bool node(pem *p, const hv *v, bool in_seq)
{
	if (p->depth >= MAX_DEPTH)
		return herr_set(p->err, HTMPL_ERR_EXEC, "yaml: nesting too deep");
	bool ok = true;
	p->depth++;
	switch (v->type) {
	case HT_BOOL:
		plain_text(p, v->b ? "true" : "false", in_seq);
		break;
	case HT_INT: case HT_INT64: case HT_INT32: case HT_UINT8: case HT_UINT32: case HT_UINT64:
	case HT_FLOAT64:
		ok = number_node(p, v, in_seq);
		break;
	case HT_COMPLEX:
		ok = herr_set(p->err, HTMPL_ERR_EXEC, "cannot marshal type: complex128");
		break;
	case HT_STRING:
		ok = string_node(p, v->s->data, v->s->len, in_seq);
		break;
	case HT_BYTES:
		ok = seq_node(p, NULL, (const unsigned char *)v->s->data, v->s->len, in_seq);
		break;
	case HT_LIST: case HT_STRLIST: case HT_INTLIST: case HT_LISTLIST:
		ok = seq_node(p, v->l ? v->l->v : NULL, NULL, v->l ? v->l->len : 0, in_seq);
		break;
	case HT_MAP: case HT_STRMAP: case HT_VALUES:
		ok = map_node(p, v->m, in_seq);
		break;
	case HT_OBJECT:
		ok = object_node(p, v, in_seq);
		break;
	default:
		plain_text(p, "null", in_seq);
		break;
	}
	p->depth--;
	return ok;
}

bool hyaml_emit_pretty(hbuf *b, const hv *v, herr *err)
{
	pem p = {.b = b, .err = err, .indent = -1, .ws = true, .indention = true};
	size_t at = b->len;
	if (!(p.tmp = harena_new()))
		return herr_nomem(err);
	bool ok = node(&p, v, false);
	if (ok)
		write_indent(&p); /* document end: finish the last line */
	if (ok && !hbuf_ok(b))
		ok = herr_nomem(err);
	harena_free(p.tmp);
	if (!ok)
		b->len = at;
	return ok;
}
