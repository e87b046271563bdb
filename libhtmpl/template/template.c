/* template.c - the public plain-template API of include/htmpl.h (htmpl_template_*):
 * Go's template.New(name).Parse(text) and ExecuteTemplate with data read from YAML, using
 * the same parser and executor as Helm rendering (missingkey=zero, <no value> kept). */
#include "template/exec.h"
#include "data/yaml.h"

#include <stdlib.h>
#include <string.h>

struct htmpl_template {
	htset *set;
	const henv *env;
};

htmpl_template *htmpl_template_parse(const htmpl_env *env, const char *name, const char *text,
                                     size_t len, htmpl_error *err)
{
	if (!env || !name || (!text && len)) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_template_parse: NULL argument");
		return NULL;
	}
	htmpl_template *t = calloc(1, sizeof *t);
	if (!t || !(t->set = htset_new(env))) {
		free(t);
		herr_nomem(err);
		return NULL;
	}
	t->env = env;
	htset_set_name(t->set, name);
	if (!htset_parse(t->set, name, text ? text : "", len, err)) {
		htmpl_template_free(t);
		return NULL;
	}
	return t;
}

void htmpl_template_free(htmpl_template *t)
{
	if (!t)
		return;
	htset_free(t->set);
	free(t);
}

/* Helm's required and fail (helm/funcs.c, engine.go's warnWrap) wrap their message in
 * HELM_ERR_START...HELM_ERR_END for the chart engine's cleanupExecError to find. A plain
 * template has no engine to unwrap them, so the markers are taken out here: the caller sees
 * `error calling fail: boom`, as a Go program with Helm's function map would print it. */
static void strip_markers(htmpl_error *err)
{
	static const char *const marks[] = {"HELM_ERR_START", "HELM_ERR_END"};
	if (!err || !err->message)
		return;
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(marks[k]);
		for (char *p; (p = strstr(err->message, marks[k]));)
			memmove(p, p + n, strlen(p + n) + 1);
	}
}

char *htmpl_template_execute(const htmpl_template *t, const char *name, const char *data_yaml,
                             size_t *out_len, htmpl_error *err)
{
	if (!t) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_template_execute: NULL template");
		return NULL;
	}
	harena *a = harena_new();
	if (!a) {
		herr_nomem(err);
		return NULL;
	}
	harena_set_limit(a, (size_t)t->env->limits[HTMPL_LIMIT_MEMORY_BYTES]);
	hv data = hv_invalid();
	char *res = NULL;
	if (!data_yaml || hyaml_load(a, data_yaml, strlen(data_yaml), &data, err)) {
		hexec_opts o = {.arena = a,
		                .max_depth = t->env->limits[HTMPL_LIMIT_INCLUDE_DEPTH],
		                .max_output = t->env->limits[HTMPL_LIMIT_OUTPUT_BYTES]};
		hbuf out = HBUF_INIT;
		if (hexec_execute(t->set, name ? name : t->set->name, &data, &o, &out, err))
			res = hbuf_steal(&out, out_len);
		if (!res && !herr_isset(err))
			herr_nomem(err);
		hbuf_free(&out);
	}
	harena_free(a);
	if (!res)
		strip_markers(err);
	return res;
}
