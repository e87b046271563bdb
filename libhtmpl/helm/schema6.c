/* schema6.c - values.schema.json validation as helm 4.1.4 does it: santhosh-tekuri/jsonschema
 * v6 (validator.go), with its error tree and the text of ValidationError.Error() (output.go
 * display, kind/kind.go messages), as pkg/chart/common/util/jsonschema.go prints it:
 *
 *   - at '/db': missing properties 'port', 'user'
 *   - at '/db/host': got string, want integer
 *
 * One error per failing keyword, located by the instance's JSON pointer; a schema with more
 * than one error gives a `validation failed` group whose causes are printed two spaces deeper,
 * and so do allOf/anyOf/oneOf/contains (their branches' errors) and a $ref with more than one
 * cause. type, const and enum failures end their schema. Messages go through x/text's English
 * printer, so numbers read `1,500` and `1.5×10⁰⁶`.
 *
 * The keywords of each draft are v6's objcompiler.go: `$schema` picks draft-04/06/07,
 * 2019-09 or 2020-12 (the default); before 2019-09 a `$ref` hides its siblings; 2020-12 has
 * prefixItems/items, the older ones items/additionalItems. Not done: format assertion
 * (before 2019-09 v6 asserts formats), unevaluatedProperties/Items, $dynamicRef and
 * $recursiveRef, remote and $id-relative $refs. v6 walks an object's properties in Go map
 * order (random from run to run); this walks them sorted by name, as schema.c does for
 * helm 3. */
#include "helm/schema.h"
#include "helm/multipleof.h"

#include "core/regexp.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 200 };

/* A ValidationError: its instance location (a JSON pointer), message and causes. */
typedef struct verr {
	const char *loc;
	const char *msg;
	bool ref;   /* kind.Reference: not shown when it has one cause */
	bool group; /* kind.Group */
	struct verr **causes;
	size_t ncauses;
} verr;

/* The errors collected by one schema (validator.errors). */
typedef struct elist {
	verr **v;
	size_t n, cap;
} elist;

typedef struct vctx {
	harena *a;
	const hv *root;
	int draft; /* 4, 6, 7, 2019, 2020 */
	int depth;
	bool oom;
} vctx;

static const hv *key(const hv *s, const char *k)
{
	return hv_is_map(s) ? hmap_gets(s->m, k) : NULL;
}

static bool is_num(const hv *v)
{
	return v->type == HT_FLOAT64 || hv_is_int(v) || hv_is_uint(v);
}

static double num(const hv *v)
{
	if (v->type == HT_FLOAT64)
		return v->f;
	if (hv_is_uint(v))
		return (double)v->u;
	return (double)v->i;
}

static bool is_integral(const hv *v)
{
	return !(v->type == HT_FLOAT64) || (isfinite(v->f) && v->f == floor(v->f));
}

/* ------------------------------------------------------------------ messages */

/* kind.quote: %q, then every `\"` back to `"` and every `'` escaped, in single quotes. */
static void quote(hbuf *b, const char *s, size_t n)
{
	hbuf q = HBUF_INIT;
	hstrconv_quote(&q, s, n, false);
	const char *p = hbuf_cstr(&q);
	hbuf_putc(b, '\'');
	for (size_t i = 1; i + 1 < q.len; i++) {
		if (p[i] == '\\' && p[i + 1] == '"' && i + 2 < q.len)
			hbuf_putc(b, '"'), i++;
		else if (p[i] == '\'')
			hbuf_puts(b, "\\'");
		else
			hbuf_putc(b, p[i]);
	}
	hbuf_putc(b, '\'');
	hbuf_free(&q);
}

/* Digits with x/text's English grouping: `1,234,567`. */
static void grouped(hbuf *b, const char *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			hbuf_putc(b, ',');
		hbuf_putc(b, d[i]);
	}
}

/* %d through x/text's printer. */
static void put_int(hbuf *b, long long v)
{
	char t[32];
	int n = snprintf(t, sizeof t, "%lld", v < 0 ? -v : v);
	if (v < 0)
		hbuf_putc(b, '-');
	grouped(b, t, (size_t)n);
}

/* %v of a float64 through x/text's printer (fmtVariableFloat): the shortest digits, as a
 * grouped decimal when the exponent is in [-4, 6), else as d.ddd×10ⁿⁿ. */
