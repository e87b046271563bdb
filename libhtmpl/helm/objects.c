/* objects.c - Helm's built-in objects as template values:
 *   .Release       map[string]interface {} (chartutil/values.go ToRenderValues)
 *   .Capabilities  *chartutil.Capabilities: KubeVersion (String/GitVersion), APIVersions (Has),
 *                  HelmVersion (chartutil/capabilities.go, internal/version)
 *   .Chart         struct { chart.Metadata; IsRoot bool } (engine.go recAllTpls; helm 3 keeps
 *                  the struct, so an unknown field is an execution error)
 *   .Files         engine.files with Get, GetBytes, Glob (gobwas/glob), AsConfig, AsSecrets,
 *                  Lines (pkg/engine/files.go)
 *   .Template      chartutil.Values {Name, BasePath}, set per executed file
 *   .Subcharts     map of each enabled subchart's own top-level map
 * and the matchers behind .Files.Glob (gobwas/glob) and --show-only (path/filepath.Match). */
#include "helm/objects.h"

#include "core/codec.h"
#include "value/fmt.h"
#include "core/semver.h"
#include "core/strconv.h"
#include "data/yaml.h"

#include <stdlib.h>
#include <string.h>

#define HELM_VERSION "v3.17.3"
#define HELM_COMMIT "e4da49785aa6e6ee2b86efd5dd9e43400318262b"
#define HELM_GO "go1.23.7"
/* helm 4.1.4's BuildInfo, with its extra KubeClientVersion (render/capabilities-print) */
#define HELM4_VERSION "v4.1.4"
#define HELM4_COMMIT "05fa37973dc9e42b76e1d2883494c87174b6074f"
#define HELM4_GO "go1.25.9"
#define HELM4_KUBE_CLIENT "v1.35"

static bool str_val(harena *a, const char *s, hv *out)
{
	return hv_string(a, s, strlen(s), out);
}

static bool set_str(hmap *m, const char *k, harena *a, const char *s)
{
	hv v;
	return str_val(a, s, &v) && hmap_set(m, k, strlen(k), v);
}

static hobj *new_obj(harena *a, const hobj_class *cls, void *data)
{
	hobj *o = harena_alloc(a, sizeof *o);
	if (o) {
		o->cls = cls;
		o->data = data;
	}
	return o;
}

/* The receiver of a method call (argv[0]) as the object's data. */
static void *recv_data(const hv *argv)
{
	return argv[0].type == HT_OBJECT && argv[0].o ? argv[0].o->data : NULL;
}

static bool name_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* A struct's field by Go name: vals[i] for names[i]. */
static bool pick_field(const char *name, size_t len, const char *const *names, const hv *vals,
                       size_t n, hv *out)
{
	for (size_t i = 0; i < n; i++)
		if (name_is(name, len, names[i])) {
			*out = vals[i];
			return true;
		}
	return false;
}

/* ---------------------------------------------------------------- .Release */

bool hobj_release(harena *a, const hopts *o, hv *out)
{
	hmap *m = hmap_new(a, 8);
	bool up = (o->flags & HTMPL_RENDER_IS_UPGRADE) != 0;
	if (!m || !set_str(m, "Name", a, o->release ? o->release : "release-name") ||
	    !set_str(m, "Namespace", a, o->ns ? o->ns : "default") ||
	    !hmap_set(m, "IsInstall", 9, hv_bool(!up)) || !hmap_set(m, "IsUpgrade", 9, hv_bool(up)) ||
	    !hmap_set(m, "Revision", 8, hv_int(1)) || !set_str(m, "Service", a, "Helm"))
		return false;
	*out = hv_of_map(HT_MAP, m);
	return true;
}

bool hobj_template(harena *a, const char *name, const char *base, hv *out)
{
	hmap *m = hmap_new(a, 2);
	if (!m || !set_str(m, "Name", a, name) || !set_str(m, "BasePath", a, base))
		return false;
	*out = hv_of_map(HT_VALUES, m);
	return true;
}

/* ---------------------------------------------------------------- .Capabilities */

bool hobj_parse_kube_version(harena *a, const char *text, hkubever *out, herr *err)
{
	if (!text) {
		*out = (hkubever){"v1.32.0", "1", "32", "v1.32.0"};
		return true;
	}
	hsemver v;
	hbuf why = HBUF_INIT, b = HBUF_INIT;
	if (!hsemver_parse_msg(text, strlen(text), &v, &why)) {
		herr_set(err, HTMPL_ERR_USAGE, "invalid kube version '%s': %s", text, hbuf_cstr(&why));
		hbuf_free(&why);
		return false;
	}
	hbuf_free(&why);
	hbuf_putc(&b, 'v');
	hsemver_format(&b, &v);
	size_t vlen = b.len;
	hbuf_printf(&b, "%llu", (unsigned long long)v.major);
	size_t mlen = b.len;
	hbuf_printf(&b, "%llu", (unsigned long long)v.minor);
	char *s = hbuf_ok(&b) ? harena_alloc(a, b.len + 3) : NULL;
	if (!s) {
		hbuf_free(&b);
		return herr_nomem(err);
	}
	memcpy(s, b.data, vlen);
	s[vlen] = 0;
	memcpy(s + vlen + 1, b.data + vlen, mlen - vlen);
	s[mlen + 1] = 0;
	memcpy(s + mlen + 2, b.data + mlen, b.len - mlen);
	s[b.len + 2] = 0;
	*out = (hkubever){s, s + vlen + 1, s + mlen + 2, s};
	hbuf_free(&b);
	return true;
}

bool hobj_parse_kube_version_env(const henv *env, harena *a, const char *text, hkubever *out,
                                 herr *err)
{
	return htmpl_env_get_helm_version(env) == 4 ? hkubever4_parse(a, text, out, err)
	                                            : hobj_parse_kube_version(a, text, out, err);
}

/* The scheme's group/versions of client-go v0.32 plus apiextensions, in the scheme's
 * priority order (what `{{ .Capabilities.APIVersions }}` prints in helm 3.17). */
static const char *const default_apis[] = {
	"v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
	"admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
	"apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
	"authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
	"autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
	"batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
	"certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
	"coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
	"events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
	"flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
	"flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1alpha1",
	"networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
	"policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
	"rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1",
	"resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
	"scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1",
	"storage.k8s.io/v1", "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1alpha1",
	"apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
};

