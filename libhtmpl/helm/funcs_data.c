/* fn_data.c - the data template functions: Helm's toYaml, toYamlPretty, fromYaml,
 * fromYamlArray, toJson, fromJson, fromJsonArray, toToml, fromToml (pkg/engine/funcs.go) and
 * Sprig's mustToJson, toPrettyJson, mustToPrettyJson, toRawJson, mustToRawJson, mustFromJson
 * (sprig v3.3.0 defaults.go). helm3 exposes exactly these names (mustToYaml is helm4 only).
 *
 * Error behaviour follows each upstream: Helm's to* swallow errors (""), from* return the
 * error inside the value ({"Error": msg} or [msg]); toToml returns the error text; the must*
 * forms fail the template; Sprig's toRawJson panics, which Go reports as an error too. */
#include "helm/funcs.h"
#include "value/env.h"
#include "data/json.h"
#include "data/toml.h"
#include "data/yaml.h"

#include <string.h>

static uint64_t yaml_limit(hcall *c)
{
	return c->env ? c->env->limits[HTMPL_LIMIT_YAML_NODES] : HYAML_DEFAULT_MAX_NODES;
}

static bool str_result(hcall *c, hbuf *b, bool trim_nl, hv *out)
{
	if (!hbuf_ok(b)) {
		hbuf_free(b);
		return hcall_nomem(c);
	}
	size_t n = b->len;
	if (trim_nl && n && b->data[n - 1] == '\n')
		n--;
	bool ok = hv_string(c->arena, n ? b->data : "", n, out);
	hbuf_free(b);
	return ok || hcall_nomem(c);
}

/* A function failure that is not out of memory becomes the function's error. */
static bool call_error(hcall *c, herr *e)
{
	bool nomem = e->code == HTMPL_ERR_NOMEM;
	bool r = nomem ? hcall_nomem(c) : hcall_errorf(c, "%s", e->message ? e->message : "");
	htmpl_error_clear(e);
	return r;
}

/* ---------------------------------------------------------------- YAML */

static bool to_yaml(hcall *c, const hv *v, bool pretty, hv *out)
{
	hbuf b = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	bool ok = pretty ? hyaml_emit_pretty(&b, v, &e) : hyaml_emit(&b, v, &e);
	if (!ok) {
		hbuf_free(&b);
		if (e.code == HTMPL_ERR_NOMEM)
			return call_error(c, &e);
		htmpl_error_clear(&e);
		*out = hv_of_str(hstr_empty()); /* Helm swallows marshal errors */
		return true;
	}
	return str_result(c, &b, true, out);
}

static bool fn_toYaml(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	return to_yaml(c, &argv[0], false, out);
}

static bool fn_toYamlPretty(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	return to_yaml(c, &argv[0], true, out);
}

/* {"Error": msg}: Helm's from* report failures inside the result (added to what was decoded
 * when *out already holds a map). */
static bool error_map(hcall *c, herr *e, hv *out)
{
	if (e->code == HTMPL_ERR_NOMEM)
		return call_error(c, e);
	hmap *m = out->type == HT_MAP && out->m ? out->m : hmap_new(c->arena, 1);
	hv msg;
	bool ok = m && hv_string(c->arena, e->message, strlen(e->message), &msg) &&
	          hmap_set(m, "Error", 5, msg);
	htmpl_error_clear(e);
	if (!ok)
		return hcall_nomem(c);
	*out = hv_of_map(HT_MAP, m);
	return true;
}

static bool error_list(hcall *c, herr *e, hv *out)
{
	if (e->code == HTMPL_ERR_NOMEM)
		return call_error(c, e);
	hlist *l = hlist_new(c->arena, 1);
	hv msg;
	bool ok = l && hv_string(c->arena, e->message, strlen(e->message), &msg) && hlist_push(l, msg);
	htmpl_error_clear(e);
	if (!ok)
		return hcall_nomem(c);
	*out = hv_of_list(HT_LIST, l);
	return true;
}

