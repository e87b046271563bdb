/* deps.c - subchart dependencies: the missing-dependency check, enabling by tags and
 * conditions, aliases, version ranges and import-values.
 *
 * Reproduces helm v3.17.3 pkg/action/install.go CheckDependencies and
 * pkg/chartutil/dependencies.go (ProcessDependenciesWithMerge: processDependencyEnabled,
 * processDependencyTags, processDependencyConditions, getAliasDependency,
 * processImportValues in merge mode), including its log lines
 * (`dependencies.go:269: Warning: ImportValues missing table from chart sub: "x" is not a table`).
 * Helm mutates the chart; here the hwchart copies of one render change instead. A subchart
 * whose version is outside the declared range is treated as undeclared, as in Helm. */
#include "helm/slog.h"
#include "helm/deps.h"

#include "core/semver.h"

#include <stdio.h>
#include <string.h>

const char *hdeps_str(const hmap *dep, const char *key)
{
	hv *v = dep ? hmap_gets(dep, key) : NULL;
	return v && v->type == HT_STRING ? v->s->data : "";
}

static const char *chart_version(const hchart *c)
{
	return hdeps_str(c->metadata.m, "version");
}

/* chartutil.IsCompatibleRange: a bad constraint is incompatible, but running out of memory
 * is an error (set in x->err; the caller checks herr_isset), not an answer. */
static bool compatible(hvctx *x, const char *constraint, const char *version)
{
	hsemver v;
	bool ok = false;
	herr e = HTMPL_ERROR_INIT;
	if (!hsemver_parse(version, strlen(version), &v))
		return false;
	if (!hsemver_check(constraint, strlen(constraint), &v, &ok, &e)) {
		if (e.code == HTMPL_ERR_NOMEM)
			herr_nomem(x->err);
		htmpl_error_clear(&e);
		return false;
	}
	return ok;
}

bool hdeps_check(const hchart *c, herr *err)
{
	if (!hv_is_list(&c->dependencies))
		return true;
	hbuf missing = HBUF_INIT;
	hlist *l = c->dependencies.l;
	for (size_t i = 0; i < l->len; i++) {
		if (!hv_is_map(&l->v[i]))
			continue;
		const char *name = hdeps_str(l->v[i].m, "name");
		bool found = false;
		for (size_t k = 0; k < c->nsubcharts && !found; k++)
			found = !strcmp(c->subcharts[k]->name, name);
		if (!found) {
			if (missing.len)
				hbuf_puts(&missing, ", ");
			hbuf_puts(&missing, name);
		}
	}
	bool ok = missing.len == 0;
	if (!hbuf_ok(&missing))
		herr_nomem(err);
	else if (!ok)
		herr_set(err, HTMPL_ERR_CHART,
			 "An error occurred while checking for chart dependencies. You may need to "
			 "run `helm dependency "
			 "build` to fetch missing dependencies: found in Chart.yaml, but missing "
			 "in charts/ directory: %s",
			 hbuf_cstr(&missing));
	hbuf_free(&missing);
	return ok;
}

hwchart *hdeps_build(hvctx *x, const hchart *c)
{
	hwchart *w = harena_zalloc(x->a, sizeof *w);
	if (!w)
		return herr_nomem(x->err), NULL;
	w->chart = c;
	w->name = c->name;
	w->values = hv_is_map(&c->values) ? c->values.m : NULL;
	if (hv_is_list(&c->dependencies)) {
		hlist *src = c->dependencies.l;
		if (!(w->reqs = hlist_new(x->a, src->len)))
			return herr_nomem(x->err), NULL;
		for (size_t i = 0; i < src->len; i++) {
			hv item = src->v[i];
			if (hv_is_map(
				&item)) { /* own copy: processing renames and flags requirements */
				hmap *m = hcoalesce_copy(x->a, item.m);
				if (!m)
					return herr_nomem(x->err), NULL;
				item = hv_of_map(HT_MAP, m);
			}
			if (!hlist_push(w->reqs, item))
				return herr_nomem(x->err), NULL;
		}
	}
	if (c->nsubcharts && !(w->deps = harena_alloc(x->a, c->nsubcharts * sizeof *w->deps)))
		return herr_nomem(x->err), NULL;
	for (size_t i = 0; i < c->nsubcharts; i++)
		if (!(w->deps[w->ndeps++] = hdeps_build(x, c->subcharts[i])))
			return NULL;
	return w;
}