/* helm 4.1.4's (client-go v0.35): resource.k8s.io/v1 and v1beta2 and storagemigration
 * v1beta1 come, networking.k8s.io/v1alpha1 and storagemigration v1alpha1 go
 * (render/capabilities-api-list). */
static const char *const default_apis4[] = {
	"v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
	"admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
	"apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
	"authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
	"autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
	"batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
	"certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
	"coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
	"events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
	"flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
	"flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
	"node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1",
	"policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
	"rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2",
	"resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
	"scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1",
	"storage.k8s.io/v1", "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1",
	"apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
};

typedef struct caps {
	bool v4;    /* helm 4.1.4's common.Capabilities */
	hkubever kv;
	hv kvs[4];  /* Version, Major, Minor, normalized (String()) as values */
	hv bis[5];  /* BuildInfo fields as values (helm 4: five) */
	hv apis;    /* HT_STRLIST */
	hobj objs[3]; /* KubeVersion, APIVersions, HelmVersion */
} caps;

/* ---- KubeVersion (a struct value whose *T has String and GitVersion) */

static const char *const kv_names[3] = {"Version", "Major", "Minor"};

static bool kv_field(const hobj *o, const char *name, size_t len, hv *out)
{
	const caps *c = o->data;
	if (c->v4 && len == 17 && !memcmp(name, "normalizedVersion", 17)) {
		*out = c->kvs[3]; /* unexported: only printing reaches it (exec.c refuses it) */
		return true;
	}
	return pick_field(name, len, kv_names, c->kvs, 3, out);
}

static bool kv_string(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	const caps *cp = recv_data(argv);
	if (!cp)
		return hcall_errorf(c, "invalid receiver");
	*out = cp->kvs[3]; /* the normalized version (helm 3: the same as Version) */
	return true;
}

static bool kv_gitversion(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	const caps *cp = recv_data(argv);
	if (!cp)
		return hcall_errorf(c, "invalid receiver");
	*out = cp->kvs[0];
	return true;
}

static void kv_format(const hobj *o, hbuf *b)
{
	/* A copy (a function argument) has no String(): Go prints the struct. The executor prints
	 * `{{ .Capabilities.KubeVersion }}` with String(), as the field is addressable there. */
	const caps *c = o->data;
	if (c->v4) /* the unexported normalizedVersion field shows too */
		hbuf_printf(b, "{%s %s %s %s}", c->kv.version, c->kv.normalized, c->kv.major,
		            c->kv.minor);
	else
		hbuf_printf(b, "{%s %s %s}", c->kv.version, c->kv.major, c->kv.minor);
}

static bool kv_marshal(const hobj *o, harena *a, hv *out)
{
	const caps *c = o->data;
	hmap *m = hmap_new(a, 3);
	for (size_t i = 0; m && i < 3; i++)
		if (!hmap_set(m, kv_names[i], strlen(kv_names[i]), c->kvs[i]))
			return false;
	if (!m)
		return false;
	*out = hv_of_map(HT_MAP, m);
	return true;
}

static const hobj_method kv_methods[] = {
	{"GitVersion", kv_gitversion, ""},
	{"String", kv_string, ""},
};

static const hobj_class kv_class = {
	"chartutil.KubeVersion", HK_STRUCT, kv_field, kv_methods, 2, kv_format, kv_marshal,
};
static const hobj_class kv_class4 = {
	"common.KubeVersion", HK_STRUCT, kv_field, kv_methods, 2, kv_format, kv_marshal,
};

/* ---- VersionSet */

static bool vs_has(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const caps *cp = recv_data(argv);
	if (!cp || argc < 2 || argv[1].type != HT_STRING)
		return hcall_errorf(c, "invalid arguments");
	const hlist *l = cp->apis.l;
	bool has = false;
	for (size_t i = 0; i < l->len && !has; i++) {
		const hstr *s = l->v[i].s;
		has = s->len == argv[1].s->len && memcmp(s->data, argv[1].s->data, s->len) == 0;
	}
	*out = hv_bool(has);
	return true;
}

static void vs_format(const hobj *o, hbuf *b)
{
	hfmt_value(b, &((const caps *)o->data)->apis);
}

static bool vs_marshal(const hobj *o, harena *a, hv *out)
{
	(void)a;
	*out = ((const caps *)o->data)->apis;
	return true;
}

/* fmt's view of chartutil.VersionSet ([]string): its elements. */
static size_t vs_gofields(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	const hlist *l = ((const caps *)o->data)->apis.l;
	if (!names)
		return l->len;
	size_t i = 0;
	for (; i < l->len && i < max; i++)
		names[i] = "", vals[i] = l->v[i];
	return i;
}

static const hobj_method vs_methods[] = {{"Has", vs_has, "s"}};
static const hobj_class vs_class = {
	"chartutil.VersionSet", HK_SLICE, NULL, vs_methods, 1, vs_format, vs_marshal, vs_gofields,
};
static const hobj_class vs_class4 = {
	"common.VersionSet", HK_SLICE, NULL, vs_methods, 1, vs_format, vs_marshal, vs_gofields,
};

/* ---- BuildInfo */

static const char *const build_info[4][3] = {
	{"Version", "version", HELM_VERSION},
	{"GitCommit", "git_commit", HELM_COMMIT},
	{"GitTreeState", "git_tree_state", "clean"},
	{"GoVersion", "go_version", HELM_GO},
};
static const char *const build_info4[5][3] = {
	{"Version", "version", HELM4_VERSION},
	{"GitCommit", "git_commit", HELM4_COMMIT},
	{"GitTreeState", "git_tree_state", "clean"},
	{"GoVersion", "go_version", HELM4_GO},
	{"KubeClientVersion", "kube_client_version", HELM4_KUBE_CLIENT},
};

static const char *const (*bi_table(const caps *c, size_t *n))[3]
{
	*n = c && c->v4 ? 5 : 4;
	return c && c->v4 ? build_info4 : build_info;
}

static bool bi_field(const hobj *o, const char *name, size_t len, hv *out)
{
	const caps *c = o->data;
	size_t n;
	const char *const (*t)[3] = bi_table(c, &n);
	for (size_t i = 0; i < n; i++)
		if (name_is(name, len, t[i][0])) {
			*out = c->bis[i];
			return true;
		}
	return false;
}

static void bi_put(const caps *c, hbuf *b)
{
	size_t n;
	const char *const (*t)[3] = bi_table(c, &n);
	hbuf_putc(b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			hbuf_putc(b, ' ');
		hbuf_puts(b, t[i][2]);
	}
	hbuf_putc(b, '}');
}

