/* yaml_load.c - YAML text to values, as sigs.k8s.io/yaml.Unmarshal (v1.4.0) does it.
 *
 * Three steps, each mirroring an upstream stage:
 *  1. libyaml's event parser builds a node tree (goyaml.v2 decode.go `parser`): anchors are
 *     bound when their node starts, so `&a [*a]` refers to itself; an unknown alias fails at
 *     parse time. Only the first document is read.
 *  2. The tree is decoded with goyaml.v2's YAML 1.1 resolver (resolve.go): y/yes/on/true...
 *     booleans, 0x/0o/0b/leading-0 octal ints with `_`, floats, null/~/empty; timestamps stay
 *     strings; !!str, !!int, !!float, !!bool, !!null, !!binary tags; `<<` merge keys that
 *     write into the map being built (so a merge after a key overrides it). Aliases are
 *     decoded again (fresh maps), counted as goyaml.v2 counts them, so alias bombs fail with
 *     `document contains excessive aliasing`.
 *  3. The JSON round trip of sigs.k8s.io/yaml (convertToJSONableObject, json.Marshal,
 *     json.Unmarshal into interface{}) is applied while decoding: every number becomes
 *     float64, keys become strings (bools "true"/"false", ints in decimal, floats with
 *     FormatFloat(f, 'g', -1, 32)), invalid UTF-8 from !!binary becomes U+FFFD, and
 *     NaN/Inf fail as `json: unsupported value: +Inf`.
 * Error texts are Helm's: `error converting YAML to JSON: yaml: line 3: <libyaml problem>`,
 * with goyaml.v2's line rule (parser.fail).
 *
 * goyaml.v2's scanner is a port of an older libyaml than Debian's 0.2.5, and two rules for
 * plain scalars inside flow collections differ (scannerc.go yaml_parser_scan_plain_scalar):
 * a `?` ends the scalar, so `[a?b]` fails (`did not find expected ',' or ']'`) where libyaml
 * reads "a?b"; and a `:` followed by one of `,?[]{}` stays in the scalar, so `{a:, b: 1}`
 * has the key "a:" where libyaml stops with `found unexpected ':'`. See flow_rules below. */
#include "data/yaml.h"
#include "data/yaml_resolve.h"
#include "data/json.h"

#include "core/buf.h"
#include "core/codec.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define PREFIX "error converting YAML to JSON: "
#define MAX_DEPTH 2500 /* C recursion bound; goyaml.v2 itself has none */

enum { YN_SCALAR = 1, YN_MAP, YN_SEQ, YN_ALIAS };

typedef struct ynode {
	uint8_t kind;
	bool implicit;  /* plain_implicit: an untagged plain scalar */
	bool expanding; /* alias being expanded (goyaml's d.aliases) */
	int line;       /* 0-based */
	const char *tag;
	const char *val; /* scalar text, or the alias/anchor name */
	size_t len;
	struct ynode **kids;
	size_t nkids, cap;
	struct ynode *alias;
} ynode;

typedef struct anchor {
	const char *name;
	ynode *node;
} anchor;

typedef struct yload {
	harena *a;
	herr *err;
	yaml_parser_t p;
	yaml_event_t ev;
	bool have_ev;
	anchor *anchors; /* open addressing, malloc'ed */
	size_t nanch, capanch;
	int depth;
	/* decoder */
	long long decode_count, alias_count;
	int alias_depth;
	uint64_t max_nodes;
	char *conv_err;  /* first json.Marshal failure (NaN/Inf), reported after decoding */
	char *key_err;   /* first unsupported map key, wins over conv_err */
	yval key_err_key;
	const hmap *cur_map;         /* the map whose key is being decoded */
	const hmap *key_err_in;      /* the map holding the unsupported key */
	const hmap *key_err_map;     /* where the value holding key_err sits, under ... */
	const hstr *key_err_owner;   /* ... this key */
	/* goyaml.v2's flow rules (see flow_rules) */
	const char *src; /* the text libyaml reads */
	size_t srclen;
	/* mark_offset's last mark: its line, where that line starts, its column and offset */
	size_t cache_line, cache_line_off, cache_col, cache_off;
	char flow_close;     /* ']' or '}' of the innermost flow collection, 0 in block context */
	char colon_rune[3];  /* stands for a ':' libyaml refused, in plain scalars; 0 if unused */
	bool colon_refused;  /* the last failure was libyaml's "found unexpected ':'" */
	yaml_mark_t colon_mark;
	size_t tag_from, tag_to; /* tag characters libyaml refused and goyaml.v2 reads (tag_rest) */
	/* yaml.UnmarshalStrict (hyaml_load_strict): a key already in its map is goyaml.v2's
	 * `line N: key K already set in map`, collected in terrors; seen holds every map's keys
	 * by Go type and value ("<map>|<type><value>"), as the Go map compares them */
	bool strict;
	hmap *seen;
	hbuf terrors;
} yload;

/* ---------------------------------------------------------------- errors */

static bool fail(yload *y, htmpl_errcode code, const char *msg)
{
	return herr_set(y->err, code, PREFIX "%s", msg);
}

static bool failf_yaml(yload *y, const char *fmt, const char *a1, const char *a2, const char *a3)
{
	char buf[512];
	snprintf(buf, sizeof buf, fmt, a1, a2, a3);
	return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: %s", buf);
}

static size_t mark_offset(yload *y, yaml_mark_t m);
static void tag_rest(yload *y, size_t at);

/* goyaml.v2 parser.fail: scanner errors report problem line + 1, others the 0-based
 * problem line, else the context line; line 0 means "no line". */
static bool parser_fail(yload *y)
{
	int line = 0;
	if (y->p.problem_mark.line != 0) {
		line = (int)y->p.problem_mark.line;
		if (y->p.error == YAML_SCANNER_ERROR)
			line++;
	} else if (y->p.context_mark.line != 0) {
		line = (int)y->p.context_mark.line;
	}
	if (y->p.error == YAML_MEMORY_ERROR)
		return herr_nomem(y->err);
	const char *msg = y->p.problem ? y->p.problem : "unknown problem parsing YAML content";
	if (y->p.error == YAML_SCANNER_ERROR && !strcmp(msg, "found unexpected ':'") && y->p.context &&
	    !strcmp(y->p.context, "while scanning a plain scalar")) {
		y->colon_refused = true;
		y->colon_mark = y->p.problem_mark;
	}
	if (y->p.error == YAML_SCANNER_ERROR && !strcmp(msg, "did not find expected whitespace or line break") &&
	    y->p.context && !strcmp(y->p.context, "while scanning a tag"))
		tag_rest(y, mark_offset(y, y->p.problem_mark));
	if (line)
		return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: line %d: %s", line, msg);
	return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: %s", msg);
}

/* ---------------------------------------------------------------- goyaml.v2 flow rules */

