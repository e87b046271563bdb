/* schema.c - values.schema.json validation as helm v3.17.3 does it (pkg/chartutil/jsonschema.go
 * ValidateAgainstSchema over the chart tree) with the checks, order and messages of
 * xeipuuv/gojsonschema v1.2.0 (validation.go, locales.go): `- x: Invalid type. Expected:
 * string, given: integer`, `- (root): y is required`.
 *
 * Keywords: type, required, properties, patternProperties, additionalProperties, dependencies,
 * propertyNames, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum (numbers,
 * or draft-04 booleans), multipleOf (exact, as big.Rat), minLength, maxLength, pattern, format
 * (the 17 formats gojsonschema checks; on a number a known format always fails, as there; the
 * checkers of format_checkers.go are in jsonformat.c), items (one schema or a list, with
 * additionalItems), contains, minItems, maxItems, uniqueItems, minProperties, maxProperties,
 * allOf, anyOf, oneOf, not, if/then/else, $ref to `#/...` pointers, true/false schemas. The
 * draft comes from `$schema` (draft-04/06/07) and is otherwise gojsonschema's "hybrid"
 * (everything on).
 *
 * Errors are collected per sub-validation with gojsonschema's score (+1 per completed check
 * group, -2 per error) because anyOf/oneOf/contains report the errors of the best-scoring
 * failed branch after their own line. gojsonschema walks properties and object keys in Go map
 * order (random run to run); we use sorted key order. Remote $refs are not supported. */
#include "helm/schema.h"

#include "core/regexp.h"
#include "data/json.h"
#include "helm/jsonformat.h"
#include "helm/multipleof.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DRAFT4 = 4, DRAFT6 = 6, DRAFT7 = 7, HYBRID = 99 };

typedef struct sctx {
	harena *a;
	const hv *root; /* the schema document, for $ref */
	int draft;
	int depth;
	bool oom;
	bool v6; /* helm 4's santhosh-tekuri/jsonschema v6 (schema4.c) */
	hrx_cache *rx; /* each pattern compiled once per validation (checked, then matched) */
} sctx;

/* One gojsonschema Result: the error lines and the match score. */
typedef struct res {
	hbuf out;
	size_t nerr;
	long score;
} res;

static res res_new(void)
{
	res r = {HBUF_INIT, 0, 0};
	return r;
}

static hv *key(const hv *s, const char *k)
{
	return hv_is_map(s) ? hmap_gets(s->m, k) : NULL;
}

static bool is_integral(double f)
{
	return f == floor(f) && isfinite(f);
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

/* The JSON type name gojsonschema gives a value. */
static const char *jtype(const hv *v)
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
	if (v->type == HT_FLOAT64)
		return is_integral(v->f) ? "integer" : "number";
	return "integer";
}

/* Result.addInternalError: `- FIELD: MSG`, FIELD being the context without "(root).". */
static void add_err(res *r, const char *ctx, const char *msg)
{
	if (!strncmp(ctx, "(root).", 7))
		ctx += 7;
	hbuf_printf(&r->out, "- %s: %s\n", ctx, msg);
	r->nerr++;
	r->score -= 2;
}

/* add_err with a message built in m (then freed); a message that could not be built marks
 * the result out of memory, which hschema_validate reports instead of a wrong list. */
static void add_msg(res *r, const char *ctx, hbuf *m)
{
	if (hbuf_ok(m))
		add_err(r, ctx, hbuf_cstr(m));
	else
		r->out.oom = true;
	hbuf_free(m);
}

static void add_errf(res *r, const char *ctx, const char *fmt, const char *arg)
{
	hbuf m = HBUF_INIT;
	hbuf_printf(&m, fmt, arg);
	add_msg(r, ctx, &m);
}

/* Result.mergeErrors: the other result's errors and score, then frees it. */
static void merge(res *r, res *o)
{
	if (!hbuf_ok(&o->out))
		r->out.oom = true;
	hbuf_put(&r->out, o->out.data, o->out.len);
	r->nerr += o->nerr;
	r->score += o->score;
	hbuf_free(&o->out);
}

static void drop(res *o)
{
	hbuf_free(&o->out);
}

/* A number as big.Float prints it in gojsonschema's messages (%v: shortest 'g', exponent
 * from 1e+06 up and below 1e-04): 1e+06, 0.1, 5. */
static void put_bignum(hbuf *b, double d)
{
	hstrconv_format_float(b, d, 'g', -1);
}

static void add_numerr(res *r, const char *ctx, const char *fmt, double d)
{
	hbuf n = HBUF_INIT, m = HBUF_INIT;
	put_bignum(&n, d);
	if (!hbuf_ok(&n))
		m.oom = true;
	hbuf_printf(&m, fmt, hbuf_cstr(&n));
	add_msg(r, ctx, &m);
	hbuf_free(&n);
}

static bool type_ok(const char *want, const hv *v)
{
	const char *have = jtype(v);
	if (!strcmp(want, have))
		return true;
	return !strcmp(want, "number") && !strcmp(have, "integer");
}

/* "type": a name or a list; on mismatch the message names them as jsonSchemaType.String
 * does (`string`, `[string,boolean]`). Returns false after reporting a mismatch. */
