/* values.c - the values tree a render uses: user values from -f and the --set family, then
 * Helm's coalescing with chart defaults, globals and subchart tables.
 *
 * Reproduces helm v3.17.3 pkg/cli/values/options.go (MergeValues: -f files in order, then
 * --set-json, --set, --set-string, --set-file, --set-literal whatever the command-line order),
 * pkg/chartutil/coalesce.go (coalesceValues, coalesceDeps, coalesceGlobals,
 * coalesceTablesFullKey, including the log lines it prints, e.g.
 * `coalesce.go:237: warning: skipped value for c.m: Not a table.`) and the parts of
 * pkg/action/install.go that run before rendering (checkIfInstallable, the deprecation
 * warning, CheckDependencies, ProcessDependenciesWithMerge, ToRenderValues).
 *
 * Go maps are references; where Helm copies (copystructure.Copy, copyMap) we copy, and where
 * it shares we share, so the aliasing effects of the Go code carry over. Go iterates maps in
 * random order; we iterate in key order. */
#include "helm/chart.h"

#include "helm/deps.h"
#include "value/fmt.h"
#include "helm/schema.h"
#include "helm/strvals.h"
#include "helm/values4.h"
#include "helm/slog.h"
#include "data/yaml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------------ helpers */

void hvc_log(hvctx *x, const char *file_line, const char *fmt, ...)
{
	if (!x->warn)
		return;
	if (htmpl_env_get_helm_version(x->env) == 4) {
		/* helm 4 routes log.Printf through slog: the text becomes an INFO msg */
		hbuf m = HBUF_INIT;
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		if (n >= 0 && hbuf_grow(&m, (size_t)n + 1)) {
			va_start(ap, fmt);
			vsnprintf(m.data, (size_t)n + 1, fmt, ap);
			va_end(ap);
			m.len = (size_t)n;
			hslog(x->warn, "INFO", m.data, NULL);
		}
		hbuf_free(&m);
		return;
	}
	hbuf_puts(x->warn, file_line);
	hbuf_puts(x->warn, ": ");
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof tmp) {
		char *big = malloc((size_t)n + 1);
		if (big) {
			va_start(ap, fmt);
			vsnprintf(big, (size_t)n + 1, fmt, ap);
			va_end(ap);
			hbuf_puts(x->warn, big);
			free(big);
		}
	} else if (n > 0) {
		hbuf_puts(x->warn, tmp);
	}
	hbuf_putc(x->warn, '\n');
}

const char *hvc_errstr(int eno)
{
	switch (eno) {
	case ENOENT:
		return "no such file or directory";
	case EACCES:
		return "permission denied";
	case EISDIR:
		return "is a directory";
	case ENOTDIR:
		return "not a directory";
	case ELOOP:
		return "too many levels of symbolic links";
	case ENAMETOOLONG:
		return "file name too long";
	case EMFILE:
		return "too many open files";
	case EIO:
		return "input/output error";
	case ENOMEM:
		return "cannot allocate memory";
	case EPERM:
		return "operation not permitted";
	default:
		return strerror(eno);
	}
}

static bool istable(const hv *v)
{
	return v && hv_is_map(v);
}

hmap *hvc_copy(harena *a, const hmap *m)
{
	if (!m)
		return hmap_new(a, 0);
	hv in = hv_of_map(HT_MAP, (hmap *)m), out;
	if (!hv_deep_copy(a, &in, &out))
		return NULL;
	return out.m;
}

/* A snapshot of a map's entries in key order, safe while the map changes. */
static hmap_entry *entries(hvctx *x, hmap *m, size_t *n)
{
	*n = hmap_len(m);
	if (!*n)
		return NULL;
	hmap_entry **s = hmap_sorted(m);
	hmap_entry *v = s ? harena_alloc(x->a, *n * sizeof *v) : NULL;
	if (!v) {
		herr_nomem(x->err);
		return NULL;
	}
	for (size_t i = 0; i < *n; i++)
		v[i] = *s[i];
	return v;
}

