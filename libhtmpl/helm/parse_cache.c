/* parse_cache.c - a chart's parsed templates (parse_cache.h). One mutex guards the table;
 * parsing happens outside it, each render in arenas of its own that the cache adopts, so two
 * renders that miss at once both parse and the first to add wins. The trees are read-only
 * once added (template/parse.h: execution never writes a tree). */
#include "helm/parse_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
	const void *file;
	const char *name;
	const henv *env;
	size_t nfuncs;
	uint64_t depth;
	hparsed p;
	struct entry *next;
} entry;

enum { SLOTS = 512 };

struct hparsecache {
	pthread_mutex_t mu;
	entry *slot[SLOTS];
	harena *a;       /* entries */
	harena **arenas; /* adopted */
	size_t narenas, cap;
};

hparsecache *hparsecache_new(void)
{
	hparsecache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	if (pthread_mutex_init(&c->mu, NULL) != 0 || !(c->a = harena_new())) {
		free(c);
		return NULL;
	}
	return c;
}

void hparsecache_free(hparsecache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->narenas; i++)
		harena_free(c->arenas[i]);
	free(c->arenas);
	harena_free(c->a);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

static size_t slot_of(const void *file, const char *name)
{
	return (hv_hash_bytes(name, strlen(name)) ^ (uint32_t)((uintptr_t)file >> 4)) % SLOTS;
}

static entry *find(hparsecache *c, const henv *env, const void *file, const char *name)
{
	for (entry *e = c->slot[slot_of(file, name)]; e; e = e->next)
		if (e->file == file && e->env == env && e->nfuncs == env->nfuncs &&
		    e->depth == env->limits[HTMPL_LIMIT_PARSE_DEPTH] && strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

bool hparsecache_get(hparsecache *c, const henv *env, const void *file, const char *name, hparsed *out)
{
	if (!c || !env)
		return false;
	pthread_mutex_lock(&c->mu);
	entry *e = find(c, env, file, name);
	if (e)
		*out = e->p;
	pthread_mutex_unlock(&c->mu);
	return e != NULL;
}

bool hparsecache_adopt(hparsecache *c, harena *a)
{
	if (!c || !a) {
		harena_free(a);
		return c != NULL;
	}
	pthread_mutex_lock(&c->mu);
	bool ok = true;
	if (c->narenas == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		harena **v = realloc(c->arenas, cap * sizeof *v);
		if (v) {
			c->arenas = v;
			c->cap = cap;
		} else {
			ok = false;
		}
	}
	if (ok)
		c->arenas[c->narenas++] = a;
	pthread_mutex_unlock(&c->mu);
	if (!ok)
		harena_free(a);
	return ok;
}

void hparsecache_put(hparsecache *c, const henv *env, const void *file, const char *name,
                 const hparsed *p)
{
	if (!c || !env)
		return;
	pthread_mutex_lock(&c->mu);
	if (!find(c, env, file, name)) {
		entry *e = harena_alloc(c->a, sizeof *e);
		char *n = harena_strdup(c->a, name);
		if (e && n) {
			size_t s = slot_of(file, name);
			*e = (entry){file, n, env, env->nfuncs, env->limits[HTMPL_LIMIT_PARSE_DEPTH], *p,
			             c->slot[s]};
			c->slot[s] = e;
		}
	}
	pthread_mutex_unlock(&c->mu);
}
