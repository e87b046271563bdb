/* ignore.c - .helmignore rules as Helm's pkg/ignore/rules.go applies them when a chart
 * directory is loaded, and Go's path/filepath.Match (match.go) which those rules use.
 *
 * Match is reproduced with its quirks: `*` never crosses '/', a trailing `*` matches the rest
 * unless it holds '/', `[^a-z]`/`[a-z]` classes, backslash escapes, and a syntax error is only
 * reported for the parts of the pattern Go actually scans. */
#include "helm/ignore.h"

#include "core/utf8.h"

#include <string.h>

/* ------------------------------------------------------------------ filepath.Match */

/* utf8.DecodeRuneInString (n > 0): an invalid byte is U+FFFD of width 1. */
static int32_t rune_at(const char *s, size_t n, size_t *w)
{
	int32_t r;
	*w = hutf8_decode(s, n, &r);
	return r;
}

/* scanChunk: leading stars, then up to the next '*' outside a class. */
static void scan_chunk(const char **p, size_t *pn, bool *star, const char **chunk, size_t *cn)
{
	const char *s = *p;
	size_t n = *pn, i = 0;
	*star = false;
	while (n && *s == '*')
		s++, n--, *star = true;
	bool inrange = false;
	for (; i < n; i++) {
		if (s[i] == '\\') {
			if (i + 1 < n)
				i++;
		} else if (s[i] == '[') {
			inrange = true;
		} else if (s[i] == ']') {
			inrange = false;
		} else if (s[i] == '*' && !inrange) {
			break;
		}
	}
	*chunk = s, *cn = i;
	*p = s + i, *pn = n - i;
}

/* getEsc */
static bool get_esc(const char **c, size_t *cn, int32_t *r)
{
	const char *s = *c;
	size_t n = *cn, w;
	if (!n || *s == '-' || *s == ']')
		return false;
	if (*s == '\\') {
		s++, n--;
		if (!n)
			return false;
	}
	*r = rune_at(s, n, &w);
	if (*r == 0xFFFD && w == 1)
		return false;
	s += w, n -= w;
	*c = s, *cn = n;
	return n > 0;
}

static int match_class(const char **c, size_t *cn, bool failed, int32_t r, bool *fail_out)
{
	const char *ch = *c + 1;
	size_t n = *cn - 1;
	bool negated = false, match = false;
	if (n && *ch == '^')
		negated = true, ch++, n--;
	for (int nrange = 0;; nrange++) {
		if (n && *ch == ']' && nrange > 0) {
			ch++, n--;
			break;
		}
		int32_t lo, hi;
		if (!get_esc(&ch, &n, &lo))
			return -1;
		hi = lo;
		if (*ch == '-') {
			ch++, n--;
			if (!get_esc(&ch, &n, &hi))
				return -1;
		}
		if (lo <= r && r <= hi)
			match = true;
	}
	if (match == negated)
		failed = true;
	*fail_out = failed;
	*c = ch, *cn = n;
	return 0;
}

/* matchChunk: 1 and *rest on a match, 0 on none, -1 on a bad pattern. */
static int match_chunk(const char *c, size_t cn, const char *s, size_t sn, size_t *rest)
{
	bool failed = false;
	size_t w;
	while (cn) {
		if (!failed && !sn)
			failed = true;
		if (*c == '[') {
			int32_t r = 0;
			if (!failed) {
				r = rune_at(s, sn, &w);
				s += w, sn -= w;
			}
			if (match_class(&c, &cn, failed, r, &failed) < 0)
				return -1;
			continue;
		}
		if (*c == '?') {
			if (!failed) {
				if (*s == '/')
					failed = true;
				rune_at(s, sn, &w);
				s += w, sn -= w;
			}
			c++, cn--;
			continue;
		}
		if (*c == '\\') {
			c++, cn--;
			if (!cn)
				return -1;
		}
		if (!failed) {
			if (*c != *s)
				failed = true;
			s++, sn--;
		}
		c++, cn--;
	}
	if (failed)
		return 0;
	*rest = sn;
	return 1;
}

