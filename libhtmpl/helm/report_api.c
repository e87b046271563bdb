/* report_api.c - the public face of htmpl's value reports (include/htmpl.h "value reports"):
 * htmpl_render_report, the htmpl_report accessors and printing, htmpl_values. Beyond Helm. */
#include "helm/render.h"
#include "helm/values_report.h"

#include <stdlib.h>
#include <string.h>

char *htmpl_render_report(const htmpl_chart *chart, const htmpl_render_opts *opts, unsigned what,
                          size_t *out_len, char **warnings, htmpl_report **report,
                          htmpl_error *err)
{
	if (warnings)
		*warnings = NULL;
	if (report)
		*report = NULL;
	if (!chart || !opts || !report) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_render_report: NULL argument");
		return NULL;
	}
	htmpl_report *rep = hvalues_report_new();
	if (!rep) {
		herr_nomem(err);
		return NULL;
	}
	hbuf out = HBUF_INIT, warn = HBUF_INIT;
	herr local = HTMPL_ERROR_INIT;
	herr *e = err ? err : &local;
	bool ok = hrender_chart_report(opts->env, &chart->c, opts, &out, &warn, what, rep, e);
	if (warnings && warn.len && hbuf_ok(&warn))
		*warnings = hbuf_steal(&warn, NULL);
	hbuf_free(&warn);
	htmpl_error_clear(&local);
	size_t len = out.len;
	char *s = ok ? (len ? hbuf_steal(&out, NULL) : calloc(1, 1)) : NULL;
	hbuf_free(&out);
	if (ok && !s)
		herr_nomem(err);
	if (!s) {
		htmpl_report_free(rep);
		return NULL;
	}
	if (out_len)
		*out_len = len;
	*report = rep;
	return s;
}

size_t htmpl_report_count(const htmpl_report *r) { return r ? r->n : 0; }

const htmpl_finding *htmpl_report_get(const htmpl_report *r, size_t i)
{
	return r && i < r->n ? &r->v[i] : NULL;
}

size_t htmpl_report_count_kind(const htmpl_report *r, htmpl_finding_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; r && i < r->n; i++)
		n += !kind || r->v[i].kind == kind;
	return n;
}

char *htmpl_report_format_text(const htmpl_report *r, htmpl_report_format format,
                               const char *prefix)
{
	hbuf b = HBUF_INIT;
	if (!hvalues_report_format(r, format, prefix, &b)) {
		hbuf_free(&b);
		return NULL;
	}
	char *s = b.len ? hbuf_steal(&b, NULL) : calloc(1, 1);
	hbuf_free(&b);
	return s;
}

void htmpl_report_free(htmpl_report *r)
{
	if (!r)
		return;
	harena_free(r->a);
	free(r);
}

char *htmpl_values(const htmpl_chart *chart, const htmpl_render_opts *opts, int show_origin,
                   char **warnings, htmpl_error *err)
{
	if (warnings)
		*warnings = NULL;
	if (!chart || !opts) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_values: NULL argument");
		return NULL;
	}
	hbuf out = HBUF_INIT, warn = HBUF_INIT;
	bool ok = hrender_values(opts->env, &chart->c, opts, show_origin != 0, &out, &warn, err);
	if (warnings && warn.len && hbuf_ok(&warn))
		*warnings = hbuf_steal(&warn, NULL);
	hbuf_free(&warn);
	char *s = ok && hbuf_ok(&out) ? (out.len ? hbuf_steal(&out, NULL) : calloc(1, 1)) : NULL;
	if (ok && !s)
		herr_nomem(err);
	hbuf_free(&out);
	return s;
}
