/* crd.c - custom resources checked offline against the CustomResourceDefinitions of their
 * chart (crds/ and templates, subcharts included) with the structural-schema rules the API
 * server applies to a CR (k8s.io/apiextensions-apiserver: pkg/apiserver/schema (pruning,
 * defaulting, nullable), pkg/apiserver/validation and kube-openapi's validate package).
 *
 * What a CR is checked for, as `kubectl apply` (strict field validation) and the API server
 * would reject it: a field no schema declares (unless x-kubernetes-preserve-unknown-fields,
 * or the apiVersion/kind/metadata of an x-kubernetes-embedded-resource), the JSON type,
 * x-kubernetes-int-or-string, required fields (a field with a `default` is filled in first, so
 * it is never missing), enum, pattern (Go regexp), the formats the server knows (int32, byte,
 * uuid, ipv4, ipv6), minimum/maximum (and exclusive), multipleOf, minLength/maxLength (in
 * runes), minItems/maxItems, minProperties/maxProperties, allOf/anyOf/oneOf/not. A null value
 * is accepted everywhere in an object: the server prunes nulls of non-nullable fields before
 * validating (and defaults them). A CR whose group and kind a CRD defines but not its version,
 * or not as served, is "no matches for kind", as kubectl reports it. */
#include "lint/crd.h"
#include "lint/field_path.h"

#include "core/codec.h"
#include "core/utf8.h"
#include "data/json.h"
#include "helm/jsonformat.h"
#include "core/regexp.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct hcrd_entry {
	const char *group, *version, *kind;
	const hv *schema; /* openAPIV3Schema, or NULL (no schema: anything goes) */
	bool served;
	struct hcrd_entry *next;
} hcrd_entry;

/* Compiled `pattern`s, by the schema's string (schemas outlive the set): CRs of one kind
 * share them, and compiling is most of a pattern check. */
typedef struct rx_slot {
	const hstr *pat;
	hrx *rx; /* NULL: the pattern does not compile */
} rx_slot;

struct hcrd_set {
	harena *a;
	hcrd_entry *head;
	size_t n;
	rx_slot *rx;
	size_t nrx, caprx; /* open addressing, caprx a power of two */
};

hcrd_set *hcrd_set_new(harena *a)
{
	hcrd_set *s = harena_alloc(a, sizeof *s);
	if (s)
		*s = (hcrd_set){.a = a};
	return s;
}

size_t hcrd_set_count(const hcrd_set *s)
{
	return s ? s->n : 0;
}

void hcrd_set_release(hcrd_set *s)
{
	for (size_t i = 0; s && i < s->caprx; i++)
		hrx_free(s->rx[i].rx);
	if (s)
		s->nrx = s->caprx = 0, s->rx = NULL;
}

/* The compiled pattern (NULL when it does not compile; *oom on out of memory). */
static hrx *cached_rx(hcrd_set *s, const hstr *pat, bool *oom)
{
	if (s->nrx * 2 >= s->caprx) {
		size_t cap = s->caprx ? s->caprx * 2 : 64;
		rx_slot *nv = harena_zalloc(s->a, cap * sizeof *nv);
		if (!nv)
			return *oom = true, NULL;
		for (size_t i = 0; i < s->caprx; i++) {
			if (!s->rx[i].pat)
				continue;
			size_t h = ((uintptr_t)s->rx[i].pat >> 4) & (cap - 1);
			while (nv[h].pat)
				h = (h + 1) & (cap - 1);
			nv[h] = s->rx[i];
		}
		s->rx = nv, s->caprx = cap;
	}
	size_t h = ((uintptr_t)pat >> 4) & (s->caprx - 1);
	while (s->rx[h].pat && s->rx[h].pat != pat)
		h = (h + 1) & (s->caprx - 1);
	if (s->rx[h].pat)
		return s->rx[h].rx;
	hbuf msg = HBUF_INIT;
	hrx *rx = hrx_compile(s->a, pat->data, pat->len, &msg);
	if (!rx && !msg.len)
		*oom = true;
	hbuf_free(&msg);
	if (*oom)
		return NULL;
	s->rx[h] = (rx_slot){.pat = pat, .rx = rx};
	s->nrx++;
	return rx;
}

static const hv *get(const hv *m, const char *k)
{
	return m && hv_is_map(m) ? hmap_gets(m->m, k) : NULL;
}

