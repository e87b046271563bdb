/* schema.c - values.schema.json validation as helm v3.17.3 does it (pkg/chartutil/jsonschema.go
 * ValidateAgainstSchema over the chart tree) with the checks and messages of
 * xeipuuv/gojsonschema v1.2.0 (validation.go, locales.go): `- x: Invalid type. Expected:
 * string, given: integer`, `- (root): y is required`.
 *
 * Covered keywords: type, required, properties, additionalProperties, enum, const, minimum,
 * maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength, items (one
 * schema or a list), minItems, maxItems, uniqueItems, minProperties, maxProperties, allOf,
 * anyOf, oneOf, not, $ref to `#/...` pointers, true/false schemas. Not yet: pattern,
 * patternProperties, format, dependencies, if/then/else, remote $ref; anyOf/oneOf report only
 * their own line (gojsonschema adds the errors of the closest sub-schema by score).
 * gojsonschema walks properties in Go map order; we use key order. */
#include "schema.h"

#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sctx {
	harena *a;
	const hv *root; /* the schema document, for $ref */
	hbuf *out;
	int depth;
	size_t nerr;
} sctx;

static hv *key(const hv *s, const char *k)
{
	return hv_is_map(s) ? hmap_gets(s->m, k) : NULL;
}

static bool is_integral(double f)
{
	return f == floor(f) && isfinite(f);
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

static double num(const hv *v)
{
	if (v->type == HT_FLOAT64)
		return v->f;
	if (hv_is_uint(v))
		return (double)v->u;
	return (double)v->i;
}

static bool is_num(const hv *v)
{
	return v->type == HT_FLOAT64 || hv_is_int(v) || hv_is_uint(v);
}

static void field(hbuf *b, const char *ctx)
{
	if (!strncmp(ctx, "(root).", 7))
		ctx += 7;
	hbuf_puts(b, ctx);
}

static void err_line(sctx *x, const char *ctx, const char *msg)
{
	hbuf_puts(x->out, "- ");
	field(x->out, ctx);
	hbuf_puts(x->out, ": ");
	hbuf_puts(x->out, msg);
	hbuf_putc(x->out, '\n');
	x->nerr++;
}

static void fnum(char *t, size_t n, double d)
{
	if (is_integral(d) && fabs(d) < 1e15)
		snprintf(t, n, "%lld", (long long)d);
	else
		snprintf(t, n, "%.10g", d);
}

static bool type_ok(const char *want, const hv *v)
{
	const char *have = jtype(v);
	if (!strcmp(want, have))
		return true;
	return !strcmp(want, "number") && !strcmp(have, "integer");
}

/* "type": a name or a list; on mismatch the message names them as gojsonschema does. */
static bool check_type(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	hv *t = key(s, "type");
	if (!t)
		return true;
	hbuf names = HBUF_INIT;
	bool ok = false;
	if (t->type == HT_STRING) {
		ok = type_ok(t->s->data, v);
		hbuf_puts(&names, t->s->data);
	} else if (hv_is_list(t)) {
		hbuf_putc(&names, '[');
		for (size_t i = 0; i < t->l->len; i++) {
			if (t->l->v[i].type != HT_STRING)
				continue;
			if (i)
				hbuf_putc(&names, ',');
			hbuf_puts(&names, t->l->v[i].s->data);
			ok = ok || type_ok(t->l->v[i].s->data, v);
		}
		hbuf_putc(&names, ']');
		if (t->l->len == 1) { /* a one-element list prints as the bare name */
			hbuf tmp = HBUF_INIT;
			hbuf_put(&tmp, names.data + 1, names.len - 2);
			hbuf_free(&names);
			names = tmp;
		}
	} else {
		ok = true;
	}
	if (!ok) {
		hbuf m = HBUF_INIT;
		hbuf_printf(&m, "Invalid type. Expected: %s, given: %s", hbuf_cstr(&names),
			    jtype(v));
		err_line(x, ctx, hbuf_cstr(&m));
		hbuf_free(&m);
	}
	hbuf_free(&names);
	return ok;
}

static void validate(sctx *x, const hv *s, const hv *v, const char *ctx);

static char *child_ctx(sctx *x, const char *ctx, const char *k)
{
	size_t n = strlen(ctx) + strlen(k) + 2;
	char *c = harena_alloc(x->a, n);
	if (c)
		snprintf(c, n, "%s.%s", ctx, k);
	return c ? c : "(root)";
}

/* JSON of a value for enum/const comparison (numbers compared by value). */
static void jtext(hbuf *b, const hv *v)
{
	hv copy = *v;
	if (is_num(v) && v->type != HT_FLOAT64)
		copy = hv_float(num(v));
	hjson_encode(b, &copy, HJSON_RAW, NULL);
}

static void check_common(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	hv *c = key(s, "const"), *e = key(s, "enum");
	hbuf have = HBUF_INIT;
	jtext(&have, v);
	if (c) {
		hbuf want = HBUF_INIT, m = HBUF_INIT;
		jtext(&want, c);
		if (strcmp(hbuf_cstr(&want), hbuf_cstr(&have))) {
			field(&m, ctx);
			hbuf_printf(&m, " does not match: %s", hbuf_cstr(&want));
			err_line(x, ctx, hbuf_cstr(&m));
		}
		hbuf_free(&want), hbuf_free(&m);
	}
	if (e && hv_is_list(e) && e->l->len) {
		hbuf all = HBUF_INIT;
		bool found = false;
		for (size_t i = 0; i < e->l->len; i++) {
			hbuf one = HBUF_INIT;
			jtext(&one, &e->l->v[i]);
			found = found || !strcmp(hbuf_cstr(&one), hbuf_cstr(&have));
			if (i)
				hbuf_puts(&all, ", ");
			hbuf_puts(&all, hbuf_cstr(&one));
			hbuf_free(&one);
		}
		if (!found) {
			hbuf m = HBUF_INIT;
			field(&m, ctx);
			hbuf_printf(&m, " must be one of the following: %s", hbuf_cstr(&all));
			err_line(x, ctx, hbuf_cstr(&m));
			hbuf_free(&m);
		}
		hbuf_free(&all);
	}
	hbuf_free(&have);
}

static void check_number(sctx *x, const hv *s, double d, const char *ctx)
{
	static const struct {
		const char *k, *msg;
		int op;
	} rules[] = {
	    {"maximum", "Must be less than or equal to %s", 1},
	    {"exclusiveMaximum", "Must be less than %s", 2},
	    {"minimum", "Must be greater than or equal to %s", 3},
	    {"exclusiveMinimum", "Must be greater than %s", 4},
	};
	hv *mo = key(s, "multipleOf");
	char t[64], m[128];
	if (mo && is_num(mo) && num(mo) != 0 && !is_integral(d / num(mo))) {
		fnum(t, sizeof t, num(mo));
		snprintf(m, sizeof m, "Must be a multiple of %s", t);
		err_line(x, ctx, m);
	}
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		hv *lim = key(s, rules[i].k);
		if (!lim || !is_num(lim))
			continue;
		double l = num(lim);
		bool bad = rules[i].op == 1   ? d > l
			   : rules[i].op == 2 ? d >= l
			   : rules[i].op == 3 ? d < l
					      : d <= l;
		if (bad) {
			fnum(t, sizeof t, l);
			snprintf(m, sizeof m, rules[i].msg, t);
			err_line(x, ctx, m);
		}
	}
}

