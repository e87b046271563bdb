/* funcname.h - text/template's goodName rule for function names (funcname.c). */
#ifndef HTMPL_FUNCNAME_H
#define HTMPL_FUNCNAME_H

#include "core/error.h"

/* True when NAME (NUL-terminated) can be registered and called; false with err set to
 * HTMPL_ERR_USAGE `function name "a b" is not a valid identifier` (Go's panic text) or
 * `function name "if" is a template keyword, so a template could never call it`. */
bool hfuncname_check(const char *name, herr *err);

#endif
