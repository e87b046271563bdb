/* fn_dicts.c - Sprig's dict.go: dict, get, set, unset, hasKey, pluck, keys, values, pick,
 * omit, merge, mergeOverwrite (dario.cat/mergo v1.0.1), deepCopy and dig.
 *
 * Map parameters are Go's map[string]interface {} (signature letter m), so results are
 * plain maps even when chartutil.Values came in, and they are the *same* map: set, unset,
 * merge and mergeOverwrite mutate their first argument. Go ranges over maps in random
 * order; where Sprig's output depends on it (keys, values) we use sorted key order, which
 * is one of the orders helm can print. */
#include "sprig/sprig.h"
#include "value/fmt.h"
#include "value/env.h"

#include <string.h>

/* A nil map[string]interface {} reads as empty; writing to one makes a new map. */
static hmap *ensure_map(hcall *c, const hv *v)
{
	return v->m ? v->m : hmap_new(c->arena, 0);
}

static bool map_result(hcall *c, hmap *m, hv *out)
{
	if (!m)
		return hcall_nomem(c);
	*out = hv_of_map(HT_MAP, m);
	return true;
}

/* strval: strings as they are, everything else through %v (Stringers included). */
static bool strval(hcall *c, const hv *v, hstr **out)
{
	if (v->type == HT_STRING || v->type == HT_BYTES) {
		*out = v->s;
		return true;
	}
	hbuf b = HBUF_INIT;
	hfmt_value(&b, v);
	*out = hbuf_ok(&b) ? hstr_new(c->arena, b.len ? b.data : "", b.len) : NULL;
	hbuf_free(&b);
	return *out || hcall_nomem(c);
}

static bool fn_dict(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hmap *m = hmap_new(c->arena, argc / 2 + 1);
	if (!m)
		return hcall_nomem(c);
	for (size_t i = 0; i < argc; i += 2) {
		hstr *k;
		if (!strval(c, &argv[i], &k))
			return false;
		hv val = i + 1 < argc ? argv[i + 1] : hv_of_str(hstr_empty());
		if (!hmap_set_str(m, k, val))
			return hcall_nomem(c);
	}
	return map_result(c, m, out);
}

static bool fn_get(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hv *v = hmap_get(argv[0].m, argv[1].s->data, argv[1].s->len);
	*out = v ? *v : hv_of_str(hstr_empty());
	return true;
}

/* set on a nil map is Go's `assignment to entry in nil map` panic. */
static bool fn_set(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!argv[0].m)
		return hcall_errorf(c, "assignment to entry in nil map");
	if (!hmap_set(argv[0].m, argv[1].s->data, argv[1].s->len, argv[2]))
		return hcall_nomem(c);
	*out = hv_of_map(HT_MAP, argv[0].m);
	return true;
}

static bool fn_unset(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (argv[0].m)
		hmap_del(argv[0].m, argv[1].s->data, argv[1].s->len);
	*out = hv_of_map(HT_MAP, argv[0].m);
	return true;
}

static bool fn_hasKey(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(hmap_get(argv[0].m, argv[1].s->data, argv[1].s->len) != NULL);
	return true;
}

static bool fn_pluck(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l = hlist_new(c->arena, argc);
	if (!l)
		return hcall_nomem(c);
	for (size_t i = 1; i < argc; i++) {
		hv *v = hmap_get(argv[i].m, argv[0].s->data, argv[0].s->len);
		if (v)
			l->v[l->len++] = *v;
	}
	*out = hv_of_list(HT_LIST, l);
	return true;
}

/* keys d…: a []string; each map's keys in sorted order, maps one after another. */
static bool fn_keys(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l = hlist_new(c->arena, 0);
	if (!l)
		return hcall_nomem(c);
	for (size_t i = 0; i < argc; i++) {
		size_t n = hmap_len(argv[i].m);
		hmap_entry **e = n ? hmap_sorted(argv[i].m) : NULL;
		if (n && !e)
			return hcall_nomem(c);
		for (size_t j = 0; j < n; j++)
			if (!hlist_push(l, hv_of_str(e[j]->key)))
				return hcall_nomem(c);
	}
	*out = hv_of_list(HT_STRLIST, l);
	return true;
}

static bool fn_values(hcall *c, size_t argc, const hv *argv, hv *out)
{
	size_t n = hmap_len(argv[0].m);
	hlist *l = hlist_new(c->arena, n);
	hmap_entry **e = n ? hmap_sorted(argv[0].m) : NULL;
	if (!l || (n && !e))
		return hcall_nomem(c);
	for (size_t j = 0; j < n; j++)
		l->v[l->len++] = e[j]->val;
	*out = hv_of_list(HT_LIST, l);
	return true;
}

static bool fn_pick(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hmap *m = hmap_new(c->arena, argc);
	if (!m)
		return hcall_nomem(c);
	for (size_t i = 1; i < argc; i++) {
		hv *v = hmap_get(argv[0].m, argv[i].s->data, argv[i].s->len);
		if (v && !hmap_set_str(m, argv[i].s, *v))
			return hcall_nomem(c);
	}
	return map_result(c, m, out);
}

static bool fn_omit(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hmap *src = argv[0].m;
	hmap *m = hmap_new(c->arena, hmap_len(src));
	if (!m)
		return hcall_nomem(c);
	for (size_t i = 0; src && i < src->n; i++) {
		const hmap_entry *e = &src->e[i];
		bool drop = false;
		if (!e->key)
			continue;
		for (size_t j = 1; j < argc && !drop; j++)
			drop = argv[j].s->len == e->key->len &&
			       memcmp(argv[j].s->data, e->key->data, e->key->len) == 0;
		if (!drop && !hmap_set_str(m, e->key, e->val))
			return hcall_nomem(c);
	}
	return map_result(c, m, out);
}