/* ------------------------------------------------------------------ enabled */

static hmap *req_at(const hwchart *c, size_t i)
{
	hv *v = &c->reqs->v[i];
	return hv_is_map(v) ? v->m : NULL;
}

/* getAliasDependency: a copy of the matching chart, renamed to the alias. */
static hwchart *alias_dep(hvctx *x, hwchart **charts, size_t n, hmap *req)
{
	const char *name = hdeps_str(req, "name");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(charts[i]->name, name) ||
		    !compatible(x, hdeps_str(req, "version"), chart_version(charts[i]->chart)))
			continue;
		hwchart *out = harena_alloc(x->a, sizeof *out);
		if (!out)
			return herr_nomem(x->err), NULL;
		*out = *charts[i];
		const char *alias = hdeps_str(req, "alias");
		if (*alias)
			out->name = alias;
		return out;
	}
	return NULL;
}

static bool set_bool(hvctx *x, hmap *m, const char *k, bool b)
{
	return hmap_set(m, k, strlen(k), hv_bool(b)) || herr_nomem(x->err);
}

/* processDependencyTags */
static void dep_tags(hvctx *x, hwchart *c, hmap *cvals)
{
	const char *bad;
	size_t bl;
	hmap *vt = hcoalesce_table(cvals, "tags", 4, &bad, &bl);
	if (!vt)
		return;
	for (size_t i = 0; i < c->reqs->len; i++) {
		hmap *r = req_at(c, i);
		hv *tags = r ? hmap_gets(r, "tags") : NULL;
		if (!tags || !hv_is_list(tags))
			continue;
		bool has_true = false, has_false = false;
		for (size_t k = 0; k < tags->l->len; k++) {
			hv *t = &tags->l->v[k];
			hv *b = t->type == HT_STRING ? hmap_get(vt, t->s->data, t->s->len) : NULL;
			if (!b)
				continue;
			if (b->type == HT_BOOL)
				*(b->b ? &has_true : &has_false) = true;
			else if (htmpl_env_get_helm_version(x->env) == 4)
				hslog_line(x->warn, "WARN", "returned non-bool value", "tag", t->s->data,
				      "chart", hdeps_str(r, "name"), NULL);
			else
				hcoalesce_log(x, "dependencies.go:94",
					"Warning: Tag '%s' for chart %s returned non-bool value",
					t->s->data, hdeps_str(r, "name"));
		}
		if (!has_true && has_false)
			set_bool(x, r, "enabled", false);
		else
			set_bool(x, r, "enabled", true);
	}
}

/* Values.PathValue: a non-table value at a dotted path. */
static hv *path_value(hmap *v, const char *path)
{
	const char *last = strrchr(path, '.');
	if (!last) {
		hv *e = hmap_gets(v, path);
		return e && !hv_is_map(e) ? e : NULL;
	}
	const char *bad;
	size_t bl;
	hmap *t = hcoalesce_table(v, path, (size_t)(last - path), &bad, &bl);
	if (!t)
		return NULL;
	hv *e = hmap_gets(t, last + 1);
	return e && !hv_is_map(e) ? e : NULL;
}