static bool check_type(res *r, const hv *s, const hv *v, const char *ctx)
{
	hv *t = key(s, "type");
	if (!t)
		return true;
	hbuf names = HBUF_INIT;
	bool ok = false;
	size_t n = 0;
	if (t->type == HT_STRING) {
		ok = type_ok(t->s->data, v);
		hbuf_puts(&names, t->s->data);
		n = 1;
	} else if (hv_is_list(t)) {
		for (size_t i = 0; i < t->l->len; i++) {
			if (t->l->v[i].type != HT_STRING)
				continue;
			hbuf_puts(&names, n++ ? "," : "");
			hbuf_puts(&names, t->l->v[i].s->data);
			ok = ok || type_ok(t->l->v[i].s->data, v);
		}
	}
	if (n == 0)
		ok = true;
	if (!ok) {
		hbuf m = HBUF_INIT;
		if (!hbuf_ok(&names))
			m.oom = true;
		hbuf_printf(&m, "Invalid type. Expected: %s%s%s, given: %s", n > 1 ? "[" : "",
			    hbuf_cstr(&names), n > 1 ? "]" : "", jtype(v));
		add_msg(r, ctx, &m);
	}
	hbuf_free(&names);
	return ok;
}

static void validate(sctx *x, const hv *s, const hv *v, const char *ctx, res *r);

/* subValidateWithContext: a fresh result for one sub-schema. */
static void sub(sctx *x, const hv *s, const hv *v, const char *ctx, res *o)
{
	*o = res_new();
	validate(x, s, v, ctx, o);
	if (!hbuf_ok(&o->out))
		x->oom = true; /* a sub-result may be dropped (if, not, anyOf): keep its failure */
}

static const char *child_ctx(sctx *x, const char *ctx, const char *k)
{
	size_t n = strlen(ctx) + strlen(k) + 2;
	char *c = harena_alloc(x->a, n);
	if (!c) {
		x->oom = true;
		return ctx;
	}
	snprintf(c, n, "%s.%s", ctx, k);
	return c;
}

static const char *index_ctx(sctx *x, const char *ctx, size_t i)
{
	char idx[32];
	snprintf(idx, sizeof idx, "%zu", i);
	return child_ctx(x, ctx, idx);
}

/* marshalWithoutNumber: JSON text with every number as float64, for enum/const/uniqueItems.
 * A text that could not be built sets x->oom, so no comparison answers from a partial one. */
static const char *jtext(sctx *x, hbuf *b, const hv *v)
{
	hv copy = *v;
	if (is_num(v) && v->type != HT_FLOAT64)
		copy = hv_float(num(v));
	hjson_encode(b, &copy, HJSON_RAW, NULL);
	if (!hbuf_ok(b))
		x->oom = true;
	return hbuf_cstr(b);
}

/* Whether two values marshal to the same JSON text (enum, required and uniqueItems). */
static bool same_json(sctx *x, const hv *a, const hv *b)
{
	hbuf ta = HBUF_INIT, tb = HBUF_INIT;
	bool same = !strcmp(jtext(x, &ta, a), jtext(x, &tb, b));
	hbuf_free(&ta), hbuf_free(&tb);
	return same;
}

/* validateCommon: const (draft 6+) and enum, compared as marshalWithoutNumber JSON. */
static void check_common(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *c = x->draft >= DRAFT6 ? key(s, "const") : NULL, *e = key(s, "enum");
	hbuf have = HBUF_INIT;
	jtext(x, &have, v);
	const char *field = strncmp(ctx, "(root).", 7) ? ctx : ctx + 7;
	if (c) {
		hbuf want = HBUF_INIT, m = HBUF_INIT;
		if (strcmp(jtext(x, &want, c), hbuf_cstr(&have))) {
			hbuf_printf(&m, "%s does not match: %s", field, hbuf_cstr(&want));
			add_msg(r, ctx, &m);
		}
		hbuf_free(&want), hbuf_free(&m);
	}
	if (e && hv_is_list(e) && e->l->len) {
		hbuf all = HBUF_INIT;
		bool found = false;
		for (size_t i = 0; i < e->l->len; i++) {
			hbuf one = HBUF_INIT;
			found = !strcmp(jtext(x, &one, &e->l->v[i]), hbuf_cstr(&have)) || found;
			hbuf_puts(&all, i ? ", " : "");
			hbuf_put(&all, one.data, one.len);
			hbuf_free(&one);
		}
		if (!found) {
			hbuf m = HBUF_INIT;
			if (!hbuf_ok(&all))
				m.oom = true;
			hbuf_printf(&m, "%s must be one of the following: %s", field,
				    hbuf_cstr(&all));
			add_msg(r, ctx, &m);
		}
		hbuf_free(&all);
	}
	hbuf_free(&have);
	r->score++;
}

/* big.Rat Quo(v, m).IsInt(), on the shortest decimal forms (helm/multipleof.c). */
static bool is_multiple(sctx *x, double v, double m)
{
	bool oom = false;
	bool r = hmultipleof_check(v, m, &oom);
	if (oom)
		x->oom = true;
	return r;
}

static bool format_ok(sctx *x, const char *f, const hv *v);

/* validateNumber. The limits: numbers, or draft-04 booleans that make minimum/maximum
 * exclusive (what gojsonschema's hybrid mode accepts too). */