static const char *str(const hv *m, const char *k)
{
	const hv *x = get(m, k);
	return x && x->type == HT_STRING ? x->s->data : NULL;
}

static bool truthy(const hv *m, const char *k)
{
	const hv *x = get(m, k);
	return x && x->type == HT_BOOL && x->b;
}

bool hcrd_set_add(hcrd_set *s, const hv *doc)
{
	const char *av = str(doc, "apiVersion"), *kind = str(doc, "kind");
	if (!av || !kind || strcmp(kind, "CustomResourceDefinition") ||
	    strcmp(av, "apiextensions.k8s.io/v1"))
		return true;
	const hv *spec = get(doc, "spec");
	const char *group = str(spec, "group"), *ckind = str(get(spec, "names"), "kind");
	const hv *versions = get(spec, "versions");
	if (!group || !ckind || !versions || !hv_is_list(versions))
		return true;
	for (size_t i = 0; i < versions->l->len; i++) {
		const hv *ver = &versions->l->v[i];
		const char *name = str(ver, "name");
		if (!name)
			continue;
		hcrd_entry *e = harena_alloc(s->a, sizeof *e);
		if (!e)
			return false;
		*e = (hcrd_entry){.group = group,
				  .version = name,
				  .kind = ckind,
				  .schema = get(get(ver, "schema"), "openAPIV3Schema"),
				  .served = truthy(ver, "served"),
				  .next = s->head};
		s->head = e;
		s->n++;
	}
	return true;
}

int hcrd_find(const hcrd_set *s, const char *api_version, const char *kind, const hv **schema)
{
	const char *slash = strrchr(api_version, '/');
	if (!s || !slash)
		return HCRD_UNKNOWN;
	size_t gl = (size_t)(slash - api_version);
	int r = HCRD_UNKNOWN;
	for (const hcrd_entry *e = s->head; e; e = e->next) {
		if (strcmp(e->kind, kind) || strlen(e->group) != gl ||
		    memcmp(e->group, api_version, gl))
			continue;
		if (!strcmp(e->version, slash + 1) && e->served) {
			*schema = e->schema;
			return HCRD_FOUND;
		}
		r = HCRD_NO_VERSION;
	}
	return r;
}

/* ---------------------------------------------------------------- loading */

/* Text-level pruning of `description:` entries. Validation never reads them and they are two
 * thirds of a controller-gen CRD (kube-prometheus-stack's crds/ are 4.4 MB, 1.5 MB without),
 * so dropping them before YAML decoding saves most of the decoding. A description is a key
 * whose value starts on its line (a plain or quoted scalar, `|` or `>`); its continuation
 * lines are the blank and the more indented ones. A property *named* description has an
 * empty value followed by its schema (or a flow mapping) and is kept. */
char *hcrd_strip_descriptions(harena *a, const char *s, size_t n, size_t *out_len)
{
	char *out = harena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	long skip = -1; /* skip lines indented more than this */
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n, next = nl ? e + 1 : n;
		size_t ind = 0;
		while (i + ind < e && s[i + ind] == ' ')
			ind++;
		bool blank = i + ind == e;
		if (skip >= 0 && (blank || (long)ind > skip)) {
			i = next;
			continue;
		}
		skip = -1;
		const char *t = s + i + ind;
		size_t tl = e - i - ind;
		bool dash = tl >= 2 && t[0] == '-' && t[1] == ' ';
		const char *k = dash ? t + 2 : t;
		size_t kl = dash ? tl - 2 : tl;
		if (kl > 12 && !memcmp(k, "description:", 12)) {
			size_t v = 12;
			while (v < kl && k[v] == ' ')
				v++;
			if (v < kl && k[v] != '{' && k[v] != '[' && k[v] != '#' && k[12] == ' ') {
				skip = (long)(ind + (dash ? 2 : 0));
				if (dash) { /* keep the list item: `-` then its other keys below */
					memset(out + o, ' ', ind);
					o += ind;
					out[o++] = '-';
					out[o++] = '\n';
				}
				i = next;
				continue;
			}
		}
		memcpy(out + o, s + i, next - i);
		o += next - i;
		i = next;
	}
	out[o] = 0;
	*out_len = o;
	return out;
}

/* ---------------------------------------------------------------- walking */

typedef struct cctx {
	harena *a;
	hcrd_set *set;
	hcrd_report_fn fn;
	void *ud;
	hbuf path;
	bool stop, oom;
	int quiet;    /* inside anyOf/oneOf/not trials: count, do not report */
	size_t fails; /* findings while quiet */
	int depth;
} cctx;