static size_t rune_count(const hstr *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->len; i++)
		n += ((unsigned char)s->data[i] & 0xC0) != 0x80;
	return n;
}

static void check_string(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	hv *mn = key(s, "minLength"), *mx = key(s, "maxLength");
	char m[128];
	size_t n = rune_count(v->s);
	if (mn && is_num(mn) && (double)n < num(mn)) {
		snprintf(m, sizeof m, "String length must be greater than or equal to %lld",
			 (long long)num(mn));
		err_line(x, ctx, m);
	}
	if (mx && is_num(mx) && (double)n > num(mx)) {
		snprintf(m, sizeof m, "String length must be less than or equal to %lld",
			 (long long)num(mx));
		err_line(x, ctx, m);
	}
}

static void check_array(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	hv *items = key(s, "items"), *mn = key(s, "minItems"), *mx = key(s, "maxItems"),
	   *u = key(s, "uniqueItems");
	char m[128], idx[32];
	size_t n = v->l->len;
	for (size_t i = 0; items && i < n; i++) {
		snprintf(idx, sizeof idx, "%zu", i);
		if (hv_is_list(items)) {
			if (i < items->l->len)
				validate(x, &items->l->v[i], &v->l->v[i], child_ctx(x, ctx, idx));
		} else {
			validate(x, items, &v->l->v[i], child_ctx(x, ctx, idx));
		}
	}
	if (mn && is_num(mn) && (double)n < num(mn)) {
		snprintf(m, sizeof m, "Array must have at least %lld items", (long long)num(mn));
		err_line(x, ctx, m);
	}
	if (mx && is_num(mx) && (double)n > num(mx)) {
		snprintf(m, sizeof m, "Array must have at most %lld items", (long long)num(mx));
		err_line(x, ctx, m);
	}
	if (u && u->type == HT_BOOL && u->b) {
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++) {
				hbuf a = HBUF_INIT, b = HBUF_INIT;
				jtext(&a, &v->l->v[i]), jtext(&b, &v->l->v[j]);
				bool same = !strcmp(hbuf_cstr(&a), hbuf_cstr(&b));
				hbuf_free(&a), hbuf_free(&b);
				if (same) {
					snprintf(m, sizeof m, "array items[%zu,%zu] must be unique",
						 i, j);
					err_line(x, ctx, m);
					return;
				}
			}
	}
}