static void check_number(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	double d = num(v);
	hv *mo = key(s, "multipleOf"), *mx = key(s, "maximum"), *xmx = key(s, "exclusiveMaximum"),
	   *mn = key(s, "minimum"), *xmn = key(s, "exclusiveMinimum"), *f = key(s, "format");
	bool mx_ex = xmx && xmx->type == HT_BOOL && xmx->b && mx && is_num(mx);
	bool mn_ex = xmn && xmn->type == HT_BOOL && xmn->b && mn && is_num(mn);
	if (mo && is_num(mo) && num(mo) != 0 && !is_multiple(x, d, num(mo)))
		add_numerr(r, ctx, "Must be a multiple of %s", num(mo));
	if (mx && is_num(mx) && !mx_ex && d > num(mx))
		add_numerr(r, ctx, "Must be less than or equal to %s", num(mx));
	if (mx_ex && d >= num(mx))
		add_numerr(r, ctx, "Must be less than %s", num(mx));
	if (xmx && is_num(xmx) && d >= num(xmx))
		add_numerr(r, ctx, "Must be less than %s", num(xmx));
	if (mn && is_num(mn) && !mn_ex && d < num(mn))
		add_numerr(r, ctx, "Must be greater than or equal to %s", num(mn));
	if (mn_ex && d <= num(mn))
		add_numerr(r, ctx, "Must be greater than %s", num(mn));
	if (xmn && is_num(xmn) && d <= num(xmn))
		add_numerr(r, ctx, "Must be greater than %s", num(xmn));
	if (!x->v6 && f && f->type == HT_STRING && !format_ok(x, f->s->data, v))
		add_errf(r, ctx, "Does not match format '%s'", f->s->data);
	r->score++;
}

/* Lengths and counts are Go ints in gojsonschema (minLength, minItems, minProperties...). */
static void add_interr(res *r, const char *ctx, const char *fmt, double d)
{
	char m[160];
	snprintf(m, sizeof m, fmt, (long long)d);
	add_err(r, ctx, m);
}

/* regexp.Compile through the validation's cache; *owned says whether to hrx_free it. */
static hrx *rx_get(sctx *x, const char *pat, size_t n, hbuf *msg, bool *owned)
{
	return hrx_cache_get(x->rx, pat, n, 0, msg, owned);
}

/* regexp.MatchString(pattern, s); a bad pattern never gets here (see schema_problem). */
static bool rx_matches(sctx *x, const hstr *pat, const char *s, size_t n)
{
	hbuf msg = HBUF_INIT;
	bool owned;
	hrx *rx = rx_get(x, pat->data, pat->len, &msg, &owned);
	int m = rx ? hrx_search(rx, s, n) : 0;
	if ((!rx && (!msg.len || !hbuf_ok(&msg))) || m == -2)
		x->oom = true;
	if (owned)
		hrx_free(rx);
	hbuf_free(&msg);
	return m == 1;
}

/* regexp.Compile(pattern) succeeds. Out of memory sets x->oom and answers true, so that it
 * is never reported as a bad pattern. */
static bool rx_valid(sctx *x, const char *pat, size_t n)
{
	hbuf msg = HBUF_INIT;
	bool owned;
	hrx *rx = rx_get(x, pat, n, &msg, &owned);
	if (!rx && (!msg.len || !hbuf_ok(&msg)))
		x->oom = true;
	if (owned)
		hrx_free(rx);
	hbuf_free(&msg);
	return rx || x->oom;
}

/* validateString: minLength, maxLength (runes), pattern, format. */
static void check_string(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *mn = key(s, "minLength"), *mx = key(s, "maxLength"), *pat = key(s, "pattern"),
	   *f = key(s, "format");
	size_t n = hutf8_count(v->s->data, v->s->len); /* utf8.RuneCount */
	if (mn && is_num(mn) && (double)n < num(mn))
		add_interr(r, ctx, "String length must be greater than or equal to %lld", num(mn));
	if (mx && is_num(mx) && (double)n > num(mx))
		add_interr(r, ctx, "String length must be less than or equal to %lld", num(mx));
	if (pat && pat->type == HT_STRING && !rx_matches(x, pat->s, v->s->data, v->s->len))
		add_errf(r, ctx, "Does not match pattern '%s'", pat->s->data);
	/* v6 treats format as an annotation unless asked to assert it, and helm 4 does not ask
	 * (schema/schema2-format-date-fail) */
	if (!x->v6 && f && f->type == HT_STRING && !format_ok(x, f->s->data, v))
		add_errf(r, ctx, "Does not match format '%s'", f->s->data);
	r->score++;
}

/* ------------------------------------------------------------------ formats
 * The checkers themselves are in jsonformat.c. */

/* FormatCheckers.IsFormat: unknown formats pass; the known ones need a string. */
static bool format_ok(sctx *x, const char *f, const hv *v)
{
	static const char *const known[] = {"date",
					    "time",
					    "date-time",
					    "hostname",
					    "email",
					    "idn-email",
					    "ipv4",
					    "ipv6",
					    "uri",
					    "uri-reference",
					    "iri",
					    "iri-reference",
					    "uri-template",
					    "uuid",
					    "regex",
					    "json-pointer",
					    "relative-json-pointer"};
	size_t k = 0, nk = sizeof known / sizeof *known;
	while (k < nk && strcmp(known[k], f))
		k++;
	if (k == nk)
		return true;
	if (v->type != HT_STRING)
		return false;
	const char *s = v->s->data;
	if (strlen(s) != v->s->len)
		return false; /* NUL inside: none of Go's parsers would take it either */
	switch (k) {
	case 0:
		return hjsonformat_date(s);
	case 1:
		return hjsonformat_time(s);
	case 2:
		return hjsonformat_date_time(s);
	case 3:
		return hjsonformat_hostname(s);
	case 4:
	case 5:
		return hjsonformat_email(s);
	case 6:
		return hjsonformat_ipv4(s);
	case 7:
		return hjsonformat_ipv6(s);
	case 8:
	case 10:
		return hjsonformat_uri(s, true);
	case 9:
	case 11:
		return hjsonformat_uri(s, false);
	case 12:
		return hjsonformat_uri_template(s);
	case 13:
		return hjsonformat_uuid(s);
	case 14: {
		return !*s || rx_valid(x, s, v->s->len);
	}
	case 15:
		return hjsonformat_json_pointer(s);
	default:
		return hjsonformat_relative_json_pointer(s);
	}
}

