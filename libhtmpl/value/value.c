/* value.c - strings, lists, maps and the Go type facts of values (see value.h).
 *
 * The map keeps entries densely in insertion order with an open-addressing index over them,
 * and builds a sorted view on demand: Go prints and ranges over maps in sorted key order. */
#include "value/value.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ strings */

static struct {
	size_t len;
	char data[1];
} empty_str = {0, {0}};

hstr *hstr_empty(void) { return (hstr *)&empty_str; }

hstr *hstr_new(harena *a, const char *s, size_t n)
{
	if (n == 0)
		return hstr_empty();
	hstr *h = harena_alloc(a, sizeof(hstr) + n + 1);
	if (!h)
		return NULL;
	h->len = n;
	memcpy(h->data, s, n);
	h->data[n] = 0;
	return h;
}

hstr *hstr_cstr(harena *a, const char *s) { return hstr_new(a, s, strlen(s)); }

bool hv_string(harena *a, const char *s, size_t n, hv *out)
{
	hstr *h = hstr_new(a, s, n);
	if (!h)
		return false;
	*out = hv_of_str(h);
	return true;
}

/* ------------------------------------------------------------------ the writer guard */

/* The calling thread's writer arena (hv_guard_begin), and whether a write was refused.
 * Thread-local: each render worker guards its own task; NULL (the serial path) checks
 * nothing. */
static _Thread_local struct {
	const harena *writer;
	bool refused;
} guard;

void hv_guard_begin(const harena *writer)
{
	guard.writer = writer;
	guard.refused = false;
}

bool hv_guard_end(void)
{
	bool refused = guard.refused;
	guard.writer = NULL;
	guard.refused = false;
	return refused;
}

/* False (and the refusal noted) when a guarded thread writes a container of another arena. */
static bool may_write(const harena *owner)
{
	if (__builtin_expect(!guard.writer, 1) || owner == guard.writer)
		return true;
	guard.refused = true;
	return false;
}

/* ------------------------------------------------------------------ lists */

hlist *hlist_new(harena *a, size_t cap)
{
	hlist *l = harena_alloc(a, sizeof *l);
	if (!l)
		return NULL;
	l->len = 0;
	l->cap = cap;
	l->arena = a;
	l->v = NULL;
	l->go_type = NULL;
	if (cap && !(l->v = harena_alloc(a, cap * sizeof(hv))))
		return NULL;
	return l;
}

bool hlist_push(hlist *l, hv v)
{
	if (!may_write(l->arena))
		return false;
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		hv *nv = harena_realloc(l->arena, l->v, l->cap * sizeof(hv), cap * sizeof(hv));
		if (!nv)
			return false;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->len++] = v;
	return true;
}

/* ------------------------------------------------------------------ maps */

uint32_t hv_hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

hmap *hmap_new(harena *a, size_t cap)
{
	hmap *m = harena_zalloc(a, sizeof *m);
	if (!m)
		return NULL;
	m->arena = a;
	if (cap) {
		m->e = harena_alloc(a, cap * sizeof(hmap_entry));
		if (!m->e)
			return NULL;
		m->cap = cap;
	}
	return m;
}

static size_t find_slot(const hmap *m, const char *key, size_t klen, bool *found)
{
	size_t mask = m->nindex - 1;
	size_t i = hv_hash_bytes(key, klen) & mask;
	for (;;) {
		uint32_t x = m->index[i];
		if (x == 0) {
			*found = false;
			return i;
		}
		hstr *k = m->e[x - 1].key;
		if (k && k->len == klen && memcmp(k->data, key, klen) == 0) {
			*found = true;
			return i;
		}
		i = (i + 1) & mask;
	}
}

static bool rehash(hmap *m, size_t nindex)
{
	/* Compact deleted entries first so indexes stay dense. */
	size_t j = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].key)
			m->e[j++] = m->e[i];
	m->n = j;
	uint32_t *idx = harena_zalloc(m->arena, nindex * sizeof(uint32_t));
	if (!idx)
		return false;
	m->index = idx;
	m->nindex = nindex;
	for (size_t i = 0; i < m->n; i++) {
		bool found;
		size_t s = find_slot(m, m->e[i].key->data, m->e[i].key->len, &found);
		idx[s] = (uint32_t)(i + 1);
	}
	return true;
}

hv *hmap_get(const hmap *m, const char *key, size_t klen)
{
	if (!m || !m->live)
		return NULL;
	if (!m->index) { /* small maps: linear scan */
		for (size_t i = 0; i < m->n; i++) {
			hstr *k = m->e[i].key;
			if (k && k->len == klen && memcmp(k->data, key, klen) == 0)
				return &m->e[i].val;
		}
		return NULL;
	}
	bool found;
	size_t s = find_slot(m, key, klen, &found);
	return found ? &m->e[m->index[s] - 1].val : NULL;
}

#define SMALL_MAP 8

