/* value_api.c - the public value API of include/htmpl.h: reading, iterating and building
 * the values a custom template function receives and returns.
 *
 * These are thin, checked views of value.c's hv/hlist/hmap, so a function written against
 * htmpl.h sees exactly what built-in functions see: Go's types kept apart (int, int64,
 * float64 ...), maps iterated in sorted key order as Go's range and fmt do (text/template
 * exec.go sortKeys), containers shared by reference as Go maps and slices are. */
#include "value/env.h"
#include "value/value.h"

#include <string.h>

htmpl_type htmpl_value_type(const htmpl_value *v) { return v ? (htmpl_type)v->type : HTMPL_T_INVALID; }

const char *htmpl_value_type_name(const htmpl_value *v)
{
	hv inv = hv_invalid();
	return hv_type_name(v ? v : &inv);
}

bool htmpl_value_is_nil(const htmpl_value *v) { return !v || hv_is_nil(v); }

bool htmpl_value_truth(const htmpl_value *v) { return v && hv_truth(v); }

bool htmpl_value_get_bool(const htmpl_value *v, bool *out)
{
	if (!v || v->type != HT_BOOL)
		return false;
	if (out)
		*out = v->b;
	return true;
}

bool htmpl_value_get_int(const htmpl_value *v, int64_t *out)
{
	if (!v || !hv_is_int(v))
		return false;
	if (out)
		*out = v->i;
	return true;
}

bool htmpl_value_get_uint(const htmpl_value *v, uint64_t *out)
{
	if (!v || !hv_is_uint(v))
		return false;
	if (out)
		*out = v->u;
	return true;
}

bool htmpl_value_get_float(const htmpl_value *v, double *out)
{
	if (!v || v->type != HT_FLOAT64)
		return false;
	if (out)
		*out = v->f;
	return true;
}

const char *htmpl_value_bytes(const htmpl_value *v, size_t *len)
{
	if (!v || v->type != HT_BYTES || !v->s)
		return NULL;
	if (len)
		*len = v->s->len;
	return v->s->data;
}

htmpl_list *htmpl_value_list(const htmpl_value *v) { return v && hv_is_list(v) ? v->l : NULL; }

htmpl_map *htmpl_value_map(const htmpl_value *v) { return v && hv_is_map(v) ? v->m : NULL; }

bool htmpl_value_field(const htmpl_value *v, const char *name, htmpl_value *out)
{
	if (!v || v->type != HT_OBJECT || !v->o || !v->o->cls->field || !name)
		return false;
	hv tmp;
	if (!v->o->cls->field(v->o, name, strlen(name), &tmp))
		return false;
	if (out)
		*out = tmp;
	return true;
}

size_t htmpl_list_len(const htmpl_list *l) { return l ? l->len : 0; }

const htmpl_value *htmpl_list_get(const htmpl_list *l, size_t i)
{
	return l && i < l->len ? &l->v[i] : NULL;
}

size_t htmpl_map_len(const htmpl_map *m) { return hmap_len(m); }

const htmpl_value *htmpl_map_get(const htmpl_map *m, const char *key, size_t klen)
{
	return m && (key || !klen) ? hmap_get(m, key ? key : "", klen) : NULL;
}

const htmpl_value *htmpl_map_at(htmpl_map *m, size_t i, const char **key, size_t *klen)
{
	if (!m || i >= m->live)
		return NULL;
	hmap_entry **s = hmap_sorted(m);
	if (!s)
		return NULL;
	if (key)
		*key = s[i]->key->data;
	if (klen)
		*klen = s[i]->key->len;
	return &s[i]->val;
}

htmpl_value htmpl_value_nil(void) { return hv_nil(); }
htmpl_value htmpl_value_from_bool(bool b) { return hv_bool(b); }
htmpl_value htmpl_value_from_int(int64_t i) { return hv_int(i); }
htmpl_value htmpl_value_from_int64(int64_t i) { return hv_int64(i); }
htmpl_value htmpl_value_from_float64(double f) { return hv_float(f); }

static hv typed_int(uint8_t type, int64_t i)
{
	hv v = hv_int(i);
	v.type = type;
	return v;
}

static hv typed_uint(uint8_t type, uint64_t u)
{
	hv v = hv_invalid();
	v.type = type;
	v.u = u;
	return v;
}

htmpl_value htmpl_value_from_int32(int32_t i) { return typed_int(HT_INT32, i); }
htmpl_value htmpl_value_from_uint8(uint8_t u) { return typed_uint(HT_UINT8, u); }
htmpl_value htmpl_value_from_uint32(uint32_t u) { return typed_uint(HT_UINT32, u); }
htmpl_value htmpl_value_from_uint64(uint64_t u) { return typed_uint(HT_UINT64, u); }

htmpl_value htmpl_value_from_list(htmpl_list *l) { return hv_of_list(HT_LIST, l); }

htmpl_value htmpl_value_from_map(htmpl_map *m) { return m ? hv_of_map(HT_MAP, m) : hv_nil(); }

bool htmpl_call_bytes(htmpl_call *call, const void *p, size_t n, htmpl_value *out)
{
	if (!call || !out || (!p && n))
		return false;
	hstr *s = hstr_new(call->arena, p ? (const char *)p : "", n);
	if (!s)
		return hcall_nomem(call);
	*out = hv_of_str(s);
	out->type = HT_BYTES;
	return true;
}

htmpl_list *htmpl_call_list_new(htmpl_call *call, size_t cap)
{
	if (!call)
		return NULL;
	hlist *l = hlist_new(call->arena, cap);
	if (!l)
		hcall_nomem(call);
	return l;
}

bool htmpl_call_list_push(htmpl_call *call, htmpl_list *l, htmpl_value v)
{
	if (!call || !l)
		return false;
	return hlist_push(l, v) || hcall_nomem(call);
}

htmpl_map *htmpl_call_map_new(htmpl_call *call)
{
	if (!call)
		return NULL;
	hmap *m = hmap_new(call->arena, 0);
	if (!m)
		hcall_nomem(call);
	return m;
}

bool htmpl_call_map_set(htmpl_call *call, htmpl_map *m, const char *key, size_t klen, htmpl_value v)
{
	if (!call || !m || (!key && klen))
		return false;
	return hmap_set(m, key ? key : "", klen, v) || hcall_nomem(call);
}