/* items as one schema, or positional schemas plus additionalItems. */
static void check_items(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *items = key(s, "items"), *add = key(s, "additionalItems");
	size_t n = v->l->len;
	if (!items)
		return;
	if (!hv_is_list(items)) {
		for (size_t i = 0; i < n; i++) {
			res o;
			sub(x, items, &v->l->v[i], index_ctx(x, ctx, i), &o);
			merge(r, &o);
		}
		return;
	}
	size_t ni = items->l->len;
	for (size_t i = 0; i < ni && i < n; i++) {
		res o;
		sub(x, &items->l->v[i], &v->l->v[i], index_ctx(x, ctx, i), &o);
		merge(r, &o);
	}
	if (ni == 0 || ni >= n || !add)
		return;
	if (add->type == HT_BOOL) {
		if (!add->b)
			add_err(r, ctx, "No additional items allowed on array");
		return;
	}
	for (size_t i = ni; hv_is_map(add) && i < n; i++) {
		res o;
		sub(x, add, &v->l->v[i], index_ctx(x, ctx, i), &o);
		merge(r, &o);
	}
}

/* uniqueItems: every later duplicate is reported against the last earlier equal item. */
static void check_unique(sctx *x, const hv *v, const char *ctx, res *r)
{
	size_t n = v->l->len;
	for (size_t j = 1; j < n && !x->oom; j++) {
		hbuf b = HBUF_INIT;
		const char *tb = jtext(x, &b, &v->l->v[j]);
		for (size_t i = j; i-- > 0 && !x->oom;) {
			hbuf a = HBUF_INIT;
			bool same = !strcmp(jtext(x, &a, &v->l->v[i]), tb);
			hbuf_free(&a);
			if (same) {
				char m[96];
				snprintf(m, sizeof m, "array items[%zu,%zu] must be unique", i, j);
				add_err(r, ctx, m);
				break;
			}
		}
		hbuf_free(&b);
	}
}

/* validateArray: items, minItems, maxItems, uniqueItems, contains (draft 6+). */
static void check_array(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *mn = key(s, "minItems"), *mx = key(s, "maxItems"), *u = key(s, "uniqueItems"),
	   *has = x->draft >= DRAFT6 ? key(s, "contains") : NULL;
	size_t n = v->l->len;
	check_items(x, s, v, ctx, r);
	if (mn && is_num(mn) && (double)n < num(mn))
		add_interr(r, ctx, "Array must have at least %lld items", num(mn));
	if (mx && is_num(mx) && (double)n > num(mx))
		add_interr(r, ctx, "Array must have at most %lld items", num(mx));
	if (u && u->type == HT_BOOL && u->b)
		check_unique(x, v, ctx, r);
	if (has) {
		res best = res_new();
		bool any = false, found = false;
		for (size_t i = 0; i < n && !found; i++) {
			res o;
			sub(x, has, &v->l->v[i], index_ctx(x, ctx, i), &o);
			found = o.nerr == 0;
			if (!found && (!any || o.score > best.score)) {
				drop(&best);
				best = o, any = true;
			} else {
				drop(&o);
			}
		}
		if (!found) {
			add_err(r, ctx, "At least one of the items must match");
			if (any)
				merge(r, &best);
		} else {
			drop(&best);
		}
	}
	r->score++;
}

/* validatePatternProperty: every matching pattern validates the value; true if any matched. */
static bool pattern_props(sctx *x, const hv *pp, const hstr *k, const hv *val, const char *ctx,
			  res *r)
{
	bool matched = false;
	size_t n = pp && hv_is_map(pp) ? hmap_len(pp->m) : 0;
	hmap_entry **es = n ? hmap_sorted(pp->m) : NULL;
	for (size_t i = 0; es && i < n; i++) {
		if (!rx_matches(x, es[i]->key, k->data, k->len))
			continue;
		matched = true;
		res o;
		sub(x, &es[i]->val, val, child_ctx(x, ctx, k->data), &o);
		merge(r, &o);
	}
	if (matched)
		r->score++;
	return matched;
}

