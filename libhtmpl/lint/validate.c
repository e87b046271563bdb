/* validate.c - offline validation of rendered manifests against the Kubernetes API schema
 * (`htmpl lint --validate`, `htmpl render --validate`).
 *
 * What the API server would reject when it decodes a document strictly (kubectl apply
 * --validate=strict; k8s.io/apimachinery's strict JSON decoding and the OpenAPI v3 schema):
 * unknown fields, JSON type mismatches, missing required fields, enum values (the OpenAPI
 * "Possible enum values"), int-or-string, resource.Quantity syntax
 * (apimachinery/pkg/api/resource/quantity.go ParseQuantity), base64 of []byte fields, int32
 * range and the port checks of pkg/apis/core/validation (1-65535, IANA service names).
 * kubeconform-style JSON schema folders (--schema-location) are read with schema.c. */
#include "lint/validate.h"

#include "core/pool.h"
#include "lint/field_path.h"

#include "core/codec.h"
#include "data/json.h"
#include "helm/render.h"
#include "helm/schema.h"
#include "data/yaml.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- tables */

/* The first entry of (apiVersion, kind) in hk8s_kinds, or hk8s_nkinds. */
static size_t kind_lower_bound(const char *api_version, const char *kind)
{
	size_t lo = 0, hi = hk8s_nkinds;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(hk8s_kinds[mid].api_version, api_version);
		if (!c)
			c = strcmp(hk8s_kinds[mid].kind, kind);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int hvalidate_find_kind(const char *api_version, const char *kind, uint8_t mask)
{
	for (size_t i = kind_lower_bound(api_version, kind); i < hk8s_nkinds; i++) {
		const hk8s_kind *k = &hk8s_kinds[i];
		if (strcmp(k->api_version, api_version) || strcmp(k->kind, kind))
			break;
		if (k->minors & mask)
			return k->type;
	}
	return -1;
}

bool hvalidate_known_api_version(const char *api_version, uint8_t mask)
{
	for (size_t i = kind_lower_bound(api_version, ""); i < hk8s_nkinds; i++) {
		if (strcmp(hk8s_kinds[i].api_version, api_version))
			break;
		if ((hk8s_kinds[i].minors & mask) && !hk8s_kinds[i].catalogue)
			return true;
	}
	return false;
}

/* Major and minor of "v1.25.3" / "1.25" (default v1.32); false when unreadable. */
static bool target_version(const char *kv, unsigned *major, unsigned *minor)
{
	*major = 1, *minor = 32;
	if (!kv)
		return true;
	if (*kv == 'v' || *kv == 'V')
		kv++;
	char *end;
	unsigned long ma = strtoul(kv, &end, 10), mi = 0;
	if (end == kv)
		return false;
	if (*end == '.')
		mi = strtoul(end + 1, &end, 10);
	*major = ma > 255 ? 255 : (unsigned)ma;
	*minor = mi > 255 ? 255 : (unsigned)mi;
	return true;
}

uint8_t hvalidate_minor_bit(const char *kube_version)
{
	unsigned major, minor;
	if (!target_version(kube_version, &major, &minor))
		major = 1, minor = 32;
	unsigned last = hk8s_first_minor + hk8s_nminors - 1;
	if (major > 1)
		minor = last;
	else if (major < 1)
		minor = hk8s_first_minor;
	minor = minor < hk8s_first_minor ? hk8s_first_minor : minor > last ? last : minor;
	return (uint8_t)(1u << (minor - hk8s_first_minor));
}

/* The field `name` of type in the minors of mask: a field whose attributes changed between
 * minors has one entry per form, adjacent and sorted by name. */
static const hk8s_field *find_field(int type, const char *name, uint8_t mask)
{
	const hk8s_typedef *t = &hk8s_types[type];
	size_t lo = t->first, end = (size_t)t->first + t->n, hi = end;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(hk8s_fields[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < end && !strcmp(hk8s_fields[lo].name, name); lo++)
		if (hk8s_fields[lo].minors & mask)
			return &hk8s_fields[lo];
	return NULL;
}

/* ---------------------------------------------------------------- scalars */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool hvalidate_quantity_ok(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && is_digit(s[i]))
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && is_digit(s[i]))
			i++, digits++;
	}
	if (!digits)
		return false;
	const char *suf = s + i;
	size_t sn = n - i;
	static const char *const sfx[] = {"", "n", "u", "m", "k", "M", "G", "T", "P", "E",
	                                  "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
	for (size_t k = 0; k < sizeof sfx / sizeof *sfx; k++)
		if (strlen(sfx[k]) == sn && !memcmp(sfx[k], suf, sn))
			return true;
	/* decimal exponent: e or E, then a signed integer */
	if (sn < 2 || (suf[0] != 'e' && suf[0] != 'E'))
		return false;
	size_t j = 1;
	if (suf[j] == '+' || suf[j] == '-')
		j++;
	if (j >= sn)
		return false;
	for (; j < sn; j++)
		if (!is_digit(suf[j]))
			return false;
	return true;
}

static bool is_number(const hv *v) { return v->type == HT_FLOAT64 || hv_is_int(v) || hv_is_uint(v); }

static bool integral(const hv *v, double *out)
{
	if (v->type == HT_FLOAT64) {
		*out = v->f;
		return isfinite(v->f) && v->f == floor(v->f);
	}
	if (hv_is_int(v) || hv_is_uint(v)) {
		*out = hv_is_int(v) ? (double)v->i : (double)v->u;
		return true;
	}
	return false;
}

/* ---------------------------------------------------------------- walking */

