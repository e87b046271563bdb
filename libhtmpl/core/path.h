/* path.h - Go's path.Clean for '/'-separated names (chart files, template names, sprig's
 * clean/dir). */
#ifndef HTMPL_PATH_H
#define HTMPL_PATH_H

#include <stddef.h>

#include "core/buf.h"

/* path.Clean of p[0..n), appended to b: runs of '/' become one, "." elements go, ".." removes
 * the element before it (kept when nothing is left to remove in a relative path, dropped at
 * the root), no trailing '/'; an empty result is ".". */
void hpath_clean(hbuf *b, const char *p, size_t n);

#endif