/* processDependencyConditions: the first condition path holding a bool decides. */
static bool dep_conditions(hvctx *x, hwchart *c, hmap *cvals, const char *cpath)
{
	for (size_t i = 0; i < c->reqs->len; i++) {
		hmap *r = req_at(c, i);
		if (!r)
			continue;
		const char *cond = hdeps_str(r, "condition");
		while (*cond == ' ' || (*cond >= '\t' && *cond <= '\r'))
			cond++;
		size_t cl = strlen(cond);
		while (cl &&
		       (cond[cl - 1] == ' ' || (cond[cl - 1] >= '\t' && cond[cl - 1] <= '\r')))
			cl--;
		for (const char *p = cond, *end = cond + cl; p < end;) {
			const char *comma = memchr(p, ',', (size_t)(end - p));
			size_t n = comma ? (size_t)(comma - p) : (size_t)(end - p);
			if (n) {
				size_t fl = strlen(cpath) + n + 1;
				char *full = harena_alloc(x->a, fl);
				if (!full)
					return herr_nomem(x->err);
				snprintf(full, fl, "%s%.*s", cpath, (int)n, p);
				hv *v = path_value(cvals, full);
				if (v && v->type == HT_BOOL) {
					if (!set_bool(x, r, "enabled", v->b))
						return false;
					break;
				}
				if (v && htmpl_env_get_helm_version(x->env) == 4) {
					char *path = harena_strndup(x->a, p, n);
					if (!path)
						return herr_nomem(x->err);
					hslog_line(x->warn, "WARN", "returned non-bool value", "path", path,
					      "chart", hdeps_str(r, "name"), NULL);
				} else if (v)
					hcoalesce_log(x, "dependencies.go:63",
						"Warning: Condition path '%.*s' for chart %s "
						"returned non-bool value",
						(int)n, p, hdeps_str(r, "name"));
			}
			p += n + (comma ? 1 : 0);
			if (!comma)
				break;
		}
	}
	return true;
}

static bool req_enabled(const hmap *r)
{
	hv *e = hmap_gets(r, "enabled");
	return e && e->type == HT_BOOL && e->b;
}

/* The charts and requirements that stay after tags and conditions. */
static bool drop_disabled(hvctx *x, hwchart *c, hlist **reqs_out)
{
	hlist *keep = hlist_new(x->a, c->reqs->len);
	if (!keep)
		return herr_nomem(x->err);
	size_t nd = 0;
	for (size_t i = 0; i < c->ndeps; i++) {
		bool rm = false;
		for (size_t k = 0; k < c->reqs->len && !rm; k++) {
			hmap *r = req_at(c, k);
			rm =
			    r && !req_enabled(r) && !strcmp(hdeps_str(r, "name"), c->deps[i]->name);
		}
		if (!rm)
			c->deps[nd++] = c->deps[i];
	}
	c->ndeps = nd;
	for (size_t k = 0; k < c->reqs->len; k++) {
		hmap *r = req_at(c, k);
		bool rm = false;
		for (size_t j = 0; r && j < c->reqs->len && !rm; j++) {
			hmap *o = req_at(c, j);
			rm = o && !req_enabled(o) &&
			     !strcmp(hdeps_str(o, "name"), hdeps_str(r, "name"));
		}
		if (r && !rm && !hlist_push(keep, c->reqs->v[k]))
			return herr_nomem(x->err);
	}
	*reqs_out = keep;
	return true;
}

/* The dependency list of processDependencyEnabled: undeclared charts, then declared ones. */
static bool resolve_deps(hvctx *x, hwchart *c)
{
	size_t cap = c->ndeps + c->reqs->len;
	hwchart **out = harena_alloc(x->a, (cap ? cap : 1) * sizeof *out);
	size_t n = 0;
	if (!out)
		return herr_nomem(x->err);
	for (size_t i = 0; i < c->ndeps; i++) {
		bool declared = false;
		for (size_t k = 0; k < c->reqs->len && !declared; k++) {
			hmap *r = req_at(c, k);
			declared =
			    r && !strcmp(c->deps[i]->name, hdeps_str(r, "name")) &&
			    compatible(x, hdeps_str(r, "version"), chart_version(c->deps[i]->chart));
		}
		if (herr_isset(x->err))
			return false;
		if (!declared)
			out[n++] = c->deps[i];
	}
	for (size_t k = 0; k < c->reqs->len; k++) {
		hmap *r = req_at(c, k);
		if (!r)
			continue;
		hwchart *d = alias_dep(x, c->deps, c->ndeps, r);
		if (herr_isset(x->err))
			return false;
		if (d)
			out[n++] = d;
		hv *alias = hmap_gets(r, "alias");
		if (alias && alias->type == HT_STRING && alias->s->len &&
		    !hmap_set(r, "name", 4, *alias))
			return herr_nomem(x->err);
	}
	c->deps = out;
	c->ndeps = n;
	return true;
}