static void put_float(hbuf *b, double v)
{
	static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
	if (v == 0 || !isfinite(v)) {
		if (!isfinite(v))
			hbuf_puts(b, isnan(v) ? "NaN" : v > 0 ? "∞" : "-∞");
		else
			hbuf_putc(b, '0');
		return;
	}
	hbuf e = HBUF_INIT;
	hstrconv_format_float(&e, fabs(v), 'e', -1);
	const char *p = hbuf_cstr(&e);
	char digits[40];
	size_t nd = 0;
	for (; *p && *p != 'e' && nd < sizeof digits; p++)
		if (*p >= '0' && *p <= '9')
			digits[nd++] = *p;
	int exp = *p == 'e' ? atoi(p + 1) : 0;
	hbuf_free(&e);
	if (v < 0)
		hbuf_putc(b, '-');
	if (exp < -4 || exp >= 6) {
		hbuf_putc(b, digits[0]);
		if (nd > 1) {
			hbuf_putc(b, '.');
			hbuf_put(b, digits + 1, nd - 1);
		}
		hbuf_puts(b, "×10");
		if (exp < 0)
			hbuf_puts(b, "⁻");
		int ae = exp < 0 ? -exp : exp;
		char t[8];
		int tn = snprintf(t, sizeof t, "%02d", ae);
		for (int i = 0; i < tn; i++)
			hbuf_puts(b, sup[t[i] - '0']);
		return;
	}
	if (exp < 0) {
		hbuf_putc(b, '0');
		hbuf_putc(b, '.');
		for (int i = -1; i > exp; i--)
			hbuf_putc(b, '0');
		hbuf_put(b, digits, nd);
		return;
	}
	size_t ni = (size_t)exp + 1;
	char ip[40];
	for (size_t i = 0; i < ni; i++)
		ip[i] = i < nd ? digits[i] : '0';
	grouped(b, ip, ni);
	if (nd > ni) {
		hbuf_putc(b, '.');
		hbuf_put(b, digits + ni, nd - ni);
	}
}

/* kind.display: a string quoted, a container as `value`, else %v (plain fmt, not x/text). */
static void display(hbuf *b, const hv *v)
{
	if (v->type == HT_STRING)
		quote(b, v->s->data, v->s->len);
	else if (hv_is_list(v) || hv_is_map(v))
		hbuf_puts(b, "value");
	else if (hv_is_nil(v))
		hbuf_puts(b, "<nil>");
	else if (v->type == HT_BOOL)
		hbuf_puts(b, v->b ? "true" : "false");
	else if (v->type == HT_FLOAT64)
		hstrconv_format_float(b, v->f, 'g', -1);
	else if (hv_is_uint(v))
		hbuf_printf(b, "%llu", (unsigned long long)v->u);
	else if (hv_is_int(v))
		hbuf_printf(b, "%lld", (long long)v->i);
}

/* joinQuoted(arr, ", ") */
static void join_quoted(hbuf *b, const char *const *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			hbuf_puts(b, ", ");
		quote(b, s[i], strlen(s[i]));
	}
}

/* ------------------------------------------------------------------ the error tree */

static verr *mk(vctx *x, const char *loc, hbuf *msg)
{
	verr *e = harena_zalloc(x->a, sizeof *e);
	char *m = hbuf_ok(msg) ? harena_strndup(x->a, hbuf_cstr(msg), msg->len) : NULL;
	hbuf_free(msg);
	if (!e || !m) {
		x->oom = true;
		return NULL;
	}
	e->loc = loc;
	e->msg = m;
	return e;
}

static verr *mks(vctx *x, const char *loc, const char *text)
{
	hbuf b = HBUF_INIT;
	hbuf_puts(&b, text);
	return mk(x, loc, &b);
}

static void add(vctx *x, elist *l, verr *e)
{
	if (!e)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		verr **v = harena_realloc(x->a, l->v, l->cap * sizeof *v, cap * sizeof *v);
		if (!v) {
			x->oom = true;
			return;
		}
		l->v = v, l->cap = cap;
	}
	l->v[l->n++] = e;
}

/* addErrors: an error of its own with the branches' errors as causes. */
static void add_with(vctx *x, elist *l, const char *loc, const char *text, elist *causes)
{
	verr *e = mks(x, loc, text);
	if (e)
		e->causes = causes->v, e->ncauses = causes->n;
	add(x, l, e);
}

/* A child location: loc + "/" + the token with `~` as `~0` and `/` as `~1`. */
static const char *child(vctx *x, const char *loc, const char *tok, size_t n)
{
	hbuf b = HBUF_INIT;
	hbuf_puts(&b, loc);
	hbuf_putc(&b, '/');
	for (size_t i = 0; i < n; i++) {
		if (tok[i] == '~')
			hbuf_puts(&b, "~0");
		else if (tok[i] == '/')
			hbuf_puts(&b, "~1");
		else
			hbuf_putc(&b, tok[i]);
	}
	char *s = hbuf_ok(&b) ? harena_strndup(x->a, hbuf_cstr(&b), b.len) : NULL;
	hbuf_free(&b);
	if (!s)
		x->oom = true;
	return s ? s : loc;
}

static const char *index_loc(vctx *x, const char *loc, size_t i)
{
	char t[32];
	int n = snprintf(t, sizeof t, "%zu", i);
	return child(x, loc, t, (size_t)n);
}

/* ------------------------------------------------------------------ helpers */

