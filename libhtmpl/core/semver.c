/* semver.c - Masterminds/semver v3.3.0 (version.go NewVersion/Compare, constraints.go
 * NewConstraint/Check) for Sprig's semver functions and Helm's chart checks.
 *
 * The upstream parser is made of regular expressions, and its odd corners (an `x` inside a
 * number, `||` splitting before validation, range rewriting by text replacement) follow from
 * them. So the constraint expressions are scanned by hand exactly as Go's regexp matches
 * them (the constraint scanner below), and a version alone is read by match_version. */
#include "core/semver.h"

#include <string.h>

typedef struct span {
	const char *p;
	size_t n;
} span;

/* ------------------------------------------------------------------ constraint scanner */

/* Masterminds builds its constraint grammar from four regular expressions (WS is Go's `\s`,
 * `[\t\n\f\r ]`; D is the class `[0-9|x|X|\*]`, which holds a `|`; X is `[0-9A-Za-z-]`):
 *   CV    = v?(D+)(\.D+)?(\.D+)?(-(X+(\.X+)*))?(\+(X+(\.X+)*))?
 *   OPS   = =||!=|>|<|>=|=>|<=|=<|~|~>|\^             (the empty operator comes second)
 *   cons  = ^WS*(OPS)WS*(CV)WS*$         find = (OPS)WS*(CV)
 *   range = WS*(CV)WS+-WS+(CV)WS*        valid = ^item((WS+|,WS*)item)*$, item = WS*(OPS)WS*(CV)WS*
 * They are scanned here by hand, which costs nothing to set up (compiling them took most of
 * a semverCompare). Each piece is deterministic: a CV never holds a space, a comma or an
 * operator character, and every CV in these expressions is followed by one of those or by
 * the end, so the greedy CV is the only one that can match; an operator is followed by
 * optional space and a CV, which starts with `v` or D, so at most one alternative of OPS can
 * lead to a match, and trying them in Go's order picks the one leftmost-first matching picks.
 * Checked against the PCRE2 expressions this replaced: 1.6 M random constraints from operator,
 * space, comma, `||`, `-`, x and version pieces gave the same result and error text. */