static char *concat_prefix(hvctx *x, const char *a, const char *b)
{
	if (!*a)
		return harena_strdup(x->a, b);
	size_t la = strlen(a), lb = strlen(b);
	char *s = harena_alloc(x->a, la + lb + 2);
	if (s) {
		memcpy(s, a, la);
		s[la] = '.';
		memcpy(s + la + 1, b, lb + 1);
	}
	return s;
}

static char *fmt_v(hvctx *x, const hv *v)
{
	hbuf b = HBUF_INIT;
	hfmt_value(&b, v);
	char *s = harena_strdup(x->a, hbuf_cstr(&b));
	hbuf_free(&b);
	return s ? s : "";
}

static bool set_key(hvctx *x, hmap *m, hstr *k, hv v)
{
	return hmap_set_str(m, k, v) || herr_nomem(x->err);
}

/* ------------------------------------------------------------------ coalesce.go */

hmap *hvc_merge_tables(hvctx *x, hmap *dst, hmap *src, const char *prefix, bool merge)
{
	if (!src)
		return dst;
	if (!dst)
		return src;
	size_t n;
	hmap_entry *es = entries(x, src, &n);
	if (n && !es)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		hstr *key = es[i].key;
		hv *val = &es[i].val;
		char *full = concat_prefix(x, prefix, key->data);
		hv *dv = hmap_get(dst, key->data, key->len);
		if (!full)
			return herr_nomem(x->err), NULL;
		if (dv && !merge && hv_is_nil(dv)) {
			hmap_del(dst, key->data, key->len);
		} else if (!dv) {
			if (!set_key(x, dst, key, *val))
				return NULL;
		} else if (istable(val)) {
			if (istable(dv)) {
				if (!hvc_merge_tables(x, dv->m, val->m, full, merge))
					return NULL;
			} else {
				hvc_log(
				    x, "coalesce.go:298",
				    "warning: cannot overwrite table with non table for %s (%s)",
				    full, fmt_v(x, val));
			}
		} else if (istable(dv) && !hv_is_nil(val)) {
			hvc_log(
			    x, "coalesce.go:301",
			    "warning: destination for %s is a table. Ignoring non-table value (%s)",
			    full, fmt_v(x, val));
		}
	}
	return dst;
}

static bool child_chart_merge_true(const hwchart *c, const char *key, bool merge)
{
	for (size_t i = 0; i < c->ndeps; i++)
		if (!strcmp(c->deps[i]->name, key))
			return true;
	return merge;
}

/* coalesceValues: chart defaults under the user's values v. */
static bool coalesce_values(hvctx *x, hwchart *c, hmap *v, const char *prefix, bool merge)
{
	char *sub = concat_prefix(x, prefix, c->name);
	hmap *vc = hvc_copy(x->a, c->values);
	if (!sub || !vc)
		return herr_nomem(x->err);
	size_t n;
	hmap_entry *es = entries(x, vc, &n);
	if (n && !es)
		return false;
	for (size_t i = 0; i < n; i++) {
		hstr *key = es[i].key;
		hv *val = &es[i].val;
		hv *value = hmap_get(v, key->data, key->len);
		if (!value) {
			if (!set_key(x, v, key, *val))
				return false;
		} else if (hv_is_nil(value) && !merge) {
			hmap_del(v, key->data, key->len);
		} else if (istable(value)) {
			if (!istable(val)) {
				if (!hv_is_nil(val))
					hvc_log(x, "coalesce.go:237",
						"warning: skipped value for %s.%s: Not a table.",
						sub, key->data);
			} else {
				char *full = concat_prefix(x, sub, key->data);
				if (!full)
					return herr_nomem(x->err);
				if (!hvc_merge_tables(x, value->m, val->m, full,
						      child_chart_merge_true(c, key->data, merge)))
					return false;
			}
		}
	}
	return true;
}

