/* lint.c - `helm lint` as helm v3.17.3 runs it (cmd/helm/lint.go, pkg/action/lint.go,
 * pkg/lint/lint.go, pkg/lint/rules/{chartfile,values,template,dependencies,deprecations}.go,
 * pkg/lint/support/message.go), with helm's messages, ordering, stdout/stderr split, summary
 * line and exit status; plus htmpl's additions run after helm's rules: `--validate`
 * (validate.c) and `--rules recommended` (lint_rules.c), and the JSON and GitHub outputs.
 *
 * Facts checked against helm3 (tests/golden/lint/lint.case): the v3 rule order puts the icon
 * INFO before the type/dependency errors; a chart that fails to load is reported twice
 * (`templates/: ERR` and `: unable to load chart\n\tERR`); the first YAML error in a template
 * stops every later template check of that chart; `.yml` files are never content-checked;
 * deprecations come from client-go v0.32's prerelease-lifecycle tables (collected by linting
 * every apiVersion/kind pair with helm3); `.tgz`/`.tar.gz` paths are expanded into a temporary
 * directory first, as pkg/action/lint.go does; a bad --kube-version or -f/--set input is the
 * command's error before any chart is linted; Chart.yaml URLs and e-mails are checked with
 * govalidator's exact rules (tests/golden/lint/helm-rules.case pins all of these).
 * Split by idea: the .tgz expansion is lint_archive.c, the deprecated-API table
 * lint_deprecations.c, the URL/e-mail checks govalidator.c and the printing lint_print.c. */
#include "helm/funcmap.h"
#include "data/json.h"
#include "lint/lint.h"
#include "helm/values_report.h"
#include "lint/lint_archive.h"
#include "lint/lint_deprecations.h"
#include "lint/lint_print.h"
#include "lint/lint_chartfile4.h"
#include "lint/lint_rules.h"

#include "helm/deps.h"
#include "helm/render.h"
#include "helm/objects.h"
#include "core/semver.h"
#include "lint/validate.h"
#include "data/yaml.h"
#include "value/fmt.h"
#include "helm/govalidator.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- messages */

static bool addf(hlint *L, hlint_chart *c, int sev, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static bool addf(hlint *L, hlint_chart *c, int sev, const char *path, const char *fmt, ...)
{
	char small[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return false;
	if ((size_t)n < sizeof small)
		return hlint_add(L, c, sev, path, small);
	char *big = harena_alloc(L->a, (size_t)n + 1);
	if (!big)
		return false;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return hlint_add(L, c, sev, path, big);
}


static const char *quoted(hlint *L, const char *s)
{
	hbuf b = HBUF_INIT;
	hlint_quote(&b, s, strlen(s));
	const char *r = hbuf_ok(&b) ? harena_strdup(L->a, hbuf_cstr(&b)) : NULL;
	hbuf_free(&b);
	return r ? r : "\"\"";
}

/* ---------------------------------------------------------------- k8s name validation */

static bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? (first_alpha: [a-z] first, DNS-1035) */
static bool is_label(const char *s, size_t n, bool first_alpha)
{
	if (!n || !lower_alnum(s[0]) || !lower_alnum(s[n - 1]))
		return false;
	if (first_alpha && !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!lower_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool is_subdomain(const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return false;
	const char *p = s;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if (!is_label(p, len, false))
			return false;
		if (!dot)
			return true;
		p = dot + 1;
	}
}

static const char subdomain_msg[] =
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
	"'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
	"for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
static const char label1035_msg[] =
	"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
	"alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
	"'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
static const char label1123_msg[] =
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
	"must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
	"used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/* The validation.ValidateNameFunc helm picks per kind (rules/template.go
 * validateMetadataNameFunc); fills msgs (at most 3) and returns their count. */
static int name_errors(const char *kind, const char *name, const char *msgs[3])
{
	int n = 0;
	size_t len = strlen(name);
	if (!strcasecmp(kind, "certificatesigningrequest"))
		return 0;
	if (!strcasecmp(kind, "role") || !strcasecmp(kind, "clusterrole") ||
	    !strcasecmp(kind, "rolebinding") || !strcasecmp(kind, "clusterrolebinding")) {
		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			msgs[n++] = !strcmp(name, ".") ? "may not be '.'" : "may not be '..'";
			return n;
		}
		if (strchr(name, '/'))
			msgs[n++] = "may not contain '/'";
		if (strchr(name, '%'))
			msgs[n++] = "may not contain '%'";
		return n;
	}
	if (!strcasecmp(kind, "service")) {
		if (len > 63)
			msgs[n++] = "must be no more than 63 characters";
		if (!is_label(name, len, true))
			msgs[n++] = label1035_msg;
		return n;
	}
	if (!strcasecmp(kind, "namespace")) {
		if (len > 63)
			msgs[n++] = "must be no more than 63 characters";
		if (!is_label(name, len, false))
			msgs[n++] = is_subdomain(name) ? "must not contain dots" : label1123_msg;
		return n;
	}
	if (len > 253)
		msgs[n++] = "must be no more than 253 characters";
	if (!is_subdomain(name))
		msgs[n++] = subdomain_msg;
	return n;
}

static bool check_name(hlint *L, hlint_chart *c, const char *path, const char *kind,
                       const char *name)
{
	const char *msgs[3];
	int n = name_errors(kind, name, msgs);
	if (!n)
		return true;
	const char *q = quoted(L, name);
	hbuf b = HBUF_INIT;
	hbuf_printf(&b, "object name does not conform to Kubernetes naming requirements: %s: ", q);
	if (n > 1)
		hbuf_putc(&b, '[');
	for (int i = 0; i < n; i++)
		hbuf_printf(&b, "%smetadata.name: Invalid value: %s: %s", i ? ", " : "", q, msgs[i]);
	if (n > 1)
		hbuf_putc(&b, ']');
	bool ok = hbuf_ok(&b) && hlint_add(L, c, HLINT_WARNING, path, hbuf_cstr(&b));
	hbuf_free(&b);
	return ok;
}

/* ---------------------------------------------------------------- deprecations */


/* Major/minor of --kube-version (default v1.32.0, helm3's client-go 0.32 + 1). */
static void kube_minor(hlint *L, int *major, int *minor)
{
	*major = 1, *minor = 32;
	const char *kv = L->o->render->kube_version;
	hkubever k4;
	if (htmpl_env_get_helm_version(L->env) == 4) { /* default v1.35.0 */
		if (hkubever4_parse(L->a, kv, &k4, NULL))
			*major = atoi(k4.major), *minor = atoi(k4.minor);
		return;
	}
	if (!kv)
		return;
	hsemver v;
	if (hsemver_parse(kv, strlen(kv), &v))
		*major = (int)v.major, *minor = (int)v.minor;
}

static bool check_deprecation(hlint *L, hlint_chart *c, const char *path, const char *av,
                              const char *kind)
{
	if (!*av || !*kind)
		return true;
	const hlint_depr *d = hlint_find_deprecation(htmpl_env_get_helm_version(L->env), av, kind);
	int major, minor;
	kube_minor(L, &major, &minor);
	if (!d || major < d->major || (major == d->major && minor < d->minor))
		return true;
	return addf(L, c, HLINT_WARNING, path, "%s %s is deprecated in v%d.%d+%s", av, kind, d->major,
	            d->minor, d->tail);
}


/* ---------------------------------------------------------------- Chart.yaml */

static char *read_all(harena *a, const char *path, size_t *len, int *eno)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*eno = errno;
		return NULL;
	}
	hbuf b = HBUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		hbuf_put(&b, chunk, n);
	fclose(f);
	size_t off = b.len >= 3 && !memcmp(b.data, "\xEF\xBB\xBF", 3) ? 3 : 0; /* BOM */
	char *out = hbuf_ok(&b) ? harena_strndup(a, b.data ? b.data + off : "", b.len - off) : NULL;
	*len = b.len - off;
	*eno = out ? 0 : ENOMEM;
	hbuf_free(&b);
	return out;
}