static void bi_format(const hobj *o, hbuf *b) { bi_put(o->data, b); }

static bool bi_marshal_caps(const caps *c, harena *a, hv *out)
{
	size_t n;
	const char *const (*t)[3] = bi_table(c, &n);
	hmap *m = hmap_new(a, n);
	for (size_t i = 0; m && i < n; i++)
		if (!set_str(m, t[i][1], a, t[i][2]))
			return false;
	if (!m)
		return false;
	*out = hv_of_map(HT_MAP, m);
	return true;
}

static bool bi_marshal(const hobj *o, harena *a, hv *out) { return bi_marshal_caps(o->data, a, out); }

static const hobj_class bi_class = {
	"version.BuildInfo", HK_STRUCT, bi_field, NULL, 0, bi_format, bi_marshal,
};

/* ---- Capabilities */

static bool caps_field(const hobj *o, const char *name, size_t len, hv *out)
{
	caps *c = o->data;
	static const char *const names[3] = {"KubeVersion", "APIVersions", "HelmVersion"};
	for (size_t i = 0; i < 3; i++)
		if (name_is(name, len, names[i])) {
			*out = hv_of_obj(&c->objs[i]);
			return true;
		}
	return false;
}

static void caps_format(const hobj *o, hbuf *b)
{
	caps *c = o->data;
	hbuf_puts(b, "&{");
	kv_format(&c->objs[0], b);
	hbuf_putc(b, ' ');
	hfmt_value(b, &c->apis);
	hbuf_putc(b, ' ');
	bi_put(c, b);
	hbuf_putc(b, '}');
}

static bool caps_marshal(const hobj *o, harena *a, hv *out)
{
	caps *c = o->data;
	/* The nested structs stay objects, so the encoder keeps their field order. */
	hmap *m = hmap_new(a, 3);
	if (!m || !hmap_set(m, "KubeVersion", 11, hv_of_obj(&c->objs[0])) ||
	    !hmap_set(m, "APIVersions", 11, c->apis) || !hmap_set(m, "HelmVersion", 11, hv_of_obj(&c->objs[2])))
		return false;
	*out = hv_of_map(HT_MAP, m);
	return true;
}

/* fmt's view of *chartutil.Capabilities: &{KubeVersion APIVersions HelmVersion}. */
static size_t caps_gofields(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	caps *c = o->data;
	static const char *const nm[3] = {"KubeVersion", "APIVersions", "HelmVersion"};
	if (!names || max < 3)
		return 3;
	for (size_t i = 0; i < 3; i++)
		names[i] = nm[i], vals[i] = hv_of_obj(&c->objs[i]);
	return 3;
}

static const hobj_class caps_class = {
	"*chartutil.Capabilities", HK_PTR, caps_field, NULL, 0, caps_format, caps_marshal, caps_gofields,
};
static const hobj_class caps_class4 = {
	"*common.Capabilities", HK_PTR, caps_field, NULL, 0, caps_format, caps_marshal, caps_gofields,
};

static bool make_caps(harena *a, const hopts *o, const hkubever *kv, bool v4, hv *out);

bool hobj_capabilities(harena *a, const hopts *o, const hkubever *kv, hv *out)
{
	return make_caps(a, o, kv, false, out);
}

bool hobj_capabilities4(harena *a, const hopts *o, const hkubever *kv, hv *out)
{
	return make_caps(a, o, kv, true, out);
}

static bool make_caps(harena *a, const hopts *o, const hkubever *kv, bool v4, hv *out)
{
	caps *c = harena_zalloc(a, sizeof *c);
	const char *const *apis = v4 ? default_apis4 : default_apis;
	size_t n = v4 ? sizeof default_apis4 / sizeof *default_apis4
	              : sizeof default_apis / sizeof *default_apis;
	hlist *l = c ? hlist_new(a, n + o->napi) : NULL;
	if (!l)
		return false;
	for (size_t i = 0; i < n; i++) {
		hv s;
		if (!str_val(a, apis[i], &s) || !hlist_push(l, s))
			return false;
	}
	/* --api-versions are appended verbatim (a comma list was split by the option setter). */
	for (size_t i = 0; i < o->napi; i++) {
		hv s;
		if (!str_val(a, o->api_versions[i], &s) || !hlist_push(l, s))
			return false;
	}
	c->v4 = v4;
	c->kv = *kv;
	if (!c->kv.normalized)
		c->kv.normalized = kv->version;
	if (!str_val(a, kv->version, &c->kvs[0]) || !str_val(a, kv->major, &c->kvs[1]) ||
	    !str_val(a, kv->minor, &c->kvs[2]) || !str_val(a, c->kv.normalized, &c->kvs[3]))
		return false;
	size_t nbi;
	const char *const (*bi)[3] = bi_table(c, &nbi);
	for (size_t i = 0; i < nbi; i++)
		if (!str_val(a, bi[i][2], &c->bis[i]))
			return false;
	c->apis = hv_of_list(HT_STRLIST, l);
	c->objs[0] = (hobj){v4 ? &kv_class4 : &kv_class, c};
	c->objs[1] = (hobj){v4 ? &vs_class4 : &vs_class, c};
	c->objs[2] = (hobj){&bi_class, c};
	hobj *co = new_obj(a, v4 ? &caps_class4 : &caps_class, c);
	if (!co)
		return false;
	*out = hv_of_obj(co);
	return true;
}

/* ---------------------------------------------------------------- .Chart */

/* sanitizeString (chart/metadata.go): whitespace becomes a space, other control bytes go. */
static const char *sanitize(harena *a, const char *s)
{
	bool clean = true;
	for (const unsigned char *p = (const unsigned char *)s; *p && clean; p++)
		clean = *p >= 0x20 && *p != 0x7f;
	if (clean)
		return s;
	char *d = harena_alloc(a, strlen(s) + 1), *q = d;
	if (!d)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\v' || *p == '\f' || *p == '\r')
			*q++ = ' ';
		else if (*p >= 0x20 && *p != 0x7f)
			*q++ = (char)*p;
	}
	*q = 0;
	return d;
}

/* A Chart.yaml scalar as the string field it is decoded into ("" when absent). */
static bool meta_string(harena *a, const hv *m, const char *key, bool clean, hv *out)
{
	hv *v = m && hv_is_map(m) ? hmap_gets(m->m, key) : NULL;
	const char *s = "";
	hbuf b = HBUF_INIT;
	if (v && v->type == HT_STRING) {
		s = v->s->data;
	} else if (v && !hv_is_nil(v) && !hv_is_map(v) && !hv_is_list(v)) {
		hfmt_value(&b, v);
		s = hbuf_cstr(&b);
	}
	if (clean && !(s = sanitize(a, s))) {
		hbuf_free(&b);
		return false;
	}
	bool ok = hbuf_ok(&b) && str_val(a, s, out);
	hbuf_free(&b);
	return ok;
}