static void report(cctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(cctx *c, const char *fmt, ...)
{
	if (c->quiet) {
		c->fails++;
		return;
	}
	if (c->stop)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!c->fn(c->ud, hbuf_cstr(&c->path), msg))
		c->stop = true;
}

static bool is_num(const hv *v)
{
	return v->type == HT_FLOAT64 || hv_is_int(v) || hv_is_uint(v);
}

static double num(const hv *v)
{
	return v->type == HT_FLOAT64 ? v->f : hv_is_int(v) ? (double)v->i : (double)v->u;
}

static bool is_integer(const hv *v)
{
	return hv_is_int(v) || hv_is_uint(v) ||
	       (v->type == HT_FLOAT64 && isfinite(v->f) && v->f == floor(v->f));
}

static const char *json_type(const hv *v)
{
	const char *t = hjson_schema_type(v);
	return !strcmp(t, "number") && is_integer(v) ? "integer" : t;
}

/* JSON equality of the scalars an enum can list. */
static bool same(const hv *a, const hv *b)
{
	if (a->type == HT_STRING || b->type == HT_STRING)
		return a->type == HT_STRING && b->type == HT_STRING && a->s->len == b->s->len &&
		       !memcmp(a->s->data, b->s->data, a->s->len);
	if (a->type == HT_BOOL || b->type == HT_BOOL)
		return a->type == b->type && a->b == b->b;
	if (is_num(a) && is_num(b))
		return num(a) == num(b);
	return hv_is_nil(a) && hv_is_nil(b);
}

static void check_enum(cctx *c, const hv *en, const hv *v)
{
	if (!en || !hv_is_list(en) || !en->l->len)
		return;
	for (size_t i = 0; i < en->l->len; i++)
		if (same(&en->l->v[i], v))
			return;
	hbuf vals = HBUF_INIT;
	for (size_t i = 0; i < en->l->len && i < 20; i++) {
		const hv *e = &en->l->v[i];
		if (vals.len)
			hbuf_puts(&vals, ", ");
		if (e->type == HT_STRING)
			hbuf_printf(&vals, "\"%s\"", e->s->data);
		else if (is_num(e))
			hbuf_printf(&vals, "%g", num(e));
		else
			hbuf_puts(&vals, json_type(e));
	}
	if (v->type == HT_STRING)
		report(c, "unsupported value \"%.64s\": supported values: %s", v->s->data,
		       hbuf_cstr(&vals));
	else
		report(c, "unsupported value: supported values: %s", hbuf_cstr(&vals));
	hbuf_free(&vals);
}

static bool bound(const hv *schema, const char *k, double *out)
{
	const hv *x = get(schema, k);
	if (!x || !is_num(x))
		return false;
	*out = num(x);
	return true;
}

static void check_string(cctx *c, const hv *schema, const hv *v)
{
	const hstr *s = v->s;
	double b;
	size_t runes = hutf8_count(s->data, s->len);
	if (bound(schema, "maxLength", &b) && (double)runes > b)
		report(c, "invalid value \"%.64s\": may not be longer than %.0f", s->data, b);
	if (bound(schema, "minLength", &b) && (double)runes < b)
		report(c, "invalid value \"%.64s\": should be at least %.0f chars long", s->data,
		       b);
	const hv *pat = get(schema, "pattern");
	if (pat && pat->type == HT_STRING) {
		hrx *rx = cached_rx(c->set, pat->s, &c->oom);
		int m = rx ? hrx_search(rx, s->data, s->len)
			   : 1; /* a bad pattern: the CRD is wrong, not the CR */
		if (m == -2)
			c->oom = true;
		else if (m == 0)
			report(c, "invalid value \"%.64s\": should match '%s'", s->data,
			       pat->s->data);
	}
	const char *fmt = str(schema, "format");
	if (!fmt)
		return;
	bool ok = true;
	if (!strcmp(fmt, "byte"))
		ok = hcodec_b64_decode_to(NULL, NULL, s->data, s->len) < 0;
	else if (!strcmp(fmt, "uuid"))
		ok = hjsonformat_uuid(s->data);
	else if (!strcmp(fmt, "ipv4"))
		ok = hjsonformat_ipv4(s->data);
	else if (!strcmp(fmt, "ipv6"))
		ok = hjsonformat_ipv6(s->data);
	if (!ok)
		report(c, "invalid value \"%.64s\": must be of format %s", s->data, fmt);
}

