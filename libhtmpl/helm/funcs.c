/* fn_helm.c - the functions Helm's engine adds or overrides (pkg/engine/engine.go
 * initFunMap, pkg/engine/funcs.go): required, fail, lookup and getHostByName.
 *
 * required/fail wrap their message in HELM_ERR_START...HELM_ERR_END so that render.c can
 * turn the execution error into `execution error at (FILE:L:C): MSG`, as cleanupExecError
 * does. In lint mode they only log (`[INFO] Missing required value: ...`, `[INFO] Fail: ...`)
 * and return "". include and tpl need the executor and live in builtins.c.
 *
 * Also two methods of chartutil.Values (pkg/chartutil/values.go), registered under names no
 * template can spell and found by the executor's method table: YAML and Encode. */
#include "helm/funcs.h"
#include "value/env.h"
#include "helm/render_ctx.h"
#include "template/exec.h"
#include "data/yaml.h"
#include "helm/slog.h"

#include <string.h>

/* log.Printf as helm's CLI configures it (log.Lshortfile, no date): `engine.go:206: MSG`. */
static void log_line(hcall *c, const char *what, const hstr *msg)
{
	hrender *r = c->exec ? hexec_helm(c->exec) : NULL;
	hbuf *w = r ? r->warnings : NULL;
	if (!w)
		return;
	hbuf_puts(w, what);
	hbuf_put(w, msg->data, msg->len);
	hbuf_putc(w, '\n');
}

static bool wrapped(hcall *c, const hstr *msg)
{
	return hcall_errorf(c, "HELM_ERR_START%.*sHELM_ERR_END", (int)msg->len, msg->data);
}

/* required: a nil value or "" fails with the message; anything else passes through. */
static bool fn_required(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	const hv *val = &argv[1];
	bool missing = hv_is_nil(val) || (val->type == HT_STRING && val->s->len == 0);
	if (!missing) {
		*out = *val;
		return true;
	}
	if (c->lint_mode && htmpl_env_get_helm_version(c->env) == 4) {
		/* slog; "values" for an empty string (lint/templates-required) */
		hrender *r = c->exec ? hexec_helm(c->exec) : NULL;
		hslog_line(r ? r->warnings : NULL, "WARN", hv_is_nil(val) ? "missing required value"
		                                                     : "missing required values",
		      "message", argv[0].s->data, NULL);
		*out = hv_of_str(hstr_empty());
		return true;
	}
	if (c->lint_mode) {
		log_line(c, "engine.go:206: [INFO] Missing required value: ", argv[0].s);
		*out = hv_of_str(hstr_empty());
		return true;
	}
	return wrapped(c, argv[0].s);
}

static bool fn_fail(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	if (c->lint_mode && htmpl_env_get_helm_version(c->env) == 4) {
		hrender *r = c->exec ? hexec_helm(c->exec) : NULL;
		hslog_line(r ? r->warnings : NULL, "INFO", "funcMap fail", "message", argv[0].s->data, NULL);
		*out = hv_of_str(hstr_empty());
		return true;
	}
	if (c->lint_mode) {
		log_line(c, "engine.go:227: [INFO] Fail: ", argv[0].s);
		*out = hv_of_str(hstr_empty());
		return true;
	}
	return wrapped(c, argv[0].s);
}

/* Without a cluster (helm template), lookup always finds nothing: an empty map. */
static bool fn_lookup(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc, (void)argv;
	hmap *m = hmap_new(c->arena, 0);
	if (!m)
		return hcall_nomem(c);
	*out = hv_of_map(HT_MAP, m);
	return true;
}

/* DNS lookups are off unless --enable-dns: the answer is always "". */
static bool fn_get_host_by_name(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)c, (void)argc, (void)argv;
	*out = hv_of_str(hstr_empty());
	return true;
}

/* Values.YAML: sigs.k8s.io/yaml.Marshal of the map, final newline kept (unlike toYaml). */
static bool values_yaml(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	hv m = hv_of_map(HT_MAP, argv[0].m);
	hbuf b = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	bool ok = hyaml_emit(&b, &m, &e);
	if (!ok && e.code && e.code != HTMPL_ERR_NOMEM)
		hcall_errorf(c, "%s", e.message);
	else if (!ok || !hbuf_ok(&b) || !hv_string(c->arena, b.data ? b.data : "", b.len, out))
		ok = hcall_nomem(c);
	htmpl_error_clear(&e);
	hbuf_free(&b);
	return ok;
}

/* Values.Encode(w io.Writer): a template can only pass a nil writer, which Go dereferences. */
static bool values_encode(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc, (void)argv, (void)out;
	return hcall_errorf(c, "runtime error: invalid memory address or nil pointer dereference");
}

static const hfunc_def defs[] = {
	{"chartutil.Values.Encode", values_encode, "v"}, /* the executor checks io.Writer */
	{"chartutil.Values.YAML", values_yaml, ""},
	{"required", fn_required, "sv"},
	{"fail", fn_fail, "s"},
	{"lookup", fn_lookup, "ssss"},
	{"getHostByName", fn_get_host_by_name, "s"},
};

bool hfuncs_register(henv *env)
{
	return henv_add_defs(env, defs, sizeof defs / sizeof *defs);
}