static bool meta_strlist(harena *a, const hv *m, const char *key, hv *out)
{
	hv *v = m && hv_is_map(m) ? hmap_gets(m->m, key) : NULL;
	size_t n = v && hv_is_list(v) ? v->l->len : 0;
	if (!v || !hv_is_list(v) || !v->l) { /* absent: a nil slice (%#v []string(nil)) */
		*out = hv_of_list(HT_STRLIST, NULL);
		return true;
	}
	hlist *l = hlist_new(a, n);
	if (!l)
		return false;
	for (size_t i = 0; i < n; i++) {
		/* Reuse meta_string's scalar conversion through a one-entry map. */
		hmap *one = hmap_new(a, 1);
		hv s, wrap = hv_of_map(HT_MAP, one);
		if (!one || !hmap_set(one, "v", 1, v->l->v[i]) || !meta_string(a, &wrap, "v", true, &s) ||
		    !hlist_push(l, s))
			return false;
	}
	*out = hv_of_list(HT_STRLIST, l);
	return true;
}

/* *chart.Maintainer and *chart.Dependency: small structs whose fields come from a map. */
typedef struct recobj {
	const char *const *names; /* Go field names */
	size_t n;
	hv *vals;
} recobj;

static bool rec_field(const hobj *o, const char *name, size_t len, hv *out)
{
	const recobj *r = o->data;
	return pick_field(name, len, r->names, r->vals, r->n, out);
}

static void rec_format(const hobj *o, hbuf *b)
{
	const recobj *r = o->data;
	hbuf_puts(b, "&{");
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			hbuf_putc(b, ' ');
		hfmt_value(b, &r->vals[i]);
	}
	hbuf_putc(b, '}');
}

static const char *const maint_names[] = {"Name", "Email", "URL"};
static const char *const maint_keys[] = {"name", "email", "url"};
static const char *const dep_names[] = {"Name",    "Version",      "Repository", "Condition",
                                        "Tags",    "Enabled",      "ImportValues", "Alias"};
static const char *const dep_keys[] = {"name",    "version",       "repository", "condition",
                                       "tags",    "enabled",       "import-values", "alias"};

static bool rec_marshal(const hobj *o, harena *a, hv *out);

/* fmt's view: the fields in declaration order (below the top, fmt prints the address). */
static size_t rec_gofields(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	const recobj *r = o->data;
	if (!names)
		return r->n;
	size_t n = r->n < max ? r->n : max;
	for (size_t i = 0; i < n; i++)
		names[i] = r->names[i], vals[i] = r->vals[i];
	return n;
}

static const hobj_class maint_class = {
	"*chart.Maintainer", HK_PTR, rec_field, NULL, 0, rec_format, rec_marshal, rec_gofields,
};
static const hobj_class dep_class = {
	"*chart.Dependency", HK_PTR, rec_field, NULL, 0, rec_format, rec_marshal, rec_gofields,
};

static bool rec_marshal(const hobj *o, harena *a, hv *out)
{
	const recobj *r = o->data;
	const char *const *keys = o->cls == &maint_class ? maint_keys : dep_keys;
	hmap *m = hmap_new(a, r->n);
	if (!m)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		/* omitempty, except a dependency's name and repository */
		bool always = o->cls == &dep_class && (i == 0 || i == 2);
		if ((always || hv_truth(&r->vals[i])) &&
		    !hmap_set(m, keys[i], strlen(keys[i]), r->vals[i]))
			return false;
	}
	*out = hv_of_map(HT_MAP, m);
	return true;
}

static bool make_rec(harena *a, const hobj_class *cls, const hv *src, hv *out)
{
	bool dep = cls == &dep_class;
	size_t n = dep ? 8 : 3;
	recobj *r = harena_alloc(a, sizeof *r);
	hv *vals = harena_zalloc(a, n * sizeof *vals);
	if (!r || !vals)
		return false;
	*r = (recobj){dep ? dep_names : maint_names, n, vals};
	const char *const *keys = dep ? dep_keys : maint_keys;
	for (size_t i = 0; i < n; i++) {
		hv *v = hv_is_map(src) ? hmap_gets(src->m, keys[i]) : NULL;
		bool ok;
		if (dep && i == 4)
			ok = meta_strlist(a, src, keys[i], &vals[i]);
		else if (dep && i == 5)
			ok = (vals[i] = hv_bool(v && v->type == HT_BOOL && v->b), true);
		else if (dep && i == 6)
			ok = (vals[i] = v && hv_is_list(v) ? *v : hv_of_list(HT_LIST, NULL), true);
		else
			ok = meta_string(a, src, keys[i], false, &vals[i]);
		if (!ok)
			return false;
	}
	if (dep && !vals[6].l) {
		hlist *l = hlist_new(a, 0);
		if (!l)
			return false;
		vals[6].l = l;
	}
	hobj *o = new_obj(a, cls, r);
	if (!o)
		return false;
	*out = hv_of_obj(o);
	return true;
}

static bool meta_records(harena *a, const hv *m, const char *key, const hobj_class *cls, hv *out)
{
	hv *v = m && hv_is_map(m) ? hmap_gets(m->m, key) : NULL;
	size_t n = v && hv_is_list(v) ? v->l->len : 0;
	hlist *l = hlist_new(a, n);
	if (!l)
		return false;
	l->go_type = cls == &maint_class ? "[]*chart.Maintainer" : "[]*chart.Dependency";
	if (!v || !hv_is_list(v) || !v->l) { /* absent: a nil slice (toJson null; gosem/chart-verbs) */
		*out = hv_of_list(HT_LIST, l);
		hv_set_nil_slice(out);
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		hv r;
		if (!make_rec(a, cls, &v->l->v[i], &r) || !hlist_push(l, r))
			return false;
	}
	*out = hv_of_list(HT_LIST, l);
	return true;
}

