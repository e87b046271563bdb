/* track.c - the read tracker (track.h): hash sets of (map, key) pairs and of containers read
 * whole, and the lists of missing keys and float prints. Beyond Helm: no upstream. */
#include "template/track.h"

#include "core/arena.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct pset {
	uintptr_t *k; /* pairs: k[2i], k[2i+1]; 0,0 = empty */
	size_t n, cap; /* cap: slots, a power of two */
} pset;

typedef struct lindex {
	const char *text;
	size_t *nl; /* offsets of '\n' */
	size_t n;
} lindex;

struct htrack {
	harena *a;
	pset keys, whole, sites;
	pset texts; /* (text, slot + 2): hashed on the text alone (pset_add_keyed) */
	const lindex *last;
	lindex *idx;
	size_t nidx, capidx;
	htrack_missing *miss;
	size_t nmiss, capmiss;
	htrack_float *flt;
	size_t nflt, capflt;
	bool oom;
};

static size_t hash2(uintptr_t a, uintptr_t b)
{
	uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ull ^ ((uint64_t)b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
	return (size_t)(h ^ (h >> 29));
}

static bool pset_has(const pset *s, uintptr_t a, uintptr_t b)
{
	if (!s->cap)
		return false;
	for (size_t i = hash2(a, b) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->k[2 * i] && !s->k[2 * i + 1])
			return false;
		if (s->k[2 * i] == a && s->k[2 * i + 1] == b)
			return true;
	}
}

/* The slot of (a, b): keyed sets hash on a alone (a is unique there). */
static size_t pset_hash(uintptr_t a, uintptr_t b, bool keyed)
{
	return hash2(a, keyed ? 0 : b);
}

/* Room for one more pair (the table at most half full), first_cap slots to start; false on
 * out of memory. */
static bool pset_grow(pset *s, size_t first_cap, bool keyed)
{
	if (2 * (s->n + 1) <= s->cap)
		return true;
	size_t cap = s->cap ? s->cap * 2 : first_cap;
	uintptr_t *k = calloc(cap * 2, sizeof *k);
	if (!k)
		return false;
	for (size_t i = 0; i < s->cap; i++) {
		uintptr_t x = s->k[2 * i], y = s->k[2 * i + 1];
		if (!x && !y)
			continue;
		size_t j = pset_hash(x, y, keyed) & (cap - 1);
		while (k[2 * j] || k[2 * j + 1])
			j = (j + 1) & (cap - 1);
		k[2 * j] = x, k[2 * j + 1] = y;
	}
	free(s->k);
	s->k = k;
	s->cap = cap;
	return true;
}

/* Adds (a, b); returns 1 when added, 0 when present, -1 on out of memory. */
static int pset_add(pset *s, uintptr_t a, uintptr_t b)
{
	if (!a && !b)
		return 0;
	if (!pset_grow(s, 256, false))
		return -1;
	size_t i = pset_hash(a, b, false) & (s->cap - 1);
	for (; s->k[2 * i] || s->k[2 * i + 1]; i = (i + 1) & (s->cap - 1))
		if (s->k[2 * i] == a && s->k[2 * i + 1] == b)
			return 0;
	s->k[2 * i] = a, s->k[2 * i + 1] = b;
	s->n++;
	return 1;
}

/* As pset_add, hashing on a alone (a is unique in the set): index_of finds b from a. */
static int pset_add_keyed(pset *s, uintptr_t a, uintptr_t b)
{
	if (!pset_grow(s, 64, true))
		return -1;
	size_t i = pset_hash(a, b, true) & (s->cap - 1);
	while (s->k[2 * i] || s->k[2 * i + 1])
		i = (i + 1) & (s->cap - 1);
	s->k[2 * i] = a, s->k[2 * i + 1] = b;
	s->n++;
	return 1;
}

htrack *htrack_new(void)
{
	htrack *t = calloc(1, sizeof *t);
	if (t && !(t->a = harena_new())) {
		free(t);
		return NULL;
	}
	return t;
}

void htrack_free(htrack *t)
{
	if (!t)
		return;
	free(t->keys.k);
	free(t->whole.k);
	free(t->sites.k);
	free(t->idx);
	free(t->texts.k);
	free(t->miss);
	free(t->flt);
	harena_free(t->a);
	free(t);
}

bool htrack_ok(const htrack *t) { return t && !t->oom; }

void htrack_key(htrack *t, const hmap *m, const hstr *key)
{
	if (pset_add(&t->keys, (uintptr_t)m, (uintptr_t)key) < 0)
		t->oom = true;
}

void htrack_whole(htrack *t, const hv *v)
{
	const void *c = NULL;
	if (hv_is_map(v))
		c = v->m;
	else if (hv_is_list(v))
		c = v->l;
	if (c && pset_add(&t->whole, (uintptr_t)c, 1) < 0)
		t->oom = true;
}