bool hmap_set_str(hmap *m, hstr *key, hv v)
{
	if (!may_write(m->arena))
		return false;
	hv *old = hmap_get(m, key->data, key->len);
	if (old) {
		*old = v;
		return true;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 4;
		hmap_entry *ne = harena_realloc(m->arena, m->e, m->cap * sizeof(hmap_entry),
		                                cap * sizeof(hmap_entry));
		if (!ne)
			return false;
		m->e = ne;
		m->cap = cap;
	}
	m->e[m->n].key = key;
	m->e[m->n].val = v;
	m->n++;
	m->live++;
	m->sorted = NULL;
	if (m->n > SMALL_MAP && (m->n + 1) * 2 > m->nindex) {
		size_t ni = m->nindex ? m->nindex : 16;
		while ((m->n + 1) * 2 > ni)
			ni *= 2;
		if (!rehash(m, ni))
			return false;
	} else if (m->index) {
		bool found;
		size_t s = find_slot(m, key->data, key->len, &found);
		m->index[s] = (uint32_t)m->n;
	}
	return true;
}

bool hmap_set(hmap *m, const char *key, size_t klen, hv v)
{
	if (!may_write(m->arena))
		return false;
	hv *old = hmap_get(m, key, klen);
	if (old) {
		*old = v;
		return true;
	}
	hstr *k = hstr_new(m->arena, key, klen);
	return k && hmap_set_str(m, k, v);
}

bool hmap_del(hmap *m, const char *key, size_t klen)
{
	hv *v = hmap_get(m, key, klen);
	if (!v || !may_write(m->arena))
		return false;
	hmap_entry *e = (hmap_entry *)((char *)v - offsetof(hmap_entry, val));
	e->key = NULL;
	m->live--;
	m->sorted = NULL;
	if (m->index && !rehash(m, m->nindex))
		m->index = NULL, m->nindex = 0; /* fall back to linear scan */
	return true;
}

static int cmp_entry(const void *a, const void *b)
{
	const hstr *x = (*(hmap_entry *const *)a)->key, *y = (*(hmap_entry *const *)b)->key;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->data, y->data, n);
	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

hmap_entry **hmap_sorted(hmap *m)
{
	if (!m || !m->live)
		return NULL;
	/* A guarded thread reading a shared map sorts into its own arena and caches nothing:
	 * the cache is a write to the map (and to its arena). */
	bool shared = guard.writer && guard.writer != m->arena;
	hmap_entry **cached = shared ? __atomic_load_n(&m->sorted, __ATOMIC_ACQUIRE) : m->sorted;
	if (cached)
		return cached;
	hmap_entry **s = harena_alloc(shared ? (harena *)guard.writer : m->arena, m->live * sizeof *s);
	if (!s)
		return NULL;
	size_t j = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].key)
			s[j++] = &m->e[i];
	qsort(s, j, sizeof *s, cmp_entry);
	if (!shared)
		__atomic_store_n(&m->sorted, s, __ATOMIC_RELEASE);
	return s;
}

void hv_presort(const hv *v, int depth)
{
	if (depth > 10000)
		return;
	if (hv_is_map(v) && v->m) {
		if (!hmap_sorted(v->m))
			return;
		for (size_t i = 0; i < v->m->n; i++)
			if (v->m->e[i].key)
				hv_presort(&v->m->e[i].val, depth + 1);
	} else if (hv_is_list(v) && v->l) {
		for (size_t i = 0; i < v->l->len; i++)
			hv_presort(&v->l->v[i], depth + 1);
	}
}

/* ------------------------------------------------------------------ type facts */

hv_kind hv_kind_of(const hv *v)
{
	switch (v->type) {
	case HT_BOOL: return HK_BOOL;
	case HT_INT: return HK_INT;
	case HT_INT64: return HK_INT64;
	case HT_INT32: return HK_INT32;
	case HT_UINT8: return HK_UINT8;
	case HT_UINT32: return HK_UINT32;
	case HT_UINT64: return HK_UINT64;
	case HT_FLOAT64: return HK_FLOAT64;
	case HT_COMPLEX: return HK_COMPLEX128;
	case HT_STRING: return HK_STRING;
	case HT_BYTES:
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST: return HK_SLICE;
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES: return HK_MAP;
	case HT_OBJECT: return v->o->cls->kind;
	default: return HK_INVALID;
	}
}

const char *hv_kind_name(hv_kind k)
{
	static const char *const names[] = {
		[HK_INVALID] = "invalid", [HK_BOOL] = "bool",       [HK_INT] = "int",
		[HK_INT32] = "int32",     [HK_INT64] = "int64",     [HK_UINT8] = "uint8",
		[HK_UINT32] = "uint32",   [HK_UINT64] = "uint64",   [HK_FLOAT64] = "float64",
		[HK_COMPLEX128] = "complex128", [HK_STRING] = "string", [HK_SLICE] = "slice",
		[HK_MAP] = "map",         [HK_STRUCT] = "struct",   [HK_PTR] = "ptr",
		[HK_INTERFACE] = "interface", [HK_FUNC] = "func",
	};
	return k <= HK_FUNC ? names[k] : "invalid";
}

