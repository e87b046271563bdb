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

struct htrack {
	harena *a;
	pset keys, whole, sites;
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

/* Adds (a, b); returns 1 when added, 0 when present, -1 on out of memory. */
static int pset_add(pset *s, uintptr_t a, uintptr_t b)
{
	if (!a && !b)
		return 0;
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		uintptr_t *k = calloc(cap * 2, sizeof *k);
		if (!k)
			return -1;
		for (size_t i = 0; i < s->cap; i++) {
			uintptr_t x = s->k[2 * i], y = s->k[2 * i + 1];
			if (!x && !y)
				continue;
			size_t j = hash2(x, y) & (cap - 1);
			while (k[2 * j] || k[2 * j + 1])
				j = (j + 1) & (cap - 1);
			k[2 * j] = x, k[2 * j + 1] = y;
		}
		free(s->k);
		s->k = k;
		s->cap = cap;
	}
	size_t i = hash2(a, b) & (s->cap - 1);
	for (; s->k[2 * i] || s->k[2 * i + 1]; i = (i + 1) & (s->cap - 1))
		if (s->k[2 * i] == a && s->k[2 * i + 1] == b)
			return 0;
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
