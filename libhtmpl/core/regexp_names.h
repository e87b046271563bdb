/* regexp_names.h - \p{Name} as Go 1.25's regexp/syntax reads it (helm 4), for regexp.c.
 *
 * Go 1.23 (helm 3.17) takes only the exact names of package unicode's categories and
 * scripts, and "Any"; RE2 reads them the same way, so regexp.c hands those to RE2 as
 * written. Go 1.25 (helm 4.1) looks names up loosely, after Unicode TR18: case ignored,
 * spaces, underscores and hyphens dropped; it adds the category aliases (Letter, digit,
 * Cased_Letter ...), Cn, LC, Assigned and ASCII, and its C includes Cn. */
#ifndef HTMPL_REGEXP_NAMES_H
#define HTMPL_REGEXP_NAMES_H

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Writes to out the RE2 class text for Go 1.25's \p{name} (negated: \P or {^...}): a
 * bracket expression, or inside a bracket (in_class) the items to put in it. Returns 1 done,
 * 0 a name Go 1.25 does not know (out untouched). */
int hrx_go125_class(const char *name, size_t n, bool negated, bool in_class, hbuf *out);

#endif