typedef struct vctx {
	hvalidate_report_fn fn;
	void *ud;
	hbuf path;
	bool stop;
	int depth;
	uint8_t mask; /* the target minor's table bit (hvalidate_minor_bit) */
} vctx;

static void report(vctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(vctx *c, const char *fmt, ...)
{
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

static const char *type_word(int t)
{
	static const char *const w[] = {"string", "integer", "integer", "number", "boolean",
	                                "integer or string", "quantity (string or number)",
	                                "string (RFC 3339 time)", "string (base64)", "any", "object"};
	return w[t];
}

static void bad_type(vctx *c, int want, const hv *v)
{
	if (v->type == HT_STRING && v->s->len <= 64)
		report(c, "invalid type: expected %s, got string \"%s\"", type_word(want), v->s->data);
	else
		report(c, "invalid type: expected %s, got %s", type_word(want), hjson_schema_type(v));
}

static void check_enum(vctx *c, int enumv, const hstr *s)
{
	const char *list = hk8s_enums[enumv];
	for (const char *p = list;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == s->len && !memcmp(p, s->data, n))
			return;
		if (!bar)
			break;
		p = bar + 1;
	}
	hbuf vals = HBUF_INIT;
	for (const char *p = list;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (vals.len)
			hbuf_puts(&vals, ", ");
		hbuf_putc(&vals, '"');
		hbuf_put(&vals, p, n);
		hbuf_putc(&vals, '"');
		if (!bar)
			break;
		p = bar + 1;
	}
	report(c, "unsupported value \"%.*s\": supported values: %s", (int)(s->len > 64 ? 64 : s->len),
	       s->data, hbuf_cstr(&vals));
	hbuf_free(&vals);
}

/* pkg/apis/core/validation: IsValidPortNum (1-65535) or, for hostPort/nodePort, 0 as well. */
static void check_port_num(vctx *c, const char *field, double d)
{
	bool zero_ok = !strcmp(field, "hostPort") || !strcmp(field, "nodePort");
	if ((d < 1 && !(zero_ok && d == 0)) || d > 65535)
		report(c, "invalid value %.0f: must be between %d and 65535, inclusive", d, zero_ok ? 0 : 1);
}

static bool is_port_field(const char *f)
{
	return !strcmp(f, "containerPort") || !strcmp(f, "port") || !strcmp(f, "targetPort") ||
	       !strcmp(f, "hostPort") || !strcmp(f, "nodePort");
}

/* validation.IsValidPortName (IANA_SVC_NAME). */
static void check_port_name(vctx *c, const hstr *s)
{
	bool letter = false, bad = false;
	for (size_t i = 0; i < s->len; i++) {
		char ch = s->data[i];
		letter = letter || (ch >= 'a' && ch <= 'z');
		bad = bad || !((ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == '-');
	}
	if (s->len == 0 || s->len > 15)
		report(c, "invalid port name \"%s\": must be no more than 15 characters", s->data);
	else if (bad)
		report(c, "invalid port name \"%s\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", s->data);
	else if (!letter)
		report(c, "invalid port name \"%s\": must contain at least one letter (a-z)", s->data);
	else if (strstr(s->data, "--"))
		report(c, "invalid port name \"%s\": must not contain consecutive hyphens", s->data);
	else if (s->data[0] == '-' || s->data[s->len - 1] == '-')
		report(c, "invalid port name \"%s\": must not begin or end with a hyphen", s->data);
}

static void check_object(vctx *c, int type, const hv *v);

static void check_int(vctx *c, const hk8s_field *f, const hv *v)
{
	double d;
	if (!integral(v, &d)) {
		bad_type(c, f->type == HK8S_INTSTR ? HK8S_INTSTR : f->type, v);
		return;
	}
	if (f->type == HK8S_INT32 && (d < -2147483648.0 || d > 2147483647.0))
		report(c, "invalid value %.0f: out of int32 range", d);
	else if (is_port_field(f->name))
		check_port_num(c, f->name, d);
}

/* One value of field f (an element, for lists and maps). */
static void check_scalar(vctx *c, const hk8s_field *f, const hv *v)
{
	if (hv_is_nil(v))
		return; /* null is "unset" to the API server */
	switch (f->type) {
	case HK8S_STRING:
	case HK8S_TIME:
		if (v->type != HT_STRING)
			bad_type(c, f->type, v);
		else if (f->enumv)
			check_enum(c, f->enumv, v->s);
		break;
	case HK8S_BYTES:
		if (v->type != HT_STRING) {
			bad_type(c, f->type, v);
		} else {
			long at = hcodec_b64_decode_to(NULL, NULL, v->s->data, v->s->len);
			if (at >= 0)
				report(c, "illegal base64 data at input byte %ld", at);
		}
		break;
	case HK8S_INT32:
	case HK8S_INT64:
		check_int(c, f, v);
		break;
	case HK8S_NUMBER:
		if (!is_number(v))
			bad_type(c, f->type, v);
		break;
	case HK8S_BOOL:
		if (v->type != HT_BOOL)
			bad_type(c, f->type, v);
		break;
	case HK8S_INTSTR:
		if (v->type == HT_STRING) {
			if (is_port_field(f->name))
				check_port_name(c, v->s);
		} else {
			check_int(c, f, v);
		}
		break;
	case HK8S_QUANTITY:
		if (v->type == HT_STRING) {
			if (!hvalidate_quantity_ok(v->s->data, v->s->len))
				report(c, "invalid quantity \"%s\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
				       v->s->data);
		} else if (!is_number(v)) {
			bad_type(c, f->type, v);
		}
		break;
	case HK8S_OBJECT:
		if (!hv_is_map(v))
			bad_type(c, HK8S_OBJECT, v);
		else
			check_object(c, f->ref, v);
		break;
	default:
		break;
	}
}

static void check_list(vctx *c, const hk8s_field *f, const hv *v)
{
	if (hv_is_nil(v))
		return;
	if (!hv_is_list(v)) {
		report(c, "invalid type: expected array, got %s", hjson_schema_type(v));
		return;
	}
	for (size_t i = 0; i < v->l->len && !c->stop; i++) {
		size_t m = hfield_path_index(&c->path, i);
		check_scalar(c, f, &v->l->v[i]);
		hfield_path_pop(&c->path, m);
	}
}

static void check_map(vctx *c, const hk8s_field *f, const hv *v)
{
	if (hv_is_nil(v))
		return;
	if (!hv_is_map(v)) {
		report(c, "invalid type: expected object, got %s", hjson_schema_type(v));
		return;
	}
	size_t n = hmap_len(v->m);
	hmap_entry **es = n ? hmap_sorted(v->m) : NULL;
	for (size_t i = 0; es && i < n && !c->stop; i++) {
		size_t m = hfield_path_key(&c->path, es[i]->key->data);
		if (f->shape == HK8S_MAPARRAY)
			check_list(c, f, &es[i]->val);
		else
			check_scalar(c, f, &es[i]->val);
		hfield_path_pop(&c->path, m);
	}
}

/* JSONSchemaProps' items (JSONSchemaPropsOrArray), additionalProperties and additionalItems
 * (JSONSchemaPropsOrBool) are `any` in the OpenAPI document, but the API server decodes them
 * as schemas: a schema (or, for items, a list of schemas) there is checked as one, so a typo
 * nested in a CRD's openAPIV3Schema is an unknown field too. */
static bool schema_or_x(vctx *c, int type, const hk8s_field *f, const hv *v)
{
	if (f->type != HK8S_ANY || strcmp(hk8s_types[type].name, "V1JSONSchemaProps") ||
	    (strcmp(f->name, "items") && strcmp(f->name, "additionalProperties") &&
	     strcmp(f->name, "additionalItems")))
		return false;
	if (hv_is_map(v)) {
		check_object(c, type, v);
	} else if (hv_is_list(v) && !strcmp(f->name, "items")) {
		for (size_t i = 0; i < v->l->len && !c->stop; i++) {
			size_t m = hfield_path_index(&c->path, i);
			if (hv_is_map(&v->l->v[i]))
				check_object(c, type, &v->l->v[i]);
			else
				report(c, "invalid type: expected object, got %s", hjson_schema_type(&v->l->v[i]));
			hfield_path_pop(&c->path, m);
		}
	} else if (!hv_is_nil(v) && (v->type != HT_BOOL || !strcmp(f->name, "items"))) {
		report(c, "invalid type: expected object%s, got %s", strcmp(f->name, "items") ? " or boolean" : " or array",
		       hjson_schema_type(v));
	}
	return true;
}

/* Enum strings the API server fills in when they are empty, before it validates: defaulting
 * (pkg/apis/core/v1/defaults.go, apps/v1, batch/v1) tests `== ""`, so an empty value is
 * accepted as the default (an empty imagePullPolicy becomes IfNotPresent, or Always for
 * :latest); and tolerations, whose validation accepts "" for operator (Equal) and effect (all
 * effects). Other enums (a pointer the defaulting tests against nil, such as a NetworkPolicy
 * port's protocol) reject "". */
static bool empty_is_default(int type, const hk8s_field *f)
{
	static const char *const pairs[][2] = {
		{"V1Container", "imagePullPolicy"}, {"V1Container", "terminationMessagePolicy"},
		{"V1EphemeralContainer", "imagePullPolicy"}, {"V1EphemeralContainer", "terminationMessagePolicy"},
		{"V1ContainerPort", "protocol"}, {"V1ServicePort", "protocol"},
		{"V1PodSpec", "restartPolicy"}, {"V1PodSpec", "dnsPolicy"},
		{"V1ServiceSpec", "type"}, {"V1ServiceSpec", "sessionAffinity"},
		{"V1ServiceSpec", "externalTrafficPolicy"}, {"V1HTTPGetAction", "scheme"},
		{"V1DeploymentStrategy", "type"}, {"V1StatefulSetSpec", "podManagementPolicy"},
		{"V1StatefulSetUpdateStrategy", "type"}, {"V1DaemonSetUpdateStrategy", "type"},
		{"V1CronJobSpec", "concurrencyPolicy"}, {"V1PersistentVolumeSpec", "persistentVolumeReclaimPolicy"},
		{"V1Toleration", "operator"}, {"V1Toleration", "effect"},
	};
	const char *tn = hk8s_types[type].name;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (!strcmp(pairs[i][0], tn) && !strcmp(pairs[i][1], f->name))
			return true;
	return false;
}

static void check_field(vctx *c, int type, const hk8s_field *f, const hv *v)
{
	if (schema_or_x(c, type, f, v))
		return;
	if (f->enumv && f->shape == HK8S_SCALAR && v->type == HT_STRING && !v->s->len && empty_is_default(type, f))
		return;
	if (f->shape == HK8S_ARRAY)
		check_list(c, f, v);
	else if (f->shape == HK8S_MAP || f->shape == HK8S_MAPARRAY)
		check_map(c, f, v);
	else if (f->type == HK8S_STRING && v->type == HT_STRING && !strcmp(f->name, "name") &&
	         !strcmp(hk8s_types[type].name, "V1ContainerPort"))
		check_port_name(c, v->s);
	else
		check_scalar(c, f, v);
}

static void check_object(vctx *c, int type, const hv *v)
{
	if (++c->depth > 100) {
		c->depth--;
		return;
	}
	const hk8s_typedef *t = &hk8s_types[type];
	size_t n = hmap_len(v->m);
	hmap_entry **es = n ? hmap_sorted(v->m) : NULL;
	/* Required fields first, in schema order, then each present key in key order. */
	for (size_t i = 0; i < t->n && !c->stop; i++) {
		const hk8s_field *f = &hk8s_fields[t->first + i];
		if (f->required && (f->minors & c->mask) && !hmap_gets(v->m, f->name)) {
			size_t m = hfield_path_key(&c->path, f->name);
			report(c, "missing required field");
			hfield_path_pop(&c->path, m);
		}
	}
	for (size_t i = 0; es && i < n && !c->stop; i++) {
		const hk8s_field *f = find_field(type, es[i]->key->data, c->mask);
		size_t m = hfield_path_key(&c->path, es[i]->key->data);
		if (!f)
			report(c, "unknown field");
		else
			check_field(c, type, f, &es[i]->val);
		hfield_path_pop(&c->path, m);
	}
	c->depth--;
}

/* ---------------------------------------------------------------- JSON schema folders */

static char *read_file(harena *a, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	hbuf b = HBUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		hbuf_put(&b, chunk, n);
	fclose(f);
	char *out = hbuf_ok(&b) ? harena_strndup(a, b.data ? b.data : "", b.len) : NULL;
	*len = b.len;
	hbuf_free(&b);
	return out;
}

static void lower_into(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i = 0;
	for (; i < n && i + 1 < cap; i++)
		dst[i] = (char)tolower((unsigned char)s[i]);
	dst[i] = 0;
}

/* The file names kubeconform and openapi2jsonschema use: `deployment-apps-v1.json` (and under
 * `<kube-version>-standalone[-strict]/`), `deployment_v1.json`, `<group>/deployment_v1.json`. */
static char *find_schema(hvalidator *v, const char *api_version, const char *kind, size_t *len)
{
	char k[128], grp[128] = "", grp1[128] = "", ver[64], path[1024];
	lower_into(k, sizeof k, kind, strlen(kind));
	const char *slash = strrchr(api_version, '/');
	if (slash) {
		lower_into(grp, sizeof grp, api_version, (size_t)(slash - api_version));
		size_t dot = strcspn(grp, ".");
		lower_into(grp1, sizeof grp1, grp, dot);
		lower_into(ver, sizeof ver, slash + 1, strlen(slash + 1));
	} else {
		lower_into(ver, sizeof ver, api_version, strlen(api_version));
	}
	char suffix[256];
	if (grp1[0])
		snprintf(suffix, sizeof suffix, "-%s-%s", grp1, ver);
	else
		snprintf(suffix, sizeof suffix, "-%s", ver);
	const char *kv = v->kube_version ? v->kube_version : "v1.32.0";
	const char *fmts[] = {"%s/%s%s.json", "%s/%s-standalone-strict/%s%s.json",
	                      "%s/%s-standalone/%s%s.json"};
	for (int i = 0; i < 3; i++) {
		if (i == 0)
			snprintf(path, sizeof path, fmts[0], v->schema_dir, k, suffix);
		else
			snprintf(path, sizeof path, fmts[i], v->schema_dir, kv, k, suffix);
		char *t = read_file(v->arena, path, len);
		if (t)
			return t;
	}
	snprintf(path, sizeof path, "%s/%s_%s.json", v->schema_dir, k, ver);
	char *t = read_file(v->arena, path, len);
	if (!t && grp[0]) {
		snprintf(path, sizeof path, "%s/%s/%s_%s.json", v->schema_dir, grp, k, ver);
		t = read_file(v->arena, path, len);
	}
	return t;
}

/* schema.c prints `- FIELD: MESSAGE` lines; each becomes one finding. */
static bool report_schema_lines(vctx *c, const char *s)
{
	while (*s && !c->stop) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)n, s);
		char *p = line;
		if (!strncmp(p, "- ", 2))
			p += 2;
		char *sep = strstr(p, ": ");
		hbuf_reset(&c->path);
		if (sep) {
			*sep = 0;
			if (strcmp(p, "(root)"))
				hbuf_puts(&c->path, p);
			p = sep + 2;
		}
		report(c, "%s", p);
		s += n + (nl ? 1 : 0);
	}
	return true;
}