static size_t md_len(const hv *md, const char *key)
{
	hv *v = hv_is_map(md) ? hmap_gets(md->m, key) : NULL;
	return v && hv_is_list(v) ? v->l->len : 0;
}

static bool rule_type_of(hlint *L, hlint_chart *c, const hv *md, const char *key)
{
	hv *v = hmap_gets(md->m, key);
	if (!v || v->type == HT_STRING)
		return true;
	return addf(L, c, HLINT_ERROR, "Chart.yaml", "%s should be of type string but it's of type %s",
	            key, hv_type_name(v));
}

static bool rule_version(hlint *L, hlint_chart *c, const char *version)
{
	hsemver v;
	if (!*version)
		return hlint_add(L, c, HLINT_ERROR, "Chart.yaml", "version is required");
	if (!hsemver_parse(version, strlen(version), &v))
		return addf(L, c, HLINT_ERROR, "Chart.yaml", "version '%s' is not a valid SemVer", version);
	/* the constraint `>0.0.0-0`: its prerelease lets prerelease versions through, so only
	 * 0.0.0-0 itself (and builds of it) fail, with Masterminds' constraint message */
	hsemver zero;
	if (!hsemver_parse("0.0.0-0", 7, &zero) || hsemver_compare(&v, &zero) > 0)
		return true;
	hbuf b = HBUF_INIT;
	hsemver_format(&b, &v);
	bool ok = hbuf_ok(&b) && addf(L, c, HLINT_ERROR, "Chart.yaml",
	                              "version %s is less than or equal to 0.0.0-0", hbuf_cstr(&b));
	hbuf_free(&b);
	return ok;
}

/* filepath.Base(name) == name: only a name with a '/' (other than "/" itself) is invalid. */
static bool chart_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (!strchr(name, '/'))
		return true;
	return n == 1;
}

static bool rule_maintainers(hlint *L, hlint_chart *c, const hv *md)
{
	hv *ms = hmap_gets(md->m, "maintainers");
	for (size_t i = 0; ms && hv_is_list(ms) && i < ms->l->len; i++) {
		const hv *m = &ms->l->v[i];
		const char *name = hlint_md_str(L, m, "name"), *email = hlint_md_str(L, m, "email"),
		           *url = hlint_md_str(L, m, "url");
		if (!*name)
			return hlint_add(L, c, HLINT_ERROR, "Chart.yaml", "each maintainer requires a name");
		if (*email && !hgovalidator_is_email(L->a, email))
			return addf(L, c, HLINT_ERROR, "Chart.yaml", "invalid email '%s' for maintainer '%s'",
			            email, name);
		if (*url && !hgovalidator_is_url(L->a, url))
			return addf(L, c, HLINT_ERROR, "Chart.yaml", "invalid url '%s' for maintainer '%s'", url,
			            name);
	}
	return true;
}

static bool rule_sources(hlint *L, hlint_chart *c, const hv *md)
{
	hv *ss = hmap_gets(md->m, "sources");
	for (size_t i = 0; ss && hv_is_list(ss) && i < ss->l->len; i++) {
		const hv *s = &ss->l->v[i];
		const char *src = s->type == HT_STRING ? s->s->data : "";
		if (!*src || !hgovalidator_is_request_url(src))
			return addf(L, c, HLINT_ERROR, "Chart.yaml", "invalid source URL '%s'", src);
	}
	return true;
}

static const char *abs_dir(hlint *L, const char *dir);

/* rules/chartfile.go Chartfile, v3 order. load_err is the chart loader's error, which carries
 * Chart.yaml's decoding errors (`cannot load Chart.yaml: ...`). */
static bool lint_chartfile(hlint *L, hlint_chart *c, const char *dir, const herr *load_err)
{
	const char *file = hlint_join_path(L, dir, "Chart.yaml");
	struct stat st;
	if (!stat(file, &st) && S_ISDIR(st.st_mode)) /* then LoadChartfile's read fails too */
		return hlint_add(L, c, HLINT_ERROR, "Chart.yaml", "should be a file, not a directory") &&
		       addf(L, c, HLINT_ERROR, "Chart.yaml",
		            "unable to parse YAML\n\tread %s/Chart.yaml: is a directory", abs_dir(L, dir));
	size_t len = 0;
	int eno;
	char *text = read_all(L->a, file, &len, &eno);
	hv md = hv_nil();
	herr e = HTMPL_ERROR_INIT;
	const char *lm = herr_isset(load_err) ? htmpl_error_message(load_err) : "";
	const char *pre = "cannot load Chart.yaml: ";
	if (!text || !hyaml_load(L->a, text, len, &md, &e) || !strncmp(lm, pre, strlen(pre))) {
		const char *why = e.code ? htmpl_error_message(&e) : lm + strlen(pre);
		bool ok = addf(L, c, HLINT_ERROR, "Chart.yaml", "unable to parse YAML\n\t%s", why);
		htmpl_error_clear(&e);
		return ok;
	}
	if (hv_is_nil(&md)) /* an empty file is an empty chart.Metadata */
		md = hv_of_map(HT_MAP, hmap_new(L->a, 0));
	if (!hv_is_map(&md) || !md.m)
		return hv_is_map(&md) ? false : true;
	const char *name = hlint_md_str(L, &md, "name"), *av = hlint_md_str(L, &md, "apiVersion");
	bool ok = true, helm4 = htmpl_env_get_helm_version(L->env) == 4;
	/* StrictLoadChartfile: goyaml.v2's strict step (repeated keys) fails before the JSON
	 * decode's unknown fields (lint/h-chartfile-dup-key) */
	hv strict;
	herr se = HTMPL_ERROR_INIT;
	const char *unknown = NULL;
	if (helm4 && !hyaml_load_strict(L->a, text, len, HYAML_DEFAULT_MAX_NODES, &strict, &se)) {
		if (se.code == HTMPL_ERR_NOMEM) {
			htmpl_error_clear(&se);
			return false;
		}
		ok = addf(L, c, HLINT_WARNING, "Chart.yaml", "failed to strictly parse chart metadata "
		          "file\n\t%s", htmpl_error_message(&se));
		htmpl_error_clear(&se);
	} else if (helm4) {
		unknown = hlint_chart_unknown_field(&md);
	}
	if (unknown) {
		hbuf q = HBUF_INIT;
		hlint_quote(&q, unknown, strlen(unknown));
		ok = hbuf_ok(&q) && addf(L, c, HLINT_WARNING, "Chart.yaml",
		                         "failed to strictly parse chart metadata file\n\terror "
		                         "unmarshaling JSON: while decoding JSON: json: unknown field %s",
		                         hbuf_cstr(&q));
		hbuf_free(&q);
	}
	if (!*name)
		ok = ok && hlint_add(L, c, HLINT_ERROR, "Chart.yaml", "name is required");
	else if (!chart_name_ok(name))
		ok = ok && addf(L, c, HLINT_ERROR, "Chart.yaml", "chart name \"%s\" is invalid", name);
	if (!*av)
		ok = ok && hlint_add(L, c, HLINT_ERROR, "Chart.yaml",
		                     "apiVersion is required. The value must be either \"v1\" or \"v2\"");
	else if (strcmp(av, "v1") && strcmp(av, "v2"))
		ok = ok && addf(L, c, HLINT_ERROR, "Chart.yaml",
		                "apiVersion '%s' is not valid. The value must be either \"v1\" or \"v2\"", av);
	ok = ok && rule_type_of(L, c, &md, "version") && rule_version(L, c, hlint_md_str(L, &md, "version")) &&
	     rule_type_of(L, c, &md, "appVersion") && rule_maintainers(L, c, &md) &&
	     rule_sources(L, c, &md);
	const char *icon = hlint_md_str(L, &md, "icon");
	if (!*icon)
		ok = ok && hlint_add(L, c, HLINT_INFO, "Chart.yaml", "icon is recommended");
	else if (!hgovalidator_is_request_url(icon))
		ok = ok && addf(L, c, HLINT_ERROR, "Chart.yaml", "invalid icon URL '%s'", icon);
	if (*hlint_md_str(L, &md, "type") && strcmp(av, "v2"))
		ok = ok && addf(L, c, HLINT_ERROR, "Chart.yaml",
		                "chart type is not valid in apiVersion '%s'. It is valid in apiVersion 'v2'", av);
	if (md_len(&md, "dependencies") && strcmp(av, "v2"))
		ok = ok && addf(L, c, HLINT_ERROR, "Chart.yaml",
		                "dependencies are not valid in the Chart file with apiVersion '%s'. They are "
		                "valid in apiVersion 'v2'", av);
	const char *ver = hlint_md_str(L, &md, "version");
	if (helm4 && !hlint_semver_strict(ver))
		ok = ok && addf(L, c, HLINT_WARNING, "Chart.yaml", "version '%s' is not a valid SemVerV2",
		                ver);
	return ok;
}