/* coalesceGlobals: the parent's global table merged into the child's, parent winning. */
static bool coalesce_globals(hvctx *x, hmap *dest, hmap *src, const char *prefix)
{
	hmap *dg, *sg;
	hv *d = hmap_gets(dest, "global"), *s = hmap_gets(src, "global");
	if (!d) {
		dg = hmap_new(x->a, 0);
	} else if (!istable(d)) {
		hvc_log(x, "coalesce.go:138",
			"warning: skipping globals because destination %s is not a table.",
			"global");
		return true;
	} else {
		dg = d->m;
	}
	if (!s) {
		sg = hmap_new(x->a, 0);
	} else if (!istable(s)) {
		hvc_log(x, "coalesce.go:145",
			"warning: skipping globals because source %s is not a table.", "global");
		return true;
	} else {
		sg = s->m;
	}
	if (!dg || !sg)
		return herr_nomem(x->err);
	size_t n;
	hmap_entry *es = entries(x, sg, &n);
	if (n && !es)
		return false;
	for (size_t i = 0; i < n; i++) {
		hstr *key = es[i].key;
		hv *val = &es[i].val, *dv = hmap_get(dg, key->data, key->len);
		if (istable(val)) {
			hmap *vv = hmap_new(x->a, hmap_len(val->m)); /* copyMap: one level */
			size_t m;
			hmap_entry *ve = entries(x, val->m, &m);
			if (!vv || (m && !ve))
				return herr_nomem(x->err);
			for (size_t k = 0; k < m; k++)
				if (!set_key(x, vv, ve[k].key, ve[k].val))
					return false;
			if (!dv) {
				if (!set_key(x, dg, key, hv_of_map(HT_MAP, vv)))
					return false;
			} else if (!istable(dv)) {
				hvc_log(
				    x, "coalesce.go:161",
				    "Conflict: cannot merge map onto non-map for \"%s\". Skipping.",
				    key->data);
			} else {
				char *full = concat_prefix(x, prefix, key->data);
				if (!full || !hvc_merge_tables(x, vv, dv->m, full, true))
					return herr_nomem(x->err);
				if (!set_key(x, dg, key, hv_of_map(HT_MAP, vv)))
					return false;
			}
		} else if (dv && istable(dv)) {
			hvc_log(x, "coalesce.go:175", "key %s is table. Skipping", key->data);
		} else if (!set_key(x, dg, key, *val)) {
			return false;
		}
	}
	return hmap_set(dest, "global", 6, hv_of_map(HT_MAP, dg)) || herr_nomem(x->err);
}

static bool coalesce(hvctx *x, hwchart *c, hmap *dest, const char *prefix, bool merge);

/* %t of a value that is not a bool, as fmt prints a bad verb. */
static char *bad_t(hvctx *x, const hv *v)
{
	if (v->type == HT_BOOL)
		return v->b ? "true" : "false";
	hbuf b = HBUF_INIT;
	if (hv_is_nil(v)) {
		hbuf_puts(&b, "%!t(<nil>)");
	} else {
		hbuf_printf(&b, "%%!t(%s=", hv_type_name(v));
		hfmt_value(&b, v);
		hbuf_putc(&b, ')');
	}
	char *s = harena_strdup(x->a, hbuf_cstr(&b));
	hbuf_free(&b);
	return s ? s : "";
}

static bool coalesce_deps(hvctx *x, hwchart *c, hmap *dest, const char *prefix, bool merge)
{
	for (size_t i = 0; i < c->ndeps; i++) {
		hwchart *sc = c->deps[i];
		size_t nl = strlen(sc->name);
		hv *cur = hmap_get(dest, sc->name, nl);
		if (!cur) {
			hmap *m = hmap_new(x->a, 0);
			if (!m || !hmap_set(dest, sc->name, nl, hv_of_map(HT_MAP, m)))
				return herr_nomem(x->err);
		} else if (!istable(cur)) {
			return herr_set(x->err, HTMPL_ERR_CHART, "type mismatch on %s: %s",
					sc->name, bad_t(x, cur));
		}
		hmap *dv = hmap_get(dest, sc->name, nl)->m;
		char *sub = concat_prefix(x, prefix, c->name);
		if (!sub)
			return herr_nomem(x->err);
		if (!coalesce_globals(x, dv, dest, sub) || !coalesce(x, sc, dv, sub, merge))
			return false;
	}
	return true;
}

