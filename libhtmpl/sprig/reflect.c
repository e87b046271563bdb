/* fn_reflect.c - Sprig's reflect.go: typeOf, typeIs, typeIsLike, kindOf, kindIs, and
 * deepEqual (reflect.DeepEqual itself).
 *
 * typeOf is fmt's %T: `float64` for YAML numbers, `int` for literals, `int64` for --set
 * integers, `[]interface {}`, `map[string]interface {}`, `chartutil.Values`,
 * `*semver.Version`, `<nil>` for nil. kindOf is reflect.Kind's name, `invalid` for nil, and
 * `ptr` (not `pointer`: helm 3.17 is built with Go 1.23, whose Kind.String says "ptr"). */
#include "sprig/sprig.h"
#include "value/env.h"

#include <string.h>

static bool str_is(const hstr *s, const char *name)
{
	size_t n = strlen(name);
	return s->len == n && memcmp(s->data, name, n) == 0;
}

static bool fn_typeOf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return htmpl_call_string(c, hv_type_name(&argv[0]), strlen(hv_type_name(&argv[0])), out);
}

static bool fn_typeIs(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(str_is(argv[0].s, hv_type_name(&argv[1])));
	return true;
}

/* typeIsLike t v: also true when v's type is *t. */
static bool fn_typeIsLike(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *t = hv_type_name(&argv[1]);
	const hstr *s = argv[0].s;
	bool like = str_is(s, t) ||
	            (t[0] == '*' && strlen(t) == s->len + 1 && memcmp(t + 1, s->data, s->len) == 0);
	*out = hv_bool(like);
	return true;
}

static bool fn_kindOf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *k = hv_kind_name(hv_kind_of(&argv[0]));
	return htmpl_call_string(c, k, strlen(k), out);
}

static bool fn_kindIs(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(str_is(argv[0].s, hv_kind_name(hv_kind_of(&argv[1]))));
	return true;
}

static bool fn_deepEqual(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(hv_deep_equal(&argv[0], &argv[1]));
	return true;
}

static const hfunc_def defs[] = {
	{"typeOf", fn_typeOf, "v"},         {"typeIs", fn_typeIs, "sv"},
	{"typeIsLike", fn_typeIsLike, "sv"}, {"kindOf", fn_kindOf, "v"},
	{"kindIs", fn_kindIs, "sv"},         {"deepEqual", fn_deepEqual, "vv"},
};

bool hsprig_reflect(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