/* ------------------------------------------------------------------ merge (mergo) */

/* mergo's deepMerge for two maps, reduced to what map[string]interface {} can hold:
 *   - a nil src value is skipped, or stored when overwriting;
 *   - two maps merge recursively; a dst map that is empty is then replaced by src's;
 *   - anything else (lists included: never merged) replaces dst's value when overwriting,
 *     when dst lacks the key, or when dst's value is empty (nil, false, 0, "", empty
 *     list/map). So merge fills `enabled: false` from src. */
static bool merge_maps(hmap *dst, const hmap *src, bool overwrite, int depth)
{
	if (!src || depth > 10000)
		return true;
	for (size_t i = 0; i < src->n; i++) {
		const hmap_entry *e = &src->e[i];
		if (!e->key)
			continue;
		const hv *s = &e->val;
		hv *d = hmap_get(dst, e->key->data, e->key->len);
		if (hv_is_nil(s)) {
			if (overwrite && !hmap_set_str(dst, e->key, hv_nil()))
				return false;
			continue;
		}
		if (hv_is_map(s) && d && hv_is_map(d)) {
			if (d->m && !merge_maps(d->m, s->m, overwrite, depth + 1))
				return false;
			if (!hv_empty(d))
				continue;
		} else if (hv_is_list(s) && d && !hv_empty(d) && !overwrite) {
			continue;
		}
		if ((overwrite || !d || hv_empty(d)) && !hmap_set_str(dst, e->key, *s))
			return false;
	}
	return true;
}

static bool do_merge(hcall *c, size_t argc, const hv *argv, hv *out, bool overwrite)
{
	/* mergo leaves a nil destination nil when every source is nil too */
	bool all_nil = true;
	for (size_t i = 0; i < argc && all_nil; i++)
		all_nil = argv[i].m == NULL;
	if (all_nil) {
		*out = hv_of_map(HT_MAP, NULL);
		return true;
	}
	hmap *dst = ensure_map(c, &argv[0]);
	if (!dst)
		return hcall_nomem(c);
	for (size_t i = 1; i < argc; i++)
		if (!merge_maps(dst, argv[i].m, overwrite, 0))
			return hcall_nomem(c);
	*out = hv_of_map(HT_MAP, dst);
	return true;
}

static bool fn_merge(hcall *c, size_t n, const hv *a, hv *o) { return do_merge(c, n, a, o, false); }
static bool fn_mergeOverwrite(hcall *c, size_t n, const hv *a, hv *o) { return do_merge(c, n, a, o, true); }

/* ------------------------------------------------------------------ deepCopy, dig */

/* copystructure.Copy: nil panics inside reflect. */
static bool fn_deepCopy(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (hv_is_nil(&argv[0]))
		return hcall_errorf(c, "reflect: call of reflect.Value.Type on zero Value");
	return hv_deep_copy(c->arena, &argv[0], out) || hcall_nomem(c);
}

/* The Go type named in a failed interface conversion (nil for a nil interface). */
static const char *conv_name(const hv *v) { return hv_is_nil(v) ? "nil" : hv_type_name(v); }

static bool not_map(hcall *c, const hv *v)
{
	return hcall_errorf(c, "interface conversion: interface {} is %s, not map[string]interface {}",
	                    conv_name(v));
}

/* dig k1 k2… default dict: type assertions, so chartutil.Values is not a map here. */
static bool fn_dig(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (argc < 3)
		return hcall_errorf(c, "dig needs at least three arguments");
	const hv *d = &argv[argc - 1];
	if (d->type != HT_MAP)
		return not_map(c, d);
	size_t nk = argc - 2;
	for (size_t i = 0; i < nk; i++)
		if (argv[i].type != HT_STRING)
			return hcall_errorf(c, "interface conversion: interface {} is %s, not string",
			                    conv_name(&argv[i]));
	for (size_t i = 0; i < nk; i++) {
		hv *step = hmap_get(d->m, argv[i].s->data, argv[i].s->len);
		if (!step) {
			*out = argv[argc - 2];
			return true;
		}
		if (i + 1 == nk) {
			*out = *step;
			return true;
		}
		if (step->type != HT_MAP)
			return not_map(c, step);
		d = step;
	}
	return true;
}

static const hfunc_def defs[] = {
	{"dict", fn_dict, "v*"},
	{"get", fn_get, "ms"},
	{"set", fn_set, "msv"},
	{"unset", fn_unset, "ms"},
	{"hasKey", fn_hasKey, "ms"},
	{"pluck", fn_pluck, "sm*"},
	{"keys", fn_keys, "m*"},
	{"values", fn_values, "m"},
	{"pick", fn_pick, "ms*"},
	{"omit", fn_omit, "ms*"},
	{"merge", fn_merge, "mm*"},
	{"mustMerge", fn_merge, "mm*"},
	{"mergeOverwrite", fn_mergeOverwrite, "mm*"},
	{"mustMergeOverwrite", fn_mergeOverwrite, "mm*"},
	{"deepCopy", fn_deepCopy, "v"},
	{"mustDeepCopy", fn_deepCopy, "v"},
	{"dig", fn_dig, "v*"},
};

bool hsprig_dict(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