static void check_keys(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *props = key(s, "properties"), *ap = key(s, "additionalProperties"),
	   *pp = key(s, "patternProperties"),
	   *names = x->draft >= DRAFT6 ? key(s, "propertyNames") : NULL;
	size_t n = hmap_len(v->m);
	hmap_entry **es = n ? hmap_sorted(v->m) : NULL;
	for (size_t i = 0; es && i < n; i++) {
		hstr *k = es[i]->key;
		bool found = props && hv_is_map(props) && hmap_get(props->m, k->data, k->len);
		bool pm = pattern_props(x, pp, k, &es[i]->val, ctx, r);
		if (found || pm || !ap)
			continue;
		if (ap->type == HT_BOOL && !ap->b) {
			add_errf(r, ctx, "Additional property %s is not allowed", k->data);
		} else if (hv_is_map(ap)) {
			res o;
			sub(x, ap, &es[i]->val, child_ctx(x, ctx, k->data), &o);
			merge(r, &o);
		}
	}
	for (size_t i = 0; es && names && i < n; i++) {
		hv kv = hv_of_str(es[i]->key);
		res o;
		sub(x, names, &kv, ctx, &o);
		if (o.nerr) {
			hbuf m = HBUF_INIT;
			hbuf_printf(&m, "Property name of \"%s\" does not match", es[i]->key->data);
			add_msg(r, ctx, &m);
			merge(r, &o);
		} else {
			drop(&o);
		}
	}
}

/* validateObject: minProperties, maxProperties, required, patternProperties,
 * additionalProperties, propertyNames. */
static void check_object(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *req = key(s, "required"), *mn = key(s, "minProperties"), *mx = key(s, "maxProperties");
	size_t n = hmap_len(v->m);
	if (mn && is_num(mn) && (double)n < num(mn))
		add_interr(r, ctx, "Must have at least %lld properties", num(mn));
	if (mx && is_num(mx) && (double)n > num(mx))
		add_interr(r, ctx, "Must have at most %lld properties", num(mx));
	for (size_t i = 0; req && hv_is_list(req) && i < req->l->len; i++) {
		hv *q = &req->l->v[i];
		if (q->type != HT_STRING)
			continue;
		if (hmap_get(v->m, q->s->data, q->s->len))
			r->score++;
		else
			add_errf(r, ctx, "%s is required", q->s->data);
	}
	check_keys(x, s, v, ctx, r);
	r->score++;
}

/* The "properties" children, validated into the same result after the object checks. */
static void check_props(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *props = key(s, "properties");
	size_t np = props && hv_is_map(props) ? hmap_len(props->m) : 0;
	hmap_entry **ps = np ? hmap_sorted(props->m) : NULL;
	for (size_t i = 0; ps && i < np; i++) {
		hv *val = hmap_get(v->m, ps[i]->key->data, ps[i]->key->len);
		if (val)
			validate(x, &ps[i]->val, val, child_ctx(x, ctx, ps[i]->key->data), r);
	}
}

/* anyOf: the first valid branch ends the search; if none, the best-scoring failed branch's
 * errors follow the anyOf line. */
static void check_anyof(sctx *x, const hv *any, const hv *v, const char *ctx, res *r)
{
	res best = res_new();
	bool have = false;
	for (size_t i = 0; i < any->l->len; i++) {
		res o;
		sub(x, &any->l->v[i], v, ctx, &o);
		if (o.nerr == 0) {
			drop(&o), drop(&best);
			return;
		}
		if (!have || o.score > best.score) {
			drop(&best);
			best = o, have = true;
		} else {
			drop(&o);
		}
	}
	add_err(r, ctx, "Must validate at least one schema (anyOf)");
	merge(r, &best);
}

/* oneOf: exactly one branch must pass; with none, the best failed branch (chosen while no
 * branch had passed yet) is merged. */
static void check_oneof(sctx *x, const hv *one, const hv *v, const char *ctx, res *r)
{
	res best = res_new();
	bool have = false;
	size_t valid = 0;
	for (size_t i = 0; i < one->l->len; i++) {
		res o;
		sub(x, &one->l->v[i], v, ctx, &o);
		if (o.nerr == 0) {
			valid++;
			drop(&o);
		} else if (valid == 0 && (!have || o.score > best.score)) {
			drop(&best);
			best = o, have = true;
		} else {
			drop(&o);
		}
	}
	if (valid != 1) {
		add_err(r, ctx, "Must validate one and only one schema (oneOf)");
		if (valid == 0) {
			merge(r, &best);
			return;
		}
	}
	drop(&best);
}

static void check_allof(sctx *x, const hv *all, const hv *v, const char *ctx, res *r)
{
	size_t valid = 0;
	for (size_t i = 0; i < all->l->len; i++) {
		res o;
		sub(x, &all->l->v[i], v, ctx, &o);
		valid += o.nerr == 0;
		merge(r, &o);
	}
	if (valid != all->l->len)
		add_err(r, ctx, "Must validate all the schemas (allOf)");
}

/* dependencies: for each present key, a list of keys that must also be present, or a schema
 * the whole object must pass (validated into this result). */
static void check_deps(sctx *x, const hv *deps, const hv *v, const char *ctx, res *r)
{
	size_t n = hmap_len(v->m);
	hmap_entry **es = n ? hmap_sorted(v->m) : NULL;
	for (size_t i = 0; es && i < n; i++) {
		hv *d = hmap_get(deps->m, es[i]->key->data, es[i]->key->len);
		if (d && hv_is_list(d)) {
			for (size_t j = 0; j < d->l->len; j++) {
				hv *k = &d->l->v[j];
				if (k->type == HT_STRING && !hmap_get(v->m, k->s->data, k->s->len))
					add_errf(r, ctx, "Has a dependency on %s", k->s->data);
			}
		} else if (d && (hv_is_map(d) || d->type == HT_BOOL)) {
			validate(x, d, v, ctx, r);
		}
	}
}