static bool meta_annotations(harena *a, const hv *m, hv *out)
{
	hv *v = m && hv_is_map(m) ? hmap_gets(m->m, "annotations") : NULL;
	if (!v || !hv_is_map(v)) { /* absent: a nil map (%#v map[string]string(nil)) */
		*out = hv_of_map(HT_STRMAP, NULL);
		return true;
	}
	hmap *am = hmap_new(a, v && hv_is_map(v) ? hmap_len(v->m) : 0);
	if (!am)
		return false;
	if (v && hv_is_map(v)) {
		hmap_entry **e = hmap_sorted(v->m);
		if (!e && hmap_len(v->m))
			return false;
		for (size_t i = 0; i < hmap_len(v->m); i++) {
			hv s;
			hv tmp = hv_of_map(HT_MAP, v->m);
			if (!meta_string(a, &tmp, e[i]->key->data, false, &s) ||
			    !hmap_set(am, e[i]->key->data, e[i]->key->len, s))
				return false;
		}
	}
	*out = hv_of_map(HT_STRMAP, am);
	return true;
}

/* Field order of struct { chart.Metadata; IsRoot bool }, and the JSON names of Metadata. */
enum { CF_COUNT = 18 };
static const char *const chart_fields[CF_COUNT] = {
	"Name",       "Home",        "Sources",      "Version",     "Description", "Keywords",
	"Maintainers", "Icon",       "APIVersion",   "Condition",   "Tags",        "AppVersion",
	"Deprecated", "Annotations", "KubeVersion",  "Dependencies", "Type",       "IsRoot",
};
static const char *const chart_json[CF_COUNT] = {
	"name",       "home",        "sources",      "version",     "description", "keywords",
	"maintainers", "icon",       "apiVersion",   "condition",   "tags",        "appVersion",
	"deprecated", "annotations", "kubeVersion",  "dependencies", "type",       "IsRoot",
};

typedef struct chartobj {
	hv f[CF_COUNT];
} chartobj;

static bool chart_field(const hobj *o, const char *name, size_t len, hv *out)
{
	const chartobj *c = o->data;
	return pick_field(name, len, chart_fields, c->f, CF_COUNT, out);
}

static void chart_format(const hobj *o, hbuf *b)
{
	const chartobj *c = o->data;
	hbuf_puts(b, "{{");
	for (size_t i = 0; i < CF_COUNT - 1; i++) {
		if (i)
			hbuf_putc(b, ' ');
		hfmt_value(b, &c->f[i]);
	}
	hbuf_puts(b, "} ");
	hfmt_value(b, &c->f[CF_COUNT - 1]);
	hbuf_putc(b, '}');
}

static bool chart_marshal(const hobj *o, harena *a, hv *out)
{
	const chartobj *c = o->data;
	hmap *m = hmap_new(a, CF_COUNT);
	if (!m)
		return false;
	for (size_t i = 0; i < CF_COUNT; i++) {
		hv v = c->f[i];
		if (i + 1 < CF_COUNT && !hv_truth(&v))
			continue; /* omitempty */
		/* Maintainers and Dependencies stay objects: the encoder marshals each through
		 * rec_marshal and keeps Go's field order (name before email; gosem/chart-json). */
		if (!hmap_set(m, chart_json[i], strlen(chart_json[i]), v))
			return false;
	}
	*out = hv_of_map(HT_MAP, m);
	return true;
}

static size_t meta_gofields(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	const chartobj *c = o->data;
	if (!names)
		return CF_COUNT - 1;
	size_t n = CF_COUNT - 1 < max ? CF_COUNT - 1 : max;
	for (size_t i = 0; i < n; i++)
		names[i] = chart_fields[i], vals[i] = c->f[i];
	return n;
}

/* The embedded chart.Metadata, as fmt sees it inside .Chart. */
static const hobj_class metadata_class = {
	"chart.Metadata", HK_STRUCT, chart_field, NULL, 0, NULL, NULL, meta_gofields,
};

/* fmt's view of .Chart: {Metadata:{...} IsRoot:true} (gosem/chart-verbs). */
static size_t chart_gofields(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	const chartobj *c = o->data;
	if (!names || max < 2)
		return 2;
	hobj *m = harena_alloc(a, sizeof *m);
	if (!m)
		return 0;
	m->cls = &metadata_class;
	m->data = o->data;
	names[0] = "Metadata", vals[0] = hv_of_obj(m);
	names[1] = "IsRoot", vals[1] = c->f[CF_COUNT - 1];
	return 2;
}

static const hobj_class chart_class = {
	"struct { chart.Metadata; IsRoot bool }", HK_STRUCT, chart_field, NULL, 0, chart_format,
	chart_marshal, chart_gofields,
};

/* After processDependencyEnabled, .Chart.Dependencies holds only the rendered dependencies,
 * each Enabled, an aliased one under its alias as Name (lang-engine/chart-dependencies). */
static void keep_enabled(const hrchart *rc, hv *deps)
{
	size_t w = 0;
	for (size_t i = 0; hv_is_list(deps) && deps->l && i < deps->l->len; i++) {
		recobj *r = deps->l->v[i].o->data;
		if (r->vals[7].s->len)
			r->vals[0] = r->vals[7];
		bool on = false;
		for (size_t k = 0; k < rc->nsubs && !on; k++)
			on = rc->subs[k]->name && strcmp(rc->subs[k]->name, r->vals[0].s->data) == 0;
		r->vals[5] = hv_bool(true);
		if (on)
			deps->l->v[w++] = deps->l->v[i];
	}
	if (hv_is_list(deps) && deps->l)
		deps->l->len = w;
	/* processImportValues leaves every requirement's ImportValues as child/parent pairs
	 * (map[string]string), a nil slice when it has none (gosem/chart-import-values) */
	for (size_t i = 0; rc->reqs && hv_is_list(deps) && deps->l && i < deps->l->len; i++) {
		const hv *req = i < rc->reqs->len ? &rc->reqs->v[i] : NULL;
		hv *iv = req && hv_is_map(req) ? hmap_gets(req->m, "import-values") : NULL;
		recobj *r = deps->l->v[i].o->data;
		if (iv && hv_is_list(iv) && iv->l)
			r->vals[6] = *iv;
	}
}