static bool coalesce(hvctx *x, hwchart *c, hmap *dest, const char *prefix, bool merge)
{
	return coalesce_values(x, c, dest, prefix, merge) &&
	       coalesce_deps(x, c, dest, prefix, merge);
}

hmap *hvc_coalesce_values(hvctx *x, hwchart *c, const hmap *vals, bool merge)
{
	hmap *v = hvc_copy(x->a, vals);
	if (!v)
		return herr_nomem(x->err), NULL;
	return coalesce(x, c, v, "", merge) ? v : NULL;
}

hmap *hvc_table(hmap *v, const char *path, size_t len, const char **bad, size_t *badlen)
{
	const char *p = path, *end = path + len;
	for (;;) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t kl = dot ? (size_t)(dot - p) : (size_t)(end - p);
		hv *e = hmap_get(v, p, kl);
		if (!e || !hv_is_map(e)) {
			*bad = p, *badlen = kl;
			return NULL;
		}
		v = e->m;
		if (!dot)
			return v;
		p = dot + 1;
	}
}

/* ------------------------------------------------------------------ user values */

/* readFile of options.go: "-" is stdin, anything else a local file. */
static bool read_input(harena *a, const char *path, char **out, size_t *len, herr *err)
{
	const char *t = path;
	while (*t == ' ' || (*t >= '\t' && *t <= '\r'))
		t++;
	size_t tl = strlen(t);
	while (tl && (t[tl - 1] == ' ' || (t[tl - 1] >= '\t' && t[tl - 1] <= '\r')))
		tl--;
	bool in = tl == 1 && *t == '-';
	FILE *f = in ? stdin : fopen(path, "rb");
	if (!f)
		return herr_set(err, HTMPL_ERR_IO, "open %s: %s", path, hvc_errstr(errno));
	struct stat st;
	if (!in && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return herr_set(err, HTMPL_ERR_IO, "read %s: is a directory", path);
	}
	hbuf b = HBUF_INIT;
	char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		hbuf_put(&b, chunk, r);
	bool bad = ferror(f);
	if (!in)
		fclose(f);
	if (bad) {
		hbuf_free(&b);
		return herr_set(err, HTMPL_ERR_IO, "read %s: %s", path, hvc_errstr(errno));
	}
	if (!hbuf_ok(&b) || !(*out = harena_strndup(a, b.data ? b.data : "", b.len))) {
		hbuf_free(&b);
		return herr_nomem(err);
	}
	*len = b.len;
	hbuf_free(&b);
	return true;
}

static bool file_reader(void *ud, harena *a, const char *s, size_t n, hv *out, herr *err)
{
	(void)ud;
	char *path = harena_strndup(a, s, n), *data;
	size_t len;
	if (!path)
		return herr_nomem(err);
	if (!read_input(a, path, &data, &len, err))
		return false;
	return hv_string(a, data, len, out) || herr_nomem(err);
}

/* mergeMaps of options.go: b over a, maps merged, new maps at each merged level. */
static hmap *merge_maps(hvctx *x, hmap *a, hmap *b)
{
	hmap *out = hmap_new(x->a, hmap_len(a));
	size_t na, nb;
	hmap_entry *ea = entries(x, a, &na), *eb = entries(x, b, &nb);
	if (!out || (na && !ea) || (nb && !eb))
		return herr_nomem(x->err), NULL;
	for (size_t i = 0; i < na; i++)
		if (!set_key(x, out, ea[i].key, ea[i].val))
			return NULL;
	for (size_t i = 0; i < nb; i++) {
		hv v = eb[i].val, *old = hmap_get(out, eb[i].key->data, eb[i].key->len);
		if (v.type == HT_MAP && old && old->type == HT_MAP) {
			hmap *m = merge_maps(x, old->m, v.m);
			if (!m)
				return NULL;
			v = hv_of_map(HT_MAP, m);
		}
		if (!set_key(x, out, eb[i].key, v))
			return NULL;
	}
	return out;
}

