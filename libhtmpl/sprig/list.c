/* fn_lists.c - Sprig's list.go: list/tuple, first, last, rest, initial, append/push,
 * prepend, concat, reverse, uniq, without, has, compact, slice, chunk and their mustX forms.
 *
 * Sprig reaches lists through reflect, so any slice works ([]interface {}, []string, []int,
 * []uint8), and everything else panics with `Cannot find first on type string` (the kind,
 * not the type: `map`, `ptr`). A nil argument makes reflect.TypeOf(nil).Kind() dereference
 * nil, which Go reports as `runtime error: invalid memory address or nil pointer
 * dereference`. Panics and errors read the same once text/template reports them, so each
 * mustX is the same function as X. Equality is reflect.DeepEqual (hv_deep_equal): `1`, `1.0`
 * and `"1"` are three different values. */
#include "sprig/sprig.h"
#include "value/env.h"
#include "core/strconv.h"

#include <math.h>
#include <string.h>

static const char nil_deref[] = "runtime error: invalid memory address or nil pointer dereference";

static bool is_slice(const hv *v) { return hv_is_list(v) || v->type == HT_BYTES; }

static size_t slice_len(const hv *v)
{
	if (v->type == HT_BYTES)
		return v->s->len;
	return v->l ? v->l->len : 0;
}

static hv slice_at(const hv *v, size_t i)
{
	if (v->type == HT_BYTES) {
		hv b = {.type = HT_UINT8};
		b.u = (unsigned char)v->s->data[i];
		return b;
	}
	return v->l->v[i];
}

/* Sprig's reflect.TypeOf(list).Kind() switch: true for a slice, else the panic text. */
static bool need_slice(hcall *c, const hv *v, const char *fmt)
{
	if (hv_is_nil(v))
		return hcall_errorf(c, "%s", nil_deref);
	if (!is_slice(v))
		return hcall_errorf(c, fmt, hv_kind_name(hv_kind_of(v)));
	return true;
}

static bool new_list(hcall *c, size_t cap, hlist **l, hv *out)
{
	*l = hlist_new(c->arena, cap);
	if (!*l)
		return hcall_nomem(c);
	*out = hv_of_list(HT_LIST, *l);
	return true;
}

/* Copies items [from, to) of any slice into a new []interface {}. */
static bool copy_range(hcall *c, const hv *v, size_t from, size_t to, hv *out)
{
	hlist *l;
	if (!new_list(c, to - from, &l, out))
		return false;
	for (size_t i = from; i < to; i++)
		l->v[l->len++] = slice_at(v, i);
	return true;
}

static bool fn_list(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l;
	if (!new_list(c, argc, &l, out))
		return false;
	for (size_t i = 0; i < argc; i++)
		l->v[l->len++] = argv[i];
	return true;
}

static bool fn_push(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot push on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	if (!copy_range(c, &argv[0], 0, n, out) || !hlist_push(out->l, argv[1]))
		return c->failed ? false : hcall_nomem(c);
	return true;
}

static bool fn_prepend(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot prepend on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	hlist *l;
	if (!new_list(c, n + 1, &l, out))
		return false;
	l->v[l->len++] = argv[1];
	for (size_t i = 0; i < n; i++)
		l->v[l->len++] = slice_at(&argv[0], i);
	return true;
}

static bool fn_first(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot find first on type %s"))
		return false;
	*out = slice_len(&argv[0]) ? slice_at(&argv[0], 0) : hv_nil();
	return true;
}

static bool fn_last(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot find last on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	*out = n ? slice_at(&argv[0], n - 1) : hv_nil();
	return true;
}

static bool fn_rest(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot find rest on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	if (!copy_range(c, &argv[0], n ? 1 : 0, n, out))
		return false;
	if (!n) /* Sprig returns a nil []interface {} for an empty list */
		hv_set_nil_slice(out);
	return true;
}

static bool fn_initial(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot find initial on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	if (!copy_range(c, &argv[0], 0, n ? n - 1 : 0, out))
		return false;
	if (!n) /* a nil []interface {}, as for rest */
		hv_set_nil_slice(out);
	return true;
}