/* util.go equals: numbers by value, objects regardless of order. */
static bool equals(const hv *a, const hv *b)
{
	if (is_num(a) || is_num(b))
		return is_num(a) && is_num(b) && num(a) == num(b) &&
		       (!hv_is_int(a) || !hv_is_int(b) || a->i == b->i);
	if (hv_is_nil(a) || hv_is_nil(b))
		return hv_is_nil(a) && hv_is_nil(b);
	if (a->type == HT_BOOL || b->type == HT_BOOL)
		return a->type == b->type && a->b == b->b;
	if (a->type == HT_STRING || b->type == HT_STRING)
		return a->type == b->type && a->s->len == b->s->len &&
		       !memcmp(a->s->data, b->s->data, a->s->len);
	if (hv_is_list(a) || hv_is_list(b)) {
		if (!hv_is_list(a) || !hv_is_list(b) || a->l->len != b->l->len)
			return false;
		for (size_t i = 0; i < a->l->len; i++)
			if (!equals(&a->l->v[i], &b->l->v[i]))
				return false;
		return true;
	}
	if (hv_is_map(a) && hv_is_map(b)) {
		if (hmap_len(a->m) != hmap_len(b->m))
			return false;
		size_t n = hmap_len(a->m);
		hmap_entry **es = n ? hmap_sorted(a->m) : NULL;
		for (size_t i = 0; i < n; i++) {
			const hv *o = es ? hmap_get(b->m, es[i]->key->data, es[i]->key->len) : NULL;
			if (!o || !equals(&es[i]->val, o))
				return false;
		}
		return true;
	}
	return false;
}

static bool is_primitive(const hv *v)
{
	return !hv_is_list(v) && !hv_is_map(v);
}

/* typeOf: what kind.Type says the value is (a number is never "integer"). */
static const char *type_of(const hv *v)
{
	if (hv_is_nil(v))
		return "null";
	if (v->type == HT_BOOL)
		return "boolean";
	if (is_num(v))
		return "number";
	if (v->type == HT_STRING)
		return "string";
	if (hv_is_list(v))
		return "array";
	return "object";
}

/* Types bits in ToStrings order. */
static const char *const type_names[] = {"null", "boolean", "number", "integer", "string",
                                         "array", "object"};

static unsigned types_of(const hv *t)
{
	unsigned bits = 0;
	const hv *one = t;
	size_t n = t->type == HT_STRING ? 1 : hv_is_list(t) ? t->l->len : 0;
	for (size_t i = 0; i < n; i++) {
		const hv *it = t->type == HT_STRING ? one : &t->l->v[i];
		if (it->type != HT_STRING)
			continue;
		for (unsigned k = 0; k < 7; k++)
			if (!strcmp(it->s->data, type_names[k]))
				bits |= 1u << k;
	}
	return bits;
}

static bool type_matches(unsigned bits, const hv *v)
{
	const char *t = type_of(v);
	for (unsigned k = 0; k < 7; k++)
		if ((bits & (1u << k)) && !strcmp(t, type_names[k]))
			return true;
	return (bits & (1u << 3)) && is_num(v) && is_integral(v);
}

/* numVal: a number keyword (nothing for anything else). */
static const hv *num_kw(const hv *s, const char *k)
{
	const hv *v = key(s, k);
	return v && is_num(v) ? v : NULL;
}

/* intVal: a number keyword with an integral value. */
static bool int_kw(const hv *s, const char *k, long long *out)
{
	const hv *v = num_kw(s, k);
	if (!v || !is_integral(v))
		return false;
	*out = hv_is_uint(v) ? (long long)v->u : hv_is_int(v) ? (long long)v->i : (long long)v->f;
	return true;
}

static bool bool_kw(const hv *s, const char *k)
{
	const hv *v = key(s, k);
	return v && v->type == HT_BOOL && v->b;
}

/* regexp.MatchString; a pattern that does not compile matches nothing (schema.c refuses the
 * schema before validation gets here). */
static bool rx_match(vctx *x, const char *pat, size_t pn, const char *s, size_t n)
{
	hbuf msg = HBUF_INIT;
	hrx *rx = hrx_compile_flags(pat, pn, HRX_GO125, &msg);
	int m = rx ? hrx_search(rx, s, n) : 0;
	if ((!rx && (!msg.len || !hbuf_ok(&msg))) || m == -2)
		x->oom = true;
	hrx_free(rx);
	hbuf_free(&msg);
	return m == 1;
}