static hmap *load_values_file(hvctx *x, const hvalues_src *src)
{
	const char *data = src->data;
	size_t len = src->len;
	char *owned;
	if (!data) {
		if (!read_input(x->a, src->name, &owned, &len, x->err))
			return NULL;
		data = owned;
	}
	hv v;
	herr e = HTMPL_ERROR_INIT;
	uint64_t max_nodes = x->env ? htmpl_env_get_limit(x->env, HTMPL_LIMIT_YAML_NODES)
				    : HYAML_DEFAULT_MAX_NODES;
	if (htmpl_env_get_helm_version(x->env) == 4) {
		hbuf msg = HBUF_INIT;
		if (!hvalues_load4(x->a, data, len, max_nodes, &v, &msg, x->err)) {
			if (!herr_isset(x->err))
				herr_set(x->err, HTMPL_ERR_YAML, "failed to parse %s: %s", src->name,
				         hbuf_cstr(&msg));
			hbuf_free(&msg);
			return NULL;
		}
		hbuf_free(&msg);
		return hv_is_map(&v) ? v.m : hmap_new(x->a, 0);
	}
	if (!hyaml_load_limit(x->a, data, len, max_nodes, &v, &e)) {
		if (e.code == HTMPL_ERR_NOMEM)
			herr_nomem(x->err);
		else
			herr_set(x->err, e.code == HTMPL_ERR_LIMIT ? HTMPL_ERR_LIMIT : HTMPL_ERR_YAML,
				 "failed to parse %s: %s", src->name,
				 htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return NULL;
	}
	if (hv_is_map(&v))
		return v.m;
	if (!hv_is_nil(&v))
		return herr_set(x->err, HTMPL_ERR_YAML,
				"failed to parse %s: error unmarshaling JSON: while decoding JSON: "
				"json: cannot unmarshal %s "
				"into Go value of type map[string]interface {}",
				src->name, hchart_json_kind(&v)),
		       NULL;
	return hmap_new(x->a, 0);
}

static const char *const set_flag[] = {
    [HTMPL_SET] = "--set",
    [HTMPL_SET_STRING] = "--set-string",
    [HTMPL_SET_JSON] = "--set-json",
    [HTMPL_SET_FILE] = "--set-file",
    [HTMPL_SET_LITERAL] = "--set-literal",
};

static bool apply_sets(hvctx *x, const hopts *o, htmpl_set_kind kind, hmap *base)
{
	for (size_t i = 0; i < o->nsets; i++) {
		const hset_src *s = &o->sets[i];
		if (s->kind != kind)
			continue;
		herr e = HTMPL_ERROR_INIT;
		const char *expr = s->expr ? s->expr : "";
		if (hstrvals_parse_v(x->a, kind, expr, strlen(expr), base, file_reader, NULL,
		                     htmpl_env_get_helm_version(x->env) == 4, &e))
			continue;
		if (e.code == HTMPL_ERR_NOMEM)
			herr_nomem(x->err);
		else if (kind == HTMPL_SET_JSON)
			herr_set(x->err, HTMPL_ERR_SET, "failed parsing --set-json data %s", expr);
		else
			herr_set(x->err, e.code == HTMPL_ERR_IO ? HTMPL_ERR_IO : HTMPL_ERR_SET,
				 "failed parsing %s data: %s", set_flag[kind],
				 htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return false;
	}
	return true;
}

/* MergeValues of options.go. */
static hmap *user_values(hvctx *x, const hopts *o)
{
	hmap *base = hmap_new(x->a, 0);
	if (!base)
		return herr_nomem(x->err), NULL;
	for (size_t i = 0; o && i < o->nvalues; i++) {
		hmap *cur = load_values_file(x, &o->values[i]);
		if (!cur || !(base = merge_maps(x, base, cur)))
			return NULL;
	}
	static const htmpl_set_kind order[] = {HTMPL_SET_JSON, HTMPL_SET, HTMPL_SET_STRING,
					       HTMPL_SET_FILE, HTMPL_SET_LITERAL};
	for (size_t k = 0; o && k < sizeof order / sizeof *order; k++)
		if (!apply_sets(x, o, order[k], base))
			return NULL;
	return base;
}

/* ------------------------------------------------------------------ prepare */

static hrchart *build_rchart(hvctx *x, hwchart *w, hrchart *parent, hmap *vals)
{
	hrchart *r = harena_zalloc(x->a, sizeof *r);
	if (!r)
		return herr_nomem(x->err), NULL;
	r->chart = w->chart;
	r->name = w->name;
	r->parent = parent;
	if (!parent) {
		r->path = w->name;
	} else {
		size_t n = strlen(parent->path) + strlen(w->name) + 9;
		char *p = harena_alloc(x->a, n);
		if (!p)
			return herr_nomem(x->err), NULL;
		snprintf(p, n, "%s/charts/%s", parent->path, w->name);
		r->path = p;
	}
	/* .Values is chartutil.Values: the root's coalesced tree, a subchart's own table */
	if (!vals)
		vals = hmap_new(x->a, 0);
	if (!vals)
		return herr_nomem(x->err), NULL;
	r->values = hv_of_map(HT_VALUES, vals);
	if (htmpl_env_get_helm_version(x->env) == 4)
		r->values.flags |= HV_F_COMMON; /* common.Values */
	if (w->ndeps && !(r->subs = harena_alloc(x->a, w->ndeps * sizeof *r->subs)))
		return herr_nomem(x->err), NULL;
	for (size_t i = 0; i < w->ndeps; i++) {
		hv *sv = hmap_gets(vals, w->deps[i]->name);
		hrchart *s = build_rchart(x, w->deps[i], r, sv && hv_is_map(sv) ? sv->m : NULL);
		if (!s)
			return NULL;
		r->subs[r->nsubs++] = s;
	}
	return r;
}

bool hvalues_prepare(const hchart *c, const hopts *o, harena *a, hrchart **root, hbuf *warnings,
		     herr *err)
{
	hvctx x = {a, warnings, err, o ? o->env : NULL};
	hmap *user = user_values(&x, o);
	if (!user)
		return false;
	const char *type = "";
	hv *t = hmap_gets(c->metadata.m, "type");
	if (t && t->type == HT_STRING)
		type = t->s->data;
	if (*type && strcmp(type, "application"))
		return herr_set(err, HTMPL_ERR_CHART, "%s charts are not installable", type);
	/* the deprecation warning is printed by render.c check_chart */
	if (!hdeps_check(c, err))
		return false;
	hwchart *w = hdeps_build(&x, c);
	if (!w)
		return false;
	if (!hdeps_process(&x, w, user)) {
		/* helm 4's install.go logs and wraps ProcessDependencies' error
		 * (subcharts/err-type-mismatch); lint calls it without either */
		if (htmpl_env_get_helm_version(x.env) == 4 && o && (o->flags & HOPTS_F_INSTALL) &&
		    err && err->code != HTMPL_ERR_NOMEM && err->code != HTMPL_ERR_LIMIT) {
			hslog(warnings, "ERROR", "chart dependencies processing failed", "error",
			      err->message, NULL);
			herr e = HTMPL_ERROR_INIT;
			herr_set(&e, err->code, "chart dependencies processing failed: %s", err->message);
			htmpl_error_clear(err);
			herr_move(err, &e);
		}
		return false;
	}
	hmap *vals = hvc_coalesce_values(&x, w, user, false);
	if (!vals)
		return false;
	if (!(o && (o->flags & HTMPL_RENDER_SKIP_SCHEMA)) && !hschema_validate_tree(&x, w, vals))
		return false;
	*root = build_rchart(&x, w, NULL, vals);
	return *root != NULL;
}