static void check_object(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	hv *req = key(s, "required"), *props = key(s, "properties"),
	   *ap = key(s, "additionalProperties");
	hv *mn = key(s, "minProperties"), *mx = key(s, "maxProperties");
	char m[256];
	size_t n = hmap_len(v->m);
	if (mn && is_num(mn) && (double)n < num(mn)) {
		snprintf(m, sizeof m, "Must have at least %lld properties", (long long)num(mn));
		err_line(x, ctx, m);
	}
	if (mx && is_num(mx) && (double)n > num(mx)) {
		snprintf(m, sizeof m, "Must have at most %lld properties", (long long)num(mx));
		err_line(x, ctx, m);
	}
	for (size_t i = 0; req && hv_is_list(req) && i < req->l->len; i++) {
		hv *r = &req->l->v[i];
		if (r->type == HT_STRING && !hmap_get(v->m, r->s->data, r->s->len)) {
			hbuf b = HBUF_INIT;
			hbuf_printf(&b, "%s is required", r->s->data);
			err_line(x, ctx, hbuf_cstr(&b));
			hbuf_free(&b);
		}
	}
	hmap_entry **es = n ? hmap_sorted(v->m) : NULL;
	for (size_t i = 0; es && ap && i < n; i++) {
		hstr *k = es[i]->key;
		if (props && hv_is_map(props) && hmap_get(props->m, k->data, k->len))
			continue;
		if (ap->type == HT_BOOL && !ap->b) {
			hbuf b = HBUF_INIT;
			hbuf_printf(&b, "Additional property %s is not allowed", k->data);
			err_line(x, ctx, hbuf_cstr(&b));
			hbuf_free(&b);
		} else if (hv_is_map(ap)) {
			validate(x, ap, &es[i]->val, child_ctx(x, ctx, k->data));
		}
	}
	if (!props || !hv_is_map(props))
		return;
	size_t np = hmap_len(props->m);
	hmap_entry **ps = np ? hmap_sorted(props->m) : NULL;
	for (size_t i = 0; ps && i < np; i++) {
		hv *val = hmap_get(v->m, ps[i]->key->data, ps[i]->key->len);
		if (val)
			validate(x, &ps[i]->val, val, child_ctx(x, ctx, ps[i]->key->data));
	}
}