/* A `#/a/b` pointer into the schema document (`#` is the root). */
static const hv *resolve_ref(vctx *x, const char *ref)
{
	if (ref[0] != '#')
		return NULL;
	const hv *cur = x->root;
	const char *p = ref + 1;
	while (*p == '/') {
		p++;
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		hbuf k = HBUF_INIT;
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '~' && i + 1 < n && (p[i + 1] == '0' || p[i + 1] == '1'))
				hbuf_putc(&k, p[++i] == '0' ? '~' : '/');
			else
				hbuf_putc(&k, p[i]);
		}
		const char *ks = hbuf_cstr(&k);
		if (hv_is_map(cur))
			cur = hmap_get(cur->m, ks, k.len);
		else if (hv_is_list(cur) && (size_t)atoll(ks) < cur->l->len)
			cur = &cur->l->v[atoll(ks)];
		else
			cur = NULL;
		hbuf_free(&k);
		if (!cur)
			return NULL;
		p += n;
	}
	return cur;
}

/* ------------------------------------------------------------------ validation */

static verr *validate(vctx *x, const hv *s, const hv *v, const char *loc);

/* validateRef: the target's errors under a Reference (a group's causes taken over). */
static verr *validate_ref(vctx *x, const hv *target, const hv *v, const char *loc)
{
	verr *e = validate(x, target, v, loc);
	if (!e)
		return NULL;
	verr *r = mks(x, loc, "validation failed");
	if (!r)
		return NULL;
	r->ref = true;
	if (e->group) {
		r->causes = e->causes, r->ncauses = e->ncauses;
	} else if ((r->causes = harena_alloc(x->a, sizeof *r->causes))) {
		r->causes[0] = e, r->ncauses = 1;
	} else {
		x->oom = true;
	}
	return r;
}

/* findMissing: the names of reqd (strings only) that obj lacks. */
static size_t missing(vctx *x, const hv *obj, const hv *reqd, const char ***out)
{
	size_t n = 0;
	*out = NULL;
	if (!hv_is_list(reqd))
		return 0;
	const char **m = harena_alloc(x->a, (reqd->l->len + 1) * sizeof *m);
	if (!m) {
		x->oom = true;
		return 0;
	}
	for (size_t i = 0; i < reqd->l->len; i++) {
		const hv *r = &reqd->l->v[i];
		if (r->type == HT_STRING && !hmap_get(obj->m, r->s->data, r->s->len))
			m[n++] = r->s->data;
	}
	*out = m;
	return n;
}

static void count_error(vctx *x, elist *l, const char *loc, const char *kw, long long got,
                        long long want)
{
	hbuf b = HBUF_INIT;
	hbuf_printf(&b, "%s: got ", kw);
	put_int(&b, got);
	hbuf_puts(&b, ", want ");
	put_int(&b, want);
	add(x, l, mk(x, loc, &b));
}

