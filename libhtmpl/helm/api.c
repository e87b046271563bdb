/* api.c - the public chart and render entry points of include/htmpl.h: loading charts,
 * building render options (the flags of `helm template`) and htmpl_render(). */
#include "helm/chart.h"
#include "helm/render.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- charts */

htmpl_chart *htmpl_chart_load(const htmpl_env *env, const char *path, htmpl_error *err)
{
	if (!env || !path) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_chart_load: NULL argument");
		return NULL;
	}
	return (htmpl_chart *)hchart_load(env, path, err);
}

void htmpl_chart_free(htmpl_chart *chart)
{
	if (chart)
		hchart_free(&chart->c);
}

const char *htmpl_chart_name(const htmpl_chart *chart)
{
	return chart && chart->c.name ? chart->c.name : "";
}

/* ---------------------------------------------------------------- options */

htmpl_render_opts *htmpl_render_opts_new(void)
{
	harena *a = harena_new();
	htmpl_render_opts *o = a ? harena_zalloc(a, sizeof *o) : NULL;
	if (!o) {
		harena_free(a);
		return NULL;
	}
	o->arena = a;
	return o;
}

void htmpl_render_opts_free(htmpl_render_opts *o)
{
	if (o)
		harena_free(o->arena);
}

static bool dup_to(htmpl_render_opts *o, const char *s, const char **dst)
{
	if (!o || !s)
		return false;
	char *d = harena_strdup(o->arena, s);
	if (!d)
		return false;
	*dst = d;
	return true;
}

/* Appends to one of the option arrays (they live in the options' arena). */
static void *grow(htmpl_render_opts *o, void *v, size_t n, size_t size)
{
	/* Capacity doubles at powers of two, so the count alone tells when to grow. */
	if (n && (n & (n - 1)))
		return v;
	size_t cap = n ? n * 2 : 4;
	return harena_realloc(o->arena, v, n * size, cap * size);
}

bool htmpl_render_opts_set_release(htmpl_render_opts *o, const char *name)
{
	return dup_to(o, name, &o->release);
}

bool htmpl_render_opts_set_namespace(htmpl_render_opts *o, const char *ns)
{
	return dup_to(o, ns, &o->ns);
}

static bool add_values(htmpl_render_opts *o, const char *name, const char *data, size_t len)
{
	hvalues_src *v = grow(o, o->values, o->nvalues, sizeof *v);
	if (!v)
		return false;
	o->values = v;
	hvalues_src s = {.len = len};
	if (!dup_to(o, name, &s.name))
		return false;
	if (data) {
		char *d = harena_alloc(o->arena, len + 1);
		if (!d)
			return false;
		memcpy(d, data, len);
		d[len] = 0;
		s.data = d;
	}
	o->values[o->nvalues++] = s;
	return true;
}

bool htmpl_render_opts_add_values_file(htmpl_render_opts *o, const char *path)
{
	return o && path && add_values(o, path, NULL, 0);
}

bool htmpl_render_opts_add_values_yaml(htmpl_render_opts *o, const char *name, const char *yaml,
                                       size_t len)
{
	return o && name && (yaml || !len) && add_values(o, name, yaml ? yaml : "", len);
}

bool htmpl_render_opts_add_set(htmpl_render_opts *o, htmpl_set_kind kind, const char *expr)
{
	if (!o || !expr)
		return false;
	hset_src *v = grow(o, o->sets, o->nsets, sizeof *v);
	if (!v)
		return false;
	o->sets = v;
	hset_src s = {.kind = kind};
	if (!dup_to(o, expr, &s.expr))
		return false;
	o->sets[o->nsets++] = s;
	return true;
}

bool htmpl_render_opts_set_kube_version(htmpl_render_opts *o, const char *version)
{
	return dup_to(o, version, &o->kube_version);
}

static bool push_str(htmpl_render_opts *o, const char ***arr, size_t *n, const char *s, size_t len)
{
	const char **v = grow(o, *arr, *n, sizeof *v);
	char *d = v ? harena_strndup(o->arena, s, len) : NULL;
	if (!d)
		return false;
	*arr = v;
	v[(*n)++] = d;
	return true;
}

/* pflag's StringSlice: the value is read as one CSV record, so `a,b` gives two entries.
 * Quotes are not interpreted here (no Kubernetes API version contains one). */
bool htmpl_render_opts_add_api_versions(htmpl_render_opts *o, const char *csv)
{
	if (!o || !csv)
		return false;
	if (!*csv)
		return true;
	for (const char *p = csv;;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		if (!push_str(o, &o->api_versions, &o->napi, p, len))
			return false;
		if (!c)
			return true;
		p = c + 1;
	}
}

bool htmpl_render_opts_add_show_only(htmpl_render_opts *o, const char *pattern)
{
	return o && pattern && push_str(o, &o->show_only, &o->nshow, pattern, strlen(pattern));
}

void htmpl_render_opts_set_flags(htmpl_render_opts *o, unsigned flags)
{
	if (o)
		o->flags = flags;
}

void htmpl_render_opts_set_env(htmpl_render_opts *o, const htmpl_env *env)
{
	if (o)
		o->env = env;
}

bool htmpl_render_opts_set_output_dir(htmpl_render_opts *o, const char *dir)
{
	if (!o)
		return false;
	if (!dir) {
		o->output_dir = NULL;
		return true;
	}
	return dup_to(o, dir, &o->output_dir);
}

/* ---------------------------------------------------------------- render */

char *htmpl_render(const htmpl_chart *chart, const htmpl_render_opts *opts, size_t *out_len,
                   char **warnings, htmpl_error *err)
{
	if (warnings)
		*warnings = NULL;
	if (!chart || !opts) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_render: NULL argument");
		return NULL;
	}
	hbuf out = HBUF_INIT, warn = HBUF_INIT;
	herr local = HTMPL_ERROR_INIT;
	herr *e = err ? err : &local;
	bool ok = hrender_chart(opts->env, &chart->c, opts, &out, &warn, e);
	if (warnings && warn.len && hbuf_ok(&warn))
		*warnings = hbuf_steal(&warn, NULL);
	hbuf_free(&warn);
	htmpl_error_clear(&local);
	if (!ok) {
		hbuf_free(&out);
		return NULL;
	}
	size_t len = out.len;
	char *s = len ? hbuf_steal(&out, NULL) : calloc(1, 1);
	hbuf_free(&out);
	if (!s) {
		herr_nomem(err);
		return NULL;
	}
	if (out_len)
		*out_len = len;
	return s;
}

/* ---------------------------------------------------------------- --debug */

char *htmpl_render_debug_files(const htmpl_chart *chart, const htmpl_render_opts *opts,
                               size_t *out_len, htmpl_error *err)
{
	if (!chart || !opts) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_render_debug_files: NULL argument");
		return NULL;
	}
	hbuf out = HBUF_INIT, warn = HBUF_INIT;
	bool ok = hrender_chart_files(opts->env, &chart->c, opts, &out, &warn, err);
	hbuf_free(&warn);
	if (!ok || !hbuf_ok(&out)) {
		hbuf_free(&out);
		if (ok)
			herr_nomem(err);
		return NULL;
	}
	size_t len = out.len;
	char *s = hbuf_steal(&out, NULL);
	if (out_len)
		*out_len = len;
	return s;
}