static void check_number(cctx *c, const hv *schema, const hv *v)
{
	double d = num(v), b;
	bool excl_max = truthy(schema, "exclusiveMaximum"),
	     excl_min = truthy(schema, "exclusiveMinimum");
	if (bound(schema, "maximum", &b) && (excl_max ? d >= b : d > b))
		report(c, "invalid value %g: should be less than %s%g", d,
		       excl_max ? "" : "or equal to ", b);
	if (bound(schema, "minimum", &b) && (excl_min ? d <= b : d < b))
		report(c, "invalid value %g: should be greater than %s%g", d,
		       excl_min ? "" : "or equal to ", b);
	if (bound(schema, "multipleOf", &b) && b > 0 && fmod(d, b) != 0)
		report(c, "invalid value %g: should be a multiple of %g", d, b);
	const char *fmt = str(schema, "format");
	if (fmt && !strcmp(fmt, "int32") && (d < -2147483648.0 || d > 2147483647.0))
		report(c, "invalid value %.0f: out of int32 range", d);
}

static void walk(cctx *c, const hv *schema, const hv *v, bool root);

/* allOf, anyOf, oneOf, not: value validations only (a structural schema declares no fields
 * there), so their trials never report unknown fields. */
static void check_junctors(cctx *c, const hv *schema, const hv *v)
{
	const hv *all = get(schema, "allOf"), *any = get(schema, "anyOf"),
		 *one = get(schema, "oneOf");
	const hv *not = get(schema, "not");
	if (all && hv_is_list(all))
		for (size_t i = 0; i < all->l->len; i++)
			walk(c, &all->l->v[i], v, false);
	const hv *lists[2] = {any, one};
	for (int k = 0; k < 2; k++) {
		const hv *l = lists[k];
		if (!l || !hv_is_list(l) || !l->l->len)
			continue;
		size_t pass = 0;
		for (size_t i = 0; i < l->l->len; i++) {
			size_t before = c->fails;
			c->quiet++;
			walk(c, &l->l->v[i], v, false);
			c->quiet--;
			pass += c->fails == before;
			c->fails = before;
		}
		if (k == 0 && !pass)
			report(c, "must validate at least one schema (anyOf)");
		else if (k == 1 && pass != 1)
			report(c, "must validate one and only one schema (oneOf)");
	}
	if (not &&hv_is_map(not )) {
		size_t before = c->fails;
		c->quiet++;
		walk(c, not, v, false);
		c->quiet--;
		bool passed = c->fails == before;
		c->fails = before;
		if (passed)
			report(c, "must not validate the schema (not)");
	}
}

static const hv *property(const hv *schema, const char *k)
{
	const hv *props = get(schema, "properties");
	return props ? get(props, k) : NULL;
}

static void check_object(cctx *c, const hv *schema, const hv *v, bool root)
{
	const hv *req = get(schema, "required");
	if (req && hv_is_list(req))
		for (size_t i = 0; i < req->l->len; i++) {
			const hv *r = &req->l->v[i];
			if (r->type != HT_STRING)
				continue;
			const hv *x = hmap_gets(v->m, r->s->data);
			if (x && !hv_is_nil(x))
				continue;
			const hv *p = property(schema, r->s->data);
			if (p && get(p, "default"))
				continue; /* defaulted before validation */
			size_t m = hfield_path_key(&c->path, r->s->data);
			report(c, "missing required field");
			hfield_path_pop(&c->path, m);
		}
	double b;
	size_t n = hmap_len(v->m);
	if (bound(schema, "maxProperties", &b) && (double)n > b)
		report(c, "must have at most %.0f properties", b);
	if (bound(schema, "minProperties", &b) && (double)n < b)
		report(c, "must have at least %.0f properties", b);
	const hv *addl = get(schema, "additionalProperties");
	bool preserve = truthy(schema, "x-kubernetes-preserve-unknown-fields");
	bool embedded = truthy(schema, "x-kubernetes-embedded-resource");
	hmap_entry **es = n ? hmap_sorted(v->m) : NULL;
	for (size_t i = 0; es && i < n && !c->stop; i++) {
		const char *k = es[i]->key->data;
		if (root &&
		    (!strcmp(k, "apiVersion") || !strcmp(k, "kind") || !strcmp(k, "metadata")))
			continue; /* the caller checks these against ObjectMeta */
		size_t m = hfield_path_key(&c->path, k);
		const hv *p = property(schema, k);
		if (p)
			walk(c, p, &es[i]->val, false);
		else if (addl && hv_is_map(addl))
			walk(c, addl, &es[i]->val, false);
		else if (embedded &&
			 (!strcmp(k, "apiVersion") || !strcmp(k, "kind") || !strcmp(k, "metadata")))
			; /* an embedded object's TypeMeta and ObjectMeta */
		else if (!preserve && !(addl && addl->type == HT_BOOL && addl->b) && !c->quiet)
			report(c, "unknown field");
		hfield_path_pop(&c->path, m);
	}
	if (embedded && !c->quiet) {
		if (!str(v, "apiVersion"))
			report(c, "apiVersion: missing required field");
		if (!str(v, "kind"))
			report(c, "kind: missing required field");
	}
}