static bool fn_fromYaml(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	herr e = HTMPL_ERROR_INIT;
	const hstr *s = argv[0].s;
	*out = hv_nil();
	if (!hyaml_load_map(c->arena, s->data, s->len, yaml_limit(c), "map[string]interface {}", out, &e))
		return error_map(c, &e, out);
	return true;
}

static bool fn_fromYamlArray(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	herr e = HTMPL_ERROR_INIT;
	const hstr *s = argv[0].s;
	if (!hyaml_load_list(c->arena, s->data, s->len, yaml_limit(c), out, &e))
		return error_list(c, &e, out);
	return true;
}

/* ---------------------------------------------------------------- JSON */

/* mode: 0 swallow errors (""), 1 report them. */
static bool to_json(hcall *c, const hv *v, unsigned flags, int report, hv *out)
{
	hbuf b = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	if (!hjson_encode(&b, v, flags, &e)) {
		hbuf_free(&b);
		if (report || e.code == HTMPL_ERR_NOMEM)
			return call_error(c, &e);
		htmpl_error_clear(&e);
		*out = hv_of_str(hstr_empty());
		return true;
	}
	return str_result(c, &b, false, out);
}

static bool fn_toJson(hcall *c, size_t n, const hv *a, hv *o) { (void)n; return to_json(c, &a[0], 0, 0, o); }
static bool fn_mustToJson(hcall *c, size_t n, const hv *a, hv *o) { (void)n; return to_json(c, &a[0], 0, 1, o); }
static bool fn_toPrettyJson(hcall *c, size_t n, const hv *a, hv *o) { (void)n; return to_json(c, &a[0], HJSON_PRETTY, 0, o); }
static bool fn_mustToPrettyJson(hcall *c, size_t n, const hv *a, hv *o) { (void)n; return to_json(c, &a[0], HJSON_PRETTY, 1, o); }
/* Sprig's toRawJson panics on error; Go turns the panic into the call's error. */
static bool fn_toRawJson(hcall *c, size_t n, const hv *a, hv *o) { (void)n; return to_json(c, &a[0], HJSON_RAW, 1, o); }
static bool fn_mustToRawJson(hcall *c, size_t n, const hv *a, hv *o) { (void)n; return to_json(c, &a[0], HJSON_RAW, 1, o); }

static const char *json_kind(const hv *v)
{
	switch (v->type) {
	case HT_BOOL:
		return "bool";
	case HT_STRING:
		return "string";
	case HT_LIST:
		return "array";
	case HT_MAP:
		return "object";
	default:
		return "number";
	}
}

/* json.Unmarshal into a map (want_list false) or []interface {} (true). */
static bool from_json(hcall *c, const hstr *s, bool want_list, hv *out, herr *e)
{
	if (!hjson_decode(c->arena, s->data, s->len, out, e)) {
		/* An out-of-range number at the top is first a type mismatch for Go (literalStore
		 * checks the target's kind): "cannot unmarshal number into ... []interface {}"
		 * (gosem/fromjson-range). */
		size_t i = 0;
		while (i < s->len && strchr(" \t\r\n", s->data[i]))
			i++;
		char c0 = i < s->len ? s->data[i] : 0;
		const char *top = c0 == '[' ? "array" : c0 == '{' ? "object" : (c0 == '-' || (c0 >= '0' && c0 <= '9')) ? "number" : NULL;
		bool range = e->message && strncmp(e->message, "json: cannot unmarshal number ", 30) == 0;
		if (range && top && strcmp(top, want_list ? "array" : "object") != 0) {
			htmpl_error_clear(e);
			*out = want_list ? hv_of_list(HT_LIST, hlist_new(c->arena, 0)) : hv_of_map(HT_MAP, hmap_new(c->arena, 0));
			if (!out->l)
				return herr_nomem(e);
			return herr_set(e, HTMPL_ERR_EXEC, "json: cannot unmarshal %s into Go value of type %s", top,
			                want_list ? "[]interface {}" : "map[string]interface {}");
		}
		if (out->type != (want_list ? HT_LIST : HT_MAP))
			*out = hv_nil();
		return false;
	}
	bool match = want_list ? out->type == HT_LIST : out->type == HT_MAP;
	if (match)
		return true;
	const char *kind = json_kind(out);
	if (out->type == HT_NIL) {
		/* Unmarshalling JSON null leaves the map or slice nil: it prints map[] or [], but
		 * toJson writes null (conf-funcs/fromjson-null, fromjsonarray-null). */
		if (!want_list) {
			*out = hv_of_map(HT_MAP, NULL);
			return true;
		}
		hlist *l = hlist_new(c->arena, 0);
		if (!l)
			return herr_nomem(e);
		*out = hv_of_list(HT_LIST, l);
		hv_set_nil_slice(out);
		return true;
	}
	if (want_list) {
		hlist *l = hlist_new(c->arena, 0);
		if (!l)
			return herr_nomem(e);
		*out = hv_of_list(HT_LIST, l);
	} else {
		hmap *m = hmap_new(c->arena, 0);
		if (!m)
			return herr_nomem(e);
		*out = hv_of_map(HT_MAP, m);
	}
	return herr_set(e, HTMPL_ERR_EXEC, "json: cannot unmarshal %s into Go value of type %s", kind,
	                want_list ? "[]interface {}" : "map[string]interface {}");
}

