/* manifest_head.c - kind and helm.sh/hook of a rendered manifest, read without a YAML load,
 * for releaseutil.SortManifests (Helm pkg/releaseutil/manifest_sorter.go).
 *
 * Helm decodes each document into SimpleHead with sigs.k8s.io/yaml, so the whole document is
 * parsed; on a chart like kube-prometheus-stack that second parse of the output was a fifth
 * of the render. This file recognises a plain block subset of YAML line by line and gives
 * up (returns false) on anything outside it; the caller then loads the document as before.
 * The subset is chosen so that being in it proves libyaml and goyaml.v2 accept the document
 * and the JSON round trip cannot fail:
 *   - bytes: printable ASCII, newline, and UTF-8 printable by libyaml's rule (no tab, CR,
 *     NEL, LS, PS, BOM, C0/C1 controls, invalid sequences); no line opens with `---`, `...`
 *     or `%` (markers and directives);
 *   - block mappings whose keys are plain `[A-Za-z0-9_./-]` words (not null, starting with
 *     a letter, `_` or `/`) or quoted without escapes, then `:` and a space or the end of the line;
 *   - block sequences `- `, also holding a compact mapping (`- key: v`), not `- - x`;
 *   - values on one line: plain scalars starting with a letter, digit or one of `/_$(=~^;\)`
 *     (so no `.inf`, `+.inf`, `-.nan`, `<<`, tags, anchors, aliases or flow collections),
 *     holding no `: ` nor a final `:`; quoted scalars closed on their line with known escapes;
 *     `{}` and `[]`; block scalars `|` `>` with optional chomping (no indentation digit);
 *   - indentation that matches an open collection exactly, and nothing deeper than 200.
 * kind and the hook text are only taken from plain scalars that resolve to strings (a letter
 * first, not a YAML 1.1 bool or null word) or quotes without escapes; any other form falls
 * back. Comments may follow any value, or fill a line. */
#include "helm/manifest_head.h"

#include "core/utf8.h"

#include <string.h>

#define MAX_DEPTH 200
#define MAX_KEY 1000          /* libyaml's simple keys end at 1024 characters */
#define MAX_LEN (4u << 20)     /* far below the YAML node limit, so it cannot apply */

enum { V_NULL, V_SCALAR, V_MAP, V_SEQ };
enum { R_OTHER, R_TOP, R_META, R_ANN };

typedef struct val {
	int kind;
	bool str;      /* a scalar whose decoded text is p[0..n) and which resolves to a string */
	const char *p;
	size_t n;
} val;

typedef struct sc {
	const char *s;
	size_t len;
	size_t at; /* start of the next line to read */
	hmanifest_head_t *h;
} sc;

typedef struct line {
	size_t beg, eol, ind; /* start, end (before '\n'), spaces before the content */
	bool blank;           /* nothing but spaces */
} line;

/* ---------------------------------------------------------------- bytes and lines */

static bool bytes_ok(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\n') || c == 0x7f)
				return false;
			if ((i == 0 || s[i - 1] == '\n') &&
			    (c == '%' || (i + 3 <= len && (!memcmp(s + i, "---", 3) || !memcmp(s + i, "...", 3)))))
				return false;
			i++;
			continue;
		}
		int32_t r;
		size_t w = hutf8_decode(s + i, len - i, &r);
		if (r == HUTF8_ERROR || r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFEFF ||
		    r == 0xFFFE || r == 0xFFFF)
			return false;
		i += w;
	}
	return true;
}

static void line_at(const sc *c, size_t at, line *l)
{
	const char *nl = memchr(c->s + at, '\n', c->len - at);
	l->beg = at;
	l->eol = nl ? (size_t)(nl - c->s) : c->len;
	l->ind = 0;
	while (at + l->ind < l->eol && c->s[at + l->ind] == ' ')
		l->ind++;
	l->blank = at + l->ind == l->eol;
}

static size_t after(const sc *c, const line *l) { return l->eol < c->len ? l->eol + 1 : c->len; }

/* The next line with content (not blank, not a comment), without consuming it. */
static bool peek_content(sc *c, line *l)
{
	while (c->at < c->len) {
		line_at(c, c->at, l);
		if (!l->blank && c->s[l->beg + l->ind] != '#')
			return true;
		c->at = after(c, l);
	}
	return false;
}

static bool is_dash(const sc *c, const line *l)
{
	size_t p = l->beg + l->ind;
	return c->s[p] == '-' && (p + 1 == l->eol || c->s[p + 1] == ' ');
}