static bool fn_reverse(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot find reverse on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	hlist *l;
	if (!new_list(c, n, &l, out))
		return false;
	for (size_t i = 0; i < n; i++)
		l->v[l->len++] = slice_at(&argv[0], n - 1 - i);
	return true;
}

static bool fn_compact(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot compact on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	hlist *l;
	if (!new_list(c, n, &l, out))
		return false;
	for (size_t i = 0; i < n; i++) {
		hv item = slice_at(&argv[0], i);
		if (!hv_empty(&item))
			l->v[l->len++] = item;
	}
	return true;
}

static bool in_list(const hv *items, size_t n, const hv *needle)
{
	for (size_t i = 0; i < n; i++)
		if (hv_deep_equal(needle, &items[i]))
			return true;
	return false;
}

static bool fn_uniq(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot find uniq on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	hlist *l;
	if (!new_list(c, n, &l, out))
		return false;
	for (size_t i = 0; i < n; i++) {
		hv item = slice_at(&argv[0], i);
		if (!in_list(l->v, l->len, &item))
			l->v[l->len++] = item;
	}
	return true;
}

static bool fn_without(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[0], "Cannot find without on type %s"))
		return false;
	size_t n = slice_len(&argv[0]);
	hlist *l;
	if (!new_list(c, n, &l, out))
		return false;
	for (size_t i = 0; i < n; i++) {
		hv item = slice_at(&argv[0], i);
		if (!in_list(argv + 1, argc - 1, &item))
			l->v[l->len++] = item;
	}
	return true;
}

/* has needle haystack: a nil haystack is simply false. */
static bool fn_has(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hv *hay = &argv[1];
	if (hv_is_nil(hay)) {
		*out = hv_bool(false);
		return true;
	}
	if (!need_slice(c, hay, "Cannot find has on type %s"))
		return false;
	bool found = false;
	for (size_t i = 0, n = slice_len(hay); i < n && !found; i++) {
		hv item = slice_at(hay, i);
		found = hv_deep_equal(&argv[0], &item);
	}
	*out = hv_bool(found);
	return true;
}

/* concat: a []interface {}, nil when no list had an element. */
static bool fn_concat(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l;
	if (!new_list(c, 0, &l, out))
		return false;
	for (size_t i = 0; i < argc; i++) {
		if (hv_is_nil(&argv[i]))
			return hcall_errorf(c, "%s", nil_deref);
		if (!is_slice(&argv[i]))
			return hcall_errorf(c, "Cannot concat type %s as list",
			                    hv_kind_name(hv_kind_of(&argv[i])));
		for (size_t j = 0, n = slice_len(&argv[i]); j < n; j++)
			if (!hlist_push(l, slice_at(&argv[i], j)))
				return hcall_nomem(c);
	}
	if (!l->len)
		hv_set_nil_slice(out);
	return true;
}

/* cast.ToInt (spf13/cast v1.7.0) as Sprig's toInt uses it: unknown types give 0. */
static int64_t cast_int(const hv *v)
{
	switch (v->type) {
	case HT_INT:
	case HT_INT64:
	case HT_INT32: return v->i;
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64: return (int64_t)v->u;
	case HT_FLOAT64: return isfinite(v->f) && fabs(v->f) < 9.2e18 ? (int64_t)v->f : INT64_MIN;
	case HT_BOOL: return v->b;
	case HT_STRING: {
		/* trimZeroDecimal: "5.00" parses as "5" */
		size_t n = v->s->len;
		const char *s = v->s->data;
		bool zero = false;
		for (size_t i = n; i > 0; i--) {
			if (s[i - 1] == '0') {
				zero = true;
			} else if (s[i - 1] == '.' && zero) {
				n = i - 1;
				break;
			} else {
				break;
			}
		}
		int64_t r;
		return hstrconv_parse_int(s, n, 0, &r) == 0 ? r : 0;
	}
	default: return 0;
	}
}

