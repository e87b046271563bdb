/* re2shim.h - the C face of the RE2 library (re2shim.cc), for regexp.c only.
 *
 * RE2 is the C++ library Go's regexp package was ported from: the same leftmost-first
 * submatch rules and the same guarantee of time linear in the input. This header keeps C++
 * out of every other file; nothing here knows Go's syntax (regexp.c checks it first). */
#ifndef HTMPL_RE2SHIM_H
#define HTMPL_RE2SHIM_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hre2 hre2;

/* Compiles an RE2-syntax pattern (UTF-8, Perl flags, `^`/`$` at the ends of the text).
 * NULL on failure: *oom tells out of memory from a pattern RE2 refused; *code then holds
 * RE2's error code (RE2::ErrorCode) so the caller can name the Go error. */
hre2 *hre2_new(const char *pat, size_t n, bool *oom, int *code);
/* Capture groups, without group 0. */
int hre2_ncap(const hre2 *re);
/* An unanchored leftmost-first search of s[pos..n), s[0..pos) being context for `^`, `\b`.
 * caps gets 2 * ncaps offsets (start, end; SIZE_MAX for a group that did not take part).
 * Returns 1 match, 0 none, -1 out of memory. Thread-safe: re is only read. */
int hre2_match(const hre2 *re, const char *s, size_t n, size_t pos, size_t *caps, int ncaps);
void hre2_free(hre2 *re); /* NULL is a no-op */

#ifdef __cplusplus
}
#endif

#endif