bool htrack_key_read(const htrack *t, const hmap *m, const hstr *key)
{
	return pset_has(&t->keys, (uintptr_t)m, (uintptr_t)key);
}

bool htrack_whole_read(const htrack *t, const void *container)
{
	return container && pset_has(&t->whole, (uintptr_t)container, 1);
}

/* FNV-1a of a key, mixed with the site and map, as the set's second word. */
static uintptr_t site_word(const hmap *m, const char *key, size_t n)
{
	return (uintptr_t)hv_hash_bytes(key, n) * 2654435761u ^ (uintptr_t)m;
}

bool htrack_missing_seen(htrack *t, const void *site, const hmap *m, const char *key, size_t n)
{
	int r = pset_add(&t->sites, (uintptr_t)site, site_word(m, key, n) | 1);
	if (r < 0)
		t->oom = true;
	return r != 1;
}

void htrack_add_missing(htrack *t, const hmap *m, const char *key, size_t n, const char *file,
                        int line, int col, bool guarded)
{
	if (t->nmiss == t->capmiss) {
		size_t cap = t->capmiss ? t->capmiss * 2 : 16;
		htrack_missing *v = realloc(t->miss, cap * sizeof *v);
		if (!v) {
			t->oom = true;
			return;
		}
		t->miss = v;
		t->capmiss = cap;
	}
	char *k = harena_strndup(t->a, key, n), *f = harena_strdup(t->a, file ? file : "");
	if (!k || !f) {
		t->oom = true;
		return;
	}
	t->miss[t->nmiss++] = (htrack_missing){m, k, f, line, col, guarded};
}

const htrack_missing *htrack_missing_list(const htrack *t, size_t *n)
{
	*n = t->nmiss;
	return t->miss;
}

bool htrack_float_seen(htrack *t, const void *site, const char *text)
{
	int r = pset_add(&t->sites, (uintptr_t)site, (uintptr_t)hv_hash_bytes(text, strlen(text)) << 1);
	if (r < 0)
		t->oom = true;
	return r != 1;
}

void htrack_add_float(htrack *t, const hmap *m, const hstr *key, const char *file, int line,
                      int col, const char *text, const char *via)
{
	if (t->nflt == t->capflt) {
		size_t cap = t->capflt ? t->capflt * 2 : 8;
		htrack_float *v = realloc(t->flt, cap * sizeof *v);
		if (!v) {
			t->oom = true;
			return;
		}
		t->flt = v;
		t->capflt = cap;
	}
	char *s = harena_strdup(t->a, text), *f = harena_strdup(t->a, file ? file : "");
	if (!s || !f) {
		t->oom = true;
		return;
	}
	t->flt[t->nflt++] = (htrack_float){m, key, f, line, col, s, via};
}

const htrack_float *htrack_float_list(const htrack *t, size_t *n)
{
	*n = t->nflt;
	return t->flt;
}

bool htrack_float_trap(double f, const char *text)
{
	if (isnan(f) || isinf(f))
		return false;
	if (strchr(text, 'e'))
		return true;
	return fabs(f) >= 1e6 && f == floor(f);
}

static const lindex *index_of(htrack *t, const char *text, size_t len)
{
	if (t->last && t->last->text == text)
		return t->last;
	/* texts: (text, slot + 2) pairs; the second word is found by probing its few values */
	for (size_t i = hash2((uintptr_t)text, 0) & (t->texts.cap - 1); t->texts.cap;
	     i = (i + 1) & (t->texts.cap - 1)) {
		uintptr_t a = t->texts.k[2 * i], b = t->texts.k[2 * i + 1];
		if (!a && !b)
			break;
		if (a == (uintptr_t)text)
			return t->last = &t->idx[b - 2];
	}
	if (t->nidx == t->capidx) {
		size_t cap = t->capidx ? t->capidx * 2 : 16;
		lindex *v = realloc(t->idx, cap * sizeof *v);
		if (!v)
			return NULL;
		t->idx = v;
		t->capidx = cap;
	}
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	size_t *nl = harena_alloc(t->a, (n ? n : 1) * sizeof *nl);
	if (!nl)
		return NULL;
	for (size_t i = 0, k = 0; i < len; i++)
		if (text[i] == '\n')
			nl[k++] = i;
	t->idx[t->nidx] = (lindex){text, nl, n};
	if (pset_add_keyed(&t->texts, (uintptr_t)text, t->nidx + 2) < 0)
		return NULL;
	t->last = NULL; /* idx may move on the next realloc */
	return &t->idx[t->nidx++];
}

void htrack_locate(htrack *t, const char *text, size_t len, size_t pos, int *line, int *col)
{
	if (pos > len)
		pos = len;
	const lindex *x = index_of(t, text, len);
	if (!x) {
		t->oom = true;
		*line = *col = 0;
		return;
	}
	size_t lo = 0, hi = x->n; /* newlines before pos */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->nl[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(lo ? pos - (x->nl[lo - 1] + 1) : pos);
}
