/* sprig.h - the Sprig function families, one file each, named after Sprig's own source files
 * (strings.go, list.go, dict.go, numeric.go, defaults.go, regex.go, semver.go, crypto.go,
 * date.go, reflect.go; encoding.c gathers the encodings, hashes, paths and URLs).
 *
 * A family file exports one symbol, hsprig_<family>(), which adds its table to an env; it is
 * called by hfuncmap_new() (helm/funcmap.c), the one place that knows every family. False on
 * out of memory. */
#ifndef HTMPL_SPRIG_H
#define HTMPL_SPRIG_H

#include "value/env.h"

bool hsprig_strings(henv *env);
bool hsprig_list(henv *env);
bool hsprig_dict(henv *env);
bool hsprig_numeric(henv *env);
bool hsprig_defaults(henv *env);  /* default, empty, coalesce, ternary ... */
bool hsprig_regex(henv *env);
bool hsprig_encoding(henv *env);  /* b64, b32, hashes, paths, url */
/* url.Parse of s[0..n) (encoding.c, as urlParse uses it; go125: Go 1.25's, which checks an
 * IP-literal host): the scheme and Host, or false with Go's *url.Error text (`parse "s":
 * first path segment in URL cannot contain colon`) in err. For helm 4's uri formats
 * (helm/jsonformat6.c). */
bool hsprig_url_parse(const char *s, size_t n, bool go125, hbuf *scheme, hbuf *host, hbuf *err);
bool hsprig_reflect(henv *env);   /* typeOf, kindOf, deepEqual */
bool hsprig_semver(henv *env);
bool hsprig_date(henv *env);
bool hsprig_crypto(henv *env);    /* keys, certs, bcrypt, AES, random */

#endif