/* Checks the rest of the pattern for syntax errors, as Match does before returning false. */
static int rest_valid(const char *p, size_t pn)
{
	while (pn) {
		bool star;
		const char *c;
		size_t cn, rest;
		scan_chunk(&p, &pn, &star, &c, &cn);
		if (match_chunk(c, cn, "", 0, &rest) < 0)
			return -1;
	}
	return 0;
}

int hignore_fnmatch(const char *p, size_t pn, const char *s, size_t sn)
{
	while (pn) {
		bool star;
		const char *c;
		size_t cn, rest;
		scan_chunk(&p, &pn, &star, &c, &cn);
		if (star && !cn)
			return memchr(s, '/', sn) ? 0 : 1;
		int m = match_chunk(c, cn, s, sn, &rest);
		if (m == 1 && (rest == 0 || pn > 0)) {
			s += sn - rest, sn = rest;
			continue;
		}
		if (m < 0)
			return -1;
		bool found = false;
		if (star) {
			for (size_t i = 0; i < sn && s[i] != '/'; i++) {
				m = match_chunk(c, cn, s + i + 1, sn - i - 1, &rest);
				if (m == 1) {
					if (pn == 0 && rest > 0)
						continue;
					s += sn - rest, sn = rest;
					found = true;
					break;
				}
				if (m < 0)
					return -1;
			}
		}
		if (found)
			continue;
		return rest_valid(p, pn) < 0 ? -1 : 0;
	}
	return sn == 0;
}

/* ------------------------------------------------------------------ rules */

void hignore_init(hignore *r, harena *a)
{
	memset(r, 0, sizeof *r);
	r->arena = a;
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

bool hignore_add(hignore *r, const char *line, size_t len, herr *err)
{
	/* strings.TrimSpace (ASCII spaces; other Unicode spaces are rare enough in rules) */
	while (len && is_space(*line))
		line++, len--;
	while (len && is_space(line[len - 1]))
		len--;
	if (!len || *line == '#')
		return true;
	for (size_t i = 0; i + 1 < len; i++)
		if (line[i] == '*' && line[i + 1] == '*')
			return herr_set(err, HTMPL_ERR_CHART,
					"double-star (**) syntax is not supported");
	if (hignore_fnmatch(line, len, "abc", 3) < 0)
		return herr_set(err, HTMPL_ERR_CHART, "syntax error in pattern");
	hignore_rule ru = {0};
	if (*line == '!')
		ru.negate = true, line++, len--;
	if (len && line[len - 1] == '/')
		ru.must_dir = true, len--;
	if (len && *line == '/') {
		ru.whole_path = true;
		line++, len--;
	} else if (memchr(line, '/', len)) {
		ru.whole_path = true;
	}
	if (!(ru.pat = harena_strndup(r->arena, line, len)))
		return herr_nomem(err);
	ru.len = len;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		hignore_rule *nr =
		    harena_realloc(r->arena, r->rules, r->cap * sizeof *nr, cap * sizeof *nr);
		if (!nr)
			return herr_nomem(err);
		r->rules = nr, r->cap = cap;
	}
	r->rules[r->n++] = ru;
	return true;
}

bool hignore_parse(hignore *r, const char *text, size_t len, herr *err)
{
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		text += 3, len -= 3;
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;
		if (!hignore_add(r, text, n, err))
			return false;
		if (!nl)
			break;
		text += n + 1, len -= n + 1;
	}
	return true;
}

static bool rule_matches(const hignore_rule *ru, const char *path)
{
	const char *name = path;
	if (!ru->whole_path) {
		/* filepath.Base: the last element (paths here never end with '/') */
		const char *slash = strrchr(path, '/');
		if (slash)
			name = slash + 1;
	}
	return hignore_fnmatch(ru->pat, ru->len, name, strlen(name)) == 1;
}

bool hignore_match_path(const hignore *r, const char *path, bool is_dir)
{
	if (!*path || !strcmp(path, ".") || !strcmp(path, "./"))
		return false;
	for (size_t i = 0; i < r->n; i++) {
		const hignore_rule *ru = &r->rules[i];
		if (ru->negate) {
			/* Helm: a negative rule that does not match ignores the path */
			if (ru->must_dir && !is_dir)
				return true;
			if (!rule_matches(ru, path))
				return true;
			continue;
		}
		if (ru->must_dir && !is_dir)
			continue;
		if (rule_matches(ru, path))
			return true;
	}
	return false;
}
