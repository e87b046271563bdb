/* semver.c - Masterminds/semver v3.3.0 (version.go NewVersion/Compare, constraints.go
 * NewConstraint/Check) for Sprig's semver functions and Helm's chart checks.
 *
 * The upstream parser is made of regular expressions, and its odd corners (an `x` inside a
 * number, `||` splitting before validation, range rewriting by text replacement) follow from
 * them. So the constraint expressions are run here through PCRE2, whose leftmost-first
 * matching is what Go's regexp promises (a version alone is read by hand: match_version). Two adjustments keep them equal to Go's: `\s` is spelled
 * `[\t\n\f\r ]` (PCRE's \s also takes \v) and `$` only matches at the very end. */
#include "core/semver.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#define WS "[\\t\\n\\f\\r ]"
#define CV_RE                                                                              \
	"v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"                             \
	"(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
#define OPS_RE "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^"

static const char constraint_re[] = "^" WS "*(" OPS_RE ")" WS "*(" CV_RE ")" WS "*$";
static const char range_re[] = WS "*(" CV_RE ")" WS "+-" WS "+(" CV_RE ")" WS "*";
static const char find_re[] = "(" OPS_RE ")" WS "*(" CV_RE ")";
static const char valid_re[] = "^(" WS "*(" OPS_RE ")" WS "*(" CV_RE ")" WS "*)((?:" WS "+|," WS
                               "*)(" OPS_RE ")" WS "*(" CV_RE ")" WS "*)*$";

/* ------------------------------------------------------------------ regex helper */

typedef struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
} rx;

static bool rx_open(rx *r, const char *pattern)
{
	int ec;
	PCRE2_SIZE eo;
	r->md = NULL;
	r->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_DOLLAR_ENDONLY, &ec,
	                        &eo, NULL);
	if (!r->code)
		return false;
	r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
	if (!r->md) {
		pcre2_code_free(r->code);
		return false;
	}
	return true;
}

static void rx_close(rx *r)
{
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
}

/* Matches from offset: 1 match, 0 none, -1 PCRE2 could not run (out of memory for its
 * backtracking frames, or a limit): the callers report that as out of memory, never as a
 * constraint that does not hold. */
static int rx_match(rx *r, const char *s, size_t n, size_t from)
{
	int rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, from, 0, r->md, NULL);
	return rc > 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

typedef struct span {
	const char *p;
	size_t n;
} span;

/* Group g of the last match; an unset group is the empty span. */
static span grp(const rx *r, const char *subject, int g)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
	span s = {"", 0};
	if ((uint32_t)g < pcre2_get_ovector_count(r->md) && ov[2 * g] != PCRE2_UNSET) {
		s.p = subject + ov[2 * g];
		s.n = ov[2 * g + 1] - ov[2 * g];
	}
	return s;
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
static bool parse_cons(rx *cre, span text, cons *c, herr *err)
{
	int m = rx_match(cre, text.p, text.n, 0);
	if (m < 0)
		return herr_nomem(err);
	if (!m)
		return herr_set(err, HTMPL_ERR_USAGE, "improper constraint: %.*s", (int)text.n, text.p);
	span op = grp(cre, text.p, 1), whole = grp(cre, text.p, 2), maj = grp(cre, text.p, 3);
	span min = grp(cre, text.p, 4), pat = grp(cre, text.p, 5), dpre = grp(cre, text.p, 6);
	span pre = grp(cre, text.p, 7);
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

typedef struct crx {
	rx range, valid, find, cons;
	bool v34; /* Masterminds/semver v3.4.0 (helm 4) */
} crx;

/* rewriteRange: each `a - b` becomes `>= a, <= b `, replacing the first occurrence of the
 * matched text (as strings.Replace does, which is not always the matched place). */
static bool rewrite_ranges(crx *r, const char *s, size_t n, hbuf *o)
{
	hbuf_put(o, s, n);
	for (size_t pos = 0; pos < n;) {
		int m = rx_match(&r->range, s, n, pos);
		if (m < 0)
			return false;
		if (!m)
			break;
		span all = grp(&r->range, s, 0), a = grp(&r->range, s, 1), b = grp(&r->range, s, 11);
		pos = (size_t)(all.p - s) + all.n;
		if (!all.n)
			pos++;
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
static bool run_group(crx *r, span g, const hsemver *v, bool eval, bool *all, herr *err)
{
	int valid = rx_match(&r->valid, g.p, g.n, 0);
	if (valid <= 0)
		return valid < 0 ? herr_nomem(err)
		                 : herr_set(err, HTMPL_ERR_USAGE, "improper constraint: %.*s",
		                            (int)g.n, g.p);
	*all = true;
	int include_pre = -1;
	for (size_t pos = 0; r->v34 && eval && pos < g.n;) { /* containsPre of the group */
		int found = rx_match(&r->find, g.p, g.n, pos);
		if (found < 0)
			return herr_nomem(err);
		if (!found)
			break;
		span m = grp(&r->find, g.p, 0);
		pos = (size_t)(m.p - g.p) + (m.n ? m.n : 1);
		cons c;
		if (!parse_cons(&r->cons, m, &c, err))
			return false;
		include_pre = include_pre == 1 || c.con.pre_len ? 1 : 0;
	}
	if (r->v34 && include_pre < 0)
		include_pre = 0;
	for (size_t pos = 0; pos < g.n;) {
		int found = rx_match(&r->find, g.p, g.n, pos);
		if (found < 0)
			return herr_nomem(err);
		if (!found)
			break;
		span m = grp(&r->find, g.p, 0);
		pos = (size_t)(m.p - g.p) + (m.n ? m.n : 1);
		cons c;
		if (!parse_cons(&r->cons, m, &c, err))
			return false;
		if (eval && *all && !check_one(v, &c, include_pre))
			*all = false;
	}
	return true;
}

static bool run_all(crx *r, const hbuf *o, const hsemver *v, bool eval, bool *ok, herr *err)
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
		if (!run_group(r, g, v, eval, &all, err))
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

static bool crx_open(crx *r)
{
	rx *all[] = {&r->range, &r->valid, &r->find, &r->cons};
	const char *pats[] = {range_re, valid_re, find_re, constraint_re};
	for (size_t i = 0; i < 4; i++)
		if (!rx_open(all[i], pats[i])) {
			while (i--)
				rx_close(all[i]);
			return false;
		}
	return true;
}

bool hsemver_check(const char *constraint, size_t len, const hsemver *v, bool *ok, herr *err)
{
	return hsemver_check_v34(constraint, len, v, false, ok, err);
}

bool hsemver_check_v34(const char *constraint, size_t len, const hsemver *v, bool v34, bool *ok,
                       herr *err)
{
	crx r;
	*ok = false;
	if (!crx_open(&r))
		return herr_nomem(err);
	r.v34 = v34;
	hbuf o = HBUF_INIT;
	bool good = rewrite_ranges(&r, constraint, len, &o) || herr_nomem(err);
	/* every alternative must parse before any is checked, as NewConstraint comes first */
	good = good && run_all(&r, &o, v, false, ok, err) && run_all(&r, &o, v, true, ok, err);
	hbuf_free(&o);
	rx_close(&r.range), rx_close(&r.valid), rx_close(&r.find), rx_close(&r.cons);
	return good;
}

void hsemver_v34_text(char *msg, size_t n)
{
	for (size_t i = 0; i < n && msg[i] != ':'; i++)
		if (msg[i] >= 'A' && msg[i] <= 'Z')
			msg[i] = (char)(msg[i] - 'A' + 'a');
}