/* ---------------------------------------------------------------- values.yaml */

/* The root chart's lines of a `values don't meet the specifications` error: what
 * ValidateAgainstSingleSchema reports for values.yaml plus the overrides. */
static const char *root_schema_lines(hlint *L, const char *msg, const char *name)
{
	const char *p = strstr(msg, "following chart(s):\n");
	if (!p)
		return NULL;
	p += strlen("following chart(s):\n");
	size_t nl = strlen(name);
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n == nl + 1 && !strncmp(p, name, nl) && p[nl] == ':') {
			/* the chart's lines: `- field: msg` items, or a schema's own load error
			 * (`unexpected EOF`), up to the blank line that ends the block */
			const char *start = eol ? eol + 1 : p + n, *q = start;
			while (*q && *q != '\n') {
				const char *e = strchr(q, '\n');
				q = e ? e + 1 : q + strlen(q);
			}
			return harena_strndup(L->a, start, (size_t)(q - start));
		}
		p += n + (eol ? 1 : 0);
	}
	return NULL;
}


/* rules/values.go ValuesWithOverrides. */
static bool lint_values(hlint *L, hlint_chart *c, const char *dir, const char *chart_name,
                        const herr *prep_err)
{
	size_t len;
	int eno;
	const char *file = hlint_join_path(L, dir, "values.yaml");
	struct stat st;
	if (stat(file, &st))
		return hlint_add(L, c, HLINT_INFO, "values.yaml", "file does not exist");
	char *text = read_all(L->a, file, &len, &eno);
	hv v;
	herr e = HTMPL_ERROR_INIT;
	if (text && !hyaml_load(L->a, text, len, &v, &e)) {
		bool ok = addf(L, c, HLINT_ERROR, "values.yaml", "unable to parse YAML: %s",
		               htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return ok;
	}
	if (text && !hv_is_nil(&v) && !hv_is_map(&v)) /* ReadValuesFile into chartutil.Values */
		return addf(L, c, HLINT_ERROR, "values.yaml",
		            "unable to parse YAML: error unmarshaling JSON: while decoding JSON: json: "
		            "cannot unmarshal %s into Go value of type %s", hjson_kind(&v),
		            htmpl_env_get_helm_version(L->env) == 4 ? "common.Values" : "chartutil.Values");
	if (text && hv_is_map(&v)) {
		hbuf w = HBUF_INIT;
		herr te = HTMPL_ERROR_INIT;
		hopts o = *L->o->render;
		o.env = L->env;
		bool ok = hvalues_lint_tables(&o, L->a, v.m, &w, &te) || te.code != HTMPL_ERR_NOMEM;
		if (ok && L->err && w.len)
			hbuf_put(L->err, w.data, w.len);
		ok = ok && hbuf_ok(&w);
		hbuf_free(&w);
		htmpl_error_clear(&te);
		if (!ok)
			return false;
	}
	/* validateValuesFile reads values.schema.json itself: an empty one checks nothing
	 * (lint/values-schema-empty), whatever the templates rule makes of it */
	struct stat ss;
	if (stat(hlint_join_path(L, dir, "values.schema.json"), &ss) || !ss.st_size)
		return true;
	if (herr_isset(prep_err) && prep_err->code == HTMPL_ERR_SCHEMA && chart_name) {
		const char *lines = root_schema_lines(L, htmpl_error_message(prep_err), chart_name);
		if (lines && *lines)
			return hlint_add(L, c, HLINT_ERROR, "values.yaml", lines);
	}
	return true;
}

/* ---------------------------------------------------------------- templates */

static const char *ext_of(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	return dot ? dot : "";
}

/* `"?helm\.sh/hook"?:\s+crd-install` */
static bool has_crd_hook(const char *s, size_t n)
{
	static const char key[] = "helm.sh/hook";
	for (const char *p = s; (p = memmem(p, n - (size_t)(p - s), key, sizeof key - 1)); p++) {
		const char *q = p + sizeof key - 1, *end = s + n;
		if (q < end && *q == '"')
			q++;
		if (q >= end || *q != ':')
			continue;
		q++;
		const char *ws = q;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f'))
			q++;
		if (q > ws && (size_t)(end - q) >= 11 && !memcmp(q, "crd-install", 11))
			return true;
	}
	return false;
}

/* validateTopIndentLevel: the first non-blank line must not start with a space or tab. */
static bool check_indent(hlint *L, hlint_chart *c, const char *path, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const char *eol = memchr(s + i, '\n', n - i);
		size_t len = eol ? (size_t)(eol - (s + i)) : n - i;
		const char *line = s + i;
		size_t ll = len;
		if (ll && line[ll - 1] == '\r')
			ll--;
		const char *t = line;
		size_t tl = ll;
		hrender_trim(&t, &tl);
		if (tl) {
			if (line[0] != ' ' && line[0] != '\t')
				return true;
			hbuf b = HBUF_INIT;
			hbuf_puts(&b, "document starts with an illegal indent: ");
			hlint_quote(&b, line, ll);
			hbuf_puts(&b, ", which may cause parsing problems");
			bool ok = hbuf_ok(&b) && hlint_add(L, c, HLINT_WARNING, path, hbuf_cstr(&b));
			hbuf_free(&b);
			return ok;
		}
		i += len + 1;
	}
	return true;
}

/* encoding/json matches struct fields case-insensitively (exact match preferred). */
static const hv *field_ci(const hv *m, const char *key)
{
	if (!hv_is_map(m))
		return NULL;
	hv *v = hmap_gets(m->m, key);
	if (v)
		return v;
	size_t n = hmap_len(m->m);
	hmap_entry **es = n ? hmap_sorted(m->m) : NULL;
	for (size_t i = 0; es && i < n; i++)
		if (!strcasecmp(es[i]->key->data, key))
			return &es[i]->val;
	return NULL;
}

/* A scalar as sigs.k8s.io/yaml hands it to a string field. */
static const char *scalar_text(hlint *L, const hv *v)
{
	if (v->type == HT_STRING)
		return v->s->data;
	if (hv_is_nil(v))
		return "";
	if (v->type == HT_BOOL)
		return v->b ? "true" : "false";
	hbuf b = HBUF_INIT;
	hfmt_value(&b, v);
	const char *s = hbuf_ok(&b) ? harena_strdup(L->a, hbuf_cstr(&b)) : NULL;
	hbuf_free(&b);
	return s ? s : "";
}

typedef struct kstruct {
	const char *api_version, *kind, *name;
} kstruct;

/* yaml.Unmarshal into *K8sYamlStruct: a string field takes a scalar's text; other types fail
 * with encoding/json's message. NULL when fine, else the error text. */