/* From byte i at column col of m's line, on to m's column; remembered for the next call. */
static size_t mark_column(yload *y, size_t i, size_t col, yaml_mark_t m)
{
	const unsigned char *s = (const unsigned char *)y->src;
	for (; i < y->srclen && col < m.column; col++)
		i += s[i] < 0x80 ? 1 : s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
	if (i > y->srclen)
		i = y->srclen;
	y->cache_col = col, y->cache_off = i;
	return i;
}

/* Byte offset of a libyaml mark (line and column count characters), or srclen. Marks come
 * mostly in text order, so the walk resumes from the last line found: linear in all. */
static size_t mark_offset(yload *y, yaml_mark_t m)
{
	size_t i = 0, line = 0, col = 0;
	if (m.line == y->cache_line && m.column >= y->cache_col)
		return mark_column(y, y->cache_off, y->cache_col, m);
	if (m.line >= y->cache_line)
		i = y->cache_line_off, line = y->cache_line;
	const unsigned char *s = (const unsigned char *)y->src;
	while (i < y->srclen && line < m.line) {
		if (s[i] == '\r' && i + 1 < y->srclen && s[i + 1] == '\n')
			i++;
		else if (s[i] == 0xC2 && i + 1 < y->srclen && s[i + 1] == 0x85)
			i++; /* NEL */
		else if (s[i] == 0xE2 && i + 2 < y->srclen && s[i + 1] == 0x80 && (s[i + 2] & 0xFE) == 0xA8)
			i += 2; /* LS, PS */
		else if (s[i] != '\n' && s[i] != '\r') {
			i++;
			continue;
		}
		i++;
		line++;
	}
	if (line < m.line)
		return y->srclen; /* a mark past the text: nothing to remember */
	y->cache_line = line, y->cache_line_off = i;
	return mark_column(y, i, col, m);
}

static bool next_token_fails(yload *y, size_t i, size_t line);

/* A plain scalar in a flow collection that holds a `?`: goyaml.v2 ends the scalar there and
 * reads `?` as a KEY token where a `,` or the closing bracket must follow, failing with a
 * parser error at the `?` (line rule of parser_fail: the 0-based line, none on line 0) --
 * unless the scanner, which reads one token past the KEY first, fails on that token. */
static bool question_in_flow(yload *y, const yaml_event_t *e)
{
	size_t i = mark_offset(y, e->start_mark), line = e->start_mark.line;
	for (; i < y->srclen && y->src[i] != '?'; i++)
		if (y->src[i] == '\n' || (y->src[i] == '\r' && (i + 1 == y->srclen || y->src[i + 1] != '\n')))
			line++;
	if (next_token_fails(y, i + 1, line))
		return false;
	char msg[64];
	snprintf(msg, sizeof msg, "did not find expected ',' or '%c'", y->flow_close);
	if (line)
		return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: line %zu: %s", line, msg);
	return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: %s", msg);
}

/* The closer that governs what may follow inside a collection that starts with e: a flow
 * mapping's `}`, or for the single-pair mapping libyaml makes of `[k: v]` (no `{` in the
 * text) the enclosing sequence's `]`. */
static char flow_closer(yload *y, const yaml_event_t *e, bool map)
{
	if (!map)
		return e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? ']' : 0;
	if (e->data.mapping_start.style != YAML_FLOW_MAPPING_STYLE)
		return 0;
	if (y->flow_close != ']')
		return '}';
	size_t at = mark_offset(y, e->start_mark);
	return at >= y->srclen || y->src[at] != '{' ? ']' : '}';
}

static bool uri_char(unsigned char c, bool go)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("_-;/?:@&=+$.%!~*'()", c)) || (go && (c == ',' || c == '[' || c == ']'));
}

static bool blankz_at(const yload *y, size_t i)
{
	if (i >= y->srclen)
		return true;
	const unsigned char *s = (const unsigned char *)y->src + i;
	return *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == 0 ||
	       (*s == 0xC2 && i + 1 < y->srclen && s[1] == 0x85) ||
	       (*s == 0xE2 && i + 2 < y->srclen && s[1] == 0x80 && (s[2] & 0xFE) == 0xA8);
}

static bool scan_fail(yload *y, size_t line, const char *msg)
{
	if (line) /* goyaml.v2's rule for scanner errors: the 1-based line, none on the first */
		return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: line %zu: %s", line + 1, msg);
	return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: %s", msg);
}

static bool anchor_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       c == '-';
}

/* The token goyaml.v2's scanner reads at src[i] in a flow collection, after a KEY: true
 * (with the error set) where that scan fails. Covers what can fail there: characters that
 * start no token, anchors and aliases, tags, and quoted scalars left open. */
static bool next_token_fails(yload *y, size_t i, size_t line)
{
	const char *s = y->src;
	size_t n = y->srclen;
	for (;;) { /* scan_to_next_token: blanks (tabs too, in flow), comments, line breaks */
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == '#')
			while (i < n && s[i] != '\n' && s[i] != '\r')
				i++;
		if (i < n && (s[i] == '\n' || s[i] == '\r')) {
			i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
			line++;
			continue;
		}
		break;
	}
	if (i >= n)
		return false;
	char c = s[i];
	if (c && strchr("@`%|>", c))
		return scan_fail(y, line, "found character that cannot start any token");
	if (c == '&' || c == '*') {
		size_t j = i + 1;
		while (j < n && anchor_char((unsigned char)s[j]))
			j++;
		if (j == i + 1 || !(blankz_at(y, j) || strchr("?:,]}%@`", s[j])))
			return scan_fail(y, line, "did not find expected alphabetic or numeric character");
		return false;
	}
	if (c == '!' && i + 1 < n && s[i + 1] != '<') {
		size_t j = i + 1;
		while (j < n && uri_char((unsigned char)s[j], true))
			j++;
		if (!blankz_at(y, j) && s[j] != ',')
			return scan_fail(y, line, "did not find expected whitespace or line break");
		return false;
	}
	if (c == '"' || c == '\'') {
		for (size_t j = i + 1; j < n; j++) {
			if (s[j] == '\n')
				line++;
			if (c == '"' && s[j] == '\\') {
				j++;
				continue;
			}
			if (s[j] == c && !(c == '\'' && j + 1 < n && s[j + 1] == '\''))
				return false;
			if (c == '\'' && s[j] == '\'')
				j++;
		}
		return scan_fail(y, line, "found unexpected end of stream");
	}
	return false;
}

/* A tag shorthand inside a flow collection: libyaml ends its suffix at `,`, goyaml.v2 reads
 * `,`, `[` and `]` as URI characters and then wants whitespace (scan_tag). Where goyaml would
 * fail, fail as it does (a scanner error); where it would read a longer tag, say so. */