static void check_cond(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *c = key(s, "if"), *t = key(s, "then"), *e = key(s, "else");
	res ir, o;
	sub(x, c, v, ctx, &ir);
	bool ok = ir.nerr == 0;
	drop(&ir);
	const hv *branch = ok ? t : e;
	if (!branch)
		return;
	sub(x, branch, v, ctx, &o);
	if (o.nerr) {
		add_err(r, ctx,
			ok ? "Must validate \"then\" as \"if\" was valid"
			   : "Must validate \"else\" as \"if\" was not valid");
		merge(r, &o);
	} else {
		drop(&o);
	}
}

/* validateSchema: the combinators, in gojsonschema's order. */
static void check_combinators(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	hv *any = key(s, "anyOf"), *one = key(s, "oneOf"), *all = key(s, "allOf"),
	   *not = key(s, "not"), *deps = key(s, "dependencies");
	if (any && hv_is_list(any) && any->l->len)
		check_anyof(x, any, v, ctx, r);
	if (one && hv_is_list(one) && one->l->len)
		check_oneof(x, one, v, ctx, r);
	if (all && hv_is_list(all) && all->l->len)
		check_allof(x, all, v, ctx, r);
	if (not &&(hv_is_map(not ) || not ->type == HT_BOOL)) {
		res o;
		sub(x, not, v, ctx, &o);
		if (o.nerr == 0)
			add_err(r, ctx, "Must not validate the schema (not)");
		drop(&o);
	}
	if (deps && hv_is_map(deps) && hv_is_map(v))
		check_deps(x, deps, v, ctx, r);
	if (x->draft >= DRAFT7 && key(s, "if"))
		check_cond(x, s, v, ctx, r);
	r->score++;
}

/* "$ref": "#/a/b" (JSON pointer into the same document, ~0 and ~1 unescaped). */
static const hv *resolve_ref(sctx *x, const char *ref)
{
	if (ref[0] != '#')
		return NULL;
	const hv *cur = x->root;
	const char *p = ref + 1;
	while (*p == '/') {
		p++;
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char k[256];
		size_t w = 0;
		for (size_t i = 0; i < n && w < sizeof k - 1; i++) {
			if (p[i] == '~' && i + 1 < n && (p[i + 1] == '0' || p[i + 1] == '1'))
				k[w++] = p[++i] == '0' ? '~' : '/';
			else
				k[w++] = p[i];
		}
		k[w] = 0;
		if (hv_is_map(cur))
			cur = hmap_gets(cur->m, k);
		else if (hv_is_list(cur) && (size_t)atoi(k) < cur->l->len)
			cur = &cur->l->v[atoi(k)];
		else
			cur = NULL;
		if (!cur)
			return NULL;
		p += n;
	}
	return cur;
}

/* validateRecursive: type first (a mismatch ends this schema), then the check groups in
 * gojsonschema's order for the value's kind, then the properties children. */
static void validate(sctx *x, const hv *s, const hv *v, const char *ctx, res *r)
{
	if (x->depth >= 200)
		return;
	if (s->type == HT_BOOL) {
		if (!s->b)
			add_err(r, ctx, "False always fails validation");
		return;
	}
	if (!hv_is_map(s))
		return;
	x->depth++;
	hv *ref = key(s, "$ref");
	const hv *target = ref && ref->type == HT_STRING ? resolve_ref(x, ref->s->data) : NULL;
	if (target) {
		validate(x, target, v, ctx, r);
	} else if (check_type(r, s, v, ctx)) {
		check_combinators(x, s, v, ctx, r);
		if (is_num(v))
			check_number(x, s, v, ctx, r);
		else if (hv_is_list(v))
			check_array(x, s, v, ctx, r);
		else if (hv_is_map(v))
			check_object(x, s, v, ctx, r);
		check_common(x, s, v, ctx, r);
		if (v->type == HT_STRING)
			check_string(x, s, v, ctx, r);
		if (hv_is_map(v))
			check_props(x, s, v, ctx, r);
		r->score++;
	}
	x->depth--;
}

/* ------------------------------------------------------------------ entry points */

/* Keyword values gojsonschema refuses while compiling (schema.go parseSchema), with its text. */
static bool keyword_problem(sctx *x, const hv *s, hbuf *msg)
{
	static const char *const counts[] = {"minLength",     "maxLength", "minProperties",
					     "maxProperties", "minItems",  "maxItems"};
	static const struct {
		const char *lo, *hi, *fmt;
	} pairs[] = {{"minLength", "maxLength", "%s cannot be greater than %s"},
		     {"minProperties", "maxProperties", "%s cannot be greater than %s"}};
	hv *mo = key(s, "multipleOf");
	if (mo && is_num(mo) && num(mo) <= 0) {
		hbuf_puts(msg, "multipleOf must be strictly greater than 0");
		return true;
	}
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		hv *v = key(s, counts[i]);
		if (v && is_num(v) && num(v) < 0) {
			hbuf_printf(msg, "%s must be greater than or equal to 0", counts[i]);
			return true;
		}
	}
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		hv *lo = key(s, pairs[i].lo), *hi = key(s, pairs[i].hi);
		if (lo && hi && is_num(lo) && is_num(hi) && num(lo) > num(hi)) {
			hbuf_printf(msg, pairs[i].fmt, pairs[i].lo, pairs[i].hi);
			return true;
		}
	}
	static const char *const uniq[] = {"required", "enum"};
	for (size_t k = 0; k < 2; k++) {
		hv *l = key(s, uniq[k]);
		for (size_t i = 0; l && hv_is_list(l) && i < l->l->len; i++)
			for (size_t j = 0; j < i && !x->oom; j++) {
				if (same_json(x, &l->l->v[i], &l->l->v[j])) {
					hbuf_printf(msg, "%s items must be unique", uniq[k]);
					return true;
				}
			}
	}
	return false;
}