static void obj_validate(vctx *x, const hv *s, const hv *v, const char *loc, elist *l)
{
	long long lim;
	size_t n = hmap_len(v->m);
	if (int_kw(s, "minProperties", &lim) && (long long)n < lim)
		count_error(x, l, loc, "minProperties", (long long)n, lim);
	if (int_kw(s, "maxProperties", &lim) && (long long)n > lim)
		count_error(x, l, loc, "maxProperties", (long long)n, lim);
	const hv *req = key(s, "required");
	const char **miss;
	size_t nm = req ? missing(x, v, req, &miss) : 0;
	if (nm) {
		hbuf b = HBUF_INIT;
		hbuf_puts(&b, nm == 1 ? "missing property " : "missing properties ");
		join_quoted(&b, miss, nm);
		add(x, l, mk(x, loc, &b));
	}
	const hv *deps = key(s, "dependencies");
	if (deps && hv_is_map(deps)) {
		size_t nd = hmap_len(deps->m);
		hmap_entry **ds = nd ? hmap_sorted(deps->m) : NULL;
		for (size_t i = 0; ds && i < nd; i++) {
			const hstr *p = ds[i]->key;
			if (!hmap_get(v->m, p->data, p->len))
				continue;
			if (hv_is_list(&ds[i]->val)) {
				if ((nm = missing(x, v, &ds[i]->val, &miss))) {
					hbuf b = HBUF_INIT;
					hbuf_puts(&b, "properties ");
					join_quoted(&b, miss, nm);
					hbuf_puts(&b, " required, if ");
					quote(&b, p->data, p->len);
					hbuf_puts(&b, " exists");
					add(x, l, mk(x, loc, &b));
				}
			} else {
				add(x, l, validate(x, &ds[i]->val, v, loc));
			}
		}
	}
	const hv *props = key(s, "properties"), *pp = key(s, "patternProperties"),
	         *ap = key(s, "additionalProperties");
	if (props && !hv_is_map(props))
		props = NULL;
	if (pp && !hv_is_map(pp))
		pp = NULL;
	if (ap && ap->type != HT_BOOL && !hv_is_map(ap))
		ap = NULL;
	size_t npp = pp ? hmap_len(pp->m) : 0;
	hmap_entry **pps = npp ? hmap_sorted(pp->m) : NULL;
	hmap_entry **es = n ? hmap_sorted(v->m) : NULL;
	const char **extra = n ? harena_alloc(x->a, n * sizeof *extra) : NULL;
	size_t nextra = 0;
	if (n && (!es || !extra))
		x->oom = true;
	for (size_t i = 0; es && extra && i < n; i++) {
		const hstr *k = es[i]->key;
		const hv *pv = &es[i]->val;
		bool evaluated = false;
		const hv *ps = props ? hmap_get(props->m, k->data, k->len) : NULL;
		if (ps) {
			evaluated = true;
			add(x, l, validate(x, ps, pv, child(x, loc, k->data, k->len)));
		}
		for (size_t j = 0; pps && j < npp; j++) {
			if (rx_match(x, pps[j]->key->data, pps[j]->key->len, k->data, k->len)) {
				evaluated = true;
				add(x, l, validate(x, &pps[j]->val, pv, child(x, loc, k->data, k->len)));
			}
		}
		if (!evaluated && ap) {
			if (ap->type == HT_BOOL) {
				if (!ap->b)
					extra[nextra++] = k->data;
			} else {
				add(x, l, validate(x, ap, pv, child(x, loc, k->data, k->len)));
			}
		}
	}
	if (nextra) {
		hbuf b = HBUF_INIT;
		hbuf_puts(&b, "additional properties ");
		join_quoted(&b, extra, nextra);
		hbuf_puts(&b, " not allowed");
		add(x, l, mk(x, loc, &b));
	}
	if (x->draft == 4)
		return;
	const hv *pn = key(s, "propertyNames");
	for (size_t i = 0; pn && es && i < n; i++) {
		/* sch.validate(pname): a validation of its own, located at the root */
		hv name = hv_of_str(es[i]->key);
		verr *e = validate(x, pn, &name, "");
		if (!e)
			continue;
		hbuf b = HBUF_INIT;
		hbuf_puts(&b, "invalid propertyName ");
		quote(&b, es[i]->key->data, es[i]->key->len);
		verr *w = mk(x, "", &b);
		if (!w)
			continue;
		if (e->group) {
			w->causes = e->causes, w->ncauses = e->ncauses;
		} else if ((w->causes = harena_alloc(x->a, sizeof *w->causes))) {
			w->causes[0] = e, w->ncauses = 1;
		}
		add(x, l, w);
	}
	if (x->draft == 6 || x->draft == 7)
		return;
	const hv *dsch = key(s, "dependentSchemas");
	if (dsch && hv_is_map(dsch)) {
		size_t nd = hmap_len(dsch->m);
		hmap_entry **ds = nd ? hmap_sorted(dsch->m) : NULL;
		for (size_t i = 0; ds && i < nd; i++)
			if (hmap_get(v->m, ds[i]->key->data, ds[i]->key->len))
				add(x, l, validate(x, &ds[i]->val, v, loc));
	}
	const hv *dreq = key(s, "dependentRequired");
	if (dreq && hv_is_map(dreq)) {
		size_t nd = hmap_len(dreq->m);
		hmap_entry **ds = nd ? hmap_sorted(dreq->m) : NULL;
		for (size_t i = 0; ds && i < nd; i++) {
			const hstr *p = ds[i]->key;
			if (!hmap_get(v->m, p->data, p->len) || !hv_is_list(&ds[i]->val))
				continue;
			if ((nm = missing(x, v, &ds[i]->val, &miss))) {
				hbuf b = HBUF_INIT;
				hbuf_puts(&b, "properties ");
				join_quoted(&b, miss, nm);
				hbuf_puts(&b, " required, if ");
				quote(&b, p->data, p->len);
				hbuf_puts(&b, " exists");
				add(x, l, mk(x, loc, &b));
			}
		}
	}
}