static bool is_ws(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

static bool is_d(char c)
{
	return (c >= '0' && c <= '9') || c == '|' || c == 'x' || c == 'X' || c == '*';
}

static bool is_xid(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

static span sp(const char *s, size_t from, size_t to)
{
	return from < to ? (span){s + from, to - from} : (span){"", 0};
}

/* The groups of one CV match that the callers use; an absent group is the empty span. */
typedef struct cv {
	span whole, maj, min, pat, dpre, pre; /* min and pat keep their '.', dpre its '-' */
} cv;

/* (\.D+)? at i: its end, i when absent. */
static size_t dot_d(const char *s, size_t n, size_t i)
{
	if (i + 1 >= n || s[i] != '.' || !is_d(s[i + 1]))
		return i;
	for (i++; i < n && is_d(s[i]); i++)
		;
	return i;
}

/* (LEAD X+(\.X+)*)? at i: its end, i when absent. */
static size_t lead_ids(const char *s, size_t n, size_t i, char lead)
{
	if (i + 1 >= n || s[i] != lead || !is_xid(s[i + 1]))
		return i;
	for (i++;;) {
		while (i < n && is_xid(s[i]))
			i++;
		if (i + 1 >= n || s[i] != '.' || !is_xid(s[i + 1]))
			return i;
		i++;
	}
}

/* CV at s[i]: its end, or 0 (never the end of a CV, which is not empty) when none starts
 * there. g may be NULL. */
static size_t scan_cv(const char *s, size_t n, size_t i, cv *g)
{
	size_t m = i + (i < n && s[i] == 'v'), j = m;
	while (j < n && is_d(s[j]))
		j++;
	if (j == m)
		return 0;
	size_t e1 = dot_d(s, n, j), e2 = dot_d(s, n, e1), e3 = lead_ids(s, n, e2, '-');
	size_t e4 = lead_ids(s, n, e3, '+');
	if (g) {
		g->whole = sp(s, i, e4), g->maj = sp(s, m, j), g->min = sp(s, j, e1);
		g->pat = sp(s, e1, e2), g->dpre = sp(s, e2, e3), g->pre = sp(s, e2 + 1, e3);
	}
	return e4;
}

/* OPS WS* CV at s[i]: the end of the CV or 0, with the operator in *op (op, g may be NULL). */
static size_t scan_op_cv(const char *s, size_t n, size_t i, span *op, cv *g)
{
	static const char *const ops[] = {"=", "", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^"};
	for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
		size_t l = strlen(ops[k]), e;
		if (l > n - i || memcmp(s + i, ops[k], l) != 0)
			continue;
		if ((e = scan_cv(s, n, skip_ws(s, n, i + l), g))) {
			if (op)
				*op = sp(s, i, i + l);
			return e;
		}
	}
	return 0;
}

/* cons, anchored at both ends. */
static bool match_cons(const char *s, size_t n, span *op, cv *g)
{
	size_t e = scan_op_cv(s, n, skip_ws(s, n, 0), op, g);
	return e && skip_ws(s, n, e) == n;
}

/* find, the leftmost match at or after pos. */
static bool find_cons(const char *s, size_t n, size_t pos, span *m)
{
	for (size_t i = pos; i < n; i++) {
		size_t e = scan_op_cv(s, n, i, NULL, NULL);
		if (e) {
			*m = sp(s, i, e);
			return true;
		}
	}
	return false;
}

/* range, the leftmost match at or after pos: the whole match and its two versions. */
static bool find_range(const char *s, size_t n, size_t pos, span *all, span *a, span *b)
{
	for (size_t i = pos; i < n; i++) {
		cv ga, gb;
		size_t e = scan_cv(s, n, skip_ws(s, n, i), &ga), d, q, e2;
		if (!e || (d = skip_ws(s, n, e)) == e || d >= n || s[d] != '-')
			continue;
		if ((q = skip_ws(s, n, d + 1)) == d + 1 || !(e2 = scan_cv(s, n, q, &gb)))
			continue;
		*all = sp(s, i, skip_ws(s, n, e2));
		*a = ga.whole, *b = gb.whole;
		return true;
	}
	return false;
}

/* valid, anchored at both ends: items separated by space or by a comma. */
static bool match_valid(const char *s, size_t n)
{
	for (size_t i = 0;;) {
		size_t e = scan_op_cv(s, n, skip_ws(s, n, i), NULL, NULL);
		if (!e)
			return false;
		if ((i = skip_ws(s, n, e)) == n)
			return true;
		if (s[i] == ',')
			i++;
		else if (i == e)
			return false;
	}
}

/* ------------------------------------------------------------------ versions */

static bool all_in(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return false;
	return true;
}

#define NUM "0123456789"
#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" NUM

/* strconv.ParseUint(s, 10, 64) over digits the regex already checked. */
static bool parse_u64(span s, uint64_t *out, hbuf *why)
{
	uint64_t v = 0;
	for (size_t i = 0; i < s.n; i++) {
		unsigned d = (unsigned)(s.p[i] - '0');
		if (d > 9 || v > (UINT64_MAX - d) / 10) {
			if (why) {
				hbuf_puts(why, "Error parsing version segment: strconv.ParseUint: parsing \"");
				hbuf_put(why, s.p, s.n);
				hbuf_puts(why, d > 9 ? "\": invalid syntax" : "\": value out of range");
			}
			return false;
		}
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* validatePrerelease / validateMetadata: dot-separated identifiers. */
static const char *validate_ids(span s, bool pre)
{
	size_t i = 0;
	while (i <= s.n) {
		size_t j = i;
		while (j < s.n && s.p[j] != '.')
			j++;
		const char *p = s.p + i;
		size_t n = j - i;
		if (pre && all_in(p, n, NUM)) {
			if (n > 1 && p[0] == '0')
				return "Version segment starts with 0";
		} else if (!all_in(p, n, ALNUM)) {
			return pre ? "Invalid Prerelease string" : "Invalid Metadata string";
		}
		i = j + 1;
	}
	return NULL;
}

const char *hsemver_validate(const char *s, size_t n, bool prerelease)
{
	span sp = {s, n};
	return validate_ids(sp, prerelease);
}

static bool fail_msg(hbuf *why, const char *msg)
{
	if (why)
		hbuf_puts(why, msg);
	return false;
}

/* The groups of VERSION_RE, `^v?(\d+)(\.\d+)?(\.\d+)?(-IDS)?(\+IDS)?$` with IDS dot-separated
 * non-empty runs of [0-9A-Za-z-], read by hand: the expression is deterministic (no group
 * can end where another could start), so the greedy captures are the only ones, and a parse
 * that cannot run out of memory can never mistake an allocation failure for a bad version. */
static size_t run_of(const char *s, size_t n, size_t i, const char *set)
{
	size_t j = i;
	while (j < n && s[j] && strchr(set, s[j]))
		j++;
	return j - i;
}

/* IDS at s[i] (i just past the '-' or '+'): its length, 0 when it does not match. */
static size_t ids_len(const char *s, size_t n, size_t i)
{
	size_t j = i;
	for (;;) {
		size_t k = run_of(s, n, j, ALNUM);
		if (!k)
			return 0;
		j += k;
		if (j + 1 >= n || s[j] != '.' || !run_of(s, n, j + 1, ALNUM))
			return j - i;
		j++;
	}
}

static bool match_version(const char *s, size_t n, span *maj, span *min, span *pat, span *pre,
			  span *meta)
{
	size_t i = n && s[0] == 'v', k;
	span none = {"", 0}, *parts[] = {maj, min, pat};
	*min = *pat = *pre = *meta = none;
	if (!(k = run_of(s, n, i, NUM)))
		return false;
	*maj = (span){s + i, k};
	i += k;
	for (int p = 1; p < 3 && i + 1 < n && s[i] == '.' && (k = run_of(s, n, i + 1, NUM)); p++) {
		*parts[p] = (span){s + i + 1, k}; /* without the '.' */
		i += k + 1;
	}
	if (i < n && s[i] == '-' && (k = ids_len(s, n, i + 1))) {
		*pre = (span){s + i + 1, k};
		i += k + 1;
	}
	if (i < n && s[i] == '+' && (k = ids_len(s, n, i + 1))) {
		*meta = (span){s + i + 1, k};
		i += k + 1;
	}
	return i == n;
}

bool hsemver_parse_msg(const char *text, size_t len, hsemver *out, hbuf *why)
{
	span maj, min, pat, pre, meta;
	if (!match_version(text, len, &maj, &min, &pat, &pre, &meta))
		return fail_msg(why, "Invalid Semantic Version");
	memset(out, 0, sizeof *out);
	out->orig = text;
	out->orig_len = len;
	out->pre = pre.p;
	out->pre_len = pre.n;
	out->meta = meta.p;
	out->meta_len = meta.n;
	if (!parse_u64(maj, &out->major, why) || !parse_u64(min, &out->minor, why) ||
	    !parse_u64(pat, &out->patch, why))
		return false;
	const char *bad = pre.n ? validate_ids(pre, true) : NULL;
	if (!bad && meta.n)
		bad = validate_ids(meta, false);
	return bad ? fail_msg(why, bad) : true;
}

bool hsemver_parse(const char *text, size_t len, hsemver *out)
{
	return hsemver_parse_msg(text, len, out, NULL);
}

void hsemver_format(hbuf *b, const hsemver *v)
{
	hbuf_printf(b, "%llu.%llu.%llu", (unsigned long long)v->major, (unsigned long long)v->minor,
	            (unsigned long long)v->patch);
	if (v->pre_len) {
		hbuf_putc(b, '-');
		hbuf_put(b, v->pre, v->pre_len);
	}
	if (v->meta_len) {
		hbuf_putc(b, '+');
		hbuf_put(b, v->meta, v->meta_len);
	}
}

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

static bool as_uint(const char *p, size_t n, uint64_t *v)
{
	if (n == 0)
		return false;
	span s = {p, n};
	return all_in(p, n, NUM) && parse_u64(s, v, NULL);
}

/* comparePrePart: numbers before words, numbers numerically, words bytewise. */
static int cmp_pre_part(const char *s, size_t sn, const char *o, size_t on)
{
	if (sn == on && memcmp(s, o, sn) == 0)
		return 0;
	if (sn == 0)
		return -1;
	if (on == 0)
		return 1;
	uint64_t si = 0, oi = 0;
	bool snum = as_uint(s, sn, &si), onum = as_uint(o, on, &oi);
	if (!snum && !onum) {
		int c = memcmp(s, o, sn < on ? sn : on);
		return (c > 0 || (c == 0 && sn > on)) ? 1 : -1;
	}
	if (!onum)
		return -1;
	if (!snum)
		return 1;
	return si > oi ? 1 : -1;
}

/* comparePrerelease: part by part, a missing part counts as "". */
static int cmp_pre(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	for (;;) {
		size_t ie = i, je = j;
		while (ie < an && a[ie] != '.')
			ie++;
		while (je < bn && b[je] != '.')
			je++;
		int d = cmp_pre_part(i <= an ? a + i : "", i <= an ? ie - i : 0, j <= bn ? b + j : "",
		                     j <= bn ? je - j : 0);
		if (d)
			return d;
		i = ie + 1;
		j = je + 1;
		if (i > an && j > bn)
			return 0;
	}
}

int hsemver_compare(const hsemver *a, const hsemver *b)
{
	int d = cmp_u64(a->major, b->major);
	if (!d)
		d = cmp_u64(a->minor, b->minor);
	if (!d)
		d = cmp_u64(a->patch, b->patch);
	if (d)
		return d;
	if (!a->pre_len && !b->pre_len)
		return 0;
	if (!a->pre_len)
		return 1;
	if (!b->pre_len)
		return -1;
	return cmp_pre(a->pre, a->pre_len, b->pre, b->pre_len);
}

/* ------------------------------------------------------------------ constraints */

enum { OP_TILDE_EQ, OP_NE, OP_GT, OP_LT, OP_GE, OP_LE, OP_TILDE, OP_CARET };

typedef struct cons {
	int op;
	hsemver con;
	bool dirty, minor_dirty, patch_dirty;
} cons;

static bool is_x(span s)
{
	return s.n == 1 && (s.p[0] == 'x' || s.p[0] == 'X' || s.p[0] == '*');
}

static int op_of(span s)
{
	static const struct {
		const char *text;
		int op;
	} ops[] = {{"", OP_TILDE_EQ}, {"=", OP_TILDE_EQ}, {"!=", OP_NE}, {">", OP_GT},
	           {"<", OP_LT},      {">=", OP_GE},      {"=>", OP_GE}, {"<=", OP_LE},
	           {"=<", OP_LE},     {"~", OP_TILDE},    {"~>", OP_TILDE}, {"^", OP_CARET}};
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (strlen(ops[i].text) == s.n && memcmp(ops[i].text, s.p, s.n) == 0)
			return ops[i].op;
	return OP_TILDE_EQ;
}

static span drop_dot(span s)
{
	if (s.n && s.p[0] == '.')
		s.p++, s.n--;
	return s;
}

/* parseConstraint: x, X, star or a missing part makes the constraint "dirty" from there on, and
 * its version is completed with zeros. */
static bool parse_cons(span text, cons *c, herr *err)
{
	span op;
	cv g;
	if (!match_cons(text.p, text.n, &op, &g))
		return herr_set(err, HTMPL_ERR_USAGE, "improper constraint: %.*s", (int)text.n, text.p);
	span whole = g.whole, maj = g.maj, min = g.min, pat = g.pat, dpre = g.dpre, pre = g.pre;
	hbuf ver = HBUF_INIT;
	memset(c, 0, sizeof *c);
	c->op = op_of(op);
	if (is_x(maj) || !maj.n) {
		hbuf_puts(&ver, "0.0.0");
		c->dirty = true;
	} else if (is_x(drop_dot(min)) || !min.n) {
		hbuf_put(&ver, maj.p, maj.n);
		hbuf_puts(&ver, ".0.0");
		c->dirty = c->minor_dirty = true;
	} else if (is_x(drop_dot(pat)) || !pat.n) {
		hbuf_put(&ver, maj.p, maj.n);
		hbuf_put(&ver, min.p, min.n);
		hbuf_puts(&ver, ".0");
		c->dirty = c->patch_dirty = true;
	} else {
		hbuf_put(&ver, whole.p, whole.n);
	}
	if (c->dirty)
		hbuf_put(&ver, dpre.p, dpre.n);
	if (!hbuf_ok(&ver)) {
		hbuf_free(&ver);
		return herr_nomem(err);
	}
	bool ok = hsemver_parse(hbuf_cstr(&ver), ver.len, &c->con);
	hbuf_free(&ver);
	if (!ok)
		return herr_set(err, HTMPL_ERR_USAGE, "constraint Parser Error");
	/* the parsed strings pointed into ver; only the prerelease matters from here */
	c->con.pre = pre.p;
	c->con.pre_len = pre.n;
	c->con.meta = c->con.orig = "";
	c->con.meta_len = c->con.orig_len = 0;
	return true;
}

static bool check_tilde(const hsemver *v, const cons *c)
{
	if (hsemver_compare(v, &c->con) < 0)
		return false;
	if (!c->con.major && !c->con.minor && !c->con.patch && !c->minor_dirty && !c->patch_dirty)
		return true;
	if (v->major != c->con.major)
		return false;
	return v->minor == c->con.minor || c->minor_dirty;
}

static bool check_ne(const hsemver *v, const cons *c, bool v34)
{
	const hsemver *k = &c->con;
	if (c->dirty) {
		if (!v34 && v->pre_len && !k->pre_len) /* v3.4.0 tests this per group */
			return false;
		if (k->major != v->major)
			return true;
		if (k->minor != v->minor && !c->minor_dirty)
			return true;
		if (c->minor_dirty)
			return false;
		if (k->patch != v->patch && !c->patch_dirty)
			return true;
		if (c->patch_dirty) {
			if (v->pre_len || k->pre_len)
				return cmp_pre(v->pre, v->pre_len, k->pre, k->pre_len) != 0;
			return false;
		}
	}
	return hsemver_compare(v, k) != 0;
}

static bool check_gt(const hsemver *v, const cons *c)
{
	const hsemver *k = &c->con;
	if (!c->dirty)
		return hsemver_compare(v, k) > 0;
	if (v->major != k->major)
		return v->major > k->major;
	if (c->minor_dirty)
		return false;
	if (c->patch_dirty)
		return v->minor > k->minor;
	return hsemver_compare(v, k) > 0;
}

static bool check_le(const hsemver *v, const cons *c)
{
	const hsemver *k = &c->con;
	if (!c->dirty)
		return hsemver_compare(v, k) <= 0;
	if (v->major > k->major)
		return false;
	return !(v->major == k->major && v->minor > k->minor && !c->minor_dirty);
}

static bool check_caret(const hsemver *v, const cons *c)
{
	const hsemver *k = &c->con;
	if (hsemver_compare(v, k) < 0)
		return false;
	if (k->major > 0 || c->minor_dirty)
		return v->major == k->major;
	if (v->major > 0)
		return false;
	if (k->minor > 0 || c->patch_dirty)
		return v->minor == k->minor;
	if (v->minor > 0)
		return false;
	return v->patch == k->patch;
}

/* constraint.check; the error texts upstream builds are dropped by Check anyway.
 * include_pre < 0: v3.3.0's prerelease rule, per constraint; else v3.4.0's, decided for the
 * whole AND group (a constraint there with a prerelease lets prereleases in), != included
 * (semver/semver-compare-14). */
static bool check_one(const hsemver *v, const cons *c, int include_pre)
{
	/* the prerelease rule (Masterminds issue 21); v3.3.0's != applies it only when dirty */
	if (include_pre < 0 && c->op != OP_NE && v->pre_len && !c->con.pre_len)
		return false;
	if (include_pre == 0 && v->pre_len)
		return false;
	switch (c->op) {
	case OP_NE: return check_ne(v, c, include_pre >= 0);
	case OP_GT: return check_gt(v, c);
	case OP_LT: return hsemver_compare(v, &c->con) < 0;
	case OP_GE: return hsemver_compare(v, &c->con) >= 0;
	case OP_LE: return check_le(v, c);
	case OP_TILDE: return check_tilde(v, c);
	case OP_CARET: return check_caret(v, c);
	default: return c->dirty ? check_tilde(v, c) : hsemver_compare(v, &c->con) == 0;
	}
}

/* rewriteRange: each `a - b` becomes `>= a, <= b `, replacing the first occurrence of the
 * matched text (as strings.Replace does, which is not always the matched place). */
static bool rewrite_ranges(const char *s, size_t n, hbuf *o)
{
	hbuf_put(o, s, n);
	for (size_t pos = 0; pos < n;) {
		span all, a, b;
		if (!find_range(s, n, pos, &all, &a, &b))
			break;
		pos = (size_t)(all.p - s) + all.n;
		const char *at = o->len ? memmem(o->data, o->len, all.p, all.n) : NULL;
		if (!at)
			continue;
		hbuf t = HBUF_INIT;
		size_t off = (size_t)(at - o->data);
		hbuf_put(&t, o->data, off);
		hbuf_puts(&t, ">= ");
		hbuf_put(&t, a.p, a.n);
		hbuf_puts(&t, ", <= ");
		hbuf_put(&t, b.p, b.n);
		hbuf_putc(&t, ' ');
		hbuf_put(&t, o->data + off + all.n, o->len - off - all.n);
		if (!hbuf_ok(&t)) {
			hbuf_free(&t);
			return false;
		}
		hbuf_free(o);
		*o = t;
	}
	return hbuf_ok(o);
}

/* One `||` alternative: validated, then each constraint parsed and (when eval) checked. */
static bool run_group(span g, const hsemver *v, bool eval, bool v34, bool *all, herr *err)
{
	if (!match_valid(g.p, g.n))
		return herr_set(err, HTMPL_ERR_USAGE, "improper constraint: %.*s", (int)g.n, g.p);
	*all = true;
	int include_pre = -1; /* helm 3: no containsPre rule (check_one's own) */
	for (size_t pos = 0; v34 && eval && pos < g.n;) { /* v3.4's containsPre of the group */
		span m;
		if (!find_cons(g.p, g.n, pos, &m))
			break;
		pos = (size_t)(m.p - g.p) + m.n;
		cons c;
		if (!parse_cons(m, &c, err))
			return false;
		include_pre = include_pre == 1 || c.con.pre_len ? 1 : 0;
	}
	if (v34 && include_pre < 0)
		include_pre = 0;
	for (size_t pos = 0; pos < g.n;) {
		span m;
		if (!find_cons(g.p, g.n, pos, &m))
			break;
		pos = (size_t)(m.p - g.p) + m.n;
		cons c;
		if (!parse_cons(m, &c, err))
			return false;
		if (eval && *all && !check_one(v, &c, include_pre))
			*all = false;
	}
	return true;
}

static bool run_all(const hbuf *o, const hsemver *v, bool eval, bool v34, bool *ok, herr *err)
{
	const char *p = o->len ? o->data : "";
	size_t n = o->len, i = 0;
	*ok = false;
	for (;;) {
		size_t j = i;
		while (j < n && !(p[j] == '|' && j + 1 < n && p[j + 1] == '|'))
			j++;
		span g = {p + i, j - i};
		bool all = false;
		if (!run_group(g, v, eval, v34, &all, err))
			return false;
		if (eval && all) {
			*ok = true;
			return true;
		}
		if (j >= n)
			return true;
		i = j + 2;
	}
}

bool hsemver_check(const char *constraint, size_t len, const hsemver *v, bool *ok, herr *err)
{
	return hsemver_check_v34(constraint, len, v, false, ok, err);
}

bool hsemver_check_v34(const char *constraint, size_t len, const hsemver *v, bool v34, bool *ok,
                       herr *err)
{
	*ok = false;
	hbuf o = HBUF_INIT;
	bool good = rewrite_ranges(constraint, len, &o) || herr_nomem(err);
	/* every alternative must parse before any is checked, as NewConstraint comes first */
	good = good && run_all(&o, v, false, v34, ok, err) && run_all(&o, v, true, v34, ok, err);
	hbuf_free(&o);
	return good;
}

void hsemver_v34_text(char *msg, size_t n)
{
	for (size_t i = 0; i < n && msg[i] != ':'; i++)
		if (msg[i] >= 'A' && msg[i] <= 'Z')
			msg[i] = (char)(msg[i] - 'A' + 'a');
}
