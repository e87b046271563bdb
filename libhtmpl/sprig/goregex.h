/* goregex.h - Go regexp (RE2 syntax) compile and search for callers outside the template
 * functions (values.schema.json `pattern`, `patternProperties`, `format: regex`).
 * Implemented in fn_regex.c on top of the same Go-to-PCRE2 translation Sprig's regex
 * functions use, so a pattern Go rejects is rejected here with Go's error text. */
#ifndef HTMPL_GOREGEX_H
#define HTMPL_GOREGEX_H

#include "core/arena.h"
#include "core/buf.h"

#include <stddef.h>

typedef struct hrx hrx;

/* regexp.Compile(pat). The handle lives in arena a but holds PCRE2 memory: release it with
 * hrx_free. NULL on failure: msg then holds Go's error text (`error parsing regexp: ...`),
 * or is empty when memory ran out. Not thread-safe per handle. */
hrx *hrx_compile(harena *a, const char *pat, size_t n, hbuf *msg);
/* regexp.MatchString (unanchored search): 1 match, 0 none, -1 match limit exceeded,
 * -2 out of memory. */
int hrx_search(hrx *h, const char *s, size_t n);
/* Frees the PCRE2 parts; NULL is a no-op. */
void hrx_free(hrx *h);

#endif