static void arr_validate(vctx *x, const hv *s, const hv *v, const char *loc, elist *l)
{
	long long lim;
	size_t n = v->l->len;
	if (int_kw(s, "minItems", &lim) && (long long)n < lim)
		count_error(x, l, loc, "minItems", (long long)n, lim);
	if (int_kw(s, "maxItems", &lim) && (long long)n > lim)
		count_error(x, l, loc, "maxItems", (long long)n, lim);
	if (bool_kw(s, "uniqueItems") && n > 1) {
		bool found = false;
		for (size_t i = 1; i < n && !found; i++)
			for (size_t j = 0; j < i && !found; j++)
				if (equals(&v->l->v[i], &v->l->v[j])) {
					hbuf b = HBUF_INIT;
					hbuf_puts(&b, "items at ");
					put_int(&b, (long long)j);
					hbuf_puts(&b, " and ");
					put_int(&b, (long long)i);
					hbuf_puts(&b, " are equal");
					add(x, l, mk(x, loc, &b));
					found = true;
				}
	}
	if (x->draft < 2020) {
		const hv *items = key(s, "items"), *ai = key(s, "additionalItems");
		size_t evaluated = 0;
		if (items && hv_is_list(items)) {
			size_t m = n < items->l->len ? n : items->l->len;
			for (size_t i = 0; i < m; i++)
				add(x, l, validate(x, &items->l->v[i], &v->l->v[i], index_loc(x, loc, i)));
			evaluated = m;
			if (ai && ai->type == HT_BOOL) {
				if (!ai->b && evaluated != n) {
					hbuf b = HBUF_INIT;
					hbuf_puts(&b, "last ");
					put_int(&b, (long long)(n - evaluated));
					hbuf_puts(&b, " additionalItem(s) not allowed");
					add(x, l, mk(x, loc, &b));
				}
			} else if (ai && hv_is_map(ai)) {
				/* v6 numbers these from 0 again (validator.go arr[evaluated:]) */
				for (size_t i = evaluated; i < n; i++)
					add(x, l, validate(x, ai, &v->l->v[i], index_loc(x, loc, i - evaluated)));
			}
		} else if (items && (hv_is_map(items) || items->type == HT_BOOL)) {
			for (size_t i = 0; i < n; i++)
				add(x, l, validate(x, items, &v->l->v[i], index_loc(x, loc, i)));
		}
	} else {
		const hv *prefix = key(s, "prefixItems"), *items = key(s, "items");
		size_t evaluated = 0;
		if (prefix && hv_is_list(prefix)) {
			evaluated = n < prefix->l->len ? n : prefix->l->len;
			for (size_t i = 0; i < evaluated; i++)
				add(x, l, validate(x, &prefix->l->v[i], &v->l->v[i], index_loc(x, loc, i)));
		}
		if (items && (hv_is_map(items) || items->type == HT_BOOL))
			for (size_t i = evaluated; i < n; i++)
				add(x, l, validate(x, items, &v->l->v[i], index_loc(x, loc, i - evaluated)));
	}
	const hv *contains = x->draft >= 6 ? key(s, "contains") : NULL;
	if (!contains)
		return;
	elist errs = {0};
	size_t *matched = n ? harena_alloc(x->a, n * sizeof *matched) : NULL, nmatched = 0;
	if (n && !matched) {
		x->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		verr *e = validate(x, contains, &v->l->v[i], index_loc(x, loc, i));
		if (e)
			add(x, &errs, e);
		else
			matched[nmatched++] = i;
	}
	long long minc = 0, maxc = 0;
	bool has_min = x->draft >= 2019 && int_kw(s, "minContains", &minc);
	bool has_max = x->draft >= 2019 && int_kw(s, "maxContains", &maxc);
	if (has_min) {
		if ((long long)nmatched < minc) {
			hbuf b = HBUF_INIT;
			hbuf_puts(&b, "min ");
			put_int(&b, minc);
			hbuf_puts(&b, " items required to match contains schema, but ");
			if (!nmatched) {
				hbuf_puts(&b, "none matched");
			} else {
				hbuf_puts(&b, "matched ");
				put_int(&b, (long long)nmatched);
				hbuf_puts(&b, " items at ");
				for (size_t i = 0; i < nmatched; i++)
					hbuf_printf(&b, i ? " %zu" : "%zu", matched[i]);
			}
			verr *e = mk(x, loc, &b);
			if (e)
				e->causes = errs.v, e->ncauses = errs.n;
			add(x, l, e);
		}
	} else if (!nmatched) {
		add_with(x, l, loc, "no items match contains schema", &errs);
	}
	if (has_max && (long long)nmatched > maxc) {
		hbuf b = HBUF_INIT;
		hbuf_puts(&b, "max ");
		put_int(&b, maxc);
		hbuf_puts(&b, " items required to match contains schema, but matched ");
		put_int(&b, (long long)nmatched);
		hbuf_puts(&b, " items at ");
		for (size_t i = 0; i < nmatched; i++)
			hbuf_printf(&b, i ? " %zu" : "%zu", matched[i]);
		add(x, l, mk(x, loc, &b));
	}
}

static void str_validate(vctx *x, const hv *s, const hv *v, const char *loc, elist *l)
{
	long long lim, len = (long long)hutf8_count(v->s->data, v->s->len);
	if (int_kw(s, "minLength", &lim) && len < lim)
		count_error(x, l, loc, "minLength", len, lim);
	if (int_kw(s, "maxLength", &lim) && len > lim)
		count_error(x, l, loc, "maxLength", len, lim);
	const hv *pat = key(s, "pattern");
	if (pat && pat->type == HT_STRING &&
	    !rx_match(x, pat->s->data, pat->s->len, v->s->data, v->s->len)) {
		hbuf b = HBUF_INIT;
		quote(&b, v->s->data, v->s->len);
		hbuf_puts(&b, " does not match pattern ");
		quote(&b, pat->s->data, pat->s->len);
		add(x, l, mk(x, loc, &b));
	}
}