const char *hv_type_name(const hv *v)
{
	switch (v->type) {
	case HT_BOOL: return "bool";
	case HT_INT: return "int";
	case HT_INT64: return "int64";
	case HT_INT32: return "int32";
	case HT_UINT8: return "uint8";
	case HT_UINT32: return "uint32";
	case HT_UINT64: return "uint64";
	case HT_FLOAT64: return "float64";
	case HT_COMPLEX: return "complex128";
	case HT_STRING: return "string";
	case HT_BYTES: return "[]uint8";
	case HT_LIST: return v->l && v->l->go_type ? v->l->go_type : "[]interface {}";
	case HT_STRLIST: return "[]string";
	case HT_LISTLIST: return "[][]interface {}";
	case HT_INTLIST: return "[]int";
	case HT_MAP: return "map[string]interface {}";
	case HT_STRMAP: return "map[string]string";
	case HT_VALUES: return v->flags & HV_F_COMMON ? "common.Values" : "chartutil.Values";
	case HT_OBJECT: return v->o->cls->type_name;
	default: return "<nil>";
	}
}

bool hv_truth(const hv *v)
{
	switch (v->type) {
	case HT_BOOL: return v->b;
	case HT_INT:
	case HT_INT64:
	case HT_INT32: return v->i != 0;
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64: return v->u != 0;
	case HT_FLOAT64: return v->f != 0;
	case HT_COMPLEX: return v->c[0] != 0 || v->c[1] != 0;
	case HT_STRING:
	case HT_BYTES: return v->s->len != 0;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST: return v->l && v->l->len != 0;
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES: return hmap_len(v->m) != 0;
	case HT_OBJECT: return v->o != NULL;
	default: return false;
	}
}

bool hv_empty(const hv *v)
{
	if (v->type == HT_OBJECT)
		return v->o == NULL || (v->o->cls->kind == HK_PTR && v->o->data == NULL);
	return !hv_truth(v);
}

static bool list_equal(const hlist *a, const hlist *b)
{
	size_t na = a ? a->len : 0, nb = b ? b->len : 0;
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!hv_deep_equal(&a->v[i], &b->v[i]))
			return false;
	return true;
}

static bool map_equal(const hmap *a, const hmap *b)
{
	if ((a == NULL) != (b == NULL)) /* reflect.DeepEqual: a nil map differs from an empty one */
		return false;
	if (hmap_len(a) != hmap_len(b))
		return false;
	if (!a)
		return true;
	for (size_t i = 0; i < a->n; i++) {
		if (!a->e[i].key)
			continue;
		hv *w = hmap_get(b, a->e[i].key->data, a->e[i].key->len);
		if (!w || !hv_deep_equal(&a->e[i].val, w))
			return false;
	}
	return true;
}

bool hv_deep_equal(const hv *a, const hv *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case HT_INVALID:
	case HT_NIL: return true;
	case HT_BOOL: return a->b == b->b;
	case HT_INT:
	case HT_INT64:
	case HT_INT32: return a->i == b->i;
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64: return a->u == b->u;
	case HT_FLOAT64: return a->f == b->f;
	case HT_COMPLEX: return a->c[0] == b->c[0] && a->c[1] == b->c[1];
	case HT_STRING:
	case HT_BYTES:
		return a->s->len == b->s->len && memcmp(a->s->data, b->s->data, a->s->len) == 0;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST:
		/* reflect.DeepEqual: nil and empty slices differ */
		return hv_is_nil_slice(a) == hv_is_nil_slice(b) && list_equal(a->l, b->l);
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES: return map_equal(a->m, b->m);
	case HT_OBJECT: return a->o == b->o || (a->o && b->o && a->o->cls == b->o->cls && a->o->data == b->o->data);
	}
	return false;
}

bool hv_deep_copy(harena *a, const hv *v, hv *out)
{
	*out = *v;
	if (hv_is_list(v) && v->l) {
		hlist *l = hlist_new(a, v->l->len);
		if (!l)
			return false;
		for (size_t i = 0; i < v->l->len; i++)
			if (!hv_deep_copy(a, &v->l->v[i], &l->v[i]))
				return false;
		l->len = v->l->len;
		out->l = l;
	} else if (hv_is_map(v) && v->m) {
		hmap *m = hmap_new(a, v->m->live);
		if (!m)
			return false;
		for (size_t i = 0; i < v->m->n; i++) {
			hmap_entry *e = &v->m->e[i];
			hv c;
			if (!e->key)
				continue;
			if (!hv_deep_copy(a, &e->val, &c) || !hmap_set_str(m, e->key, c))
				return false;
		}
		out->m = m;
	}
	return true;
}
