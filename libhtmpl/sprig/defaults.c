/* fn_defaults.c - Sprig's defaults.go flow helpers: default, empty, coalesce, all, any,
 * ternary. (`compact` lives with the lists, fromJson/toJson with the data functions,
 * `required`/`fail` with Helm's own functions.)
 *
 * "Empty" is Sprig's empty(): nil, false, 0, 0.0, "" and empty lists and maps are empty;
 * structs never are, pointers only when nil (hv_empty). Note the trap this gives:
 * `default 5 0` is 5 and `default true false` is true, so a deliberate false or 0 in the
 * values cannot survive `default`. */
#include "sprig/sprig.h"
#include "value/env.h"

/* default d [given]: Sprig's dfault(d, given...) looks at the first given value only. */
static bool fn_default(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = (argc < 2 || hv_empty(&argv[1])) ? argv[0] : argv[1];
	return true;
}

static bool fn_empty(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(hv_empty(&argv[0]));
	return true;
}

/* coalesce: the first non-empty value, else a nil interface. */
static bool fn_coalesce(hcall *c, size_t argc, const hv *argv, hv *out)
{
	for (size_t i = 0; i < argc; i++)
		if (!hv_empty(&argv[i])) {
			*out = argv[i];
			return true;
		}
	*out = hv_nil();
	return true;
}

static bool fn_all(hcall *c, size_t argc, const hv *argv, hv *out)
{
	bool r = true;
	for (size_t i = 0; i < argc && r; i++)
		r = !hv_empty(&argv[i]);
	*out = hv_bool(r);
	return true;
}

static bool fn_any(hcall *c, size_t argc, const hv *argv, hv *out)
{
	bool r = false;
	for (size_t i = 0; i < argc && !r; i++)
		r = !hv_empty(&argv[i]);
	*out = hv_bool(r);
	return true;
}

/* ternary vt vf cond: cond is a real bool parameter (`ternary 1 2 "x"` is a type error). */
static bool fn_ternary(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = argv[2].b ? argv[0] : argv[1];
	return true;
}

static const hfunc_def defs[] = {
	{"default", fn_default, "vv*"}, {"empty", fn_empty, "v"}, {"coalesce", fn_coalesce, "v*"},
	{"all", fn_all, "v*"},          {"any", fn_any, "v*"},    {"ternary", fn_ternary, "vvb"},
};

bool hsprig_defaults(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