static bool make_chart(harena *a, const hrchart *rc, hv *out)
{
	chartobj *c = harena_zalloc(a, sizeof *c);
	if (!c)
		return false;
	const hv *md = &rc->chart->metadata;
	static const bool clean[CF_COUNT] = {[1] = true, [4] = true, [7] = true, [9] = true,
	                                     [10] = true, [11] = true, [14] = true};
	for (size_t i = 0; i < CF_COUNT; i++) {
		bool ok = true;
		hv *v = hv_is_map(md) ? hmap_gets(md->m, chart_json[i]) : NULL;
		switch (i) {
		case 0: ok = str_val(a, sanitize(a, rc->name ? rc->name : ""), &c->f[i]); break;
		case 2: case 5: ok = meta_strlist(a, md, chart_json[i], &c->f[i]); break;
		case 6: ok = meta_records(a, md, "maintainers", &maint_class, &c->f[i]); break;
		case 12: c->f[i] = hv_bool(v && v->type == HT_BOOL && v->b); break;
		case 13: ok = meta_annotations(a, md, &c->f[i]); break;
		case 15:
			ok = meta_records(a, md, "dependencies", &dep_class, &c->f[i]);
			if (ok)
				keep_enabled(rc, &c->f[i]);
			/* processDependencyEnabled appends the kept ones to a nil slice: none is nil
			 * (`dependencies: []` too; gosem/chart-deps-empty) */
			if (ok && (!c->f[i].l || c->f[i].l->len == 0))
				hv_set_nil_slice(&c->f[i]);
			break;
		case 17: c->f[i] = hv_bool(rc->parent == NULL); break;
		default: ok = meta_string(a, md, chart_json[i], clean[i], &c->f[i]); break;
		}
		if (!ok)
			return false;
	}
	hobj *o = new_obj(a, &chart_class, c);
	if (!o)
		return false;
	*out = hv_of_obj(o);
	return true;
}

/* helm 4's .Chart: MetadataAsMap (pkg/chart/common.go structToMap) plus IsRoot, a
 * map[string]interface {} keyed by the Go field names. Structs (maintainers, dependencies)
 * become maps, every slice a []interface {} (empty, never nil), other fields stay as they are;
 * Annotations is a nil map[string]string when Chart.yaml has none (render/chart-in-toYaml).
 * An unknown key is then a missing map key, not an error (render/chart-object-unknown-field). */
static bool to_plain(harena *a, const hv *v, hv *out)
{
	if (v->type == HT_OBJECT && v->o && (v->o->cls == &maint_class || v->o->cls == &dep_class)) {
		const recobj *r = v->o->data;
		hmap *m = hmap_new(a, r->n);
		if (!m)
			return false;
		for (size_t i = 0; i < r->n; i++) {
			hv e;
			if (!to_plain(a, &r->vals[i], &e) || !hmap_set(m, r->names[i], strlen(r->names[i]), e))
				return false;
		}
		*out = hv_of_map(HT_MAP, m);
		return true;
	}
	if (hv_is_list(v)) {
		size_t n = v->l ? v->l->len : 0;
		hlist *l = hlist_new(a, n);
		if (!l)
			return false;
		for (size_t i = 0; i < n; i++) {
			hv e = v->l->v[i];
			if (e.type == HT_OBJECT && !to_plain(a, &v->l->v[i], &e))
				return false;
			if (!hlist_push(l, e))
				return false;
		}
		*out = hv_of_list(HT_LIST, l);
		return true;
	}
	*out = *v;
	return true;
}

static bool chart_as_map(harena *a, const hrchart *rc, hv *chart)
{
	const chartobj *c = chart->o->data;
	hmap *m = hmap_new(a, CF_COUNT);
	if (!m)
		return false;
	const hv *md = &rc->chart->metadata;
	for (size_t i = 0; i < CF_COUNT; i++) {
		hv v;
		if (!to_plain(a, &c->f[i], &v))
			return false;
		if (i == 13 && !(hv_is_map(md) && hmap_gets(md->m, "annotations")))
			v = hv_of_map(HT_STRMAP, NULL); /* a nil map[string]string */
		if (!hmap_set(m, chart_fields[i], strlen(chart_fields[i]), v))
			return false;
	}
	*chart = hv_of_map(HT_MAP, m);
	return true;
}

/* ---------------------------------------------------------------- .Files */

typedef struct filesobj {
	const hfile **v; /* sorted by name */
	size_t n;
} filesobj;

static const hfile *files_find(const filesobj *f, const char *name, size_t len)
{
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = f->v[mid]->name;
		size_t kl = strlen(k);
		int c = memcmp(k, name, kl < len ? kl : len);
		if (!c)
			c = kl < len ? -1 : kl > len;
		if (!c)
			return f->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool files_get(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	const filesobj *f = recv_data(argv);
	const hfile *h = f ? files_find(f, argv[1].s->data, argv[1].s->len) : NULL;
	if (!hv_string(c->arena, h ? h->data : "", h ? h->len : 0, out))
		return hcall_nomem(c);
	return true;
}

static bool files_get_bytes(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!files_get(c, argc, argv, out))
		return false;
	out->type = HT_BYTES;
	return true;
}

static const hobj_class files_class;

static bool new_files(harena *a, const hfile **v, size_t n, hv *out)
{
	filesobj *f = harena_alloc(a, sizeof *f);
	hobj *o = f ? new_obj(a, &files_class, f) : NULL;
	if (!o)
		return false;
	f->v = v;
	f->n = n;
	*out = hv_of_obj(o);
	return true;
}

static bool files_glob(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	const filesobj *f = recv_data(argv);
	const hstr *p = argv[1].s;
	const hfile **v = harena_alloc(c->arena, (f && f->n ? f->n : 1) * sizeof *v);
	if (!v)
		return hcall_nomem(c);
	/* An invalid pattern silently becomes `**`, which matches everything. */
	bool all = hobj_glob_match(p->data, p->len, "", 0) < 0;
	size_t n = 0;
	for (size_t i = 0; f && i < f->n; i++)
		if (all || hobj_glob_match(p->data, p->len, f->v[i]->name, strlen(f->v[i]->name)) == 1)
			v[n++] = f->v[i];
	return new_files(c->arena, v, n, out) || hcall_nomem(c);
}

/* AsConfig / AsSecrets: toYAML of {basename: content}; a later name wins a basename clash. */
static bool files_as(hcall *c, const hv *argv, bool secret, hv *out)
{
	const filesobj *f = recv_data(argv);
	hmap *m = hmap_new(c->arena, f ? f->n : 0);
	if (!m)
		return hcall_nomem(c);
	hbuf b = HBUF_INIT;
	for (size_t i = 0; f && i < f->n; i++) {
		const char *name = f->v[i]->name, *base = strrchr(name, '/');
		base = base ? base + 1 : name;
		hv s;
		hbuf_reset(&b);
		if (secret)
			hcodec_b64_encode(&b, f->v[i]->data, f->v[i]->len);
		else
			hbuf_put(&b, f->v[i]->data, f->v[i]->len);
		if (!hbuf_ok(&b) || !hv_string(c->arena, b.data ? b.data : "", b.len, &s) ||
		    !hmap_set(m, base, strlen(base), s)) {
			hbuf_free(&b);
			return hcall_nomem(c);
		}
	}
	hbuf_reset(&b);
	hv mv = hv_of_map(HT_MAP, m);
	herr err = HTMPL_ERROR_INIT;
	bool ok = hyaml_emit(&b, &mv, &err);
	htmpl_error_clear(&err);
	size_t n = ok ? b.len : 0;
	if (n && b.data[n - 1] == '\n')
		n--;
	ok = hbuf_ok(&b) && hv_string(c->arena, n ? b.data : "", n, out);
	hbuf_free(&b);
	return ok || hcall_nomem(c);
}