static void num_error(vctx *x, elist *l, const char *loc, const char *kw, double got, double want)
{
	hbuf b = HBUF_INIT;
	hbuf_printf(&b, "%s: got ", kw);
	put_float(&b, got);
	hbuf_puts(&b, ", want ");
	put_float(&b, want);
	add(x, l, mk(x, loc, &b));
}

static void num_validate(vctx *x, const hv *s, const hv *v, const char *loc, elist *l)
{
	double d = num(v);
	const hv *min = num_kw(s, "minimum"), *max = num_kw(s, "maximum");
	const hv *xmin = num_kw(s, "exclusiveMinimum"), *xmax = num_kw(s, "exclusiveMaximum");
	/* draft-04's boolean forms turn minimum/maximum exclusive */
	if (bool_kw(s, "exclusiveMaximum"))
		xmax = max, max = NULL;
	if (bool_kw(s, "exclusiveMinimum"))
		xmin = min, min = NULL;
	if (min && d < num(min))
		num_error(x, l, loc, "minimum", d, num(min));
	if (max && d > num(max))
		num_error(x, l, loc, "maximum", d, num(max));
	if (xmin && d <= num(xmin))
		num_error(x, l, loc, "exclusiveMinimum", d, num(xmin));
	if (xmax && d >= num(xmax))
		num_error(x, l, loc, "exclusiveMaximum", d, num(xmax));
	const hv *mo = num_kw(s, "multipleOf");
	bool oom = false;
	if (mo && num(mo) != 0 && !hmultipleof_check(d, num(mo), &oom))
		num_error(x, l, loc, "multipleOf", d, num(mo));
	if (oom)
		x->oom = true;
}

static bool valid(vctx *x, const hv *s, const hv *v, const char *loc)
{
	return validate(x, s, v, loc) == NULL;
}

static void cond_validate(vctx *x, const hv *s, const hv *v, const char *loc, elist *l)
{
	const hv *not = key(s, "not");
	if (not && valid(x, not, v, loc))
		add(x, l, mks(x, loc, "'not' failed"));
	const hv *all = key(s, "allOf");
	if (all && hv_is_list(all) && all->l->len) {
		elist errs = {0};
		for (size_t i = 0; i < all->l->len; i++)
			add(x, &errs, validate(x, &all->l->v[i], v, loc));
		if (errs.n)
			add_with(x, l, loc, "'allOf' failed", &errs);
	}
	const hv *any = key(s, "anyOf");
	if (any && hv_is_list(any) && any->l->len) {
		elist errs = {0};
		bool matched = false;
		for (size_t i = 0; i < any->l->len && !matched; i++) {
			verr *e = validate(x, &any->l->v[i], v, loc);
			if (e)
				add(x, &errs, e);
			else
				matched = true;
		}
		if (!matched)
			add_with(x, l, loc, "'anyOf' failed", &errs);
	}
	const hv *one = key(s, "oneOf");
	if (one && hv_is_list(one) && one->l->len) {
		elist errs = {0};
		long matched = -1;
		for (size_t i = 0; i < one->l->len; i++) {
			verr *e = validate(x, &one->l->v[i], v, loc);
			if (e) {
				if (matched == -1)
					add(x, &errs, e);
			} else if (matched == -1) {
				matched = (long)i;
			} else {
				hbuf b = HBUF_INIT;
				hbuf_puts(&b, "'oneOf' failed, subschemas ");
				put_int(&b, matched);
				hbuf_puts(&b, ", ");
				put_int(&b, (long long)i);
				hbuf_puts(&b, " matched");
				add(x, l, mk(x, loc, &b));
				break;
			}
		}
		if (matched == -1)
			add_with(x, l, loc, "'oneOf' failed, none matched", &errs);
	}
	const hv *iff = x->draft >= 7 ? key(s, "if") : NULL;
	if (iff) {
		const hv *then = key(s, "then"), *els = key(s, "else");
		if (iff->type == HT_BOOL) /* a boolean if compiles only the branch it picks */
			then = iff->b ? then : NULL, els = iff->b ? NULL : els;
		if (valid(x, iff, v, loc)) {
			if (then)
				add(x, l, validate(x, then, v, loc));
		} else if (els) {
			add(x, l, validate(x, els, v, loc));
		}
	}
}