/* Only spaces, then the end or a comment, from p to eol. */
static bool rest_empty(const char *p, const char *eol)
{
	const char *q = p;
	while (q < eol && *q == ' ')
		q++;
	return q == eol || (*q == '#' && q > p);
}

/* ---------------------------------------------------------------- scalars */

static bool word_is(const char *p, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && !memcmp(*words, p, n))
			return true;
	return false;
}

static const char *const null_words[] = {"~", "null", "Null", "NULL", NULL};
static const char *const bool_words[] = {
	"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
	"false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", NULL};

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A quoted scalar at p (its quote char): the end (after the closing quote) or NULL. *plain
 * says the text between the quotes is the decoded value (no escape, no doubled quote). */
static const char *quoted(const char *p, const char *eol, bool *plain)
{
	char q = *p++;
	*plain = true;
	for (; p < eol; p++) {
		if (q == '\'' && *p == '\'') {
			if (p + 1 < eol && p[1] == '\'') {
				*plain = false;
				p++;
				continue;
			}
			return p + 1;
		}
		if (q == '"' && *p == '"')
			return p + 1;
		if (q == '"' && *p == '\\') {
			if (p + 1 >= eol || !strchr("\"\\/bfnrt0", p[1]))
				return NULL;
			*plain = false;
			p++;
		}
	}
	return NULL;
}

/* A key at p: true with its decoded text in *k and p past the ':' in *next. */
static bool key_at(const char *p, const char *eol, const char **k, size_t *kn, const char **next)
{
	const char *e;
	if (*p == '"' || *p == '\'') {
		bool plain;
		if (!(e = quoted(p, eol, &plain)) || !plain)
			return false;
		*k = p + 1, *kn = (size_t)(e - p) - 2;
	} else {
		if (!(is_alpha(*p) || *p == '_' || *p == '/'))
			return false;
		for (e = p; e < eol && (is_alpha(*e) || is_digit(*e) || strchr("_./-", *e)); e++)
			;
		*k = p, *kn = (size_t)(e - p);
		if (word_is(p, *kn, null_words))
			return false;
	}
	if (*kn > MAX_KEY || e >= eol || *e != ':' || (e + 1 < eol && e[1] != ' '))
		return false;
	*next = e + 1;
	return true;
}

/* A one-line plain scalar at p, its text without trailing spaces or comment in *v; false
 * when it is outside the subset (a number with an exponent may overflow to Inf, which the
 * JSON round trip rejects, so those fall back too). */
static bool plain(const char *p, const char *eol, val *v)
{
	char c1 = p + 1 < eol ? p[1] : ' ';
	if (!(is_alpha(*p) || is_digit(*p) || strchr("/_$(=~^;\\)", *p) ||
	      (*p == '-' && c1 != ' ' && c1 != '.') || (*p == ':' && c1 != ' ' && c1 != ':') ||
	      (*p == '.' && !strchr(" iInN", c1))))
		return false;
	const char *end = p;
	for (const char *q = p; q < eol; q++) {
		if (*q == ':' && (q + 1 == eol || q[1] == ' '))
			return false;
		if (*q == ' ' && q + 1 < eol && q[1] == '#')
			break;
		if (*q != ' ')
			end = q + 1;
	}
	size_t n = (size_t)(end - p);
	if ((is_digit(*p) || *p == '-' || *p == '.') && strspn(p, "0123456789+-._eE") >= n &&
	    (memchr(p, 'e', n) || memchr(p, 'E', n)))
		return false;
	if (word_is(p, n, null_words)) {
		*v = (val){V_NULL, true, "", 0};
		return true;
	}
	*v = (val){V_SCALAR, is_alpha(*p) && !word_is(p, n, bool_words), p, n};
	return true;
}

/* A flow collection on one line, at p ('[' or '{'): its end or NULL. Items are quoted
 * scalars, nested collections, or plain words of [A-Za-z0-9_./=-] (no `?` or `:`, where
 * goyaml.v2's flow rules differ from libyaml's, and no trailing comma). */