static bool files_as_config(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	return files_as(c, argv, false, out);
}

static bool files_as_secrets(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	return files_as(c, argv, true, out);
}

static bool files_lines(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	const filesobj *f = recv_data(argv);
	const hfile *h = f ? files_find(f, argv[1].s->data, argv[1].s->len) : NULL;
	hlist *l = hlist_new(c->arena, 0);
	if (!l)
		return hcall_nomem(c);
	*out = hv_of_list(HT_STRLIST, l);
	if (!h)
		return true;
	if (h->len == 0)
		return hcall_errorf(c, "runtime error: index out of range [-1]");
	size_t len = h->len - (h->data[h->len - 1] == '\n');
	for (size_t i = 0;;) {
		const char *nl = memchr(h->data + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - h->data) : len;
		hv s;
		if (!hv_string(c->arena, h->data + i, e - i, &s) || !hlist_push(l, s))
			return hcall_nomem(c);
		if (!nl)
			break;
		i = e + 1;
	}
	return true;
}

static void files_format(const hobj *o, hbuf *b)
{
	const filesobj *f = o->data;
	hbuf_puts(b, "map[");
	for (size_t i = 0; i < f->n; i++) {
		hbuf_printf(b, "%s%s:[", i ? " " : "", f->v[i]->name);
		for (size_t k = 0; k < f->v[i]->len; k++)
			hbuf_printf(b, "%s%u", k ? " " : "", (unsigned char)f->v[i]->data[k]);
		hbuf_putc(b, ']');
	}
	hbuf_putc(b, ']');
}

/* fmt's view of engine.files (map[string][]byte): names and contents in name order. */
static size_t files_gofields(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	const filesobj *f = o->data;
	if (!names)
		return f ? f->n : 0;
	size_t i = 0;
	for (; f && i < f->n && i < max; i++) {
		names[i] = f->v[i]->name;
		if (!hv_string(a, f->v[i]->data, f->v[i]->len, &vals[i]))
			return i;
		vals[i].type = HT_BYTES;
	}
	return i;
}

/* The map view (name -> []byte): what toJson encodes (base64) and what range, len and index
 * see of engine.files. */
static bool files_marshal(const hobj *o, harena *a, hv *out)
{
	const filesobj *f = o->data;
	hmap *m = hmap_new(a, f->n);
	if (!m)
		return false;
	for (size_t i = 0; i < f->n; i++) {
		hv s;
		if (!hv_string(a, f->v[i]->data ? f->v[i]->data : "", f->v[i]->len, &s))
			return false;
		s.type = HT_BYTES;
		if (!hmap_set(m, f->v[i]->name, strlen(f->v[i]->name), s))
			return false;
	}
	*out = hv_of_map(HT_MAP, m);
	return true;
}

static const hobj_method files_methods[] = {
	{"AsConfig", files_as_config, ""}, {"AsSecrets", files_as_secrets, ""},
	{"Get", files_get, "s"},           {"GetBytes", files_get_bytes, "s"},
	{"Glob", files_glob, "s"},         {"Lines", files_lines, "s"},
};

static const hobj_class files_class = {
	"engine.files", HK_MAP, NULL, files_methods, 6, files_format, files_marshal, files_gofields,
};

static bool make_files(harena *a, const hchart *c, hv *out)
{
	const hfile **v = harena_alloc(a, (c->nfiles ? c->nfiles : 1) * sizeof *v);
	if (!v)
		return false;
	for (size_t i = 0; i < c->nfiles; i++)
		v[i] = &c->files[i];
	return new_files(a, v, c->nfiles, out);
}

/* ---------------------------------------------------------------- top-level data */

bool hobj_top(harena *a, const hrchart *rc, const hv *release, const hv *capv, bool v4, hv *out)
{
	hmap *m = hmap_new(a, 8), *subs = hmap_new(a, rc->nsubs);
	hv chart, files, values = rc->values;
	if (!m || !subs || !make_chart(a, rc, &chart) || !make_files(a, rc->chart, &files))
		return false;
	if (v4 && !chart_as_map(a, rc, &chart))
		return false;
	if (!hv_is_map(&values)) {
		hmap *e = hmap_new(a, 0);
		if (!e)
			return false;
		values = hv_of_map(HT_VALUES, e);
		values.flags = rc->values.flags & HV_F_COMMON;
	}
	/* vals.Table() hands every chart a chartutil.Values. */
	values.type = HT_VALUES;
	for (size_t i = 0; i < rc->nsubs; i++) {
		hv st;
		if (!hobj_top(a, rc->subs[i], release, capv, v4, &st) ||
		    !hmap_set(subs, rc->subs[i]->name, strlen(rc->subs[i]->name), st))
			return false;
	}
	if (!hmap_set(m, "Chart", 5, chart) || !hmap_set(m, "Files", 5, files) ||
	    !hmap_set(m, "Release", 7, *release) || !hmap_set(m, "Capabilities", 12, *capv) ||
	    !hmap_set(m, "Values", 6, values) || !hmap_set(m, "Subcharts", 9, hv_of_map(HT_MAP, subs)))
		return false;
	*out = hv_of_map(HT_MAP, m);
	return true;
}

/* ---------------------------------------------------------------- gobwas/glob */

enum { GLOB_BUDGET = 1 << 20 };

static size_t rune_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	size_t l = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	return l > n ? n : l;
}

/* Decodes one rune for class comparisons (invalid bytes compare as themselves). */
static uint32_t rune_at(const char *s, size_t n, size_t *len)
{
	*len = rune_len(s, n);
	const unsigned char *p = (const unsigned char *)s;
	if (*len == 1)
		return p[0];
	uint32_t r = p[0] & (0x7f >> *len);
	for (size_t i = 1; i < *len; i++)
		r = (r << 6) | (p[i] & 0x3f);
	return r;
}

