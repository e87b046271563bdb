/* arena.c - chunked bump allocator (see arena.h). */
#include "core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN 16
#define MIN_CHUNK (64 * 1024)

typedef struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
} chunk;

struct harena {
	chunk *head;
	size_t total, limit;
	bool limit_hit; /* an allocation was refused by the limit */
	void *last; /* most recent allocation, for in-place realloc */
};

harena *harena_new(void) { return calloc(1, sizeof(harena)); }

void harena_free(harena *a)
{
	if (!a)
		return;
	for (chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

void harena_set_limit(harena *a, size_t max_bytes) { a->limit = max_bytes; }

size_t harena_limit(const harena *a) { return a ? a->limit : 0; }
size_t harena_used(const harena *a) { return a->total; }
bool harena_limit_hit(const harena *a) { return a && a->limit_hit; }

static size_t round_up(size_t n) { return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1); }

void *harena_alloc(harena *a, size_t n)
{
	n = round_up(n ? n : 1);
	chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > MIN_CHUNK ? n : MIN_CHUNK;
		if (c && c->size * 2 > size && c->size < 16 * MIN_CHUNK)
			size = c->size * 2;
		if (n > SIZE_MAX - sizeof(chunk))
			return NULL;
		if (a->limit && (size > a->limit || a->total > a->limit - size)) {
			a->limit_hit = true;
			return NULL;
		}
		c = malloc(sizeof(chunk) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		a->total += size;
	}
	void *p = c->data + c->used;
	c->used += n;
	a->last = p;
	return p;
}

void *harena_zalloc(harena *a, size_t n)
{
	void *p = harena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

void *harena_realloc(harena *a, void *p, size_t old, size_t n)
{
	if (!p)
		return harena_alloc(a, n);
	chunk *c = a->head;
	if (p == a->last && c) {
		size_t off = (size_t)((unsigned char *)p - c->data);
		if (off + round_up(n) <= c->size) {
			c->used = off + round_up(n ? n : 1);
			return p;
		}
	}
	void *q = harena_alloc(a, n);
	if (q)
		memcpy(q, p, old < n ? old : n);
	return q;
}

char *harena_strndup(harena *a, const char *s, size_t n)
{
	char *p = harena_alloc(a, n + 1);
	if (p) {
		if (n)
			memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

char *harena_strdup(harena *a, const char *s) { return harena_strndup(a, s, strlen(s)); }