static void check_array(cctx *c, const hv *schema, const hv *v)
{
	double b;
	size_t n = v->l->len;
	if (bound(schema, "maxItems", &b) && (double)n > b)
		report(c, "must have at most %.0f items", b);
	if (bound(schema, "minItems", &b) && (double)n < b)
		report(c, "should have at least %.0f items", b);
	const hv *items = get(schema, "items");
	if (!items || !hv_is_map(items))
		return;
	for (size_t i = 0; i < n && !c->stop; i++) {
		size_t m = hfield_path_index(&c->path, i);
		const hv *x = &v->l->v[i];
		if (hv_is_nil(x) && !truthy(items, "nullable"))
			report(c, "invalid type: expected %s, got null",
			       str(items, "type") ? str(items, "type") : "a value");
		else
			walk(c, items, x, false);
		hfield_path_pop(&c->path, m);
	}
}

static void walk(cctx *c, const hv *schema, const hv *v, bool root)
{
	if (!schema || !hv_is_map(schema) || hv_is_nil(v) || c->stop || c->oom)
		return; /* nulls are pruned (or allowed, with nullable) */
	if (++c->depth > 64) {
		c->depth--;
		return;
	}
	const char *type = str(schema, "type");
	if (truthy(schema, "x-kubernetes-int-or-string")) {
		if (v->type != HT_STRING && !is_integer(v))
			report(c, "invalid type: expected integer or string, got %s", json_type(v));
		else if (v->type == HT_STRING)
			check_string(c, schema, v);
		type = NULL;
	} else if (!type) {
		if (hv_is_map(v) &&
		    (get(schema, "properties") || get(schema, "additionalProperties")))
			check_object(c, schema, v, root);
	} else if (!strcmp(type, "object")) {
		if (!hv_is_map(v))
			report(c, "invalid type: expected object, got %s", json_type(v));
		else
			check_object(c, schema, v, root);
	} else if (!strcmp(type, "array")) {
		if (!hv_is_list(v))
			report(c, "invalid type: expected array, got %s", json_type(v));
		else
			check_array(c, schema, v);
	} else if (!strcmp(type, "string")) {
		if (v->type != HT_STRING)
			report(c, "invalid type: expected string, got %s", json_type(v));
		else
			check_string(c, schema, v);
	} else if (!strcmp(type, "integer")) {
		if (!is_num(v) || !is_integer(v))
			report(c, "invalid type: expected integer, got %s", json_type(v));
		else
			check_number(c, schema, v);
	} else if (!strcmp(type, "number")) {
		if (!is_num(v))
			report(c, "invalid type: expected number, got %s", json_type(v));
		else
			check_number(c, schema, v);
	} else if (!strcmp(type, "boolean")) {
		if (v->type != HT_BOOL)
			report(c, "invalid type: expected boolean, got %s", json_type(v));
	}
	if (!hv_is_map(v) && !hv_is_list(v))
		check_enum(c, get(schema, "enum"), v);
	check_junctors(c, schema, v);
	c->depth--;
}

bool hcrd_validate(hcrd_set *set, const hv *schema, const hv *doc, hcrd_report_fn fn, void *ud,
		   herr *err)
{
	cctx c = {.a = set->a, .set = set, .fn = fn, .ud = ud};
	walk(&c, schema, doc, true);
	bool ok = hbuf_ok(&c.path) && !c.oom;
	hbuf_free(&c.path);
	if (!ok)
		return herr_nomem(err);
	return !c.stop;
}