/* End of a `[...]` class starting at p (pointing after '['), or NULL if unclosed. */
static const char *class_end(const char *p, const char *pe)
{
	for (; p < pe; p++) {
		if (*p == '\\' && p + 1 < pe)
			p++;
		else if (*p == ']')
			return p;
	}
	return NULL;
}

/* Matches one rune r against the class body [p, e). */
static bool class_match(const char *p, const char *e, uint32_t r, char neg)
{
	bool not = p < e && *p == neg;
	if (not)
		p++;
	bool hit = false;
	while (p < e) {
		size_t l;
		if (*p == '\\' && p + 1 < e)
			p++;
		uint32_t lo = rune_at(p, (size_t)(e - p), &l), hi = lo;
		p += l;
		if (p + 1 < e && *p == '-') {
			p++;
			if (*p == '\\' && p + 1 < e)
				p++;
			hi = rune_at(p, (size_t)(e - p), &l);
			p += l;
		}
		hit |= r >= lo && r <= hi;
	}
	return hit != not;
}

/* End of a `{...}` group starting after '{' (nesting and escapes honoured), or NULL. */
static const char *brace_end(const char *p, const char *pe)
{
	int depth = 1;
	for (; p < pe; p++) {
		if (*p == '\\' && p + 1 < pe)
			p++;
		else if (*p == '[') {
			const char *e = class_end(p + 1, pe);
			if (!e)
				return NULL;
			p = e;
		} else if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return NULL;
}

static int glob_rec(const char *p, const char *pe, const char *s, const char *se, long *budget);

/* {a,b}rest: tries each alternative followed by the rest of the pattern. */
static int glob_alts(const char *p, const char *e, const char *rest, const char *pe,
                     const char *s, const char *se, long *budget)
{
	size_t rl = (size_t)(pe - rest);
	for (const char *a = p;;) {
		const char *c = a;
		int depth = 0;
		for (; c < e; c++) {
			if (*c == '\\' && c + 1 < e)
				c++;
			else if (*c == '{')
				depth++;
			else if (*c == '}')
				depth--;
			else if (*c == ',' && depth == 0)
				break;
		}
		size_t al = (size_t)(c - a);
		char *buf = malloc(al + rl + 1);
		if (!buf)
			return -1;
		memcpy(buf, a, al);
		memcpy(buf + al, rest, rl);
		int r = glob_rec(buf, buf + al + rl, s, se, budget);
		free(buf);
		if (r)
			return r;
		if (c >= e)
			return 0;
		a = c + 1;
	}
}

static int glob_rec(const char *p, const char *pe, const char *s, const char *se, long *budget)
{
	while (p < pe) {
		if (--*budget < 0)
			return 0;
		if (*p == '*') {
			bool super = p + 1 < pe && p[1] == '*';
			while (p < pe && *p == '*')
				p++;
			for (const char *t = s;; t++) {
				int r = glob_rec(p, pe, t, se, budget);
				if (r)
					return r;
				if (t == se || (!super && *t == '/'))
					return 0;
			}
		}
		if (*p == '{') {
			const char *e = brace_end(p + 1, pe);
			return glob_alts(p + 1, e, e + 1, pe, s, se, budget);
		}
		if (s == se)
			return 0;
		size_t sl;
		uint32_t r = rune_at(s, (size_t)(se - s), &sl);
		if (*p == '?') {
			if (*s == '/')
				return 0;
			p++;
		} else if (*p == '[') {
			const char *e = class_end(p + 1, pe);
			if (!class_match(p + 1, e, r, '!'))
				return 0;
			p = e + 1;
		} else {
			if (*p == '\\' && p + 1 < pe)
				p++;
			size_t pl = rune_len(p, (size_t)(pe - p));
			if (pl != sl || memcmp(p, s, pl) != 0)
				return 0;
			p += pl;
		}
		s += sl;
	}
	return s == se;
}

/* gobwas/glob's compile errors: unclosed `[` or `{`, an empty class, a trailing `\`. */
static bool glob_valid(const char *p, const char *pe)
{
	for (; p < pe; p++) {
		if (*p == '\\') {
			if (++p >= pe)
				return false;
		} else if (*p == '[') {
			const char *e = class_end(p + 1, pe);
			if (!e || e == p + 1 || (e == p + 2 && p[1] == '!'))
				return false;
			p = e;
		} else if (*p == '{') {
			if (!brace_end(p + 1, pe))
				return false;
		}
	}
	return true;
}

int hobj_glob_match(const char *pat, size_t plen, const char *s, size_t slen)
{
	if (!glob_valid(pat, pat + plen))
		return -1;
	long budget = GLOB_BUDGET;
	int r = glob_rec(pat, pat + plen, s, s + slen, &budget);
	return r < 0 ? 0 : r;
}

/* ---------------------------------------------------------------- path/filepath.Match */

static int fp_rec(const char *p, const char *s, long *budget)
{
	while (*p) {
		if (--*budget < 0)
			return 0;
		if (*p == '*') {
			while (*p == '*')
				p++;
			for (const char *t = s;; t++) {
				int r = fp_rec(p, t, budget);
				if (r)
					return r;
				if (!*t || *t == '/')
					return 0;
			}
		}
		if (!*s)
			return 0;
		size_t sl;
		uint32_t r = rune_at(s, strlen(s), &sl);
		if (*p == '?') {
			if (*s == '/')
				return 0;
			p++;
		} else if (*p == '[') {
			const char *e = class_end(p + 1, p + strlen(p));
			if (!e)
				return -1;
			if (*s == '/' || !class_match(p + 1, e, r, '^'))
				return 0;
			p = e + 1;
		} else {
			if (*p == '\\') {
				if (!*++p)
					return -1;
			}
			size_t pl = rune_len(p, strlen(p));
			if (pl != sl || memcmp(p, s, pl) != 0)
				return 0;
			p += pl;
		}
		s += sl;
	}
	return !*s;
}

static bool fp_valid(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\') {
			if (!*++p)
				return false;
		} else if (*p == '[') {
			const char *q = p + 1;
			if (*q == '^')
				q++;
			const char *e = class_end(q, q + strlen(q));
			if (!e || e == q || *q == '-')
				return false;
			p = e;
		}
	}
	return true;
}

int hobj_path_match(const char *pat, const char *name)
{
	if (!fp_valid(pat))
		return -1;
	long budget = GLOB_BUDGET;
	return fp_rec(pat, name, &budget);
}