static bool fn_slice(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hv *v = &argv[0];
	if (!need_slice(c, v, "list should be type of slice or array but %s"))
		return false;
	size_t n = slice_len(v);
	if (n == 0) {
		*out = hv_nil();
		return true;
	}
	int64_t start = argc > 1 ? cast_int(&argv[1]) : 0;
	int64_t end = argc > 2 ? cast_int(&argv[2]) : (int64_t)n;
	if (start < 0 || end < start || end > (int64_t)n)
		return hcall_errorf(c, "reflect.Value.Slice: slice index out of bounds");
	/* reflect's Slice keeps the type: []string stays []string */
	if (v->type == HT_BYTES) {
		hstr *s = hstr_new(c->arena, v->s->data + start, (size_t)(end - start));
		if (!s)
			return hcall_nomem(c);
		out->type = HT_BYTES;
		out->s = s;
		return true;
	}
	if (!copy_range(c, v, (size_t)start, (size_t)end, out))
		return false;
	out->type = v->type;
	return true;
}

/* chunk: Sprig sizes the chunks in float64 arithmetic, so a size of 0 or a negative size
 * ends in makeslice with a bad length (or, for a single chunk, a short last chunk). */
static bool fn_chunk(hcall *c, size_t argc, const hv *argv, hv *out)
{
	if (!need_slice(c, &argv[1], "Cannot chunk type %s"))
		return false;
	int64_t size = argv[0].i;
	size_t l = slice_len(&argv[1]);
	double csf = floor((double)((int64_t)l - 1) / (double)size) + 1;
	if (!(csf >= 0) || isinf(csf) || csf > (double)l + 1)
		return hcall_errorf(c, "runtime error: makeslice: len out of range");
	size_t cs = (size_t)csf;
	hlist *outer;
	if (!new_list(c, cs, &outer, out))
		return false;
	out->type = HT_LISTLIST; /* Sprig returns [][]interface {} */
	for (size_t i = 0; i < cs; i++) {
		int64_t clen = size;
		if (i == cs - 1) {
			clen = (int64_t)floor(fmod((double)l, (double)size));
			if (clen == 0)
				clen = size;
		}
		if (clen < 0)
			return hcall_errorf(c, "runtime error: makeslice: len out of range");
		hv chunk;
		size_t from = i * (size_t)size;
		if (from + (size_t)clen > l)
			return hcall_errorf(c, "reflect: slice index out of range");
		if (!copy_range(c, &argv[1], from, from + (size_t)clen, &chunk))
			return false;
		chunk.type = HT_LIST; /* each chunk is a fresh []interface {} */
		outer->v[outer->len++] = chunk;
	}
	return true;
}

static const hfunc_def defs[] = {
	{"list", fn_list, "v*"},          {"tuple", fn_list, "v*"},
	{"first", fn_first, "v"},         {"mustFirst", fn_first, "v"},
	{"last", fn_last, "v"},           {"mustLast", fn_last, "v"},
	{"rest", fn_rest, "v"},           {"mustRest", fn_rest, "v"},
	{"initial", fn_initial, "v"},     {"mustInitial", fn_initial, "v"},
	{"append", fn_push, "vv"},        {"push", fn_push, "vv"},
	{"mustAppend", fn_push, "vv"},    {"mustPush", fn_push, "vv"},
	{"prepend", fn_prepend, "vv"},    {"mustPrepend", fn_prepend, "vv"},
	{"reverse", fn_reverse, "v"},     {"mustReverse", fn_reverse, "v"},
	{"compact", fn_compact, "v"},     {"mustCompact", fn_compact, "v"},
	{"uniq", fn_uniq, "v"},           {"mustUniq", fn_uniq, "v"},
	{"without", fn_without, "vv*"},   {"mustWithout", fn_without, "vv*"},
	{"has", fn_has, "vv"},            {"mustHas", fn_has, "vv"},
	{"slice", fn_slice, "vv*"},       {"mustSlice", fn_slice, "vv*"},
	{"concat", fn_concat, "v*"},      {"chunk", fn_chunk, "iv"},
	{"mustChunk", fn_chunk, "iv"},
};

bool hsprig_list(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