static const char *decode_kstruct(hlint *L, const hv *doc, kstruct *k)
{
	static const char *const fields[] = {"apiVersion", "Kind"};
	/* helm 4 renamed the struct k8sYamlStruct (lint/templates-bad-separator-and-scalar) */
	const char *sn = htmpl_env_get_helm_version(L->env) == 4 ? "k8sYamlStruct" : "K8sYamlStruct";
	k->api_version = k->kind = k->name = "";
	if (!hv_is_map(doc)) {
		char t[200];
		snprintf(t, sizeof t, "error unmarshaling JSON: while decoding JSON: json: cannot "
		         "unmarshal %s into Go value of type rules.%s", doc->type == HT_STRING ? "string"
		         : hv_is_list(doc) ? "array" : doc->type == HT_BOOL ? "bool" : "number", sn);
		return harena_strdup(L->a, t);
	}
	const char **dst[] = {&k->api_version, &k->kind};
	for (int i = 0; i < 2; i++) {
		const hv *v = field_ci(doc, fields[i]);
		if (!v || hv_is_nil(v))
			continue;
		if (hv_is_map(v) || hv_is_list(v)) {
			char t[200];
			snprintf(t, sizeof t, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s.%s of type string",
			         hjson_kind(v), sn, i ? "Kind" : "apiVersion");
			return harena_strdup(L->a, t);
		}
		*dst[i] = scalar_text(L, v);
	}
	const hv *md = field_ci(doc, "Metadata");
	if (md && !hv_is_nil(md)) {
		if (!hv_is_map(md)) {
			char t[200];
			snprintf(t, sizeof t, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s.Metadata of type rules.k8sYamlMetadata",
			         hjson_kind(md), sn);
			return harena_strdup(L->a, t);
		}
		const hv *nm = field_ci(md, "Name");
		if (nm && !hv_is_map(nm) && !hv_is_list(nm))
			k->name = scalar_text(L, nm);
	}
	return NULL;
}

/* validateListAnnotations: items[].metadata.annotations["helm.sh/resource-policy"], decoded
 * into helm's anonymous struct; a shape that does not fit is encoding/json's type error
 * (*bad, reported as `unable to parse YAML: ...`). */
static bool list_has_policy(hlint *L, const hv *doc, const char **bad)
{
	static const char items_t[] = "[]struct { Metadata struct { Annotations map[string]string } }";
	const char *field = NULL, *type = NULL;
	const hv *wrong = NULL, *items = field_ci(doc, "Items");
	bool found = false;
	*bad = NULL;
	if (items && !hv_is_nil(items) && !hv_is_list(items))
		wrong = items, field = ".Items", type = items_t;
	for (size_t i = 0; !wrong && items && hv_is_list(items) && i < items->l->len; i++) {
		const hv *it = &items->l->v[i];
		const hv *md = hv_is_map(it) ? field_ci(it, "Metadata") : NULL;
		const hv *an = md && hv_is_map(md) ? field_ci(md, "Annotations") : NULL;
		if (!hv_is_nil(it) && !hv_is_map(it))
			wrong = it, field = ".Items", type = items_t + 2;
		else if (md && !hv_is_nil(md) && !hv_is_map(md))
			wrong = md, field = ".Items.Metadata", type = "struct { Annotations map[string]string }";
		else if (an && !hv_is_nil(an) && !hv_is_map(an))
			wrong = an, field = ".Items.Metadata.Annotations", type = "map[string]string";
		size_t n = an && hv_is_map(an) ? hmap_len(an->m) : 0;
		hmap_entry **es = n && !wrong ? hmap_sorted(an->m) : NULL;
		for (size_t k = 0; es && k < n && !wrong; k++)
			if (hv_is_map(&es[k]->val) || hv_is_list(&es[k]->val))
				wrong = &es[k]->val, field = ".Items.Metadata.Annotations", type = "string";
		found = found || (!wrong && an && hv_is_map(an) && hmap_gets(an->m, "helm.sh/resource-policy"));
	}
	if (wrong) {
		char t[400];
		snprintf(t, sizeof t, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s of type %s",
		         hjson_kind(wrong), field, type);
		*bad = harena_strdup(L->a, t);
		return false;
	}
	return found;
}

static bool check_object(hlint *L, hlint_chart *c, const char *path, const kstruct *k,
                         const hv *doc, const char *content)
{
	if (!check_name(L, c, path, k->kind, k->name) ||
	    !check_deprecation(L, c, path, k->api_version, k->kind))
		return false;
	if (!strcmp(k->kind, "Deployment") || !strcmp(k->kind, "ReplicaSet") ||
	    !strcmp(k->kind, "DaemonSet") || !strcmp(k->kind, "StatefulSet")) {
		if (!strstr(content, "matchLabels") && !strstr(content, "matchExpressions") &&
		    !addf(L, c, HLINT_ERROR, path,
		          "a %s must contain matchLabels or matchExpressions, and %s does not", k->kind,
		          quoted(L, k->name)))
			return false;
	}
	const char *bad = NULL;
	if (!strcmp(k->kind, "List") && list_has_policy(L, doc, &bad))
		return hlint_add(L, c, HLINT_ERROR, path,
		                 htmpl_env_get_helm_version(L->env) == 4
		                     ? "annotation 'helm.sh/resource-policy' within List objects are ignored"
		                     : "Annotation 'helm.sh/resource-policy' within List objects are ignored");
	if (bad)
		return addf(L, c, HLINT_ERROR, path, "unable to parse YAML: %s", bad);
	return true;
}

/* One document of k8s.io/apimachinery's YAMLReader; returns false with *stop on a YAML error
 * (helm then stops checking the chart's templates). */
static bool check_doc(hlint *L, hlint_chart *c, const char *path, const char *s, size_t n,
                      const char *content, bool *stop)
{
	hv doc;
	herr e = HTMPL_ERROR_INIT;
	if (!hyaml_load(L->a, s, n, &doc, &e)) {
		if (e.code == HTMPL_ERR_NOMEM)
			return herr_nomem(&e), false;
		*stop = true;
		bool ok = addf(L, c, HLINT_ERROR, path, "unable to parse YAML: %s", htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return ok;
	}
	if (hv_is_nil(&doc))
		return true;
	kstruct k;
	const char *bad = decode_kstruct(L, &doc, &k);
	if (bad) {
		*stop = true;
		return addf(L, c, HLINT_ERROR, path, "unable to parse YAML: %s", bad);
	}
	return check_object(L, c, path, &k, &doc, content);
}

/* The content checks of one rendered .yaml template. */
static bool check_rendered(hlint *L, hlint_chart *c, const char *path, const char *s, size_t n,
                           bool *stop)
{
	const char *t = s;
	size_t tn = n;
	hrender_trim(&t, &tn);
	if (!tn)
		return true;
	if (!check_indent(L, c, path, s, n))
		return false;
	char *content = harena_strndup(L->a, s, n);
	if (!content)
		return false;
	size_t i = 0, start = 0;
	while (i <= n && !*stop) {
		const char *eol = i < n ? memchr(s + i, '\n', n - i) : NULL;
		size_t len = eol ? (size_t)(eol - (s + i)) : n - i;
		bool at_end = i >= n;
		bool sep = !at_end && len >= 3 && !memcmp(s + i, "---", 3);
		if (sep) {
			const char *rest = s + i + 3;
			size_t rl = len - 3;
			hrender_trim(&rest, &rl);
			if (rl && rest[0] != '#') {
				*stop = true;
				return addf(L, c, HLINT_ERROR, path,
				            "unable to parse YAML: invalid Yaml document separator: %.*s", (int)rl, rest);
			}
		}
		if ((sep || at_end) && i > start) {
			if (!check_doc(L, c, path, s + start, i - start, content, stop))
				return false;
		}
		if (sep)
			start = i + len + 1;
		if (at_end)
			break;
		i += len + 1;
		if (i > n)
			i = n;
	}
	return true;
}

/* Render-time stderr lines: helm's log has only the short file prefix. */
static void copy_engine_log(hlint *L, const hbuf *w)
{
	if (!L->err || !w->len)
		return;
	const char *p = w->data, *end = w->data + w->len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		const char *req = memmem(p, n, "[INFO] Missing required value: ", 31);
		const char *fail = memmem(p, n, "[INFO] Fail: ", 13);
		if (req && (!fail || req < fail)) {
			hbuf_puts(L->err, "engine.go:206: ");
			hbuf_put(L->err, req, n - (size_t)(req - p));
		} else if (fail) {
			hbuf_puts(L->err, "engine.go:227: ");
			hbuf_put(L->err, fail, n - (size_t)(fail - p));
		} else {
			hbuf_put(L->err, p, n);
		}
		hbuf_putc(L->err, '\n');
		p += n + 1;
	}
}