/* ---------------------------------------------------------------- documents */

/* ---------------------------------------------------------------- API availability */

/* When each apiVersion/kind was first served and when it stopped being served (minor versions
 * of Kubernetes 1.x; 0 = still served), from the k8s.io/api prerelease-lifecycle tags and the
 * deprecated API migration guide. The schema tables describe v1.32, so for another
 * --kube-version this is what tells a manifest that the target cluster cannot accept at all.
 * Sorted by apiVersion, then kind; kind "" covers every kind of that apiVersion. */
typedef struct hk8s_life {
	const char *api_version, *kind;
	unsigned char since, removed;
	const char *use; /* the replacement, or NULL */
} hk8s_life;

static const hk8s_life lifecycle[] = {
	{"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", 16, 0, NULL},
	{"admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", 30, 0, NULL},
	{"admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", 30, 0, NULL},
	{"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", 16, 0, NULL},
	{"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", 9, 22, "admissionregistration.k8s.io/v1"},
	{"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 9, 22, "admissionregistration.k8s.io/v1"},
	{"apiextensions.k8s.io/v1", "CustomResourceDefinition", 16, 0, NULL},
	{"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", 7, 22, "apiextensions.k8s.io/v1"},
	{"apiregistration.k8s.io/v1beta1", "APIService", 7, 22, "apiregistration.k8s.io/v1"},
	{"apps/v1", "", 9, 0, NULL},
	{"apps/v1beta1", "", 5, 16, "apps/v1"},
	{"apps/v1beta2", "", 8, 16, "apps/v1"},
	{"autoscaling/v2", "HorizontalPodAutoscaler", 23, 0, NULL},
	{"autoscaling/v2beta1", "HorizontalPodAutoscaler", 8, 25, "autoscaling/v2"},
	{"autoscaling/v2beta2", "HorizontalPodAutoscaler", 12, 26, "autoscaling/v2"},
	{"batch/v1", "CronJob", 21, 0, NULL},
	{"batch/v1beta1", "CronJob", 8, 25, "batch/v1"},
	{"certificates.k8s.io/v1", "CertificateSigningRequest", 19, 0, NULL},
	{"certificates.k8s.io/v1beta1", "CertificateSigningRequest", 4, 22, "certificates.k8s.io/v1"},
	{"coordination.k8s.io/v1", "Lease", 14, 0, NULL},
	{"coordination.k8s.io/v1beta1", "Lease", 12, 22, "coordination.k8s.io/v1"},
	{"discovery.k8s.io/v1", "EndpointSlice", 21, 0, NULL},
	{"discovery.k8s.io/v1beta1", "EndpointSlice", 17, 25, "discovery.k8s.io/v1"},
	{"events.k8s.io/v1", "Event", 19, 0, NULL},
	{"events.k8s.io/v1beta1", "Event", 8, 25, "events.k8s.io/v1"},
	{"extensions/v1beta1", "", 1, 16, "apps/v1"},
	{"extensions/v1beta1", "Ingress", 1, 22, "networking.k8s.io/v1"},
	{"extensions/v1beta1", "NetworkPolicy", 3, 16, "networking.k8s.io/v1"},
	{"extensions/v1beta1", "PodSecurityPolicy", 3, 16, NULL},
	{"flowcontrol.apiserver.k8s.io/v1", "", 29, 0, NULL},
	{"flowcontrol.apiserver.k8s.io/v1beta1", "", 20, 26, "flowcontrol.apiserver.k8s.io/v1"},
	{"flowcontrol.apiserver.k8s.io/v1beta2", "", 23, 29, "flowcontrol.apiserver.k8s.io/v1"},
	{"flowcontrol.apiserver.k8s.io/v1beta3", "", 26, 32, "flowcontrol.apiserver.k8s.io/v1"},
	{"networking.k8s.io/v1", "Ingress", 19, 0, NULL},
	{"networking.k8s.io/v1", "IngressClass", 19, 0, NULL},
	{"networking.k8s.io/v1beta1", "Ingress", 14, 22, "networking.k8s.io/v1"},
	{"networking.k8s.io/v1beta1", "IngressClass", 18, 22, "networking.k8s.io/v1"},
	{"node.k8s.io/v1", "RuntimeClass", 20, 0, NULL},
	{"node.k8s.io/v1beta1", "RuntimeClass", 14, 25, "node.k8s.io/v1"},
	{"policy/v1", "PodDisruptionBudget", 21, 0, NULL},
	{"policy/v1beta1", "PodDisruptionBudget", 5, 25, "policy/v1"},
	{"policy/v1beta1", "PodSecurityPolicy", 10, 25, NULL},
	{"rbac.authorization.k8s.io/v1", "", 8, 0, NULL},
	{"rbac.authorization.k8s.io/v1alpha1", "", 6, 22, "rbac.authorization.k8s.io/v1"},
	{"rbac.authorization.k8s.io/v1beta1", "", 6, 22, "rbac.authorization.k8s.io/v1"},
	{"scheduling.k8s.io/v1", "PriorityClass", 14, 0, NULL},
	{"scheduling.k8s.io/v1alpha1", "PriorityClass", 8, 22, "scheduling.k8s.io/v1"},
	{"scheduling.k8s.io/v1beta1", "PriorityClass", 11, 22, "scheduling.k8s.io/v1"},
	{"storage.k8s.io/v1", "CSIDriver", 18, 0, NULL},
	{"storage.k8s.io/v1", "CSINode", 17, 0, NULL},
	{"storage.k8s.io/v1", "CSIStorageCapacity", 24, 0, NULL},
	{"storage.k8s.io/v1beta1", "CSIDriver", 14, 22, "storage.k8s.io/v1"},
	{"storage.k8s.io/v1beta1", "CSINode", 14, 22, "storage.k8s.io/v1"},
	{"storage.k8s.io/v1beta1", "CSIStorageCapacity", 21, 27, "storage.k8s.io/v1"},
	{"storage.k8s.io/v1beta1", "StorageClass", 4, 22, "storage.k8s.io/v1"},
	{"storage.k8s.io/v1beta1", "VolumeAttachment", 10, 22, "storage.k8s.io/v1"},
};

/* The entry for (apiVersion, kind): an exact kind wins over the apiVersion's "" entry. */
static const hk8s_life *find_life(const char *av, const char *kind)
{
	const hk8s_life *any = NULL;
	for (size_t i = 0; i < sizeof lifecycle / sizeof *lifecycle; i++) {
		const hk8s_life *l = &lifecycle[i];
		if (strcmp(l->api_version, av))
			continue;
		if (!strcmp(l->kind, kind))
			return l;
		if (!*l->kind)
			any = l;
	}
	return any;
}

/* True (and a finding) when the target Kubernetes version does not serve av/kind. */
static bool not_served(vctx *c, const hvalidator *v, const char *av, const char *kind)
{
	unsigned major, minor;
	const hk8s_life *l = find_life(av, kind);
	if (!l || !target_version(v->kube_version, &major, &minor))
		return false;
	bool early = major < 1 || (major == 1 && minor < l->since);
	bool gone = l->removed && (major > 1 || minor >= l->removed);
	if (early)
		report(c, "apiVersion: %s %s is not served by Kubernetes v%u.%u (available from v1.%u)",
		       av, kind, major, minor, l->since);
	else if (gone)
		report(c, "apiVersion: %s %s is not served by Kubernetes v%u.%u (removed in v1.%u%s%s)",
		       av, kind, major, minor, l->removed, l->use ? "; use " : "", l->use ? l->use : "");
	return early || gone;
}

/* True when --kube-version names a minor the tables describe (1.28 .. 1.35). */
static bool in_tables(const char *kv)
{
	unsigned major, minor;
	return kv && target_version(kv, &major, &minor) && major == 1 && minor >= hk8s_first_minor &&
	       minor < hk8s_first_minor + hk8s_nminors;
}

static const char *str_at(const hv *doc, const char *key)
{
	hv *x = hv_is_map(doc) ? hmap_gets(doc->m, key) : NULL;
	return x && x->type == HT_STRING ? x->s->data : NULL;
}

/* The index of a type in hk8s_types (sorted by name), or -1. */
static int type_index(const char *name)
{
	size_t lo = 0, hi = hk8s_ntypes;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(hk8s_types[mid].name, name);
		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* ValidateObjectMeta: a name or a generateName (the server makes the name from it). */
static void check_name(vctx *c, const hv *doc)
{
	const hv *md = hmap_gets(doc->m, "metadata");
	const char *name = md ? str_at(md, "name") : NULL, *gen = md ? str_at(md, "generateName") : NULL;
	if ((!name || !*name) && (!gen || !*gen)) {
		size_t m = hfield_path_key(&c->path, "metadata.name");
		report(c, "Required value: name or generateName is required");
		hfield_path_pop(&c->path, m);
	}
}

void hvalidate_done(hvalidator *v)
{
	hcrd_set_release(v->crds);
	for (unsigned i = 0; i < v->nworker_arenas; i++)
		harena_free(v->worker_arenas[i]);
	v->nworker_arenas = 0;
}

/* Below this much YAML a second thread costs more than it saves (about 2 ms of decoding). */
enum { PARALLEL_MIN_BYTES = 64 * 1024 };

unsigned hvalidate_threads(hvalidator *v, size_t bytes, harena ***arenas)
{
	unsigned n = v->jobs ? v->jobs : hpool_online_cpus();
	if (n <= 1 || bytes < PARALLEL_MIN_BYTES)
		return 1;
	if (n > 64)
		n = 64;
	if (v->nworker_arenas + 1 < n) {
		harena **a = harena_alloc(v->arena, n * sizeof *a);
		if (!a)
			return 1;
		for (unsigned i = 0; i < v->nworker_arenas; i++)
			a[i] = v->worker_arenas[i];
		for (; v->nworker_arenas + 1 < n; v->nworker_arenas++)
			if (!(a[v->nworker_arenas] = harena_new()))
				break;
		v->worker_arenas = a;
		n = v->nworker_arenas + 1;
		if (n <= 1)
			return 1;
	}
	harena **all = harena_alloc(v->arena, n * sizeof *all);
	if (!all)
		return 1;
	all[0] = v->arena;
	for (unsigned i = 1; i < n; i++)
		all[i] = v->worker_arenas[i - 1];
	*arenas = all;
	return n;
}

bool hvalidate_learn_doc(hvalidator *v, const hv *doc, herr *err)
{
	if (!v->crds && !(v->crds = hcrd_set_new(v->arena)))
		return herr_nomem(err);
	return hcrd_set_add(v->crds, doc) || herr_nomem(err);
}

typedef struct hvalidate_crdfile {
	const char *data;
	size_t len;
	char **kinds; /* index_kinds: the values of its `kind` keys */
	size_t nkinds;
	hv *pre; /* hvalidate_predecode: its decoded maps, when predecoded */
	size_t npre;
	bool indexed, done, predecoded, pre_oom;
} hvalidate_crdfile;

static bool learn_piece(void *ud, const char *s, size_t len)
{
	void **p = ud;
	hvalidator *v = p[0];
	herr e = HTMPL_ERROR_INIT;
	hv doc;
	if (!hyaml_load(v->arena, s, len, &doc, &e)) {
		bool oom = e.code == HTMPL_ERR_NOMEM;
		htmpl_error_clear(&e);
		return !(p[1] = oom ? (void *)1 : NULL);
	}
	if (!hv_is_map(&doc))
		return true;
	if (!hvalidate_learn_doc(v, &doc, &e)) {
		htmpl_error_clear(&e);
		return !(p[1] = (void *)1);
	}
	return true;
}

bool hvalidate_learn_chart(hvalidator *v, const hchart *c, herr *err)
{
	for (size_t i = 0; c && i < c->ncrds; i++) {
		if (v->npending == v->cap_pending) {
			size_t cap = v->cap_pending ? v->cap_pending * 2 : 16;
			hvalidate_crdfile *nv = harena_realloc(v->arena, v->pending, v->cap_pending * sizeof *nv, cap * sizeof *nv);
			if (!nv)
				return herr_nomem(err);
			v->pending = nv, v->cap_pending = cap;
		}
		v->pending[v->npending++] = (hvalidate_crdfile){.data = c->crds[i].data, .len = c->crds[i].len};
	}
	for (size_t i = 0; c && i < c->nsubcharts; i++)
		if (!hvalidate_learn_chart(v, c->subcharts[i], err))
			return false;
	return true;
}

/* Collects the values of the `kind` keys in f's text (`kind: Thing`, `{kind: Thing, ...}`,
 * `"kind": "Thing"`), in one pass: the cheap index that keeps the other CRD files undecoded. */
static bool index_kinds(harena *a, hvalidate_crdfile *f)
{
	const char *text = f->data, *end = text + f->len;
	size_t cap = 0;
	f->indexed = true;
	for (const char *p = text; (p = memmem(p, (size_t)(end - p), "kind", 4)); p += 4) {
		if (p > text && isalnum((unsigned char)p[-1]))
			continue;
		const char *q = p + 4;
		if (q < end && (*q == '"' || *q == '\''))
			q++;
		if (q >= end || *q != ':')
			continue;
		for (q++; q < end && (*q == ' ' || *q == '"' || *q == '\''); q++)
			;
		const char *v = q;
		while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
			q++;
		if (q == v)
			continue;
		if (f->nkinds == cap) {
			size_t nc = cap ? cap * 2 : 8;
			char **nk = harena_realloc(a, f->kinds, cap * sizeof *nk, nc * sizeof *nk);
			if (!nk)
				return false;
			f->kinds = nk, cap = nc;
		}
		if (!(f->kinds[f->nkinds++] = harena_strndup(a, v, (size_t)(q - v))))
			return false;
	}
	return true;
}

/* True when f's text has kind as the value of a `kind` key. */
static bool names_kind(const hvalidate_crdfile *f, const char *kind)
{
	for (size_t i = 0; i < f->nkinds; i++)
		if (!strcmp(f->kinds[i], kind))
			return true;
	return false;
}

/* Decodes the pending crds/ files whose text names kind. */
static bool learn_pending(hvalidator *v, const char *kind, herr *err)
{
	for (size_t i = 0; i < v->npending; i++) {
		hvalidate_crdfile *f = &v->pending[i];
		if (f->done)
			continue;
		if (!f->indexed && !index_kinds(v->arena, f))
			return herr_nomem(err);
		if (!names_kind(f, kind))
			continue;
		f->done = true;
		if (f->predecoded) {
			if (f->pre_oom)
				return herr_nomem(err);
			for (size_t j = 0; j < f->npre; j++)
				if (!hvalidate_learn_doc(v, &f->pre[j], err))
					return false;
			continue;
		}
		size_t n;
		char *text = hcrd_strip_descriptions(v->arena, f->data, f->len, &n);
		if (!text)
			return herr_nomem(err);
		void *p[2] = {v, NULL};
		if (!v->crds && !(v->crds = hcrd_set_new(v->arena)))
			return herr_nomem(err);
		hrender_split(text, n, learn_piece, p);
		if (p[1])
			return herr_nomem(err);
	}
	return true;
}

/* ---------------------------------------------------------------- decoding ahead */

typedef struct predecode {
	hvalidate_crdfile **files;
	harena **arenas;
	harena *a;        /* the running task's arena */
	hvalidate_crdfile *f;
	size_t cap;
} predecode;

static bool keep_piece(void *ud, const char *s, size_t len)
{
	predecode *t = ud;
	hvalidate_crdfile *f = t->f;
	herr e = HTMPL_ERROR_INIT;
	hv doc;
	if (!hyaml_load(t->a, s, len, &doc, &e)) { /* as learn_piece: skipped, unless out of memory */
		f->pre_oom = e.code == HTMPL_ERR_NOMEM;
		htmpl_error_clear(&e);
		return !f->pre_oom;
	}
	if (!hv_is_map(&doc))
		return true;
	if (f->npre == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4;
		hv *nv = harena_realloc(t->a, f->pre, t->cap * sizeof *nv, cap * sizeof *nv);
		if (!nv)
			return !(f->pre_oom = true);
		f->pre = nv, t->cap = cap;
	}
	f->pre[f->npre++] = doc;
	return true;
}

static void predecode_task(void *ud, size_t i, unsigned w, hpool *p)
{
	(void)p;
	predecode *all = ud;
	predecode t = {.a = all->arenas[w], .f = all->files[i]};
	size_t n;
	char *text = hcrd_strip_descriptions(t.a, t.f->data, t.f->len, &n);
	if (!text)
		t.f->pre_oom = true;
	else
		hrender_split(text, n, keep_piece, &t);
	t.f->predecoded = true;
}

const char *hvalidate_cr_kind(const hvalidator *v, const hv *doc)
{
	const char *av = hv_is_map(doc) ? str_at(doc, "apiVersion") : NULL;
	const char *kind = av ? str_at(doc, "kind") : NULL;
	const hv *schema;
	if (!kind || !*kind || !strchr(av, '.') || hcrd_find(v->crds, av, kind, &schema) == HCRD_FOUND)
		return NULL;
	return kind;
}

bool hvalidate_predecode(hvalidator *v, const char *const *kinds, size_t nkinds, herr *err)
{
	size_t bytes = 0, nf = 0;
	hvalidate_crdfile **files = harena_alloc(v->arena, (v->npending ? v->npending : 1) * sizeof *files);
	if (!files)
		return herr_nomem(err);
	for (size_t i = 0; i < v->npending; i++) {
		hvalidate_crdfile *f = &v->pending[i];
		if (f->done || f->predecoded)
			continue;
		if (!f->indexed && !index_kinds(v->arena, f))
			return herr_nomem(err);
		for (size_t k = 0; k < nkinds; k++)
			if (names_kind(f, kinds[k])) {
				files[nf++] = f, bytes += f->len;
				break;
			}
	}
	harena **arenas = NULL;
	unsigned threads = nf > 1 ? hvalidate_threads(v, bytes, &arenas) : 1;
	if (threads > 1) /* serially, learn_pending decodes them when asked */
		hpool_run(threads, nf, predecode_task, &(predecode){.files = files, .arenas = arenas});
	return true;
}

/* A `kind: List` (kubectl and helm's resource builder flatten it): each item as a document,
 * its findings under `items[N].`. */
typedef struct list_ctx {
	hvalidate_report_fn fn;
	void *ud;
	size_t i;
} list_ctx;

static bool item_finding(void *ud, const char *path, const char *msg)
{
	list_ctx *l = ud;
	char p[1024];
	snprintf(p, sizeof p, "items[%zu]%s%s", l->i, *path ? "." : "", path);
	return l->fn(l->ud, p, msg);
}

static bool check_list_doc(hvalidator *v, vctx *c, const hv *doc, bool *checked, herr *err)
{
	const hv *items = hmap_gets(doc->m, "items");
	*checked = true;
	if (!items || hv_is_nil(items))
		return true;
	if (!hv_is_list(items)) {
		report(c, "items: invalid type: expected array, got %s", hjson_schema_type(items));
		return !c->stop;
	}
	for (size_t i = 0; i < items->l->len; i++) {
		list_ctx l = {.fn = c->fn, .ud = c->ud, .i = i};
		bool ck;
		const hv *it = &items->l->v[i];
		if (!hv_is_map(it)) {
			item_finding(&l, "", "invalid type: expected object");
			continue;
		}
		if (!hvalidate_document(v, it, item_finding, &l, &ck, err))
			return false;
	}
	return true;
}

/* A CR that a CRD of the chart serves: metadata as ObjectMeta, the rest by the schema. */
static bool check_cr(hvalidator *v, vctx *c, const hv *doc, const hv *schema, herr *err)
{
	int meta = type_index("V1ObjectMeta");
	const hv *md = hmap_gets(doc->m, "metadata");
	if (md && meta >= 0) {
		size_t m = hfield_path_key(&c->path, "metadata");
		check_scalar(c, &(hk8s_field){.name = "metadata", .ref = (uint16_t)meta, .type = HK8S_OBJECT}, md);
		hfield_path_pop(&c->path, m);
	}
	check_name(c, doc);
	if (c->stop)
		return false;
	return !schema || hcrd_validate(v->crds, schema, doc, c->fn, c->ud, err);
}

bool hvalidate_document(hvalidator *v, const hv *doc, hvalidate_report_fn fn, void *ud, bool *checked,
                   herr *err)
{
	vctx c = {.fn = fn, .ud = ud, .mask = hvalidate_minor_bit(v->kube_version)};
	*checked = false;
	if (!hv_is_map(doc))
		return true;
	const char *av = str_at(doc, "apiVersion"), *kind = str_at(doc, "kind");
	if (!av || !kind || !*av || !*kind) {
		*checked = true;
		report(&c, !av || !*av ? "apiVersion: missing required field" : "kind: missing required field");
		return !c.stop;
	}
	if (!strcmp(av, "v1") && !strcmp(kind, "List"))
		return check_list_doc(v, &c, doc, checked, err);
	if (not_served(&c, v, av, kind)) {
		*checked = true;
		hbuf_free(&c.path);
		return !c.stop;
	}
	const hv *schema = NULL;
	int cr = hcrd_find(v->crds, av, kind, &schema);
	if (cr != HCRD_FOUND && v->npending && strchr(av, '.')) {
		if (!learn_pending(v, kind, err))
			return false;
		cr = hcrd_find(v->crds, av, kind, &schema);
	}
	if (cr == HCRD_NO_VERSION) {
		*checked = true;
		report(&c, "no matches for kind \"%s\" in version \"%s\": the chart's CRD does not serve it", kind, av);
		return !c.stop;
	}
	if (cr == HCRD_FOUND) {
		*checked = true;
		bool ok = check_cr(v, &c, doc, schema, err);
		ok = ok && (hbuf_ok(&c.path) || herr_nomem(err));
		hbuf_free(&c.path);
		return ok && !c.stop;
	}
	if (v->schema_dir) {
		size_t len = 0;
		char *sch = find_schema(v, av, kind, &len);
		if (sch) {
			hbuf out = HBUF_INIT;
			bool ok = hschema_validate(v->arena, sch, len, doc, &out, err);
			if (ok && !hbuf_ok(&out))
				ok = herr_nomem(err);
			if (ok)
				report_schema_lines(&c, hbuf_cstr(&out));
			hbuf_free(&out);
			hbuf_free(&c.path);
			*checked = true;
			return ok && !c.stop;
		}
	}
	int type = hvalidate_find_kind(av, kind, c.mask);
	unsigned major, minor;
	if (type < 0 && hvalidate_find_kind(av, kind, 0xff) >= 0 && in_tables(v->kube_version) &&
	    target_version(v->kube_version, &major, &minor)) {
		*checked = true;
		report(&c, "apiVersion: %s %s is not served by Kubernetes v%u.%u", av, kind, major, minor);
		return !c.stop;
	}
	if (type < 0) {
		if (hvalidate_known_api_version(av, c.mask)) {
			*checked = true;
			report(&c, "no kind \"%s\" is registered for version \"%s\"", kind, av);
		} else if (v->strict_schemas) {
			*checked = true;
			report(&c, "could not find schema for %s (%s): no CRD in the chart, no --schema-location file", kind, av);
		}
		return !c.stop;
	}
	*checked = true;
	check_object(&c, type, doc);
	if (find_field(type, "metadata", c.mask) && !(strlen(kind) > 4 && !strcmp(kind + strlen(kind) - 4, "List")))
		check_name(&c, doc);
	bool ok = hbuf_ok(&c.path) ? !c.stop : herr_nomem(err);
	hbuf_free(&c.path);
	return ok;
}
