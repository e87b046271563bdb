/* regexp.h - Go's regexp package (RE2 syntax, leftmost-first, linear time) for the whole
 * library: Sprig's regex functions (sprig/regex.c), values.schema.json `pattern` and
 * `format: regex` (helm/schema.c), govalidator's rules (helm/govalidator.c).
 *
 * A pattern is first parsed as Go's regexp/syntax parses it with the Perl flags, so every
 * pattern Go rejects fails with Go's error text, then run by RE2 (re2shim.h), the library
 * Go's regexp was ported from. Iterating over matches (FindAll, ReplaceAll, Split) is the
 * caller's, with hrx_exec; sprig/regex.c does it as Go's regexp.go does. */
#ifndef HTMPL_REGEXP_H
#define HTMPL_REGEXP_H

#include "core/arena.h"
#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hrx hrx;

/* regexp.Compile(pat). Returns a handle owned by the caller (free with hrx_free); the arena
 * is not used and may be NULL (kept for the callers' convenience). NULL on failure: msg then
 * holds Go's error text (`error parsing regexp: missing closing ): `(``), or is empty when
 * memory ran out. A compiled handle is read-only: many threads may match with it at once. */
hrx *hrx_compile(harena *a, const char *pat, size_t n, hbuf *msg);
/* Go version differences, for hrx_compile_flags. */
enum {
	HRX_GO125 = 1, /* Go 1.25 (helm 4.1): \p{name} looked up loosely (regexp_names.h) */
};
/* hrx_compile with HRX_* flags (0: Go 1.23, as helm 3.17). */
hrx *hrx_compile_flags(const char *pat, size_t n, unsigned flags, hbuf *msg);
void hrx_free(hrx *h); /* NULL is a no-op */

/* Capture groups, without group 0 (Regexp.NumSubexp). */
uint32_t hrx_ncap(const hrx *h);
/* The name of group i (1..ncap), NULL when it has none (Regexp.SubexpNames). */
const char *hrx_name(const hrx *h, uint32_t i, size_t *len);

/* A subject prepared once for many searches: Go reads each byte of invalid UTF-8 as U+FFFD
 * of width 1, which RE2 would not match with `.`; such a text is searched as a copy with
 * U+FFFD in place of each bad byte, and offsets are mapped back. */
typedef struct hrx_text {
	const char *s; /* the caller's text */
	size_t n;
	char *fixed;   /* NULL when s is valid UTF-8 */
	size_t fn;
	size_t *to_fixed; /* n + 1 offsets of s into fixed */
	size_t *to_orig;  /* fn + 1 offsets of fixed into s */
} hrx_text;

/* false on out of memory. */
bool hrx_text_init(hrx_text *t, const char *s, size_t n);
void hrx_text_free(hrx_text *t);

/* One leftmost-first search of t from byte pos on, the text before pos being context
 * (Go's doExecute with pos). caps gets 2 * (ncap + 1) offsets into t->s, SIZE_MAX for a
 * group that did not take part. Returns 1 match, 0 none, -1 out of memory. Thread-safe. */
int hrx_exec(const hrx *h, const hrx_text *t, size_t pos, size_t *caps);
/* regexp.MatchString (unanchored search): 1 match, 0 none, -2 out of memory. */
int hrx_search(hrx *h, const char *s, size_t n);

/* A cache of compiled patterns, so a template that calls regexMatch in a loop compiles its
 * pattern once. Thread-safe (one mutex, held only to look up and insert). */
typedef struct hrx_cache hrx_cache;
hrx_cache *hrx_cache_new(void); /* NULL on out of memory */
void hrx_cache_free(hrx_cache *c); /* frees every pattern in it; NULL is a no-op */
/* hrx_compile_flags through the cache (c may be NULL: no caching). The result belongs to the cache
 * when *owned is false, else to the caller (the cache was full or absent): hrx_free it then.
 * Failures are not cached. */
hrx *hrx_cache_get(hrx_cache *c, const char *pat, size_t n, unsigned flags, hbuf *msg,
                   bool *owned);

#endif
