/* coalesce.c - Helm's pkg/chartutil/coalesce.go: coalesceValues, coalesceDeps,
 * coalesceGlobals and coalesceTablesFullKey, including the log lines it prints (e.g.
 * `coalesce.go:237: warning: skipped value for c.m: Not a table.`).
 *
 * Go maps are references; where Helm copies (copystructure.Copy, copyMap) we copy, and where
 * it shares we share, so the aliasing effects of the Go code carry over. Go iterates maps in
 * random order; we iterate in key order. */
#include "helm/coalesce.h"
#include "helm/slog.h"
#include "value/fmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

void hcoalesce_log(hvctx *x, const char *file_line, const char *fmt, ...)
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
			hslog_line(x->warn, "INFO", m.data, NULL);
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

static bool istable(const hv *v)
{
	return v && hv_is_map(v);
}

hmap *hcoalesce_copy(harena *a, const hmap *m)
{
	if (!m)
		return hmap_new(a, 0);
	hv in = hv_of_map(HT_MAP, (hmap *)m), out;
	if (!hv_deep_copy(a, &in, &out))
		return NULL;
	return out.m;
}

hmap_entry *hcoalesce_entries(hvctx *x, hmap *m, size_t *n)
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

hmap *hcoalesce_merge_tables(hvctx *x, hmap *dst, hmap *src, const char *prefix, bool merge)
{
	if (!src)
		return dst;
	if (!dst)
		return src;
	size_t n;
	hmap_entry *es = hcoalesce_entries(x, src, &n);
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
				if (!hcoalesce_merge_tables(x, dv->m, val->m, full, merge))
					return NULL;
			} else {
				hcoalesce_log(
				    x, "coalesce.go:298",
				    "warning: cannot overwrite table with non table for %s (%s)",
				    full, fmt_v(x, val));
			}
		} else if (istable(dv) && !hv_is_nil(val)) {
			hcoalesce_log(
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
	hmap *vc = hcoalesce_copy(x->a, c->values);
	if (!sub || !vc)
		return herr_nomem(x->err);
	size_t n;
	hmap_entry *es = hcoalesce_entries(x, vc, &n);
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
					hcoalesce_log(x, "coalesce.go:237",
						"warning: skipped value for %s.%s: Not a table.",
						sub, key->data);
			} else {
				char *full = concat_prefix(x, sub, key->data);
				if (!full)
					return herr_nomem(x->err);
				if (!hcoalesce_merge_tables(x, value->m, val->m, full,
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
		hcoalesce_log(x, "coalesce.go:138",
			"warning: skipping globals because destination %s is not a table.",
			"global");
		return true;
	} else {
		dg = d->m;
	}
	if (!s) {
		sg = hmap_new(x->a, 0);
	} else if (!istable(s)) {
		hcoalesce_log(x, "coalesce.go:145",
			"warning: skipping globals because source %s is not a table.", "global");
		return true;
	} else {
		sg = s->m;
	}
	if (!dg || !sg)
		return herr_nomem(x->err);
	size_t n;
	hmap_entry *es = hcoalesce_entries(x, sg, &n);
	if (n && !es)
		return false;
	for (size_t i = 0; i < n; i++) {
		hstr *key = es[i].key;
		hv *val = &es[i].val, *dv = hmap_get(dg, key->data, key->len);
		if (istable(val)) {
			hmap *vv = hmap_new(x->a, hmap_len(val->m)); /* copyMap: one level */
			size_t m;
			hmap_entry *ve = hcoalesce_entries(x, val->m, &m);
			if (!vv || (m && !ve))
				return herr_nomem(x->err);
			for (size_t k = 0; k < m; k++)
				if (!set_key(x, vv, ve[k].key, ve[k].val))
					return false;
			if (!dv) {
				if (!set_key(x, dg, key, hv_of_map(HT_MAP, vv)))
					return false;
			} else if (!istable(dv)) {
				hcoalesce_log(
				    x, "coalesce.go:161",
				    "Conflict: cannot merge map onto non-map for \"%s\". Skipping.",
				    key->data);
			} else {
				char *full = concat_prefix(x, prefix, key->data);
				if (!full || !hcoalesce_merge_tables(x, vv, dv->m, full, true))
					return herr_nomem(x->err);
				if (!set_key(x, dg, key, hv_of_map(HT_MAP, vv)))
					return false;
			}
		} else if (dv && istable(dv)) {
			hcoalesce_log(x, "coalesce.go:175", "key %s is table. Skipping", key->data);
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

hmap *hcoalesce_values(hvctx *x, hwchart *c, const hmap *vals, bool merge)
{
	hmap *v = hcoalesce_copy(x->a, vals);
	if (!v)
		return herr_nomem(x->err), NULL;
	return coalesce(x, c, v, "", merge) ? v : NULL;
}

hmap *hcoalesce_table(hmap *v, const char *path, size_t len, const char **bad, size_t *badlen)
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