static bool tag_in_flow(yload *y, const yaml_event_t *e)
{
	size_t i = mark_offset(y, e->start_mark), n = y->srclen;
	const char *s = y->src;
	if (i < n && s[i] == '&') { /* an anchor first: `&a !t x` */
		while (i < n && !blankz_at(y, i))
			i++;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	}
	if (i + 1 >= n || s[i] != '!' || s[i + 1] == '<')
		return true;
	size_t j = i + 1;
	while (j < n && uri_char((unsigned char)s[j], false))
		j++;
	if (j >= n || s[j] != ',')
		return true;
	size_t line = e->start_mark.line;
	tag_rest(y, j);
	if (y->tag_to) /* goyaml reads a longer tag: read again with those characters neutral */
		return fail(y, HTMPL_ERR_YAML, "yaml: tag retry");
	if (line)
		return herr_set(y->err, HTMPL_ERR_YAML,
		                PREFIX "yaml: line %zu: did not find expected whitespace or line break", line + 1);
	return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: did not find expected whitespace or line break");
}

/* libyaml ended a tag shorthand at `at` (a `,`, `[` or `]`); goyaml.v2 reads on over URI
 * characters. When whitespace follows, goyaml has read a longer (unknown, so ignored) tag:
 * remember the range for retry_rewrite, which makes it `~`s, still a tag to libyaml and never
 * part of a known tag name. Otherwise goyaml fails as libyaml did. */
static void tag_rest(yload *y, size_t at)
{
	size_t j = at;
	while (j < y->srclen && uri_char((unsigned char)y->src[j], true))
		j++;
	if (j > at && blankz_at(y, j))
		y->tag_from = at, y->tag_to = j;
}

/* In a plain scalar, the stand-in rune back to the ':' it replaced. */
static void restore_colons(const yload *y, ynode *n)
{
	size_t w = 0;
	char *v = (char *)n->val;
	for (size_t r = 0; r < n->len; r++) {
		if (r + 3 <= n->len && !memcmp(v + r, y->colon_rune, 3)) {
			v[w++] = ':';
			r += 2;
		} else {
			v[w++] = v[r];
		}
	}
	v[w] = '\0';
	n->len = w;
}

/* ---------------------------------------------------------------- events */

static bool peek(yload *y, yaml_event_type_t *t)
{
	*t = YAML_NO_EVENT;
	if (!y->have_ev) {
		if (!yaml_parser_parse(&y->p, &y->ev))
			return parser_fail(y);
		y->have_ev = true;
	}
	*t = y->ev.type;
	return true;
}

static void consume(yload *y)
{
	if (y->have_ev)
		yaml_event_delete(&y->ev);
	y->have_ev = false;
}

static const char *dup(yload *y, const unsigned char *s, size_t n)
{
	if (!s)
		return NULL;
	char *d = harena_strndup(y->a, (const char *)s, n);
	if (!d)
		herr_nomem(y->err);
	return d;
}