static bool dep_enabled(hvctx *x, hwchart *c, hmap *v, const char *path, int depth)
{
	if (!c->reqs)
		return true;
	if (depth > 64)
		return herr_set(x->err, HTMPL_ERR_LIMIT,
				"subcharts nested more than 64 levels deep");
	if (!resolve_deps(x, c))
		return false;
	for (size_t k = 0; k < c->reqs->len; k++)
		if (req_at(c, k) && !set_bool(x, req_at(c, k), "enabled", true))
			return false;
	hmap *cvals = hcoalesce_values(x, c, v, false);
	if (!cvals)
		return false;
	dep_tags(x, c, cvals);
	if (!dep_conditions(x, c, cvals, path))
		return false;
	hlist *keep = NULL;
	if (!drop_disabled(x, c, &keep))
		return false;
	for (size_t i = 0; i < c->ndeps; i++) {
		size_t n = strlen(path) + strlen(c->deps[i]->name) + 2;
		char *sub = harena_alloc(x->a, n);
		if (!sub)
			return herr_nomem(x->err);
		snprintf(sub, n, "%s%s.", path, c->deps[i]->name);
		if (!dep_enabled(x, c->deps[i], cvals, sub, depth + 1))
			return false;
	}
	c->reqs = keep;
	return true;
}

/* ------------------------------------------------------------------ import-values */

/* pathToMap: data nested under a dotted path ("." = data itself). */
static hmap *path_to_map(hvctx *x, const char *path, hmap *data)
{
	if (!strcmp(path, "."))
		return data;
	hmap *cur = data;
	const char *end = path + strlen(path);
	while (true) {
		const char *dot = end;
		while (dot > path && dot[-1] != '.')
			dot--;
		hmap *m = hmap_new(x->a, 1);
		if (!m || !hmap_set(m, dot, (size_t)(end - dot), hv_of_map(HT_MAP, cur)))
			return herr_nomem(x->err), NULL;
		cur = m;
		if (dot == path)
			return cur;
		end = dot - 1;
	}
}

static hmap *as_map(hvctx *x, hmap *m)
{
	return hmap_len(m) ? m : hmap_new(x->a, 0);
}

static bool push_pair(hvctx *x, hlist *out, const char *child, const char *parent)
{
	hmap *m = hmap_new(x->a, 2);
	hstr *c = hstr_cstr(x->a, child), *p = hstr_cstr(x->a, parent);
	if (!m || !c || !p || !hmap_set(m, "child", 5, hv_of_str(c)) ||
	    !hmap_set(m, "parent", 6, hv_of_str(p)) || !hlist_push(out, hv_of_map(HT_STRMAP, m)))
		return herr_nomem(x->err);
	return true;
}