/* validator.validate: one schema against one value; NULL when it holds. */
static verr *validate(vctx *x, const hv *s, const hv *v, const char *loc)
{
	if (x->oom)
		return NULL;
	if (s->type == HT_BOOL)
		return s->b ? NULL : mks(x, loc, "false schema");
	if (!hv_is_map(s) || x->depth >= MAX_DEPTH)
		return NULL;
	x->depth++;
	verr *out = NULL;
	elist l = {0};
	const hv *ref = key(s, "$ref");
	const hv *target = ref && ref->type == HT_STRING ? resolve_ref(x, ref->s->data) : NULL;
	if (target && x->draft < 2019) { /* the $ref alone counts */
		out = validate_ref(x, target, v, loc);
		goto done;
	}
	const hv *t = key(s, "type");
	unsigned bits = t ? types_of(t) : 0;
	if (bits && !type_matches(bits, v)) {
		hbuf b = HBUF_INIT;
		hbuf_printf(&b, "got %s, want ", type_of(v));
		bool first = true;
		for (unsigned k = 0; k < 7; k++)
			if (bits & (1u << k)) {
				hbuf_printf(&b, "%s%s", first ? "" : " or ", type_names[k]);
				first = false;
			}
		out = mk(x, loc, &b);
		goto done;
	}
	const hv *c = x->draft >= 6 ? key(s, "const") : NULL;
	if (c && !equals(v, c)) {
		hbuf b = HBUF_INIT;
		if (is_primitive(c)) {
			hbuf_puts(&b, "value must be ");
			display(&b, c);
		} else {
			hbuf_puts(&b, "'const' failed");
		}
		out = mk(x, loc, &b);
		goto done;
	}
	const hv *en = key(s, "enum");
	if (en && hv_is_list(en)) {
		bool matched = false, prim = true;
		for (size_t i = 0; i < en->l->len; i++) {
			matched = matched || equals(v, &en->l->v[i]);
			prim = prim && is_primitive(&en->l->v[i]);
		}
		if (!matched) {
			hbuf b = HBUF_INIT;
			if (!prim) {
				hbuf_puts(&b, "'enum' failed");
			} else {
				hbuf_puts(&b, en->l->len == 1 ? "value must be " : "value must be one of ");
				for (size_t i = 0; i < en->l->len; i++) {
					if (i)
						hbuf_puts(&b, ", ");
					display(&b, &en->l->v[i]);
				}
			}
			out = mk(x, loc, &b);
			goto done;
		}
	}
	if (target)
		add(x, &l, validate_ref(x, target, v, loc));
	if (hv_is_map(v))
		obj_validate(x, s, v, loc, &l);
	else if (hv_is_list(v))
		arr_validate(x, s, v, loc, &l);
	else if (v->type == HT_STRING)
		str_validate(x, s, v, loc, &l);
	else if (is_num(v))
		num_validate(x, s, v, loc, &l);
	cond_validate(x, s, v, loc, &l);
	if (l.n == 1) {
		out = l.v[0];
	} else if (l.n > 1 && (out = mks(x, loc, "validation failed"))) {
		out->group = true;
		out->causes = l.v, out->ncauses = l.n;
	}
done:
	x->depth--;
	return out;
}

/* ValidationError.display without the `jsonschema validation failed` line. */
static void show(hbuf *b, const verr *e, int indent)
{
	if (!(e->ref && e->ncauses == 1)) {
		if (b->len)
			hbuf_putc(b, '\n');
		for (int i = 0; i < indent - 1; i++)
			hbuf_puts(b, "  ");
		hbuf_puts(b, "- at ");
		quote(b, e->loc, strlen(e->loc));
		hbuf_puts(b, ": ");
		hbuf_puts(b, e->msg);
		indent++;
	}
	for (size_t i = 0; i < e->ncauses; i++)
		show(b, e->causes[i], indent);
}

static int draft_of(const hv *s)
{
	const hv *u = key(s, "$schema");
	if (!u || u->type != HT_STRING)
		return 2020;
	const char *p = u->s->data;
	if (!strncmp(p, "http://", 7))
		p += 7;
	else if (!strncmp(p, "https://", 8))
		p += 8;
	static const struct {
		const char *url;
		int draft;
	} known[] = {{"json-schema.org/draft-04/schema", 4},
	             {"json-schema.org/draft-06/schema", 6},
	             {"json-schema.org/draft-07/schema", 7},
	             {"json-schema.org/draft/2019-09/schema", 2019},
	             {"json-schema.org/draft/2020-12/schema", 2020}};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		size_t n = strlen(known[i].url);
		if (!strncmp(p, known[i].url, n) && (!p[n] || !strcmp(p + n, "#")))
			return known[i].draft;
	}
	return 2020;
}

bool hschema6_validate(harena *a, const hv *schema, const hv *values, hbuf *out, bool *oom)
{
	vctx x = {a, schema, draft_of(schema), 0, false};
	verr *e = validate(&x, schema, values, "");
	*oom = x.oom;
	if (!e || x.oom)
		return !x.oom;
	hbuf b = HBUF_INIT;
	if (e->group)
		for (size_t i = 0; i < e->ncauses; i++)
			show(&b, e->causes[i], 1);
	else
		show(&b, e, 1);
	bool ok = hbuf_ok(&b);
	if (ok) {
		hbuf_put(out, b.data, b.len);
		hbuf_putc(out, '\n');
	}
	hbuf_free(&b);
	*oom = !ok;
	return ok;
}