/* ---------------------------------------------------------------- anchors */

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static anchor *anchor_slot(anchor *t, size_t cap, const char *name)
{
	size_t i = name_hash(name) & (cap - 1);
	while (t[i].name && strcmp(t[i].name, name) != 0)
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static bool anchor_set(yload *y, const char *name, ynode *n)
{
	if ((y->nanch + 1) * 2 > y->capanch) {
		size_t cap = y->capanch ? y->capanch * 2 : 16;
		anchor *t = calloc(cap, sizeof *t);
		if (!t)
			return herr_nomem(y->err);
		for (size_t i = 0; i < y->capanch; i++)
			if (y->anchors[i].name)
				*anchor_slot(t, cap, y->anchors[i].name) = y->anchors[i];
		free(y->anchors);
		y->anchors = t;
		y->capanch = cap;
	}
	anchor *s = anchor_slot(y->anchors, y->capanch, name);
	if (!s->name)
		y->nanch++;
	s->name = name;
	s->node = n;
	return true;
}

static ynode *anchor_get(yload *y, const char *name)
{
	if (!y->capanch)
		return NULL;
	anchor *s = anchor_slot(y->anchors, y->capanch, name);
	return s->name ? s->node : NULL;
}

static void anchors_clear(yload *y)
{
	free(y->anchors);
	y->anchors = NULL;
	y->nanch = y->capanch = 0;
}

/* ---------------------------------------------------------------- node tree */

static ynode *new_node(yload *y, uint8_t kind)
{
	ynode *n = harena_zalloc(y->a, sizeof *n);
	if (!n) {
		herr_nomem(y->err);
		return NULL;
	}
	n->kind = kind;
	n->line = (int)y->ev.start_mark.line;
	return n;
}

static bool add_kid(yload *y, ynode *n, ynode *k)
{
	if (n->nkids == n->cap) {
		size_t cap = n->cap ? n->cap * 2 : 4;
		ynode **kids = harena_realloc(y->a, n->kids, n->cap * sizeof *kids, cap * sizeof *kids);
		if (!kids)
			return herr_nomem(y->err);
		n->kids = kids;
		n->cap = cap;
	}
	n->kids[n->nkids++] = k;
	return true;
}

static bool bind_anchor(yload *y, ynode *n, const unsigned char *name)
{
	if (!name)
		return true;
	const char *s = dup(y, name, strlen((const char *)name));
	return s && anchor_set(y, s, n);
}

static bool parse_node(yload *y, ynode **out);

/* Mapping or sequence: children until the matching end event. */
static bool parse_collection(yload *y, ynode *n, yaml_event_type_t end)
{
	yaml_event_type_t t;
	if (++y->depth > MAX_DEPTH)
		return fail(y, HTMPL_ERR_LIMIT, "yaml: exceeded max depth of 2500");
	consume(y);
	for (;;) {
		if (!peek(y, &t))
			return false;
		if (t == end)
			break;
		ynode *k;
		if (!parse_node(y, &k) || !add_kid(y, n, k))
			return false;
	}
	consume(y);
	y->depth--;
	return true;
}

static bool parse_node(yload *y, ynode **out)
{
	yaml_event_type_t t;
	if (!peek(y, &t))
		return false;
	yaml_event_t *e = &y->ev;
	ynode *n;
	switch (t) {
	case YAML_SCALAR_EVENT:
		if (!(n = new_node(y, YN_SCALAR)))
			return false;
		n->implicit = e->data.scalar.plain_implicit;
		n->len = e->data.scalar.length;
		if (!(n->val = dup(y, e->data.scalar.value, n->len)))
			return false;
		if (y->flow_close && e->data.scalar.tag && !tag_in_flow(y, e))
			return false;
		if (e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
			if (y->flow_close && memchr(n->val, '?', n->len))
				return question_in_flow(y, e);
			if (y->colon_rune[0])
				restore_colons(y, n);
		}
		if (e->data.scalar.tag &&
		    !(n->tag = dup(y, e->data.scalar.tag, strlen((char *)e->data.scalar.tag))))
			return false;
		if (!bind_anchor(y, n, e->data.scalar.anchor))
			return false;
		consume(y);
		break;
	case YAML_ALIAS_EVENT:
		if (!(n = new_node(y, YN_ALIAS)))
			return false;
		if (!(n->val = dup(y, e->data.alias.anchor, strlen((char *)e->data.alias.anchor))))
			return false;
		if (!(n->alias = anchor_get(y, n->val)))
			return failf_yaml(y, "unknown anchor '%s' referenced", n->val, "", "");
		consume(y);
		break;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT: {
		bool map = t == YAML_MAPPING_START_EVENT;
		if (!(n = new_node(y, map ? YN_MAP : YN_SEQ)))
			return false;
		if (!bind_anchor(y, n, map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor))
			return false;
		char outer = y->flow_close;
		const yaml_char_t *tag = map ? e->data.mapping_start.tag : e->data.sequence_start.tag;
		if (outer && tag && !tag_in_flow(y, e))
			return false;
		y->flow_close = flow_closer(y, e, map);
		if (!parse_collection(y, n, map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT))
			return false;
		y->flow_close = outer;
		break;
	}
	default:
		return fail(y, HTMPL_ERR_YAML, "yaml: unexpected event in YAML stream");
	}
	*out = n;
	return true;
}

/* One document: DOCUMENT-START node DOCUMENT-END (goyaml's parser.document). */
static bool parse_document(yload *y, ynode **out)
{
	yaml_event_type_t t;
	consume(y); /* DOCUMENT-START */
	y->depth = 0;
	if (!parse_node(y, out) || !peek(y, &t))
		return false;
	if (t != YAML_DOCUMENT_END_EVENT)
		return fail(y, HTMPL_ERR_YAML, "yaml: expected DOCUMENT_END event");
	consume(y);
	return true;
}

static bool b64_decode(yload *y, const char *s, size_t n, yval *v);

/* resolve() plus decoder.scalar(): the typed value of a scalar node. */
static bool resolve_scalar(yload *y, const ynode *nd, yval *v)
{
	const char *tag = nd->tag;
	v->t = YV_STR, v->s = nd->val, v->n = nd->len;
	if (!tag && !nd->implicit)
		return true; /* quoted */
	bool resolvable = !tag || hyaml_tag_is(tag, "str") || hyaml_tag_is(tag, "bool") || hyaml_tag_is(tag, "int") ||
	                  hyaml_tag_is(tag, "float") || hyaml_tag_is(tag, "null") || hyaml_tag_is(tag, "timestamp");
	if (!resolvable)
		return !hyaml_tag_is(tag, "binary") || b64_decode(y, nd->val, nd->len, v);
	if (hyaml_tag_is(tag, "str"))
		return true;
	bool ts;
	hyaml_resolve_implicit(nd->val, nd->len, tag, v, &ts);
	if (!tag || strcmp(hyaml_yv_tag(v, ts), tag + sizeof HYAML_TAG_PREFIX - 1) == 0)
		return true;
	if (hyaml_tag_is(tag, "float") && v->t == YV_INT) {
		v->t = YV_FLOAT;
		v->f = (double)v->i;
		return true;
	}
	char rt[64], t2[256];
	snprintf(rt, sizeof rt, "!!%s", hyaml_yv_tag(v, ts));
	return failf_yaml(y, "cannot decode %s `%s` as a %s", rt, nd->val, hyaml_short_tag(tag, t2, sizeof t2));
}

/* goyaml's !!binary: base64.StdEncoding.DecodeString, any error one fixed message. */
static bool b64_decode(yload *y, const char *s, size_t n, yval *v)
{
	char *out = harena_alloc(y->a, hcodec_b64_decoded_max(n));
	if (!out)
		return herr_nomem(y->err);
	size_t o = 0;
	if (hcodec_b64_decode_to(out, &o, s, n) >= 0)
		return failf_yaml(y, "!!binary value contains invalid base64 data", "", "", "");
	v->t = YV_STR, v->s = out, v->n = o;
	return true;
}

/* ---------------------------------------------------------------- JSON conversion */

/* Length of the valid UTF-8 sequence at s (Go's rules: no overlongs, no surrogates,
 * at most U+10FFFF), or 0. */
static size_t utf8_valid(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (!len || c > 0xF4 || n < len)
		return 0;
	unsigned lo = 0x80, hi = 0xBF;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

/* A string as json.Marshal then Unmarshal leaves it: each invalid byte becomes U+FFFD. */
static hstr *json_string(yload *y, const char *s, size_t n)
{
	size_t i = 0, bad = 0;
	while (i < n && !(s[i] & 0x80)) /* ASCII, the common case, needs no decoding */
		i++;
	while (i < n) {
		size_t l = utf8_valid((const unsigned char *)s + i, n - i);
		bad += !l;
		i += l ? l : 1;
	}
	if (!bad)
		return hstr_new(y->a, s, n);
	hbuf b = HBUF_INIT;
	for (i = 0; i < n;) {
		size_t l = utf8_valid((const unsigned char *)s + i, n - i);
		if (l)
			hbuf_put(&b, s + i, l);
		else
			hbuf_puts(&b, "\xEF\xBF\xBD");
		i += l ? l : 1;
	}
	hstr *r = hbuf_ok(&b) ? hstr_new(y->a, b.data, b.len) : NULL;
	hbuf_free(&b);
	return r;
}

static void set_conv_err(yload *y, char **slot, const char *msg)
{
	if (!*slot)
		*slot = harena_strdup(y->a, msg);
}

static bool yval_to_hv(yload *y, const yval *v, hv *out)
{
	hstr *s;
	switch (v->t) {
	case YV_STR:
		if (!(s = json_string(y, v->s, v->n)))
			return herr_nomem(y->err);
		*out = hv_of_str(s);
		return true;
	case YV_INT:
		*out = hv_float((double)v->i);
		return true;
	case YV_UINT:
		*out = hv_float((double)v->u);
		return true;
	case YV_FLOAT:
		if (isnan(v->f) || isinf(v->f))
			set_conv_err(y, &y->conv_err, isnan(v->f) ? "json: unsupported value: NaN"
			                              : v->f > 0   ? "json: unsupported value: +Inf"
			                                           : "json: unsupported value: -Inf");
		*out = hv_float(v->f);
		return true;
	case YV_BOOL:
		*out = hv_bool(v->b);
		return true;
	default:
		*out = hv_nil();
		return true;
	}
}

/* strconv.FormatFloat(f, 'g', -1, 32): shortest digits that round-trip through float32,
 * %e form when the decimal exponent is < -4 or >= 6 (shortest 'g' uses eprec 6). The
 * digits come from libc's exact %e conversion (never its %g); the layout is Go's. */
static void format_float32_g(float f, char *out, size_t cap)
{
	if (isnan(f) || isinf(f)) {
		snprintf(out, cap, "%s", isnan(f) ? ".nan" : f > 0 ? ".inf" : "-.inf");
		return;
	}
	char e[64];
	for (int p = 1; p <= 9; p++) {
		snprintf(e, sizeof e, "%.*e", p - 1, (double)f);
		if (strtof(e, NULL) == f)
			break;
	}
	/* e = [-]d[.ddd]e[+-]XX */
	char dig[32];
	size_t nd = 0;
	const char *q = e;
	bool neg = *q == '-';
	q += neg;
	for (; *q && *q != 'e'; q++)
		if (*q != '.')
			dig[nd++] = *q;
	int exp = atoi(q + 1);
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (f == 0)
		nd = 1, exp = 0;
	hbuf b = HBUF_INIT;
	if (neg)
		hbuf_putc(&b, '-');
	if (exp < -4 || exp >= 6) {
		hbuf_putc(&b, dig[0]);
		if (nd > 1) {
			hbuf_putc(&b, '.');
			hbuf_put(&b, dig + 1, nd - 1);
		}
		hbuf_printf(&b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
	} else if (exp < 0) {
		hbuf_puts(&b, "0.");
		hbuf_putn(&b, '0', (size_t)(-exp - 1));
		hbuf_put(&b, dig, nd);
	} else {
		for (int i = 0; i <= exp || i < (int)nd; i++) {
			if (i == exp + 1)
				hbuf_putc(&b, '.');
			hbuf_putc(&b, i < (int)nd ? dig[i] : '0');
		}
	}
	snprintf(out, cap, "%s", hbuf_ok(&b) ? hbuf_cstr(&b) : "0");
	hbuf_free(&b);
}

/* Go's %#v of a decoded YAML node (map[interface {}]interface {}, []interface {}, scalars),
 * for convertToJSONableObject's and decoder.mapping's error texts. */
/* A scalar as go_syntax prints it: resolved as goyaml.v2 types it, a string if that fails. */
static void syntax_val(yload *y, const ynode *n, yval *v)
{
	herr scratch = HTMPL_ERROR_INIT;
	herr *saved = y->err;
	y->err = &scratch;
	bool ok = resolve_scalar(y, n, v);
	y->err = saved;
	htmpl_error_clear(&scratch);
	if (!ok)
		v->t = YV_STR, v->s = n->val, v->n = n->len;
}

/* fmt's %#v map order (internal/fmtsort): interface keys go by concrete type, then value.
 * Types compare by their runtime type descriptor's address, which in helm 3.17.3's binary
 * gives nil < string < uint64 < int < float64 < bool (measured); a non-scalar key (which
 * goyaml refuses before printing) goes last. */
typedef struct skey {
	yval k;
	int rank;
	size_t idx;
} skey;

static int key_rank(const ynode *n, const yval *v)
{
	if (n->kind != YN_SCALAR)
		return 6;
	static const int rank[] = {[YV_NULL] = 0, [YV_STR] = 1, [YV_UINT] = 2, [YV_INT] = 3,
	                           [YV_FLOAT] = 4, [YV_BOOL] = 5};
	return rank[v->t];
}

static int key_cmp(const void *pa, const void *pb)
{
	const skey *a = pa, *b = pb;
	int c = 0;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	switch (a->rank) {
	case 1: {
		size_t n = a->k.n < b->k.n ? a->k.n : b->k.n;
		c = memcmp(a->k.s, b->k.s, n);
		if (!c)
			c = (a->k.n > b->k.n) - (a->k.n < b->k.n);
		break;
	}
	case 2: c = (a->k.u > b->k.u) - (a->k.u < b->k.u); break;
	case 3: c = (a->k.i > b->k.i) - (a->k.i < b->k.i); break;
	case 4: /* NaN first, as fmtsort's floatCompare */
		c = isnan(a->k.f) || isnan(b->k.f) ? !isnan(a->k.f) - !isnan(b->k.f)
		                                   : (a->k.f > b->k.f) - (a->k.f < b->k.f);
		break;
	case 5: c = a->k.b - b->k.b; break;
	default: break;
	}
	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

static void go_syntax(yload *y, hbuf *b, const ynode *n, int depth);

static void go_syntax_map(yload *y, hbuf *b, const ynode *n, int depth)
{
	size_t np = n->nkids / 2, out = 0;
	skey *keys = np ? malloc(np * sizeof *keys) : NULL;
	hbuf_puts(b, "map[interface {}]interface {}{");
	if (np && !keys) {
		hbuf_puts(b, "...}");
		return;
	}
	for (size_t i = 0; i < np; i++) {
		const ynode *k = n->kids[2 * i]->kind == YN_ALIAS ? n->kids[2 * i]->alias : n->kids[2 * i];
		if (k->kind == YN_SCALAR)
			syntax_val(y, k, &keys[i].k);
		keys[i].rank = key_rank(k, &keys[i].k);
		keys[i].idx = i;
	}
	if (np)
		qsort(keys, np, sizeof *keys, key_cmp);
	for (size_t i = 0; i < np; i++) {
		skey probe = keys[i];
		if (i + 1 < np && keys[i].rank < 6 && (probe.idx = keys[i + 1].idx, !key_cmp(&probe, &keys[i + 1])))
			continue; /* a repeated key: the last one is the map's */
		if (out++)
			hbuf_puts(b, ", ");
		go_syntax(y, b, n->kids[2 * keys[i].idx], depth + 1);
		hbuf_putc(b, ':');
		go_syntax(y, b, n->kids[2 * keys[i].idx + 1], depth + 1);
	}
	free(keys);
	hbuf_putc(b, '}');
}

static void go_syntax(yload *y, hbuf *b, const ynode *n, int depth)
{
	if (n->kind == YN_ALIAS)
		n = n->alias;
	if (depth > 20) {
		hbuf_puts(b, "...");
		return;
	}
	if (n->kind == YN_MAP) {
		go_syntax_map(y, b, n, depth);
		return;
	}
	if (n->kind == YN_SEQ) {
		hbuf_puts(b, "[]interface {}{");
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				hbuf_puts(b, ", ");
			go_syntax(y, b, n->kids[i], depth + 1);
		}
		hbuf_putc(b, '}');
		return;
	}
	yval v;
	syntax_val(y, n, &v);
	switch (v.t) {
	case YV_STR:
		hstrconv_quote(b, v.s, v.n, false);
		break;
	case YV_INT:
		hbuf_printf(b, "%lld", (long long)v.i);
		break;
	case YV_UINT:
		hbuf_printf(b, "0x%llx", (unsigned long long)v.u);
		break;
	case YV_FLOAT:
		hstrconv_format_float(b, v.f, 'g', -1);
		break;
	case YV_BOOL:
		hbuf_puts(b, v.b ? "true" : "false");
		break;
	default: /* %#v: a nil element of an interface {} container names its type */
		hbuf_puts(b, depth ? "interface {}(nil)" : "<nil>");
	}
}

/* convertToJSONableObject's "unsupported map key" error for a uint64 or nil key. A key
 * repeated in the document keeps its last value, as the Go map holds only that one. */
static void key_error(yload *y, const yval *k, const ynode *val)
{
	bool same = y->key_err && y->key_err_in == y->cur_map && k->t == y->key_err_key.t &&
	            (k->t != YV_UINT || k->u == y->key_err_key.u);
	if (y->key_err && !same)
		return;
	y->key_err_key = *k;
	y->key_err_in = y->cur_map;
	hbuf b = HBUF_INIT;
	if (k->t == YV_UINT)
		hbuf_printf(&b, "unsupported map key of type: uint64, key: 0x%llx, value: ",
		            (unsigned long long)k->u);
	else
		hbuf_puts(&b, "unsupported map key of type: %!s(<nil>), key: <nil>, value: ");
	go_syntax(y, &b, val, 0);
	if (hbuf_ok(&b))
		y->key_err = harena_strdup(y->a, hbuf_cstr(&b));
	hbuf_free(&b);
}

/* A key as convertToJSONableObject stringifies it (uint64 and nil keys are errors). */
static hstr *key_string(yload *y, const yval *k, const ynode *val)
{
	char buf[128];
	switch (k->t) {
	case YV_STR:
		return json_string(y, k->s, k->n);
	case YV_INT:
		snprintf(buf, sizeof buf, "%lld", (long long)k->i);
		break;
	case YV_FLOAT:
		format_float32_g((float)k->f, buf, sizeof buf);
		break;
	case YV_BOOL:
		snprintf(buf, sizeof buf, "%s", k->b ? "true" : "false");
		break;
	default:
		key_error(y, k, val);
		snprintf(buf, sizeof buf, "?");
		break;
	}
	return hstr_cstr(y->a, buf);
}

/* ---------------------------------------------------------------- decoder */

/* decoder.unmarshal's prologue: goyaml.v2's alias-ratio guard, then our node limit. */
static bool count(yload *y)
{
	y->decode_count++;
	if (y->alias_depth > 0)
		y->alias_count++;
	if (y->alias_count > 100 && y->decode_count > 1000) {
		double dc = (double)y->decode_count, ratio;
		if (dc <= 400000)
			ratio = 0.99;
		else if (dc >= 4000000)
			ratio = 0.10;
		else
			ratio = 0.99 - 0.89 * ((dc - 400000) / 3600000.0);
		if ((double)y->alias_count / dc > ratio)
			return fail(y, HTMPL_ERR_YAML, "yaml: document contains excessive aliasing");
	}
	if ((uint64_t)y->decode_count > y->max_nodes)
		return herr_set(y->err, HTMPL_ERR_LIMIT,
		                PREFIX "yaml: document has more than %llu nodes (HTMPL_LIMIT_YAML_NODES)",
		                (unsigned long long)y->max_nodes);
	return true;
}

static bool decode(yload *y, ynode *n, hv *out);
static bool fill_map(yload *y, ynode *n, hmap *m);

static bool enter(yload *y)
{
	if (++y->depth > MAX_DEPTH)
		return fail(y, HTMPL_ERR_LIMIT, "yaml: exceeded max depth of 2500");
	return true;
}

/* decoder.alias: expand the anchored node, refusing self-reference. */
static bool decode_alias(yload *y, ynode *n, hv *out, hmap *into)
{
	if (n->expanding)
		return failf_yaml(y, "anchor '%s' value contains itself", n->val, "", "");
	if (!enter(y))
		return false;
	n->expanding = true;
	y->alias_depth++;
	bool ok;
	if (into)
		ok = count(y) && fill_map(y, n->alias, into);
	else
		ok = decode(y, n->alias, out);
	y->alias_depth--;
	n->expanding = false;
	y->depth--;
	return ok;
}

static bool decode(yload *y, ynode *n, hv *out)
{
	if (!count(y))
		return false;
	if (n->kind == YN_ALIAS)
		return decode_alias(y, n, out, NULL);
	if (n->kind == YN_SCALAR) {
		yval v;
		return resolve_scalar(y, n, &v) && yval_to_hv(y, &v, out);
	}
	if (!enter(y))
		return false;
	if (n->kind == YN_MAP) {
		hmap *m = hmap_new(y->a, n->nkids / 2);
		if (!m)
			return herr_nomem(y->err);
		*out = hv_of_map(HT_MAP, m);
		if (!fill_map(y, n, m))
			return false;
	} else {
		hlist *l = hlist_new(y->a, n->nkids);
		if (!l)
			return herr_nomem(y->err);
		*out = hv_of_list(HT_LIST, l);
		for (size_t i = 0; i < n->nkids; i++) {
			hv e;
			if (!decode(y, n->kids[i], &e))
				return false;
			if (!hlist_push(l, e))
				return herr_nomem(y->err);
		}
	}
	y->depth--;
	return true;
}

static bool want_map(yload *y)
{
	return fail(y, HTMPL_ERR_YAML, "yaml: map merge requires map or sequence of maps as the value");
}

/* One merge source: a mapping, or an alias of one, written into m. */
static bool merge_one(yload *y, ynode *n, hmap *m)
{
	if (n->kind == YN_ALIAS) {
		if (n->alias->kind != YN_MAP)
			return want_map(y);
		return count(y) && decode_alias(y, n, NULL, m);
	}
	if (n->kind != YN_MAP)
		return want_map(y);
	return count(y) && fill_map(y, n, m);
}

/* decoder.merge: a sequence merges its items last to first, so earlier ones win. */
static bool merge(yload *y, ynode *n, hmap *m)
{
	if (n->kind != YN_SEQ)
		return merge_one(y, n, m);
	for (size_t i = n->nkids; i-- > 0;) {
		ynode *k = n->kids[i];
		if (k->kind != YN_MAP && !(k->kind == YN_ALIAS && k->alias->kind == YN_MAP))
			return want_map(y);
		if (!merge_one(y, k, m))
			return false;
	}
	return true;
}

/* goyaml.v2 decodes a collection key before it checks the key's kind, so the error names
 * the first non-scalar key met depth-first inside it (keys before values), if any. The walk
 * is bounded: aliases can make a small document a huge tree. */
static const ynode *inner_bad_key(const ynode *n, int depth, size_t *budget)
{
	if (n->kind == YN_ALIAS)
		n = n->alias;
	if (!n || depth > MAX_DEPTH || !*budget)
		return NULL;
	--*budget;
	bool map = n->kind == YN_MAP;
	for (size_t i = 0; i < n->nkids; i++) {
		const ynode *r = inner_bad_key(n->kids[i], depth + 1, budget);
		if (r)
			return r;
		const ynode *k = n->kids[i]->kind == YN_ALIAS ? n->kids[i]->alias : n->kids[i];
		if (map && i % 2 == 0 && k && k->kind != YN_SCALAR)
			return k;
	}
	return NULL;
}

static bool decode_key(yload *y, ynode *k, const ynode *val, hstr **key, yval *kv)
{
	ynode *t = k;
	if (!count(y))
		return false;
	if (k->kind == YN_ALIAS) {
		if (k->expanding)
			return failf_yaml(y, "anchor '%s' value contains itself", k->val, "", "");
		y->alias_depth++;
		bool ok = count(y);
		y->alias_depth--;
		if (!ok)
			return false;
		t = k->alias;
	}
	if (t->kind != YN_SCALAR) {
		size_t budget = 100000;
		const ynode *inner = inner_bad_key(t, 0, &budget);
		hbuf b = HBUF_INIT;
		hbuf_puts(&b, "yaml: invalid map key: ");
		go_syntax(y, &b, inner ? inner : t, 0);
		bool r = hbuf_ok(&b) ? fail(y, HTMPL_ERR_YAML, hbuf_cstr(&b)) : herr_nomem(y->err);
		hbuf_free(&b);
		return r;
	}
	yval v;
	if (!resolve_scalar(y, t, &v))
		return false;
	*kv = v;
	if (!(*key = key_string(y, &v, val)))
		return herr_nomem(y->err);
	return true;
}

/* decoder.setMapIndex in strict mode: whether key k (its node kn) is new in map m; a repeat
 * adds goyaml.v2's message, with the line of the value node val and the key as %#v. NaN keys
 * never repeat (NaN != NaN). */
static bool strict_new_key(yload *y, const hmap *m, const ynode *kn, const yval *k,
                           const ynode *val, bool *fresh)
{
	*fresh = true;
	if (k->t == YV_FLOAT && isnan(k->f))
		return true;
	if (!y->seen && !(y->seen = hmap_new(y->a, 0)))
		return herr_nomem(y->err);
	hbuf id = HBUF_INIT;
	hbuf_printf(&id, "%p|", (const void *)m);
	switch (k->t) {
	case YV_STR: hbuf_putc(&id, 's'); hbuf_put(&id, k->s, k->n); break;
	case YV_INT: hbuf_printf(&id, "i%lld", (long long)k->i); break;
	case YV_UINT: hbuf_printf(&id, "u%llu", (unsigned long long)k->u); break;
	case YV_FLOAT: hbuf_printf(&id, "f%a", k->f == 0 ? 0.0 : k->f); break;
	case YV_BOOL: hbuf_printf(&id, "b%d", k->b); break;
	default: hbuf_putc(&id, 'n'); break;
	}
	bool ok = hbuf_ok(&id);
	if (ok && hmap_get(y->seen, id.data, id.len)) {
		*fresh = false;
		hbuf_printf(&y->terrors, "\n  line %d: key ", val->line + 1);
		go_syntax(y, &y->terrors, kn, 0);
		hbuf_puts(&y->terrors, " already set in map");
	} else if (ok) {
		ok = hmap_set(y->seen, id.data, id.len, hv_nil());
	}
	hbuf_free(&id);
	return ok ? true : herr_nomem(y->err);
}

static bool is_merge(const ynode *k)
{
	return k->kind == YN_SCALAR && k->len == 2 && memcmp(k->val, "<<", 2) == 0 &&
	       (k->implicit || hyaml_tag_is(k->tag, "merge"));
}

/* decoder.mapping into an existing map: keys in document order, the last one wins. */
static bool fill_map(yload *y, ynode *n, hmap *m)
{
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		if (is_merge(n->kids[i])) {
			if (!merge(y, n->kids[i + 1], m))
				return false;
			continue;
		}
		hstr *key;
		hv v;
		yval kv = {0};
		y->cur_map = m;
		if (!decode_key(y, n->kids[i], n->kids[i + 1], &key, &kv))
			return false;

		/* A repeated key replaces its value, and with it an unsupported key inside: the
		 * JSON conversion only sees the map that remains. */
		const hstr *o = y->key_err_owner;
		if (y->key_err && y->key_err_map == m && o->len == key->len && !memcmp(o->data, key->data, o->len))
			y->key_err = NULL;
		const char *before = y->key_err;
		if (!decode(y, n->kids[i + 1], &v))
			return false;
		/* strict: the value is decoded (its own repeats reported) before the key is set */
		bool fresh = true;
		if (y->strict && !strict_new_key(y, m, n->kids[i], &kv, n->kids[i + 1], &fresh))
			return false;
		if (!before && y->key_err)
			y->key_err_map = m, y->key_err_owner = key;
		if (!hmap_set_str(m, key, v))
			return herr_nomem(y->err);
	}
	return true;
}

/* ---------------------------------------------------------------- entry points */

/* The text one attempt reads: the caller's, or a copy rewritten where libyaml refused what
 * goyaml.v2 reads (flow rules): a refused colon stands as a private-use rune the caller's
 * text does not contain, tag characters libyaml would not take become `~`. */
typedef struct ytext {
	const char *text;
	size_t len;
	char *copy;
	char rune[4]; /* room for hutf8_encode */
	unsigned tries;
} ytext;

#define REWRITE_BYTES (64u << 20) /* reading work allowed for retries, per document */
#define REWRITE_RETRIES 256

/* A stand-in rune absent from the caller's text, or false when there is none. */
static bool pick_rune(ytext *t)
{
	int32_t cp = hutf8_unused_private(t->text, t->len, 0);
	if (cp < 0)
		return false;
	hutf8_encode(cp, t->rune);
	return true;
}

/* After libyaml refused a ':' in a plain scalar, or a tag goyaml.v2 reads longer (tag_rest),
 * prepares the text for another attempt that reads as goyaml would. False: keep the error. */
static bool retry_rewrite(yload *y, ytext *t)
{
	if (t->tries >= REWRITE_RETRIES || t->len > REWRITE_BYTES / (t->tries + 1))
		return false;
	if (y->tag_to && y->tag_to <= t->len) {
		char *c = t->copy ? t->copy : malloc(t->len + 1);
		if (!c)
			return false;
		if (!t->copy)
			memcpy(c, t->text, t->len);
		memset(c + y->tag_from, '~', y->tag_to - y->tag_from);
		t->copy = c;
		t->text = c;
		t->tries++;
		htmpl_error_clear(y->err);
		return true;
	}
	if (!y->colon_refused)
		return false;
	if (!t->rune[0] && !pick_rune(t))
		return false;
	size_t at = mark_offset(y, y->colon_mark);
	if (at >= t->len || t->text[at] != ':')
		return false;
	char *c = malloc(t->len + 2);
	if (!c)
		return false;
	memcpy(c, t->text, at);
	memcpy(c + at, t->rune, 3);
	memcpy(c + at + 3, t->text + at + 1, t->len - at - 1);
	free(t->copy);
	t->copy = c;
	t->text = c;
	t->len += 2;
	t->tries++;
	htmpl_error_clear(y->err);
	return true;
}

static bool start(yload *y, harena *a, const ytext *tx, uint64_t max_nodes, herr *err)
{
	const char *text = tx->text;
	size_t len = tx->len;
	memset(y, 0, sizeof *y);
	y->a = a, y->err = err, y->max_nodes = max_nodes ? max_nodes : UINT64_MAX;
	if (tx->tries)
		memcpy(y->colon_rune, tx->rune, 3);
	if (!yaml_parser_initialize(&y->p))
		return herr_nomem(err);
	if (len == 0) /* goyaml.v2 newParser */
		text = "\n", len = 1;
	y->src = text, y->srclen = len;
	if (len >= 2 && ((unsigned char)text[0] == 0xFF || (unsigned char)text[0] == 0xFE))
		y->srclen = 0; /* UTF-16 (libyaml converts it): byte offsets do not follow marks */
	yaml_parser_set_input_string(&y->p, (const unsigned char *)text, len);
	yaml_event_type_t t;
	if (!peek(y, &t))
		return false;
	consume(y); /* STREAM-START */
	return true;
}

static void finish(yload *y)
{
	consume(y);
	yaml_parser_delete(&y->p);
	anchors_clear(y);
}

/* Decodes one parsed document and reports the JSON conversion errors in Helm's order:
 * map keys first (convertToJSONableObject), then unsupported floats (json.Marshal). */
static bool load_doc(yload *y, hv *out)
{
	ynode *root;
	if (!parse_document(y, &root))
		return false;
	y->decode_count = y->alias_count = 0;
	y->key_err = y->conv_err = NULL;
	y->depth = 0;
	if (!decode(y, root, out))
		return false;
	if (y->terrors.len) { /* yaml.TypeError of UnmarshalStrict, before the JSON conversion */
		if (!hbuf_ok(&y->terrors))
			return herr_nomem(y->err);
		return herr_set(y->err, HTMPL_ERR_YAML, PREFIX "yaml: unmarshal errors:%s",
		                hbuf_cstr(&y->terrors));
	}
	if (y->key_err)
		return fail(y, HTMPL_ERR_YAML, y->key_err);
	if (y->conv_err)
		return fail(y, HTMPL_ERR_YAML, y->conv_err);
	return true;
}

/* htmpl_error.line for a YAML error: the line goyaml.v2 put in the message (`yaml: line 3:
 * ...`), so a caller's position agrees with the text it shows (goyaml's own numbering, which
 * for some errors is one off the offending line; the goldens pin the texts). */
static void line_from_message(herr *err)
{
	const char *p = err && err->code == HTMPL_ERR_YAML && !err->line && err->message
	                        ? strstr(err->message, "yaml: line ")
	                        : NULL;
	if (p)
		err->line = atoi(p + 11);
}

static bool load_first(harena *a, const char *text, size_t len, uint64_t max_nodes, bool strict,
                       hv *out, herr *err)
{
	ytext tx = {.text = text, .len = len};
	bool ok, again;
	do {
		yload y;
		yaml_event_type_t t;
		*out = hv_nil();
		ok = start(&y, a, &tx, max_nodes, err) && peek(&y, &t);
		y.strict = strict;
		if (ok && t == YAML_DOCUMENT_START_EVENT)
			ok = load_doc(&y, out);
		hbuf_free(&y.terrors);
		again = !ok && retry_rewrite(&y, &tx);
		finish(&y);
	} while (again);
	free(tx.copy);
	if (!ok) {
		*out = hv_nil(); /* sigs.k8s.io/yaml decodes nothing when the conversion fails */
		line_from_message(err);
	}
	return ok;
}

bool hyaml_load_limit(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                      herr *err)
{
	return load_first(a, text, len, max_nodes, false, out, err);
}

bool hyaml_load_strict(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                       herr *err)
{
	return load_first(a, text, len, max_nodes, true, out, err);
}

bool hyaml_load(harena *a, const char *text, size_t len, hv *out, herr *err)
{
	return hyaml_load_limit(a, text, len, HYAML_DEFAULT_MAX_NODES, out, err);
}

bool hyaml_load_all_limit(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                          herr *err)
{
	ytext tx = {.text = text, .len = len};
	bool ok, again;
	do {
		yload y;
		yaml_event_type_t t;
		hlist *l = hlist_new(a, 1);
		if (!l) {
			free(tx.copy);
			return herr_nomem(err);
		}
		*out = hv_of_list(HT_LIST, l);
		ok = start(&y, a, &tx, max_nodes, err);
		while (ok && (ok = peek(&y, &t)) && t == YAML_DOCUMENT_START_EVENT) {
			hv d;
			anchors_clear(&y);
			ok = load_doc(&y, &d) && (hlist_push(l, d) || herr_nomem(err));
		}
		again = !ok && retry_rewrite(&y, &tx);
		finish(&y);
	} while (again);
	free(tx.copy);
	return ok;
}

bool hyaml_load_all(harena *a, const char *text, size_t len, hv *out, herr *err)
{
	return hyaml_load_all_limit(a, text, len, HYAML_DEFAULT_MAX_NODES, out, err);
}

bool hyaml_load_map(harena *a, const char *text, size_t len, uint64_t max_nodes,
                    const char *go_type, hv *out, herr *err)
{
	if (!hyaml_load_limit(a, text, len, max_nodes, out, err))
		return false;
	if (out->type == HT_MAP)
		return true;
	bool isnil = out->type == HT_NIL;
	const char *kind = hjson_kind(out);
	hmap *m = hmap_new(a, 0);
	if (!m)
		return herr_nomem(err);
	*out = hv_of_map(HT_MAP, m);
	if (isnil)
		return true;
	return herr_set(err, HTMPL_ERR_YAML,
	                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type %s",
	                kind, go_type);
}

bool hyaml_load_list(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                     herr *err)
{
	if (!hyaml_load_limit(a, text, len, max_nodes, out, err))
		return false;
	if (out->type == HT_LIST)
		return true;
	bool isnil = out->type == HT_NIL;
	const char *kind = hjson_kind(out);
	hlist *l = hlist_new(a, 0);
	if (!l)
		return herr_nomem(err);
	*out = hv_of_list(HT_LIST, l);
	if (isnil)
		return true;
	return herr_set(err, HTMPL_ERR_YAML,
	                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type []interface {}",
	                kind);
}