/* One import-values item of requirement r into b. */
static bool import_one(hvctx *x, hmap *cvals, hmap *r, const hv *iv, hmap **b, hlist *outiv)
{
	const char *rname = hdeps_str(r, "name"), *child, *parent = ".";
	char *full;
	bool map_form = hv_is_map(iv);
	if (map_form) {
		hv *c = hmap_gets(iv->m, "child"), *p = hmap_gets(iv->m, "parent");
		if (!c || c->type != HT_STRING || !p || p->type != HT_STRING)
			return herr_set(x->err, HTMPL_ERR_CHART,
					"import-values of %s: child and parent must be strings",
					rname);
		child = c->s->data, parent = p->s->data;
		full = harena_alloc(x->a, strlen(rname) + strlen(child) + 2);
		if (full)
			sprintf(full, "%s.%s", rname, child);
	} else if (iv->type == HT_STRING) {
		full = harena_alloc(x->a, strlen(rname) + iv->s->len + 10);
		child = full ? full + strlen(rname) + 1 : "";
		if (full)
			sprintf(full, "%s.exports.%s", rname, iv->s->data);
	} else {
		return true;
	}
	if (!full || !push_pair(x, outiv, child, parent))
		return herr_nomem(x->err);
	const char *bad;
	size_t bl;
	hmap *t = hcoalesce_table(cvals, full, strlen(full), &bad, &bl);
	if (!t && htmpl_env_get_helm_version(x->env) == 4) {
		char *e = harena_alloc(x->a, bl + 32);
		if (!e)
			return herr_nomem(x->err);
		snprintf(e, bl + 32, "\"%.*s\" is not a table", (int)bl, bad);
		if (map_form)
			hslog_line(x->warn, "WARN", "ImportValues missing table from chart", "chart", rname,
			      "error", e, NULL);
		else
			hslog_line(x->warn, "WARN", "ImportValues missing table", "error", e, NULL);
		return true;
	}
	if (!t) {
		if (map_form)
			hcoalesce_log(x, "dependencies.go:269",
				"Warning: ImportValues missing table from chart %s: \"%.*s\" is "
				"not a table",
				rname, (int)bl, bad);
		else
			hcoalesce_log(x, "dependencies.go:286",
				"Warning: ImportValues missing table: \"%.*s\" is not a table",
				(int)bl, bad);
		return true;
	}
	hmap *src = map_form ? path_to_map(x, parent, as_map(x, t)) : as_map(x, t);
	if (!src || !(*b = hcoalesce_merge_tables(x, *b, src, "", true)))
		return herr_nomem(x->err);
	return true;
}

/* processImportValues (merge mode): children's tables into the parent's values, parent wins. */
static bool import_values(hvctx *x, hwchart *c)
{
	if (!c->reqs)
		return true;
	hmap *cvals = hcoalesce_values(x, c, NULL, true), *b = hmap_new(x->a, 0);
	if (!cvals || !b)
		return herr_isset(x->err) ? false : herr_nomem(x->err);
	for (size_t i = 0; i < c->reqs->len; i++) {
		hmap *r = req_at(c, i);
		if (!r)
			continue;
		hv *ivs = hmap_gets(r, "import-values");
		size_t n = ivs && hv_is_list(ivs) && ivs->l ? ivs->l->len : 0;
		hlist *outiv = hlist_new(x->a, n);
		if (!outiv)
			return herr_nomem(x->err);
		for (size_t k = 0; k < n; k++)
			if (!import_one(x, cvals, r, &ivs->l->v[k], &b, outiv))
				return false;
		/* r.ImportValues = outiv for every requirement: nil without pairs (helm 4's .Chart
		 * shows that as an empty list) */
		hv out = hv_of_list(HT_LIST, outiv);
		if (!outiv->len && htmpl_env_get_helm_version(x->env) != 4)
			hv_set_nil_slice(&out);
		if (!hmap_set(r, "import-values", 13, out))
			return herr_nomem(x->err);
	}
	hmap *copy = hcoalesce_copy(x->a, cvals);
	if (!copy)
		return herr_nomem(x->err);
	c->values = hcoalesce_merge_tables(x, copy, b, "", true);
	return c->values != NULL;
}

static bool import_tree(hvctx *x, hwchart *c, int depth)
{
	if (depth > 64)
		return herr_set(x->err, HTMPL_ERR_LIMIT,
				"subcharts nested more than 64 levels deep");
	for (size_t i = 0; i < c->ndeps; i++)
		if (!import_tree(x, c->deps[i], depth + 1))
			return false;
	return import_values(x, c);
}

bool hdeps_process(hvctx *x, hwchart *c, hmap *vals)
{
	return dep_enabled(x, c, vals, "", 0) && import_tree(x, c, 0);
}
