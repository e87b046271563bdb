/* jsonformat6.h - the format checks of santhosh-tekuri/jsonschema v6 (format.go), which helm
 * 4.1.4's validator asserts under `$schema` draft-04, -06 or -07 (schema6.c), with v6's error
 * texts (`missing @`, `invalid domain: label starts with hyphen`, `strconv.Atoi: parsing
 * "a": invalid syntax`, `parsing time "2023-02-30": day out of range`). */
#ifndef HTMPL_JSONFORMAT6_H
#define HTMPL_JSONFORMAT6_H

#include "core/arena.h"
#include "core/buf.h"

#include <stddef.h>

/* Checks string s[0..n) against format: 1 valid; 0 invalid, with the error in why; -1 for a
 * format this file does not check (uri-template and unknown names: they are not asserted
 * here). */
int hjsonformat6_check(harena *a, const char *format, const char *s, size_t n, hbuf *why);

#endif