/* gojsonschema compiles the whole schema before validating: a bad regex in `pattern` or a
 * `patternProperties` key fails the schema with this text whether or not it is reached. */
static bool schema_problem(sctx *x, const hv *s, int depth, hbuf *msg)
{
	if (depth > 200)
		return false;
	if (hv_is_list(s)) {
		for (size_t i = 0; i < s->l->len; i++)
			if (schema_problem(x, &s->l->v[i], depth + 1, msg))
				return true;
		return false;
	}
	if (!hv_is_map(s))
		return false;
	if (!x->v6 && keyword_problem(x, s, msg)) /* v6 compiles these (schema2-compile-*) */
		return true;
	size_t n = hmap_len(s->m);
	hmap_entry **es = n ? hmap_sorted(s->m) : NULL;
	for (size_t i = 0; es && i < n; i++) {
		const char *k = es[i]->key->data;
		const hv *val = &es[i]->val;
		if (!strcmp(k, "enum") || !strcmp(k, "const") || !strcmp(k, "default") ||
		    !strcmp(k, "examples"))
			continue;
		if (!strcmp(k, "pattern") && val->type == HT_STRING) {
			if (!rx_valid(x, val->s->data, val->s->len)) {
				hbuf_puts(msg, "pattern must be a valid regex");
				return true;
			}
		}
		if (!strcmp(k, "patternProperties") && hv_is_map(val)) {
			size_t np = hmap_len(val->m);
			hmap_entry **ps = np ? hmap_sorted(val->m) : NULL;
			for (size_t j = 0; ps && j < np; j++) {
				if (!rx_valid(x, ps[j]->key->data, ps[j]->key->len)) {
					hbuf_printf(msg, "Invalid regex pattern '%s'",
						    ps[j]->key->data);
					return true;
				}
			}
		}
		if (schema_problem(x, val, depth + 1, msg))
			return true;
	}
	return false;
}

/* The draft named by the root's "$schema"; anything else is gojsonschema's hybrid mode. */
static int draft_of(const hv *s)
{
	static const struct {
		const char *url;
		int draft;
	} known[] = {{"http://json-schema.org/draft-04/schema", DRAFT4},
		     {"http://json-schema.org/draft-06/schema", DRAFT6},
		     {"http://json-schema.org/draft-07/schema", DRAFT7}};
	hv *u = key(s, "$schema");
	if (!u || u->type != HT_STRING)
		return HYBRID;
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		size_t n = strlen(known[i].url);
		if (!strncmp(u->s->data, known[i].url, n) &&
		    (u->s->data[n] == 0 || !strcmp(u->s->data + n, "#")))
			return known[i].draft;
	}
	return HYBRID;
}