/* What the templates rule renders (kept for --validate and --rules). */
typedef struct rendered {
	const hrchart *root;
	hrendered *files;
	size_t n;
} rendered;

static const hrendered *find_rendered(const rendered *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->files[i].name, name))
			return &r->files[i];
	return NULL;
}

/* rules/template.go Templates (v3.17.3; v4.1.4 templateLinter.Lint: a missing templates/ is a
 * warning that ends the rule, lint/templates-missing-dir, and a file there is an error). */
static bool lint_templates(hlint *L, hlint_chart *c, const char *dir, const hchart *ch,
                           const herr *load_err, hrchart *root, const herr *prep_err,
                           const hbuf *prep_warn, rendered *out)
{
	struct stat st;
	const char *tdir = hlint_join_path(L, dir, "templates");
	bool helm4 = htmpl_env_get_helm_version(L->env) == 4;
	if (helm4 && stat(tdir, &st) && errno == ENOENT)
		return hlint_add(L, c, HLINT_WARNING, "templates/", "directory does not exist");
	if (!stat(tdir, &st) && !S_ISDIR(st.st_mode))
		return hlint_add(L, c, helm4 ? HLINT_ERROR : HLINT_WARNING, "templates/",
		                 "not a directory");
	if (!ch)
		return hlint_add(L, c, HLINT_ERROR, "templates/", htmpl_error_message(load_err));
	/* the rule's own loader.Load, dependency processing and coalescing logged these */
	if (L->err && ch->load_log)
		hbuf_puts(L->err, ch->load_log);
	if (L->err && prep_warn->len)
		hbuf_put(L->err, prep_warn->data, prep_warn->len);
	if (!root) {
		if (prep_err->code == HTMPL_ERR_SCHEMA)
			return hlint_add(L, c, HLINT_ERROR, "templates/", htmpl_error_message(prep_err));
		return prep_err->code != HTMPL_ERR_NOMEM;
	}
	hopts o = *L->o->render;
	o.release = "test-release";
	o.flags |= HTMPL_RENDER_LINT_MODE;
	o.env = L->env;
	hbuf warn = HBUF_INIT;
	hrender r = {.env = L->env, .opts = &o, .arena = L->a, .warnings = &warn, .lint_mode = 1};
	herr e = HTMPL_ERROR_INIT;
	if (L->report && !(r.track = htrack_new())) {
		hbuf_free(&warn);
		return false;
	}
	bool ok = hrender_templates(&r, root, &out->files, &out->n, &e);
	if (ok && L->report && !hvalues_report_build(L->report, L->env, &o, root, r.track, L->o->reports, &e)) {
		htrack_free(r.track);
		hbuf_free(&warn);
		htmpl_error_clear(&e);
		return false;
	}
	htrack_free(r.track);
	copy_engine_log(L, &warn);
	hbuf_free(&warn);
	if (!ok) {
		out->n = 0;
		ok = e.code != HTMPL_ERR_NOMEM && hlint_add(L, c, HLINT_ERROR, "templates/", htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return ok;
	}
	out->root = root;
	bool stop = false;
	for (size_t i = 0; i < ch->ntemplates && !stop; i++) {
		const hfile *f = &ch->templates[i];
		const char *ext = ext_of(f->name);
		if (strcmp(ext, ".yaml") && strcmp(ext, ".yml") && strcmp(ext, ".tpl") && strcmp(ext, ".txt") &&
		    !addf(L, c, HLINT_ERROR, f->name, "file extension '%s' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt", ext))
			return false;
		/* helm 4 dropped the two helm 2 migration checks and content-checks .yml too
		 * (lint/templates-crd-hook, lint/templates-release-time, lint/templates-yml-skipped) */
		if (!helm4 && has_crd_hook(f->data ? f->data : "", f->len) &&
		    !hlint_add(L, c, HLINT_WARNING, f->name, "manifest is a crd-install hook. This hook is no longer supported in v3 and all CRDs should also exist the crds/ directory at the top level of the chart"))
			return false;
		if (!helm4 && f->data && memmem(f->data, f->len, ".Release.Time", 13) &&
		    !hlint_add(L, c, HLINT_ERROR, f->name, ".Release.Time has been removed in v3, please replace with the `now` function in your templates"))
			return false;
		if (strcmp(ext, ".yaml") && (!helm4 || strcmp(ext, ".yml")))
			continue;
		const hrendered *rf = find_rendered(out, hlint_join_path(L, root->path, f->name));
		if (rf && !check_rendered(L, c, f->name, rf->text, rf->len, &stop))
			return false;
	}
	return true;
}

/* filepath.Abs + Clean of the chart directory (the dependency rule's path). */
static const char *abs_dir(hlint *L, const char *dir)
{
	char cwd[4096];
	hbuf b = HBUF_INIT;
	if (dir[0] != '/' && getcwd(cwd, sizeof cwd)) {
		hbuf_puts(&b, cwd);
		hbuf_putc(&b, '/');
	}
	hbuf_puts(&b, dir);
	/* Clean: drop "." segments, resolve "..", collapse slashes, no trailing slash. */
	char *s = (char *)hbuf_cstr(&b);
	const char *segs[512];
	size_t lens[512], ns = 0;
	for (char *p = s; *p;) {
		while (*p == '/')
			p++;
		char *q = p;
		while (*q && *q != '/')
			q++;
		size_t n = (size_t)(q - p);
		if (n == 1 && p[0] == '.') {
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (ns)
				ns--;
		} else if (n && ns < 512) {
			segs[ns] = p, lens[ns++] = n;
		}
		p = q;
	}
	hbuf out = HBUF_INIT;
	for (size_t i = 0; i < ns; i++) {
		hbuf_putc(&out, '/');
		hbuf_put(&out, segs[i], lens[i]);
	}
	if (!ns)
		hbuf_putc(&out, '/');
	const char *r = hbuf_ok(&out) ? harena_strdup(L->a, hbuf_cstr(&out)) : NULL;
	hbuf_free(&b);
	hbuf_free(&out);
	return r ? r : dir;
}

static bool name_in(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* rules/dependencies.go Dependencies. */
static bool lint_dependencies(hlint *L, hlint_chart *c, const char *dir, const hchart *ch,
                              const herr *load_err)
{
	if (!ch)
		return addf(L, c, HLINT_ERROR, "", "unable to load chart\n\t%s", htmpl_error_message(load_err));
	if (L->err && ch->load_log) /* its loader.LoadDir logs again */
		hbuf_puts(L->err, ch->load_log);
	const char *path = abs_dir(L, dir);
	const hv *deps = &ch->dependencies;
	size_t nd = hv_is_list(deps) ? deps->l->len : 0;
	const char **dnames = harena_alloc(L->a, (nd + 1) * sizeof *dnames);
	const char **snames = harena_alloc(L->a, (ch->nsubcharts + 1) * sizeof *snames);
	if (!dnames || !snames)
		return false;
	for (size_t i = 0; i < nd; i++)
		dnames[i] = hv_is_map(&deps->l->v[i]) ? hdeps_str(deps->l->v[i].m, "name") : "";
	for (size_t i = 0; i < ch->nsubcharts; i++)
		snames[i] = ch->subcharts[i]->name ? ch->subcharts[i]->name : "";
	/* counted, not measured: a dependency without a name still makes the list (of "") */
	hbuf miss = HBUF_INIT;
	size_t nmiss = 0;
	for (size_t i = 0; i < ch->nsubcharts; i++)
		if (!name_in(snames[i], dnames, nd))
			hbuf_printf(&miss, "%s%s", nmiss++ ? "," : "", snames[i]);
	bool ok = !nmiss || addf(L, c, HLINT_ERROR, path, "chart metadata is missing these dependencies: %s", hbuf_cstr(&miss));
	hbuf_reset(&miss);
	nmiss = 0;
	for (size_t i = 0; ok && i < nd; i++)
		if (!name_in(dnames[i], snames, ch->nsubcharts))
			hbuf_printf(&miss, "%s%s", nmiss++ ? "," : "", dnames[i]);
	ok = ok && (!nmiss || addf(L, c, HLINT_WARNING, path, "chart directory is missing these dependencies: %s", hbuf_cstr(&miss)));
	hbuf_free(&miss);
	return ok;
}

/* ---------------------------------------------------------------- --validate, --rules */

typedef struct docs_ctx {
	hlint *L;
	const char *source; /* chart-relative: templates/x.yaml */
	const char *text;   /* the rendered file */
	hlint_doc *v;
	size_t n, cap;
	bool oom;
} docs_ctx;

static bool collect_doc(void *ud, const char *s, size_t len)
{
	docs_ctx *d = ud;
	hv doc;
	herr e = HTMPL_ERROR_INIT;
	if (!hyaml_load(d->L->a, s, len, &doc, &e)) {
		d->oom = e.code == HTMPL_ERR_NOMEM;
		htmpl_error_clear(&e);
		return !d->oom; /* helm's rules already reported YAML errors */
	}
	if (!hv_is_map(&doc))
		return true;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		hlint_doc *nv = harena_realloc(d->L->a, d->v, d->cap * sizeof *nv, cap * sizeof *nv);
		if (!nv)
			return !(d->oom = true);
		d->v = nv, d->cap = cap;
	}
	int line = 1;
	for (const char *p = d->text; p < s; p++)
		line += *p == '\n';
	d->v[d->n++] = (hlint_doc){.source = d->source, .line = line, .doc = doc};
	return true;
}

typedef struct vreport {
	hlint *L;
	hlint_chart *c;
	const hlint_doc *d;
	bool oom;
} vreport;

static bool on_finding(void *ud, const char *path, const char *msg)
{
	vreport *r = ud;
	const hv *md = hmap_gets(r->d->doc.m, "metadata");
	const hv *kind = hmap_gets(r->d->doc.m, "kind");
	const hv *name = md && hv_is_map(md) ? hmap_gets(md->m, "name") : NULL;
	hbuf b = HBUF_INIT;
	hbuf_printf(&b, "%s ", kind && kind->type == HT_STRING ? kind->s->data : "");
	hlint_quote(&b, name && name->type == HT_STRING ? name->s->data : "",
	            name && name->type == HT_STRING ? name->s->len : 0);
	hbuf_puts(&b, ": ");
	if (*path)
		hbuf_printf(&b, "%s: ", path);
	hbuf_puts(&b, msg);
	bool ok = hbuf_ok(&b) && hlint_add(r->L, r->c, HLINT_ERROR, r->d->source, hbuf_cstr(&b));
	if (ok) {
		r->c->msgs[r->c->n - 1].rule = "validate";
		r->c->msgs[r->c->n - 1].line = r->d->line;
	}
	hbuf_free(&b);
	r->oom = !ok;
	return ok;
}

static bool extra_checks(hlint *L, hlint_chart *c, const rendered *r)
{
	docs_ctx d = {.L = L};
	size_t plen = strlen(r->root->path);
	for (size_t i = 0; i < r->n; i++) {
		const hrendered *f = &r->files[i];
		size_t nl = strlen(f->name);
		if (nl >= 9 && !strcmp(f->name + nl - 9, "NOTES.txt"))
			continue;
		d.source = strncmp(f->name, r->root->path, plen) || f->name[plen] != '/' ? f->name : f->name + plen + 1;
		d.text = f->text;
		hrender_split(f->text, f->len, collect_doc, &d);
		if (d.oom)
			return false;
	}
	if (L->o->flags & HLINT_VALIDATE) {
		const char *kv = L->o->render->kube_version; /* default: helm's Capabilities */
		hvalidator v = {.arena = L->a, .schema_dir = L->o->schema_dir,
		                .jobs = htmpl_env_get_jobs(L->env), /* -j: decoding threads too */
		                .kube_version = kv ? kv : htmpl_env_get_helm_version(L->env) == 4 ? "v1.35.0" : "v1.32.0"};
		herr e = HTMPL_ERROR_INIT;
		/* CRs are checked against the chart's CRDs: crds/ (subcharts too) and templates */
		bool learnt = hvalidate_learn_chart(&v, r->root->chart, &e);
		for (size_t i = 0; learnt && i < d.n; i++)
			learnt = hvalidate_learn_doc(&v, &d.v[i].doc, &e);
		const char **kinds = learnt && v.npending ? harena_alloc(L->a, (d.n ? d.n : 1) * sizeof *kinds) : NULL;
		size_t nk = 0;
		for (size_t i = 0; kinds && i < d.n; i++)
			if ((kinds[nk] = hvalidate_cr_kind(&v, &d.v[i].doc)))
				nk++;
		if (learnt && nk)
			learnt = hvalidate_predecode(&v, kinds, nk, &e);
		if (!learnt) {
			htmpl_error_clear(&e);
			hvalidate_done(&v);
			return false;
		}
		for (size_t i = 0; i < d.n; i++) {
			vreport rep = {.L = L, .c = c, .d = &d.v[i]};
			bool checked;
			if (!hvalidate_document(&v, &d.v[i].doc, on_finding, &rep, &checked, &e) || rep.oom) {
				htmpl_error_clear(&e);
				hvalidate_done(&v);
				return false;
			}
		}
		hvalidate_done(&v);
	}
	if (L->o->flags & HLINT_RULES)
		return hlint_rules_run(L, c, d.v, d.n);
	return true;
}


/* ---------------------------------------------------------------- one chart */

static bool chart_run_dir(hlint *L, const char *path, hlint_chart *c, herr *err);

bool hlint_chart_run(hlint *L, const char *path, hlint_chart *c, herr *err)
{
	memset(c, 0, sizeof *c);
	c->path = path;
	char *tmp = NULL;
	const char *dir = path;
	if (hlint_is_archive_path(path)) {
		bool ok = hlint_expand_archive(L, c, path, &dir, &tmp);
		if (!ok || c->fatal) {
			hlint_remove_tree(tmp);
			return ok ? true : herr_set(err, HTMPL_ERR_IO, "unable to extract tarball %s", path);
		}
	}
	bool ok = chart_run_dir(L, dir, c, err);
	hlint_remove_tree(tmp);
	return ok;
}

/* One chart's CRD files and its subcharts', as chart.CRDObjects lists them; false only when
 * memory ran out. *stop is set by a file that does not parse (the rule ends there). */
static bool crd_files(hlint *L, hlint_chart *c, const hchart *ch, bool *stop, int depth)
{
	for (size_t i = 0; i < ch->ncrds && !*stop; i++) {
		const hfile *f = &ch->crds[i];
		hv docs;
		herr e = HTMPL_ERROR_INIT;
		if (!hyaml_load_all(L->a, f->data, f->len, &docs, &e)) {
			bool ok = e.code != HTMPL_ERR_NOMEM &&
			          addf(L, c, HLINT_ERROR, f->name, "unable to parse YAML: %s",
			               htmpl_error_message(&e));
			htmpl_error_clear(&e);
			*stop = true;
			return ok;
		}
		for (size_t k = 0; hv_is_list(&docs) && k < docs.l->len; k++) {
			const hv *d = &docs.l->v[k];
			if (hv_is_nil(d))
				continue;
			if (!hv_is_map(d)) {
				*stop = true;
				return addf(L, c, HLINT_ERROR, f->name,
				            "unable to parse YAML: error unmarshaling JSON: while decoding "
				            "JSON: json: cannot unmarshal %s into Go value of type "
				            "rules.k8sYamlStruct", hjson_kind(d));
			}
			const char *av = hlint_md_str(L, d, "apiVersion"), *kind = hlint_md_str(L, d, "kind");
			if (strncmp(av, "apiextensions.k8s.io", 20) &&
			    !hlint_add(L, c, HLINT_ERROR, f->name,
			               "apiVersion is not in 'apiextensions.k8s.io'"))
				return false;
			if (strcmp(kind, "CustomResourceDefinition") &&
			    !hlint_add(L, c, HLINT_ERROR, f->name,
			               "object kind is not 'CustomResourceDefinition'"))
				return false;
		}
	}
	for (size_t i = 0; depth < 64 && i < ch->nsubcharts && !*stop; i++)
		if (!crd_files(L, c, ch->subcharts[i], stop, depth + 1))
			return false;
	return true;
}

/* helm 4's rules/crds.go Crds: an optional crds/ directory whose files must be CRDs. */
static bool lint_crds(hlint *L, hlint_chart *c, const char *dir, const hchart *ch,
                      const herr *load_err)
{
	struct stat st;
	if (htmpl_env_get_helm_version(L->env) != 4 ||
	    stat(hlint_join_path(L, dir, "crds"), &st))
		return true;
	if (!S_ISDIR(st.st_mode))
		return hlint_add(L, c, HLINT_ERROR, "crds/", "not a directory");
	if (!ch)
		return hlint_add(L, c, HLINT_ERROR, "crds/", htmpl_error_message(load_err));
	if (L->err && ch->load_log) /* its loader.Load logs again */
		hbuf_puts(L->err, ch->load_log);
	bool stop = false;
	return crd_files(L, c, ch, &stop, 0);
}

/* lintChart after the tarball step: every rule over the chart directory dir. */
static bool chart_run_dir(hlint *L, const char *path, hlint_chart *c, herr *err)
{
	const char *cy = hlint_join_path(L, path, "Chart.yaml");
	struct stat st;
	if (stat(cy, &st)) {
		char t[1200];
		snprintf(t, sizeof t, "unable to check Chart.yaml file in chart: stat %s: %s", cy,
		         herr_errno(errno));
		c->fatal = harena_strdup(L->a, t);
		return c->fatal ? true : herr_nomem(err);
	}
	herr load_err = HTMPL_ERROR_INIT, prep_err = HTMPL_ERROR_INIT, vals_err = HTMPL_ERROR_INIT;
	hbuf prep_warn = HBUF_INIT;
	hchart *ch = hchart_load_v2(L->env, path, &load_err);
	hrchart *root = NULL;
	if (ch) {
		hopts o = *L->o->render;
		o.release = "test-release";
		o.env = L->env;
		o.flags |= HTMPL_RENDER_LINT_MODE;
		if (!hvalues_prepare(ch, &o, L->a, &root, &prep_warn, &prep_err))
			root = NULL;
		hbuf warn = HBUF_INIT;
		/* the values rule sees the values coalesced once (CoalesceTables keeps nulls), the
		 * templates rule twice (lint/values-null-schema). v3.17's values rule validates the
		 * schema even with --skip-schema-validation; v4.1.4's honours the flag
		 * (lint/h-schema-skip-flag) */
		hrchart *unused;
		o.flags &= ~(unsigned)HTMPL_RENDER_LINT_MODE;
		if (htmpl_env_get_helm_version(L->env) != 4)
			o.flags &= ~(unsigned)HTMPL_RENDER_SKIP_SCHEMA;
		if (!hvalues_prepare(ch, &o, L->a, &unused, &warn, &vals_err) &&
		    vals_err.code == HTMPL_ERR_NOMEM)
			root = NULL;
		hbuf_free(&warn);
	}
	rendered r = {0};
	bool ok = lint_chartfile(L, c, path, &load_err) &&
	          lint_values(L, c, path, ch ? ch->name : NULL, &vals_err) &&
	          lint_templates(L, c, path, ch, &load_err, root, &prep_err, &prep_warn, &r) &&
	          lint_dependencies(L, c, path, ch, &load_err) &&
	          lint_crds(L, c, path, ch, &load_err);
	if (ok && r.root && (L->o->flags & (HLINT_VALIDATE | HLINT_RULES)))
		ok = extra_checks(L, c, &r);
	htmpl_error_clear(&load_err);
	htmpl_error_clear(&prep_err);
	htmpl_error_clear(&vals_err);
	if (!hbuf_ok(&prep_warn))
		ok = false;
	hbuf_free(&prep_warn);
	hchart_free(ch);
	return ok ? true : herr_nomem(err);
}


/* --with-subcharts: every directory with a Chart.yaml and every .tgz/.tar.gz under charts/,
 * recursively, in filepath.Walk (lexical) order. */
static bool walk_subcharts(hlint *L, const char *dir, const char ***paths, size_t *n, size_t *cap,
                           int depth)
{
	if (depth > 32)
		return true;
	struct dirent **list = NULL;
	int k = scandir(dir, &list, NULL, alphasort);
	if (k < 0)
		return true;
	bool ok = true;
	for (int i = 0; i < k; i++) {
		const char *nm = list[i]->d_name;
		if (ok && strcmp(nm, ".") && strcmp(nm, "..")) {
			const char *p = hlint_join_path(L, dir, nm);
			struct stat st;
			size_t ln = strlen(nm);
			bool add_dir = !strcmp(nm, "Chart.yaml");
			bool add_tgz = (ln > 4 && !strcmp(nm + ln - 4, ".tgz")) || (ln > 7 && !strcmp(nm + ln - 7, ".tar.gz"));
			if (add_dir || add_tgz) {
				if (*n == *cap) {
					size_t nc = *cap ? *cap * 2 : 8;
					const char **np = harena_realloc(L->a, *paths, *cap * sizeof *np, nc * sizeof *np);
					if (!np)
						ok = false;
					else
						*paths = np, *cap = nc;
				}
				if (ok)
					(*paths)[(*n)++] = add_dir ? dir : p;
			}
			if (ok && !lstat(p, &st) && S_ISDIR(st.st_mode))
				ok = walk_subcharts(L, p, paths, n, cap, depth + 1);
		}
		free(list[i]);
	}
	free(list);
	return ok;
}

/* ---------------------------------------------------------------- public API */

htmpl_lint_opts *htmpl_lint_opts_new(void)
{
	harena *a = harena_new();
	htmpl_lint_opts *o = a ? harena_zalloc(a, sizeof *o) : NULL;
	if (o)
		o->render = htmpl_render_opts_new();
	if (!o || !o->render) {
		harena_free(a);
		return NULL;
	}
	o->arena = a;
	return o;
}

void htmpl_lint_opts_free(htmpl_lint_opts *o)
{
	if (!o)
		return;
	htmpl_render_opts_free(o->render);
	harena_free(o->arena);
}

bool htmpl_lint_opts_add_path(htmpl_lint_opts *o, const char *path)
{
	if (!o || !path)
		return false;
	const char **np = harena_realloc(o->arena, o->paths, o->npaths * sizeof *np,
	                                 (o->npaths + 1) * sizeof *np);
	char *d = harena_strdup(o->arena, path);
	if (!np || !d)
		return false;
	o->paths = np;
	o->paths[o->npaths++] = d;
	return true;
}

htmpl_render_opts *htmpl_lint_opts_render(htmpl_lint_opts *o) { return o ? o->render : NULL; }
void htmpl_lint_opts_set_flags(htmpl_lint_opts *o, unsigned flags)
{
	if (o)
		o->flags = flags;
}
void htmpl_lint_opts_set_output(htmpl_lint_opts *o, htmpl_lint_output output)
{
	if (o && output >= HTMPL_LINT_OUTPUT_TEXT && output <= HTMPL_LINT_OUTPUT_TAP)
		o->output = (hlint_output)output;
}

bool htmpl_lint_opts_set_schema_location(htmpl_lint_opts *o, const char *dir)
{
	if (!o)
		return false;
	o->schema_dir = dir ? harena_strdup(o->arena, dir) : NULL;
	return !dir || o->schema_dir;
}

/* helm reads -f files before linting anything: a missing one is the whole command's error. */
static bool check_values_files(const hopts *o, herr *err)
{
	for (size_t i = 0; i < o->nvalues; i++) {
		const hvalues_src *v = &o->values[i];
		if (v->data || !strcmp(v->name, "-"))
			continue;
		FILE *f = fopen(v->name, "rb");
		if (!f)
			return herr_set(err, HTMPL_ERR_IO, "open %s: %s", v->name, herr_errno(errno));
		fclose(f);
	}
	return true;
}

/* cmd/helm/lint.go parses --kube-version and merges -f/--set before linting anything: a
 * failure there is the command's error (`invalid kube version 'x': ...`, `failed parsing
 * --set data: ...`). The values are merged by preparing an empty chart with them. */
static bool check_command_inputs(hlint *L, herr *err)
{
	const hopts *ro = L->o->render;
	hkubever kv4;
	if (ro->kube_version && htmpl_env_get_helm_version(L->env) == 4 &&
	    !hkubever4_parse(L->a, ro->kube_version, &kv4, err))
		return false; /* common.ParseKubeVersion (lint/h-kube-version-invalid) */
	if (ro->kube_version && htmpl_env_get_helm_version(L->env) != 4) {
		hsemver v;
		hbuf why = HBUF_INIT;
		bool ok = hsemver_parse_msg(ro->kube_version, strlen(ro->kube_version), &v, &why);
		if (!ok)
			herr_set(err, HTMPL_ERR_USAGE, "invalid kube version '%s': %s", ro->kube_version,
			         hbuf_ok(&why) ? hbuf_cstr(&why) : "Invalid Semantic Version");
		hbuf_free(&why);
		if (!ok)
			return false;
	}
	if (!check_values_files(ro, err))
		return false;
	hchart empty = {.arena = L->a, .name = "lint", .api_version = "v2"};
	hmap *md = hmap_new(L->a, 2), *vals = hmap_new(L->a, 0);
	hstr *name = hstr_cstr(L->a, "lint");
	if (!md || !vals || !name || !hmap_set(md, "name", 4, hv_of_str(name)))
		return herr_nomem(err);
	empty.metadata = hv_of_map(HT_MAP, md);
	empty.values = hv_of_map(HT_MAP, vals);
	empty.dependencies = hv_nil();
	hopts o = *ro;
	o.flags |= HTMPL_RENDER_SKIP_SCHEMA;
	o.env = L->env;
	hrchart *root;
	hbuf warn = HBUF_INIT;
	bool ok = hvalues_prepare(&empty, &o, L->a, &root, &warn, err);
	hbuf_free(&warn);
	return ok;
}

static bool lint_all(hlint *L, hlint_chart **charts, size_t *n, herr *err)
{
	const htmpl_lint_opts *o = L->o;
	static const char *const dot[] = {"."};
	const char **paths = o->npaths ? (const char **)o->paths : (const char **)dot;
	size_t np = o->npaths ? o->npaths : 1, cap = np;
	const char **all = harena_alloc(L->a, np * sizeof *all);
	if (!all)
		return herr_nomem(err);
	memcpy(all, paths, np * sizeof *all);
	size_t given = np;
	for (size_t i = 0; (o->flags & HLINT_WITH_SUBCHARTS) && i < given; i++)
		if (!walk_subcharts(L, hlint_join_path(L, paths[i], "charts"), &all, &np, &cap, 0))
			return herr_nomem(err);
	*charts = harena_zalloc(L->a, np * sizeof **charts);
	if (!*charts)
		return herr_nomem(err);
	for (size_t i = 0; i < np; i++)
		if (!hlint_chart_run(L, all[i], &(*charts)[i], err))
			return false;
	*n = np;
	return true;
}

void htmpl_lint_opts_set_reports(htmpl_lint_opts *o, unsigned what)
{
	if (o)
		o->reports = what;
}

bool htmpl_lint(const htmpl_env *env, const htmpl_lint_opts *o, char **out, char **errout,
                int *status, htmpl_error *err)
{
	return htmpl_lint_report(env, o, out, errout, status, NULL, err);
}

bool htmpl_lint_report(const htmpl_env *env, const htmpl_lint_opts *o, char **out,
                       char **errout, int *status, htmpl_report **report, htmpl_error *err)
{
	*out = *errout = NULL;
	*status = 1;
	if (report)
		*report = NULL;
	henv *own = NULL;
	if (!env && !(env = own = hfuncmap_new()))
		return herr_nomem(err);
	hbuf sout = HBUF_INIT, serr = HBUF_INIT;
	hlint L = {.env = env, .o = o, .a = harena_new(), .err = &serr};
	if (report && o->reports && !(L.report = hvalues_report_new())) {
		harena_free(L.a);
		htmpl_env_free(own);
		return herr_nomem(err);
	}
	hlint_chart *charts = NULL;
	size_t n = 0;
	bool ok = L.a && check_command_inputs(&L, err) && lint_all(&L, &charts, &n, err);
	if (!L.a)
		herr_nomem(err);
	if (ok) {
		size_t failed;
		if (o->output == HLINT_OUT_JSON)
			failed = hlint_print_json(charts, n, o->flags, &sout);
		else if (o->output == HLINT_OUT_GITHUB)
			failed = hlint_print_github(charts, n, o->flags, &sout);
		else if (o->output == HLINT_OUT_JUNIT)
			failed = hlint_print_junit(charts, n, o->flags, &sout);
		else if (o->output == HLINT_OUT_TAP)
			failed = hlint_print_tap(charts, n, o->flags, &sout);
		else
			failed = hlint_print_text(charts, n, o->flags, &sout);
		bool any = false;
		for (size_t i = 0; i < n; i++)
			any = any || hlint_has_warn_or_err(&charts[i]);
		if (o->output != HLINT_OUT_TEXT) {
		} else if (failed) {
			hbuf_printf(&serr, "Error: %zu chart(s) linted, %zu chart(s) failed\n", n, failed);
		} else if (!(o->flags & HLINT_QUIET) || any) {
			hbuf_printf(&sout, "%zu chart(s) linted, 0 chart(s) failed\n", n);
		}
		*status = failed ? 1 : 0;
		if (!hbuf_ok(&sout) || !hbuf_ok(&serr))
			ok = herr_nomem(err);
	}
	if (ok) {
		*out = hbuf_steal(&sout, NULL);
		*errout = hbuf_steal(&serr, NULL);
		if (!*out)
			*out = calloc(1, 1);
		if (!*errout)
			*errout = calloc(1, 1);
		ok = *out && *errout;
		if (!ok) {
			free(*out), free(*errout);
			*out = *errout = NULL;
			herr_nomem(err);
		}
	}
	hbuf_free(&sout);
	hbuf_free(&serr);
	harena_free(L.a);
	htmpl_env_free(own);
	if (ok && report)
		*report = L.report;
	else
		htmpl_report_free(L.report);
	return ok;
}

long htmpl_validate_manifests(const char *yaml, size_t len, const char *kube_version,
                              const char *schema_location, char **report, htmpl_error *err)
{
	*report = NULL;
	hvalidator v = {.arena = harena_new(), .schema_dir = schema_location, .kube_version = kube_version};
	if (!v.arena)
		return herr_nomem(err), -1;
	hbuf b = HBUF_INIT;
	size_t n = 0;
	bool ok = hvalidate_manifests(&v, yaml ? yaml : "", yaml ? len : 0, &b, &n, err);
	hvalidate_done(&v);
	harena_free(v.arena);
	if (ok) {
		*report = b.len ? hbuf_steal(&b, NULL) : calloc(1, 1);
		ok = *report != NULL;
		if (!ok)
			herr_nomem(err);
	}
	hbuf_free(&b);
	return ok ? (long)n : -1;
}
