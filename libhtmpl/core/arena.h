/* arena.h - bump allocator: everything a parse or a render builds is freed in one call.
 *
 * Allocation failure returns NULL; callers turn it into HTMPL_ERR_NOMEM. An optional
 * byte limit (harena_set_limit) makes "memory per render" an error, not a crash. */
#ifndef HTMPL_ARENA_H
#define HTMPL_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct harena harena;

harena *harena_new(void);
void harena_free(harena *a); /* NULL is a no-op */
/* 0 = unlimited. Once the total of chunks would exceed it, allocations return NULL. */
void harena_set_limit(harena *a, size_t max_bytes);
size_t harena_used(const harena *a);
size_t harena_limit(const harena *a); /* the harena_set_limit value, 0 = unlimited */
/* Added by robust: true once an allocation failed because of the limit (not of malloc), so
 * the caller can report HTMPL_ERR_LIMIT instead of out of memory. */
bool harena_limit_hit(const harena *a);

void *harena_alloc(harena *a, size_t n);  /* 16-byte aligned, uninitialised */
void *harena_zalloc(harena *a, size_t n); /* zeroed */
/* Grows the most recent allocation in place when possible, else copies. */
void *harena_realloc(harena *a, void *p, size_t old, size_t n);
char *harena_strndup(harena *a, const char *s, size_t n); /* NUL-terminated copy */
char *harena_strdup(harena *a, const char *s);

#endif