static size_t skip_digits(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* The end of the first value of s, which the JSON decoder found complete and valid. */
static size_t first_value_end(const char *s, size_t n)
{
	size_t i = 0, depth = 0;
	while (i < n && strchr(" \t\n\r", s[i]) && s[i])
		i++;
	if (i < n && (s[i] == 't' || s[i] == 'n' || s[i] == 'f'))
		return i + (s[i] == 'f' ? 5 : 4);
	if (i < n && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9'))) {
		i = skip_digits(s, n, i + (s[i] == '-'));
		if (i < n && s[i] == '.')
			i = skip_digits(s, n, i + 1);
		if (i < n && (s[i] == 'e' || s[i] == 'E')) {
			i++;
			i = skip_digits(s, n, i + (i < n && (s[i] == '+' || s[i] == '-')));
		}
		return i;
	}
	for (bool str = false; i < n; i++) {
		if (str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				str = false;
		} else if (s[i] == '"') {
			str = true;
		} else if (s[i] == '{' || s[i] == '[') {
			depth++;
		} else if (s[i] == '}' || s[i] == ']') {
			depth--;
		}
		if (!str && depth == 0)
			return i + 1;
	}
	return n;
}

/* gojsonschema reads the schema with a json.Decoder, which stops after the first complete
 * value (trailing data is never an error), says `EOF` for an empty document and
 * `unexpected EOF` for a truncated one (encoding/json's Unmarshal: `invalid character 'x'
 * after top-level value`, `unexpected end of JSON input`). False with the error text in msg,
 * or with msg empty when memory ran out. */
static bool decode_schema(harena *a, const char *text, size_t len, bool v6, hv *s, hbuf *msg)
{
	herr e = HTMPL_ERROR_INIT;
	bool at_end = false;
	if (!hjson_decode_at_end(a, text, len, s, &at_end, &e) && e.code != HTMPL_ERR_NOMEM && v6 &&
	    strstr(htmpl_error_message(&e), "after top-level value")) {
		/* v6's UnmarshalJSON refuses trailing data (schema/schema-json-trailing-data) */
		htmpl_error_clear(&e);
		hbuf_puts(msg, "invalid character after top-level value");
		return false;
	}
	if (e.code != HTMPL_ERR_NOMEM &&
	    strstr(htmpl_error_message(&e), "after top-level value")) {
		htmpl_error_clear(&e);
		hjson_decode_at_end(a, text, first_value_end(text, len), s, &at_end, &e);
	}
	if (e.code == HTMPL_OK)
		return true;
	const char *m = htmpl_error_message(&e);
	bool blank = true;
	for (size_t i = 0; i < len && blank; i++)
		blank = strchr(" \t\n\r", text[i]) && text[i];
	if (e.code != HTMPL_ERR_NOMEM) {
		if (at_end)
			m = blank ? "EOF" : "unexpected EOF";
		hbuf_puts(msg, m);
	}
	htmpl_error_clear(&e);
	return false;
}

bool hschema_validate(harena *a, const char *schema, size_t len, const hv *values, hbuf *out,
		      herr *err)
{
	return hschema_validate_v(a, schema, len, values, false, out, err);
}

static bool validate_doc(sctx *px, const hv *sp, const hv *values, hbuf *out, herr *err);

static bool validate_rx(harena *a, const char *schema, size_t len, const hv *values, bool v6,
                        hrx_cache *rx, hbuf *out, herr *err);

bool hschema_validate_v(harena *a, const char *schema, size_t len, const hv *values, bool v6,
                        hbuf *out, herr *err)
{
	return validate_rx(a, schema, len, values, v6, NULL, out, err);
}

/* hschema_validate_v with the patterns compiled through rx (the environment's cache, shared
 * by every render), or through a cache of this validation when rx is NULL. */
static bool validate_rx(harena *a, const char *schema, size_t len, const hv *values, bool v6,
                        hrx_cache *rx, hbuf *out, herr *err)
{
	hv s;
	hbuf msg = HBUF_INIT;
	if (!decode_schema(a, schema, len, v6, &s, &msg)) {
		/* Helm prints the decoder's error in place of the list */
		bool ok = msg.len && hbuf_ok(&msg);
		if (ok)
			hbuf_put(out, msg.data, msg.len);
		hbuf_free(&msg);
		return ok || herr_nomem(err);
	}
	if (!hv_is_map(&s) && s.type != HT_BOOL) {
		hbuf_puts(out, "schema is invalid"); /* gojsonschema: a document must be one */
		return true;
	}
	sctx x = {a, &s, draft_of(&s), 0, false, v6, NULL};
	if (v6 && hschema4_metaschema(&s, out))
		return hbuf_ok(out) || herr_nomem(err);
	x.rx = rx ? rx : hrx_cache_new(); /* NULL: every pattern compiled per use */
	bool ok = validate_doc(&x, &s, values, out, err);
	if (!rx)
		hrx_cache_free(x.rx);
	return ok;
}

static bool validate_doc(sctx *px, const hv *sp, const hv *values, hbuf *out, herr *err)
{
	sctx x = *px;
	hv s = *sp;
	harena *a = x.a;
	bool bad = schema_problem(&x, &s, 0, out);
	if (x.oom)
		return herr_nomem(err);
	if (bad)
		return true;
	hmap *empty = NULL;
	hv root = *values;
	if (hv_is_nil(&root)) {
		if (!(empty = hmap_new(a, 0)))
			return herr_nomem(err);
		root = hv_of_map(HT_MAP, empty);
	}
	if (root.type == HT_VALUES)
		root.type = HT_MAP;
	if (x.v6) {
		bool oom = false;
		return hschema6_validate(a, &s, &root, out, &oom) || herr_nomem(err);
	}
	res r = res_new();
	validate(&x, &s, &root, "(root)", &r);
	bool ok = !x.oom && hbuf_ok(&r.out);
	if (ok)
		hbuf_put(out, r.out.data, r.out.len);
	hbuf_free(&r.out);
	return ok || herr_nomem(err);
}

static bool tree(hvctx *x, const hwchart *c, hmap *vals, hbuf *sb)
{
	if (c->chart->schema) {
		hbuf one = HBUF_INIT;
		hv v = hv_of_map(HT_MAP, vals);
		bool ok = validate_rx(x->a, c->chart->schema->data, c->chart->schema->len, &v,
		                      htmpl_env_get_helm_version(x->env) == 4,
		                      x->env ? x->env->rx_cache : NULL, &one, x->err);
		if (ok && !hbuf_ok(&one))
			ok = herr_nomem(x->err);
		if (ok && one.len) {
			hbuf_printf(sb, "%s:\n", c->name);
			hbuf_put(sb, one.data, one.len);
		}
		hbuf_free(&one);
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < c->ndeps; i++) {
		hv *sv = hmap_gets(vals, c->deps[i]->name);
		hmap *sm = sv && hv_is_map(sv) ? sv->m : hmap_new(x->a, 0);
		if (!sm || !tree(x, c->deps[i], sm, sb))
			return sm ? false : herr_nomem(x->err);
	}
	return true;
}

bool hschema_validate_tree(hvctx *x, const hwchart *c, hmap *vals)
{
	hbuf sb = HBUF_INIT;
	bool ok = tree(x, c, vals, &sb);
	if (ok && !hbuf_ok(&sb))
		ok = herr_nomem(x->err);
	else if (ok && sb.len) {
		herr_set(x->err, HTMPL_ERR_SCHEMA,
			 "values don't meet the specifications of the schema(s) in the following "
			 "chart(s):\n%s",
			 hbuf_cstr(&sb));
		ok = false;
	}
	hbuf_free(&sb);
	return ok;
}