/* A sub-validation that only counts errors. */
static size_t probe(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	hbuf tmp = HBUF_INIT;
	sctx y = *x;
	y.out = &tmp, y.nerr = 0;
	validate(&y, s, v, ctx);
	hbuf_free(&tmp);
	return y.nerr;
}

static void check_combinators(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	hv *any = key(s, "anyOf"), *one = key(s, "oneOf"), *all = key(s, "allOf"),
	   *not = key(s, "not");
	if (any && hv_is_list(any) && any->l->len) {
		bool ok = false;
		for (size_t i = 0; i < any->l->len && !ok; i++)
			ok = probe(x, &any->l->v[i], v, ctx) == 0;
		if (!ok)
			err_line(x, ctx, "Must validate at least one schema (anyOf)");
	}
	if (one && hv_is_list(one) && one->l->len) {
		size_t valid = 0;
		for (size_t i = 0; i < one->l->len; i++)
			valid += probe(x, &one->l->v[i], v, ctx) == 0;
		if (valid != 1)
			err_line(x, ctx, "Must validate one and only one schema (oneOf)");
	}
	if (all && hv_is_list(all) && all->l->len) {
		size_t valid = 0;
		for (size_t i = 0; i < all->l->len; i++) {
			size_t before = x->nerr;
			validate(x, &all->l->v[i], v, ctx);
			valid += x->nerr == before;
		}
		if (valid != all->l->len)
			err_line(x, ctx, "Must validate all the schemas (allOf)");
	}
	if (not &&probe(x, not, v, ctx) == 0)
		err_line(x, ctx, "Must not validate the schema (not)");
}

/* "$ref": "#/a/b" (JSON pointer into the same document). */
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

static void validate(sctx *x, const hv *s, const hv *v, const char *ctx)
{
	if (++x->depth > 200) {
		x->depth--;
		return;
	}
	if (s->type == HT_BOOL) {
		if (!s->b)
			err_line(x, ctx, "False always fails validation");
	} else if (hv_is_map(s)) {
		hv *ref = key(s, "$ref");
		const hv *target =
		    ref && ref->type == HT_STRING ? resolve_ref(x, ref->s->data) : NULL;
		if (target) {
			validate(x, target, v, ctx);
		} else if (check_type(x, s, v, ctx)) {
			check_combinators(x, s, v, ctx);
			if (is_num(v))
				check_number(x, s, num(v), ctx);
			if (hv_is_list(v))
				check_array(x, s, v, ctx);
			if (hv_is_map(v))
				check_object(x, s, v, ctx);
			check_common(x, s, v, ctx);
			if (v->type == HT_STRING)
				check_string(x, s, v, ctx);
		}
	}
	x->depth--;
}

bool hschema_validate(harena *a, const char *schema, size_t len, const hv *values, hbuf *out,
		      herr *err)
{
	hv s;
	herr e = HTMPL_ERROR_INIT;
	if (!hjson_decode(a, schema, len, &s, &e)) {
		/* gojsonschema's error is the JSON decoder's; Helm prints it in place of the list
		 */
		hbuf_puts(out, htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return true;
	}
	sctx x = {a, &s, out, 0, 0};
	hmap *empty = NULL;
	hv root = *values;
	if (hv_is_nil(&root)) {
		if (!(empty = hmap_new(a, 0)))
			return herr_nomem(err);
		root = hv_of_map(HT_MAP, empty);
	}
	if (root.type == HT_VALUES)
		root.type = HT_MAP;
	validate(&x, &s, &root, "(root)");
	return true;
}

static bool tree(hvctx *x, const hwchart *c, hmap *vals, hbuf *sb)
{
	if (c->chart->schema) {
		hbuf one = HBUF_INIT;
		hv v = hv_of_map(HT_MAP, vals);
		bool ok = hschema_validate(x->a, c->chart->schema->data, c->chart->schema->len, &v,
					   &one, x->err);
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
	if (ok && sb.len) {
		herr_set(x->err, HTMPL_ERR_SCHEMA,
			 "values don't meet the specifications of the schema(s) in the following "
			 "chart(s):\n%s",
			 hbuf_cstr(&sb));
		ok = false;
	}
	hbuf_free(&sb);
	return ok;
}
