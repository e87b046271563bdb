/* parse_cache.h - the parsed templates a loaded chart keeps (parse_cache.c): parse once,
 * render many. Every render of the chart, from any thread, takes a file's parse from here
 * when one was made under the same environment (its address, its function count and its
 * parse depth limit), and adds the ones it had to make. */
#ifndef HTMPL_PARSE_CACHE_H
#define HTMPL_PARSE_CACHE_H

#include "template/parse.h"

typedef struct hparsecache hparsecache;

hparsecache *hparsecache_new(void); /* NULL on out of memory */
void hparsecache_free(hparsecache *c); /* NULL is a no-op */

/* The parse of `file` (the chart's file, by address) as template `name` under env: true and
 * *out when the cache has it. A NULL cache has nothing. */
bool hparsecache_get(hparsecache *c, const henv *env, const void *file, const char *name, hparsed *out);
/* Keeps arena a, in which the parses about to be added were made: the cache frees it. False
 * (and a is freed) on out of memory. */
bool hparsecache_adopt(hparsecache *c, harena *a);
/* Adds a parse made in an adopted arena; a parse already there (another render's) stays. */
void hparsecache_put(hparsecache *c, const henv *env, const void *file, const char *name,
                 const hparsed *p);

#endif