static bool fn_fromJson(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	herr e = HTMPL_ERROR_INIT;
	if (!from_json(c, argv[0].s, false, out, &e))
		return error_map(c, &e, out);
	return true;
}

static bool fn_fromJsonArray(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	herr e = HTMPL_ERROR_INIT;
	if (!from_json(c, argv[0].s, true, out, &e))
		return error_list(c, &e, out);
	return true;
}

/* Sprig's mustFromJson: any JSON value, or the error. */
static bool fn_mustFromJson(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	herr e = HTMPL_ERROR_INIT;
	if (!hjson_decode(c->arena, argv[0].s->data, argv[0].s->len, out, &e))
		return call_error(c, &e);
	return true;
}

/* ---------------------------------------------------------------- TOML */

static bool fn_toToml(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	hbuf b = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	/* The encoder asks reflect for the type of a nil interface and panics. */
	if (argv[0].type == HT_NIL || argv[0].type == HT_INVALID)
		return hcall_errorf(c, "reflect: call of reflect.Value.Type on zero Value");
	if (!htoml_encode_v(&b, &argv[0], htmpl_env_get_helm_version(c->env) == 4, &e)) {
		hbuf_free(&b);
		if (e.code == HTMPL_ERR_NOMEM)
			return call_error(c, &e);
		bool ok = hv_string(c->arena, e.message, strlen(e.message), out); /* Helm returns err.Error() */
		htmpl_error_clear(&e);
		return ok || hcall_nomem(c);
	}
	return str_result(c, &b, false, out);
}

static bool fn_fromToml(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	herr e = HTMPL_ERROR_INIT;
	if (!htoml_decode_v(c->arena, argv[0].s->data, argv[0].s->len,
	                    htmpl_env_get_helm_version(c->env) == 4, out, &e))
		return error_map(c, &e, out);
	return true;
}

static const hfunc_def defs[] = {
	{"toYaml", fn_toYaml, "v"},
	{"toYamlPretty", fn_toYamlPretty, "v"},
	{"fromYaml", fn_fromYaml, "s"},
	{"fromYamlArray", fn_fromYamlArray, "s"},
	{"toJson", fn_toJson, "v"},
	{"mustToJson", fn_mustToJson, "v"},
	{"toPrettyJson", fn_toPrettyJson, "v"},
	{"mustToPrettyJson", fn_mustToPrettyJson, "v"},
	{"toRawJson", fn_toRawJson, "v"},
	{"mustToRawJson", fn_mustToRawJson, "v"},
	{"fromJson", fn_fromJson, "s"},
	{"fromJsonArray", fn_fromJsonArray, "s"},
	{"mustFromJson", fn_mustFromJson, "s"},
	{"toToml", fn_toToml, "v"},
	{"fromToml", fn_fromToml, "s"},
};

bool hfuncs_data_register(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