static const char *flow(const char *p, const char *eol, int depth)
{
	char close = *p == '[' ? ']' : '}';
	bool map = *p == '{';
	if (depth > MAX_DEPTH)
		return NULL;
	for (p++;;) {
		while (p < eol && *p == ' ')
			p++;
		if (p < eol && *p == close)
			return p + 1;
		for (int part = 0; part < (map ? 2 : 1); part++) {
			bool pl;
			if (p >= eol)
				return NULL;
			if (*p == '"' || *p == '\'') {
				p = quoted(p, eol, &pl);
			} else if (*p == '[' || *p == '{') {
				p = part == 0 && map ? NULL : flow(p, eol, depth + 1);
			} else {
				const char *b = p;
				if (!(is_alpha(*p) || is_digit(*p) || *p == '_' || *p == '/'))
					return NULL;
				while (p < eol && (is_alpha(*p) || is_digit(*p) || strchr("_./=-", *p)))
					p++;
				if ((is_digit(*b) || *b == '-' || *b == '.') && (memchr(b, 'e', (size_t)(p - b)) ||
				                                                memchr(b, 'E', (size_t)(p - b))))
					return NULL;
			}
			if (!p)
				return NULL;
			if (map && part == 0) {
				if (p + 1 >= eol || *p != ':' || p[1] != ' ')
					return NULL;
				for (p++; p < eol && *p == ' '; p++)
					;
			}
		}
		while (p < eol && *p == ' ')
			p++;
		if (p < eol && *p == close)
			return p + 1;
		if (p >= eol || *p != ',')
			return NULL;
		p++;
		while (p < eol && *p == ' ')
			p++;
		if (p < eol && *p == close)
			return NULL; /* a trailing comma */
	}
}

/* A block scalar: the header at p, then every line that belongs to it. parent is the
 * indentation of the collection holding it. */
static bool block_scalar(sc *c, const char *p, const char *eol, size_t parent)
{
	p++;
	if (p < eol && (*p == '-' || *p == '+'))
		p++;
	if (p < eol && *p != ' ')
		return false;
	if (!rest_empty(p, eol))
		return false;
	size_t lead = 0, ind = 0;
	line l;
	while (c->at < c->len) {
		line_at(c, c->at, &l);
		if (!l.blank) {
			ind = l.ind;
			break;
		}
		if (l.ind > lead)
			lead = l.ind;
		c->at = after(c, &l);
	}
	if (c->at >= c->len || ind <= parent)
		return lead == 0; /* empty; leading spaces would set libyaml's indentation */
	if (lead > ind)
		return false;
	while (c->at < c->len) {
		line_at(c, c->at, &l);
		if (!l.blank && l.ind < ind)
			break;
		c->at = after(c, &l);
	}
	return true;
}

/* ---------------------------------------------------------------- collections */

static bool map_at(sc *c, size_t col, const char *p, int depth, int role);
static bool seq_at(sc *c, size_t col, int depth);

/* The value of a key or entry: inline at p (the first non-space after `:` or `- `) or on
 * the next lines. parent is the indentation of the holding collection; in_map allows a
 * sequence at that same indentation (a mapping's value). */
static bool value(sc *c, const char *p, const char *eol, size_t parent, bool in_map, int depth,
                  int role, val *v)
{
	*v = (val){V_NULL, true, "", 0};
	if (depth > MAX_DEPTH)
		return false;
	if (p < eol && *p != '#') {
		line l;
		line_at(c, c->at, &l);
		c->at = after(c, &l);
		if (*p == '|' || *p == '>') {
			*v = (val){V_SCALAR, false, "", 0};
			return block_scalar(c, p, eol, parent);
		}
		if (*p == '"' || *p == '\'') {
			bool pl;
			const char *e = quoted(p, eol, &pl);
			if (!e || !rest_empty(e, eol) || (e < eol && *e != ' '))
				return false;
			*v = (val){V_SCALAR, pl, p + 1, (size_t)(e - p) - 2};
			return true;
		}
		if (*p == '{' || *p == '[') {
			/* the head is read from block collections only: `{}` is empty, but
			 * `annotations: {helm.sh/hook: x}` goes to the full load */
			bool empty = p + 1 < eol && p[1] == (*p == '{' ? '}' : ']');
			const char *e = role == R_OTHER || empty ? flow(p, eol, depth) : NULL;
			*v = (val){*p == '{' ? V_MAP : V_SEQ, false, "", 0};
			return e && rest_empty(e, eol) && (e == eol || *e == ' ');
		}
		return plain(p, eol, v);
	}
	line l;
	line_at(c, c->at, &l);
	c->at = after(c, &l);
	if (!peek_content(c, &l))
		return true;
	const char *q = c->s + l.beg + l.ind, *qe = c->s + l.eol, *k, *next;
	size_t kn;
	if (l.ind > parent || (in_map && l.ind == parent && is_dash(c, &l))) {
		if (is_dash(c, &l)) {
			v->kind = V_SEQ;
			return seq_at(c, l.ind, depth + 1);
		}
		if (l.ind == parent)
			return false;
		if (!key_at(q, qe, &k, &kn, &next)) /* a value on the next line, as `key:\n  {}` */
			return value(c, q, qe, parent, false, depth, role, v);
		v->kind = V_MAP;
		return map_at(c, l.ind, q, depth + 1, role);
	}
	return true;
}

