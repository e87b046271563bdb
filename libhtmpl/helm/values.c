/* values.c - the values tree a render uses: user values from -f and the --set family, then
 * Helm's coalescing with chart defaults, globals and subchart tables.
 *
 * Reproduces helm v3.17.3 pkg/cli/values/options.go (MergeValues: -f files in order, then
 * --set-json, --set, --set-string, --set-file, --set-literal whatever the command-line order)
 * and the parts of pkg/action/install.go that run before rendering (checkIfInstallable, the
 * deprecation warning, CheckDependencies, ProcessDependenciesWithMerge, ToRenderValues).
 * The coalescing itself is coalesce.c. */
#include "data/json.h"
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
		return herr_set(err, HTMPL_ERR_IO, "open %s: %s", path, herr_errno(errno));
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
		return herr_set(err, HTMPL_ERR_IO, "read %s: %s", path, herr_errno(errno));
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

static bool set_key(hvctx *x, hmap *m, hstr *k, hv v)
{
	return hmap_set_str(m, k, v) || herr_nomem(x->err);
}

/* mergeMaps of options.go: b over a, maps merged, new maps at each merged level. */
static hmap *merge_maps(hvctx *x, hmap *a, hmap *b)
{
	hmap *out = hmap_new(x->a, hmap_len(a));
	size_t na, nb;
	hmap_entry *ea = hcoalesce_entries(x, a, &na), *eb = hcoalesce_entries(x, b, &nb);
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

static hmap *load_values_file(hvctx *x, const hvalues_src *src, hvalues_src *text)
{
	const char *data = src->data;
	size_t len = src->len;
	char *owned;
	if (!data) {
		if (!read_input(x->a, src->name, &owned, &len, x->err))
			return NULL;
		data = owned;
	}
	*text = (hvalues_src){src->name, data, len};
	hv v;
	herr e = HTMPL_ERROR_INIT;
	uint64_t max_nodes = x->env ? htmpl_env_get_limit(x->env, HTMPL_LIMIT_YAML_NODES)
				    : HYAML_DEFAULT_MAX_NODES;
	if (htmpl_env_get_helm_version(x->env) == 4) {
		hbuf msg = HBUF_INIT;
		if (!hvalues4_load(x->a, data, len, max_nodes, &v, &msg, x->err)) {
			if (!herr_isset(x->err)) {
				herr_set(x->err, HTMPL_ERR_YAML, "failed to parse %s: %s", src->name,
				         hbuf_cstr(&msg));
				/* the file, at the line the YAML message names ("yaml: line 3: ...") */
				const char *at = strstr(hbuf_cstr(&msg), "yaml: line ");
				herr_where(x->err, src->name, at ? atoi(at + 11) : 0, 0);
			}
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
		herr_where(x->err, src->name, e.line, e.col); /* the file, at the line YAML gave */
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
				src->name, hjson_kind(&v)),
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
static hmap *user_values(hvctx *x, const hopts *o, hvalues_src *texts)
{
	hmap *base = hmap_new(x->a, 0);
	if (!base)
		return herr_nomem(x->err), NULL;
	for (size_t i = 0; o && i < o->nvalues; i++) {
		hmap *cur = load_values_file(x, &o->values[i], &texts[i]);
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
	r->reqs = w->reqs;
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
	size_t nv = o ? o->nvalues : 0;
	hvalues_src *texts = harena_zalloc(a, (nv ? nv : 1) * sizeof *texts);
	if (!texts)
		return herr_nomem(err);
	hmap *user = user_values(&x, o, texts);
	if (!user)
		return false;
	const char *type = "";
	hv *t = hmap_gets(c->metadata.m, "type");
	if (t && t->type == HT_STRING)
		type = t->s->data;
	if (*type && strcmp(type, "application"))
		return herr_set(err, HTMPL_ERR_CHART, "%s charts are not installable", type);
	/* the deprecation warning is printed by render.c check_chart */
	/* install's CheckDependencies; lint's templates rule has none (lint/deps-missing-templates) */
	if (!(o && (o->flags & HTMPL_RENDER_LINT_MODE)) && !hdeps_check(c, err))
		return false;
	hwchart *w = hdeps_build(&x, c);
	if (!w)
		return false;
	if (!hdeps_process(&x, w, user)) {
		/* helm 4's install.go logs and wraps ProcessDependencies' error
		 * (subcharts/err-type-mismatch); lint calls it without either */
		if (htmpl_env_get_helm_version(x.env) == 4 && o && (o->flags & HOPTS_F_INSTALL) &&
		    err && err->code != HTMPL_ERR_NOMEM && err->code != HTMPL_ERR_LIMIT) {
			hslog_line(warnings, "ERROR", "chart dependencies processing failed", "error",
			      err->message, NULL);
			herr e = HTMPL_ERROR_INIT;
			herr_set(&e, err->code, "chart dependencies processing failed: %s", err->message);
			htmpl_error_clear(err);
			herr_move(err, &e);
		}
		return false;
	}
	hmap *vals = hcoalesce_values(&x, w, user, false);
	/* lint coalesces twice (rules/template.go CoalesceValues, then ToRenderValues'): the
	 * nulls the first pass copied from the charts' values are dropped by the second, so
	 * they neither reach the schema nor the templates (lint/values-null-schema) */
	if (vals && o && (o->flags & HTMPL_RENDER_LINT_MODE))
		vals = hcoalesce_values(&x, w, vals, false);
	if (!vals)
		return false;
	if (!(o && (o->flags & HTMPL_RENDER_SKIP_SCHEMA)) && !hschema_validate_tree(&x, w, vals))
		return false;
	*root = build_rchart(&x, w, NULL, vals);
	if (*root) {
		(*root)->user_texts = texts;
		(*root)->nuser_texts = nv;
	}
	return *root != NULL;
}

bool hvalues_lint_tables(const hopts *o, harena *a, hmap *file_vals, hbuf *warnings, herr *err)
{
	hbuf scratch = HBUF_INIT; /* reading the overrides again says nothing new */
	hvctx x = {a, &scratch, err, o ? o->env : NULL};
	size_t nv = o ? o->nvalues : 0;
	hvalues_src *texts = harena_zalloc(a, (nv ? nv : 1) * sizeof *texts);
	if (!texts) {
		hbuf_free(&scratch);
		return herr_nomem(err);
	}
	hmap *user = user_values(&x, o, texts);
	hbuf_free(&scratch);
	x.warn = warnings;
	hmap *dst = user ? hmap_new(a, 0) : NULL, *src = file_vals ? hcoalesce_copy(a, file_vals) : NULL;
	if (!user)
		return false;
	if (!dst || (file_vals && !src))
		return herr_nomem(err);
	dst = hcoalesce_merge_tables(&x, dst, hcoalesce_copy(a, user), "", false);
	return dst && hcoalesce_merge_tables(&x, dst, src, "", false);
}