static bool key_is(const char *k, size_t kn, const char *w)
{
	return strlen(w) == kn && !memcmp(k, w, kn);
}

/* Records what SimpleHead takes from one entry; false for a type mismatch, which the full
 * load reports as helm's error. */
static bool note(sc *c, int role, const char *k, size_t kn, const val *v)
{
	hmanifest_head_t *h = c->h;
	bool coll = v->kind == V_MAP || v->kind == V_SEQ;
	switch (role) {
	case R_TOP:
		if (key_is(k, kn, "kind")) {
			if (coll || !v->str)
				return false;
			h->kind = v->p, h->kind_len = v->n;
		} else if (key_is(k, kn, "apiVersion")) {
			return !coll;
		} else if (key_is(k, kn, "metadata")) {
			return v->kind == V_NULL || v->kind == V_MAP;
		}
		return true;
	case R_META:
		if (key_is(k, kn, "name"))
			return !coll;
		if (key_is(k, kn, "annotations"))
			return v->kind == V_NULL || v->kind == V_MAP;
		return true;
	case R_ANN:
		if (coll)
			return false;
		if (key_is(k, kn, "helm.sh/hook")) {
			if (!v->str)
				return false;
			h->has_hook = true;
			h->hook = v->p, h->hook_len = v->n;
		}
		return true;
	}
	return true;
}

/* The role of a key's value, and what a new value of that key forgets (a later duplicate
 * key replaces the earlier value, as goyaml.v2 sets map entries). */
static int child_role(sc *c, int role, const char *k, size_t kn)
{
	if (role == R_TOP && key_is(k, kn, "metadata")) {
		c->h->has_hook = false;
		return R_META;
	}
	if (role == R_META && key_is(k, kn, "annotations")) {
		c->h->has_hook = false;
		return R_ANN;
	}
	if (role == R_TOP && key_is(k, kn, "kind"))
		c->h->kind = "", c->h->kind_len = 0;
	return R_OTHER;
}

/* A block mapping whose first key is at p, column col, on the line at c->at. */
static bool map_at(sc *c, size_t col, const char *p, int depth, int role)
{
	for (;;) {
		line l;
		line_at(c, c->at, &l);
		const char *eol = c->s + l.eol, *k, *next;
		size_t kn;
		if (!key_at(p, eol, &k, &kn, &next))
			return false;
		while (next < eol && *next == ' ')
			next++;
		val v;
		int cr = child_role(c, role, k, kn);
		if (!value(c, next, eol, col, true, depth, cr, &v) || !note(c, role, k, kn, &v))
			return false;
		if (!peek_content(c, &l) || l.ind < col)
			return true;
		if (l.ind > col || is_dash(c, &l))
			return false;
		p = c->s + l.beg + l.ind;
	}
}

/* A block sequence whose first `-` is at column col of the line at c->at. */
static bool seq_at(sc *c, size_t col, int depth)
{
	for (;;) {
		line l;
		line_at(c, c->at, &l);
		const char *eol = c->s + l.eol, *p = c->s + l.beg + col + 1, *k, *next;
		size_t kn;
		while (p < eol && *p == ' ')
			p++;
		val v;
		if (p < eol && *p == '-' && (p + 1 == eol || p[1] == ' '))
			return false;
		if (p < eol && key_at(p, eol, &k, &kn, &next)) {
			if (!map_at(c, (size_t)(p - (c->s + l.beg)), p, depth + 1, R_OTHER))
				return false;
		} else if (!value(c, p, eol, col, false, depth, R_OTHER, &v)) {
			return false;
		}
		if (!peek_content(c, &l) || l.ind < col)
			return true;
		if (l.ind > col)
			return false;
		if (!is_dash(c, &l))
			return true;
	}
}

bool hmanifest_head(const char *s, size_t len, hmanifest_head_t *h)
{
	*h = (hmanifest_head_t){"", 0, false, "", 0};
	if (len > MAX_LEN || !bytes_ok(s, len))
		return false;
	sc c = {s, len, 0, h};
	line l;
	if (!peek_content(&c, &l))
		return true; /* only comments: a null document, kind "" */
	if (l.ind != 0 || is_dash(&c, &l))
		return false;
	if (!map_at(&c, 0, s + l.beg, 0, R_TOP))
		return false;
	return !peek_content(&c, &l);
}
